//! Clustering: which facts state the same thing, found through keys of kind, value and name.

use super::milestone::{published_dates, to_milestone, Placed};
use crate::corpus::Article;
use crate::date::Precision;
use crate::extract::{Fact, FactDate, Kind, Quantity, Story};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// Relative tolerance for amounts: 52.5 and 53 billion agree, 400 and 700 million do not.
const TOLERANCE: f64 = 0.02;
/// Percentages must agree to the hundredth of a point, or to the rounding of the less
/// precise one ("8,4%" and "8.39%", "almost 13%" and "12.9%"): see [`percent_tolerance`].
const PERCENT_TOLERANCE: f64 = 0.005;
/// Percent buckets are a point wide: the widest rounding (half a point) reaches a neighbour.
const PERCENT_BUCKET: f64 = 1.0;
/// Share prices move every minute: two prices are one only when they agree to the cent.
const PRICE_TOLERANCE: f64 = 0.0005;
/// A price or a move "as of publication" was quoted within a few days before it.
const QUOTE_DAYS: i64 = 4;

pub(super) struct Entry<'a> {
    pub(super) article: usize,
    /// The fact's place in its article's list.
    pub(super) fact_index: usize,
    pub(super) fact: &'a Fact,
    span: (NaiveDate, NaiveDate),
}

pub(super) struct Cluster<'a> {
    pub(super) kind: Kind,
    pub(super) members: Vec<usize>,
    span: (NaiveDate, NaiveDate),
    /// The founding fact first, then every other amount and name its members state: the
    /// cluster is filed under each; [`admits`] says which a newcomer must agree with.
    facts: Vec<&'a Fact>,
}

/// Where clusters are filed: borrowed from the facts, so that filing allocates little.
#[derive(Hash, PartialEq, Eq, Clone)]
enum Key<'a> {
    /// Kind, series, unit, value bucket.
    Value(Kind, &'a str, &'a str, i64),
    /// Kind, series (or how a release name is meant: `exact`, `within`), lowercased name.
    Entity(Kind, &'a str, String),
}

fn span_of(fact: &Fact, published: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    match (fact.date, published) {
        (FactDate::Stated(d), _) => (d.first_day(), d.last_day()),
        (FactDate::AsOfPublication, Some(p)) if fact.kind == Kind::SharePrice => {
            (p - chrono::Duration::days(QUOTE_DAYS), p)
        }
        // Reported as of publication: it held by then, since when is not said.
        (FactDate::AsOfPublication, Some(p)) => (NaiveDate::MIN, p),
        (FactDate::AsOfPublication, None) => (NaiveDate::MIN, NaiveDate::MAX),
    }
}

pub(super) fn quantities(fact: &Fact) -> impl Iterator<Item = &Quantity> {
    fact.value.iter().chain(fact.converted.iter())
}

/// The value bucket a quantity falls in; buckets are as wide as the kind's tolerance, so an
/// agreeing value lies in the same bucket or a neighbour.
fn bucket(kind: Kind, q: &Quantity) -> i64 {
    if q.unit == "%" {
        return (q.amount / PERCENT_BUCKET).round() as i64;
    }
    if q.amount.abs() < f64::MIN_POSITIVE {
        return i64::MIN;
    }
    let width = if kind == Kind::SharePrice {
        PRICE_TOLERANCE
    } else {
        TOLERANCE
    };
    let b = (q.amount.abs().ln() / (1.0 + width).ln()).floor() as i64;
    if q.amount < 0.0 {
        -b
    } else {
        b
    }
}

pub(super) fn agree(a: &Quantity, b: &Quantity) -> bool {
    agree_within(a, b, TOLERANCE)
}

fn agree_within(a: &Quantity, b: &Quantity, tolerance: f64) -> bool {
    if a.unit != b.unit {
        return false;
    }
    if a.unit == "%" {
        // Rounding, but never more than the relative tolerance: 9 % is not 9.2 %.
        let gap = (a.amount - b.amount).abs();
        let scale = a.amount.abs().max(b.amount.abs());
        return gap <= PERCENT_TOLERANCE
            || gap <= TOLERANCE * scale && gap <= percent_tolerance(a.amount, b.amount);
    }
    let scale = a.amount.abs().max(b.amount.abs());
    scale == 0.0 || (a.amount - b.amount).abs() / scale <= tolerance
}

/// Half a unit of the last digit the less precise of two percentages states: 13 % and
/// 12.9 % may agree (13 is 12.9 rounded), 12.8 % and 12.9 % do not.
fn percent_tolerance(a: f64, b: f64) -> f64 {
    // The places a figure was written with: the first power of ten that makes it whole
    // (arithmetic, not formatting: this runs for every candidate pair).
    let decimals = |x: f64| {
        (0..6)
            .find(|&p| {
                let scaled = x.abs() * 10f64.powi(p);
                (scaled - scaled.round()).abs() <= 1e-6 * scaled.max(1.0)
            })
            .unwrap_or(6)
    };
    let places = decimals(a).min(decimals(b));
    (0.5 * 10f64.powi(-places)).max(PERCENT_TOLERANCE) + 1e-9
}

/// Release names agree when one is the other or begins it at a `-`: Qwen3-VL, Qwen3-VL-32B.
pub(super) fn names_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || (long.starts_with(&short) && long[short.len()..].starts_with('-'))
}

/// The proper prefixes of a release name at its dashes: "qwen3" and "qwen3-vl" for
/// "qwen3-vl-32b".
fn dash_prefixes(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('-').map(move |(i, _)| &name[..i])
}

/// Where a cluster is filed, given a fact it holds.
fn filing_keys(fact: &Fact) -> Vec<Key<'_>> {
    let series = fact.series.as_deref().unwrap_or_default();
    if fact.value.is_some() {
        // Also filed with no series, where a figure that names no listing ("shares rose
        // 8.4%") finds the same move said of one ("8.4% in Hong Kong").
        let any = (!series.is_empty()).then_some("");
        quantities(fact)
            .flat_map(|q| {
                let b = bucket(fact.kind, q);
                std::iter::once(series)
                    .chain(any)
                    .map(move |s| Key::Value(fact.kind, s, &q.unit, b))
            })
            .collect()
    } else if fact.kind == Kind::Release {
        let mut keys = Vec::new();
        for name in fact.entities.iter().map(|e| e.to_lowercase()) {
            keys.extend(
                dash_prefixes(&name).map(|p| Key::Entity(Kind::Release, "within", p.to_string())),
            );
            keys.push(Key::Entity(Kind::Release, "exact", name));
        }
        keys
    } else {
        fact.entities
            .iter()
            .map(|e| Key::Entity(fact.kind, series, e.to_lowercase()))
            .collect()
    }
}

/// Where to look for a cluster a fact may join: neighbouring value buckets; for a release,
/// clusters named like it, by a shorter name it begins with, or by a longer one beginning with it.
fn search_keys(fact: &Fact) -> Vec<Key<'_>> {
    if fact.value.is_some() {
        let mut keys = Vec::new();
        for key in filing_keys(fact) {
            if let Key::Value(kind, series, unit, b) = key {
                for d in [0, -1, 1] {
                    keys.push(Key::Value(kind, series, unit, b.saturating_add(d)));
                }
            }
        }
        keys
    } else if fact.kind == Kind::Release {
        let mut keys = Vec::new();
        for name in fact.entities.iter().map(|e| e.to_lowercase()) {
            keys.push(Key::Entity(Kind::Release, "exact", name.clone()));
            keys.extend(
                dash_prefixes(&name).map(|p| Key::Entity(Kind::Release, "exact", p.to_string())),
            );
            keys.push(Key::Entity(Kind::Release, "within", name));
        }
        keys
    } else {
        filing_keys(fact)
    }
}

fn series_agree(a: &Fact, b: &Fact) -> bool {
    match (&a.series, &b.series) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn facts_agree(a: &Fact, b: &Fact) -> bool {
    if a.kind != b.kind || !series_agree(a, b) {
        return false;
    }
    if a.value.is_some() || b.value.is_some() {
        let tolerance = if a.kind == Kind::SharePrice {
            PRICE_TOLERANCE
        } else {
            TOLERANCE
        };
        return quantities(a).any(|x| quantities(b).any(|y| agree_within(x, y, tolerance)));
    }
    if a.kind == Kind::Release {
        return a
            .entities
            .iter()
            .any(|x| b.entities.iter().any(|y| names_agree(x, y)));
    }
    a.entities
        .iter()
        .any(|x| b.entities.iter().any(|y| x.eq_ignore_ascii_case(y)))
}

pub(super) fn precision_rank(fact: &Fact) -> u8 {
    match fact.date {
        FactDate::Stated(d) => match d.precision() {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Year => 2,
        },
        FactDate::AsOfPublication => 3,
    }
}

/// Every fact of every article, in visiting order.
pub(super) fn all_entries<'a>(articles: &[Article], facts: &'a [Vec<Fact>]) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry<'a>> = facts
        .iter()
        .zip(articles)
        .enumerate()
        .flat_map(|(a, (list, article))| {
            list.iter()
                .enumerate()
                .map(move |(f, fact)| entry(a, f, fact, article))
        })
        .collect();
    sort_entries(&mut entries, articles);
    entries
}

pub(super) fn entry<'a>(
    article: usize,
    fact_index: usize,
    fact: &'a Fact,
    of: &Article,
) -> Entry<'a> {
    Entry {
        article,
        fact_index,
        fact,
        span: span_of(fact, of.published),
    }
}

/// The order facts are visited in: most precisely dated first, then by publication, then in
/// corpus and text order. Dated facts so found the clusters that vaguer ones join.
pub(super) fn visit_order(
    articles: &[Article],
    article: usize,
    fact_index: usize,
    fact: &Fact,
) -> (u8, NaiveDate, usize, (usize, usize), usize) {
    let published = articles[article].published.unwrap_or(NaiveDate::MAX);
    (
        precision_rank(fact),
        published,
        article,
        fact.quote,
        fact_index,
    )
}

pub(super) fn sort_entries(entries: &mut [Entry<'_>], articles: &[Article]) {
    // Each key computed once, not per comparison.
    entries.par_sort_by_cached_key(|e| visit_order(articles, e.article, e.fact_index, e.fact));
}

/// Entries that can only ever meet each other, and what they make.
///
/// A fact meets another (joins its cluster, or is joined) only where one searches a key the
/// other is filed under. Entries are grouped accordingly: those filed under a key with every
/// entry searching it. Groups are clustered apart (on both cores) with the same outcome as
/// together, and the dashboard's reload redoes only the groups a changed article reaches
/// (see [`Reconciliation`](super::Reconciliation)).
pub(super) struct Part {
    /// `(article, fact index)` of every member.
    pub(super) members: Vec<(usize, usize)>,
    /// Hashes of the keys its members are filed under and search.
    pub(super) keys: Keys,
    pub(super) milestones: Vec<Placed>,
}

/// Hashes of the keys a fact is filed under and of those it searches.
///
/// Two facts meet only where one searches a key the other is filed under; a key searched
/// by many but filed under by none joins nobody.
pub(super) fn key_hashes(fact: &Fact) -> Keys {
    use std::hash::BuildHasher;
    // Fixed keys: hashes are compared across runs of the reconciler, never with outside data.
    let build =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    let hashes = |keys: Vec<Key<'_>>| {
        let mut out: Vec<u64> = keys.iter().map(|key| build.hash_one(key)).collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    Keys {
        filing: hashes(filing_keys(fact)),
        search: hashes(search_keys(fact)),
    }
}

/// Key hashes of a fact, or of a part's facts together.
#[derive(Default)]
pub(super) struct Keys {
    pub(super) filing: Vec<u64>,
    pub(super) search: Vec<u64>,
}

/// Groups sorted entries into parts and builds each part's milestones.
pub(super) fn parts(entries: &[Entry<'_>], articles: &[Article], story: &Story) -> Vec<Part> {
    let keys: Vec<Keys> = entries.par_iter().map(|e| key_hashes(e.fact)).collect();
    // Union-find over entries: every entry filed under a key, and every entry searching it,
    // are one group.
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut filer: HashMap<u64, usize> = HashMap::new();
    for (e, k) in keys.iter().enumerate() {
        for &h in &k.filing {
            filer.entry(h).or_insert(e);
        }
    }
    for (e, k) in keys.iter().enumerate() {
        for h in k.filing.iter().chain(&k.search) {
            if let Some(&f) = filer.get(h) {
                let (a, b) = (root(&mut parent, f), root(&mut parent, e));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    // Members of each group in visiting order; groups in order of their first member.
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for e in 0..entries.len() {
        let r = root(&mut parent, e);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(e);
    }

    let published = published_dates(articles);
    groups
        .par_iter()
        .map(|order| {
            let clusters = cluster(entries, order);
            let merged = |of: fn(&Keys) -> &Vec<u64>| {
                let mut all: Vec<u64> = order
                    .iter()
                    .flat_map(|&e| of(&keys[e]).iter().copied())
                    .collect();
                all.sort_unstable();
                all.dedup();
                all
            };
            let part_keys = Keys {
                filing: merged(|k| &k.filing),
                search: merged(|k| &k.search),
            };
            Part {
                members: order
                    .iter()
                    .map(|&e| (entries[e].article, entries[e].fact_index))
                    .collect(),
                keys: part_keys,
                milestones: clusters
                    .iter()
                    .map(|c| to_milestone(c, entries, articles, &published, story))
                    .collect(),
            }
        })
        .collect()
}

/// Whether a fact may join a cluster. An amount must agree with the cluster's founding fact
/// itself (directly, or through a conversion either article states), never with a later
/// member only: tolerances add up along a chain, so 800, 815, 830, 845 and 860 million would
/// become one milestone whose sources lie 7.5 % apart. Names have no tolerance to add up: an
/// event joins when it names what any member names.
fn admits(cluster: &Cluster<'_>, fact: &Fact) -> bool {
    let founder = cluster.facts.first();
    if fact.value.is_some() || founder.is_some_and(|f| f.value.is_some()) {
        return founder.is_some_and(|founder| facts_agree(founder, fact));
    }
    cluster.facts.iter().any(|f| facts_agree(f, fact))
}

/// Clusters the entries listed in `order` (indices into `entries`, all of one kind), visiting
/// them in that order.
pub(super) fn cluster<'a>(entries: &[Entry<'a>], order: &[usize]) -> Vec<Cluster<'a>> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index: HashMap<Key, Vec<usize>> = HashMap::new();
    for &e in order {
        let entry = &entries[e];
        let mut joined = None;
        'search: for key in &search_keys(entry.fact) {
            for &c in index.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                let cluster = &clusters[c];
                let lo = cluster.span.0.max(entry.span.0);
                let hi = cluster.span.1.min(entry.span.1);
                if cluster.kind == entry.fact.kind && lo <= hi && admits(cluster, entry.fact) {
                    joined = Some(c);
                    break 'search;
                }
            }
        }
        match joined {
            Some(c) => {
                let cluster = &mut clusters[c];
                cluster.members.push(e);
                cluster.span = (
                    cluster.span.0.max(entry.span.0),
                    cluster.span.1.min(entry.span.1),
                );
                // Only a fact that adds an amount or a name widens what the cluster answers to.
                if !cluster.facts.iter().any(|f| {
                    f.value == entry.fact.value
                        && f.converted == entry.fact.converted
                        && f.entities == entry.fact.entities
                }) {
                    cluster.facts.push(entry.fact);
                    for key in filing_keys(entry.fact) {
                        let list = index.entry(key).or_default();
                        if !list.contains(&c) {
                            list.push(c);
                        }
                    }
                }
            }
            None => {
                clusters.push(Cluster {
                    kind: entry.fact.kind,
                    members: vec![e],
                    span: entry.span,
                    facts: vec![entry.fact],
                });
                let c = clusters.len() - 1;
                for key in filing_keys(entry.fact) {
                    index.entry(key).or_default().push(c);
                }
            }
        }
    }
    clusters
}

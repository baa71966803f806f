//! Facts to milestones: the same fact from several articles becomes one milestone.
//!
//! Facts are visited most precisely dated first, so dated facts found the clusters that
//! undated ones join. A fact joins a cluster of its kind when their values agree within a
//! small tolerance (through the article's own stated conversion when there is one), or
//! their entities agree for events, and their date spans still overlap. Candidates are
//! looked up in a hash index keyed by kind and quantised value, so no fact is compared
//! with every other: the work grows as n log n (the sort).

use super::title;
use super::{Milestone, Source};
use crate::corpus::{Article, Origin};
use crate::date::{PartialDate, Precision};
use crate::extract::{Fact, FactDate, Kind, Quantity, Story};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

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

struct Entry<'a> {
    article: usize,
    /// The fact's place in its article's list.
    fact_index: usize,
    fact: &'a Fact,
    span: (NaiveDate, NaiveDate),
}

struct Cluster<'a> {
    kind: Kind,
    members: Vec<usize>,
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

fn quantities(fact: &Fact) -> impl Iterator<Item = &Quantity> {
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

fn agree(a: &Quantity, b: &Quantity) -> bool {
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
            || gap <= percent_tolerance(a.amount, b.amount) && gap <= TOLERANCE * scale;
    }
    let scale = a.amount.abs().max(b.amount.abs());
    scale == 0.0 || (a.amount - b.amount).abs() / scale <= tolerance
}

/// Half a unit of the last digit the less precise of two percentages states: 13 % and
/// 12.9 % may agree (13 is 12.9 rounded), 12.8 % and 12.9 % do not.
fn percent_tolerance(a: f64, b: f64) -> f64 {
    let decimals = |x: f64| {
        let text = format!("{}", x.abs());
        text.split_once('.').map_or(0, |(_, d)| d.len().min(6)) as i32
    };
    let places = decimals(a).min(decimals(b));
    (0.5 * 10f64.powi(-places)).max(PERCENT_TOLERANCE) + 1e-9
}

/// Release names agree when one is the other or begins it at a `-`: Qwen3-VL, Qwen3-VL-32B.
fn names_agree(a: &str, b: &str) -> bool {
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

fn precision_rank(fact: &Fact) -> u8 {
    match fact.date {
        FactDate::Stated(d) => match d.precision() {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Year => 2,
        },
        FactDate::AsOfPublication => 3,
    }
}

/// Milestones, oldest first, and one warning per conflict between figures.
pub(super) fn reconcile(
    articles: &[Article],
    facts: &[Vec<Fact>],
    story: &Story,
) -> (Vec<Milestone>, Vec<String>) {
    let entries = all_entries(articles, facts);
    // Clusters never mix kinds: each kind is clustered on its own, in the same order, and the
    // kinds share both cores. (Grouping by keys, as `parts` does, finds more independent
    // groups but costs more than it saves when everything is built at once.)
    let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
    for (e, entry) in entries.iter().enumerate() {
        let k = Kind::ALL
            .iter()
            .position(|&k| k == entry.fact.kind)
            .unwrap_or(0);
        by_kind[k].push(e);
    }
    let clusters: Vec<Cluster> = by_kind
        .par_iter()
        .map(|order| cluster(&entries, order))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let published = published_dates(articles);
    // Each milestone is built from its own cluster alone: both cores can share the work.
    let placed = clusters
        .par_iter()
        .with_min_len(1024)
        .map(|c| to_milestone(c, &entries, articles, &published, story))
        .collect();
    finish(placed, articles, facts)
}

/// Every source of an article shows its date the same way: formatted once per article.
fn published_dates(articles: &[Article]) -> Vec<Option<String>> {
    articles.par_iter().map(Source::published_of).collect()
}

/// Every fact of every article, in visiting order.
fn all_entries<'a>(articles: &[Article], facts: &'a [Vec<Fact>]) -> Vec<Entry<'a>> {
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

fn entry<'a>(article: usize, fact_index: usize, fact: &'a Fact, of: &Article) -> Entry<'a> {
    Entry {
        article,
        fact_index,
        fact,
        span: span_of(fact, of.published),
    }
}

/// The order facts are visited in: most precisely dated first, then by publication, then in
/// corpus and text order. Dated facts so found the clusters that vaguer ones join.
fn visit_order(
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

fn sort_entries(entries: &mut [Entry<'_>], articles: &[Article]) {
    // Each key computed once, not per comparison.
    entries.par_sort_by_cached_key(|e| visit_order(articles, e.article, e.fact_index, e.fact));
}

/// A milestone with the fact that founded its cluster: `(article, fact index)`.
#[derive(Clone)]
struct Placed {
    milestone: Milestone,
    first: (usize, usize),
}

/// Entries that can only ever meet each other, and what they make.
///
/// A fact meets another (joins its cluster, or is joined) only where one searches a key the
/// other is filed under. Entries are grouped accordingly: those filed under a key with every
/// entry searching it. Groups are clustered apart (on both cores) with the same outcome as
/// together, and the dashboard's reload redoes only the groups a changed article reaches
/// (see [`Reconciliation`]).
struct Part {
    /// `(article, fact index)` of every member.
    members: Vec<(usize, usize)>,
    /// Hashes of the keys its members are filed under and search.
    keys: Keys,
    milestones: Vec<Placed>,
}

/// Hashes of the keys a fact is filed under and of those it searches.
///
/// Two facts meet only where one searches a key the other is filed under; a key searched
/// by many but filed under by none joins nobody.
fn key_hashes(fact: &Fact) -> Keys {
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
struct Keys {
    filing: Vec<u64>,
    search: Vec<u64>,
}

/// Groups sorted entries into parts and builds each part's milestones.
fn parts(entries: &[Entry<'_>], articles: &[Article], story: &Story) -> Vec<Part> {
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

/// Sorts milestones oldest first, names them and lists conflicts.
fn finish(
    mut placed: Vec<Placed>,
    articles: &[Article],
    facts: &[Vec<Fact>],
) -> (Vec<Milestone>, Vec<String>) {
    let founded = |p: &Placed| {
        let (a, f) = p.first;
        facts
            .get(a)
            .and_then(|list| list.get(f))
            .map(|fact| visit_order(articles, a, f, fact))
    };
    let date = |m: &Milestone| {
        (
            m.date.map(|d| d.first_day()).unwrap_or(NaiveDate::MAX),
            m.date.map(|d| d.precision()),
        )
    };
    // No two milestones were founded by one fact: the order is total, and an unstable sort
    // gives the one order.
    placed.par_sort_unstable_by(|a, b| {
        let (x, y) = (&a.milestone, &b.milestone);
        date(x)
            .cmp(&date(y))
            .then(x.kind.cmp(&y.kind))
            .then_with(|| x.title.cmp(&y.title))
            // Ties keep the order their clusters were founded in.
            .then_with(|| founded(a).cmp(&founded(b)))
    });
    let mut milestones: Vec<Milestone> = placed.into_iter().map(|p| p.milestone).collect();
    assign_ids(&mut milestones);
    let warnings = conflicts(&milestones);
    (milestones, warnings)
}

/// Reconciliation that keeps its parts (see [`Part`]), so that after a few articles change,
/// only the parts their facts reach are built again: the live dashboard's reload.
///
/// Its milestones are always those [`reconcile`] makes of the same articles and facts.
pub struct Reconciliation {
    last: Option<State>,
    /// The story milestones are titled for.
    story: std::sync::Arc<Story>,
}

impl Default for Reconciliation {
    /// A reconciliation for the bundled story.
    fn default() -> Reconciliation {
        Reconciliation::new(std::sync::Arc::new(Story::bundled()))
    }
}

/// What the last run built, numbered by its articles.
struct State {
    /// The articles reconciled, by origin, with the id their sources name.
    origins: Vec<Origin>,
    ids: Vec<String>,
    /// The part of every fact, by article and fact index.
    part_of: Vec<Vec<usize>>,
    /// Parts by number; `None` once rebuilt into others.
    parts: Vec<Option<Part>>,
    /// The part whose facts are filed under a key hash: one at most, since the facts filed
    /// under a key and those searching it are one part.
    filer: HashMap<u64, usize>,
    /// The parts searching a key hash (several when nothing is filed under it); some may be
    /// gone, which readers skip.
    searchers: HashMap<u64, Vec<usize>>,
}

impl Reconciliation {
    /// A reconciliation that titles milestones for `story`.
    pub fn new(story: std::sync::Arc<Story>) -> Reconciliation {
        Reconciliation { last: None, story }
    }

    /// The story it titles milestones for.
    pub fn story(&self) -> std::sync::Arc<Story> {
        self.story.clone()
    }

    /// Milestones and conflicts for `articles` and their `facts`. `changed` names, by origin,
    /// the articles added, changed or removed since the last run; with `None`, or when the
    /// change cannot be followed (ids renumbered, origins repeated), everything is rebuilt.
    pub fn run(
        &mut self,
        articles: &[Article],
        facts: &[Vec<Fact>],
        changed: Option<&HashSet<Origin>>,
    ) -> (Vec<Milestone>, Vec<String>) {
        let updated = match (self.last.take(), changed) {
            (Some(state), Some(changed)) => state.update(articles, facts, changed, &self.story),
            _ => None,
        };
        let state = updated.unwrap_or_else(|| State::build(articles, facts, &self.story));
        // The order does not matter: `finish` sorts on a key no two milestones share.
        let placed = state
            .parts
            .par_iter()
            .flatten()
            .flat_map_iter(|p| p.milestones.iter().cloned())
            .collect();
        let result = finish(placed, articles, facts);
        self.last = Some(state);
        result
    }
}

impl State {
    fn build(articles: &[Article], facts: &[Vec<Fact>], story: &Story) -> State {
        let entries = all_entries(articles, facts);
        let mut state = State {
            origins: articles.iter().map(|a| a.origin.clone()).collect(),
            ids: articles.iter().map(|a| a.id.clone()).collect(),
            // One list per article, even when fewer fact lists were given.
            part_of: (0..articles.len())
                .map(|i| vec![usize::MAX; facts.get(i).map_or(0, Vec::len)])
                .collect(),
            parts: Vec::new(),
            filer: HashMap::new(),
            searchers: HashMap::new(),
        };
        for part in parts(&entries, articles, story) {
            state.add(part);
        }
        state
    }

    /// Files a new part under the next number.
    fn add(&mut self, part: Part) {
        let id = self.parts.len();
        for &(a, f) in &part.members {
            if let Some(slot) = self.part_of.get_mut(a).and_then(|l| l.get_mut(f)) {
                *slot = id;
            }
        }
        for &h in &part.keys.filing {
            self.filer.insert(h, id);
        }
        for &h in &part.keys.search {
            let list = self.searchers.entry(h).or_default();
            list.retain(|&p| self.parts.get(p).is_some_and(Option::is_some));
            list.push(id);
        }
        self.parts.push(Some(part));
    }

    /// The state for the new articles, rebuilding only the parts the change reaches; `None`
    /// when the change cannot be followed.
    fn update(
        self,
        articles: &[Article],
        facts: &[Vec<Fact>],
        changed: &HashSet<Origin>,
        story: &Story,
    ) -> Option<State> {
        if facts.len() != articles.len() {
            return None;
        }
        // Articles keep their relative order (the corpus is read in path order): one walk
        // through both lists pairs the unchanged ones, whose place may move.
        let mut old_to_new: Vec<Option<usize>> = vec![None; self.origins.len()];
        let mut new_to_old: Vec<Option<usize>> = vec![None; articles.len()];
        let (mut old, mut new) = (0, 0);
        while old < self.origins.len() || new < articles.len() {
            let o = self.origins.get(old);
            let n = articles.get(new).map(|a| &a.origin);
            if o.is_some() && o == n && !changed.contains(&articles[new].origin) {
                if articles[new].id != self.ids[old] || facts[new].len() != self.part_of[old].len()
                {
                    return None;
                }
                old_to_new[old] = Some(new);
                new_to_old[new] = Some(old);
                old += 1;
                new += 1;
            } else if o.is_some_and(|o| changed.contains(o)) {
                old += 1;
            } else if n.is_some_and(|n| changed.contains(n)) {
                new += 1;
            } else {
                // An article moved or changed without being named: rebuild everything.
                return None;
            }
        }
        let fresh: Vec<usize> = (0..articles.len())
            .filter(|&i| new_to_old[i].is_none())
            .collect();

        // The parts the change reaches: those of the facts gone, and those the new facts meet.
        let mut dirty: HashSet<usize> = HashSet::new();
        for (old, new) in old_to_new.iter().enumerate() {
            if new.is_none() {
                dirty.extend(self.part_of[old].iter().copied());
            }
        }
        let live = |p: &usize| self.parts.get(*p).is_some_and(Option::is_some);
        for &i in &fresh {
            for fact in &facts[i] {
                let keys = key_hashes(fact);
                // Parts it may join, and parts that may join it.
                for h in keys.search.iter().chain(&keys.filing) {
                    dirty.extend(self.filer.get(h).filter(|p| live(p)));
                }
                for h in &keys.filing {
                    dirty.extend(
                        self.searchers
                            .get(h)
                            .into_iter()
                            .flatten()
                            .filter(|p| live(p)),
                    );
                }
            }
        }

        // Built again: the reached parts' remaining facts with the new articles' facts.
        let mut entries = Vec::new();
        for &p in &dirty {
            let Some(Some(part)) = self.parts.get(p) else {
                continue;
            };
            for &(a, f) in &part.members {
                if let Some(new) = old_to_new.get(a).copied().flatten() {
                    entries.push(entry(new, f, facts[new].get(f)?, &articles[new]));
                }
            }
        }
        for &i in &fresh {
            for (f, fact) in facts[i].iter().enumerate() {
                entries.push(entry(i, f, fact, &articles[i]));
            }
        }
        sort_entries(&mut entries, articles);
        let rebuilt = parts(&entries, articles, story);

        // The rest is carried over, renumbered for the new corpus order.
        let parts: Vec<Option<Part>> = self
            .parts
            .into_par_iter()
            .enumerate()
            .map(|(id, part)| {
                part.filter(|_| !dirty.contains(&id))
                    .map(|p| p.renumbered(&old_to_new))
            })
            .collect();
        let part_of = new_to_old
            .iter()
            .zip(facts)
            .map(|(old, list)| match old {
                Some(old) => self.part_of[*old].clone(),
                None => vec![usize::MAX; list.len()],
            })
            .collect();
        let mut state = State {
            origins: articles.iter().map(|a| a.origin.clone()).collect(),
            ids: articles.iter().map(|a| a.id.clone()).collect(),
            part_of,
            parts,
            filer: self.filer,
            searchers: self.searchers,
        };
        for part in rebuilt {
            state.add(part);
        }
        Some(state)
    }
}

impl Part {
    /// The part with article numbers moved to a new corpus order (`None`: the article is gone,
    /// which cannot happen for a part the change did not reach).
    fn renumbered(mut self, old_to_new: &[Option<usize>]) -> Part {
        let new = |a: usize| old_to_new.get(a).copied().flatten().unwrap_or(usize::MAX);
        for m in &mut self.members {
            m.0 = new(m.0);
        }
        for placed in &mut self.milestones {
            placed.first.0 = new(placed.first.0);
            for source in &mut placed.milestone.sources {
                source.article_index = new(source.article_index);
            }
        }
        self
    }
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
fn cluster<'a>(entries: &[Entry<'a>], order: &[usize]) -> Vec<Cluster<'a>> {
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

/// A cluster's milestone, with the fact that founded it.
fn to_milestone(
    cluster: &Cluster,
    entries: &[Entry<'_>],
    articles: &[Article],
    published: &[Option<String>],
    story: &Story,
) -> Placed {
    let members: Vec<&Entry<'_>> = cluster.members.iter().map(|&i| &entries[i]).collect();
    let seed = members[0].fact;

    // One source per article: its best-dated, most specific statement, a sentence of the
    // text before a headline repeated in the body.
    let mut best: Vec<&Entry<'_>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let rank = |e: &Entry<'_>| {
        (
            precision_rank(e.fact),
            is_heading(&articles[e.article].body, e.fact.quote),
            std::cmp::Reverse(e.fact.entities.len()),
            e.fact.quote.0,
        )
    };
    for m in &members {
        match slot.get(&m.article).map(|&i| &mut best[i]) {
            Some(b) => {
                let better = rank(m) < rank(b);
                if better {
                    *b = m;
                }
            }
            None => {
                slot.insert(m.article, best.len());
                best.push(m);
            }
        }
    }
    best.sort_by_key(|e| {
        (
            articles[e.article].published.unwrap_or(NaiveDate::MAX),
            e.article,
        )
    });

    let date = members
        .iter()
        .filter_map(|e| match e.fact.date {
            FactDate::Stated(d) => Some(d),
            FactDate::AsOfPublication => None,
        })
        .min_by_key(|d| (std::cmp::Reverse(d.precision()), d.first_day()))
        .or_else(|| {
            best.iter()
                .filter_map(|e| articles[e.article].published)
                .min()
                .map(|p| PartialDate::day(p).to_month())
        });

    // The value most sources state, as stated (never an average).
    let mut tally: Vec<(Quantity, usize)> = Vec::new();
    for e in &best {
        if let Some(q) = &e.fact.value {
            match tally.iter_mut().find(|(t, _)| agree(t, q)) {
                Some((_, n)) => *n += 1,
                None => tally.push((q.clone(), 1)),
            }
        }
    }
    let value = tally.iter().max_by_key(|(_, n)| *n).map(|(q, _)| q.clone());
    let others: Vec<Quantity> = members
        .iter()
        .flat_map(|e| quantities(e.fact))
        .filter(|q| value.as_ref().is_none_or(|v| v.unit != q.unit))
        .fold(Vec::new(), |mut acc: Vec<Quantity>, q| {
            if !acc.iter().any(|a| a.unit == q.unit) {
                acc.push(q.clone());
            }
            acc
        });

    let mut entities: Vec<String> = Vec::new();
    for e in &members {
        for name in &e.fact.entities {
            if !entities.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                entities.push(name.clone());
            }
        }
    }
    if cluster.kind == Kind::Release {
        let all = entities.clone();
        entities.retain(|n| {
            !all.iter()
                .any(|m| m != n && names_agree(n, m) && m.len() > n.len())
        });
    }
    let topic = members.iter().find_map(|e| e.fact.topic.clone());
    let series = members.iter().find_map(|e| e.fact.series.clone());

    let sources = best
        .iter()
        .map(|e| {
            Source::of(
                e.article,
                &articles[e.article],
                published[e.article].clone(),
                e.fact.quote,
                e.fact.figure,
            )
        })
        .collect();

    let spec = title::Spec {
        kind: cluster.kind,
        value: value.as_ref(),
        others: &others,
        entities: &entities,
        topic: topic.as_deref(),
        series: series.as_deref(),
        qualifier: seed.qualifier,
    };
    let founder = members[0];
    Placed {
        milestone: Milestone {
            id: String::new(),
            date,
            kind: cluster.kind,
            title: title::title(&spec, story),
            value: value.as_ref().map(|q| q.amount),
            unit: value.as_ref().map(|q| q.unit.clone()),
            sources,
            series,
        },
        first: (founder.article, founder.fact_index),
    }
}

/// Whether a quoted span reads as a headline: it ends without a sentence's final mark.
fn is_heading(body: &str, (start, end): (usize, usize)) -> bool {
    let text = body.get(start..end).unwrap_or("").trim_end();
    let text = text.trim_end_matches(['"', '\'', '»', '”', '’', ')']);
    !text.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Ids readable and stable across runs: `2026-01-downloads-700m`.
fn assign_ids(milestones: &mut [Milestone]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for m in milestones.iter_mut() {
        let date = m.date.map_or("undated".to_string(), |d| d.to_string());
        let what = match (m.value, &m.unit) {
            (Some(v), Some(u)) => format!("{}-{}", super::compact_number(v), u),
            _ => m.title.clone(),
        };
        let base = slug(&format!("{date}-{}-{what}", m.kind.as_str()));
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        m.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// Lowercase ASCII letters, digits and single dashes only: safe in any file name or URL.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '.' if out.chars().last().is_some_and(|p: char| p.is_ascii_digit()) => 'p',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// At most this many conflicts are listed one by one; the rest are counted.
const MAX_CONFLICTS_LISTED: usize = 100;

/// The citing articles of a milestone, the first few by name.
fn cited(m: &Milestone) -> String {
    let names: Vec<&str> = m
        .sources
        .iter()
        .take(3)
        .map(|s| s.article.as_str())
        .collect();
    match m.sources.len().saturating_sub(3) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

/// Two figures for one series on one stated date: kept apart, and said.
pub(super) fn conflicts(milestones: &[Milestone]) -> Vec<String> {
    let mut seen: HashMap<(Kind, Option<&str>, &str, PartialDate), &Milestone> = HashMap::new();
    let mut out = Vec::new();
    for m in milestones {
        let (Some(date), Some(unit), Some(_)) = (m.date, &m.unit, m.value) else {
            continue;
        };
        if matches!(m.kind, Kind::Impact | Kind::Other) {
            continue;
        }
        let key = (m.kind, m.series.as_deref(), unit.as_str(), date);
        match seen.get(&key) {
            Some(first) => {
                let names = cited;
                out.push(format!(
                    "conflicting figures for {} on {date}: {} ({}) vs {} ({}); both kept",
                    m.kind,
                    first.display_value().unwrap_or_default(),
                    names(first),
                    m.display_value().unwrap_or_default(),
                    names(m)
                ));
            }
            None => {
                seen.insert(key, m);
            }
        }
    }
    if out.len() > MAX_CONFLICTS_LISTED {
        let more = out.len() - MAX_CONFLICTS_LISTED;
        out.truncate(MAX_CONFLICTS_LISTED);
        out.push(format!("... and {more} more conflicting figures, all kept"));
    }
    out
}

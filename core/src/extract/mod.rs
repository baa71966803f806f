//! Extraction: from an article's sentences to facts, driven by per-language lexicons.
//!
//! Each sentence becomes a stream of items (numbers, lexicon phrases, ISO dates, product
//! names) in text order. Dates are resolved first, in article order, since "two months later"
//! depends on the date just mentioned. Then figures are assembled (number, magnitude,
//! currency or percent, unit noun, a stated conversion), given a kind from the words around
//! them, and kept only when the sentence is about the story's subject. Events without a
//! figure (releases, partnerships, rankings) come from their own words.

mod dates;
pub mod fact;
mod lexicon;
mod numbers;
mod sentences;

use crate::assets::ExtractorData;
use crate::corpus::Article;
use crate::date::Precision;
use dates::DateMention;
use regex::Regex;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

pub use fact::{Fact, FactDate, Kind, Qualifier, Quantity};
pub use lexicon::{Entity, Lexicon, LexiconError, Story, Term};

pub use crate::assets::{languages, month_number};

/// Everything extraction needs: the compiled lexicons and the story's names.
pub struct Extractor {
    /// The story and lexicon texts this extractor was built from.
    data: ExtractorData,
    /// Compiled on first use (one per `data.lexicons`): a language's automaton takes
    /// milliseconds to build, and a corpus (or a warm cache) may need few of them.
    lexicons: Vec<OnceLock<Lexicon>>,
    story: Story,
    products: Regex,
    /// Trading venues ("Hong Kong", "Nueva York", "Tradegate") and their listing currency.
    venues: aho_corasick::AhoCorasick,
    venue_codes: Vec<String>,
    version: String,
}

impl std::fmt::Debug for Extractor {
    /// The data it was built from, by fingerprint: the automata are too large to print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("story", &self.story.product)
            .field("languages", &self.languages().collect::<Vec<_>>())
            .field("version", &self.version)
            .finish()
    }
}

/// Per-share prices stay far below this; a larger sum near a share word is something else.
const MAX_SHARE_PRICE: f64 = 100_000.0;

static SHARED: LazyLock<Extractor> = LazyLock::new(|| {
    // The data ships inside the binary; the tests load it, so a failure here is a build defect.
    Extractor::from_assets().expect("bundled lexicons are valid")
});

impl Extractor {
    /// The extractor built from the bundled data, compiled once.
    pub fn shared() -> &'static Extractor {
        &SHARED
    }

    /// Compiles the bundled lexicons and story file.
    pub fn from_assets() -> Result<Extractor, LexiconError> {
        Extractor::new(ExtractorData::bundled())
    }

    /// An extractor for any story in any set of lexicons: nothing about the story or its
    /// languages is in the code.
    pub fn new(data: ExtractorData) -> Result<Extractor, LexiconError> {
        let story: Story = toml::from_str(&data.story).map_err(|e| LexiconError {
            file: "story.toml".into(),
            message: e.to_string(),
        })?;
        let lexicons = data.lexicons.iter().map(|_| OnceLock::new()).collect();
        // Longest first, so "Tongyi Qianwen" wins over "Tongyi".
        let mut prefixes: Vec<String> = story
            .product_prefixes
            .iter()
            .map(|p| regex::escape(p))
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        // No `\b`: Unicode word boundaries force a slow engine; the start is checked by hand.
        // A version may stand apart: "Qwen 2.5-Max", "Qwen 3.5" (checked in `product_end`).
        let products = Regex::new(&format!(
            r"(?:{})(?:[\p{{L}}0-9]|[.\-][\p{{L}}0-9])*(?: [1-9](?:\.[0-9])?(?:-[\p{{L}}0-9]+)*)?",
            prefixes.join("|")
        ))
        .map_err(|e| LexiconError {
            file: "story.toml".into(),
            message: e.to_string(),
        })?;
        let version = data.fingerprint();
        let mut venue_list: Vec<(&String, &String)> = story.venues.iter().collect();
        venue_list.sort();
        let venues = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            .build(venue_list.iter().map(|(v, _)| v.as_str()))
            .map_err(|e| LexiconError {
                file: "story.toml".into(),
                message: e.to_string(),
            })?;
        let venue_codes = venue_list.iter().map(|(_, c)| (*c).clone()).collect();
        Ok(Extractor {
            data,
            lexicons,
            story,
            products,
            venues,
            venue_codes,
            version,
        })
    }

    /// A fingerprint of the lexicons and story data: cached facts are valid only for it.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn story(&self) -> &Story {
        &self.story
    }

    /// The lexicon for a language code, English (or the first) when the language has none.
    pub fn lexicon(&self, lang: &str) -> &Lexicon {
        let index = self
            .data
            .lexicons
            .iter()
            .position(|l| l.code == lang)
            .unwrap_or(0);
        let source = &self.data.lexicons[index];
        self.lexicons[index].get_or_init(|| {
            // Bundled data is compiled by `every_lexicon_compiles` in the tests, and data given
            // to `new` by `compile_all` before use: a failure here is a defect of either.
            Lexicon::compile(
                &source.text,
                &format!("{}.toml", source.code),
                &self.data.common,
                &self.story,
            )
            .expect("lexicon compiles")
        })
    }

    /// The language codes this extractor has a lexicon for.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.data.lexicons.iter().map(|l| l.code.as_str())
    }

    /// Compiles every lexicon now (tests, benchmarks, data from a folder), reporting the first
    /// that fails.
    pub fn compile_all(&self) -> Result<(), LexiconError> {
        for (source, slot) in self.data.lexicons.iter().zip(&self.lexicons) {
            let name = format!("{}.toml", source.code);
            let lexicon = Lexicon::compile(&source.text, &name, &self.data.common, &self.story)?;
            let _ = slot.set(lexicon);
        }
        Ok(())
    }

    /// The facts an article states, in text order.
    pub fn extract(&self, article: &Article) -> Vec<Fact> {
        let lexicon = self.lexicon(&article.lang);
        let body = article.body.as_str();
        let sentences = sentences::split(body, &article.furniture);
        let items = self.scan_items(body, lexicon);
        let mut parsed = parse_sentences(body, &sentences, &items);
        dates::resolve(body, &mut parsed, article.published);
        let about_subject = parsed
            .iter()
            .flat_map(|p| p.items.iter())
            .filter(|i| i.is_subject())
            .count()
            >= 2;
        let main_product = self.main_product(body, &items);
        let mut facts = Vec::new();
        let mut paragraph = usize::MAX;
        let mut on_subject = about_subject;
        // Whether the paragraph has named nobody yet, so `on_subject` is only the article's default.
        let mut by_default = true;
        let capitals_are_names = lexicon.capitals_are_names;
        for idx in 0..parsed.len() {
            let p = &parsed[idx];
            if p.sentence.paragraph != paragraph {
                paragraph = p.sentence.paragraph;
                on_subject = about_subject;
                by_default = true;
            }
            // "Las acciones de Tesla cayeron un 4%": in a paragraph that names nobody we know,
            // a sentence naming someone else is not about the subject. Sentences without a
            // number or an event word state nothing and are not examined at all.
            let may_state = p.items.iter().any(Item::may_state);
            let someone_else =
                may_state && by_default && capitals_are_names && self.names_someone_else(body, p);
            let ctx = SentenceCtx {
                body,
                p,
                inherited: on_subject && !someone_else,
                story: &self.story,
                previous: &parsed[..idx],
                published: article.published,
                venues: &self.venues,
                venue_codes: &self.venue_codes,
                main_product: main_product.as_deref(),
                of_app: std::cell::OnceCell::new(),
            };
            if may_state {
                ctx.facts(&mut facts);
            }
            if p.items.iter().any(Item::is_subject) {
                on_subject = true;
                by_default = false;
            } else if p.items.iter().any(|i| i.rival().is_some()) || someone_else {
                on_subject = false;
                by_default = false;
            }
        }
        if article.published.is_none() {
            date_by_text(&parsed, &mut facts);
        }
        facts
    }

    /// The product name the article uses most often (the first on a tie), as a release name.
    fn main_product(&self, body: &str, items: &[Item<'_>]) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for item in items.iter().filter(|i| matches!(i.what, What::Product)) {
            let name = release_name(&body[item.start..item.end], &self.story.product_prefixes);
            match counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += 1,
                None => counts.push((name, 1)),
            }
        }
        // A versioned name ("Qwen3.5") says more than the family name around it.
        let bare = |n: &str| self.story.product_prefixes.iter().any(|p| p == n);
        if counts.iter().any(|(n, _)| !bare(n)) {
            counts.retain(|(n, _)| !bare(n));
        }
        let best = counts.iter().map(|(_, c)| *c).max()?;
        counts.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n)
    }

    /// Whether a sentence names a capitalised someone the lexicons do not know: a word in
    /// title case, not opening the sentence or following a colon, not a known name, place,
    /// month or lexicon phrase.
    fn names_someone_else(&self, body: &str, p: &ParsedSentence<'_, '_>) -> bool {
        let text = &body[p.sentence.start..p.sentence.end];
        let mut offset = 0;
        // Words come in text order: the items starting before a word are walked once, keeping
        // how far they reach, so a sentence of many words and items stays linear.
        let (mut next_item, mut reach) = (0, 0);
        for word in text.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '-')) {
            let start = p.sentence.start + offset;
            offset += word.len();
            let w = word.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            let mut chars = w.chars();
            let title_case = chars.next().is_some_and(char::is_uppercase)
                && chars.next().is_some_and(char::is_lowercase);
            if !title_case || w.chars().count() < 3 || start == p.sentence.start {
                continue;
            }
            let before = body[p.sentence.start..start].trim_end();
            if before.ends_with([':', '.', '!', '?', '"', '«', '“', '—', '–']) || before.is_empty()
            {
                continue;
            }
            while let Some(item) = p.items.get(next_item).filter(|i| i.start <= start) {
                reach = reach.max(item.end);
                next_item += 1;
            }
            let known = start < reach;
            let venue = self
                .venues
                .find(
                    aho_corasick::Input::new(&body[start..p.sentence.end])
                        .anchored(aho_corasick::Anchored::Yes),
                )
                .is_some();
            if !known && !venue {
                return true;
            }
        }
        false
    }

    /// Scans the whole body once for each kind of item (one pass is much faster than one
    /// per sentence): the items in text order.
    fn scan_items<'l>(&self, body: &str, lexicon: &'l Lexicon) -> Vec<Item<'l>> {
        let whole = (0, body.len());
        let mut isos: Vec<Item<'l>> = dates::numeric_dates(body, whole, lexicon.month_first)
            .into_iter()
            .map(|(start, end, date)| Item {
                start,
                end,
                what: What::Iso(date),
            })
            .collect();
        isos.sort_unstable_by_key(Item::order);
        // Both lists are in text order: one sweep drops the numbers inside dates.
        let mut next_iso = 0;
        let scanned = numbers::scan(body, whole, lexicon.decimal, &lexicon.group);
        let mut numbers: Vec<Item<'l>> = scanned
            .filter(|n| {
                while isos.get(next_iso).is_some_and(|d| d.end <= n.start) {
                    next_iso += 1;
                }
                !isos[next_iso..]
                    .iter()
                    .take_while(|d| d.start < n.end)
                    .any(|d| n.start < d.end)
            })
            .map(|n| Item {
                start: n.start,
                end: n.end,
                what: What::Number(n),
            })
            .collect();
        let hits: Vec<Item<'l>> = lexicon
            .hits(body, whole)
            .into_iter()
            .map(|hit| Item {
                start: hit.start,
                end: hit.end,
                what: What::Terms(hit.terms),
            })
            .collect();
        let mut products: Vec<Item<'l>> = self
            .products
            .find_iter(body)
            .filter(|m| {
                !body[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .map(|m| Item {
                start: m.start(),
                end: product_end(body, m.start(), m.end(), &hits),
                what: What::Product,
            })
            .collect();
        // Numbers and phrases are scanned left to right; the products are sorted here.
        products.sort_unstable_by_key(Item::order);
        // The version of "Qwen 2.5" is part of the name, not a number of its own.
        let mut next_product = 0;
        numbers.retain(|n| {
            while products.get(next_product).is_some_and(|p| p.end <= n.start) {
                next_product += 1;
            }
            !products
                .get(next_product)
                .is_some_and(|p| p.start <= n.start && n.end <= p.end)
        });
        merge(merge(numbers, isos), merge(hits, products))
    }
}

/// Where a product name found by the regex ends: a version standing apart ("Qwen 2.5") is
/// part of it only when no figure goes on after it ("Qwen 2,5 millions", "Qwen 3 %"): the
/// next phrase (`hits`, in text order) is then no magnitude, percent, currency or unit.
fn product_end(body: &str, start: usize, end: usize, hits: &[Item<'_>]) -> usize {
    let Some(space) = body[start..end].find(' ').map(|i| start + i) else {
        return end;
    };
    let rest = &body[end..];
    let mut chars = rest.chars();
    let continues_number = match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(',' | '.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let next = hits.partition_point(|h| h.start < end);
    let figure_word = hits.get(next).is_some_and(|h| {
        adjacent(body, end, h.start)
            && h.has(|t| {
                matches!(
                    t,
                    Term::Magnitude(_) | Term::Percent | Term::Currency(_) | Term::Unit(_)
                )
            })
    });
    if continues_number || figure_word {
        space
    } else {
        end
    }
}

/// A release name as titles and merging use it: a version number joined to the family
/// name, "Qwen 2.5-Max" and "Qwen-3-Max" as "Qwen2.5-Max" and "Qwen3-Max"; a size keeps its
/// dash ("QwQ-32B"). The quote keeps the article's spelling.
fn release_name(name: &str, prefixes: &[String]) -> String {
    for p in prefixes {
        if let Some(rest) = name.strip_prefix(p.as_str()) {
            if let Some(tail) = rest.strip_prefix([' ', '-']) {
                let version = tail.split('-').next().unwrap_or("");
                let numeric = version.starts_with(|c: char| c.is_ascii_digit())
                    && version.chars().all(|c| c.is_ascii_digit() || c == '.');
                if numeric {
                    return format!("{p}{tail}");
                }
            }
        }
    }
    name.to_string()
}

/// Hands each sentence the items that lie inside it; items in furniture fall between
/// sentences and are dropped.
fn parse_sentences<'a, 'l>(
    body: &str,
    sentences: &[sentences::Sentence],
    items: &'a [Item<'l>],
) -> Vec<ParsedSentence<'a, 'l>> {
    let mut next = 0;
    sentences
        .iter()
        .map(|&sentence| {
            while next < items.len() && items[next].start < sentence.start {
                next += 1;
            }
            let first = next;
            while next < items.len() && items[next].start < sentence.end {
                next += 1;
            }
            let span = &items[first..next];
            // An item running past the sentence's end (rare) is left out of it.
            let inside: Cow<'a, [Item<'l>]> = if span.iter().all(|i| i.end <= sentence.end) {
                Cow::Borrowed(span)
            } else {
                span.iter()
                    .filter(|i| i.end <= sentence.end)
                    .cloned()
                    .collect()
            };
            // Clauses matter only where something may be stated.
            let clauses = if inside.iter().any(Item::may_state) {
                clause_breaks(body, (sentence.start, sentence.end))
            } else {
                Vec::new()
            };
            ParsedSentence {
                sentence,
                items: inside,
                dates: Vec::new(),
                clauses,
            }
        })
        .collect()
}

/// The month number of a month name in any of the bundled languages.
/// An undated article still places its story in time: a figure its sentence leaves undated
/// takes the latest month or day the text named before it, else the first it names after it
/// (a summary above "Le 6 mars 2025, ..."). Years alone ("Siri in 2010") and "since" dates
/// are background, not the story's date.
fn date_by_text(parsed: &[ParsedSentence<'_, '_>], facts: &mut [Fact]) {
    let anchors: Vec<&DateMention> = parsed
        .iter()
        .flat_map(|p| p.dates.iter())
        .filter(|d| !d.since && d.date.precision() >= Precision::Month)
        .collect();
    // Figures only: an undated event joins the same event dated elsewhere ("Alibaba emerged
    // as Apple's partner" is the partnership announced on February 13).
    for fact in facts
        .iter_mut()
        .filter(|f| f.date == FactDate::AsOfPublication && f.value.is_some())
    {
        // The anchors are in text order: found by search, so many figures stay linear.
        let at = fact.quote.0;
        let ended = anchors.partition_point(|d| d.end <= at);
        let before = ended.checked_sub(1).map(|k| anchors[k]);
        let after = || anchors[ended..].iter().find(|d| d.start >= at).copied();
        if let Some(d) = before.or_else(after) {
            fact.date = FactDate::Stated(d.date);
        }
    }
}

/// A fingerprint of the bundled lexicons and story data, known without compiling anything:
/// cached facts are valid only for the data that produced them.
pub fn data_version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| ExtractorData::bundled().fingerprint());
    &VERSION
}

/// One thing found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Item<'l> {
    pub start: usize,
    pub end: usize,
    pub what: What<'l>,
}

#[derive(Debug, Clone)]
pub(crate) enum What<'l> {
    Number(numbers::Number),
    Iso(chrono::NaiveDate),
    Terms(&'l [Term]),
    /// A model or product name of the subject: `Qwen3-VL-32B`.
    Product,
}

impl What<'_> {
    /// Orders items that share a span by the scan that found them.
    fn rank(&self) -> u8 {
        match self {
            What::Number(_) => 0,
            What::Iso(_) => 1,
            What::Terms(_) => 2,
            What::Product => 3,
        }
    }
}

impl<'l> Item<'l> {
    /// Text order; items of different scans that share a span keep the scans' order.
    fn order(&self) -> (usize, usize, u8) {
        (self.start, self.end, self.what.rank())
    }

    fn terms(&self) -> &'l [Term] {
        match self.what {
            What::Terms(t) => t,
            _ => &[],
        }
    }

    fn has(&self, f: impl Fn(&Term) -> bool) -> bool {
        self.terms().iter().any(f)
    }

    fn is_subject(&self) -> bool {
        self.has(|t| matches!(t, Term::Subject))
    }

    fn rival(&self) -> Option<usize> {
        self.terms().iter().find_map(|t| match t {
            Term::Rival(i) => Some(*i),
            _ => None,
        })
    }

    fn partner(&self) -> Option<usize> {
        self.terms().iter().find_map(|t| match t {
            Term::Partner(i) => Some(*i),
            _ => None,
        })
    }

    /// A number or an event word: without one, a sentence states nothing.
    fn may_state(&self) -> bool {
        self.number_value().is_some()
            || self.has(|t| {
                matches!(
                    t,
                    Term::Release | Term::Announce | Term::Partnership | Term::Overtake
                )
            })
    }

    /// The value of a number or a spelled number ("oito", "deux").
    fn number_value(&self) -> Option<f64> {
        match &self.what {
            What::Number(n) => Some(n.value),
            What::Terms(t) => t.iter().find_map(|t| match t {
                Term::NumberWord(v) => Some(*v),
                _ => None,
            }),
            _ => None,
        }
    }
}

/// Two lists in text order made one, in text order.
fn merge<'l>(a: Vec<Item<'l>>, b: Vec<Item<'l>>) -> Vec<Item<'l>> {
    debug_assert!(a.is_sorted_by_key(Item::order) && b.is_sorted_by_key(Item::order));
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter();
    let mut next_b = b.next();
    for x in a {
        while let Some(y) = next_b.take() {
            if y.order() < x.order() {
                out.push(y);
                next_b = b.next();
            } else {
                next_b = Some(y);
                break;
            }
        }
        out.push(x);
    }
    out.extend(next_b);
    out.extend(b);
    out
}

/// A sentence with its items and resolved dates.
pub(crate) struct ParsedSentence<'a, 'l> {
    pub sentence: sentences::Sentence,
    /// Borrowed from the article's item list, which they lie in, in order.
    pub items: Cow<'a, [Item<'l>]>,
    pub dates: Vec<DateMention>,
    /// Offsets where a clause ends (", ", "; ", ": ", " – ").
    pub clauses: Vec<usize>,
}

impl ParsedSentence<'_, '_> {
    /// Whether a clause boundary lies between two offsets.
    fn same_clause(&self, a: usize, b: usize) -> bool {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        // The breaks are sorted: a binary search keeps a sentence of many clauses linear.
        let first_after = self.clauses.partition_point(|&c| c <= lo);
        self.clauses.get(first_after).is_none_or(|&c| c >= hi)
    }

    /// Where the clause holding `pos` begins.
    fn clause_start(&self, pos: usize) -> usize {
        let before = self.clauses.partition_point(|&c| c < pos);
        before
            .checked_sub(1)
            .map_or(self.sentence.start, |i| self.clauses[i])
    }
}

fn clause_breaks(body: &str, range: (usize, usize)) -> Vec<usize> {
    let bytes = &body.as_bytes()[range.0..range.1];
    let mut out = Vec::new();
    // Parentheses do not end a clause: "(rund 52,5 Milliarden US-Dollar)" and
    // "(13. März 2025)" belong to what they follow.
    let mut candidates: Vec<usize> = memchr::memchr3_iter(b',', b':', b';', bytes).collect();
    candidates.extend(memchr::memchr2_iter(b'-', 0xE2, bytes));
    candidates.sort_unstable();
    for i in candidates {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let breaks = match b {
            b',' | b':' => next.is_some_and(|n| n.is_ascii_whitespace()),
            b';' => true,
            b'-' => next == Some(b' ') && i > 0 && bytes[i - 1] == b' ',
            // "–" and "—" are E2 80 93 and E2 80 94 in UTF-8.
            0xE2 => {
                bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94))
            }
            _ => false,
        };
        if breaks {
            out.push(range.0 + i);
        }
    }
    out
}

/// Whether at most `limit` words lie between two offsets (punctuation alone is not a word).
/// Counting stops past the limit, so a long gap costs no more than a short one.
fn at_most_words(body: &str, from: usize, to: usize, limit: usize) -> bool {
    if to <= from {
        return true;
    }
    let mut words = 0;
    let mut in_word = false;
    for c in body.get(from..to).unwrap_or("").chars() {
        if c.is_whitespace() || c == '\'' || c == '’' {
            in_word = false;
        } else if !in_word && c.is_alphanumeric() {
            in_word = true;
            words += 1;
            if words > limit {
                return false;
            }
        }
    }
    true
}

/// Whether only white space lies between two offsets.
fn adjacent(body: &str, from: usize, to: usize) -> bool {
    // Invisible format characters do not count ("700\u{200f} millones").
    fn visible(g: &str) -> impl Iterator<Item = char> + '_ {
        g.chars().filter(|&c| !crate::sanitize::is_format_char(c))
    }
    to >= from
        && body
            .get(from..to)
            .is_some_and(|g| visible(g).all(char::is_whitespace) && visible(g).count() <= 2)
}

/// A figure assembled from a number and what stands around it.
#[derive(Debug, Clone)]
struct Figure {
    start: usize,
    end: usize,
    /// Where the number itself stands (used for distances).
    at: usize,
    amount: f64,
    negative: bool,
    currency: Option<String>,
    percent: bool,
    unit: Option<Unit>,
    converted: Option<Quantity>,
    qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Kind(Kind),
    Impact(String),
}

struct SentenceCtx<'a, 'l> {
    body: &'a str,
    p: &'a ParsedSentence<'a, 'l>,
    /// Whether the paragraph so far is about the subject.
    inherited: bool,
    story: &'a Story,
    previous: &'a [ParsedSentence<'a, 'l>],
    published: Option<chrono::NaiveDate>,
    venues: &'a aho_corasick::AhoCorasick,
    venue_codes: &'a [String],
    /// The product the article names most often: what "its new model" refers to.
    main_product: Option<&'a str>,
    /// [`SentenceCtx::of_app`], worked out once per sentence.
    of_app: std::cell::OnceCell<bool>,
}

impl SentenceCtx<'_, '_> {
    fn items(&self) -> &[Item<'_>] {
        &self.p.items
    }

    fn quote(&self) -> (usize, usize) {
        (self.p.sentence.start, self.p.sentence.end)
    }

    fn facts(&self, out: &mut Vec<Fact>) {
        let forecast = self
            .items()
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Forecast)));
        // A forecast word governs its clause and what follows it: "the cloud division, up
        // 26%, beat forecasts (18.4%)" states the 26% and only expects the 18.4%.
        let forecast_from = forecast.map(|i| self.p.clause_start(i.start));
        let stated = |at: usize| forecast_from.is_none_or(|from| at < from);
        let figures = self.figures();
        // The threshold phrases, in text order: a figure is a condition when the last one
        // before it stands in its clause (a search, so that many figures stay linear).
        let thresholds: Vec<usize> = self
            .items()
            .iter()
            .filter(|i| i.has(|t| matches!(t, Term::Threshold)))
            .map(|i| i.start)
            .collect();
        let threshold = |at: usize| {
            let before = thresholds.partition_point(|&t| t < at);
            before
                .checked_sub(1)
                .is_some_and(|k| self.p.same_clause(thresholds[k], at))
        };
        for f in &figures {
            if !stated(f.at) || threshold(f.at) {
                continue;
            }
            if let Some(fact) = self.figure_fact(f, &figures) {
                out.push(fact);
            }
        }
        if let Some(f) = self.ranking() {
            out.push(f);
        }
        if let Some(f) = self.release().filter(|f| stated(f.figure.0)) {
            out.push(f);
        }
        if let Some(f) = self.partnership() {
            out.push(f);
        }
    }

    /// Numbers with their magnitude, currency or percent sign, unit noun and stated conversion.
    fn figures(&self) -> Vec<Figure> {
        let items = self.items();
        let mut used = vec![false; items.len()];
        let mut out = Vec::new();
        for i in 0..items.len() {
            if used[i] {
                continue;
            }
            let Some(amount) = items[i].number_value() else {
                continue;
            };
            let year_like = matches!(&items[i].what, What::Number(n) if n.year_like);
            let negative = matches!(&items[i].what, What::Number(n) if n.negative);
            let (fig, last) = self.assemble(i, amount, negative, &mut used);
            let attached = fig.currency.is_some() || fig.percent || fig.unit.is_some() || last > i;
            if year_like && !attached {
                continue;
            }
            for u in used.iter_mut().take(last + 1).skip(i) {
                *u = true;
            }
            if fig.currency.is_some()
                || fig.percent
                || fig.unit.is_some()
                || self.unit_before(&fig).is_some()
            {
                out.push(fig);
            }
        }
        out
    }

    /// Builds a figure from the number at `i`; returns it and the index of its last item.
    fn assemble(
        &self,
        i: usize,
        amount: f64,
        negative: bool,
        used: &mut [bool],
    ) -> (Figure, usize) {
        let items = self.items();
        let body = self.body;
        let n = &items[i];
        // An explicit minus belongs to the figure: "-1,59 %".
        let sign = usize::from(negative)
            * self.body[..n.start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        let mut fig = Figure {
            start: n.start - sign,
            end: n.end,
            at: n.start,
            amount,
            negative,
            currency: None,
            percent: false,
            unit: None,
            converted: None,
            qualifier: None,
        };
        // A currency written before: "US$166", "$ 5", "€ 12".
        if i > 0 && !used[i - 1] {
            if let Some(code) = currency_of(&items[i - 1]) {
                if adjacent(body, items[i - 1].end, n.start) {
                    fig.currency = Some(code);
                    fig.start = items[i - 1].start;
                    used[i - 1] = true;
                }
            }
        }
        fig.qualifier = self.qualifier_before(i);
        let mut j = i + 1;
        // Magnitude: "700 milhões", "52,5 Milliarden", "5bn".
        if let Some(next) = items.get(j) {
            if let Some(m) = next.terms().iter().find_map(|t| match t {
                Term::Magnitude(m) => Some(*m),
                _ => None,
            }) {
                if adjacent(body, fig.end, next.start) {
                    fig.amount *= m;
                    fig.end = next.end;
                    j += 1;
                }
            }
        }
        // Currency or percent after: "Yuan", "de dollars", "di dollari", "%", "Prozent".
        if let Some(next) = items.get(j) {
            if fig.currency.is_none() {
                if let Some(code) = currency_of(next) {
                    if at_most_words(body, fig.end, next.start, 1)
                        && short_gap(body, fig.end, next.start)
                    {
                        fig.currency = Some(code);
                        fig.end = next.end;
                        j += 1;
                    }
                }
            }
            if fig.currency.is_none()
                && next.has(|t| matches!(t, Term::Percent))
                && adjacent(body, fig.end, next.start)
            {
                fig.percent = true;
                fig.end = next.end;
                j += 1;
            }
        }
        // A stated conversion: "(rund 52,5 Milliarden US-Dollar)", ", soit environ 53 milliards de dollars".
        if let Some(code) = fig.currency.clone() {
            if let Some((q, last)) = self.conversion(j, fig.end, &code, used) {
                fig.converted = Some(q);
                return (fig, last);
            }
        }
        // A unit noun: "de downloads", "modelli derivati", "d'utilisateurs", "jeunes patients".
        if fig.currency.is_none() && !fig.percent {
            for (k, next) in items.iter().enumerate().skip(j).take(4) {
                if !at_most_words(body, fig.end, next.start, 2)
                    || !self.p.same_clause(fig.end, next.start)
                {
                    break;
                }
                if let Some(unit) = unit_of(next) {
                    fig.unit = Some(unit);
                    fig.end = next.end;
                    return (fig, k);
                }
                if next.number_value().is_some() {
                    break;
                }
            }
        }
        (fig, j.saturating_sub(1).max(i))
    }

    /// The same sum in another currency right after a sum: in parentheses, or after a comma
    /// or dash and at most three words ("soit environ", "or about", "ou seja").
    fn conversion(
        &self,
        j: usize,
        after: usize,
        code: &str,
        used: &mut [bool],
    ) -> Option<(Quantity, usize)> {
        let body = self.body;
        let items = self.items();
        let k = (j..items.len())
            .find(|&k| items[k].number_value().is_some() || currency_of(&items[k]).is_some())?;
        let gap = body.get(after..items[k].start)?;
        let in_parens = gap.trim_start().starts_with('(');
        let set_off = gap.trim_start().starts_with([',', '–', '—', '-'])
            && at_most_words(body, after, items[k].start, 3);
        // "380 Mrd. Yuan bzw. rund 52 Mrd. Dollar": an approximation word announces the same sum.
        let approximated = at_most_words(body, after, items[k].start, 2)
            && items[j..k]
                .iter()
                .any(|i| i.has(|t| matches!(t, Term::About)));
        if !(in_parens || set_off || approximated) {
            return None;
        }
        let close = if in_parens {
            after + body.get(after..self.p.sentence.end)?.find(')')?
        } else {
            self.p.sentence.end
        };
        let start = if currency_of(&items[k]).is_some() {
            k + 1
        } else {
            k
        };
        let amount = items.get(start)?.number_value()?;
        let (inner, last) = self.assemble(start, amount, false, used);
        let other = inner.currency?;
        (inner.end <= close && other != code).then_some({
            (
                Quantity {
                    amount: inner.amount,
                    unit: other,
                },
                last,
            )
        })
    }

    fn qualifier_before(&self, i: usize) -> Option<Qualifier> {
        let items = self.items();
        let n = &items[i];
        items[..i].iter().rev().take(3).find_map(|item| {
            if !at_most_words(self.body, item.end, n.start, 1) {
                return None;
            }
            item.terms().iter().find_map(|t| match t {
                Term::About => Some(Qualifier::About),
                Term::MoreThan => Some(Qualifier::MoreThan),
                _ => None,
            })
        })
    }

    /// "downloads reached 700 million": a unit noun shortly before a large count, same clause.
    fn unit_before(&self, fig: &Figure) -> Option<Unit> {
        if fig.currency.is_some() || fig.percent || fig.amount < 1000.0 {
            return None;
        }
        // Items are in text order: only those starting before the figure can end before it,
        // found by binary search so that a run of numbers stays linear.
        let items = self.items();
        let before = items.partition_point(|i| i.start < fig.start);
        items[..before]
            .iter()
            .rev()
            .filter(|i| i.end <= fig.start)
            .take_while(|i| {
                self.p.same_clause(i.end, fig.start)
                    && at_most_words(self.body, i.end, fig.start, 8)
            })
            .find_map(unit_of)
    }

    /// The nearest item before `pos` (else after it, in its clause) satisfying `f`.
    fn nearest(
        &self,
        pos: usize,
        clause_only: bool,
        f: impl Fn(&Item<'_>) -> bool,
    ) -> Option<&Item<'_>> {
        let ok = |i: &&Item<'_>| f(i) && (!clause_only || self.p.same_clause(i.start, pos));
        let before = self.items().iter().rev().filter(|i| i.end <= pos).find(ok);
        before.or_else(|| self.items().iter().filter(|i| i.start >= pos).find(ok))
    }

    /// Whether what stands at `pos` is said of the subject, not of a rival: the nearest name
    /// before it, else after it in its clause, else what the paragraph was about.
    fn about_subject(&self, pos: usize) -> bool {
        self.owned_by_subject(pos, false)
    }

    /// As `about_subject`, where a known partner may also be the one named ("iPhone sales
    /// plunged 25%": a partner's own figure is not the subject's).
    fn owned_by_subject(&self, pos: usize, partners_own: bool) -> bool {
        // A partner owns a figure only in the figure's own clause.
        let entity = |i: &Item<'_>| {
            i.is_subject()
                || i.rival().is_some()
                || (partners_own && i.partner().is_some() && self.p.same_clause(i.start, pos))
        };
        let after = || {
            self.items()
                .iter()
                .filter(|i| i.start >= pos)
                .find(|i| entity(i) && self.p.same_clause(i.start, pos))
        };
        let before = || {
            self.items()
                .iter()
                .rev()
                .filter(|i| i.end <= pos)
                .find(|i| entity(i))
        };
        match before().or_else(after) {
            Some(item) => item.is_subject(),
            None => self.inherited,
        }
    }

    /// The subject or rival named last before `pos`.
    fn entity_before(&self, pos: usize) -> Option<&Item<'_>> {
        self.items()
            .iter()
            .rev()
            .filter(|i| i.end <= pos)
            .find(|i| i.is_subject() || i.rival().is_some())
    }

    /// The date mention that dates what stands at `pos`: the nearest in its clause, else the
    /// nearest before it ("Em janeiro, esses modelos..."), else the first after it unless
    /// another event stands between ("700 milioni..., consolidando il sorpasso su
    /// Llama avvenuto a ottobre": October dates the overtaking, not the downloads).
    fn date_mention(&self, pos: usize, allow_since: bool) -> Option<&DateMention> {
        let usable = || self.p.dates.iter().filter(move |d| allow_since || !d.since);
        let distance = |d: &&DateMention| {
            if d.end <= pos {
                pos - d.end
            } else {
                d.start.saturating_sub(pos)
            }
        };
        usable()
            .filter(|d| self.p.same_clause(d.start, pos))
            .min_by_key(distance)
            .or_else(|| usable().filter(|d| d.end <= pos).max_by_key(|d| d.end))
            .or_else(|| {
                let first = usable()
                    .filter(|d| d.start >= pos)
                    .min_by_key(|d| d.start)?;
                // "at the Summit 2025 in Dubai on February 13": the most precise date of
                // that clause.
                let later = usable()
                    .filter(|d| d.start >= first.start && self.p.same_clause(first.start, d.start))
                    .max_by_key(|d| (d.date.precision(), std::cmp::Reverse(d.start)))
                    .unwrap_or(first);
                let event = |i: &Item<'_>| {
                    i.has(|t| matches!(t, Term::Overtake | Term::Release | Term::Partnership))
                };
                let between = self
                    .items()
                    .iter()
                    .filter(|i| i.start > pos && i.end <= later.start);
                let own = self
                    .items()
                    .iter()
                    .find(|i| i.start <= pos && pos < i.end.max(i.start + 1));
                let crossed = between
                    .filter(|i| own.is_none_or(|o| o.start != i.start))
                    .any(event);
                (!crossed).then_some(later)
            })
    }

    fn fact_date(&self, pos: usize, allow_since: bool) -> FactDate {
        self.date_mention(pos, allow_since)
            .map_or(FactDate::AsOfPublication, |d| FactDate::Stated(d.date))
    }

    fn figure_fact(&self, fig: &Figure, all: &[Figure]) -> Option<Fact> {
        if !self.owned_by_subject(fig.at, true) {
            return None;
        }
        // A figure dated after its own publication is a forecast, not a fact.
        if let (FactDate::Stated(d), Some(p)) = (self.fact_date(fig.at, false), self.published) {
            if d.first_day() > p {
                return None;
            }
        }
        let mut fact = Fact {
            kind: Kind::Other,
            value: None,
            converted: fig.converted.clone(),
            qualifier: fig.qualifier,
            series: None,
            entities: Vec::new(),
            topic: None,
            date: self.fact_date(fig.at, false),
            quote: self.quote(),
            figure: (fig.start, fig.end),
        };
        let is = |t: &Term, want: &Term| std::mem::discriminant(t) == std::mem::discriminant(want);
        let pick = |clause_only: bool, wanted: &[Term]| -> Option<Term> {
            self.nearest(fig.at, clause_only, |i| {
                i.has(|t| wanted.iter().any(|w| is(t, w)))
            })
            .and_then(|i| {
                i.terms()
                    .iter()
                    .find(|t| wanted.iter().any(|w| is(t, w)))
                    .cloned()
            })
        };
        if fig.percent {
            // A business segment ("the cloud division, up 26%") grows; a price noun makes a
            // price change ("cut prices by 97%", "60% cheaper") unless shares are the topic.
            let wanted = [Term::Growth, Term::Share, Term::Price, Term::Cloud];
            let mut kind = pick(true, &wanted).or_else(|| pick(false, &wanted))?;
            if kind == Term::Price && pick(true, &[Term::Share]).is_some() {
                kind = Term::Share;
            }
            if kind == Term::Cloud {
                kind = if pick(true, &[Term::Share]).is_some() {
                    Term::Share
                } else {
                    Term::Growth
                };
            }
            let down = self.direction(fig) == Some(false);
            let amount = if fig.negative || down {
                -fig.amount.abs()
            } else {
                fig.amount
            };
            fact.value = Some(Quantity {
                amount,
                unit: "%".into(),
            });
            if kind == Term::Price {
                // A price change is the subject's only when the sentence names it: "house
                // prices rose 8%" on the same page is not.
                if !self.items().iter().any(Item::is_subject) {
                    return None;
                }
                fact.kind = Kind::Other;
                fact.topic = Some("price".into());
            } else if kind == Term::Growth {
                fact.kind = Kind::Growth;
                fact.topic = self
                    .has_term(|t| matches!(t, Term::Cloud))
                    .then(|| "cloud".into());
            } else {
                fact.kind = Kind::SharePrice;
                fact.series = self.listing(fig, all);
                if self
                    .date_mention(fig.at, false)
                    .is_some_and(|d| d.year_to_date)
                {
                    fact.topic = Some("year to date".into());
                }
            }
        } else if let Some(code) = &fig.currency {
            // The closest investment or share word, its own clause first. A share price is
            // per share: billions near a share word are some other sum. Closer still, an
            // earnings word makes the sum a result ("earnings of 14.75 yuan per share").
            let kind = self
                .by_closeness(fig.at)
                .filter_map(|i| {
                    i.terms()
                        .iter()
                        .find(|t| matches!(t, Term::Investment | Term::Share | Term::Earnings))
                })
                .find(|t| !(**t == Term::Share && fig.amount >= MAX_SHARE_PRICE))?
                .clone();
            if kind == Term::Earnings {
                return None;
            }
            fact.kind = if kind == Term::Investment {
                Kind::Investment
            } else {
                Kind::SharePrice
            };
            fact.value = Some(Quantity {
                amount: fig.amount,
                unit: code.clone(),
            });
            if fact.kind == Kind::SharePrice {
                fact.series = Some(code.clone());
                fact.topic = self
                    .direction(fig)
                    .map(|up| if up { "up" } else { "down" }.into());
            }
        } else {
            let unit = fig.unit.clone().or_else(|| self.unit_before(fig))?;
            let (kind, noun) = match unit {
                Unit::Kind(Kind::Downloads) => (Kind::Downloads, "downloads".to_string()),
                Unit::Kind(Kind::Derivatives) => (Kind::Derivatives, "models".to_string()),
                Unit::Kind(Kind::Users) => (Kind::Users, "users".to_string()),
                Unit::Kind(k) => (k, k.as_str().to_string()),
                Unit::Impact(noun) => (Kind::Impact, noun),
            };
            // "eleven companies had approval for their AI": a count of companies is most
            // often of others, so it is the subject's only when its sentence names the subject.
            let others = kind == Kind::Impact && noun == "companies";
            if others && !self.items().iter().any(Item::is_subject) {
                return None;
            }
            fact.kind = kind;
            fact.value = Some(Quantity {
                amount: fig.amount,
                unit: noun,
            });
            let of_app = self.of_app();
            if of_app && matches!(kind, Kind::Users | Kind::Downloads) {
                fact.topic = Some("app".into());
            }
            // An app's downloads count its users, apart from model downloads.
            if of_app && kind == Kind::Downloads {
                fact.kind = Kind::Users;
                fact.series = Some("app".into());
            }
        }
        Some(fact)
    }

    /// Whether the sentence speaks of an app: it names one, or it names nothing we know and
    /// follows, in its paragraph, a sentence that does ("... its new app. It was downloaded
    /// ten million times").
    fn of_app(&self) -> bool {
        *self.of_app.get_or_init(|| self.speaks_of_app())
    }

    fn speaks_of_app(&self) -> bool {
        let app = |items: &[Item<'_>]| items.iter().any(|i| i.has(|t| matches!(t, Term::App)));
        if app(self.items()) {
            return true;
        }
        let names_nothing = !self
            .items()
            .iter()
            .any(|i| i.is_subject() || i.rival().is_some() || i.partner().is_some());
        names_nothing
            && self.previous.last().is_some_and(|prev| {
                prev.sentence.paragraph == self.p.sentence.paragraph && app(&prev.items)
            })
    }

    /// The listing a share move belongs to: the currency of a price in its clause, else a
    /// trading venue named in its clause, else a price elsewhere in the sentence.
    fn listing(&self, fig: &Figure, all: &[Figure]) -> Option<String> {
        let in_clause = |f: &&Figure| f.currency.is_some() && self.p.same_clause(f.at, fig.at);
        if let Some(f) = all.iter().find(in_clause) {
            return f.currency.clone();
        }
        let (start, end) = self.quote();
        let text = &self.body[start..end];
        let venue = self
            .venues
            .find_iter(text)
            .filter(|m| self.p.same_clause(start + m.start(), fig.at))
            .min_by_key(|m| (start + m.start()).abs_diff(fig.at));
        if let Some(m) = venue {
            return self.venue_codes.get(m.pattern().as_usize()).cloned();
        }
        all.iter().find_map(|f| f.currency.clone())
    }

    fn has_term(&self, f: impl Fn(&Term) -> bool + Copy) -> bool {
        self.items().iter().any(|i| i.has(f))
    }

    /// Up (`true`) or down (`false`), from the nearest direction word: clause first, then sentence.
    fn direction(&self, fig: &Figure) -> Option<bool> {
        let dir = |i: &Item<'_>| i.has(|t| matches!(t, Term::Up | Term::Down));
        let item = self
            .nearest(fig.at, true, dir)
            .or_else(|| self.nearest(fig.at, false, dir))?;
        Some(item.has(|t| matches!(t, Term::Up)) && !item.has(|t| matches!(t, Term::Down)))
    }

    /// The sentence's items from the closest to `pos` outwards, those in its clause first.
    fn by_closeness(&self, pos: usize) -> impl Iterator<Item = &Item<'_>> {
        let mut items: Vec<&Item<'_>> = self.items().iter().collect();
        items.sort_by_key(|i| {
            (
                !self.p.same_clause(i.start, pos),
                if i.end <= pos {
                    pos - i.end
                } else {
                    i.start - pos
                },
            )
        });
        items.into_iter()
    }

    /// A fact without a figure, dated from `at` (its key word) and quoting `span`.
    fn event(
        &self,
        kind: Kind,
        entities: Vec<String>,
        span: (usize, usize),
        at: usize,
        allow_since: bool,
    ) -> Fact {
        Fact {
            kind,
            value: None,
            converted: None,
            qualifier: None,
            series: None,
            entities,
            topic: None,
            date: self.fact_date(at, allow_since),
            quote: self.quote(),
            figure: span,
        }
    }

    /// "ultrapassar ... Llama": the subject overtakes a rival, or the next N combined.
    fn ranking(&self) -> Option<Fact> {
        let items = self.items();
        let at = items
            .iter()
            .position(|i| i.has(|t| matches!(t, Term::Overtake)))?;
        let verb = &items[at];
        // Who overtakes is named before the verb (or the paragraph is about them), the rival
        // after it; in verb-final clauses ("Qwen hatte das Llama-Modell von Meta überholt")
        // both come before, the subject first.
        let first_subject = items[..at].iter().position(Item::is_subject);
        let (subject_acts, rivals_from) = match self.entity_before(verb.start) {
            None => (self.inherited, at + 1),
            Some(i) if i.is_subject() => (true, at + 1),
            Some(_) => match first_subject {
                Some(s) if items[s + 1..at].iter().all(|i| !i.is_subject()) => (true, s + 1),
                _ => (false, at + 1),
            },
        };
        if !subject_acts {
            return None;
        }
        let after = &items[rivals_from..];
        let mut fact = if let Some(first) = after.iter().position(|i| i.rival().is_some()) {
            // "Meta's Llama": the product named right after its owner is the one overtaken.
            let owner = &self.story.rivals[after[first].rival()?];
            let product = after[first + 1..]
                .iter()
                .find(|i| i.rival().is_some())
                .filter(|i| {
                    let r = &self.story.rivals[i.rival().unwrap_or(0)];
                    r.owner.as_deref() == Some(owner.name.as_str())
                        && at_most_words(self.body, after[first].end, i.start, 2)
                });
            let rival = product.unwrap_or(&after[first]);
            let r = &self.story.rivals[rival.rival()?];
            let span = (verb.start.min(rival.start), verb.end.max(rival.end));
            self.event(Kind::Ranking, vec![r.name.clone()], span, verb.start, false)
        } else {
            after
                .iter()
                .find(|i| i.has(|t| matches!(t, Term::Combined)))?;
            let n = after
                .iter()
                .find(|i| i.number_value().is_some_and(|v| (2.0..=100.0).contains(&v)))?;
            let count = n.number_value()?;
            let mut f = self.event(
                Kind::Ranking,
                vec![format!("{count}")],
                (verb.start, n.end),
                verb.start,
                false,
            );
            f.series = Some("combined".into());
            f
        };
        let mentions_downloads = |p: &ParsedSentence<'_, '_>| {
            p.items
                .iter()
                .any(|i| i.has(|t| matches!(t, Term::Unit(Kind::Downloads))))
        };
        let recent = self.previous.iter().rev().take(3);
        if self.has_term(|t| matches!(t, Term::App)) {
            fact.topic = Some("app".into());
        } else if mentions_downloads(self.p) || recent.into_iter().any(mentions_downloads) {
            fact.topic = Some("downloads".into());
        }
        Some(fact)
    }

    /// "stellte ... QwQ-32B vor", "Lancée ... l'application Qwen": a launch of the subject's.
    fn release(&self) -> Option<Fact> {
        let items = self.items();
        let verb = items
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Release)))
            .or_else(|| self.announced_model())?;
        let mut found: Vec<(&str, usize)> = Vec::new();
        for (k, item) in items.iter().enumerate() {
            match item.what {
                What::Product => found.push((&self.body[item.start..item.end], item.end)),
                What::Terms(_) if item.has(|t| matches!(t, Term::ModelWord)) => {
                    if let Some(name) = self.named_after(item.end) {
                        if self.about_subject(item.start)
                            && items[k + 1..].first().is_none_or(|n| n.rival().is_none())
                        {
                            found.push(name);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut names: Vec<String> = Vec::new();
        let mut implied = false;
        let mut end = verb.end;
        for (name, e) in found {
            let name = release_name(name, &self.story.product_prefixes);
            if !names.contains(&name) {
                names.push(name);
            }
            end = end.max(e);
        }
        // "lanzó su modelo de inteligencia artificial", "a dévoilé lundi son modèle": the
        // subject launches a model it does not name here; it is the one the article is about.
        if names.is_empty() && self.about_subject(verb.start) {
            // The object after the verb, or before it where the verb ends the clause
            // ("hat sein KI-Modell vorgestellt").
            // Any launch word of the sentence may govern it: "pledged to introduce AI ... as
            // it launched its model".
            // Only the nearest launch word on each side can be close enough: found by search,
            // so that a sentence of many such words stays linear.
            let verbs: Vec<&Item<'_>> = items
                .iter()
                .filter(|i| i.has(|t| matches!(t, Term::Release)))
                .collect();
            let governs = |verb: &Item<'_>, i: &Item<'_>| {
                self.p.same_clause(verb.start, i.start)
                    && (i.start > verb.end && at_most_words(self.body, verb.end, i.start, 6)
                        || i.end <= verb.start && at_most_words(self.body, i.end, verb.start, 6))
            };
            let object = items.iter().find(|i| {
                if !i.has(|t| matches!(t, Term::ModelWord)) {
                    return false;
                }
                let after = verbs.partition_point(|v| v.start < i.start);
                let before = after.checked_sub(1).map(|k| verbs[k]);
                before
                    .into_iter()
                    .chain(verbs.get(after).copied())
                    .any(|verb| governs(verb, i))
            });
            if let (Some(object), Some(main)) = (object, self.main_product) {
                names.push(main.to_string());
                end = end.max(object.end);
                implied = true;
            }
        }
        // "l'application Qwen", "the Qwen app": the subject's app, not the model family.
        let app_word = items.iter().find(|i| i.has(|t| matches!(t, Term::App)));
        if let Some(app) = app_word {
            let next_to_app = |i: &Item<'_>| {
                matches!(i.what, What::Product)
                    && self
                        .story
                        .product_prefixes
                        .iter()
                        .any(|p| *p == self.body[i.start..i.end])
                    && at_most_words(self.body, app.end.min(i.end), app.start.max(i.start), 1)
            };
            if let Some(subject) = items.iter().find(|i| next_to_app(i)) {
                let bare = &self.body[subject.start..subject.end];
                names.retain(|n| n != bare);
                if names.is_empty() {
                    names.push(format!("{} app", self.story.product));
                    end = end.max(subject.end.max(app.end));
                }
            }
        }
        if names.is_empty() {
            return None;
        }
        // A bare family name ("Qwen") is launched only when the launch word stands right by it
        // in the same clause and the sentence dates it ("Desde o lançamento do Qwen em 2023"):
        // otherwise "press release", "apresenta" or "desde su lanzamiento" would launch it.
        let bare = |n: &String| self.story.product_prefixes.iter().any(|p| p == n);
        if names.iter().all(bare) && !names.iter().any(|n| n.ends_with(" app")) && !implied {
            let close = items
                .iter()
                .filter(|i| matches!(i.what, What::Product))
                .any(|p| {
                    at_most_words(self.body, verb.end.min(p.end), verb.start.max(p.start), 2)
                        && self.p.same_clause(verb.start, p.start)
                });
            if !close || self.p.dates.is_empty() {
                return None;
            }
        }
        // A bare family name next to more specific ones adds nothing ("the Qwen team released
        // QwQ-32B" releases QwQ-32B), nor does a name another one extends.
        let any_specific = names.iter().any(|n| !bare(n));
        let specific: Vec<String> = names
            .iter()
            .filter(|n| !(any_specific && bare(n)))
            .filter(|n| {
                !names
                    .iter()
                    .any(|m| m != *n && m.starts_with(n.as_str()) && m[n.len()..].starts_with('-'))
            })
            .cloned()
            .collect();
        if !self.about_subject(verb.start) && !items.iter().any(|i| matches!(i.what, What::Product))
        {
            return None;
        }
        let first_name = items
            .iter()
            .filter(|i| matches!(i.what, What::Product))
            .map(|i| i.start)
            .min()
            .unwrap_or(verb.start);
        let span = (verb.start.min(first_name), end.max(verb.end));
        Some(self.event(Kind::Release, specific, span, verb.start, true))
    }

    /// "ao anunciar seu mais recente modelo": an announcing word with a model word a few
    /// words after it, in its clause, launches that model.
    fn announced_model(&self) -> Option<&Item<'_>> {
        // One pass: each model word is checked against the announcing word last seen.
        let mut last: Option<&Item<'_>> = None;
        for item in self.items() {
            if let Some(a) = last.filter(|a| item.start > a.end) {
                if item.has(|t| matches!(t, Term::ModelWord))
                    && self.p.same_clause(a.end, item.start)
                    && at_most_words(self.body, a.end, item.start, 4)
                {
                    return Some(a);
                }
            }
            if item.has(|t| matches!(t, Term::Announce)) {
                last = Some(item);
            }
        }
        None
    }

    /// A capitalised name right after `pos` with a digit or hyphen: "Baguan-Seasonal", "QwQ-32B".
    fn named_after(&self, pos: usize) -> Option<(&str, usize)> {
        let rest = self.body.get(pos..self.p.sentence.end)?;
        let trimmed = rest.trim_start();
        let offset = pos + rest.len() - trimmed.len();
        if offset - pos > 2 {
            return None;
        }
        let len = trimmed
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric()
                    || ((c == '-' || c == '.')
                        && trimmed[i + 1..].starts_with(|n: char| n.is_alphanumeric())))
            })
            .map_or(trimmed.len(), |(i, _)| i);
        let word = &trimmed[..len];
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let shaped = word.contains('-') || word.chars().any(|c| c.is_ascii_digit());
        (capital && shaped && word.len() >= 3).then_some((word, offset + len))
    }

    /// "Partnerschaft mit ... Butterfly Effect", "Kooperation mit Apple".
    fn partnership(&self) -> Option<Fact> {
        let text = &self.body[self.p.sentence.start..self.p.sentence.end];
        if text.trim_end().ends_with('?') {
            return None;
        }
        let items = self.items();
        let word = items
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Partnership)))?;
        // A known partner anywhere in the sentence, else a rival named right after the
        // partnership word (rivals partner too: "a partnership with Nvidia").
        let (name, at) = if let Some(p) = items.iter().find(|i| i.partner().is_some()) {
            (self.story.partners[p.partner()?].name.clone(), p)
        } else {
            let r = items.iter().find(|i| {
                i.start > word.end
                    && i.rival().is_some()
                    && at_most_words(self.body, word.end, i.start, 2)
            })?;
            (self.story.rivals[r.rival()?].name.clone(), r)
        };
        if !self.about_subject(word.start.min(at.start)) {
            return None;
        }
        let span = (word.start.min(at.start), word.end.max(at.end));
        Some(self.event(Kind::Partnership, vec![name], span, word.start, false))
    }
}

fn currency_of(item: &Item<'_>) -> Option<String> {
    item.terms().iter().find_map(|t| match t {
        Term::Currency(c) => Some(c.clone()),
        _ => None,
    })
}

fn unit_of(item: &Item<'_>) -> Option<Unit> {
    item.terms().iter().find_map(|t| match t {
        Term::Unit(k) => Some(Unit::Kind(*k)),
        Term::Impact(noun) => Some(Unit::Impact(noun.clone())),
        _ => None,
    })
}

/// A gap short enough to join an amount to its currency: "de", "di", "d'", "of".
fn short_gap(body: &str, from: usize, to: usize) -> bool {
    body.get(from..to)
        .is_some_and(|g| g.trim().chars().count() <= 3 && !g.contains([',', ';', '(', ')']))
}

#[cfg(test)]
mod tests;

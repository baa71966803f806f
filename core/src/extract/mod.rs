//! Extraction: from an article's sentences to facts, driven by per-language lexicons.
//!
//! Each sentence becomes a stream of items (numbers, lexicon phrases, ISO dates, product
//! names) in text order. Dates are resolved first, in article order, since "two months later"
//! depends on the date just mentioned. Then figures are assembled (number, magnitude,
//! currency or percent, unit noun, a stated conversion), given a kind from the words around
//! them, and kept only when the sentence is about the story's subject. Events without a
//! figure (releases, partnerships, rankings) come from their own words.

mod assemble;
mod dates;
pub mod fact;
mod items;
mod lexicon;
mod numbers;
mod rules;
mod sentences;
mod story;

use crate::assets::ExtractorData;
use crate::corpus::Article;
use crate::date::{PartialDate, Precision};
use assemble::SentenceCtx;
use dates::DateMention;
use items::{parse_sentences, release_name, Item, ParsedSentence, What};
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

pub use fact::{Fact, FactDate, Kind, Qualifier, Quantity};
pub use lexicon::{Lexicon, LexiconError, Term};
pub use story::{Entity, Story};

pub use crate::assets::{languages, month_number};

/// Everything extraction needs: the compiled lexicons and the story's names.
pub struct Extractor {
    /// The story and lexicon texts this extractor was built from.
    data: ExtractorData,
    /// Compiled on first use (one per `data.lexicons`): a language's automaton takes
    /// milliseconds to build, and a corpus (or a warm cache) may need few of them.
    lexicons: Vec<OnceLock<Lexicon>>,
    story: std::sync::Arc<Story>,
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
            story: std::sync::Arc::new(story),
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

    /// The story it extracts for, shared with the timelines built from its facts.
    pub fn story(&self) -> &std::sync::Arc<Story> {
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
        if article.body.len() <= CHUNK_BYTES {
            return self.extract_whole(article);
        }
        // A body this long is no news article (a hostile file, a dump): it is read a chunk
        // of lines at a time, so memory follows the chunk, not the body.
        let body = article.body.as_str();
        let mut facts = Vec::new();
        let mut start = 0;
        while start < body.len() {
            let end = chunk_end(body, start);
            let chunk = Article {
                body: article.body[start..end].to_string(),
                furniture: article
                    .furniture
                    .iter()
                    .filter(|&&(s, e)| e > start && s < end)
                    .map(|&(s, e)| (s.max(start) - start, e.min(end) - start))
                    .collect(),
                ..without_body(article)
            };
            facts.extend(self.extract_whole(&chunk).into_iter().map(|mut f| {
                f.quote = (f.quote.0 + start, f.quote.1 + start);
                f.figure = (f.figure.0 + start, f.figure.1 + start);
                f
            }));
            start = end;
        }
        facts
    }

    /// The facts of an article read whole.
    fn extract_whole(&self, article: &Article) -> Vec<Fact> {
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
}

/// Where the chunk from `start` ends: after the first line end past [`CHUNK_BYTES`], or, in a
/// line longer than another chunk (no news paragraph is), after the first space past it.
fn chunk_end(body: &str, start: usize) -> usize {
    let from = (start + CHUNK_BYTES).min(body.len());
    let within = &body.as_bytes()[from..(from + CHUNK_BYTES).min(body.len())];
    let cut = memchr::memchr(b'\n', within).or_else(|| memchr::memchr(b' ', within));
    // Neither: a cut at a character boundary, two chunks on.
    cut.map_or_else(
        || body.floor_char_boundary(from + CHUNK_BYTES).max(from),
        |i| from + i + 1,
    )
}

/// An article's metadata with an empty body and no furniture: the base of a part of it.
fn without_body(article: &Article) -> Article {
    Article {
        id: article.id.clone(),
        title: article.title.clone(),
        outlet: article.outlet.clone(),
        url: article.url.clone(),
        lang: article.lang.clone(),
        published: article.published,
        body: String::new(),
        origin: article.origin.clone(),
        furniture: Vec::new(),
        body_line_offset: article.body_line_offset,
    }
}

/// Bodies longer than this are extracted a chunk of lines at a time (see [`Extractor::extract`]).
const CHUNK_BYTES: usize = 1 << 20;

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
            // A share move belongs to its trading day. Any other figure is only placed in its
            // year, so that it still joins the same figure reported on another day of it.
            fact.date = FactDate::Stated(if fact.kind == Kind::SharePrice {
                d.date
            } else {
                PartialDate::year(d.date.year)
            });
        }
    }
}

/// A fingerprint of the bundled lexicons and story data, known without compiling anything:
/// cached facts are valid only for the data that produced them.
pub fn data_version() -> &'static str {
    static VERSION: LazyLock<String> = LazyLock::new(|| ExtractorData::bundled().fingerprint());
    &VERSION
}

#[cfg(test)]
mod tests;

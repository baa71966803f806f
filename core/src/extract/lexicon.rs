//! Lexicons: each language's words for numbers, money, dates and the kinds of fact, read
//! from `assets/lexicons/*.toml`, and the story's names from `assets/story.toml`.
//!
//! A phrase matches case-insensitively on word boundaries; a trailing `*` makes it a stem
//! that matches any ending ("investi*" matches "investissement", "Investition").

use super::fact::Kind;
use super::story::Story;
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use serde::Deserialize;
use std::collections::HashMap;

/// What a matched phrase means. One phrase may mean several things.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Magnitude(f64),
    NumberWord(f64),
    Percent,
    About,
    MoreThan,
    Currency(String),
    Month(u32),
    /// A month abbreviation or ambiguous name: a month only next to a day or a year.
    MonthStrict(u32),
    Weekday(u32),
    LastWeek,
    LastMonth,
    LastYear,
    ThisYear,
    Yesterday,
    Today,
    YearToDate,
    /// "dernier", "pasado", "letzten": next to a month, the one before publication.
    LastMarker,
    Since,
    MonthsLater,
    YearsLater,
    /// A unit noun that makes a count a fact of this kind (downloads, derivatives, users).
    Unit(Kind),
    /// A real-world use noun, with its English plural: "examens" → "exams".
    Impact(String),
    Share,
    /// Earnings and cash flow: a sum near one is a result, not a price or an investment.
    Earnings,
    Investment,
    Growth,
    Forecast,
    /// "for companies with more than": the figure after it is a condition, not a fact.
    Threshold,
    Release,
    /// "announced", "anunció": a launch word only with a model word right after it.
    Announce,
    Partnership,
    Overtake,
    Combined,
    Up,
    Down,
    App,
    Cloud,
    ModelWord,
    /// A price or cost noun ("pricing", "precio", "Kosten").
    Price,
    /// The story's subject: Qwen, Alibaba...
    Subject,
    /// A rival, by index into [`Story::rivals`].
    Rival(usize),
    /// A known partner, by index into [`Story::partners`].
    Partner(usize),
    /// A name that owns no figure (a platform such as Hugging Face).
    Neutral,
    /// A phrase that hides a shorter word ("market share", "press release", "au cours de"):
    /// matched so that the shorter word is not, then dropped.
    Ignore,
}

fn yes() -> bool {
    true
}

impl Term {
    /// Terms that may follow a digit directly: `123,6EUR`, `97%`, `5bn`.
    fn may_follow_digit(&self) -> bool {
        matches!(self, Term::Currency(_) | Term::Magnitude(_) | Term::Percent)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    lang: String,
    /// The language detector's code (ISO 639-3); read by the corpus layer, not here.
    #[serde(default)]
    #[allow(dead_code)]
    detector: Option<String>,
    /// Whether a capitalised word is a name (not in German, where every noun is capitalised).
    #[serde(default = "yes")]
    capitals_are_names: bool,
    /// Whether numeric dates are written month first (`01/15/2026`).
    #[serde(default)]
    month_first: bool,
    decimal: String,
    group: Vec<String>,
    numbers: NumbersSection,
    #[serde(default)]
    currencies: HashMap<String, String>,
    dates: DatesSection,
    kinds: KindsSection,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct NumbersSection {
    magnitudes: HashMap<String, f64>,
    words: HashMap<String, f64>,
    percent: Vec<String>,
    about: Vec<String>,
    more_than: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct DatesSection {
    months: HashMap<String, u32>,
    months_strict: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    last_week: Vec<String>,
    last_month: Vec<String>,
    last_year: Vec<String>,
    this_year: Vec<String>,
    yesterday: Vec<String>,
    today: Vec<String>,
    year_to_date: Vec<String>,
    last_marker: Vec<String>,
    since: Vec<String>,
    months_later: Vec<String>,
    years_later: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct KindsSection {
    downloads: Vec<String>,
    derivatives: Vec<String>,
    users: Vec<String>,
    impact: HashMap<String, String>,
    share: Vec<String>,
    investment: Vec<String>,
    /// Earnings and cash-flow nouns: "earnings of 14.75 yuan per share" is no share price.
    #[serde(default)]
    earnings: Vec<String>,
    growth: Vec<String>,
    forecast: Vec<String>,
    /// Phrases that make the figure after them a condition ("for companies with more than").
    #[serde(default)]
    threshold: Vec<String>,
    release: Vec<String>,
    /// Announcing verbs: a release when a model word follows ("announced its latest model").
    #[serde(default)]
    announce: Vec<String>,
    partnership: Vec<String>,
    overtake: Vec<String>,
    combined: Vec<String>,
    up: Vec<String>,
    down: Vec<String>,
    app: Vec<String>,
    cloud: Vec<String>,
    model: Vec<String>,
    /// Price and cost nouns: a percent next to one is a price change ("cut prices by 97%").
    price: Vec<String>,
    ignore: Vec<String>,
}

/// A language's compiled lexicon: one automaton over every phrase.
pub struct Lexicon {
    pub lang: String,
    /// Whether a capitalised word is a name (not in German, where every noun is capitalised).
    pub capitals_are_names: bool,
    /// Whether numeric dates are written month first (`01/15/2026`).
    pub month_first: bool,
    pub decimal: char,
    pub group: Vec<char>,
    /// Anchored: phrases are tried only where a word or symbol begins, so the letters inside
    /// words ("m" in "model") never make a match to be thrown away.
    automaton: DFA,
    /// Where every anchored walk of the automaton begins.
    start: StateID,
    /// Bytes that begin some phrase, in either ASCII case.
    first_bytes: [bool; 256],
    /// Per automaton pattern: what it means as a whole word, and as a word's beginning (stems).
    patterns: Vec<(Vec<Term>, Vec<Term>)>,
}

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'l> {
    pub start: usize,
    pub end: usize,
    pub terms: &'l [Term],
}

/// A lexicon or story file that does not parse: a build defect, reported with its file.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

struct PhraseTable {
    /// Lowercased phrase → (meanings as a whole word, meanings as a stem).
    map: HashMap<String, (Vec<Term>, Vec<Term>)>,
}

impl PhraseTable {
    fn add(&mut self, phrase: &str, term: Term) {
        let phrase = phrase.trim();
        // Lexicons write the straight apostrophe; pages mostly print the curly one.
        if phrase.contains('\'') {
            self.add(&phrase.replace('\'', "\u{2019}"), term.clone());
        }
        let (text, stem) = match phrase.strip_suffix('*') {
            Some(t) => (t, true),
            None => (phrase, false),
        };
        if text.is_empty() {
            return;
        }
        let (whole, stems) = self.map.entry(text.to_lowercase()).or_default();
        if !whole.contains(&term) {
            whole.push(term.clone());
        }
        if stem && !stems.contains(&term) {
            stems.push(term);
        }
    }

    fn add_all<'a>(&mut self, phrases: impl IntoIterator<Item = &'a String>, term: Term) {
        for p in phrases {
            self.add(p, term.clone());
        }
    }
}

impl Lexicon {
    /// Compiles one language's file together with the shared file and the story's names.
    pub fn compile(
        file: &str,
        name: &str,
        common: &str,
        story: &Story,
    ) -> Result<Lexicon, LexiconError> {
        let err = |file: &str, e: toml::de::Error| LexiconError {
            file: file.into(),
            message: e.to_string(),
        };
        let lang: LexiconFile = toml::from_str(file).map_err(|e| err(name, e))?;
        let common: LexiconFile = toml::from_str(common).map_err(|e| err("common.toml", e))?;
        let mut table = PhraseTable {
            map: HashMap::new(),
        };
        for f in [&lang, &common] {
            add_file(&mut table, f);
        }
        for s in &story.subject {
            table.add(s, Term::Subject);
        }
        for (i, r) in story.rivals.iter().enumerate() {
            table.add_all(&r.aliases, Term::Rival(i));
        }
        for (i, p) in story.partners.iter().enumerate() {
            table.add_all(&p.aliases, Term::Partner(i));
        }
        table.add_all(&story.neutral, Term::Neutral);

        let mut patterns = Vec::new();
        let mut texts = Vec::new();
        let mut entries: Vec<_> = table.map.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (text, terms) in entries {
            for variant in case_variants(&text) {
                texts.push(variant);
                patterns.push(terms.clone());
            }
        }
        let mut first_bytes = [false; 256];
        for b in texts.iter().filter_map(|t| t.as_bytes().first()) {
            first_bytes[usize::from(b.to_ascii_lowercase())] = true;
            first_bytes[usize::from(b.to_ascii_uppercase())] = true;
        }
        // A full DFA: the fastest walk, worth its few megabytes for text read by the megabyte.
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&texts)
            .map_err(|e| LexiconError {
                file: name.into(),
                message: e.to_string(),
            })?;
        let start = automaton
            .start_state(Anchored::Yes)
            .map_err(|e| LexiconError {
                file: name.into(),
                message: e.to_string(),
            })?;
        let decimal = lang.decimal.chars().next().unwrap_or('.');
        let group = lang.group.iter().filter_map(|g| g.chars().next()).collect();
        Ok(Lexicon {
            lang: lang.lang,
            capitals_are_names: lang.capitals_are_names,
            month_first: lang.month_first,
            decimal,
            group,
            automaton,
            start,
            first_bytes,
            patterns,
        })
    }

    /// Every phrase in `text[range]`, left to right, on word boundaries.
    pub fn hits(&self, text: &str, range: (usize, usize)) -> Vec<Hit<'_>> {
        let bytes = text.as_bytes();
        // Prose holds a phrase every few words; room for them up front saves regrowing.
        let mut out = Vec::with_capacity((range.1 - range.0) / 32);
        // Whether the character before `at` is a letter: a phrase never starts inside a word.
        let mut after_letter = text[..range.0]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let mut at = range.0;
        while at < range.1 {
            let b = bytes[at];
            // Most bytes are letters inside a word, where no phrase starts: skip them quickly.
            if after_letter && b.is_ascii_alphabetic() {
                at += 1;
                while at < range.1 && bytes[at].is_ascii_alphabetic() {
                    at += 1;
                }
                continue;
            }
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                // `at` stays on a char boundary: it only moves by whole chars or to a match end.
                let c = text[at..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let letter = is_letter(c);
            if self.first_bytes[usize::from(b)] && !(after_letter && (letter || c.is_numeric())) {
                if let Some((pattern, end)) = self.longest_at(bytes, at, range.1) {
                    if let Some(hit) = self.hit(text, range, at, end, pattern) {
                        out.push(hit);
                    }
                    // Matches do not overlap: the scan goes on after this one.
                    after_letter = text[..end]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic);
                    at = end;
                    continue;
                }
            }
            after_letter = letter;
            at += len;
        }
        out
    }

    /// The longest phrase that starts exactly at `at` and ends by `limit`: its pattern and end.
    fn longest_at(&self, bytes: &[u8], at: usize, limit: usize) -> Option<(usize, usize)> {
        let dfa = &self.automaton;
        let mut state = self.start;
        let mut found = None;
        for (i, &b) in bytes[at..limit].iter().enumerate() {
            state = dfa.next_state(Anchored::Yes, state, b);
            if !dfa.is_special(state) {
                continue;
            }
            if dfa.is_dead(state) {
                break;
            }
            if dfa.is_match(state) {
                let pattern = dfa.match_pattern(state, 0);
                // A DFA's match states also carry patterns that began later (reached through
                // failure links); only one that begins at `at` counts here.
                if dfa.pattern_len(pattern) == i + 1 {
                    found = Some((pattern.as_usize(), at + i + 1));
                }
            }
        }
        found
    }

    /// What a matched phrase means where it stands, or nothing when it only looks like one.
    fn hit(
        &self,
        text: &str,
        range: (usize, usize),
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<Hit<'_>> {
        let (whole, stems) = &self.patterns[pattern];
        // A currency code may run straight into its amount: "RMB380", "US$53".
        let glued_amount =
            |c: char| c.is_ascii_digit() && whole.iter().any(|t| matches!(t, Term::Currency(_)));
        let continues = text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() && !glued_amount(c));
        let last = text[start..end].chars().next_back().unwrap_or(' ');
        // A phrase ending in a letter that runs on into a word is only a stem's match.
        let stem = continues && last.is_alphanumeric();
        let terms: &[Term] = if stem { stems } else { whole };
        if terms.is_empty() || terms == [Term::Ignore] {
            return None;
        }
        let first = text[start..end].chars().next().unwrap_or(' ');
        if first.is_alphanumeric() {
            if let Some(before) = text[..start].chars().next_back() {
                if before.is_alphabetic()
                    || (before.is_ascii_digit() && !terms.iter().any(Term::may_follow_digit))
                {
                    return None;
                }
            }
        }
        // A stem's match runs to the end of its word.
        let end = if stem {
            text[end..]
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(text.len(), |(i, _)| end + i)
        } else {
            end
        };
        let end = text.floor_char_boundary(end.min(range.1));
        Some(Hit { start, end, terms })
    }

    /// The month a name stands for in this lexicon, if any.
    pub fn month_of(&self, word: &str) -> Option<u32> {
        let range = (0, word.len());
        let hits = self.hits(word, range);
        hits.iter()
            .filter(|h| h.start == 0 && h.end == word.len())
            .find_map(|h| {
                h.terms.iter().find_map(|t| match t {
                    Term::Month(m) | Term::MonthStrict(m) => Some(*m),
                    _ => None,
                })
            })
    }
}

/// `char::is_alphabetic`, answered without a table lookup for the Latin letters of the
/// bundled languages (the scan asks it of every accented letter).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' => true,
        _ => c.is_alphabetic(),
    }
}

/// ASCII case is folded by the automaton; other letters need their own variants.
fn case_variants(lower: &str) -> Vec<String> {
    let mut out = vec![lower.to_string()];
    if !lower.is_ascii() {
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            let capital: String = first.to_uppercase().chain(chars).collect();
            out.push(capital);
        }
        out.push(lower.to_uppercase());
        out.sort();
        out.dedup();
    }
    out
}

fn add_file(t: &mut PhraseTable, f: &LexiconFile) {
    let n = &f.numbers;
    for (p, v) in &n.magnitudes {
        t.add(p, Term::Magnitude(*v));
    }
    for (p, v) in &n.words {
        t.add(p, Term::NumberWord(*v));
    }
    t.add_all(&n.percent, Term::Percent);
    t.add_all(&n.about, Term::About);
    t.add_all(&n.more_than, Term::MoreThan);
    for (p, code) in &f.currencies {
        t.add(p, Term::Currency(code.clone()));
    }
    let d = &f.dates;
    for (p, m) in &d.months {
        t.add(p, Term::Month(*m));
    }
    for (p, m) in &d.months_strict {
        t.add(p, Term::MonthStrict(*m));
    }
    for (p, w) in &d.weekdays {
        t.add(p, Term::Weekday(*w));
    }
    t.add_all(&d.last_week, Term::LastWeek);
    t.add_all(&d.last_month, Term::LastMonth);
    t.add_all(&d.last_year, Term::LastYear);
    t.add_all(&d.this_year, Term::ThisYear);
    t.add_all(&d.yesterday, Term::Yesterday);
    t.add_all(&d.today, Term::Today);
    t.add_all(&d.year_to_date, Term::YearToDate);
    t.add_all(&d.last_marker, Term::LastMarker);
    t.add_all(&d.since, Term::Since);
    t.add_all(&d.months_later, Term::MonthsLater);
    t.add_all(&d.years_later, Term::YearsLater);
    let k = &f.kinds;
    t.add_all(&k.downloads, Term::Unit(Kind::Downloads));
    t.add_all(&k.derivatives, Term::Unit(Kind::Derivatives));
    t.add_all(&k.users, Term::Unit(Kind::Users));
    for (p, noun) in &k.impact {
        t.add(p, Term::Impact(noun.clone()));
    }
    t.add_all(&k.share, Term::Share);
    t.add_all(&k.investment, Term::Investment);
    t.add_all(&k.earnings, Term::Earnings);
    t.add_all(&k.growth, Term::Growth);
    t.add_all(&k.forecast, Term::Forecast);
    t.add_all(&k.threshold, Term::Threshold);
    t.add_all(&k.release, Term::Release);
    t.add_all(&k.announce, Term::Announce);
    t.add_all(&k.partnership, Term::Partnership);
    t.add_all(&k.overtake, Term::Overtake);
    t.add_all(&k.combined, Term::Combined);
    t.add_all(&k.up, Term::Up);
    t.add_all(&k.down, Term::Down);
    t.add_all(&k.app, Term::App);
    t.add_all(&k.cloud, Term::Cloud);
    t.add_all(&k.model, Term::ModelWord);
    t.add_all(&k.price, Term::Price);
    t.add_all(&k.ignore, Term::Ignore);
}

#[cfg(test)]
mod tests {
    use super::is_letter;

    #[test]
    fn is_letter_agrees_with_the_unicode_tables() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}

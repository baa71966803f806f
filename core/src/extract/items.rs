//! What a sentence is made of: its items, the sentences holding them, and shared text measures.

use super::dates::{self, DateMention};
use super::lexicon::{Lexicon, Term};
use super::{numbers, sentences, Extractor};
use std::borrow::Cow;

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

    pub(super) fn terms(&self) -> &'l [Term] {
        match self.what {
            What::Terms(t) => t,
            _ => &[],
        }
    }

    pub(super) fn has(&self, f: impl Fn(&Term) -> bool) -> bool {
        self.terms().iter().any(f)
    }

    pub(super) fn is_subject(&self) -> bool {
        self.has(|t| matches!(t, Term::Subject))
    }

    pub(super) fn rival(&self) -> Option<usize> {
        self.terms().iter().find_map(|t| match t {
            Term::Rival(i) => Some(*i),
            _ => None,
        })
    }

    pub(super) fn partner(&self) -> Option<usize> {
        self.terms().iter().find_map(|t| match t {
            Term::Partner(i) => Some(*i),
            _ => None,
        })
    }

    /// A number or an event word: without one, a sentence states nothing.
    pub(super) fn may_state(&self) -> bool {
        self.number_value().is_some()
            || self.has(|t| {
                matches!(
                    t,
                    Term::Release | Term::Announce | Term::Partnership | Term::Overtake
                )
            })
    }

    /// The value of a number or a spelled number ("oito", "deux").
    pub(super) fn number_value(&self) -> Option<f64> {
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

impl Extractor {
    /// Scans the whole body once for each kind of item (one pass is much faster than one
    /// per sentence): the items in text order.
    pub(super) fn scan_items<'l>(&self, body: &str, lexicon: &'l Lexicon) -> Vec<Item<'l>> {
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
pub(super) fn release_name(name: &str, prefixes: &[String]) -> String {
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
pub(super) fn parse_sentences<'a, 'l>(
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
    pub(super) fn same_clause(&self, a: usize, b: usize) -> bool {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        // The breaks are sorted: a binary search keeps a sentence of many clauses linear.
        let first_after = self.clauses.partition_point(|&c| c <= lo);
        self.clauses.get(first_after).is_none_or(|&c| c >= hi)
    }

    /// Where the clause holding `pos` begins.
    pub(super) fn clause_start(&self, pos: usize) -> usize {
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
pub(super) fn at_most_words(body: &str, from: usize, to: usize, limit: usize) -> bool {
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
pub(super) fn adjacent(body: &str, from: usize, to: usize) -> bool {
    // Invisible format characters do not count ("700\u{200f} millones").
    fn visible(g: &str) -> impl Iterator<Item = char> + '_ {
        g.chars().filter(|&c| !crate::sanitize::is_format_char(c))
    }
    to >= from
        && body
            .get(from..to)
            .is_some_and(|g| visible(g).all(char::is_whitespace) && visible(g).count() <= 2)
}

pub(super) fn currency_of(item: &Item<'_>) -> Option<String> {
    item.terms().iter().find_map(|t| match t {
        Term::Currency(c) => Some(c.clone()),
        _ => None,
    })
}

/// A gap short enough to join an amount to its currency: "de", "di", "d'", "of".
pub(super) fn short_gap(body: &str, from: usize, to: usize) -> bool {
    body.get(from..to)
        .is_some_and(|g| g.trim().chars().count() <= 3 && !g.contains([',', ';', '(', ')']))
}

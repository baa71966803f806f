//! Page furniture: share buttons, ads, credits, bylines, datelines and related-article lists.
//!
//! The body stays intact (offsets must stay true); furniture is returned as byte ranges that
//! extraction skips.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct Rules {
    lines: HashSet<String>,
    prefixes: Vec<String>,
    related: HashSet<String>,
    /// Words a dateline opens with, in every language ("Publicado:", "aktualisiert").
    dateline_words: Vec<String>,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    // The file ships with the binary; a parse failure is a build defect caught by the tests.
    toml::from_str(crate::assets::FURNITURE).expect("assets/furniture.toml is valid")
});

/// The bytes furniture prefixes start with, lowercased: most lines fail this test at once.
static PREFIX_STARTS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut starts = [false; 256];
    for p in &RULES.prefixes {
        if let Some(&b) = p.as_bytes().first() {
            starts[b as usize] = true;
            starts[b.to_ascii_uppercase() as usize] = true;
        }
    }
    starts
});

/// A line that is only a URL, an assignment of one, or a dateline such as `16 jan 2026 - 15h34`.
static MACHINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            \S*\s*=?\s*https?://\S+              # a URL, alone or assigned
          | \d{1,2}\.?\s+\p{L}{3,10}\.?\s+\d{4}\s*[-–|,]\s*\d{1,2}[:h]\d{2}\S*   # dateline with time
          | \d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?   # bare ISO timestamp
        )$",
    )
    .expect("valid regex")
});

/// A dateline that opens a line: `date 2026-01-21 ...`, `Publicado: 2026-01-21`.
static LEADING_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // A trailing `*` in the file is a stem ("publi*": publicado, published, publié).
    let words: Vec<String> = RULES
        .dateline_words
        .iter()
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => format!(r"{}\w*", regex::escape(stem)),
            None => regex::escape(w),
        })
        .collect();
    Regex::new(&format!(
        r"(?i)^\s*(?:{})\s*:?\s*\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{2}}:\d{{2}})?\s*",
        words.join("|")
    ))
    .expect("valid regex")
});

/// The bytes the dateline words begin with, in either case.
static DATELINE_STARTS: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut starts = [false; 256];
    for w in &RULES.dateline_words {
        if let Some(&b) = w.as_bytes().first() {
            starts[b.to_ascii_lowercase() as usize] = true;
            starts[b.to_ascii_uppercase() as usize] = true;
        }
    }
    starts
});

/// The furniture ranges of a body, in order. `lang` is accepted for future per-language rules.
pub fn find(body: &str, _lang: &str) -> Vec<(usize, usize)> {
    let mut ranges = lines(body);
    // Escape sequences are never reporting, and their digits are never figures.
    if body
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') || b == 0xC2)
    {
        ranges.extend(crate::sanitize::control_ranges(body));
        ranges.sort_unstable();
    }
    ranges
}

/// Furniture found line by line.
fn lines(body: &str) -> Vec<(usize, usize)> {
    let rules = &*RULES;
    let mut ranges = Vec::new();
    let mut offset = 0;
    // One buffer for every line's lowercased head.
    let mut lower = String::new();
    for raw in body.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let end = start + raw.trim_end().len();
        // Furniture lines are short and prefixes are read at the start: lowercase only the head.
        let short = line.len() <= 80;
        let prefixed = PREFIX_STARTS[line.as_bytes()[0] as usize];
        lower.clear();
        if short || prefixed {
            lower.extend(
                line[..line.floor_char_boundary(80)]
                    .chars()
                    .flat_map(char::to_lowercase),
            );
        }
        if short && rules.related.contains(lower.trim_end_matches(':')) {
            ranges.push((start, body.len()));
            break;
        }
        let whole = (short && rules.lines.contains(&lower))
            || (prefixed && rules.prefixes.iter().any(|p| lower.starts_with(p.as_str())))
            || (may_be_machine_line(line) && MACHINE_LINE.is_match(line));
        if whole {
            ranges.push((start, end));
        } else if may_open_with_dateline(line) {
            if let Some(m) = LEADING_DATELINE.find(raw) {
                ranges.push((start, start + m.end()));
            }
        }
    }
    ranges
}

/// Cheap tests that spare the regexes most lines: a machine line holds a URL or opens
/// with a digit; a dateline opens with a word and holds a digit within a few dozen bytes.
fn may_be_machine_line(line: &str) -> bool {
    line.contains("://") || line.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

fn may_open_with_dateline(line: &str) -> bool {
    // The first letters of the words LEADING_DATELINE opens with.
    line.as_bytes()
        .first()
        .is_some_and(|&b| DATELINE_STARTS[b as usize])
        && line.as_bytes().iter().take(40).any(u8::is_ascii_digit)
}

/// The dateline of an article's header, if one is written there (used when ingesting).
pub fn header_date(body: &str) -> Option<chrono::NaiveDate> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid regex"));
    static DAY_MON_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(\d{1,2})\.?\s+(\p{L}{3,10})\.?\s+(\d{4})\b").expect("valid regex")
    });
    // Only the first lines: a date deep in the text is about something else.
    for line in body.lines().filter(|l| !l.trim().is_empty()).take(12) {
        if let Some(m) = LEADING_DATELINE.find(line) {
            if let Some(c) = ISO.captures(m.as_str()) {
                return ymd(&c[1], &c[2], &c[3]);
            }
        }
        if MACHINE_LINE.is_match(line.trim()) {
            if let Some(c) = ISO.captures(line) {
                return ymd(&c[1], &c[2], &c[3]);
            }
            if let Some(c) = DAY_MON_YEAR.captures(line) {
                let month = crate::assets::month_number(&c[2])?;
                return chrono::NaiveDate::from_ymd_opt(
                    c[3].parse().ok()?,
                    month,
                    c[1].parse().ok()?,
                );
            }
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture_text(body: &str) -> Vec<&str> {
        find(body, "pt")
            .into_iter()
            .map(|(s, e)| &body[s..e])
            .collect()
    }

    #[test]
    fn recognises_portuguese_page_furniture() {
        let body = "Script = https://s1.example.com/x.min.js\nPUBLICIDADE\n\nTitle\n\n16 jan 2026 - 15h34\n(atualizado às 17h43)\nCompartilhar\nFoto: Xataka\n\nReal text 700.\n\nMatérias relacionadas\n\nEm 2014, um voo\n";
        let f = furniture_text(body);
        assert!(f.contains(&"Script = https://s1.example.com/x.min.js"));
        assert!(f.contains(&"PUBLICIDADE"));
        assert!(f.contains(&"16 jan 2026 - 15h34"));
        assert!(f.contains(&"(atualizado às 17h43)"));
        assert!(f.contains(&"Foto: Xataka"));
        assert!(f.last().unwrap().starts_with("Matérias relacionadas"));
        assert!(f.last().unwrap().contains("Em 2014"));
        assert!(!f.iter().any(|s| s.contains("Real text")));
    }

    #[test]
    fn leading_dateline_is_cut_from_its_line_only() {
        let body = " date 2026-01-21 Alibaba a du succès.";
        let f = furniture_text(body);
        assert_eq!(f, vec![" date 2026-01-21 "]);
        assert_eq!(
            header_date(body),
            chrono::NaiveDate::from_ymd_opt(2026, 1, 21)
        );
    }

    #[test]
    fn bylines_are_furniture() {
        let f = furniture_text("Text.\nAutor: Ferdinand Hammer, wallstreetONLINE Redaktion\n");
        assert_eq!(
            f,
            vec!["Autor: Ferdinand Hammer, wallstreetONLINE Redaktion"]
        );
    }
}

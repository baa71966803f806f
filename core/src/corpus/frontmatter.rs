//! The optional TOML block fenced by `+++` lines that opens an article file.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

/// The fields an article file may declare; every one is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
}

#[derive(Deserialize)]
struct Raw {
    id: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::Value>,
    lang: Option<String>,
}

/// A front matter block that does not parse, with the file line it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']) == "+++"
}

/// Splits a file into its front matter, its body, and the number of lines before the body.
pub fn split_front_matter(text: &str) -> Result<(FrontMatter, &str, usize), FrontMatterError> {
    // Editors on Windows open files with a byte-order mark: it belongs to no field or line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Ok((FrontMatter::default(), text, 0)),
    }
    let block_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = block_start;
    let mut line_count = 1;
    for line in lines {
        line_count += 1;
        if is_fence(line) {
            let block = &text[block_start..offset];
            let body = &text[offset + line.len()..];
            let front = parse_block(block)?;
            return Ok((front, body, line_count));
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        message: "the opening `+++` is never closed".into(),
    })
}

fn parse_block(block: &str) -> Result<FrontMatter, FrontMatterError> {
    let raw: Raw = toml::from_str(block).map_err(|e| {
        // File line = the opening fence (1) + lines of the block before the error.
        let line = e.span().map_or(0, |s| {
            block[..s.start.min(block.len())].matches('\n').count()
        });
        FrontMatterError {
            line: line + 2,
            message: e.message().trim().to_string(),
        }
    })?;
    let published = match raw.published {
        None => None,
        // A year or a month is a valid DATE, but no day to date the article's facts by:
        // they are dated by their own text, as in an undated article.
        Some(toml::Value::String(s)) if is_year_or_month(&s) => None,
        Some(value) => Some(parse_published(&value).ok_or_else(|| FrontMatterError {
            line: line_of_key(block, "published") + 1,
            message: format!(
                "`published = {value}` is not YYYY, YYYY-MM or YYYY-MM-DD (optionally with a time)"
            ),
        })?),
    };
    Ok(FrontMatter {
        id: raw.id,
        title: raw.title,
        outlet: raw.outlet,
        url: raw.url,
        published,
        lang: raw.lang,
    })
}

fn line_of_key(block: &str, key: &str) -> usize {
    block
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

fn is_year_or_month(s: &str) -> bool {
    s.parse::<crate::date::PartialDate>()
        .is_ok_and(|d| d.precision() != crate::date::Precision::Day)
}

fn parse_published(value: &toml::Value) -> Option<NaiveDate> {
    let text = match value {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        _ => return None,
    };
    if let Ok(d) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Some(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&text, fmt) {
            return Some(dt.date());
        }
    }
    // An offset or fractional seconds: keep the calendar day as written.
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| text.len() > 10 && text.as_bytes().get(10) == Some(&b'T'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_before_the_fence_is_skipped() {
        let (f, body, n) =
            split_front_matter("\u{feff}+++\nid = \"a\"\nlang = \"es\"\n+++\nCuerpo").unwrap();
        assert_eq!(
            (f.id.as_deref(), f.lang.as_deref()),
            (Some("a"), Some("es"))
        );
        assert_eq!((body, n), ("Cuerpo", 4));
        let (_, body, _) = split_front_matter("\u{feff}Sin bloque").unwrap();
        assert_eq!(body, "Sin bloque");
    }

    #[test]
    fn no_front_matter_means_whole_body() {
        let (f, body, n) = split_front_matter("hello\n+++\n").unwrap();
        assert_eq!(f, FrontMatter::default());
        assert_eq!(body, "hello\n+++\n");
        assert_eq!(n, 0);
    }

    #[test]
    fn fields_and_body_start() {
        let text = "+++\nid = \"a\"\npublished = \"2026-01-16T15:34\"\nlang = \"pt\"\n+++\nBody\n";
        let (f, body, n) = split_front_matter(text).unwrap();
        assert_eq!(f.id.as_deref(), Some("a"));
        assert_eq!(f.published, NaiveDate::from_ymd_opt(2026, 1, 16));
        assert_eq!(body, "Body\n");
        assert_eq!(n, 5);
        let (f, _, _) = split_front_matter("+++\npublished = 2025-03-13\n+++\nx").unwrap();
        assert_eq!(f.published, NaiveDate::from_ymd_opt(2025, 3, 13));
    }

    #[test]
    fn errors_point_at_lines() {
        let e = split_front_matter("+++\nid = \"a\"\ntitle = \n+++\nx").unwrap_err();
        assert_eq!(e.line, 3);
        let e = split_front_matter("+++\nid = \"a\"\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = split_front_matter("+++\npublished = \"16/01/2026\"\n+++\nx").unwrap_err();
        assert_eq!(e.line, 2);
    }
}

//! An article taken from a page or a feed item, before it is written as an article file.

/// What a page or a feed item says about an article, and its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: Option<String>,
    /// As the source wrote it: a date, or an RFC 3339 date-time with its offset.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1, lower case.
    pub lang: Option<String>,
    /// One paragraph per line, paragraphs separated by a blank line, ending in a newline.
    pub body: String,
}

/// The longest title kept; longer ones are cut at a character boundary.
const MAX_TITLE_BYTES: usize = 300;

impl Draft {
    /// The article file: front matter with the fields known, then the body. `id` is optional.
    pub fn to_article_text(&self, id: Option<&str>) -> String {
        let mut front = toml::Table::new();
        let mut set = |key: &str, value: Option<&str>| {
            if let Some(v) = value.map(one_line).filter(|v| !v.is_empty()) {
                front.insert(key.into(), toml::Value::String(v));
            }
        };
        set("id", id);
        set(
            "title",
            self.title.as_deref().map(|t| cut(t, MAX_TITLE_BYTES)),
        );
        set("outlet", self.outlet.as_deref());
        set("url", self.url.as_deref());
        set("published", self.published.as_deref());
        set("lang", self.lang.as_deref());
        let toml = toml::to_string(&front).unwrap_or_default();
        format!("+++\n{toml}+++\n{}", self.body)
    }

    /// The id a stored copy gets: date and title, made safe by the caller.
    pub fn id_hint(&self) -> String {
        let date = self
            .published
            .as_deref()
            .and_then(|p| p.get(..10))
            .unwrap_or("");
        let title = self.title.as_deref().unwrap_or("article");
        let words: String = title.to_lowercase().chars().take(60).collect();
        if date.is_empty() {
            words
        } else {
            format!("{date}-{words}")
        }
    }
}

/// Line breaks and control characters inside a field become spaces (a value stays one line, so
/// it can never close the front matter).
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control())
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Paragraphs as lines: every non-blank line trimmed and separated by one blank line.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse_spaces(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Runs of ASCII white space become one space; other spaces (U+00A0 in "180 000") are kept.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split([' ', '\t', '\r', '\u{c}'])
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_matches(|c: char| c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_reads_back() {
        let d = Draft {
            title: Some("A \"quoted\"\n+++\ntitle".into()),
            published: Some("2026-01-21T09:30:00+08:00".into()),
            url: Some("https://x.example/a".into()),
            body: "One.\n\nTwo.\n".into(),
            ..Draft::default()
        };
        let text = d.to_article_text(Some("x-1"));
        let (fm, body, _) = crate::corpus::split_front_matter(&text).unwrap();
        assert_eq!(body, "One.\n\nTwo.\n");
        assert_eq!(fm.title.as_deref(), Some("A \"quoted\" +++ title"));
        assert_eq!(fm.id.as_deref(), Some("x-1"));
        assert_eq!(fm.published, chrono::NaiveDate::from_ymd_opt(2026, 1, 21));
    }

    #[test]
    fn paragraphs_are_lines() {
        assert_eq!(paragraphs("  a   b \n\n\n c\u{a0}d\n"), "a b\n\nc\u{a0}d\n");
        assert_eq!(paragraphs(" \n"), "");
    }
}

//! The article: where it came from, what parsing its text yields, and why a file is refused.

use super::{furniture, lang, split_front_matter, MAX_ARTICLE_BYTES};
use crate::date::PartialDate;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where an article was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Embedded in the binary, by its file name.
    Bundled(String),
    File(PathBuf),
    /// Built in memory (tests, standard input).
    Memory(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "bundled:{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Memory(name) => f.write_str(name),
        }
    }
}

/// One news article: its metadata and its body exactly as captured.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code, from the front matter or detected from the body.
    pub lang: String,
    pub published: Option<NaiveDate>,
    /// The text after the front matter, byte for byte; offsets point into it.
    pub body: String,
    pub origin: Origin,
    /// Byte ranges of the body that are page furniture, not reporting.
    pub furniture: Vec<(usize, usize)>,
    /// How many lines of the file come before the body (the front matter's).
    pub body_line_offset: usize,
}

/// What is printed for an article in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub lang: &'a str,
    pub published: Option<String>,
}

/// All that parsing a file yields besides its text, so that an unchanged file need not be
/// parsed again (see [`ParseMemo`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    id: String,
    title: String,
    outlet: Option<String>,
    url: Option<String>,
    lang: String,
    published: Option<NaiveDate>,
    furniture: Vec<(usize, usize)>,
    body_line_offset: usize,
    /// Where the body starts in the file's text.
    body_start: usize,
}

/// A memory of earlier parses, keyed by a file's name and bytes: opening thousands of
/// unchanged files then skips front matter, language detection and furniture rules.
pub trait ParseMemo: Sync {
    fn recall(&self, name: &str, bytes: &[u8]) -> Option<Parsed>;
    fn remember(&self, name: &str, bytes: &[u8], parsed: &Parsed);
}

impl Parsed {
    /// Parses a file's text; `name` is the file name, used for the default id.
    fn of(text: &str, name: &str, origin: &Origin) -> Result<Parsed, LoadError> {
        let (front, body, body_line_offset) =
            split_front_matter(text).map_err(|e| LoadError::FrontMatter {
                origin: origin.to_string(),
                line: e.line,
                message: e.message,
            })?;
        if body.trim().is_empty() {
            return Err(LoadError::Empty(origin.to_string()));
        }
        let id = front
            .id
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| file_stem(name));
        let title = front
            .title
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| first_line(body));
        let furniture = furniture::find(body, "");
        let lang = front
            .lang
            .clone()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| lang::detect_sample(lang::sample(body, &furniture)).to_string());
        // Without front matter, the article's own dateline ("16 jan 2026 - 15h34") dates it.
        let published = front.published.or_else(|| furniture::header_date(body));
        Ok(Parsed {
            id,
            title,
            outlet: front.outlet,
            url: front.url,
            lang,
            published,
            furniture,
            body_line_offset,
            // The body is the text after the front matter: a suffix of it.
            body_start: text.len() - body.len(),
        })
    }

    /// Whether these offsets can belong to `text` (a remembered parse may come from a damaged
    /// or foreign cache): the body and every furniture range lie on its char boundaries.
    fn fits(&self, text: &str) -> bool {
        let Some(body) = text.get(self.body_start..) else {
            return false;
        };
        self.furniture
            .iter()
            .all(|&(s, e)| s <= e && body.get(s..e).is_some())
    }
}

impl Article {
    /// Builds an article from a file's text; `name` is the file name, used for the default id.
    pub fn parse(text: &str, name: &str, origin: Origin) -> Result<Article, LoadError> {
        Parsed::of(text, name, &origin).map(|p| Article::from_parsed(p, text, origin))
    }

    /// The article of a text already parsed into `p`.
    fn from_parsed(p: Parsed, text: &str, origin: Origin) -> Article {
        Article {
            id: p.id,
            title: p.title,
            outlet: p.outlet,
            url: p.url,
            lang: p.lang,
            published: p.published,
            body: text.get(p.body_start..).unwrap_or_default().to_string(),
            origin,
            furniture: p.furniture,
            body_line_offset: p.body_line_offset,
        }
    }

    pub fn summary(&self) -> ArticleSummary<'_> {
        ArticleSummary {
            id: &self.id,
            title: &self.title,
            outlet: self.outlet.as_deref(),
            url: self.url.as_deref(),
            lang: &self.lang,
            published: self.published.map(|d| PartialDate::day(d).to_string()),
        }
    }

    /// The 1-based line of the file on which a body offset falls (front matter counted).
    pub fn line_of(&self, offset: usize) -> usize {
        let upto = offset.min(self.body.len());
        let body_line = self.body.as_bytes()[..upto]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        body_line + 1 + self.body_line_offset
    }
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// A default title longer than this is cut (with "…"): a body that is one huge line must not
/// become a huge title in every output.
pub const MAX_DEFAULT_TITLE_CHARS: usize = 200;

/// The contract's default title: the first non-empty line of the body, capped.
fn first_line(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(MAX_DEFAULT_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_string(),
    }
}

/// Why one file could not be loaded. Each names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: cannot be read: {1}")]
    Unreadable(String, String),
    #[error("{0}: is a binary file, not an article")]
    Binary(String),
    #[error("{0}: is not valid UTF-8 (first bad byte at offset {1})")]
    NotUtf8(String, usize),
    #[error("{0}: is empty")]
    Empty(String),
    #[error("{0}: is {1} bytes, over the {max} byte limit", max = MAX_ARTICLE_BYTES)]
    TooLarge(String, u64),
    #[error("{0}: is {1}, not a regular file; not read")]
    NotRegular(String, &'static str),
    #[error("{0}: links to a file outside its folder; not followed")]
    LinkOutside(String),
    #[error("{origin}:{line}: broken front matter: {message}")]
    FrontMatter {
        origin: String,
        line: usize,
        message: String,
    },
}

/// Decodes a file's bytes into an article, refusing binary, non-UTF-8 and empty input.
pub fn parse_bytes(bytes: &[u8], name: &str, origin: Origin) -> Result<Article, LoadError> {
    parse_bytes_with(bytes, name, origin, None)
}

/// [`parse_bytes`], taking the parse from `memo` when it has seen these bytes under this name.
pub(super) fn parse_bytes_with(
    bytes: &[u8],
    name: &str,
    origin: Origin,
    memo: Option<&dyn ParseMemo>,
) -> Result<Article, LoadError> {
    if let Some(memo) = memo {
        // Bytes that parsed once passed every check below; only the text is needed again.
        let remembered = memo
            .recall(name, bytes)
            .zip(std::str::from_utf8(bytes).ok());
        if let Some((parsed, text)) = remembered.filter(|(p, text)| p.fits(text)) {
            return Ok(Article::from_parsed(parsed, text, origin));
        }
    }
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(LoadError::TooLarge(origin.to_string(), bytes.len() as u64));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty(origin.to_string()));
    }
    if bytes.contains(&0) {
        return Err(LoadError::Binary(origin.to_string()));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| LoadError::NotUtf8(origin.to_string(), e.valid_up_to()))?;
    let parsed = Parsed::of(text, name, &origin)?;
    if let Some(memo) = memo {
        memo.remember(name, bytes, &parsed);
    }
    Ok(Article::from_parsed(parsed, text, origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_named() {
        let o = || Origin::Memory("x.md".into());
        assert!(matches!(
            parse_bytes(b"", "x.md", o()),
            Err(LoadError::Empty(_))
        ));
        assert!(matches!(
            parse_bytes(b"ab\0cd", "x.md", o()),
            Err(LoadError::Binary(_))
        ));
        assert!(matches!(
            parse_bytes(b"ab\xffcd", "x.md", o()),
            Err(LoadError::NotUtf8(_, 2))
        ));
        let e = parse_bytes(b"+++\nid = \n+++\nbody", "x.md", o()).unwrap_err();
        assert!(
            e.to_string().starts_with("x.md:2: broken front matter"),
            "{e}"
        );
    }

    /// A memory that recalls one fixed parse for any file.
    struct Fixed(Parsed);

    impl ParseMemo for Fixed {
        fn recall(&self, _: &str, _: &[u8]) -> Option<Parsed> {
            Some(self.0.clone())
        }
        fn remember(&self, _: &str, _: &[u8], _: &Parsed) {}
    }

    #[test]
    fn a_remembered_parse_that_does_not_fit_the_text_is_not_used() {
        let text = "+++\nlang = \"fr\"\n+++\nAlibaba a dépassé Meta.\n";
        let real = Article::parse(text, "a.md", Origin::Memory("a.md".into())).unwrap();
        let parsed = Parsed::of(text, "a.md", &Origin::Memory("a.md".into())).unwrap();
        let beyond = Parsed {
            body_start: text.len() + 1,
            ..parsed.clone()
        };
        // "é" is two bytes: a range ending inside it is no range of this body.
        let split_char = Parsed {
            furniture: vec![(0, 12)],
            ..parsed.clone()
        };
        // The parse that fits is used; those that do not are replaced by parsing again.
        for memo in [Fixed(beyond), Fixed(split_char), Fixed(parsed)] {
            let article = parse_bytes_with(
                text.as_bytes(),
                "a.md",
                Origin::Memory("a.md".into()),
                Some(&memo),
            )
            .unwrap();
            assert_eq!(article, real);
        }
    }

    #[test]
    fn defaults_come_from_name_and_body() {
        let a = Article::parse(
            "\n  Headline here\nText.",
            "dir/some-id.md",
            Origin::Memory("m".into()),
        )
        .unwrap();
        assert_eq!(a.id, "some-id");
        assert_eq!(a.title, "Headline here");
    }
}

//! Shared test helpers: the binary run in a private home, and, for the per-language case
//! runner, articles built from lines of text through the public API and their facts extracted.

#![allow(dead_code)] // each test crate uses its own subset of the helpers

use qwen_story::corpus::{Article, Origin};
use std::path::Path;

/// The binary with a private, empty data and cache folder under `home`, so the user's files
/// never leak in, and colour left to the test.
pub fn binary(home: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("qwen-story").expect("the binary is built");
    cmd.env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home)
        .env_remove("NO_COLOR");
    cmd
}
use qwen_story::extract::{Extractor, Fact, FactDate};

/// An article and the facts extracted from it.
pub struct Extracted {
    pub article: Article,
    pub facts: Vec<Fact>,
}

/// Extracts the facts of an article in `lang`, published on `published` (`YYYY-MM-DD`),
/// whose body is `lines`, one paragraph per line as captures keep them.
pub fn extract(lang: &str, published: &str, lines: &[&str]) -> Extracted {
    extract_with(lang, Some(published), lines)
}

/// Same as [`extract`] for an article whose front matter gives no publication date.
pub fn extract_undated(lang: &str, lines: &[&str]) -> Extracted {
    extract_with(lang, None, lines)
}

fn extract_with(lang: &str, published: Option<&str>, lines: &[&str]) -> Extracted {
    let mut text = format!("+++\nlang = \"{lang}\"\n");
    if let Some(p) = published {
        text.push_str(&format!("published = \"{p}\"\n"));
    }
    text.push_str("+++\n");
    text.push_str(&lines.join("\n"));
    text.push('\n');
    let article = Article::parse(&text, "test.md", Origin::Memory("test.md".into()))
        .unwrap_or_else(|e| panic!("test article does not parse: {e}"));
    let facts = Extractor::shared().extract(&article);
    Extracted { article, facts }
}

impl Extracted {
    pub fn quote(&self, f: &Fact) -> &str {
        &self.article.body[f.quote.0..f.quote.1]
    }

    pub fn figure(&self, f: &Fact) -> &str {
        &self.article.body[f.figure.0..f.figure.1]
    }

    /// Every fact on its own line, for failure messages.
    pub fn dump(&self) -> String {
        self.facts
            .iter()
            .map(|f| {
                format!(
                    "  {} {:?} date={} figure={:?} quote={:?}",
                    f.kind,
                    f.value,
                    date(f),
                    self.figure(f),
                    self.quote(f)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The date a fact states, as `YYYY[-MM[-DD]]`, or `as-of-publication`.
pub fn date(f: &Fact) -> String {
    match f.date {
        FactDate::Stated(d) => d.to_string(),
        FactDate::AsOfPublication => "as-of-publication".into(),
    }
}

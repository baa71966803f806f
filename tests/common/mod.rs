//! Shared test helpers: the binary run in a private home, and, for the per-language
//! extraction tests, articles built from lines of text through the public API, their facts
//! extracted and checked one at a time.

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
use qwen_story::extract::{Extractor, Fact, FactDate, Kind, Qualifier};

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
    /// The facts of one kind, in text order.
    pub fn of_kind(&self, kind: Kind) -> Vec<&Fact> {
        self.facts.iter().filter(|f| f.kind == kind).collect()
    }

    /// The one fact of `kind`; fails, listing every fact, when there is none or several.
    pub fn one(&self, kind: Kind) -> Check<'_> {
        let found = self.of_kind(kind);
        assert_eq!(
            found.len(),
            1,
            "expected exactly one {kind} fact, got:\n{}",
            self.dump()
        );
        Check {
            x: self,
            fact: found[0],
        }
    }

    /// The one fact of `kind` whose quote is `sentence`.
    pub fn one_in(&self, kind: Kind, sentence: &str) -> Check<'_> {
        let found: Vec<&Fact> = self
            .of_kind(kind)
            .into_iter()
            .filter(|f| self.quote(f) == sentence)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected one {kind} fact quoting {sentence:?}, got:\n{}",
            self.dump()
        );
        Check {
            x: self,
            fact: found[0],
        }
    }

    /// Asserts that nothing at all was extracted.
    pub fn assert_none(&self) {
        assert!(
            self.facts.is_empty(),
            "expected no facts, got:\n{}",
            self.dump()
        );
    }

    /// Asserts that no fact of `kind` was extracted.
    pub fn assert_no(&self, kind: Kind) {
        assert!(
            self.of_kind(kind).is_empty(),
            "expected no {kind} fact, got:\n{}",
            self.dump()
        );
    }

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

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Chained assertions on one fact; each failure names the fact and its article's facts.
pub struct Check<'a> {
    x: &'a Extracted,
    pub fact: &'a Fact,
}

impl<'a> Check<'a> {
    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\nfact: {:?}\nall facts:\n{}",
            self.fact,
            self.x.dump()
        )
    }

    /// The figure's amount and unit (`downloads`, `models`, `users`, an ISO code, `%`...).
    pub fn value(self, amount: f64, unit: &str) -> Self {
        match &self.fact.value {
            Some(q) if close(q.amount, amount) && q.unit == unit => self,
            other => self.fail(&format!("expected value {amount} {unit}, got {other:?}")),
        }
    }

    /// The conversion the sentence states next to the figure.
    pub fn converted(self, amount: f64, unit: &str) -> Self {
        match &self.fact.converted {
            Some(q) if close(q.amount, amount) && q.unit == unit => self,
            other => self.fail(&format!(
                "expected conversion {amount} {unit}, got {other:?}"
            )),
        }
    }

    pub fn no_conversion(self) -> Self {
        if self.fact.converted.is_some() {
            self.fail("expected no conversion");
        }
        self
    }

    pub fn qualifier(self, q: Option<Qualifier>) -> Self {
        if self.fact.qualifier != q {
            self.fail(&format!("expected qualifier {q:?}"));
        }
        self
    }

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `as-of-publication`.
    pub fn date(self, want: &str) -> Self {
        if date(self.fact) != want {
            self.fail(&format!("expected date {want}, got {}", date(self.fact)));
        }
        self
    }

    /// The exact text of the figure (or the key words of an event).
    pub fn figure(self, want: &str) -> Self {
        if self.x.figure(self.fact) != want {
            self.fail(&format!(
                "expected figure {want:?}, got {:?}",
                self.x.figure(self.fact)
            ));
        }
        self
    }

    /// The quote is exactly this sentence of the body.
    pub fn quote(self, sentence: &str) -> Self {
        let (start, end) = self.fact.quote;
        if self.x.quote(self.fact) != sentence {
            self.fail(&format!(
                "expected quote {sentence:?}, got {:?}",
                self.x.quote(self.fact)
            ));
        }
        if !(start <= self.fact.figure.0 && self.fact.figure.1 <= end) {
            self.fail("the figure lies outside its quote");
        }
        self
    }

    /// The other party: the rival overtaken, the partner, the products released.
    pub fn entities(self, want: &[&str]) -> Self {
        if self.fact.entities != want {
            self.fail(&format!("expected entities {want:?}"));
        }
        self
    }

    pub fn series(self, want: Option<&str>) -> Self {
        if self.fact.series.as_deref() != want {
            self.fail(&format!("expected series {want:?}"));
        }
        self
    }

    pub fn topic(self, want: Option<&str>) -> Self {
        if self.fact.topic.as_deref() != want {
            self.fail(&format!("expected topic {want:?}"));
        }
        self
    }
}

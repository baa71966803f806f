//! The data the library ships inside the binary: the lexicons (one file per language, found
//! in `assets/lexicons/`, so a new file is a new language), the story file and page furniture.
//! Corpus, extraction and the rest read them from here, so none of them reaches into another
//! for its data.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

static LEXICON_DIR: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/assets/lexicons");

/// The symbols and codes every language shares (`assets/lexicons/common.toml`).
pub const COMMON: &str = include_str!("../assets/lexicons/common.toml");
/// The story tracked by default (`assets/story.toml`).
pub const STORY: &str = include_str!("../assets/story.toml");
/// Page furniture: lines and prefixes that are not reporting (`assets/furniture.toml`).
pub const FURNITURE: &str = include_str!("../assets/furniture.toml");

const COMMON_NAME: &str = "common.toml";

/// One language's lexicon file: its ISO 639-1 code (the file's name) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconText {
    pub code: String,
    pub text: Cow<'static, str>,
}

/// Everything extraction is built from: a story and the lexicons it is read in.
#[derive(Debug, Clone)]
pub struct ExtractorData {
    pub story: Cow<'static, str>,
    pub common: Cow<'static, str>,
    /// English first: it is the lexicon a language without one falls back to.
    pub lexicons: Vec<LexiconText>,
}

/// A lexicon or story file that could not be read from a folder.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct DataDirError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

impl ExtractorData {
    /// The bundled story and lexicons.
    pub fn bundled() -> ExtractorData {
        ExtractorData {
            story: Cow::Borrowed(STORY),
            common: Cow::Borrowed(COMMON),
            lexicons: bundled_lexicons().to_vec(),
        }
    }

    /// Another story, read in the same languages.
    pub fn with_story(mut self, story: impl Into<Cow<'static, str>>) -> ExtractorData {
        self.story = story.into();
        self
    }

    /// Adds (or replaces) the lexicons of a folder: every `<code>.toml` in it.
    pub fn with_lexicon_dir(mut self, dir: &Path) -> Result<ExtractorData, DataDirError> {
        let err = |path: &Path, source| DataDirError {
            path: path.display().to_string(),
            source,
        };
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| err(dir, e))? {
            let path = entry.map_err(|e| err(dir, e))?.path();
            let Some(code) = lexicon_code(&path) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|e| err(&path, e))?;
            found.push(LexiconText {
                code,
                text: Cow::Owned(text),
            });
        }
        for lexicon in found {
            self.lexicons.retain(|l| l.code != lexicon.code);
            self.lexicons.push(lexicon);
        }
        sort_english_first(&mut self.lexicons);
        Ok(self)
    }

    /// A fingerprint of this data: cached facts are valid only for the data that made them.
    pub fn fingerprint(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for l in &self.lexicons {
            hasher.update(l.code.as_bytes());
            hasher.update(l.text.as_bytes());
        }
        hasher.update(self.common.as_bytes());
        hasher.update(self.story.as_bytes());
        hasher.finalize().to_hex()[..16].to_string()
    }
}

/// The bundled lexicons, English first.
pub fn bundled_lexicons() -> &'static [LexiconText] {
    static ALL: LazyLock<Vec<LexiconText>> = LazyLock::new(|| {
        let mut all: Vec<LexiconText> = LEXICON_DIR
            .files()
            .filter_map(|f| {
                Some(LexiconText {
                    code: lexicon_code(f.path())?,
                    text: Cow::Borrowed(f.contents_utf8()?),
                })
            })
            .collect();
        sort_english_first(&mut all);
        all
    });
    &ALL
}

/// The language codes of the bundled lexicons.
pub fn languages() -> impl Iterator<Item = &'static str> {
    bundled_lexicons().iter().map(|l| l.code.as_str())
}

/// A lexicon's language code from its file name: `nl.toml` is Dutch; `common.toml` and other
/// files are none.
fn lexicon_code(path: &Path) -> Option<String> {
    if path.extension()? != "toml" || path.file_name()? == COMMON_NAME {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    (stem.len() == 2 && stem.bytes().all(|b| b.is_ascii_lowercase())).then(|| stem.to_string())
}

fn sort_english_first(lexicons: &mut [LexiconText]) {
    lexicons.sort_by(|a, b| (a.code != "en", &a.code).cmp(&(b.code != "en", &b.code)));
}

/// The parts of a lexicon file that other layers read without compiling it.
#[derive(serde::Deserialize, Default)]
struct Header {
    /// The language detector's code (ISO 639-3), when the detector knows the language.
    detector: Option<String>,
    #[serde(default)]
    dates: HeaderDates,
}

#[derive(serde::Deserialize, Default)]
struct HeaderDates {
    #[serde(default)]
    months: HashMap<String, u32>,
    #[serde(default)]
    months_strict: HashMap<String, u32>,
}

fn header(text: &str) -> Header {
    // The bundled files are checked by the extractor's tests; a broken one reads as empty.
    toml::from_str(text).unwrap_or_default()
}

/// The detector codes (ISO 639-3) of the bundled languages, with their ISO 639-1 codes.
pub fn detector_codes() -> Vec<(String, &'static str)> {
    bundled_lexicons()
        .iter()
        .filter_map(|l| Some((header(&l.text).detector?, l.code.as_str())))
        .collect()
}

/// The month a month name means in any bundled language ("März", "févr", "October").
pub fn month_number(name: &str) -> Option<u32> {
    static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
        let mut all = HashMap::new();
        for l in bundled_lexicons() {
            let h = header(&l.text);
            all.extend(h.dates.months_strict.into_iter().chain(h.dates.months));
        }
        all
    });
    MONTHS.get(&name.to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_languages_are_found_english_first() {
        let codes: Vec<&str> = languages().collect();
        assert_eq!(codes, ["en", "de", "es", "fr", "it", "pt"]);
        assert_eq!(detector_codes().len(), 6);
    }

    #[test]
    fn month_names_of_every_language() {
        assert_eq!(month_number("März"), Some(3));
        assert_eq!(month_number("octobre"), Some(10));
        assert_eq!(month_number("Jan"), Some(1));
        assert_eq!(month_number("Qwen"), None);
    }
}

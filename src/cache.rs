//! Per-article extraction cache. (Issue 5.)
//!
//! Extraction is the slow part of opening a corpus, and its result depends only on an article's
//! body, language and publication date, on the lexicons, and on the program itself. Those are
//! hashed into a key, and each article's facts are stored as one small JSON file named by its key
//! under `$XDG_CACHE_HOME/qwen-story/facts-v1/<2 hex digits>/` (256 shards keep folders small).
//!
//! The cache only ever speeds things up: a missing, corrupt, truncated or foreign file is a miss
//! and is rewritten, an unwritable folder is skipped, and nothing here reports an error.

use crate::corpus::Article;
use crate::extract::{Extractor, Fact};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// The folder under the cache root; bump when the file layout changes.
const LAYOUT: &str = "facts-v1";

/// Extraction results cached on disk, one file per article.
#[derive(Debug)]
pub struct FactCache {
    /// `None`: no cache (no cache folder known, or the program cannot fingerprint itself).
    dir: Option<PathBuf>,
    /// Set after the first failed write so a read-only cache costs one failed attempt, not one per article.
    unwritable: AtomicBool,
}

/// What a cache file holds: the key again, so a file copied or renamed into place is not trusted.
#[derive(Serialize, Deserialize)]
struct Entry<K, F> {
    key: K,
    facts: F,
}

impl FactCache {
    /// The user's cache (`$XDG_CACHE_HOME/qwen-story`), or none when no cache folder is known.
    pub fn user() -> FactCache {
        match crate::paths::cache_dir() {
            Some(dir) => FactCache::at(dir),
            None => FactCache::disabled(),
        }
    }

    /// A cache rooted at `root` (created on first write).
    pub fn at(root: impl Into<PathBuf>) -> FactCache {
        // Without a fingerprint of the program, a rebuilt binary could read stale facts.
        let dir = program_fingerprint().map(|_| root.into().join(LAYOUT));
        FactCache {
            dir,
            unwritable: AtomicBool::new(false),
        }
    }

    /// No cache: every article is extracted.
    pub fn disabled() -> FactCache {
        FactCache {
            dir: None,
            unwritable: AtomicBool::new(false),
        }
    }

    /// The folder the cache files live in, when caching is on.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The facts of every article, in order: from the cache where present, else extracted (in
    /// parallel) and stored.
    pub fn facts(&self, articles: &[Article]) -> Vec<Vec<Fact>> {
        articles.par_iter().map(|a| self.facts_of(a)).collect()
    }

    /// The facts of one article, from the cache or extracted and stored.
    pub fn facts_of(&self, article: &Article) -> Vec<Fact> {
        let Some(dir) = &self.dir else {
            return Extractor::shared().extract(article);
        };
        let key = key_of(article);
        let path = entry_path(dir, &key);
        if let Some(facts) = read_entry(&path, &key) {
            return facts;
        }
        let facts = Extractor::shared().extract(article);
        if !self.unwritable.load(Ordering::Relaxed) && write_entry(&path, &key, &facts).is_err() {
            self.unwritable.store(true, Ordering::Relaxed);
        }
        facts
    }
}

/// The cache key of an article: everything its facts depend on.
pub fn key_of(article: &Article) -> String {
    let mut h = blake3::Hasher::new();
    // Each part is length-prefixed so no two different inputs hash the same bytes.
    let published = article.published.map(|d| d.to_string()).unwrap_or_default();
    let fingerprint: &str = program_fingerprint().unwrap_or_default();
    for part in [
        article.body.as_str(),
        article.lang.as_str(),
        published.as_str(),
        Extractor::shared().version(),
        env!("CARGO_PKG_VERSION"),
        fingerprint,
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// Identifies this build of the program: extraction code can change without the version or the
/// lexicons changing (any rebuild), and a cache must never outlive the code that filled it.
fn program_fingerprint() -> Option<&'static str> {
    static FINGERPRINT: OnceLock<Option<String>> = OnceLock::new();
    FINGERPRINT
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let meta = std::fs::metadata(exe).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!("{}:{}", meta.len(), modified.as_nanos()))
        })
        .as_deref()
}

fn entry_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(&key[..2]).join(format!("{key}.json"))
}

/// The cached facts, or `None` for a missing, unreadable, corrupt or foreign file.
fn read_entry(path: &Path, key: &str) -> Option<Vec<Fact>> {
    let bytes = std::fs::read(path).ok()?;
    let entry: Entry<String, Vec<Fact>> = serde_json::from_slice(&bytes).ok()?;
    (entry.key == key).then_some(entry.facts)
}

/// Stores facts atomically (temporary file, then rename), so a reader never sees half a file.
fn write_entry(path: &Path, key: &str, facts: &[Fact]) -> std::io::Result<()> {
    let json = serde_json::to_vec(&Entry { key, facts })?;
    // JSON float parsing is not guaranteed exact; facts that would not read back identical are
    // not cached, so a warm run always equals a cold one.
    let back: Entry<String, Vec<Fact>> = serde_json::from_slice(&json)?;
    if back.facts != facts {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&json)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

    fn article(body: &str, lang: &str) -> Article {
        let text = format!("+++\nlang = \"{lang}\"\npublished = \"2026-01-16\"\n+++\n{body}");
        Article::parse(&text, "a.md", Origin::Memory("a.md".into())).unwrap()
    }

    #[test]
    fn key_depends_on_body_lang_and_date_only() {
        let a = article("Qwen passes 700 million downloads.", "en");
        let mut b = a.clone();
        b.id = "other".into();
        b.title = "Other".into();
        assert_eq!(key_of(&a), key_of(&b));
        b.lang = "fr".into();
        assert_ne!(key_of(&a), key_of(&b));
        let mut c = a.clone();
        c.published = None;
        assert_ne!(key_of(&a), key_of(&c));
        let mut d = a.clone();
        d.body.push(' ');
        assert_ne!(key_of(&a), key_of(&d));
    }

    #[test]
    fn foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_entry(&path, "abc", &[]).unwrap();
        assert_eq!(read_entry(&path, "abc"), Some(vec![]));
        assert_eq!(read_entry(&path, "abd"), None);
    }
}

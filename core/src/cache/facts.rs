//! The facts cache: each article's extracted facts, keyed by everything they depend on.

use super::pack::{decode, encode, program_fingerprint, Key, PackFile};
use super::CorpusKey;
use crate::corpus::Article;
use crate::extract::{Extractor, Fact};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The pack's file name.
const PACK_FILE: &str = "facts.pack";

/// What one article's facts are cached under: its body, language, date, the extraction data
/// and the program. A part of a [`CorpusKey`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactKey(pub(super) Key);

/// Extraction results cached on disk, one entry per article.
#[derive(Debug)]
pub struct FactCache {
    pack: PackFile,
    /// What extracts on a miss: the bundled story and lexicons unless another is given.
    extractor: Option<std::sync::Arc<Extractor>>,
}

impl FactCache {
    /// The user's cache (`$XDG_CACHE_HOME/qwen-story`), or none when no cache folder is known.
    pub fn user() -> FactCache {
        FactCache {
            pack: PackFile::at(crate::paths::cache_dir(), PACK_FILE),
            extractor: None,
        }
    }

    /// A cache kept in the folder `root` (created on first write).
    pub fn at(root: impl Into<PathBuf>) -> FactCache {
        FactCache {
            pack: PackFile::at(Some(root.into()), PACK_FILE),
            extractor: None,
        }
    }

    /// No cache: every article is extracted.
    pub fn disabled() -> FactCache {
        FactCache {
            pack: PackFile::at(None, PACK_FILE),
            extractor: None,
        }
    }

    /// Extracts with `extractor` (another story, other lexicons) instead of the bundled one;
    /// its data fingerprint is part of every key, so their facts never mix.
    pub fn with_extractor(mut self, extractor: std::sync::Arc<Extractor>) -> FactCache {
        self.extractor = Some(extractor);
        self
    }

    fn extractor(&self) -> &Extractor {
        self.extractor
            .as_deref()
            .unwrap_or_else(|| Extractor::shared())
    }

    /// The pack file, when caching is on.
    pub fn path(&self) -> Option<&Path> {
        self.pack.path.as_deref()
    }

    /// The facts of every article, in order: from the cache where present, else extracted (in
    /// parallel). New results are written to the cache before returning.
    pub fn facts(&self, articles: &[Article]) -> Vec<Vec<Fact>> {
        self.facts_keyed(articles).0
    }

    /// [`FactCache::facts`], with a key of the whole corpus and its facts when caching is
    /// on: what a cached timeline is stored under (see [`TimelineCache`](super::TimelineCache)).
    pub fn facts_keyed(&self, articles: &[Article]) -> (Vec<Vec<Fact>>, Option<CorpusKey>) {
        let refs: Vec<&Article> = articles.iter().collect();
        let (facts, keys): (Vec<Vec<Fact>>, Vec<Option<FactKey>>) =
            self.facts_each(&refs).into_iter().unzip();
        let corpus = CorpusKey::of(articles.iter().map(|a| a.id.as_str()).zip(keys))
            .filter(|_| self.pack.is_on());
        self.flush();
        (facts, corpus)
    }

    /// The facts of every article, in order, each with the key they are cached under (none
    /// when caching is off): from the cache where present, else extracted (in parallel). New
    /// results are kept in memory until [`FactCache::flush`].
    pub fn facts_each(&self, articles: &[&Article]) -> Vec<(Vec<Fact>, Option<FactKey>)> {
        if !self.pack.is_on() {
            let extractor = self.extractor();
            return articles
                .par_iter()
                .map(|a| (extractor.extract(a), None))
                .collect();
        }
        let found: Vec<Found> = articles.par_iter().map(|a| self.find(a)).collect();
        let keys: Vec<Key> = found.iter().map(|f| f.key).collect();
        self.record(found)
            .into_iter()
            .zip(keys)
            .map(|(facts, key)| (facts, Some(FactKey(key))))
            .collect()
    }

    /// The facts of one article, from the cache or extracted. New results are kept in memory
    /// until [`FactCache::flush`].
    pub fn facts_of(&self, article: &Article) -> Vec<Fact> {
        if !self.pack.is_on() {
            return self.extractor().extract(article);
        }
        let found = self.find(article);
        self.record(vec![found]).pop().unwrap_or_default()
    }

    /// Writes the pack if facts were extracted since it was last written; failures are silent.
    pub fn flush(&self) {
        self.pack.flush();
    }

    /// Looks an article up in the stored pack and this session's entries, extracting on a miss.
    fn find(&self, article: &Article) -> Found {
        let key = key_of(article, self.extractor().version());
        match self.pack.get(&key, decode::<Vec<Fact>>) {
            Some(facts) => Found {
                key,
                facts,
                encoded: None,
            },
            None => {
                let facts = self.extractor().extract(article);
                // Facts that would not read back identical are not cached: warm equals cold.
                let encoded = encode(&facts)
                    .filter(|blob| decode::<Vec<Fact>>(blob).as_ref() == Some(&facts));
                Found {
                    key,
                    facts,
                    encoded,
                }
            }
        }
    }

    /// Notes which entries were used and which are new; returns the facts.
    fn record(&self, found: Vec<Found>) -> Vec<Vec<Fact>> {
        let mut session = self.pack.session();
        found
            .into_iter()
            .map(|f| {
                session.used.insert(f.key);
                if let Some(blob) = f.encoded {
                    session.fresh.insert(f.key, blob);
                    session.dirty = true;
                }
                f.facts
            })
            .collect()
    }
}

/// An article's facts as found, with their encoding when they are new.
struct Found {
    key: Key,
    facts: Vec<Fact>,
    encoded: Option<Vec<u8>>,
}

/// The cache key of an article: everything its facts depend on.
fn key_of(article: &Article, data_version: &str) -> Key {
    // The body is hashed on its own: hashing it whole lets blake3 use SIMD across its chunks,
    // several times faster than feeding it after a misaligned prefix.
    let body = blake3::hash(article.body.as_bytes());
    let published = article.published.map(|d| d.to_string()).unwrap_or_default();
    let mut h = blake3::Hasher::new();
    // Each part is length-prefixed so that different parts never hash the same bytes.
    for part in [
        body.as_bytes().as_slice(),
        article.lang.as_bytes(),
        published.as_bytes(),
        data_version.as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
        program_fingerprint().unwrap_or_default().as_bytes(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    *h.finalize().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

    /// A data version, as an extractor gives it.
    const V: &str = "0123456789abcdef";

    fn article(body: &str) -> Article {
        let text = format!("+++\nlang = \"en\"\npublished = \"2026-01-16\"\n+++\n{body}");
        Article::parse(&text, "a.md", Origin::Memory("a.md".into())).expect("valid article")
    }

    #[test]
    fn key_depends_on_body_lang_and_date_only() {
        let a = article("Qwen passes 700 million downloads.");
        let mut b = a.clone();
        b.id = "other".into();
        b.title = "Other".into();
        assert_eq!(key_of(&a, V), key_of(&b, V));
        b.lang = "fr".into();
        assert_ne!(key_of(&a, V), key_of(&b, V));
        let mut c = a.clone();
        c.published = None;
        assert_ne!(key_of(&a, V), key_of(&c, V));
        let mut d = a.clone();
        d.body.push(' ');
        assert_ne!(key_of(&a, V), key_of(&d, V));
        // Another story or other lexicons: other facts, another key.
        assert_ne!(key_of(&a, V), key_of(&a, "fedcba9876543210"));
    }
}

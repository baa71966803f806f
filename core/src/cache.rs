//! Per-article extraction cache. (Issue 5.)
//!
//! Extraction is the slow part of opening a corpus, and its result depends only on an article's
//! body, language and publication date, on the lexicons, and on the program itself. Those are
//! hashed into a key (blake3), under which the article's facts are stored.
//!
//! All entries live in one pack file, `$XDG_CACHE_HOME/qwen-story/facts.pack`: reading one file
//! is much faster than opening one file per article (10,000 small files cost more to open than
//! to decode). The pack is an index of keys followed by the facts of each entry, encoded with
//! bincode (compact, and floats come back bit for bit), and ends with a blake3 checksum of all
//! that precedes it. Entries are decoded only when an article asks for them. A pack is rewritten
//! (to a temporary file, then renamed over the old one) only when new facts were extracted.
//!
//! The cache only ever speeds things up: a missing, corrupt, truncated or foreign pack reads as
//! empty and is replaced, an unwritable folder is skipped, and nothing here reports an error.

use crate::corpus::{Article, ParseMemo, Parsed};
use crate::date::PartialDate;
use crate::extract::{Extractor, Fact, Kind};
use crate::timeline::{Milestone, Source};
use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The pack's file name; change it (with [`MAGIC`]) when the layout changes.
const PACK_FILE: &str = "facts.pack";
/// The parsed articles' pack (see [`ParseCache`]).
const PARSE_PACK_FILE: &str = "articles.pack";
/// The last timeline's pack (see [`TimelineCache`]).
const TIMELINE_PACK_FILE: &str = "timeline.pack";
const MAGIC: &[u8; 8] = b"QSFACTS1";
/// A pack bigger than this is not ours (10,000 articles take a few MB).
const MAX_PACK_BYTES: u64 = 512 * 1024 * 1024;
/// Entries no article of the current corpus used are kept up to this many, so switching between
/// corpora stays fast without the pack growing forever.
const KEEP_UNUSED: usize = 20_000;

/// What an article's facts are stored under.
type Key = [u8; 32];

/// Extraction results cached on disk, one entry per article.
#[derive(Debug)]
pub struct FactCache {
    pack: PackFile,
}

/// One pack file, read when first needed, with what this process used and added to it.
#[derive(Debug)]
struct PackFile {
    /// `None`: no cache (no cache folder known, or no program fingerprint).
    path: Option<PathBuf>,
    /// The pack as it was on disk when first needed.
    stored: OnceLock<Pack>,
    session: Mutex<Session>,
}

/// What this process used and added since the pack was read.
#[derive(Debug, Default)]
struct Session {
    used: HashSet<Key>,
    /// Entries made in this process, encoded.
    fresh: HashMap<Key, Vec<u8>>,
    /// Fresh entries not yet written.
    dirty: bool,
    /// A write failed once: do not retry on every reload.
    unwritable: bool,
}

/// Where the pack `file` lives in the folder `root`; none without a folder, or without a
/// fingerprint of the program (a rebuilt binary could read stale entries).
fn pack_path(root: Option<PathBuf>, file: &str) -> Option<PathBuf> {
    root.filter(|_| program_fingerprint().is_some())
        .map(|r| r.join(file))
}

impl PackFile {
    /// The pack `file` in the folder `root`, or none without a folder.
    fn at(root: Option<PathBuf>, file: &str) -> PackFile {
        PackFile {
            path: pack_path(root, file),
            stored: OnceLock::new(),
            session: Mutex::default(),
        }
    }

    fn is_on(&self) -> bool {
        self.path.is_some()
    }

    fn stored(&self) -> &Pack {
        self.stored
            .get_or_init(|| self.path.as_deref().and_then(read_pack).unwrap_or_default())
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The entry under `key`, from the pack as stored or from this session, decoded.
    fn get<T>(&self, key: &Key, decode: impl Fn(&[u8]) -> Option<T>) -> Option<T> {
        self.stored()
            .blob(key)
            .and_then(&decode)
            .or_else(|| self.session().fresh.get(key).and_then(|blob| decode(blob)))
    }

    /// Writes the pack if entries were added since it was last written. Failures are silent:
    /// the cache is an optimisation.
    fn flush(&self) {
        let Some(path) = &self.path else { return };
        let mut session = self.session();
        if !session.dirty || session.unwritable {
            return;
        }
        let bytes = encode_pack(&entries_to_keep(self.stored(), &session));
        match write_atomically(path, &bytes) {
            Ok(()) => session.dirty = false,
            Err(_) => session.unwritable = true,
        }
    }
}

impl FactCache {
    /// The user's cache (`$XDG_CACHE_HOME/qwen-story`), or none when no cache folder is known.
    pub fn user() -> FactCache {
        FactCache {
            pack: PackFile::at(crate::paths::cache_dir(), PACK_FILE),
        }
    }

    /// A cache kept in the folder `root` (created on first write).
    pub fn at(root: impl Into<PathBuf>) -> FactCache {
        FactCache {
            pack: PackFile::at(Some(root.into()), PACK_FILE),
        }
    }

    /// No cache: every article is extracted.
    pub fn disabled() -> FactCache {
        FactCache {
            pack: PackFile::at(None, PACK_FILE),
        }
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
    /// on: what a cached timeline is stored under (see [`TimelineCache`]).
    pub fn facts_keyed(&self, articles: &[Article]) -> (Vec<Vec<Fact>>, Option<CorpusKey>) {
        if !self.pack.is_on() {
            let extractor = Extractor::shared();
            return (
                articles.par_iter().map(|a| extractor.extract(a)).collect(),
                None,
            );
        }
        let found: Vec<Found> = articles.par_iter().map(|a| self.find(a)).collect();
        // Each article's key stands for its body, language, date and facts; with its id and
        // place, that is everything reconciliation reads.
        let mut h = blake3::Hasher::new();
        for (article, f) in articles.iter().zip(&found) {
            h.update(&f.key);
            h.update(&(article.id.len() as u64).to_le_bytes());
            h.update(article.id.as_bytes());
        }
        let corpus = CorpusKey(*h.finalize().as_bytes());
        let facts = self.record(found);
        self.flush();
        (facts, Some(corpus))
    }

    /// The facts of one article, from the cache or extracted. New results are kept in memory
    /// until [`FactCache::flush`].
    pub fn facts_of(&self, article: &Article) -> Vec<Fact> {
        if !self.pack.is_on() {
            return Extractor::shared().extract(article);
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
        let key = key_of(article);
        match self.pack.get(&key, |blob| decode(blob).ok()) {
            Some(facts) => Found {
                key,
                facts,
                encoded: None,
            },
            None => {
                let facts = Extractor::shared().extract(article);
                // Facts that would not read back identical are not cached: warm equals cold.
                let encoded =
                    encode(&facts).filter(|blob| decode(blob).ok().as_ref() == Some(&facts));
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

/// Every entry used in this process, then stored entries nobody used, up to a limit.
fn entries_to_keep<'a>(stored: &'a Pack, session: &'a Session) -> Vec<(&'a Key, &'a [u8])> {
    let used = session.used.iter().filter_map(|key| {
        let blob = session
            .fresh
            .get(key)
            .map(Vec::as_slice)
            .or_else(|| stored.blob(key))?;
        Some((key, blob))
    });
    let unused = stored
        .order
        .iter()
        .filter(|key| !session.used.contains(*key))
        .filter_map(|key| Some((key, stored.blob(key)?)))
        .take(KEEP_UNUSED);
    used.chain(unused).collect()
}

/// Parsed articles cached on disk (`$XDG_CACHE_HOME/qwen-story/articles.pack`, the same
/// layout as the facts' pack), keyed by a file's name and bytes and this build of the program.
///
/// Parsing (front matter, language detection, furniture rules) is most of what opening a large
/// folder costs once its facts are cached. Like the facts' cache it only speeds things up.
#[derive(Debug)]
pub struct ParseCache {
    pack: PackFile,
}

impl ParseCache {
    /// The user's cache, or none when no cache folder is known.
    pub fn user() -> ParseCache {
        ParseCache {
            pack: PackFile::at(crate::paths::cache_dir(), PARSE_PACK_FILE),
        }
    }

    /// Writes the pack if files were parsed since it was last written; failures are silent.
    pub fn flush(&self) {
        self.pack.flush();
    }
}

impl ParseMemo for ParseCache {
    fn recall(&self, name: &str, bytes: &[u8]) -> Option<Parsed> {
        if !self.pack.is_on() {
            return None;
        }
        let key = parse_key(name, bytes);
        let parsed = self.pack.get(&key, |blob| {
            codec().with_limit(blob.len() as u64).deserialize(blob).ok()
        })?;
        self.pack.session().used.insert(key);
        Some(parsed)
    }

    fn remember(&self, name: &str, bytes: &[u8], parsed: &Parsed) {
        if !self.pack.is_on() {
            return;
        }
        let Ok(blob) = codec().serialize(parsed) else {
            return;
        };
        let key = parse_key(name, bytes);
        let mut session = self.pack.session();
        session.used.insert(key);
        session.fresh.insert(key, blob);
        session.dirty = true;
    }
}

/// The cache key of a file's parse: its name (the default id), its bytes, and the program.
fn parse_key(name: &str, bytes: &[u8]) -> Key {
    // The bytes are hashed on their own, for the same SIMD reason as in `key_of`.
    let bytes = blake3::hash(bytes);
    let mut h = blake3::Hasher::new();
    for part in [
        name.as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
        program_fingerprint().unwrap_or_default().as_bytes(),
        bytes.as_bytes().as_slice(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    *h.finalize().as_bytes()
}

/// A corpus and its facts, as a timeline cache key (see [`FactCache::facts_keyed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusKey(Key);

/// The last timeline reconciled, cached on disk (`$XDG_CACHE_HOME/qwen-story/timeline.pack`),
/// so that opening an unchanged corpus again skips reconciliation. Like the other caches it
/// only speeds things up: a timeline read back must fit the corpus it is for, or it is ignored.
#[derive(Debug)]
pub struct TimelineCache {
    path: Option<PathBuf>,
}

/// A milestone as stored: every field, those the JSON output leaves out included.
#[derive(Serialize, Deserialize)]
struct StoredMilestone {
    id: String,
    date: Option<PartialDate>,
    kind: Kind,
    title: String,
    value: Option<f64>,
    unit: Option<String>,
    series: Option<String>,
    sources: Vec<StoredSource>,
}

/// A source as stored: where it stands; the rest is read from its article.
#[derive(Serialize, Deserialize)]
struct StoredSource {
    article_index: usize,
    quote: (usize, usize),
    figure: (usize, usize),
}

impl TimelineCache {
    /// The user's cache, or none when no cache folder is known.
    pub fn user() -> TimelineCache {
        TimelineCache {
            path: pack_path(crate::paths::cache_dir(), TIMELINE_PACK_FILE),
        }
    }

    /// A cache kept in the folder `root`.
    pub fn at(root: impl Into<PathBuf>) -> TimelineCache {
        TimelineCache {
            path: pack_path(Some(root.into()), TIMELINE_PACK_FILE),
        }
    }

    /// The milestones cached for `key`, when they fit `articles`.
    pub fn get(&self, key: CorpusKey, articles: &[Article]) -> Option<Vec<Milestone>> {
        let pack = read_pack(self.path.as_deref()?)?;
        let blob = pack.blob(&key.0)?;
        let stored: Vec<StoredMilestone> = codec()
            .with_limit(blob.len() as u64)
            .deserialize(blob)
            .ok()?;
        // Every source of an article shows its date the same way: formatted once per article.
        let published: Vec<Option<String>> = articles.iter().map(Source::published_of).collect();
        stored
            .into_iter()
            .map(|m| {
                let sources = m
                    .sources
                    .into_iter()
                    .map(|s| {
                        // Indices and ranges must point into these articles' bodies.
                        let article = articles.get(s.article_index)?;
                        article.body.get(s.quote.0..s.quote.1)?;
                        article.body.get(s.figure.0..s.figure.1)?;
                        Some(Source::of(
                            s.article_index,
                            article,
                            published[s.article_index].clone(),
                            s.quote,
                            s.figure,
                        ))
                    })
                    .collect::<Option<Vec<Source>>>()?;
                Some(Milestone {
                    id: m.id,
                    date: m.date,
                    kind: m.kind,
                    title: m.title,
                    value: m.value,
                    unit: m.unit,
                    sources,
                    series: m.series,
                })
            })
            .collect()
    }

    /// Stores `milestones` as the timeline for `key`, replacing the one stored; failures are
    /// silent.
    pub fn put(&self, key: CorpusKey, milestones: &[Milestone]) {
        let Some(path) = &self.path else { return };
        let stored: Vec<StoredMilestone> = milestones
            .iter()
            .map(|m| StoredMilestone {
                id: m.id.clone(),
                date: m.date,
                kind: m.kind,
                title: m.title.clone(),
                value: m.value,
                unit: m.unit.clone(),
                series: m.series.clone(),
                sources: m
                    .sources
                    .iter()
                    .map(|s| StoredSource {
                        article_index: s.article_index,
                        quote: (s.start, s.end),
                        figure: s.figure,
                    })
                    .collect(),
            })
            .collect();
        if let Ok(blob) = codec().serialize(&stored) {
            let _ = write_atomically(path, &encode_pack(&[(&key.0, &blob)]));
        }
    }
}

/// An article's facts as found, with their encoding when they are new.
struct Found {
    key: Key,
    facts: Vec<Fact>,
    encoded: Option<Vec<u8>>,
}

/// The pack file's contents: encoded facts by key.
#[derive(Debug, Default)]
struct Pack {
    bytes: Vec<u8>,
    index: HashMap<Key, Range<usize>>,
    /// Keys in file order, for keeping unused entries in a stable order.
    order: Vec<Key>,
}

impl Pack {
    fn blob(&self, key: &Key) -> Option<&[u8]> {
        self.bytes.get(self.index.get(key)?.clone())
    }
}

/// The cache key of an article: everything its facts depend on.
fn key_of(article: &Article) -> Key {
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
        Extractor::shared().version().as_bytes(),
        env!("CARGO_PKG_VERSION").as_bytes(),
        program_fingerprint().unwrap_or_default().as_bytes(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    *h.finalize().as_bytes()
}

/// Identifies this build of the program: extraction code can change without the version or the
/// lexicons changing (any rebuild), and cached facts must never outlive the code that made them.
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

fn codec() -> impl Options {
    bincode::DefaultOptions::new()
}

fn encode(facts: &[Fact]) -> Option<Vec<u8>> {
    codec().serialize(facts).ok()
}

fn decode(blob: &[u8]) -> Result<Vec<Fact>, bincode::Error> {
    // The limit keeps a damaged length prefix from asking for a huge allocation.
    codec().with_limit(blob.len() as u64).deserialize(blob)
}

/// Layout: MAGIC, entry count (u32 LE), per entry its key, blob offset (u64 LE) and blob length
/// (u32 LE), then the blobs, then a blake3 checksum of everything before it.
fn encode_pack(entries: &[(&Key, &[u8])]) -> Vec<u8> {
    let index_len = entries.len() * (32 + 8 + 4);
    let data_len: usize = entries.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + index_len + data_len + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut offset = 0u64;
    for (key, blob) in entries {
        out.extend_from_slice(*key);
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        offset += blob.len() as u64;
    }
    for (_, blob) in entries {
        out.extend_from_slice(blob);
    }
    let checksum = blake3::hash(&out);
    out.extend_from_slice(checksum.as_bytes());
    out
}

/// The pack at `path`, or `None` when it is missing, damaged or not a pack.
fn read_pack(path: &Path) -> Option<Pack> {
    // Only a regular file, and never more than the cap: a pack replaced by a FIFO or a link
    // to /dev/zero is a missing pack, not a hang.
    decode_pack(crate::corpus::read_regular_file(path, MAX_PACK_BYTES).ok()?)
}

fn decode_pack(mut bytes: Vec<u8>) -> Option<Pack> {
    let body_len = bytes.len().checked_sub(32)?;
    if blake3::hash(&bytes[..body_len]).as_bytes() != &bytes[body_len..] {
        return None;
    }
    bytes.truncate(body_len);
    let mut at = Reader {
        bytes: &bytes,
        pos: 0,
    };
    if at.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let count = u32::from_le_bytes(at.array()?) as usize;
    let data_start = MAGIC.len() + 4 + count.checked_mul(32 + 8 + 4)?;
    let mut index = HashMap::with_capacity(count.min(bytes.len() / 44));
    let mut order = Vec::with_capacity(count.min(bytes.len() / 44));
    for _ in 0..count {
        let key: Key = at.array()?;
        let offset = usize::try_from(u64::from_le_bytes(at.array()?)).ok()?;
        let len = u32::from_le_bytes(at.array()?) as usize;
        let start = data_start.checked_add(offset)?;
        let end = start.checked_add(len)?;
        if end > bytes.len() {
            return None;
        }
        index.insert(key, start..end);
        order.push(key);
    }
    Some(Pack {
        bytes,
        index,
        order,
    })
}

/// A cursor over the pack's bytes; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

/// Writes through a temporary file in the same folder and renames it into place, so a reader
/// (or a second process) never sees half a pack.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    crate::atomic::write(path, bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

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
    fn pack_round_trips_and_rejects_damage() {
        let (k1, k2) = ([1u8; 32], [2u8; 32]);
        let bytes = encode_pack(&[(&k1, b"abc"), (&k2, b"")]);
        let pack = decode_pack(bytes.clone()).expect("a valid pack");
        assert_eq!(pack.blob(&k1), Some(&b"abc"[..]));
        assert_eq!(pack.blob(&k2), Some(&b""[..]));
        assert_eq!(pack.order, [k1, k2]);
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                decode_pack(bytes[..cut].to_vec()).is_none(),
                "truncated at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        flipped[12] ^= 1;
        assert!(decode_pack(flipped).is_none());
        assert!(decode_pack(b"{\"not\": \"a pack\"}".to_vec()).is_none());
    }
}

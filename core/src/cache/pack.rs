//! The pack format the three caches share: one file of keyed entries, checked whole.
//!
//! A pack is a header (magic and format version), an index of keys with their entries' places,
//! the entries (each a postcard encoding), and a blake3 checksum of all that precedes it. A
//! missing, damaged, foreign or older-version pack reads as empty; writes go through the one
//! atomic writer, so a reader never sees half a pack.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

const MAGIC: &[u8; 6] = b"QSPACK";
/// The layout and entry encoding; bump it when either changes (1 was bincode, under another
/// magic).
const FORMAT_VERSION: u16 = 2;
const HEADER_LEN: usize = MAGIC.len() + 2;
/// A pack bigger than this is not ours (10,000 articles take a few MB).
const MAX_PACK_BYTES: u64 = 512 * 1024 * 1024;
/// Entries no article of the current corpus used are kept up to this many, so switching between
/// corpora stays fast without the pack growing forever.
const KEEP_UNUSED: usize = 20_000;

/// What an entry is stored under.
pub(super) type Key = [u8; 32];

/// One pack file, read when first needed, with what this process used and added to it.
#[derive(Debug)]
pub(super) struct PackFile {
    /// `None`: no cache (no cache folder known, or no program fingerprint).
    pub(super) path: Option<PathBuf>,
    /// The pack as it was on disk when first needed.
    stored: OnceLock<Pack>,
    session: Mutex<Session>,
}

/// What this process used and added since the pack was read.
#[derive(Debug, Default)]
pub(super) struct Session {
    pub(super) used: HashSet<Key>,
    /// Entries made in this process, encoded.
    pub(super) fresh: HashMap<Key, Vec<u8>>,
    /// Fresh entries not yet written.
    pub(super) dirty: bool,
    /// A write failed once: do not retry on every reload.
    unwritable: bool,
}

/// Where the pack `file` lives in the folder `root`; none without a folder, or without a
/// fingerprint of the program (a rebuilt binary could read stale entries).
pub(super) fn pack_path(root: Option<PathBuf>, file: &str) -> Option<PathBuf> {
    root.filter(|_| program_fingerprint().is_some())
        .map(|r| r.join(file))
}

impl PackFile {
    /// The pack `file` in the folder `root`, or none without a folder.
    pub(super) fn at(root: Option<PathBuf>, file: &str) -> PackFile {
        PackFile {
            path: pack_path(root, file),
            stored: OnceLock::new(),
            session: Mutex::default(),
        }
    }

    pub(super) fn is_on(&self) -> bool {
        self.path.is_some()
    }

    fn stored(&self) -> &Pack {
        self.stored
            .get_or_init(|| self.path.as_deref().and_then(read_pack).unwrap_or_default())
    }

    pub(super) fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The entry under `key`, from the pack as stored or from this session, decoded.
    pub(super) fn get<T>(&self, key: &Key, decode: impl Fn(&[u8]) -> Option<T>) -> Option<T> {
        self.stored()
            .blob(key)
            .and_then(&decode)
            .or_else(|| self.session().fresh.get(key).and_then(|blob| decode(blob)))
    }

    /// Writes the pack if entries were added since it was last written. Failures are silent:
    /// the cache is an optimisation.
    pub(super) fn flush(&self) {
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

/// The pack file's contents: encoded facts by key.
#[derive(Debug, Default)]
pub(super) struct Pack {
    bytes: Vec<u8>,
    index: HashMap<Key, Range<usize>>,
    /// Keys in file order, for keeping unused entries in a stable order.
    order: Vec<Key>,
}

impl Pack {
    pub(super) fn blob(&self, key: &Key) -> Option<&[u8]> {
        self.bytes.get(self.index.get(key)?.clone())
    }
}

/// Identifies this build of the program: extraction code can change without the version or the
/// lexicons changing (any rebuild), and cached facts must never outlive the code that made them.
pub(super) fn program_fingerprint() -> Option<&'static str> {
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

/// Encodes a value for a pack entry: postcard (compact, and floats come back bit for bit).
pub(super) fn encode<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_allocvec(value).ok()
}

/// Decodes a pack entry; a damaged one is `None`. postcard allocates no more than the entry
/// holds, so a damaged length prefix cannot ask for a huge allocation.
pub(super) fn decode<T: DeserializeOwned>(blob: &[u8]) -> Option<T> {
    postcard::from_bytes(blob).ok()
}

/// Layout: MAGIC, FORMAT_VERSION (u16 LE), entry count (u32 LE), per entry its key, blob offset (u64 LE) and blob length
/// (u32 LE), then the blobs, then a blake3 checksum of everything before it.
pub(super) fn encode_pack(entries: &[(&Key, &[u8])]) -> Vec<u8> {
    let index_len = entries.len() * (32 + 8 + 4);
    let data_len: usize = entries.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(HEADER_LEN + 4 + index_len + data_len + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
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
pub(super) fn read_pack(path: &Path) -> Option<Pack> {
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
    // Another format version (an older program's, bincode-encoded) reads as no pack.
    if at.take(MAGIC.len())? != MAGIC || u16::from_le_bytes(at.array()?) != FORMAT_VERSION {
        return None;
    }
    let count = u32::from_le_bytes(at.array()?) as usize;
    let data_start = HEADER_LEN + 4 + count.checked_mul(32 + 8 + 4)?;
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
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    crate::atomic::write(path, bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! The parse cache: each article file's parse (front matter, language, furniture), keyed by
//! the file's name and bytes.

use super::pack::{decode, encode, program_fingerprint, Key, PackFile};
use crate::corpus::{ParseMemo, Parsed};

/// The pack's file name.
const PARSE_PACK_FILE: &str = "articles.pack";

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
        let parsed = self.pack.get(&key, decode::<Parsed>)?;
        self.pack.session().used.insert(key);
        Some(parsed)
    }

    fn remember(&self, name: &str, bytes: &[u8], parsed: &Parsed) {
        if !self.pack.is_on() {
            return;
        }
        let Some(blob) = encode(parsed) else {
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

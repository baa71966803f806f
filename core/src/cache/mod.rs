//! Per-article extraction cache. (Issue 5.)
//!
//! Extraction is the slow part of opening a corpus, and its result depends only on an article's
//! body, language and publication date, on the lexicons, and on the program itself. Those are
//! hashed into a key (blake3), under which the article's facts are stored.
//!
//! All entries live in one pack file, `$XDG_CACHE_HOME/qwen-story/facts.pack`: reading one file
//! is much faster than opening one file per article (10,000 small files cost more to open than
//! to decode). The pack format (`pack.rs`) is shared by the three caches: facts ([`FactCache`]),
//! parsed article files ([`ParseCache`]) and the last timeline ([`TimelineCache`]). Entries are
//! decoded only when an article asks for them. A pack is rewritten (to a temporary file, then
//! renamed over the old one) only when new entries were made.
//!
//! The cache only ever speeds things up: a missing, corrupt, truncated or foreign pack reads as
//! empty and is replaced, an unwritable folder is skipped, and nothing here reports an error.

mod facts;
mod pack;
mod parses;
mod timelines;

pub use facts::{FactCache, FactKey};
pub use parses::ParseCache;
pub use timelines::{CorpusKey, TimelineCache};

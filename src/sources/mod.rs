//! Real sources at the edges: fetching URLs ([`fetch`], [`remote`]), the ingest lock
//! ([`store`]), followed feeds ([`follow`], [`update`]) and the article catalogue ([`catalog`]).
//! Turning pages and feeds into drafts is data work and lives in the core library, re-exported
//! here.

pub mod catalog;
pub mod fetch;
pub mod follow;
pub mod remote;
pub mod store;
pub mod update;

pub use qwen_story_core::sources::{
    corpus_hook, draft, feed, html, is_source_name, sniff, topic, Draft, Kind,
};

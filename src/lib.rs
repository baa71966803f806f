//! qwen-story: the story of Alibaba's Qwen models, built from news articles.
//!
//! The data layer is the `qwen-story-core` library (articles → facts → milestones), re-exported
//! here; this crate adds the command line ([`cli`], [`cmd`]), the dashboard ([`ui`]: view state
//! → frame), exports and charts ([`export`], [`chart`]), and the edges that fetch, ingest and
//! watch ([`sources`], [`ingest`], [`watch`]).

pub use qwen_story_core::{
    atomic, cache, corpus, corpus_source, date, extract, load, load_timeline, paths, sanitize,
    timeline,
};

pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod console;
pub mod export;
pub mod fonts;
pub mod ingest;
pub mod kinds;
pub mod sources;
pub mod ui;
pub mod watch;

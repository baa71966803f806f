//! qwen-story: the story of Alibaba's Qwen models, built from news articles.
//!
//! Data flows one way: articles ([`corpus`]) → facts ([`extract`]) → milestones
//! ([`timeline`]) → view state and frames ([`ui`]) → files ([`export`]).

pub mod atomic;
pub mod cache;
pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod console;
pub mod corpus;
pub mod date;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod paths;
pub mod sanitize;
pub mod sources;
pub mod timeline;
pub mod ui;
pub mod watch;

use corpus::CorpusSource;

/// The corpus a command reads: the `--corpus` folders and files, or (none given) the
/// bundled articles plus the data folder.
pub fn corpus_source(corpus: &[std::path::PathBuf]) -> CorpusSource {
    match corpus {
        [] => CorpusSource::Default {
            user_dir: paths::data_dir(),
        },
        [dir] if !dir.is_file() => CorpusSource::Dir(dir.clone()),
        paths => CorpusSource::Paths(paths.to_vec()),
    }
}

/// Loads the corpus and builds its timeline: the one way commands and the dashboard get data.
pub fn load_timeline(source: &CorpusSource) -> anyhow::Result<timeline::Timeline> {
    let parses = cache::ParseCache::user();
    let corpus = corpus::load_with(source, Some(&parses))?;
    parses.flush();
    let (facts, key) = cache::FactCache::user().facts_keyed(&corpus.articles);
    let timelines = cache::TimelineCache::user();
    // An unchanged corpus opens with the timeline reconciled last time.
    if let Some(milestones) = key.and_then(|k| timelines.get(k, &corpus.articles)) {
        return Ok(timeline::Timeline::from_milestones(corpus, milestones));
    }
    let timeline = timeline::Timeline::from_facts(corpus, facts);
    if let Some(k) = key {
        timelines.put(k, &timeline.milestones);
    }
    Ok(timeline)
}

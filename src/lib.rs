//! qwen-story: the story of Alibaba's Qwen models, built from news articles.
//!
//! Data flows one way: articles ([`corpus`]) → facts ([`extract`]) → milestones
//! ([`timeline`]) → view state and frames ([`ui`]) → files ([`export`]).

pub mod cache;
pub mod chart;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod date;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod paths;
pub mod sanitize;
pub mod timeline;
pub mod ui;
pub mod watch;

use corpus::CorpusSource;

/// The corpus a command reads: `--corpus DIR`, or the bundled articles plus the data folder.
pub fn corpus_source(corpus: Option<std::path::PathBuf>) -> CorpusSource {
    match corpus {
        Some(dir) => CorpusSource::Dir(dir),
        None => CorpusSource::Default {
            user_dir: paths::data_dir(),
        },
    }
}

/// Loads the corpus and builds its timeline: the one way commands and the dashboard get data.
pub fn load_timeline(source: &CorpusSource) -> anyhow::Result<timeline::Timeline> {
    let parses = cache::ParseCache::user();
    let corpus = corpus::load_with(source, Some(&parses))?;
    parses.flush();
    let facts = cache::FactCache::user().facts(&corpus.articles);
    Ok(timeline::Timeline::from_facts(corpus, facts))
}

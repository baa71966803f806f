//! qwen-story-core: the data layer of qwen-story, with no user interface and no command line.
//!
//! Data flows one way: articles ([`corpus`], [`sources`]) → facts ([`extract`]) → milestones
//! ([`timeline`]), with [`cache`] keeping what was parsed, extracted and reconciled. The
//! application crate draws and exports what this library builds.
//!
//! ```no_run
//! let source = qwen_story_core::corpus::CorpusSource::Dir("articles".into());
//! let timeline = qwen_story_core::load_timeline(&source)?;
//! for m in &timeline.milestones {
//!     println!("{} {}", m.id, m.title);
//! }
//! # Ok::<(), qwen_story_core::corpus::CorpusDirError>(())
//! ```

pub mod assets;
pub mod atomic;
pub mod cache;
pub mod corpus;
pub mod date;
pub mod extract;
pub mod paths;
pub mod sanitize;
pub mod sources;
pub mod timeline;

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
pub fn load_timeline(source: &CorpusSource) -> Result<timeline::Timeline, corpus::CorpusDirError> {
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

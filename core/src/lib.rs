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
pub mod load;
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

/// Loads the corpus and builds its timeline: the one way commands and the dashboard get data
/// (see [`load`]).
pub fn load_timeline(source: &CorpusSource) -> Result<timeline::Timeline, corpus::CorpusDirError> {
    load::timeline(source)
}

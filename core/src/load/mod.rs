//! Loading a corpus: the one pipeline from the files a [`CorpusSource`] names to articles,
//! their facts and a timeline, used by one-shot commands and the live dashboard alike.
//!
//! It sits above [`corpus`](crate::corpus) (one article file), [`sources`](crate::sources)
//! (pages and feeds), [`cache`](crate::cache) and [`timeline`](crate::timeline): a
//! [`LiveCorpus`] holds each root of the source (the bundled articles, a folder, a file) with
//! the articles and facts of its files, so that a change re-reads only the files it touched.
//! A one-shot command loads one and takes its parts.

mod live;
mod roots;

pub use live::{LiveCorpus, LoadedCorpus};

use crate::cache::{FactCache, ParseCache, TimelineCache};
use crate::corpus::{Corpus, CorpusDirError, CorpusSource};
use crate::timeline::Timeline;

/// The articles of `source`, without their facts: a file that fails to load is a warning, a
/// `--corpus` folder or path that cannot be read fails the whole load.
pub fn corpus(source: &CorpusSource) -> Result<Corpus, CorpusDirError> {
    Ok(LiveCorpus::read(source, None, None)?.into_parts().corpus)
}

/// [`corpus`], with the files' parses remembered by `parses`.
pub fn corpus_with(source: &CorpusSource, parses: ParseCache) -> Result<Corpus, CorpusDirError> {
    let live = LiveCorpus::read(source, None, Some(parses))?;
    live.flush_cache();
    Ok(live.into_parts().corpus)
}

/// Loads the corpus and builds its timeline, with the user's caches: an unchanged corpus
/// opens with the timeline reconciled last time.
pub fn timeline(source: &CorpusSource) -> Result<Timeline, CorpusDirError> {
    let live = LiveCorpus::read(source, Some(FactCache::user()), Some(ParseCache::user()))?;
    live.flush_cache();
    let loaded = live.into_parts();
    let timelines = TimelineCache::user();
    if let Some(milestones) = loaded
        .key
        .and_then(|k| timelines.get(k, &loaded.corpus.articles))
    {
        return Ok(Timeline::from_milestones(loaded.corpus, milestones));
    }
    let timeline = Timeline::from_facts(loaded.corpus, loaded.facts);
    if let Some(k) = loaded.key {
        timelines.put(k, &timeline.milestones);
    }
    Ok(timeline)
}

//! The timeline cache: the last timeline reconciled, under a key of its corpus and facts.

use super::pack::{decode, encode, encode_pack, pack_path, read_pack, write_atomically, Key};
use super::FactKey;
use crate::corpus::Article;
use crate::date::PartialDate;
use crate::extract::Kind;
use crate::timeline::{Milestone, Source};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The pack's file name.
const TIMELINE_PACK_FILE: &str = "timeline.pack";

/// A corpus and its facts, as a timeline cache key (see [`FactCache::facts_keyed`](super::FactCache::facts_keyed)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusKey(pub(super) Key);

impl CorpusKey {
    /// The key of a corpus from its articles' ids and fact keys, in order: each fact key
    /// stands for an article's body, language, date and facts; with its id and place, that is
    /// everything reconciliation reads. None when an article has no fact key (caching off).
    pub fn of<'a>(
        articles: impl IntoIterator<Item = (&'a str, Option<FactKey>)>,
    ) -> Option<CorpusKey> {
        let mut h = blake3::Hasher::new();
        for (id, key) in articles {
            h.update(&key?.0);
            h.update(&(id.len() as u64).to_le_bytes());
            h.update(id.as_bytes());
        }
        Some(CorpusKey(*h.finalize().as_bytes()))
    }
}

/// The last timeline reconciled, cached on disk (`$XDG_CACHE_HOME/qwen-story/timeline.pack`),
/// so that opening an unchanged corpus again skips reconciliation. Like the other caches it
/// only speeds things up: a timeline read back must fit the corpus it is for, or it is ignored.
#[derive(Debug)]
pub struct TimelineCache {
    path: Option<PathBuf>,
}

/// A milestone as stored: every field, those the JSON output leaves out included.
#[derive(Serialize, Deserialize)]
struct StoredMilestone {
    id: String,
    date: Option<PartialDate>,
    kind: Kind,
    title: String,
    value: Option<f64>,
    unit: Option<String>,
    series: Option<String>,
    sources: Vec<StoredSource>,
}

/// A source as stored: where it stands; the rest is read from its article.
#[derive(Serialize, Deserialize)]
struct StoredSource {
    article_index: usize,
    quote: (usize, usize),
    figure: (usize, usize),
}

impl TimelineCache {
    /// The user's cache, or none when no cache folder is known.
    pub fn user() -> TimelineCache {
        TimelineCache {
            path: pack_path(crate::paths::cache_dir(), TIMELINE_PACK_FILE),
        }
    }

    /// A cache kept in the folder `root`.
    pub fn at(root: impl Into<PathBuf>) -> TimelineCache {
        TimelineCache {
            path: pack_path(Some(root.into()), TIMELINE_PACK_FILE),
        }
    }

    /// The milestones cached for `key`, when they fit `articles`.
    pub fn get(&self, key: CorpusKey, articles: &[Article]) -> Option<Vec<Milestone>> {
        let pack = read_pack(self.path.as_deref()?)?;
        let blob = pack.blob(&key.0)?;
        let stored: Vec<StoredMilestone> = decode(blob)?;
        // Every source of an article shows its date the same way: formatted once per article.
        let published: Vec<Option<String>> = articles.iter().map(Source::published_of).collect();
        stored
            .into_iter()
            .map(|m| {
                let sources = m
                    .sources
                    .into_iter()
                    .map(|s| {
                        // Indices and ranges must point into these articles' bodies.
                        let article = articles.get(s.article_index)?;
                        article.body.get(s.quote.0..s.quote.1)?;
                        article.body.get(s.figure.0..s.figure.1)?;
                        Some(Source::of(
                            s.article_index,
                            article,
                            published[s.article_index].clone(),
                            s.quote,
                            s.figure,
                        ))
                    })
                    .collect::<Option<Vec<Source>>>()?;
                Some(Milestone {
                    id: m.id,
                    date: m.date,
                    kind: m.kind,
                    title: m.title,
                    value: m.value,
                    unit: m.unit,
                    sources,
                    series: m.series,
                })
            })
            .collect()
    }

    /// Stores `milestones` as the timeline for `key`, replacing the one stored; failures are
    /// silent.
    pub fn put(&self, key: CorpusKey, milestones: &[Milestone]) {
        let Some(path) = &self.path else { return };
        let stored: Vec<StoredMilestone> = milestones
            .iter()
            .map(|m| StoredMilestone {
                id: m.id.clone(),
                date: m.date,
                kind: m.kind,
                title: m.title.clone(),
                value: m.value,
                unit: m.unit.clone(),
                series: m.series.clone(),
                sources: m
                    .sources
                    .iter()
                    .map(|s| StoredSource {
                        article_index: s.article_index,
                        quote: (s.start, s.end),
                        figure: s.figure,
                    })
                    .collect(),
            })
            .collect();
        if let Some(blob) = encode(&stored) {
            let _ = write_atomically(path, &encode_pack(&[(&key.0, &blob)]));
        }
    }
}

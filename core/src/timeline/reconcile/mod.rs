//! Facts to milestones: the same fact from several articles becomes one milestone.
//!
//! Facts are visited most precisely dated first, so dated facts found the clusters that
//! undated ones join. A fact joins a cluster of its kind when their values agree within a
//! small tolerance (through the article's own stated conversion when there is one), or
//! their entities agree for events, and their date spans still overlap. Candidates are
//! looked up in a hash index keyed by kind and quantised value, so no fact is compared
//! with every other: the work grows as n log n (the sort).

mod cluster;
mod milestone;

use super::Milestone;
use crate::corpus::{Article, Origin};
use crate::extract::{Fact, Kind, Story};
use cluster::{all_entries, cluster, entry, key_hashes, parts, sort_entries, Cluster, Part};
use milestone::{finish, published_dates, to_milestone};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

pub(super) use milestone::conflicts;

/// Milestones, oldest first, and one warning per conflict between figures.
pub(super) fn reconcile(
    articles: &[Article],
    facts: &[Vec<Fact>],
    story: &Story,
) -> (Vec<Milestone>, Vec<String>) {
    let entries = all_entries(articles, facts);
    // Clusters never mix kinds: each kind is clustered on its own, in the same order, and the
    // kinds share both cores. (Grouping by keys, as `parts` does, finds more independent
    // groups but costs more than it saves when everything is built at once.)
    let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); Kind::ALL.len()];
    for (e, entry) in entries.iter().enumerate() {
        let k = Kind::ALL
            .iter()
            .position(|&k| k == entry.fact.kind)
            .unwrap_or(0);
        by_kind[k].push(e);
    }
    let clusters: Vec<Cluster> = by_kind
        .par_iter()
        .map(|order| cluster(&entries, order))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let published = published_dates(articles);
    // Each milestone is built from its own cluster alone: both cores can share the work.
    let placed = clusters
        .par_iter()
        .with_min_len(1024)
        .map(|c| to_milestone(c, &entries, articles, &published, story))
        .collect();
    finish(placed, articles, facts)
}

/// Reconciliation that keeps its parts (groups of facts that can only meet each other), so that after a few articles change,
/// only the parts their facts reach are built again: the live dashboard's reload.
///
/// Its milestones are always those a one-shot reconciliation makes of the same articles and facts.
pub struct Reconciliation {
    last: Option<State>,
    /// The story milestones are titled for.
    story: std::sync::Arc<Story>,
}

impl Default for Reconciliation {
    /// A reconciliation for the bundled story.
    fn default() -> Reconciliation {
        Reconciliation::new(Story::bundled())
    }
}

/// What the last run built, numbered by its articles.
struct State {
    /// The articles reconciled, by origin, with the id their sources name.
    origins: Vec<Origin>,
    ids: Vec<String>,
    /// The part of every fact, by article and fact index.
    part_of: Vec<Vec<usize>>,
    /// Parts by number; `None` once rebuilt into others.
    parts: Vec<Option<Part>>,
    /// The part whose facts are filed under a key hash: one at most, since the facts filed
    /// under a key and those searching it are one part.
    filer: HashMap<u64, usize>,
    /// The parts searching a key hash (several when nothing is filed under it); some may be
    /// gone, which readers skip.
    searchers: HashMap<u64, Vec<usize>>,
}

impl Reconciliation {
    /// A reconciliation that titles milestones for `story`.
    pub fn new(story: std::sync::Arc<Story>) -> Reconciliation {
        Reconciliation { last: None, story }
    }

    /// The story it titles milestones for.
    pub fn story(&self) -> std::sync::Arc<Story> {
        self.story.clone()
    }

    /// Milestones and conflicts for `articles` and their `facts`. `changed` names, by origin,
    /// the articles added, changed or removed since the last run; with `None`, or when the
    /// change cannot be followed (ids renumbered, origins repeated), everything is rebuilt.
    pub fn run(
        &mut self,
        articles: &[Article],
        facts: &[Vec<Fact>],
        changed: Option<&HashSet<Origin>>,
    ) -> (Vec<Milestone>, Vec<String>) {
        let updated = match (self.last.take(), changed) {
            (Some(state), Some(changed)) => state.update(articles, facts, changed, &self.story),
            _ => None,
        };
        let state = updated.unwrap_or_else(|| State::build(articles, facts, &self.story));
        // The order does not matter: `finish` sorts on a key no two milestones share.
        let placed = state
            .parts
            .par_iter()
            .flatten()
            .flat_map_iter(|p| p.milestones.iter().cloned())
            .collect();
        let result = finish(placed, articles, facts);
        self.last = Some(state);
        result
    }
}

impl State {
    fn build(articles: &[Article], facts: &[Vec<Fact>], story: &Story) -> State {
        let entries = all_entries(articles, facts);
        let mut state = State {
            origins: articles.iter().map(|a| a.origin.clone()).collect(),
            ids: articles.iter().map(|a| a.id.clone()).collect(),
            // One list per article, even when fewer fact lists were given.
            part_of: (0..articles.len())
                .map(|i| vec![usize::MAX; facts.get(i).map_or(0, Vec::len)])
                .collect(),
            parts: Vec::new(),
            filer: HashMap::new(),
            searchers: HashMap::new(),
        };
        for part in parts(&entries, articles, story) {
            state.add(part);
        }
        state
    }

    /// Files a new part under the next number.
    fn add(&mut self, part: Part) {
        let id = self.parts.len();
        for &(a, f) in &part.members {
            if let Some(slot) = self.part_of.get_mut(a).and_then(|l| l.get_mut(f)) {
                *slot = id;
            }
        }
        for &h in &part.keys.filing {
            self.filer.insert(h, id);
        }
        for &h in &part.keys.search {
            let list = self.searchers.entry(h).or_default();
            list.retain(|&p| self.parts.get(p).is_some_and(Option::is_some));
            list.push(id);
        }
        self.parts.push(Some(part));
    }

    /// The state for the new articles, rebuilding only the parts the change reaches; `None`
    /// when the change cannot be followed.
    fn update(
        self,
        articles: &[Article],
        facts: &[Vec<Fact>],
        changed: &HashSet<Origin>,
        story: &Story,
    ) -> Option<State> {
        if facts.len() != articles.len() {
            return None;
        }
        // Articles keep their relative order (the corpus is read in path order): one walk
        // through both lists pairs the unchanged ones, whose place may move.
        let mut old_to_new: Vec<Option<usize>> = vec![None; self.origins.len()];
        let mut new_to_old: Vec<Option<usize>> = vec![None; articles.len()];
        let (mut old, mut new) = (0, 0);
        while old < self.origins.len() || new < articles.len() {
            let o = self.origins.get(old);
            let n = articles.get(new).map(|a| &a.origin);
            if o.is_some() && o == n && !changed.contains(&articles[new].origin) {
                if articles[new].id != self.ids[old] || facts[new].len() != self.part_of[old].len()
                {
                    return None;
                }
                old_to_new[old] = Some(new);
                new_to_old[new] = Some(old);
                old += 1;
                new += 1;
            } else if o.is_some_and(|o| changed.contains(o)) {
                old += 1;
            } else if n.is_some_and(|n| changed.contains(n)) {
                new += 1;
            } else {
                // An article moved or changed without being named: rebuild everything.
                return None;
            }
        }
        let fresh: Vec<usize> = (0..articles.len())
            .filter(|&i| new_to_old[i].is_none())
            .collect();

        // The parts the change reaches: those of the facts gone, and those the new facts meet.
        let mut dirty: HashSet<usize> = HashSet::new();
        for (old, new) in old_to_new.iter().enumerate() {
            if new.is_none() {
                dirty.extend(self.part_of[old].iter().copied());
            }
        }
        let live = |p: &usize| self.parts.get(*p).is_some_and(Option::is_some);
        for &i in &fresh {
            for fact in &facts[i] {
                let keys = key_hashes(fact);
                // Parts it may join, and parts that may join it.
                for h in keys.search.iter().chain(&keys.filing) {
                    dirty.extend(self.filer.get(h).filter(|p| live(p)));
                }
                for h in &keys.filing {
                    dirty.extend(
                        self.searchers
                            .get(h)
                            .into_iter()
                            .flatten()
                            .filter(|p| live(p)),
                    );
                }
            }
        }

        // Built again: the reached parts' remaining facts with the new articles' facts.
        let mut entries = Vec::new();
        for &p in &dirty {
            let Some(Some(part)) = self.parts.get(p) else {
                continue;
            };
            for &(a, f) in &part.members {
                if let Some(new) = old_to_new.get(a).copied().flatten() {
                    entries.push(entry(new, f, facts[new].get(f)?, &articles[new]));
                }
            }
        }
        for &i in &fresh {
            for (f, fact) in facts[i].iter().enumerate() {
                entries.push(entry(i, f, fact, &articles[i]));
            }
        }
        sort_entries(&mut entries, articles);
        let rebuilt = parts(&entries, articles, story);

        // The rest is carried over, renumbered for the new corpus order.
        let parts: Vec<Option<Part>> = self
            .parts
            .into_par_iter()
            .enumerate()
            .map(|(id, part)| {
                part.filter(|_| !dirty.contains(&id))
                    .map(|p| p.renumbered(&old_to_new))
            })
            .collect();
        let part_of = new_to_old
            .iter()
            .zip(facts)
            .map(|(old, list)| match old {
                Some(old) => self.part_of[*old].clone(),
                None => vec![usize::MAX; list.len()],
            })
            .collect();
        let mut state = State {
            origins: articles.iter().map(|a| a.origin.clone()).collect(),
            ids: articles.iter().map(|a| a.id.clone()).collect(),
            part_of,
            parts,
            filer: self.filer,
            searchers: self.searchers,
        };
        for part in rebuilt {
            state.add(part);
        }
        Some(state)
    }
}

impl Part {
    /// The part with article numbers moved to a new corpus order (`None`: the article is gone,
    /// which cannot happen for a part the change did not reach).
    fn renumbered(mut self, old_to_new: &[Option<usize>]) -> Part {
        let new = |a: usize| old_to_new.get(a).copied().flatten().unwrap_or(usize::MAX);
        for m in &mut self.members {
            m.0 = new(m.0);
        }
        for placed in &mut self.milestones {
            placed.first.0 = new(placed.first.0);
            for source in &mut placed.milestone.sources {
                source.article_index = new(source.article_index);
            }
        }
        self
    }
}

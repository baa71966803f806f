//! [`LiveCorpus`]: a corpus held in memory, root by root and file by file, with each
//! article's facts, brought up to date by re-reading only the files that changed.

use super::roots::{is_hidden, roots_of, FileEntry, Loaded, Parsed, Root, RootKind};
use crate::cache::{CorpusKey, FactCache, ParseCache};
use crate::corpus::{Article, Corpus, CorpusDirError, CorpusSource, Origin, ParseMemo};
use crate::extract::Fact;
use crate::timeline::{Reconciliation, Timeline};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// A corpus held in memory with every article's facts, so that a change costs re-reading the
/// files it touched plus one reconciliation, not a full reload. Loading one and taking its
/// parts ([`LiveCorpus::into_parts`]) is also how one-shot commands read a corpus, so the
/// dashboard and the commands cannot disagree about what a source holds.
pub struct LiveCorpus {
    roots: Vec<Root>,
    /// Where facts come from; none when only the articles are wanted.
    facts: Option<FactCache>,
    parses: Option<ParseCache>,
    /// Remembers the last timeline's work, so that a reload rebuilds only what changed.
    reconciliation: Reconciliation,
    /// Files added, changed or removed since the last timeline.
    changed: HashSet<Origin>,
}

/// A corpus taken out of a [`LiveCorpus`]: its articles and warnings, each article's facts (in
/// order), and the key of the whole when facts are cached.
pub struct LoadedCorpus {
    pub corpus: Corpus,
    pub facts: Vec<Vec<Fact>>,
    pub key: Option<CorpusKey>,
}

/// A file to read into a root: (root index, path).
type Job = (usize, PathBuf);

impl LiveCorpus {
    /// Reads the whole corpus of `source`, taking facts from `cache` where it has them and
    /// parses from the user's parse cache.
    pub fn load(source: &CorpusSource, cache: FactCache) -> Result<LiveCorpus, CorpusDirError> {
        LiveCorpus::read(source, Some(cache), Some(ParseCache::user()))
    }

    /// Reads the whole corpus of `source`: with facts when `facts` is given, remembering
    /// parses in `parses` when given.
    pub fn read(
        source: &CorpusSource,
        facts: Option<FactCache>,
        parses: Option<ParseCache>,
    ) -> Result<LiveCorpus, CorpusDirError> {
        let mut live = LiveCorpus {
            roots: roots_of(source)?,
            facts,
            parses,
            reconciliation: Reconciliation::default(),
            changed: HashSet::new(),
        };
        // The bundled articles never change: read once, here.
        if let Some(i) = live.roots.iter().position(|r| r.kind == RootKind::Bundled) {
            let entries = live.extract(vec![Parsed::bundled()]);
            live.roots[i]
                .files
                .extend(entries.into_iter().map(|e| (PathBuf::new(), e)));
        }
        live.update(&[])?;
        Ok(live)
    }

    /// Brings the roots up to date and says whether anything changed. When every path in
    /// `touched` belongs to a root, only those are looked at; otherwise (an empty list, a
    /// folder itself named) every root is listed again. Either way a file is re-read only when
    /// its size or modification time changed.
    pub fn update(&mut self, touched: &[PathBuf]) -> Result<bool, CorpusDirError> {
        let targeted =
            !touched.is_empty() && touched.iter().all(|p| self.roots.iter().any(|r| r.owns(p)));
        if targeted {
            Ok(self.reread(touched))
        } else {
            self.rescan()
        }
    }

    /// Looks at the touched files only.
    fn reread(&mut self, touched: &[PathBuf]) -> bool {
        let unique: BTreeSet<&PathBuf> = touched.iter().collect();
        let mut jobs: Vec<Job> = Vec::new();
        let mut changed = false;
        for (i, root) in self.roots.iter_mut().enumerate() {
            let mine: Vec<&PathBuf> = unique.iter().copied().filter(|p| root.owns(p)).collect();
            let mut others_touched = false;
            for path in mine {
                if root.reads(path) {
                    if !root.is_current(path) {
                        jobs.push((i, path.clone()));
                    }
                } else if root.files.remove(path).is_some() {
                    self.changed.insert(Origin::File(path.clone()));
                    changed = true;
                } else {
                    others_touched |= !is_hidden(path);
                }
            }
            // A file the corpus does not read came or went: its warning follows.
            if others_touched {
                changed |= root.refresh_others();
            }
        }
        changed |= !jobs.is_empty();
        self.run(jobs);
        changed
    }

    /// Lists every root again. Every listing is taken before anything changes, so a root
    /// that fails leaves the corpus as it was.
    fn rescan(&mut self) -> Result<bool, CorpusDirError> {
        let listings = self
            .roots
            .iter()
            .map(Root::list)
            .collect::<Result<Vec<_>, _>>()?;
        let mut jobs: Vec<Job> = Vec::new();
        let mut changed = false;
        for (i, (root, listing)) in self.roots.iter_mut().zip(listings).enumerate() {
            let Some(listing) = listing else { continue };
            changed |= listing.warning != root.warning || listing.others != root.others;
            root.warning = listing.warning;
            root.others = listing.others;
            let mut old = std::mem::take(&mut root.files);
            for path in listing.files {
                match old.remove(&path) {
                    Some(entry) if entry.is_current(&path) => {
                        root.files.insert(path, entry);
                    }
                    _ => jobs.push((i, path)),
                }
            }
            // Files gone from the listing.
            changed |= !old.is_empty();
            self.changed.extend(old.into_keys().map(Origin::File));
        }
        changed |= !jobs.is_empty();
        self.run(jobs);
        Ok(changed)
    }

    /// Reads the files of `jobs` in parallel, extracts their articles in one batch and puts
    /// them in their roots.
    fn run(&mut self, jobs: Vec<Job>) {
        let memo = self.parses.as_ref().map(|p| p as &dyn ParseMemo);
        let parsed: Vec<Parsed> = jobs
            .par_iter()
            .map(|(_, p)| Parsed::read(p, memo))
            .collect();
        let entries = self.extract(parsed);
        for ((root, path), entry) in jobs.into_iter().zip(entries) {
            self.changed.insert(Origin::File(path.clone()));
            self.roots[root].files.insert(path, entry);
        }
    }

    /// The facts of every article of `parsed`, found or extracted together.
    fn extract(&self, parsed: Vec<Parsed>) -> Vec<FileEntry> {
        let articles: Vec<&Article> = parsed
            .iter()
            .flat_map(|p| p.items.iter().filter_map(|r| r.as_ref().ok()))
            .collect();
        let mut facts = match &self.facts {
            Some(cache) => cache.facts_each(&articles),
            None => Vec::new(),
        }
        .into_iter();
        parsed
            .into_iter()
            .map(|p| FileEntry {
                stamp: p.stamp,
                items: p
                    .items
                    .into_iter()
                    .map(|r| {
                        r.map(|article| {
                            let (facts, key) = facts.next().unwrap_or_default();
                            Loaded {
                                article,
                                facts,
                                key,
                            }
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every article with its facts, and every warning, in the order a fresh load gives them.
    fn walk(&self) -> (Vec<&Loaded>, Vec<String>) {
        let mut loaded = Vec::new();
        let mut warnings = Vec::new();
        for root in &self.roots {
            warnings.extend(root.warning.iter().cloned());
            for item in root.files.values().flat_map(|e| &e.items) {
                match item {
                    Ok(l) => loaded.push(l),
                    Err(w) => warnings.push(w.clone()),
                }
            }
            warnings.extend(root.others.iter().cloned());
        }
        (loaded, warnings)
    }

    /// The timeline of the corpus as it stands.
    pub fn timeline(&mut self) -> Timeline {
        let (loaded, warnings) = self.walk();
        // Copying thousands of articles is a good part of a reload: done in parallel, in order.
        let (articles, facts): (Vec<Article>, Vec<Vec<Fact>>) = loaded
            .par_iter()
            .map(|l| (l.article.clone(), l.facts.clone()))
            .unzip();
        let mut corpus = Corpus { articles, warnings };
        corpus.make_ids_unique();
        let changed = std::mem::take(&mut self.changed);
        Timeline::reconciled(corpus, &facts, &mut self.reconciliation, Some(&changed))
    }

    /// The corpus as it stands, taken apart: what a one-shot command works on.
    pub fn into_parts(self) -> LoadedCorpus {
        let cached = self.facts.as_ref().is_some_and(|c| c.path().is_some());
        let mut articles = Vec::new();
        let mut facts = Vec::new();
        let mut keys = Vec::new();
        let mut warnings = Vec::new();
        for root in self.roots {
            warnings.extend(root.warning);
            for item in root.files.into_values().flat_map(|e| e.items) {
                match item {
                    Ok(l) => {
                        articles.push(l.article);
                        facts.push(l.facts);
                        keys.push(l.key);
                    }
                    Err(w) => warnings.push(w),
                }
            }
            warnings.extend(root.others);
        }
        let mut corpus = Corpus { articles, warnings };
        // Ids first: the corpus key is of the ids reconciliation will see.
        corpus.make_ids_unique();
        let key = CorpusKey::of(corpus.articles.iter().map(|a| a.id.as_str()).zip(keys))
            .filter(|_| cached);
        LoadedCorpus { corpus, facts, key }
    }

    /// Saves facts extracted and files parsed since the last call to the caches.
    pub fn flush_cache(&self) {
        if let Some(cache) = &self.facts {
            cache.flush();
        }
        if let Some(parses) = &self.parses {
            parses.flush();
        }
    }
}

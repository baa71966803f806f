//! Watching corpus folders for the live dashboard. (Issue 5.)
//!
//! A [`Watch`] runs two threads: notify's debouncer, which coalesces file events for
//! [`DEBOUNCE`], and a worker that keeps the corpus in memory as a [`LiveCorpus`], re-reads only
//! the files that changed, rebuilds the timeline and hands it to the caller. The caller's (UI)
//! thread never does any of this work.

use crate::cache::{FactCache, ParseCache};
use crate::corpus::{self, Article, Corpus, CorpusDirError, CorpusSource, Origin};
use crate::extract::Fact;
use crate::timeline::{Reconciliation, Timeline};
use anyhow::Context;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, SystemTime};

/// How long the folder must be quiet before a rebuild: an editor's save or a multi-file copy
/// becomes one reload, and the new state still shows well within a second.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Keeps the watcher alive; dropping it stops watching (no `on_change` call starts after that).
pub struct Watch {
    stopped: Arc<AtomicBool>,
    _debouncer: Debouncer<RecommendedWatcher>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        // The debouncer is dropped right after this, which ends its thread and so the worker's.
        self.stopped.store(true, Ordering::SeqCst);
    }
}

/// Watches the folders `source` reads and calls `on_change` with a rebuilt timeline (built off
/// the caller's thread) after files are added, changed or removed.
///
/// For the default source, the user's data folder is created when missing so that articles
/// ingested later are seen. `on_change` gets an error only when the corpus cannot be read at
/// all (a `--corpus` folder that vanished); a file that fails to load is a timeline warning.
pub fn spawn(
    source: &CorpusSource,
    on_change: impl Fn(anyhow::Result<Timeline>) + Send + 'static,
) -> anyhow::Result<Watch> {
    let folders = source.folders();
    if let CorpusSource::Default {
        user_dir: Some(dir),
    } = source
    {
        std::fs::create_dir_all(dir).with_context(|| {
            format!(
                "cannot create the data folder {} to watch it",
                dir.display()
            )
        })?;
    }
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        // A watcher error names no file: an empty list asks for a full rescan.
        let paths = result
            .map(|events| events.into_iter().map(|e| e.path).collect())
            .unwrap_or_default();
        // The worker is gone only when the Watch is being dropped.
        let _ = tx.send(paths);
    })
    .context("cannot start watching the corpus folders")?;
    for folder in &folders {
        debouncer
            .watcher()
            .watch(folder, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", folder.display()))?;
    }
    let stopped = Arc::new(AtomicBool::new(false));
    // Several `--corpus` paths are shown as loaded: live reload follows one folder.
    if matches!(source, CorpusSource::Paths(_)) {
        return Ok(Watch {
            stopped,
            _debouncer: debouncer,
        });
    }
    let worker_stopped = Arc::clone(&stopped);
    let source = source.clone();
    std::thread::Builder::new()
        .name("qwen-story-reload".into())
        .spawn(move || reload_loop(source, rx, worker_stopped, on_change))
        .context("cannot start the reload thread")?;
    Ok(Watch {
        stopped,
        _debouncer: debouncer,
    })
}

/// The worker: one rebuild per batch of events, until the debouncer hangs up.
fn reload_loop(
    source: CorpusSource,
    events: mpsc::Receiver<Vec<PathBuf>>,
    stopped: Arc<AtomicBool>,
    on_change: impl Fn(anyhow::Result<Timeline>),
) {
    // Built here rather than by the caller, so opening the dashboard is not slowed down.
    let mut live = LiveCorpus::load(&source, FactCache::user()).ok();
    // Files may have changed between the caller's load and this one: deliver this state once
    // (a caller receiving what it already shows changes nothing).
    if let Some(l) = live.as_mut() {
        if stopped.load(Ordering::SeqCst) {
            return;
        }
        on_change(Ok(l.timeline()));
        l.flush_cache();
    }
    while let Ok(mut touched) = events.recv() {
        // Events that queued up during the last rebuild are served by one rebuild.
        while let Ok(more) = events.try_recv() {
            touched.extend(more);
        }
        // Reading a file is itself an event on some platforms (notify reports opens on
        // Linux): a batch that changed nothing must not rebuild, or the rebuild's own reads
        // would start the next one.
        let result = match live.as_mut() {
            Some(l) => match l.update(&touched) {
                Ok(false) => continue,
                Ok(true) => Ok(l.timeline()),
                Err(e) => Err(e),
            },
            None => LiveCorpus::load(&source, FactCache::user()).map(|l| live.insert(l).timeline()),
        };
        if stopped.load(Ordering::SeqCst) {
            return;
        }
        on_change(result.map_err(anyhow::Error::from));
        // After the caller has the new state: writing the cache is not on the reload's path.
        if let Some(l) = &live {
            l.flush_cache();
        }
    }
}

/// A file's size and modification time: a file whose stamp is unchanged is not re-read.
type Stamp = (u64, Option<SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// One file of the watched folder: its article and facts, or why it did not load.
struct FileEntry {
    stamp: Option<Stamp>,
    loaded: Result<(Article, Vec<Fact>), String>,
}

impl FileEntry {
    fn read(path: &Path, cache: &FactCache, parses: &ParseCache) -> FileEntry {
        let stamp = stamp_of(path);
        let loaded = corpus::load_file_with(path, Some(parses))
            .map(|article| {
                let facts = cache.facts_of(&article);
                (article, facts)
            })
            .map_err(|e| e.to_string());
        FileEntry { stamp, loaded }
    }
}

/// A corpus held in memory with every article's facts, so that a change costs re-reading the
/// files it touched plus one reconciliation, not a full reload.
///
/// Its timeline is the one [`crate::load_timeline`] builds for the same files.
pub struct LiveCorpus {
    source: CorpusSource,
    cache: FactCache,
    parses: ParseCache,
    /// The bundled articles (default source only): they never change while running.
    bundled: Vec<(Article, Vec<Fact>)>,
    bundled_warnings: Vec<String>,
    /// The watched folder's article files, in path order (the order `corpus::load` reads them).
    files: BTreeMap<PathBuf, FileEntry>,
    /// The data folder exists but cannot be listed (default source only).
    folder_warning: Option<String>,
    /// Remembers the last timeline's work, so that a reload rebuilds only what changed.
    reconciliation: Reconciliation,
    /// Files added, changed or removed since the last timeline.
    changed: HashSet<Origin>,
}

impl LiveCorpus {
    /// Reads the whole corpus of `source`, taking facts from `cache` where it has them.
    pub fn load(source: &CorpusSource, cache: FactCache) -> Result<LiveCorpus, CorpusDirError> {
        let (bundled, bundled_warnings) = match source {
            CorpusSource::Default { .. } => {
                let corpus = corpus::bundled();
                let facts = cache.facts(&corpus.articles);
                (
                    corpus.articles.into_iter().zip(facts).collect(),
                    corpus.warnings,
                )
            }
            CorpusSource::Dir(_) | CorpusSource::Paths(_) => (Vec::new(), Vec::new()),
        };
        let mut live = LiveCorpus {
            source: source.clone(),
            cache,
            parses: ParseCache::user(),
            bundled,
            bundled_warnings,
            files: BTreeMap::new(),
            folder_warning: None,
            reconciliation: Reconciliation::default(),
            changed: HashSet::new(),
        };
        live.update(&[])?;
        Ok(live)
    }

    /// Brings the folder's files up to date and says whether anything changed. When `touched`
    /// names files of the folder, only those are looked at; otherwise (an empty list, or the
    /// folder itself named) the folder is listed again. Either way a file is re-read only when
    /// its size or modification time changed.
    pub fn update(&mut self, touched: &[PathBuf]) -> Result<bool, CorpusDirError> {
        let Some(folder) = self.folder() else {
            return Ok(false);
        };
        let only_files =
            !touched.is_empty() && touched.iter().all(|p| p.parent() == Some(folder.as_path()));
        if only_files {
            Ok(self.reread(touched))
        } else {
            self.rescan(&folder)
        }
    }

    fn reread(&mut self, touched: &[PathBuf]) -> bool {
        let unique: BTreeSet<&PathBuf> = touched.iter().collect();
        let (cache, parses) = (&self.cache, &self.parses);
        let files = &self.files;
        let fresh: Vec<(PathBuf, Option<FileEntry>)> = unique
            .into_par_iter()
            .filter_map(|p| {
                // Anything but a folder: a FIFO or device gets its warning from the read, as on load.
                let present = corpus::is_article_file(p) && p.exists();
                if !present {
                    return files.contains_key(p).then(|| (p.clone(), None));
                }
                let unchanged = files
                    .get(p)
                    .is_some_and(|e| e.stamp.is_some() && e.stamp == stamp_of(p));
                (!unchanged).then(|| (p.clone(), Some(FileEntry::read(p, cache, parses))))
            })
            .collect();
        let changed = !fresh.is_empty();
        for (path, entry) in fresh {
            self.changed.insert(Origin::File(path.clone()));
            match entry {
                Some(entry) => self.files.insert(path, entry),
                None => self.files.remove(&path),
            };
        }
        changed
    }

    fn rescan(&mut self, folder: &Path) -> Result<bool, CorpusDirError> {
        let paths = match (&self.source, corpus::article_files(folder)) {
            (_, Ok(paths)) => {
                self.folder_warning = None;
                paths
            }
            (CorpusSource::Dir(_) | CorpusSource::Paths(_), Err(e)) => return Err(e),
            // Like `corpus::load`: a missing data folder is no articles, an unreadable one a warning.
            (CorpusSource::Default { .. }, Err(e)) => {
                self.folder_warning = folder.is_dir().then(|| e.to_string());
                Vec::new()
            }
        };
        let mut old = std::mem::take(&mut self.files);
        let mut stale = Vec::new();
        for path in paths {
            match old.remove(&path) {
                Some(entry) if entry.stamp.is_some() && entry.stamp == stamp_of(&path) => {
                    self.files.insert(path, entry);
                }
                _ => stale.push(path),
            }
        }
        let (cache, parses) = (&self.cache, &self.parses);
        let fresh: Vec<(PathBuf, FileEntry)> = stale
            .into_par_iter()
            .map(|p| {
                let e = FileEntry::read(&p, cache, parses);
                (p, e)
            })
            .collect();
        // Re-read files, or files gone from the listing.
        let changed = !fresh.is_empty() || !old.is_empty();
        self.changed.extend(
            fresh
                .iter()
                .map(|(p, _)| p)
                .chain(old.keys())
                .map(|p| Origin::File(p.clone())),
        );
        self.files.extend(fresh);
        Ok(changed)
    }

    /// The timeline of the corpus as it stands.
    pub fn timeline(&mut self) -> Timeline {
        let mut warnings = self.bundled_warnings.clone();
        warnings.extend(self.folder_warning.iter().cloned());
        warnings.extend(
            self.files
                .values()
                .filter_map(|e| e.loaded.as_ref().err().cloned()),
        );
        let loaded: Vec<&(Article, Vec<Fact>)> = self
            .bundled
            .iter()
            .chain(self.files.values().filter_map(|e| e.loaded.as_ref().ok()))
            .collect();
        // Copying thousands of articles is a good part of a reload: done in parallel, in order.
        let (articles, facts): (Vec<Article>, Vec<Vec<Fact>>) = loaded
            .par_iter()
            .map(|(a, f)| (a.clone(), f.clone()))
            .unzip();
        let mut corpus = Corpus { articles, warnings };
        corpus.make_ids_unique();
        let changed = std::mem::take(&mut self.changed);
        Timeline::reconciled(corpus, &facts, &mut self.reconciliation, Some(&changed))
    }

    /// Saves facts extracted and files parsed since the last call to the caches.
    pub fn flush_cache(&self) {
        self.cache.flush();
        self.parses.flush();
    }

    fn folder(&self) -> Option<PathBuf> {
        match &self.source {
            CorpusSource::Default { user_dir } => user_dir.clone(),
            CorpusSource::Dir(dir) => Some(dir.clone()),
            // Never watched (see `spawn`).
            CorpusSource::Paths(_) => None,
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A FIFO in a watched folder used to block the reload thread in `open`, silently ending
    /// every later reload. Now it is one warning and reloads go on.
    #[test]
    fn a_fifo_in_a_watched_folder_is_a_warning_and_reloads_go_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, figure: &str| {
            let path = dir.path().join(name);
            std::fs::write(
                &path,
                format!("+++\nlang = \"en\"\npublished = \"2026-02-03\"\n+++\nAlibaba's Qwen models have passed {figure} downloads.\n"),
            )
            .expect("write");
            path
        };
        write("a.md", "700 million");
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let source = CorpusSource::Dir(dir.path().to_path_buf());
        let (tx, rx) = std::sync::mpsc::channel();
        let b = write("b.md", "900 million");
        let fifo_touched = fifo.clone();
        std::thread::spawn(move || {
            let mut live = LiveCorpus::load(&source, FactCache::disabled()).expect("loads");
            let first = live.timeline();
            live.update(&[fifo_touched, b]).expect("updates");
            live.update(&[]).expect("rescans");
            let _ = tx.send((first, live.timeline()));
        });
        let (first, last) = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the reloads hung on the FIFO");
        for t in [&first, &last] {
            assert!(
                t.warnings
                    .iter()
                    .any(|w| w.contains("pipe.md") && w.contains("FIFO")),
                "{:?}",
                t.warnings
            );
        }
        assert_eq!(last.articles.len(), 2);
    }
}

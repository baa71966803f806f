//! Watching corpus folders for the live dashboard. (Issue 5.)
//!
//! A [`Watch`] runs two threads: notify's debouncer, which coalesces file events for
//! [`DEBOUNCE`], and a worker that keeps the corpus in memory as a [`LiveCorpus`] (the loader
//! every command uses), re-reads only the files that changed, rebuilds the timeline and hands
//! it to the caller. The caller's (UI)
//! thread never does any of this work.

use crate::cache::FactCache;
use crate::corpus::CorpusSource;
pub use crate::load::LiveCorpus;
use crate::timeline::Timeline;
use anyhow::Context;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

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

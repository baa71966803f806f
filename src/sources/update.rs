//! `update`: fetches every followed feed (conditionally), ingests the new items that concern
//! the story, and prints one line per feed and a total.
//!
//! Safe from cron: articles are written whole (temporary name, then rename) under the folder's
//! write lock, and a feed's remembered validators are replaced only after all its items are
//! stored; a killed run leaves the next one to fetch that feed again, where stored items are
//! found "already there" by URL.

use super::fetch::{Limits, Validators};
use super::remote::{self, Served};
use super::{store, topic};
use crate::config::FeedEntry;
use crate::corpus::{CorpusSource, Origin};
use crate::ingest::{self, Metadata, Outcome, TargetFolder};
use crate::sanitize::sanitize_line;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};

/// What one feed gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedReport {
    pub feed: String,
    pub not_modified: bool,
    pub new: usize,
    pub already: usize,
    pub off_topic: usize,
    /// Items whose page or text could not be had.
    pub failed_items: usize,
    /// The whole feed failed: the reason.
    pub failed: Option<String>,
    /// One line per item that failed or a state that could not be kept, naming its URL or
    /// folder: printed by `update`, listed among the dashboard's warnings by `u`.
    pub problems: Vec<String>,
}

impl FeedReport {
    fn line(&self, dry_run: bool) -> String {
        let name = &self.feed;
        if let Some(reason) = &self.failed {
            return format!("{name}: failed: {reason}");
        }
        if self.not_modified {
            return format!("{name}: not modified since the last update");
        }
        let new = if dry_run { "would be new" } else { "new" };
        format!(
            "{name}: {} {new}, {} already there, {} off-topic, {} failed",
            self.new, self.already, self.off_topic, self.failed_items
        )
    }
}

/// Progress of a background update (the dashboard's `u`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateEvent {
    Started {
        feeds: usize,
    },
    Feed(FeedReport),
    /// Everything done; the articles added reach the dashboard through its live reload.
    Finished {
        added: usize,
        failed_feeds: usize,
    },
    /// The update could not run at all.
    Error(String),
}

/// Where the per-feed validators live: `$XDG_DATA_HOME/qwen-story/feeds/`.
pub fn state_dir() -> Option<PathBuf> {
    crate::paths::data_dir()?.parent().map(|p| p.join("feeds"))
}

/// The state file of one feed: named by a hash of its URL, never by the URL itself.
fn state_file(dir: &Path, url: &str) -> PathBuf {
    let hash = blake3::hash(url.as_bytes()).to_hex();
    dir.join(format!("{}.json", &hash[..32]))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct FeedState {
    url: String,
    #[serde(flatten)]
    validators: Validators,
}

fn load_validators(dir: Option<&Path>, url: &str) -> Validators {
    dir.map(|d| state_file(d, url))
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice::<FeedState>(&b).ok())
        .filter(|s| s.url == url)
        .map(|s| s.validators)
        .unwrap_or_default()
}

/// Replaces a feed's state whole, by the one atomic writer (a killed run leaves the old one).
fn save_validators(dir: &Path, url: &str, validators: &Validators) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let state = FeedState {
        url: url.to_string(),
        validators: validators.clone(),
    };
    crate::atomic::write(&state_file(dir, url), &serde_json::to_vec(&state)?)?;
    Ok(())
}

/// `qwen-story update [--dry-run]`.
pub fn run(dry_run: bool, quiet: bool, source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let feeds = followed_feeds(quiet)?;
    let mut out = std::io::stdout().lock();
    if feeds.is_empty() {
        writeln!(
            out,
            "no feeds followed; add one with `qwen-story follow URL`"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let bar = progress(feeds.len());
    let (reports, added) = update(&feeds, dry_run, source, |_| bar.inc(1))?;
    bar.finish_and_clear();
    for r in &reports {
        for problem in &r.problems {
            crate::console::warn(format_args!("qwen-story: {}", sanitize_line(problem)));
        }
        writeln!(out, "{}", sanitize_line(&r.line(dry_run)))?;
    }
    let sum = |f: fn(&FeedReport) -> usize| reports.iter().map(f).sum::<usize>();
    let failed = reports.iter().filter(|r| r.failed.is_some()).count();
    writeln!(
        out,
        "total: {} {}, {} already there, {} off-topic, {} failed items, {failed} of {} feeds failed",
        if dry_run { sum(|r| r.new) } else { added },
        if dry_run { "would be new" } else { "new" },
        sum(|r| r.already),
        sum(|r| r.off_topic),
        sum(|r| r.failed_items),
        reports.len(),
    )?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The config's feeds; its warnings on stderr unless quiet.
fn followed_feeds(quiet: bool) -> anyhow::Result<Vec<FeedEntry>> {
    let Some(path) = crate::config::default_path() else {
        return Ok(Vec::new());
    };
    let (config, warnings) = crate::config::load(&path)?;
    if !quiet {
        for w in warnings {
            crate::console::warn(format_args!("qwen-story: warning: {}", sanitize_line(&w)));
        }
    }
    Ok(config.feeds)
}

fn progress(feeds: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(feeds as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("updating {bar:40} {pos}/{len} feeds")
    {
        bar.set_style(style);
    }
    bar
}

/// Updates every feed; `on_feed` is told of each as it is done. Returns the reports and how
/// many articles were stored.
pub fn update(
    feeds: &[FeedEntry],
    dry_run: bool,
    source: &CorpusSource,
    mut on_feed: impl FnMut(&FeedReport),
) -> anyhow::Result<(Vec<FeedReport>, usize)> {
    let target = ingest::target_folder(source)?;
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create the folder {}", target.display()))?;
    let _lock = store::lock(&target)
        .with_context(|| format!("cannot lock the folder {}", target.display()))?;
    let before = crate::load_timeline(source)?;
    let mut folder = TargetFolder::new(&target, &before)?;
    let states = state_dir();
    let limits = Limits::default();
    let mut reports = Vec::new();
    let mut added = 0;
    for feed in feeds {
        let report = update_feed(
            feed,
            dry_run,
            &mut folder,
            states.as_deref(),
            &limits,
            &mut added,
        );
        on_feed(&report);
        reports.push(report);
    }
    Ok((reports, added))
}

fn update_feed(
    feed: &FeedEntry,
    dry_run: bool,
    folder: &mut TargetFolder,
    states: Option<&Path>,
    limits: &Limits,
    added: &mut usize,
) -> FeedReport {
    let mut report = FeedReport {
        feed: feed.name.clone().unwrap_or_else(|| feed.url.clone()),
        ..Default::default()
    };
    let validators = load_validators(states, &feed.url);
    let (items, fresh) = match remote::fetch(&feed.url, &validators, limits) {
        Ok(Served::NotModified) => {
            report.not_modified = true;
            return report;
        }
        Ok(Served::Feed { items, validators }) => (items, validators),
        Ok(_) => {
            report.failed = Some(format!("{}: is a page, not an RSS or Atom feed", feed.url));
            return report;
        }
        Err(e) => {
            report.failed = Some(format!("{}: {e}", feed.url));
            return report;
        }
    };
    let meta = Metadata::default();
    for item in &items {
        if item.draft.url.as_deref().is_some_and(|u| folder.has_url(u)) {
            report.already += 1;
            continue;
        }
        let draft = if item.summary_only {
            match remote::item_page(item, limits) {
                Ok(d) => d,
                Err(e) => {
                    report.failed_items += 1;
                    let url = item.draft.url.as_deref().unwrap_or("");
                    report.problems.push(format!("{url}: {e}"));
                    continue;
                }
            }
        } else {
            item.draft.clone()
        };
        let about = format!("{}\n{}", draft.title.as_deref().unwrap_or(""), draft.body);
        if !topic::mentions_subject(&about) {
            report.off_topic += 1;
            continue;
        }
        if dry_run {
            report.new += 1;
            continue;
        }
        let origin = draft.url.clone().unwrap_or_else(|| feed.url.clone());
        let piece = ingest::draft_piece(
            &draft,
            "",
            Origin::Memory(origin.clone()),
            Some(draft.id_hint()),
        );
        match piece.and_then(|p| ingest::store_piece(p, &origin, &meta, folder)) {
            Ok(Outcome::Added { .. }) => {
                report.new += 1;
                *added += 1;
            }
            Ok(Outcome::AlreadyThere { .. }) => report.already += 1,
            Ok(Outcome::Failed(m)) | Err(ingest::IngestError::Remote(_, m)) => {
                report.failed_items += 1;
                report.problems.push(m);
            }
            Err(e) => {
                report.failed_items += 1;
                report.problems.push(e.to_string());
            }
        }
    }
    // Remembered only once every item is stored: a run killed before this asks again.
    if !dry_run {
        if let Some(dir) = states {
            if let Err(e) = save_validators(dir, &feed.url, &fresh) {
                report
                    .problems
                    .push(format!("{}: cannot remember its state: {e}", dir.display()));
            }
        }
    }
    report
}

/// Runs the update on a thread; its events arrive on the receiver (the dashboard's `u`).
pub fn run_in_background(source: CorpusSource) -> Receiver<UpdateEvent> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let feeds = match followed_feeds(true) {
            Ok(f) => f,
            Err(e) => {
                let _ = tx.send(UpdateEvent::Error(format!("{e:#}")));
                return;
            }
        };
        let _ = tx.send(UpdateEvent::Started { feeds: feeds.len() });
        match update(&feeds, false, &source, |r| {
            let _ = tx.send(UpdateEvent::Feed(r.clone()));
        }) {
            Ok((reports, added)) => {
                let failed_feeds = reports.iter().filter(|r| r.failed.is_some()).count();
                let _ = tx.send(UpdateEvent::Finished {
                    added,
                    failed_feeds,
                });
            }
            Err(e) => {
                let _ = tx.send(UpdateEvent::Error(format!("{e:#}")));
            }
        }
    });
    rx
}

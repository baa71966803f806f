//! The live reload and the `u` update: a rebuilt timeline taken in, the update's progress.

use super::{App, Derived};
use crate::timeline::Timeline;

impl App {
    pub fn update_status(&self) -> &UpdateStatus {
        &self.update
    }

    /// Whether a `u` update is running (a second one is not started).
    pub fn updating(&self) -> bool {
        matches!(self.update, UpdateStatus::Running { .. })
    }

    /// What the background update reports; its articles arrive through the live reload.
    pub fn on_update(&mut self, event: crate::sources::update::UpdateEvent, now: String) {
        use crate::sources::update::UpdateEvent;
        match event {
            UpdateEvent::Started { feeds } => {
                self.update = UpdateStatus::Running { feeds, done: 0 };
            }
            UpdateEvent::Feed(report) => {
                if let UpdateStatus::Running { done, .. } = &mut self.update {
                    *done += 1;
                }
                if let Some(reason) = report.failed {
                    self.add_warning(format!("update: {reason}"));
                }
                for problem in report.problems {
                    self.add_warning(format!("update: {problem}"));
                }
            }
            UpdateEvent::Finished {
                added,
                failed_feeds,
            } => {
                self.update = UpdateStatus::Done {
                    at: now,
                    added,
                    failed_feeds,
                };
            }
            UpdateEvent::Error(e) => {
                self.add_warning(format!("update: {e}"));
                self.update = UpdateStatus::Failed { at: now };
            }
        }
    }

    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }

    pub fn set_reload_error(&mut self, error: String) {
        self.reload_error = Some(error);
    }

    /// Takes a rebuilt timeline, keeping the selected milestone when it still exists.
    pub fn apply_reload(&mut self, timeline: Timeline) {
        let selected_id = self
            .selected
            .and_then(|i| self.timeline.milestones.get(i))
            .map(|m| m.id.clone());
        let old_index = self.selected;
        let old = std::mem::replace(&mut self.timeline, timeline);
        // Freeing a large timeline (150,000 sources for 10,000 articles) takes tens of
        // milliseconds: done on another thread, so the new state is drawn without waiting
        // (when no thread can be started, the failed spawn drops it here).
        let _ = std::thread::Builder::new()
            .name("qwen-story-free".into())
            .spawn(move || drop(old));
        self.derived = Derived::of(&self.timeline);
        self.reload_error = None;
        self.refresh_rows();
        let same = selected_id
            .and_then(|id| self.timeline.milestones.iter().position(|m| m.id == id))
            .filter(|&i| self.position(i).is_some());
        let fallback = old_index.and_then(|i| self.nearest_visible(i));
        // The article under the reader may have changed: back to the source list.
        self.reader = None;
        let keep_source = self.source;
        self.set_selected(same.or(fallback).or_else(|| self.visible.last().copied()));
        if same.is_some() && same == old_index {
            self.source = keep_source.min(self.source_count().saturating_sub(1));
        }
    }
}

/// The dashboard's own update of the followed feeds (`u`), as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStatus {
    Idle,
    Running {
        feeds: usize,
        done: usize,
    },
    Done {
        at: String,
        added: usize,
        failed_feeds: usize,
    },
    Failed {
        at: String,
    },
}

impl UpdateStatus {
    /// The header's words for it; nothing before the first update.
    pub fn describe(&self) -> Option<String> {
        match self {
            UpdateStatus::Idle => None,
            UpdateStatus::Running { feeds, done } => Some(format!("  ⟳ updating {done}/{feeds}")),
            UpdateStatus::Done {
                at,
                added,
                failed_feeds,
            } => {
                let failed = match failed_feeds {
                    0 => String::new(),
                    n => format!(", {n} failed"),
                };
                Some(format!("  updated {at}: +{added}{failed}"))
            }
            UpdateStatus::Failed { at } => Some(format!("  update failed {at}")),
        }
    }
}

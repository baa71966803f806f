//! The incremental search: typing a query, finding and counting its matches, `n`/`N`.

use super::{Action, App, View};
use crate::ui::keys::Act;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    pub(super) fn search_key(&mut self, key: KeyEvent) -> Action {
        let Some(search) = self.search.as_mut() else {
            return Action::None;
        };
        match key.code {
            KeyCode::Esc => {
                let origin = search.origin;
                self.search = None;
                self.set_selected(origin);
            }
            KeyCode::Enter => {
                let query = search.query.clone();
                let matches = search.matches;
                self.search = None;
                if !query.is_empty() {
                    let n = self.keys.first(Act::SearchNext).unwrap_or_default();
                    let p = self.keys.first(Act::SearchPrev).unwrap_or_default();
                    self.status = Some(format!(
                        "/{query}: {matches} match{} · {n} next · {p} previous",
                        if matches == 1 { "" } else { "es" }
                    ));
                    self.last_query = Some(query);
                }
            }
            KeyCode::Backspace => {
                search.query.pop();
                self.search_typed();
            }
            KeyCode::Down | KeyCode::Tab => {
                let query = search.query.clone();
                let forward = !self.list_reversed();
                self.find(&query, self.selected, Some(forward));
            }
            KeyCode::Up | KeyCode::BackTab => {
                let query = search.query.clone();
                let forward = self.list_reversed();
                self.find(&query, self.selected, Some(forward));
            }
            KeyCode::Char(c) => {
                search.query.push(c);
                self.search_typed();
            }
            _ => return Action::None,
        }
        Action::Redraw
    }

    /// The query changed: select the first match from where the search began.
    fn search_typed(&mut self) {
        let Some(search) = self.search.as_ref() else {
            return;
        };
        let (query, origin) = (search.query.clone(), search.origin);
        if query.is_empty() {
            if let Some(s) = self.search.as_mut() {
                s.found = true;
                s.matches = 0;
            }
            self.set_selected(origin);
            return;
        }
        let found = self.find(&query, origin, None);
        let matches = self.count_matches(&query);
        if let Some(s) = self.search.as_mut() {
            s.found = found;
            s.matches = matches;
        }
    }

    /// Whether the current list is drawn newest first (the Dashboard's).
    pub(super) fn list_reversed(&self) -> bool {
        self.view == View::Dashboard
    }

    /// Selects the next visible match of `query` in timeline order from `from` (`None`:
    /// from `from` itself; `Some(true)`: after it; `Some(false)`: before it), wrapping.
    pub(super) fn find(&mut self, query: &str, from: Option<usize>, step: Option<bool>) -> bool {
        let query = query.to_lowercase();
        let n = self.visible.len();
        if n == 0 || query.is_empty() {
            return false;
        }
        let start = from.and_then(|s| self.position(s)).unwrap_or(0);
        let hit = (0..n)
            .map(|k| match step {
                None => (start + k) % n,
                Some(true) => (start + 1 + k) % n,
                Some(false) => (start + n - 1 - k % n) % n,
            })
            .map(|p| self.visible[p])
            .find(|&i| self.matches(i, &query));
        if hit.is_some() {
            self.set_selected(hit);
        }
        hit.is_some()
    }

    pub(super) fn count_matches(&self, query: &str) -> usize {
        let query = query.to_lowercase();
        self.visible
            .iter()
            .filter(|&&i| self.matches(i, &query))
            .count()
    }

    fn matches(&self, index: usize, query: &str) -> bool {
        let m = &self.timeline.milestones[index];
        m.title.to_lowercase().contains(query)
            || m.sources
                .iter()
                .any(|s| s.quote.to_lowercase().contains(query))
    }
}

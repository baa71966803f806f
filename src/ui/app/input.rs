//! What keys and the mouse do: the handlers, the actions bound to keys, overlay scrolling.

use super::{Action, App, Overlay, Search, View};
use crate::ui::keys::Act;
use crate::ui::layout::{self, Hit};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

/// The deepest zoom: 2^6 = 64 times the whole range.
const MAX_ZOOM: u32 = 6;
/// Rows moved by one wheel notch.
const WHEEL_STEP: isize = 3;

impl App {
    /// Changes state for a key; returns what the run loop should do.
    pub fn handle_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        // Always a way out, whatever the rebinding.
        if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
            return Action::Quit;
        }
        if self.search.is_some() {
            return self.search_key(key);
        }
        let act = self.keys.action(&key);
        if self.overlay.is_some() {
            return self.overlay_key(act);
        }
        self.status = None;
        let Some(act) = act else {
            return Action::None;
        };
        self.act(act)
    }

    /// What an action does here and now.
    fn act(&mut self, act: Act) -> Action {
        let page = self.page_rows() as isize;
        match act {
            Act::Quit => return Action::Quit,
            Act::Export => return Action::Export,
            Act::Update => {
                self.status = Some("updating the followed feeds…".into());
                return Action::Update;
            }
            Act::Dashboard => self.set_view(View::Dashboard),
            Act::Charts => self.set_view(View::Charts),
            Act::Timeline => self.set_view(View::Timeline),
            Act::Sources => self.set_view(View::Sources),
            Act::NextView => self.set_view(self.view.offset(1)),
            Act::PrevView => self.set_view(self.view.offset(-1)),
            Act::Down => self.move_rows(1),
            Act::Up => self.move_rows(-1),
            Act::Top => self.move_rows(isize::MIN / 2),
            Act::Bottom => self.move_rows(isize::MAX / 2),
            Act::PageDown | Act::PageUp | Act::HalfPageDown | Act::HalfPageUp => {
                let by = match act {
                    Act::PageDown => page,
                    Act::PageUp => -page,
                    Act::HalfPageDown => (page / 2).max(1),
                    _ => -(page / 2).max(1),
                };
                if self.view == View::Sources {
                    self.scroll_text(by);
                } else {
                    self.move_rows(by);
                }
            }
            Act::Enter => match self.view {
                View::Sources if self.reader.is_none() => self.open_reader(),
                View::Sources => {}
                _ if self.selected.is_some() => self.set_view(View::Sources),
                _ => {}
            },
            Act::Back => {
                if self.reader.is_some() {
                    self.reader = None;
                } else if self.last_query.is_some() {
                    self.last_query = None;
                } else if self.filter.is_some() {
                    self.set_filter(None);
                } else {
                    return Action::None;
                }
            }
            Act::NextItem | Act::PrevItem => {
                let by = if act == Act::NextItem { 1 } else { -1 };
                match self.view {
                    View::Sources => self.step_source(by),
                    View::Charts => self.cycle_chart(by),
                    // Elsewhere the charts are not on screen: nothing changes out of sight.
                    _ => return Action::None,
                }
            }
            Act::NextChart if self.view == View::Charts => self.cycle_chart(1),
            Act::NextChart => return Action::None,
            Act::Search => {
                self.search = Some(Search {
                    query: String::new(),
                    origin: self.selected,
                    found: true,
                    matches: 0,
                });
            }
            Act::SearchNext | Act::SearchPrev => {
                let Some(query) = self.last_query.clone() else {
                    self.status = Some("no search yet: press / to search".into());
                    return Action::Redraw;
                };
                // `n` goes down the list as drawn: older milestones on the Dashboard.
                let forward = (act == Act::SearchNext) != self.list_reversed();
                let found = self.find(&query, self.selected, Some(forward));
                let count = self.count_matches(&query);
                self.status = Some(match found {
                    true => format!(
                        "/{query}: {count} match{}",
                        if count == 1 { "" } else { "es" }
                    ),
                    false => format!("/{query}: no match"),
                });
            }
            Act::Filter => self.cycle_filter(),
            Act::ClearFilter => self.set_filter(None),
            Act::Copy => return self.copy(),
            Act::Open => return self.open(),
            Act::Warnings => self.open_overlay(Overlay::Warnings),
            Act::Help => self.open_overlay(Overlay::Help),
            Act::Mouse => {
                self.mouse = !self.mouse;
                self.status = Some(if self.mouse {
                    "mouse: the dashboard has it (clicks and wheel)".into()
                } else {
                    "mouse: the terminal has it (select text); m takes it back".into()
                });
                return Action::SetMouse(self.mouse);
            }
            Act::ZoomIn => self.zoom = (self.zoom + 1).min(MAX_ZOOM),
            Act::ZoomOut => self.zoom = self.zoom.saturating_sub(1),
            Act::ZoomReset => self.zoom = 0,
        }
        Action::Redraw
    }

    fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
    }

    /// Keys over the help or the warnings: movement scrolls it, anything else closes it
    /// (`q` still quits).
    fn overlay_key(&mut self, act: Option<Act>) -> Action {
        let page = self.page_rows() as isize;
        let by = match act {
            Some(Act::Down) => 1,
            Some(Act::Up) => -1,
            Some(Act::PageDown) => page,
            Some(Act::PageUp) => -page,
            Some(Act::HalfPageDown) => page / 2,
            Some(Act::HalfPageUp) => -page / 2,
            Some(Act::Top) => isize::MIN / 2,
            Some(Act::Bottom) => isize::MAX / 2,
            Some(Act::Quit) => return Action::Quit,
            _ => {
                self.overlay = None;
                return Action::Redraw;
            }
        };
        let max = crate::ui::header::overlay_max_scroll(self, self.frame());
        self.overlay_scroll = (self.overlay_scroll as isize)
            .saturating_add(by)
            .clamp(0, max as isize) as usize;
        Action::Redraw
    }

    /// Changes state for a mouse event over a frame of size `area`.
    pub fn handle_mouse(&mut self, event: MouseEvent, area: Rect) -> Action {
        if !self.mouse {
            return Action::None;
        }
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll(WHEEL_STEP),
            MouseEventKind::ScrollUp => self.scroll(-WHEEL_STEP),
            MouseEventKind::Down(MouseButton::Left) => {
                if self.overlay.is_some() {
                    self.overlay = None;
                    return Action::Redraw;
                }
                match layout::hit(self, area, event.column, event.row) {
                    Some(Hit::Tab(view)) => self.set_view(view),
                    Some(Hit::Milestone(index)) => self.set_selected(Some(index)),
                    None => return Action::None,
                }
            }
            _ => return Action::None,
        }
        Action::Redraw
    }

    fn scroll(&mut self, by: isize) {
        if self.overlay.is_some() {
            let max = crate::ui::header::overlay_max_scroll(self, self.frame());
            self.overlay_scroll =
                (self.overlay_scroll as isize + by).clamp(0, max as isize) as usize;
        } else if self.view == View::Sources {
            self.scroll_text(by);
        } else {
            self.move_rows(by);
        }
    }

    /// Rows in a page of the current list or text: its height less one row of overlap.
    fn page_rows(&self) -> usize {
        let frame = self.frame();
        if layout::too_small(frame) {
            return 1;
        }
        let body = layout::areas(self, frame).body;
        let height = match (self.overlay, self.view) {
            (Some(_), _) => crate::ui::header::overlay_inner(self, frame).height,
            (None, View::Sources) => crate::ui::sources::text_area(self, body).height,
            (None, View::Dashboard) => crate::ui::dashboard::list_inner(self, body).height,
            (None, _) => layout::timeline_list(body).height,
        };
        (height as usize).saturating_sub(1).max(1)
    }
}

//! The dashboard's state and what keys and the mouse do to it. Nothing here draws.

use super::dashboard::{headlines, Headline};
use super::keys::{Act, KeyTable};
use super::layout::{self, Hit};
use super::theme::Theme;
use crate::chart::ChartData;
use crate::date::PartialDate;
use crate::extract::Kind;
use crate::timeline::{Series, Timeline};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use std::collections::{HashMap, HashSet};

/// The four views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Charts,
    Timeline,
    Sources,
}

impl View {
    pub const ALL: [View; 4] = [View::Dashboard, View::Charts, View::Timeline, View::Sources];

    pub fn title(self) -> &'static str {
        match self {
            View::Dashboard => "Dashboard",
            View::Charts => "Charts",
            View::Timeline => "Timeline",
            View::Sources => "Sources",
        }
    }

    fn position(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    fn offset(self, by: isize) -> View {
        let n = View::ALL.len() as isize;
        View::ALL[(self.position() as isize + by).rem_euclid(n) as usize]
    }
}

/// What the run loop should do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    None,
    Redraw,
    Quit,
    Export,
    /// Send this citation to the clipboard (OSC 52, and tmux's buffer inside tmux).
    Copy(String),
    /// Open this http(s) URL in the browser.
    Open(String),
    /// Give the mouse to the dashboard (`true`) or to the terminal.
    SetMouse(bool),
    /// Fetch the followed feeds.
    Update,
}

/// One line of the Timeline view: a month (or year) heading, or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The month (or year, or "undated" for `None`) that the following milestones fall in.
    Group(Option<PartialDate>),
    Milestone(usize),
}

/// An incremental search in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The selection before the search, restored by `Esc`.
    pub origin: Option<usize>,
    /// Whether the query matches anything.
    pub found: bool,
    /// How many visible milestones match.
    pub matches: usize,
}

/// What covers the view, if anything; `Esc` closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Warnings,
}

/// The whole state of the dashboard.
pub struct App {
    timeline: Timeline,
    view: View,
    selected: Option<usize>,
    filter: Option<Kind>,
    /// Milestone indices passing the filter, in timeline order (dated oldest first, then
    /// the undated).
    visible: Vec<usize>,
    /// How many of `visible` are dated (they come first).
    dated: usize,
    /// The Timeline view's lines: `visible` grouped by month.
    rows: Vec<Row>,
    search: Option<Search>,
    /// The last query kept with `Enter`, for `n`/`N` and the highlight.
    last_query: Option<String>,
    overlay: Option<Overlay>,
    overlay_scroll: usize,
    chart: usize,
    /// Chart zoom: 0 shows the whole series, each step halves the time range.
    zoom: u32,
    /// The Sources view: which source of the milestone is current, and the text's scroll.
    source: usize,
    source_scroll: usize,
    /// The whole article of the current source is open (Sources view), scrolled this far.
    reader: Option<usize>,
    /// First row drawn of the Dashboard's list and of the Timeline's: kept, not recomputed,
    /// so a click or a step does not move the list under the pointer.
    dash_offset: usize,
    timeline_offset: usize,
    /// The frame size the keys act for (pages, scroll limits); the run loop keeps it.
    size: (u16, u16),
    keys: KeyTable,
    mouse: bool,
    status: Option<String>,
    reload_error: Option<String>,
    /// Warnings of the session rather than of the corpus: the config file's, failed feeds'.
    session_warnings: Vec<String>,
    /// The last `u` update: running, or when it finished and what it did.
    update: UpdateStatus,
    /// Milestone ids of the first timeline: later ones are marked "new".
    first_ids: HashSet<String>,
    theme: Theme,
    /// What frames show that depends on the timeline only, computed once per timeline.
    derived: Derived,
}

/// Figures drawn at every frame that only change with the timeline: computing them per frame
/// would cost a pass (and sorts) over every milestone.
#[derive(Default)]
struct Derived {
    date_span: Option<(PartialDate, PartialDate)>,
    headlines: Vec<Headline>,
    /// One chart per series with two points or more, without a selection.
    charts: Vec<ChartData>,
    /// The chart each charted milestone belongs to (a share move: its listing's chart).
    chart_of: HashMap<usize, usize>,
}

impl Derived {
    fn of(timeline: &Timeline) -> Derived {
        let mut series = vec![Series::Downloads, Series::Derivatives, Series::Investment];
        series.extend(timeline.share_price_series());
        // A series of one point is a figure (the headlines show it), not a chart.
        let charts: Vec<ChartData> = series
            .iter()
            .map(|s| ChartData::from_timeline(timeline, s, None))
            .filter(|c| c.points.len() >= 2)
            .collect();
        let mut chart_of = HashMap::new();
        for (c, chart) in charts.iter().enumerate() {
            for p in &chart.points {
                chart_of.insert(p.milestone, c);
            }
            if let Series::SharePrice(currency) = &chart.series {
                for (i, m) in timeline.milestones.iter().enumerate() {
                    if m.kind == Kind::SharePrice && m.series.as_deref() == Some(currency) {
                        chart_of.entry(i).or_insert(c);
                    }
                }
            }
        }
        Derived {
            date_span: timeline.date_span(),
            headlines: headlines(timeline),
            charts,
            chart_of,
        }
    }
}

/// The frame size before the run loop says otherwise.
const DEFAULT_SIZE: (u16, u16) = (80, 24);
/// The deepest zoom: 2^6 = 64 times the whole range.
const MAX_ZOOM: u32 = 6;
/// Rows moved by one wheel notch.
const WHEEL_STEP: isize = 3;

impl App {
    pub fn new(timeline: Timeline) -> App {
        let first_ids = timeline.milestones.iter().map(|m| m.id.clone()).collect();
        let mut app = App {
            timeline,
            view: View::Dashboard,
            selected: None,
            filter: None,
            visible: Vec::new(),
            dated: 0,
            rows: Vec::new(),
            search: None,
            last_query: None,
            overlay: None,
            overlay_scroll: 0,
            chart: 0,
            zoom: 0,
            source: 0,
            source_scroll: 0,
            reader: None,
            dash_offset: 0,
            timeline_offset: 0,
            size: DEFAULT_SIZE,
            keys: KeyTable::default(),
            mouse: true,
            status: None,
            reload_error: None,
            session_warnings: Vec::new(),
            update: UpdateStatus::Idle,
            first_ids,
            theme: Theme::default(),
            derived: Derived::default(),
        };
        app.derived = Derived::of(&app.timeline);
        app.refresh_rows();
        // Open on the latest dated milestone: the end of the story is what an analyst
        // checks first.
        let latest = app.dated.checked_sub(1).map(|p| app.visible[p]);
        app.set_selected(latest.or_else(|| app.visible.last().copied()));
        app
    }

    /// The same app drawn with another theme (e.g. without colour).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    /// The same app with rebound keys.
    pub fn with_keys(mut self, keys: KeyTable) -> App {
        self.keys = keys;
        self
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn keys(&self) -> &KeyTable {
        &self.keys
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
        self.reader = None;
    }

    /// The frame size keys act for; the run loop calls it on start and on every resize.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.follow();
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the dashboard has the mouse (`m` gives it to the terminal).
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    pub fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
    }

    /// Selects a milestone by its index in the timeline (clamped to the last one).
    pub fn select(&mut self, index: usize) {
        let count = self.timeline.milestones.len();
        if count == 0 {
            self.selected = None;
            return;
        }
        let index = index.min(count - 1);
        if self.position(index).is_none() {
            // The milestone is hidden by the filter: drop the filter rather than select it invisibly.
            self.filter = None;
            self.refresh_rows();
        }
        self.set_selected(Some(index));
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn filter(&self) -> Option<Kind> {
        self.filter
    }

    /// Sets the kind filter (`None`: every kind) and keeps a visible selection.
    pub fn set_filter(&mut self, filter: Option<Kind>) {
        self.filter = filter;
        self.refresh_rows();
        let keep = self.selected.filter(|&s| self.position(s).is_some());
        let nearest = self.selected.and_then(|s| self.nearest_visible(s));
        self.set_selected(keep.or(nearest).or_else(|| self.visible.last().copied()));
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// How many visible milestones are dated: they come first in [`App::visible`].
    pub fn dated_count(&self) -> usize {
        self.dated
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// The query to highlight: the one being typed, else the one kept for `n`/`N`.
    pub fn highlight(&self) -> Option<&str> {
        self.search
            .as_ref()
            .map(|s| s.query.as_str())
            .or(self.last_query.as_deref())
            .filter(|q| !q.is_empty())
    }

    pub fn help_shown(&self) -> bool {
        self.overlay == Some(Overlay::Help)
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn overlay_scroll(&self) -> usize {
        self.overlay_scroll
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn set_status(&mut self, status: String) {
        self.status = Some(status);
    }

    /// Every warning the panel lists: the corpus's, then the session's.
    pub fn warnings(&self) -> impl Iterator<Item = &String> {
        self.timeline()
            .warnings
            .iter()
            .chain(&self.session_warnings)
    }

    pub fn warning_count(&self) -> usize {
        self.timeline().warnings.len() + self.session_warnings.len()
    }

    /// A warning met by the dashboard itself (config file, a feed that failed).
    pub fn add_warning(&mut self, warning: String) {
        self.session_warnings.push(warning);
    }

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

    pub fn source_scroll(&self) -> usize {
        self.source_scroll
    }

    /// The current source of the selected milestone (Sources view).
    pub fn source_index(&self) -> usize {
        self.source
    }

    /// The article reader's scroll, when it is open.
    pub fn reader(&self) -> Option<usize> {
        self.reader
    }

    pub fn zoom(&self) -> u32 {
        self.zoom
    }

    pub fn dash_offset(&self) -> usize {
        self.dash_offset
    }

    pub fn timeline_offset(&self) -> usize {
        self.timeline_offset
    }

    /// Whether a milestone appeared after the dashboard opened.
    pub fn is_new(&self, index: usize) -> bool {
        self.timeline
            .milestones
            .get(index)
            .is_some_and(|m| !self.first_ids.contains(&m.id))
    }

    /// The charted series (two points or more): downloads, derivatives, investment, then
    /// one share price per listing.
    pub fn chart_series(&self) -> Vec<Series> {
        self.derived
            .charts
            .iter()
            .map(|c| c.series.clone())
            .collect()
    }

    /// Position of the current chart among [`App::chart_series`].
    pub fn chart_index(&self) -> usize {
        self.chart % self.derived.charts.len().max(1)
    }

    /// The series the Charts view shows.
    pub fn current_series(&self) -> Series {
        self.derived
            .charts
            .get(self.chart_index())
            .map_or(Series::Downloads, |c| c.series.clone())
    }

    /// The chart of the series at `index` in [`App::chart_series`], the selection marked and
    /// the zoom applied.
    pub fn chart(&self, index: usize) -> Option<ChartData> {
        let data = self.derived.charts.get(index)?.clone();
        Some(
            data.with_selection(&self.timeline, self.selected)
                .zoomed(self.zoom),
        )
    }

    /// The index of the downloads chart, the Dashboard's.
    pub fn downloads_chart(&self) -> Option<usize> {
        self.derived
            .charts
            .iter()
            .position(|c| c.series == Series::Downloads)
    }

    /// The earliest and latest milestone dates.
    pub fn date_span(&self) -> Option<(PartialDate, PartialDate)> {
        self.derived.date_span
    }

    /// The Dashboard's headline figures.
    pub fn headlines(&self) -> &[Headline] {
        &self.derived.headlines
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
        let max = super::header::overlay_max_scroll(self, self.frame());
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
            let max = super::header::overlay_max_scroll(self, self.frame());
            self.overlay_scroll =
                (self.overlay_scroll as isize + by).clamp(0, max as isize) as usize;
        } else if self.view == View::Sources {
            self.scroll_text(by);
        } else {
            self.move_rows(by);
        }
    }

    fn frame(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Rows in a page of the current list or text: its height less one row of overlap.
    fn page_rows(&self) -> usize {
        let frame = self.frame();
        if layout::too_small(frame) {
            return 1;
        }
        let body = layout::areas(self, frame).body;
        let height = match (self.overlay, self.view) {
            (Some(_), _) => super::header::overlay_inner(self, frame).height,
            (None, View::Sources) => super::sources::text_area(self, body).height,
            (None, View::Dashboard) => super::dashboard::list_inner(self, body).height,
            (None, _) => layout::timeline_list(body).height,
        };
        (height as usize).saturating_sub(1).max(1)
    }

    /// Scrolls the Sources text (the source list, or the open article), within its length.
    fn scroll_text(&mut self, by: isize) {
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = super::sources::text_area(self, body);
        let max = super::sources::max_scroll(self, area);
        let scroll = match self.reader.as_mut() {
            Some(s) => s,
            None => &mut self.source_scroll,
        };
        *scroll = (*scroll as isize).saturating_add(by).clamp(0, max as isize) as usize;
    }

    fn source_count(&self) -> usize {
        self.selected
            .and_then(|i| self.timeline.milestones.get(i))
            .map_or(0, |m| m.sources.len())
    }

    /// `←`/`→` in Sources: the previous or next source, scrolled into view (in the reader,
    /// that source's article).
    fn step_source(&mut self, by: isize) {
        let count = self.source_count();
        if count == 0 {
            return;
        }
        self.source = (self.source as isize + by).clamp(0, count as isize - 1) as usize;
        if self.reader.is_some() {
            self.open_reader();
            return;
        }
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = super::sources::text_area(self, body);
        let doc = super::sources::source_list(self, area.width);
        let top = doc.starts.get(self.source).copied().unwrap_or(0);
        let end = doc
            .starts
            .get(self.source + 1)
            .copied()
            .unwrap_or(doc.lines.len());
        let height = area.height as usize;
        // Scroll only when the source is not wholly on screen.
        if top < self.source_scroll || end > self.source_scroll + height {
            self.source_scroll = top.min(super::sources::max_scroll(self, area));
        }
    }

    /// `Enter` in Sources: the current source's whole article, scrolled to the quote.
    fn open_reader(&mut self) {
        if self.source_count() == 0 {
            return;
        }
        let frame = self.frame();
        self.reader = Some(0);
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = super::sources::text_area(self, body);
        let doc = super::sources::article_doc(self, area.width);
        // The quote a third of the way down: some of what leads to it stays in view.
        let top = doc.quote_row.saturating_sub(area.height as usize / 3);
        self.reader = Some(top.min(doc.lines.len().saturating_sub(area.height as usize)));
    }

    /// The selected milestone and its current source.
    pub fn current_source(
        &self,
    ) -> Option<(&crate::timeline::Milestone, &crate::timeline::Source)> {
        let m = self.timeline.milestones.get(self.selected?)?;
        let s = m
            .sources
            .get(self.source.min(m.sources.len().saturating_sub(1)))?;
        Some((m, s))
    }

    fn copy(&mut self) -> Action {
        let Some((m, s)) = self.current_source() else {
            self.status = Some("nothing to copy: no milestone selected".into());
            return Action::Redraw;
        };
        let article = self.timeline.articles.get(s.article_index);
        let citation = super::sources::citation(m, s, article);
        Action::Copy(citation)
    }

    fn open(&mut self) -> Action {
        let Some((_, s)) = self.current_source() else {
            self.status = Some("nothing to open: no milestone selected".into());
            return Action::Redraw;
        };
        let url = self
            .timeline
            .articles
            .get(s.article_index)
            .and_then(|a| a.url.clone());
        match url {
            Some(url) if super::effects::is_web_url(&url) => Action::Open(url),
            Some(url) => {
                self.status = Some(format!(
                    "not opened: only http(s) URLs are, this source's is {}",
                    crate::sanitize::sanitize_line(&url)
                ));
                Action::Redraw
            }
            None => {
                self.status = Some("this source has no URL".into());
                Action::Redraw
            }
        }
    }

    fn search_key(&mut self, key: KeyEvent) -> Action {
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
    fn list_reversed(&self) -> bool {
        self.view == View::Dashboard
    }

    /// Selects the next visible match of `query` in timeline order from `from` (`None`:
    /// from `from` itself; `Some(true)`: after it; `Some(false)`: before it), wrapping.
    fn find(&mut self, query: &str, from: Option<usize>, step: Option<bool>) -> bool {
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

    fn count_matches(&self, query: &str) -> usize {
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

    /// Next kind present in the timeline, then back to all kinds.
    fn cycle_filter(&mut self) {
        let present: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| self.timeline.milestones.iter().any(|m| m.kind == *k))
            .collect();
        let next = match self
            .filter
            .and_then(|f| present.iter().position(|k| *k == f))
        {
            None => present.first().copied(),
            Some(p) => present.get(p + 1).copied(),
        };
        self.set_filter(next);
    }

    fn cycle_chart(&mut self, by: isize) {
        let n = self.derived.charts.len().max(1) as isize;
        self.chart = (self.chart as isize % n + by).rem_euclid(n) as usize;
    }

    /// The position of a milestone in `visible`.
    fn position(&self, index: usize) -> Option<usize> {
        // Sorted: the timeline's undated milestones come after its dated ones.
        self.visible.binary_search(&index).ok()
    }

    /// The position a row of the current view's list stands for: the Dashboard lists the
    /// dated milestones newest first, then the undated; other lists are in timeline order.
    fn to_row(&self, position: usize) -> usize {
        if self.list_reversed() && position < self.dated {
            self.dated - 1 - position
        } else {
            position
        }
    }

    /// Moves the selection `by` rows of the list as it is drawn (down is positive).
    fn move_rows(&mut self, by: isize) {
        if self.visible.is_empty() {
            return;
        }
        let n = self.visible.len() as isize;
        let row = self
            .selected
            .and_then(|s| self.position(s))
            .map_or(0, |p| self.to_row(p)) as isize;
        let row = row.saturating_add(by).clamp(0, n - 1) as usize;
        // to_row is its own inverse.
        let position = self.to_row(row);
        self.set_selected(Some(self.visible[position]));
    }

    fn set_selected(&mut self, selected: Option<usize>) {
        if selected != self.selected {
            self.source_scroll = 0;
            self.source = 0;
            self.reader = None;
        }
        self.selected = selected;
        // The Charts view follows the selection's series.
        if let Some(&c) = selected.and_then(|s| self.derived.chart_of.get(&s)) {
            self.chart = c;
        }
        self.follow();
    }

    /// Keeps the selection on screen in both lists, moving each as little as possible.
    fn follow(&mut self) {
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let selected = self.selected;
        let dash_height = super::dashboard::list_inner(self, body).height as usize;
        if let Some(row) = selected.and_then(|s| super::dashboard::row_of(self, s)) {
            self.dash_offset = layout::keep_in_view(
                self.dash_offset,
                row,
                super::dashboard::row_count(self),
                dash_height,
            );
        }
        let tl_height = layout::timeline_list(body).height as usize;
        if let Some(row) = selected.and_then(|s| layout::selected_row(&self.rows, s)) {
            self.timeline_offset =
                layout::keep_in_view(self.timeline_offset, row, self.rows.len(), tl_height);
        }
    }

    /// The visible milestone closest in timeline order to `index`.
    fn nearest_visible(&self, index: usize) -> Option<usize> {
        let p = self.visible.partition_point(|&v| v < index);
        self.visible
            .get(p)
            .or_else(|| p.checked_sub(1).and_then(|q| self.visible.get(q)))
            .copied()
    }

    fn refresh_rows(&mut self) {
        let filter = self.filter;
        self.visible = self
            .timeline
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| filter.is_none_or(|k| m.kind == k))
            .map(|(i, _)| i)
            .collect();
        // The timeline puts undated milestones last; counted so lists can group them.
        self.dated = self
            .visible
            .partition_point(|&i| self.timeline.milestones[i].date.is_some());
        self.rows = group_rows(&self.timeline, &self.visible);
    }
}

/// Interleaves month headings with the milestones.
fn group_rows(timeline: &Timeline, visible: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(visible.len() + visible.len() / 4 + 1);
    let mut current: Option<Option<PartialDate>> = None;
    for &i in visible {
        let group = timeline.milestones[i].date.map(PartialDate::to_month);
        if current != Some(group) {
            rows.push(Row::Group(group));
            current = Some(group);
        }
        rows.push(Row::Milestone(i));
    }
    rows
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

//! The dashboard's state and what keys and the mouse do to it. Nothing here draws.

use super::dashboard::{headlines, Headline};
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
use std::collections::HashSet;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    None,
    Redraw,
    Quit,
    Export,
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
}

/// The whole state of the dashboard.
pub struct App {
    timeline: Timeline,
    view: View,
    selected: Option<usize>,
    filter: Option<Kind>,
    /// Milestone indices passing the filter, in timeline order.
    visible: Vec<usize>,
    /// The Timeline view's lines: `visible` grouped by month.
    rows: Vec<Row>,
    search: Option<Search>,
    help: bool,
    chart: usize,
    source_scroll: u16,
    status: Option<String>,
    reload_error: Option<String>,
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
    /// One chart per entry of [`App::chart_series`], without a selection.
    charts: Vec<ChartData>,
}

impl Derived {
    fn of(timeline: &Timeline) -> Derived {
        let mut series = vec![Series::Downloads, Series::Derivatives];
        series.extend(timeline.share_price_series());
        Derived {
            date_span: timeline.date_span(),
            headlines: headlines(timeline),
            charts: series
                .iter()
                .map(|s| ChartData::from_timeline(timeline, s, None))
                .collect(),
        }
    }
}

impl App {
    pub fn new(timeline: Timeline) -> App {
        let first_ids = timeline.milestones.iter().map(|m| m.id.clone()).collect();
        let mut app = App {
            timeline,
            view: View::Dashboard,
            selected: None,
            filter: None,
            visible: Vec::new(),
            rows: Vec::new(),
            search: None,
            help: false,
            chart: 0,
            source_scroll: 0,
            status: None,
            reload_error: None,
            first_ids,
            theme: Theme::default(),
            derived: Derived::default(),
        };
        app.derived = Derived::of(&app.timeline);
        app.refresh_rows();
        // Open on the latest milestone: the end of the story is what an analyst checks first.
        app.selected = app.visible.last().copied();
        app
    }

    /// The same app drawn with another theme (e.g. without colour).
    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    /// Selects a milestone by its index in the timeline (clamped to the last one).
    pub fn select(&mut self, index: usize) {
        let count = self.timeline.milestones.len();
        if count == 0 {
            self.selected = None;
            return;
        }
        let index = index.min(count - 1);
        if self.visible.binary_search(&index).is_err() {
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
        let keep = self
            .selected
            .filter(|s| self.visible.binary_search(s).is_ok());
        let nearest = self.selected.and_then(|s| self.nearest_visible(s));
        self.set_selected(keep.or(nearest).or_else(|| self.visible.last().copied()));
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub fn help_shown(&self) -> bool {
        self.help
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn set_status(&mut self, status: String) {
        self.status = Some(status);
    }

    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }

    pub fn set_reload_error(&mut self, error: String) {
        self.reload_error = Some(error);
    }

    pub fn source_scroll(&self) -> u16 {
        self.source_scroll
    }

    /// Whether a milestone appeared after the dashboard opened.
    pub fn is_new(&self, index: usize) -> bool {
        self.timeline
            .milestones
            .get(index)
            .is_some_and(|m| !self.first_ids.contains(&m.id))
    }

    /// The chartable series: downloads, derivatives, then one share price per listing.
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

    /// The chart of the series at `index` in [`App::chart_series`], the selection marked.
    pub fn chart(&self, index: usize) -> Option<ChartData> {
        let data = self.derived.charts.get(index)?.clone();
        Some(data.with_selection(&self.timeline, self.selected))
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
            .filter(|i| self.visible.binary_search(i).is_ok());
        let fallback = old_index.and_then(|i| self.nearest_visible(i));
        self.set_selected(same.or(fallback).or_else(|| self.visible.last().copied()));
    }

    /// Changes state for a key; returns what the run loop should do.
    pub fn handle_key(&mut self, key: KeyEvent) -> Action {
        if key.kind == KeyEventKind::Release {
            return Action::None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
            return Action::Quit;
        }
        if self.search.is_some() {
            return self.search_key(key);
        }
        if self.help {
            // Any key closes the help; `q` still quits.
            self.help = false;
            return if key.code == KeyCode::Char('q') {
                Action::Quit
            } else {
                Action::Redraw
            };
        }
        self.status = None;
        match key.code {
            KeyCode::Char('q') => return Action::Quit,
            KeyCode::Char('e') => return Action::Export,
            KeyCode::Char(c @ '1'..='4') => self.view = View::ALL[(c as u8 - b'1') as usize],
            KeyCode::Tab => self.view = self.view.offset(1),
            KeyCode::BackTab => self.view = self.view.offset(-1),
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-(PAGE as isize)),
            KeyCode::PageDown => self.move_by(PAGE as isize),
            KeyCode::Home | KeyCode::Char('g') => self.set_selected(self.visible.first().copied()),
            KeyCode::End | KeyCode::Char('G') => self.set_selected(self.visible.last().copied()),
            KeyCode::Enter => {
                if self.selected.is_some() {
                    self.view = View::Sources;
                }
            }
            KeyCode::Char('/') => {
                self.search = Some(Search {
                    query: String::new(),
                    origin: self.selected,
                    found: true,
                })
            }
            KeyCode::Char('f') => self.cycle_filter(),
            KeyCode::Char('F') => self.set_filter(None),
            KeyCode::Char('c') | KeyCode::Right | KeyCode::Char('l') => self.cycle_chart(1),
            KeyCode::Left | KeyCode::Char('h') => self.cycle_chart(-1),
            KeyCode::Char('?') => self.help = true,
            // Esc with nothing open clears the filter.
            KeyCode::Esc if self.filter.is_some() => self.set_filter(None),
            _ => return Action::None,
        }
        Action::Redraw
    }

    /// Changes state for a mouse event over a frame of size `area`.
    pub fn handle_mouse(&mut self, event: MouseEvent, area: Rect) -> Action {
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll(WHEEL_STEP),
            MouseEventKind::ScrollUp => self.scroll(-WHEEL_STEP),
            MouseEventKind::Down(MouseButton::Left) => {
                if self.help {
                    self.help = false;
                    return Action::Redraw;
                }
                match layout::hit(self, area, event.column, event.row) {
                    Some(Hit::Tab(view)) => self.view = view,
                    Some(Hit::Milestone(index)) => self.set_selected(Some(index)),
                    None => return Action::None,
                }
            }
            _ => return Action::None,
        }
        Action::Redraw
    }

    fn scroll(&mut self, by: isize) {
        if self.view == View::Sources {
            self.source_scroll =
                (self.source_scroll as isize + by).clamp(0, u16::MAX as isize) as u16;
        } else {
            self.move_by(by);
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
                self.search = None;
            }
            KeyCode::Backspace => {
                search.query.pop();
                self.find(false);
            }
            KeyCode::Down | KeyCode::Tab => self.find(true),
            KeyCode::Char(c) => {
                search.query.push(c);
                self.find(false);
            }
            _ => return Action::None,
        }
        Action::Redraw
    }

    /// Selects the first visible milestone, from the search's origin on (or after the
    /// current one when `next`), whose title or a quote contains the query.
    fn find(&mut self, next: bool) {
        let Some(search) = self.search.as_ref() else {
            return;
        };
        let query = search.query.to_lowercase();
        if query.is_empty() {
            let origin = search.origin;
            self.set_search_found(true);
            self.set_selected(origin);
            return;
        }
        let start_index = if next { self.selected } else { search.origin };
        let start = start_index
            .and_then(|s| self.visible.binary_search(&s).ok())
            .map_or(0, |p| if next { p + 1 } else { p });
        let n = self.visible.len();
        let hit = (0..n)
            .map(|k| self.visible[(start + k) % n])
            .find(|&i| self.matches(i, &query));
        self.set_search_found(hit.is_some());
        if hit.is_some() {
            self.set_selected(hit);
        }
    }

    fn set_search_found(&mut self, found: bool) {
        if let Some(s) = self.search.as_mut() {
            s.found = found;
        }
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

    fn move_by(&mut self, by: isize) {
        if self.visible.is_empty() {
            return;
        }
        let position = self
            .selected
            .and_then(|s| self.visible.binary_search(&s).ok())
            .map_or(0, |p| {
                (p as isize + by).clamp(0, self.visible.len() as isize - 1) as usize
            });
        self.set_selected(Some(self.visible[position]));
    }

    fn set_selected(&mut self, selected: Option<usize>) {
        if selected != self.selected {
            self.source_scroll = 0;
        }
        self.selected = selected;
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
        self.rows = group_rows(&self.timeline, &self.visible);
    }
}

/// Rows moved by `PgUp`/`PgDn`.
const PAGE: usize = 10;
/// Rows moved by one wheel notch.
const WHEEL_STEP: isize = 3;

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

//! The dashboard's state and what keys and the mouse do to it. Nothing here draws.

use super::dashboard::{headlines, Headline};
use super::keys::KeyTable;
use super::theme::Theme;
use crate::chart::ChartData;
use crate::date::PartialDate;
use crate::extract::Kind;
use crate::timeline::{Series, Timeline};
use ratatui::layout::Rect;
use std::collections::{HashMap, HashSet};

mod input;
mod search;
mod selection;
mod sources_view;
mod update;

pub use update::UpdateStatus;

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

    fn frame(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }
}

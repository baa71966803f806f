//! `json`: the data of a view (the milestones it lists, the series points it charts, the
//! sources it shows), not its pixels.
//!
//! Text is given as the view shows it: sanitised, so the JSON is as inert as the screen
//! (serde_json escapes C0 controls but not DEL or C1 ones, which some terminals obey).

use crate::cli::Size;
use crate::sanitize::{sanitize, sanitize_line};
use crate::timeline::{Milestone, Series, Timeline};
use crate::ui::{headlines, App, Headline, View};
use serde::Serialize;

/// Everything one view shows.
#[derive(Debug, Serialize)]
pub struct ViewData {
    /// The version of this shape (`docs/export.schema.json`).
    pub schema_version: u32,
    pub view: &'static str,
    /// `COLSxROWS`, the size rendered at: the rows listed depend on it.
    pub size: String,
    /// The selected milestone, marked on the charts and shown by Sources.
    pub selected: Option<MilestoneRow>,
    /// The dashboard's headline figures (empty in other views).
    pub headlines: Vec<HeadlineData>,
    /// The milestones the view lists, in its order (the dashboard: newest first, as many
    /// as its pane holds; the timeline: all of them, which it scrolls through).
    pub milestones: Vec<MilestoneRow>,
    /// The series the view charts, with their points.
    pub series: Vec<SeriesData>,
    /// The sources the view shows (those of the selected milestone, in Sources).
    pub sources: Vec<SourceData>,
}

/// A headline figure: the latest of a series and its change since the one before. Numbers
/// are numbers, in base units as in `timeline --format json`; `display` and
/// `change_display` are the texts the dashboard shows.
#[derive(Debug, Serialize)]
pub struct HeadlineData {
    pub label: String,
    pub kind: &'static str,
    /// The milestone the figure is.
    pub milestone: String,
    #[serde(serialize_with = "crate::timeline::whole_numbers_as_integers")]
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub display: String,
    pub date: String,
    /// The change since the figure before, in the value's unit.
    #[serde(serialize_with = "crate::timeline::whole_numbers_as_integers")]
    pub change: Option<f64>,
    pub change_display: Option<String>,
    /// The date of the figure before.
    pub since: Option<String>,
}

impl HeadlineData {
    fn new(timeline: &Timeline, h: Headline) -> Self {
        let m = timeline.milestones.get(h.milestone);
        let (change, change_display, since) = match h.change {
            Some((text, delta, since)) => (Some(delta), Some(text), Some(since)),
            None => (None, None, None),
        };
        HeadlineData {
            label: h.label,
            kind: h.kind.as_str(),
            milestone: m.map(|m| m.id.clone()).unwrap_or_default(),
            value: m.and_then(|m| m.value),
            unit: m.and_then(|m| m.unit.clone()),
            display: h.value,
            date: h.date,
            change,
            change_display,
            since,
        }
    }
}

/// The data of the app's current view at `size`.
pub fn view_data(app: &App, size: Size) -> ViewData {
    let timeline = app.timeline();
    let rows = |indices: &mut dyn Iterator<Item = usize>| -> Vec<MilestoneRow> {
        indices
            .filter_map(|i| MilestoneRow::new(timeline, i))
            .collect()
    };
    let selected = app.selected();
    let mut data = ViewData {
        schema_version: 1,
        view: view_key(app.view()),
        size: size.to_string(),
        selected: selected.and_then(|i| MilestoneRow::new(timeline, i)),
        headlines: Vec::new(),
        milestones: Vec::new(),
        series: Vec::new(),
        sources: Vec::new(),
    };
    match app.view() {
        View::Dashboard => {
            let figures = headlines(timeline);
            let shown = dashboard_latest_rows(size, figures.len());
            data.headlines = figures
                .into_iter()
                .map(|h| HeadlineData::new(timeline, h))
                .collect();
            data.milestones = rows(&mut app.visible().iter().rev().copied().take(shown));
            data.series = vec![SeriesData::new(timeline, &Series::Downloads)];
        }
        View::Charts => data.series = vec![SeriesData::new(timeline, &app.current_series())],
        View::Timeline => data.milestones = rows(&mut app.visible().iter().copied()),
        View::Sources => {
            data.sources = selected
                .map(|i| SourceData::of(timeline, i))
                .unwrap_or_default();
        }
    }
    data
}

fn view_key(view: View) -> &'static str {
    match view {
        View::Dashboard => "dashboard",
        View::Charts => "charts",
        View::Timeline => "timeline",
        View::Sources => "sources",
    }
}

/// How many rows the dashboard's "Latest milestones" pane holds at `size`, by the
/// dashboard's layout: header, tabs and footer take a row each; the figures box takes
/// its figures plus borders, at most half the body and at least three rows; the latest
/// pane takes the rest, less its borders. (A test checks this against the drawn frame.)
fn dashboard_latest_rows(size: Size, figures: usize) -> usize {
    let body = size.height.saturating_sub(3);
    let figures_height = (figures as u16 + 2).min(body / 2).max(3);
    usize::from(body.saturating_sub(figures_height).saturating_sub(2))
}

/// A milestone as a list row shows it.
#[derive(Debug, Serialize)]
pub struct MilestoneRow {
    /// Its position in the timeline (what `--select` takes).
    pub index: usize,
    pub id: String,
    pub date: Option<String>,
    pub kind: &'static str,
    pub title: String,
    #[serde(serialize_with = "crate::timeline::whole_numbers_as_integers")]
    pub value: Option<f64>,
    pub unit: Option<String>,
    /// The value as displayed: `700M`, `US$53B`, `−2.45 %`.
    pub display: Option<String>,
    pub source_count: usize,
    pub languages: Vec<String>,
}

impl MilestoneRow {
    pub fn new(timeline: &Timeline, index: usize) -> Option<MilestoneRow> {
        let m: &Milestone = timeline.milestones.get(index)?;
        Some(MilestoneRow {
            index,
            id: m.id.clone(),
            date: m.date.map(|d| d.to_string()),
            kind: m.kind.as_str(),
            title: sanitize_line(&m.title),
            value: m.value,
            unit: m.unit.clone(),
            display: m.display_value(),
            source_count: m.sources.len(),
            languages: m.languages().into_iter().map(str::to_string).collect(),
        })
    }
}

/// A charted series and its points.
#[derive(Debug, Serialize)]
pub struct SeriesData {
    /// The name `qwen-story chart` takes.
    pub name: String,
    pub title: String,
    pub unit: String,
    /// How many distinct articles the points rest on.
    pub articles: usize,
    pub points: Vec<PointData>,
}

#[derive(Debug, Serialize)]
pub struct PointData {
    /// The day plotted (a month or year is plotted at its middle).
    pub date: String,
    #[serde(serialize_with = "crate::timeline::whole_number")]
    pub value: f64,
    pub display: String,
    pub milestone: String,
    pub index: usize,
}

impl SeriesData {
    pub fn new(timeline: &Timeline, series: &Series) -> SeriesData {
        let points = timeline
            .series(series)
            .into_iter()
            .map(|p| {
                let m = &timeline.milestones[p.milestone];
                PointData {
                    date: p.date.to_string(),
                    value: p.value,
                    display: crate::timeline::format_value(p.value, m.unit.as_deref()),
                    milestone: m.id.clone(),
                    index: p.milestone,
                }
            })
            .collect();
        SeriesData {
            name: series.name(),
            title: series.title(&timeline.story),
            unit: series.unit().to_string(),
            articles: timeline.series_article_count(series),
            points,
        }
    }
}

/// One citing article of a milestone, with the sentence it states it in.
#[derive(Debug, Serialize)]
pub struct SourceData {
    pub milestone: String,
    pub article: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub lang: String,
    pub published: Option<String>,
    pub quote: String,
    /// Byte offsets of the quote in the article body (before sanitising).
    pub start: usize,
    pub end: usize,
}

impl SourceData {
    /// The sources of the milestone at `index`, in the order the view stacks them.
    pub fn of(timeline: &Timeline, index: usize) -> Vec<SourceData> {
        let Some(m) = timeline.milestones.get(index) else {
            return Vec::new();
        };
        m.sources
            .iter()
            .map(|s| {
                let article = timeline.articles.get(s.article_index);
                SourceData {
                    milestone: m.id.clone(),
                    article: s.article.clone(),
                    title: article.map(|a| sanitize_line(&a.title)).unwrap_or_default(),
                    outlet: article.and_then(|a| a.outlet.as_deref()).map(sanitize_line),
                    url: article.and_then(|a| a.url.as_deref()).map(sanitize_line),
                    lang: s.lang.clone(),
                    published: s.published.clone(),
                    quote: sanitize(&s.quote),
                    start: s.start,
                    end: s.end,
                }
            })
            .collect()
    }
}

pub fn render(data: &ViewData) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(data)?;
    text.push('\n');
    Ok(text)
}

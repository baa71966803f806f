//! View 1: the headline figures with their change, a small downloads chart and the latest
//! milestones.

use super::app::App;
use super::charts::draw_chart;
use super::theme::kind_symbol;
use super::timeline::right_aligned;
use crate::extract::Kind;
use crate::timeline::{format_value, Series, Timeline};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// One headline figure: the latest of a series and how it moved since the one before.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub label: String,
    pub kind: Kind,
    pub value: String,
    pub date: String,
    /// The change since the previous figure, formatted, with its sign, and that figure's date.
    pub change: Option<(String, f64, String)>,
    /// Index into the timeline's milestones of the figure shown.
    pub milestone: usize,
}

/// The headline figures of a timeline: downloads, derivatives, investment, a share price
/// per listing and app users, each when the corpus has one.
pub fn headlines(timeline: &Timeline) -> Vec<Headline> {
    let mut series: Vec<(String, Series)> = vec![
        ("Cumulative downloads".into(), Series::Downloads),
        ("Derivative models".into(), Series::Derivatives),
        ("Investment".into(), Series::Investment),
    ];
    for s in timeline.share_price_series() {
        if let Series::SharePrice(c) = &s {
            series.push((
                format!("Shares {}", timeline.story.listing_name(c)),
                s.clone(),
            ));
        }
    }
    let mut out: Vec<Headline> = series
        .into_iter()
        .filter_map(|(label, s)| {
            let points = timeline.series(&s);
            let values: Vec<(usize, f64)> = points.iter().map(|p| (p.milestone, p.value)).collect();
            headline(timeline, label, &values)
        })
        .collect();
    // App users are not a chart series: the dated user counts, in timeline order.
    let users: Vec<(usize, f64)> = timeline
        .milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.kind == Kind::Users && m.date.is_some() && m.unit.as_deref() == Some("users")
        })
        .filter_map(|(i, m)| Some((i, m.value?)))
        .collect();
    out.extend(headline(timeline, "App users".into(), &users));
    out
}

fn headline(timeline: &Timeline, label: String, values: &[(usize, f64)]) -> Option<Headline> {
    let &(last_index, last) = values.last()?;
    let m = &timeline.milestones[last_index];
    // A single price: the day's move reported with it is the change that is known.
    if values.len() == 1 && m.kind == Kind::SharePrice {
        let currency = m.unit.as_deref();
        let day_move = timeline.milestones.iter().find(|s| {
            s.kind == Kind::SharePrice
                && s.unit.as_deref() == Some("%")
                && s.series.as_deref() == currency
                && s.date == m.date
        });
        if let Some((mv, pct)) = day_move.and_then(|s| Some((s, s.value?))) {
            return Some(Headline {
                label,
                kind: m.kind,
                value: m.display_value()?,
                date: m.date.map_or_else(|| "undated".into(), |d| d.to_string()),
                change: Some((mv.display_value()?, pct, ON_THE_DAY.into())),
                milestone: last_index,
            });
        }
    }
    let m = &timeline.milestones[last_index];
    let date = |i: usize| {
        timeline.milestones[i]
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    };
    let change = values.len().checked_sub(2).map(|p| {
        let (prev_index, prev) = values[p];
        let delta = last - prev;
        // A percent carries its own sign; other units get one in front (`−HK$61.82`, not
        // `HK$-61.82`).
        let mut text = if m.unit.as_deref() == Some("%") {
            format_value(delta, m.unit.as_deref())
        } else {
            let sign = match delta.partial_cmp(&0.0) {
                Some(std::cmp::Ordering::Greater) => "+",
                Some(std::cmp::Ordering::Less) => "−",
                _ => "",
            };
            format!("{sign}{}", format_value(delta.abs(), m.unit.as_deref()))
        };
        if prev != 0.0 && m.unit.as_deref() != Some("%") {
            let percent = delta / prev.abs() * 100.0;
            text.push_str(
                &format!(
                    " ({}{:.1} %)",
                    if percent > 0.0 { "+" } else { "" },
                    percent
                )
                .replace('-', "−"),
            );
        }
        (text, delta, date(prev_index))
    });
    Some(Headline {
        label,
        kind: m.kind,
        value: m.display_value()?,
        date: date(last_index),
        change,
        milestone: last_index,
    })
}

/// The "since" of a change that is the day's move reported with a price.
pub const ON_THE_DAY: &str = "on the day";

/// The panes of the Dashboard view: figures, chart (none when narrow), latest milestones.
pub struct Panes {
    pub figures: Rect,
    pub chart: Option<Rect>,
    pub latest: Rect,
}

/// Below this width the chart gives its room to the titles (the Charts view has it).
const CHART_MIN_WIDTH: u16 = 100;
/// From this width the figures and the chart share a column beside a full-height list.
const WIDE: u16 = 150;

/// The Dashboard's chart: downloads, else the first series that has a chart.
fn dashboard_chart(app: &App) -> Option<crate::chart::ChartData> {
    app.chart(app.downloads_chart().unwrap_or(0))
}

pub fn panes(app: &App, area: Rect) -> Panes {
    let wanted = app.headlines().len() as u16 + 2;
    if area.width >= WIDE && !app.chart_series().is_empty() {
        let [left, latest] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        let figures_height = wanted.min(left.height / 2).max(3);
        let [figures, chart] =
            Layout::vertical([Constraint::Length(figures_height), Constraint::Min(3)]).areas(left);
        return Panes {
            figures,
            chart: Some(chart),
            latest,
        };
    }
    // Narrow: the figures take at most a third, so the list keeps most rows.
    let cap = if area.width < CHART_MIN_WIDTH {
        area.height / 3
    } else {
        area.height / 2
    };
    let figures_height = wanted.min(cap).max(3);
    let [figures, bottom] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Min(3)]).areas(area);
    if area.width < CHART_MIN_WIDTH || app.chart_series().is_empty() {
        return Panes {
            figures,
            chart: None,
            latest: bottom,
        };
    }
    let [chart, latest] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
    Panes {
        figures,
        chart: Some(chart),
        latest,
    }
}

/// A row of the latest-milestones list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashRow {
    Milestone(usize),
    /// The heading of the undated group, after every dated milestone.
    Undated,
}

/// The list inside its border.
pub fn list_inner(app: &App, body: Rect) -> Rect {
    panes(app, body).latest.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// Rows of the list: the dated milestones newest first, then a heading and the undated.
pub fn row_count(app: &App) -> usize {
    let undated = app.visible().len() - app.dated_count();
    app.visible().len() + usize::from(undated > 0)
}

pub fn row_at(app: &App, row: usize) -> Option<DashRow> {
    let (visible, dated) = (app.visible(), app.dated_count());
    if row < dated {
        return visible.get(dated - 1 - row).map(|&i| DashRow::Milestone(i));
    }
    match row - dated {
        0 if visible.len() > dated => Some(DashRow::Undated),
        0 => None,
        k => visible.get(dated + k - 1).map(|&i| DashRow::Milestone(i)),
    }
}

/// The row of a visible milestone.
pub fn row_of(app: &App, index: usize) -> Option<usize> {
    let p = app.visible().binary_search(&index).ok()?;
    let dated = app.dated_count();
    Some(if p < dated { dated - 1 - p } else { p + 1 })
}

/// The first row to draw at this height: the state's offset, kept around the selection.
pub fn list_offset(app: &App, height: usize) -> usize {
    match app.selected().and_then(|s| row_of(app, s)) {
        Some(row) => super::layout::keep_in_view(app.dash_offset(), row, row_count(app), height),
        None => 0,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Panes {
        figures,
        chart,
        latest,
    } = panes(app, area);
    render_figures(app, app.headlines(), figures, buf);
    if let (Some(chart), Some(data)) = (chart, dashboard_chart(app)) {
        draw_chart(app, &data, chart, buf);
    }
    render_latest(app, latest, buf);
}

fn render_figures(app: &App, items: &[Headline], area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Headline figures ")
        .title_style(theme.heading());
    let inner = block.inner(area);
    block.render(area, buf);
    if items.is_empty() {
        Line::styled("no figures in the corpus", theme.muted()).render(inner, buf);
        return;
    }
    let wide = inner.width >= 100;
    let label_width = items
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(0);
    let value_width = items
        .iter()
        .map(|i| i.value.chars().count())
        .max()
        .unwrap_or(0);
    let date_width = items
        .iter()
        .map(|i| i.date.chars().count())
        .max()
        .unwrap_or(0);
    for (y, item) in (inner.y..inner.bottom()).zip(items) {
        let mut spans = vec![
            Span::styled(
                format!("{} ", kind_symbol(item.kind)),
                theme.kind(item.kind),
            ),
            Span::raw(format!("{:<label_width$}", item.label)),
            Span::styled(format!("  {:>value_width$}", item.value), theme.heading()),
            Span::styled(format!("  {:<date_width$}", item.date), theme.muted()),
        ];
        match &item.change {
            Some((text, delta, since)) => {
                spans.push(Span::styled(format!("  {text}"), theme.change(*delta)));
                let since = if since == ON_THE_DAY {
                    format!(" {since}")
                } else {
                    format!(" since {since}")
                };
                spans.push(Span::styled(since, theme.muted()));
            }
            None => spans.push(Span::styled("  only figure so far", theme.muted())),
        }
        if !wide {
            spans = super::timeline::truncate_spans(spans, inner.width as usize);
        }
        Line::from(spans).render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
}

/// The newest visible milestones, newest first, then the undated; the selection highlighted.
fn render_latest(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let count = row_count(app);
    let inner = area.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    });
    let offset = list_offset(app, inner.height as usize);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(" Latest milestones ")
        .title_style(theme.heading());
    if count > inner.height as usize {
        let more = super::layout::more_marker(offset, inner.height as usize, count);
        block = block.title_bottom(Line::styled(more, theme.muted()).right_aligned());
    }
    block.render(area, buf);
    let width = inner.width as usize;
    for (r, y) in (offset..count).zip(inner.y..inner.bottom()) {
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let i = match row_at(app, r) {
            Some(DashRow::Milestone(i)) => i,
            Some(DashRow::Undated) => {
                Line::styled("── undated ", theme.heading()).render(row, buf);
                continue;
            }
            None => break,
        };
        let m = &app.timeline().milestones[i];
        let date = m.date.map_or_else(String::new, |d| d.to_string());
        let mut left = vec![
            Span::styled(format!("{date:<10} "), theme.muted()),
            Span::styled(format!("{} ", kind_symbol(m.kind)), theme.kind(m.kind)),
        ];
        if app.is_new(i) {
            left.push(Span::styled("new ", theme.warning()));
        }
        left.extend(super::timeline::title_spans(app, &m.title));
        let right = vec![Span::styled(
            format!(" {}", m.display_value().unwrap_or_default()),
            theme.heading(),
        )];
        right_aligned(left, right, width).render(row, buf);
        if app.selected() == Some(i) {
            buf.set_style(row, theme.selected());
        }
    }
}

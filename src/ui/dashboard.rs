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
                format!("Shares {}", crate::timeline::series::listing_name(c)),
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
    let date = |i: usize| {
        timeline.milestones[i]
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    };
    let change = values.len().checked_sub(2).map(|p| {
        let (prev_index, prev) = values[p];
        let delta = last - prev;
        let sign = if delta > 0.0 { "+" } else { "" };
        let mut text = format!("{sign}{}", format_value(delta, m.unit.as_deref()));
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

/// The panes of the Dashboard view: figures, chart, latest milestones.
pub struct Panes {
    pub figures: Rect,
    pub chart: Rect,
    pub latest: Rect,
}

pub fn panes(app: &App, area: Rect) -> Panes {
    let figures_height = (app.headlines().len() as u16 + 2)
        .min(area.height / 2)
        .max(3);
    let [figures, bottom] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Min(3)]).areas(area);
    let [chart, latest] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
    Panes {
        figures,
        chart,
        latest,
    }
}

/// The milestone on row `row` (0 = first inside the border) of the latest-milestones pane.
pub fn latest_at(app: &App, row: usize) -> Option<usize> {
    app.visible().iter().rev().nth(row).copied()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Panes {
        figures,
        chart,
        latest,
    } = panes(app, area);
    render_figures(app, app.headlines(), figures, buf);
    // The downloads chart is always the first.
    if let Some(data) = app.chart(0) {
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
                spans.push(Span::styled(format!(" since {since}"), theme.muted()));
            }
            None => spans.push(Span::styled("  first figure", theme.muted())),
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

/// The newest visible milestones, newest first, the selected one highlighted.
fn render_latest(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Latest milestones ")
        .title_style(theme.heading());
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    for (row, y) in (inner.y..inner.bottom()).enumerate() {
        let Some(i) = latest_at(app, row) else { break };
        let m = &app.timeline().milestones[i];
        let date = m
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let mut left = vec![
            Span::styled(format!("{date:<10} "), theme.muted()),
            Span::styled(format!("{} ", kind_symbol(m.kind)), theme.kind(m.kind)),
        ];
        if app.is_new(i) {
            left.push(Span::styled("new ", theme.warning()));
        }
        left.push(Span::raw(crate::sanitize::sanitize_line(&m.title)));
        let right = vec![Span::styled(
            format!(" {}", m.display_value().unwrap_or_default()),
            theme.heading(),
        )];
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        right_aligned(left, right, width).render(row, buf);
        if app.selected() == Some(i) {
            buf.set_style(row, theme.selected());
        }
    }
}

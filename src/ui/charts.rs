//! View 2: the charts, drawn by [`crate::chart`] on plotters-ratatui-backend.

use super::app::App;
use super::theme::kind_symbol;
use crate::chart::{self, ChartData, ChartStyle};
use crate::timeline::Series;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let series = app.chart_series();
    let current = app.chart_index();
    let [picker, chart_area, legend, source] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let mut spans = vec![Span::styled(
        format!("chart {}/{}: ", current + 1, series.len()),
        theme.muted(),
    )];
    for (i, s) in series.iter().enumerate() {
        let style = if i == current {
            theme.selected()
        } else {
            theme.muted()
        };
        let name = short_name(s, &app.timeline().story);
        spans.push(Span::styled(format!(" {name} "), style));
    }
    Line::from(spans).render(picker, buf);

    let Some(data) = app.chart(current) else {
        let block = Block::default().borders(Borders::ALL).title(" Charts ");
        let inner = block.inner(chart_area);
        block.render(chart_area, buf);
        Line::styled(
            "no data: no series has two dated figures (the Dashboard's headlines show single ones)",
            theme.muted(),
        )
        .render(inner, buf);
        return;
    };
    draw_chart(app, &data, chart_area, buf);

    let kind = data.kind();
    let mut legend_spans = vec![
        Span::styled("── ", theme.kind(kind)),
        Span::raw(format!("{}  ", data.title)),
        Span::styled("╵", theme.muted()),
        Span::raw(" milestones  "),
    ];
    if app.zoom() > 0 {
        legend_spans.push(Span::styled(
            format!("zoom ×{} (0 resets)  ", 1u32 << app.zoom()),
            theme.heading(),
        ));
    }
    match &data.selected {
        Some(sel) => {
            legend_spans.push(Span::styled("╷ ", theme.warning()));
            legend_spans.push(Span::raw(format!("selected: {}", sel.label)));
        }
        None => legend_spans.push(Span::styled("╷ no milestone selected", theme.muted())),
    }
    Line::from(legend_spans).render(legend, buf);
    Line::styled(
        format!("{} {}", kind_symbol(kind), data.source_line),
        theme.muted(),
    )
    .render(source, buf);
}

/// The chart in a bordered box, titled; colours mapped to the theme.
pub fn draw_chart(app: &App, data: &ChartData, area: Rect, buf: &mut Buffer) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", data.title))
        .title_style(app.theme().heading());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let style = ChartStyle::terminal();
    plotters_ratatui_backend::widget_fn(|root| chart::draw(&root, data, &style)).render(inner, buf);
    app.theme().recolor_chart(inner, buf);
}

fn short_name(series: &Series, story: &crate::extract::Story) -> String {
    match series {
        Series::Downloads => "downloads".into(),
        Series::Derivatives => "derivatives".into(),
        Series::SharePrice(c) => format!("share {}", story.listing_name(c)),
        Series::Investment => "investment".into(),
    }
}

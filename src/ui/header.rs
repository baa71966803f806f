//! The frame around the views: header, tabs, warning line, footer, help overlay, and the
//! notice for a terminal too small to draw in.

use super::app::{App, View};
use super::layout;
use super::theme::kind_symbol;
use crate::extract::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// Story name, counts, date span and the active filter.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let timeline = app.timeline();
    let span = app
        .date_span()
        .map_or_else(|| "undated".to_string(), |(a, b)| format!("{a} – {b}"));
    let filter = match app.filter() {
        Some(kind) => Span::styled(
            format!("filter: {} {}", kind_symbol(kind), kind.as_str()),
            theme.kind(kind).add_modifier(Modifier::BOLD),
        ),
        None => Span::styled("filter: all kinds", theme.muted()),
    };
    let counts = format!(
        "{} articles · {} milestones",
        timeline.articles.len(),
        timeline.milestones.len()
    );
    // The date span goes first when the line is too long: the filter must stay visible.
    let full = format!("  {counts} · {span}  ");
    let short = format!("  {counts}  ");
    let width = |middle: &str| "Qwen story".width() + middle.width() + filter.content.width();
    let middle = if width(&full) <= area.width as usize {
        full
    } else {
        short
    };
    let mut spans = vec![
        Span::styled("Qwen story", theme.heading()),
        Span::raw(middle),
        filter,
    ];
    if !timeline.warnings.is_empty() {
        spans.push(Span::styled(
            format!("  ⚠ {} warnings", timeline.warnings.len()),
            theme.warning(),
        ));
    }
    Line::from(spans).render(area, buf);
}

pub fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    for (i, (view, from, _)) in layout::tab_spans(area).into_iter().enumerate() {
        let style = if view == app.view() {
            theme.selected()
        } else {
            theme.muted()
        };
        buf.set_stringn(
            from,
            area.y,
            layout::tab_label(i, view),
            area.right().saturating_sub(from) as usize,
            style,
        );
    }
}

pub fn warning(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(error) = app.reload_error() {
        let text = format!(
            "⚠ reload failed, showing the previous data: {}",
            crate::sanitize::sanitize_line(error)
        );
        Line::styled(text, app.theme().warning()).render(area, buf);
    }
}

/// Key hints, the search prompt, or a status message.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let line = if let Some(search) = app.search() {
        let state = if search.found {
            Span::raw("")
        } else {
            Span::styled("  no match", theme.warning())
        };
        Line::from(vec![
            Span::styled("/", theme.heading()),
            Span::raw(crate::sanitize::sanitize_line(&search.query)),
            Span::styled("▏", Style::default().add_modifier(Modifier::SLOW_BLINK)),
            state,
            Span::styled("   Enter keep · ↓ next · Esc cancel", theme.muted()),
        ])
    } else if let Some(status) = app.status() {
        Line::styled(crate::sanitize::sanitize_line(status), theme.heading())
    } else {
        let hints: &[(&str, &str)] = match app.view() {
            View::Charts => &[
                ("q", "quit"),
                ("?", "help"),
                ("1-4", "views"),
                ("c/←→", "chart"),
                ("↑↓", "milestone"),
                ("/", "search"),
                ("f", "filter"),
                ("e", "export"),
            ],
            View::Sources => &[
                ("q", "quit"),
                ("?", "help"),
                ("1-4", "views"),
                ("↑↓", "milestone"),
                ("wheel", "scroll"),
                ("/", "search"),
                ("f", "filter"),
                ("e", "export"),
            ],
            _ => &[
                ("q", "quit"),
                ("?", "help"),
                ("1-4", "views"),
                ("↑↓", "move"),
                ("Enter", "sources"),
                ("/", "search"),
                ("f", "filter"),
                ("e", "export"),
            ],
        };
        hint_line(app, hints, area.width as usize)
    };
    line.render(area, buf);
}

/// Every key, in a box over the view.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let keys: &[(&str, &str)] = &[
        ("1 2 3 4", "Dashboard, Charts, Timeline, Sources"),
        ("Tab / Shift-Tab", "next / previous view"),
        ("↑ ↓  j k", "previous / next milestone"),
        ("PgUp PgDn", "ten milestones back / on"),
        ("g Home / G End", "first / last milestone"),
        ("Enter", "open the selected milestone's sources"),
        ("/", "search titles and quotes (Enter keeps, Esc cancels)"),
        ("f / F", "filter by the next kind / show all kinds"),
        ("c  ← →  h l", "next / previous chart"),
        ("e", "export the screen (SVG and text) to this folder"),
        ("mouse", "click a tab or a row; the wheel scrolls"),
        ("?", "this help"),
        ("Esc", "close the help, cancel a search, clear the filter"),
        ("q  Ctrl-C", "quit"),
    ];
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!("{key:<17}"), theme.heading()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(
        Kind::ALL
            .iter()
            .flat_map(|k| {
                [
                    Span::styled(kind_symbol(*k), theme.kind(*k)),
                    Span::raw(format!(" {} ", k.as_str())),
                ]
            })
            .collect::<Vec<_>>(),
    ));
    let width = area.width.saturating_sub(4).min(76);
    let height = (lines.len() as u16 + 4).min(area.height.saturating_sub(2));
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, popup, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(row);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Keys — any key closes ")
                .title_style(theme.heading()),
        )
        .render(popup, buf);
}

/// Instead of a broken frame: what size is needed.
pub fn too_small(area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::raw("terminal too small"),
        Line::raw(format!(
            "need {}×{}, have {}×{}",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        )),
    ];
    let y = area.y + area.height.saturating_sub(2) / 2;
    let rect = Rect {
        y,
        height: area.bottom().saturating_sub(y),
        ..area
    };
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

/// As many `key what` hints as fit the width, in order of importance.
fn hint_line<'a>(app: &App, hints: &[(&'a str, &'a str)], width: usize) -> Line<'a> {
    let theme = app.theme();
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in hints {
        let text = format!(" {what}  ");
        let w = key.chars().count() + text.chars().count();
        if used + w > width {
            break;
        }
        used += w;
        spans.push(Span::styled(*key, theme.heading()));
        spans.push(Span::styled(text, theme.muted()));
    }
    Line::from(spans)
}

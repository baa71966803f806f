//! The frame around the views: header, tabs, warning line, footer, help overlay, and the
//! notice for a terminal too small to draw in.

use super::app::{App, Overlay, View};
use super::keys::{Act, BINDINGS};
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
    let warnings = app.warning_count();
    let warning_text = (warnings > 0).then(|| {
        let key = app.keys().first(Act::Warnings).unwrap_or_default();
        format!(
            "  ⚠ {warnings} warning{} ({key})",
            if warnings == 1 { "" } else { "s" }
        )
    });
    let update_text = app.update_status().describe();
    let warning_width = warning_text.as_deref().map_or(0, UnicodeWidthStr::width)
        + update_text.as_deref().map_or(0, UnicodeWidthStr::width);
    // The story's own name, sanitised like every text that comes from a file.
    let name = crate::sanitize::sanitize_line(&app.timeline().story.name());
    let width =
        |middle: &str| name.width() + middle.width() + filter.content.width() + warning_width;
    let middle = if width(&full) <= area.width as usize {
        full
    } else {
        short
    };
    let mut spans = vec![
        Span::styled(name.clone(), theme.heading()),
        Span::raw(middle),
        filter,
    ];
    if let Some(text) = warning_text {
        spans.push(Span::styled(text, theme.warning()));
    }
    if let Some(text) = update_text {
        spans.push(Span::styled(text, theme.muted()));
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
        let state = if !search.found {
            Span::styled("  no match", theme.warning())
        } else if search.query.is_empty() {
            Span::raw("")
        } else {
            Span::styled(
                format!(
                    "  {} match{}",
                    search.matches,
                    if search.matches == 1 { "" } else { "es" }
                ),
                theme.heading(),
            )
        };
        Line::from(vec![
            Span::styled("/", theme.heading()),
            Span::raw(crate::sanitize::sanitize_line(&search.query)),
            Span::styled("▏", Style::default().add_modifier(Modifier::SLOW_BLINK)),
            state,
            Span::styled(
                "   Enter keep · ↓↑ next/previous · Esc cancel",
                theme.muted(),
            ),
        ])
    } else if let Some(status) = app.status() {
        Line::styled(crate::sanitize::sanitize_line(status), theme.heading())
    } else {
        let hints: Vec<(Act, &str)> = match (app.overlay(), app.view(), app.reader().is_some()) {
            (Some(_), _, _) => vec![
                (Act::Down, "scroll"),
                (Act::PageDown, "page"),
                (Act::Back, "close"),
                (Act::Quit, "quit"),
            ],
            (None, View::Sources, true) => vec![
                (Act::Back, "back"),
                (Act::PageDown, "page"),
                (Act::PageUp, "page up"),
                (Act::NextItem, "next source"),
                (Act::Copy, "copy"),
                (Act::Open, "open URL"),
                (Act::Help, "help"),
                (Act::Quit, "quit"),
            ],
            (None, View::Sources, false) => vec![
                (Act::Quit, "quit"),
                (Act::Help, "help"),
                (Act::PageDown, "scroll"),
                (Act::NextItem, "source"),
                (Act::Enter, "read"),
                (Act::Copy, "copy"),
                (Act::Open, "open"),
                (Act::Down, "milestone"),
                (Act::Search, "search"),
            ],
            (None, View::Charts, _) => vec![
                (Act::Quit, "quit"),
                (Act::Help, "help"),
                (Act::NextItem, "chart"),
                (Act::Down, "milestone"),
                (Act::ZoomIn, "zoom"),
                (Act::ZoomReset, "all"),
                (Act::Search, "search"),
                (Act::Export, "export"),
            ],
            _ => vec![
                (Act::Quit, "quit"),
                (Act::Help, "help"),
                (Act::NextView, "views"),
                (Act::Down, "down"),
                (Act::Enter, "sources"),
                (Act::Search, "search"),
                (Act::Filter, "filter"),
                (Act::Warnings, "warnings"),
                (Act::Export, "export"),
            ],
        };
        let labelled: Vec<(String, &str)> = hints
            .into_iter()
            .filter_map(|(act, what)| Some((app.keys().first(act)?, what)))
            .collect();
        hint_line(app, &labelled, area.width as usize)
    };
    line.render(area, buf);
}

/// The box the help and the warnings are drawn in: as tall as its text, within the frame.
pub fn overlay_area(app: &App, area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(90);
    let rows = overlay_lines(app, width.saturating_sub(2)).len() as u16;
    let height = rows.saturating_add(2).min(area.height.saturating_sub(2));
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
    popup
}

/// The text area of the overlay box.
pub fn overlay_inner(app: &App, frame: Rect) -> Rect {
    overlay_area(app, frame).inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// How far the open overlay can scroll in this frame.
pub fn overlay_max_scroll(app: &App, frame: Rect) -> usize {
    let inner = overlay_inner(app, frame);
    overlay_lines(app, inner.width)
        .len()
        .saturating_sub(inner.height as usize)
}

/// The overlay's text, wrapped to `width`.
fn overlay_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let theme = app.theme();
    let width = width.max(8) as usize;
    let mut chars_lines: Vec<Vec<(char, Style)>> = Vec::new();
    let styled = |parts: &[(String, Style)]| -> Vec<(char, Style)> {
        parts
            .iter()
            .flat_map(|(t, s)| t.chars().map(move |c| (c, *s)))
            .collect()
    };
    match app.overlay() {
        Some(Overlay::Warnings) => {
            let warnings: Vec<&String> = app.warnings().collect();
            if warnings.is_empty() {
                chars_lines.push(styled(&[(
                    "No warnings: every file loaded.".into(),
                    theme.muted(),
                )]));
            }
            for (k, w) in warnings.iter().enumerate() {
                chars_lines.push(styled(&[
                    (format!("{:>3}. ", k + 1), theme.muted()),
                    (crate::sanitize::sanitize_line(w), Style::default()),
                ]));
            }
            if let Some(e) = app.reload_error() {
                chars_lines.push(styled(&[
                    ("reload: ".into(), theme.warning()),
                    (crate::sanitize::sanitize_line(e), Style::default()),
                ]));
            }
        }
        _ => {
            let key_width = BINDINGS
                .iter()
                .map(|b| app.keys().label(b.act).chars().count())
                .max()
                .unwrap_or(8)
                .min(20);
            for b in BINDINGS {
                let keys = app.keys().label(b.act);
                if keys.is_empty() {
                    continue;
                }
                chars_lines.push(styled(&[
                    (format!("{keys:<key_width$}  "), theme.heading()),
                    (b.help.to_string(), Style::default()),
                    (format!("  [{}]", b.name), theme.muted()),
                ]));
            }
            chars_lines.push(styled(&[(
                "mouse: click a tab or a row, the wheel scrolls; Ctrl-C always quits".into(),
                theme.muted(),
            )]));
            chars_lines.push(Vec::new());
            chars_lines.push(
                Kind::ALL
                    .iter()
                    .flat_map(|k| {
                        let mut v: Vec<(char, Style)> = kind_symbol(*k)
                            .chars()
                            .map(|c| (c, theme.kind(*k)))
                            .collect();
                        v.extend(
                            format!(" {}  ", k.as_str())
                                .chars()
                                .map(|c| (c, Style::default())),
                        );
                        v
                    })
                    .collect(),
            );
        }
    }
    chars_lines
        .into_iter()
        .flat_map(|l| super::sources::wrap(l, width))
        .collect()
}

/// The help or the warnings, in a scrollable box over the view.
pub fn overlay(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let popup = overlay_area(app, area);
    let inner = overlay_inner(app, area);
    let lines = overlay_lines(app, inner.width);
    let height = inner.height as usize;
    let scroll = app.overlay_scroll().min(lines.len().saturating_sub(height));
    let title = match app.overlay() {
        Some(Overlay::Warnings) => format!(" Warnings ({}) — Esc closes ", app.warning_count()),
        _ => " Keys — Esc closes, j/k scroll ".to_string(),
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.heading());
    let more = layout::more_marker(scroll, height, lines.len());
    if !more.is_empty() {
        block = block.title_bottom(Line::styled(more, theme.muted()).right_aligned());
    }
    // Only the box is cleared and redrawn: at 80 columns it covers nearly everything anyway.
    Clear.render(popup, buf);
    block.render(popup, buf);
    for (line, y) in lines.into_iter().skip(scroll).zip(inner.y..inner.bottom()) {
        line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
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
        Line::raw("keys still work · q quits"),
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
fn hint_line<'a>(app: &App, hints: &[(String, &'a str)], width: usize) -> Line<'a> {
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
        spans.push(Span::styled(key.clone(), theme.heading()));
        spans.push(Span::styled(text, theme.muted()));
    }
    Line::from(spans)
}

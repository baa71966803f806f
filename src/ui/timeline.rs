//! View 3: every milestone, oldest first, under month headings; only visible rows are drawn.

use super::app::{App, Row};
use super::layout;
use super::theme::kind_symbol;
use crate::timeline::Milestone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rows = app.rows();
    let list = layout::timeline_list(area);
    let position = app
        .selected()
        .and_then(|s| app.visible().binary_search(&s).ok())
        .map_or_else(|| "–".to_string(), |p| (p + 1).to_string());
    let offset = layout::list_offset(app, list.height as usize);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Timeline {position}/{} ", app.visible().len()))
        .title_style(theme.heading());
    if rows.len() > list.height as usize {
        let more = layout::more_marker(offset, list.height as usize, rows.len());
        block = block.title_bottom(Line::styled(more, theme.muted()).right_aligned());
    }
    block.render(area, buf);
    if rows.is_empty() {
        Line::styled("no milestones", theme.muted()).render(list, buf);
        return;
    }
    let columns = Columns::for_width(list.width);
    for (y, row) in (list.y..list.bottom()).zip(rows.iter().skip(offset)) {
        let line_area = Rect {
            y,
            height: 1,
            ..list
        };
        match *row {
            Row::Group(date) => {
                let label = date.map_or_else(|| "undated".to_string(), |d| d.to_string());
                Line::styled(format!("── {label} "), theme.heading()).render(line_area, buf);
            }
            Row::Milestone(i) => {
                let m = &app.timeline().milestones[i];
                let selected = app.selected() == Some(i);
                milestone_line(app, m, app.is_new(i), &columns, list.width as usize)
                    .render(line_area, buf);
                if selected {
                    buf.set_style(line_area, theme.selected());
                }
            }
        }
    }
}

/// Column widths that fit the row into the width; the title takes what is left.
struct Columns {
    kind_name: bool,
    value: usize,
    sources: usize,
}

impl Columns {
    fn for_width(width: u16) -> Columns {
        if width >= 110 {
            Columns {
                kind_name: true,
                value: 12,
                sources: 18,
            }
        } else {
            Columns {
                kind_name: false,
                value: 10,
                sources: 11,
            }
        }
    }
}

/// `2025-10-13 ↓ downloads  Qwen passes 700M downloads    700M   3 pt fr es`
fn milestone_line<'a>(
    app: &App,
    m: &'a Milestone,
    is_new: bool,
    columns: &Columns,
    width: usize,
) -> Line<'a> {
    let theme = app.theme();
    let date = m
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let kind = if columns.kind_name {
        format!("{} {:<12}", kind_symbol(m.kind), m.kind.as_str())
    } else {
        format!("{} ", kind_symbol(m.kind))
    };
    let value = m.display_value().unwrap_or_else(|| "—".into());
    let sources = format!("{} {}", m.sources.len(), m.languages().join(" "));
    let mut spans = vec![
        Span::styled(format!(" {date:<10} "), theme.muted()),
        Span::styled(kind, theme.kind(m.kind)),
        Span::raw(" "),
    ];
    if is_new {
        spans.push(Span::styled("new ", theme.warning()));
    }
    spans.extend(title_spans(app, &m.title));
    let right = vec![
        Span::styled(
            format!("{value:>width$} ", width = columns.value),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {sources:<width$}", width = columns.sources),
            theme.muted(),
        ),
    ];
    right_aligned(spans, right, width)
}

/// A milestone's title, sanitised, with the search query's occurrences highlighted.
pub fn title_spans(app: &App, title: &str) -> Vec<Span<'static>> {
    let title = crate::sanitize::sanitize_line(title);
    let Some(query) = app.highlight() else {
        return vec![Span::raw(title)];
    };
    highlighted(&title, query, Style::default(), app.theme().found())
}

/// `text` in `base`, each case-insensitive occurrence of `query` in `found`.
pub fn highlighted(text: &str, query: &str, base: Style, found: Style) -> Vec<Span<'static>> {
    let lower = text.to_lowercase();
    let query = query.to_lowercase();
    // Lowercasing can change byte lengths (İ): then offsets would not match, so no highlight.
    if lower.len() != text.len() || query.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, _) in lower.match_indices(&query) {
        if start < at
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(start + query.len())
        {
            continue;
        }
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), base));
        }
        spans.push(Span::styled(
            text[start..start + query.len()].to_string(),
            found,
        ));
        at = start + query.len();
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(text[at..].to_string(), base));
    }
    spans
}

/// A line of exactly `width` columns whose right part stays in place: the left part is cut
/// (ending in `…`) to make room.
pub fn right_aligned<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let room = width.saturating_sub(right_width);
    let mut spans = truncate_spans(left, room);
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    spans.extend(right);
    Line::from(spans)
}

/// Cuts spans to `width` columns, ending with `…` when something was cut.
pub fn truncate_spans(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= width {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = width.saturating_sub(1);
    for span in spans {
        if left == 0 {
            break;
        }
        let mut text = String::new();
        for c in span.content.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w > left {
                left = 0;
                break;
            }
            left -= w;
            text.push(c);
        }
        out.push(Span::styled(text, span.style));
    }
    if width > 0 {
        out.push(Span::raw("…"));
    }
    out
}

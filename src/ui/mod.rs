//! The interactive dashboard.
//!
//! The frame is a pure function of [`App`] ([`render`]): no I/O, clock or randomness, so
//! `qwen-story export` draws exactly what the terminal shows. Terminal handling lives in
//! [`terminal`], at the edge.

mod app;
mod charts;
mod dashboard;
mod header;
mod layout;
mod sources;
mod terminal;
pub mod theme;
mod timeline;

pub use app::{Action, App, Row, Search, View};
pub use dashboard::{headlines, Headline};
pub use layout::{MIN_HEIGHT, MIN_WIDTH};
pub use terminal::{run, NOT_A_TERMINAL};
pub use theme::Theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draws the whole frame for the state into `buf` (which must cover `area`).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if layout::too_small(area) {
        header::too_small(area, buf);
        return;
    }
    let areas = layout::areas(app, area);
    header::header(app, areas.header, buf);
    header::tabs(app, areas.tabs, buf);
    match app.view() {
        View::Dashboard => dashboard::render(app, areas.body, buf),
        View::Charts => charts::render(app, areas.body, buf),
        View::Timeline => timeline::render(app, areas.body, buf),
        View::Sources => sources::render(app, areas.body, buf),
    }
    if let Some(warning) = areas.warning {
        header::warning(app, warning, buf);
    }
    header::footer(app, areas.footer, buf);
    if app.help_shown() {
        header::help(app, area, buf);
    }
}

/// The frame at a size, as text lines (trailing spaces trimmed): for tests and snapshots.
pub fn render_to_lines(app: &App, width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    render(app, area, &mut buf);
    buffer_lines(&buf)
}

/// A buffer's text, one string per row, trailing spaces trimmed.
pub fn buffer_lines(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in area.left()..area.right() {
                // A wide character covers the next cell, which holds nothing to print.
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                line.push_str(symbol);
            }
            line.trim_end().to_string()
        })
        .collect()
}

//! The interactive dashboard.
//!
//! The frame is a pure function of [`App`] ([`render`]): no I/O, clock or randomness, so
//! `qwen-story export` draws exactly what the terminal shows. Terminal handling lives in
//! [`terminal`], at the edge.

mod app;
mod charts;
mod dashboard;
pub mod effects;
mod header;
pub mod keys;
mod layout;
mod sources;
mod terminal;
pub mod theme;
mod timeline;

pub use app::{Action, App, Overlay, Row, Search, View};
pub use dashboard::{headlines, Headline};
pub use keys::KeyTable;
pub use layout::{MIN_HEIGHT, MIN_WIDTH};
pub use terminal::{run, NOT_A_TERMINAL};
pub use theme::{Palette, Theme};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The app as the config file sets it up: theme, keys and mouse (`--no-mouse` wins).
/// Unknown keys and actions are printed as warnings; a config that does not parse is an
/// error naming the file and line.
pub fn configured(app: App, theme: Theme, no_mouse: bool) -> anyhow::Result<App> {
    let (config, mut warnings) = match crate::config::default_path() {
        Some(path) => crate::config::load(&path)?,
        None => Default::default(),
    };
    let palette = match config.theme.as_deref() {
        None => Palette::default(),
        Some(name) => Palette::parse(name).unwrap_or_else(|| {
            warnings.push(format!(
                "config [theme]: unknown name `{name}` (dark, light, ansi16): ansi16 used"
            ));
            Palette::default()
        }),
    };
    let (keys, key_warnings) = KeyTable::with_config(&config.keys);
    warnings.extend(key_warnings);
    let mut app = app.with_theme(theme.with_palette(palette)).with_keys(keys);
    // Printed before the alternate screen hides them, and kept for the warnings panel.
    for w in warnings {
        crate::console::warn(format_args!(
            "qwen-story: warning: {}",
            crate::sanitize::sanitize_line(&w)
        ));
        app.add_warning(w);
    }
    app.set_mouse(!no_mouse && config.mouse.unwrap_or(true));
    Ok(app)
}

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
    if app.overlay().is_some() {
        header::overlay(app, area, buf);
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

//! Colours and symbols: one per milestone kind, readable on dark and light terminals.
//!
//! Colours are the 16 named ANSI colours, so the terminal's own palette (dark or light,
//! 16 or 256 colours) decides the exact shade. Every kind also has a symbol, so kinds stay
//! apart without colour (`NO_COLOR`). Whether colour is on is a field, never read during
//! a render, so frames do not depend on the environment.

use crate::extract::Kind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// How the frame is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR`: styles keep only modifiers (bold, reverse, underline).
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    /// A theme without any colour.
    pub fn monochrome() -> Theme {
        Theme { color: false }
    }

    /// A foreground colour, or the plain style without colour.
    pub fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// The style of a kind's symbol and name.
    pub fn kind(&self, kind: Kind) -> Style {
        self.fg(kind_color(kind))
    }

    /// Headings and labels.
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text (dates, counts, hints): dim works on both dark and light backgrounds.
    pub fn muted(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// The selected row: reverse video reads without colour too.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The quote inside a passage.
    pub fn quote(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// The figure inside the quote.
    pub fn figure(&self) -> Style {
        self.quote().add_modifier(Modifier::UNDERLINED)
    }

    /// Warnings and errors.
    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A rise (green) or fall (red).
    pub fn change(&self, delta: f64) -> Style {
        match delta.partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Greater) => self.fg(Color::Green),
            Some(std::cmp::Ordering::Less) => self.fg(Color::Red),
            _ => Style::default(),
        }
    }

    /// Chart colours come out of plotters as RGB; this maps the chart palette back to the
    /// named colours of the theme (or none), so charts obey `NO_COLOR` and 16-colour terminals.
    pub fn recolor_chart(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let cell = &mut buf[(x, y)];
                if let Color::Rgb(r, g, b) = cell.fg {
                    cell.fg = if self.color {
                        crate::chart::terminal_color((r, g, b))
                    } else {
                        Color::Reset
                    };
                }
            }
        }
    }
}

/// The colour of a kind: named ANSI colours that read on dark and light backgrounds
/// (no white, black or bright yellow).
pub fn kind_color(kind: Kind) -> Color {
    match kind {
        Kind::Downloads => Color::Cyan,
        Kind::Derivatives => Color::Blue,
        Kind::Ranking => Color::Magenta,
        Kind::Investment => Color::Green,
        Kind::SharePrice => Color::Yellow,
        Kind::Growth => Color::LightGreen,
        Kind::Users => Color::LightBlue,
        Kind::Release => Color::LightMagenta,
        Kind::Partnership => Color::LightCyan,
        Kind::Impact => Color::LightRed,
        Kind::Other => Color::Gray,
    }
}

/// A symbol per kind, each distinct, so kinds stay apart without colour.
pub fn kind_symbol(kind: Kind) -> &'static str {
    match kind {
        Kind::Downloads => "↓",
        Kind::Derivatives => "◆",
        Kind::Ranking => "▲",
        Kind::Investment => "$",
        Kind::SharePrice => "≈",
        Kind::Growth => "↗",
        Kind::Users => "●",
        Kind::Release => "★",
        Kind::Partnership => "∞",
        Kind::Impact => "■",
        Kind::Other => "·",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_distinct() {
        let mut symbols: Vec<&str> = Kind::ALL.iter().map(|k| kind_symbol(*k)).collect();
        symbols.sort();
        symbols.dedup();
        assert_eq!(symbols.len(), Kind::ALL.len());
    }

    #[test]
    fn monochrome_has_no_colour() {
        let theme = Theme::monochrome();
        for kind in Kind::ALL {
            assert_eq!(theme.kind(kind).fg, None);
        }
        assert_eq!(theme.quote().fg, None);
    }
}

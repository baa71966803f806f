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

/// Which colours: the terminal's own 16 (the default, so its palette decides), or
/// 256-colour shades chosen for a dark or a light background (`[theme] name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Ansi16,
    Dark,
    Light,
}

impl Palette {
    /// `dark`, `light`, `ansi16`.
    pub fn parse(name: &str) -> Option<Palette> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(Palette::Dark),
            "light" => Some(Palette::Light),
            "ansi16" | "ansi" | "16" => Some(Palette::Ansi16),
            _ => None,
        }
    }
}

/// How the frame is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR`: styles keep only modifiers (bold, reverse, underline).
    pub color: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            palette: Palette::Ansi16,
        }
    }
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            ..Theme::default()
        }
    }

    /// A theme without any colour.
    pub fn monochrome() -> Theme {
        Theme {
            color: false,
            ..Theme::default()
        }
    }

    /// The same theme with another palette.
    pub fn with_palette(self, palette: Palette) -> Theme {
        Theme { palette, ..self }
    }

    /// A foreground colour, or the plain style without colour.
    pub fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// One colour per palette: 16-colour name, 256-colour index on dark, on light.
    fn pick(&self, ansi: Color, dark: u8, light: u8) -> Style {
        self.fg(match self.palette {
            Palette::Ansi16 => ansi,
            Palette::Dark => Color::Indexed(dark),
            Palette::Light => Color::Indexed(light),
        })
    }

    /// The colour of a kind in this palette.
    pub fn kind_color(&self, kind: Kind) -> Color {
        let look = crate::kinds::look(kind);
        match self.palette {
            Palette::Ansi16 => look.ansi,
            Palette::Dark => Color::Indexed(look.dark),
            Palette::Light => Color::Indexed(look.light),
        }
    }

    /// The style of a kind's symbol and name.
    pub fn kind(&self, kind: Kind) -> Style {
        self.fg(self.kind_color(kind))
    }

    /// Headings and labels.
    pub fn heading(&self) -> Style {
        self.pick(Color::Cyan, 117, 25).add_modifier(Modifier::BOLD)
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
        self.pick(Color::Yellow, 221, 130)
            .add_modifier(Modifier::BOLD)
    }

    /// The figure inside the quote.
    pub fn figure(&self) -> Style {
        self.quote().add_modifier(Modifier::UNDERLINED)
    }

    /// A search match.
    pub fn found(&self) -> Style {
        self.pick(Color::Magenta, 213, 127)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Warnings and errors.
    pub fn warning(&self) -> Style {
        self.pick(Color::Red, 203, 160).add_modifier(Modifier::BOLD)
    }

    /// A rise (green) or fall (red).
    pub fn change(&self, delta: f64) -> Style {
        match delta.partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Greater) => self.pick(Color::Green, 114, 28),
            Some(std::cmp::Ordering::Less) => self.pick(Color::Red, 203, 160),
            _ => Style::default(),
        }
    }

    /// Chart colours come out of plotters as RGB; this maps the chart palette back to the
    /// theme's colours (or none), so charts obey `NO_COLOR` and 16-colour terminals.
    pub fn recolor_chart(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let cell = &mut buf[(x, y)];
                if let Color::Rgb(r, g, b) = cell.fg {
                    cell.fg = if self.color {
                        self.chart_color((r, g, b))
                    } else {
                        Color::Reset
                    };
                }
            }
        }
    }

    fn chart_color(&self, (r, g, b): (u8, u8, u8)) -> Color {
        let rgb = plotters::style::RGBColor(r, g, b);
        if rgb == crate::chart::SELECTED {
            return self.warning().fg.unwrap_or(Color::Reset);
        }
        Kind::ALL
            .into_iter()
            .find(|k| crate::chart::kind_rgb(*k) == rgb)
            .map_or(Color::Reset, |k| self.kind_color(k))
    }
}

/// The colour of a kind in the 16-colour palette.
pub fn kind_color(kind: Kind) -> Color {
    crate::kinds::look(kind).ansi
}

/// A symbol per kind, each distinct, so kinds stay apart without colour.
pub fn kind_symbol(kind: Kind) -> &'static str {
    crate::kinds::look(kind).symbol
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

//! Terminal colours as RGB, for the formats that paint pixels (svg, html, png).
//!
//! `Color::Reset` means "the terminal's default"; exported images use a dark theme, as
//! most terminals do. The 16 named colours follow VS Code's integrated terminal, readable
//! on that background.

use super::grid::CellStyle;
use ratatui::style::{Color, Modifier};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS and SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// `self` over `under` at `alpha` (0 = `under`, 1 = `self`).
    pub fn blend(self, under: Rgb, alpha: f32) -> Rgb {
        let mix =
            |a: u8, b: u8| (f32::from(a) * alpha + f32::from(b) * (1.0 - alpha)).round() as u8;
        Rgb(
            mix(self.0, under.0),
            mix(self.1, under.1),
            mix(self.2, under.2),
        )
    }
}

pub const DEFAULT_FG: Rgb = Rgb(0xcc, 0xcc, 0xcc);
pub const DEFAULT_BG: Rgb = Rgb(0x1e, 0x1e, 0x1e);

const ANSI16: [Rgb; 16] = [
    Rgb(0x00, 0x00, 0x00), // black
    Rgb(0xcd, 0x31, 0x31), // red
    Rgb(0x0d, 0xbc, 0x79), // green
    Rgb(0xe5, 0xe5, 0x10), // yellow
    Rgb(0x24, 0x72, 0xc8), // blue
    Rgb(0xbc, 0x3f, 0xbc), // magenta
    Rgb(0x11, 0xa8, 0xcd), // cyan
    Rgb(0xe5, 0xe5, 0xe5), // gray (ANSI white)
    Rgb(0x66, 0x66, 0x66), // dark gray (bright black)
    Rgb(0xf1, 0x4c, 0x4c), // light red
    Rgb(0x23, 0xd1, 0x8b), // light green
    Rgb(0xf5, 0xf5, 0x43), // light yellow
    Rgb(0x3b, 0x8e, 0xea), // light blue
    Rgb(0xd6, 0x70, 0xd6), // light magenta
    Rgb(0x29, 0xb8, 0xdb), // light cyan
    Rgb(0xff, 0xff, 0xff), // white (bright white)
];

/// The ANSI index of a named colour (0–15), `None` for the others.
pub fn ansi_index(color: Color) -> Option<u8> {
    Some(match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Reset | Color::Rgb(..) | Color::Indexed(_) => return None,
    })
}

/// A colour of the xterm 256-colour palette.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => ANSI16[usize::from(i)],
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            Rgb(level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            Rgb(v, v, v)
        }
    }
}

/// `color` as RGB, with `default` standing for `Reset`.
pub fn rgb(color: Color, default: Rgb) -> Rgb {
    match color {
        Color::Reset => default,
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(i) => indexed(i),
        named => ansi_index(named).map_or(default, indexed),
    }
}

/// The colours a cell is painted with, after reverse video, dim and hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paint {
    pub fg: Rgb,
    pub bg: Rgb,
    /// Whether the glyph itself is drawn (hidden cells show only their background).
    pub visible: bool,
}

pub fn paint(style: &CellStyle) -> Paint {
    let mut fg = rgb(style.fg, DEFAULT_FG);
    let mut bg = rgb(style.bg, DEFAULT_BG);
    if style.has(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if style.has(Modifier::DIM) {
        fg = fg.blend(bg, 0.6);
    }
    Paint {
        fg,
        bg,
        visible: !style.has(Modifier::HIDDEN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_kind_of_colour() {
        assert_eq!(rgb(Color::Reset, DEFAULT_BG), DEFAULT_BG);
        assert_eq!(rgb(Color::Rgb(1, 2, 3), DEFAULT_FG), Rgb(1, 2, 3));
        assert_eq!(rgb(Color::Red, DEFAULT_FG), ANSI16[1]);
        assert_eq!(rgb(Color::Indexed(9), DEFAULT_FG), ANSI16[9]);
        assert_eq!(rgb(Color::Indexed(16), DEFAULT_FG), Rgb(0, 0, 0));
        assert_eq!(rgb(Color::Indexed(231), DEFAULT_FG), Rgb(255, 255, 255));
        assert_eq!(rgb(Color::Indexed(196), DEFAULT_FG), Rgb(255, 0, 0));
        assert_eq!(rgb(Color::Indexed(232), DEFAULT_FG), Rgb(8, 8, 8));
        assert_eq!(Rgb(255, 0, 16).hex(), "#ff0010");
    }

    #[test]
    fn reverse_video_swaps_after_defaults() {
        let style = CellStyle {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::REVERSED,
        };
        let p = paint(&style);
        assert_eq!((p.fg, p.bg), (DEFAULT_BG, DEFAULT_FG));
    }
}

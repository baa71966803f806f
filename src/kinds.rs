//! What each kind of milestone looks like, in one table: its symbol, its colour as a named
//! ANSI colour, as 256-colour indices for dark and light backgrounds, and in images. The
//! dashboard's theme, the charts and the exports all read it from here.

use crate::extract::Kind;
use ratatui::style::Color;

/// How one kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Distinct for every kind, so kinds stay apart without colour.
    pub symbol: &'static str,
    /// A named colour that reads on dark and light backgrounds (no white, black or bright
    /// yellow): the 16-colour palette.
    pub ansi: Color,
    /// 256-colour index on a dark background.
    pub dark: u8,
    /// 256-colour index on a light background.
    pub light: u8,
    /// In images: readable on white.
    pub rgb: (u8, u8, u8),
}

/// The look of a kind.
pub fn look(kind: Kind) -> Look {
    let (symbol, ansi, dark, light, rgb) = match kind {
        Kind::Downloads => ("↓", Color::Cyan, 81, 25, (23, 118, 182)),
        Kind::Derivatives => ("◆", Color::Blue, 111, 61, (104, 76, 196)),
        Kind::Ranking => ("▲", Color::Magenta, 176, 127, (178, 52, 150)),
        Kind::Investment => ("$", Color::Green, 114, 28, (36, 140, 60)),
        Kind::SharePrice => ("≈", Color::Yellow, 221, 130, (196, 128, 0)),
        Kind::Growth => ("↗", Color::LightGreen, 150, 64, (90, 160, 40)),
        Kind::Users => ("●", Color::LightBlue, 117, 31, (30, 150, 150)),
        Kind::Release => ("★", Color::LightMagenta, 183, 91, (150, 90, 200)),
        Kind::Partnership => ("∞", Color::LightCyan, 80, 30, (0, 130, 170)),
        Kind::Impact => ("■", Color::LightRed, 210, 124, (200, 80, 80)),
        Kind::Other => ("·", Color::Gray, 250, 242, (120, 120, 120)),
    };
    Look {
        symbol,
        ansi,
        dark,
        light,
        rgb,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_looks_different() {
        let looks: Vec<Look> = Kind::ALL.iter().map(|k| look(*k)).collect();
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(a.symbol, b.symbol);
                assert_ne!(a.rgb, b.rgb);
            }
        }
    }
}

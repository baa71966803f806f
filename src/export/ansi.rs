//! `ansi`: the text of `txt` with SGR colour and style codes, for `cat` in a terminal.
//!
//! Every line starts from the default style and resets at its end, so a line read
//! alone (`grep`, `head`) never leaks colour into the terminal.

use super::grid::{self, CellStyle, Grid};
use super::palette::ansi_index;
use ratatui::style::{Color, Modifier};
use std::fmt::Write;

const RESET: &str = "\x1b[0m";

pub fn render(grid: &Grid) -> String {
    let mut out = String::new();
    for row in &grid.rows {
        let shown = grid::visible_prefix(row);
        let mut styled = false;
        for run in grid::runs(shown) {
            let style = run[0].style;
            if style != CellStyle::default() {
                out.push_str(&sgr(&style));
                styled = true;
            } else if styled {
                out.push_str(RESET);
                styled = false;
            }
            for g in run {
                out.push_str(&g.text);
            }
        }
        if styled {
            out.push_str(RESET);
        }
        out.push('\n');
    }
    out
}

/// The whole style as one SGR sequence, starting from a reset so runs never inherit.
fn sgr(style: &CellStyle) -> String {
    let mut codes = vec!["0".to_string()];
    const FLAGS: [(Modifier, &str); 8] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    codes.extend(
        FLAGS
            .iter()
            .filter(|(m, _)| style.has(*m))
            .map(|(_, c)| c.to_string()),
    );
    codes.extend(colour_code(style.fg, 30));
    codes.extend(colour_code(style.bg, 40));
    let mut s = String::from("\x1b[");
    s.push_str(&codes.join(";"));
    s.push('m');
    s
}

/// The SGR parameters for a foreground (`base` 30) or background (`base` 40) colour.
fn colour_code(color: Color, base: u8) -> Option<String> {
    let mut s = String::new();
    match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => write!(s, "{};2;{r};{g};{b}", base + 8),
        Color::Indexed(i) => write!(s, "{};5;{i}", base + 8),
        named => {
            // Named colours are 0..=15: 0-7 normal (30-37), 8-15 bright (90-97).
            let i = ansi_index(named)?;
            let code = if i < 8 { base + i } else { base + 60 + i - 8 };
            write!(s, "{code}")
        }
    }
    .ok()?;
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn styles_runs_and_resets_each_line() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(
            0,
            0,
            "ab",
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        );
        buf.set_string(2, 0, "c", Style::default());
        buf.set_string(
            0,
            1,
            "d",
            Style::default()
                .fg(Color::LightBlue)
                .bg(Color::Indexed(236)),
        );
        buf.set_string(
            1,
            1,
            "e",
            Style::default()
                .fg(Color::Rgb(1, 2, 3))
                .add_modifier(Modifier::REVERSED),
        );
        let out = render(&Grid::from_buffer(&buf));
        assert_eq!(
            out,
            "\x1b[0;1;31mab\x1b[0mc\n\x1b[0;94;48;5;236md\x1b[0;7;38;2;1;2;3me\x1b[0m\n"
        );
    }

    #[test]
    fn background_runs_at_the_end_of_a_line_are_kept() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "a   ", Style::default().bg(Color::Blue));
        assert_eq!(render(&Grid::from_buffer(&buf)), "\x1b[0;44ma   \x1b[0m\n");
    }
}

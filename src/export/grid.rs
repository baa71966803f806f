//! A rendered frame read back as a grid of glyphs: what every export format walks.
//!
//! Ratatui stores a wide character (CJK, some emoji) in its first cell and resets the
//! cell(s) it covers to a blank; a [`Glyph`] spans all of them so the grid stays aligned.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A cell in the image formats (svg, png), in pixels: wide enough for the 8×16 minimum
/// and for DejaVu Sans Mono at [`FONT_PX`] (advance 0.6 em).
pub const CELL_W: u32 = 10;
pub const CELL_H: u32 = 20;
pub const FONT_PX: u32 = 16;
/// The text baseline from the top of a cell.
pub const BASELINE: u32 = 15;

/// How a glyph is drawn: the cell's colours and modifiers, as ratatui holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellStyle {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Default for CellStyle {
    fn default() -> Self {
        CellStyle {
            fg: Color::Reset,
            bg: Color::Reset,
            modifier: Modifier::empty(),
        }
    }
}

impl CellStyle {
    pub fn has(&self, m: Modifier) -> bool {
        self.modifier.contains(m)
    }
}

/// One grapheme on the grid, covering `width` columns from `col`.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub col: u16,
    pub width: u16,
    /// The cell's text with controls and escape sequences removed; never empty.
    pub text: String,
    pub style: CellStyle,
}

impl Glyph {
    pub fn is_blank(&self) -> bool {
        self.text == " "
    }
}

/// The frame as rows of glyphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub cols: u16,
    pub rows: Vec<Vec<Glyph>>,
}

impl Grid {
    /// Reads a buffer. Cell text is sanitised again here: the exporters write to terminals
    /// and documents, and a frame drawn by any widget must stay inert there.
    pub fn from_buffer(buf: &Buffer) -> Grid {
        let area = buf.area;
        let rows = (area.top()..area.bottom())
            .map(|y| read_row(buf, y))
            .collect();
        Grid {
            cols: area.width,
            rows,
        }
    }

    pub fn height(&self) -> u16 {
        // A buffer's height is a u16, so the row count fits.
        self.rows.len() as u16
    }
}

fn read_row(buf: &Buffer, y: u16) -> Vec<Glyph> {
    let area = buf.area;
    let mut glyphs = Vec::with_capacity(usize::from(area.width));
    let mut x = area.left();
    while x < area.right() {
        let cell = &buf[(x, y)];
        let style = CellStyle {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        };
        // Skipped cells belong to something the terminal draws itself: nothing to export.
        let text = if cell.skip {
            " ".to_string()
        } else {
            clean_symbol(cell.symbol())
        };
        let room = area.right() - x;
        let width = (text.width() as u16).clamp(1, room);
        glyphs.push(Glyph {
            col: x - area.left(),
            width,
            text,
            style,
        });
        x += width;
    }
    glyphs
}

/// The symbol of a cell, safe to print: no control characters or escape sequences.
fn clean_symbol(symbol: &str) -> String {
    if symbol.chars().all(|c| !c.is_control()) && !symbol.is_empty() {
        return symbol.to_string();
    }
    let clean = crate::sanitize::sanitize_line(symbol);
    if clean.is_empty() {
        " ".to_string()
    } else {
        clean
    }
}

/// Consecutive glyphs of one row sharing a style, for formats that write runs.
pub fn runs(row: &[Glyph]) -> impl Iterator<Item = &[Glyph]> {
    row.chunk_by(|a, b| a.style == b.style)
}

/// The row without its trailing blanks that show nothing (no background, underline or
/// reverse video): what `txt` and `ansi` trim.
pub fn visible_prefix(row: &[Glyph]) -> &[Glyph] {
    let end = row
        .iter()
        .rposition(|g| !g.is_blank() || shows_on_blank(&g.style))
        .map_or(0, |i| i + 1);
    &row[..end]
}

fn shows_on_blank(style: &CellStyle) -> bool {
    style.bg != Color::Reset
        || style
            .modifier
            .intersects(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn wide_characters_span_two_columns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a千b", Style::default());
        let grid = Grid::from_buffer(&buf);
        let row = &grid.rows[0];
        let cols: Vec<(u16, u16, &str)> = row
            .iter()
            .map(|g| (g.col, g.width, g.text.as_str()))
            .collect();
        assert_eq!(cols[..3], [(0, 1, "a"), (1, 2, "千"), (3, 1, "b")]);
        assert_eq!(row.iter().map(|g| g.width).sum::<u16>(), 6);
    }

    #[test]
    fn control_characters_never_reach_the_grid() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        // set_symbol bypasses ratatui's own filtering, as a careless widget could.
        buf[(0, 0)].set_symbol("\u{1b}[2Jx");
        buf[(1, 0)].set_symbol("\u{7}");
        let grid = Grid::from_buffer(&buf);
        assert_eq!(grid.rows[0][0].text, "x");
        assert_eq!(grid.rows[0][1].text, " ");
    }

    #[test]
    fn trailing_blanks_are_trimmed_unless_they_show() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 2));
        buf.set_string(0, 0, "ab", Style::default());
        buf.set_string(0, 1, "ab ", Style::default());
        buf[(3, 1)].set_bg(Color::Blue);
        let grid = Grid::from_buffer(&buf);
        assert_eq!(visible_prefix(&grid.rows[0]).len(), 2);
        assert_eq!(visible_prefix(&grid.rows[1]).len(), 4);
    }
}

//! `txt`: the characters of the screen, one line per row, trailing spaces trimmed.

use super::grid::Grid;

pub fn render(grid: &Grid) -> String {
    let mut out = String::with_capacity(grid.rows.len() * (usize::from(grid.cols) + 1));
    for row in &grid.rows {
        let start = out.len();
        for glyph in row {
            out.push_str(&glyph.text);
        }
        let trimmed = out[start..].trim_end_matches(' ').len();
        out.truncate(start + trimmed);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn one_trimmed_line_per_row() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        buf.set_string(1, 0, "┌─┐", Style::default().fg(Color::Red));
        buf.set_string(0, 2, "千 x", Style::default());
        assert_eq!(render(&Grid::from_buffer(&buf)), " ┌─┐\n\n千 x\n");
    }
}

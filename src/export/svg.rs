//! `svg`: every cell on a monospace grid with its colours, bold, italic and reverse video.
//!
//! Text runs carry one x position per character, so the grid holds whatever font the
//! viewer substitutes; box drawing, blocks and braille are drawn as shapes (see
//! [`super::shapes`]), defined once each and placed with `<use>`.

use super::grid::{Glyph, Grid, BASELINE, CELL_H, CELL_W, FONT_PX};
use super::palette::{self, Rgb, DEFAULT_BG};
use super::shapes::{self, Shape};
use ratatui::style::Modifier;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The fonts asked for, best first; all cover Latin, Greek and Cyrillic.
pub const FONT_STACK: &str =
    "'DejaVu Sans Mono','Cascadia Mono','SF Mono',Menlo,Consolas,'Liberation Mono','Noto Sans Mono',monospace";

pub fn render(grid: &Grid, title: &str) -> String {
    let (width, height) = (
        u32::from(grid.cols) * CELL_W,
        u32::from(grid.height()) * CELL_H,
    );
    let mut out = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail; the results of write! are ignored for that reason.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">\n\
         <title>{}</title>\n\
         <style>text{{font-family:{FONT_STACK};font-size:{FONT_PX}px;font-variant-ligatures:none}}\
         .b{{font-weight:bold}}.i{{font-style:italic}}</style>\n",
        escape(title)
    );
    write_glyph_defs(&mut out, grid);
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>",
        DEFAULT_BG.hex()
    );
    for (y, row) in grid.rows.iter().enumerate() {
        let top = y as u32 * CELL_H;
        write_backgrounds(&mut out, row, top);
        write_text(&mut out, row, top);
        write_drawn_and_lines(&mut out, row, top);
    }
    out.push_str("</svg>\n");
    out
}

pub use crate::sanitize::escape_markup as escape;

/// The single char of a glyph drawn as shapes, if it is one.
fn drawn_char(glyph: &Glyph) -> Option<char> {
    let mut chars = glyph.text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if shapes::is_drawn(c) => Some(c),
        _ => None,
    }
}

fn glyph_id(c: char) -> String {
    format!("g{:04x}", u32::from(c))
}

/// One `<g>` per drawn character the frame uses, in cell coordinates.
fn write_glyph_defs(out: &mut String, grid: &Grid) {
    let used: BTreeSet<char> = grid.rows.iter().flatten().filter_map(drawn_char).collect();
    if used.is_empty() {
        return;
    }
    out.push_str("<defs>\n");
    for c in used {
        let _ = write!(out, "<g id=\"{}\">", glyph_id(c));
        for shape in shapes::shapes(c, CELL_W as f32, CELL_H as f32).unwrap_or_default() {
            write_shape(out, &shape);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</defs>\n");
}

fn write_shape(out: &mut String, shape: &Shape) {
    let _ = match *shape {
        Shape::Rect { x, y, w, h, alpha } if alpha < 1.0 => write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"currentColor\" fill-opacity=\"{alpha}\"/>"
        ),
        Shape::Rect { x, y, w, h, .. } => {
            write!(out, "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"currentColor\"/>")
        }
        Shape::Dot { cx, cy, r } => write!(out, "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r}\" fill=\"currentColor\"/>"),
        Shape::Line { x0, y0, x1, y1, width } => write!(
            out,
            "<line x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y1}\" stroke=\"currentColor\" stroke-width=\"{width}\"/>"
        ),
        Shape::Arc { cx, cy, r, width, dx, dy } => {
            // From the point beside the centre to the point above/below it, a quarter turn.
            let (x0, y0, x1, y1) = (cx + dx * r, cy, cx, cy + dy * r);
            let sweep = u8::from(dx * dy > 0.0);
            write!(
                out,
                "<path d=\"M{x0} {y0}A{r} {r} 0 0 {sweep} {x1} {y1}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"{width}\"/>"
            )
        }
    };
}

/// Background rectangles for runs of cells whose background is not the page's.
fn write_backgrounds(out: &mut String, row: &[Glyph], top: u32) {
    let mut cells = row
        .iter()
        .map(|g| (g, palette::paint(&g.style).bg))
        .peekable();
    while let Some((first, bg)) = cells.next() {
        let mut end = first.col + first.width;
        while let Some((next, _)) = cells.next_if(|(_, b)| *b == bg) {
            end = next.col + next.width;
        }
        if bg != DEFAULT_BG {
            let (x, w) = (
                u32::from(first.col) * CELL_W,
                u32::from(end - first.col) * CELL_W,
            );
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{top}\" width=\"{w}\" height=\"{CELL_H}\" fill=\"{}\"/>",
                bg.hex()
            );
        }
    }
}

/// How a run of text looks: glyphs with the same key share one `<text>`.
#[derive(PartialEq)]
struct TextKey {
    fg: Rgb,
    bold: bool,
    italic: bool,
}

fn text_key(glyph: &Glyph) -> Option<TextKey> {
    let paint = palette::paint(&glyph.style);
    let plain = glyph.text.chars().count() == 1;
    (paint.visible && !glyph.is_blank() && plain && drawn_char(glyph).is_none()).then(|| TextKey {
        fg: paint.fg,
        bold: glyph.style.has(Modifier::BOLD),
        italic: glyph.style.has(Modifier::ITALIC),
    })
}

fn write_text(out: &mut String, row: &[Glyph], top: u32) {
    let baseline = top + BASELINE;
    let mut i = 0;
    while i < row.len() {
        let Some(key) = text_key(&row[i]) else {
            write_cluster(out, &row[i], baseline);
            i += 1;
            continue;
        };
        let len = row[i..]
            .iter()
            .take_while(|g| text_key(g).as_ref() == Some(&key))
            .count();
        let run = &row[i..i + len];
        let xs: Vec<String> = run
            .iter()
            .map(|g| (u32::from(g.col) * CELL_W).to_string())
            .collect();
        let class = match (key.bold, key.italic) {
            (true, true) => " class=\"b i\"",
            (true, false) => " class=\"b\"",
            (false, true) => " class=\"i\"",
            (false, false) => "",
        };
        let text: String = run.iter().map(|g| g.text.as_str()).collect();
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{baseline}\" fill=\"{}\"{class}>{}</text>",
            xs.join(" "),
            key.fg.hex(),
            escape(&text)
        );
        i += len;
    }
}

/// A glyph of several characters (a letter with combining marks, an emoji sequence) as
/// one text element, so its characters are not spread over the grid.
fn write_cluster(out: &mut String, glyph: &Glyph, baseline: u32) {
    let paint = palette::paint(&glyph.style);
    if glyph.is_blank() || !paint.visible || drawn_char(glyph).is_some() {
        return;
    }
    let bold = if glyph.style.has(Modifier::BOLD) {
        " class=\"b\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{baseline}\" fill=\"{}\"{bold}>{}</text>",
        u32::from(glyph.col) * CELL_W,
        paint.fg.hex(),
        escape(&glyph.text)
    );
}

/// Box drawing, blocks and braille as `<use>` of their definitions, then underlines and
/// strike-throughs.
fn write_drawn_and_lines(out: &mut String, row: &[Glyph], top: u32) {
    for glyph in row {
        let paint = palette::paint(&glyph.style);
        if !paint.visible {
            continue;
        }
        let x = u32::from(glyph.col) * CELL_W;
        if let Some(c) = drawn_char(glyph) {
            let _ = writeln!(
                out,
                "<use xlink:href=\"#{}\" x=\"{x}\" y=\"{top}\" color=\"{}\"/>",
                glyph_id(c),
                paint.fg.hex()
            );
        }
        let width = u32::from(glyph.width) * CELL_W;
        for (modifier, dy) in [
            (Modifier::UNDERLINED, BASELINE + 2),
            (Modifier::CROSSED_OUT, CELL_H / 2),
        ] {
            if glyph.style.has(modifier) {
                let y = top + dy;
                let _ = writeln!(
                    out,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"1\" fill=\"{}\"/>",
                    paint.fg.hex()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn frame() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(0, 0, "┌─ a<b&'c\" ┐", Style::default().fg(Color::Cyan));
        buf.set_string(
            0,
            1,
            "⣿█",
            Style::default().fg(Color::Yellow).bg(Color::Blue),
        );
        buf.set_string(
            3,
            1,
            "bold",
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        );
        buf.set_string(
            0,
            2,
            "千x",
            Style::default().add_modifier(Modifier::REVERSED),
        );
        buf
    }

    #[test]
    fn parses_and_escapes() {
        let svg = render(&Grid::from_buffer(&frame()), "t<i>tle");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed svg");
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(texts.contains(&"a<b&'c\""), "{texts:?}");
        assert!(texts.contains(&"bold"));
        assert!(svg.contains("<title>t&lt;i&gt;tle</title>"));
    }

    #[test]
    fn places_each_character_on_the_grid() {
        let svg = render(&Grid::from_buffer(&frame()), "t");
        // "a<b&'c\"" starts at column 3 and has one x per character.
        assert!(
            svg.contains("<text x=\"30 40 50 60 70 80 90\" y=\"15\" fill=\"#11a8cd\">"),
            "{svg}"
        );
        // The wide character takes two columns: x comes next at column 2.
        assert!(svg.contains("<text x=\"0 20\" y=\"55\""), "{svg}");
    }

    #[test]
    fn draws_box_and_braille_as_shapes() {
        let svg = render(&Grid::from_buffer(&frame()), "t");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed svg");
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        assert_eq!(ids, ["g2500", "g250c", "g2510", "g2588", "g28ff"]);
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("use")).count(),
            5
        );
        // The braille cell has its eight dots.
        let braille = doc
            .descendants()
            .find(|n| n.attribute("id") == Some("g28ff"))
            .map(|n| n.children().count());
        assert_eq!(braille, Some(8));
        // No box-drawing character is left to a font.
        assert!(!doc
            .descendants()
            .filter_map(|n| n.text())
            .any(|t| t.contains('─') || t.contains('⣿')));
    }

    #[test]
    fn paints_backgrounds_reverse_video_and_underlines() {
        let svg = render(&Grid::from_buffer(&frame()), "t");
        assert!(
            svg.contains("<rect x=\"0\" y=\"20\" width=\"20\" height=\"20\" fill=\"#2472c8\"/>"),
            "{svg}"
        );
        // Reverse video: the default foreground becomes the background of the row's first 3 columns.
        assert!(
            svg.contains("<rect x=\"0\" y=\"40\" width=\"30\" height=\"20\" fill=\"#cccccc\"/>"),
            "{svg}"
        );
        assert!(svg.contains("class=\"b\">bold</text>"));
        assert!(
            svg.contains("<rect x=\"30\" y=\"37\" width=\"10\" height=\"1\""),
            "{svg}"
        );
    }

    #[test]
    fn escape_keeps_documents_parseable() {
        assert_eq!(
            escape("<script>&\u{1b}\u{fffe}"),
            "&lt;script&gt;&amp;\u{fffd}\u{fffd}"
        );
    }
}

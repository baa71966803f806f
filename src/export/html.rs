//! `html`: one self-contained page, inline CSS and no scripts, holding the grid as text
//! (so it can be selected and copied). Each distinct colour pair gets a class; wide
//! characters sit in boxes two columns wide so the grid holds in any font. Rows are the
//! font's natural line height, the height its box-drawing and braille glyphs are drawn to
//! join at. The page is also well-formed XML, so tests (and XML tools) can parse it.

use super::grid::{self, Glyph, Grid, FONT_PX};
use super::palette::{self, Paint, DEFAULT_BG, DEFAULT_FG};
use super::svg::{escape, FONT_STACK};
use ratatui::style::Modifier;
use std::collections::HashMap;
use std::fmt::Write;

pub fn render(grid: &Grid, title: &str) -> String {
    let mut classes = ColourClasses::default();
    let mut body = String::with_capacity(64 * 1024);
    for row in &grid.rows {
        for run in grid::runs(row) {
            write_run(&mut body, run, &mut classes);
        }
        body.push('\n');
    }
    let mut page = String::with_capacity(body.len() + 4096);
    // Writing to a String cannot fail; the results of write! are ignored for that reason.
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"generator\" content=\"qwen-story\"/>\n<title>{}</title>\n<style>\n\
         body{{margin:0;padding:16px;background:{bg}}}\n\
         pre.screen{{margin:0;font-family:{FONT_STACK};font-size:{FONT_PX}px;line-height:normal;\
         color:{fg};background:{bg};font-variant-ligatures:none;width:{cols}ch}}\n\
         pre.screen span{{display:inline-block;vertical-align:top;white-space:pre}}\n\
         pre.screen span.w{{width:2ch;text-align:center}}\n\
         .b{{font-weight:bold}}.i{{font-style:italic}}.u{{text-decoration:underline}}.s{{text-decoration:line-through}}\
         .u.s{{text-decoration:underline line-through}}\n",
        escape(title),
        bg = DEFAULT_BG.hex(),
        fg = DEFAULT_FG.hex(),
        cols = grid.cols,
    );
    page.push_str(&classes.css);
    let _ = write!(
        page,
        "</style>\n</head>\n<body>\n<pre class=\"screen\">{body}</pre>\n</body>\n</html>\n"
    );
    page
}

/// A class name per colour pair, with its CSS rule.
#[derive(Default)]
struct ColourClasses {
    names: HashMap<Paint, String>,
    css: String,
}

impl ColourClasses {
    /// The class for `paint`, or `None` for the page's own colours.
    fn class(&mut self, paint: Paint) -> Option<String> {
        if paint.fg == DEFAULT_FG && paint.bg == DEFAULT_BG {
            return None;
        }
        if let Some(name) = self.names.get(&paint) {
            return Some(name.clone());
        }
        let name = format!("c{}", self.names.len());
        let _ = writeln!(
            self.css,
            ".{name}{{color:{};background:{}}}",
            paint.fg.hex(),
            paint.bg.hex()
        );
        self.names.insert(paint, name.clone());
        Some(name)
    }
}

fn write_run(out: &mut String, run: &[Glyph], classes: &mut ColourClasses) {
    let style = run[0].style;
    let mut paint = palette::paint(&style);
    if !paint.visible {
        paint.fg = paint.bg;
    }
    let mut names: Vec<String> = classes.class(paint).into_iter().collect();
    for (modifier, name) in [
        (Modifier::BOLD, "b"),
        (Modifier::ITALIC, "i"),
        (Modifier::UNDERLINED, "u"),
        (Modifier::CROSSED_OUT, "s"),
    ] {
        if style.has(modifier) {
            names.push(name.to_string());
        }
    }
    let open = !names.is_empty();
    if open {
        let _ = write!(out, "<span class=\"{}\">", names.join(" "));
    }
    for glyph in run {
        if glyph.width > 1 {
            let _ = write!(out, "<span class=\"w\">{}</span>", escape(&glyph.text));
        } else {
            out.push_str(&escape(&glyph.text));
        }
    }
    if open {
        out.push_str("</span>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn escapes_and_styles_runs() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 2));
        buf.set_string(0, 0, "<script>x</script>", Style::default().fg(Color::Red));
        buf.set_string(0, 1, "千 ok", Style::default().add_modifier(Modifier::BOLD));
        let html = render(&Grid::from_buffer(&buf), "a & b");
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;x&lt;/scr"));
        assert!(html.contains("<title>a &amp; b</title>"));
        assert!(html.contains(".c0{color:#cd3131;background:#1e1e1e}"));
        assert!(
            html.contains("<span class=\"b\"><span class=\"w\">千</span> ok</span>"),
            "{html}"
        );
    }

    #[test]
    fn one_line_per_row() {
        let buf = Buffer::empty(Rect::new(0, 0, 3, 4));
        let html = render(&Grid::from_buffer(&buf), "t");
        assert!(html.contains("<pre class=\"screen\">   \n   \n   \n   \n</pre>"));
    }
}

//! `png`: the grid rasterised with the bundled DejaVu Sans Mono (licence in
//! `assets/fonts/`), on the same cell metrics as `svg`; box drawing, blocks and braille
//! come from the same geometry ([`super::shapes`]) so lines join across cells.

use super::grid::{Glyph, Grid, BASELINE, CELL_H, CELL_W, FONT_PX};
use super::palette::{self, Rgb, DEFAULT_BG};
use super::shapes;
use ab_glyph::{point, Font, FontRef, PxScale};
use anyhow::Context;
use ratatui::style::Modifier;
use std::collections::HashMap;
use unicode_width::UnicodeWidthChar;

use crate::fonts::{BOLD, REGULAR};

/// The bundled DejaVu Sans Mono, regular and bold.
pub fn fonts() -> anyhow::Result<(FontRef<'static>, FontRef<'static>)> {
    let regular =
        FontRef::try_from_slice(REGULAR).context("the bundled regular font is unreadable")?;
    let bold = FontRef::try_from_slice(BOLD).context("the bundled bold font is unreadable")?;
    Ok((regular, bold))
}

/// The frame as PNG bytes.
pub fn render(grid: &Grid) -> anyhow::Result<Vec<u8>> {
    let mut painter = Painter::new(grid)?;
    for (y, row) in grid.rows.iter().enumerate() {
        for glyph in row {
            painter.draw(glyph, y as u32 * CELL_H);
        }
    }
    painter.canvas.encode()
}

/// An RGB image.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, bg: Rgb) -> Canvas {
        let pixels = [bg.0, bg.1, bg.2].repeat((width * height) as usize);
        Canvas {
            width,
            height,
            pixels,
        }
    }

    /// Blends `color` at `alpha` into the pixel, ignoring points off the canvas.
    fn blend(&mut self, x: i64, y: i64, color: Rgb, alpha: f32) {
        if alpha <= 0.0
            || x < 0
            || y < 0
            || x >= i64::from(self.width)
            || y >= i64::from(self.height)
        {
            return;
        }
        let i = ((y as u32 * self.width + x as u32) * 3) as usize;
        let under = Rgb(self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]);
        let Rgb(r, g, b) = color.blend(under, alpha.min(1.0));
        self.pixels[i..i + 3].copy_from_slice(&[r, g, b]);
    }

    fn fill(&mut self, x: u32, y: u32, w: u32, h: u32, color: Rgb) {
        for py in y..(y + h).min(self.height) {
            for px in x..(x + w).min(self.width) {
                let i = ((py * self.width + px) * 3) as usize;
                self.pixels[i..i + 3].copy_from_slice(&[color.0, color.1, color.2]);
            }
        }
    }

    fn encode(&self) -> anyhow::Result<Vec<u8>> {
        encode_rgb(self.width, self.height, &self.pixels)
    }
}

/// 8-bit RGB pixels, row by row, as PNG bytes.
pub fn encode_rgb(width: u32, height: u32, pixels: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Flat colours compress well even at the fast level, which keeps exports quick.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().context("cannot encode the PNG")?;
    writer
        .write_image_data(pixels)
        .context("cannot encode the PNG")?;
    writer.finish().context("cannot encode the PNG")?;
    Ok(bytes)
}

/// A coverage mask positioned relative to the cell's top-left corner.
struct Mask {
    left: i64,
    top: i64,
    width: u32,
    alpha: Vec<f32>,
}

struct Painter {
    canvas: Canvas,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
    scale: PxScale,
    /// Rasterised glyphs by (character, bold): a frame repeats few of them many times.
    glyphs: HashMap<(char, bool), Option<Mask>>,
}

impl Painter {
    fn new(grid: &Grid) -> anyhow::Result<Painter> {
        let (regular, bold) = fonts()?;
        // ab_glyph scales by ascent-to-descent height; convert from the em size CSS uses.
        let em = regular.units_per_em().unwrap_or(2048.0);
        let scale = PxScale::from(FONT_PX as f32 * regular.height_unscaled() / em);
        let canvas = Canvas::new(
            u32::from(grid.cols) * CELL_W,
            u32::from(grid.height()) * CELL_H,
            DEFAULT_BG,
        );
        Ok(Painter {
            canvas,
            regular,
            bold,
            scale,
            glyphs: HashMap::new(),
        })
    }

    fn draw(&mut self, glyph: &Glyph, top: u32) {
        let paint = palette::paint(&glyph.style);
        let (x, w) = (
            u32::from(glyph.col) * CELL_W,
            u32::from(glyph.width) * CELL_W,
        );
        if paint.bg != DEFAULT_BG {
            self.canvas.fill(x, top, w, CELL_H, paint.bg);
        }
        if !paint.visible || glyph.is_blank() {
            return;
        }
        let bold = glyph.style.has(Modifier::BOLD);
        let mut pen = 0;
        for c in glyph.text.chars() {
            self.draw_char(c, bold, i64::from(x + pen), i64::from(top), paint.fg);
            // Combining marks (width 0) stay over their base letter.
            pen += c.width().unwrap_or(0) as u32 * CELL_W;
        }
        if glyph.style.has(Modifier::UNDERLINED) {
            self.canvas.fill(x, top + BASELINE + 2, w, 1, paint.fg);
        }
        if glyph.style.has(Modifier::CROSSED_OUT) {
            self.canvas.fill(x, top + CELL_H / 2, w, 1, paint.fg);
        }
    }

    fn draw_char(&mut self, c: char, bold: bool, x: i64, y: i64, color: Rgb) {
        let key = (c, bold && !shapes::is_drawn(c));
        if !self.glyphs.contains_key(&key) {
            let mask = self.rasterise(c, key.1);
            self.glyphs.insert(key, mask);
        }
        let Some(Some(mask)) = self.glyphs.get(&key) else {
            return;
        };
        for (i, &alpha) in mask.alpha.iter().enumerate() {
            let (dx, dy) = (i as u32 % mask.width, i as u32 / mask.width);
            self.canvas.blend(
                x + mask.left + i64::from(dx),
                y + mask.top + i64::from(dy),
                color,
                alpha,
            );
        }
    }

    fn rasterise(&self, c: char, bold: bool) -> Option<Mask> {
        if let Some(shapes) = shapes::shapes(c, CELL_W as f32, CELL_H as f32) {
            let alpha = (0..CELL_H)
                .flat_map(|y| (0..CELL_W).map(move |x| (x, y)))
                .map(|(x, y)| shapes::coverage(&shapes, x, y))
                .collect();
            return Some(Mask {
                left: 0,
                top: 0,
                width: CELL_W,
                alpha,
            });
        }
        let font = if bold { &self.bold } else { &self.regular };
        let glyph = font
            .glyph_id(c)
            .with_scale_and_position(self.scale, point(0.0, BASELINE as f32));
        let outline = font.outline_glyph(glyph)?;
        let bounds = outline.px_bounds();
        let (width, height) = (bounds.width() as u32, bounds.height() as u32);
        let mut alpha = vec![0.0; (width * height) as usize];
        outline.draw(|gx, gy, coverage| {
            if let Some(a) = alpha.get_mut((gy * width + gx) as usize) {
                *a = coverage;
            }
        });
        Some(Mask {
            left: bounds.min.x as i64,
            top: bounds.min.y as i64,
            width,
            alpha,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let decoder = png::Decoder::new(bytes);
        let mut reader = decoder.read_info().expect("valid png header");
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).expect("valid png data");
        (info, pixels)
    }

    fn pixel(pixels: &[u8], width: u32, x: u32, y: u32) -> Rgb {
        let i = ((y * width + x) * 3) as usize;
        Rgb(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    #[test]
    fn rasterises_text_lines_and_backgrounds() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        buf.set_string(0, 0, "A─", Style::default().fg(Color::White));
        buf.set_string(0, 1, " ", Style::default().bg(Color::Red));
        let bytes = render(&Grid::from_buffer(&buf)).expect("png renders");
        let (info, pixels) = decode(&bytes);
        assert_eq!((info.width, info.height), (4 * CELL_W, 2 * CELL_H));
        let white = Rgb(255, 255, 255);
        // Some pixel of the letter A's cell is (nearly) white.
        let a_cell = (0..CELL_H).flat_map(|y| (0..CELL_W).map(move |x| (x, y)));
        assert!(a_cell
            .map(|(x, y)| pixel(&pixels, info.width, x, y))
            .any(|p| p.0 > 200 && p.2 > 200));
        // The horizontal line crosses its whole cell on the middle row.
        assert!((CELL_W..2 * CELL_W).all(|x| pixel(&pixels, info.width, x, 9) == white));
        assert_eq!(
            pixel(&pixels, info.width, 3, CELL_H + 5),
            palette::rgb(Color::Red, DEFAULT_BG)
        );
        assert_eq!(pixel(&pixels, info.width, 35, 5), DEFAULT_BG);
    }
}

//! Plotters' bitmap backend with text placed by each glyph's own bounds.
//!
//! plotters 0.3.7 draws ab_glyph text glyph by glyph at the pen position, dropping each
//! glyph's left side bearing, so narrow characters sit at the left of their advance:
//! "2025- 09", "( HKEX". This backend draws everything else through [`BitMapBackend`] and
//! text itself, with the same fonts, sizes, anchors and rotation, bearings included.

use ab_glyph::{point, Font, FontRef, ScaleFont};
use plotters::backend::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

pub struct TextFixedBitmap<'a> {
    inner: BitMapBackend<'a>,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

impl<'a> TextFixedBitmap<'a> {
    /// Draws into `buffer`, RGB rows of `size`, with the bundled fonts plotters' charts
    /// are registered with.
    pub fn new(buffer: &'a mut [u8], size: (u32, u32)) -> anyhow::Result<Self> {
        let (regular, bold) = super::png::fonts()?;
        Ok(TextFixedBitmap {
            inner: BitMapBackend::with_buffer(buffer, size),
            regular,
            bold,
        })
    }
}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;
type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for TextFixedBitmap<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<BitmapError> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<BitmapError> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<BitmapError> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<BitmapError> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<BitmapError> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<BitmapError> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<BitmapError> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<BitmapError> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<BitmapError> {
        self.inner.blit_bitmap(pos, size, src)
    }

    /// As plotters' default `draw_text` (same layout box, anchor and transform), with
    /// glyphs rasterised here.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<BitmapError> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let font = match style.style() {
            FontStyle::Bold => &self.bold,
            _ => &self.regular,
        };
        let size = style.size() as f32;
        let scaled = font.as_scaled(size);
        let (w, h) = self.get_size();
        let mut pen = 0.0_f32;
        let mut previous = None;
        let mut pixels = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(prev) = previous {
                pen += scaled.kern(prev, id);
            }
            previous = Some(id);
            // plotters puts the baseline half a font size below the text box's top.
            let glyph = id.with_scale_and_position(size, point(pen, size / 2.0));
            pen += scaled.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let x = bounds.min.x as i32 + gx as i32;
                let y = bounds.min.y as i32 + gy as i32;
                pixels.push((x, y, coverage));
            });
        }
        for (x, y, coverage) in pixels {
            let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && y >= 0 && x < w as i32 && y < h as i32 {
                let color = BackendColor {
                    alpha: color.alpha * f64::from(coverage),
                    rgb: color.rgb,
                };
                self.inner.draw_pixel((x, y), color)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// The leftmost inked column of `text` drawn at x = 0 on white.
    fn left_ink(text: &str) -> u32 {
        let (w, h) = (120u32, 60u32);
        let mut pixels = vec![255u8; (w * h * 3) as usize];
        // Plotters lays chart text out with the fonts registered under "sans-serif".
        let font: &'static [u8] = crate::fonts::REGULAR;
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, font);
        let style = TextStyle::from(("sans-serif", 40).into_font()).color(&BLACK);
        {
            let backend = TextFixedBitmap::new(&mut pixels, (w, h)).expect("backend");
            let root = backend.into_drawing_area();
            root.draw_text(text, &style, (0, 10)).expect("text draws");
        }
        (0..w)
            .find(|&x| (0..h).any(|y| pixels[((y * w + x) * 3) as usize] < 128))
            .expect("some ink")
    }

    #[test]
    fn narrow_glyphs_keep_their_left_bearing() {
        // DejaVu Sans Mono centres "(" in its advance: at 40 px it starts well right of the pen.
        assert!(left_ink("(") >= 6, "ink starts at {}", left_ink("("));
        // Wide glyphs start near the pen: the text as a whole is not shifted.
        assert!(left_ink("W") <= 2, "ink starts at {}", left_ink("W"));
    }
}

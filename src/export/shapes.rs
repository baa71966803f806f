//! Box drawing, block elements and braille as geometry, so exported images join their
//! lines cell to cell whatever font the viewer has: fonts draw these glyphs at their own
//! line height, which leaves gaps, and many lack braille altogether.
//!
//! Shapes are in pixels from the cell's top-left corner; svg writes them as elements and
//! png rasterises them, so both draw the same lines.
//!
//! One file: the glyph tables, the cell geometry drawing them and its coverage are one job.

/// One piece of a glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A filled rectangle at `alpha` opacity (shades are partial).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        alpha: f32,
    },
    /// A filled circle.
    Dot { cx: f32, cy: f32, r: f32 },
    /// A straight stroke.
    Line {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
    },
    /// A quarter-circle stroke around `(cx, cy)`, on the side given by the signs `(dx, dy)`.
    Arc {
        cx: f32,
        cy: f32,
        r: f32,
        width: f32,
        dx: f32,
        dy: f32,
    },
}

/// Whether `c` is drawn as shapes rather than by a font.
pub fn is_drawn(c: char) -> bool {
    matches!(u32::from(c), 0x2500..=0x259f | 0x2800..=0x28ff)
}

/// The shapes of `c` in a `cw`×`ch` cell, or `None` if a font draws it.
pub fn shapes(c: char, cw: f32, ch: f32) -> Option<Vec<Shape>> {
    let code = u32::from(c);
    let cell = Cell::new(cw, ch);
    match code {
        0x2500..=0x257f => Some(cell.box_drawing(code)),
        0x2580..=0x259f => Some(cell.block(code)),
        0x2800..=0x28ff => Some(cell.braille(code - 0x2800)),
        _ => None,
    }
}

/// Line weights of a box-drawing arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    None,
    Light,
    Heavy,
    Double,
}

impl Weight {
    fn from_digit(d: u8) -> Weight {
        match d {
            b'1' => Weight::Light,
            b'2' => Weight::Heavy,
            b'3' => Weight::Double,
            _ => Weight::None,
        }
    }
}

/// Arms (left, up, right, down) of U+2500..=U+257F; `-` marks glyphs drawn otherwise
/// (dashes, arcs, diagonals). Digits: 0 none, 1 light, 2 heavy, 3 double.
const ARMS: [&str; 128] = [
    "1010", "2020", "0101", "0202", "-", "-", "-", "-", "-", "-", "-", "-", //
    "0011", "0021", "0012", "0022", "1001", "2001", "1002", "2002", // ┌ .. ┓
    "0110", "0120", "0210", "0220", "1100", "2100", "1200", "2200", // └ .. ┛
    "0111", "0121", "0211", "0112", "0212", "0221", "0122", "0222", // ├ .. ┣
    "1101", "2101", "1201", "1102", "1202", "2201", "2102", "2202", // ┤ .. ┫
    "1011", "2011", "1021", "2021", "1012", "2012", "1022", "2022", // ┬ .. ┳
    "1110", "2110", "1120", "2120", "1210", "2210", "1220", "2220", // ┴ .. ┻
    "1111", "2111", "1121", "2121", "1211", "1112", "1212", "2211", // ┼ .. ╃
    "1221", "2112", "1122", "2221", "2122", "2212", "1222", "2222", // ╄ .. ╋
    "-", "-", "-", "-", // ╌ ╍ ╎ ╏
    "3030", "0303", "0031", "0013", "0033", "3001", "1003", "3003", // ═ .. ╗
    "0130", "0310", "0330", "3100", "1300", "3300", "0131", "0313", // ╘ .. ╟
    "0333", "3101", "1303", "3303", "3031", "1013", "3033", "3130", // ╠ .. ╧
    "1310", "3330", "3131", "1313", "3333", // ╨ .. ╬
    "-", "-", "-", "-", "-", "-", "-", // ╭ ╮ ╯ ╰ ╱ ╲ ╳
    "1000", "0100", "0010", "0001", "2000", "0200", "0020", "0002", // ╴ .. ╻
    "1020", "0102", "2010", "0201", // ╼ .. ╿
];

/// A half-open span along one axis.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: f32,
    end: f32,
}

/// Cell metrics, snapped to whole pixels so lines stay crisp in the png.
struct Cell {
    w: f32,
    h: f32,
    /// Light line width; heavy and double lines are three times as wide.
    thin: f32,
}

impl Cell {
    fn new(w: f32, h: f32) -> Cell {
        Cell {
            w,
            h,
            thin: (w / 10.0).round().max(1.0),
        }
    }

    /// The span a line of `weight` takes across an axis of `len`, centred.
    fn span(&self, len: f32, weight: Weight) -> Span {
        let width = if weight == Weight::Light {
            self.thin
        } else {
            3.0 * self.thin
        };
        let start = ((len - width) / 2.0).floor();
        Span {
            start,
            end: start + width,
        }
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Shape {
        Shape::Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
            alpha: 1.0,
        }
    }

    fn box_drawing(&self, code: u32) -> Vec<Shape> {
        let index = (code - 0x2500) as usize;
        match ARMS[index].as_bytes() {
            [l, u, r, d] => self.arms([l, u, r, d].map(|b| Weight::from_digit(*b))),
            _ => self.special_box(code),
        }
    }

    /// Lines from the edges to the centre, joined the way terminal fonts join them.
    fn arms(&self, [left, up, right, down]: [Weight; 4]) -> Vec<Shape> {
        let mut out = Vec::new();
        let (mid_x, mid_y) = ((self.w / 2.0).floor(), (self.h / 2.0).floor());
        // Each arm as (weight, its span across the other axis).
        let vert = |w: Weight| (w, self.span(self.w, w));
        let horz = |w: Weight| (w, self.span(self.h, w));
        let (l, u, r, d) = (horz(left), vert(up), horz(right), vert(down));
        // Horizontal arms meet the vertical ones (up comes before, down after).
        for (arm, towards_start) in [(l, true), (r, false)] {
            for line in self.lines_of(arm) {
                let stop = self.stop(arm.0, line, towards_start, u, d, mid_x);
                let (x0, x1) = if towards_start {
                    (0.0, stop)
                } else {
                    (stop, self.w)
                };
                if x1 > x0 {
                    out.push(Cell::rect(x0, line.0.start, x1, line.0.end));
                }
            }
        }
        for (arm, towards_start) in [(u, true), (d, false)] {
            for line in self.lines_of(arm) {
                let stop = self.stop(arm.0, line, towards_start, l, r, mid_y);
                let (y0, y1) = if towards_start {
                    (0.0, stop)
                } else {
                    (stop, self.h)
                };
                if y1 > y0 {
                    out.push(Cell::rect(line.0.start, y0, line.0.end, y1));
                }
            }
        }
        out
    }

    /// The strokes of an arm: one, or two for a double line. Each is tagged with the side
    /// it lies on (`Some(true)` = the first of the two, nearer the top or left).
    fn lines_of(&self, arm: (Weight, Span)) -> Vec<(Span, Option<bool>)> {
        let (weight, span) = arm;
        match weight {
            Weight::None => vec![],
            Weight::Double => vec![
                (
                    Span {
                        start: span.start,
                        end: span.start + self.thin,
                    },
                    Some(true),
                ),
                (
                    Span {
                        start: span.end - self.thin,
                        end: span.end,
                    },
                    Some(false),
                ),
            ],
            _ => vec![(span, None)],
        }
    }

    /// Where a stroke of an arm ends near the centre, given the perpendicular arms `before`
    /// (up or left) and `after` (down or right). `towards_start`: the arm comes from the
    /// top/left edge.
    fn stop(
        &self,
        weight: Weight,
        (_, side): (Span, Option<bool>),
        towards_start: bool,
        before: (Weight, Span),
        after: (Weight, Span),
        mid: f32,
    ) -> f32 {
        let exists = |a: (Weight, Span)| a.0 != Weight::None;
        // The end of the perpendicular line nearest the arm's edge, and the far end.
        let near_end = |a: (Weight, Span)| match (a.0, towards_start) {
            (Weight::Double, true) => a.1.start + self.thin,
            (Weight::Double, false) => a.1.end - self.thin,
            (_, true) => a.1.end,
            (_, false) => a.1.start,
        };
        let far_end = |a: (Weight, Span)| if towards_start { a.1.end } else { a.1.start };
        if weight != Weight::Double || side.is_none() {
            // A single stroke runs across the perpendicular lines it meets.
            let outermost: fn(f32, f32) -> f32 = if towards_start { f32::max } else { f32::min };
            return [before, after]
                .into_iter()
                .filter(|a| exists(*a))
                .map(near_end)
                .reduce(outermost)
                .unwrap_or(mid);
        }
        // A double stroke stops at the perpendicular arm on its own side, or turns the
        // corner to the far line of the arm on the other side.
        let (near, far) = if side == Some(true) {
            (before, after)
        } else {
            (after, before)
        };
        if exists(near) {
            near_end(near)
        } else if exists(far) {
            far_end(far)
        } else {
            mid
        }
    }

    fn special_box(&self, code: u32) -> Vec<Shape> {
        match code {
            0x2504..=0x250b | 0x254c..=0x254f => self.dashes(code),
            0x256d..=0x2570 => self.arc(code),
            _ => self.diagonals(code),
        }
    }

    fn dashes(&self, code: u32) -> Vec<Shape> {
        let (count, heavy, vertical) = match code {
            0x2504..=0x250b => {
                let i = code - 0x2504;
                (if i < 4 { 3 } else { 4 }, i % 2 == 1, i % 4 >= 2)
            }
            _ => {
                let i = code - 0x254c;
                (2, i % 2 == 1, i >= 2)
            }
        };
        let weight = if heavy { Weight::Heavy } else { Weight::Light };
        let len = if vertical { self.h } else { self.w };
        let across = self.span(if vertical { self.w } else { self.h }, weight);
        let step = len / count as f32;
        (0..count)
            .map(|i| {
                let (a, b) = (
                    (i as f32 * step).round(),
                    (i as f32 * step + step * 0.6).round(),
                );
                if vertical {
                    Cell::rect(across.start, a, across.end, b)
                } else {
                    Cell::rect(a, across.start, b, across.end)
                }
            })
            .collect()
    }

    /// ╭ ╮ ╯ ╰: a quarter circle between two short straight arms.
    fn arc(&self, code: u32) -> Vec<Shape> {
        let vx = self.span(self.w, Weight::Light);
        let hy = self.span(self.h, Weight::Light);
        let (xc, yc) = ((vx.start + vx.end) / 2.0, (hy.start + hy.end) / 2.0);
        // (dx, dy): which way the arms leave the centre.
        let (dx, dy) = match code {
            0x256d => (1.0, 1.0),
            0x256e => (-1.0, 1.0),
            0x256f => (-1.0, -1.0),
            _ => (1.0, -1.0),
        };
        let r = (self.w / 2.0).min(self.h / 2.0).floor();
        let (cx, cy) = (xc + dx * r, yc + dy * r);
        let mut out = vec![Shape::Arc {
            cx,
            cy,
            r,
            width: self.thin,
            dx: -dx,
            dy: -dy,
        }];
        // The horizontal arm from the arc's end to the edge, and the vertical one.
        let (hx0, hx1) = if dx > 0.0 { (cx, self.w) } else { (0.0, cx) };
        if hx1 > hx0 {
            out.push(Cell::rect(hx0, hy.start, hx1, hy.end));
        }
        let (vy0, vy1) = if dy > 0.0 { (cy, self.h) } else { (0.0, cy) };
        if vy1 > vy0 {
            out.push(Cell::rect(vx.start, vy0, vx.end, vy1));
        }
        out
    }

    fn diagonals(&self, code: u32) -> Vec<Shape> {
        let rising = Shape::Line {
            x0: 0.0,
            y0: self.h,
            x1: self.w,
            y1: 0.0,
            width: self.thin,
        };
        let falling = Shape::Line {
            x0: 0.0,
            y0: 0.0,
            x1: self.w,
            y1: self.h,
            width: self.thin,
        };
        match code {
            0x2571 => vec![rising],
            0x2572 => vec![falling],
            _ => vec![rising, falling],
        }
    }

    fn block(&self, code: u32) -> Vec<Shape> {
        let (w, h) = (self.w, self.h);
        let eighth_y = |n: u32| (h * n as f32 / 8.0).round();
        let eighth_x = |n: u32| (w * n as f32 / 8.0).round();
        let full = |alpha: f32| Shape::Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
            alpha,
        };
        match code {
            0x2580 => vec![Cell::rect(0.0, 0.0, w, eighth_y(4))],
            0x2581..=0x2587 => vec![Cell::rect(0.0, eighth_y(8 - (code - 0x2580)), w, h)],
            0x2588 => vec![full(1.0)],
            0x2589..=0x258f => vec![Cell::rect(0.0, 0.0, eighth_x(8 - (code - 0x2588)), h)],
            0x2590 => vec![Cell::rect(eighth_x(4), 0.0, w, h)],
            0x2591 => vec![full(0.25)],
            0x2592 => vec![full(0.5)],
            0x2593 => vec![full(0.75)],
            0x2594 => vec![Cell::rect(0.0, 0.0, w, eighth_y(1))],
            0x2595 => vec![Cell::rect(eighth_x(7), 0.0, w, h)],
            _ => self.quadrants(code),
        }
    }

    fn quadrants(&self, code: u32) -> Vec<Shape> {
        // Bits: 1 upper left, 2 upper right, 4 lower left, 8 lower right.
        const QUADS: [u8; 10] = [
            4,
            8,
            1,
            1 | 4 | 8,
            1 | 8,
            1 | 2 | 4,
            1 | 2 | 8,
            2,
            2 | 4,
            2 | 4 | 8,
        ];
        let bits = QUADS.get((code - 0x2596) as usize).copied().unwrap_or(0);
        let (mx, my) = ((self.w / 2.0).round(), (self.h / 2.0).round());
        let quads = [
            (0.0, 0.0, mx, my),
            (mx, 0.0, self.w, my),
            (0.0, my, mx, self.h),
            (mx, my, self.w, self.h),
        ];
        (0..4)
            .filter(|i| bits & (1 << i) != 0)
            .map(|i| {
                let (x0, y0, x1, y1) = quads[i];
                Cell::rect(x0, y0, x1, y1)
            })
            .collect()
    }

    /// Braille: dots 1-3 and 7 down the left column, 4-6 and 8 down the right.
    fn braille(&self, pattern: u32) -> Vec<Shape> {
        const DOTS: [(f32, f32); 8] = [
            (0.0, 0.0),
            (0.0, 1.0),
            (0.0, 2.0),
            (1.0, 0.0),
            (1.0, 1.0),
            (1.0, 2.0),
            (0.0, 3.0),
            (1.0, 3.0),
        ];
        let r = (self.w / 4.0).min(self.h / 8.0) * 0.8;
        (0..8)
            .filter(|bit| pattern & (1 << bit) != 0)
            .map(|bit| {
                let (col, row) = DOTS[bit];
                Shape::Dot {
                    cx: self.w * (2.0 * col + 1.0) / 4.0,
                    cy: self.h * (2.0 * row + 1.0) / 8.0,
                    r,
                }
            })
            .collect()
    }
}

/// How much of the pixel `(px, py)` of the cell the shapes cover, 0..=1 (4×4 samples).
pub fn coverage(shapes: &[Shape], px: u32, py: u32) -> f32 {
    const N: u32 = 4;
    let mut total = 0.0;
    for sy in 0..N {
        for sx in 0..N {
            let x = px as f32 + (sx as f32 + 0.5) / N as f32;
            let y = py as f32 + (sy as f32 + 0.5) / N as f32;
            total += shapes.iter().map(|s| s.alpha_at(x, y)).fold(0.0, f32::max);
        }
    }
    total / (N * N) as f32
}

impl Shape {
    /// The opacity of the shape at a point.
    fn alpha_at(&self, x: f32, y: f32) -> f32 {
        let inside = match *self {
            Shape::Rect {
                x: rx,
                y: ry,
                w,
                h,
                alpha,
            } => {
                return if x >= rx && x < rx + w && y >= ry && y < ry + h {
                    alpha
                } else {
                    0.0
                };
            }
            Shape::Dot { cx, cy, r } => (x - cx).powi(2) + (y - cy).powi(2) <= r * r,
            Shape::Line {
                x0,
                y0,
                x1,
                y1,
                width,
            } => segment_distance(x, y, x0, y0, x1, y1) <= width / 2.0,
            Shape::Arc {
                cx,
                cy,
                r,
                width,
                dx,
                dy,
            } => {
                let on_side = (x - cx) * dx >= 0.0 && (y - cy) * dy >= 0.0;
                on_side && (((x - cx).powi(2) + (y - cy).powi(2)).sqrt() - r).abs() <= width / 2.0
            }
        };
        if inside {
            1.0
        } else {
            0.0
        }
    }
}

fn segment_distance(x: f32, y: f32, x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
    let (vx, vy) = (x1 - x0, y1 - y0);
    let len2 = vx * vx + vy * vy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((x - x0) * vx + (y - y0) * vy) / len2).clamp(0.0, 1.0)
    };
    ((x - x0 - t * vx).powi(2) + (y - y0 - t * vy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cell as ASCII art: `#` where at least half a pixel is covered.
    fn art(c: char, w: u32, h: u32) -> Vec<String> {
        let shapes = shapes(c, w as f32, h as f32).unwrap_or_default();
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| {
                        if coverage(&shapes, x, y) >= 0.5 {
                            '#'
                        } else {
                            '.'
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn lines_reach_the_edges_they_name() {
        let h = art('─', 10, 20);
        assert_eq!(h[9], "##########");
        assert!(h
            .iter()
            .enumerate()
            .all(|(y, row)| y == 9 || row == ".........."));
        let v = art('│', 10, 20);
        assert!(v.iter().all(|row| row == "....#....."));
        // Adjacent cells join: ─ ends where ┐ begins, on the same row.
        let corner = art('┐', 10, 20);
        assert_eq!(corner[9], "#####.....");
        assert!(corner[19].starts_with("....#"));
        assert!(corner[0].chars().all(|c| c == '.'));
    }

    #[test]
    fn corners_join_without_gaps() {
        let c = art('┌', 10, 20);
        assert_eq!(c[9], "....######");
        assert_eq!(&c[19][..5], "....#");
        let r = art('╭', 10, 20);
        assert_eq!(
            &r[19][4..5],
            "#",
            "the arc's vertical arm reaches the bottom edge"
        );
        assert_eq!(&r[9][9..], "#", "and its horizontal arm the right edge");
    }

    #[test]
    fn double_corners_have_two_strokes() {
        let c = art('╔', 10, 20);
        // Below the corner, two vertical strokes with a gap between.
        assert_eq!(c[19], "...#.#....");
        // Right of the corner, two horizontal strokes reach the right edge.
        assert_eq!(c.iter().filter(|row| row.ends_with('#')).count(), 2);
    }

    #[test]
    fn every_box_and_block_glyph_draws_something() {
        for code in (0x2500..=0x259f).chain(0x2801..=0x28ff) {
            let c = char::from_u32(code).unwrap_or(' ');
            let shapes = shapes(c, 10.0, 20.0).unwrap_or_default();
            assert!(!shapes.is_empty(), "U+{code:04X} has no shapes");
        }
        assert!(
            shapes('⠀', 10.0, 20.0).is_some_and(|s| s.is_empty()),
            "blank braille is blank"
        );
        assert!(shapes('a', 10.0, 20.0).is_none());
    }

    #[test]
    fn braille_dots_sit_in_their_rows() {
        // ⡇: dots 1, 2, 3 and 7, the whole left column.
        let a = art('⡇', 10, 20);
        let rows_with_dots = a.iter().filter(|row| row[..5].contains('#')).count();
        assert!(
            rows_with_dots >= 8,
            "four dots, about three rows each: {a:#?}"
        );
        assert!(a.iter().all(|row| !row[5..].contains('#')));
    }

    #[test]
    fn blocks_fill_their_fraction() {
        let lower = art('▄', 10, 20);
        assert!(lower[..10].iter().all(|r| r == ".........."));
        assert!(lower[10..].iter().all(|r| r == "##########"));
    }
}

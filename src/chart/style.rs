//! What differs between a chart in terminal cells and one in an image, and the chart palette.

use crate::extract::Kind;
use plotters::prelude::*;

/// What differs between a chart in terminal cells and one in an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Draw the title, legend and source line inside the chart (the terminal puts them
    /// around it instead).
    pub frame_text: bool,
    /// Font sizes in backend pixels.
    pub caption_size: u32,
    pub label_size: u32,
    /// Backend pixels per character of a label, to size the label areas.
    pub char_width: u32,
    /// Backend pixels between axis labels.
    pub label_spacing: (u32, u32),
    pub margin: u32,
    pub background: Option<RGBColor>,
    pub text: RGBColor,
    pub axis: RGBColor,
    /// Grid lines; `None` draws none (they clutter a braille canvas).
    pub grid: Option<RGBColor>,
    pub selected: RGBColor,
    /// Round points (images) or small crosses (the terminal canvas cannot size circles).
    pub round_points: bool,
    /// The backend centres text on its anchor whatever the alignment asked
    /// (plotters-ratatui-backend): value labels then need longer ticks to clear the axis.
    pub centered_text: bool,
    pub point_size: u32,
    pub line_width: u32,
    /// Height of a milestone tick on the time axis, in backend pixels.
    pub marker_height: u32,
}

/// Chart palette. In the terminal these RGB values are tokens, mapped back to named ANSI
/// colours by [`terminal_color`].
pub const TEXT: RGBColor = RGBColor(40, 40, 40);
pub const AXIS: RGBColor = RGBColor(110, 110, 110);
pub const GRID: RGBColor = RGBColor(228, 228, 228);
pub const SELECTED: RGBColor = RGBColor(214, 39, 40);

/// The colour of a kind in images: readable on white.
pub fn kind_rgb(kind: Kind) -> RGBColor {
    let (r, g, b) = crate::kinds::look(kind).rgb;
    RGBColor(r, g, b)
}

/// The named terminal colour a chart palette colour stands for.
pub fn terminal_color((r, g, b): (u8, u8, u8)) -> ratatui::style::Color {
    use ratatui::style::Color;
    let rgb = RGBColor(r, g, b);
    if rgb == SELECTED {
        return Color::Red;
    }
    Kind::ALL
        .into_iter()
        .find(|k| kind_rgb(*k) == rgb)
        .map_or(Color::Reset, crate::ui::theme::kind_color)
}

impl ChartStyle {
    /// For `plotters-ratatui-backend`: 4 backend pixels per cell each way, text one cell high.
    pub fn terminal() -> ChartStyle {
        ChartStyle {
            frame_text: false,
            caption_size: 4,
            label_size: 4,
            char_width: plotters_ratatui_backend::CHAR_PIXEL_SIZE,
            label_spacing: (56, 16),
            margin: 2,
            background: None,
            text: TEXT,
            axis: AXIS,
            grid: None,
            selected: SELECTED,
            round_points: false,
            centered_text: true,
            point_size: 2,
            line_width: 1,
            marker_height: 3,
        }
    }

    /// For a 1200×675 image.
    pub fn image() -> ChartStyle {
        ChartStyle {
            frame_text: true,
            caption_size: 30,
            label_size: 16,
            // DejaVu Sans Mono at 16 px advances about 8.5 px a character.
            char_width: 9,
            label_spacing: (140, 60),
            margin: 24,
            background: Some(WHITE),
            text: TEXT,
            axis: AXIS,
            grid: Some(GRID),
            selected: SELECTED,
            round_points: true,
            centered_text: false,
            point_size: 5,
            line_width: 3,
            marker_height: 12,
        }
    }
}

//! Chart drawing shared by the dashboard's Charts view and `qwen-story chart`.
//!
//! [`draw`] is generic over plotters' `DrawingBackend`: the dashboard draws on
//! `plotters-ratatui-backend` (a braille canvas in terminal cells), `qwen-story chart` on
//! the SVG and bitmap backends. [`ChartStyle`] carries what differs between the two.

use crate::extract::Kind;
use crate::timeline::{compact_number, format_value, Series, Timeline};
use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

/// A point of the plotted line.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// Days since 1 January of year 1 (the time axis).
    pub day: i32,
    pub value: f64,
    /// Index into `Timeline::milestones`.
    pub milestone: usize,
}

/// A milestone placed on the time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub day: i32,
    pub kind: Kind,
}

/// The selected milestone, as the chart marks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub day: i32,
    /// Its value when it is a point of this series.
    pub value: Option<f64>,
    pub label: String,
}

/// Everything a chart shows, independent of where it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub series: Series,
    pub title: String,
    /// The value-axis unit ("downloads", "HKD").
    pub unit: String,
    /// Oldest first.
    pub points: Vec<ChartPoint>,
    /// The days with a dated milestone (one marker per day), oldest first.
    pub markers: Vec<Marker>,
    pub selected: Option<Selection>,
    /// Legend entries: the series line, then the markers.
    pub legend: Vec<String>,
    /// Which articles the series rests on, for the foot of the chart.
    pub source_line: String,
    /// The time range shown when zoomed in (axis months), else the whole series.
    pub window: Option<(f64, f64)>,
}

impl ChartData {
    /// The chart of `series` with milestone `selected` (an index into the milestones) marked.
    pub fn from_timeline(
        timeline: &Timeline,
        series: &Series,
        selected: Option<usize>,
    ) -> ChartData {
        // A month- or year-precise date is placed at its first day, where the axis labels
        // it ("2025-10" under the tick of 1 October), not mid-month between two labels.
        let mut points: Vec<ChartPoint> = timeline
            .series(series)
            .into_iter()
            .map(|p| ChartPoint {
                day: axis_day(timeline, p.milestone).unwrap_or(p.date.num_days_from_ce()),
                value: p.value,
                milestone: p.milestone,
            })
            .collect();
        points.sort_by_key(|p| p.day);
        let mut markers: Vec<Marker> = timeline
            .milestones
            .iter()
            .filter_map(|m| {
                Some(Marker {
                    day: m.date?.first_day().num_days_from_ce(),
                    kind: m.kind,
                })
            })
            .collect();
        // One tick per day (a day's ticks would share a column anyway), the first kind in
        // kind order; already sorted by date, so the sort is one cheap pass.
        markers.sort_by_key(|m| (m.day, m.kind as u8));
        markers.dedup_by_key(|m| m.day);
        let articles = timeline.series_article_count(series);
        let plural = if articles == 1 { "article" } else { "articles" };
        let title = series.title(&timeline.story);
        ChartData {
            title: title.clone(),
            unit: series.unit().to_string(),
            legend: vec![
                title,
                "milestones on the time axis".into(),
                "selected milestone".into(),
            ],
            source_line: format!(
                "{} point{} from {articles} {plural} (qwen-story)",
                points.len(),
                if points.len() == 1 { "" } else { "s" }
            ),
            series: series.clone(),
            points,
            markers,
            selected: None,
            window: None,
        }
        .with_selection(timeline, selected)
    }

    /// The same chart zoomed in `level` times (each halves the time range), around the
    /// selected milestone when it is in range, else the latest point.
    pub fn zoomed(mut self, level: u32) -> ChartData {
        if level == 0 || self.points.is_empty() {
            self.window = None;
            return self;
        }
        self.window = None;
        let (lo, hi) = self.day_range();
        let span = ((hi - lo) / f64::from(1u32 << level.min(16))).max(1.0);
        let last = self.points.last().map_or(hi, |p| axis_x(p.day));
        let centre = self
            .selected
            .as_ref()
            .map(|s| axis_x(s.day))
            .filter(|x| (lo..=hi).contains(x))
            .unwrap_or(last);
        let from = (centre - span / 2.0).clamp(lo, (hi - span).max(lo));
        self.window = Some((from, from + span));
        self
    }

    /// The same chart with milestone `selected` marked instead (cheap: the dashboard keeps
    /// one chart per series and marks the selection at each frame).
    pub fn with_selection(mut self, timeline: &Timeline, selected: Option<usize>) -> ChartData {
        self.selected = selected.and_then(|i| {
            let m = timeline.milestones.get(i)?;
            let day = m.date?.first_day().num_days_from_ce();
            // Points are in date order, so the selected one is found by its date.
            let first = self.points.partition_point(|p| p.day < day);
            let value = self.points[first..]
                .iter()
                .take_while(|p| p.day == day)
                .find(|p| p.milestone == i)
                .map(|p| p.value);
            let date = m.date.map(|d| d.to_string()).unwrap_or_default();
            Some(Selection {
                day,
                value,
                label: format!("{date} {}", crate::sanitize::sanitize_line(&m.title)),
            })
        });
        self
    }

    /// A value formatted in the series' unit: `700M`, `HK$131.5`.
    pub fn format(&self, value: f64) -> String {
        match self.series {
            Series::SharePrice(_) | Series::Investment => format_value(value, Some(&self.unit)),
            _ => compact_number(value),
        }
    }

    /// The series' kind (its colour and symbol).
    pub fn kind(&self) -> Kind {
        match self.series {
            Series::Downloads => Kind::Downloads,
            Series::Derivatives => Kind::Derivatives,
            Series::SharePrice(_) => Kind::SharePrice,
            Series::Investment => Kind::Investment,
        }
    }

    /// The time span shown, in [`axis_x`] months: the points' span, widened by a month
    /// either side and to at least a quarter, so one point sits in the middle of a sane axis.
    fn day_range(&self) -> (f64, f64) {
        if let Some(window) = self.window {
            return window;
        }
        // The points alone: a selection elsewhere in the story is marked only when it falls
        // within them, rather than squeezing the series into a corner.
        let (lo, hi) = self
            .points
            .iter()
            .fold((i32::MAX, i32::MIN), |(lo, hi), p| {
                (lo.min(p.day), hi.max(p.day))
            });
        // Whole months, so the first and last ticks fall on labelled month starts.
        let (lo, hi) = (axis_x(lo).floor() - 1.0, axis_x(hi).floor() + 2.0);
        let short = ((3.0 - (hi - lo)).max(0.0) / 2.0).ceil();
        (lo - short, hi + short)
    }

    /// Counts start at zero (a cumulative figure shown from zero does not exaggerate);
    /// prices use their own span with some room.
    fn value_range(&self) -> (f64, f64) {
        let window = self.window;
        let (lo, hi) = self
            .points
            .iter()
            .filter(|p| window.is_none_or(|(a, b)| (a..=b).contains(&axis_x(p.day))))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p.value), hi.max(p.value))
            });
        if lo > hi {
            return (0.0, 1.0);
        }
        match self.series {
            Series::SharePrice(_) => {
                let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.05).max(1.0);
                (lo - pad, hi + pad)
            }
            _ => (0.0_f64.min(lo), if hi > 0.0 { hi * 1.15 } else { 1.0 }),
        }
    }
}

/// Where a milestone stands on the time axis: the first day its date covers.
fn axis_day(timeline: &Timeline, milestone: usize) -> Option<i32> {
    Some(
        timeline
            .milestones
            .get(milestone)?
            .date?
            .first_day()
            .num_days_from_ce(),
    )
}

/// `2025-10-13` from an axis day, cut to the month when it is the first (how month-precise
/// dates are placed).
fn day_label(day: i32) -> String {
    match NaiveDate::from_num_days_from_ce_opt(day) {
        Some(d) if d.day() == 1 => format!("{}-{:02}", d.year(), d.month()),
        Some(d) => d.to_string(),
        None => String::new(),
    }
}

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

static FONTS: Once = Once::new();

/// Plotters (feature `ab_glyph`) only knows fonts registered with it: the bundled DejaVu.
fn register_fonts() {
    FONTS.call_once(|| {
        use crate::fonts::{BOLD, REGULAR};
        // The files are compiled in and known good; a failure would only lose text.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, BOLD);
    });
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws the chart on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &ChartStyle,
) -> DrawResult<DB> {
    register_fonts();
    if let Some(background) = style.background {
        area.fill(&background)?;
    }
    let text = |size: u32| TextStyle::from(("sans-serif", size).into_font()).color(&style.text);
    let mut plot_area = area.clone();
    if style.frame_text {
        // Room above the title: plotters places it at the very top, where the bitmap font's
        // ascent would be cut off.
        plot_area = plot_area.margin(style.caption_size / 3, 0, 0, 0);
        plot_area = plot_area.titled(
            &data.title,
            ("sans-serif", style.caption_size)
                .into_font()
                .style(FontStyle::Bold)
                .color(&style.text),
        )?;
        let (_, height) = plot_area.dim_in_pixel();
        let foot = style.label_size * 2;
        let (top, bottom) = plot_area.split_vertically(height.saturating_sub(foot));
        bottom.draw_text(
            &data.source_line,
            &text(style.label_size),
            (style.margin as i32, (style.label_size / 2) as i32),
        )?;
        let (legend, rest) = top.split_vertically(style.label_size * 2);
        draw_legend(&legend, data, style)?;
        plot_area = rest;
    }
    if data.points.is_empty() {
        return draw_no_data(&plot_area, style, &text(style.label_size));
    }
    if data.points.len() == 1 {
        // One point on an axis says nothing a figure does not: draw the figure.
        return draw_figure(&plot_area, data, style);
    }
    let (x0, x1) = data.day_range();
    let (y0, y1) = data.value_range();
    let y_label_chars = [y0, y1]
        .iter()
        .map(|v| data.format(*v).chars().count())
        .max()
        .unwrap_or(4) as u32
        + 1;
    let (width, height) = plot_area.dim_in_pixel();
    let mut chart = ChartBuilder::on(&plot_area)
        .margin(style.margin)
        .x_label_area_size(style.label_size * 2)
        .y_label_area_size(y_label_chars * style.char_width + style.margin)
        .build_cartesian_2d(x0..x1, y0..y1)?;

    let x_formatter = |x: &f64| month_label(*x);
    let y_formatter = |y: &f64| data.format(*y);
    let mut mesh = chart.configure_mesh();
    if style.centered_text {
        // Plotters puts a label's anchor two tick lengths left of the axis; centred there,
        // the label clears the axis when that distance is half the label.
        let half_label = (y_label_chars - 1) * style.char_width / 2;
        mesh.set_tick_mark_size(LabelAreaPosition::Left, half_label.div_ceil(2) as i32 + 1);
        // Dates one text row below the axis, not on it.
        mesh.set_tick_mark_size(LabelAreaPosition::Bottom, style.label_size as i32 / 2 + 1);
    }
    mesh.x_labels((width / style.label_spacing.0).max(1) as usize)
        .y_labels((height / style.label_spacing.1).max(2) as usize)
        .x_label_formatter(&x_formatter)
        .y_label_formatter(&y_formatter)
        .label_style(text(style.label_size))
        .axis_style(style.axis);
    match style.grid {
        Some(grid) => {
            mesh.bold_line_style(grid).light_line_style(TRANSPARENT);
        }
        None => {
            mesh.disable_mesh();
        }
    }
    mesh.draw()?;

    draw_markers(&mut chart, data, style, (y0, y1))?;
    // The selection: a short mark at the top edge and one over the time axis, so the data
    // between stays visible.
    if let Some(selection) = &data.selected {
        let x = axis_x(selection.day);
        if (x0..=x1).contains(&x) {
            let color = style.selected.stroke_width(style.line_width);
            let tick = style.marker_height as i32 * 2;
            chart.draw_series([
                EmptyElement::at((x, y1)) + PathElement::new(vec![(0, 0), (0, tick)], color),
                EmptyElement::at((x, y0)) + PathElement::new(vec![(0, 0), (0, -tick)], color),
            ])?;
        }
    }
    let color = kind_rgb(data.kind());
    let line: Vec<(f64, f64)> = data
        .points
        .iter()
        .map(|p| (axis_x(p.day), p.value))
        .collect();
    let line = decimate(&chart, line);
    chart.draw_series(LineSeries::new(
        line.iter().copied(),
        color.stroke_width(style.line_width),
    ))?;
    // Points only while they stand apart; a dense series is read from its line.
    if line.len() as u32 * style.point_size * 4 <= width {
        draw_points(&mut chart, &line, color, style)?;
    }
    if let Some(Selection {
        day,
        value: Some(value),
        ..
    }) = &data.selected
    {
        draw_points(
            &mut chart,
            &[(axis_x(*day), *value)],
            style.selected,
            &ChartStyle {
                point_size: style.point_size * 2,
                ..style.clone()
            },
        )?;
    }
    draw_point_labels(&mut chart, data, style, (x0, x1))?;
    Ok(())
}

/// Value and date beside the first, the last and the selected point in view, each above its
/// point and kept inside the plot.
fn draw_point_labels<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    data: &ChartData,
    style: &ChartStyle,
    (x0, x1): (f64, f64),
) -> DrawResult<DB> {
    // Points are in day order and axis_x grows with the day: the view is found by binary
    // search, so a frame does not pay a pass over every point.
    let from = data.points.partition_point(|p| axis_x(p.day) < x0);
    let to = data.points.partition_point(|p| axis_x(p.day) <= x1);
    let in_view: &[ChartPoint] = &data.points[from..to.max(from)];
    let mut labelled: Vec<(&ChartPoint, bool)> = Vec::new();
    if let Some(first) = in_view.first() {
        labelled.push((first, false));
    }
    if let Some(last) = in_view.last() {
        if labelled.iter().all(|(p, _)| p.milestone != last.milestone) {
            labelled.push((last, false));
        }
    }
    if let Some(sel) = &data.selected {
        let at = in_view.partition_point(|p| p.day < sel.day);
        if let Some(p) = in_view[at..]
            .iter()
            .take_while(|p| p.day == sel.day)
            .find(|p| Some(p.value) == sel.value)
        {
            labelled.retain(|(q, _)| q.milestone != p.milestone);
            labelled.push((p, true));
        }
    }
    let (width, _) = chart.plotting_area().dim_in_pixel();
    let left = chart.plotting_area().get_pixel_range().0.start;
    let font = ("sans-serif", style.label_size).into_font();
    for (point, selected) in labelled {
        let label = format!("{} {}", data.format(point.value), day_label(point.day));
        let color = if selected { style.selected } else { style.text };
        let chars = label.chars().count() as i32;
        let text_width = chars * style.char_width as i32;
        let (px, _) = chart.backend_coord(&(axis_x(point.day), point.value));
        // Keep the label inside the plot: centred text (terminal) or left-anchored text.
        let room_left = px - left;
        let room_right = left + width as i32 - px;
        let dx = if style.centered_text {
            let half = text_width / 2;
            if room_left < half {
                half - room_left
            } else if room_right < half + style.char_width as i32 {
                room_right - half - style.char_width as i32
            } else {
                0
            }
        } else if room_right < text_width + style.char_width as i32 {
            -text_width - style.char_width as i32
        } else {
            style.char_width as i32
        };
        let dy = -(style.label_size as i32) - style.point_size as i32;
        chart.draw_series(std::iter::once(
            EmptyElement::at((axis_x(point.day), point.value))
                + Text::new(label, (dx, dy), font.clone().color(&color)),
        ))?;
    }
    Ok(())
}

/// A series of one point, as a figure: its value, date and title, centred.
fn draw_figure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &ChartStyle,
) -> DrawResult<DB> {
    let Some(point) = data.points.first() else {
        return Ok(());
    };
    let (width, height) = area.dim_in_pixel();
    let lines = [
        (
            data.format(point.value),
            style.caption_size,
            kind_rgb(data.kind()),
        ),
        (
            format!("on {}", day_label(point.day)),
            style.label_size,
            style.text,
        ),
        (
            "the only figure of this series: no line to draw".to_string(),
            style.label_size,
            style.axis,
        ),
    ];
    let total: u32 = lines.iter().map(|(_, size, _)| size * 2).sum();
    let mut y = (height.saturating_sub(total) / 2) as i32;
    for (text, size, color) in lines {
        let chars = text.chars().count() as u32;
        let char_width = style.char_width * size / style.label_size.max(1);
        let x = (width / 2).saturating_sub(chars * char_width / 2) as i32;
        let font = ("sans-serif", size).into_font().color(&color);
        area.draw_text(&text, &font, (x, y))?;
        y += size as i32 * 2;
    }
    Ok(())
}

/// One line of legend under the title, so it never covers the data: a sample of each mark,
/// then its name.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &ChartStyle,
) -> DrawResult<DB> {
    let text = TextStyle::from(("sans-serif", style.label_size).into_font()).color(&style.text);
    let y = (style.label_size / 2) as i32;
    let sample = style.label_size as i32 * 2;
    let mut entries = vec![(data.title.clone(), kind_rgb(data.kind()), true)];
    entries.push((
        "milestones (ticks on the time axis)".to_string(),
        style.axis,
        false,
    ));
    if let Some(selection) = &data.selected {
        entries.push((
            format!("selected: {}", selection.label),
            style.selected,
            false,
        ));
    }
    let (width, _) = area.dim_in_pixel();
    let mut x = style.margin as i32;
    for (label, color, horizontal) in entries {
        // The last entry (a long milestone title) is cut to the width left.
        let room = (width as i32 - x - sample) / style.char_width.max(1) as i32 - 2;
        if room < 4 {
            break;
        }
        let label = cut(&label, room as usize);
        let mid = y + style.label_size as i32 / 2;
        let points = if horizontal {
            vec![(x, mid), (x + sample, mid)]
        } else {
            vec![
                (x + sample / 2, y),
                (x + sample / 2, y + style.label_size as i32),
            ]
        };
        area.draw(&PathElement::new(
            points,
            color.stroke_width(style.line_width),
        ))?;
        area.draw_text(&label, &text, (x + sample + style.char_width as i32 / 2, y))?;
        x += sample + (label.chars().count() as i32 + 3) * style.char_width as i32;
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// At most four points per pixel column (first, lowest, highest, last): the same picture
/// as every point, at a cost bounded by the chart's width.
fn decimate<DB: DrawingBackend>(chart: &Chart<'_, DB>, line: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (width, _) = chart.plotting_area().dim_in_pixel();
    if line.len() <= 4 * width as usize {
        return line;
    }
    let mut out = Vec::with_capacity(4 * width as usize);
    let mut column: Vec<(f64, f64)> = Vec::new();
    let mut current = None;
    for point in line {
        let x = chart.backend_coord(&point).0;
        if current != Some(x) {
            flush_column(&mut column, &mut out);
            current = Some(x);
        }
        column.push(point);
    }
    flush_column(&mut column, &mut out);
    out
}

fn flush_column(column: &mut Vec<(f64, f64)>, out: &mut Vec<(f64, f64)>) {
    let (Some(&first), Some(&last)) = (column.first(), column.last()) else {
        return;
    };
    let by_value = |a: &&(f64, f64), b: &&(f64, f64)| a.1.total_cmp(&b.1);
    let low = *column.iter().min_by(by_value).unwrap_or(&first);
    let high = *column.iter().max_by(by_value).unwrap_or(&first);
    let mut keep = vec![first, low, high, last];
    // In time order, without repeats.
    keep.sort_by(|a, b| a.0.total_cmp(&b.0));
    keep.dedup();
    out.extend(keep);
    column.clear();
}

/// Round points in images; in the terminal, small crosses (the canvas backend cannot size
/// circles).
fn draw_points<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    points: &[(f64, f64)],
    color: RGBColor,
    style: &ChartStyle,
) -> DrawResult<DB> {
    let size = style.point_size as i32;
    if style.round_points {
        chart.draw_series(
            points
                .iter()
                .map(|p| Circle::new(*p, size as u32, color.filled())),
        )?;
    } else {
        chart.draw_series(points.iter().map(|p| {
            EmptyElement::at(*p)
                + PathElement::new(vec![(-size, 0), (size, 0)], color)
                + PathElement::new(vec![(0, -size), (0, size)], color)
        }))?;
    }
    Ok(())
}

/// A tick per milestone along the bottom of the plot, coloured by kind; at most one per
/// pixel column, so a huge timeline costs no more than the chart's width.
fn draw_markers<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    data: &ChartData,
    style: &ChartStyle,
    (y0, _): (f64, f64),
) -> DrawResult<DB> {
    let (x_range, _) = (chart.x_range(), chart.y_range());
    let height = style.marker_height as i32;
    let mut last_column = i32::MIN;
    let mut ticks = Vec::new();
    for marker in &data.markers {
        let x = axis_x(marker.day);
        if !x_range.contains(&x) {
            continue;
        }
        let column = chart.backend_coord(&(x, y0)).0;
        if column == last_column {
            continue;
        }
        last_column = column;
        ticks.push((x, kind_rgb(marker.kind)));
    }
    chart.draw_series(ticks.into_iter().map(|(x, color)| {
        EmptyElement::at((x, y0))
            + PathElement::new(
                vec![(0, 0), (0, -height)],
                color.stroke_width(style.line_width.div_ceil(2)),
            )
    }))?;
    Ok(())
}

fn draw_no_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &ChartStyle,
    text: &TextStyle,
) -> DrawResult<DB> {
    let (width, height) = area.dim_in_pixel();
    let label = "no data";
    let x = (width / 2).saturating_sub(label.len() as u32 * style.char_width / 2);
    area.draw_text(label, text, (x as i32, (height / 2) as i32))
}

/// The time axis counts months (year × 12 + month − 1, plus the fraction of the month), so
/// the round numbers plotters picks for ticks fall on the first of a month.
pub fn axis_x(day: i32) -> f64 {
    let Some(date) = NaiveDate::from_num_days_from_ce_opt(day) else {
        return 0.0;
    };
    let month_start = date.with_day(1).unwrap_or(date);
    let next = month_start
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(month_start);
    let length = (next - month_start).num_days().max(1) as f64;
    f64::from(date.year()) * 12.0 + f64::from(date.month0()) + f64::from(date.day0()) / length
}

/// `text` cut to `chars` characters, ending in `…` when cut.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `2025-10` for a tick on the time axis; nothing for a tick between months (short spans
/// get half-month ticks).
fn month_label(x: f64) -> String {
    let month = x.round();
    if (x - month).abs() > 0.01 {
        return String::new();
    }
    let month = month as i64;
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Timeline;

    fn bundled() -> Timeline {
        Timeline::build(crate::corpus::bundled())
    }

    fn draw_svg(data: &ChartData) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (1200, 675)).into_drawing_area();
            draw(&root, data, &ChartStyle::image()).expect("drawing on an SVG string cannot fail");
        }
        svg
    }

    #[test]
    fn downloads_chart_has_points_and_source_line() {
        let timeline = bundled();
        let data = ChartData::from_timeline(&timeline, &Series::Downloads, None);
        assert!(
            data.points.len() >= 2,
            "bundled corpus has several download figures"
        );
        let svg = draw_svg(&data);
        assert!(
            svg.contains("700M"),
            "value axis labels are compact numbers"
        );
        assert!(svg.contains("articles"), "the source line is drawn");
    }

    #[test]
    fn empty_and_single_point_series_draw() {
        let timeline = Timeline::default();
        let data = ChartData::from_timeline(&timeline, &Series::Downloads, Some(3));
        assert!(draw_svg(&data).contains("no data"));
        let mut one = ChartData::from_timeline(&bundled(), &Series::SharePrice("HKD".into()), None);
        one.points.truncate(1);
        let (x0, x1) = one.day_range();
        assert!(x1 - x0 >= 3.0, "at least a quarter");
        let (y0, y1) = one.value_range();
        assert!(y0 < one.points[0].value && one.points[0].value < y1);
        draw_svg(&one);
    }

    #[test]
    fn selection_is_marked_when_in_series() {
        let timeline = bundled();
        let points = timeline.series(&Series::Downloads);
        let last = points.last().expect("downloads points").milestone;
        let data = ChartData::from_timeline(&timeline, &Series::Downloads, Some(last));
        assert_eq!(
            data.selected.as_ref().and_then(|s| s.value),
            Some(points.last().map(|p| p.value).unwrap_or_default())
        );
    }
}

#[cfg(test)]
mod axis_tests {
    use super::*;

    #[test]
    fn month_axis() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map_or(0, |d| d.num_days_from_ce());
        assert_eq!(axis_x(day(2025, 10, 1)), 2025.0 * 12.0 + 9.0);
        assert!(axis_x(day(2025, 10, 16)) > axis_x(day(2025, 10, 1)));
        assert!(axis_x(day(2025, 10, 31)) < axis_x(day(2025, 11, 1)));
        assert_eq!(month_label(axis_x(day(2026, 1, 1))), "2026-01");
        assert_eq!(month_label(2025.0 * 12.0 + 11.5), "");
        assert_eq!(month_label(2025.0 * 12.0 + 11.0), "2025-12");
    }
}

//! Drawing a chart with plotters: axes, line, points, labels, legend and milestone ticks.

use super::axis::{axis_x, day_label, month_label};
use super::{kind_rgb, ChartData, ChartPoint, ChartStyle, Selection};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

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

/// `text` cut to `chars` characters, ending in `…` when cut.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

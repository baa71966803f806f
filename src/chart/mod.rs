//! Chart drawing shared by the dashboard's Charts view and `qwen-story chart`.
//!
//! [`draw`] is generic over plotters' `DrawingBackend`: the dashboard draws on
//! `plotters-ratatui-backend` (a braille canvas in terminal cells), `qwen-story chart` on
//! the SVG and bitmap backends. [`ChartStyle`] carries what differs between the two.

use crate::extract::Kind;
use crate::timeline::{compact_number, format_value, Series, Timeline};
use axis::axis_day;
use chrono::Datelike;

mod axis;
mod drawing;
mod style;

pub use axis::axis_x;
pub use drawing::draw;
pub use style::{kind_rgb, terminal_color, ChartStyle, AXIS, GRID, SELECTED, TEXT};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Timeline;
    use plotters::prelude::{IntoDrawingArea, SVGBackend};

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

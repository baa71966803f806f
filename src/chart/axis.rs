//! The time axis: days as months (so ticks fall on month starts), and the dates it labels.

use crate::timeline::Timeline;
use chrono::{Datelike, NaiveDate};

/// Where a milestone stands on the time axis: the first day its date covers.
pub(super) fn axis_day(timeline: &Timeline, milestone: usize) -> Option<i32> {
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
pub(super) fn day_label(day: i32) -> String {
    match NaiveDate::from_num_days_from_ce_opt(day) {
        Some(d) if d.day() == 1 => format!("{}-{:02}", d.year(), d.month()),
        Some(d) => d.to_string(),
        None => String::new(),
    }
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

/// `2025-10` for a tick on the time axis; nothing for a tick between months (short spans
/// get half-month ticks).
pub(super) fn month_label(x: f64) -> String {
    let month = x.round();
    if (x - month).abs() > 0.01 {
        return String::new();
    }
    let month = month as i64;
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
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

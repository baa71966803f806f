//! Dates as precise as a source allows: a year, a month or a day.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A month date; `None` when the month is out of range.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    pub fn day(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The same date cut to the month (or left as is when less precise).
    pub fn to_month(self) -> Self {
        Self { day: None, ..self }
    }

    /// The first day the date covers.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day the date covers.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MAX)
            }
            (Some(m), None) => {
                let (y, m) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(NaiveDate::MAX)
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// Whether two dates can name the same moment (their spans overlap).
    pub fn overlaps(&self, other: &PartialDate) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// A point used to place the date on a time axis: the middle of its span.
    pub fn midpoint(&self) -> NaiveDate {
        let first = self.first_day();
        let span = (self.last_day() - first).num_days();
        first + chrono::Duration::days(span / 2)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// A DATE argument or field that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct BadDate(pub String);

impl FromStr for PartialDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, BadDate> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y] => Ok(Self::year(num(y, 4)? as i32)),
            [y, m] => Self::month(num(y, 4)? as i32, num(m, 2)?).ok_or_else(bad),
            [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)
                .map(Self::day)
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// A DATE as the command line takes it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
/// followed by a time (`T08:15`, `T08:15:00`, with fractions and an offset or `Z`). The
/// text is kept as written, so a recorded date-time keeps its offset; `date` is the
/// calendar date written (in that offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArg {
    pub date: PartialDate,
    pub text: String,
}

/// A DATE argument that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with an optional time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time (2026-02-20T08:15:00+08:00)")]
pub struct BadDateArg(pub String);

impl FromStr for DateArg {
    type Err = BadDateArg;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDateArg(s.to_string());
        let text = s.trim();
        let (day, time) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let date: PartialDate = day.parse().map_err(|_| bad())?;
        if let Some(time) = time {
            // A time belongs to a day, and must read as one.
            if date.precision() != Precision::Day || !is_time(time) {
                return Err(bad());
            }
        }
        Ok(DateArg {
            date,
            text: text.to_string(),
        })
    }
}

impl fmt::Display for DateArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then nothing, `Z`, or `±HH:MM`.
fn is_time(s: &str) -> bool {
    let (clock, offset) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let clock_ok = ["%H:%M", "%H:%M:%S", "%H:%M:%S%.f"]
        .iter()
        .any(|f| chrono::NaiveTime::parse_from_str(clock, f).is_ok());
    let offset_ok = match offset.as_bytes() {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', ..] => chrono::NaiveTime::parse_from_str(&offset[1..], "%H:%M").is_ok(),
        _ => false,
    };
    clock_ok && offset_ok
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2025", "2025-02", "2025-03-13"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for s in ["25", "2025-13", "2025-02-30", "2025/02", "", "2025-2"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn date_arguments_take_every_form() {
        for s in [
            "2026",
            "2026-02",
            "2026-02-20",
            "2026-02-20T08:15",
            "2026-02-20T08:15:00",
            "2026-02-20T08:15:00.5Z",
            "2026-02-20T08:15:00+08:00",
            "2026-02-20 08:15",
        ] {
            let d: DateArg = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(d.to_string(), s);
        }
        let d: DateArg = "2026-02-20T08:15:00+08:00".parse().unwrap();
        assert_eq!(d.date.to_string(), "2026-02-20");
        for s in [
            "2026-02T08:15",
            "2026-02-20T",
            "2026-02-20T25:00",
            "2026-02-20T08:15+8",
            "x",
        ] {
            assert!(s.parse::<DateArg>().is_err(), "{s}");
        }
    }

    #[test]
    fn spans_and_overlaps() {
        let feb: PartialDate = "2025-02".parse().unwrap();
        assert_eq!(
            feb.last_day(),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
        let y: PartialDate = "2025".parse().unwrap();
        assert!(feb.overlaps(&y));
        assert!(!feb.overlaps(&"2025-03-01".parse().unwrap()));
    }
}

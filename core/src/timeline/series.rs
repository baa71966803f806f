//! The figures the charts plot, taken from the milestones.

use super::{Milestone, Timeline};
use crate::extract::{Kind, Story};
use chrono::NaiveDate;

/// A chartable series.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Series {
    /// Cumulative model downloads.
    Downloads,
    /// Models derived from Qwen.
    Derivatives,
    /// Share price on the listing quoted in this currency (`HKD`, `USD`, `EUR`).
    SharePrice(String),
    /// Investment amounts, in the currency they were stated in.
    Investment,
}

/// One plotted point: a milestone's value at its date.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    pub date: NaiveDate,
    pub value: f64,
    /// Index into [`Timeline::milestones`].
    pub milestone: usize,
}

impl Series {
    /// The name on the command line.
    pub fn name(&self) -> String {
        match self {
            Series::Downloads => "downloads".into(),
            Series::Derivatives => "derivatives".into(),
            Series::SharePrice(c) => format!("share-price-{}", c.to_ascii_lowercase()),
            Series::Investment => "investment".into(),
        }
    }

    /// A human title in the story's words: "Qwen cumulative downloads", "Alibaba share
    /// price (HKEX, HKD)".
    pub fn title(&self, story: &Story) -> String {
        match self {
            Series::Downloads => story.downloads_title(),
            Series::Derivatives => story.derivatives_title(),
            Series::SharePrice(c) => format!(
                "{} ({}, {c})",
                story.share_price_title(),
                story.listing_name(c)
            ),
            Series::Investment => story.investment_title(),
        }
    }

    /// The unit on the value axis.
    pub fn unit(&self) -> &str {
        match self {
            Series::Downloads => "downloads",
            Series::Derivatives => "models",
            Series::SharePrice(c) => c,
            Series::Investment => "USD",
        }
    }

    fn holds(&self, m: &Milestone) -> bool {
        match self {
            Series::Downloads => {
                m.kind == Kind::Downloads
                    && m.unit.as_deref() == Some("downloads")
                    && m.series.is_none()
            }
            Series::Derivatives => m.kind == Kind::Derivatives,
            Series::SharePrice(c) => {
                m.kind == Kind::SharePrice && m.unit.as_deref() == Some(c.as_str())
            }
            Series::Investment => m.kind == Kind::Investment && m.unit.as_deref() == Some("USD"),
        }
    }
}

impl Timeline {
    /// The dated points of a series, oldest first.
    pub fn series(&self, series: &Series) -> Vec<SeriesPoint> {
        let mut points: Vec<SeriesPoint> = self
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| series.holds(m))
            .filter_map(|(i, m)| {
                Some(SeriesPoint {
                    date: m.date?.midpoint(),
                    value: m.value?,
                    milestone: i,
                })
            })
            .collect();
        points.sort_by_key(|p| p.date);
        points
    }

    /// The share-price series present in the timeline, one per listing currency.
    pub fn share_price_series(&self) -> Vec<Series> {
        let mut currencies: Vec<String> = self
            .milestones
            .iter()
            .filter(|m| m.kind == Kind::SharePrice && m.date.is_some())
            .filter_map(|m| m.unit.clone())
            .filter(|u| u != "%")
            .collect();
        currencies.sort();
        currencies.dedup();
        currencies.into_iter().map(Series::SharePrice).collect()
    }

    /// How many distinct articles a series' points rest on.
    pub fn series_article_count(&self, series: &Series) -> usize {
        let mut ids: Vec<&str> = self
            .series(series)
            .iter()
            .flat_map(|p| {
                self.milestones[p.milestone]
                    .sources
                    .iter()
                    .map(|s| s.article.as_str())
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids.len()
    }
}

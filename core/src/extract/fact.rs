//! What extraction finds in an article: facts, each tied to the sentence that states it.

use crate::date::PartialDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kinds of milestone the contract knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Downloads,
    Derivatives,
    Ranking,
    Investment,
    SharePrice,
    Growth,
    Users,
    Release,
    Partnership,
    Impact,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Downloads,
        Kind::Derivatives,
        Kind::Ranking,
        Kind::Investment,
        Kind::SharePrice,
        Kind::Growth,
        Kind::Users,
        Kind::Release,
        Kind::Partnership,
        Kind::Impact,
        Kind::Other,
    ];

    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Downloads => "downloads",
            Kind::Derivatives => "derivatives",
            Kind::Ranking => "ranking",
            Kind::Investment => "investment",
            Kind::SharePrice => "share_price",
            Kind::Growth => "growth",
            Kind::Users => "users",
            Kind::Release => "release",
            Kind::Partnership => "partnership",
            Kind::Impact => "impact",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount and what it counts: `downloads`, `models`, `users`, an ISO 4217 code, `%`, or a plain noun.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: f64,
    pub unit: String,
}

/// How a figure is hedged in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "rund", "environ", "about"
    About,
    /// "más de", "oltre", "more than"
    MoreThan,
}

/// When a fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactDate {
    /// A date written (or resolved from words) in the sentence itself.
    Stated(PartialDate),
    /// Nothing in the sentence dates it: it holds as of the article's publication, when known.
    AsOfPublication,
}

/// One figure or event stated by one sentence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: Kind,
    /// The figure, when the fact has one.
    pub value: Option<Quantity>,
    /// A conversion the article itself states, e.g. "(rund 52,5 Milliarden US-Dollar)".
    pub converted: Option<Quantity>,
    pub qualifier: Option<Qualifier>,
    /// Which series the figure belongs to beyond its kind: the listing currency of a share move.
    pub series: Option<String>,
    /// The other party: the rival overtaken, the partner, or the products released.
    pub entities: Vec<String>,
    /// A short English topic for the title: "cloud", "app", "year to date".
    pub topic: Option<String>,
    pub date: FactDate,
    /// Byte range of the quoted sentence in the article body.
    pub quote: (usize, usize),
    /// Byte range of the figure (or the key words) inside the body.
    pub figure: (usize, usize),
}

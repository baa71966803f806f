//! One-line English titles built from a milestone's structured fact, whatever the
//! language of its sources.

use super::format::format_value;
use crate::extract::{Kind, Qualifier, Quantity, Story};

/// What a title is made from.
pub(super) struct Spec<'a> {
    pub kind: Kind,
    pub value: Option<&'a Quantity>,
    /// The same figure in other units (a stated conversion).
    pub others: &'a [Quantity],
    pub entities: &'a [String],
    pub topic: Option<&'a str>,
    pub series: Option<&'a str>,
    pub qualifier: Option<Qualifier>,
}

fn shown(q: &Quantity) -> String {
    format_value(q.amount, Some(&q.unit))
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(super) fn title(s: &Spec<'_>, story: &Story) -> String {
    let product = &story.product;
    let company = &story.company;
    let value = s.value.map(shown).unwrap_or_default();
    let percent = s
        .value
        .map(|q| format!("{}%", super::format::compact_number(q.amount.abs())));
    match s.kind {
        Kind::Downloads => match s.topic {
            Some("app") => format!("{product} app passes {value} downloads"),
            _ => format!("{product} passes {value} downloads"),
        },
        Kind::Derivatives => format!("{product} passes {value} derivative models"),
        // An app's downloads count its users, but the title says what was counted.
        Kind::Users => match (s.topic, s.value.map(|q| q.unit.as_str())) {
            (Some("app"), Some("downloads")) => format!("{product} app passes {value} downloads"),
            (Some("app"), _) => format!("{product} app reaches {value} users"),
            _ => format!("{product} reaches {value} users"),
        },
        Kind::Investment => {
            let also = s
                .others
                .first()
                .map(|o| format!(" ({})", shown(o)))
                .unwrap_or_default();
            let what = story
                .investment_in()
                .map(|w| format!(" in {w}"))
                .unwrap_or_default();
            format!("{company} announces {value} investment{what}{also}")
        }
        Kind::SharePrice => {
            let listing = s
                .series
                .map(|c| format!(" ({})", story.listing_name(c)))
                .unwrap_or_default();
            match s.value {
                Some(q) if q.unit == "%" => {
                    let verb = if q.amount < 0.0 { "fall" } else { "rise" };
                    let when = if s.topic == Some("year to date") {
                        " year to date"
                    } else {
                        ""
                    };
                    format!(
                        "{company} shares {verb} {}{when}{listing}",
                        percent.unwrap_or_default()
                    )
                }
                Some(_) => {
                    let move_ = match s.topic {
                        Some("down") => "fall to",
                        Some("up") => "rise to",
                        _ => "trade at",
                    };
                    format!("{company} shares {move_} {value}{listing}")
                }
                None => format!("{company} shares move"),
            }
        }
        Kind::Growth => {
            let pct = percent.unwrap_or_default();
            let falls = s.value.is_some_and(|q| q.amount < 0.0);
            match (s.topic, falls) {
                (Some("cloud"), false) => format!("{company} Cloud grows {pct}"),
                (Some("cloud"), true) => format!("{company} Cloud shrinks {pct}"),
                (_, false) => format!("{company} reports {pct} growth"),
                (_, true) => format!("{company} reports a {pct} decline"),
            }
        }
        Kind::Impact => {
            let noun = s.value.map(|q| q.unit.as_str()).unwrap_or("uses");
            let count = s
                .value
                .map(|q| super::format::compact_number(q.amount))
                .unwrap_or_default();
            let more = if s.qualifier == Some(Qualifier::MoreThan) {
                "over "
            } else {
                ""
            };
            format!("{company} AI reaches {more}{count} {noun}")
        }
        Kind::Release => {
            let names = list(s.entities);
            let launch = s.entities.len() == 1
                && (s.entities[0].ends_with(" app") || s.entities[0] == *product);
            if launch && s.entities[0] != *product {
                format!("{company} launches the {names}")
            } else if launch {
                format!("{company} launches {names}")
            } else {
                format!("{company} releases {names}")
            }
        }
        Kind::Partnership => {
            let partner = s
                .entities
                .first()
                .map(String::as_str)
                .unwrap_or("a partner");
            let owner = story
                .partners
                .iter()
                .find(|p| p.name == partner)
                .and_then(|p| p.owner.as_ref())
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            format!("{company} partners with {partner}{owner}")
        }
        Kind::Ranking => {
            let metric = if s.topic == Some("downloads") {
                " in downloads"
            } else {
                ""
            };
            if s.series == Some("combined") {
                let n = s.entities.first().map(String::as_str).unwrap_or("rival");
                format!("{product} passes the next {n} model families combined{metric}")
            } else {
                let rival = s.entities.first().map(String::as_str).unwrap_or("a rival");
                let owner = story
                    .rivals
                    .iter()
                    .find(|r| r.name == rival)
                    .and_then(|r| r.owner.as_ref())
                    .map(|o| format!("{o}'s "))
                    .unwrap_or_default();
                let who = if s.topic == Some("app") {
                    format!("{product} app")
                } else {
                    product.clone()
                };
                format!("{who} overtakes {owner}{rival}{metric}")
            }
        }
        Kind::Other => match (s.topic, s.value) {
            (Some("price"), Some(q)) if q.unit == "%" && q.amount < 0.0 => format!(
                "{product} prices cut by {}",
                percent.clone().unwrap_or_default()
            ),
            (Some("price"), Some(q)) if q.unit == "%" => format!(
                "{product} prices raised by {}",
                percent.clone().unwrap_or_default()
            ),
            _ => format!("{product}: {value}"),
        },
    }
}

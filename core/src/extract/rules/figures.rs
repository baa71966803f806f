//! Figure rules: what kind of fact a figure states, and whose it is.

use crate::extract::assemble::{Figure, SentenceCtx, Unit};
use crate::extract::items::Item;
use crate::extract::lexicon::Term;
use crate::extract::{Fact, FactDate, Kind, Quantity};

/// Per-share prices stay far below this; a larger sum near a share word is something else.
const MAX_SHARE_PRICE: f64 = 100_000.0;

impl SentenceCtx<'_, '_> {
    pub(in crate::extract) fn figure_fact(&self, fig: &Figure, all: &[Figure]) -> Option<Fact> {
        if !self.owned_by_subject(fig.at, true) {
            return None;
        }
        // A figure dated after its own publication is a forecast, not a fact.
        if let (FactDate::Stated(d), Some(p)) = (self.fact_date(fig.at, false), self.published) {
            if d.first_day() > p {
                return None;
            }
        }
        let mut fact = Fact {
            kind: Kind::Other,
            value: None,
            converted: fig.converted.clone(),
            qualifier: fig.qualifier,
            series: None,
            entities: Vec::new(),
            topic: None,
            date: self.fact_date(fig.at, false),
            quote: self.quote(),
            figure: (fig.start, fig.end),
        };
        let is = |t: &Term, want: &Term| std::mem::discriminant(t) == std::mem::discriminant(want);
        let pick = |clause_only: bool, wanted: &[Term]| -> Option<Term> {
            self.nearest(fig.at, clause_only, |i| {
                i.has(|t| wanted.iter().any(|w| is(t, w)))
            })
            .and_then(|i| {
                i.terms()
                    .iter()
                    .find(|t| wanted.iter().any(|w| is(t, w)))
                    .cloned()
            })
        };
        if fig.percent {
            // A business segment ("the cloud division, up 26%") grows; a price noun makes a
            // price change ("cut prices by 97%", "60% cheaper") unless shares are the topic.
            let wanted = [Term::Growth, Term::Share, Term::Price, Term::Cloud];
            let mut kind = pick(true, &wanted).or_else(|| pick(false, &wanted))?;
            if kind == Term::Price && pick(true, &[Term::Share]).is_some() {
                kind = Term::Share;
            }
            if kind == Term::Cloud {
                kind = if pick(true, &[Term::Share]).is_some() {
                    Term::Share
                } else {
                    Term::Growth
                };
            }
            let down = self.direction(fig) == Some(false);
            let amount = if fig.negative || down {
                -fig.amount.abs()
            } else {
                fig.amount
            };
            fact.value = Some(Quantity {
                amount,
                unit: "%".into(),
            });
            if kind == Term::Price {
                // A price change is the subject's only when the sentence names it: "house
                // prices rose 8%" on the same page is not.
                if !self.items().iter().any(Item::is_subject) {
                    return None;
                }
                fact.kind = Kind::Other;
                fact.topic = Some("price".into());
            } else if kind == Term::Growth {
                fact.kind = Kind::Growth;
                fact.topic = self
                    .has_term(|t| matches!(t, Term::Cloud))
                    .then(|| "cloud".into());
            } else {
                fact.kind = Kind::SharePrice;
                fact.series = self.listing(fig, all);
                if self
                    .date_mention(fig.at, false)
                    .is_some_and(|d| d.year_to_date)
                {
                    fact.topic = Some("year to date".into());
                }
            }
        } else if let Some(code) = &fig.currency {
            // The closest investment or share word, its own clause first. A share price is
            // per share: billions near a share word are some other sum. Closer still, an
            // earnings word makes the sum a result ("earnings of 14.75 yuan per share").
            let kind = self
                .by_closeness(fig.at)
                .filter_map(|i| {
                    i.terms()
                        .iter()
                        .find(|t| matches!(t, Term::Investment | Term::Share | Term::Earnings))
                })
                .find(|t| !(**t == Term::Share && fig.amount >= MAX_SHARE_PRICE))?
                .clone();
            if kind == Term::Earnings {
                return None;
            }
            fact.kind = if kind == Term::Investment {
                Kind::Investment
            } else {
                Kind::SharePrice
            };
            fact.value = Some(Quantity {
                amount: fig.amount,
                unit: code.clone(),
            });
            if fact.kind == Kind::SharePrice {
                fact.series = Some(code.clone());
                fact.topic = self
                    .direction(fig)
                    .map(|up| if up { "up" } else { "down" }.into());
            }
        } else {
            let unit = fig.unit.clone().or_else(|| self.unit_before(fig))?;
            let (kind, noun) = match unit {
                Unit::Kind(Kind::Downloads) => (Kind::Downloads, "downloads".to_string()),
                Unit::Kind(Kind::Derivatives) => (Kind::Derivatives, "models".to_string()),
                Unit::Kind(Kind::Users) => (Kind::Users, "users".to_string()),
                Unit::Kind(k) => (k, k.as_str().to_string()),
                Unit::Impact(noun) => (Kind::Impact, noun),
            };
            // "eleven companies had approval for their AI": a count of companies is most
            // often of others, so it is the subject's only when its sentence names the subject.
            let others = kind == Kind::Impact && noun == "companies";
            if others && !self.items().iter().any(Item::is_subject) {
                return None;
            }
            fact.kind = kind;
            fact.value = Some(Quantity {
                amount: fig.amount,
                unit: noun,
            });
            let of_app = self.of_app();
            if of_app && matches!(kind, Kind::Users | Kind::Downloads) {
                fact.topic = Some("app".into());
            }
            // An app's downloads count its users, apart from model downloads.
            if of_app && kind == Kind::Downloads {
                fact.kind = Kind::Users;
                fact.series = Some("app".into());
            }
        }
        Some(fact)
    }

    /// Whether the sentence speaks of an app: it names one, or it names nothing we know and
    /// follows, in its paragraph, a sentence that does ("... its new app. It was downloaded
    /// ten million times").
    fn of_app(&self) -> bool {
        *self.of_app.get_or_init(|| self.speaks_of_app())
    }

    fn speaks_of_app(&self) -> bool {
        let app = |items: &[Item<'_>]| items.iter().any(|i| i.has(|t| matches!(t, Term::App)));
        if app(self.items()) {
            return true;
        }
        let names_nothing = !self
            .items()
            .iter()
            .any(|i| i.is_subject() || i.rival().is_some() || i.partner().is_some());
        names_nothing
            && self.previous.last().is_some_and(|prev| {
                prev.sentence.paragraph == self.p.sentence.paragraph && app(&prev.items)
            })
    }

    /// The listing a share move belongs to: the currency of a price in its clause, else a
    /// trading venue named in its clause, else a price elsewhere in the sentence.
    fn listing(&self, fig: &Figure, all: &[Figure]) -> Option<String> {
        let in_clause = |f: &&Figure| f.currency.is_some() && self.p.same_clause(f.at, fig.at);
        if let Some(f) = all.iter().find(in_clause) {
            return f.currency.clone();
        }
        let (start, end) = self.quote();
        let text = &self.body[start..end];
        let venue = self
            .venues
            .find_iter(text)
            .filter(|m| self.p.same_clause(start + m.start(), fig.at))
            .min_by_key(|m| (start + m.start()).abs_diff(fig.at));
        if let Some(m) = venue {
            return self.venue_codes.get(m.pattern().as_usize()).cloned();
        }
        all.iter().find_map(|f| f.currency.clone())
    }
}

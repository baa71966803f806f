//! A sentence in context: figures assembled from its items, and the helpers the rules share.

use super::dates::DateMention;
use super::items::{adjacent, at_most_words, currency_of, short_gap, Item, ParsedSentence, What};
use super::lexicon::Term;
use super::story::Story;
use super::{Fact, FactDate, Kind, Qualifier, Quantity};

/// A figure assembled from a number and what stands around it.
#[derive(Debug, Clone)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Where the number itself stands (used for distances).
    pub(super) at: usize,
    pub(super) amount: f64,
    pub(super) negative: bool,
    pub(super) currency: Option<String>,
    pub(super) percent: bool,
    pub(super) unit: Option<Unit>,
    pub(super) converted: Option<Quantity>,
    pub(super) qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Unit {
    Kind(Kind),
    Impact(String),
}

pub(super) struct SentenceCtx<'a, 'l> {
    pub(super) body: &'a str,
    pub(super) p: &'a ParsedSentence<'a, 'l>,
    /// Whether the paragraph so far is about the subject.
    pub(super) inherited: bool,
    pub(super) story: &'a Story,
    pub(super) previous: &'a [ParsedSentence<'a, 'l>],
    pub(super) published: Option<chrono::NaiveDate>,
    pub(super) venues: &'a aho_corasick::AhoCorasick,
    pub(super) venue_codes: &'a [String],
    /// The product the article names most often: what "its new model" refers to.
    pub(super) main_product: Option<&'a str>,
    /// [`SentenceCtx::of_app`], worked out once per sentence.
    pub(super) of_app: std::cell::OnceCell<bool>,
}

impl SentenceCtx<'_, '_> {
    pub(super) fn items(&self) -> &[Item<'_>] {
        &self.p.items
    }

    pub(super) fn quote(&self) -> (usize, usize) {
        (self.p.sentence.start, self.p.sentence.end)
    }

    pub(super) fn facts(&self, out: &mut Vec<Fact>) {
        let forecast = self
            .items()
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Forecast)));
        // A forecast word governs its clause and what follows it: "the cloud division, up
        // 26%, beat forecasts (18.4%)" states the 26% and only expects the 18.4%.
        let forecast_from = forecast.map(|i| self.p.clause_start(i.start));
        let stated = |at: usize| forecast_from.is_none_or(|from| at < from);
        let figures = self.figures();
        // The threshold phrases, in text order: a figure is a condition when the last one
        // before it stands in its clause (a search, so that many figures stay linear).
        let thresholds: Vec<usize> = self
            .items()
            .iter()
            .filter(|i| i.has(|t| matches!(t, Term::Threshold)))
            .map(|i| i.start)
            .collect();
        let threshold = |at: usize| {
            let before = thresholds.partition_point(|&t| t < at);
            before
                .checked_sub(1)
                .is_some_and(|k| self.p.same_clause(thresholds[k], at))
        };
        for f in &figures {
            if !stated(f.at) || threshold(f.at) {
                continue;
            }
            if let Some(fact) = self.figure_fact(f, &figures) {
                out.push(fact);
            }
        }
        if let Some(f) = self.ranking() {
            out.push(f);
        }
        if let Some(f) = self.release().filter(|f| stated(f.figure.0)) {
            out.push(f);
        }
        if let Some(f) = self.partnership() {
            out.push(f);
        }
    }

    /// Numbers with their magnitude, currency or percent sign, unit noun and stated conversion.
    fn figures(&self) -> Vec<Figure> {
        let items = self.items();
        let mut used = vec![false; items.len()];
        let mut out = Vec::new();
        for i in 0..items.len() {
            if used[i] {
                continue;
            }
            let Some(amount) = items[i].number_value() else {
                continue;
            };
            let year_like = matches!(&items[i].what, What::Number(n) if n.year_like);
            let negative = matches!(&items[i].what, What::Number(n) if n.negative);
            let (fig, last) = self.assemble(i, amount, negative, &mut used);
            let attached = fig.currency.is_some() || fig.percent || fig.unit.is_some() || last > i;
            if year_like && !attached {
                continue;
            }
            for u in used.iter_mut().take(last + 1).skip(i) {
                *u = true;
            }
            if fig.currency.is_some()
                || fig.percent
                || fig.unit.is_some()
                || self.unit_before(&fig).is_some()
            {
                out.push(fig);
            }
        }
        out
    }

    /// Builds a figure from the number at `i`; returns it and the index of its last item.
    fn assemble(
        &self,
        i: usize,
        amount: f64,
        negative: bool,
        used: &mut [bool],
    ) -> (Figure, usize) {
        let items = self.items();
        let body = self.body;
        let n = &items[i];
        // An explicit minus belongs to the figure: "-1,59 %".
        let sign = usize::from(negative)
            * self.body[..n.start]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
        let mut fig = Figure {
            start: n.start - sign,
            end: n.end,
            at: n.start,
            amount,
            negative,
            currency: None,
            percent: false,
            unit: None,
            converted: None,
            qualifier: None,
        };
        // A currency written before: "US$166", "$ 5", "€ 12".
        if i > 0 && !used[i - 1] {
            if let Some(code) = currency_of(&items[i - 1]) {
                if adjacent(body, items[i - 1].end, n.start) {
                    fig.currency = Some(code);
                    fig.start = items[i - 1].start;
                    used[i - 1] = true;
                }
            }
        }
        fig.qualifier = self.qualifier_before(i);
        let mut j = i + 1;
        // Magnitude: "700 milhões", "52,5 Milliarden", "5bn".
        if let Some(next) = items.get(j) {
            if let Some(m) = next.terms().iter().find_map(|t| match t {
                Term::Magnitude(m) => Some(*m),
                _ => None,
            }) {
                if adjacent(body, fig.end, next.start) {
                    fig.amount *= m;
                    fig.end = next.end;
                    j += 1;
                }
            }
        }
        // Currency or percent after: "Yuan", "de dollars", "di dollari", "%", "Prozent".
        if let Some(next) = items.get(j) {
            if fig.currency.is_none() {
                if let Some(code) = currency_of(next) {
                    if at_most_words(body, fig.end, next.start, 1)
                        && short_gap(body, fig.end, next.start)
                    {
                        fig.currency = Some(code);
                        fig.end = next.end;
                        j += 1;
                    }
                }
            }
            if fig.currency.is_none()
                && next.has(|t| matches!(t, Term::Percent))
                && adjacent(body, fig.end, next.start)
            {
                fig.percent = true;
                fig.end = next.end;
                j += 1;
            }
        }
        // A stated conversion: "(rund 52,5 Milliarden US-Dollar)", ", soit environ 53 milliards de dollars".
        if let Some(code) = fig.currency.clone() {
            if let Some((q, last)) = self.conversion(j, fig.end, &code, used) {
                fig.converted = Some(q);
                return (fig, last);
            }
        }
        // A unit noun: "de downloads", "modelli derivati", "d'utilisateurs", "jeunes patients".
        if fig.currency.is_none() && !fig.percent {
            for (k, next) in items.iter().enumerate().skip(j).take(4) {
                if !at_most_words(body, fig.end, next.start, 2)
                    || !self.p.same_clause(fig.end, next.start)
                {
                    break;
                }
                if let Some(unit) = unit_of(next) {
                    fig.unit = Some(unit);
                    fig.end = next.end;
                    return (fig, k);
                }
                if next.number_value().is_some() {
                    break;
                }
            }
        }
        (fig, j.saturating_sub(1).max(i))
    }

    /// The same sum in another currency right after a sum: in parentheses, or after a comma
    /// or dash and at most three words ("soit environ", "or about", "ou seja").
    fn conversion(
        &self,
        j: usize,
        after: usize,
        code: &str,
        used: &mut [bool],
    ) -> Option<(Quantity, usize)> {
        let body = self.body;
        let items = self.items();
        let k = (j..items.len())
            .find(|&k| items[k].number_value().is_some() || currency_of(&items[k]).is_some())?;
        let gap = body.get(after..items[k].start)?;
        let in_parens = gap.trim_start().starts_with('(');
        let set_off = gap.trim_start().starts_with([',', '–', '—', '-'])
            && at_most_words(body, after, items[k].start, 3);
        // "380 Mrd. Yuan bzw. rund 52 Mrd. Dollar": an approximation word announces the same sum.
        let approximated = at_most_words(body, after, items[k].start, 2)
            && items[j..k]
                .iter()
                .any(|i| i.has(|t| matches!(t, Term::About)));
        if !(in_parens || set_off || approximated) {
            return None;
        }
        let close = if in_parens {
            after + body.get(after..self.p.sentence.end)?.find(')')?
        } else {
            self.p.sentence.end
        };
        let start = if currency_of(&items[k]).is_some() {
            k + 1
        } else {
            k
        };
        let amount = items.get(start)?.number_value()?;
        let (inner, last) = self.assemble(start, amount, false, used);
        let other = inner.currency?;
        (inner.end <= close && other != code).then_some({
            (
                Quantity {
                    amount: inner.amount,
                    unit: other,
                },
                last,
            )
        })
    }

    fn qualifier_before(&self, i: usize) -> Option<Qualifier> {
        let items = self.items();
        let n = &items[i];
        items[..i].iter().rev().take(3).find_map(|item| {
            if !at_most_words(self.body, item.end, n.start, 1) {
                return None;
            }
            item.terms().iter().find_map(|t| match t {
                Term::About => Some(Qualifier::About),
                Term::MoreThan => Some(Qualifier::MoreThan),
                _ => None,
            })
        })
    }

    /// "downloads reached 700 million": a unit noun shortly before a large count, same clause.
    pub(super) fn unit_before(&self, fig: &Figure) -> Option<Unit> {
        if fig.currency.is_some() || fig.percent || fig.amount < 1000.0 {
            return None;
        }
        // Items are in text order: only those starting before the figure can end before it,
        // found by binary search so that a run of numbers stays linear.
        let items = self.items();
        let before = items.partition_point(|i| i.start < fig.start);
        items[..before]
            .iter()
            .rev()
            .filter(|i| i.end <= fig.start)
            .take_while(|i| {
                self.p.same_clause(i.end, fig.start)
                    && at_most_words(self.body, i.end, fig.start, 8)
            })
            .find_map(unit_of)
    }

    /// The nearest item before `pos` (else after it, in its clause) satisfying `f`.
    pub(super) fn nearest(
        &self,
        pos: usize,
        clause_only: bool,
        f: impl Fn(&Item<'_>) -> bool,
    ) -> Option<&Item<'_>> {
        let ok = |i: &&Item<'_>| f(i) && (!clause_only || self.p.same_clause(i.start, pos));
        let before = self.items().iter().rev().filter(|i| i.end <= pos).find(ok);
        before.or_else(|| self.items().iter().filter(|i| i.start >= pos).find(ok))
    }

    /// Whether what stands at `pos` is said of the subject, not of a rival: the nearest name
    /// before it, else after it in its clause, else what the paragraph was about.
    pub(super) fn about_subject(&self, pos: usize) -> bool {
        self.owned_by_subject(pos, false)
    }

    /// As `about_subject`, where a known partner may also be the one named ("iPhone sales
    /// plunged 25%": a partner's own figure is not the subject's).
    pub(super) fn owned_by_subject(&self, pos: usize, partners_own: bool) -> bool {
        // A partner owns a figure only in the figure's own clause.
        let entity = |i: &Item<'_>| {
            i.is_subject()
                || i.rival().is_some()
                || (partners_own && i.partner().is_some() && self.p.same_clause(i.start, pos))
        };
        let after = || {
            self.items()
                .iter()
                .filter(|i| i.start >= pos)
                .find(|i| entity(i) && self.p.same_clause(i.start, pos))
        };
        let before = || {
            self.items()
                .iter()
                .rev()
                .filter(|i| i.end <= pos)
                .find(|i| entity(i))
        };
        match before().or_else(after) {
            Some(item) => item.is_subject(),
            None => self.inherited,
        }
    }

    /// The subject or rival named last before `pos`.
    pub(super) fn entity_before(&self, pos: usize) -> Option<&Item<'_>> {
        self.items()
            .iter()
            .rev()
            .filter(|i| i.end <= pos)
            .find(|i| i.is_subject() || i.rival().is_some())
    }

    /// The date mention that dates what stands at `pos`: the nearest in its clause, else the
    /// nearest before it ("Em janeiro, esses modelos..."), else the first after it unless
    /// another event stands between ("700 milioni..., consolidando il sorpasso su
    /// Llama avvenuto a ottobre": October dates the overtaking, not the downloads).
    pub(super) fn date_mention(&self, pos: usize, allow_since: bool) -> Option<&DateMention> {
        let usable = || self.p.dates.iter().filter(move |d| allow_since || !d.since);
        let distance = |d: &&DateMention| {
            if d.end <= pos {
                pos - d.end
            } else {
                d.start.saturating_sub(pos)
            }
        };
        usable()
            .filter(|d| self.p.same_clause(d.start, pos))
            .min_by_key(distance)
            .or_else(|| usable().filter(|d| d.end <= pos).max_by_key(|d| d.end))
            .or_else(|| {
                let first = usable()
                    .filter(|d| d.start >= pos)
                    .min_by_key(|d| d.start)?;
                // "at the Summit 2025 in Dubai on February 13": the most precise date of
                // that clause.
                let later = usable()
                    .filter(|d| d.start >= first.start && self.p.same_clause(first.start, d.start))
                    .max_by_key(|d| (d.date.precision(), std::cmp::Reverse(d.start)))
                    .unwrap_or(first);
                let event = |i: &Item<'_>| {
                    i.has(|t| matches!(t, Term::Overtake | Term::Release | Term::Partnership))
                };
                let between = self
                    .items()
                    .iter()
                    .filter(|i| i.start > pos && i.end <= later.start);
                let own = self
                    .items()
                    .iter()
                    .find(|i| i.start <= pos && pos < i.end.max(i.start + 1));
                let crossed = between
                    .filter(|i| own.is_none_or(|o| o.start != i.start))
                    .any(event);
                (!crossed).then_some(later)
            })
    }

    pub(super) fn fact_date(&self, pos: usize, allow_since: bool) -> FactDate {
        self.date_mention(pos, allow_since)
            .map_or(FactDate::AsOfPublication, |d| FactDate::Stated(d.date))
    }

    pub(super) fn has_term(&self, f: impl Fn(&Term) -> bool + Copy) -> bool {
        self.items().iter().any(|i| i.has(f))
    }

    /// Up (`true`) or down (`false`), from the nearest direction word: clause first, then sentence.
    pub(super) fn direction(&self, fig: &Figure) -> Option<bool> {
        let dir = |i: &Item<'_>| i.has(|t| matches!(t, Term::Up | Term::Down));
        let item = self
            .nearest(fig.at, true, dir)
            .or_else(|| self.nearest(fig.at, false, dir))?;
        Some(item.has(|t| matches!(t, Term::Up)) && !item.has(|t| matches!(t, Term::Down)))
    }

    /// The sentence's items from the closest to `pos` outwards, those in its clause first.
    pub(super) fn by_closeness(&self, pos: usize) -> impl Iterator<Item = &Item<'_>> {
        let mut items: Vec<&Item<'_>> = self.items().iter().collect();
        items.sort_by_key(|i| {
            (
                !self.p.same_clause(i.start, pos),
                if i.end <= pos {
                    pos - i.end
                } else {
                    i.start - pos
                },
            )
        });
        items.into_iter()
    }

    /// A fact without a figure, dated from `at` (its key word) and quoting `span`.
    pub(super) fn event(
        &self,
        kind: Kind,
        entities: Vec<String>,
        span: (usize, usize),
        at: usize,
        allow_since: bool,
    ) -> Fact {
        Fact {
            kind,
            value: None,
            converted: None,
            qualifier: None,
            series: None,
            entities,
            topic: None,
            date: self.fact_date(at, allow_since),
            quote: self.quote(),
            figure: span,
        }
    }
}

pub(super) fn unit_of(item: &Item<'_>) -> Option<Unit> {
    item.terms().iter().find_map(|t| match t {
        Term::Unit(k) => Some(Unit::Kind(*k)),
        Term::Impact(noun) => Some(Unit::Impact(noun.clone())),
        _ => None,
    })
}

//! Milestones: what a cluster of facts says, sorted, named, and checked for conflicts.

use super::cluster::{agree, names_agree, precision_rank, quantities, visit_order, Cluster, Entry};
use crate::corpus::Article;
use crate::date::PartialDate;
use crate::extract::{Fact, FactDate, Kind, Quantity, Story};
use crate::timeline::{title, Milestone, Source};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// Every source of an article shows its date the same way: formatted once per article.
pub(super) fn published_dates(articles: &[Article]) -> Vec<Option<String>> {
    articles.par_iter().map(Source::published_of).collect()
}

/// A milestone with the fact that founded its cluster: `(article, fact index)`.
#[derive(Clone)]
pub(super) struct Placed {
    pub(super) milestone: Milestone,
    pub(super) first: (usize, usize),
}

/// Sorts milestones oldest first, names them and lists conflicts.
pub(super) fn finish(
    mut placed: Vec<Placed>,
    articles: &[Article],
    facts: &[Vec<Fact>],
) -> (Vec<Milestone>, Vec<String>) {
    let founded = |p: &Placed| {
        let (a, f) = p.first;
        facts
            .get(a)
            .and_then(|list| list.get(f))
            .map(|fact| visit_order(articles, a, f, fact))
    };
    let date = |m: &Milestone| {
        (
            m.date.map(|d| d.first_day()).unwrap_or(NaiveDate::MAX),
            m.date.map(|d| d.precision()),
        )
    };
    // No two milestones were founded by one fact: the order is total, and an unstable sort
    // gives the one order.
    placed.par_sort_unstable_by(|a, b| {
        let (x, y) = (&a.milestone, &b.milestone);
        date(x)
            .cmp(&date(y))
            .then(x.kind.cmp(&y.kind))
            .then_with(|| x.title.cmp(&y.title))
            // Ties keep the order their clusters were founded in.
            .then_with(|| founded(a).cmp(&founded(b)))
    });
    let mut milestones: Vec<Milestone> = placed.into_iter().map(|p| p.milestone).collect();
    assign_ids(&mut milestones);
    let warnings = conflicts(&milestones);
    (milestones, warnings)
}

/// A cluster's milestone, with the fact that founded it.
pub(super) fn to_milestone(
    cluster: &Cluster,
    entries: &[Entry<'_>],
    articles: &[Article],
    published: &[Option<String>],
    story: &Story,
) -> Placed {
    let members: Vec<&Entry<'_>> = cluster.members.iter().map(|&i| &entries[i]).collect();
    let seed = members[0].fact;

    // One source per article: its best-dated, most specific statement, a sentence of the
    // text before a headline repeated in the body.
    let mut best: Vec<&Entry<'_>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    let rank = |e: &Entry<'_>| {
        (
            precision_rank(e.fact),
            is_heading(&articles[e.article].body, e.fact.quote),
            std::cmp::Reverse(e.fact.entities.len()),
            e.fact.quote.0,
        )
    };
    for m in &members {
        match slot.get(&m.article).map(|&i| &mut best[i]) {
            Some(b) => {
                let better = rank(m) < rank(b);
                if better {
                    *b = m;
                }
            }
            None => {
                slot.insert(m.article, best.len());
                best.push(m);
            }
        }
    }
    best.sort_by_key(|e| {
        (
            articles[e.article].published.unwrap_or(NaiveDate::MAX),
            e.article,
        )
    });

    let date = members
        .iter()
        .filter_map(|e| match e.fact.date {
            FactDate::Stated(d) => Some(d),
            FactDate::AsOfPublication => None,
        })
        .min_by_key(|d| (std::cmp::Reverse(d.precision()), d.first_day()))
        .or_else(|| {
            best.iter()
                .filter_map(|e| articles[e.article].published)
                .min()
                .map(|p| PartialDate::day(p).to_month())
        });

    // The value most sources state, as stated (never an average).
    let mut tally: Vec<(Quantity, usize)> = Vec::new();
    for e in &best {
        if let Some(q) = &e.fact.value {
            match tally.iter_mut().find(|(t, _)| agree(t, q)) {
                Some((_, n)) => *n += 1,
                None => tally.push((q.clone(), 1)),
            }
        }
    }
    let value = tally.iter().max_by_key(|(_, n)| *n).map(|(q, _)| q.clone());
    let others: Vec<Quantity> = members
        .iter()
        .flat_map(|e| quantities(e.fact))
        .filter(|q| value.as_ref().is_none_or(|v| v.unit != q.unit))
        .fold(Vec::new(), |mut acc: Vec<Quantity>, q| {
            if !acc.iter().any(|a| a.unit == q.unit) {
                acc.push(q.clone());
            }
            acc
        });

    let mut entities: Vec<String> = Vec::new();
    for e in &members {
        for name in &e.fact.entities {
            if !entities.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                entities.push(name.clone());
            }
        }
    }
    if cluster.kind == Kind::Release {
        let all = entities.clone();
        entities.retain(|n| {
            !all.iter()
                .any(|m| m != n && names_agree(n, m) && m.len() > n.len())
        });
    }
    let topic = members.iter().find_map(|e| e.fact.topic.clone());
    let series = members.iter().find_map(|e| e.fact.series.clone());

    let sources = best
        .iter()
        .map(|e| {
            Source::of(
                e.article,
                &articles[e.article],
                published[e.article].clone(),
                e.fact.quote,
                e.fact.figure,
            )
        })
        .collect();

    let spec = title::Spec {
        kind: cluster.kind,
        value: value.as_ref(),
        others: &others,
        entities: &entities,
        topic: topic.as_deref(),
        series: series.as_deref(),
        qualifier: seed.qualifier,
    };
    let founder = members[0];
    Placed {
        milestone: Milestone {
            id: String::new(),
            date,
            kind: cluster.kind,
            title: title::title(&spec, story),
            value: value.as_ref().map(|q| q.amount),
            unit: value.as_ref().map(|q| q.unit.clone()),
            sources,
            series,
        },
        first: (founder.article, founder.fact_index),
    }
}

/// Whether a quoted span reads as a headline: it ends without a sentence's final mark.
fn is_heading(body: &str, (start, end): (usize, usize)) -> bool {
    let text = body.get(start..end).unwrap_or("").trim_end();
    let text = text.trim_end_matches(['"', '\'', '»', '”', '’', ')']);
    !text.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// Ids readable and stable across runs: `2026-01-downloads-700m`.
fn assign_ids(milestones: &mut [Milestone]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for m in milestones.iter_mut() {
        let date = m.date.map_or("undated".to_string(), |d| d.to_string());
        let what = match (m.value, &m.unit) {
            (Some(v), Some(u)) => format!("{}-{}", crate::timeline::compact_number(v), u),
            _ => m.title.clone(),
        };
        let base = slug(&format!("{date}-{}-{what}", m.kind.as_str()));
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        m.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// Lowercase ASCII letters, digits and single dashes only: safe in any file name or URL.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '.' if out.chars().last().is_some_and(|p: char| p.is_ascii_digit()) => 'p',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// At most this many conflicts are listed one by one; the rest are counted.
const MAX_CONFLICTS_LISTED: usize = 100;

/// The citing articles of a milestone, the first few by name.
fn cited(m: &Milestone) -> String {
    let names: Vec<&str> = m
        .sources
        .iter()
        .take(3)
        .map(|s| s.article.as_str())
        .collect();
    match m.sources.len().saturating_sub(3) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

/// Two figures for one series on one stated date: kept apart, and said.
pub(in crate::timeline) fn conflicts(milestones: &[Milestone]) -> Vec<String> {
    let mut seen: HashMap<(Kind, Option<&str>, &str, PartialDate), &Milestone> = HashMap::new();
    let mut out = Vec::new();
    for m in milestones {
        let (Some(date), Some(unit), Some(_)) = (m.date, &m.unit, m.value) else {
            continue;
        };
        if matches!(m.kind, Kind::Impact | Kind::Other) {
            continue;
        }
        let key = (m.kind, m.series.as_deref(), unit.as_str(), date);
        match seen.get(&key) {
            Some(first) => {
                let names = cited;
                out.push(format!(
                    "conflicting figures for {} on {date}: {} ({}) vs {} ({}); both kept",
                    m.kind,
                    first.display_value().unwrap_or_default(),
                    names(first),
                    m.display_value().unwrap_or_default(),
                    names(m)
                ));
            }
            None => {
                seen.insert(key, m);
            }
        }
    }
    if out.len() > MAX_CONFLICTS_LISTED {
        let more = out.len() - MAX_CONFLICTS_LISTED;
        out.truncate(MAX_CONFLICTS_LISTED);
        out.push(format!("... and {more} more conflicting figures, all kept"));
    }
    out
}

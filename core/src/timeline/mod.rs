//! Milestones: facts reconciled across articles, each citing every source that states it.

mod format;
mod output;
mod reconcile;
pub mod series;
mod title;

use crate::corpus::{Article, Corpus};
use crate::date::PartialDate;
use crate::extract::{Extractor, Fact, Kind, Story};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

pub use format::{compact_number, format_value};
pub use output::{
    render_csv, render_ics, render_json, render_markdown, render_table, render_timelinejs,
    write_json, SCHEMA_VERSION,
};
pub use reconcile::Reconciliation;
pub use series::{Series, SeriesPoint};

/// One article's statement of a milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The citing article's id.
    pub article: String,
    pub lang: String,
    pub published: Option<String>,
    /// The sentence that states it, equal to `body[start..end]`.
    pub quote: String,
    pub start: usize,
    pub end: usize,
    /// Index of the article in [`Timeline::articles`].
    #[serde(skip)]
    pub article_index: usize,
    /// Byte range of the figure or key words inside the body (for highlighting).
    #[serde(skip)]
    pub figure: (usize, usize),
}

impl Source {
    /// The statement at `quote` (a byte range of its body) of the article at `index`, whose
    /// publication date reads `published`.
    pub(crate) fn of(
        index: usize,
        article: &Article,
        published: Option<String>,
        quote: (usize, usize),
        figure: (usize, usize),
    ) -> Source {
        let (start, end) = quote;
        Source {
            article: article.id.clone(),
            lang: article.lang.clone(),
            published,
            quote: article.body.get(start..end).unwrap_or_default().to_string(),
            start,
            end,
            article_index: index,
            figure,
        }
    }

    /// An article's publication date as its sources show it.
    pub(crate) fn published_of(article: &Article) -> Option<String> {
        article.published.map(|p| PartialDate::day(p).to_string())
    }
}

/// A point of the story: one fact, however many articles state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub id: String,
    pub date: Option<PartialDate>,
    pub kind: Kind,
    pub title: String,
    #[serde(serialize_with = "whole_numbers_as_integers")]
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub sources: Vec<Source>,
    /// The series beyond the kind (a share move's listing currency), for charts.
    #[serde(skip)]
    pub series: Option<String>,
}

/// `700000000`, not `700000000.0`: counts and sums print as the integers they are.
pub fn whole_numbers_as_integers<S: serde::Serializer>(
    value: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// [`whole_numbers_as_integers`] for a value always present.
pub fn whole_number<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    whole_numbers_as_integers(&Some(*value), s)
}

impl Milestone {
    /// The value formatted for display: `700M`, `US$53B`, `−2.45 %`.
    pub fn display_value(&self) -> Option<String> {
        Some(format_value(self.value?, self.unit.as_deref()))
    }

    /// The languages of the citing articles, in source order, without repeats.
    pub fn languages(&self) -> Vec<&str> {
        let mut langs: Vec<&str> = Vec::new();
        for s in &self.sources {
            if !langs.contains(&s.lang.as_str()) {
                langs.push(&s.lang);
            }
        }
        langs
    }
}

/// The whole story as the corpus tells it.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub articles: Vec<Article>,
    /// Oldest first; undated milestones last.
    pub milestones: Vec<Milestone>,
    /// One line per problem met while loading or reconciling, naming the file.
    pub warnings: Vec<String>,
    /// The story told: its names and labels title the dashboard and the charts.
    pub story: Arc<Story>,
}

impl Default for Timeline {
    /// An empty timeline of the bundled story.
    fn default() -> Timeline {
        Timeline {
            articles: Vec::new(),
            milestones: Vec::new(),
            warnings: Vec::new(),
            story: Story::bundled(),
        }
    }
}

impl Timeline {
    /// Extracts every article (in parallel) with the bundled story and reconciles the facts.
    pub fn build(corpus: Corpus) -> Timeline {
        Timeline::build_with(corpus, Extractor::shared())
    }

    /// Extracts every article with `extractor` (its story and lexicons) and reconciles.
    pub fn build_with(corpus: Corpus, extractor: &Extractor) -> Timeline {
        let facts: Vec<Vec<Fact>> = corpus
            .articles
            .par_iter()
            .map(|a| extractor.extract(a))
            .collect();
        Timeline::from_facts_with(corpus, facts, extractor.story().clone())
    }

    /// Reconciles facts already extracted (one list per article, in corpus order) for the
    /// bundled story.
    pub fn from_facts(corpus: Corpus, facts: Vec<Vec<Fact>>) -> Timeline {
        Timeline::from_facts_with(corpus, facts, Story::bundled())
    }

    /// Reconciles facts already extracted for `story`.
    pub fn from_facts_with(corpus: Corpus, facts: Vec<Vec<Fact>>, story: Arc<Story>) -> Timeline {
        let (milestones, conflicts) = reconcile::reconcile(&corpus.articles, &facts, &story);
        Timeline::assemble(corpus, milestones, conflicts, story)
    }

    /// Reconciles with `reconciliation`, which rebuilds only what the articles named in
    /// `changed` (by origin) reach since its last run.
    pub fn reconciled(
        corpus: Corpus,
        facts: &[Vec<Fact>],
        reconciliation: &mut Reconciliation,
        changed: Option<&std::collections::HashSet<crate::corpus::Origin>>,
    ) -> Timeline {
        let (milestones, conflicts) = reconciliation.run(&corpus.articles, facts, changed);
        let story = reconciliation.story();
        Timeline::assemble(corpus, milestones, conflicts, story)
    }

    /// The timeline of milestones reconciled before (from a cache) for this corpus.
    pub fn from_milestones(corpus: Corpus, milestones: Vec<Milestone>) -> Timeline {
        let conflicts = reconcile::conflicts(&milestones);
        Timeline::assemble(corpus, milestones, conflicts, Story::bundled())
    }

    fn assemble(
        corpus: Corpus,
        milestones: Vec<Milestone>,
        conflicts: Vec<String>,
        story: Arc<Story>,
    ) -> Timeline {
        let mut warnings = corpus.warnings;
        warnings.extend(conflicts);
        Timeline {
            articles: corpus.articles,
            milestones,
            warnings,
            story,
        }
    }

    /// The milestones whose kind is one of `kinds` (all when empty) and whose date
    /// falls within `since..=until` (undated ones drop out when either bound is given).
    pub fn filtered(
        &self,
        kinds: &[Kind],
        since: Option<PartialDate>,
        until: Option<PartialDate>,
    ) -> Vec<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| kinds.is_empty() || kinds.contains(&m.kind))
            .filter(|m| match (since, until, m.date) {
                (None, None, _) => true,
                (_, _, None) => false,
                (s, u, Some(d)) => {
                    s.is_none_or(|s| d.last_day() >= s.first_day())
                        && u.is_none_or(|u| d.first_day() <= u.last_day())
                }
            })
            .collect()
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The earliest and latest milestone dates.
    pub fn date_span(&self) -> Option<(PartialDate, PartialDate)> {
        let mut dates = self.milestones.iter().filter_map(|m| m.date);
        let first = dates.next()?;
        let (lo, hi) = dates.fold((first, first), |(lo, hi), d| {
            (
                if d.first_day() < lo.first_day() {
                    d
                } else {
                    lo
                },
                if d.last_day() > hi.last_day() { d } else { hi },
            )
        });
        Some((lo, hi))
    }
}

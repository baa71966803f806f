//! `qwen-story check`: every file parses, every milestone's quote is verbatim in its article.

use crate::corpus::CorpusSource;
use crate::sanitize::sanitize_line;
use crate::timeline::Timeline;
use std::process::ExitCode;

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Each problem, `file:line: message`.
    pub problems: Vec<String>,
    /// Notes that do not fail the check (conflicting figures kept apart).
    pub notes: Vec<String>,
    pub articles: usize,
    pub milestones: usize,
    pub sources: usize,
}

/// Validates a built timeline.
pub fn check(timeline: &Timeline, load_warnings: &[String]) -> Report {
    let mut report = Report {
        problems: load_warnings.to_vec(),
        articles: timeline.articles.len(),
        milestones: timeline.milestones.len(),
        ..Report::default()
    };
    report.notes = timeline
        .warnings
        .iter()
        .filter(|w| !load_warnings.contains(w))
        .cloned()
        .collect();
    for m in &timeline.milestones {
        if m.sources.is_empty() {
            report
                .problems
                .push(format!("milestone {}: has no source", m.id));
        }
        for s in &m.sources {
            report.sources += 1;
            let Some(article) = timeline
                .articles
                .get(s.article_index)
                .filter(|a| a.id == s.article)
            else {
                report.problems.push(format!(
                    "milestone {}: cites unknown article {}",
                    m.id, s.article
                ));
                continue;
            };
            let verbatim = article.body.get(s.start..s.end) == Some(s.quote.as_str());
            if !verbatim {
                report.problems.push(format!(
                    "{}:{}: milestone {}: quote is not verbatim at bytes {}..{}",
                    article.origin,
                    article.line_of(s.start),
                    m.id,
                    s.start,
                    s.end
                ));
            }
        }
    }
    report
}

/// `qwen-story check`: prints each problem, a summary, and exits 1 when there is any.
pub fn run(source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let corpus = crate::load::corpus(source)?;
    let load_warnings = corpus.warnings.clone();
    let timeline = Timeline::build(corpus);
    let report = check(&timeline, &load_warnings);
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&format!("error: {}\n", sanitize_line(p)));
    }
    for n in &report.notes {
        out.push_str(&format!("note: {}\n", sanitize_line(n)));
    }
    out.push_str(&format!(
        "{} articles, {} milestones, {} sources checked: {} problem{}\n",
        report.articles,
        report.milestones,
        report.sources,
        report.problems.len(),
        if report.problems.len() == 1 { "" } else { "s" }
    ));
    let code = if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    // `check | head -1` still exits 1 when there are problems.
    crate::console::finish(crate::console::print(out.as_bytes()), code)
}

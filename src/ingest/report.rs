//! The report of an ingest: what each input did, the milestones it creates or joins.

use super::Outcome;
use crate::corpus::Origin;
use crate::sanitize::sanitize_line;
use crate::timeline::{Milestone, Timeline};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// How a milestone relates to an added article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Creates,
    Joins,
}

/// Prints what each input did: the milestones an added article creates or joins.
pub(crate) fn print_report(
    outcomes: &[Outcome],
    before: &Timeline,
    after: &Timeline,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let roles = roles(outcomes, before, after);
    let (mut added, mut present) = (0, 0);
    for (i, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Outcome::Added { path, article } => {
                added += 1;
                let date = article_date(path, after);
                writeln!(
                    out,
                    "added {} ({}{date}) as {}",
                    sanitize_line(&article.title),
                    article.lang,
                    path.display()
                )?;
                let mine: Vec<_> = roles.iter().filter(|(owner, ..)| *owner == i).collect();
                if mine.is_empty() {
                    writeln!(out, "  adds no milestone")?;
                }
                for (_, role, m) in mine {
                    writeln!(out, "  {}", milestone_line(*role, m))?;
                }
            }
            Outcome::AlreadyThere { input, existing } => {
                present += 1;
                writeln!(
                    out,
                    "already there: {} ({})",
                    sanitize_line(input),
                    sanitize_line(existing)
                )?;
            }
            Outcome::Failed(_) => {}
        }
    }
    let failed = outcomes.len() - added - present;
    if outcomes.len() > 1 {
        writeln!(
            out,
            "{added} added, {present} already there, {failed} failed"
        )?;
    }
    out.flush()
}

/// The publication date recorded for an added file, as ` , 2026-01-16`.
fn article_date(path: &Path, after: &Timeline) -> String {
    let origin = Origin::File(path.to_path_buf());
    after
        .articles
        .iter()
        .find(|a| a.origin == origin)
        .and_then(|a| a.published)
        .map(|d| format!(", {d}"))
        .unwrap_or_default()
}

/// For each milestone an added article is a source of: which outcome it belongs to, and
/// whether that article creates it (no article read before states it, and no earlier input of
/// this run) or joins it as a new source.
fn roles<'a>(
    outcomes: &[Outcome],
    before: &Timeline,
    after: &'a Timeline,
) -> Vec<(usize, Role, &'a Milestone)> {
    // Article index in `after` → outcome index.
    let mut added: HashMap<usize, usize> = HashMap::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        if let Outcome::Added { path, .. } = outcome {
            let origin = Origin::File(path.clone());
            if let Some(index) = after.articles.iter().position(|a| a.origin == origin) {
                added.insert(index, i);
            }
        }
    }
    let old_ids: HashSet<&str> = before.milestones.iter().map(|m| m.id.as_str()).collect();
    let mut roles = Vec::new();
    for m in &after.milestones {
        let mut owners: Vec<usize> = m
            .sources
            .iter()
            .filter_map(|s| added.get(&s.article_index).copied())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let existed = old_ids.contains(m.id.as_str())
            || m.sources
                .iter()
                .any(|s| !added.contains_key(&s.article_index));
        for (n, owner) in owners.into_iter().enumerate() {
            let role = if existed || n > 0 {
                Role::Joins
            } else {
                Role::Creates
            };
            roles.push((owner, role, m));
        }
    }
    roles
}

fn milestone_line(role: Role, m: &Milestone) -> String {
    let role = match role {
        Role::Creates => "creates",
        Role::Joins => "joins  ",
    };
    let date = m
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let value = m.display_value().unwrap_or_else(|| "—".into());
    sanitize_line(&format!("{role} {date:<10}  {}  {value}", m.title))
}

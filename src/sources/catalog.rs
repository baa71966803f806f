//! `articles` (what the corpus holds) and `remove ID...` (take stored articles out again).

use super::store;
use crate::corpus::{CorpusSource, Origin};
use crate::ingest;
use crate::sanitize::sanitize_line;
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

/// One article as `articles` lists it.
#[derive(Debug, serde::Serialize)]
struct Row {
    id: String,
    published: Option<String>,
    lang: String,
    outlet: Option<String>,
    url: Option<String>,
    file: String,
}

/// `qwen-story articles [--format table|json]`.
pub fn run_articles(json: bool, source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let corpus = crate::load::corpus(source)?;
    let rows: Vec<Row> = corpus
        .articles
        .iter()
        .map(|a| Row {
            id: a.id.clone(),
            published: a.summary().published,
            lang: a.lang.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            file: a.origin.to_string(),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = |f: fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
    let id_w = width(|r| r.id.chars().count()).clamp(2, 40);
    let outlet_w = width(|r| r.outlet.as_deref().map_or(1, |o| o.chars().count())).clamp(6, 24);
    writeln!(
        out,
        "{:<id_w$}  {:<10}  {:<4}  {:<outlet_w$}  URL / FILE",
        "ID", "DATE", "LANG", "OUTLET"
    )?;
    for r in &rows {
        let place = r
            .url
            .as_deref()
            .map_or(r.file.clone(), |u| format!("{u}  {}", r.file));
        let line = format!(
            "{:<id_w$}  {:<10}  {:<4}  {:<outlet_w$}  {place}",
            r.id,
            r.published.as_deref().unwrap_or("—"),
            r.lang,
            r.outlet.as_deref().unwrap_or("—"),
        );
        writeln!(out, "{}", sanitize_line(&line))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `qwen-story remove ID...`: deletes the stored files of those ids and says what each took
/// from the timeline. Bundled articles cannot be removed.
pub fn run_remove(ids: &[String], source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let target = ingest::target_folder(source)?;
    let _lock = store::lock(&target)
        .with_context(|| format!("cannot lock the folder {}", target.display()))?;
    let before = crate::load_timeline(source)?;
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for id in ids {
        let Some((index, article)) = before
            .articles
            .iter()
            .enumerate()
            .find(|(_, a)| &a.id == id)
        else {
            crate::console::warn(format_args!(
                "qwen-story: {}: no article has this id",
                sanitize_line(id)
            ));
            failed = true;
            continue;
        };
        let path = match &article.origin {
            Origin::File(p) if p.parent() == Some(target.as_path()) => p.clone(),
            other => {
                crate::console::warn(format_args!(
                    "qwen-story: {}: is not stored in {} ({other}); not removed",
                    sanitize_line(id),
                    target.display()
                ));
                failed = true;
                continue;
            }
        };
        // A feed file holds several articles: removing it would remove them all.
        let siblings = before
            .articles
            .iter()
            .filter(|a| a.origin == article.origin)
            .count();
        if siblings > 1 {
            crate::console::warn(format_args!(
                "qwen-story: {}: shares {} with {} other articles; not removed",
                sanitize_line(id),
                path.display(),
                siblings - 1
            ));
            failed = true;
            continue;
        }
        if let Err(e) = std::fs::remove_file(&path) {
            crate::console::warn(format_args!(
                "qwen-story: {}: cannot be removed: {e}",
                path.display()
            ));
            failed = true;
            continue;
        }
        writeln!(out, "removed {} ({})", sanitize_line(id), path.display())?;
        let cited: Vec<_> = before
            .milestones
            .iter()
            .filter(|m| m.sources.iter().any(|s| s.article_index == index))
            .collect();
        if cited.is_empty() {
            writeln!(out, "  took no milestone")?;
        }
        for m in cited {
            let others = m
                .sources
                .iter()
                .filter(|s| s.article_index != index)
                .count();
            let what = if others == 0 {
                "takes   ".to_string()
            } else {
                format!("leaves  {others} other source(s) of")
            };
            let date = m
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated".into());
            writeln!(
                out,
                "  {}",
                sanitize_line(&format!("{what} {date}  {}", m.title))
            )?;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

//! `timeline` output: a table, JSON (the contract's shape), CSV and Markdown.

use super::{Milestone, Timeline};
use crate::sanitize::sanitize_line;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// The formats `timeline` prints.
pub use crate::cli::TimelineFormat as OutputFormat;

#[derive(Serialize)]
struct JsonDoc<'a> {
    articles: Vec<crate::corpus::ArticleSummary<'a>>,
    milestones: &'a [&'a Milestone],
    warnings: &'a [String],
}

/// The contract's JSON object.
pub fn render_json(timeline: &Timeline, milestones: &[&Milestone]) -> String {
    let mut out = Vec::new();
    // Writing plain data into memory cannot fail.
    let _ = write_json(&mut out, timeline, milestones);
    String::from_utf8(out).unwrap_or_default()
}

/// The contract's JSON object, streamed to a writer (a large corpus makes tens of megabytes).
pub fn write_json(
    out: &mut impl std::io::Write,
    timeline: &Timeline,
    milestones: &[&Milestone],
) -> std::io::Result<()> {
    let doc = JsonDoc {
        articles: timeline.articles.iter().map(|a| a.summary()).collect(),
        milestones,
        warnings: &timeline.warnings,
    };
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    doc.serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// Pretty JSON that also escapes DEL and the C1 controls (U+007F..U+009F, which can start
/// terminal sequences) and line separators: decoded strings stay verbatim, printed JSON
/// stays inert.
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut last = 0;
        for (i, c) in fragment.char_indices() {
            if ('\u{7f}'..='\u{9f}').contains(&c) || c == '\u{2028}' || c == '\u{2029}' {
                writer.write_all(&fragment.as_bytes()[last..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                last = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[last..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

fn date(m: &Milestone) -> String {
    m.date.map_or_else(|| "undated".into(), |d| d.to_string())
}

fn sources(m: &Milestone) -> String {
    format!("{} ({})", m.sources.len(), m.languages().join(" "))
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// An aligned plain-text table.
pub fn render_table(milestones: &[&Milestone]) -> String {
    let header = ["DATE", "KIND", "TITLE", "VALUE", "SOURCES"];
    let rows: Vec<[String; 5]> = milestones
        .iter()
        .map(|m| {
            [
                date(m),
                m.kind.to_string(),
                sanitize_line(&m.title),
                m.display_value().unwrap_or_else(|| "—".into()),
                sanitize_line(&sources(m)),
            ]
        })
        .collect();
    let mut widths = header.map(str::width);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: [&str; 5]| -> String {
        let parts: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(header);
    for r in &rows {
        out += &line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
    }
    out += &format!("{} milestones\n", milestones.len());
    out
}

/// One CSV cell, stripped of control sequences (ids and languages come from article files).
fn csv_field(s: &str) -> String {
    let s = sanitize_line(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// RFC 4180 CSV, one row per milestone.
pub fn render_csv(milestones: &[&Milestone]) -> String {
    let mut out = String::from("id,date,kind,title,value,unit,sources,languages,articles\n");
    for m in milestones {
        let articles: Vec<&str> = m.sources.iter().map(|s| s.article.as_str()).collect();
        let row = [
            m.id.clone(),
            m.date.map(|d| d.to_string()).unwrap_or_default(),
            m.kind.to_string(),
            m.title.clone(),
            m.value.map(|v| v.to_string()).unwrap_or_default(),
            m.unit.clone().unwrap_or_default(),
            m.sources.len().to_string(),
            m.languages().join(" "),
            articles.join(" "),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        // `csv_field` already sanitised each cell.
        out += &cells.join(",");
        out.push('\n');
    }
    out
}

fn md_cell(s: &str) -> String {
    sanitize_line(s).replace('|', "\\|")
}

/// A GitHub-flavoured Markdown table.
pub fn render_markdown(milestones: &[&Milestone]) -> String {
    let mut out =
        String::from("| Date | Kind | Milestone | Value | Sources |\n|---|---|---|---|---|\n");
    for m in milestones {
        out += &format!(
            "| {} | {} | {} | {} | {} |\n",
            date(m),
            m.kind,
            md_cell(&m.title),
            md_cell(&m.display_value().unwrap_or_default()),
            md_cell(&sources(m))
        );
    }
    out
}

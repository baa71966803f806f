//! `timeline` output: a table, JSON (the contract's shape), CSV, Markdown, TimelineJS and
//! iCalendar.

use super::{Milestone, Timeline};
use crate::sanitize::sanitize_line;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// The version of the JSON shape `docs/timeline.schema.json` describes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonDoc<'a> {
    schema_version: u32,
    articles: Vec<crate::corpus::ArticleSummary<'a>>,
    milestones: Vec<MilestoneJson<'a>>,
    warnings: &'a [String],
}

/// A milestone as the contract prints it: its sources name their article's outlet and URL.
#[derive(Serialize)]
struct MilestoneJson<'a> {
    id: &'a str,
    date: Option<super::PartialDate>,
    kind: crate::extract::Kind,
    title: &'a str,
    #[serde(serialize_with = "super::whole_numbers_as_integers")]
    value: Option<f64>,
    unit: Option<&'a str>,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    article: &'a str,
    lang: &'a str,
    published: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    quote: &'a str,
    start: usize,
    end: usize,
}

impl<'a> MilestoneJson<'a> {
    fn new(timeline: &'a Timeline, m: &'a Milestone) -> Self {
        let sources = m
            .sources
            .iter()
            .map(|s| {
                let article = timeline.articles.get(s.article_index);
                SourceJson {
                    article: &s.article,
                    lang: &s.lang,
                    published: s.published.as_deref(),
                    outlet: article.and_then(|a| a.outlet.as_deref()),
                    url: article.and_then(|a| a.url.as_deref()),
                    quote: &s.quote,
                    start: s.start,
                    end: s.end,
                }
            })
            .collect();
        MilestoneJson {
            id: &m.id,
            date: m.date,
            kind: m.kind,
            title: &m.title,
            value: m.value,
            unit: m.unit.as_deref(),
            sources,
        }
    }
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
        schema_version: SCHEMA_VERSION,
        articles: timeline.articles.iter().map(|a| a.summary()).collect(),
        milestones: milestones
            .iter()
            .map(|m| MilestoneJson::new(timeline, m))
            .collect(),
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

/// A text cell: stripped of control sequences (newlines kept, CSV quotes them), and
/// neutralised where a spreadsheet would run it as a formula (OWASP: a leading `'`).
fn csv_text(s: &str) -> String {
    let s = crate::sanitize::sanitize(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// A number cell, as JSON prints it: `700000000`, `-2.45`.
fn csv_number(v: Option<f64>) -> String {
    match v {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => (v as i64).to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// The outlet and URL of the article a source cites.
fn outlet_and_url<'a>(timeline: &'a Timeline, s: &super::Source) -> (&'a str, &'a str) {
    let article = timeline.articles.get(s.article_index);
    (
        article
            .and_then(|a| a.outlet.as_deref())
            .unwrap_or_default(),
        article.and_then(|a| a.url.as_deref()).unwrap_or_default(),
    )
}

/// RFC 4180 CSV (CRLF line ends, quoted where needed): one row per milestone with its first
/// source's quote, outlet and URL, or with `per_source` one row per source.
pub fn render_csv(timeline: &Timeline, milestones: &[&Milestone], per_source: bool) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    let mut row = |cells: &[String]| {
        let _ = out.write_record(cells);
    };
    let header: &[&str] = if per_source {
        &[
            "milestone",
            "date",
            "kind",
            "title",
            "value",
            "unit",
            "article",
            "article_title",
            "lang",
            "published",
            "outlet",
            "url",
            "quote",
            "start",
            "end",
        ]
    } else {
        &[
            "id",
            "date",
            "kind",
            "title",
            "value",
            "unit",
            "sources",
            "languages",
            "article",
            "outlet",
            "url",
            "quote",
        ]
    };
    row(&header
        .iter()
        .map(std::string::ToString::to_string)
        .collect::<Vec<_>>());
    for m in milestones {
        let date = m.date.map(|d| d.to_string()).unwrap_or_default();
        let head = [
            csv_text(&m.id),
            date,
            m.kind.to_string(),
            csv_text(&m.title),
            csv_number(m.value),
            csv_text(m.unit.as_deref().unwrap_or_default()),
        ];
        if per_source {
            for s in &m.sources {
                let (outlet, url) = outlet_and_url(timeline, s);
                let title = timeline
                    .articles
                    .get(s.article_index)
                    .map(|a| a.title.as_str());
                let mut cells = head.to_vec();
                cells.extend([
                    csv_text(&s.article),
                    csv_text(title.unwrap_or_default()),
                    csv_text(&s.lang),
                    s.published.clone().unwrap_or_default(),
                    csv_text(outlet),
                    csv_text(url),
                    csv_text(&s.quote),
                    s.start.to_string(),
                    s.end.to_string(),
                ]);
                row(&cells);
            }
        } else {
            let first = m.sources.first();
            let (outlet, url) = first.map_or(("", ""), |s| outlet_and_url(timeline, s));
            let mut cells = head.to_vec();
            cells.extend([
                m.sources.len().to_string(),
                // One language per source language, in source order; `;` as in a list cell.
                csv_text(&m.languages().join(";")),
                csv_text(first.map_or("", |s| s.article.as_str())),
                csv_text(outlet),
                csv_text(url),
                csv_text(first.map_or("", |s| s.quote.as_str())),
            ]);
            row(&cells);
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
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

/// Escapes text for HTML (TimelineJS renders `text.text` as HTML).
fn html(s: &str) -> String {
    crate::sanitize::escape_markup(&crate::sanitize::sanitize_line(s))
}

/// A URL safe to link: http(s) only, never `javascript:`.
fn web_url(url: &str) -> Option<&str> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// Each source as HTML: the quote, then its outlet (linked), language and date.
fn sources_html(timeline: &Timeline, m: &Milestone) -> String {
    let mut out = String::new();
    for s in &m.sources {
        let (outlet, url) = outlet_and_url(timeline, s);
        let name = if outlet.is_empty() {
            s.article.as_str()
        } else {
            outlet
        };
        let cite = match web_url(url) {
            Some(u) => format!("<a href=\"{}\">{}</a>", html(u), html(name)),
            None => html(name),
        };
        let published = s
            .published
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        out += &format!(
            "<blockquote>{}</blockquote><p>— {cite} ({}{published})</p>",
            html(&s.quote),
            html(&s.lang)
        );
    }
    out
}

#[derive(Serialize)]
struct TjsDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

#[derive(Serialize)]
struct TjsText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TjsEvent {
    unique_id: String,
    start_date: TjsDate,
    text: TjsText,
    group: &'static str,
}

#[derive(Serialize)]
struct TjsDoc {
    title: TjsTitle,
    events: Vec<TjsEvent>,
}

#[derive(Serialize)]
struct TjsTitle {
    text: TjsText,
}

/// Knight Lab TimelineJS JSON: one event per dated milestone, at its precision, grouped by
/// kind; the sources' quotes and outlets as the event's text. Undated milestones cannot be
/// placed on a timeline and are left out.
pub fn render_timelinejs(timeline: &Timeline, milestones: &[&Milestone]) -> String {
    let events = milestones
        .iter()
        .filter_map(|m| {
            let d = m.date?;
            Some(TjsEvent {
                unique_id: m.id.clone(),
                start_date: TjsDate {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                },
                text: TjsText {
                    headline: html(&m.title),
                    text: sources_html(timeline, m),
                },
                group: m.kind.as_str(),
            })
        })
        .collect();
    let doc = TjsDoc {
        title: TjsTitle {
            text: TjsText {
                headline: "The story of Qwen".into(),
                text: format!(
                    "<p>{} milestones from {} news articles, every figure quoted from its sentence.</p>",
                    milestones.len(),
                    timeline.articles.len()
                ),
            },
        },
        events,
    };
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    // Plain data into memory: cannot fail.
    let _ = doc.serialize(&mut ser);
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// An iCalendar TEXT value: backslash, `;`, `,` and newlines escaped.
fn ics_text(s: &str) -> String {
    crate::sanitize::sanitize(s)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// One content line, folded at 75 octets (RFC 5545 3.1) on character boundaries.
fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// iCalendar (RFC 5545): one all-day event per dated milestone, spanning its date (a month
/// milestone spans the month). `stamp` is the DTSTAMP, the time of writing.
pub fn render_ics(
    timeline: &Timeline,
    milestones: &[&Milestone],
    stamp: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qwen-story//qwen-story//EN",
        "CALSCALE:GREGORIAN",
    ] {
        ics_line(&mut out, line);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for m in milestones {
        let Some(d) = m.date else { continue };
        let end = d.last_day().succ_opt().unwrap_or(d.last_day());
        let description: Vec<String> = m
            .sources
            .iter()
            .map(|s| {
                let (outlet, _) = outlet_and_url(timeline, s);
                let name = if outlet.is_empty() {
                    &s.article
                } else {
                    outlet
                };
                format!("“{}” — {name} ({})", s.quote, s.lang)
            })
            .collect();
        ics_line(&mut out, "BEGIN:VEVENT");
        ics_line(&mut out, &format!("UID:{}@qwen-story", ics_text(&m.id)));
        ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
        ics_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", d.first_day().format("%Y%m%d")),
        );
        ics_line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")),
        );
        ics_line(&mut out, &format!("SUMMARY:{}", ics_text(&m.title)));
        ics_line(
            &mut out,
            &format!("DESCRIPTION:{}", ics_text(&description.join("\n\n"))),
        );
        ics_line(
            &mut out,
            &format!("CATEGORIES:{}", m.kind.as_str().to_ascii_uppercase()),
        );
        let first_url = m.sources.first().map(|s| outlet_and_url(timeline, s).1);
        if let Some(url) = first_url.and_then(web_url) {
            ics_line(
                &mut out,
                &format!("URL:{}", crate::sanitize::sanitize_line(url)),
            );
        }
        ics_line(&mut out, "END:VEVENT");
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

//! View 4: each article citing the selected milestone, with the passage around the quote
//! and the quote (and its figure) highlighted.

use super::app::App;
use super::theme::kind_symbol;
use crate::sanitize::sanitize_line;
use crate::timeline::{Milestone, Source};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// Bytes of context shown either side of the quote.
const CONTEXT: usize = 280;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let Some(milestone) = app
        .selected()
        .and_then(|i| app.timeline().milestones.get(i))
    else {
        Paragraph::new("No milestone selected: pick one in the Timeline (3) and press Enter.")
            .block(Block::default().borders(Borders::ALL).title(" Sources "))
            .render(area, buf);
        return;
    };
    let [summary, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    summary_box(app, milestone, summary, buf);

    let mut lines: Vec<Line> = Vec::new();
    let count = milestone.sources.len();
    for (k, source) in milestone.sources.iter().enumerate() {
        lines.push(source_heading(app, source, k, count));
        lines.push(passage(app, source));
        lines.push(Line::raw(""));
    }
    let inner_width = list.width.saturating_sub(2).max(1) as usize;
    // Keep at least the last line on screen however far the wheel went.
    let wrapped: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let scroll = app.source_scroll().min(wrapped.saturating_sub(1) as u16);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(
                    " {count} source{} ",
                    if count == 1 { "" } else { "s" }
                ))
                .title_style(theme.heading()),
        )
        .render(list, buf);
}

fn summary_box(app: &App, m: &Milestone, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let date = m
        .date
        .map_or_else(|| "undated".to_string(), |d| d.to_string());
    let mut spans = vec![
        Span::styled(
            format!("{} {} ", kind_symbol(m.kind), m.kind.as_str()),
            theme.kind(m.kind),
        ),
        Span::styled(format!("{date}  "), theme.muted()),
        Span::styled(sanitize_line(&m.title), theme.heading()),
    ];
    if let Some(value) = m.display_value() {
        spans.push(Span::raw(format!("  {value}")));
    }
    Paragraph::new(Line::from(spans))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Milestone ")
                .title_style(theme.heading()),
        )
        .render(area, buf);
}

/// `[1/3] Terra (Xataka) · 2026-01-16 · pt · terra-2026-01-16`
fn source_heading<'a>(app: &App, source: &Source, k: usize, count: usize) -> Line<'a> {
    let theme = app.theme();
    let article = app.timeline().articles.get(source.article_index);
    let outlet = article
        .and_then(|a| a.outlet.as_deref())
        .unwrap_or("unknown outlet");
    let date = source.published.as_deref().unwrap_or("undated");
    Line::from(vec![
        Span::styled(format!("[{}/{count}] ", k + 1), theme.muted()),
        Span::styled(sanitize_line(outlet), theme.heading()),
        Span::styled(
            format!(
                " · {} · {} · {}",
                sanitize_line(date),
                sanitize_line(&source.lang),
                sanitize_line(&source.article)
            ),
            theme.muted(),
        ),
    ])
}

/// The quote with some text either side, all sanitised piece by piece (so the highlight
/// boundaries survive), the quote highlighted and its figure underlined.
fn passage<'a>(app: &App, source: &Source) -> Line<'a> {
    let theme = app.theme();
    let body = app
        .timeline()
        .articles
        .get(source.article_index)
        .map(|a| a.body.as_str());
    let Some(parts) = body.and_then(|b| PassageParts::cut(b, source)) else {
        // Offsets that do not fit the body (an article changed under us): the quote alone.
        return Line::styled(sanitize_line(&source.quote), theme.quote());
    };
    let piece = |text: &str| squeeze(&sanitize_line(text));
    Line::from(vec![
        Span::styled(
            format!(
                "{}{}",
                if parts.cut_before { "…" } else { "" },
                piece(parts.before)
            ),
            theme.muted(),
        ),
        Span::styled(piece(parts.quote_before), theme.quote()),
        Span::styled(piece(parts.figure), theme.figure()),
        Span::styled(piece(parts.quote_after), theme.quote()),
        Span::styled(
            format!(
                "{}{}",
                piece(parts.after),
                if parts.cut_after { "…" } else { "" }
            ),
            theme.muted(),
        ),
    ])
}

/// Runs of whitespace (article line breaks) as one space.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// A passage cut into context, quote and figure, on character boundaries.
#[derive(Debug, PartialEq)]
struct PassageParts<'b> {
    before: &'b str,
    quote_before: &'b str,
    figure: &'b str,
    quote_after: &'b str,
    after: &'b str,
    cut_before: bool,
    cut_after: bool,
}

impl<'b> PassageParts<'b> {
    fn cut(body: &'b str, source: &Source) -> Option<PassageParts<'b>> {
        let (start, end) = (source.start, source.end);
        body.get(start..end)?;
        // A figure outside the quote is not highlighted (an empty range at the quote's start).
        let (f0, f1) = source.figure;
        let (f0, f1) = if start <= f0 && f0 <= f1 && f1 <= end && body.get(f0..f1).is_some() {
            (f0, f1)
        } else {
            (start, start)
        };
        let from = floor_boundary(body, start.saturating_sub(CONTEXT));
        // Start the context at a word, not in its middle.
        let from = if from == 0 {
            0
        } else {
            body[from..start].find(' ').map_or(start, |p| from + p + 1)
        };
        let to = floor_boundary(body, (end + CONTEXT).min(body.len()));
        let to = if to == body.len() {
            to
        } else {
            body[end..to].rfind(' ').map_or(end, |p| end + p)
        };
        Some(PassageParts {
            before: &body[from..start],
            quote_before: &body[start..f0],
            figure: &body[f0..f1],
            quote_after: &body[f1..end],
            after: &body[end..to],
            cut_before: from > 0,
            cut_after: to < body.len(),
        })
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(start: usize, end: usize, figure: (usize, usize)) -> Source {
        Source {
            article: "a".into(),
            lang: "en".into(),
            published: None,
            quote: String::new(),
            start,
            end,
            article_index: 0,
            figure,
        }
    }

    #[test]
    fn cuts_around_quote_and_figure() {
        let body = "Intro words. Qwen passed 700 million downloads. Then more.";
        let start = body.find("Qwen").unwrap_or_default();
        let end = body.find(" Then").unwrap_or_default();
        let f0 = body.find("700").unwrap_or_default();
        let parts =
            PassageParts::cut(body, &source(start, end, (f0, f0 + 11))).expect("offsets fit");
        assert_eq!(parts.before, "Intro words. ");
        assert_eq!(parts.figure, "700 million");
        assert_eq!(parts.quote_after, " downloads.");
        assert_eq!(parts.after, " Then more.");
        assert!(!parts.cut_before && !parts.cut_after);
    }

    #[test]
    fn offsets_outside_body_or_inside_a_character_are_refused() {
        assert!(PassageParts::cut("short", &source(2, 40, (0, 0))).is_none());
        assert!(PassageParts::cut("é1", &source(1, 2, (0, 0))).is_none());
        let parts = PassageParts::cut("ab cd", &source(0, 2, (3, 9))).expect("quote fits");
        assert_eq!(parts.figure, "", "a figure outside the quote is ignored");
    }
}

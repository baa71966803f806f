//! View 4: the articles citing the selected milestone, each with outlet, date, language and
//! URL and the quote in its paragraph; `Enter` reads the whole article, scrolled to the
//! quote. The text is wrapped here (not by the widget) so keys know its length.

use super::app::App;
use super::theme::kind_symbol;
use crate::corpus::Article;
use crate::sanitize::sanitize_line;
use crate::timeline::{Milestone, Source};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthChar;

/// Bytes of the paragraph shown either side of the quote, at most.
const CONTEXT: usize = 400;

/// Wrapped text and where things are in it.
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// The first row of each source (source list).
    pub starts: Vec<usize>,
    /// The row where the quote begins (article reader).
    pub quote_row: usize,
}

fn panes(body: Rect) -> (Rect, Rect) {
    let [summary, text] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(body);
    (summary, text)
}

/// The scrolled text inside its border.
pub fn text_area(_app: &App, body: Rect) -> Rect {
    panes(body).1.inner(Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// How far the text can scroll: its last row at the bottom of the pane.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let rows = match app.reader() {
        Some(_) => article_doc(app, area.width).lines.len(),
        None => source_list(app, area.width).lines.len(),
    };
    rows.saturating_sub(area.height as usize)
}

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
    let (summary, pane) = panes(area);
    summary_box(app, milestone, summary, buf);
    let inner = text_area(app, area);
    let count = milestone.sources.len();
    let (doc, scroll, title) = match app.reader() {
        Some(scroll) => {
            let outlet = app
                .current_source()
                .and_then(|(_, s)| app.timeline().articles.get(s.article_index))
                .map(outlet_name)
                .unwrap_or_default();
            let title = format!(
                " Article {}/{count}: {} — Esc back ",
                app.source_index() + 1,
                sanitize_line(&outlet)
            );
            (article_doc(app, inner.width), scroll, title)
        }
        None => (
            source_list(app, inner.width),
            app.source_scroll(),
            format!(" {count} source{} ", if count == 1 { "" } else { "s" }),
        ),
    };
    let height = inner.height as usize;
    let scroll = scroll.min(doc.lines.len().saturating_sub(height));
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(theme.heading());
    let more = super::layout::more_marker(scroll, height, doc.lines.len());
    if !more.is_empty() {
        block = block.title_bottom(Line::styled(more, theme.muted()).right_aligned());
    }
    block.render(pane, buf);
    for (line, y) in doc
        .lines
        .into_iter()
        .skip(scroll)
        .zip(inner.y..inner.bottom())
    {
        line.render(
            Rect {
                y,
                height: 1,
                ..inner
            },
            buf,
        );
    }
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

/// Who published an article: its outlet, else the host of its URL, else its title.
pub fn outlet_name(article: &Article) -> String {
    if let Some(outlet) = article.outlet.as_deref().filter(|o| !o.trim().is_empty()) {
        return outlet.to_string();
    }
    if let Some(host) = article.url.as_deref().and_then(url_host) {
        return host.to_string();
    }
    if !article.title.trim().is_empty() {
        // A title stands in for the outlet: cut, so the date and language stay in view.
        let title = article.title.trim();
        return match title.char_indices().nth(48) {
            Some((cut, _)) => format!("{}…", &title[..cut]),
            None => title.to_string(),
        };
    }
    "unknown outlet".into()
}

/// `www.terra.com.br` → `terra.com.br`, for `http(s)://` URLs only.
fn url_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// Every source of the selected milestone: heading (the current one marked), URL, and the
/// quote in its paragraph.
pub fn source_list(app: &App, width: u16) -> Doc {
    let theme = app.theme();
    let width = width.max(8) as usize;
    let mut doc = Doc {
        lines: Vec::new(),
        starts: Vec::new(),
        quote_row: 0,
    };
    let Some(m) = app
        .selected()
        .and_then(|i| app.timeline().milestones.get(i))
    else {
        return doc;
    };
    let count = m.sources.len();
    for (k, source) in m.sources.iter().enumerate() {
        doc.starts.push(doc.lines.len());
        let article = app.timeline().articles.get(source.article_index);
        let current = k == app.source_index();
        let outlet = article.map_or_else(|| "unknown outlet".into(), outlet_name);
        let date = source.published.as_deref().unwrap_or("undated");
        let mark = if current { "▶ " } else { "  " };
        let heading_style = if current {
            theme.heading().add_modifier(Modifier::REVERSED)
        } else {
            theme.heading()
        };
        let heading = vec![
            (format!("{mark}[{}/{count}] ", k + 1), theme.muted()),
            (sanitize_line(&outlet), heading_style),
            (
                format!(
                    " · {} · {}",
                    sanitize_line(date),
                    sanitize_line(&source.lang)
                ),
                theme.muted(),
            ),
        ];
        doc.lines.extend(wrap(styled(&heading), width));
        let url = article
            .and_then(|a| a.url.as_deref())
            .map_or_else(|| "no URL".to_string(), sanitize_line);
        doc.lines
            .extend(wrap(styled(&[(format!("  {url}"), theme.muted())]), width));
        let passage = match article {
            Some(a) => passage(app, a, source),
            None => styled(&[(sanitize_line(&source.quote), theme.quote())]),
        };
        doc.lines.extend(wrap(passage, width));
        doc.lines.push(Line::raw(""));
    }
    doc
}

/// The current source's whole article: title, outlet line, body with the quote
/// highlighted and page furniture dimmed.
pub fn article_doc(app: &App, width: u16) -> Doc {
    let theme = app.theme();
    let width = width.max(8) as usize;
    let mut doc = Doc {
        lines: Vec::new(),
        starts: Vec::new(),
        quote_row: 0,
    };
    let Some((_, source)) = app.current_source() else {
        return doc;
    };
    let Some(article) = app.timeline().articles.get(source.article_index) else {
        return doc;
    };
    doc.lines.extend(wrap(
        styled(&[(sanitize_line(&article.title), theme.heading())]),
        width,
    ));
    let meta = format!(
        "{} · {} · {} · {}",
        outlet_name(article),
        source.published.as_deref().unwrap_or("undated"),
        article.lang,
        article.url.as_deref().unwrap_or("no URL")
    );
    doc.lines.extend(wrap(
        styled(&[(sanitize_line(&meta), theme.muted())]),
        width,
    ));
    doc.lines.push(Line::raw(""));
    let body = &article.body;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let (start, end) = (at, at + line.trim_end_matches(['\n', '\r']).len());
        at += line.len();
        if start <= source.start && source.start <= at && doc.quote_row == 0 {
            doc.quote_row = doc.lines.len();
        }
        if start == end {
            doc.lines.push(Line::raw(""));
            continue;
        }
        doc.lines.extend(wrap(
            body_chars(app, article, source, start, end, false),
            width,
        ));
    }
    doc
}

/// A citation for the clipboard: the quote, outlet, date, URL and the milestone's title.
pub fn citation(m: &Milestone, s: &Source, article: Option<&Article>) -> String {
    let outlet = article.map_or_else(|| "unknown outlet".into(), outlet_name);
    let mut text = format!(
        "“{}” — {}, {}",
        sanitize_line(s.quote.trim()),
        sanitize_line(&outlet),
        s.published.as_deref().unwrap_or("undated")
    );
    if let Some(url) = article.and_then(|a| a.url.as_deref()) {
        text.push_str(&format!(", {}", sanitize_line(url)));
    }
    text.push_str(&format!(" ({})", sanitize_line(&m.title)));
    text
}

/// The quote in its paragraph (the body line that holds it), at most [`CONTEXT`] bytes
/// either side, cut at words; furniture in it dimmed, the quote and figure highlighted.
fn passage(app: &App, article: &Article, source: &Source) -> Vec<(char, Style)> {
    let body = &article.body;
    if body.get(source.start..source.end).is_none() {
        // Offsets that do not fit the body (an article changed under us): the quote alone.
        return styled(&[(sanitize_line(&source.quote), app.theme().quote())]);
    }
    let (from, to) = paragraph(body, source.start, source.end);
    let mut out = Vec::new();
    if from > 0 && body.as_bytes()[from - 1] != b'\n' {
        out.push(('…', app.theme().muted()));
    }
    out.extend(body_chars(app, article, source, from, to, true));
    if to < body.len() && body.as_bytes()[to] != b'\n' && body.as_bytes()[to] != b'\r' {
        out.push(('…', app.theme().muted()));
    }
    out
}

/// The byte range of the quote's paragraph, capped either side and cut at a word.
fn paragraph(body: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = body[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = body[end..]
        .find(['\n', '\r'])
        .map_or(body.len(), |p| end + p);
    let mut from = line_start;
    if start - from > CONTEXT {
        from = body.floor_char_boundary(start - CONTEXT);
        from = body[from..start].find(' ').map_or(start, |p| from + p + 1);
    }
    let mut to = line_end;
    if to - end > CONTEXT {
        to = body.floor_char_boundary(end + CONTEXT);
        to = body[end..to].rfind(' ').map_or(end, |p| end + p);
    }
    (from, to)
}

/// The characters of `body[from..to]` with their styles: escape sequences and control
/// characters left out, line breaks as spaces (`squeeze`: runs of space as one).
fn body_chars(
    app: &App,
    article: &Article,
    source: &Source,
    from: usize,
    to: usize,
    squeeze: bool,
) -> Vec<(char, Style)> {
    let theme = app.theme();
    let text = &article.body[from..to];
    let hidden = crate::sanitize::control_ranges(text);
    let mut hidden = hidden.iter().peekable();
    let furniture: Vec<(usize, usize)> = article
        .furniture
        .iter()
        .copied()
        .filter(|&(a, b)| b > from && a < to)
        .collect();
    let (f0, f1) = source.figure;
    let figure_ok = source.start <= f0 && f0 <= f1 && f1 <= source.end;
    let found = app.highlight().map(str::to_lowercase);
    let lower_found: Vec<(usize, usize)> = match &found {
        Some(q) if text.to_lowercase().len() == text.len() => text
            .to_lowercase()
            .match_indices(q.as_str())
            .map(|(p, _)| (from + p, from + p + q.len()))
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(text.len());
    let mut space = false;
    for (offset, c) in text.char_indices() {
        while hidden.peek().is_some_and(|&&(_, e)| e <= offset) {
            hidden.next();
        }
        if hidden.peek().is_some_and(|&&(s, _)| s <= offset) {
            continue;
        }
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            continue;
        }
        let b = from + offset;
        let c = if c.is_whitespace() { ' ' } else { c };
        if squeeze && c == ' ' && space {
            continue;
        }
        space = c == ' ';
        let style = if figure_ok && f0 <= b && b < f1 {
            theme.figure()
        } else if source.start <= b && b < source.end {
            theme.quote()
        } else if furniture.iter().any(|&(a, e)| a <= b && b < e) {
            theme.muted()
        } else {
            Style::default()
        };
        let style = if lower_found.iter().any(|&(a, e)| a <= b && b < e) {
            style.patch(theme.found())
        } else {
            style
        };
        out.push((c, style));
    }
    out
}

fn styled(parts: &[(String, Style)]) -> Vec<(char, Style)> {
    parts
        .iter()
        .flat_map(|(text, style)| text.chars().map(move |c| (c, *style)))
        .collect()
}

/// Greedy word wrap of styled characters into lines of at most `width` columns.
pub fn wrap(chars: Vec<(char, Style)>, width: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut row: Vec<(char, Style)> = Vec::new();
    let mut row_width = 0;
    for (c, style) in chars {
        let w = c.width().unwrap_or(0);
        if row_width + w > width && !row.is_empty() {
            // Break at this space, else after the last space of the row, else in the word.
            let cut = if c == ' ' {
                None
            } else {
                row.iter().rposition(|(c, _)| *c == ' ').map(|p| p + 1)
            };
            let tail = match cut {
                Some(p) if p < row.len() => row.split_off(p),
                _ => Vec::new(),
            };
            while row.last().is_some_and(|(c, _)| *c == ' ') {
                row.pop();
            }
            rows.push(std::mem::replace(&mut row, tail));
            row_width = row.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
            if c == ' ' && row.is_empty() {
                continue;
            }
        }
        row.push((c, style));
        row_width += w;
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows.into_iter().map(to_line).collect()
}

/// Runs of one style as one span.
fn to_line(row: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (c, style) in row {
        if current.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(style);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_is_the_quotes_line_capped() {
        let body = "Share Comments Photo\nIntro words. Qwen passed 700 million downloads. Then more.\nNext";
        let start = body.find("Qwen").unwrap_or_default();
        let end = body.find(" Then").unwrap_or_default();
        let (from, to) = paragraph(body, start, end);
        assert_eq!(
            &body[from..to],
            "Intro words. Qwen passed 700 million downloads. Then more."
        );
        let long = format!("{} Qwen. {}", "word ".repeat(200), "more ".repeat(200));
        let s = long.find("Qwen").unwrap_or_default();
        let (from, to) = paragraph(&long, s, s + 5);
        assert!(s - from <= CONTEXT && to - (s + 5) <= CONTEXT);
        assert!(long[from..].starts_with("word"), "cut at a word");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_width() {
        let lines = wrap(
            styled(&[("aaa bbb ccc dddddddddd".into(), Style::default())]),
            7,
        );
        let text: Vec<String> = lines.iter().map(std::string::ToString::to_string).collect();
        assert_eq!(text, ["aaa bbb", "ccc", "ddddddd", "ddd"]);
    }

    #[test]
    fn host_of_url() {
        assert_eq!(
            url_host("https://www.terra.com.br/a/b"),
            Some("terra.com.br")
        );
        assert_eq!(
            url_host("http://u:p@example.com:8080?x"),
            Some("example.com")
        );
        assert_eq!(url_host("javascript:alert(1)"), None);
    }
}

//! An RSS 2.0 or Atom feed → one draft per item (feed-rs does the parsing).

use super::draft::{paragraphs, Draft};
use super::html;

/// Why a feed gave no items.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("is not an RSS or Atom feed: {0}")]
    Parse(String),
}

/// An item whose text is shorter than this, with a link, is a summary: the linked page is the
/// article (when the feed was fetched from a URL).
const SUMMARY_BYTES: usize = 600;

/// One feed item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub draft: Draft,
    /// Only a summary and a link: fetch the page for the article.
    pub summary_only: bool,
}

/// The feed's title and its items, in feed order.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<Item>,
}

pub fn parse(bytes: &[u8]) -> Result<Feed, FeedError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| FeedError::Parse(e.to_string()))?;
    let outlet = feed.title.as_ref().map(|t| one_line(&t.content));
    let lang = feed.language.as_deref().and_then(primary_language);
    let items = feed
        .entries
        .iter()
        .map(|entry| item(entry, outlet.clone(), lang.clone()))
        .collect();
    Ok(Feed {
        title: outlet,
        items,
    })
}

fn item(entry: &feed_rs::model::Entry, outlet: Option<String>, lang: Option<String>) -> Item {
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
    let summary = entry.summary.as_ref().map(|s| s.content.as_str());
    let html_text = content.or(summary).unwrap_or("");
    let body = text_of(html_text);
    let url = entry
        .links
        .iter()
        .map(|l| l.href.trim())
        .find(|h| h.starts_with("http://") || h.starts_with("https://"))
        .map(String::from);
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    let summary_only = url.is_some() && (content.is_none() || body.len() < SUMMARY_BYTES);
    Item {
        draft: Draft {
            title: entry.title.as_ref().map(|t| one_line(&text_of(&t.content))),
            published,
            outlet,
            url,
            lang,
            body,
        },
        summary_only: summary_only && body_is_short(content, summary),
    }
}

fn body_is_short(content: Option<&str>, summary: Option<&str>) -> bool {
    content.or(summary).map_or(0, str::len) < SUMMARY_BYTES
}

/// Item HTML (or plain text, which parses as one text node) reduced to paragraphs.
fn text_of(markup: &str) -> String {
    if markup.contains('<') || markup.contains('&') {
        html::fragment_text(markup)
    } else {
        paragraphs(markup)
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    Some(primary).filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Tech</title><language>en-gb</language>
<item><title>Qwen &amp; the 700 million</title><link>https://harbour.example/a</link>
<pubDate>Wed, 21 Jan 2026 09:30:00 +0800</pubDate>
<description><![CDATA[<p>Alibaba's Qwen models passed 700 million downloads.</p><p>Second <b>paragraph</b>.</p>]]></description></item>
<item><title>No link</title><description>Plain text only.</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Qwen3</title><link href="https://blog.example/qwen3"/><updated>2025-05-02T18:05:00+02:00</updated>
<content type="html">&lt;p&gt;Alibaba released Qwen3.&lt;/p&gt;</content></entry></feed>"#;

    #[test]
    fn rss_items_are_articles() {
        let feed = parse(RSS.as_bytes()).unwrap();
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.draft.title.as_deref(), Some("Qwen & the 700 million"));
        assert_eq!(a.draft.url.as_deref(), Some("https://harbour.example/a"));
        assert_eq!(
            a.draft.published.as_deref(),
            Some("2026-01-21T01:30:00+00:00")
        );
        assert_eq!(a.draft.lang.as_deref(), Some("en"));
        assert_eq!(a.draft.outlet.as_deref(), Some("Harbour Tech"));
        assert_eq!(
            a.draft.body,
            "Alibaba's Qwen models passed 700 million downloads.\n\nSecond paragraph.\n"
        );
        assert!(a.summary_only);
        assert_eq!(feed.items[1].draft.body, "Plain text only.\n");
        assert!(
            !feed.items[1].summary_only,
            "nothing to fetch without a link"
        );
    }

    #[test]
    fn atom_entries_are_articles() {
        let feed = parse(ATOM.as_bytes()).unwrap();
        let a = &feed.items[0].draft;
        assert_eq!(a.body, "Alibaba released Qwen3.\n");
        assert_eq!(a.url.as_deref(), Some("https://blog.example/qwen3"));
        assert_eq!(a.published.as_deref(), Some("2025-05-02T16:05:00+00:00"));
    }

    #[test]
    fn a_page_is_not_a_feed() {
        assert!(parse(b"<html><body>x</body></html>").is_err());
    }
}

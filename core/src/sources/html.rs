//! A web page → an article draft: the main text (readability scoring by `dom_smoothie` on an
//! html5ever DOM, after the page furniture readability tends to keep is taken out) and the
//! metadata the page states.

use super::draft::{paragraphs, Draft};
use dom_query::{Document, NodeRef};
use encoding_rs::Encoding;

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error("the page has no article text")]
    NoText,
}

/// The most elements a page may have; readability work is linear in them.
const MAX_ELEMENTS: usize = 300_000;

/// Reads a page's bytes as the browser would: BOM, then the served charset, then the page's own
/// `<meta charset>`; without any, UTF-8 when the bytes are UTF-8 and Windows-1252 otherwise.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(charset_param).and_then(label))
        .or_else(|| meta_charset(bytes).and_then(label));
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn label(name: &str) -> Option<&'static Encoding> {
    // A page cannot declare UTF-16 in a meta tag it can read as ASCII (the HTML rule).
    Encoding::for_label(name.trim().as_bytes()).map(|e| {
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            e
        }
    })
}

/// `charset=` in a Content-Type value or a meta tag's content.
fn charset_param(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = value[at..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// The charset a `<meta>` in the first 1024 bytes declares.
fn meta_charset(bytes: &[u8]) -> Option<&str> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = std::str::from_utf8(head)
        .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""));
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<meta") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        if let Some(cs) = charset_param(&head[start..end]) {
            return Some(cs);
        }
        from = end;
    }
    None
}

/// Extracts the article a page holds.
pub fn extract(bytes: &[u8], content_type: Option<&str>) -> Result<Draft, HtmlError> {
    extract_text(&decode(bytes, content_type))
}

/// [`extract`] on a page already decoded.
pub fn extract_text(html: &str) -> Result<Draft, HtmlError> {
    let doc = Document::from(html);
    let meta = Metadata::of(&doc);
    remove_furniture(&doc);
    let body = main_text(doc).ok_or(HtmlError::NoText)?;
    // Readability keeps the headline when it differs from <title>; the title says it already.
    let body = drop_leading_title(&body, [meta.h1.as_deref(), meta.title.as_deref()]);
    if body.trim().is_empty() {
        return Err(HtmlError::NoText);
    }
    Ok(Draft {
        title: meta.title,
        published: meta.published,
        outlet: meta.outlet,
        url: meta.url,
        lang: meta.lang,
        body,
    })
}

/// Reduces an HTML fragment (a feed item's content) to paragraphs, without readability scoring:
/// the item is the article already.
pub fn fragment_text(html: &str) -> String {
    let doc = Document::fragment(html);
    remove_furniture(&doc);
    paragraphs(&block_text(&doc.root()))
}

/// What the page says about itself, each from the first place that states it.
struct Metadata {
    title: Option<String>,
    h1: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

impl Metadata {
    fn of(doc: &Document) -> Metadata {
        let ld = JsonLd::of(doc);
        let h1 = text_of(doc, "h1");
        let title = meta(doc, "property", "og:title")
            .or_else(|| h1.clone())
            .or_else(|| text_of(doc, "title").map(|t| strip_outlet_tail(&t)));
        let published = meta(doc, "property", "article:published_time")
            .or(ld.published)
            .or_else(|| attr_of(doc, "time[datetime]", "datetime"));
        let outlet = meta(doc, "property", "og:site_name").or(ld.publisher);
        let url = attr_of(doc, "link[rel=\"canonical\"]", "href")
            .or_else(|| meta(doc, "property", "og:url"))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let lang = attr_of(doc, "html[lang]", "lang").and_then(|l| primary_language(&l));
        Metadata {
            title,
            h1,
            published,
            outlet,
            url,
            lang,
        }
    }
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(s).filter(|s| !s.is_empty())
}

fn meta(doc: &Document, attr: &str, name: &str) -> Option<String> {
    attr_of(doc, &format!("meta[{attr}=\"{name}\"]"), "content")
}

fn attr_of(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|s| s.attr(attr).and_then(|v| clean(&v)))
}

fn text_of(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector).iter().find_map(|s| clean(&s.text()))
}

/// `<title>` without its " | Outlet" tail.
fn strip_outlet_tail(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `pt-BR` → `pt`; anything that is not a two-letter code gives none (detection decides).
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    Some(primary).filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
}

/// The `datePublished` and publisher name of the page's JSON-LD (schema.org) blocks.
#[derive(Default)]
struct JsonLd {
    published: Option<String>,
    publisher: Option<String>,
}

impl JsonLd {
    fn of(doc: &Document) -> JsonLd {
        let mut found = JsonLd::default();
        for script in &doc.select("script[type=\"application/ld+json\"]") {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&script.text()) {
                found.visit(&value, 0);
            }
        }
        found
    }

    fn visit(&mut self, value: &serde_json::Value, depth: usize) {
        // Real blocks nest a few levels (@graph, arrays); deeper is not metadata.
        if depth > 6 {
            return;
        }
        match value {
            serde_json::Value::Array(items) => items.iter().for_each(|v| self.visit(v, depth + 1)),
            serde_json::Value::Object(map) => {
                if self.published.is_none() {
                    self.published = map
                        .get("datePublished")
                        .and_then(|v| v.as_str())
                        .and_then(clean);
                }
                if self.publisher.is_none() {
                    self.publisher = match map.get("publisher") {
                        Some(serde_json::Value::String(s)) => clean(s),
                        Some(serde_json::Value::Object(p)) => {
                            p.get("name").and_then(|v| v.as_str()).and_then(clean)
                        }
                        _ => None,
                    };
                }
                if let Some(graph) = map.get("@graph") {
                    self.visit(graph, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Elements never part of an article.
const FURNITURE_TAGS: &str = "script, style, noscript, template, nav, footer, aside, form, \
    iframe, figcaption, button, select, textarea, input, svg, canvas, \
    amp-ad, amp-sidebar, amp-analytics, amp-social-share, amp-consent, amp-iframe, [hidden]";

/// Parts of class and id names that mark furniture (`share-bar`, `related-articles`,
/// `comments-area`, `leia-tambem`, `cookie-consent`, `entry-meta`, `ad-slot`).
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertising",
    "publicidad",
    "publicidade",
    "anzeige",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "sharedaddy",
    "social",
    "related",
    "relacionadas",
    "relacionados",
    "leia",
    "tambem",
    "lidas",
    "popular",
    "trending",
    "recommended",
    "newsletter",
    "subscribe",
    "signup",
    "promo",
    "sponsored",
    "comment",
    "comments",
    "comentarios",
    "commentaires",
    "kommentare",
    "respond",
    "byline",
    "meta",
    "bio",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "kicker",
    "sidebar",
    "widget",
    "outbrain",
    "taboola",
    "caption",
    "credit",
    "toolbar",
    "masthead",
    "menu",
    "nav",
    "footer",
    "colophon",
];

/// A marked element (or a `<header>`) holding more than this share of the page's text is kept: a class such as
/// `post has-comments` on the article itself must not take the article away.
const MAX_FURNITURE_SHARE: f64 = 0.5;

fn is_furniture_name(value: &str) -> bool {
    value.split_whitespace().any(|token| {
        let token = token.to_ascii_lowercase();
        token
            .split(['-', '_'])
            .any(|part| FURNITURE_WORDS.contains(&part))
    })
}

/// Takes the furniture out of the document.
fn remove_furniture(doc: &Document) {
    doc.select("script, style, noscript, template").remove();
    let total = doc.select("body").text().len().max(1) as f64;
    let small = |node: &NodeRef| (node.text().len() as f64) / total <= MAX_FURNITURE_SHARE;
    // Navigation, footers and the like go whatever they hold.
    doc.select(FURNITURE_TAGS).remove();
    // A <header> may wrap a whole article on some sites: it goes only when small.
    let mut doomed: Vec<NodeRef> = doc.select("header").nodes().to_vec();
    for node in doc.select("[class], [id], [placeholder]").nodes() {
        let named = ["class", "id"]
            .iter()
            .any(|a| node.attr(a).is_some_and(|v| is_furniture_name(&v)));
        let structural = node.has_name("html") || node.has_name("body") || node.has_name("main");
        if (named || node.has_attr("placeholder")) && !structural {
            doomed.push(*node);
        }
    }
    for node in doomed {
        if small(&node) {
            node.remove_from_parent();
        }
    }
}

/// The main text by readability scoring; the cleaned body when scoring finds no candidate.
fn main_text(doc: Document) -> Option<String> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let fallback = paragraphs(&block_text(&doc.select("body").nodes().first()?.clone()));
    let scored = dom_smoothie::Readability::with_document(doc, None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| paragraphs(&a.text_content));
    match scored {
        Some(text) if !text.trim().is_empty() => Some(text),
        _ => Some(fallback).filter(|t| !t.trim().is_empty()),
    }
}

/// Block elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "section",
    "article",
    "ul",
    "ol",
    "dd",
    "dt",
    "table",
];

/// The text under `node`, a line break at each block boundary (linear in the subtree).
fn block_text(node: &NodeRef) -> String {
    let mut out = String::new();
    let mut stack = vec![(*node, false)];
    while let Some((n, closing)) = stack.pop() {
        let is_block = BLOCKS.iter().any(|b| n.has_name(b));
        if closing {
            if is_block {
                out.push('\n');
            }
            continue;
        }
        if n.is_text() {
            out.push_str(&n.text());
            continue;
        }
        if is_block {
            out.push('\n');
        }
        stack.push((n, true));
        let children = n.children();
        for child in children.into_iter().rev() {
            stack.push((child, false));
        }
    }
    out
}

/// The body without a first paragraph that repeats the headline.
fn drop_leading_title(body: &str, titles: [Option<&str>; 2]) -> String {
    let Some((first, rest)) = body.split_once("\n\n") else {
        return body.to_string();
    };
    let same = |t: &str| t.split_whitespace().eq(first.split_whitespace());
    if titles.into_iter().flatten().any(same) {
        rest.to_string()
    } else {
        body.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_found() {
        assert_eq!(
            charset_param("text/html; charset=ISO-8859-1"),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html;charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(
            meta_charset(b"<head><meta charset='windows-1252'>"),
            Some("windows-1252")
        );
        let latin1 = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>d\xe9j\xe0</p>";
        assert!(decode(latin1, None).contains("déjà"));
        // Served charset beats the page's; a BOM beats both.
        assert!(
            decode("<p>déjà</p>".as_bytes(), Some("text/html; charset=utf-8")).contains("déjà")
        );
        assert!(decode(
            b"\xef\xbb\xbf<p>\xc3\xa9</p>",
            Some("text/html; charset=latin1")
        )
        .contains('é'));
        // Undeclared and not UTF-8: Windows-1252, as browsers do.
        assert!(decode(b"<p>\x93q\x94</p>", None).contains("\u{201c}q\u{201d}"));
    }

    #[test]
    fn title_tails_and_languages() {
        assert_eq!(strip_outlet_tail("Qwen gana | El Diario"), "Qwen gana");
        assert_eq!(strip_outlet_tail("A - B - Outlet"), "A - B");
        assert_eq!(strip_outlet_tail("Plain"), "Plain");
        assert_eq!(primary_language("pt-BR").as_deref(), Some("pt"));
        assert_eq!(primary_language("x-klingon"), None);
    }

    #[test]
    fn a_class_on_the_article_itself_does_not_remove_it() {
        let page = "<html><body><article class=\"post has-comments\"><p>Alibaba released Qwen3 \
            in April with eight models.</p><p>Qwen passed 300 million downloads.</p></article>\
            <div class=\"comments\"><p>Nice.</p></div></body></html>";
        let d = extract_text(page).unwrap();
        assert_eq!(
            d.body,
            "Alibaba released Qwen3 in April with eight models.\n\nQwen passed 300 million downloads.\n"
        );
    }

    #[test]
    fn an_empty_page_has_no_text() {
        assert_eq!(
            extract_text("<html><body><nav>Home</nav></body></html>"),
            Err(HtmlError::NoText)
        );
    }
}

//! Real sources as data: saved web pages ([`html`]) and RSS/Atom feeds ([`feed`]) turned into
//! article drafts ([`draft`]), read as corpus files ([`corpus_hook`]). Fetching, following and
//! updating talk to servers and the config file, and live in the application crate.

pub mod corpus_hook;
pub mod draft;
pub mod feed;
pub mod html;
pub mod topic;

pub use draft::Draft;

/// What a file or a response holds, judged by its bytes first and its name or type second
/// (servers mislabel: HTML served as text/plain, feeds served as text/html).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An article file (`.md`, `.txt`): front matter and body.
    Article,
    Html,
    Feed,
}

/// How many leading bytes are looked at to tell a page from a feed.
const SNIFF_BYTES: usize = 2048;

/// The kind of `bytes`, named `name` (a file name or URL path) with `content_type` if served.
pub fn sniff(bytes: &[u8], name: &str, content_type: Option<&str>) -> Kind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_BYTES)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    // Past an XML declaration and comments, the first element decides.
    if (head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf"))
        && !head.contains("<html")
    {
        return Kind::Feed;
    }
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<html") {
        return Kind::Html;
    }
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => return Kind::Html,
        Some("xml" | "rss" | "atom") => return Kind::Feed,
        Some("md" | "txt") => return Kind::Article,
        _ => {}
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    if ct.contains("html") {
        Kind::Html
    } else if ct.contains("rss") || ct.contains("atom") || ct.contains("xml") {
        Kind::Feed
    } else {
        Kind::Article
    }
}

/// Whether a file name is one the corpus reads (article files, pages, feeds).
pub fn is_source_name(name: &std::path::Path) -> bool {
    matches!(
        name.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "txt" | "html" | "htm" | "xml" | "rss" | "atom")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_beat_names_and_types() {
        let page = b"<!DOCTYPE html><html><body><p>x</p></body></html>";
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>";
        assert_eq!(sniff(page, "a.txt", Some("text/plain")), Kind::Html);
        assert_eq!(sniff(rss, "feed", Some("text/html")), Kind::Feed);
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "", None),
            Kind::Feed
        );
        assert_eq!(sniff(b"Plain text", "a.md", None), Kind::Article);
        assert_eq!(sniff(b"<p>fragment</p>", "a.htm", None), Kind::Html);
    }
}

//! A URL → what it serves, as drafts: a page, a feed's items (with the pages of summary-only
//! items), or an article file. Shared by `ingest URL` and `update`.

use super::fetch::{self, FetchError, Limits, Response, Validators};
use super::{feed, html, sniff, Draft, Kind};

/// What a URL served.
#[derive(Debug)]
pub enum Served {
    NotModified,
    Page(Draft),
    Feed {
        items: Vec<feed::Item>,
        validators: Validators,
    },
    /// An article file (`.md`/`.txt`), bytes as served.
    ArticleFile(Vec<u8>),
}

/// Why a URL gave nothing: one sentence for "URL: reason".
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Html(#[from] html::HtmlError),
    #[error(transparent)]
    Feed(#[from] feed::FeedError),
}

/// Fetches `url` and reads it by its content (a feed served as text/html is still a feed).
pub fn fetch(url: &str, validators: &Validators, limits: &Limits) -> Result<Served, RemoteError> {
    let (bytes, content_type, final_url, validators) = match fetch::get(url, validators, limits)? {
        Response::NotModified => return Ok(Served::NotModified),
        Response::Body {
            bytes,
            content_type,
            final_url,
            validators,
        } => (bytes, content_type, final_url, validators),
    };
    let path = url.split(['?', '#']).next().unwrap_or(url);
    match sniff(&bytes, path, content_type.as_deref()) {
        Kind::Html => {
            let mut draft = html::extract(&bytes, content_type.as_deref())?;
            // A page that names no canonical URL is known by the one it was fetched from.
            draft.url.get_or_insert(final_url);
            Ok(Served::Page(draft))
        }
        Kind::Feed => Ok(Served::Feed {
            items: feed::parse(&bytes)?.items,
            validators,
        }),
        Kind::Article => Ok(Served::ArticleFile(bytes)),
    }
}

/// The article behind a summary-only item: its page, with what the feed said filling gaps.
pub fn item_page(item: &feed::Item, limits: &Limits) -> Result<Draft, RemoteError> {
    let url = item.draft.url.as_deref().unwrap_or("");
    // The link served no page: the item's own text is all there is.
    let Served::Page(page) = fetch(url, &Validators::default(), limits)? else {
        return Ok(item.draft.clone());
    };
    let d = &item.draft;
    Ok(Draft {
        title: page.title.or_else(|| d.title.clone()),
        published: page.published.or_else(|| d.published.clone()),
        outlet: page.outlet.or_else(|| d.outlet.clone()),
        url: page.url.or_else(|| d.url.clone()),
        lang: page.lang.or_else(|| d.lang.clone()),
        body: page.body,
    })
}

//! Reading the inputs (standard input, files, URLs) into the articles they yield.

use super::{IngestError, Input, Piece};
use crate::corpus::{self, Article, LoadError, Origin, MAX_ARTICLE_BYTES};
use crate::sources::{self, remote::Served};
use std::io::Read;
use std::path::Path;

/// The articles an input yields (a feed yields one per item); each can fail on its own.
pub(super) fn read_input(input: &Input) -> Vec<Result<Piece, IngestError>> {
    let origin = input.origin();
    let unreadable = |e: std::io::Error| LoadError::Unreadable(origin.to_string(), e.to_string());
    let (bytes, name) = match input {
        Input::Url(url) => return read_url(url),
        Input::Stdin => {
            let mut bytes = Vec::new();
            // One byte over the limit is enough to know it is too large.
            if let Err(e) = std::io::stdin()
                .lock()
                .take(MAX_ARTICLE_BYTES + 1)
                .read_to_end(&mut bytes)
            {
                return vec![Err(unreadable(e).into())];
            }
            (bytes, String::new())
        }
        Input::File(path) => {
            // A FIFO in a folder would block, `/dev/zero` never ends: regular files only.
            let read = corpus::read_source_file(path);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match read {
                Ok(bytes) => (bytes, name),
                Err(e) => return vec![Err(e.into())],
            }
        }
    };
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    match sources::sniff(&bytes, &name, None) {
        sources::Kind::Article => vec![article_piece(&bytes, &name, origin, stem)],
        sources::Kind::Html => match sources::html::extract(&bytes, None) {
            Ok(draft) => vec![draft_piece(&draft, &name, origin, stem)],
            Err(e) => vec![Err(LoadError::Unreadable(
                origin.to_string(),
                e.to_string(),
            )
            .into())],
        },
        sources::Kind::Feed => match sources::feed::parse(&bytes) {
            Ok(feed) => feed
                .items
                .iter()
                .map(|item| {
                    let hint = Some(item.draft.id_hint());
                    draft_piece(&item.draft, &name, origin.clone(), hint)
                })
                .collect(),
            Err(e) => vec![Err(LoadError::Unreadable(
                origin.to_string(),
                e.to_string(),
            )
            .into())],
        },
    }
}

/// What a URL serves, as pieces; the pages of summary-only feed items are fetched.
fn read_url(url: &str) -> Vec<Result<Piece, IngestError>> {
    let limits = sources::fetch::Limits::default();
    let origin = Origin::Memory(url.to_string());
    let failed = |reason: String| IngestError::Remote(url.to_string(), reason);
    match sources::remote::fetch(url, &Default::default(), &limits) {
        Err(e) => vec![Err(failed(e.to_string()))],
        Ok(Served::NotModified) => vec![Err(failed("the server answered 304 unasked".into()))],
        Ok(Served::Page(draft)) => {
            let hint = Some(draft.id_hint());
            vec![draft_piece(&draft, "", origin, hint)]
        }
        Ok(Served::ArticleFile(bytes)) => vec![article_piece(&bytes, "", origin, None)],
        Ok(Served::Feed { items, .. }) => items
            .iter()
            .map(|item| {
                let draft = if item.summary_only {
                    let link = item.draft.url.clone().unwrap_or_default();
                    sources::remote::item_page(item, &limits)
                        .map_err(|e| IngestError::Remote(link, e.to_string()))?
                } else {
                    item.draft.clone()
                };
                let hint = Some(draft.id_hint());
                draft_piece(&draft, "", origin.clone(), hint)
            })
            .collect(),
    }
}

fn article_piece(
    bytes: &[u8],
    name: &str,
    origin: Origin,
    stem_hint: Option<String>,
) -> Result<Piece, IngestError> {
    let article = corpus::parse_bytes(bytes, name, origin.clone())?;
    let text = String::from_utf8(bytes.to_vec())
        .map_err(|e| LoadError::NotUtf8(origin.to_string(), e.utf8_error().valid_up_to()))?;
    Ok(Piece {
        text,
        article,
        stem_hint,
    })
}

/// A page or feed item: what is stored is the article file made of it, never the markup.
pub(crate) fn draft_piece(
    draft: &sources::Draft,
    name: &str,
    origin: Origin,
    stem_hint: Option<String>,
) -> Result<Piece, IngestError> {
    let text = draft.to_article_text(None);
    let article = Article::parse(&text, name, origin)?;
    Ok(Piece {
        text,
        article,
        stem_hint,
    })
}

//! How the corpus reads pages and feeds: each becomes articles exactly as `ingest` would store
//! them (front matter + extracted body), so offsets match a later ingested copy.

use super::{feed, html, sniff, Kind};
use crate::corpus::{self, Article, LoadError, Origin, ParseMemo};
use std::path::{Path, PathBuf};

/// The articles of one corpus file: one for an article file or a page, one per feed item.
pub fn load(path: &Path, memo: Option<&dyn ParseMemo>) -> Vec<Result<Article, LoadError>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let origin = Origin::File(path.to_path_buf());
    let kind_by_name = sniff(b"", &name, None);
    if kind_by_name == Kind::Article {
        return vec![corpus::load_file_with(path, memo)];
    }
    let bytes = match corpus::read_article_bytes(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    articles_of(&bytes, &name, None, origin)
}

/// The articles `bytes` hold, judged by content first (a feed saved as `.html` is a feed).
pub fn articles_of(
    bytes: &[u8],
    name: &str,
    content_type: Option<&str>,
    origin: Origin,
) -> Vec<Result<Article, LoadError>> {
    let shown = origin.to_string();
    let stem = crate::paths::safe_stem(
        &Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    match sniff(bytes, name, content_type) {
        Kind::Article => vec![corpus::parse_bytes(bytes, name, origin)],
        Kind::Html => match html::extract(bytes, content_type) {
            Ok(draft) => {
                let text = draft.to_article_text(None);
                vec![Article::parse(&text, name, origin)]
            }
            Err(e) => vec![Err(LoadError::Unreadable(shown, e.to_string()))],
        },
        Kind::Feed => match feed::parse(bytes) {
            Ok(feed) if feed.items.is_empty() => vec![Err(LoadError::Empty(shown))],
            Ok(feed) => feed
                .items
                .iter()
                .enumerate()
                .filter(|(_, item)| !item.draft.body.trim().is_empty())
                .map(|(i, item)| {
                    let id = format!("{stem}-{}", i + 1);
                    Article::parse(&item.draft.to_article_text(Some(&id)), name, origin.clone())
                })
                .collect(),
            Err(e) => vec![Err(LoadError::Unreadable(shown, e.to_string()))],
        },
    }
}

/// One warning per regular file of `dir` that is no source the corpus reads.
pub fn other_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut others: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            // Hidden files are the program's own temporaries and locks.
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            !hidden && !super::is_source_name(p)
        })
        .collect();
    others.sort();
    others
        .into_iter()
        .map(|p| {
            format!(
                "{}: not an article file (read are .md, .txt, .html, .htm, .xml, .rss, .atom)",
                p.display()
            )
        })
        .collect()
}

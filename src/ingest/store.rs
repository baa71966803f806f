//! The target folder: what it already holds, the duplicate checks, and writing new files.

use super::front_matter::{file_stem_for, file_text, fill_front_matter, front_matter_table};
use super::{IngestError, Metadata, Outcome, Piece};
use crate::timeline::Timeline;
use anyhow::Context;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The target folder: the articles it (and the corpus read with it) already holds.
pub(crate) struct TargetFolder {
    dir: PathBuf,
    /// Normalised-body hash → where that text already is.
    bodies: HashMap<blake3::Hash, String>,
    /// Normalised URL → the article that has it.
    urls: HashMap<String, String>,
    /// Ids and file stems in use, lower-cased: a new file takes neither.
    taken: HashSet<String>,
}

impl TargetFolder {
    /// Whether `url` is already in the folder or the corpus read with it.
    pub(crate) fn has_url(&self, url: &str) -> bool {
        self.urls.contains_key(&normal_url(url))
    }
    pub(crate) fn new(dir: &Path, corpus: &Timeline) -> anyhow::Result<TargetFolder> {
        let bodies = corpus
            .articles
            .iter()
            .map(|a| (body_hash(&a.body), a.origin.to_string()))
            .collect();
        let urls = corpus
            .articles
            .iter()
            .filter_map(|a| Some((normal_url(a.url.as_deref()?), a.origin.to_string())))
            .collect();
        let mut taken: HashSet<String> = corpus
            .articles
            .iter()
            .map(|a| a.id.to_lowercase())
            .collect();
        for entry in
            std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let Ok(entry) = entry else { continue };
            if let Some(stem) = Path::new(&entry.file_name()).file_stem() {
                taken.insert(stem.to_string_lossy().to_lowercase());
            }
        }
        Ok(TargetFolder {
            dir: dir.to_path_buf(),
            bodies,
            urls,
            taken,
        })
    }

    /// Writes the article under the first free name derived from `stem` and returns its path.
    /// The front matter's id is set to that name, so ids stay unique in the folder.
    fn write(
        &mut self,
        stem: &str,
        front: &mut toml::Table,
        body: &str,
        input: &str,
    ) -> Result<PathBuf, IngestError> {
        let mut n = 1;
        loop {
            let name = if n == 1 {
                stem.to_string()
            } else {
                format!("{stem}-{n}")
            };
            n += 1;
            if self.taken.contains(&name.to_lowercase()) {
                continue;
            }
            front.insert("id".into(), toml::Value::String(name.clone()));
            let text = file_text(front, body)
                .map_err(|m| IngestError::FrontMatter(input.to_string(), m))?;
            let path = self.dir.join(format!("{name}.md"));
            match write_new_file(&path, &text) {
                Ok(()) => {
                    self.taken.insert(name.to_lowercase());
                    return Ok(path);
                }
                // Another ingest took the name meanwhile: try the next one.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(IngestError::Write(
                        input.to_string(),
                        self.dir.display().to_string(),
                        e,
                    ))
                }
            }
        }
    }
}

/// Writes a whole file through the shared atomic writer, unless `path` exists.
fn write_new_file(path: &Path, text: &str) -> std::io::Result<()> {
    crate::atomic::write_new(path, text.as_bytes())?;
    Ok(())
}

/// Checks and writes one article of an input.
pub(crate) fn store_piece(
    piece: Piece,
    origin: &str,
    meta: &Metadata,
    folder: &mut TargetFolder,
) -> Result<Outcome, IngestError> {
    let Piece {
        text,
        article,
        stem_hint,
    } = piece;
    let hash = body_hash(&article.body);
    // The article's own URL: a `--url` flag given for many inputs says nothing of which is which.
    let url = article.url.as_deref().map(normal_url);
    let known = folder
        .bodies
        .get(&hash)
        .map(|e| format!("same text as {e}"))
        .or_else(|| {
            let e = folder.urls.get(url.as_ref()?)?;
            Some(format!("same URL as {e}"))
        });
    if let Some(existing) = known {
        return Ok(Outcome::AlreadyThere {
            input: origin.to_string(),
            existing,
        });
    }
    let body = article.body.as_str();
    let mut front = front_matter_table(&text, body)
        .map_err(|m| IngestError::FrontMatter(origin.to_string(), m))?;
    fill_front_matter(&mut front, meta, &article);
    let stem = file_stem_for(stem_hint, &front, &article);
    let path = folder.write(&stem, &mut front, body, origin)?;
    let stored = path.display().to_string();
    folder.bodies.insert(hash, stored.clone());
    if let Some(url) = url {
        folder.urls.insert(url, stored);
    }
    Ok(Outcome::Added { path, article })
}

/// A URL as compared for "already there": no fragment, no trailing slash, host in lower case.
pub fn normal_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url).trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            format!(
                "{}://{}{path}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            )
        }
        None => url.to_string(),
    }
}

/// The body with white space runs made one space: reformatting does not make a new article.
fn body_hash(body: &str) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for (i, word) in body.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hasher.finalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_does_not_make_a_new_body() {
        assert_eq!(body_hash("a  b\n\nc "), body_hash(" a b c"));
        assert_ne!(body_hash("a b c"), body_hash("a b d"));
    }
}

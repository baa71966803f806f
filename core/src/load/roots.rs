//! The roots of a corpus source (the bundled articles, the data folder, a `--corpus` folder or
//! file) and what each holds: its files, each with the articles and facts it gave or why not,
//! and the warnings that belong to the root itself.

use crate::cache::FactKey;
use crate::corpus::{self, Article, CorpusDirError, CorpusSource, ParseMemo};
use crate::extract::Fact;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a root is, which decides how it is listed and how a failure to list it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RootKind {
    /// The articles inside the binary: read once, never changed.
    Bundled,
    /// The user's data folder: missing is no articles, unlistable is a warning.
    DataFolder(PathBuf),
    /// A folder the user named: unlistable fails the load.
    Folder(PathBuf),
    /// A file the user named: read whatever its extension; missing fails the load.
    File(PathBuf),
}

/// The roots `source` reads, in order. A `--corpus` path that does not exist fails here, as
/// it fails a one-shot command.
pub(super) fn roots_of(source: &CorpusSource) -> Result<Vec<Root>, CorpusDirError> {
    let kinds = match source {
        CorpusSource::Default { user_dir } => {
            let mut kinds = vec![RootKind::Bundled];
            kinds.extend(user_dir.iter().cloned().map(RootKind::DataFolder));
            kinds
        }
        CorpusSource::Dir(dir) => vec![RootKind::Folder(dir.clone())],
        CorpusSource::Paths(paths) => paths
            .iter()
            .map(|path| {
                let meta = std::fs::metadata(path).map_err(|error| CorpusDirError {
                    path: path.clone(),
                    error,
                })?;
                Ok(if meta.is_dir() {
                    RootKind::Folder(path.clone())
                } else {
                    RootKind::File(path.clone())
                })
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(kinds.into_iter().map(Root::new).collect())
}

/// A file's size and modification time: a file whose stamp is unchanged is not re-read.
pub(super) type Stamp = (u64, Option<SystemTime>);

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// An article as loaded, with its facts (none asked for: empty) and their cache key.
#[derive(Debug, Clone)]
pub(super) struct Loaded {
    pub article: Article,
    pub facts: Vec<Fact>,
    pub key: Option<FactKey>,
}

/// One file of a root: what it gave (one article, one per feed item, or a warning each).
#[derive(Debug)]
pub(super) struct FileEntry {
    pub stamp: Option<Stamp>,
    pub items: Vec<Result<Loaded, String>>,
}

impl FileEntry {
    /// Whether this is still what the file at `path` holds: its stamp is known and unchanged.
    pub fn is_current(&self, path: &Path) -> bool {
        self.stamp.is_some() && self.stamp == stamp_of(path)
    }
}

/// A file read but not yet extracted.
pub(super) struct Parsed {
    pub stamp: Option<Stamp>,
    pub items: Vec<Result<Article, String>>,
}

impl Parsed {
    /// Reads one corpus file: an article file, a page or a feed.
    pub fn read(path: &Path, memo: Option<&dyn ParseMemo>) -> Parsed {
        let stamp = stamp_of(path);
        let items = crate::sources::corpus_hook::load(path, memo)
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect();
        Parsed { stamp, items }
    }

    /// The bundled articles, then their warnings.
    pub fn bundled() -> Parsed {
        let corpus = corpus::bundled();
        let items = corpus
            .articles
            .into_iter()
            .map(Ok)
            .chain(corpus.warnings.into_iter().map(Err))
            .collect();
        Parsed { stamp: None, items }
    }
}

/// What a root lists now: the files it reads and its own warnings.
pub(super) struct Listing {
    pub files: Vec<PathBuf>,
    /// Why the data folder could not be listed.
    pub warning: Option<String>,
    /// One per file of a folder that is no source the corpus reads.
    pub others: Vec<String>,
}

/// One root and the files it holds.
#[derive(Debug)]
pub(super) struct Root {
    pub kind: RootKind,
    /// By path, in the order a folder is read (sorted); the bundled root has one, unnamed.
    pub files: BTreeMap<PathBuf, FileEntry>,
    pub warning: Option<String>,
    pub others: Vec<String>,
}

impl Root {
    fn new(kind: RootKind) -> Root {
        Root {
            kind,
            files: BTreeMap::new(),
            warning: None,
            others: Vec::new(),
        }
    }

    /// The folder whose files this root reads, if it is one.
    pub fn folder(&self) -> Option<&Path> {
        match &self.kind {
            RootKind::DataFolder(dir) | RootKind::Folder(dir) => Some(dir),
            RootKind::Bundled | RootKind::File(_) => None,
        }
    }

    /// Whether a change to `path` is this root's to look at.
    pub fn owns(&self, path: &Path) -> bool {
        match &self.kind {
            RootKind::Bundled => false,
            RootKind::DataFolder(dir) | RootKind::Folder(dir) => path.parent() == Some(dir),
            RootKind::File(file) => path == file,
        }
    }

    /// Lists the root as a fresh load would; `None` for the bundled root, which never changes.
    pub fn list(&self) -> Result<Option<Listing>, CorpusDirError> {
        let listing = match &self.kind {
            RootKind::Bundled => return Ok(None),
            RootKind::File(file) => {
                // Named by the user: gone is an error, as it is for a fresh load.
                std::fs::metadata(file).map_err(|error| CorpusDirError {
                    path: file.clone(),
                    error,
                })?;
                Listing {
                    files: vec![file.clone()],
                    warning: None,
                    others: Vec::new(),
                }
            }
            RootKind::Folder(dir) => Listing {
                files: corpus::article_files(dir)?,
                warning: None,
                others: crate::sources::corpus_hook::other_files(dir),
            },
            RootKind::DataFolder(dir) if !dir.is_dir() => Listing {
                files: Vec::new(),
                warning: None,
                others: Vec::new(),
            },
            RootKind::DataFolder(dir) => match corpus::article_files(dir) {
                Ok(files) => Listing {
                    files,
                    warning: None,
                    others: crate::sources::corpus_hook::other_files(dir),
                },
                Err(e) => Listing {
                    files: Vec::new(),
                    warning: Some(e.to_string()),
                    others: Vec::new(),
                },
            },
        };
        Ok(Some(listing))
    }

    /// Whether `path`, a file this root owns, is one it reads (rather than one it warns about).
    pub fn reads(&self, path: &Path) -> bool {
        match &self.kind {
            RootKind::File(_) => path.exists(),
            _ => corpus::is_article_file(path) && path.exists(),
        }
    }

    /// The warnings about the folder's other files, looked at again; whether they changed.
    pub fn refresh_others(&mut self) -> bool {
        let Some(dir) = self.folder() else {
            return false;
        };
        let others = if dir.is_dir() {
            crate::sources::corpus_hook::other_files(dir)
        } else {
            Vec::new()
        };
        let changed = others != self.others;
        self.others = others;
        changed
    }

    /// Whether the file at `path` is held with the stamp it has now.
    pub fn is_current(&self, path: &Path) -> bool {
        self.files.get(path).is_some_and(|e| e.is_current(path))
    }
}

/// Whether a file is one of the program's own temporaries and locks (hidden).
pub(super) fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

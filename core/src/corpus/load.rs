//! Reading articles: the bundled ones and single files from disk, and the limits on them. Folders
//! and whole sources are loaded by [`crate::load`], which reads pages and feeds too.

use super::article::parse_bytes_with;
use super::{parse_bytes, Article, LoadError, Origin, ParseMemo};
use include_dir::{include_dir, Dir};
use std::path::{Path, PathBuf};

/// The articles shipped inside the binary.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// The largest article file read; bigger ones are refused with a warning.
pub const MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads one article file from disk.
pub fn load_file(path: &Path) -> Result<Article, LoadError> {
    load_file_with(path, None)
}

/// [`load_file`], with earlier parses remembered by `memo`.
pub fn load_file_with(path: &Path, memo: Option<&dyn ParseMemo>) -> Result<Article, LoadError> {
    let bytes = read_article_bytes(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_bytes_with(&bytes, &name, Origin::File(path.to_path_buf()), memo)
}

/// The bytes of a corpus file, of whatever kind (article, page, feed), read as every corpus
/// file is: not through a link out of its folder, only a regular file, at most
/// [`MAX_ARTICLE_BYTES`].
pub fn read_article_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    if links_outside_its_folder(path) {
        return Err(LoadError::LinkOutside(
            Origin::File(path.to_path_buf()).to_string(),
        ));
    }
    read_source_file(path)
}

/// A source file named by the user (to ingest, say): a regular file of at most
/// [`MAX_ARTICLE_BYTES`], or why not, naming it.
pub fn read_source_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let shown = || Origin::File(path.to_path_buf()).to_string();
    read_regular_file(path, MAX_ARTICLE_BYTES).map_err(|e| match e {
        ReadError::NotRegular(kind) => LoadError::NotRegular(shown(), kind),
        ReadError::TooLarge(len) => LoadError::TooLarge(shown(), len),
        ReadError::Io(e) => LoadError::Unreadable(shown(), e.to_string()),
    })
}

/// Why [`read_regular_file`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, device, socket or folder: what kind it is.
    NotRegular(&'static str),
    /// Over the cap: at least this many bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a regular file of at most `cap` bytes. Anything else is refused before a byte is
/// read: a FIFO would block forever, `/dev/zero` never ends. The file is opened without
/// blocking and checked once open, so one swapped in after a look at its name is still caught,
/// and the read stops one byte past the cap whatever the file claims its size is.
pub fn read_regular_file(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta.file_type())));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, in words.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// A symbolic link in a corpus folder whose target lies outside that folder: following it
/// would let a folder of articles read any file (`/etc/passwd`). Links within it are fine.
fn links_outside_its_folder(path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return false;
    }
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(folder), std::fs::canonicalize(path)) {
        (Ok(folder), Ok(target)) => !target.starts_with(folder),
        // A dangling link: the read reports it.
        _ => false,
    }
}

/// The articles that loaded and one warning per file that did not.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
}

impl Corpus {
    fn push(&mut self, result: Result<Article, LoadError>) {
        match result {
            Ok(article) => self.articles.push(article),
            Err(e) => self.warnings.push(e.to_string()),
        }
    }

    /// Two articles with one id would make ids ambiguous: later ones get a suffix and a warning.
    pub fn make_ids_unique(&mut self) {
        let mut seen = std::collections::HashSet::new();
        for article in &mut self.articles {
            if !seen.insert(article.id.clone()) {
                let mut n = 2;
                while seen.contains(&format!("{}-{n}", article.id)) {
                    n += 1;
                }
                let new_id = format!("{}-{n}", article.id);
                self.warnings.push(format!(
                    "{}: id `{}` is already used by another article; using `{new_id}`",
                    article.origin, article.id
                ));
                article.id = new_id.clone();
                seen.insert(new_id);
            }
        }
    }
}

/// Which articles the program reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusSource {
    /// The bundled articles, plus the user's data folder when it exists.
    Default { user_dir: Option<PathBuf> },
    /// Only the article files in this folder.
    Dir(PathBuf),
    /// Only these folders' article files and these files, in this order (several
    /// `--corpus`, or one that is a file).
    Paths(Vec<PathBuf>),
}

impl CorpusSource {
    /// The folders to watch for changes.
    pub fn folders(&self) -> Vec<PathBuf> {
        match self {
            CorpusSource::Default { user_dir } => user_dir.iter().cloned().collect(),
            CorpusSource::Dir(dir) => vec![dir.clone()],
            CorpusSource::Paths(paths) => paths.iter().filter(|p| p.is_dir()).cloned().collect(),
        }
    }
}

/// A `--corpus` folder that cannot be listed: the whole command fails (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("cannot read corpus folder {}: {error}", path.display())]
pub struct CorpusDirError {
    pub path: PathBuf,
    // In the sentence, not a `source`: a chain printed with `{:#}` would say it twice.
    pub error: std::io::Error,
}

/// The bundled articles, parsed.
pub fn bundled() -> Corpus {
    let mut corpus = Corpus::default();
    let mut files: Vec<_> = BUNDLED.files().collect();
    files.sort_by_key(|f| f.path().to_path_buf());
    for file in files {
        let name = file.path().to_string_lossy().into_owned();
        corpus.push(parse_bytes(
            file.contents(),
            &name,
            Origin::Bundled(name.clone()),
        ));
    }
    corpus
}

/// The article files (`*.md`, `*.txt`) directly inside a folder, sorted by name.
pub fn article_files(dir: &Path) -> Result<Vec<PathBuf>, CorpusDirError> {
    let err = |error| CorpusDirError {
        path: dir.to_path_buf(),
        error,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let Ok(entry) = entry else { continue };
        // The listing already knows folders: no extra system call per file.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        if has_article_extension(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a path names an article file by its extension (not a folder).
pub fn is_article_file(path: &Path) -> bool {
    has_article_extension(path) && !path.is_dir()
}

fn has_article_extension(path: &Path) -> bool {
    matches!(
        path.extension()
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
    fn bundled_corpus_loads_five_articles() {
        let corpus = bundled();
        assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
        assert_eq!(corpus.articles.len(), 5);
        let langs: Vec<_> = corpus.articles.iter().map(|a| a.lang.as_str()).collect();
        for l in ["es", "pt", "it", "de", "fr"] {
            assert!(langs.contains(&l), "{l} missing from {langs:?}");
        }
    }
}

//! Articles: where they come from, their front matter, and the furniture around their text.

mod frontmatter;
pub mod furniture;
mod lang;

use crate::date::PartialDate;
use chrono::NaiveDate;
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

pub use frontmatter::{split_front_matter, FrontMatter, FrontMatterError};
pub use lang::detect_lang;

/// The articles shipped inside the binary.
static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/articles");

/// The largest article file read; bigger ones are refused with a warning.
pub const MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

/// Where an article was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Embedded in the binary, by its file name.
    Bundled(String),
    File(PathBuf),
    /// Built in memory (tests, standard input).
    Memory(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "bundled:{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Memory(name) => f.write_str(name),
        }
    }
}

/// One news article: its metadata and its body exactly as captured.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code, from the front matter or detected from the body.
    pub lang: String,
    pub published: Option<NaiveDate>,
    /// The text after the front matter, byte for byte; offsets point into it.
    pub body: String,
    pub origin: Origin,
    /// Byte ranges of the body that are page furniture, not reporting.
    pub furniture: Vec<(usize, usize)>,
    /// How many lines of the file come before the body (the front matter's).
    pub body_line_offset: usize,
}

/// What is printed for an article in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub lang: &'a str,
    pub published: Option<String>,
}

/// All that parsing a file yields besides its text, so that an unchanged file need not be
/// parsed again (see [`ParseMemo`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    id: String,
    title: String,
    outlet: Option<String>,
    url: Option<String>,
    lang: String,
    published: Option<NaiveDate>,
    furniture: Vec<(usize, usize)>,
    body_line_offset: usize,
    /// Where the body starts in the file's text.
    body_start: usize,
}

/// A memory of earlier parses, keyed by a file's name and bytes: opening thousands of
/// unchanged files then skips front matter, language detection and furniture rules.
pub trait ParseMemo: Sync {
    fn recall(&self, name: &str, bytes: &[u8]) -> Option<Parsed>;
    fn remember(&self, name: &str, bytes: &[u8], parsed: &Parsed);
}

impl Parsed {
    /// Parses a file's text; `name` is the file name, used for the default id.
    fn of(text: &str, name: &str, origin: &Origin) -> Result<Parsed, LoadError> {
        let (front, body, body_line_offset) =
            split_front_matter(text).map_err(|e| LoadError::FrontMatter {
                origin: origin.to_string(),
                line: e.line,
                message: e.message,
            })?;
        if body.trim().is_empty() {
            return Err(LoadError::Empty(origin.to_string()));
        }
        let id = front
            .id
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| file_stem(name));
        let title = front
            .title
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| first_line(body));
        let furniture = furniture::find(body, "");
        let lang = front
            .lang
            .clone()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| lang::detect_sample(lang::sample(body, &furniture)).to_string());
        // Without front matter, the article's own dateline ("16 jan 2026 - 15h34") dates it.
        let published = front.published.or_else(|| furniture::header_date(body));
        Ok(Parsed {
            id,
            title,
            outlet: front.outlet,
            url: front.url,
            lang,
            published,
            furniture,
            body_line_offset,
            // The body is the text after the front matter: a suffix of it.
            body_start: text.len() - body.len(),
        })
    }

    /// Whether these offsets can belong to `text` (a remembered parse may come from a damaged
    /// or foreign cache): the body and every furniture range lie on its char boundaries.
    fn fits(&self, text: &str) -> bool {
        let Some(body) = text.get(self.body_start..) else {
            return false;
        };
        self.furniture
            .iter()
            .all(|&(s, e)| s <= e && body.get(s..e).is_some())
    }
}

impl Article {
    /// Builds an article from a file's text; `name` is the file name, used for the default id.
    pub fn parse(text: &str, name: &str, origin: Origin) -> Result<Article, LoadError> {
        Parsed::of(text, name, &origin).map(|p| Article::from_parsed(p, text, origin))
    }

    /// The article of a text already parsed into `p`.
    fn from_parsed(p: Parsed, text: &str, origin: Origin) -> Article {
        Article {
            id: p.id,
            title: p.title,
            outlet: p.outlet,
            url: p.url,
            lang: p.lang,
            published: p.published,
            body: text.get(p.body_start..).unwrap_or_default().to_string(),
            origin,
            furniture: p.furniture,
            body_line_offset: p.body_line_offset,
        }
    }

    pub fn summary(&self) -> ArticleSummary<'_> {
        ArticleSummary {
            id: &self.id,
            title: &self.title,
            outlet: self.outlet.as_deref(),
            url: self.url.as_deref(),
            lang: &self.lang,
            published: self.published.map(|d| PartialDate::day(d).to_string()),
        }
    }

    /// The 1-based line of the file on which a body offset falls (front matter counted).
    pub fn line_of(&self, offset: usize) -> usize {
        let upto = offset.min(self.body.len());
        let body_line = self.body.as_bytes()[..upto]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        body_line + 1 + self.body_line_offset
    }
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// A default title longer than this is cut (with "…"): a body that is one huge line must not
/// become a huge title in every output.
pub const MAX_DEFAULT_TITLE_CHARS: usize = 200;

/// The contract's default title: the first non-empty line of the body, capped.
fn first_line(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match line.char_indices().nth(MAX_DEFAULT_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line.to_string(),
    }
}

/// Why one file could not be loaded. Each names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{0}: cannot be read: {1}")]
    Unreadable(String, String),
    #[error("{0}: is a binary file, not an article")]
    Binary(String),
    #[error("{0}: is not valid UTF-8 (first bad byte at offset {1})")]
    NotUtf8(String, usize),
    #[error("{0}: is empty")]
    Empty(String),
    #[error("{0}: is {1} bytes, over the {max} byte limit", max = MAX_ARTICLE_BYTES)]
    TooLarge(String, u64),
    #[error("{0}: is {1}, not a regular file; not read")]
    NotRegular(String, &'static str),
    #[error("{0}: links to a file outside its folder; not followed")]
    LinkOutside(String),
    #[error("{origin}:{line}: broken front matter: {message}")]
    FrontMatter {
        origin: String,
        line: usize,
        message: String,
    },
}

/// Decodes a file's bytes into an article, refusing binary, non-UTF-8 and empty input.
pub fn parse_bytes(bytes: &[u8], name: &str, origin: Origin) -> Result<Article, LoadError> {
    parse_bytes_with(bytes, name, origin, None)
}

/// [`parse_bytes`], taking the parse from `memo` when it has seen these bytes under this name.
fn parse_bytes_with(
    bytes: &[u8],
    name: &str,
    origin: Origin,
    memo: Option<&dyn ParseMemo>,
) -> Result<Article, LoadError> {
    if let Some(memo) = memo {
        // Bytes that parsed once passed every check below; only the text is needed again.
        let remembered = memo
            .recall(name, bytes)
            .zip(std::str::from_utf8(bytes).ok());
        if let Some((parsed, text)) = remembered.filter(|(p, text)| p.fits(text)) {
            return Ok(Article::from_parsed(parsed, text, origin));
        }
    }
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(LoadError::TooLarge(origin.to_string(), bytes.len() as u64));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty(origin.to_string()));
    }
    if bytes.contains(&0) {
        return Err(LoadError::Binary(origin.to_string()));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| LoadError::NotUtf8(origin.to_string(), e.valid_up_to()))?;
    let parsed = Parsed::of(text, name, &origin)?;
    if let Some(memo) = memo {
        memo.remember(name, bytes, &parsed);
    }
    Ok(Article::from_parsed(parsed, text, origin))
}

/// Reads one article file from disk.
pub fn load_file(path: &Path) -> Result<Article, LoadError> {
    load_file_with(path, None)
}

/// [`load_file`], with earlier parses remembered by `memo`.
pub fn load_file_with(path: &Path, memo: Option<&dyn ParseMemo>) -> Result<Article, LoadError> {
    let origin = Origin::File(path.to_path_buf());
    if links_outside_its_folder(path) {
        return Err(LoadError::LinkOutside(origin.to_string()));
    }
    let bytes = read_regular_file(path, MAX_ARTICLE_BYTES).map_err(|e| match e {
        ReadError::NotRegular(kind) => LoadError::NotRegular(origin.to_string(), kind),
        ReadError::TooLarge(len) => LoadError::TooLarge(origin.to_string(), len),
        ReadError::Io(e) => LoadError::Unreadable(origin.to_string(), e.to_string()),
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_bytes_with(&bytes, &name, origin, memo)
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

/// Reads every article file of a folder, in parallel; bad files become warnings.
pub fn load_dir(dir: &Path) -> Result<Corpus, CorpusDirError> {
    load_dir_with(dir, None)
}

fn load_dir_with(dir: &Path, memo: Option<&dyn ParseMemo>) -> Result<Corpus, CorpusDirError> {
    let files = article_files(dir)?;
    // Pages and feeds go through the sources hook (a feed is many articles).
    let results: Vec<_> = files
        .par_iter()
        .map(|p| crate::sources::corpus_hook::load(p, memo))
        .collect();
    let mut corpus = Corpus::default();
    for r in results.into_iter().flatten() {
        corpus.push(r);
    }
    corpus
        .warnings
        .extend(crate::sources::corpus_hook::other_files(dir));
    Ok(corpus)
}

/// Reads folders (their article files) and files, in the order given. A path that does
/// not exist fails the whole command, as a `--corpus` folder does; a file given by name is
/// read whatever its extension (it was asked for).
fn load_paths_with(
    paths: &[PathBuf],
    memo: Option<&dyn ParseMemo>,
) -> Result<Corpus, CorpusDirError> {
    let mut corpus = Corpus::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|error| CorpusDirError {
            path: path.clone(),
            error,
        })?;
        if meta.is_dir() {
            let part = load_dir_with(path, memo)?;
            corpus.articles.extend(part.articles);
            corpus.warnings.extend(part.warnings);
        } else {
            corpus.push(load_file_with(path, memo));
        }
    }
    Ok(corpus)
}

/// Loads the corpus a command works on.
pub fn load(source: &CorpusSource) -> Result<Corpus, CorpusDirError> {
    load_with(source, None)
}

/// [`load`], with earlier parses of the folder's files remembered by `memo`.
pub fn load_with(
    source: &CorpusSource,
    memo: Option<&dyn ParseMemo>,
) -> Result<Corpus, CorpusDirError> {
    let mut corpus = match source {
        CorpusSource::Dir(dir) => load_dir_with(dir, memo)?,
        CorpusSource::Paths(paths) => load_paths_with(paths, memo)?,
        CorpusSource::Default { user_dir } => {
            let mut corpus = bundled();
            if let Some(dir) = user_dir.as_deref().filter(|d| d.is_dir()) {
                match load_dir_with(dir, memo) {
                    Ok(user) => {
                        corpus.articles.extend(user.articles);
                        corpus.warnings.extend(user.warnings);
                    }
                    Err(e) => corpus.warnings.push(e.to_string()),
                }
            }
            corpus
        }
    };
    corpus.make_ids_unique();
    Ok(corpus)
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

    #[test]
    fn bad_bytes_are_named() {
        let o = || Origin::Memory("x.md".into());
        assert!(matches!(
            parse_bytes(b"", "x.md", o()),
            Err(LoadError::Empty(_))
        ));
        assert!(matches!(
            parse_bytes(b"ab\0cd", "x.md", o()),
            Err(LoadError::Binary(_))
        ));
        assert!(matches!(
            parse_bytes(b"ab\xffcd", "x.md", o()),
            Err(LoadError::NotUtf8(_, 2))
        ));
        let e = parse_bytes(b"+++\nid = \n+++\nbody", "x.md", o()).unwrap_err();
        assert!(
            e.to_string().starts_with("x.md:2: broken front matter"),
            "{e}"
        );
    }

    /// A memory that recalls one fixed parse for any file.
    struct Fixed(Parsed);

    impl ParseMemo for Fixed {
        fn recall(&self, _: &str, _: &[u8]) -> Option<Parsed> {
            Some(self.0.clone())
        }
        fn remember(&self, _: &str, _: &[u8], _: &Parsed) {}
    }

    #[test]
    fn a_remembered_parse_that_does_not_fit_the_text_is_not_used() {
        let text = "+++\nlang = \"fr\"\n+++\nAlibaba a dépassé Meta.\n";
        let real = Article::parse(text, "a.md", Origin::Memory("a.md".into())).unwrap();
        let parsed = Parsed::of(text, "a.md", &Origin::Memory("a.md".into())).unwrap();
        let beyond = Parsed {
            body_start: text.len() + 1,
            ..parsed.clone()
        };
        // "é" is two bytes: a range ending inside it is no range of this body.
        let split_char = Parsed {
            furniture: vec![(0, 12)],
            ..parsed.clone()
        };
        // The parse that fits is used; those that do not are replaced by parsing again.
        for memo in [Fixed(beyond), Fixed(split_char), Fixed(parsed)] {
            let article = parse_bytes_with(
                text.as_bytes(),
                "a.md",
                Origin::Memory("a.md".into()),
                Some(&memo),
            )
            .unwrap();
            assert_eq!(article, real);
        }
    }

    #[test]
    fn defaults_come_from_name_and_body() {
        let a = Article::parse(
            "\n  Headline here\nText.",
            "dir/some-id.md",
            Origin::Memory("m".into()),
        )
        .unwrap();
        assert_eq!(a.id, "some-id");
        assert_eq!(a.title, "Headline here");
    }
}

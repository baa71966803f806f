//! `qwen-story ingest`: adding articles to the data folder. (Issue 5.)
//!
//! Each input becomes one file in the target folder (the user's data folder, or `--corpus DIR`):
//! its body byte for byte, under a TOML front matter that records what the flags, the input's
//! own front matter, or the article's header tell about it. Inputs are only ever read. Each file
//! is written under a temporary name in the target folder and renamed into place without
//! replacing anything, so concurrent ingests cannot corrupt the folder or overwrite each other.

use crate::cli::IngestArgs;
use crate::corpus::{self, Article, CorpusSource, LoadError, Origin, MAX_ARTICLE_BYTES};
use crate::sanitize::sanitize_line;
use crate::sources::{self, remote::Served};
use crate::timeline::{Milestone, Timeline};
use anyhow::{bail, Context};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use qwen_story_core::paths::{safe_stem, MAX_STEM_BYTES};
/// With at least this many inputs, a terminal shows a progress bar.
const PROGRESS_MIN_INPUTS: usize = 8;

/// Where an input is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    Stdin,
    File(PathBuf),
    Url(String),
}

impl Input {
    fn origin(&self) -> Origin {
        match self {
            Input::Stdin => Origin::Memory("<stdin>".into()),
            Input::File(path) => Origin::File(path.clone()),
            Input::Url(url) => Origin::Memory(url.clone()),
        }
    }
}

/// One article an input yields: the article file's text, the article it parses to, and the
/// name to derive its file name from when its front matter has no id.
pub(crate) struct Piece {
    text: String,
    article: Article,
    stem_hint: Option<String>,
}

/// What happened to one input.
pub(crate) enum Outcome {
    Added { path: PathBuf, article: Article },
    AlreadyThere { input: String, existing: String },
    Failed(String),
}

impl Outcome {
    /// A failure is told on standard error as soon as it happens.
    fn print_failure(&self) {
        if let Outcome::Failed(message) = self {
            crate::console::warn(format_args!("qwen-story: {}", sanitize_line(message)));
        }
    }
}

/// Why an input could not be turned into a file to write.
#[derive(Debug, thiserror::Error)]
pub(crate) enum IngestError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}: cannot write its front matter back faithfully: {1}")]
    FrontMatter(String, String),
    #[error("{0}: cannot be written to {1}: {2}")]
    Write(String, String, std::io::Error),
    #[error("{0}: {1}")]
    Remote(String, String),
}

pub fn run(args: &IngestArgs, source: &CorpusSource) -> anyhow::Result<ExitCode> {
    let lang = args.lang.as_deref().map(parse_lang).transpose()?;
    let target = target_folder(source)?;
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create the folder {}", target.display()))?;
    let (inputs, unusable) = collect_inputs(&args.paths);
    let mut outcomes: Vec<Outcome> = unusable.into_iter().map(Outcome::Failed).collect();
    for outcome in &outcomes {
        outcome.print_failure();
    }

    // One writer at a time: the check for "already there" and the write must not interleave.
    let _lock = crate::sources::store::lock(&target)
        .with_context(|| format!("cannot lock the folder {}", target.display()))?;
    let before = crate::load_timeline(source)?;
    let mut folder = TargetFolder::new(&target, &before)?;
    let meta = Metadata {
        published: args
            .published
            .as_ref()
            .map(std::string::ToString::to_string),
        lang,
        outlet: args.outlet.clone(),
        url: args.url.clone(),
    };
    let progress = progress_bar(inputs.len());
    for input in &inputs {
        for piece in read_input(input) {
            let outcome = piece
                .and_then(|p| store_piece(p, &input.origin().to_string(), &meta, &mut folder))
                .unwrap_or_else(|e| Outcome::Failed(e.to_string()));
            progress.suspend(|| outcome.print_failure());
            outcomes.push(outcome);
        }
        progress.inc(1);
    }
    progress.finish_and_clear();

    let after = crate::load_timeline(source)?;
    let failed = outcomes.iter().any(|o| matches!(o, Outcome::Failed(_)));
    let code = if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    crate::console::finish(print_report(&outcomes, &before, &after), code)
}

/// The folder articles are written to.
pub(crate) fn target_folder(source: &CorpusSource) -> anyhow::Result<PathBuf> {
    match source {
        CorpusSource::Dir(dir) => Ok(dir.clone()),
        CorpusSource::Default {
            user_dir: Some(dir),
        } => Ok(dir.clone()),
        CorpusSource::Paths(_) => bail!(
            "--corpus names several paths or a file: which folder to write to is not known; give one --corpus DIR"
        ),
        CorpusSource::Default { user_dir: None } => {
            bail!("no data folder: neither XDG_DATA_HOME nor HOME is set; use --corpus DIR")
        }
    }
}

/// `--lang`: an ISO 639-1 code, any case.
fn parse_lang(code: &str) -> anyhow::Result<String> {
    let code = code.trim().to_ascii_lowercase();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
        bail!(
            "--lang `{}` is not a two-letter ISO 639-1 code",
            sanitize_line(&code)
        )
    }
    // A language without a lexicon would be recorded but read as English.
    if !crate::extract::languages().any(|known| known == code) {
        let known: Vec<&str> = crate::extract::languages().collect();
        bail!(
            "--lang `{code}`: no lexicon for that language (known: {})",
            known.join(", ")
        )
    }
    Ok(code)
}

/// The inputs named on the command line (folders expanded to their article files), and one
/// message for each path that named nothing to read.
fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if crate::sources::fetch::is_url(&path.to_string_lossy()) {
            inputs.push(Input::Url(path.to_string_lossy().into_owned()));
        } else if path.is_dir() {
            match corpus::article_files(path) {
                Ok(files) if files.is_empty() => failures.push(format!(
                    "{}: has no article files (*.md, *.txt, *.html, *.htm, *.xml, *.rss, *.atom)",
                    path.display()
                )),
                Ok(files) => inputs.extend(files.into_iter().map(Input::File)),
                Err(e) => failures.push(e.to_string()),
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, failures)
}

/// What the flags say about every article ingested.
#[derive(Default)]
pub(crate) struct Metadata {
    /// The DATE as written on the command line (a date-time keeps its offset).
    published: Option<String>,
    lang: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

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

/// The articles an input yields (a feed yields one per item); each can fail on its own.
fn read_input(input: &Input) -> Vec<Result<Piece, IngestError>> {
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
            let read = std::fs::metadata(path)
                .map_err(unreadable)
                .and_then(|meta| {
                    if meta.len() > MAX_ARTICLE_BYTES {
                        return Err(LoadError::TooLarge(origin.to_string(), meta.len()));
                    }
                    std::fs::read(path).map_err(unreadable)
                });
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

/// The input's own front matter as a TOML table (empty without one), keeping every key it has.
fn front_matter_table(text: &str, body: &str) -> Result<toml::Table, String> {
    // What precedes the body is nothing, or `+++`, the block, `+++`.
    let header = text
        .strip_suffix(body)
        .ok_or("the body is not the end of the file")?;
    let block = header
        .split_inclusive('\n')
        .skip(1)
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_closing_fence, lines)| lines.concat())
        .unwrap_or_default();
    toml::from_str(&block).map_err(|e| e.message().to_string())
}

/// Sets what the flags say, and what the input leaves unsaid that can be found out.
fn fill_front_matter(front: &mut toml::Table, meta: &Metadata, article: &Article) {
    let has_published = front.contains_key("published");
    let mut set = |key: &str, value: String| {
        front.insert(key.into(), toml::Value::String(value));
    };
    if let Some(date) = &meta.published {
        set("published", date.clone());
    } else if !has_published {
        // Written down, so the date no longer depends on how the header is read.
        let date = article
            .published
            .or_else(|| corpus::furniture::header_date(&article.body));
        if let Some(date) = date {
            set("published", date.to_string());
        }
    }
    // `article.lang` is the input's own, or detected from the body.
    set(
        "lang",
        meta.lang.clone().unwrap_or_else(|| article.lang.clone()),
    );
    if let Some(outlet) = &meta.outlet {
        set("outlet", outlet.clone());
    }
    if let Some(url) = &meta.url {
        set("url", url.clone());
    }
}

/// The file's text; checked to read back with the same front matter and body.
fn file_text(front: &toml::Table, body: &str) -> Result<String, String> {
    let toml = toml::to_string(front).map_err(|e| e.to_string())?;
    let newline = if toml.ends_with('\n') { "" } else { "\n" };
    let text = format!("+++\n{toml}{newline}+++\n{body}");
    match corpus::split_front_matter(&text) {
        Ok((_, read_body, _)) if read_body == body => {}
        Ok(_) => return Err("the body would not start where it should".into()),
        Err(e) => return Err(e.message),
    }
    match front_matter_table(&text, body) {
        Ok(back) if &back == front => Ok(text),
        Ok(_) => Err("it would not read back the same".into()),
        Err(e) => Err(e),
    }
}

/// The name the file is derived from: the input's id, else its file name (or a page's date and
/// title), else its title.
fn file_stem_for(hint: Option<String>, front: &toml::Table, article: &Article) -> String {
    let id = front
        .get("id")
        .and_then(toml::Value::as_str)
        .map(String::from);
    let file_stem = hint;
    let title = Some(article.title.to_lowercase());
    // The first that leaves something once made safe (an id of `..` leaves nothing).
    [id, file_stem, title]
        .into_iter()
        .flatten()
        .map(|raw| safe_stem(&raw))
        .find(|stem| !stem.is_empty())
        .unwrap_or_else(|| "article".into())
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

fn progress_bar(inputs: usize) -> indicatif::ProgressBar {
    if inputs < PROGRESS_MIN_INPUTS || !std::io::stdout().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(inputs as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("ingesting {bar:40} {pos}/{len}") {
        bar.set_style(style);
    }
    bar
}

/// How a milestone relates to an added article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Creates,
    Joins,
}

/// Prints what each input did: the milestones an added article creates or joins.
pub(crate) fn print_report(
    outcomes: &[Outcome],
    before: &Timeline,
    after: &Timeline,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let roles = roles(outcomes, before, after);
    let (mut added, mut present) = (0, 0);
    for (i, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Outcome::Added { path, article } => {
                added += 1;
                let date = article_date(path, after);
                writeln!(
                    out,
                    "added {} ({}{date}) as {}",
                    sanitize_line(&article.title),
                    article.lang,
                    path.display()
                )?;
                let mine: Vec<_> = roles.iter().filter(|(owner, ..)| *owner == i).collect();
                if mine.is_empty() {
                    writeln!(out, "  adds no milestone")?;
                }
                for (_, role, m) in mine {
                    writeln!(out, "  {}", milestone_line(*role, m))?;
                }
            }
            Outcome::AlreadyThere { input, existing } => {
                present += 1;
                writeln!(
                    out,
                    "already there: {} ({})",
                    sanitize_line(input),
                    sanitize_line(existing)
                )?;
            }
            Outcome::Failed(_) => {}
        }
    }
    let failed = outcomes.len() - added - present;
    if outcomes.len() > 1 {
        writeln!(
            out,
            "{added} added, {present} already there, {failed} failed"
        )?;
    }
    out.flush()
}

/// The publication date recorded for an added file, as ` , 2026-01-16`.
fn article_date(path: &Path, after: &Timeline) -> String {
    let origin = Origin::File(path.to_path_buf());
    after
        .articles
        .iter()
        .find(|a| a.origin == origin)
        .and_then(|a| a.published)
        .map(|d| format!(", {d}"))
        .unwrap_or_default()
}

/// For each milestone an added article is a source of: which outcome it belongs to, and
/// whether that article creates it (no article read before states it, and no earlier input of
/// this run) or joins it as a new source.
fn roles<'a>(
    outcomes: &[Outcome],
    before: &Timeline,
    after: &'a Timeline,
) -> Vec<(usize, Role, &'a Milestone)> {
    // Article index in `after` → outcome index.
    let mut added: HashMap<usize, usize> = HashMap::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        if let Outcome::Added { path, .. } = outcome {
            let origin = Origin::File(path.clone());
            if let Some(index) = after.articles.iter().position(|a| a.origin == origin) {
                added.insert(index, i);
            }
        }
    }
    let old_ids: HashSet<&str> = before.milestones.iter().map(|m| m.id.as_str()).collect();
    let mut roles = Vec::new();
    for m in &after.milestones {
        let mut owners: Vec<usize> = m
            .sources
            .iter()
            .filter_map(|s| added.get(&s.article_index).copied())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let existed = old_ids.contains(m.id.as_str())
            || m.sources
                .iter()
                .any(|s| !added.contains_key(&s.article_index));
        for (n, owner) in owners.into_iter().enumerate() {
            let role = if existed || n > 0 {
                Role::Joins
            } else {
                Role::Creates
            };
            roles.push((owner, role, m));
        }
    }
    roles
}

fn milestone_line(role: Role, m: &Milestone) -> String {
    let role = match role {
        Role::Creates => "creates",
        Role::Joins => "joins  ",
    };
    let date = m
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let value = m.display_value().unwrap_or_else(|| "—".into());
    sanitize_line(&format!("{role} {date:<10}  {}  {value}", m.title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_does_not_make_a_new_body() {
        assert_eq!(body_hash("a  b\n\nc "), body_hash(" a b c"));
        assert_ne!(body_hash("a b c"), body_hash("a b d"));
    }

    #[test]
    fn front_matter_keeps_unknown_keys_and_escapes_strings() {
        let text = "+++\nid = \"x\"\nauthor = \"Ana\"\n+++\nBody\n";
        let mut front = front_matter_table(text, "Body\n").unwrap();
        assert_eq!(front["author"].as_str(), Some("Ana"));
        let outlet = "Quote \" and \\ \u{7}\nnewline";
        front.insert("outlet".into(), toml::Value::String(outlet.into()));
        let written = file_text(&front, "Body\n").unwrap();
        let (fm, body, _) = corpus::split_front_matter(&written).unwrap();
        assert_eq!(body, "Body\n");
        assert_eq!(fm.outlet.as_deref(), Some(outlet));
        // A value whose own line would close the front matter is refused, not written broken.
        front.insert("outlet".into(), toml::Value::String("a\n+++\nb".into()));
        assert!(file_text(&front, "Body\n").is_err());
    }
}

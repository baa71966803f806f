//! `qwen-story ingest`: adding articles to the data folder. (Issue 5.)
//!
//! Each input becomes one file in the target folder (the user's data folder, or `--corpus DIR`):
//! its body byte for byte, under a TOML front matter that records what the flags, the input's
//! own front matter, or the article's header tell about it. Inputs are only ever read. Each file
//! is written under a temporary name in the target folder and renamed into place without
//! replacing anything, so concurrent ingests cannot corrupt the folder or overwrite each other.

use crate::cli::IngestArgs;
use crate::corpus::{self, Article, CorpusSource, LoadError, Origin};
use crate::sanitize::sanitize_line;
use anyhow::{bail, Context};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

mod front_matter;
mod read;
mod report;
mod store;

pub(crate) use read::draft_piece;
use read::read_input;
pub(crate) use report::print_report;
pub use store::normal_url;
pub(crate) use store::{store_piece, TargetFolder};

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

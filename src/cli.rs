//! The command line: the subcommands, their flags, and the values they take.

use crate::date::{DateArg, PartialDate};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "qwen-story",
    version,
    about = "The story of Alibaba's Qwen models, told by news articles, every figure traced to its sentence",
    long_about = "The story of Alibaba's Qwen models, told by news articles in six languages.\n\n\
        Without a subcommand, opens the interactive dashboard over the bundled articles plus those in \
        $XDG_DATA_HOME/qwen-story/articles (or only the articles of the --corpus folders and files)."
)]
pub struct Cli {
    /// Read only these article folders (not recursive) or files instead of the bundled corpus
    /// and the data folder (repeatable)
    #[arg(long, global = true, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,

    /// When to colour: ansi exports and the dashboard (auto honours NO_COLOR and CLICOLOR_FORCE)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print no warnings on standard error (errors still are; exit codes are unchanged)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Leave the mouse to the terminal (text selection) instead of the dashboard; `m` toggles it
    #[arg(long, global = true)]
    pub no_mouse: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the milestones, oldest first
    Timeline(TimelineArgs),
    /// Render one dashboard view headlessly and write it
    Export(ExportArgs),
    /// Draw one series as a publication-quality SVG or PNG chart
    Chart(ChartArgs),
    /// Add articles to the data folder and print what each adds to the timeline
    Ingest(IngestArgs),
    /// Stream the articles' facts as JSON Lines, for `timeline --facts` to reconcile
    Facts(FactsArgs),
    /// Validate the corpus: every file parses, every quote is verbatim in its article
    Check,
    /// Print shell completions (bash, zsh, fish, elvish, powershell) on standard output
    Completions(CompletionsArgs),
    /// Print the roff man page on standard output
    Man,
    /// Follow a feed (kept in the config file), or list the feeds followed
    Follow(FollowArgs),
    /// Stop following a feed, by URL or name
    Unfollow(UnfollowArgs),
    /// Fetch every followed feed and ingest the new items that concern the story
    Update(UpdateArgs),
    /// List the articles of the corpus (id, date, lang, outlet, url, file)
    Articles(ArticlesArgs),
    /// Delete stored articles from the data folder and say what each took from the timeline
    Remove(RemoveArgs),
}

/// `--color`: the convention of ripgrep, bat and fd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether colour is on for output that is colour by nature (ansi exports, the dashboard):
    /// `auto` is on unless `NO_COLOR` is set non-empty (<https://no-color.org>), and
    /// `CLICOLOR_FORCE` (non-empty, not `0`) wins over `NO_COLOR`.
    pub fn enabled(self, env: impl Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let forced = set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0");
                forced || !set("NO_COLOR")
            }
        }
    }
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["url", "list"]))]
pub struct FollowArgs {
    /// The feed's http(s) URL (RSS 2.0 or Atom)
    #[arg(value_name = "URL")]
    pub url: Option<String>,
    /// A name for the feed, shown by `update` and accepted by `unfollow`
    #[arg(long, value_name = "NAME", requires = "url")]
    pub name: Option<String>,
    /// List the feeds followed
    #[arg(long, conflicts_with = "url")]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct UnfollowArgs {
    /// The feed's URL or name
    #[arg(value_name = "URL|NAME")]
    pub feed: String,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Fetch and count, but store nothing and remember nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArticlesFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ArticlesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ArticlesFormat::Table)]
    pub format: ArticlesFormat,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Ids of stored articles (as `articles` lists them)
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Table,
    Json,
    Csv,
    Markdown,
    /// Knight Lab TimelineJS JSON
    Timelinejs,
    /// iCalendar: one all-day event per dated milestone
    Ics,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TimelineFormat::Table)]
    pub format: TimelineFormat,
    /// Only milestones of this kind (repeatable): downloads, derivatives, ranking, investment,
    /// share_price, growth, users, release, partnership, impact, other
    #[arg(long = "kind", value_name = "K", value_parser = parse_kind)]
    pub kinds: Vec<crate::extract::Kind>,
    /// Only milestones dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<PartialDate>,
    /// Only milestones dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<PartialDate>,
    /// CSV: one row per source instead of one per milestone
    #[arg(long)]
    pub sources: bool,
    /// Reconcile these `facts` files (- for standard input) instead of reading articles
    #[arg(long, value_name = "FILE", num_args = 1.., value_hint = clap::ValueHint::FilePath)]
    pub facts: Vec<PathBuf>,
}

fn parse_kind(s: &str) -> Result<crate::extract::Kind, String> {
    crate::extract::Kind::parse(s).ok_or_else(|| {
        let names: Vec<_> = crate::extract::Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        format!("unknown kind `{s}`; expected one of {}", names.join(", "))
    })
}

/// A DATE flag: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally with a time (which a range
/// bound does not need and drops).
fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse::<DateArg>()
        .map(|d| d.date)
        .map_err(|e| e.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewName {
    Dashboard,
    Charts,
    Timeline,
    Sources,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Txt,
    Ansi,
    Svg,
    Html,
    Png,
    Json,
}

/// A size such as `120x40`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a size: expected WIDTHxHEIGHT, e.g. 120x40");
        let (w, h) = s.trim().split_once(['x', 'X']).ok_or_else(bad)?;
        let width: u16 = w.parse().map_err(|_| bad())?;
        let height: u16 = h.parse().map_err(|_| bad())?;
        if width == 0 || height == 0 {
            return Err(bad());
        }
        Ok(Size { width, height })
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The view to render
    #[arg(long, value_enum, default_value_t = ViewName::Dashboard)]
    pub view: ViewName,
    /// Output format [default: from -o's extension, else txt] (png needs -o)
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Terminal size to render at, COLSxROWS
    #[arg(long, value_name = "COLSxROWS", default_value = "120x40")]
    pub size: Size,
    /// Select the milestone at this position of the timeline (0-based) for sources and chart marks
    #[arg(long, value_name = "N")]
    pub select: Option<usize>,
    /// Write to FILE instead of standard output (- is standard output)
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartFormat {
    Svg,
    Png,
}

#[derive(Debug, Clone, Args)]
pub struct ChartArgs {
    /// The series to draw (share-price draws every listing, one panel each)
    #[arg(value_name = "SERIES", value_parser = series_parser())]
    pub series: String,
    /// Output format [default: from -o's extension]
    #[arg(long, value_enum)]
    pub format: Option<ChartFormat>,
    /// Image size in pixels, WIDTHxHEIGHT
    #[arg(long, value_name = "WxH", default_value = "1200x675")]
    pub size: Size,
    /// The file to write (- is standard output)
    #[arg(short, long, value_name = "FILE", required = true, value_hint = clap::ValueHint::FilePath)]
    pub output: PathBuf,
}

/// Every series `chart` draws, from the story file: the fixed series plus one share-price
/// listing per currency its venues trade in (the listings a chart can draw).
pub fn series_names() -> Vec<String> {
    let mut currencies: Vec<String> = qwen_story_core::extract::Story::bundled()
        .venues
        .values()
        .map(|c| c.to_ascii_lowercase())
        .collect();
    currencies.sort();
    currencies.dedup();
    let mut names: Vec<String> = ["downloads", "derivatives", "share-price"]
        .map(String::from)
        .to_vec();
    names.extend(currencies.iter().map(|c| format!("share-price-{c}")));
    names.push("investment".into());
    names
}

/// Lists the series for `--help` and completions, and takes any text: `chart` names an
/// unknown one in its own one-line error (with the names it knows).
#[derive(Clone)]
struct SeriesParser(Vec<String>);

fn series_parser() -> SeriesParser {
    SeriesParser(series_names())
}

impl clap::builder::TypedValueParser for SeriesParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .map(|n| clap::builder::PossibleValue::new(n.clone())),
        ))
    }
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files, web pages (*.html), feeds (*.xml, *.rss, *.atom), folders of them,
    /// http(s) URLs of pages or feeds, or - for standard input
    #[arg(value_name = "PATH", required = true, value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Publication date to record: YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time
    /// (2026-02-20T08:15:00+08:00), recorded as written
    #[arg(long, value_name = "DATE")]
    pub published: Option<DateArg>,
    /// Language code to record (es, pt, it, de, fr, en); detected when absent
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Outlet name to record
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Source URL to record
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Article files or folders, or - for JSON Lines of {id, published, lang, outlet, url,
    /// title, body} on standard input [default: the corpus]
    #[arg(value_name = "SOURCE", value_hint = clap::ValueHint::AnyPath)]
    pub sources: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

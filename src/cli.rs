//! The command line, as `../shared/CONTRACT.md` fixes it.

use crate::date::PartialDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "qwen-story",
    version,
    about = "The story of Alibaba's Qwen models, told by news articles, every figure traced to its sentence",
    long_about = "The story of Alibaba's Qwen models, told by news articles in six languages.\n\n\
        Without a subcommand, opens the interactive dashboard over the bundled articles plus those in \
        $XDG_DATA_HOME/qwen-story/articles (or only the articles in --corpus DIR)."
)]
pub struct Cli {
    /// Read only the article files (*.md, *.txt) in DIR instead of the bundled corpus
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

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
    /// Validate the corpus: every file parses, every quote is verbatim in its article
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Table,
    Json,
    Csv,
    Markdown,
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
    #[arg(long, value_name = "DATE")]
    pub since: Option<PartialDate>,
    /// Only milestones dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<PartialDate>,
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

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The view to render
    #[arg(long, value_enum, default_value_t = ViewName::Dashboard)]
    pub view: ViewName,
    /// Output format (png needs -o)
    #[arg(long, value_enum, default_value_t = ExportFormat::Txt)]
    pub format: ExportFormat,
    /// Terminal size to render at, COLSxROWS
    #[arg(long, value_name = "COLSxROWS", default_value = "120x40")]
    pub size: Size,
    /// Select the milestone at this position of the timeline (0-based) for sources and chart marks
    #[arg(long, value_name = "N")]
    pub select: Option<usize>,
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartFormat {
    Svg,
    Png,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The series: downloads, derivatives, share-price, investment
    /// (share-price-hkd, share-price-usd, share-price-eur pick one listing)
    #[arg(value_name = "SERIES")]
    pub series: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ChartFormat::Svg)]
    pub format: ChartFormat,
    /// Image size in pixels, WIDTHxHEIGHT
    #[arg(long, value_name = "WxH", default_value = "1200x675")]
    pub size: Size,
    /// The file to write
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files, folders (their *.md and *.txt), or - for standard input
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Publication date to record (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub published: Option<chrono::NaiveDate>,
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

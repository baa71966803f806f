//! `qwen-story timeline`: the milestones in the format asked for.

use crate::cli::{TimelineArgs, TimelineFormat};
use crate::timeline::{
    render_csv, render_ics, render_markdown, render_table, render_timelinejs, write_json,
};

/// `qwen-story timeline`: prints the milestones; warnings go to standard error (and into
/// JSON). With `--facts`, the timeline is reconciled from `facts` records instead of articles.
pub fn run(
    args: &TimelineArgs,
    source: &crate::corpus::CorpusSource,
) -> anyhow::Result<std::process::ExitCode> {
    use std::io::Write;
    let timeline = if args.facts.is_empty() {
        crate::load_timeline(source)?
    } else {
        crate::cmd::facts::timeline_from_files(&args.facts)?
    };
    let shown = timeline.filtered(&args.kinds, args.since, args.until);
    if args.format != TimelineFormat::Json {
        for w in &timeline.warnings {
            crate::cmd::warn(w);
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match args.format {
        TimelineFormat::Table => out.write_all(render_table(&shown).as_bytes()),
        TimelineFormat::Json => write_json(&mut out, &timeline, &shown),
        TimelineFormat::Csv => {
            out.write_all(render_csv(&timeline, &shown, args.sources).as_bytes())
        }
        TimelineFormat::Markdown => out.write_all(render_markdown(&shown).as_bytes()),
        TimelineFormat::Timelinejs => {
            out.write_all(render_timelinejs(&timeline, &shown).as_bytes())
        }
        TimelineFormat::Ics => {
            out.write_all(render_ics(&timeline, &shown, chrono::Utc::now()).as_bytes())
        }
    };
    crate::console::finish(
        written.and_then(|_| out.flush()),
        std::process::ExitCode::SUCCESS,
    )
}

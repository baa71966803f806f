//! `qwen-story ingest`: adding articles to the data folder. (Issue 5.)

use crate::cli::IngestArgs;
use crate::corpus::CorpusSource;
use std::process::ExitCode;

pub fn run(_args: &IngestArgs, _source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ingest is not built yet")
}

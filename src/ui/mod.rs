//! The interactive dashboard. (Being built: see issue 3.)

use crate::corpus::CorpusSource;
use std::process::ExitCode;

/// Opens the dashboard over the corpus.
pub fn run(_source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the dashboard is not built yet; use `qwen-story timeline`")
}

//! Headless renders of the dashboard's views, and charts. (Being built: see issue 4.)

use crate::cli::{ChartArgs, ExportArgs};
use crate::corpus::CorpusSource;
use std::process::ExitCode;

pub fn run(_args: &ExportArgs, _source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is not built yet")
}

pub fn run_chart(_args: &ChartArgs, _source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("chart is not built yet")
}

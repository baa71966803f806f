//! Headless renders of the dashboard's views, and charts. (Issue 4: being built.)

mod ansi;
mod grid;
mod palette;
mod shapes;
mod txt;

use crate::cli::{ChartArgs, ExportArgs};
use crate::corpus::CorpusSource;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(_args: &ExportArgs, _source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("export is not built yet")
}

pub fn run_chart(_args: &ChartArgs, _source: &CorpusSource) -> anyhow::Result<ExitCode> {
    anyhow::bail!("chart is not built yet")
}

/// The dashboard's `e` key: writes the frame as SVG and TXT with timestamped names into `dir`
/// and returns the paths written.
pub fn write_snapshot(
    _frame: &ratatui::buffer::Buffer,
    _dir: &Path,
) -> anyhow::Result<Vec<PathBuf>> {
    anyhow::bail!("snapshot export is not built yet")
}

//! Headless renders of the dashboard's views (`qwen-story export`), publication charts
//! (`qwen-story chart`) and the dashboard's `e` snapshots.
//!
//! A view is rendered by the dashboard's own render function into a ratatui buffer; the
//! buffer is read back as a [`grid::Grid`] and written in the asked format.

mod ansi;
mod bitmap_text;
mod charts;
mod grid;
mod html;
mod json;
mod palette;
mod png;
mod shapes;
mod svg;
mod txt;

use crate::atomic;
pub use crate::atomic::WriteError;

use crate::cli::{ChartArgs, ChartFormat, ExportArgs, ExportFormat, Size, ViewName};
use crate::cmd::output::{self, Destination};
use crate::corpus::CorpusSource;
use crate::timeline::Timeline;
use crate::ui::{App, Theme, View};
use grid::Grid;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `qwen-story export`: renders one view and writes it to `-o FILE` or standard output.
/// `colour` is whether `--color` (and the environment) let an ansi export keep its colours.
pub fn run(args: &ExportArgs, source: &CorpusSource, colour: bool) -> anyhow::Result<ExitCode> {
    if let Some(path) = args.output.as_deref().filter(|p| p.as_os_str() != "-") {
        atomic::check_folder(path)?;
    }
    let (format, destination) =
        output::resolve(args.format, args.output.as_deref(), ExportFormat::Txt)?;
    if format == ExportFormat::Png && args.output.is_none() {
        anyhow::bail!("--format png writes a binary image: give the file with -o FILE (or -o - for standard output)");
    }
    check_screen_size(args.size)?;
    let timeline = crate::load_timeline(source)?;
    let theme = if colour {
        Theme::default()
    } else {
        Theme::monochrome()
    };
    let app = app_for(timeline, args, theme)?;
    let bytes = export_as(&app, format, args.size)?;
    write_to(&destination, &bytes)
}

/// Writes a command's output where `-o` said.
fn write_to(destination: &Destination, bytes: &[u8]) -> anyhow::Result<ExitCode> {
    match destination {
        Destination::File(path) => atomic::write(path, bytes)?,
        Destination::Stdout => write_stdout(bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The dashboard state an export shows: the asked view, with `--select`'s milestone
/// selected (the dashboard's own choice, the latest, without it).
pub fn app_for(timeline: Timeline, args: &ExportArgs, theme: Theme) -> anyhow::Result<App> {
    let count = timeline.milestones.len();
    let mut app = App::new(timeline).with_theme(theme);
    app.set_view(ui_view(args.view));
    if let Some(n) = args.select {
        if n >= count {
            match count {
                0 => anyhow::bail!("--select {n}: the timeline has no milestones"),
                _ => anyhow::bail!(
                    "--select {n}: the timeline has {count} milestones, numbered 0 to {}",
                    count - 1
                ),
            }
        }
        app.select(n);
    }
    Ok(app)
}

/// The bytes `export` writes for the app's view at `args.size` in `args.format` (txt when
/// none is given).
pub fn export(app: &App, args: &ExportArgs) -> anyhow::Result<Vec<u8>> {
    export_as(app, args.format.unwrap_or(ExportFormat::Txt), args.size)
}

/// The bytes of the app's view at `size` in `format`.
pub fn export_as(app: &App, format: ExportFormat, size: Size) -> anyhow::Result<Vec<u8>> {
    if format == ExportFormat::Json {
        return Ok(json::render(&json::view_data(app, size))?.into_bytes());
    }
    let frame = render_frame(app, size);
    let grid = Grid::from_buffer(&frame);
    let title = format!("qwen-story: {} view", app.view().title());
    Ok(match format {
        ExportFormat::Txt => txt::render(&grid).into_bytes(),
        ExportFormat::Ansi => ansi::render(&grid).into_bytes(),
        ExportFormat::Svg => svg::render(&grid, &title).into_bytes(),
        ExportFormat::Html => html::render(&grid, &title).into_bytes(),
        ExportFormat::Png => self::png::render(&grid)?,
        ExportFormat::Json => unreachable!("handled above"),
    })
}

/// The frame the dashboard draws for the app at that size: its own render function.
pub fn render_frame(app: &App, size: Size) -> Buffer {
    let area = Rect::new(0, 0, size.width, size.height);
    let mut frame = Buffer::empty(area);
    crate::ui::render(app, area, &mut frame);
    frame
}

/// The most cells a render may have: larger than any real terminal, small enough that a
/// PNG of it fits in memory (100,000 cells are 20 megapixels).
const MAX_CELLS: u32 = 100_000;

fn check_screen_size(size: Size) -> anyhow::Result<()> {
    let cells = u32::from(size.width) * u32::from(size.height);
    if cells > MAX_CELLS {
        anyhow::bail!("--size {size} is too large: at most {MAX_CELLS} cells (e.g. 400x250)");
    }
    Ok(())
}

fn ui_view(view: ViewName) -> View {
    match view {
        ViewName::Dashboard => View::Dashboard,
        ViewName::Charts => View::Charts,
        ViewName::Timeline => View::Timeline,
        ViewName::Sources => View::Sources,
    }
}

/// Standard output; a closed pipe (`| head`) is not an error worth a message.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    crate::console::finish(crate::console::print(bytes), ExitCode::SUCCESS)?;
    Ok(())
}

/// `qwen-story chart`: one series drawn by the Charts view's own chart function.
pub fn run_chart(args: &ChartArgs, source: &CorpusSource) -> anyhow::Result<ExitCode> {
    charts::check_size(args.size)?;
    if args.output.as_os_str() != "-" {
        atomic::check_folder(&args.output)?;
    }
    let (format, destination) = output::resolve(args.format, Some(&args.output), ChartFormat::Svg)?;
    let args = ChartArgs {
        format: Some(format),
        ..args.clone()
    };
    let timeline = crate::load_timeline(source)?;
    let bytes = chart_bytes(&timeline, &args)?;
    for name in charts::empty_series(&timeline, &args) {
        crate::cmd::warn(&format!(
            "the corpus has no dated figures for {name}: its chart says \"no data\""
        ));
    }
    write_to(&destination, &bytes)
}

/// The bytes of the chart file `chart` writes.
pub fn chart_bytes(timeline: &Timeline, args: &ChartArgs) -> anyhow::Result<Vec<u8>> {
    charts::render(timeline, args)
}

/// The dashboard's `e` key: writes the frame as SVG and TXT with timestamped names into `dir`
/// and returns the paths written.
pub fn write_snapshot(frame: &Buffer, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    Ok(write_snapshot_named(frame, dir, &stamp)?)
}

/// [`write_snapshot`] with the time stamp given. Two snapshots in the same second get
/// `-2`, `-3`... rather than replacing the first.
fn write_snapshot_named(
    frame: &Buffer,
    dir: &Path,
    stamp: &str,
) -> Result<Vec<PathBuf>, WriteError> {
    let grid = Grid::from_buffer(frame);
    let svg = svg::render(&grid, "qwen-story snapshot");
    let text = txt::render(&grid);
    for attempt in 1u32.. {
        let stem = if attempt == 1 {
            format!("qwen-story-{stamp}")
        } else {
            format!("qwen-story-{stamp}-{attempt}")
        };
        let (svg_path, txt_path) = (
            dir.join(format!("{stem}.svg")),
            dir.join(format!("{stem}.txt")),
        );
        if txt_path.exists() {
            continue;
        }
        match atomic::write_new(&svg_path, svg.as_bytes()) {
            Err(WriteError::Exists(_)) => continue,
            result => result?,
        }
        atomic::write_new(&txt_path, text.as_bytes())?;
        return Ok(vec![svg_path, txt_path]);
    }
    unreachable!("the attempts are unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn frame() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(0, 0, "┌ hello ┐", Style::default());
        buf
    }

    #[test]
    fn snapshots_write_svg_and_txt_without_replacing_earlier_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first =
            write_snapshot_named(&frame(), dir.path(), "20261122-211530").expect("first snapshot");
        let names: Vec<_> = first
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        assert_eq!(
            names,
            [
                "qwen-story-20261122-211530.svg",
                "qwen-story-20261122-211530.txt"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(&first[1]).expect("txt"),
            "┌ hello ┐\n\n"
        );
        let svg = std::fs::read_to_string(&first[0]).expect("svg");
        assert!(roxmltree::Document::parse(&svg).is_ok());

        let second =
            write_snapshot_named(&frame(), dir.path(), "20261122-211530").expect("second snapshot");
        assert!(
            second[0].ends_with("qwen-story-20261122-211530-2.svg"),
            "{second:?}"
        );
    }

    #[test]
    fn snapshot_into_a_missing_folder_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = write_snapshot(&frame(), &dir.path().join("gone")).expect_err("missing folder");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}

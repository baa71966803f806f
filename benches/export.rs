//! In-process cost of an export, per view and format, on the bundled corpus at 120×40, and
//! of `chart` per format: the render and the encoding, without process start or corpus
//! loading (`benches/export_times.sh` times whole processes against the targets).
//!
//! `cargo bench --bench export`

use criterion::{criterion_group, criterion_main, Criterion};
use qwen_story::cli::{ChartArgs, ChartFormat, ExportArgs, ExportFormat, Size, ViewName};
use qwen_story::corpus::CorpusSource;
use qwen_story::ui::Theme;
use std::hint::black_box;

fn bundled() -> qwen_story::timeline::Timeline {
    // An empty data folder: only the bundled articles, whatever the machine holds.
    let source = CorpusSource::Default { user_dir: None };
    qwen_story::load_timeline(&source).expect("the bundled corpus loads")
}

fn views(c: &mut Criterion) {
    let timeline = bundled();
    let mut group = c.benchmark_group("export");
    for (view, view_name) in [
        (ViewName::Dashboard, "dashboard"),
        (ViewName::Charts, "charts"),
        (ViewName::Timeline, "timeline"),
        (ViewName::Sources, "sources"),
    ] {
        for (format, format_name) in [
            (ExportFormat::Txt, "txt"),
            (ExportFormat::Ansi, "ansi"),
            (ExportFormat::Svg, "svg"),
            (ExportFormat::Html, "html"),
            (ExportFormat::Png, "png"),
            (ExportFormat::Json, "json"),
        ] {
            let args = ExportArgs {
                view,
                format: Some(format),
                size: Size {
                    width: 120,
                    height: 40,
                },
                select: None,
                output: None,
            };
            let app = qwen_story::export::app_for(timeline.clone(), &args, Theme::default())
                .expect("the view's app");
            group.bench_function(format!("{view_name}/{format_name}"), |b| {
                b.iter(|| {
                    qwen_story::export::export(black_box(&app), &args).expect("export renders")
                });
            });
        }
    }
    group.finish();
}

fn charts(c: &mut Criterion) {
    let timeline = bundled();
    let mut group = c.benchmark_group("chart");
    for (format, name) in [(ChartFormat::Svg, "svg"), (ChartFormat::Png, "png")] {
        let args = ChartArgs {
            series: "downloads".into(),
            format: Some(format),
            size: Size {
                width: 1200,
                height: 675,
            },
            output: "unused".into(),
        };
        group.bench_function(format!("downloads/{name}"), |b| {
            b.iter(|| {
                qwen_story::export::chart_bytes(black_box(&timeline), &args).expect("chart draws")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, views, charts);
criterion_main!(benches);

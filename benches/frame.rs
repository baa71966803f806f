//! One dashboard frame per view at 160×48: on the bundled corpus, and on a generated timeline
//! of 100,000 milestones (the list draws only the rows it shows). Target: ≤ 2 ms a frame.
//!
//! `cargo bench --bench frame`

use criterion::{criterion_group, criterion_main, Criterion};
use qwen_story::date::PartialDate;
use qwen_story::timeline::{Milestone, Timeline};
use qwen_story::ui::{render, App, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const MILESTONES: usize = 100_000;

fn bundled() -> Timeline {
    Timeline::build(qwen_story::corpus::bundled())
}

/// The bundled milestones repeated, with their own ids, one day apart every 20, so the
/// timeline stays oldest first and spans about 14 years.
fn generated(n: usize) -> Timeline {
    let base = bundled();
    let templates: Vec<&Milestone> = base
        .milestones
        .iter()
        .filter(|m| m.date.is_some())
        .collect();
    let start = chrono::NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default();
    let milestones = (0..n)
        .map(|i| {
            let mut m = templates[i % templates.len()].clone();
            m.id = format!("generated-{i}");
            m.date = Some(PartialDate::day(
                start + chrono::Duration::days((i / 20) as i64),
            ));
            // Growing figures, as a cumulative series does.
            m.value = m.value.map(|v| v * (1.0 + i as f64 / n as f64));
            m
        })
        .collect();
    Timeline {
        articles: base.articles.clone(),
        milestones,
        warnings: Vec::new(),
        story: base.story.clone(),
    }
}

fn bench_views(c: &mut Criterion, name: &str, timeline: Timeline) {
    let mut app = App::new(timeline);
    let middle = app.timeline().milestones.len() / 2;
    app.select(middle);
    let area = Rect::new(0, 0, 160, 48);
    let mut buffer = Buffer::empty(area);
    let mut group = c.benchmark_group(format!("frame/{name}"));
    for view in View::ALL {
        app.set_view(view);
        group.bench_function(view.title(), |b| {
            b.iter(|| {
                buffer.reset();
                render(&app, area, &mut buffer);
            });
        });
    }
    group.finish();
}

fn frames(c: &mut Criterion) {
    bench_views(c, "bundled", bundled());
    bench_views(c, "100k", generated(MILESTONES));
}

criterion_group!(benches, frames);
criterion_main!(benches);

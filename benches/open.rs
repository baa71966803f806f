//! Opening a large corpus with a warm cache, and reloading after one new article.
//!
//! `cargo bench --bench open` generates a corpus of 10,000 articles (with
//! `examples/gen_corpus.rs`, seed 42; `QS_BENCH_ARTICLES=N` to change the size,
//! `QS_BENCH_CORPUS=DIR` to use an existing folder instead) in a temporary folder, warms a
//! private cache, and measures:
//! - `open/first_frame`: load the corpus (parses from the cache), take facts and the reconciled
//!   timeline from the cache, and draw the dashboard's first frame (120x40) into memory;
//! - the stages of that (`stage/*`), to see where the time goes, with `stage/reconcile` for
//!   a corpus whose timeline is not cached (any article changed);
//! - `reload/one_new_article`: what the watcher does after an article is added.

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use qwen_story::cache::{FactCache, ParseCache, TimelineCache};
use qwen_story::corpus::{self, CorpusSource};
use qwen_story::load::{self, LiveCorpus};
use qwen_story::timeline::Timeline;
use qwen_story::ui::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/core/assets/articles");

/// Writes `n` articles from the corpus generator (`examples/gen_corpus.rs`, seed 42).
fn generate(dir: &Path, n: usize) {
    for (name, text) in gen_corpus::articles(n, 42) {
        std::fs::write(dir.join(name), text).expect("write generated article");
    }
}

fn copy_articles(from: &Path, to: &Path) {
    for path in corpus::article_files(from).expect("QS_BENCH_CORPUS is a readable folder") {
        let name = path.file_name().expect("article files have names");
        std::fs::copy(&path, to.join(name)).expect("copy article");
    }
}

/// The frame a user first sees: the dashboard at 120x40, drawn into memory. The app is
/// returned with it, so that freeing it is not timed: the dashboard keeps it while it runs
/// (and frees a replaced timeline off its UI thread).
fn first_frame(timeline: Timeline) -> (App, Buffer) {
    let app = App::new(timeline);
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    qwen_story::ui::render(&app, area, &mut buf);
    (app, buf)
}

fn benches(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("temp dir");
    // Set before any thread starts: the cache folder is read from the environment.
    std::env::set_var("XDG_CACHE_HOME", scratch.path().join("cache"));
    let corpus_dir = scratch.path().join("corpus");
    std::fs::create_dir_all(&corpus_dir).expect("corpus dir");
    match std::env::var_os("QS_BENCH_CORPUS") {
        // Copied, since the reload benchmark adds files to it.
        Some(dir) => copy_articles(Path::new(&dir), &corpus_dir),
        None => {
            let n = std::env::var("QS_BENCH_ARTICLES")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(10_000);
            generate(&corpus_dir, n);
        }
    }
    let source = CorpusSource::Dir(corpus_dir.clone());
    let warm = qwen_story::load_timeline(&source).expect("corpus loads");
    eprintln!(
        "corpus: {} articles, {} milestones",
        warm.articles.len(),
        warm.milestones.len()
    );

    let mut group = c.benchmark_group("open");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("first_frame", |b| {
        b.iter_with_large_drop(|| {
            first_frame(qwen_story::load_timeline(&source).expect("corpus loads"))
        });
    });
    group.finish();

    let mut group = c.benchmark_group("stage");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("corpus_load", |b| {
        b.iter(|| load::corpus_with(&source, ParseCache::user()).expect("corpus loads"));
    });
    let loaded = load::corpus_with(&source, ParseCache::user()).expect("corpus loads");
    group.bench_function("facts_from_cache", |b| {
        b.iter(|| FactCache::user().facts(&loaded.articles));
    });
    let (facts, key) = FactCache::user().facts_keyed(&loaded.articles);
    let key = key.expect("the cache is on");
    group.bench_function("timeline_from_cache", |b| {
        b.iter_with_large_drop(|| TimelineCache::user().get(key, &loaded.articles));
    });
    group.bench_function("reconcile", |b| {
        b.iter_batched(
            || (loaded.clone(), facts.clone()),
            |(corpus, facts)| Timeline::from_facts(corpus, facts),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("draw", |b| {
        b.iter_batched(|| warm.clone(), first_frame, BatchSize::LargeInput);
    });
    group.finish();

    let mut group = c.benchmark_group("reload");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let mut live = LiveCorpus::load(&source, FactCache::user()).expect("corpus loads");
    // The watcher delivers the state it loaded once, before any change.
    let _ = live.timeline();
    let template = std::fs::read_to_string(Path::new(BUNDLED).join("fr-qwen-700m-2026-01-21.md"))
        .expect("bundled");
    let added = AtomicUsize::new(0);
    group.bench_function("one_new_article", |b| {
        b.iter_batched(
            || {
                // A new article each time, with its own id, as a user's ingest would write it.
                let i = added.fetch_add(1, Ordering::Relaxed);
                let path = corpus_dir.join(format!("zz-new-{i}.md"));
                let text = template.replacen("id = \"", &format!("id = \"new-{i}-"), 1);
                std::fs::write(&path, format!("{text}\nNew {i}.\n")).expect("write article");
                path
            },
            |path| {
                live.update(&[path]).expect("corpus reloads");
                first_frame(live.timeline())
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(open, benches);
criterion_main!(open);

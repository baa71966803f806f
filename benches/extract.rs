//! Extraction throughput on one thread over a generated corpus.
//!
//! `cargo bench --bench extract` generates 4,000 articles (about 11 MB of bodies; set
//! `QS_BENCH_ARTICLES=N` to change it) with `examples/gen_corpus.rs`, parses them in memory,
//! compiles every lexicon, and then measures `Extractor::shared().extract` over all of them,
//! one after the other on one thread. Criterion reports bytes of article body per second.
//! Target (issue 6): at least 50 MB/s.

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use qwen_story::corpus::{parse_bytes, Article, Origin};
use qwen_story::extract::Extractor;
use std::hint::black_box;
use std::time::Duration;

/// The generated articles, parsed; files the loader refuses would be a generator bug.
fn corpus(count: usize) -> Vec<Article> {
    gen_corpus::articles(count, 42)
        .map(|(name, text)| {
            parse_bytes(text.as_bytes(), &name, Origin::Memory(name.clone()))
                .unwrap_or_else(|e| panic!("generated article does not load: {e}"))
        })
        .collect()
}

fn article_count() -> usize {
    std::env::var("QS_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4_000)
}

fn extraction(c: &mut Criterion) {
    let articles = corpus(article_count());
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let extractor = Extractor::shared();
    // Compile each language's automaton before timing: that is a one-off cost per process.
    let facts: usize = articles.iter().map(|a| extractor.extract(a).len()).sum();
    eprintln!(
        "{} articles, {:.1} MB of bodies, {facts} facts",
        articles.len(),
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("one_thread", |b| {
        b.iter(|| {
            let mut n = 0;
            for article in &articles {
                n += extractor.extract(black_box(article)).len();
            }
            n
        });
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);

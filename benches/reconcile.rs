//! Reconciliation time as the corpus grows: 1,000, 10,000 and 100,000 generated articles.
//!
//! `cargo bench --bench reconcile` generates the articles with `examples/gen_corpus.rs`,
//! extracts their facts once (in parallel, untimed), and times `Timeline::from_facts` alone.
//! Issue 6 asks that it grow no faster than n log n: ten times the articles should cost
//! about 10-13 times the time, not 100 times. The facts and milestones of each size are
//! printed to standard error so time per fact can be worked out.
//! `QS_BENCH_SIZES=1000,10000` limits the sizes (the 100,000 case takes a while to prepare).

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use qwen_story::corpus::{parse_bytes, Corpus, Origin};
use qwen_story::extract::{Extractor, Fact};
use qwen_story::timeline::Timeline;
use rayon::prelude::*;
use std::time::Duration;

fn sizes() -> Vec<usize> {
    std::env::var("QS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// A generated corpus of `count` articles and their facts.
fn prepare(count: usize) -> (Corpus, Vec<Vec<Fact>>) {
    let articles: Vec<_> = gen_corpus::articles(count, 42)
        .map(|(name, text)| {
            parse_bytes(text.as_bytes(), &name, Origin::Memory(name.clone()))
                .unwrap_or_else(|e| panic!("generated article does not load: {e}"))
        })
        .collect();
    let facts: Vec<Vec<Fact>> = articles
        .par_iter()
        .map(|a| Extractor::shared().extract(a))
        .collect();
    (
        Corpus {
            articles,
            warnings: Vec::new(),
        },
        facts,
    )
}

fn reconciliation(c: &mut Criterion) {
    let mut group = c.benchmark_group("reconcile");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for n in sizes() {
        let (corpus, facts) = prepare(n);
        let fact_count: usize = facts.iter().map(Vec::len).sum();
        let built = Timeline::from_facts(corpus.clone(), facts.clone());
        eprintln!(
            "{n} articles: {fact_count} facts, {} milestones",
            built.milestones.len()
        );
        drop(built);
        // Elements are facts, so criterion also prints facts per second for each size.
        group.throughput(Throughput::Elements(fact_count as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_batched(
                || (corpus.clone(), facts.clone()),
                |(corpus, facts)| Timeline::from_facts(corpus, facts),
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, reconciliation);
criterion_main!(benches);

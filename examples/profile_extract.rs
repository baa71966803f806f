//! A target for profilers: extraction over generated articles, one thread, nothing else timed.
//!
//! ```text
//! cargo build --release --example profile_extract
//! N=400 R=1 valgrind --tool=callgrind --toggle-collect='profile_extract::timed' \
//!     target/release/examples/profile_extract
//! R=6 perf record target/release/examples/profile_extract
//! ```
//!
//! `N` articles (default 4,000) are generated and parsed first, every lexicon compiled, then
//! extraction runs `R` times (default 3); the best pass's throughput is printed.

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "gen_corpus.rs"]
mod gen_corpus;

use qwen_story::corpus::{parse_bytes, Article, Origin};
use qwen_story::extract::Extractor;
use std::time::Instant;

fn env(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The profiled part: one pass of extraction over every article.
#[inline(never)]
fn timed(extractor: &Extractor, articles: &[Article]) -> usize {
    articles.iter().map(|a| extractor.extract(a).len()).sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let articles = gen_corpus::articles(env("N", 4_000), 42)
        .map(|(name, text)| parse_bytes(text.as_bytes(), &name, Origin::Memory(name.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let extractor = Extractor::shared();
    // Compile each language's automaton outside the timed part.
    for lang in ["en", "es", "pt", "it", "de", "fr"] {
        extractor.lexicon(lang);
    }
    let mut best = f64::MAX;
    let mut facts = 0;
    for _ in 0..env("R", 3) {
        let start = Instant::now();
        facts = timed(extractor, &articles);
        best = best.min(start.elapsed().as_secs_f64());
    }
    eprintln!(
        "{} articles, {:.1} MB, {facts} facts; best pass {:.1} MB/s",
        articles.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best
    );
    Ok(())
}

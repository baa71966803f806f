//! A target for profilers: opening a corpus folder with a warm cache, stage by stage.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 10000 /tmp/gen10k --seed 42
//! cargo build --release --example profile_open
//! R=5 perf record target/release/examples/profile_open /tmp/gen10k
//! ```
//!
//! Loads the folder `R` times (default 3), each time taking facts from the user's cache
//! (warmed by the first pass) reconciling them and drawing the dashboard's first frame (120x40); prints each stage's
//! best time.

use qwen_story::cache::{FactCache, ParseCache};
use qwen_story::corpus::CorpusSource;
use qwen_story::load;
use qwen_story::timeline::Timeline;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: profile_open DIR")?;
    let rounds: usize = std::env::var("R")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let source = CorpusSource::Dir(dir.into());
    let cache = FactCache::user();
    // Warm the cache (and the page cache) once.
    let corpus = load::corpus_with(&source, ParseCache::user())?;
    let _ = cache.facts(&corpus.articles);
    cache.flush();
    let mut best = [f64::MAX; 4];
    let mut milestones = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let corpus = load::corpus_with(&source, ParseCache::user())?;
        let loaded = t.elapsed().as_secs_f64();
        let facts = FactCache::user().facts(&corpus.articles);
        let cached = t.elapsed().as_secs_f64();
        let timeline = Timeline::from_facts(corpus, facts);
        let reconciled = t.elapsed().as_secs_f64();
        milestones = timeline.milestones.len();
        let app = qwen_story::ui::App::new(timeline);
        let area = Rect::new(0, 0, 120, 40);
        let mut frame = Buffer::empty(area);
        qwen_story::ui::render(&app, area, &mut frame);
        let drawn = t.elapsed().as_secs_f64();
        let stages = [
            loaded,
            cached - loaded,
            reconciled - cached,
            drawn - reconciled,
        ];
        for (b, v) in best.iter_mut().zip(stages) {
            *b = b.min(v);
        }
    }
    eprintln!(
        "{milestones} milestones; best: load {:.0} ms, facts {:.0} ms, reconcile {:.0} ms, \
         first frame {:.0} ms",
        best[0] * 1e3,
        best[1] * 1e3,
        best[2] * 1e3,
        best[3] * 1e3
    );
    Ok(())
}

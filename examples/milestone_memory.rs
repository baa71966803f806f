//! Memory per milestone: builds 100,000 milestones like the frame benchmark's (one source with a
//! 96-byte quote each) and reports the growth of the resident set, per milestone.
//!
//!     cargo run --release --example milestone_memory
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test
use qwen_story::extract::Kind;
use qwen_story::timeline::{Milestone, Source, Timeline};
fn rss_kb() -> usize {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    s.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<usize>()
        .unwrap()
        * 4
}
fn main() {
    let before = rss_kb();
    let mut t = Timeline::default();
    for i in 0..100_000usize {
        t.milestones.push(Milestone {
            id: format!("2025-{:02}-downloads-{i}m-downloads", i % 12 + 1),
            date: Some(format!("2025-{:02}", i % 12 + 1).parse().unwrap()),
            kind: Kind::Downloads,
            title: format!("Qwen passes {i}M downloads"),
            value: Some(i as f64 * 1e6),
            unit: Some("downloads".into()),
            sources: vec![Source {
                article: format!("article-{i}"),
                lang: "en".into(),
                published: Some("2025-10-22".into()),
                quote: "Alibaba said on Tuesday that its Qwen models had passed 700 million downloads on Hugging Face.".into(),
                start: 0, end: 96, article_index: 0, figure: (40, 60),
            }],
            series: None,
        });
    }
    let after = rss_kb();
    println!(
        "{} bytes per milestone (one source, quote {} bytes)",
        (after - before) * 1024 / 100_000,
        96
    );
    std::hint::black_box(&t);
}

//! The extraction cache: it changes no result, survives damage and is rebuilt.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

mod common;

use assert_cmd::Command;
use qwen_story::cache::{FactCache, TimelineCache};
use qwen_story::corpus;
use qwen_story::extract::Extractor;
use qwen_story::timeline::Timeline;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn qs(home: &TempDir, cache: &Path) -> Command {
    let mut cmd = common::binary(home.path());
    cmd.env("XDG_CACHE_HOME", cache).env("NO_COLOR", "1");
    cmd
}

/// `timeline --format json` over the bundled corpus plus a few copies with other figures.
fn timeline(home: &TempDir, cache: &Path) -> String {
    let out = qs(home, cache)
        .args(["timeline", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "the cache reports nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn home_with_articles() -> TempDir {
    let home = TempDir::new().unwrap();
    let data = home.path().join("data/qwen-story/articles");
    fs::create_dir_all(&data).unwrap();
    for (i, figure) in ["810 million", "1.2 billion", "-3.7%"].iter().enumerate() {
        fs::write(
            data.join(format!("extra-{i}.md")),
            format!(
                "+++\nlang = \"en\"\npublished = \"2026-03-0{}\"\n+++\nQwen\n\n\
                 Alibaba's Qwen models have passed {figure} downloads, the company said.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    home
}

/// Which file a path names: a rewrite renames a new file (a new inode) into place.
fn file_identity(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
}

fn pack(cache: &Path) -> PathBuf {
    cache.join("qwen-story/facts.pack")
}

#[test]
fn a_warm_run_equals_a_cold_one_and_does_not_rewrite_the_cache() {
    let home = home_with_articles();
    let cache = home.path().join("cache");
    let cold = timeline(&home, &cache);
    assert!(pack(&cache).exists(), "the cold run fills the cache");
    let parses = cache.join("qwen-story/articles.pack");
    assert!(parses.exists(), "the cold run remembers its parses");
    let reconciled = cache.join("qwen-story/timeline.pack");
    assert!(reconciled.exists(), "the cold run keeps its timeline");
    let identities = || [&pack(&cache), &parses, &reconciled].map(|p| file_identity(p));
    let written = identities();
    let warm = timeline(&home, &cache);
    assert_eq!(cold, warm);
    assert_eq!(
        written,
        identities(),
        "every article and the timeline were hits"
    );

    let uncached = timeline(&home, Path::new("/dev/null/not-a-folder"));
    assert_eq!(
        cold, uncached,
        "an unusable cache folder is skipped silently"
    );
    fs::remove_dir_all(&cache).unwrap();
    assert_eq!(
        cold,
        timeline(&home, &cache),
        "deleting the cache changes nothing"
    );
}

#[test]
fn damaged_or_foreign_packs_are_ignored_and_rebuilt() {
    let home = home_with_articles();
    let cache = home.path().join("cache");
    let cold = timeline(&home, &cache);
    // Every pack: the facts', the parsed articles' and the timeline's.
    for pack in [
        pack(&cache),
        cache.join("qwen-story/articles.pack"),
        cache.join("qwen-story/timeline.pack"),
    ] {
        let good = fs::read(&pack).unwrap();
        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x55;
        let damages: [(&str, Vec<u8>); 4] = [
            ("truncated", good[..good.len() / 3].to_vec()),
            ("one byte changed", flipped),
            ("foreign", b"{\"facts\": []}".to_vec()),
            ("empty", Vec::new()),
        ];
        for (what, bytes) in damages {
            fs::write(&pack, &bytes).unwrap();
            assert_eq!(timeline(&home, &cache), cold, "{}: {what}", pack.display());
            assert_eq!(
                fs::read(&pack).unwrap().len(),
                good.len(),
                "{}: {what}: rebuilt",
                pack.display()
            );
        }
    }
}

#[test]
fn cached_facts_equal_extracted_ones() {
    let dir = TempDir::new().unwrap();
    let articles = corpus::bundled().articles;
    let extracted: Vec<_> = articles
        .iter()
        .map(|a| Extractor::shared().extract(a))
        .collect();
    assert!(extracted.iter().any(|f| !f.is_empty()));

    let cold = FactCache::at(dir.path()).facts(&articles);
    assert_eq!(cold, extracted);
    // A new cache object reads what the first one wrote.
    let warm_cache = FactCache::at(dir.path());
    assert!(warm_cache.path().is_some_and(Path::exists));
    assert_eq!(warm_cache.facts(&articles), extracted);
    assert_eq!(warm_cache.facts_of(&articles[1]), extracted[1]);
    assert_eq!(FactCache::disabled().facts(&articles), extracted);
}

#[test]
fn switching_corpora_keeps_both_cached() {
    let dir = TempDir::new().unwrap();
    let bundled = corpus::bundled().articles;
    let (first, second) = bundled.split_at(2);
    FactCache::at(dir.path()).facts(first);
    FactCache::at(dir.path()).facts(second);
    let pack = FactCache::at(dir.path()).path().unwrap().to_path_buf();
    let written = file_identity(&pack);
    // Both halves are hits now: nothing new to write.
    let again = FactCache::at(dir.path());
    assert_eq!(
        again.facts(first),
        first
            .iter()
            .map(|a| Extractor::shared().extract(a))
            .collect::<Vec<_>>()
    );
    again.facts(second);
    assert_eq!(file_identity(&pack), written);
}

#[test]
fn a_cached_timeline_is_used_only_for_the_corpus_it_fits() {
    let dir = TempDir::new().unwrap();
    let articles = corpus::bundled().articles;
    let (facts, key) = FactCache::at(dir.path()).facts_keyed(&articles);
    let key = key.expect("caching is on");
    let built = Timeline::from_facts(
        corpus::Corpus {
            articles: articles.clone(),
            warnings: Vec::new(),
        },
        facts,
    );
    let cache = TimelineCache::at(dir.path());
    cache.put(key, &built.milestones);
    assert_eq!(cache.get(key, &articles), Some(built.milestones.clone()));
    // The same key, other articles (a forged or stale pack): sources must point into them.
    assert_eq!(cache.get(key, &articles[..2]), None);
    // A changed corpus has another key.
    let (_, other) = FactCache::at(dir.path()).facts_keyed(&articles[1..]);
    assert_ne!(other, Some(key));
    assert_eq!(cache.get(other.unwrap(), &articles[1..]), None);
}

//! Story is data: a second story (a fictional company's models, `data/second-story/`) is
//! tracked by its story file alone. The articles are read with the bundled lexicons, the
//! milestones are titled in the story's names, and the rival's figures stay out.

use qwen_story_core::assets::ExtractorData;
use qwen_story_core::corpus::{Article, Corpus, Origin};
use qwen_story_core::extract::{Extractor, Kind};
use qwen_story_core::timeline::Timeline;
use std::path::Path;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/second-story")
        .join(name)
}

fn timeline() -> Timeline {
    let story = std::fs::read_to_string(data("story.toml")).expect("story file");
    let extractor =
        Extractor::new(ExtractorData::bundled().with_story(story)).expect("story parses");
    let articles = ["aurora-50m-en.md", "aurora-50m-de.md", "aurora-2-en.md"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(data(name)).expect("article");
            Article::parse(&text, name, Origin::File(data(name))).expect("article parses")
        })
        .collect();
    Timeline::build_with(
        Corpus {
            articles,
            warnings: Vec::new(),
        },
        &extractor,
    )
}

#[test]
fn the_second_story_is_told_in_its_own_names() {
    let t = timeline();
    assert_eq!(t.story.name(), "Aurora story");
    let titles: Vec<&str> = t.milestones.iter().map(|m| m.title.as_str()).collect();

    let downloads = t
        .milestones
        .iter()
        .find(|m| m.kind == Kind::Downloads)
        .unwrap_or_else(|| panic!("a downloads milestone in {titles:?}"));
    assert_eq!(downloads.value, Some(50e6));
    assert!(
        downloads.title.starts_with("Aurora passes"),
        "{}",
        downloads.title
    );
    // The English and the German report are one milestone.
    assert_eq!(downloads.sources.len(), 2, "{titles:?}");

    let release = t
        .milestones
        .iter()
        .find(|m| m.kind == Kind::Release)
        .unwrap_or_else(|| panic!("a release in {titles:?}"));
    // A dash before a version number is dropped, as in "Qwen-3-Max" → "Qwen3-Max".
    assert_eq!(release.title, "Nordlicht releases Aurora2");

    let share = t
        .milestones
        .iter()
        .find(|m| m.kind == Kind::SharePrice)
        .unwrap_or_else(|| panic!("a share move in {titles:?}"));
    assert!(share.title.contains("Xetra"), "{}", share.title);
}

#[test]
fn the_rivals_figures_stay_out() {
    let t = timeline();
    assert!(
        !t.milestones.iter().any(|m| m.value == Some(800e6)),
        "{:?}",
        t.milestones.iter().map(|m| &m.title).collect::<Vec<_>>()
    );
}

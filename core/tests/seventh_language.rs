//! Language is data: a seventh language is one lexicon file in a folder, with no code change.
//! `data/nl.toml` (Dutch, written for this test) is copied into a temporary folder, the
//! extractor is built from the bundled story plus that folder, and a Dutch article yields facts.

use qwen_story_core::assets::ExtractorData;
use qwen_story_core::corpus::{Article, Origin};
use qwen_story_core::extract::{Extractor, FactDate, Kind};

const ARTICLE: &str = "+++
id = \"nl-qwen\"
lang = \"nl\"
published = \"2026-01-20\"
+++
Alibaba en het open model
Het Qwen-model van Alibaba is meer dan 700 miljoen keer gedownload.
Op 14 januari lanceerde Alibaba Qwen3.5, het nieuwste model van de groep.
De aandelen van Alibaba stegen in Hongkong met 4,2 procent.
";

fn dutch_extractor() -> Extractor {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nl.toml"),
        dir.path().join("nl.toml"),
    )
    .expect("lexicon copied");
    let data = ExtractorData::bundled()
        .with_lexicon_dir(dir.path())
        .expect("folder read");
    let extractor = Extractor::new(data).expect("story parses");
    extractor.compile_all().expect("the Dutch lexicon compiles");
    extractor
}

#[test]
fn a_seventh_language_from_a_lexicon_file_alone() {
    let extractor = dutch_extractor();
    assert!(extractor.languages().any(|l| l == "nl"));
    let article = Article::parse(ARTICLE, "nl-qwen.md", Origin::Memory("nl-qwen.md".into()))
        .expect("article parses");
    let facts = extractor.extract(&article);
    let of = |kind: Kind| facts.iter().filter(move |f| f.kind == kind);

    let downloads = of(Kind::Downloads).next().expect("a download count");
    assert_eq!(downloads.value.as_ref().map(|q| q.amount), Some(700e6));

    let release = of(Kind::Release).next().expect("a release");
    assert_eq!(release.entities, ["Qwen3.5"]);
    assert_eq!(release.date.to_string_for_test(), "2026-01-14");

    let share = of(Kind::SharePrice).next().expect("a share move");
    assert_eq!(share.value.as_ref().map(|q| q.amount), Some(4.2));
    assert_eq!(share.series.as_deref(), Some("HKD"));
}

#[test]
fn without_the_file_dutch_falls_back_to_english_and_finds_less() {
    let extractor = Extractor::from_assets().expect("bundled data");
    assert!(!extractor.languages().any(|l| l == "nl"));
    let article = Article::parse(ARTICLE, "nl-qwen.md", Origin::Memory("nl-qwen.md".into()))
        .expect("article parses");
    let facts = extractor.extract(&article);
    assert!(!facts.iter().any(|f| f.kind == Kind::Release));
}

trait DateText {
    fn to_string_for_test(&self) -> String;
}

impl DateText for FactDate {
    fn to_string_for_test(&self) -> String {
        match self {
            FactDate::Stated(d) => d.to_string(),
            FactDate::AsOfPublication => "as-of-publication".into(),
        }
    }
}

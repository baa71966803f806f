//! Extraction over the bundled articles and over sentences in each language.

use super::*;
use crate::corpus::{bundled, Article, Origin};

fn article(lang: &str, published: Option<&str>, body: &str) -> Article {
    let front = match published {
        Some(p) => format!("+++\nlang = \"{lang}\"\npublished = \"{p}\"\n+++\n"),
        None => format!("+++\nlang = \"{lang}\"\n+++\n"),
    };
    Article::parse(&format!("{front}{body}"), "t.md", Origin::Memory("t.md".into())).unwrap()
}

pub(crate) fn facts(lang: &str, published: Option<&str>, body: &str) -> Vec<Fact> {
    Extractor::shared().extract(&article(lang, published, body))
}

fn value(f: &Fact) -> (f64, &str) {
    let q = f.value.as_ref().expect("a figure");
    (q.amount, q.unit.as_str())
}

fn stated(f: &Fact) -> String {
    match f.date {
        FactDate::Stated(d) => d.to_string(),
        FactDate::AsOfPublication => "as-of-publication".into(),
    }
}

#[test]
fn every_lexicon_compiles() {
    Extractor::from_assets().unwrap().compile_all().unwrap();
}

#[test]
fn bundled_articles_yield_facts_with_true_quotes() {
    for a in bundled().articles {
        let facts = Extractor::shared().extract(&a);
        assert!(!facts.is_empty(), "{} gave no facts", a.id);
        for f in facts {
            assert!(f.quote.0 < f.quote.1 && f.quote.1 <= a.body.len());
            assert!(f.quote.0 <= f.figure.0 && f.figure.1 <= f.quote.1, "{f:?}");
        }
    }
}

#[test]
fn german_investment_keeps_its_stated_conversion() {
    let f = facts("de", Some("2025-03-13"), "Alibaba kündigte bereits letzten Monat eine massive Investition von 380 Milliarden Yuan (rund 52,5 Milliarden US-Dollar) an.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, Kind::Investment);
    assert_eq!(value(&f[0]), (380e9, "CNY"));
    let c = f[0].converted.as_ref().unwrap();
    assert_eq!((c.amount, c.unit.as_str()), (52.5e9, "USD"));
    assert_eq!(stated(&f[0]), "2025-02");
}

#[test]
fn overtaking_meta_s_llama_names_llama() {
    let f = facts("en", Some("2025-11-02"), "In October, Qwen overtook Meta's Llama as the most downloaded open model family on Hugging Face.");
    let r: Vec<_> = f.iter().filter(|f| f.kind == Kind::Ranking).collect();
    assert_eq!(r.len(), 1, "{f:?}");
    assert_eq!(r[0].entities, ["Llama"]);
    assert_eq!(stated(r[0]), "2025-10");
}

#[test]
fn a_dateline_dates_an_article_without_front_matter() {
    let a = Article::parse("Title\n\n16 jan 2026 - 15h34\n\nEm janeiro, a Alibaba disse que o Qwen passou 700 milhões de downloads.", "x.md", Origin::Memory("x".into())).unwrap();
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2026, 1, 16));
}

#[test]
fn a_currency_code_glued_to_its_amount() {
    let f = facts("en", Some("2025-02-24"), "Alibaba said on Monday it will invest RMB380 billion in AI and cloud infrastructure over three years.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].kind, value(&f[0])), (Kind::Investment, (380e9, "CNY")));
}

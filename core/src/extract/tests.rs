//! Extraction over the bundled articles and over sentences in each language.

use super::*;
use crate::corpus::{bundled, Article, Origin};

fn article(lang: &str, published: Option<&str>, body: &str) -> Article {
    let front = match published {
        Some(p) => format!("+++\nlang = \"{lang}\"\npublished = \"{p}\"\n+++\n"),
        None => format!("+++\nlang = \"{lang}\"\n+++\n"),
    };
    Article::parse(
        &format!("{front}{body}"),
        "t.md",
        Origin::Memory("t.md".into()),
    )
    .unwrap()
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
    assert_eq!(
        (f[0].kind, value(&f[0])),
        (Kind::Investment, (380e9, "CNY"))
    );
}

fn only(f: &[Fact], kind: Kind) -> &Fact {
    let of_kind: Vec<&Fact> = f.iter().filter(|x| x.kind == kind).collect();
    assert_eq!(of_kind.len(), 1, "{f:#?}");
    of_kind[0]
}

#[test]
fn a_count_after_a_month_is_no_day() {
    let f = facts(
        "de",
        Some("2026-01-16"),
        "Die Qwen-App von Alibaba erreichte im November 10 Millionen Nutzer.",
    );
    assert_eq!(stated(only(&f, Kind::Users)), "2025-11");
}

#[test]
fn a_month_later_counts_one() {
    let body = "Alibaba launched the Qwen app in November 2025. A month later, the Qwen app had 100 million users.";
    assert_eq!(
        stated(only(&facts("en", Some("2026-02-01"), body), Kind::Users)),
        "2025-12"
    );
}

#[test]
fn dates_in_digits() {
    let f = facts(
        "de",
        Some("2026-02-01"),
        "Am 15.01.2026 stieg die Alibaba-Aktie um 3 Prozent.",
    );
    assert_eq!(stated(only(&f, Kind::SharePrice)), "2026-01-15");
    let f = facts(
        "fr",
        Some("2026-02-01"),
        "Le 15/01/2026, l'action Alibaba a gagné 3 %.",
    );
    assert_eq!(stated(only(&f, Kind::SharePrice)), "2026-01-15");
    let f = facts(
        "en",
        Some("2026-02-01"),
        "On 01/15/2026 Alibaba shares rose 3%.",
    );
    assert_eq!(stated(only(&f, Kind::SharePrice)), "2026-01-15");
    let f = facts(
        "pt",
        Some("2025-04-01"),
        "Em 1º de março de 2025, a Alibaba lançou o Qwen2.5-Max.",
    );
    assert_eq!(stated(only(&f, Kind::Release)), "2025-03-01");
}

#[test]
fn an_approximation_announces_a_conversion() {
    let f = facts(
        "de",
        Some("2025-03-01"),
        "Alibaba will über drei Jahre 380 Mrd. Yuan bzw. rund 52 Mrd. Dollar investieren.",
    );
    let i = only(&f, Kind::Investment);
    assert_eq!(value(i), (380e9, "CNY"));
    assert_eq!(
        i.converted.as_ref().map(|q| (q.amount, q.unit.as_str())),
        Some((52e9, "USD"))
    );
}

#[test]
fn a_bare_name_is_launched_only_by_a_dated_launch_word_beside_it() {
    for (lang, body) in [
        (
            "es",
            "Alibaba dijo que Qwen suma 650 millones de descargas desde su lanzamiento.",
        ),
        (
            "en",
            "In a press release, Alibaba said Qwen now has 700 million downloads.",
        ),
        (
            "pt",
            "O Qwen apresenta bom desempenho nos testes da Alibaba.",
        ),
        (
            "de",
            "Die Frage stellte sich, ob Qwen von Alibaba mithalten kann.",
        ),
    ] {
        let f = facts(lang, Some("2026-01-20"), body);
        assert!(f.iter().all(|x| x.kind != Kind::Release), "{lang}: {f:#?}");
    }
}

#[test]
fn market_share_is_no_share_price() {
    let f = facts(
        "en",
        Some("2026-01-20"),
        "Qwen's market share rose 5% in December, Alibaba said.",
    );
    assert!(f.iter().all(|x| x.kind != Kind::SharePrice), "{f:#?}");
}

#[test]
fn year_to_date_goes_to_its_own_figure() {
    let f = facts(
        "en",
        Some("2026-01-21"),
        "Alibaba's shares rose 2.1% to HK$150.40 on Wednesday, and are up 12% year to date.",
    );
    let moves: Vec<&Fact> = f
        .iter()
        .filter(|x| x.value.as_ref().is_some_and(|q| q.unit == "%"))
        .collect();
    assert_eq!(moves.len(), 2, "{f:#?}");
    assert_eq!(moves[0].topic, None);
    assert_eq!(moves[1].topic.as_deref(), Some("year to date"));
}

#[test]
fn a_date_in_another_event_s_clause_is_not_taken() {
    let f = facts(
        "en",
        Some("2026-02-01"),
        "The Qwen app, launched in November, crossed 100 million monthly active users in January.",
    );
    assert_eq!(stated(only(&f, Kind::Users)), "2026-01");
    let body = "I modelli Qwen di Alibaba hanno superato 700 milioni di download, consolidando il sorpasso su Llama di Meta avvenuto a ottobre.";
    let f = facts("it", Some("2026-01-21"), body);
    assert_eq!(stated(only(&f, Kind::Downloads)), "as-of-publication");
}

#[test]
fn an_explicit_minus_is_part_of_the_figure() {
    let a = article(
        "de",
        Some("2025-03-13"),
        "Die Alibaba-Aktie notiert mit einem Minus von -3,1% auf Tradegate.",
    );
    let f = Extractor::shared().extract(&a);
    let m = only(&f, Kind::SharePrice);
    assert_eq!(&a.body[m.figure.0..m.figure.1], "-3,1%");
}

#[test]
fn someone_else_in_a_paragraph_of_their_own() {
    let head = "Alibaba: Qwen passa 700 milhões de downloads e a Alibaba comemora.\n\n";
    for (lang, line) in [
        ("es", "Las acciones de Tesla cayeron un 4% el jueves."),
        ("es", "El gobierno de Paraguay anunció una inversión de 500 millones de dólares en carreteras."),
        ("it", "Intanto Ferrari registra utili in crescita del 12% nel trimestre."),
    ] {
        let f = facts(lang, Some("2026-01-16"), &format!("{head}{line}"));
        let body = format!("{head}{line}");
        assert!(f.iter().all(|x| &body[x.quote.0..x.quote.1] != line), "{lang}: {f:#?}");
    }
    // A paragraph that names nobody still belongs to the article's subject.
    let f = facts(
        "es",
        Some("2026-01-16"),
        &format!("{head}Las acciones subieron un 4% el jueves."),
    );
    assert!(f.iter().any(|x| x.kind == Kind::SharePrice), "{f:#?}");
}

#[test]
fn the_closest_word_gives_a_sum_its_kind_and_a_launch_its_date() {
    let body = "Alibaba's Hong Kong-listed shares rose 9.2% to HK$174.30 on Wednesday after the company unveiled Qwen3-Max, and said it would spend more than the 380 billion yuan ($53 billion) it pledged in February.";
    let f = facts("en", Some("2025-09-24"), body);
    let i = only(&f, Kind::Investment);
    assert_eq!(
        (value(i), stated(i)),
        ((380e9, "CNY"), "2025-02".to_string())
    );
    let f = facts("en", Some("2025-12-05"), "The Qwen app, launched in mid-November, passed 30 million monthly active users within 23 days.");
    assert_eq!(stated(only(&f, Kind::Release)), "2025-11");
}

#[test]
fn a_body_past_the_chunk_size_is_read_in_parts_with_offsets_kept() {
    // About 2.5 chunks of the same reporting line: every line is found once, its quote and
    // figure pointing at the right bytes of the whole body, across the cuts.
    let line = "Alibaba said Qwen has passed 700 million downloads.\n";
    let n = CHUNK_BYTES * 5 / 2 / line.len();
    let a = article("en", Some("2026-01-20"), &line.repeat(n));
    assert!(a.body.len() > 2 * CHUNK_BYTES);
    let found = Extractor::shared().extract(&a);
    assert_eq!(found.len(), n);
    for (k, f) in found.iter().enumerate() {
        assert_eq!(f.quote.0, k * line.len(), "fact {k}");
        assert_eq!(&a.body[f.quote.0..f.quote.1], line.trim_end());
        assert_eq!(&a.body[f.figure.0..f.figure.1], "700 million downloads");
    }
}

#[test]
fn a_long_line_without_spaces_is_cut_at_a_character_boundary() {
    // Three chunks of two-byte letters and no space or line end: cut, never mid-character.
    let a = article("en", None, &"é".repeat(CHUNK_BYTES * 3 / 2));
    assert!(Extractor::shared().extract(&a).is_empty());
}

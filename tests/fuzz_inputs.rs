//! Property tests over hostile and malformed input: the article loader, the front matter
//! parser, the extractor and the timeline never panic, and what they return keeps its
//! invariants (quotes are verbatim slices of the body, figures lie inside their quotes).
//!
//! `cargo test` runs a few cases per property. For a long fuzzing run (cargo-fuzz needs a
//! nightly toolchain), raise the count, e.g.:
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test --release --test fuzz_inputs
//! ```

use proptest::prelude::*;
use qwen_story::corpus::{self, parse_bytes, split_front_matter, Article, Corpus, Origin};
use qwen_story::extract::Extractor;
use qwen_story::timeline::Timeline;

/// Cases per property: `PROPTEST_CASES` when set, else few enough for `cargo test`.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        // Failures are reported with their input; no regression files in the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The bundled articles' files, whole (front matter included).
const BUNDLED: [&str; 5] = [
    include_str!("../core/assets/articles/de-wallstreet-online-2025-03-13.md"),
    include_str!("../core/assets/articles/es-alibaba-se-dispara.md"),
    include_str!("../core/assets/articles/fr-qwen-700m-2026-01-21.md"),
    include_str!("../core/assets/articles/it-qwen3-vl-2025-10.md"),
    include_str!("../core/assets/articles/pt-terra-xataka-2026-01-16.md"),
];

/// Pieces that stress number, date and sentence parsing, and the terminal.
const HOSTILE: &[&str] = &[
    "99999999999999999999999999999999",
    "1e308",
    "-0",
    "0,000000000000000000001",
    "1.2.3.4.5",
    "1,,000",
    "180\u{a0}000",
    "180\u{202f}000",
    "1'000'000",
    "٣٤٥",
    "١٢٣٫٤٥",
    "½",
    "²³",
    "US$",
    "HK$",
    "€",
    "¥",
    "RMB",
    "%",
    "‰",
    "millones",
    "Milliarden",
    "billion",
    "bn",
    "mil milhões",
    "2025-13-45",
    "0000-00-00",
    "9999-12-31",
    "31 février 2026",
    "29 February 2025",
    "jueves",
    "dos meses después",
    "last year",
    "\u{1b}[2J",
    "\u{1b}[1;1H",
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{7}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\r\n",
    "\r",
    "\n\n\n",
    "+++",
    "\n+++\n",
    "...",
    "…",
    ". . .",
    "«",
    "»",
    "“",
    "(",
    ")",
    " – ",
    "Qwen",
    "Qwen3-VL-32B-",
    "QwQ-",
    "Alibaba",
    "Alibaba's",
    "Meta's Llama",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "🦙",
    "👩‍👩‍👧",
    "é",
    "\u{301}",
    "\u{0}",
];

/// The largest char boundary at or before `i`.
fn boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One edit of a text: where (a fraction of its length), what, and with which piece.
#[derive(Debug, Clone)]
enum Edit {
    Insert(u16, String),
    Delete(u16, u16),
    /// Every digit in a stretch becomes `9`s: huge numbers where figures were.
    Inflate(u16, u16),
    Duplicate(u16, u16),
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        2 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u16>(), piece()).prop_map(|(at, p)| Edit::Insert(at, p)),
        2 => (any::<u16>(), 0u16..400).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<u16>(), 0u16..400).prop_map(|(at, n)| Edit::Inflate(at, n)),
        1 => (any::<u16>(), 0u16..400).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(text: &mut String, edit: &Edit) {
    let at = |frac: u16, s: &str| boundary(s, s.len() * usize::from(frac) / usize::from(u16::MAX));
    match edit {
        Edit::Insert(f, p) => {
            let i = at(*f, text);
            text.insert_str(i, p);
        }
        Edit::Delete(f, n) => {
            let i = at(*f, text);
            let j = boundary(text, i + usize::from(*n));
            text.replace_range(i..j, "");
        }
        Edit::Inflate(f, n) => {
            let i = at(*f, text);
            let j = boundary(text, i + usize::from(*n));
            let inflated: String = text[i..j]
                .chars()
                .map(|c| {
                    if c.is_ascii_digit() {
                        "999999".to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.replace_range(i..j, &inflated);
        }
        Edit::Duplicate(f, n) => {
            let i = at(*f, text);
            let j = boundary(text, i + usize::from(*n));
            let copy = text[i..j].to_string();
            text.insert_str(j, &copy);
        }
    }
}

/// A bundled article with a few edits.
fn mutated_article() -> impl Strategy<Value = String> {
    (0..BUNDLED.len(), proptest::collection::vec(edit(), 1..12)).prop_map(|(i, edits)| {
        let mut text = BUNDLED[i].to_string();
        for e in &edits {
            apply(&mut text, e);
        }
        text
    })
}

/// Words of the bundled articles and hostile pieces, joined by odd separators: sentences
/// the extractor has never seen, dense with the words it looks for.
fn word_salad() -> impl Strategy<Value = String> {
    let words: Vec<String> = BUNDLED
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(str::to_string)
        .collect();
    let word = prop_oneof![
        6 => proptest::sample::select(words),
        2 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "[0-9]{1,25}([.,\u{a0} ][0-9]{1,3}){0,4}",
    ];
    let sep = proptest::sample::select(
        &[
            " ", " ", " ", ", ", ". ", "\n", "\n\n", " – ", ": ", "; ", "\t", "\u{a0}", "",
        ][..],
    );
    proptest::collection::vec((word, sep), 0..300).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(w, s)| [w, s.to_string()])
            .collect()
    })
}

/// A front matter block with the contract's keys (and others), values of every TOML shape.
fn front_matter() -> impl Strategy<Value = String> {
    let key = proptest::sample::select(
        &[
            "id",
            "title",
            "outlet",
            "url",
            "published",
            "lang",
            "extra",
            "published.x",
            "\"id\"",
        ][..],
    );
    let value = prop_oneof![
        "\"[^\"\\\\\n]{0,20}\"".prop_map(|s| s),
        "\"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z)?)?\"",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2})?",
        "-?[0-9]{1,30}(\\.[0-9]+)?",
        Just("true".to_string()),
        Just("[1, 2]".to_string()),
        Just("{ a = 1 }".to_string()),
        Just("\"\\u{1b}[2J\"".to_string()),
        Just("\"../../etc/passwd\"".to_string()),
        Just("'''multi\nline'''".to_string()),
        "\\PC{0,10}",
    ];
    let line = (key, value).prop_map(|(k, v)| format!("{k} = {v}\n"));
    (
        proptest::collection::vec(line, 0..8),
        any::<bool>(),
        any::<bool>(),
        word_salad(),
    )
        .prop_map(|(lines, closed, crlf, body)| {
            let fence = if crlf { "+++\r\n" } else { "+++\n" };
            let mut text = String::from(fence);
            text.extend(lines);
            if closed {
                text.push_str(fence);
            }
            text.push_str(&body);
            text
        })
}

/// Extracts an article's facts and checks each one's ranges against its body.
fn check_facts(article: &Article) -> Result<(), TestCaseError> {
    let body = article.body.as_str();
    for fact in Extractor::shared().extract(article) {
        let (qs, qe) = fact.quote;
        let (fs, fe) = fact.figure;
        prop_assert!(
            qs <= qe && qe <= body.len(),
            "quote {qs}..{qe} outside the body ({}): {fact:?}",
            body.len()
        );
        prop_assert!(
            body.is_char_boundary(qs) && body.is_char_boundary(qe),
            "quote {qs}..{qe} splits a char: {fact:?}"
        );
        prop_assert!(
            qs <= fs && fs <= fe && fe <= qe,
            "figure {fs}..{fe} outside quote {qs}..{qe}: {fact:?}"
        );
        prop_assert!(
            body.is_char_boundary(fs) && body.is_char_boundary(fe),
            "figure {fs}..{fe} splits a char: {fact:?}"
        );
        if let Some(v) = &fact.value {
            prop_assert!(!v.amount.is_nan(), "NaN value: {fact:?}");
        }
    }
    Ok(())
}

/// Builds a timeline over the articles and checks every source quote against its article.
fn check_timeline(articles: Vec<Article>) -> Result<(), TestCaseError> {
    let timeline = Timeline::build(Corpus {
        articles,
        warnings: Vec::new(),
    });
    for m in &timeline.milestones {
        prop_assert!(!m.sources.is_empty(), "milestone without source: {m:?}");
        for s in &m.sources {
            let article = &timeline.articles[s.article_index];
            prop_assert_eq!(&article.id, &s.article);
            prop_assert_eq!(article.body.get(s.start..s.end), Some(s.quote.as_str()));
            prop_assert!(
                s.start <= s.figure.0 && s.figure.1 <= s.end,
                "figure outside quote: {s:?}"
            );
        }
    }
    // Every output format renders what was built.
    let shown: Vec<_> = timeline.milestones.iter().collect();
    qwen_story::timeline::render_table(&shown);
    qwen_story::timeline::render_csv(&timeline, &shown, false);
    qwen_story::timeline::render_csv(&timeline, &shown, true);
    qwen_story::timeline::render_timelinejs(&timeline, &shown);
    qwen_story::timeline::render_ics(&timeline, &shown, chrono::Utc::now());
    qwen_story::timeline::render_markdown(&shown);
    let json = qwen_story::timeline::render_json(&timeline, &shown);
    prop_assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "invalid JSON: {json}"
    );
    Ok(())
}

fn memory(name: &str) -> Origin {
    Origin::Memory(name.to_string())
}

fn parse(text: &str, name: &str) -> Option<Article> {
    parse_bytes(text.as_bytes(), name, memory(name)).ok()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(article) = parse_bytes(&bytes, "random.md", memory("random.md")) {
            check_facts(&article)?;
        }
    }

    #[test]
    fn byte_flips_in_bundled_articles_never_panic(
        i in 0..BUNDLED.len(),
        flips in proptest::collection::vec((any::<u16>(), any::<u8>()), 1..16),
    ) {
        let mut bytes = BUNDLED[i].as_bytes().to_vec();
        for (at, b) in flips {
            let at = usize::from(at) % bytes.len();
            bytes[at] = b;
        }
        if let Ok(article) = parse_bytes(&bytes, "flipped.md", memory("flipped.md")) {
            check_facts(&article)?;
        }
    }

    #[test]
    fn front_matter_never_panics(text in front_matter()) {
        if let Ok((_, body, lines)) = split_front_matter(&text) {
            prop_assert!(text.ends_with(body), "the body is not the file's tail");
            prop_assert!(lines <= text.matches('\n').count() + 1);
        }
        if let Some(article) = parse(&text, "front.md") {
            prop_assert!(!article.id.is_empty());
            check_facts(&article)?;
        }
    }

    #[test]
    fn mutated_articles_keep_quotes_verbatim(texts in proptest::collection::vec(mutated_article(), 1..4)) {
        let mut articles = Vec::new();
        for (n, text) in texts.iter().enumerate() {
            if let Some(article) = parse(text, &format!("mutated-{n}.md")) {
                check_facts(&article)?;
                articles.push(article);
            }
        }
        check_timeline(articles)?;
    }

    #[test]
    fn word_salad_keeps_quotes_verbatim(
        bodies in proptest::collection::vec(word_salad(), 1..4),
        lang in proptest::sample::select(&["es", "pt", "it", "de", "fr", "en", "xx", ""][..]),
        published in proptest::option::of("20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"),
    ) {
        let mut articles = Vec::new();
        for (n, body) in bodies.iter().enumerate() {
            let mut text = format!("+++\nlang = \"{lang}\"\n");
            if let Some(p) = &published {
                text.push_str(&format!("published = \"{p}\"\n"));
            }
            text.push_str("+++\n");
            text.push_str(body);
            if let Some(article) = parse(&text, &format!("salad-{n}.md")) {
                check_facts(&article)?;
                articles.push(article);
            }
        }
        // The bundled articles join, so salad facts meet real ones in reconciliation.
        articles.extend(corpus::bundled().articles);
        check_timeline(articles)?;
    }

    #[test]
    fn runs_of_numbers_and_controls_keep_quotes_verbatim(
        numbers in proptest::collection::vec(0u32..100_000, 1..400),
        separators in proptest::collection::vec(
            proptest::sample::select(&[" ", ", ", "\n", ".", ",", "; ", " – ", "\u{7}", "\u{1b}[", "\u{200b}"][..]),
            1..8,
        ),
        lang in proptest::sample::select(&["es", "de", "en"][..]),
    ) {
        let mut body = String::from("Qwen downloads ");
        for (k, n) in numbers.iter().enumerate() {
            body.push_str(&n.to_string());
            body.push_str(separators[k % separators.len()]);
        }
        body.push_str(" millones de descargas.\n");
        let text = format!("+++\nlang = \"{lang}\"\n+++\n{body}");
        if let Some(article) = parse(&text, "run.md") {
            check_facts(&article)?;
            check_timeline(vec![article])?;
        }
    }

    #[test]
    fn the_sanitiser_drops_exactly_the_control_ranges(
        parts in proptest::collection::vec(
            prop_oneof![
                3 => "[a-z0-9 .,]{0,8}",
                1 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
                1 => r"[\x00-\x1f\x7f-\x{9f}\[\]P_;0-9m\\]{0,6}",
            ],
            0..40,
        ),
    ) {
        // Tabs, CRs and bidirectional controls are the sanitiser's own extra rules.
        let text: String = parts
            .concat()
            .chars()
            .filter(|c| !matches!(c, '\t' | '\r' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
            .collect();
        let mut kept = String::new();
        let mut at = 0;
        for (start, end) in qwen_story::sanitize::control_ranges(&text) {
            prop_assert!(at <= start && start < end && end <= text.len());
            kept.push_str(&text[at..start]);
            at = end;
        }
        kept.push_str(&text[at..]);
        prop_assert_eq!(qwen_story::sanitize::sanitize(&text), kept);
    }

    #[test]
    fn format_characters_inside_a_figure_change_nothing(
        n in 1u32..1000,
        mark in proptest::sample::select(&["\u{200b}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{2060}", "\u{202a}", "\u{202e}", "\u{feff}"][..]),
        lang in proptest::sample::select(&[("es", "millones de descargas"), ("en", "million downloads"), ("de", "Millionen Downloads")][..]),
    ) {
        let sentence = |figure: &str| format!(
            "+++\nlang = \"{}\"\npublished = \"2026-01-16\"\n+++\nQwen {figure} {}.\n",
            lang.0, lang.1
        );
        let values = |text: &str| -> Vec<Option<f64>> {
            parse(text, "f.md")
                .map(|a| Extractor::shared().extract(&a).iter().map(|f| f.value.as_ref().map(|v| v.amount)).collect())
                .unwrap_or_default()
        };
        let plain = values(&sentence(&n.to_string()));
        let digits = n.to_string();
        let (head, tail) = digits.split_at(1);
        let inside = format!("{head}{mark}{tail}");
        prop_assert_eq!(&values(&sentence(&inside)), &plain, "{:?}", inside);
        let after = format!("{digits}{mark}");
        prop_assert_eq!(&values(&sentence(&after)), &plain, "{:?}", after);
    }

    #[test]
    fn a_byte_order_mark_changes_nothing(text in front_matter()) {
        // One mark is skipped; an empty file stays empty (refused), a marked one is not.
        prop_assume!(!text.is_empty() && !text.starts_with('\u{feff}'));
        let with_bom = format!("\u{feff}{text}");
        let (plain, marked) = (parse(&text, "bom.md"), parse(&with_bom, "bom.md"));
        prop_assert_eq!(plain.is_some(), marked.is_some());
        if let (Some(a), Some(b)) = (plain, marked) {
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(&a.title, &b.title);
            prop_assert_eq!(&a.lang, &b.lang);
            prop_assert_eq!(&a.body, &b.body);
        }
    }
}

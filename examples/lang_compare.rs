//! Compares two language detectors, whatlang and lingua, each restricted to the languages that
//! have a lexicon, on the dev corpus (every article's body, its `lang` taken from gold.json) and
//! on short and mixed texts written for the project (`examples/data/lang_samples.tsv`).
//!
//!   cargo run --release --example lang_compare -- ../shared/dev-corpus
//!
//! Both read the sample the program reads: up to ~500 bytes of the body's reporting lines.
//!
//! Measured 2026-12-02 (2 busy cores): all three 40/40 on the dev corpus; on the 60 short texts
//! whatlang 55, lingua 55 (low-accuracy mode 51), whatlang-else-lingua 56 (the shipped one: it
//! misses only Romance sentences full of English loanwords). Cost of adding lingua: stripped
//! release binary 8.4 MB -> 34.8 MB (its six models), one-article run 38 -> 69 ms (hyperfine),
//! 10k cold run CPU unchanged within noise (2.6-2.9 s vs 2.4-2.8 s), peak memory 143 -> 169 MB.

use lingua::{IsoCode639_1, Language, LanguageDetectorBuilder};
use std::path::Path;
use std::str::FromStr;
use std::time::Instant;

/// The languages with a lexicon: every `core/assets/lexicons/<code>.toml` but `common`.
fn lexicon_codes() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("core/assets/lexicons");
    let mut codes: Vec<String> = std::fs::read_dir(&dir)
        .expect("the lexicon folder")
        .flatten()
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .filter(|c| c.len() == 2)
        .collect();
    codes.sort();
    codes
}

/// What the program feeds its detector: the body's lines that are not furniture, to ~500 bytes.
fn sample(body: &str) -> String {
    let furniture = qwen_story::corpus::furniture::find(body, "");
    let mut out = String::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end;
        let skip = furniture
            .iter()
            .any(|&(fs, fe)| fs <= start && end <= fe.max(start));
        if skip || line.trim().is_empty() {
            continue;
        }
        out.push_str(line);
        if out.len() >= 500 {
            break;
        }
    }
    out
}

type Detect = Box<dyn Fn(&str) -> Option<String>>;

fn whatlang_detector(codes: &[String]) -> Detect {
    let langs = codes
        .iter()
        .map(|c| {
            whatlang::Lang::all()
                .iter()
                .copied()
                .find(|l| iso1(l.code()) == Some(c.as_str()))
                .unwrap_or_else(|| panic!("whatlang has no {c}"))
        })
        .collect();
    let d = whatlang::Detector::with_allowlist(langs);
    Box::new(move |t| {
        d.detect_lang(t)
            .and_then(|l| iso1(l.code()))
            .map(String::from)
    })
}

/// whatlang on the text without its names and figures (capitalised words other than the first,
/// anything with a digit): they are the same in every language and only add noise.
fn whatlang_words_detector(codes: &[String]) -> Detect {
    let inner = whatlang_detector(codes);
    Box::new(move |t| inner(&language_words(t)))
}

/// whatlang where it is sure of itself, lingua where it is not (short texts).
fn hybrid_detector(codes: &[String]) -> Detect {
    let langs = codes
        .iter()
        .map(|c| {
            whatlang::Lang::all()
                .iter()
                .copied()
                .find(|l| iso1(l.code()) == Some(c.as_str()))
                .expect("a whatlang language")
        })
        .collect();
    let w = whatlang::Detector::with_allowlist(langs);
    let l = lingua_detector(codes, false);
    Box::new(move |t| match w.detect(t) {
        Some(info) if info.is_reliable() => iso1(info.lang().code()).map(String::from),
        _ => l(t),
    })
}

fn language_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, w) in text.split_whitespace().enumerate() {
        let named = i > 0 && w.chars().next().is_some_and(char::is_uppercase);
        if named || w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// ISO 639-3 (whatlang) to 639-1, for the languages a lexicon may have.
fn iso1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "eng" => "en",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "deu" => "de",
        "fra" => "fr",
        _ => return None,
    })
}

fn lingua_detector(codes: &[String], low: bool) -> Detect {
    let langs: Vec<Language> = codes
        .iter()
        .map(|c| Language::from_iso_code_639_1(&IsoCode639_1::from_str(c).expect("an ISO code")))
        .collect();
    let mut b = LanguageDetectorBuilder::from_languages(&langs);
    if low {
        b.with_low_accuracy_mode();
    }
    let d = b.build();
    Box::new(move |t| {
        d.detect_language_of(t)
            .map(|l| l.iso_code_639_1().to_string())
    })
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: lang_compare DEV_CORPUS_DIR");
    let dir = Path::new(&dir);
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold.json"))
            .expect("gold.json is JSON");
    let mut articles = Vec::new();
    for (id, a) in gold["articles"].as_object().expect("gold articles") {
        let text = std::fs::read_to_string(dir.join("articles").join(format!("{id}.md")))
            .expect("an article of the gold");
        let body = match qwen_story::corpus::split_front_matter(&text) {
            Ok((_, body, _)) => body.to_string(),
            Err(_) => text.clone(),
        };
        articles.push((
            a["lang"].as_str().unwrap_or("?").to_string(),
            sample(&body),
            id.clone(),
        ));
    }
    let samples: Vec<(String, String)> = include_str!("data/lang_samples.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, t)| (c.to_string(), t.to_string()))
        .collect();

    let codes = lexicon_codes();
    println!("languages from the lexicons: {}", codes.join(", "));
    let detectors: Vec<(&str, Detect)> = vec![
        ("whatlang 0.16", whatlang_detector(&codes)),
        ("whatlang, words only", whatlang_words_detector(&codes)),
        ("whatlang, else lingua", hybrid_detector(&codes)),
        ("lingua 1.8 (high accuracy)", lingua_detector(&codes, false)),
        ("lingua 1.8 (low accuracy)", lingua_detector(&codes, true)),
    ];
    println!(
        "{:<28} {:>14} {:>14} {:>12}",
        "detector", "dev corpus", "short texts", "µs / text"
    );
    for (name, detect) in &detectors {
        // The first call loads models; time the steady state separately.
        let t0 = Instant::now();
        let _ = detect("Alibaba released a new model.");
        let first = t0.elapsed();
        let t = Instant::now();
        let mut misses = Vec::new();
        let dev_ok = articles
            .iter()
            .filter(|(want, text, id)| {
                let got = detect(text);
                let ok = got.as_deref() == Some(want.as_str());
                if !ok {
                    misses.push(format!("  dev {id}: {want} read as {got:?}"));
                }
                ok
            })
            .count();
        let short_ok = samples
            .iter()
            .filter(|(want, text)| {
                let got = detect(text);
                let ok = got.as_deref() == Some(want.as_str());
                if !ok {
                    misses.push(format!("  short {want} read as {got:?}: {text}"));
                }
                ok
            })
            .count();
        let per = t.elapsed().as_micros() as f64 / (articles.len() + samples.len()) as f64;
        println!(
            "{:<28} {:>9}/{:<4} {:>9}/{:<4} {:>12.0}   (first call {:.0} ms)",
            name,
            dev_ok,
            articles.len(),
            short_ok,
            samples.len(),
            per,
            first.as_secs_f64() * 1e3
        );
        for m in misses {
            println!("{m}");
        }
    }
}

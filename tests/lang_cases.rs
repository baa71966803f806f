//! Per-language extraction cases as data: every `tests/cases/<lang>/<topic>.toml` is read, each
//! case's lines become an article in that language, and its expected facts are checked. Every
//! failing case is reported by file and name in one run, then the test fails. The format is
//! described in `tests/cases/README.md`.

mod common;

use common::{date, extract, extract_undated, Extracted};
use qwen_story::extract::{Fact, Kind};
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One case file: the cases of one language and topic.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// Publication date of every case that does not give its own; none means undated.
    published: Option<String>,
    #[serde(rename = "case", default)]
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Overrides the file's date; `""` makes the article undated.
    published: Option<String>,
    /// The body, one paragraph per line.
    lines: Vec<String>,
    #[serde(default)]
    fact: Vec<Expected>,
    /// Kinds that must not be extracted at all.
    #[serde(default)]
    absent: Vec<String>,
    /// Exactly this many facts, of any kind, in the whole article.
    total: Option<usize>,
}

/// A fact that must be found: `kind` and `in` say which facts it is about, `count` how many
/// of those there are, and every other field must hold for one of them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    /// A piece of the body line that holds the fact's quote.
    #[serde(rename = "in")]
    in_line: Option<String>,
    count: Option<usize>,
    value: Option<f64>,
    unit: Option<String>,
    /// `[amount, unit]`, or `[]` for "no conversion stated".
    converted: Option<Vec<toml::Value>>,
    /// `more_than`, `about`, or `""` for none.
    qualifier: Option<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `as-of-publication`.
    date: Option<String>,
    figure: Option<String>,
    quote: Option<String>,
    entities: Option<Vec<String>>,
    /// `""` for none.
    series: Option<String>,
    /// `""` for none.
    topic: Option<String>,
}

/// How many expectations the runner checked, to compare with the tests it replaced.
#[derive(Default)]
struct Tally {
    files: usize,
    cases: usize,
    facts: usize,
    fields: usize,
    absent: usize,
    totals: usize,
}

#[test]
fn every_case_file_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let files = case_files(&root);
    assert!(!files.is_empty(), "no case files under {}", root.display());
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for path in &files {
        let lang = path
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .expect("case files lie in a language folder");
        let shown = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{shown}: {e}"));
        let file: CaseFile = match toml::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{shown}: does not parse: {e}"));
                continue;
            }
        };
        tally.files += 1;
        for case in &file.cases {
            tally.cases += 1;
            let problems = run_case(lang, file.published.as_deref(), case, &mut tally);
            if !problems.is_empty() {
                failures.push(format!("{shown}: {}:\n{problems}", case.name));
            }
        }
    }
    eprintln!(
        "lang cases: {} files, {} cases, {} expected facts, {} fields, {} absent kinds, {} totals",
        tally.files, tally.cases, tally.facts, tally.fields, tally.absent, tally.totals
    );
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every `*.toml` one folder below `root`, sorted so reports are stable.
fn case_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let langs = std::fs::read_dir(root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    for dir in langs.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml")),
        );
    }
    files.sort();
    files
}

/// Runs one case; returns its problems, one per line, followed by the facts found, or "".
fn run_case(lang: &str, file_published: Option<&str>, case: &Case, tally: &mut Tally) -> String {
    let lines: Vec<&str> = case.lines.iter().map(String::as_str).collect();
    let x = match case.published.as_deref().or(file_published) {
        None | Some("") => extract_undated(lang, &lines),
        Some(p) => extract(lang, p, &lines),
    };
    let mut problems = String::new();
    for want in &case.fact {
        tally.facts += 1;
        tally.fields += field_count(want);
        if let Err(e) = check_expected(&x, want) {
            let _ = writeln!(problems, "  {e}");
        }
    }
    for kind in &case.absent {
        tally.absent += 1;
        match Kind::parse(kind) {
            None => {
                let _ = writeln!(problems, "  unknown kind {kind:?} in absent");
            }
            Some(k) if x.facts.iter().any(|f| f.kind == k) => {
                let _ = writeln!(problems, "  expected no {k} fact");
            }
            Some(_) => {}
        }
    }
    if let Some(n) = case.total {
        tally.totals += 1;
        if x.facts.len() != n {
            let _ = writeln!(
                problems,
                "  expected {n} facts in all, got {}",
                x.facts.len()
            );
        }
    }
    if !problems.is_empty() {
        let found = if x.facts.is_empty() {
            "  (none)".to_string()
        } else {
            x.dump()
        };
        let _ = write!(problems, "  facts found:\n{found}");
    }
    problems
}

/// The fields of an expectation that state something of the fact (a value with its unit is one).
fn field_count(w: &Expected) -> usize {
    let some = |b: bool| usize::from(b);
    some(w.value.is_some() || w.unit.is_some())
        + some(w.converted.is_some())
        + some(w.qualifier.is_some())
        + some(w.date.is_some())
        + some(w.figure.is_some())
        + some(w.quote.is_some())
        + some(w.entities.is_some())
        + some(w.series.is_some())
        + some(w.topic.is_some())
}

fn check_expected(x: &Extracted, want: &Expected) -> Result<(), String> {
    let kind = Kind::parse(&want.kind).ok_or_else(|| format!("unknown kind {:?}", want.kind))?;
    let converted = match want.converted.as_deref() {
        None => None,
        Some([]) => Some(None),
        Some([amount, unit]) => match (
            amount.as_float().or(amount.as_integer().map(|i| i as f64)),
            unit.as_str(),
        ) {
            (Some(a), Some(u)) => Some(Some((a, u))),
            _ => {
                return Err(format!(
                    "{kind}: converted must be [amount, \"unit\"] or []"
                ))
            }
        },
        Some(_) => {
            return Err(format!(
                "{kind}: converted must be [amount, \"unit\"] or []"
            ))
        }
    };
    let scope: Vec<&Fact> = x
        .facts
        .iter()
        .filter(|f| f.kind == kind)
        .filter(|f| {
            want.in_line
                .as_deref()
                .is_none_or(|s| line_of(x, f).contains(s))
        })
        .collect();
    let place = want
        .in_line
        .as_deref()
        .map(|s| format!(" in the line with {s:?}"))
        .unwrap_or_default();
    if let Some(n) = want.count {
        if scope.len() != n {
            return Err(format!(
                "expected {n} {kind} fact(s){place}, got {}",
                scope.len()
            ));
        }
    }
    if scope.is_empty() {
        return Err(format!("expected a {kind} fact{place}, got none"));
    }
    // The mismatches of the closest fact, for the message when none holds every field.
    let mut best: Option<Vec<String>> = None;
    for f in &scope {
        let misses = mismatches(x, f, want, converted);
        if misses.is_empty() {
            return Ok(());
        }
        if best.as_ref().is_none_or(|b| misses.len() < b.len()) {
            best = Some(misses);
        }
    }
    Err(format!(
        "no {kind} fact{place} as expected: {}",
        best.unwrap_or_default().join("; ")
    ))
}

/// What differs between a fact and the expectation, one phrase per field.
fn mismatches(
    x: &Extracted,
    f: &Fact,
    want: &Expected,
    converted: Option<Option<(f64, &str)>>,
) -> Vec<String> {
    let mut out = Vec::new();
    if want.value.is_some() || want.unit.is_some() {
        let ok = f.value.as_ref().is_some_and(|q| {
            want.value.is_none_or(|v| close(q.amount, v))
                && want.unit.as_deref().is_none_or(|u| q.unit == u)
        });
        if !ok {
            out.push(format!(
                "value {} {} wanted, got {:?}",
                want.value.map_or("_".into(), |v| v.to_string()),
                want.unit.as_deref().unwrap_or("_"),
                f.value
            ));
        }
    }
    match converted {
        Some(None) if f.converted.is_some() => {
            out.push(format!("no conversion wanted, got {:?}", f.converted));
        }
        Some(Some((a, u)))
            if !f
                .converted
                .as_ref()
                .is_some_and(|q| close(q.amount, a) && q.unit == u) =>
        {
            out.push(format!("conversion {a} {u} wanted, got {:?}", f.converted));
        }
        _ => {}
    }
    if let Some(q) = &want.qualifier {
        let got = f
            .qualifier
            .map(|q| {
                serde_json::to_value(q)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
            })
            .unwrap_or_default()
            .unwrap_or_default();
        if got != q.replace('-', "_") {
            out.push(format!("qualifier {q:?} wanted, got {:?}", f.qualifier));
        }
    }
    if let Some(d) = &want.date {
        if date(f) != *d {
            out.push(format!("date {d} wanted, got {}", date(f)));
        }
    }
    if let Some(s) = &want.figure {
        if x.figure(f) != s {
            out.push(format!("figure {s:?} wanted, got {:?}", x.figure(f)));
        }
    }
    if let Some(s) = &want.quote {
        if x.quote(f) != s {
            out.push(format!("quote {s:?} wanted, got {:?}", x.quote(f)));
        } else if !(f.quote.0 <= f.figure.0 && f.figure.1 <= f.quote.1) {
            out.push("the figure lies outside its quote".into());
        }
    }
    if let Some(e) = &want.entities {
        if f.entities != *e {
            out.push(format!("entities {e:?} wanted, got {:?}", f.entities));
        }
    }
    for (name, want, got) in [
        ("series", &want.series, &f.series),
        ("topic", &want.topic, &f.topic),
    ] {
        if let Some(w) = want {
            if got.as_deref().unwrap_or("") != w {
                out.push(format!("{name} {w:?} wanted, got {got:?}"));
            }
        }
    }
    out
}

/// The body line (paragraph) that holds the fact's quote.
fn line_of<'a>(x: &'a Extracted, f: &Fact) -> &'a str {
    let body = &x.article.body;
    let start = body[..f.quote.0].rfind('\n').map_or(0, |i| i + 1);
    let end = body[f.quote.0..]
        .find('\n')
        .map_or(body.len(), |i| f.quote.0 + i);
    &body[start..end]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

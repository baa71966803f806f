//! The scored regression test over the real development corpus.
//!
//! The corpus is third-party text kept outside the repository: the test reads it from the
//! folder named by `QWEN_STORY_DEV_CORPUS` (articles in `$DIR/articles`, gold in
//! `$DIR/gold.json`), builds the timeline with the release-contract command
//! `qwen-story --corpus $DIR/articles timeline --format json`, and scores it exactly as
//! `$DIR/score.py` does (this file is a line-by-line port of its rules). Without the variable
//! it says it was skipped and passes. `QWEN_STORY_DEV_TIMELINE=FILE` scores a saved timeline
//! JSON instead of building one, to compare this port with `score.py` on the same input.

mod common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Issue 10's targets, the defaults of `score.py`: printed as the goal, not yet asserted. The
/// extractor scored recall 0.53, precision 0.86, merges 9/25 and 3 leaks before that issue.
const TARGETS: Targets = Targets {
    min_recall: 0.90,
    min_precision: 0.90,
    min_merge_rate: 0.80,
    max_leaks: 0,
    max_bad_provenance: 0,
};

/// What the extractor has reached (recall 0.92, precision 0.97, merges 20/25, no leak): the test
/// fails below it, so the figure cannot slide; raise it with every rule that raises the score.
const FLOOR: Targets = Targets {
    min_recall: 0.92,
    min_precision: 0.97,
    min_merge_rate: 0.80,
    max_leaks: 0,
    max_bad_provenance: 0,
};

struct Targets {
    min_recall: f64,
    min_precision: f64,
    min_merge_rate: f64,
    max_leaks: usize,
    max_bad_provenance: usize,
}

#[test]
fn dev_corpus_meets_the_targets() {
    let Some(dir) = std::env::var_os("QWEN_STORY_DEV_CORPUS").map(PathBuf::from) else {
        eprintln!("dev corpus: skipped (set QWEN_STORY_DEV_CORPUS to the dev-corpus folder)");
        return;
    };
    let gold = read_json(&dir.join("gold.json"));
    let articles = dir.join("articles");
    let timeline = match std::env::var_os("QWEN_STORY_DEV_TIMELINE") {
        Some(file) => read_json(Path::new(&file)),
        None => build_timeline(&articles),
    };
    let score = Score::of(&gold, &read_bodies(&articles), &timeline);
    for line in &score.details {
        eprintln!("{line}");
    }
    println!("{}", score.summary());
    eprintln!("dev corpus: {}", score.summary());
    let short = score.below(&TARGETS);
    if !short.is_empty() {
        eprintln!(
            "dev corpus: short of issue 10's targets: {}",
            short.join(", ")
        );
    }
    let failed = score.below(&FLOOR);
    assert!(
        failed.is_empty(),
        "dev corpus below the floor it had reached ({}): {}",
        failed.join(", "),
        score.summary()
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The timeline as the binary prints it, with a private home so no user file or cache leaks in.
fn build_timeline(articles: &Path) -> Value {
    let home = tempfile::tempdir().expect("a temporary home");
    let out = common::binary(home.path())
        .arg("--corpus")
        .arg(articles)
        .args(["timeline", "--format", "json"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "timeline failed on {}: {}",
        articles.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("timeline --format json prints JSON")
}

/// The body of every `.md` and `.txt` file by file stem: the bytes after the front matter.
fn read_bodies(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut bodies = BTreeMap::new();
    for path in entries.flatten().map(|e| e.path()) {
        if !path.extension().is_some_and(|x| x == "md" || x == "txt") {
            continue;
        }
        let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        bodies.insert(stem, body_of(raw));
    }
    bodies
}

/// `score.py` `body_of`: the bytes after the `\n+++\n` that closes a leading `+++\n`.
fn body_of(raw: Vec<u8>) -> Vec<u8> {
    if raw.starts_with(b"+++\n") {
        if let Some(end) = find(&raw, b"\n+++\n", 3) {
            return raw[end + 5..].to_vec();
        }
    }
    raw
}

/// Python's `bytes.find(needle, from)`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(from);
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Every (possibly overlapping) occurrence of `quote` in `body`, as byte ranges.
fn occurrences(body: &[u8], quote: &str) -> Vec<(i64, i64)> {
    let q = quote.as_bytes();
    let mut out = Vec::new();
    let mut at = find(body, q, 0);
    while let Some(i) = at {
        out.push((i as i64, (i + q.len()) as i64));
        at = find(body, q, i + 1);
    }
    out
}

/// Python's `bytes[st:en]` for any integers (negative counts from the end, out of range clamps).
fn py_slice(body: &[u8], st: i64, en: i64) -> &[u8] {
    let len = body.len() as i64;
    let norm = |i: i64| if i < 0 { (i + len).max(0) } else { i.min(len) };
    let (a, b) = (norm(st), norm(en));
    if a >= b {
        &[]
    } else {
        &body[a as usize..b as usize]
    }
}

/// `score.py` `key_of`: which gold article id a source's article id stands for.
fn key_of(article: &str, keys: &BTreeSet<String>) -> Option<String> {
    if keys.contains(article) {
        return Some(article.to_string());
    }
    if let Some(num) = article.strip_prefix("seed-") {
        if num.len() == 3 && num.bytes().all(|b| b.is_ascii_digit()) && keys.contains(num) {
            return Some(num.to_string());
        }
    }
    keys.iter()
        .find(|k| {
            Path::new(k.as_str())
                .file_stem()
                .is_some_and(|s| s == article)
        })
        .cloned()
}

/// `score.py` `date_ok`: the milestone's date agrees with the gold's to the gold's precision.
fn date_ok(gold: Option<&str>, got: Option<&str>) -> bool {
    let Some(gold) = gold else { return true };
    let Some(got) = got.filter(|g| !g.is_empty()) else {
        return false;
    };
    let g: Vec<&str> = gold.split('-').collect();
    let m: Vec<&str> = got.split('-').collect();
    // A gold month or day needs the milestone at month precision or finer.
    if m.len() < g.len().min(2) {
        return false;
    }
    let n = g.len().min(m.len());
    g[..n] == m[..n]
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `score.py` `value_ok`: within 2 % of the gold value or an accepted equivalent, units agreeing
/// (a gold unit of `downloads`, `models` or `users` accepts any unit).
fn value_ok(fact: &Value, ms: &Value) -> bool {
    let Some(gv) = fact.get("value").filter(|v| !v.is_null()) else {
        return true;
    };
    let mut pairs: Vec<(Option<f64>, Option<&str>)> = vec![(num(gv), text(fact, "unit"))];
    for a in fact
        .get("accept")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        pairs.push((a.get(0).and_then(num), a.get(1).and_then(Value::as_str)));
    }
    let Some(mv) = ms.get("value").and_then(num) else {
        return false;
    };
    let mu = text(ms, "unit").unwrap_or("");
    pairs.into_iter().any(|(v, u)| {
        let Some(v) = v else { return false };
        let close = if v == 0.0 {
            mv.abs() < 1e-9
        } else {
            (mv - v).abs() <= 0.02 * v.abs()
                || ((mv.abs() - v.abs()).abs() <= 0.02 * v.abs() && u == Some("%"))
        };
        let u = u.unwrap_or("");
        close
            && (u.is_empty()
                || mu.is_empty()
                || u.to_lowercase() == mu.to_lowercase()
                || matches!(u, "downloads" | "models" | "users"))
    })
}

/// `score.py` `kinds_of`: `kinds` when present and not empty, else `[kind]`.
fn kinds_of(fact: &Value) -> Vec<&str> {
    match fact
        .get("kinds")
        .and_then(Value::as_array)
        .filter(|k| !k.is_empty())
    {
        Some(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
        None => text(fact, "kind").into_iter().collect(),
    }
}

fn overlap(st: i64, en: i64, occ: &[(i64, i64)]) -> bool {
    occ.iter().any(|&(os, oe)| st < oe && os < en)
}

/// A milestone with the sources that lie in gold articles, as (gold key, start, end).
struct Milestone<'a> {
    json: &'a Value,
    src: Vec<(String, i64, i64)>,
}

/// The figures `score.py` prints, and the lines its `--verbose` adds.
struct Score {
    matched: usize,
    required: usize,
    precise: usize,
    in_scope: usize,
    leaks: usize,
    merges_ok: usize,
    merges: usize,
    bad_provenance: usize,
    milestones: usize,
    details: Vec<String>,
}

impl Score {
    fn of(gold: &Value, bodies: &BTreeMap<String, Vec<u8>>, timeline: &Value) -> Score {
        let empty = Vec::new();
        let list = |key: &str| gold.get(key).and_then(Value::as_array).unwrap_or(&empty);
        // A flat list of facts: every fact required.
        let (required, optional, must_not, merges) = match gold.as_array() {
            Some(all) => (all, &empty, &empty, &empty),
            None => (
                list("required"),
                list("optional"),
                list("must_not"),
                list("merges"),
            ),
        };
        let all: Vec<&Value> = required.iter().chain(optional).collect();
        let keys: BTreeSet<String> = all
            .iter()
            .filter_map(|f| text(f, "article"))
            .map(String::from)
            .collect();

        let mut bad_provenance = 0;
        let raw: &[Value] = timeline
            .get("milestones")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        let milestones: Vec<Milestone> = raw
            .iter()
            .map(|json| {
                let mut src = Vec::new();
                for s in json
                    .get("sources")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let article = text(s, "article");
                    let body = article.and_then(|a| bodies.get(a));
                    let (st, en) = (
                        s.get("start").and_then(Value::as_i64),
                        s.get("end").and_then(Value::as_i64),
                    );
                    let quote = text(s, "quote").unwrap_or("");
                    match (body, st, en) {
                        (Some(b), Some(st), Some(en))
                            if py_slice(b, st, en) == quote.as_bytes() => {}
                        _ => bad_provenance += 1,
                    }
                    if let (Some(k), Some(st), Some(en)) =
                        (key_of(article.unwrap_or(""), &keys), st, en)
                    {
                        src.push((k, st, en));
                    }
                }
                Milestone { json, src }
            })
            .collect();

        let gold_body = |k: &str| -> &[u8] {
            bodies
                .iter()
                .find(|(aid, _)| key_of(aid, &keys).as_deref() == Some(k))
                .map_or(&[], |(_, b)| b.as_slice())
        };
        let overlaps = |ms: &Milestone, fact: &Value| {
            let article = text(fact, "article").unwrap_or("");
            let occ = occurrences(gold_body(article), text(fact, "quote").unwrap_or(""));
            ms.src
                .iter()
                .any(|(k, st, en)| k == article && overlap(*st, *en, &occ))
        };
        let matches = |ms: &Milestone, fact: &Value, strict: bool| {
            if !overlaps(ms, fact) {
                return false;
            }
            let kind = text(ms.json, "kind");
            if !kind.is_some_and(|k| kinds_of(fact).contains(&k)) {
                return false;
            }
            !strict
                || (value_ok(fact, ms.json) && date_ok(text(fact, "date"), text(ms.json, "date")))
        };

        let mut details = Vec::new();
        let missed: Vec<&Value> = required
            .iter()
            .filter(|f| !milestones.iter().any(|m| matches(m, f, true)))
            .collect();
        let in_scope: Vec<&Milestone> = milestones.iter().filter(|m| !m.src.is_empty()).collect();
        let extras: Vec<&&Milestone> = in_scope
            .iter()
            .filter(|m| !all.iter().any(|f| matches(m, f, false)))
            .collect();

        // A milestone leaks a must-not span when a source overlaps it and overlaps no required
        // or optional quote of that article (a sentence may hold both).
        let leaks_into = |ms: &Milestone, bad: &Value| {
            let article = text(bad, "article").unwrap_or("");
            let bocc = occurrences(gold_body(article), text(bad, "quote").unwrap_or(""));
            ms.src.iter().any(|(k, st, en)| {
                if k != article || !overlap(*st, *en, &bocc) {
                    return false;
                }
                let good: Vec<(i64, i64)> = all
                    .iter()
                    .filter(|f| text(f, "article") == Some(k.as_str()))
                    .flat_map(|f| occurrences(gold_body(k), text(f, "quote").unwrap_or("")))
                    .collect();
                !overlap(*st, *en, &good)
            })
        };
        let leaks: Vec<&Value> = must_not
            .iter()
            .filter(|bad| milestones.iter().any(|m| leaks_into(m, bad)))
            .collect();

        // The merge's value, or an equivalent that one of its articles' gold facts accepts.
        let merge_value_ok = |g: &Value, ms: &Value| {
            let Some(mv) = ms.get("value").and_then(num) else {
                return false;
            };
            let articles: Vec<&Value> = g
                .get("articles")
                .and_then(Value::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            let mut cands = vec![g.get("value").and_then(num)];
            for f in &all {
                let in_merge = f.get("article").is_some_and(|a| articles.contains(&a));
                if in_merge && f.get("kind") == g.get("kind") {
                    for a in f
                        .get("accept")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        cands.push(a.get(0).and_then(num));
                    }
                }
            }
            cands.into_iter().flatten().any(|v| {
                if v != 0.0 {
                    (mv - v).abs() <= 0.02 * v.abs()
                } else {
                    mv.abs() < 1e-9
                }
            })
        };
        let mut merge_fail = Vec::new();
        for g in merges {
            let wanted: BTreeSet<&str> = g
                .get("articles")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let ok = milestones.iter().any(|m| {
                if m.json.get("kind") != g.get("kind") {
                    return false;
                }
                if g.get("value").is_some_and(|v| !v.is_null()) && !merge_value_ok(g, m.json) {
                    return false;
                }
                let have: BTreeSet<&str> = m.src.iter().map(|(k, _, _)| k.as_str()).collect();
                have.is_superset(&wanted) && date_ok(text(g, "date"), text(m.json, "date"))
            });
            if !ok {
                merge_fail.push(text(g, "what").unwrap_or("?").to_string());
            }
        }

        for f in &missed {
            let near: Vec<String> = milestones
                .iter()
                .filter(|m| overlaps(m, f))
                .map(|m| {
                    format!(
                        "({}, {}, {}, {})",
                        m.json["kind"], m.json["value"], m.json["unit"], m.json["date"]
                    )
                })
                .collect();
            details.push(format!(
                "MISSED {} {} {} {} «{}» near: [{}]",
                text(f, "article").unwrap_or("?"),
                text(f, "kind").unwrap_or("?"),
                f["value"],
                f["date"],
                text(f, "quote").unwrap_or(""),
                near.join(", ")
            ));
        }
        for m in &extras {
            let quote = m.json["sources"][0]["quote"].as_str().unwrap_or("");
            details.push(format!(
                "EXTRA  {} {} {} {} «{}»",
                m.json["kind"],
                m.json["value"],
                m.json["unit"],
                m.json["date"],
                quote.chars().take(80).collect::<String>()
            ));
        }
        for f in &leaks {
            details.push(format!(
                "LEAK   {} «{}»",
                text(f, "article").unwrap_or("?"),
                text(f, "quote").unwrap_or("")
            ));
        }
        for w in &merge_fail {
            details.push(format!("NOMERGE {w}"));
        }
        Score {
            matched: required.len() - missed.len(),
            required: required.len(),
            precise: in_scope.len() - extras.len(),
            in_scope: in_scope.len(),
            leaks: leaks.len(),
            merges_ok: merges.len() - merge_fail.len(),
            merges: merges.len(),
            bad_provenance,
            milestones: raw.len(),
            details,
        }
    }

    fn recall(&self) -> f64 {
        self.matched as f64 / self.required.max(1) as f64
    }

    fn precision(&self) -> f64 {
        self.precise as f64 / self.in_scope.max(1) as f64
    }

    fn merge_rate(&self) -> f64 {
        self.merges_ok as f64 / self.merges.max(1) as f64
    }

    /// The line `score.py` prints.
    fn summary(&self) -> String {
        format!(
            "recall {} ({}/{}) precision {} ({}/{}) leaks {} merges {}/{} bad_provenance {} milestones {}",
            two_places(self.recall()),
            self.matched,
            self.required,
            two_places(self.precision()),
            self.precise,
            self.in_scope,
            self.leaks,
            self.merges_ok,
            self.merges,
            self.bad_provenance,
            self.milestones
        )
    }

    /// The targets this score misses, named.
    fn below(&self, t: &Targets) -> Vec<String> {
        let mut out = Vec::new();
        if self.recall() < t.min_recall {
            out.push(format!("recall < {}", t.min_recall));
        }
        if self.precision() < t.min_precision {
            out.push(format!("precision < {}", t.min_precision));
        }
        if self.merge_rate() < t.min_merge_rate {
            out.push(format!("merges < {} %", t.min_merge_rate * 100.0));
        }
        if self.leaks > t.max_leaks {
            out.push(format!("leaks > {}", t.max_leaks));
        }
        if self.bad_provenance > t.max_bad_provenance {
            out.push(format!("bad provenance > {}", t.max_bad_provenance));
        }
        out
    }
}

/// Python's `f"{x:.2f}"`: the exact binary value rounded half to even at two places.
fn two_places(x: f64) -> String {
    let scaled = x * 100.0;
    // Only an exact tie (x·100 representable with a fraction of exactly one half) differs
    // between rounding modes; resolve it to the even neighbour as Python does.
    if scaled.fract().abs() == 0.5 && scaled / 100.0 == x {
        let down = scaled.trunc();
        let even = if down % 2.0 == 0.0 {
            down
        } else {
            down + scaled.signum()
        };
        return format!("{:.2}", even / 100.0);
    }
    format!("{x:.2}")
}

#[test]
fn two_places_rounds_like_python() {
    // Python: f"{0.125:.2f}" == "0.12", f"{0.375:.2f}" == "0.38", f"{53/100:.2f}" == "0.53".
    assert_eq!(two_places(0.125), "0.12");
    assert_eq!(two_places(0.375), "0.38");
    assert_eq!(two_places(53.0 / 100.0), "0.53");
    assert_eq!(two_places(54.0 / 63.0), "0.86");
    assert_eq!(two_places(1.0), "1.00");
}

#[test]
fn date_precision_follows_the_gold() {
    assert!(date_ok(Some("2025-08"), Some("2025-08-29")));
    assert!(!date_ok(Some("2025-08"), Some("2025")));
    assert!(date_ok(Some("2025"), Some("2025-03-01")));
    assert!(!date_ok(Some("2025-08-01"), Some("2025-08-02")));
    assert!(date_ok(Some("2025-08-01"), Some("2025-08")));
    assert!(date_ok(None, None));
    assert!(!date_ok(Some("2025"), None));
}

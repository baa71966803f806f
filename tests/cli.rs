//! The command line through the binary: the bundled corpus's milestones, formats, filters,
//! `check`, and errors.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use tempfile::TempDir;

/// The binary in a private home, without colour.
fn qs(home: &TempDir) -> Command {
    let mut cmd = common::binary(home.path());
    cmd.env("NO_COLOR", "1");
    cmd
}

fn timeline_json(args: &[&str]) -> Value {
    let home = TempDir::new().unwrap();
    let out = qs(&home)
        .args(["timeline", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn milestones(doc: &Value) -> &Vec<Value> {
    doc["milestones"].as_array().unwrap()
}

fn langs(m: &Value) -> Vec<String> {
    let mut l: Vec<String> = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["lang"].as_str().unwrap().to_string())
        .collect();
    l.sort();
    l
}

/// The milestones of a kind whose value is within 1% of `value` (any unit when `unit` is None).
fn find<'a>(doc: &'a Value, kind: &str, value: f64, unit: &str) -> Vec<&'a Value> {
    milestones(doc)
        .iter()
        .filter(|m| m["kind"] == kind && m["unit"] == unit)
        .filter(|m| {
            m["value"]
                .as_f64()
                .is_some_and(|v| (v - value).abs() <= value.abs() * 0.01)
        })
        .collect()
}

fn one<'a>(found: Vec<&'a Value>, what: &str) -> &'a Value {
    assert_eq!(
        found.len(),
        1,
        "expected exactly one milestone for {what}, got {found:#?}"
    );
    found[0]
}

#[test]
fn bundled_corpus_tells_the_expected_story() {
    let doc = timeline_json(&[]);
    assert!(
        doc["warnings"].as_array().unwrap().is_empty(),
        "{}",
        doc["warnings"]
    );
    assert_eq!(doc["articles"].as_array().unwrap().len(), 5);

    let m = one(
        find(&doc, "downloads", 700e6, "downloads"),
        "700M downloads",
    );
    assert_eq!(m["date"], "2026-01");
    assert_eq!(langs(m), ["es", "fr", "pt"]);

    let m = one(
        find(&doc, "downloads", 400e6, "downloads"),
        "400M downloads",
    );
    assert_eq!(
        (m["date"].as_str(), langs(m)),
        (Some("2025-10"), vec!["it".to_string()])
    );
    let m = one(
        find(&doc, "derivatives", 140_000.0, "models"),
        "140K derivatives",
    );
    assert_eq!(
        (m["date"].as_str(), langs(m)),
        (Some("2025-10"), vec!["it".to_string()])
    );
    let m = one(
        find(&doc, "derivatives", 180_000.0, "models"),
        "180K derivatives",
    );
    assert_eq!(
        (m["date"].as_str(), langs(m)),
        (Some("2026-01"), vec!["fr".to_string()])
    );

    let ranking: Vec<&Value> = milestones(&doc)
        .iter()
        .filter(|m| m["kind"] == "ranking")
        .collect();
    let llama = ranking
        .iter()
        .find(|m| m["title"].as_str().unwrap().contains("Llama"))
        .expect("Llama overtaken");
    assert_eq!(llama["date"], "2025-10");
    let eight = ranking
        .iter()
        .find(|m| m["title"].as_str().unwrap().contains("next 8"))
        .expect("next eight combined");
    assert_eq!(eight["date"], "2025-12");

    let investment: Vec<&Value> = milestones(&doc)
        .iter()
        .filter(|m| m["kind"] == "investment")
        .collect();
    assert_eq!(investment.len(), 1, "{investment:#?}");
    assert_eq!(investment[0]["date"], "2025-02");
    assert_eq!(langs(investment[0]), ["de", "fr", "it"]);

    for (value, unit, date) in [
        (131.5, "HKD", "2025-03-13"),
        (-2.45, "%", "2025-03-13"),
        (123.6, "EUR", "2025-03-13"),
        (-1.59, "%", "2025-03-13"),
    ] {
        let m = one(
            find(&doc, "share_price", value, unit),
            &format!("share price {value} {unit}"),
        );
        assert_eq!(m["date"], date, "{m:#}");
    }
    one(find(&doc, "share_price", 166.10, "USD"), "US$166.10");

    let m = one(find(&doc, "users", 30e6, "users"), "30M users");
    assert_eq!(m["date"], "2025-11");

    let releases: Vec<&Value> = milestones(&doc)
        .iter()
        .filter(|m| m["kind"] == "release")
        .collect();
    let qwq = releases
        .iter()
        .find(|m| m["title"].as_str().unwrap().contains("QwQ-32B"))
        .expect("QwQ-32B release");
    assert_eq!(qwq["date"], "2025-03");
    let vl = releases
        .iter()
        .find(|m| m["title"].as_str().unwrap().contains("Qwen3-VL-32B"))
        .expect("Qwen3-VL release");
    assert!(vl["title"].as_str().unwrap().contains("Qwen3-VL-2B"));
    assert_eq!(vl["date"], "2025-10");

    let partners: Vec<&str> = milestones(&doc)
        .iter()
        .filter(|m| m["kind"] == "partnership")
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert!(
        partners
            .iter()
            .any(|t| t.contains("Manus") && t.contains("Butterfly Effect")),
        "{partners:?}"
    );
    assert!(partners.iter().any(|t| t.contains("Apple")), "{partners:?}");
}

#[test]
fn page_furniture_and_unrelated_headlines_make_no_milestone() {
    let doc = timeline_json(&[]);
    for m in milestones(&doc) {
        for s in m["sources"].as_array().unwrap() {
            let q = s["quote"].as_str().unwrap();
            for word in [
                "Malaysia",
                "drones",
                "baleia",
                "Paraguai",
                "PUBLICIDADE",
                "https://",
                "Autor:",
            ] {
                assert!(!q.contains(word), "{word} leaked into {m:#}");
            }
        }
    }
}

#[test]
fn quotes_are_verbatim_slices_of_the_bodies() {
    let doc = timeline_json(&[]);
    let bodies: Vec<(String, String)> = fs::read_dir("core/assets/articles")
        .unwrap()
        .map(|e| {
            let text = fs::read_to_string(e.unwrap().path()).unwrap();
            let (front, body) = text[4..].split_once("\n+++\n").unwrap();
            let id = front
                .lines()
                .find_map(|l| l.strip_prefix("id = "))
                .unwrap()
                .trim_matches('"')
                .to_string();
            (id, body.to_string())
        })
        .collect();
    for m in milestones(&doc) {
        for s in m["sources"].as_array().unwrap() {
            let body = &bodies
                .iter()
                .find(|(id, _)| s["article"] == id.as_str())
                .unwrap()
                .1;
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&body[start..end], s["quote"].as_str().unwrap());
        }
    }
}

#[test]
fn ids_are_stable_and_unique() {
    let ids = |d: &Value| {
        milestones(d)
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let first = ids(&timeline_json(&[]));
    assert_eq!(first, ids(&timeline_json(&[])));
    let mut sorted = first.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), first.len());
}

#[test]
fn filters_by_kind_and_dates() {
    let doc = timeline_json(&[
        "--kind",
        "share_price",
        "--kind",
        "downloads",
        "--since",
        "2025-10",
        "--until",
        "2025-12-31",
    ]);
    let ms = milestones(&doc);
    assert!(!ms.is_empty());
    for m in ms {
        assert!(m["kind"] == "share_price" || m["kind"] == "downloads");
        let d = m["date"].as_str().unwrap();
        assert!(("2025-10".."2026").contains(&d), "{d}");
    }
    let home = TempDir::new().unwrap();
    qs(&home)
        .args(["timeline", "--kind", "nonsense"])
        .assert()
        .code(2);
    qs(&home)
        .args(["timeline", "--since", "2025/10"])
        .assert()
        .code(2);
}

#[test]
fn every_format_prints() {
    let home = TempDir::new().unwrap();
    let out = |fmt: &str| {
        String::from_utf8(
            qs(&home)
                .args(["timeline", "--format", fmt])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
    };
    let table = out("table");
    assert!(table.starts_with("DATE") && table.contains("Qwen passes 700M downloads"));
    let csv = out("csv");
    assert!(csv.starts_with("id,date,kind,title,value,unit"));
    assert!(
        csv.lines().any(|l| l.contains(",700000000,downloads,")),
        "{csv}"
    );
    let md = out("markdown");
    assert!(md.starts_with("| Date |") && md.contains("| 2026-01 | downloads |"));
}

#[test]
fn check_passes_on_the_bundled_corpus() {
    let home = TempDir::new().unwrap();
    let out = qs(&home).arg("check").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 problems"));
}

#[test]
fn a_corpus_folder_with_bad_files_still_loads_the_good_ones() {
    let dir = TempDir::new().unwrap();
    let good = fs::read("core/assets/articles/de-wallstreet-online-2025-03-13.md").unwrap();
    fs::write(dir.path().join("good.md"), &good).unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02PK").unwrap();
    fs::write(dir.path().join("latin1.md"), b"caf\xe9 Alibaba").unwrap();
    fs::write(
        dir.path().join("broken.md"),
        "+++\nid = \"x\"\npublished = 2025-13-45\n+++\nAlibaba.",
    )
    .unwrap();
    fs::write(dir.path().join("notes.json"), "{}").unwrap();
    let home = TempDir::new().unwrap();
    let corpus = dir.path().to_str().unwrap();

    let out = qs(&home)
        .args(["--corpus", corpus, "timeline", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 1);
    assert!(!milestones(&doc).is_empty());
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    // Any other file is named too (the contract: "not an article file", never skipped silently).
    assert_eq!(warnings.len(), 5, "{warnings:?}");
    for name in [
        "empty.md",
        "binary.txt",
        "latin1.md",
        "broken.md:3",
        "notes.json: not an article file",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(name)),
            "{name} not named in {warnings:?}"
        );
    }

    // `--corpus` after the subcommand works too, and `check` fails on the bad files.
    let out = qs(&home)
        .args(["check", "--corpus", corpus])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("5 problems") && stdout.contains("broken.md:3"),
        "{stdout}"
    );
}

#[test]
fn an_undated_article_joins_the_dated_milestone() {
    let dir = TempDir::new().unwrap();
    for f in ["es-alibaba-se-dispara.md", "pt-terra-xataka-2026-01-16.md"] {
        fs::copy(format!("core/assets/articles/{f}"), dir.path().join(f)).unwrap();
    }
    let doc = timeline_json(&["--corpus", dir.path().to_str().unwrap()]);
    let m = one(
        find(&doc, "downloads", 700e6, "downloads"),
        "700M downloads",
    );
    assert_eq!(m["date"], "2026-01");
    assert_eq!(langs(m), ["es", "pt"]);
}

#[test]
fn a_missing_corpus_folder_is_one_clear_error() {
    let home = TempDir::new().unwrap();
    let out = qs(&home)
        .args(["--corpus", "/no/such/folder", "timeline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/folder"));
}

#[test]
fn every_command_has_help() {
    let home = TempDir::new().unwrap();
    for cmd in [
        &["--help"][..],
        &["timeline", "--help"],
        &["export", "--help"],
        &["chart", "--help"],
        &["ingest", "--help"],
        &["check", "--help"],
    ] {
        qs(&home)
            .args(cmd)
            .assert()
            .success()
            .stdout(predicates::str::contains("Usage"));
    }
}

#[test]
fn the_dashboard_refuses_a_pipe() {
    let home = TempDir::new().unwrap();
    let out = qs(&home).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("timeline") && err.contains("export"), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
}

#[test]
fn control_sequences_never_reach_any_timeline_format_nor_make_figures() {
    let dir = TempDir::new().unwrap();
    let text = "+++\nid = \"evil\\u001b[2J\\u009b31m\"\nlang = \"en\\u001b]52;c;aGk=\\u0007\"\npublished = \"2026-01-20\"\n+++\n\
        Qwen news\n\nAlibaba said Qwen passed 650 million \u{1b}[2J\u{1b}]52;c;aGk=\u{7} \u{9b}31m downloads in January.\n";
    fs::write(dir.path().join("evil.md"), text).unwrap();
    let home = TempDir::new().unwrap();
    for format in ["table", "json", "csv", "markdown"] {
        let out = qs(&home)
            .args([
                "--corpus",
                dir.path().to_str().unwrap(),
                "timeline",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            !stdout.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{format}: {stdout:?}"
        );
        assert!(
            !stdout.contains("31M"),
            "{format}: a figure was read out of an escape sequence: {stdout}"
        );
    }
    let doc = timeline_json(&["--corpus", dir.path().to_str().unwrap()]);
    // JSON escapes the controls, so the decoded id is still the file's id.
    assert_eq!(doc["articles"][0]["id"], "evil\u{1b}[2J\u{9b}31m");
}

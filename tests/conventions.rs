//! What a user of a well-made Rust CLI expects, through the binary: completions and man
//! page, `-o` and `--format` rules, DATE forms, several `--corpus`, `--color`/`--quiet`,
//! the interchange formats, the documented JSON schemas, and `facts` reconciled by
//! `timeline --facts` into exactly what `timeline` prints.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

#[allow(dead_code)] // the generator's `main` and argument parsing are not used here
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn qs(home: &TempDir) -> Command {
    let mut cmd = common::binary(home.path());
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs and returns stdout; fails the test with stderr when the command fails.
fn stdout(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs a command expected to be refused as bad usage: exit 2, one error line.
fn usage_error(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    // Ours are one line; clap's add a usage line and a --help hint after theirs.
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("qwen-story: error: ") || first.starts_with("error: "),
        "{err}"
    );
    if first.starts_with("qwen-story") {
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    err
}

const ARTICLE: &str = "+++\n\
id = \"=cmd-article\"\n\
title = \"Qwen, \\\"the\\\" model\\nsecond line\"\n\
outlet = \"@Outlet, Inc.\"\n\
url = \"https://example.com/qwen\"\n\
published = \"2026-01-20\"\n\
lang = \"en\"\n\
+++\n\
Qwen news.\n\n\
Alibaba said on Monday that Qwen models have passed 700 million downloads worldwide.\n";

const OTHER: &str = "+++\n\
id = \"other\"\n\
published = \"2025-10-02\"\n\
lang = \"en\"\n\
+++\n\
Qwen news.\n\n\
The Qwen app reached 30 million users in September 2025, Alibaba said.\n";

fn corpus_with(home: &TempDir, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = home.path().join(name);
    fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
    dir
}

// ---- 1. completions and man page ----

#[test]
fn completions_for_every_shell() {
    let home = TempDir::new().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef qwen-story"),
        ("fish", "complete -c qwen-story"),
        ("elvish", "edit:completion:arg-completer[qwen-story]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = String::from_utf8(stdout(qs(&home).args(["completions", shell]))).unwrap();
        assert!(script.contains(marker), "{shell}: {script:.300}");
        assert!(
            script.contains("timeline") && script.contains("facts"),
            "{shell}"
        );
        // The chart's series (from the story file): clap_complete's fish, elvish and
        // powershell scripts complete no positional values.
        if matches!(shell, "bash" | "zsh") {
            assert!(script.contains("share-price-hkd"), "{shell}");
        }
    }
    usage_error(qs(&home).args(["completions", "tcsh"]));
}

#[test]
fn man_page_has_a_title_line_and_every_subcommand() {
    let home = TempDir::new().unwrap();
    let page = String::from_utf8(stdout(qs(&home).arg("man"))).unwrap();
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH "))
        .expect(".TH line");
    assert!(th.starts_with(".TH qwen-story 1"), "{th}");
    assert!(th.contains(env!("CARGO_PKG_VERSION")), "{th}");
    for sub in [
        "TIMELINE",
        "EXPORT",
        "CHART",
        "INGEST",
        "FACTS",
        "CHECK",
        "COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"QWEN-STORY {sub}\"")), "{sub}");
    }
}

#[test]
fn chart_series_are_listed_in_help() {
    let home = TempDir::new().unwrap();
    let help = String::from_utf8(stdout(qs(&home).args(["chart", "--help"]))).unwrap();
    for s in [
        "downloads",
        "derivatives",
        "share-price-hkd",
        "share-price-usd",
        "share-price-eur",
        "investment",
    ] {
        assert!(help.contains(s), "{s}: {help}");
    }
    let err = usage_error(qs(&home).args(["chart", "bitcoin", "-o", "x.svg"]));
    assert!(
        err.contains("unknown series `bitcoin`") && err.contains("share-price-usd"),
        "{err}"
    );
}

// ---- 2. --color and --quiet ----

#[test]
fn color_flag_and_environment_decide_ansi_colour() {
    let home = TempDir::new().unwrap();
    let ansi = |cmd: &mut Command| -> bool {
        let out = stdout(cmd.args(["export", "--format", "ansi", "--size", "80x24"]));
        // Any SGR sequence with a foreground colour parameter (30-38, 90-97).
        String::from_utf8(out)
            .unwrap()
            .split("\x1b[")
            .skip(1)
            .any(|seq| {
                let params = seq.split('m').next().unwrap_or_default();
                params
                    .split(';')
                    .any(|p| matches!(p.parse::<u8>(), Ok(30..=38 | 90..=97)))
            })
    };
    let mut plain = common::binary(home.path());
    assert!(ansi(&mut plain), "colour by default");
    assert!(!ansi(qs(&home).env("NO_COLOR", "1")), "NO_COLOR");
    assert!(
        ansi(qs(&home).env("CLICOLOR_FORCE", "1")),
        "CLICOLOR_FORCE beats NO_COLOR"
    );
    assert!(
        ansi(qs(&home).args(["--color", "always"])),
        "--color always"
    );
    assert!(
        !ansi(common::binary(home.path()).args(["--color", "never"])),
        "--color never"
    );
    usage_error(qs(&home).args(["--color", "sometimes", "timeline"]));
}

#[test]
fn quiet_silences_warnings_not_exit_codes() {
    let home = TempDir::new().unwrap();
    let dir = corpus_with(&home, "c", &[("good.md", OTHER), ("empty.md", "  \n")]);
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .arg("timeline")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: "));
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["timeline", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A failed check still fails.
    qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["-q", "check"])
        .assert()
        .code(1);
}

// ---- 3. -o and --format ----

#[test]
fn dash_is_standard_output_for_every_format() {
    let home = TempDir::new().unwrap();
    for format in ["txt", "ansi", "svg", "html", "png", "json"] {
        let out =
            stdout(qs(&home).args(["export", "--size", "80x24", "--format", format, "-o", "-"]));
        assert!(!out.is_empty(), "{format}");
        assert!(
            !home.path().join("-").exists(),
            "{format} wrote a file named -"
        );
        match format {
            "png" => assert!(out.starts_with(b"\x89PNG"), "png"),
            "json" => assert!(serde_json::from_slice::<Value>(&out).is_ok()),
            "svg" => {
                assert!(roxmltree::Document::parse(std::str::from_utf8(&out).unwrap()).is_ok());
            }
            _ => {}
        }
    }
    // -o - without --format is the text format.
    let txt = stdout(qs(&home).args(["export", "--size", "80x24", "-o", "-"]));
    let plain = stdout(qs(&home).args(["export", "--size", "80x24"]));
    assert_eq!(txt, plain);
    for format in ["svg", "png"] {
        let out = stdout(qs(&home).args(["chart", "downloads", "--format", format, "-o", "-"]));
        assert!(
            out.starts_with(if format == "png" {
                b"\x89PNG".as_slice()
            } else {
                b"<".as_slice()
            }),
            "{format}"
        );
    }
    let svg = stdout(qs(&home).args(["chart", "downloads", "-o", "-"]));
    assert!(String::from_utf8(svg).unwrap().contains("<svg"));
    assert!(!home.path().join("-").exists());
}

#[test]
fn the_extension_gives_the_format() {
    let home = TempDir::new().unwrap();
    for (name, magic) in [
        ("v.png", &b"\x89PNG"[..]),
        ("v.svg", b"<"),
        ("v.html", b"<!DOCTYPE html"),
        ("v.json", b"{"),
        ("v.txt", "Qwen story".as_bytes()),
    ] {
        let path = home.path().join(name);
        qs(&home)
            .args(["export", "--size", "80x24", "-o"])
            .arg(&path)
            .assert()
            .success();
        let bytes = fs::read(&path).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{name}: {:?}",
            &bytes[..bytes.len().min(20)]
        );
    }
    let png = home.path().join("chart.PNG");
    qs(&home)
        .args(["chart", "downloads", "-o"])
        .arg(&png)
        .assert()
        .success();
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let svg = home.path().join("chart.svg");
    qs(&home)
        .args(["chart", "downloads", "-o"])
        .arg(&svg)
        .assert()
        .success();
    assert!(fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn a_contradicting_or_unknown_extension_is_refused() {
    let home = TempDir::new().unwrap();
    let guess = home.path().join("guess.png");
    let err = usage_error(
        qs(&home)
            .args(["export", "--format", "txt", "-o"])
            .arg(&guess),
    );
    assert!(
        err.contains("--format txt") && err.contains("guess.png"),
        "{err}"
    );
    let err = usage_error(
        qs(&home)
            .args(["chart", "downloads", "--format", "svg", "-o"])
            .arg(&guess),
    );
    assert!(
        err.contains("--format svg") && err.contains("guess.png"),
        "{err}"
    );
    let odd = home.path().join("x.xyz");
    let err = usage_error(qs(&home).args(["export", "-o"]).arg(&odd));
    assert!(err.contains(".xyz") && err.contains("--format"), "{err}");
    let err = usage_error(qs(&home).args(["chart", "downloads", "-o"]).arg(&odd));
    assert!(err.contains(".xyz"), "{err}");
    // Nothing was written.
    assert!(!guess.exists() && !odd.exists());
    // png without -o is refused.
    let err = usage_error(qs(&home).args(["export", "--format", "png"]));
    assert!(err.contains("-o"), "{err}");
    // An extension no format claims, with --format: what the user asked for.
    let data = home.path().join("view.data");
    qs(&home)
        .args(["export", "--format", "json", "-o"])
        .arg(&data)
        .assert()
        .success();
    assert!(serde_json::from_slice::<Value>(&fs::read(&data).unwrap()).is_ok());
}

// ---- 4. DATE forms ----

#[test]
fn every_date_form_is_taken_by_since_and_until() {
    let home = TempDir::new().unwrap();
    for date in [
        "2025",
        "2025-10",
        "2025-10-01",
        "2025-10-01T08:15",
        "2025-10-01T08:15:00+08:00",
    ] {
        let doc: Value = serde_json::from_slice(&stdout(qs(&home).args([
            "timeline", "--format", "json", "--since", date, "--until", date,
        ])))
        .unwrap();
        for m in doc["milestones"].as_array().unwrap() {
            let d = m["date"].as_str().unwrap();
            assert!(d.starts_with(&date[..4]), "{date}: {d}");
        }
    }
    for bad in ["2025-13", "25", "2025-10T08:00", "yesterday"] {
        let err = usage_error(qs(&home).args(["timeline", "--since", bad]));
        assert!(err.contains("YYYY-MM"), "{bad}: {err}");
    }
}

#[test]
fn every_date_form_is_taken_by_published() {
    for date in ["2026", "2026-02", "2026-02-20", "2026-02-20T08:15:00+08:00"] {
        let home = TempDir::new().unwrap();
        let dir = home.path().join("store");
        let input = home.path().join("in.txt");
        fs::write(
            &input,
            "Qwen news.\n\nAlibaba said Qwen models have passed 700 million downloads.\n",
        )
        .unwrap();
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["ingest", "--lang", "en", "--published", date])
            .arg(&input)
            .assert()
            .success();
        let stored = fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
        let text = fs::read_to_string(&stored).unwrap();
        assert!(
            text.contains(&format!("published = \"{date}\"")),
            "{date}: {text}"
        );
        // The stored file loads again.
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .arg("check")
            .assert()
            .success();
    }
    let home = TempDir::new().unwrap();
    let err = usage_error(qs(&home).args(["ingest", "--published", "2026-02-30", "x.md"]));
    assert!(err.contains("2026-02-30"), "{err}");
}

// ---- 5. several --corpus ----

#[test]
fn several_corpus_folders_and_files_are_read_together() {
    let home = TempDir::new().unwrap();
    let a = corpus_with(&home, "a", &[("a.md", ARTICLE)]);
    let b = corpus_with(&home, "b", &[("b.md", OTHER)]);
    let ids = |args: &[&std::ffi::OsStr]| -> Vec<String> {
        let doc: Value = serde_json::from_slice(&stdout(
            qs(&home).args(args).args(["timeline", "--format", "json"]),
        ))
        .unwrap();
        doc["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let both = ids(&[
        "--corpus".as_ref(),
        a.as_os_str(),
        "--corpus".as_ref(),
        b.as_os_str(),
    ]);
    assert_eq!(both, ["=cmd-article", "other"]);
    let file = b.join("b.md");
    let mixed = ids(&[
        "--corpus".as_ref(),
        a.as_os_str(),
        "--corpus".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(mixed, ["=cmd-article", "other"]);
    let one_file = ids(&["--corpus".as_ref(), file.as_os_str()]);
    assert_eq!(one_file, ["other"]);
    // The flag after the subcommand, too.
    let doc: Value = serde_json::from_slice(&stdout(
        qs(&home)
            .args(["timeline", "--format", "json", "--corpus"])
            .arg(&a)
            .arg("--corpus")
            .arg(&b),
    ))
    .unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 2);
    // Which folder ingest writes to is not known.
    let err = usage_error(
        qs(&home)
            .arg("--corpus")
            .arg(&a)
            .arg("--corpus")
            .arg(&b)
            .arg("ingest")
            .arg(&file),
    );
    assert!(err.contains("several"), "{err}");
    // A missing path is named.
    let err = usage_error(
        qs(&home)
            .arg("--corpus")
            .arg(&a)
            .arg("--corpus")
            .arg(home.path().join("gone"))
            .arg("timeline"),
    );
    assert!(err.contains("gone"), "{err}");
}

// ---- 6. interchange formats ----

fn one_article_corpus(home: &TempDir) -> std::path::PathBuf {
    corpus_with(home, "one", &[("a.md", ARTICLE), ("b.md", OTHER)])
}

#[test]
fn csv_parses_back_with_crlf_quotes_and_neutralised_formulas() {
    let home = TempDir::new().unwrap();
    let dir = one_article_corpus(&home);
    let out = stdout(
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "csv"]),
    );
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.ends_with("\r\n"), "CRLF rows");
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "CRLF rows"
    );
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "kind",
            "title",
            "value",
            "unit",
            "sources",
            "languages",
            "article",
            "outlet",
            "url",
            "quote"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let downloads = rows
        .iter()
        .find(|r| &r[2] == "downloads")
        .expect("downloads row");
    assert_eq!(&downloads[4], "700000000", "a number stays a number");
    assert_eq!(&downloads[6], "1");
    assert_eq!(
        &downloads[8], "'=cmd-article",
        "a formula-like id is neutralised"
    );
    assert_eq!(
        &downloads[9], "'@Outlet, Inc.",
        "a formula-like outlet is neutralised"
    );
    assert_eq!(&downloads[10], "https://example.com/qwen");
    assert!(downloads[11].contains("700 million downloads"));

    // One row per source, with the article's title: comma, quote and newline survive.
    let out = stdout(qs(&home).arg("--corpus").arg(&dir).args([
        "timeline",
        "--format",
        "csv",
        "--sources",
    ]));
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(&reader.headers().unwrap()[7], "article_title");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = rows
        .iter()
        .find(|r| &r[6] == "'=cmd-article")
        .expect("source row");
    assert_eq!(&row[7], "Qwen, \"the\" model\nsecond line");
    let (start, end): (usize, usize) = (row[13].parse().unwrap(), row[14].parse().unwrap());
    assert_eq!(
        &ARTICLE[ARTICLE.find("Qwen news.").unwrap()..][start..end],
        &row[12]
    );
}

#[test]
fn a_negative_number_stays_a_number_in_csv() {
    let home = TempDir::new().unwrap();
    let dir = corpus_with(&home, "neg", &[("n.md", "+++\nid = \"n\"\npublished = \"2026-01-20\"\nlang = \"en\"\n+++\nQwen news.\n\nAlibaba shares fell 2.45% in Hong Kong on Tuesday.\n")]);
    let out = stdout(
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "csv"]),
    );
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = rows
        .iter()
        .find(|r| &r[2] == "share_price")
        .expect("share price row");
    assert_eq!(&row[4], "-2.45");
}

#[test]
fn timelinejs_has_the_knight_lab_shape() {
    let home = TempDir::new().unwrap();
    let dir = one_article_corpus(&home);
    let doc: Value = serde_json::from_slice(&stdout(qs(&home).arg("--corpus").arg(&dir).args([
        "timeline",
        "--format",
        "timelinejs",
    ])))
    .unwrap();
    let timeline: Value = serde_json::from_slice(&stdout(
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "json"]),
    ))
    .unwrap();
    let events = doc["events"].as_array().unwrap();
    let dated = timeline["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| !m["date"].is_null())
        .count();
    assert_eq!(events.len(), dated);
    let e = events
        .iter()
        .find(|e| e["group"] == "downloads")
        .expect("downloads event");
    let m = timeline["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == e["unique_id"])
        .unwrap();
    let date = m["date"].as_str().unwrap();
    assert_eq!(e["start_date"]["year"], date[..4].parse::<i64>().unwrap());
    assert_eq!(
        e["start_date"].get("day").is_some(),
        date.len() == 10,
        "precision kept"
    );
    assert!(e["text"]["headline"].is_string());
    let text = e["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("700 million downloads")
            && text.contains("@Outlet, Inc.")
            && text.contains("href=\"https://example.com/qwen\""),
        "{text}"
    );
    assert!(doc["title"]["text"]["headline"].is_string());
}

#[test]
fn ics_has_one_all_day_event_per_dated_milestone() {
    let home = TempDir::new().unwrap();
    let dir = one_article_corpus(&home);
    let ics = String::from_utf8(stdout(
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "ics"]),
    ))
    .unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.ends_with("END:VCALENDAR\r\n")
    );
    assert!(ics.split("\r\n").all(|l| l.len() <= 75), "lines folded");
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    let events = ics.matches("BEGIN:VEVENT").count();
    assert!(events >= 2, "{ics}");
    assert_eq!(ics.matches("DTSTART;VALUE=DATE:").count(), events);
    assert!(ics.contains("CATEGORIES:DOWNLOADS"));
}

// ---- 7. schemas ----

fn validator(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn outputs_match_their_documented_schemas() {
    let home = TempDir::new().unwrap();
    let dir = one_article_corpus(&home);
    let timeline = validator("timeline.schema.json");
    for corpus in [None, Some(&dir)] {
        let mut cmd = qs(&home);
        if let Some(d) = corpus {
            cmd.arg("--corpus").arg(d);
        }
        let doc: Value =
            serde_json::from_slice(&stdout(cmd.args(["timeline", "--format", "json"]))).unwrap();
        assert_eq!(doc["schema_version"], 1);
        assert_valid(&timeline, &doc, "timeline");
    }
    let export = validator("export.schema.json");
    for view in ["dashboard", "charts", "timeline", "sources"] {
        let doc: Value = serde_json::from_slice(&stdout(qs(&home).args([
            "export", "--format", "json", "--view", view, "--select", "0",
        ])))
        .unwrap();
        assert_valid(&export, &doc, view);
        if view == "dashboard" {
            let h = &doc["headlines"][0];
            assert!(h["value"].is_number() && h["display"].is_string(), "{h}");
        }
    }
    let facts = validator("facts.schema.json");
    let lines = stdout(qs(&home).arg("--corpus").arg(&dir).arg("facts"));
    let mut seen = std::collections::HashSet::new();
    for line in String::from_utf8(lines).unwrap().lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        seen.insert(record["type"].as_str().unwrap().to_string());
        assert_valid(&facts, &record, line);
    }
    assert!(
        seen.contains("article") && seen.contains("fact"),
        "{seen:?}"
    );
}

// ---- 9. facts and timeline --facts ----

/// `facts` piped into `timeline --facts -` prints what `timeline` prints, in every format
/// but ics.
fn assert_facts_reconcile_to_timeline(home: &TempDir, corpus: Option<&Path>) {
    let with_corpus = |cmd: &mut Command| {
        if let Some(c) = corpus {
            cmd.arg("--corpus").arg(c);
        }
    };
    let mut facts = qs(home);
    with_corpus(&mut facts);
    let records = stdout(facts.arg("facts"));
    for format in ["table", "json", "csv", "markdown", "timelinejs"] {
        let mut direct = qs(home);
        with_corpus(&mut direct);
        let expected = stdout(direct.args(["timeline", "--format", format]));
        let got = stdout(
            qs(home)
                .args(["timeline", "--facts", "-", "--format", format])
                .write_stdin(records.clone()),
        );
        assert!(
            expected == got,
            "{format}: timeline --facts differs from timeline"
        );
    }
}

#[test]
fn facts_reconcile_to_the_timeline_of_the_bundled_corpus() {
    let home = TempDir::new().unwrap();
    assert_facts_reconcile_to_timeline(&home, None);
}

#[test]
fn facts_reconcile_to_the_timeline_of_a_generated_corpus() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("gen");
    fs::create_dir(&dir).unwrap();
    for (name, text) in gen_corpus::articles(300, 7) {
        fs::write(dir.join(name), text).unwrap();
    }
    assert_facts_reconcile_to_timeline(&home, Some(&dir));
}

#[test]
fn facts_read_articles_from_standard_input_and_files() {
    let home = TempDir::new().unwrap();
    let dir = one_article_corpus(&home);
    let stdin = serde_json::json!({
        "id": "piped", "published": "2026-02-20T08:15:00+08:00", "lang": "en", "outlet": "Wire",
        "url": null, "title": "Piped",
        "body": "Qwen news.\n\nAlibaba said Qwen models have passed 800 million downloads.\n"
    })
    .to_string();
    let out = stdout(
        qs(&home)
            .args(["facts", "-"])
            .arg(dir.join("b.md"))
            .write_stdin(stdin + "\n"),
    );
    let records: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let articles: Vec<&Value> = records.iter().filter(|r| r["type"] == "article").collect();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["id"], "piped");
    assert_eq!(articles[0]["published"], "2026-02-20");
    assert_eq!(articles[1]["id"], "other");
    let fact = records
        .iter()
        .find(|r| r["type"] == "fact" && r["article"] == "piped")
        .expect("a fact");
    assert_eq!(fact["value"], 800000000.0);
    // Shards in files reconcile together, as one corpus.
    let shard = home.path().join("shard.jsonl");
    fs::write(
        &shard,
        stdout(qs(&home).arg("--corpus").arg(&dir).arg("facts")),
    )
    .unwrap();
    let expected = stdout(
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "json"]),
    );
    let got = stdout(
        qs(&home)
            .args(["timeline", "--format", "json", "--facts"])
            .arg(&shard),
    );
    assert!(expected == got);
}

#[test]
fn a_bad_facts_file_is_named_with_its_line() {
    let home = TempDir::new().unwrap();
    let bad = home.path().join("bad.jsonl");
    fs::write(
        &bad,
        "{\"type\":\"warning\",\"schema_version\":1,\"message\":\"m\"}\nnot json\n",
    )
    .unwrap();
    let err = usage_error(qs(&home).args(["timeline", "--facts"]).arg(&bad));
    assert!(err.contains("bad.jsonl:2"), "{err}");
    let orphan = r#"{"type":"fact","schema_version":1,"article":"nobody","kind":"other","value":null,"unit":null,"converted_value":null,"converted_unit":null,"qualifier":null,"series":null,"entities":[],"topic":null,"date":null,"start":0,"end":1,"figure_start":0,"figure_end":1,"quote":"x"}"#;
    let err = usage_error(
        qs(&home)
            .args(["timeline", "--facts", "-"])
            .write_stdin(orphan),
    );
    assert!(err.contains("<stdin>:1") && err.contains("nobody"), "{err}");
}

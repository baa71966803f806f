//! `qwen-story ingest` through the binary, into a private data folder.
#![allow(clippy::unwrap_used)] // helpers outside #[test] unwrap too: a panic fails the test

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The binary with a private data, cache and home folder.
fn qs(home: &TempDir) -> Command {
    let mut cmd = common::binary(home.path());
    cmd.env("NO_COLOR", "1");
    cmd
}

fn data_dir(home: &TempDir) -> PathBuf {
    home.path().join("data/qwen-story/articles")
}

/// The files of a folder, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A file's front matter (as TOML) and body.
fn read_article(path: &Path) -> (toml::Table, String) {
    let text = fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("+++\n")
        .expect("front matter opens the file");
    let (block, body) = rest.split_once("\n+++\n").expect("front matter is closed");
    (toml::from_str(block).unwrap(), body.to_string())
}

fn timeline_json(home: &TempDir) -> Value {
    let out = qs(home)
        .args(["timeline", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const NEW_FIGURE: &str = "Qwen passes 900 million downloads\n\n\
    Alibaba said its Qwen models have passed 900 million downloads on Hugging Face, \
    according to the company.\n";

const PT_WITH_DATELINE: &str = "Qwen supera marca de downloads\n\n16 jan 2026 - 15h34\n\n\
    Os modelos Qwen da Alibaba superaram 900 milhões de downloads no Hugging Face, segundo a empresa.\n";

#[test]
fn files_get_front_matter_and_inputs_stay_untouched() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let plain = inputs.path().join("qwen-900m.txt");
    fs::write(&plain, NEW_FIGURE).unwrap();
    let with_front = inputs.path().join("with-front.md");
    let front_text = format!(
        "+++\nid = \"my-id\"\nauthor = \"Ana\"\nlang = \"en\"\n+++\n{NEW_FIGURE}More text.\n"
    );
    fs::write(&with_front, &front_text).unwrap();

    let (code, stdout, stderr) = run(qs(&home)
        .args([
            "ingest",
            "--outlet",
            "Wire \"A\"",
            "--url",
            "https://example.com/a?b=1",
        ])
        .arg(&plain)
        .arg(&with_front)
        .args(["--published", "2026-02-03"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        fs::read_to_string(&plain).unwrap(),
        NEW_FIGURE,
        "input changed"
    );
    assert_eq!(
        fs::read_to_string(&with_front).unwrap(),
        front_text,
        "input changed"
    );
    assert_eq!(names(inputs.path()), ["qwen-900m.txt", "with-front.md"]);

    let dir = data_dir(&home);
    assert_eq!(names(&dir), ["my-id.md", "qwen-900m.md"]);
    let (front, body) = read_article(&dir.join("qwen-900m.md"));
    assert_eq!(body, NEW_FIGURE);
    assert_eq!(front["id"].as_str(), Some("qwen-900m"));
    assert_eq!(front["published"].as_str(), Some("2026-02-03"));
    assert_eq!(front["lang"].as_str(), Some("en"));
    assert_eq!(front["outlet"].as_str(), Some("Wire \"A\""));
    assert_eq!(front["url"].as_str(), Some("https://example.com/a?b=1"));
    let (front, body) = read_article(&dir.join("my-id.md"));
    assert_eq!(body, format!("{NEW_FIGURE}More text.\n"));
    assert_eq!(
        front["author"].as_str(),
        Some("Ana"),
        "the input's own keys are kept"
    );

    assert!(stdout.contains("added"), "{stdout}");
    assert!(
        stdout.contains("creates") && stdout.contains("900M"),
        "{stdout}"
    );
    let doc = timeline_json(&home);
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"qwen-900m") && ids.contains(&"my-id"),
        "{ids:?}"
    );
    assert_eq!(ids.len(), 7);
}

#[test]
fn a_folder_and_stdin() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    fs::write(inputs.path().join("a.md"), NEW_FIGURE).unwrap();
    fs::write(inputs.path().join("b.txt"), PT_WITH_DATELINE).unwrap();
    fs::write(inputs.path().join("ignored.json"), "{}").unwrap();
    let (code, stdout, stderr) = run(qs(&home).arg("ingest").arg(inputs.path()));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let dir = data_dir(&home);
    assert_eq!(names(&dir), ["a.md", "b.md"]);
    let (front, _) = read_article(&dir.join("b.md"));
    assert_eq!(
        front["published"].as_str(),
        Some("2026-01-16"),
        "date from the dateline"
    );
    assert_eq!(front["lang"].as_str(), Some("pt"), "language detected");

    let stdin_text =
        "Alibaba invests in robots\n\nAlibaba announced a partnership with a robot maker.\n";
    let (code, stdout, stderr) = run(qs(&home).args(["ingest", "-"]).write_stdin(stdin_text));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        names(&dir),
        ["a.md", "alibaba-invests-in-robots.md", "b.md"],
        "named after its title"
    );
    let (_, body) = read_article(&dir.join("alibaba-invests-in-robots.md"));
    assert_eq!(body, stdin_text);
}

#[test]
fn the_same_article_twice_is_not_added_again() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let a = inputs.path().join("a.md");
    fs::write(&a, NEW_FIGURE).unwrap();
    // The same text with its white space reflowed.
    let reflowed = inputs.path().join("reflowed.md");
    fs::write(
        &reflowed,
        format!("  {}\n\n", NEW_FIGURE.replace(' ', "  \n")),
    )
    .unwrap();
    let (code, stdout, _) = run(qs(&home).arg("ingest").arg(&a));
    assert_eq!(code, 0);
    assert!(stdout.contains("added"));

    let (code, stdout, stderr) = run(qs(&home).arg("ingest").arg(&a).arg(&reflowed));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("already there"))
            .count(),
        2,
        "{stdout}"
    );
    assert_eq!(names(&data_dir(&home)), ["a.md"]);

    // A bundled article is already there too.
    let bundled = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/core/assets/articles/es-alibaba-se-dispara.md"
    );
    let (code, stdout, _) = run(qs(&home).args(["ingest", bundled]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("already there") && stdout.contains("bundled:"),
        "{stdout}"
    );
    assert_eq!(names(&data_dir(&home)), ["a.md"]);
}

#[test]
fn bad_files_are_named_and_the_good_ones_still_ingested() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let p = |n: &str| inputs.path().join(n);
    fs::write(p("good.md"), NEW_FIGURE).unwrap();
    fs::write(p("binary.md"), b"Qwen\0\x01\x02 downloads").unwrap();
    fs::write(p("latin1.md"), b"Qwen a d\xe9pass\xe9 700 millions").unwrap();
    fs::write(p("empty.txt"), "  \n\n").unwrap();
    fs::write(p("broken.md"), "+++\ntitle = \n+++\nBody text.\n").unwrap();
    fs::write(p("huge.md"), "Qwen. ".repeat(2 * 1024 * 1024)).unwrap();
    let missing = p("missing.md");

    let (code, stdout, stderr) = run(qs(&home).arg("ingest").arg(inputs.path()).arg(&missing));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert_eq!(names(&data_dir(&home)), ["good.md"]);
    for (name, why) in [
        ("binary.md", "binary"),
        ("latin1.md", "UTF-8"),
        ("empty.txt", "empty"),
        ("broken.md", "front matter"),
        ("huge.md", "limit"),
        ("missing.md", "cannot be read"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named in {stderr}"));
        assert!(line.contains(why), "{line}");
    }
    assert_eq!(
        stderr.lines().count(),
        6,
        "one message per bad file: {stderr}"
    );
    assert!(
        stdout.contains("1 added, 0 already there, 6 failed"),
        "{stdout}"
    );
}

#[test]
fn hostile_ids_stay_inside_the_folder() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let traversal = inputs.path().join("t.md");
    fs::write(
        &traversal,
        format!("+++\nid = \"../../etc/passwd\"\n+++\n{NEW_FIGURE}"),
    )
    .unwrap();
    let control = inputs.path().join("c.md");
    fs::write(
        &control,
        "+++\nid = \"a\\u0007b\\u001b[31m/..\\\\c\"\n+++\nAnother article about Qwen.\n",
    )
    .unwrap();
    let dots = inputs.path().join("d.md");
    fs::write(
        &dots,
        "+++\nid = \"..\"\n+++\nA third article about Alibaba.\n",
    )
    .unwrap();

    let (code, stdout, stderr) = run(qs(&home)
        .arg("ingest")
        .arg(&traversal)
        .arg(&control)
        .arg(&dots));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let dir = data_dir(&home);
    let files = names(&dir);
    assert_eq!(files, ["a-b-31m-c.md", "d.md", "etc-passwd.md"]);
    for name in &files {
        assert!(
            name.chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c)),
            "{name:?}"
        );
        let (front, _) = read_article(&dir.join(name));
        assert_eq!(
            front["id"].as_str(),
            name.strip_suffix(".md"),
            "the id is the safe name"
        );
    }
    // Nothing was written outside the data folder.
    assert_eq!(names(&home.path().join("data")), ["qwen-story"]);
    // Only the folder and the write lock beside it (issue 11 item 9), never inside it.
    assert_eq!(
        names(&home.path().join("data/qwen-story")),
        [".articles.lock", "articles"]
    );
    assert!(
        !stdout.contains('\u{1b}'),
        "control characters reach the terminal: {stdout:?}"
    );
}

#[test]
fn names_are_unique_and_a_new_source_joins_its_milestone() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    // Same id as a bundled article, different text: a new name, and it joins the 700M milestone.
    let joining = inputs.path().join("x.md");
    fs::write(
        &joining,
        "+++\nid = \"es-alibaba-se-dispara\"\nlang = \"en\"\npublished = \"2026-01-20\"\n+++\n\
         Qwen tops 700 million downloads\n\nAlibaba's Qwen family has passed 700 million downloads on Hugging Face.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(qs(&home).arg("ingest").arg(&joining));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(names(&data_dir(&home)), ["es-alibaba-se-dispara-2.md"]);
    let line = stdout
        .lines()
        .find(|l| l.contains("700M"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.trim_start().starts_with("joins"), "{line}");
    assert!(!stdout.contains("creates"), "{stdout}");
    let doc = timeline_json(&home);
    assert!(
        doc["warnings"].as_array().unwrap().is_empty(),
        "{}",
        doc["warnings"]
    );
}

#[test]
fn corpus_flag_targets_that_folder_and_bad_usage_exits_2() {
    let home = TempDir::new().unwrap();
    let inputs = TempDir::new().unwrap();
    let a = inputs.path().join("a.md");
    fs::write(&a, NEW_FIGURE).unwrap();
    let target = home.path().join("my-corpus");
    let (code, stdout, stderr) = run(qs(&home).arg("--corpus").arg(&target).arg("ingest").arg(&a));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(names(&target), ["a.md"]);
    assert!(!data_dir(&home).exists(), "the data folder is not touched");

    let (code, _, stderr) = run(qs(&home).args(["ingest", "--lang", "english"]).arg(&a));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--lang"), "{stderr}");
    let (code, _, _) = run(qs(&home)
        .args(["ingest", "--published", "2026-13-01"])
        .arg(&a));
    assert_eq!(code, 2);
}

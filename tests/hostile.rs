//! Hostile corpora through the binary: bad files beside good ones, text that tries to drive
//! the terminal or run in a browser, and ids that try to leave their folder.
//!
//! The timeline still builds from the good files, every bad file is named in `warnings`,
//! `check` fails, and no escape sequence or active markup reaches any output.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const GOOD_PT: &str = include_str!("../core/assets/articles/pt-terra-xataka-2026-01-16.md");
const GOOD_DE: &str = include_str!("../core/assets/articles/de-wallstreet-online-2025-03-13.md");

/// Terminal attacks: screen clear, cursor move, OSC 52 clipboard write, window title, bell, C1 CSI.
const ESCAPES: &str =
    "\u{1b}[2J\u{1b}[1;1H\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;pwned\u{1b}\\\u{7}\u{9b}31m";
const MARKUP: &str = "<script>alert(1)</script><img src=x onerror=alert(1)>";

fn qs(home: &TempDir) -> Command {
    common::binary(home.path())
}

/// The files that must each be named in `warnings`, by a part of their name.
const BAD: [&str; 5] = ["binary", "bad-utf8", "empty", "broken-front", "huge"];

/// A corpus folder holding good articles, hostile but valid ones, and bad files.
fn hostile_corpus(home: &TempDir) -> PathBuf {
    let dir = home.path().join("corpus");
    fs::create_dir_all(&dir).expect("corpus dir");
    let write = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).expect("write file");
    write("good-pt.md", GOOD_PT.as_bytes());
    write("good-de.md", GOOD_DE.as_bytes());

    write("binary.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
    write(
        "bad-utf8.md",
        b"+++\nlang = \"en\"\n+++\nAlibaba's Qwen \xff\xfe passed 700 million downloads.\n",
    );
    write("empty.md", b"");
    write(
        "broken-front.md",
        b"+++\nid = \"x\nlang = en\n+++\nAlibaba's Qwen models passed 700 million downloads.\n",
    );
    // 12 MB of otherwise plausible text: over the loader's size limit.
    let para = "Alibaba's Qwen models have passed 700 million downloads on Hugging Face.\n\n";
    write(
        "huge.md",
        para.repeat(12 * 1024 * 1024 / para.len() + 1).as_bytes(),
    );

    write("escapes.md", escapes_article().as_bytes());
    write("markup.md", markup_article().as_bytes());
    dir
}

/// A loadable English article whose metadata and stated facts carry terminal escapes.
fn escapes_article() -> String {
    format!(
        "+++\nid = \"esc{e}apes\"\ntitle = \"Qwen {e} title\"\noutlet = \"Out{e}let\"\npublished = \"2026-01-20\"\nlang = \"en\"\n+++\n\
         Alibaba's Qwen {r} is quietly winning the open-model race\n\n\
         Alibaba's Qwen models have passed 650 million {r} downloads on Hugging Face.\n\n\
         Developers have built more than 170,000 derivative models on top of Qwen.{r}\n\n\
         Alibaba's Hong Kong shares fell 3.1% {r} on Tuesday to HK$140.20.\n",
        e = toml_escape(ESCAPES),
        r = ESCAPES
    )
}

/// A loadable English article whose metadata and stated facts carry active markup.
fn markup_article() -> String {
    format!(
        "+++\nid = \"markup\"\ntitle = \"Qwen {m}\"\noutlet = \"{m}\"\npublished = \"2026-01-19\"\nlang = \"en\"\n+++\n\
         Alibaba's Qwen {m} is quietly winning the open-model race\n\n\
         Alibaba's Qwen models have passed 640 million downloads {m} on Hugging Face.\n\n\
         Alibaba will invest 380 billion yuan {m} in AI and cloud infrastructure over the next three years.\n",
        m = MARKUP
    )
}

/// TOML basic strings take control characters only escaped; the body takes them raw.
fn toml_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\\' || c == '"' {
                format!("\\u{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn timeline_json(home: &TempDir, dir: &Path) -> Value {
    let out = qs(home)
        .arg("--corpus")
        .arg(dir)
        .args(["timeline", "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // JSON escapes C0 controls (ESC, BEL) as `\u001b`; C1 ones pass through serde_json as
    // they are, and quotes must stay verbatim, so only C0 is checked here.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.chars().any(|c| c < ' ' && c != '\n'),
        "timeline json: a raw C0 control"
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// No ESC, BEL, C1 control or other control byte but newline and tab.
fn assert_no_terminal_control(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} reach the output"
    );
}

/// ESC only as the opener of an SGR sequence (`ESC [ digits;... m`); no other control.
fn assert_only_sgr(bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).expect("ansi export is UTF-8");
    let mut plain = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('\u{1b}') {
        plain.push_str(&rest[..i]);
        let seq = &rest[i + 1..];
        let shown: String = seq.chars().take(12).collect();
        let params = seq
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("{what}: ESC not followed by [: {shown:?}"));
        let end = params
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(params.len());
        assert!(
            params[end..].starts_with('m'),
            "{what}: a sequence other than SGR: {shown:?}"
        );
        rest = &params[end + 1..];
    }
    plain.push_str(rest);
    assert_no_terminal_control(plain.as_bytes(), what);
}

/// No element or attribute that runs script in a browser. Article text is escaped (`&lt;`),
/// so every raw `<` opens a tag the exporter wrote: those are the ones checked.
fn assert_no_active_markup(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    for tag in text
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(t))
    {
        for bad in ["script", "img", "iframe", "object", "embed"] {
            assert!(
                !tag.starts_with(bad),
                "{what}: a <{bad}> element reaches the output: <{tag}>"
            );
        }
        for bad in ["onerror", "onload", "javascript:"] {
            assert!(!tag.contains(bad), "{what}: `{bad}` inside a tag: <{tag}>");
        }
    }
}

#[test]
fn bad_files_are_named_and_good_ones_still_build() {
    let home = TempDir::new().expect("temp dir");
    let dir = hostile_corpus(&home);
    let doc = timeline_json(&home, &dir);

    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for bad in BAD {
        assert!(
            warnings.iter().any(|w| w.contains(bad)),
            "{bad} is not named in {warnings:#?}"
        );
    }
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    for id in [
        "pt-terra-xataka-2026-01-16",
        "de-wallstreet-online-2025-03-13",
        "markup",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(
        !ids.iter().any(|id| BAD.iter().any(|b| id.contains(b))),
        "a bad file loaded: {ids:?}"
    );
    let milestones = doc["milestones"].as_array().expect("milestones");
    let cited = |article: &str| {
        milestones.iter().any(|m| {
            m["sources"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|s| s["article"].as_str().is_some_and(|a| a.contains(article)))
            })
        })
    };
    for article in ["pt-terra", "de-wallstreet", "markup", "apes"] {
        assert!(cited(article), "no milestone cites {article}");
    }
}

#[test]
fn check_fails_and_names_each_bad_file() {
    let home = TempDir::new().expect("temp dir");
    let dir = hostile_corpus(&home);
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_no_terminal_control(&out.stdout, "check stdout");
    assert_no_terminal_control(&out.stderr, "check stderr");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for bad in BAD {
        assert!(stdout.contains(bad), "check does not name {bad}: {stdout}");
    }
}

#[test]
fn no_escape_sequence_reaches_the_terminal() {
    let home = TempDir::new().expect("temp dir");
    let dir = hostile_corpus(&home);
    // A bad file whose very name carries escapes: its warning goes to standard error.
    fs::write(dir.join(format!("named{ESCAPES}.md")), b"\0\0binary").expect("write file");
    // csv and markdown are data formats that keep quotes verbatim; the table is for people.
    {
        let format = "table";
        let out = qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", format])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_no_terminal_control(&out.stdout, &format!("timeline --format {format} stdout"));
        assert_no_terminal_control(&out.stderr, &format!("timeline --format {format} stderr"));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("170"),
            "{format}: the escapes article's figure is shown"
        );
    }
}

/// The position in the timeline of a milestone the article with `id_part` states.
fn milestone_of(doc: &Value, id_part: &str) -> usize {
    doc["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .position(|m| {
            m["sources"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|s| s["article"].as_str().is_some_and(|a| a.contains(id_part)))
            })
        })
        .unwrap_or_else(|| panic!("no milestone from {id_part}"))
}

#[test]
fn exports_carry_no_escapes_and_no_active_markup() {
    let home = TempDir::new().expect("temp dir");
    let dir = hostile_corpus(&home);
    let doc = timeline_json(&home, &dir);
    for (article, select) in [
        ("apes", milestone_of(&doc, "apes")),
        ("markup", milestone_of(&doc, "markup")),
    ] {
        for view in ["dashboard", "timeline", "sources"] {
            for format in ["txt", "ansi", "svg", "html"] {
                let what = format!("export --view {view} --format {format} (selecting {article})");
                let out = qs(&home)
                    .arg("--corpus")
                    .arg(&dir)
                    .args([
                        "export", "--view", view, "--format", format, "--size", "160x48",
                        "--select",
                    ])
                    .arg(select.to_string())
                    .output()
                    .expect("runs");
                assert!(
                    out.status.success(),
                    "{what}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                assert_no_terminal_control(&out.stderr, &what);
                match format {
                    "txt" => assert_no_terminal_control(&out.stdout, &what),
                    "ansi" => assert_only_sgr(&out.stdout, &what),
                    _ => {
                        assert_no_terminal_control(&out.stdout, &what);
                        assert_no_active_markup(&out.stdout, &what);
                    }
                }
                if article == "markup" && view == "sources" {
                    let shown = String::from_utf8_lossy(&out.stdout);
                    assert!(
                        shown.contains("alert(1)"),
                        "{what}: the hostile quote is not drawn"
                    );
                }
                if format == "svg" {
                    let svg = String::from_utf8_lossy(&out.stdout);
                    assert!(
                        roxmltree::Document::parse(&svg).is_ok(),
                        "{what}: not well-formed SVG"
                    );
                }
            }
        }
    }
}

/// Every file below `root`, relative to it.
fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("listable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn ids_never_become_paths_outside_their_folder() {
    let home = TempDir::new().expect("temp dir");
    let corpus = home.path().join("box").join("corpus");
    fs::create_dir_all(&corpus).expect("corpus dir");
    let inputs = home.path().join("inputs");
    fs::create_dir_all(&inputs).expect("inputs dir");
    let hostile_ids = [
        "../../escaped",
        "/tmp/absolute-escape",
        "..",
        "a/../../b",
        "..\\..\\win",
        "nul\u{0}byte",
        "CON",
    ];
    for (n, id) in hostile_ids.iter().enumerate() {
        let text = format!(
            "+++\nid = \"{}\"\ntitle = \"../../title-{n}\"\npublished = \"2026-01-16\"\nlang = \"en\"\n+++\n\
             Alibaba's Qwen models have passed {} million downloads on Hugging Face.\n",
            toml_escape(id),
            700 + n
        );
        fs::write(inputs.join(format!("in-{n}.md")), text).expect("write input");
    }
    let before = all_files(home.path());
    let out = qs(&home)
        .arg("--corpus")
        .arg(&corpus)
        .arg("ingest")
        .arg(&inputs)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let added: Vec<PathBuf> = all_files(home.path())
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    assert!(!added.is_empty(), "ingest wrote nothing");
    for path in &added {
        // The cache may be written too; articles go only straight into the corpus folder.
        if path.starts_with("cache") {
            continue;
        }
        // The write lock lives beside the folder by design (never inside it).
        if path == Path::new("box/.corpus.lock") {
            continue;
        }
        assert_eq!(
            path.parent(),
            Some(Path::new("box/corpus")),
            "{} is outside the corpus folder",
            path.display()
        );
    }
    assert_eq!(
        fs::read_dir(&corpus).expect("listable").count(),
        hostile_ids.len(),
        "one file per article: {added:?}"
    );
    assert!(!Path::new("/tmp/absolute-escape.md").exists());
    // The exports' file names never come from articles either: a snapshot-like export with
    // -o writes exactly the file asked for.
    let target = home.path().join("out.txt");
    let out = qs(&home)
        .arg("--corpus")
        .arg(&corpus)
        .args(["export", "--format", "txt", "-o"])
        .arg(&target)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(target.is_file());
}

// ---- Second round: writes that never clobber, linear time, no hangs, output errors ----

use std::process::Stdio;
use std::time::Duration;

/// An English article file with front matter.
fn en_article(id: &str, published: &str, body: &str) -> String {
    format!("+++\nid = \"{id}\"\nlang = \"en\"\npublished = \"{published}\"\n+++\n{body}\n")
}

/// A corpus folder holding the given files.
fn corpus_of(home: &TempDir, files: &[(&str, String)]) -> PathBuf {
    let dir = home.path().join("corpus");
    fs::create_dir_all(&dir).expect("corpus dir");
    for (name, text) in files {
        fs::write(dir.join(name), text).expect("write article");
    }
    dir
}

fn good_corpus(home: &TempDir) -> PathBuf {
    corpus_of(
        home,
        &[(
            "good.md",
            en_article(
                "good",
                "2026-01-16",
                "Alibaba's Qwen models have passed 700 million downloads on Hugging Face.",
            ),
        )],
    )
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_link_and_leaves_it_a_link() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    let real_dir = home.path().join("real");
    fs::create_dir(&real_dir).expect("real dir");
    let real = real_dir.join("view.txt");
    fs::write(&real, "old").expect("old");
    let link = home.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).expect("link");
    qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["export", "--view", "timeline", "--format", "txt", "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    let text = fs::read_to_string(&real).expect("real file");
    assert!(text.contains("700"), "{text}");
    // No temporary file left beside the link or the file.
    for folder in [home.path(), real_dir.as_path()] {
        let tmp = fs::read_dir(folder)
            .expect("list")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        assert!(!tmp, "a temporary file in {}", folder.display());
    }
}

#[cfg(unix)]
#[test]
fn export_writes_into_a_fifo_and_refuses_one_nobody_reads() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    let fifo = home.path().join("view.txt");
    mkfifo(&fifo);
    // Nobody reading: refused at once, the FIFO left as it is.
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["export", "--view", "timeline", "--format", "txt", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no program is reading"), "{err}");
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    // With a reader: the export goes into the pipe.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).expect("read the FIFO"))
    };
    // The reader opens first (its open blocks until a writer comes).
    std::thread::sleep(Duration::from_millis(300));
    qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["export", "--view", "timeline", "--format", "txt", "-o"])
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    let text = reader.join().expect("reader");
    assert!(text.contains("700"), "{text}");
}

#[test]
fn write_errors_name_the_reason_once_and_no_temporary_file() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    // /proc takes no new files: the temporary file cannot be made.
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args([
            "export",
            "--format",
            "txt",
            "-o",
            "/proc/qwen-story-test.txt",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(!err.contains(".tmp"), "{err}");
    let out = qs(&home)
        .args(["--corpus", "/nonexistent-qwen-story", "timeline"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

/// Runs `timeline --format json` on one article body, within `secs`.
fn timeline_of_body(home: &TempDir, body: &str, secs: u64) -> Value {
    let dir = corpus_of(home, &[("big.md", en_article("big", "2026-01-16", body))]);
    let out = qs(home)
        .arg("--corpus")
        .arg(&dir)
        .args(["timeline", "--format", "json"])
        .timeout(Duration::from_secs(secs))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "did not finish in {secs} s: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn a_run_of_numbers_takes_linear_time() {
    // 150,000 four-digit numbers, in one sentence of many clauses and on their own lines:
    // minutes when each number looked at every item or clause break of its sentence.
    let home = TempDir::new().expect("temp dir");
    let numbers: Vec<String> = (0..150_000)
        .map(|i| (1000 + i % 9000).to_string())
        .collect();
    let body = format!(
        "Qwen downloads {}.\n\nQwen downloads\n{}\n",
        numbers.join(", "),
        numbers.join("\n")
    );
    timeline_of_body(&home, &body, 60);
}

#[test]
fn a_run_of_control_characters_takes_linear_time() {
    let home = TempDir::new().expect("temp dir");
    let body = format!(
        "Alibaba's Qwen models have passed 700 million downloads.\n{}\n",
        "\u{7}\u{1b}".repeat(600_000)
    );
    let doc = timeline_of_body(&home, &body, 60);
    assert!(doc["milestones"].as_array().is_some_and(|m| !m.is_empty()));
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_corpus_is_one_warning_not_a_hang() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    // Pages and feeds are read by another reader than article files: each is checked.
    for name in ["pipe.md", "pipe.html", "pipe.xml"] {
        mkfifo(&dir.join(name));
    }
    for command in [&["timeline", "--format", "json"][..], &["check"][..]] {
        let out = qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(command)
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some(),
            "{command:?} hung on the FIFO: {err}"
        );
        for name in ["pipe.md", "pipe.html", "pipe.xml"] {
            assert!(
                text.contains(name) && text.contains("FIFO"),
                "{command:?} {name}: {text}"
            );
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn ingest_reads_regular_files_only() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    mkfifo(&dir.join("pipe.md"));
    let data = home.path().join("store");
    // A FIFO in the folder used to block the ingest; `/dev/zero` was read without end.
    for source in [dir.as_path(), Path::new("/dev/zero")] {
        let out = qs(&home)
            .arg("--corpus")
            .arg(&data)
            .arg("ingest")
            .arg(source)
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", source.display());
        assert!(err.contains("not a regular file"), "{err}");
    }
    assert!(
        data.join("good.md").is_file(),
        "the good article was not stored"
    );
}

#[cfg(unix)]
#[test]
fn cache_packs_that_are_fifos_or_endless_are_ignored() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    let run = || {
        qs(&home)
            .arg("--corpus")
            .arg(&dir)
            .args(["timeline", "--format", "json"])
            .timeout(Duration::from_secs(60))
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success());
    let cache = home.path().join("cache").join("qwen-story");
    let packs: Vec<PathBuf> = fs::read_dir(&cache)
        .expect("the cache folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pack"))
        .collect();
    assert!(!packs.is_empty(), "no pack in {}", cache.display());
    for (i, pack) in packs.iter().enumerate() {
        fs::remove_file(pack).expect("remove pack");
        if i % 2 == 0 {
            mkfifo(pack);
        } else {
            std::os::unix::fs::symlink("/dev/zero", pack).expect("link");
        }
    }
    let again = run();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let (a, b): (Value, Value) = (
        serde_json::from_slice(&first.stdout).expect("json"),
        serde_json::from_slice(&again.stdout).expect("json"),
    );
    assert_eq!(a["milestones"], b["milestones"]);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_corpus_folder_are_not_followed() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    let outside = home.path().join("secret.md");
    fs::write(
        &outside,
        en_article(
            "secret",
            "2026-01-10",
            "Alibaba's Qwen models have passed 999 million downloads.",
        ),
    )
    .expect("outside file");
    std::os::unix::fs::symlink(&outside, dir.join("secret.md")).expect("link out");
    // A page is read by the pages reader: it follows no link out either.
    let page = home.path().join("secret-page.html");
    fs::write(
        &page,
        "<html><body><article><p>Alibaba's Qwen models have passed 998 million downloads, the company said in a statement on Monday.</p></article></body></html>",
    )
    .expect("outside page");
    std::os::unix::fs::symlink(&page, dir.join("secret-page.html")).expect("page link out");
    // A link that stays inside the folder is an ordinary article.
    std::os::unix::fs::symlink("good.md", dir.join("alias.md")).expect("link in");
    let doc = timeline_json(&home, &dir);
    let ids: Vec<&str> = doc["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert!(!ids.contains(&"secret"), "{ids:?}");
    assert!(ids.len() == 2, "{ids:?}");
    let warnings = doc["warnings"].to_string();
    for name in ["secret.md", "secret-page.html"] {
        assert!(
            warnings.contains(name) && warnings.contains("outside its folder"),
            "{name}: {warnings}"
        );
    }
}

/// Runs the binary with standard output sent to `/dev/full`.
#[cfg(target_os = "linux")]
fn to_dev_full(home: &TempDir, args: &[&str]) -> std::process::Output {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    std::process::Command::new(assert_cmd::cargo::cargo_bin("qwen-story"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("HOME", home.path())
        .args(args)
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .expect("runs")
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_one_error_line_and_exit_2_for_every_command() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    fs::write(dir.join("empty.md"), "").expect("a problem for check");
    let corpus = dir.to_str().expect("utf-8 path");
    for args in [
        &["--corpus", corpus, "check"][..],
        &["--corpus", corpus, "timeline"][..],
        &["--corpus", corpus, "export", "--format", "txt"][..],
        &["--help"][..],
        &["timeline", "--help"][..],
    ] {
        let out = to_dev_full(&home, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let errors: Vec<&str> = err.lines().filter(|l| !l.starts_with("warning:")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: {err}");
        assert!(
            errors[0].contains("cannot write to standard output")
                && errors[0].contains("No space left"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_or_closed_stderr_never_panics() {
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    fs::write(dir.join("empty.md"), "").expect("a warning");
    for stderr in ["full", "closed"] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("qwen-story"));
        cmd.env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .arg("--corpus")
            .arg(&dir)
            .arg("timeline")
            .stdout(Stdio::piped());
        if stderr == "full" {
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full");
            cmd.stderr(Stdio::from(full));
        } else {
            cmd.stderr(Stdio::null());
        }
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "stderr {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("700"));
    }
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_commands_own_code() {
    use std::io::{BufRead, BufReader};
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    // Far more problem lines than a pipe holds.
    for i in 0..3000 {
        fs::write(dir.join(format!("empty-{i:04}.md")), "").expect("empty file");
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("qwen-story"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .arg("--corpus")
        .arg(&dir)
        .arg("check")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("one line");
    // The reader is dropped here: `check | head -1`.
    let out = child.wait_with_output().expect("ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(first.starts_with("error: "), "{first}");
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn members_of_a_milestone_agree_with_its_founder_not_through_a_chain() {
    let home = TempDir::new().expect("temp dir");
    let files: Vec<(String, String)> = [800, 815, 830, 845, 860]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id = format!("chain-{n}");
            let text = en_article(
                &id,
                &format!("2026-01-{:02}", 10 + i),
                &format!(
                    "Alibaba's Qwen models have passed {n} million downloads on Hugging Face."
                ),
            );
            (format!("{id}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = corpus_of(&home, &refs);
    let doc = timeline_json(&home, &dir);
    let milestones = doc["milestones"].as_array().expect("milestones");
    let mut cited = 0;
    for m in milestones.iter().filter(|m| m["kind"] == "downloads") {
        let amounts: Vec<f64> = m["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| {
                let article = s["article"].as_str().expect("article");
                article
                    .trim_start_matches("chain-")
                    .parse::<f64>()
                    .expect("amount")
            })
            .collect();
        cited += amounts.len();
        let lo = amounts.iter().copied().fold(f64::MAX, f64::min);
        let hi = amounts.iter().copied().fold(f64::MIN, f64::max);
        assert!(
            (hi - lo) / hi <= 0.02 * 2.0 + 1e-9,
            "{} cites {amounts:?}",
            m["title"]
        );
        // Each member within 2 % of the founder: no two members more than 4 % apart.
    }
    assert_eq!(cited, 5, "every article cited once: {milestones:#?}");
}

#[test]
fn a_byte_order_mark_before_the_front_matter_is_skipped() {
    let home = TempDir::new().expect("temp dir");
    let text = format!(
        "\u{feff}{}",
        en_article(
            "bom",
            "2026-01-12",
            "Alibaba's Qwen models have passed 700 million downloads."
        )
    );
    let dir = corpus_of(&home, &[("file-name.md", text)]);
    let doc = timeline_json(&home, &dir);
    let article = &doc["articles"][0];
    assert_eq!(article["id"], "bom");
    assert_eq!(article["lang"], "en");
    assert_eq!(article["published"], "2026-01-12");
}

#[test]
fn invisible_characters_inside_a_figure_are_ignored_and_symbols_break_it() {
    let home = TempDir::new().expect("temp dir");
    let es = |id: &str, mark: &str| {
        (
            format!("{id}.md"),
            format!(
                "+++\nid = \"{id}\"\nlang = \"es\"\npublished = \"2026-01-15\"\n+++\n\
                 Los modelos Qwen de Alibaba ya superan los 700{mark} millones de descargas.\n"
            ),
        )
    };
    let files = [
        es("rlm", "\u{200f}"),
        es("zwj", "\u{200d}"),
        es("zwsp", "\u{200b}"),
        es("rlo", "\u{202e}"),
        es("emoji", "\u{1f600}"),
    ];
    let refs: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = corpus_of(&home, &refs);
    let doc = timeline_json(&home, &dir);
    let milestones = doc["milestones"].as_array().expect("milestones");
    let values: Vec<f64> = milestones
        .iter()
        .filter_map(|m| m["value"].as_f64())
        .collect();
    assert!(!values.contains(&700.0), "a false 700: {milestones:#?}");
    let million = milestones
        .iter()
        .find(|m| m["value"].as_f64() == Some(700_000_000.0))
        .expect("700 million");
    let mut cited: Vec<&str> = million["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["article"].as_str())
        .collect();
    cited.sort_unstable();
    assert_eq!(cited, ["rlm", "rlo", "zwj", "zwsp"]);
}

#[test]
fn a_default_title_is_capped() {
    let home = TempDir::new().expect("temp dir");
    let long = "Qwen ".repeat(100_000);
    let text = format!("{long}\n\nAlibaba's Qwen models have passed 700 million downloads.\n");
    let dir = corpus_of(&home, &[("long.md", text)]);
    let doc = timeline_json(&home, &dir);
    let title = doc["articles"][0]["title"].as_str().expect("title");
    assert!(
        title.chars().count() <= 201,
        "{} chars",
        title.chars().count()
    );
    assert!(
        title.starts_with("Qwen Qwen") && title.ends_with('…'),
        "{title}"
    );
}

#[test]
fn raw_del_is_escaped_in_json_and_quotes_stay_verbatim() {
    let home = TempDir::new().expect("temp dir");
    let body = "Alibaba's Qwen models have passed 700 million\u{7f} downloads on Hugging Face.";
    let dir = corpus_of(&home, &[("del.md", en_article("del", "2026-01-16", body))]);
    let out = qs(&home)
        .arg("--corpus")
        .arg(&dir)
        .args(["timeline", "--format", "json"])
        .output()
        .expect("runs");
    assert!(!out.stdout.contains(&0x7f), "a raw DEL in the JSON");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\\u007f"), "{text}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let source = &doc["milestones"][0]["sources"][0];
    let (start, end) = (
        source["start"].as_u64().expect("start") as usize,
        source["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(source["quote"].as_str(), Some(&body[start..end]));
}

#[test]
fn ingest_refuses_a_language_without_a_lexicon() {
    let home = TempDir::new().expect("temp dir");
    let input = home.path().join("in.md");
    fs::write(
        &input,
        "Alibaba's Qwen models have passed 700 million downloads.\n",
    )
    .expect("input");
    let target = home.path().join("store");
    fs::create_dir(&target).expect("store");
    let out = qs(&home)
        .arg("--corpus")
        .arg(&target)
        .args(["ingest", "--lang", "zz"])
        .arg(&input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("zz") && err.contains("no lexicon"), "{err}");
    assert_eq!(fs::read_dir(&target).expect("list").count(), 0);
}

/// `tmux` on a private server socket, for tests that need a real terminal.
#[cfg(unix)]
fn tmux(socket: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[cfg(unix)]
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(unix)]
#[test]
fn sigquit_restores_the_terminal() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("tmux is not installed: SIGQUIT is not tested through a terminal");
        return;
    }
    let home = TempDir::new().expect("temp dir");
    let dir = good_corpus(&home);
    let socket = home.path().join("tmux.sock");
    let stty = home.path().join("stty.txt");
    let script = format!(
        "XDG_DATA_HOME='{h}/data' XDG_CACHE_HOME='{h}/cache' '{bin}' --corpus '{dir}'; \
         stty -a > '{stty}'; sleep 60",
        h = home.path().display(),
        bin = assert_cmd::cargo::cargo_bin("qwen-story").display(),
        dir = dir.display(),
        stty = stty.display()
    );
    tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "sh",
            "-c",
            &script,
        ],
    );
    let format = "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_standard_flag}";
    wait_for("the dashboard", || {
        tmux(&socket, &["display", "-p", "#{alternate_on}"]) == "1"
            && tmux(&socket, &["capture-pane", "-p"]).contains("700")
    });
    let shell = tmux(&socket, &["display", "-p", "#{pane_pid}"]);
    let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    let dashboard = children
        .split_whitespace()
        .next()
        .expect("the dashboard's pid");
    let killed = std::process::Command::new("kill")
        .args(["-QUIT", dashboard])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    wait_for("stty after the dashboard", || {
        fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
    });
    let modes = fs::read_to_string(&stty).expect("stty");
    let flags = tmux(&socket, &["display", "-p", format]);
    tmux(&socket, &["kill-server"]);
    let words: Vec<&str> = modes.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "the terminal is left raw: {modes}"
    );
    assert_eq!(flags, "0 1 0 0", "alternate screen, cursor, mouse: {flags}");
}

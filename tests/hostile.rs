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

const GOOD_PT: &str = include_str!("../assets/articles/pt-terra-xataka-2026-01-16.md");
const GOOD_DE: &str = include_str!("../assets/articles/de-wallstreet-online-2025-03-13.md");

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

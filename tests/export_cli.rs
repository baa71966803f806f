//! `qwen-story export` and `qwen-story chart` through the binary: files, formats, and the
//! errors that must come out as one clear message with exit code 2.

mod common;

use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

fn qs(home: &TempDir) -> Command {
    common::binary(home.path())
}

/// Runs a command expected to fail with exit 2; returns its standard error.
fn fails_with_usage_error(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    stderr
}

/// Our own errors are exactly one line.
fn one_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line of error, got: {stderr}");
    lines[0]
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn png_needs_an_output_file() {
    let home = TempDir::new().expect("temp dir");
    let err = fails_with_usage_error(qs(&home).args(["export", "--format", "png"]));
    assert!(one_line(&err).contains("-o FILE"), "{err}");
}

#[test]
fn a_bad_size_is_refused() {
    let home = TempDir::new().expect("temp dir");
    for size in ["120", "0x40", "axb", "120x"] {
        let err = fails_with_usage_error(qs(&home).args(["export", "--size", size]));
        // clap's convention: the error line, then a hint to --help.
        let first = err.lines().next().unwrap_or_default();
        assert!(first.contains("is not a size"), "{size}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.contains("error")).count(),
            1,
            "{err}"
        );
    }
    let err = fails_with_usage_error(qs(&home).args(["export", "--size", "1000x1000"]));
    assert!(one_line(&err).contains("too large"), "{err}");
}

#[test]
fn a_missing_folder_is_named() {
    let home = TempDir::new().expect("temp dir");
    let target = home.path().join("no-such-folder").join("out.svg");
    let err = fails_with_usage_error(
        qs(&home)
            .args(["export", "--format", "svg", "-o"])
            .arg(&target),
    );
    let line = one_line(&err);
    assert!(
        line.contains("no-such-folder") && line.contains("does not exist"),
        "{line}"
    );
}

#[test]
fn an_output_that_is_a_folder_is_refused() {
    let home = TempDir::new().expect("temp dir");
    let err = fails_with_usage_error(qs(&home).args(["export", "-o"]).arg(home.path()));
    assert!(one_line(&err).contains("folder"), "{err}");
}

/// A folder this process cannot create files in: a 0555 folder, or, for root (which
/// ignores modes), the kernel's /sys.
#[cfg(unix)]
fn unwritable_folder(home: &TempDir) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = home.path().join("locked");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    [dir, "/sys".into()]
        .into_iter()
        .find(|d| d.is_dir() && tempfile::tempfile_in(d).is_err())
}

#[cfg(unix)]
#[test]
fn an_unwritable_folder_is_refused_and_left_clean() {
    let home = TempDir::new().expect("temp dir");
    let dir = unwritable_folder(&home).expect("an unwritable folder exists on this system");
    let before = files_in(&dir);
    let err = fails_with_usage_error(qs(&home).args(["export", "-o"]).arg(dir.join("out.txt")));
    assert!(one_line(&err).contains("cannot write in folder"), "{err}");
    assert_eq!(files_in(&dir), before);
}

/// An article whose title, outlet and quotes carry markup and terminal escapes: clear
/// screen (CSI 2J), set clipboard (OSC 52), bell, and a colour change.
const EVIL_ARTICLE: &str = "+++\n\
title = \"<script>alert(\\\"t\\\")</script> Qwen \\u001b[2J news\"\n\
outlet = \"Evil <img src=x onerror=alert(1)> Times\"\n\
published = \"2026-01-20\"\n\
lang = \"en\"\n\
+++\n\
Qwen news.\n\n\
Alibaba said on Monday that Qwen models have passed 700 million downloads <script>alert(1)</script> \
<img src=x onerror=alert(2)> \x1b[2J\x1b]52;c;aGVsbG8=\x07 worldwide.\n\n\
The Qwen app reached 30 million users <b>bold</b> \x1b[31mred\x1b[0m in December 2025.\n";

fn evil_corpus(home: &TempDir) -> std::path::PathBuf {
    let dir = home.path().join("corpus");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("evil.md"), EVIL_ARTICLE).expect("write article");
    dir
}

/// The position of the downloads milestone in the evil corpus's timeline.
fn downloads_index(home: &TempDir, corpus: &Path) -> usize {
    let out = qs(home)
        .arg("--corpus")
        .arg(corpus)
        .args(["timeline", "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("timeline json");
    let milestones = doc["milestones"].as_array().expect("milestones");
    milestones
        .iter()
        .position(|m| m["kind"] == "downloads")
        .expect("the article's downloads figure is found")
}

/// Escape sequences in text output: only SGR (`ESC [ digits;... m`) may appear, and only in ansi.
fn assert_terminal_safe(text: &str, sgr_allowed: bool, what: &str) {
    assert!(!text.contains('\x07'), "{what}: BEL");
    assert!(
        !text.contains('\u{9b}') && !text.contains('\u{9d}'),
        "{what}: C1 controls"
    );
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        assert!(sgr_allowed, "{what}: an escape in plain text");
        let seq = &rest[at + 1..];
        let end = seq
            .find('m')
            .unwrap_or_else(|| panic!("{what}: unterminated escape"));
        assert!(
            seq.starts_with('[') && seq[1..end].bytes().all(|b| b.is_ascii_digit() || b == b';'),
            "{what}: a non-SGR escape {:?}",
            &seq[..end.min(20)]
        );
        rest = &seq[end..];
    }
}

/// Markup in documents: nothing executable or loading, whatever the article said.
fn assert_markup_safe(text: &str, what: &str) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}"));
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            ![
                "script",
                "img",
                "iframe",
                "foreignObject",
                "object",
                "embed"
            ]
            .contains(&name),
            "{what}: <{name}>"
        );
        for attr in node.attributes() {
            assert!(
                !attr.name().to_ascii_lowercase().starts_with("on"),
                "{what}: handler {}",
                attr.name()
            );
        }
    }
    assert!(
        !text.contains("<script") && !text.contains("<img"),
        "{what}: raw markup"
    );
    assert!(
        !text.contains('\x1b') && !text.contains('\x07'),
        "{what}: terminal escapes"
    );
}

#[test]
fn hostile_article_text_is_inert_in_every_format() {
    let home = TempDir::new().expect("temp dir");
    let corpus = evil_corpus(&home);
    let select = downloads_index(&home, &corpus).to_string();
    for view in ["sources", "timeline", "dashboard"] {
        let run = |format: &str| {
            let out = qs(&home)
                .arg("--corpus")
                .arg(&corpus)
                .args([
                    "export", "--view", view, "--format", format, "--select", &select,
                ])
                .output()
                .expect("runs");
            assert!(
                out.status.success(),
                "{view} {format}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).expect("utf-8")
        };
        let txt = run("txt");
        assert_terminal_safe(&txt, false, &format!("{view} txt"));
        assert_terminal_safe(&run("ansi"), true, &format!("{view} ansi"));
        assert_markup_safe(&run("svg"), &format!("{view} svg"));
        assert_markup_safe(&run("html"), &format!("{view} html"));
        let json = run("json");
        let doc: serde_json::Value = serde_json::from_str(&json).expect("json parses");
        assert_terminal_safe(&doc.to_string(), false, &format!("{view} json"));
        assert!(
            !json.contains("\\u001b") && !json.contains("\\u0007"),
            "{view} json keeps escapes"
        );
        if view == "sources" {
            // The hostile text is shown, as text: inert, not hidden.
            assert!(txt.contains("<script>alert(1)</script>"), "{txt}");
            let svg = run("svg");
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(json.contains("<script>alert(1)</script>"));
        }
    }
    let png = home.path().join("evil.png");
    qs(&home)
        .arg("--corpus")
        .arg(&corpus)
        .args([
            "export", "--view", "sources", "--format", "png", "--select", &select, "-o",
        ])
        .arg(&png)
        .assert()
        .success();
    assert!(
        png::Decoder::new(std::fs::File::open(&png).expect("png written"))
            .read_info()
            .is_ok()
    );
}

#[test]
fn txt_through_the_binary_is_the_dashboard_frame() {
    use qwen_story::ui::{self, App, Theme, View};
    use ratatui::{backend::TestBackend, Terminal};
    let home = TempDir::new().expect("temp dir");
    let out = qs(&home)
        .args([
            "export", "--view", "timeline", "--select", "3", "--size", "100x30",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let timeline = qwen_story::timeline::Timeline::build(qwen_story::corpus::bundled());
    let mut app = App::new(timeline).with_theme(Theme::default());
    app.set_view(View::Timeline);
    app.select(3);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| ui::render(&app, f.area(), f.buffer_mut()))
        .expect("draw");
    let mut expected = ui::buffer_lines(terminal.backend().buffer()).join("\n");
    expected.push('\n');
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
}

#[test]
fn files_are_written_whole_and_replace_old_ones() {
    let home = TempDir::new().expect("temp dir");
    let out_dir = home.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let target = out_dir.join("view.svg");
    std::fs::write(&target, "old content that is longer than nothing").expect("old file");
    let run = qs(&home)
        .args(["export", "--format", "svg", "-o"])
        .arg(&target)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "the file, not stdout");
    let svg = std::fs::read_to_string(&target).expect("svg");
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(files_in(&out_dir), ["view.svg"], "no temporary file left");
}

#[test]
fn select_out_of_range_is_one_line() {
    let home = TempDir::new().expect("temp dir");
    let err = fails_with_usage_error(qs(&home).args(["export", "--select", "9999"]));
    assert!(one_line(&err).contains("--select 9999"), "{err}");
}

#[test]
fn chart_writes_svg_and_png() {
    let home = TempDir::new().expect("temp dir");
    let svg_path = home.path().join("downloads.svg");
    qs(&home)
        .args(["chart", "downloads", "-o"])
        .arg(&svg_path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_path).expect("svg written");
    let doc = roxmltree::Document::parse(&svg).expect("chart svg parses");
    assert_eq!(doc.root_element().attribute("width"), Some("1200"));
    assert!(svg.contains("700M") && svg.contains("articles"));

    let png_path = home.path().join("hkex.png");
    qs(&home)
        .args([
            "chart",
            "share-price-hkd",
            "--format",
            "png",
            "--size",
            "800x450",
            "-o",
        ])
        .arg(&png_path)
        .assert()
        .success();
    let reader = png::Decoder::new(std::fs::File::open(&png_path).expect("png written"))
        .read_info()
        .expect("png");
    assert_eq!((reader.info().width, reader.info().height), (800, 450));
}

#[test]
fn chart_errors_are_one_line() {
    let home = TempDir::new().expect("temp dir");
    let out = home.path().join("x.svg");
    let err = fails_with_usage_error(qs(&home).args(["chart", "bitcoin", "-o"]).arg(&out));
    assert!(one_line(&err).contains("unknown series `bitcoin`"), "{err}");
    let err = fails_with_usage_error(
        qs(&home)
            .args(["chart", "downloads", "--size", "50x50", "-o"])
            .arg(&out),
    );
    assert!(one_line(&err).contains("too small"), "{err}");
    let missing = home.path().join("missing").join("x.svg");
    let err = fails_with_usage_error(qs(&home).args(["chart", "downloads", "-o"]).arg(&missing));
    assert!(one_line(&err).contains("does not exist"), "{err}");
    assert!(files_in(home.path()).iter().all(|n| n != "x.svg"));
}

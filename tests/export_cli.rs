//! `qwen-story export` and `qwen-story chart` through the binary: files, formats, and the
//! errors that must come out as one clear message with exit code 2.

use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

/// The binary with a private, empty data and cache folder, so the user's files never leak in.
fn qs(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("qwen-story").expect("the binary is built");
    cmd.env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("HOME", home.path())
        .env_remove("NO_COLOR");
    cmd
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

//! The dashboard in a real terminal (tmux, on a private server): `y` reaches tmux's paste
//! buffer (OSC 52 with `set-clipboard on`, and `tmux load-buffer`), `o` runs `$BROWSER`
//! with the URL as its one argument. Skipped when tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// `env_flags` go to `env` before the variables (`-u TMUX`).
    fn start(name: &str, dir: &Path, env_flags: &str, command: &str) -> Option<Tmux> {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !available {
            eprintln!("tmux not installed: skipped");
            return None;
        }
        let tmux = Tmux {
            socket: format!("qs-{name}-{}", std::process::id()),
        };
        let env = format!(
            "env {env_flags} XDG_CONFIG_HOME={d}/config XDG_CACHE_HOME={d}/cache XDG_DATA_HOME={d}/data BROWSER={d}/browser.sh {command}",
            d = dir.display()
        );
        // The clipboard option is server-wide: set before the app starts.
        let ok = tmux
            .run(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "100",
                "-y",
                "30",
                "sh",
            ])
            .is_some();
        assert!(ok, "tmux starts a session");
        tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
        tmux.run(&["send-keys", "-t", "t", &format!("exec {env}"), "Enter"]);
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "t", k]);
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
            .unwrap_or_default()
    }

    /// Waits until `done` holds (or ten seconds pass).
    fn wait_for(&self, done: impl Fn(&Tmux) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if done(self) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn corpus(dir: &Path) -> std::path::PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).expect("corpus folder");
    std::fs::write(
        articles.join("a.md"),
        "+++\nid = \"a\"\ntitle = \"Qwen news\"\noutlet = \"Test Wire\"\nurl = \"https://example.com/qwen?a=1&b=2\"\npublished = \"2026-01-20\"\nlang = \"en\"\n+++\nQwen passed 700 million downloads in January 2026, the company said.\n",
    )
    .expect("article");
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s|%s' \"$#\" \"$1\" > {}/opened\n",
            dir.display()
        ),
    )
    .expect("script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    articles
}

#[test]
fn copy_reaches_the_tmux_buffer_and_open_runs_the_browser() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = corpus(dir.path());
    let command = format!(
        "{} --corpus {}",
        env!("CARGO_BIN_EXE_qwen-story"),
        articles.display()
    );
    let Some(tmux) = Tmux::start("copy", dir.path(), "", &command) else {
        return;
    };
    assert!(
        tmux.wait_for(|t| t.screen().contains("Latest milestones")),
        "the dashboard opens:\n{}",
        tmux.screen()
    );
    tmux.keys(&["4", "y"]);
    assert!(
        tmux.wait_for(|t| t.screen().contains("copied")),
        "the footer says what was sent:\n{}",
        tmux.screen()
    );
    let buffer = tmux.run(&["show-buffer"]).unwrap_or_default();
    assert!(
        buffer.contains("Qwen passed 700 million downloads") && buffer.contains("Test Wire"),
        "the citation is in tmux's buffer: {buffer:?}"
    );
    tmux.keys(&["o"]);
    let opened = dir.path().join("opened");
    assert!(
        tmux.wait_for(|_| opened.exists()),
        "BROWSER ran:\n{}",
        tmux.screen()
    );
    std::thread::sleep(Duration::from_millis(200));
    let args = std::fs::read_to_string(&opened).unwrap_or_default();
    assert_eq!(
        args, "1|https://example.com/qwen?a=1&b=2",
        "one argument, the URL"
    );
    tmux.keys(&["q"]);
}

#[test]
fn copy_by_osc52_alone_reaches_tmux_with_set_clipboard_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = corpus(dir.path());
    // Without $TMUX the app does not call tmux: only the OSC 52 sequence can fill the buffer.
    let command = format!(
        "{} --corpus {}",
        env!("CARGO_BIN_EXE_qwen-story"),
        articles.display()
    );
    let Some(tmux) = Tmux::start("osc", dir.path(), "-u TMUX", &command) else {
        return;
    };
    assert!(tmux.wait_for(|t| t.screen().contains("Latest milestones")));
    tmux.keys(&["4", "y"]);
    assert!(tmux.wait_for(|t| t.screen().contains("copied")));
    let screen = tmux.screen();
    assert!(
        !screen.contains("tmux buffer"),
        "tmux was not called:\n{screen}"
    );
    assert!(
        tmux.wait_for(|t| t
            .run(&["show-buffer"])
            .is_some_and(|b| b.contains("700 million downloads"))),
        "OSC 52 reached tmux's buffer"
    );
    tmux.keys(&["q"]);
}

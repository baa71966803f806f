//! What the dashboard does outside itself: the clipboard (OSC 52, tmux), the browser, and
//! which mouse events the terminal reports. Called by the run loop, never by a render.

use std::io::Write;
use std::process::{Command, Stdio};

/// Citations longer than this are cut: terminals cap OSC 52 payloads (xterm at ~100 kB).
const MAX_COPY_BYTES: usize = 64 * 1024;

/// Whether a URL from an article may be handed to a browser: `http(s)://` and nothing a
/// terminal, shell or opener could read as more than one plain argument.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 4096
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The OSC 52 sequence that puts `text` on the system clipboard (BEL-terminated, which
/// tmux and every terminal accept).
pub fn osc52(text: &str) -> String {
    use base64_engine::encode;
    format!("\x1b]52;c;{}\x07", encode(text.as_bytes()))
}

/// Sends `text` to the clipboard: OSC 52 on `out` (works over SSH), and inside tmux
/// (`$TMUX` set) also `tmux load-buffer -w -`, since tmux drops OSC 52 unless
/// `set-clipboard` is on. Returns what the footer should say.
pub fn copy(text: &str, out: &mut impl Write) -> String {
    let mut text = text;
    if text.len() > MAX_COPY_BYTES {
        let mut cut = MAX_COPY_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
    }
    let sent = out
        .write_all(osc52(text).as_bytes())
        .and_then(|_| out.flush())
        .is_ok();
    let mut how = Vec::new();
    if sent {
        how.push("OSC 52".to_string());
    }
    if std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()) {
        match tmux_load_buffer(text) {
            Ok(()) => how.push("tmux buffer".into()),
            Err(e) => how.push(format!("tmux failed: {e}")),
        }
    }
    let preview: String = text.chars().take(48).collect();
    let more = if text.chars().count() > 48 { "…" } else { "" };
    format!(
        "copied {} bytes via {}: {preview}{more}",
        text.len(),
        if how.is_empty() {
            "nothing".into()
        } else {
            how.join(" + ")
        }
    )
}

fn tmux_load_buffer(text: &str) -> std::io::Result<()> {
    let mut child = Command::new("tmux")
        .args(["load-buffer", "-w", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "tmux load-buffer exited with {status}"
        )))
    }
}

/// The commands that may open a URL: each entry of `$BROWSER` (`:`-separated; `%s` is
/// the URL, else the URL is appended), then the platform's opener.
pub fn browser_commands(url: &str, browser: Option<&str>) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = browser
        .unwrap_or_default()
        .split(':')
        .filter(|entry| !entry.trim().is_empty())
        .map(|entry| {
            let mut words: Vec<String> = entry.split_whitespace().map(str::to_string).collect();
            if entry.contains("%s") {
                // `%s` is one argument's worth of URL, wherever it stands.
                for w in &mut words {
                    *w = w.replace("%s", url);
                }
            } else {
                words.push(url.to_string());
            }
            words
        })
        .collect();
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    commands.push(vec![opener.to_string(), url.to_string()]);
    commands
}

/// Opens an http(s) URL in the browser: the program run directly with the URL as one
/// argument (never a shell), stdio detached, not waited for. Returns the footer message.
pub fn open(url: &str) -> String {
    if !is_web_url(url) {
        return "not opened: only http(s) URLs are".into();
    }
    let browser = std::env::var("BROWSER").ok();
    let shown = crate::sanitize::sanitize_line(url);
    for command in browser_commands(url, browser.as_deref()) {
        let Some((program, args)) = command.split_first() else {
            continue;
        };
        let spawned = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            // Reaped on a thread, so no zombie stays behind and the dashboard never waits.
            std::thread::spawn(move || child.wait());
            return format!("opened {shown} with {program}");
        }
    }
    format!("could not open {shown}: no browser found (set $BROWSER)")
}

/// Mouse reporting without motion: clicks, the wheel and drags with a button held
/// (1000, 1002) in SGR coordinates (1006). crossterm's capture also asks for every motion
/// (1003), which keeps the terminal from selecting text at all.
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
/// Undoes [`MOUSE_ON`] (and 1003/1015, in case something else set them).
pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// Turns mouse reporting on or off on `out`.
pub fn set_mouse(out: &mut impl Write, on: bool) -> std::io::Result<()> {
    out.write_all(if on { MOUSE_ON } else { MOUSE_OFF }.as_bytes())?;
    out.flush()
}

/// Standard base64 for OSC 52, small enough not to need a crate.
mod base64_engine {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for k in 0..4 {
                if k <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_urls_open() {
        assert!(is_web_url("https://example.com/a?b=c"));
        assert!(is_web_url("HTTP://example.com"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://x.com/ --new-window"));
        assert!(!is_web_url("https://x.com/\u{1b}]52;c;x\u{7}"));
    }

    #[test]
    fn browser_entries_split_on_colons_with_the_url_as_one_argument() {
        let url = "https://e.com/a;b&c";
        let commands = browser_commands(url, Some("firefox -new-tab %s:lynx"));
        assert_eq!(commands[0], ["firefox", "-new-tab", url]);
        assert_eq!(commands[1], ["lynx", url]);
        assert_eq!(commands.len(), 3, "then the platform opener");
    }

    #[test]
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(base64_engine::encode(b"Qwen 700M"), "UXdlbiA3MDBN");
        assert_eq!(base64_engine::encode(b""), "");
        let mut out = Vec::new();
        let status = copy("a quote", &mut out);
        assert_eq!(out, b"\x1b]52;c;YSBxdW90ZQ==\x07");
        assert!(status.contains("OSC 52"), "{status}");
    }
}

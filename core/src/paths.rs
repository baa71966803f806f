//! Where the user's articles and the cache live (XDG base directories).

use std::path::PathBuf;

fn base(var: &str, fallback: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() && PathBuf::from(&v).is_absolute() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|h| PathBuf::from(h).join(fallback)),
    }
}

/// `$XDG_DATA_HOME/qwen-story/articles` (default `~/.local/share/qwen-story/articles`).
pub fn data_dir() -> Option<PathBuf> {
    base("XDG_DATA_HOME", ".local/share").map(|p| p.join("qwen-story").join("articles"))
}

/// `$XDG_CACHE_HOME/qwen-story` (default `~/.cache/qwen-story`).
pub fn cache_dir() -> Option<PathBuf> {
    base("XDG_CACHE_HOME", ".cache").map(|p| p.join("qwen-story"))
}

/// File names are cut to this many bytes (before the suffix and extension).
pub const MAX_STEM_BYTES: usize = 80;

/// A file name stem that stays inside its folder: letters, digits, `-`, `_` and single dots
/// inside, no separators or control characters, no leading dot, at most [`MAX_STEM_BYTES`].
pub fn safe_stem(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = if c.is_alphanumeric() || c == '_' || c == '.' {
            c
        } else {
            '-'
        };
        // Runs of separators collapse, which also removes every `..`.
        let last = out.chars().last();
        if (c == '-' || c == '.') && matches!(last, Some('-' | '.')) {
            continue;
        }
        out.push(c);
    }
    let mut end = out.len().min(MAX_STEM_BYTES);
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out.trim_matches(['-', '.', '_']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_stay_inside_the_folder() {
        assert_eq!(safe_stem("terra-2026-01-16"), "terra-2026-01-16");
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("a\u{0}b\u{1b}[31mc\nd"), "a-b-31mc-d");
        assert_eq!(safe_stem(".hidden"), "hidden");
        assert_eq!(safe_stem("a..b"), "a.b");
        assert_eq!(safe_stem("..."), "");
        assert_eq!(safe_stem("Über Qwen: 700 Mio."), "Über-Qwen-700-Mio");
        let long = safe_stem(&"é".repeat(100));
        assert!(long.len() <= MAX_STEM_BYTES && long.chars().all(|c| c == 'é'));
    }
}

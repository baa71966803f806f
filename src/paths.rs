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

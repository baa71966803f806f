//! The config file (`$XDG_CONFIG_HOME/qwen-story/config.toml`): followed feeds, the theme,
//! key rebinding and the mouse. Read here; `follow`/`unfollow` edit it elsewhere, keeping
//! its comments, and reuse this reader.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The whole file; every section optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub feeds: Vec<FeedEntry>,
    /// `[theme] name`: `dark`, `light` or `ansi16`.
    pub theme: Option<String>,
    /// `[keys]`: action name → the keys bound to it (as written, parsed by the dashboard).
    pub keys: BTreeMap<String, Vec<String>>,
    /// `mouse = false` leaves the mouse to the terminal.
    pub mouse: Option<bool>,
}

/// One `[[feeds]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FeedEntry {
    pub url: String,
    pub name: Option<String>,
}

/// A config file that cannot be used: one sentence naming the file (and line).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the config file {}{} is not valid: {message}", path.display(), line.map(|l| format!(", line {l},")).unwrap_or_default())]
    Parse {
        path: PathBuf,
        /// 1-based, when the parser could place the problem.
        line: Option<usize>,
        message: String,
    },
}

/// The config file's usual place: `$XDG_CONFIG_HOME/qwen-story/config.toml`, default
/// `~/.config/qwen-story/config.toml`; `None` without either variable.
pub fn default_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => PathBuf::from(v),
        _ => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(base.join("qwen-story").join("config.toml"))
}

/// Files larger than this are refused rather than parsed: a config is a few lines.
const MAX_BYTES: u64 = 1 << 20;

/// Reads the config at `path`; a missing file is the empty config. Returns the config and
/// one warning per unknown key (naming it and its line).
pub fn load(path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let read_error = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let text = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Config::default(), Vec::new()))
        }
        Err(e) => return Err(read_error(e)),
        Ok(meta) if meta.len() > MAX_BYTES => {
            return Err(ConfigError::Parse {
                path: path.to_path_buf(),
                line: None,
                message: format!("larger than {MAX_BYTES} bytes"),
            })
        }
        Ok(_) => std::fs::read_to_string(path).map_err(read_error)?,
    };
    parse(&text, path)
}

/// Parses config text; `path` only names the file in messages.
pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let parse_error = |e: toml::de::Error| ConfigError::Parse {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(text, s.start)),
        message: e.message().trim().to_string(),
    };
    let table: toml::Table = toml::from_str(text).map_err(parse_error)?;
    let raw: Raw = toml::from_str(text).map_err(parse_error)?;
    let mut warnings = Vec::new();
    let mut unknown = |key: String| {
        let line = find_key_line(text, key.rsplit('.').next().unwrap_or(&key));
        let at = line.map(|l| format!(", line {l}")).unwrap_or_default();
        warnings.push(format!(
            "{}{at}: unknown key `{key}` ignored",
            path.display()
        ));
    };
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("feeds", toml::Value::Array(feeds)) => {
                for feed in feeds.iter().filter_map(|f| f.as_table()) {
                    for k in feed
                        .keys()
                        .filter(|k| !["url", "name"].contains(&k.as_str()))
                    {
                        unknown(format!("feeds.{k}"));
                    }
                }
            }
            ("theme", toml::Value::Table(theme)) => {
                for k in theme.keys().filter(|k| k.as_str() != "name") {
                    unknown(format!("theme.{k}"));
                }
            }
            ("keys" | "mouse", _) => {}
            (other, _) => unknown(other.to_string()),
        }
    }
    let keys = raw
        .keys
        .into_iter()
        .map(|(action, keys)| (action, keys.into_vec()))
        .collect();
    Ok((
        Config {
            feeds: raw.feeds,
            theme: raw.theme.and_then(|t| t.name),
            keys,
            mouse: raw.mouse,
        },
        warnings,
    ))
}

#[derive(Deserialize, Default)]
struct Raw {
    #[serde(default)]
    feeds: Vec<FeedEntry>,
    theme: Option<RawTheme>,
    #[serde(default)]
    keys: BTreeMap<String, OneOrMany>,
    mouse: Option<bool>,
}

#[derive(Deserialize)]
struct RawTheme {
    name: Option<String>,
}

/// `quit = "q"` or `quit = ["q", "ctrl-c"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(k) => vec![k],
            OneOrMany::Many(k) => k,
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The first line whose key is `key` (`key = …`), for a warning's line number.
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> (Config, Vec<String>) {
        parse(text, Path::new("c.toml")).expect("parses")
    }

    #[test]
    fn reads_every_section() {
        let (config, warnings) = parse_ok(
            "mouse = false\n[[feeds]]\nurl = \"https://e.com/rss\"\nname = \"E\"\n[[feeds]]\nurl = \"https://f.com/atom\"\n[theme]\nname = \"light\"\n[keys]\nquit = [\"q\", \"ctrl-c\"]\nhelp = \"f1\"\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.feeds.len(), 2);
        assert_eq!(config.feeds[0].name.as_deref(), Some("E"));
        assert_eq!(config.feeds[1].name, None);
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.keys["quit"], vec!["q", "ctrl-c"]);
        assert_eq!(config.keys["help"], vec!["f1"]);
        assert_eq!(config.mouse, Some(false));
    }

    #[test]
    fn unknown_keys_are_warnings_with_their_line() {
        let (_, warnings) = parse_ok("colour = 1\n[theme]\nname = \"dark\"\nshade = 2\n");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("`colour`") && warnings[0].contains("line 1"));
        assert!(warnings[1].contains("`theme.shade`") && warnings[1].contains("line 4"));
    }

    #[test]
    fn a_bad_file_is_one_error_naming_file_and_line() {
        let e = parse(
            "[theme]\nname = \"dark\"\nname = = 3\n",
            Path::new("/x/c.toml"),
        )
        .expect_err("invalid");
        let text = e.to_string();
        assert!(
            text.contains("/x/c.toml") && text.contains("line 3"),
            "{text}"
        );
        let e = parse("[keys]\nquit = 3\n", Path::new("c.toml")).expect_err("wrong type");
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn a_missing_file_is_the_empty_config() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (config, warnings) = load(&dir.path().join("none.toml")).expect("missing is fine");
        assert_eq!(config, Config::default());
        assert!(warnings.is_empty());
    }
}

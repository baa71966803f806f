//! The config file: `$XDG_CONFIG_HOME/qwen-story/config.toml` (see the contract's "Config file").

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One followed feed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FeedEntry {
    pub url: String,
    pub name: Option<String>,
}

/// Every section is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub feeds: Vec<FeedEntry>,
    pub theme: Option<String>,
    /// Action → keys.
    pub keys: BTreeMap<String, Vec<String>>,
    pub mouse: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}: cannot be read: {1}")]
    Read(String, std::io::Error),
    #[error("{path}:{line}: does not parse: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

/// `$XDG_CONFIG_HOME/qwen-story/config.toml`, default `~/.config/qwen-story/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(v) if !v.is_empty() && Path::new(&v).is_absolute() => PathBuf::from(v),
        _ => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".config"),
    };
    Some(base.join("qwen-story").join("config.toml"))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct RawTheme {
    name: Option<String>,
}

/// Loads the file (a missing file is the empty config) and one warning per unknown key.
pub fn load(path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(ConfigError::Read(shown, e)),
    };
    let parse_error = |e: toml::de::Error| ConfigError::Parse {
        path: shown.clone(),
        line: e
            .span()
            .map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1),
        message: e.message().trim().to_string(),
    };
    let table: toml::Table = toml::from_str(&text).map_err(parse_error)?;
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let mut unknown = |key: &str| warnings.push(format!("{shown}: unknown key `{key}`"));
    for (key, value) in table {
        match key.as_str() {
            "feeds" => {
                let list: Vec<toml::Table> = value.try_into().map_err(parse_error)?;
                for feed in list {
                    for k in feed.keys().filter(|k| !matches!(k.as_str(), "url" | "name")) {
                        unknown(&format!("feeds.{k}"));
                    }
                    let entry: FeedEntry = toml::Value::Table(feed).try_into().map_err(parse_error)?;
                    config.feeds.push(entry);
                }
            }
            "theme" => {
                if let Some(t) = value.as_table() {
                    for k in t.keys().filter(|k| k.as_str() != "name") {
                        unknown(&format!("theme.{k}"));
                    }
                }
                let theme: RawTheme = value.try_into().map_err(parse_error)?;
                config.theme = theme.name;
            }
            "keys" => {
                let keys: BTreeMap<String, Keys> = value.try_into().map_err(parse_error)?;
                config.keys = keys
                    .into_iter()
                    .map(|(action, k)| match k {
                        Keys::One(k) => (action, vec![k]),
                        Keys::Many(ks) => (action, ks),
                    })
                    .collect();
            }
            "mouse" => config.mouse = Some(value.try_into().map_err(parse_error)?),
            other => unknown(other),
        }
    }
    Ok((config, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_section_and_warns_of_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "mouse = false\ncolour = 1\n[[feeds]]\nurl = \"https://a.example/rss\"\nname = \"A\"\n\
             [theme]\nname = \"light\"\n[keys]\nquit = [\"q\", \"ctrl-c\"]\nhelp = \"?\"\n",
        )
        .unwrap();
        let (c, w) = load(&path).unwrap();
        assert_eq!(c.feeds[0].url, "https://a.example/rss");
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.keys["quit"], vec!["q", "ctrl-c"]);
        assert_eq!(c.keys["help"], vec!["?"]);
        assert_eq!(c.mouse, Some(false));
        assert_eq!(w.len(), 1);
        assert!(w[0].ends_with("unknown key `colour`"), "{w:?}");
        assert_eq!(load(&dir.path().join("none.toml")).unwrap().0, Config::default());
        std::fs::write(&path, "[theme]\nname = \"x\"\n[[feeds]]\nurl = \n").unwrap();
        let e = load(&path).unwrap_err().to_string();
        assert!(e.contains("config.toml:4:"), "{e}");
    }
}

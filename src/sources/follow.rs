//! `follow` / `unfollow`: the `[[feeds]]` of the config file, edited in place (toml_edit keeps
//! the user's comments, order and layout).

use std::path::Path;
use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    #[error("{0}: cannot be read: {1}")]
    Read(String, std::io::Error),
    #[error("{path}:{line}: does not parse: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{0}: `feeds` is not a list of [[feeds]] tables")]
    Shape(String),
    #[error("{0}: cannot be written: {1}")]
    Write(String, std::io::Error),
}

/// What a `follow` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Followed {
    Added,
    /// Already followed; the name was set or left.
    AlreadyThere,
}

fn read(path: &Path) -> Result<DocumentMut, FollowError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(FollowError::Read(path.display().to_string(), e)),
    };
    text.parse::<DocumentMut>().map_err(|e| FollowError::Parse {
        path: path.display().to_string(),
        line: e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        }),
        message: e.message().trim().to_string(),
    })
}

fn feeds<'a>(doc: &'a mut DocumentMut, path: &Path) -> Result<&'a mut ArrayOfTables, FollowError> {
    let item = doc
        .entry("feeds")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut()
        .ok_or_else(|| FollowError::Shape(path.display().to_string()))
}

/// Writes the whole file under a temporary name and renames it over the old one.
fn write(path: &Path, doc: &DocumentMut) -> Result<(), FollowError> {
    let err = |e| FollowError::Write(path.display().to_string(), e);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".config-")
        .tempfile_in(dir)
        .map_err(err)?;
    std::io::Write::write_all(&mut tmp, doc.to_string().as_bytes()).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Adds a feed (or names one already followed).
pub fn follow(path: &Path, url: &str, name: Option<&str>) -> Result<Followed, FollowError> {
    let mut doc = read(path)?;
    let list = feeds(&mut doc, path)?;
    let existing = list
        .iter_mut()
        .find(|t| t.get("url").and_then(Item::as_str) == Some(url));
    let outcome = match existing {
        Some(table) => {
            if let Some(name) = name {
                table["name"] = value(name);
            }
            Followed::AlreadyThere
        }
        None => {
            let mut table = Table::new();
            table["url"] = value(url);
            if let Some(name) = name {
                table["name"] = value(name);
            }
            list.push(table);
            Followed::Added
        }
    };
    write(path, &doc)?;
    Ok(outcome)
}

/// Removes the feeds whose url or name is `which`; returns the urls removed.
pub fn unfollow(path: &Path, which: &str) -> Result<Vec<String>, FollowError> {
    let mut doc = read(path)?;
    let list = feeds(&mut doc, path)?;
    let mut removed = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let table = list.get(i).expect("index in range");
        let url = table
            .get("url")
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string();
        let name = table.get("name").and_then(Item::as_str);
        if url == which || name == Some(which) {
            list.remove(i);
            removed.push(url);
        } else {
            i += 1;
        }
    }
    if !removed.is_empty() {
        write(path, &doc)?;
    }
    Ok(removed)
}

fn config_path() -> anyhow::Result<std::path::PathBuf> {
    crate::config::default_path()
        .ok_or_else(|| anyhow::anyhow!("no config folder: neither XDG_CONFIG_HOME nor HOME is set"))
}

/// `qwen-story follow URL [--name NAME]` / `follow --list`.
pub fn run_follow(args: &crate::cli::FollowArgs) -> anyhow::Result<std::process::ExitCode> {
    use crate::sanitize::sanitize_line;
    let path = config_path()?;
    if args.list {
        let (config, warnings) = crate::config::load(&path)?;
        for w in warnings {
            crate::console::warn(format_args!("qwen-story: warning: {}", sanitize_line(&w)));
        }
        if config.feeds.is_empty() {
            crate::console::say(format_args!(
                "no feeds followed; add one with `qwen-story follow URL`"
            ));
        }
        for feed in config.feeds {
            match feed.name {
                Some(name) => crate::console::say(format_args!(
                    "{}",
                    sanitize_line(&format!("{}  ({name})", feed.url))
                )),
                None => crate::console::say(format_args!("{}", sanitize_line(&feed.url))),
            }
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let url = args.url.as_deref().unwrap_or_default().trim();
    if !super::fetch::is_url(url) {
        anyhow::bail!("`{}` is not an http(s) URL", sanitize_line(url));
    }
    // Refuse to rewrite a file that does not read (its errors name file and line).
    crate::config::load(&path)?;
    let shown = sanitize_line(url);
    match follow(&path, url, args.name.as_deref())? {
        Followed::Added => {
            crate::console::say(format_args!("following {shown} (in {})", path.display()));
        }
        Followed::AlreadyThere => crate::console::say(format_args!("already following {shown}")),
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// `qwen-story unfollow URL|NAME`; exit 1 when no feed is known by it.
pub fn run_unfollow(which: &str) -> anyhow::Result<std::process::ExitCode> {
    use crate::sanitize::sanitize_line;
    let path = config_path()?;
    let removed = unfollow(&path, which.trim())?;
    if removed.is_empty() {
        crate::console::warn(format_args!(
            "qwen-story: no followed feed has the URL or name `{}`",
            sanitize_line(which)
        ));
        return Ok(std::process::ExitCode::from(1));
    }
    for url in removed {
        crate::console::say(format_args!("no longer following {}", sanitize_line(&url)));
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let original = "# my settings\n[theme]\nname = \"light\" # easier on the eyes\n\n\
            [[feeds]]\nurl = \"https://a.example/rss\" # first\n\n[keys]\nquit = [\"q\"]\n";
        std::fs::write(&path, original).unwrap();
        assert_eq!(
            follow(&path, "https://b.example/atom", Some("B")).unwrap(),
            Followed::Added
        );
        assert_eq!(
            follow(&path, "https://b.example/atom", None).unwrap(),
            Followed::AlreadyThere
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# my settings\n[theme]\nname = \"light\" # easier on the eyes\n"),
            "{text}"
        );
        assert!(
            text.contains("url = \"https://a.example/rss\" # first"),
            "{text}"
        );
        let a = text.find("a.example").unwrap();
        let b = text.find("b.example").unwrap();
        assert!(a < b && text.contains("name = \"B\""), "{text}");
        assert_eq!(
            unfollow(&path, "B").unwrap(),
            vec!["https://b.example/atom".to_string()]
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
        assert!(unfollow(&path, "nothing").unwrap().is_empty());
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[theme]\nname = \n").unwrap();
        let e = follow(&path, "https://x.example", None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("config.toml:2:"), "{e}");
    }
}

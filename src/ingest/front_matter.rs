//! The front matter written with each article: the input's own, the flags', read back checked.

use super::{safe_stem, Metadata};
use crate::corpus::{self, Article};

/// The input's own front matter as a TOML table (empty without one), keeping every key it has.
pub(super) fn front_matter_table(text: &str, body: &str) -> Result<toml::Table, String> {
    // What precedes the body is nothing, or `+++`, the block, `+++`.
    let header = text
        .strip_suffix(body)
        .ok_or("the body is not the end of the file")?;
    let block = header
        .split_inclusive('\n')
        .skip(1)
        .collect::<Vec<_>>()
        .split_last()
        .map(|(_closing_fence, lines)| lines.concat())
        .unwrap_or_default();
    toml::from_str(&block).map_err(|e| e.message().to_string())
}

/// Sets what the flags say, and what the input leaves unsaid that can be found out.
pub(super) fn fill_front_matter(front: &mut toml::Table, meta: &Metadata, article: &Article) {
    let has_published = front.contains_key("published");
    let mut set = |key: &str, value: String| {
        front.insert(key.into(), toml::Value::String(value));
    };
    if let Some(date) = &meta.published {
        set("published", date.clone());
    } else if !has_published {
        // Written down, so the date no longer depends on how the header is read.
        let date = article
            .published
            .or_else(|| corpus::furniture::header_date(&article.body));
        if let Some(date) = date {
            set("published", date.to_string());
        }
    }
    // `article.lang` is the input's own, or detected from the body.
    set(
        "lang",
        meta.lang.clone().unwrap_or_else(|| article.lang.clone()),
    );
    if let Some(outlet) = &meta.outlet {
        set("outlet", outlet.clone());
    }
    if let Some(url) = &meta.url {
        set("url", url.clone());
    }
}

/// The file's text; checked to read back with the same front matter and body.
pub(super) fn file_text(front: &toml::Table, body: &str) -> Result<String, String> {
    let toml = toml::to_string(front).map_err(|e| e.to_string())?;
    let newline = if toml.ends_with('\n') { "" } else { "\n" };
    let text = format!("+++\n{toml}{newline}+++\n{body}");
    match corpus::split_front_matter(&text) {
        Ok((_, read_body, _)) if read_body == body => {}
        Ok(_) => return Err("the body would not start where it should".into()),
        Err(e) => return Err(e.message),
    }
    match front_matter_table(&text, body) {
        Ok(back) if &back == front => Ok(text),
        Ok(_) => Err("it would not read back the same".into()),
        Err(e) => Err(e),
    }
}

/// The name the file is derived from: the input's id, else its file name (or a page's date and
/// title), else its title.
pub(super) fn file_stem_for(
    hint: Option<String>,
    front: &toml::Table,
    article: &Article,
) -> String {
    let id = front
        .get("id")
        .and_then(toml::Value::as_str)
        .map(String::from);
    let file_stem = hint;
    let title = Some(article.title.to_lowercase());
    // The first that leaves something once made safe (an id of `..` leaves nothing).
    [id, file_stem, title]
        .into_iter()
        .flatten()
        .map(|raw| safe_stem(&raw))
        .find(|stem| !stem.is_empty())
        .unwrap_or_else(|| "article".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keeps_unknown_keys_and_escapes_strings() {
        let text = "+++\nid = \"x\"\nauthor = \"Ana\"\n+++\nBody\n";
        let mut front = front_matter_table(text, "Body\n").unwrap();
        assert_eq!(front["author"].as_str(), Some("Ana"));
        let outlet = "Quote \" and \\ \u{7}\nnewline";
        front.insert("outlet".into(), toml::Value::String(outlet.into()));
        let written = file_text(&front, "Body\n").unwrap();
        let (fm, body, _) = corpus::split_front_matter(&written).unwrap();
        assert_eq!(body, "Body\n");
        assert_eq!(fm.outlet.as_deref(), Some(outlet));
        // A value whose own line would close the front matter is refused, not written broken.
        front.insert("outlet".into(), toml::Value::String("a\n+++\nb".into()));
        assert!(file_text(&front, "Body\n").is_err());
    }
}

//! Whether a text concerns the story: it names its subject (`subject` in `assets/story.toml`).

use regex::Regex;
use std::sync::LazyLock;

/// One case-insensitive pattern over every phrase; `qwen*` matches Qwen3 and Qwen-VL too.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    let story = crate::extract::Story::bundled();
    let alternatives: Vec<String> = story
        .subject
        .iter()
        .map(|phrase| match phrase.strip_suffix('*') {
            Some(stem) => format!(r"\b{}\w*", regex::escape(stem)),
            None => format!(r"\b{}\b", regex::escape(phrase)),
        })
        .collect();
    Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))).expect("subject phrases are text")
});

/// Whether `text` names the story's subject.
pub fn mentions_subject(text: &str) -> bool {
    SUBJECT.is_match(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn subject_names_are_found_in_any_case_and_form() {
        assert!(super::mentions_subject("Les modèles QWEN3 progressent"));
        assert!(super::mentions_subject("Die Alibaba-Aktie steigt"));
        assert!(!super::mentions_subject("DeepSeek releases a new model"));
        assert!(!super::mentions_subject("a squawk in the park"));
    }
}

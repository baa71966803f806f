//! Release rule: a launch of the subject's model or app, and the names it launches.

use crate::extract::assemble::SentenceCtx;
use crate::extract::items::{at_most_words, release_name, Item, What};
use crate::extract::lexicon::Term;
use crate::extract::{Fact, Kind};

impl SentenceCtx<'_, '_> {
    /// "stellte ... QwQ-32B vor", "Lancée ... l'application Qwen": a launch of the subject's.
    pub(in crate::extract) fn release(&self) -> Option<Fact> {
        let items = self.items();
        let verb = items
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Release)))
            .or_else(|| self.announced_model())?;
        let mut found: Vec<(&str, usize)> = Vec::new();
        for (k, item) in items.iter().enumerate() {
            match item.what {
                What::Product => found.push((&self.body[item.start..item.end], item.end)),
                What::Terms(_) if item.has(|t| matches!(t, Term::ModelWord)) => {
                    if let Some(name) = self.named_after(item.end) {
                        if self.about_subject(item.start)
                            && items[k + 1..].first().is_none_or(|n| n.rival().is_none())
                        {
                            found.push(name);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut names: Vec<String> = Vec::new();
        let mut implied = false;
        let mut end = verb.end;
        for (name, e) in found {
            let name = release_name(name, &self.story.product_prefixes);
            if !names.contains(&name) {
                names.push(name);
            }
            end = end.max(e);
        }
        // "lanzó su modelo de inteligencia artificial", "a dévoilé lundi son modèle": the
        // subject launches a model it does not name here; it is the one the article is about.
        if names.is_empty() && self.about_subject(verb.start) {
            // The object after the verb, or before it where the verb ends the clause
            // ("hat sein KI-Modell vorgestellt").
            // Any launch word of the sentence may govern it: "pledged to introduce AI ... as
            // it launched its model".
            // Only the nearest launch word on each side can be close enough: found by search,
            // so that a sentence of many such words stays linear.
            let verbs: Vec<&Item<'_>> = items
                .iter()
                .filter(|i| i.has(|t| matches!(t, Term::Release)))
                .collect();
            let governs = |verb: &Item<'_>, i: &Item<'_>| {
                self.p.same_clause(verb.start, i.start)
                    && (i.start > verb.end && at_most_words(self.body, verb.end, i.start, 6)
                        || i.end <= verb.start && at_most_words(self.body, i.end, verb.start, 6))
            };
            let object = items.iter().find(|i| {
                if !i.has(|t| matches!(t, Term::ModelWord)) {
                    return false;
                }
                let after = verbs.partition_point(|v| v.start < i.start);
                let before = after.checked_sub(1).map(|k| verbs[k]);
                before
                    .into_iter()
                    .chain(verbs.get(after).copied())
                    .any(|verb| governs(verb, i))
            });
            if let (Some(object), Some(main)) = (object, self.main_product) {
                names.push(main.to_string());
                end = end.max(object.end);
                implied = true;
            }
        }
        // "l'application Qwen", "the Qwen app": the subject's app, not the model family.
        let app_word = items.iter().find(|i| i.has(|t| matches!(t, Term::App)));
        if let Some(app) = app_word {
            let next_to_app = |i: &Item<'_>| {
                matches!(i.what, What::Product)
                    && self
                        .story
                        .product_prefixes
                        .iter()
                        .any(|p| *p == self.body[i.start..i.end])
                    && at_most_words(self.body, app.end.min(i.end), app.start.max(i.start), 1)
            };
            if let Some(subject) = items.iter().find(|i| next_to_app(i)) {
                let bare = &self.body[subject.start..subject.end];
                names.retain(|n| n != bare);
                if names.is_empty() {
                    names.push(format!("{} app", self.story.product));
                    end = end.max(subject.end.max(app.end));
                }
            }
        }
        if names.is_empty() {
            return None;
        }
        // A bare family name ("Qwen") is launched only when the launch word stands right by it
        // in the same clause and the sentence dates it ("Desde o lançamento do Qwen em 2023"):
        // otherwise "press release", "apresenta" or "desde su lanzamiento" would launch it.
        let bare = |n: &String| self.story.product_prefixes.iter().any(|p| p == n);
        if names.iter().all(bare) && !names.iter().any(|n| n.ends_with(" app")) && !implied {
            let close = items
                .iter()
                .filter(|i| matches!(i.what, What::Product))
                .any(|p| {
                    at_most_words(self.body, verb.end.min(p.end), verb.start.max(p.start), 2)
                        && self.p.same_clause(verb.start, p.start)
                });
            if !close || self.p.dates.is_empty() {
                return None;
            }
        }
        // A bare family name next to more specific ones adds nothing ("the Qwen team released
        // QwQ-32B" releases QwQ-32B), nor does a name another one extends.
        let any_specific = names.iter().any(|n| !bare(n));
        let specific: Vec<String> = names
            .iter()
            .filter(|n| !(any_specific && bare(n)))
            .filter(|n| {
                !names
                    .iter()
                    .any(|m| m != *n && m.starts_with(n.as_str()) && m[n.len()..].starts_with('-'))
            })
            .cloned()
            .collect();
        if !self.about_subject(verb.start) && !items.iter().any(|i| matches!(i.what, What::Product))
        {
            return None;
        }
        let first_name = items
            .iter()
            .filter(|i| matches!(i.what, What::Product))
            .map(|i| i.start)
            .min()
            .unwrap_or(verb.start);
        let span = (verb.start.min(first_name), end.max(verb.end));
        Some(self.event(Kind::Release, specific, span, verb.start, true))
    }

    /// "ao anunciar seu mais recente modelo": an announcing word with a model word a few
    /// words after it, in its clause, launches that model.
    fn announced_model(&self) -> Option<&Item<'_>> {
        // One pass: each model word is checked against the announcing word last seen.
        let mut last: Option<&Item<'_>> = None;
        for item in self.items() {
            if let Some(a) = last.filter(|a| item.start > a.end) {
                if item.has(|t| matches!(t, Term::ModelWord))
                    && self.p.same_clause(a.end, item.start)
                    && at_most_words(self.body, a.end, item.start, 4)
                {
                    return Some(a);
                }
            }
            if item.has(|t| matches!(t, Term::Announce)) {
                last = Some(item);
            }
        }
        None
    }

    /// A capitalised name right after `pos` with a digit or hyphen: "Baguan-Seasonal", "QwQ-32B".
    fn named_after(&self, pos: usize) -> Option<(&str, usize)> {
        let rest = self.body.get(pos..self.p.sentence.end)?;
        let trimmed = rest.trim_start();
        let offset = pos + rest.len() - trimmed.len();
        if offset - pos > 2 {
            return None;
        }
        let len = trimmed
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric()
                    || ((c == '-' || c == '.')
                        && trimmed[i + 1..].starts_with(|n: char| n.is_alphanumeric())))
            })
            .map_or(trimmed.len(), |(i, _)| i);
        let word = &trimmed[..len];
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let shaped = word.contains('-') || word.chars().any(|c| c.is_ascii_digit());
        (capital && shaped && word.len() >= 3).then_some((word, offset + len))
    }
}

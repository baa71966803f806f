//! Partnership rule: the subject partnering with a known partner or a rival.

use crate::extract::assemble::SentenceCtx;
use crate::extract::items::at_most_words;
use crate::extract::lexicon::Term;
use crate::extract::{Fact, Kind};

impl SentenceCtx<'_, '_> {
    /// "Partnerschaft mit ... Butterfly Effect", "Kooperation mit Apple".
    pub(in crate::extract) fn partnership(&self) -> Option<Fact> {
        let text = &self.body[self.p.sentence.start..self.p.sentence.end];
        if text.trim_end().ends_with('?') {
            return None;
        }
        let items = self.items();
        let word = items
            .iter()
            .find(|i| i.has(|t| matches!(t, Term::Partnership)))?;
        // A known partner anywhere in the sentence, else a rival named right after the
        // partnership word (rivals partner too: "a partnership with Nvidia").
        let (name, at) = if let Some(p) = items.iter().find(|i| i.partner().is_some()) {
            (self.story.partners[p.partner()?].name.clone(), p)
        } else {
            let r = items.iter().find(|i| {
                i.start > word.end
                    && i.rival().is_some()
                    && at_most_words(self.body, word.end, i.start, 2)
            })?;
            (self.story.rivals[r.rival()?].name.clone(), r)
        };
        if !self.about_subject(word.start.min(at.start)) {
            return None;
        }
        let span = (word.start.min(at.start), word.end.max(at.end));
        Some(self.event(Kind::Partnership, vec![name], span, word.start, false))
    }
}

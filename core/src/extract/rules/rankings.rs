//! Ranking rule: the subject overtaking a rival, or the next few combined.

use crate::extract::assemble::SentenceCtx;
use crate::extract::items::{at_most_words, Item, ParsedSentence};
use crate::extract::lexicon::Term;
use crate::extract::{Fact, Kind};

impl SentenceCtx<'_, '_> {
    /// "ultrapassar ... Llama": the subject overtakes a rival, or the next N combined.
    pub(in crate::extract) fn ranking(&self) -> Option<Fact> {
        let items = self.items();
        let at = items
            .iter()
            .position(|i| i.has(|t| matches!(t, Term::Overtake)))?;
        let verb = &items[at];
        // Who overtakes is named before the verb (or the paragraph is about them), the rival
        // after it; in verb-final clauses ("Qwen hatte das Llama-Modell von Meta überholt")
        // both come before, the subject first.
        let first_subject = items[..at].iter().position(Item::is_subject);
        let (subject_acts, rivals_from) = match self.entity_before(verb.start) {
            None => (self.inherited, at + 1),
            Some(i) if i.is_subject() => (true, at + 1),
            Some(_) => match first_subject {
                Some(s) if items[s + 1..at].iter().all(|i| !i.is_subject()) => (true, s + 1),
                _ => (false, at + 1),
            },
        };
        if !subject_acts {
            return None;
        }
        let after = &items[rivals_from..];
        let mut fact = if let Some(first) = after.iter().position(|i| i.rival().is_some()) {
            // "Meta's Llama": the product named right after its owner is the one overtaken.
            let owner = &self.story.rivals[after[first].rival()?];
            let product = after[first + 1..]
                .iter()
                .find(|i| i.rival().is_some())
                .filter(|i| {
                    let r = &self.story.rivals[i.rival().unwrap_or(0)];
                    r.owner.as_deref() == Some(owner.name.as_str())
                        && at_most_words(self.body, after[first].end, i.start, 2)
                });
            let rival = product.unwrap_or(&after[first]);
            let r = &self.story.rivals[rival.rival()?];
            let span = (verb.start.min(rival.start), verb.end.max(rival.end));
            self.event(Kind::Ranking, vec![r.name.clone()], span, verb.start, false)
        } else {
            after
                .iter()
                .find(|i| i.has(|t| matches!(t, Term::Combined)))?;
            let n = after
                .iter()
                .find(|i| i.number_value().is_some_and(|v| (2.0..=100.0).contains(&v)))?;
            let count = n.number_value()?;
            let mut f = self.event(
                Kind::Ranking,
                vec![format!("{count}")],
                (verb.start, n.end),
                verb.start,
                false,
            );
            f.series = Some("combined".into());
            f
        };
        let mentions_downloads = |p: &ParsedSentence<'_, '_>| {
            p.items
                .iter()
                .any(|i| i.has(|t| matches!(t, Term::Unit(Kind::Downloads))))
        };
        let recent = self.previous.iter().rev().take(3);
        if self.has_term(|t| matches!(t, Term::App)) {
            fact.topic = Some("app".into());
        } else if mentions_downloads(self.p) || recent.into_iter().any(mentions_downloads) {
            fact.topic = Some("downloads".into());
        }
        Some(fact)
    }
}

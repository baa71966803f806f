//! The Sources view's state: stepping through sources, scrolling, the reader, copy and open.

use super::{Action, App};
use crate::ui::layout;

impl App {
    /// Scrolls the Sources text (the source list, or the open article), within its length.
    pub(super) fn scroll_text(&mut self, by: isize) {
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = crate::ui::sources::text_area(self, body);
        let max = crate::ui::sources::max_scroll(self, area);
        let scroll = match self.reader.as_mut() {
            Some(s) => s,
            None => &mut self.source_scroll,
        };
        *scroll = (*scroll as isize).saturating_add(by).clamp(0, max as isize) as usize;
    }

    pub(super) fn source_count(&self) -> usize {
        self.selected
            .and_then(|i| self.timeline.milestones.get(i))
            .map_or(0, |m| m.sources.len())
    }

    /// `←`/`→` in Sources: the previous or next source, scrolled into view (in the reader,
    /// that source's article).
    pub(super) fn step_source(&mut self, by: isize) {
        let count = self.source_count();
        if count == 0 {
            return;
        }
        self.source = (self.source as isize + by).clamp(0, count as isize - 1) as usize;
        if self.reader.is_some() {
            self.open_reader();
            return;
        }
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = crate::ui::sources::text_area(self, body);
        let doc = crate::ui::sources::source_list(self, area.width);
        let top = doc.starts.get(self.source).copied().unwrap_or(0);
        let end = doc
            .starts
            .get(self.source + 1)
            .copied()
            .unwrap_or(doc.lines.len());
        let height = area.height as usize;
        // Scroll only when the source is not wholly on screen.
        if top < self.source_scroll || end > self.source_scroll + height {
            self.source_scroll = top.min(crate::ui::sources::max_scroll(self, area));
        }
    }

    /// `Enter` in Sources: the current source's whole article, scrolled to the quote.
    pub(super) fn open_reader(&mut self) {
        if self.source_count() == 0 {
            return;
        }
        let frame = self.frame();
        self.reader = Some(0);
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let area = crate::ui::sources::text_area(self, body);
        let doc = crate::ui::sources::article_doc(self, area.width);
        // The quote a third of the way down: some of what leads to it stays in view.
        let top = doc.quote_row.saturating_sub(area.height as usize / 3);
        self.reader = Some(top.min(doc.lines.len().saturating_sub(area.height as usize)));
    }

    /// The selected milestone and its current source.
    pub fn current_source(
        &self,
    ) -> Option<(&crate::timeline::Milestone, &crate::timeline::Source)> {
        let m = self.timeline.milestones.get(self.selected?)?;
        let s = m
            .sources
            .get(self.source.min(m.sources.len().saturating_sub(1)))?;
        Some((m, s))
    }

    pub(super) fn copy(&mut self) -> Action {
        let Some((m, s)) = self.current_source() else {
            self.status = Some("nothing to copy: no milestone selected".into());
            return Action::Redraw;
        };
        let article = self.timeline.articles.get(s.article_index);
        let citation = crate::ui::sources::citation(m, s, article);
        Action::Copy(citation)
    }

    pub(super) fn open(&mut self) -> Action {
        let Some((_, s)) = self.current_source() else {
            self.status = Some("nothing to open: no milestone selected".into());
            return Action::Redraw;
        };
        let url = self
            .timeline
            .articles
            .get(s.article_index)
            .and_then(|a| a.url.clone());
        match url {
            Some(url) if crate::ui::effects::is_web_url(&url) => Action::Open(url),
            Some(url) => {
                self.status = Some(format!(
                    "not opened: only http(s) URLs are, this source's is {}",
                    crate::sanitize::sanitize_line(&url)
                ));
                Action::Redraw
            }
            None => {
                self.status = Some("this source has no URL".into());
                Action::Redraw
            }
        }
    }
}

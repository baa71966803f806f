//! The selection and the lists: the filter, moving row by row, following it, month groups.

use super::{App, Row};
use crate::date::PartialDate;
use crate::extract::Kind;
use crate::timeline::Timeline;
use crate::ui::layout;

impl App {
    /// Next kind present in the timeline, then back to all kinds.
    pub(super) fn cycle_filter(&mut self) {
        let present: Vec<Kind> = Kind::ALL
            .into_iter()
            .filter(|k| self.timeline.milestones.iter().any(|m| m.kind == *k))
            .collect();
        let next = match self
            .filter
            .and_then(|f| present.iter().position(|k| *k == f))
        {
            None => present.first().copied(),
            Some(p) => present.get(p + 1).copied(),
        };
        self.set_filter(next);
    }

    pub(super) fn cycle_chart(&mut self, by: isize) {
        let n = self.derived.charts.len().max(1) as isize;
        self.chart = (self.chart as isize % n + by).rem_euclid(n) as usize;
    }

    /// The position of a milestone in `visible`.
    pub(super) fn position(&self, index: usize) -> Option<usize> {
        // Sorted: the timeline's undated milestones come after its dated ones.
        self.visible.binary_search(&index).ok()
    }

    /// The position a row of the current view's list stands for: the Dashboard lists the
    /// dated milestones newest first, then the undated; other lists are in timeline order.
    fn to_row(&self, position: usize) -> usize {
        if self.list_reversed() && position < self.dated {
            self.dated - 1 - position
        } else {
            position
        }
    }

    /// Moves the selection `by` rows of the list as it is drawn (down is positive).
    pub(super) fn move_rows(&mut self, by: isize) {
        if self.visible.is_empty() {
            return;
        }
        let n = self.visible.len() as isize;
        let row = self
            .selected
            .and_then(|s| self.position(s))
            .map_or(0, |p| self.to_row(p)) as isize;
        let row = row.saturating_add(by).clamp(0, n - 1) as usize;
        // to_row is its own inverse.
        let position = self.to_row(row);
        self.set_selected(Some(self.visible[position]));
    }

    pub(super) fn set_selected(&mut self, selected: Option<usize>) {
        if selected != self.selected {
            self.source_scroll = 0;
            self.source = 0;
            self.reader = None;
        }
        self.selected = selected;
        // The Charts view follows the selection's series.
        if let Some(&c) = selected.and_then(|s| self.derived.chart_of.get(&s)) {
            self.chart = c;
        }
        self.follow();
    }

    /// Keeps the selection on screen in both lists, moving each as little as possible.
    pub(super) fn follow(&mut self) {
        let frame = self.frame();
        if layout::too_small(frame) {
            return;
        }
        let body = layout::areas(self, frame).body;
        let selected = self.selected;
        let dash_height = crate::ui::dashboard::list_inner(self, body).height as usize;
        if let Some(row) = selected.and_then(|s| crate::ui::dashboard::row_of(self, s)) {
            self.dash_offset = layout::keep_in_view(
                self.dash_offset,
                row,
                crate::ui::dashboard::row_count(self),
                dash_height,
            );
        }
        let tl_height = layout::timeline_list(body).height as usize;
        if let Some(row) = selected.and_then(|s| layout::selected_row(&self.rows, s)) {
            self.timeline_offset =
                layout::keep_in_view(self.timeline_offset, row, self.rows.len(), tl_height);
        }
    }

    /// The visible milestone closest in timeline order to `index`.
    pub(super) fn nearest_visible(&self, index: usize) -> Option<usize> {
        let p = self.visible.partition_point(|&v| v < index);
        self.visible
            .get(p)
            .or_else(|| p.checked_sub(1).and_then(|q| self.visible.get(q)))
            .copied()
    }

    pub(super) fn refresh_rows(&mut self) {
        let filter = self.filter;
        self.visible = self
            .timeline
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| filter.is_none_or(|k| m.kind == k))
            .map(|(i, _)| i)
            .collect();
        // The timeline puts undated milestones last; counted so lists can group them.
        self.dated = self
            .visible
            .partition_point(|&i| self.timeline.milestones[i].date.is_some());
        self.rows = group_rows(&self.timeline, &self.visible);
    }
}

/// Interleaves month headings with the milestones.
fn group_rows(timeline: &Timeline, visible: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(visible.len() + visible.len() / 4 + 1);
    let mut current: Option<Option<PartialDate>> = None;
    for &i in visible {
        let group = timeline.milestones[i].date.map(PartialDate::to_month);
        if current != Some(group) {
            rows.push(Row::Group(group));
            current = Some(group);
        }
        rows.push(Row::Milestone(i));
    }
    rows
}

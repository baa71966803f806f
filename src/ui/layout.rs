//! Where things are on the frame: shared by drawing and by mouse hit-testing, so a click
//! lands on what was drawn.

use super::app::{App, Row, View};
use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest frame the views can be drawn in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The parts of a frame.
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    /// The reload-error line, when there is one.
    pub warning: Option<Rect>,
    pub footer: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn areas(app: &App, area: Rect) -> Areas {
    let warning_rows = u16::from(app.reload_error().is_some());
    let [header, tabs, body, warning, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(warning_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        tabs,
        body,
        warning: (warning_rows > 0).then_some(warning),
        footer,
    }
}

/// The label of a view's tab, e.g. ` 3 Timeline `.
pub fn tab_label(index: usize, view: View) -> String {
    format!(" {} {} ", index + 1, view.title())
}

/// The x range of each tab on the tabs line.
pub fn tab_spans(tabs: Rect) -> Vec<(View, u16, u16)> {
    let mut x = tabs.x;
    View::ALL
        .iter()
        .enumerate()
        .map(|(i, view)| {
            let width = tab_label(i, *view).chars().count() as u16;
            let span = (*view, x, x.saturating_add(width));
            x = x.saturating_add(width + 1);
            span
        })
        .collect()
}

/// Rows kept between the selection and the list's edge when it can.
const SCROLL_OFF: usize = 2;

/// The first row to draw so that `row` is on screen, moving `offset` as little as possible.
/// The state keeps the offset and the frame applies this again for its own height, so the
/// frame stays a pure function of the state and a list never jumps under the pointer.
pub fn keep_in_view(offset: usize, row: usize, count: usize, height: usize) -> usize {
    if height == 0 || count <= height {
        return 0;
    }
    let margin = SCROLL_OFF.min(height.saturating_sub(1) / 2);
    let mut offset = offset.min(count - height);
    if row < offset + margin {
        offset = row.saturating_sub(margin);
    } else if row + margin >= offset + height {
        offset = (row + margin + 1).saturating_sub(height);
    }
    offset.min(count - height)
}

/// What a scrolled list or text has beyond its edges: ` ↑ 3 more · ↓ 12 more `.
pub fn more_marker(offset: usize, height: usize, count: usize) -> String {
    let above = offset;
    let below = count.saturating_sub(offset + height);
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("↑ {above} more above"));
    }
    if below > 0 {
        parts.push(format!("↓ {below} more below"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

/// The first row of the Timeline list to draw at this height.
pub fn list_offset(app: &App, height: usize) -> usize {
    let rows = app.rows();
    match app.selected().and_then(|s| selected_row(rows, s)) {
        Some(row) => keep_in_view(app.timeline_offset(), row, rows.len(), height),
        None => 0,
    }
}

/// The row of a milestone in the grouped rows, by binary search: rows are in milestone
/// order and a heading always comes right before a milestone, so it sorts with that one.
pub fn selected_row(rows: &[Row], selected: usize) -> Option<usize> {
    let key = |r: usize| match rows.get(r) {
        Some(Row::Milestone(i)) => Some(*i),
        Some(Row::Group(_)) => match rows.get(r + 1) {
            Some(Row::Milestone(i)) => Some(*i),
            _ => None,
        },
        None => None,
    };
    let (mut lo, mut hi) = (0, rows.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if key(mid).is_some_and(|i| i < selected) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..(lo + 2).min(rows.len())).find(|&r| rows[r] == Row::Milestone(selected))
}

/// The inner list area of the Timeline view (inside its border).
pub fn timeline_list(body: Rect) -> Rect {
    body.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 1,
    })
}

/// What a click landed on.
pub enum Hit {
    Tab(View),
    Milestone(usize),
}

pub fn hit(app: &App, area: Rect, column: u16, row: u16) -> Option<Hit> {
    if too_small(area) {
        return None;
    }
    let areas = areas(app, area);
    let inside = |r: Rect| column >= r.x && column < r.right() && row >= r.y && row < r.bottom();
    if inside(areas.tabs) {
        return tab_spans(areas.tabs)
            .into_iter()
            .find(|(_, from, to)| column >= *from && column < *to)
            .map(|(view, _, _)| Hit::Tab(view));
    }
    if app.view() == View::Dashboard {
        let inner = super::dashboard::list_inner(app, areas.body);
        if inside(inner) {
            let offset = super::dashboard::list_offset(app, inner.height as usize);
            return match super::dashboard::row_at(app, offset + (row - inner.y) as usize) {
                Some(super::dashboard::DashRow::Milestone(i)) => Some(Hit::Milestone(i)),
                _ => None,
            };
        }
    }
    if app.view() == View::Timeline {
        let list = timeline_list(areas.body);
        if inside(list) {
            let offset = list_offset(app, list.height as usize);
            return match app.rows().get(offset + (row - list.y) as usize) {
                Some(Row::Milestone(i)) => Some(Hit::Milestone(*i)),
                _ => None,
            };
        }
    }
    None
}

//! Where everything goes on screen, computed from the state alone. Drawing uses it, and the
//! mouse hit-tests against the last one, so what you click is what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Focus, View};

/// Rows a card takes (border, name, badges, border).
pub const CARD_HEIGHT: u16 = 4;
/// The narrowest a board column may get.
pub const MIN_COLUMN_WIDTH: u16 = 20;
/// Below this size the board says how large the terminal must be.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;
/// Width of one matrix cell.
pub const CELL_WIDTH: u16 = 6;
/// The detail panel's width when it sits beside the board.
const DETAIL_WIDTH: u16 = 40;

/// One visible board column and its visible cards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnLayout {
    /// Index into `App::columns`.
    pub column: usize,
    pub rect: Rect,
    /// (position in the column, where the card is drawn).
    pub cards: Vec<(usize, Rect)>,
    pub hidden_above: usize,
    pub hidden_below: usize,
}

/// One visible matrix cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CellLayout {
    pub responsibility: usize,
    pub department: usize,
    pub rect: Rect,
}

/// The rectangles of one frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    pub area: Rect,
    pub too_small: bool,
    pub header: Rect,
    pub main: Rect,
    pub detail: Option<Rect>,
    pub findings: Option<Rect>,
    pub status: Rect,
    /// First department column shown, after keeping the selection visible.
    pub column_offset: usize,
    /// Department columns scrolled out of view to the left and to the right.
    pub hidden_left: usize,
    pub hidden_right: usize,
    /// Edge strips of the first and last department columns where the board scrolls sideways
    /// (a click on the `◀N` / `N▶` marker, or a card dragged there), when there is more that way.
    pub scroll_left_zone: Option<Rect>,
    pub scroll_right_zone: Option<Rect>,
    /// How many department columns fit beside Unowned.
    pub department_slots: usize,
    pub columns: Vec<ColumnLayout>,
    /// Matrix: first row and first department shown, and the visible cells.
    pub matrix_row_offset: usize,
    pub matrix_column_offset: usize,
    pub matrix_rows: Vec<(usize, Rect)>,
    pub matrix_headers: Vec<(usize, Rect)>,
    pub cells: Vec<CellLayout>,
    /// Findings panel: first finding shown and the visible rows.
    pub findings_offset: usize,
    pub finding_rows: Vec<(usize, Rect)>,
}

impl ScreenLayout {
    /// The column a card held at the point would drop on: none on a sideways-scroll strip,
    /// which scrolls instead (so the column named is the one a release lands on).
    pub fn drop_column_at(&self, x: u16, y: u16) -> Option<usize> {
        let at = (x, y).into();
        let on_strip = [self.scroll_left_zone, self.scroll_right_zone]
            .into_iter()
            .flatten()
            .any(|zone| zone.contains(at));
        if on_strip { None } else { self.column_at(x, y) }
    }

    /// The board column whose area contains the point.
    pub fn column_at(&self, x: u16, y: u16) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.rect.contains((x, y).into()))
            .map(|c| c.column)
    }

    /// How many cards fit in one column.
    pub fn cards_per_column(&self) -> usize {
        usize::from(self.main.height.saturating_sub(2) / CARD_HEIGHT).max(1)
    }
}

/// Lays out a frame of `area` for `app`.
pub fn compute(app: &App, area: Rect) -> ScreenLayout {
    let mut layout = ScreenLayout {
        area,
        ..ScreenLayout::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        layout.too_small = true;
        return layout;
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    layout.header = header;
    layout.status = status;

    let wants_findings = app.focus == Focus::Findings || (app.show_findings && body.height >= 26);
    let findings_height = if body.height >= 26 {
        9
    } else {
        body.height / 2
    };
    let (upper, findings) = if wants_findings {
        let [upper, findings] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(findings_height)])
                .areas(body);
        (upper, Some(findings))
    } else {
        (body, None)
    };
    let wants_detail = app.focus == Focus::Detail || (app.show_detail && upper.width >= 100);
    let detail_width = if upper.width >= 100 {
        DETAIL_WIDTH
    } else {
        upper.width * 11 / 20
    };
    let (main, detail) = if wants_detail {
        let [main, detail] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(detail_width)])
                .areas(upper);
        (main, Some(detail))
    } else {
        (upper, None)
    };
    layout.main = main;
    layout.detail = detail;
    layout.findings = findings;
    match app.view {
        View::Board => board(app, &mut layout),
        View::Matrix => matrix(app, &mut layout),
        View::Spotlight | View::Load => {}
    }
    if let Some(panel) = findings {
        findings_rows(app, panel, &mut layout);
    }
    layout
}

/// Keeps `selected` within `[offset, offset + visible)`, moving the offset as little as possible.
pub fn keep_visible(offset: usize, selected: usize, visible: usize, total: usize) -> usize {
    let visible = visible.max(1);
    let mut offset = offset.min(total.saturating_sub(visible));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + visible {
        offset = selected + 1 - visible;
    }
    offset
}

fn board(app: &App, layout: &mut ScreenLayout) {
    let main = layout.main;
    let total = app.columns.len();
    let fit = usize::from(main.width / MIN_COLUMN_WIDTH).clamp(1, total.max(1));
    // Unowned is pinned first; the department columns scroll beside it.
    let departments = total.saturating_sub(1);
    let department_slots = fit.saturating_sub(1);
    let mut offset = app
        .column_offset
        .min(departments.saturating_sub(department_slots));
    // Keep the selection (or the keyboard drop target) in view; while the mouse drags a card,
    // the board scrolls only when asked (edge zones), so the view does not jump under the pointer.
    let focus_column = match &app.hand {
        Some(hand) if hand.grip == super::app::Grip::Keyboard => hand.target,
        Some(hand) if hand.dragging() => None,
        _ => Some(app.column),
    };
    layout.department_slots = department_slots;
    if let Some(focus_column) = focus_column.filter(|&c| c > 0 && department_slots > 0) {
        offset = keep_visible(offset, focus_column - 1, department_slots, departments);
    }
    layout.column_offset = offset;
    let mut shown: Vec<usize> = vec![0];
    shown.extend((1 + offset..total).take(department_slots));
    if let Some(focus_column) = focus_column.filter(|&c| fit == 1 && c > 0) {
        shown = vec![focus_column];
    }
    let shown_departments = shown.iter().filter(|&&c| c > 0).count();
    layout.hidden_left = shown.iter().find(|&&c| c > 0).map_or(0, |&c| c - 1);
    layout.hidden_right = departments.saturating_sub(layout.hidden_left + shown_departments);
    let constraints = vec![Constraint::Fill(1); shown.len()];
    let rects = Layout::horizontal(constraints).split(main);
    let department_rects: Vec<Rect> = shown
        .iter()
        .zip(rects.iter())
        .filter(|(c, _)| **c > 0)
        .map(|(_, r)| *r)
        .collect();
    if let (Some(first), true) = (department_rects.first(), layout.hidden_left > 0) {
        layout.scroll_left_zone = Some(Rect::new(
            first.x,
            first.y,
            2.min(first.width),
            first.height,
        ));
    }
    if let (Some(last), true) = (department_rects.last(), layout.hidden_right > 0) {
        let x = last.right().saturating_sub(2);
        layout.scroll_right_zone = Some(Rect::new(x, last.y, 2.min(last.width), last.height));
    }
    let per_column = layout.cards_per_column();
    for (&column, &rect) in shown.iter().zip(rects.iter()) {
        let cards = app.columns.get(column).map_or(0, |c| c.cards.len());
        let mut first = app.card_offsets.get(column).copied().unwrap_or(0);
        if column == app.column
            && let Some(selected) = app.selected_card()
        {
            first = keep_visible(first, selected, per_column, cards);
        }
        first = first.min(cards.saturating_sub(per_column));
        let inner_top = rect.y + 1;
        let card_rects = (first..cards.min(first + per_column))
            .enumerate()
            .map(|(slot, position)| {
                let y = inner_top + slot as u16 * CARD_HEIGHT;
                (
                    position,
                    Rect::new(rect.x + 1, y, rect.width.saturating_sub(2), CARD_HEIGHT),
                )
            })
            .collect::<Vec<_>>();
        layout.columns.push(ColumnLayout {
            column,
            rect,
            hidden_above: first,
            hidden_below: cards.saturating_sub(first + card_rects.len()),
            cards: card_rects,
        });
    }
}

/// Width of the matrix's name column for a main area of `width`.
pub fn matrix_name_width(width: u16) -> u16 {
    (width / 3).clamp(16, 34)
}

fn matrix(app: &App, layout: &mut ScreenLayout) {
    let main = layout.main;
    let ws = app.workspace();
    let inner = Rect::new(
        main.x + 1,
        main.y + 1,
        main.width.saturating_sub(2),
        main.height.saturating_sub(2),
    );
    let name_width = matrix_name_width(inner.width);
    let fit_columns = usize::from(inner.width.saturating_sub(name_width) / CELL_WIDTH).max(1);
    let fit_rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let rows = ws.responsibilities.len();
    let departments = ws.departments.len();
    let row = app.selected.unwrap_or(0);
    let row_offset = keep_visible(app.matrix_row_offset, row, fit_rows, rows);
    let column_offset = keep_visible(
        app.matrix_column_offset,
        app.matrix_department,
        fit_columns,
        departments,
    );
    layout.matrix_row_offset = row_offset;
    layout.matrix_column_offset = column_offset;
    let shown_departments: Vec<usize> = (column_offset..departments).take(fit_columns).collect();
    for (slot, &d) in shown_departments.iter().enumerate() {
        let x = inner.x + name_width + slot as u16 * CELL_WIDTH;
        layout
            .matrix_headers
            .push((d, Rect::new(x, inner.y, CELL_WIDTH, 1)));
    }
    for (slot, r) in (row_offset..rows).take(fit_rows).enumerate() {
        let y = inner.y + 1 + slot as u16;
        layout
            .matrix_rows
            .push((r, Rect::new(inner.x, y, inner.width, 1)));
        for (column_slot, &d) in shown_departments.iter().enumerate() {
            let x = inner.x + name_width + column_slot as u16 * CELL_WIDTH;
            layout.cells.push(CellLayout {
                responsibility: r,
                department: d,
                rect: Rect::new(x, y, CELL_WIDTH, 1),
            });
        }
    }
}

fn findings_rows(app: &App, panel: Rect, layout: &mut ScreenLayout) {
    let inner_height = usize::from(panel.height.saturating_sub(2)).max(1);
    let total = app.session.analysis().findings.len();
    let offset = keep_visible(app.findings_offset, app.finding, inner_height, total);
    layout.findings_offset = offset;
    for (slot, i) in (offset..total).take(inner_height).enumerate() {
        let rect = Rect::new(
            panel.x + 1,
            panel.y + 1 + slot as u16,
            panel.width.saturating_sub(2),
            1,
        );
        layout.finding_rows.push((i, rect));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_visible_moves_the_window_minimally() {
        assert_eq!(keep_visible(0, 2, 5, 10), 0);
        assert_eq!(keep_visible(0, 7, 5, 10), 3);
        assert_eq!(keep_visible(6, 2, 5, 10), 2);
        assert_eq!(keep_visible(9, 9, 5, 10), 5);
        assert_eq!(keep_visible(0, 0, 5, 0), 0);
    }
}

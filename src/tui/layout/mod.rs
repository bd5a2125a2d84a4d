//! Where everything goes on screen, computed from the state alone. Drawing uses it, and the
//! mouse hit-tests against the last one, so what you click is what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Focus, View};

mod cards;
pub use cards::{
    CardStyle, ColumnTitle, card_height, card_name_lines, column_title, column_title_at,
    column_title_parts, keep_visible_by_height, last_window_start,
};

/// The narrowest a board column may get: below it the board scrolls sideways instead.
pub const MIN_COLUMN_WIDTH: u16 = 12;
/// Columns at least this wide draw boxed cards; narrower ones draw compact cards (no box), so
/// names keep their room when every department shares the width.
pub const BOXED_COLUMN_WIDTH: u16 = 24;
/// Board columns this wide still leave room for the detail panel beside them.
const COMFORTABLE_COLUMN_WIDTH: u16 = 18;
/// The narrowest the detail panel gets beside the board.
const MIN_DETAIL_WIDTH: u16 = 30;
/// A card's name wraps onto at most this many lines; a department's name onto two.
pub const MAX_NAME_LINES: usize = 3;
pub const MAX_TITLE_LINES: usize = 2;
/// Below this size the board says how large the terminal must be.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;
/// Columns of the status line besides its message: the unsaved marker, separators and the
/// help key.
pub const STATUS_FRAME: usize = 22;
/// The narrowest and widest a matrix cell gets: cells share the width between them.
pub const CELL_WIDTH: u16 = 6;
const MAX_CELL_WIDTH: u16 = 12;
/// The widest the matrix's name column gets from what the cells leave.
const MAX_MATRIX_NAME_WIDTH: u16 = 44;
/// Matrix cells this wide or wider leave room for the detail panel beside the matrix.
const COMFORTABLE_CELL_WIDTH: u16 = 11;
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
    /// The largest first card that still fills the column (how far it can scroll).
    pub max_first: usize,
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
    /// How the board's cards are drawn.
    pub card_style: CardStyle,
    /// Rows under each column's top border for the department's name, when the name does not
    /// fit on the border (the same for every column, so cards line up).
    pub title_rows: u16,
    /// Matrix: first row and first department shown, and the visible cells.
    pub matrix_row_offset: usize,
    pub matrix_column_offset: usize,
    pub matrix_rows: Vec<(usize, Rect)>,
    pub matrix_headers: Vec<(usize, Rect)>,
    /// Width of the matrix's responsibility-name column.
    pub matrix_name_width: u16,
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

    /// How many cards of the smallest height fit in one column (a page, for PgUp/PgDn).
    pub fn cards_per_column(&self) -> usize {
        let room = self.main.height.saturating_sub(2 + self.title_rows);
        usize::from(room / self.card_style.height(1)).max(1)
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
    // The body under a one-line header and over a one-line status.
    let tall = area.height.saturating_sub(2) >= 26;
    let wants_findings = app.focus == Focus::Findings
        || (app.show_findings && tall && matches!(app.view, View::Board | View::Matrix));
    // Without the findings panel the status line is where the room reads the agenda's
    // finding: a message too long for one line gets a second one.
    // (While a card is in hand the line says where it goes instead.)
    let message_width = app.hand_status().map_or_else(
        || {
            app.status
                .as_ref()
                .map_or(0, |(text, _)| crate::text::width(text))
        },
        |text| crate::text::width(&text),
    );
    let long_status = message_width + STATUS_FRAME > usize::from(area.width);
    let status_height = if long_status && !wants_findings { 2 } else { 1 };
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status_height),
    ])
    .areas(area);
    layout.header = header;
    layout.status = status;

    // The findings panel takes a fifth of a tall screen, so the board keeps the room.
    let findings_height = if body.height >= 26 {
        (body.height / 5).clamp(6, 12)
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
    // The detail panel gives way before the board does: beside the board only while every
    // column still has a comfortable width (or while it has the keys).
    let board_needs = (app.columns.len().max(1) as u16).saturating_mul(COMFORTABLE_COLUMN_WIDTH);
    let room_beside = match app.view {
        View::Board => upper.width.saturating_sub(board_needs).min(DETAIL_WIDTH),
        View::Matrix => {
            let cells = (app.workspace().departments.len().max(1) as u16)
                .saturating_mul(COMFORTABLE_CELL_WIDTH);
            let needs = cells.saturating_add(matrix_name_width(upper.width) + 2);
            upper.width.saturating_sub(needs).min(DETAIL_WIDTH)
        }
        _ => 0,
    };
    let focused_detail = app.focus == Focus::Detail;
    let wants_detail = focused_detail || (app.show_detail && room_beside >= MIN_DETAIL_WIDTH);
    let detail_width = if room_beside >= MIN_DETAIL_WIDTH {
        room_beside
    } else if upper.width >= 100 {
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
    let narrowest = rects.iter().map(|r| r.width).min().unwrap_or(main.width);
    let style = CardStyle::for_column(narrowest);
    layout.card_style = style;
    layout.title_rows = shown
        .iter()
        .zip(rects.iter())
        .map(
            |(&column, rect)| match column_title(app, column, rect.width) {
                ColumnTitle::OnBorder(_) => 0,
                ColumnTitle::Inside { lines, .. } => lines.len() as u16,
            },
        )
        .max()
        .unwrap_or(0);
    let title_rows = layout.title_rows;
    for (&column, &rect) in shown.iter().zip(rects.iter()) {
        let cards = app.columns.get(column).map_or(&[][..], |c| &c.cards[..]);
        let card_width = rect.width.saturating_sub(2);
        let height = |position: usize| card_height(app, cards[position], style, card_width);
        let top = rect.y + 1 + title_rows;
        let room = rect.height.saturating_sub(2 + title_rows);
        let max_first = last_window_start(cards.len(), room, height);
        let mut first = app.card_offsets.get(column).copied().unwrap_or(0);
        if column == app.column
            && let Some(selected) = app.selected_card()
        {
            first = keep_visible_by_height(first, selected, room, height);
        }
        first = first.min(max_first);
        let mut card_rects = Vec::new();
        let mut y = top;
        for position in first..cards.len() {
            let h = height(position);
            if y + h > top + room {
                break;
            }
            card_rects.push((position, Rect::new(rect.x + 1, y, card_width, h)));
            y += h;
        }
        layout.columns.push(ColumnLayout {
            column,
            rect,
            hidden_above: first,
            hidden_below: cards.len().saturating_sub(first + card_rects.len()),
            cards: card_rects,
            max_first,
        });
    }
}

/// Width of the matrix's name column for a main area of `width`.
pub fn matrix_name_width(width: u16) -> u16 {
    (width / 4).clamp(16, 30)
}

/// The lines of a matrix header (a department's name) in a cell `cell_width` wide.
pub fn matrix_header_lines(name: &str, cell_width: u16) -> Vec<String> {
    crate::text::wrap(
        name,
        usize::from(cell_width.saturating_sub(1)),
        MAX_TITLE_LINES + 1,
    )
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
    let mut name_width = matrix_name_width(inner.width);
    let rows = ws.responsibilities.len();
    let departments = ws.departments.len();
    // Cells share the width (so headers are readable), down to the narrowest, then scroll.
    let cell_width = (inner.width.saturating_sub(name_width) / departments.max(1) as u16)
        .clamp(CELL_WIDTH, MAX_CELL_WIDTH);
    let fit_columns = usize::from(inner.width.saturating_sub(name_width) / cell_width).max(1);
    // What the cells leave goes to the responsibilities' names.
    let cells_width = cell_width.saturating_mul(fit_columns.min(departments.max(1)) as u16);
    let spare = inner.width.saturating_sub(name_width + cells_width);
    name_width = (name_width + spare).min(MAX_MATRIX_NAME_WIDTH.max(name_width));
    let row = app.selected.unwrap_or(0);
    let column_offset = keep_visible(
        app.matrix_column_offset,
        app.matrix_department,
        fit_columns,
        departments,
    );
    layout.matrix_column_offset = column_offset;
    let shown_departments: Vec<usize> = (column_offset..departments).take(fit_columns).collect();
    let header_rows = shown_departments
        .iter()
        .map(|&d| {
            matrix_header_lines(&crate::text::sanitize(&ws.departments[d].name), cell_width).len()
        })
        .max()
        .unwrap_or(1)
        .max(1) as u16;
    layout.matrix_name_width = name_width;
    for (slot, &d) in shown_departments.iter().enumerate() {
        let x = inner.x + name_width + slot as u16 * cell_width;
        layout
            .matrix_headers
            .push((d, Rect::new(x, inner.y, cell_width, header_rows)));
    }
    let fit_rows = usize::from(inner.height.saturating_sub(header_rows)).max(1);
    let row_offset = keep_visible(app.matrix_row_offset, row, fit_rows, rows);
    layout.matrix_row_offset = row_offset;
    for (slot, r) in (row_offset..rows).take(fit_rows).enumerate() {
        let y = inner.y + header_rows + slot as u16;
        layout
            .matrix_rows
            .push((r, Rect::new(inner.x, y, inner.width, 1)));
        for (column_slot, &d) in shown_departments.iter().enumerate() {
            let x = inner.x + name_width + column_slot as u16 * cell_width;
            layout.cells.push(CellLayout {
                responsibility: r,
                department: d,
                rect: Rect::new(x, y, cell_width, 1),
            });
        }
    }
}

/// The columns before a finding's message in the findings panel: pointer, glyph, severity,
/// rule (`▶✖ error   hot-potato       `).
pub const FINDING_HEAD: usize = 28;

/// The most lines one finding's message wraps onto in the findings panel.
pub const FINDING_LINES: usize = 3;

/// The lines of finding `i`'s message in a findings panel `width` columns wide (inside), on at
/// most `max_lines` lines (and [`FINDING_LINES`]); what does not fit ends in `…`.
pub fn finding_lines(app: &App, i: usize, width: u16, max_lines: usize) -> Vec<String> {
    let room = usize::from(width).saturating_sub(FINDING_HEAD).max(1);
    let message = app
        .session
        .analysis()
        .findings
        .get(i)
        .map_or_else(String::new, |f| crate::text::sanitize(&f.message));
    crate::text::wrap(&message, room, max_lines.min(FINDING_LINES))
}

fn findings_rows(app: &App, panel: Rect, layout: &mut ScreenLayout) {
    let inner_height = panel.height.saturating_sub(2).max(1);
    let inner_width = panel.width.saturating_sub(2);
    let total = app.session.analysis().findings.len();
    // Each finding takes the lines its message wraps onto, so nothing is cut.
    let height = |i: usize| {
        finding_lines(app, i, inner_width, FINDING_LINES)
            .len()
            .max(1) as u16
    };
    let start = app.findings_offset.min(total.saturating_sub(1));
    let offset = if total == 0 {
        0
    } else {
        cards::keep_visible_by_height(start, app.finding.min(total - 1), inner_height, height)
    };
    layout.findings_offset = offset;
    let mut y = 0u16;
    for i in offset..total {
        if y >= inner_height {
            break;
        }
        let rows = height(i).min(inner_height - y);
        let rect = Rect::new(panel.x + 1, panel.y + 1 + y, inner_width, rows);
        layout.finding_rows.push((i, rect));
        y += rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_by_height_keep_the_selection_whole() {
        let heights = [3u16, 5, 4, 3, 5, 4, 3];
        let h = |p: usize| heights[p];
        // Everything up to the selection fits: the window stays.
        assert_eq!(keep_visible_by_height(0, 2, 12, h), 0);
        // Card 3 ends at row 15: the window moves just enough.
        assert_eq!(keep_visible_by_height(0, 3, 12, h), 1);
        assert_eq!(keep_visible_by_height(5, 2, 12, h), 2);
        // A card taller than the room is still shown from its top.
        assert_eq!(keep_visible_by_height(0, 4, 4, h), 4);
        // The last window: cards 5 and 6 (7 rows) fill 8 rows, card 4 would not fit.
        assert_eq!(last_window_start(7, 8, h), 5);
        assert_eq!(last_window_start(7, 100, h), 0);
        assert_eq!(last_window_start(0, 10, h), 0);
    }

    #[test]
    fn keep_visible_moves_the_window_minimally() {
        assert_eq!(keep_visible(0, 2, 5, 10), 0);
        assert_eq!(keep_visible(0, 7, 5, 10), 3);
        assert_eq!(keep_visible(6, 2, 5, 10), 2);
        assert_eq!(keep_visible(9, 9, 5, 10), 5);
        assert_eq!(keep_visible(0, 0, 5, 0), 0);
    }
}

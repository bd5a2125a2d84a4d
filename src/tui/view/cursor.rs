//! Where the terminal's real cursor stands: on what is selected (the card, the matrix cell,
//! the finding, the department in the load view, the card in hand), so that screen readers and
//! braille displays that follow the cursor read what the room is looking at. Found from the
//! state and the layout alone; the overlays give their own (the list's row, the question, the
//! prompt's text cursor).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::super::app::{App, Focus, Grip, View};
use super::super::layout::{CardStyle, ScreenLayout};

/// What the drawing itself found: the selected row of the view (the load view's department),
/// the detail panel's focused field and the name on the card dragged under the pointer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Drawn {
    pub view: Option<Position>,
    pub field: Option<Position>,
    pub ghost: Option<Position>,
}

/// Where the cursor stands in the main view and its panels, when something is selected there:
/// the card in hand first, then the panel that has the keys, then the view's selection.
pub fn main(app: &App, layout: &ScreenLayout, drawn: Drawn) -> Option<Position> {
    if let Some(at) = in_hand(app, layout, drawn.ghost) {
        return Some(at);
    }
    match app.focus {
        Focus::Detail if drawn.field.is_some() => return drawn.field,
        Focus::Findings if layout.findings.is_some() => {
            return layout
                .finding_rows
                .iter()
                .find(|(i, _)| *i == app.finding)
                .map(|(_, rect)| rect.as_position());
        }
        _ => {}
    }
    match app.view {
        View::Board => on_card(app, layout),
        View::Matrix => layout
            .cells
            .iter()
            .find(|cell| {
                app.selected == Some(cell.responsibility)
                    && cell.department == app.matrix_department
            })
            .map(|cell| cell.rect.as_position()),
        // The view's own border: the name in large type starts inside it.
        View::Spotlight => inside(layout.main),
        // The load view gives the selected department's row itself.
        View::Load => drawn.view,
    }
}

/// The selected card's first letter; in a column without a selected card (an empty
/// department), the column's first line (its name, or "no cards").
fn on_card(app: &App, layout: &ScreenLayout) -> Option<Position> {
    let column = layout.columns.iter().find(|c| c.column == app.column)?;
    let Some(position) = app.selected_card() else {
        return inside(column.rect);
    };
    let (_, rect) = column.cards.iter().find(|(p, _)| *p == position)?;
    match layout.card_style {
        CardStyle::Boxed => inside(*rect),
        CardStyle::Compact => Some(rect.as_position()),
    }
}

/// A card held by the keyboard stands over its target column's title; one dragged by the
/// mouse is on the card drawn under the pointer (`drawn.ghost`).
fn in_hand(app: &App, layout: &ScreenLayout, ghost: Option<Position>) -> Option<Position> {
    let hand = app.hand.as_ref()?;
    match hand.grip {
        Grip::Dragging { .. } => ghost,
        Grip::Pressed => None,
        Grip::Keyboard => {
            let target = hand.target?;
            let column = layout.columns.iter().find(|c| c.column == target)?;
            Some(Position::new(column.rect.x + 1, column.rect.y))
        }
    }
}

/// The first cell inside a bordered `rect`, if it has an inside.
pub fn inside(rect: Rect) -> Option<Position> {
    (rect.width > 2 && rect.height > 2).then(|| Position::new(rect.x + 1, rect.y + 1))
}

/// The row of `rect` whose first cell holds the pointer `▶` (a focused field, a list's row),
/// as drawn in `buf`.
pub fn pointer_in(buf: &Buffer, rect: Rect) -> Option<Position> {
    let area = rect.intersection(buf.area);
    (area.y..area.bottom())
        .map(|y| Position::new(area.x, y))
        .find(|&at| buf.cell(at).is_some_and(|cell| cell.symbol() == "▶"))
}

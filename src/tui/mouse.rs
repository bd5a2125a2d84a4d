//! Mouse events to actions, by hit-testing the last frame's layout. Pure, so it is unit-tested.

use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::action::Action;
use super::layout::ScreenLayout;

/// The action a mouse event asks for, if any.
pub fn map_mouse(event: MouseEvent, layout: &ScreenLayout) -> Option<Action> {
    let at = Position::new(event.column, event.row);
    let share_modifier = event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.kind {
        MouseEventKind::Down(button @ (MouseButton::Left | MouseButton::Right)) => {
            let share = share_modifier || button == MouseButton::Right;
            press(layout, at, share)
        }
        MouseEventKind::Drag(_) => Some(Action::DragTo {
            x: at.x,
            y: at.y,
            column: layout.drop_column_at(at.x, at.y),
        }),
        MouseEventKind::Up(_) => Some(Action::Release {
            column: layout.drop_column_at(at.x, at.y),
        }),
        MouseEventKind::ScrollLeft | MouseEventKind::ScrollRight if layout.main.contains(at) => {
            let delta = if event.kind == MouseEventKind::ScrollRight {
                1
            } else {
                -1
            };
            Some(Action::ScrollColumns(delta))
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
            if event.modifiers.contains(KeyModifiers::SHIFT)
                && !layout.columns.is_empty()
                && layout.main.contains(at) =>
        {
            let delta = if event.kind == MouseEventKind::ScrollDown {
                1
            } else {
                -1
            };
            Some(Action::ScrollColumns(delta))
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let delta = if event.kind == MouseEventKind::ScrollDown {
                1
            } else {
                -1
            };
            if layout.findings.is_some_and(|r| r.contains(at)) {
                Some(Action::ScrollFindings(delta))
            } else if let Some(column) = layout.column_at(at.x, at.y) {
                Some(Action::ScrollColumn { column, delta })
            } else if !layout.cells.is_empty() && layout.main.contains(at) {
                Some(Action::ScrollMatrix(delta))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn press(layout: &ScreenLayout, at: Position, share: bool) -> Option<Action> {
    // The `◀N` / `N▶` markers sit on the top border of the edge columns.
    let on_marker =
        |zone: Option<ratatui::layout::Rect>| zone.is_some_and(|z| z.contains(at) && at.y == z.y);
    if on_marker(layout.scroll_left_zone) {
        return Some(Action::ScrollColumns(-1));
    }
    if on_marker(layout.scroll_right_zone) {
        return Some(Action::ScrollColumns(1));
    }
    for column in &layout.columns {
        if let Some((card, _)) = column.cards.iter().find(|(_, rect)| rect.contains(at)) {
            return Some(Action::PressCard {
                column: column.column,
                card: *card,
                share,
            });
        }
        if column.rect.contains(at) {
            return Some(Action::PressColumn(column.column));
        }
    }
    if let Some(cell) = layout.cells.iter().find(|c| c.rect.contains(at)) {
        return Some(Action::PressCell {
            responsibility: cell.responsibility,
            department: cell.department,
        });
    }
    layout
        .finding_rows
        .iter()
        .find(|(_, rect)| rect.contains(at))
        .map(|(i, _)| Action::PressFinding(*i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layout::{CellLayout, ColumnLayout};
    use ratatui::layout::Rect;

    fn layout() -> ScreenLayout {
        ScreenLayout {
            main: Rect::new(0, 1, 40, 20),
            columns: vec![
                ColumnLayout {
                    column: 0,
                    rect: Rect::new(0, 1, 20, 20),
                    cards: vec![(3, Rect::new(1, 2, 18, 4))],
                    ..ColumnLayout::default()
                },
                ColumnLayout {
                    column: 5,
                    rect: Rect::new(20, 1, 20, 20),
                    ..ColumnLayout::default()
                },
            ],
            findings: Some(Rect::new(0, 21, 40, 5)),
            finding_rows: vec![(7, Rect::new(1, 22, 38, 1))],
            ..ScreenLayout::default()
        }
    }

    fn event(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }
    }

    #[test]
    fn press_on_a_card_and_its_edges() {
        let l = layout();
        let down = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(
            map_mouse(event(down, 1, 2, KeyModifiers::NONE), &l),
            Some(Action::PressCard {
                column: 0,
                card: 3,
                share: false
            })
        );
        assert_eq!(
            map_mouse(event(down, 18, 5, KeyModifiers::NONE), &l),
            Some(Action::PressCard {
                column: 0,
                card: 3,
                share: false
            })
        );
        // One past the card's right and bottom edges is the column, not the card.
        assert_eq!(
            map_mouse(event(down, 19, 5, KeyModifiers::NONE), &l),
            Some(Action::PressColumn(0))
        );
        assert_eq!(
            map_mouse(event(down, 5, 6, KeyModifiers::NONE), &l),
            Some(Action::PressColumn(0))
        );
        assert_eq!(
            map_mouse(event(down, 2, 3, KeyModifiers::CONTROL), &l),
            Some(Action::PressCard {
                column: 0,
                card: 3,
                share: true
            })
        );
        let right = MouseEventKind::Down(MouseButton::Right);
        assert_eq!(
            map_mouse(event(right, 2, 3, KeyModifiers::NONE), &l),
            Some(Action::PressCard {
                column: 0,
                card: 3,
                share: true
            })
        );
    }

    #[test]
    fn drag_and_release_name_the_column_under_the_pointer() {
        let l = layout();
        let drag = MouseEventKind::Drag(MouseButton::Left);
        assert_eq!(
            map_mouse(event(drag, 25, 4, KeyModifiers::NONE), &l),
            Some(Action::DragTo {
                x: 25,
                y: 4,
                column: Some(5)
            })
        );
        assert_eq!(
            map_mouse(
                event(
                    MouseEventKind::Up(MouseButton::Left),
                    39,
                    20,
                    KeyModifiers::NONE
                ),
                &l
            ),
            Some(Action::Release { column: Some(5) })
        );
        assert_eq!(
            map_mouse(
                event(
                    MouseEventKind::Up(MouseButton::Left),
                    40,
                    20,
                    KeyModifiers::NONE
                ),
                &l
            ),
            Some(Action::Release { column: None })
        );
    }

    #[test]
    fn wheel_scrolls_what_is_under_the_pointer() {
        let l = layout();
        assert_eq!(
            map_mouse(
                event(MouseEventKind::ScrollDown, 25, 4, KeyModifiers::NONE),
                &l
            ),
            Some(Action::ScrollColumn {
                column: 5,
                delta: 1
            })
        );
        assert_eq!(
            map_mouse(
                event(MouseEventKind::ScrollUp, 3, 22, KeyModifiers::NONE),
                &l
            ),
            Some(Action::ScrollFindings(-1))
        );
        assert_eq!(
            map_mouse(event(MouseEventKind::Moved, 3, 3, KeyModifiers::NONE), &l),
            None
        );
    }

    #[test]
    fn clicks_on_matrix_cells_and_findings() {
        let l = ScreenLayout {
            cells: vec![CellLayout {
                responsibility: 2,
                department: 4,
                rect: Rect::new(30, 3, 6, 1),
            }],
            finding_rows: vec![(7, Rect::new(1, 22, 38, 1))],
            ..ScreenLayout::default()
        };
        let down = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(
            map_mouse(event(down, 35, 3, KeyModifiers::NONE), &l),
            Some(Action::PressCell {
                responsibility: 2,
                department: 4
            })
        );
        assert_eq!(map_mouse(event(down, 36, 3, KeyModifiers::NONE), &l), None);
        assert_eq!(
            map_mouse(event(down, 10, 22, KeyModifiers::NONE), &l),
            Some(Action::PressFinding(7))
        );
    }
}

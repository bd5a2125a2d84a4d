//! Moving around the board: selection, paging, scrolling, and what Enter opens.

use super::super::action::Direction;
use super::super::app::{App, Focus, Grip, Hand, PromptKind, Tone, View};
use super::{shift, step};
use crate::edit::Field;

impl App {
    pub(super) fn move_selection(&mut self, direction: Direction) {
        if let Some(hand) = self.hand.as_mut().filter(|h| h.grip == Grip::Keyboard) {
            let last = self.columns.len().saturating_sub(1);
            let target = hand.target.unwrap_or(hand.from);
            hand.target = Some(match direction {
                Direction::Left => target.saturating_sub(1),
                Direction::Right => (target + 1).min(last),
                Direction::Up | Direction::Down => target,
            });
            self.update_preview();
            return;
        }
        match (self.focus, self.view) {
            (Focus::Findings, _) => {
                self.finding_visited = true;
                let total = self.session.analysis().findings.len();
                self.finding = step(self.finding, direction, total);
            }
            (Focus::Detail, _) => self.field = step(self.field, direction, Field::ALL.len()),
            (Focus::Main, View::Matrix) => {
                let rows = self.workspace().responsibilities.len();
                let departments = self.workspace().departments.len();
                match direction {
                    Direction::Up | Direction::Down => {
                        self.selected = Some(step(self.selected.unwrap_or(0), direction, rows))
                            .filter(|_| rows > 0);
                    }
                    Direction::Left => {
                        self.matrix_department = self.matrix_department.saturating_sub(1)
                    }
                    Direction::Right => {
                        self.matrix_department =
                            (self.matrix_department + 1).min(departments.saturating_sub(1))
                    }
                }
            }
            (Focus::Main, View::Board) => self.move_on_board(direction),
            (Focus::Main, View::Spotlight) => {
                let rows = self.workspace().responsibilities.len();
                self.selected =
                    Some(step(self.selected.unwrap_or(0), direction, rows)).filter(|_| rows > 0);
                self.follow_selection();
            }
            (Focus::Main, View::Load) => {
                let departments = self.workspace().departments.len();
                self.matrix_department = step(self.matrix_department, direction, departments);
            }
        }
    }

    pub(super) fn move_on_board(&mut self, direction: Direction) {
        match direction {
            Direction::Left | Direction::Right => {
                let from = self.column;
                let last = self.columns.len().saturating_sub(1);
                self.column = if direction == Direction::Left {
                    from.saturating_sub(1)
                } else {
                    (from + 1).min(last)
                };
                if self.column != from {
                    // Keep the row: the card at the same position (or the last one).
                    let position = self.selected_card_or_top(from);
                    let cards = &self.columns[self.column].cards;
                    self.selected = cards
                        .get(position.min(cards.len().saturating_sub(1)))
                        .copied()
                        .or(self.selected);
                    if let Some(r) = self.selected
                        && self.columns[self.column].cards.contains(&r)
                    {
                        return;
                    }
                    self.selected = self.columns[self.column]
                        .cards
                        .first()
                        .copied()
                        .or(self.selected);
                }
            }
            Direction::Up | Direction::Down => {
                let cards = &self.columns[self.column].cards;
                if cards.is_empty() {
                    return;
                }
                let position = self
                    .selected_card()
                    .map_or(0, |p| step(p, direction, cards.len()));
                self.selected = Some(cards[position]);
            }
        }
    }

    pub(super) fn selected_card_or_top(&self, column: usize) -> usize {
        let r = self.selected;
        self.columns[column]
            .cards
            .iter()
            .position(|&c| Some(c) == r)
            .unwrap_or(0)
    }

    pub(super) fn page(&mut self, down: bool) {
        let delta = self.layout.cards_per_column().max(1) as i16;
        let delta = if down { delta } else { -delta };
        match self.view {
            View::Board => self.scroll_column(self.column, delta),
            View::Spotlight | View::Load => {}
            View::Matrix => {
                let rows = self.workspace().responsibilities.len();
                let page = self.layout.matrix_rows.len().max(1) as i16;
                let row =
                    self.selected.unwrap_or(0) as i64 + i64::from(if down { page } else { -page });
                self.selected = (rows > 0).then(|| row.clamp(0, rows as i64 - 1) as usize);
            }
        }
    }

    pub(super) fn scroll_column(&mut self, column: usize, delta: i16) {
        let Some(cards) = self.columns.get(column).map(|c| c.cards.len()) else {
            return;
        };
        // How far the column scrolls and how many cards it shows, as last drawn.
        let (max_first, per_column) = self
            .layout
            .columns
            .iter()
            .find(|c| c.column == column)
            .map_or_else(
                || {
                    let per_column = self.layout.cards_per_column();
                    (cards.saturating_sub(per_column), per_column)
                },
                |c| (c.max_first, c.cards.len().max(1)),
            );
        let offset = shift(
            self.card_offsets.get(column).copied().unwrap_or(0),
            delta,
            max_first + 1,
        );
        if let Some(slot) = self.card_offsets.get_mut(column) {
            *slot = offset;
        }
        if column == self.column
            && let Some(position) = self.selected_card()
        {
            let kept = position.clamp(
                offset,
                (offset + per_column - 1).min(cards.saturating_sub(1)),
            );
            self.selected = Some(self.columns[column].cards[kept]);
        }
    }

    pub(super) fn scroll_columns(&mut self, delta: i16) {
        let slots = self.layout.department_slots.max(1);
        let departments = self.columns.len().saturating_sub(1);
        let max_offset = departments.saturating_sub(slots);
        let offset = (self.layout.column_offset as i64 + i64::from(delta))
            .clamp(0, max_offset as i64) as usize;
        self.column_offset = offset;
        self.layout.column_offset = offset;
        if self.column > 0 && !self.hand.as_ref().is_some_and(Hand::by_mouse) {
            let visible = offset + 1..=offset + slots;
            if !visible.contains(&self.column) {
                self.column = self.column.clamp(*visible.start(), *visible.end());
                self.selected = self.columns[self.column]
                    .cards
                    .first()
                    .copied()
                    .or(self.selected);
            }
        }
    }

    pub(super) fn follow_selection(&mut self) {
        let Some(r) = self.selected else { return };
        if self
            .columns
            .get(self.column)
            .is_some_and(|c| c.cards.contains(&r))
        {
            return;
        }
        if let Some(c) = self.columns.iter().position(|c| c.cards.contains(&r)) {
            self.column = c;
        } else if let Some(&first) = self.columns.get(self.column).and_then(|c| c.cards.first()) {
            self.selected = Some(first);
        }
    }

    pub(super) fn activate(&mut self) {
        match self.focus {
            Focus::Findings => self.fix_finding(),
            Focus::Detail => self.edit_field(),
            Focus::Main if let Some(index) = self.agenda_target() => {
                self.finding = index;
                self.fix_finding();
            }
            Focus::Main => match self.view {
                View::Board => self.focus = Focus::Detail,
                View::Matrix => self.cycle_cell(),
                View::Spotlight => self.fix_first_finding_of_selected(),
                View::Load => {}
            },
        }
    }

    pub(super) fn edit_field(&mut self) {
        let Some(r) = self.selected else {
            self.say("Select a responsibility first", Tone::Problem);
            return;
        };
        let field = Field::ALL[self.field.min(Field::ALL.len() - 1)];
        let text = field.text_in(self.workspace(), &self.workspace().responsibilities[r]);
        self.open_prompt(PromptKind::EditField(r, field), text);
    }

    pub(super) fn rename(&mut self) {
        match self.selected {
            Some(r) => {
                let name = self.workspace().responsibilities[r].name.clone();
                self.open_prompt(PromptKind::RenameResponsibility(r), name);
            }
            None => self.say("Select a responsibility to rename", Tone::Problem),
        }
    }

    pub(super) fn rename_department(&mut self) {
        match self.selected_department() {
            Some(d) => {
                let name = self.workspace().departments[d].name.clone();
                self.open_prompt(PromptKind::RenameDepartment(d), name);
            }
            None => self.say("Select a department column to rename", Tone::Problem),
        }
    }

    pub(super) fn set_lead(&mut self) {
        match self.selected_department() {
            Some(d) => {
                let lead = self.workspace().departments[d]
                    .lead
                    .clone()
                    .unwrap_or_default();
                self.open_prompt(PromptKind::DepartmentLead(d), lead);
            }
            None => self.say("Select a department column to set its lead", Tone::Problem),
        }
    }

    pub(super) fn scroll_findings(&mut self, delta: i16) {
        let total = self.session.analysis().findings.len();
        self.findings_offset = shift(self.layout.findings_offset, delta, total);
        let visible = self.layout.finding_rows.len().max(1);
        self.finding = self.finding.clamp(
            self.findings_offset,
            (self.findings_offset + visible - 1).min(total.saturating_sub(1)),
        );
    }
}

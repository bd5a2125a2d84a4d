//! The matrix view: a responsibility per row, a department per column, a role combination per
//! cell.

use super::super::app::{App, Focus};
use super::shift;
use crate::edit;

impl App {
    pub(super) fn cycle_cell(&mut self) {
        let (Some(r), Some(department)) = (
            self.selected,
            self.workspace().departments.get(self.matrix_department),
        ) else {
            return;
        };
        let id = department.id.clone();
        if let Some(change) = edit::cycle_cell(self.workspace(), r, &id) {
            self.apply(change);
        }
    }

    /// A click on a cell selects it; a second click on it cycles it.
    pub(super) fn press_cell(&mut self, responsibility: usize, department: usize) {
        let same = self.selected == Some(responsibility) && self.matrix_department == department;
        self.selected = Some(responsibility);
        self.matrix_department = department;
        self.focus = Focus::Main;
        if same {
            self.cycle_cell();
        }
    }

    pub(super) fn scroll_matrix(&mut self, delta: i16) {
        self.matrix_row_offset = shift(
            self.layout.matrix_row_offset,
            delta,
            self.workspace().responsibilities.len(),
        );
        let visible = self.layout.matrix_rows.len().max(1);
        if let Some(row) = self.selected {
            self.selected =
                Some(row.clamp(self.matrix_row_offset, self.matrix_row_offset + visible - 1));
        }
    }
}

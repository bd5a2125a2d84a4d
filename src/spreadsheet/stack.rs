//! Tables stacked in one sheet: a RACI table, blank rows, then a second table under its own
//! heading (and title). Such a sheet is cut into one sheet per table, so that each is read
//! alone, listed, and picked with `--table N`; a second heading is never read as a row of the
//! first table.

use super::layout::{self, Col, Found, Kind, Layout, heading_role, is_task_heading, kind};
use super::sheet::{Row, Sheet};
use crate::workspace::RoleModel;

/// How many rows of a block may stand above a further table's heading (its title rows).
const TITLE_ROWS: usize = 3;

/// How many rows that look like a heading are tried as one before giving up: each try samples
/// the rows under it, so that a sheet of many blank rows stays linear.
const LOOKS: usize = 64;

/// The sheet cut into its tables, in order; the sheet itself when it holds one table (or none).
/// Each table keeps the rows from the blank rows above it (its title) to those above the next
/// table, and their numbers, so that problems still name the spreadsheet's rows.
pub(super) fn split(sheet: Sheet, model: &RoleModel) -> Vec<Sheet> {
    if sheet.lines {
        return vec![sheet];
    }
    let starts = starts(&sheet, model);
    if starts.len() < 2 {
        return vec![sheet];
    }
    let mut rest = sheet;
    let mut tables = Vec::with_capacity(starts.len());
    for &start in starts.iter().skip(1).rev() {
        tables.push(Sheet {
            name: rest.name.clone(),
            rows: tail(&mut rest.rows, start),
            numbers: tail(&mut rest.numbers, start),
            strong: tail(&mut rest.strong, start),
            delimiter: rest.delimiter,
            ..Sheet::default()
        });
    }
    tables.push(rest);
    tables.reverse();
    for (i, table) in tables.iter_mut().enumerate() {
        table.table = Some(i + 1);
    }
    tables
}

/// What `v` holds from `at` on, taken off it.
fn tail<T>(v: &mut Vec<T>, at: usize) -> Vec<T> {
    let at = at.min(v.len());
    v.split_off(at)
}

/// The first row of each table: 0, then the first row of each block (rows after blank ones)
/// that holds a further table's heading.
fn starts(sheet: &Sheet, model: &RoleModel) -> Vec<usize> {
    let mut starts = vec![0];
    let mut looks = 0;
    let mut from = 0;
    loop {
        let Some(found) = layout::find_from(sheet, model, from) else {
            return starts;
        };
        match next_table(sheet, model, &found, &mut looks) {
            Some(next) => {
                starts.push(next);
                from = next;
            }
            None => return starts,
        }
    }
}

/// The first row of the block under `found` that heads another table, if one does.
fn next_table(sheet: &Sheet, model: &RoleModel, found: &Found, looks: &mut usize) -> Option<usize> {
    let blank = |row: &Row| row.iter().all(|c| c.trim().is_empty());
    let mut after_blank = false;
    let mut index = found.header + 1;
    while index < sheet.rows.len() {
        if blank(&sheet.rows[index]) {
            after_blank = true;
            index += 1;
            continue;
        }
        if after_blank {
            after_blank = false;
            let block = index;
            let mut rows = 0;
            while index < sheet.rows.len() && !blank(&sheet.rows[index]) && rows <= TITLE_ROWS {
                if looks_like_heading(model, found, &sheet.rows[index]) {
                    *looks += 1;
                    if *looks > LOOKS {
                        return None;
                    }
                    if let Some(next) = layout::heading_at(sheet, model, index)
                        && heads_its_own_table(sheet, found, &next)
                    {
                        return Some(block);
                    }
                }
                rows += 1;
                index += 1;
            }
            continue;
        }
        index += 1;
    }
    None
}

/// A row that cannot be one of `found`'s rows but could head a table: two cells or more, no
/// role letters under `found`'s departments (for a table of role columns: cells naming roles).
fn looks_like_heading(model: &RoleModel, found: &Found, row: &Row) -> bool {
    if row.iter().filter(|c| !c.trim().is_empty()).count() < 2 {
        return false;
    }
    match found.layout {
        Layout::Matrix => found.columns.iter().enumerate().all(|(c, col)| {
            !matches!(col, Col::Department(_))
                || row
                    .get(c)
                    .is_none_or(|t| matches!(kind(model, t), Kind::Empty | Kind::Text))
        }),
        Layout::Transposed => {
            row.iter()
                .filter(|c| heading_role(model, c).is_some())
                .count()
                >= 2
        }
    }
}

/// Whether `next` is a table of its own rather than rows of `found` that happen to read as one:
/// its task column is headed as one, it lays its roles out in columns, or it heads a department
/// of `found` again.
fn heads_its_own_table(sheet: &Sheet, found: &Found, next: &Found) -> bool {
    let heading = &sheet.rows[next.header];
    let task_headed = next
        .columns
        .iter()
        .position(|c| *c == Col::Task)
        .and_then(|c| heading.get(c))
        .is_some_and(is_task_heading);
    task_headed
        || next.layout == Layout::Transposed
        || next
            .departments
            .iter()
            .any(|(id, ..)| found.departments.iter().any(|(other, ..)| other == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(csv: &str) -> Sheet {
        let rows = super::super::sheet::csv_rows(csv, ',').expect("csv");
        Sheet::from_rows("s", rows)
    }

    #[test]
    fn stacked_tables_are_cut_at_the_blank_rows_above_each_heading() {
        let model = RoleModel::default();
        let tables = split(
            sheet(
                "Launch RACI\nTask,Marketing,IT\nBrand voice,A/R,C\n\n\nSupport RACI\nTask,Support,Legal\nRefunds,A/R,I\n",
            ),
            &model,
        );
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 5);
        assert_eq!(tables[1].rows[0], ["Support RACI"]);
        assert_eq!(tables[1].numbers, [6, 7, 8]);
        assert_eq!(
            tables.iter().map(|t| t.table).collect::<Vec<_>>(),
            [Some(1), Some(2)]
        );
    }

    #[test]
    fn a_blank_row_inside_one_table_cuts_nothing() {
        let model = RoleModel::default();
        for csv in [
            "Task,Marketing,IT\nBrand voice,A/R,C\n\nTool selection,C,A/R\n",
            "Task,Marketing,IT\nBrand voice,A/R,C\n\nPhase 2,,\nTool selection,C,A/R\n",
            // A row of typos after a blank row is the table's (and reported), not a heading.
            "Task,Marketing,IT\nBrand voice,A/R,C\n\nTool selection,xx,yy\nArchive,C,A/R\n",
        ] {
            assert_eq!(split(sheet(csv), &model).len(), 1, "{csv}");
        }
    }
}

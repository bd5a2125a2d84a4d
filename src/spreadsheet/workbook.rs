//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) read with calamine into sheets.

use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use super::sheet::Sheet;

/// Whether `bytes` look like a workbook: a zip archive (xlsx, ods) or an OLE file (xls).
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
}

/// Every sheet of the workbook in `bytes`, in tab order, with its cells as text. Cells merged
/// down a column (an area spanning several rows) hold their value in every row; cells merged
/// across a row keep it in the first. Columns and rows keep their spreadsheet numbers.
///
/// A damaged workbook is an error, never a crash: calamine panics on some (a sector chain out
/// of range in an `.xls`), which is caught here, without its message, and reported as damage.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(|| read_sheets(bytes));
    std::panic::set_hook(previous);
    read.unwrap_or_else(|_| {
        Err(
            "cannot read the workbook: it is damaged (its parts do not fit together); open it in \
             a spreadsheet and save it again"
                .into(),
        )
    })
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            // A chart sheet or a damaged one: no cells to read, and no reason to stop.
            Err(_) => continue,
        };
        let merged = merged_regions(&mut book, &name);
        let (top, left) = range.start().unwrap_or((0, 0));
        let left = usize::try_from(left).unwrap_or(0);
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                let mut cells = vec![String::new(); left];
                cells.extend(row.iter().map(cell_text));
                while cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                cells
            })
            .collect();
        fill_down(&mut rows, &merged, top);
        let rows = rows.into_iter().map(|r| r.into_iter().collect()).collect();
        let mut sheet = Sheet::from_rows(&name, rows);
        let top = usize::try_from(top).unwrap_or(0);
        sheet.numbers = (0..sheet.rows.len()).map(|i| top + i + 1).collect();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// A cell as a person reads it: whole numbers without `.0`, errors and blanks empty.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The merged regions of a sheet, where the format records them.
fn merged_regions(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Copies the value of each region merged down a column into the rows below it.
fn fill_down(rows: &mut [Vec<String>], merged: &[Dimensions], top: u32) {
    for region in merged {
        let (Some(first), Some(last)) = (
            region.start.0.checked_sub(top),
            region.end.0.checked_sub(top),
        ) else {
            continue;
        };
        let (first, last) = (first as usize, last as usize);
        let column = region.start.1 as usize;
        let Some(value) = rows.get(first).and_then(|r| r.get(column)).cloned() else {
            continue;
        };
        for row in rows.iter_mut().take(last + 1).skip(first + 1) {
            if row.len() <= column {
                row.resize(column + 1, String::new());
            }
            if row[column].is_empty() {
                row[column].clone_from(&value);
            }
        }
    }
}

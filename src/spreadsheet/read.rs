//! Reading a RACI table into a workspace, from CSV or TSV text, a workbook or a Markdown
//! document: which file it is, which of its sheets or tables, and what was read.

use std::fmt;
use std::path::Path;

use super::column_name;
use super::layout::Layout;
use super::markdown::{looks_like_markdown, read_markdown};
use super::rows::{Outcome, interpret, model_of};
use super::sheet::{DELIMITERS, Row, Sheet, csv_rows, csv_rows_up_to, decode_text, sep_line};
use super::stack::split;
use super::workbook::{looks_like_workbook, read_workbook};
use crate::workspace::{RoleModel, Workspace};

/// A cell (or row) that could not be read, or a note on how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// 1-based row, as a spreadsheet numbers it (a line, in a document); 0 for the file as a
    /// whole.
    pub row: usize,
    /// 0-based column, when the problem is in one cell.
    pub column: Option<usize>,
    pub message: String,
    /// Whether `row` is a line of a document, whose cells are counted rather than lettered.
    pub lines: bool,
}

impl CellProblem {
    /// A problem at spreadsheet `row` (and `column`).
    pub fn new(row: usize, column: Option<usize>, message: impl Into<String>) -> CellProblem {
        CellProblem {
            row,
            column,
            message: message.into(),
            lines: false,
        }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row == 0 {
            return write!(f, "{}", self.message);
        }
        match (self.lines, self.column) {
            (false, Some(c)) => write!(
                f,
                "row {}, column {}: {}",
                self.row,
                column_name(c),
                self.message
            ),
            (false, None) => write!(f, "row {}: {}", self.row, self.message),
            (true, Some(c)) => write!(f, "line {}, cell {}: {}", self.row, c + 1, self.message),
            (true, None) => write!(f, "line {}: {}", self.row, self.message),
        }
    }
}

/// What the sheet carried besides roles, so that an update changes only that.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carries {
    /// An area column or section rows.
    pub areas: bool,
    pub descriptions: bool,
    pub notes: bool,
}

/// A workspace read from a table, and where and how it was found.
#[derive(Debug, Clone)]
pub struct Imported {
    pub workspace: Workspace,
    /// The heading row, as a person numbers it (a line, in a document).
    pub header_row: usize,
    /// Whether rows are lines of a document.
    pub lines: bool,
    /// The delimiter of CSV text.
    pub delimiter: Option<char>,
    /// The sheet or table read ("Sheet1", "table 2").
    pub sheet: String,
    pub layout: Layout,
    /// How cells were read where that is worth saying: sections taken as areas, repeated
    /// columns merged, columns not read, rows skipped.
    pub notes: Vec<CellProblem>,
    /// Every sheet or table of the file, when it has several, described for a listing.
    pub tables: Vec<String>,
    /// Which of the tables stacked in one sheet was read, from 1, when it holds several.
    pub table: Option<usize>,
    /// Per responsibility, whether its id came from an id column (else from its name).
    pub explicit_ids: Vec<bool>,
    pub carries: Carries,
}

/// How repeated department columns are read when their letters differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Repeated {
    /// One department with the letters of all its columns.
    Merge,
    /// A department per column ("Marketing", "Marketing (2)").
    Apart,
}

/// What the reader may be told.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The role model whose letters the cells use (else a legend row's, else RACI).
    pub model: Option<RoleModel>,
    /// The role an `X` (or ✓) stands for.
    pub x_means: Option<String>,
    /// How to read a department headed twice.
    pub repeated: Option<Repeated>,
    /// The workbook sheet to read (else the first holding a RACI table).
    pub sheet: Option<String>,
    /// The table to read, from 1: a Markdown document's, or one of the tables stacked in a CSV
    /// file or in a workbook's sheet (else the first holding a RACI table).
    pub table: Option<usize>,
}

/// The kinds of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV or TSV text, any delimiter.
    Csv,
    /// `.xlsx`, `.xlsm`, `.xls`, `.xlsb` or `.ods`.
    Workbook,
    /// A Markdown document holding the table.
    Markdown,
}

impl Format {
    /// The format of `path`, by its extension, else by what `bytes` hold.
    pub fn of(path: &Path, bytes: &[u8]) -> Format {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Format::Workbook,
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "csv" | "tsv" | "tab" => Format::Csv,
            _ if looks_like_workbook(bytes) => Format::Workbook,
            _ if decode_text(bytes).is_some_and(|t| looks_like_markdown(&t)) => Format::Markdown,
            _ => Format::Csv,
        }
    }
}

/// Reads CSV text with the default options (see [`read_file`]).
pub fn read_csv(bytes: &[u8], fallback_name: &str) -> Result<Imported, Vec<CellProblem>> {
    read_file(Format::Csv, bytes, fallback_name, &ReadOptions::default())
}

/// Reads the RACI table of a file. `fallback_name` names the workspace when no title stands
/// above the table. Nothing is returned unless every cell could be read: the problems name
/// their row and column and, where a flag settles them, the flag.
pub fn read_file(
    format: Format,
    bytes: &[u8],
    fallback_name: &str,
    options: &ReadOptions,
) -> Result<Imported, Vec<CellProblem>> {
    let misplaced = match (format, &options.sheet) {
        (Format::Markdown, Some(_)) => Some(
            "--sheet NAME picks a workbook's sheet; this file is a Markdown document (use --table N)",
        ),
        (Format::Csv, Some(_)) => Some(
            "--sheet NAME picks a workbook's sheet; this file is CSV text (use --table N for one of the tables stacked in it)",
        ),
        _ => None,
    };
    if let Some(message) = misplaced {
        return Err(vec![CellProblem::new(0, None, message)]);
    }
    match format {
        Format::Csv => read_text(bytes, fallback_name, options),
        Format::Workbook => {
            let sheets = read_workbook(bytes).map_err(|e| vec![CellProblem::new(0, None, e)])?;
            let tables: Vec<Sheet> = sheets
                .into_iter()
                .flat_map(|sheet| split_tables(sheet, options))
                .collect();
            choose(&tables, fallback_name, options, "sheet")
        }
        Format::Markdown => {
            let Some(text) = decode_text(bytes) else {
                return Err(vec![not_text()]);
            };
            choose(&read_markdown(&text), fallback_name, options, "table")
        }
    }
}

/// Reads one sheet (see [`read_file`]).
pub fn read_sheet(
    sheet: &Sheet,
    fallback_name: &str,
    options: &ReadOptions,
) -> Result<Imported, Vec<CellProblem>> {
    match interpret(sheet, fallback_name, options) {
        Outcome::Read(result) => *result,
        Outcome::NoTable => Err(vec![no_table(sheet.lines)]),
    }
}

fn not_text() -> CellProblem {
    CellProblem::new(
        0,
        None,
        "the file is not UTF-8 (or UTF-16) text; save the spreadsheet as \"CSV UTF-8\"",
    )
}

fn no_table(lines: bool) -> CellProblem {
    CellProblem {
        lines,
        ..CellProblem::new(
            0,
            None,
            "no RACI table found: the table needs a heading row over a task column and a column \
             per department (role letters such as R, A/R in the cells), or a column per role \
             (Responsible, Accountable, ...) with department names in the cells",
        )
    }
}

/// CSV or TSV: the delimiter a `sep=` line names, else the one that reads the widest table.
fn read_text(
    bytes: &[u8],
    fallback_name: &str,
    options: &ReadOptions,
) -> Result<Imported, Vec<CellProblem>> {
    let Some(text) = decode_text(bytes) else {
        return Err(vec![not_text()]);
    };
    let (named, body) = sep_line(&text);
    let first_row = if named.is_some() { 2 } else { 1 };
    let delimiters: Vec<char> = named.map_or_else(|| DELIMITERS.to_vec(), |d| vec![d]);
    // Each delimiter reads the first rows; the one that reads the best table there reads the
    // whole text (once: a large file is never split four times).
    let mut best: Option<(usize, char)> = None;
    for delimiter in delimiters {
        let rows = match csv_rows_up_to(body, delimiter, PROBE_ROWS) {
            Ok(rows) => rows,
            Err((row, message)) => {
                let problem = CellProblem::new(row + first_row - 1, None, message);
                if best.is_none() && named.is_some() {
                    return Err(vec![problem]);
                }
                continue;
            }
        };
        let tables = split_tables(
            text_sheet(fallback_name, rows, first_row, delimiter),
            options,
        );
        if let Outcome::Read(result) = interpret(&tables[0], fallback_name, options) {
            let score = match result.as_ref() {
                Ok(imported) => {
                    1_000_000
                        + imported.workspace.departments.len() * 1_000
                        + imported.workspace.responsibilities.len().min(999)
                }
                Err(problems) => 1_000usize.saturating_sub(problems.len()),
            };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, delimiter));
            }
        }
    }
    let Some((_, delimiter)) = best else {
        return Err(vec![no_table(false)]);
    };
    let rows = csv_rows(body, delimiter)
        .map_err(|(row, message)| vec![CellProblem::new(row + first_row - 1, None, message)])?;
    let mut tables = split_tables(
        text_sheet(fallback_name, rows, first_row, delimiter),
        options,
    );
    if tables.len() > 1 {
        return choose(&tables, fallback_name, options, "table");
    }
    if let Some(n) = options.table.filter(|n| *n != 1) {
        return Err(vec![CellProblem::new(
            0,
            None,
            format!("no table {n}: the file holds one table"),
        )]);
    }
    let sheet = tables.pop().unwrap_or_default();
    read_sheet(&sheet, fallback_name, options)
}

/// How many rows each delimiter reads when choosing one: the heading rows searched and the
/// rows sampled under them.
const PROBE_ROWS: usize = 256;

/// The sheet of CSV `rows` split on `delimiter`, the first of them row `first_row`.
fn text_sheet(name: &str, rows: Vec<Row>, first_row: usize, delimiter: char) -> Sheet {
    let mut sheet = Sheet::from_rows(name, rows);
    sheet.numbers = (0..sheet.rows.len()).map(|i| i + first_row).collect();
    sheet.delimiter = Some(delimiter);
    sheet
}

/// `sheet` cut into the tables stacked in it (itself when it holds one).
fn split_tables(sheet: Sheet, options: &ReadOptions) -> Vec<Sheet> {
    let model = model_of(&sheet, options).unwrap_or_default();
    split(sheet, &model)
}

/// The sheet or table asked for, else the first that holds a RACI table; the file's sheets
/// or tables are listed in what is returned when there are several.
fn choose(
    sheets: &[Sheet],
    fallback_name: &str,
    options: &ReadOptions,
    what: &str,
) -> Result<Imported, Vec<CellProblem>> {
    let lines = sheets.first().is_some_and(|s| s.lines);
    let outcomes: Vec<Outcome> = sheets
        .iter()
        .map(|s| interpret(s, fallback_name, options))
        .collect();
    let listing: Vec<String> = sheets
        .iter()
        .zip(&outcomes)
        .enumerate()
        .map(|(i, (sheet, outcome))| describe(i, sheet, outcome, fallback_name))
        .collect();
    let readable = |i: &usize| matches!(outcomes[*i], Outcome::Read(_));
    let of_sheet = |name: &str| -> Vec<usize> {
        let exact: Vec<usize> = (0..sheets.len())
            .filter(|&i| sheets[i].name == name)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let lower = name.to_lowercase();
        (0..sheets.len())
            .filter(|&i| sheets[i].name.to_lowercase() == lower)
            .collect()
    };
    // What to pick from: the tables of the sheet asked for; for a workbook asked for a table,
    // those of its first sheet holding a RACI table; else every sheet or table of the file.
    let candidates = match (&options.sheet, options.table) {
        (Some(name), _) => Some(of_sheet(name)).filter(|c| !c.is_empty()),
        (None, Some(_)) if what == "sheet" => {
            let first = (0..sheets.len()).find(readable).unwrap_or(0);
            Some(
                sheets
                    .get(first)
                    .map_or_else(Vec::new, |s| of_sheet(&s.name)),
            )
        }
        (None, _) => Some((0..sheets.len()).collect()),
    };
    let wanted = match (candidates, options.table) {
        (None, _) => Err(format!(
            "no sheet named \"{}\"",
            options.sheet.as_deref().unwrap_or_default()
        )),
        (Some(c), Some(n)) => c.get(n.wrapping_sub(1)).copied().ok_or_else(|| {
            match c.first().filter(|_| what == "sheet") {
                Some(&first) => format!(
                    "no table {n}: sheet \"{}\" holds {}",
                    sheets[first].name,
                    c.len()
                ),
                None => format!("no table {n}: the file has {}", c.len()),
            }
        }),
        (Some(c), None) if options.sheet.is_some() => {
            Ok(c.iter().copied().find(readable).unwrap_or(c[0]))
        }
        (Some(c), None) => c.iter().copied().find(readable).ok_or_else(|| {
            if sheets.is_empty() {
                format!("no {what} in the file")
            } else {
                format!("no {what} holds a RACI table")
            }
        }),
    };
    let index = match wanted {
        Ok(i) => i,
        Err(message) => {
            let mut problem = no_table(lines);
            problem.message = if listing.is_empty() {
                message
            } else {
                format!("{message}; the file holds: {}", listing.join("; "))
            };
            return Err(vec![problem]);
        }
    };
    let Some(outcome) = outcomes.into_iter().nth(index) else {
        return Err(vec![no_table(lines)]);
    };
    match outcome {
        Outcome::Read(result) => result.map(|mut imported| {
            if sheets.len() > 1 {
                imported.tables = listing;
            }
            imported
        }),
        Outcome::NoTable => {
            let mut problem = no_table(lines);
            // A document's tables are named "table N"; a workbook's sheets by their tab.
            let sheet = &sheets[index];
            let named = match sheet.table {
                _ if lines => sheet.name.clone(),
                Some(t) if what == "table" => format!("table {t}"),
                Some(t) => format!("sheet \"{}\", table {t},", sheet.name),
                None => format!("{what} \"{}\"", sheet.name),
            };
            problem.message = format!(
                "{named} holds no RACI table; the file holds: {}",
                listing.join("; ")
            );
            Err(vec![problem])
        }
    }
}

/// "table 2 (line 14): 4 departments, 7 tasks" / "Sheet2: no RACI table" / "2 (row 9, \"Support
/// RACI\"): 2 departments, 1 responsibility" (the second table stacked in a CSV file).
fn describe(index: usize, sheet: &Sheet, outcome: &Outcome, fallback_name: &str) -> String {
    let first = sheet.numbers.first().copied().unwrap_or(1);
    let name = if sheet.lines {
        match &sheet.caption {
            Some(caption) => format!("{} (line {first}, under \"{caption}\")", index + 1),
            None => format!("{} (line {first})", index + 1),
        }
    } else if let Some(t) = sheet.table {
        let title = match outcome {
            Outcome::Read(result) => result
                .as_ref()
                .as_ref()
                .ok()
                .map(|imported| imported.workspace.info.name.as_str())
                .filter(|name| *name != fallback_name),
            Outcome::NoTable => None,
        };
        let at = match title {
            Some(title) => format!("row {first}, \"{title}\""),
            None => format!("row {first}"),
        };
        if sheet.delimiter.is_some() {
            format!("{t} ({at})")
        } else {
            format!("\"{}\" table {t} ({at})", sheet.name)
        }
    } else {
        format!("\"{}\"", sheet.name)
    };
    match outcome {
        Outcome::Read(result) => match result.as_ref() {
            Ok(imported) => {
                let (d, r) = (
                    imported.workspace.departments.len(),
                    imported.workspace.responsibilities.len(),
                );
                format!(
                    "{name}: {d} department{}, {r} responsibilit{}",
                    if d == 1 { "" } else { "s" },
                    if r == 1 { "y" } else { "ies" }
                )
            }
            Err(problems) => format!(
                "{name}: a RACI table with {} unreadable cell{}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
        },
        Outcome::NoTable => format!("{name}: no RACI table"),
    }
}

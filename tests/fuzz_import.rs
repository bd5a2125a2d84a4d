//! Fuzzing the importer with proptest: CSV (arbitrary bytes, a mutated export, generated cells),
//! workbooks (`.xlsx`, `.ods` and `.xls` bytes mutated, the XML inside an OpenDocument and an
//! Excel workbook mutated, generated grids written by rust_xlsxwriter) and Markdown documents
//! (the public tables of `tests/fixtures/import/` mutated, arbitrary text). Whatever the input:
//! no panic; a workspace that saves and loads as itself, or problems in words (no debug output,
//! no control characters), each at a row (a line, in a document) of the input and a column when
//! in a cell, or of the file as a whole.
//!
//! A short run is part of `cargo test`. For a longer one:
//! `WHOOWNS_FUZZ_CASES=2000 cargo test --release --test fuzz_import -- --nocapture`
//! (each target prints how many cases it ran).

#[path = "common/fuzz.rs"]
mod fuzz_common;

use std::io::{Read, Write};

use fuzz_common::{fuzz, mutated};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use whoowns::spreadsheet::{Format, ReadOptions, Repeated, column_name, read_file};
use whoowns::text::is_unsafe_char;
use whoowns::workspace::{parse, to_toml};

/// The flags an import may be given: none, then the ones that settle what is ambiguous and pick
/// a sheet or table.
fn flag_sets(format: Format) -> Vec<ReadOptions> {
    let mut sets = vec![
        ReadOptions::default(),
        ReadOptions {
            x_means: Some("R".into()),
            repeated: Some(Repeated::Merge),
            table: Some(2),
            ..ReadOptions::default()
        },
    ];
    if format == Format::Workbook {
        sets.push(ReadOptions {
            sheet: Some("RACI".into()),
            repeated: Some(Repeated::Apart),
            ..ReadOptions::default()
        });
    }
    sets
}

/// Whatever `read_file` says of `bytes` as `format`, with each of [`flag_sets`]: a workspace
/// that saves and loads as itself, or problems in words, each placed.
fn check_import(format: Format, bytes: &[u8]) -> Result<(), TestCaseError> {
    // Rows of text are records or lines; a record spans at least one line. A workbook's rows
    // are its own, as far down as it says.
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    for options in flag_sets(format) {
        match read_file(format, bytes, "fuzz", &options) {
            Ok(imported) => {
                let text = to_toml(&imported.workspace);
                let again = parse(&text).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
                prop_assert_eq!(&again.workspace, &imported.workspace);
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for problem in &problems {
                    check_problem(format, problem, lines)?;
                }
            }
        }
    }
    Ok(())
}

/// A problem in words at its place: row 0 for the file as a whole, else a row (a line, in a
/// document) of the input and a column (a cell) when in one.
fn check_problem(
    format: Format,
    problem: &whoowns::spreadsheet::CellProblem,
    lines: usize,
) -> Result<(), TestCaseError> {
    let shown = problem.to_string();
    prop_assert!(!problem.message.trim().is_empty(), "{problem:?}");
    prop_assert!(
        !shown.chars().any(|c| c != '\n' && is_unsafe_char(c)) || shown.contains('"'),
        "control characters outside a quoted cell: {shown:?}"
    );
    // Words, not a library's debug output.
    for debug in ["Error {", "kind:", "Some(", "Os {", "\\u{"] {
        prop_assert!(!shown.contains(debug), "{shown}");
    }
    if problem.row == 0 {
        prop_assert!(problem.column.is_none(), "{problem:?}");
        prop_assert!(
            !shown.starts_with("row ") && !shown.starts_with("line "),
            "{shown}"
        );
        return Ok(());
    }
    if format != Format::Workbook {
        prop_assert!((1..=lines).contains(&problem.row), "{problem:?} of {lines}");
    }
    let at = match (problem.lines, problem.column) {
        (false, Some(c)) => format!("row {}, column {}: ", problem.row, column_name(c)),
        (false, None) => format!("row {}: ", problem.row),
        (true, Some(c)) => format!("line {}, cell {}: ", problem.row, c + 1),
        (true, None) => format!("line {}: ", problem.row),
    };
    prop_assert!(shown.starts_with(&at), "{shown}");
    prop_assert_eq!(problem.lines, format == Format::Markdown, "{}", shown);
    Ok(())
}

// CSV.

#[test]
fn arbitrary_bytes_never_panic_the_importer() {
    fuzz(
        "import bytes",
        128,
        proptest::collection::vec(any::<u8>(), 0..2048),
        |bytes| check_import(Format::Csv, &bytes),
    );
}

#[test]
fn mutated_sheets_import_or_name_the_row_and_column() {
    let sample = parse(whoowns::SAMPLE_WORKSPACE).expect("valid").workspace;
    let sheet = whoowns::spreadsheet::to_csv(&sample);
    fuzz(
        "import mutated sheet",
        96,
        mutated(sheet, "[,;\t\"\r\n RACIarci/x=']{0,6}|.{0,6}"),
        |text| check_import(Format::Csv, text.as_bytes()),
    );
}

/// One cell of a generated sheet: its text and whether it reads as roles.
fn cell() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        proptest::sample::select(vec![
            "", "R", "A/R", "r, a", "C", "I", "Informed", "AR", " i "
        ])
        .prop_map(|c| (c.to_owned(), true)),
        "[BD-HJ-QS-Zbd-hj-qs-z0-9!?]{1,4}".prop_map(|c| (c, false)),
    ]
}

#[test]
fn every_unreadable_cell_is_reported_at_its_row_and_column_and_nothing_else() {
    use whoowns::spreadsheet::read_csv;
    let rows = proptest::collection::vec(
        ("task [a-z]{1,8}", proptest::collection::vec(cell(), 3)),
        0..12,
    );
    fuzz("import cells", 96, rows, |rows| {
        // The first row holds a role in every column, so each is read as a department's
        // (the importer finds the task column and the department columns by their content).
        let mut text = String::from("Task,Marketing,IT,Legal\ntask first,R,A,C\n");
        let mut expected = std::collections::BTreeSet::new();
        for (r, (name, cells)) in rows.iter().enumerate() {
            text.push_str(name);
            // A row with every role cell empty is a section (the area of the rows below it):
            // each generated row holds a role somewhere, so that it is a responsibility.
            let mut cells = cells.clone();
            if cells.iter().all(|(cell, _)| cell.trim().is_empty()) {
                cells[0] = ("R".to_owned(), true);
            }
            for (c, (cell, readable)) in cells.iter().enumerate() {
                text.push_str(&format!(",\"{cell}\""));
                if !readable {
                    expected.insert((r + 3, Some(c + 1)));
                }
            }
            text.push('\n');
        }
        match read_csv(text.as_bytes(), "t") {
            Ok(imported) => {
                prop_assert!(expected.is_empty(), "{expected:?} not reported");
                prop_assert_eq!(imported.workspace.responsibilities.len(), rows.len() + 1);
            }
            Err(problems) => {
                let found: std::collections::BTreeSet<_> =
                    problems.iter().map(|p| (p.row, p.column)).collect();
                prop_assert_eq!(&found, &expected);
                prop_assert_eq!(problems.len(), expected.len());
            }
        }
        Ok(())
    });
}

// Workbooks.

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .expect("fixture")
}

/// A small workbook as rust_xlsxwriter writes one: a read-me sheet, then a RACI table with a
/// title, an area merged down two rows, marks, a repeated department and a key.
fn xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format as Style, Workbook};
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Read me")
        .and_then(|s| s.write_string(0, 0, "Fill in one letter per cell"))
        .expect("sheet");
    let sheet = book.add_worksheet();
    sheet.set_name("RACI").expect("name");
    let rows: [&[&str]; 7] = [
        &["Social media RACI"],
        &[],
        &[
            "Area",
            "Task / Deliverable",
            "Marketing",
            "IT",
            "Marketing",
            "Status",
        ],
        &["", "Content calendar", "A/R", "", "R", "Done"],
        &["", "Account access", "I", "X", "", "Open"],
        &["Risk", "Crisis response", "R, A", "C", "-", ""],
        &["Key: R = Responsible, A = Accountable"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            let (r, c) = (
                u32::try_from(r).expect("row"),
                u16::try_from(c).expect("col"),
            );
            sheet.write_string(r, c, *cell).expect("write");
        }
    }
    sheet
        .merge_range(3, 0, 4, 0, "Channels", &Style::new())
        .expect("merge");
    book.save_to_buffer().expect("xlsx")
}

/// The seeds of the byte mutations: an `.xlsx`, the `.ods` and the `.xls` fixtures.
fn workbooks() -> Vec<Vec<u8>> {
    vec![
        xlsx(),
        fixture("customer-care.ods"),
        fixture("governance.xls"),
    ]
}

/// `bytes` with bytes replaced, inserted or removed at a few spots.
fn mutate_bytes(bytes: &[u8], edits: &[(usize, usize, Vec<u8>)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for (at, remove, insert) in edits {
        let at = (*at).min(out.len());
        let end = (at + remove).min(out.len());
        out.splice(at..end, insert.iter().copied());
    }
    out
}

#[test]
fn mutated_workbook_bytes_import_or_explain_themselves() {
    let seeds = workbooks();
    let edits = proptest::collection::vec(
        (
            0usize..64_000,
            0usize..16,
            proptest::collection::vec(any::<u8>(), 0..8),
        ),
        1..5,
    );
    fuzz(
        "import workbook bytes",
        64,
        (0..seeds.len(), edits),
        |(seed, edits)| {
            let seed = &seeds[seed];
            // Spots spread over the whole file, whatever its size.
            let edits: Vec<_> = edits
                .into_iter()
                .map(|(at, n, b)| (at % seed.len().max(1), n, b))
                .collect();
            check_import(Format::Workbook, &mutate_bytes(seed, &edits))
        },
    );
}

/// The members of the zip archive `bytes`, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut member = archive.by_index(i).expect("member");
            let mut data = Vec::new();
            member.read_to_end(&mut data).expect("read");
            (member.name().expect("a name").into_owned(), data)
        })
        .collect()
}

/// A zip archive of `members`, stored (so that what was mutated is what is read).
fn rezip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in members {
        zip.start_file(name.as_str(), stored).expect("member");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// The XML inside a workbook mutated (its cells, strings, merges and structure), the archive
/// intact: the reader's parsing of each format, not only its refusal of a broken zip.
fn mutated_xml_inside(bytes: Vec<u8>, member: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let members = unzip(&bytes);
    let at = members
        .iter()
        .position(|(name, _)| name == member)
        .expect("member");
    let xml = String::from_utf8(members[at].1.clone()).expect("UTF-8 XML");
    mutated(xml, "[<>/=\" a-z:RACI0-9&;#\n]{0,8}|.{0,4}").prop_map(move |xml| {
        let mut members = members.clone();
        members[at].1 = xml.into_bytes();
        rezip(&members)
    })
}

#[test]
fn workbooks_with_mutated_xml_import_or_explain_themselves() {
    let inputs = prop_oneof![
        mutated_xml_inside(fixture("customer-care.ods"), "content.xml"),
        mutated_xml_inside(xlsx(), "xl/worksheets/sheet2.xml"),
        mutated_xml_inside(xlsx(), "xl/sharedStrings.xml"),
        mutated_xml_inside(xlsx(), "xl/workbook.xml"),
    ];
    fuzz("import workbook xml", 64, inputs, |bytes| {
        check_import(Format::Workbook, &bytes)
    });
}

/// A cell of a generated grid: role spellings, marks, headings, sections, legends and text.
fn grid_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "",
            "",
            "Task",
            "Activity / Deliverable",
            "Area",
            "Marketing",
            "IT",
            "Legal",
            "R",
            "A/R",
            "r, a",
            "C",
            "I",
            "X",
            "-",
            "n/a",
            "Phase 1:",
            "Key: R = Responsible",
            "Responsible",
            "Accountable",
            "Marketing, IT",
            "#",
            "1.2",
            "=SUM(A1)",
            "S",
        ])
        .prop_map(str::to_owned),
        ".{0,6}",
    ]
}

#[test]
fn generated_excel_grids_import_or_name_the_cell() {
    use rust_xlsxwriter::{Format as Style, Workbook};
    let grid = (
        proptest::collection::vec(proptest::collection::vec(grid_cell(), 0..6), 0..12),
        proptest::option::of((0u32..10, 0u16..5, 1u32..4)),
    );
    fuzz("import generated xlsx", 48, grid, |(rows, merge)| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("RACI").expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                let (r, c) = (
                    u32::try_from(r).expect("row"),
                    u16::try_from(c).expect("col"),
                );
                sheet.write_string(r, c, cell).expect("write");
            }
        }
        if let Some((r, c, down)) = merge {
            sheet
                .merge_range(r, c, r + down, c, "Merged", &Style::new())
                .expect("merge");
        }
        check_import(Format::Workbook, &book.save_to_buffer().expect("xlsx"))
    });
}

// Markdown.

#[test]
fn mutated_markdown_documents_import_or_name_the_line() {
    let documents = [
        "algosup-team7.md",
        "sportshield-team5.md",
        "phases-template.md",
        "unfilled-template.md",
        "transposed-launch.md",
    ]
    .map(|name| String::from_utf8(fixture(name)).expect("UTF-8"));
    let inputs = proptest::sample::select(documents.to_vec())
        .prop_flat_map(|doc| mutated(doc, "[|\\-: *#\n<>/brRACI]{0,8}|.{0,4}"));
    fuzz("import mutated markdown", 64, inputs, |text| {
        check_import(Format::Markdown, text.as_bytes())
    });
}

#[test]
fn arbitrary_markdown_never_panics_the_importer() {
    let piece = prop_oneof![
        Just("| ".to_owned()),
        Just(" |".to_owned()),
        Just("|---|---|".to_owned()),
        Just("\n".to_owned()),
        Just("# ".to_owned()),
        Just("**".to_owned()),
        Just("<br>".to_owned()),
        grid_cell(),
    ];
    let text = proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat());
    fuzz("import markdown", 96, text, |text| {
        check_import(Format::Markdown, text.as_bytes())
    });
}

//! `whoowns import SHEET --into WORKSPACE` through the real binary: a workspace exported, edited
//! as a spreadsheet (a real `.xlsx` written by rust_xlsxwriter, and a CSV) and brought back
//! changes exactly the edited roles and keeps everything the sheet does not carry (ids,
//! descriptions, budgets, funding, claims, decisions, comments); new rows are added, missing
//! rows reported (removed only with `--prune`), one save with a backup, `--dry-run` a diff.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use whoowns::workspace::{Role, Workspace, parse};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of the sample workspace in a scratch directory, with its own data directory (where
/// backups go).
struct Scratch {
    dir: tempfile::TempDir,
    ws: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        let ws = dir.path().join("charter.toml");
        std::fs::copy(Path::new(ROOT).join("assets/sample.toml"), &ws).expect("copy");
        Scratch { dir, ws }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("whoowns");
        cmd.current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("HOME", self.dir.path());
        cmd
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.ws).expect("read")
    }

    fn workspace(&self) -> Workspace {
        parse(&self.text()).expect("loads").workspace
    }

    /// The workspace exported as CSV rows.
    fn exported_rows(&self) -> Vec<Vec<String>> {
        let out = self
            .cmd()
            .args(["export", "--format", "csv"])
            .arg(&self.ws)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(out.stdout.as_slice());
        reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect()
    }

    /// `whoowns import FILE --into charter.toml EXTRA...`: exit code, stdout, stderr.
    fn import_into(&self, file: &Path, extra: &[&str]) -> (i32, String, String) {
        let out = self
            .cmd()
            .arg("import")
            .arg(file)
            .arg("--into")
            .arg(&self.ws)
            .args(extra)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    }

    /// The backups kept of the workspace.
    fn backups(&self) -> usize {
        let root = self.dir.path().join("data/whoowns/backups");
        let Ok(entries) = std::fs::read_dir(&root) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| {
                std::fs::read_dir(e.path()).map_or(0, |d| {
                    d.flatten()
                        .filter(|f| f.path().extension().is_some_and(|x| x == "toml"))
                        .count()
                })
            })
            .sum()
    }
}

/// The cell of `rows` in the row whose first cell (the id) is `id`, under heading `column`.
fn cell<'a>(rows: &'a mut [Vec<String>], id: &str, column: &str) -> &'a mut String {
    let heading = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Id"))
        .expect("heading row");
    let c = rows[heading]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    let row = rows
        .iter_mut()
        .find(|r| r.first().is_some_and(|c| c == id))
        .unwrap_or_else(|| panic!("no row {id}"));
    if row.len() <= c {
        row.resize(c + 1, String::new());
    }
    &mut row[c]
}

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(path)
        .expect("create");
    for row in rows {
        writer.write_record(row).expect("write");
    }
    writer.flush().expect("flush");
}

/// The rows as an Excel workbook would hold them after editing: every cell a string, an empty
/// cell left unwritten, formula escapes (`'`) gone as Excel takes them off.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Charter").expect("name");
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let value = value.strip_prefix('\'').unwrap_or(value);
            sheet
                .write_string(
                    u32::try_from(r).expect("row"),
                    u16::try_from(c).expect("col"),
                    value,
                )
                .expect("write");
        }
    }
    book.save(path).expect("save");
}

/// The lines that differ between two versions of a file with the same number of lines:
/// `(before, after)` pairs.
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .map(|(b, a)| (b.to_owned(), a.to_owned()))
        .collect()
}

fn responsibility<'a>(
    ws: &'a mut Workspace,
    id: &str,
) -> &'a mut whoowns::workspace::Responsibility {
    ws.responsibilities
        .iter_mut()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no responsibility {id}"))
}

#[test]
fn an_xlsx_edited_and_brought_back_changes_exactly_the_edited_roles() {
    let s = Scratch::new();
    let before_text = s.text();
    let before = s.workspace();
    let mut rows = s.exported_rows();
    // The edits: Legal now consulted on the content calendar; Customer Care no longer
    // accountable for community management, only responsible.
    *cell(&mut rows, "content-calendar", "Legal & Compliance") = "C".into();
    assert_eq!(
        cell(&mut rows, "community-management", "Customer Care"),
        "A/R"
    );
    *cell(&mut rows, "community-management", "Customer Care") = "R".into();
    let xlsx = s.dir.path().join("charter.xlsx");
    write_xlsx(&xlsx, &rows);

    let (code, stdout, stderr) = s.import_into(&xlsx, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("updated (2 responsibilities changed); the previous version is kept"),
        "{stderr}"
    );
    assert!(!stderr.contains("is new"), "nothing added: {stderr}");
    assert!(!stderr.contains("not in the table"), "{stderr}");

    let mut expected = before.clone();
    responsibility(&mut expected, "content-calendar")
        .role_mut(Role::Consulted)
        .push("legal".into());
    responsibility(&mut expected, "community-management")
        .role_mut(Role::Accountable)
        .retain(|d| d != "care");
    assert_eq!(
        s.workspace(),
        expected,
        "only the edited roles change; budgets, funding, claims, decisions, tie-breakers stay"
    );
    let after_text = s.text();
    assert_eq!(
        changed_lines(&before_text, &after_text),
        [
            (
                "consulted = [\"pr\", \"sales\"]".to_owned(),
                "consulted = [\"pr\", \"sales\", \"legal\"]".to_owned()
            ),
            (
                "accountable = [\"marketing\", \"care\"]".to_owned(),
                "accountable = [\"marketing\"]".to_owned()
            ),
        ],
        "two lines change, every other line (comments included) stays"
    );
    assert!(
        after_text.contains("# --- Community & service ---"),
        "comments stay"
    );
    assert_eq!(s.backups(), 1, "the replaced version is kept");

    // Brought back again, the same sheet changes nothing and writes nothing.
    let (code, _, stderr) = s.import_into(&xlsx, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("the table changes nothing; not rewritten"),
        "{stderr}"
    );
    assert_eq!(s.text(), after_text);
    assert_eq!(s.backups(), 1);
}

#[test]
fn a_csv_edited_adds_rows_reports_missing_ones_and_prunes_only_when_asked() {
    let s = Scratch::new();
    let before_text = s.text();
    let before = s.workspace();
    let mut rows = s.exported_rows();
    let heading = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Id"))
        .expect("heading");
    let width = rows[heading].len();
    // One role changed, one row renamed (its id kept), one row deleted, one row added.
    *cell(&mut rows, "content-calendar", "Sales") = "I".into();
    *cell(&mut rows, "brand-voice", "Responsibility") = "Brand voice & tone".into();
    rows.retain(|r| r.first().is_none_or(|c| c != "customer-service"));
    let mut new_row = vec![String::new(); width];
    new_row[2] = "Podcast".into();
    new_row[4] = "A/R".into();
    new_row[6] = "C".into();
    rows.push(new_row);
    let csv = s.dir.path().join("edited.csv");
    write_csv(&csv, &rows);

    // --dry-run: the diff printed, nothing written.
    let (code, stdout, stderr) = s.import_into(&csv, &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    for expected in ["Content calendar", "Podcast", "--dry-run: nothing written"] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
    assert!(
        stderr.contains(
            "\"Customer service on social\" is not in the table: kept (--prune removes it)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("\"Podcast\" is new: added"), "{stderr}");
    assert_eq!(s.text(), before_text, "--dry-run writes nothing");
    assert_eq!(s.backups(), 0);

    // Without --prune: the missing row stays.
    let (code, _, stderr) = s.import_into(&csv, &[]);
    assert_eq!(code, 0, "{stderr}");
    let after = s.workspace();
    let mut expected = before.clone();
    {
        let calendar = responsibility(&mut expected, "content-calendar");
        calendar.role_mut(Role::Consulted).retain(|d| d != "sales");
        calendar.role_mut(Role::Informed).push("sales".into());
    }
    "Brand voice & tone".clone_into(&mut responsibility(&mut expected, "brand-voice").name);
    let podcast = after
        .responsibilities
        .last()
        .expect("a responsibility")
        .clone();
    assert_eq!(podcast.id, "podcast");
    assert_eq!(podcast.name, "Podcast");
    assert_eq!(podcast.role(Role::Accountable), ["marketing"]);
    assert_eq!(podcast.role(Role::Responsible), ["marketing"]);
    assert_eq!(podcast.role(Role::Consulted), ["legal"]);
    expected.responsibilities.push(podcast);
    assert_eq!(after, expected);
    assert_eq!(s.backups(), 1);

    // With --prune: the row the sheet lacks goes.
    let (code, _, stderr) = s.import_into(&csv, &["--prune"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("\"Customer service on social\" is not in the table: removed (--prune)"),
        "{stderr}"
    );
    let pruned = s.workspace();
    assert!(
        !pruned
            .responsibilities
            .iter()
            .any(|r| r.id == "customer-service"),
        "pruned"
    );
    assert_eq!(pruned.responsibilities.len(), before.responsibilities.len());
    assert_eq!(pruned.decisions, before.decisions, "decisions stay");
    assert_eq!(s.backups(), 2);
}

#[test]
fn a_sheet_without_ids_matches_by_name_and_keeps_departments_it_lacks() {
    let s = Scratch::new();
    let before = s.workspace();
    // Names only, another order, other case, two departments, one of them by its id.
    let csv = s.dir.path().join("names.csv");
    std::fs::write(
        &csv,
        "Task,marketing,Customer Care\n\
         customer service on social,I,A/R\n\
         Content calendar,A/R,I\n",
    )
    .expect("write");
    let (code, _, stderr) = s.import_into(&csv, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("department \"IT\" is not in the table: its roles are kept"),
        "{stderr}"
    );
    let after = s.workspace();
    let mut expected = before.clone();
    {
        let service = responsibility(&mut expected, "customer-service");
        service
            .role_mut(Role::Consulted)
            .retain(|d| d != "marketing");
        service.role_mut(Role::Informed).push("marketing".into());
    }
    assert_eq!(
        after, expected,
        "the rest of every row and every other row stay"
    );
    assert_eq!(
        after.responsibilities.len(),
        before.responsibilities.len(),
        "rows the sheet lacks are kept"
    );
}

#[test]
fn flags_that_contradict_the_workspace_are_refused() {
    let s = Scratch::new();
    let csv = s.dir.path().join("t.csv");
    std::fs::write(&csv, "Task,Marketing\nContent calendar,A\n").expect("write");
    let (code, _, stderr) = s.import_into(&csv, &["--model", "daci"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--model daci contradicts the workspace's model"),
        "{stderr}"
    );
    let out = s
        .cmd()
        .args(["import", "--prune"])
        .arg(&csv)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "--prune needs --into");
    let before = s.text();
    std::fs::write(&csv, "Task,Marketing\nContent calendar,S\n").expect("write");
    let (code, _, stderr) = s.import_into(&csv, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("row 2, column B: cannot read \"S\""),
        "{stderr}"
    );
    assert_eq!(s.text(), before, "nothing written on a refusal");
}

#[test]
fn a_sheet_of_another_model_is_read_in_the_workspaces_letters() {
    let s = Scratch::new();
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/models/rapid.toml"),
        &s.ws,
    )
    .expect("copy");
    let before = s.workspace();
    let mut rows = s.exported_rows();
    assert!(
        rows[1][0].starts_with("Legend: model rapid"),
        "{:?}",
        rows[1]
    );
    assert_eq!(cell(&mut rows, "discounts", "Marketing"), "I");
    *cell(&mut rows, "discounts", "Marketing") = "A".into();
    let csv = s.dir.path().join("rapid.csv");
    write_csv(&csv, &rows);
    let (code, _, stderr) = s.import_into(&csv, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("(rapid model)"), "{stderr}");
    let model = before.model.clone();
    let agree = model.by_key("agree").expect("RAPID has Agree");
    let input = model.by_key("input").expect("RAPID has Input");
    let mut expected = before;
    let discounts = responsibility(&mut expected, "discounts");
    discounts.role_mut(agree).push("marketing".into());
    discounts.role_mut(input).retain(|d| d != "marketing");
    assert_eq!(s.workspace(), expected);
}

/// The rows as LibreOffice saves them in an OpenDocument spreadsheet (`.ods`).
fn write_ods(path: &Path, rows: &[Vec<String>]) {
    use std::io::Write;
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for value in row {
            let value = value.strip_prefix('\'').unwrap_or(value);
            if value.is_empty() {
                table.push_str("<table:table-cell/>");
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                    escape(value)
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Charter\">{table}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("manifest");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(content.as_bytes()).expect("write");
    zip.finish().expect("finish");
}

#[test]
fn an_ods_edited_in_libreoffice_changes_exactly_the_edited_role() {
    let s = Scratch::new();
    let before = s.workspace();
    let mut rows = s.exported_rows();
    assert_eq!(
        cell(&mut rows, "account-security", "Legal & Compliance"),
        "C"
    );
    *cell(&mut rows, "account-security", "Legal & Compliance") = "I".into();
    let ods = s.dir.path().join("charter.ods");
    write_ods(&ods, &rows);
    let (code, _, stderr) = s.import_into(&ods, &["--dry-run"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(s.workspace(), before, "--dry-run writes nothing");
    let (code, _, stderr) = s.import_into(&ods, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("updated (1 responsibility changed)"),
        "{stderr}"
    );
    let mut expected = before;
    let security = responsibility(&mut expected, "account-security");
    security.role_mut(Role::Consulted).retain(|d| d != "legal");
    security.role_mut(Role::Informed).push("legal".into());
    assert_eq!(s.workspace(), expected);
}

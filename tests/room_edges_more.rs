//! More of the room's rough edges (issue 22), driven through real key events on the board:
//! sign-off with open items, the export question, and Enter on an empty name.

mod common;

use common::board::{TODAY, screen};
use common::{feed, key, typed};
use ratatui::crossterm::event::KeyCode;
use whoowns::tui::app::{App, ListKind, Mode};

/// The board on a copy of `template` (a file in assets/), with a fixed date.
fn board(template: &str) -> (tempfile::TempDir, App) {
    common::board::on_copy(&format!("assets/{template}"), "ws.toml")
}

/// The status line (the last row of the screen).
fn status(app: &mut App) -> String {
    screen(app)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn enter_on_an_empty_name_says_why_nothing_happened() {
    let (_dir, mut app) = board("sample.toml");
    let before = app.workspace().clone();
    // Add a responsibility, a department: Enter at once.
    for (open, why) in [
        ('a', "Nothing added: a responsibility needs a name"),
        ('A', "Nothing added: a department needs a name"),
    ] {
        feed(&mut app, &[key(KeyCode::Char(open)), key(KeyCode::Enter)]);
        assert_eq!(app.mode, Mode::Normal, "{:?}", app.mode);
        let line = status(&mut app);
        assert!(line.contains(why), "{line}");
    }
    // Spaces only are no name either.
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    feed(&mut app, &typed("   "));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(status(&mut app).contains("Nothing added"));
    // Rename the selected card and its column, the name cleared first (ctrl+u).
    feed(&mut app, &[key(KeyCode::Right)]);
    assert!(app.selected.is_some());
    for (open, why) in [
        ('r', "Not renamed: a responsibility needs a name"),
        ('R', "Not renamed: a department needs a name"),
    ] {
        feed(
            &mut app,
            &[
                key(KeyCode::Char(open)),
                common::ctrl('u'),
                key(KeyCode::Enter),
            ],
        );
        assert_eq!(app.mode, Mode::Normal, "{:?}", app.mode);
        let line = status(&mut app);
        assert!(line.contains(why), "{line}");
    }
    assert_eq!(*app.workspace(), before, "nothing changed");
}

#[test]
fn the_export_question_has_no_stray_space() {
    let (_dir, mut app) = board("sample.toml");
    feed(&mut app, &[key(KeyCode::Char('e'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("ws.charter.md?"), "{shown}");
    assert!(!shown.contains(".md ?"), "{shown}");
}

/// The exported charter, as the real binary writes it to standard output.
fn exported(path: &std::path::Path) -> String {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("whoowns"))
        .arg("export")
        .arg(path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn the_raw_charter_reads_ampersands_as_written() {
    let charter = exported(std::path::Path::new("assets/sample.toml"));
    assert!(
        charter.contains("| Legal & Compliance | legal |"),
        "{charter}"
    );
    assert!(charter.contains("## Area: Brand & content"), "{charter}");
    assert!(!charter.contains("&amp;"), "{charter}");
    // Text that would spell an entity is still escaped, so it shows as written.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ws.toml");
    let text = std::fs::read_to_string("assets/minimal.toml")
        .expect("minimal")
        .replace("\"Marketing\"", "\"R&D &copy; &#169; &#xA9;\"");
    std::fs::write(&path, text).expect("write");
    let charter = exported(&path);
    assert!(
        charter.contains(r"R&D &amp;copy; &amp;\#169; &amp;\#xA9;"),
        "{charter}"
    );
}

#[test]
fn saving_on_the_board_keeps_the_blank_templates_section_comment_above_the_responsibilities() {
    let (dir, mut app) = board("blank.toml");
    let path = dir.path().join("ws.toml");
    // A decision about the whole charter first, saved; then a responsibility, saved.
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    feed(&mut app, &typed("Marketing keeps 5 accountabilities"));
    feed(&mut app, &[key(KeyCode::Enter), common::ctrl('s')]);
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    feed(&mut app, &typed("Crisis response"));
    feed(&mut app, &[key(KeyCode::Enter), common::ctrl('s')]);
    let saved = std::fs::read_to_string(&path).expect("saved");
    let at = |needle: &str| {
        saved
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in\n{saved}"))
    };
    let heading = at("# --- Responsibilities ---");
    assert!(at("id = \"exec\"") < heading, "{saved}");
    assert!(heading < at("\n[[responsibility]]"), "{saved}");
    assert!(at("\n[[responsibility]]") < at("\n[[decision]]"), "{saved}");
    let blank = std::fs::read_to_string("assets/blank.toml").expect("blank");
    let comments = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(comments(&saved), comments(&blank));
}

#[test]
fn signing_with_open_items_says_what_is_open_and_the_charter_notes_it() {
    let (dir, mut app) = board("minimal.toml");
    let path = dir.path().join("ws.toml");
    // No lead named yet: Enter first asks who signs (a person, not the department); with
    // nothing open it then signs at once, with nothing noted.
    feed(&mut app, &[key(KeyCode::Char('S')), key(KeyCode::Enter)]);
    let asked = screen(&mut app);
    assert!(
        asked.contains("Who signs for \"Marketing\"? Its lead's name"),
        "{asked}"
    );
    assert!(asked.contains("Enter sign │ Esc cancel"), "{asked}");
    feed(&mut app, &typed("Ana Ruiz"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
    let marketing = app.workspace().departments[0]
        .signed
        .clone()
        .expect("signed");
    assert_eq!(marketing.by, "Ana Ruiz");
    assert_eq!(marketing.open, None);
    feed(&mut app, &[key(KeyCode::Esc)]);
    // Park the only item: one parked item is open now.
    feed(&mut app, &[key(KeyCode::Right)]);
    assert!(app.selected.is_some());
    feed(&mut app, &[key(KeyCode::Char('p'))]);
    feed(&mut app, &typed("after the budget talk"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.workspace().responsibilities[0].is_parked());
    feed(&mut app, &[key(KeyCode::Char('S'))]);
    let list = screen(&mut app);
    assert!(list.contains("Still open: 1 parked item."), "{list}");
    // PR signs: who signs (an empty name says why nothing happened), then the board says what
    // is still open before it signs.
    feed(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Enter), key(KeyCode::Enter)],
    );
    assert!(screen(&mut app).contains("name the person who signs for it"));
    feed(&mut app, &typed("Dev Patel"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let asked = screen(&mut app);
    assert!(
        asked.contains("Still open: 1 parked item (parked: \"Content calendar\"). Sign the"),
        "{asked}"
    );
    assert_eq!(app.workspace().departments[1].signed, None, "not before y");
    // Not yet: back to the list, unsigned.
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
    assert_eq!(app.workspace().departments[1].signed, None);
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('y'))]);
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
    let pr = app.workspace().departments[1]
        .signed
        .clone()
        .expect("signed");
    assert_eq!(pr.open.as_deref(), Some("1 parked item"));
    let rows = app.list_rows(ListKind::SignOff);
    assert!(
        rows[1]
            .text
            .starts_with("PR / Communications: ✔ signed by Dev Patel on "),
        "{}",
        rows[1].text
    );
    assert!(
        rows[1].text.ends_with(" with 1 parked item open"),
        "{}",
        rows[1].text
    );
    // The signature keeps it in the file, and the charter notes it for that signature only.
    feed(&mut app, &[key(KeyCode::Esc), common::ctrl('s')]);
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(saved.contains("open = \"1 parked item\""), "{saved}");
    let charter = exported(&path);
    let sign_off = &charter[charter.find("## Sign-off").expect("sign-off")..];
    let row = |name: &str| {
        sign_off
            .lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no row for {name} in {charter}"))
            .to_owned()
    };
    assert!(
        // Where the department stands comes right after its lead, then who signed and when.
        row("PR / Communications")
            .contains("| Dev Patel | signed with 1 parked item open | Dev Patel | 2026-11-24 |"),
        "{charter}"
    );
    assert!(!row("Marketing").contains("open"), "{charter}");
}

#[test]
fn a_signature_with_open_items_merges_and_conflicts_whole() {
    use whoowns::workspace::{Signature, parse, update_document};
    let text = std::fs::read_to_string("assets/minimal.toml").expect("minimal");
    let base = parse(&text).expect("valid").workspace;
    let signed = |by: &str, open: Option<&str>| Signature {
        by: by.into(),
        date: TODAY.into(),
        part: None,
        open: open.map(str::to_owned),
    };
    // Theirs signed with an item open, ours did not touch it: theirs' signature, as it was.
    let mut theirs = base.clone();
    theirs.departments[1].signed = Some(signed("Pia", Some("1 parked item")));
    let merged = whoowns::merge::merge(&base, &base, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.workspace.departments[1].signed,
        theirs.departments[1].signed
    );
    // Both signed, differently: a conflict that keeps each side's open items, in the file too.
    let mut ours = base.clone();
    ours.departments[1].signed = Some(signed("Pia", None));
    let merged = whoowns::merge::merge(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts.len(), 1, "{merged:?}");
    let saved = update_document(&text, &merged.workspace).expect("toml");
    assert!(saved.contains("open = \"1 parked item\""), "{saved}");
    let back = parse(&saved).expect("valid").workspace;
    assert_eq!(back.conflicts, merged.workspace.conflicts);
}

#[test]
fn the_sign_off_list_names_a_missing_lead_with_the_key_it_says() {
    let (_dir, mut app) = board("minimal.toml");
    feed(&mut app, &[key(KeyCode::Char('S')), key(KeyCode::Down)]);
    let rows = app.list_rows(ListKind::SignOff);
    assert!(
        rows[1]
            .text
            .starts_with("PR / Communications (no lead yet): ✗ not signed"),
        "{}",
        rows[1].text
    );
    assert!(screen(&mut app).contains("W name the lead"));
    // W names the lead from the list, and the list comes back on the same department.
    feed(&mut app, &[key(KeyCode::Char('W'))]);
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
    feed(&mut app, &typed("Dev Patel"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        matches!(app.mode, Mode::List(l) if l.kind == ListKind::SignOff && l.selected == 1),
        "{:?}",
        app.mode
    );
    assert_eq!(
        app.workspace().departments[1].lead.as_deref(),
        Some("Dev Patel")
    );
    let rows = app.list_rows(ListKind::SignOff);
    assert!(
        rows[1]
            .text
            .starts_with("PR / Communications (lead Dev Patel): ✗ not signed"),
        "{}",
        rows[1].text
    );
    // Esc in the prompt goes back to the list too.
    feed(&mut app, &[key(KeyCode::Char('W')), key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::List(l) if l.kind == ListKind::SignOff));
}

#[test]
fn the_waive_prompt_names_what_it_waives_and_enter_says_waive() {
    let (_dir, mut app) = common::board::sample();
    feed(
        &mut app,
        &[key(KeyCode::Char('n')), key(KeyCode::Char('w'))],
    );
    let finding = &app.session.analysis().findings[app.finding];
    let id = finding
        .responsibility
        .clone()
        .expect("about a responsibility");
    let name = app
        .workspace()
        .responsibility(&id)
        .expect("exists")
        .name
        .clone();
    let title = format!("Waive {} of \"{name}\": why", finding.rule.as_str());
    let shown = screen(&mut app);
    assert!(shown.contains(&title), "{title} in\n{shown}");
    assert!(shown.contains("Enter waive │ Esc cancel"), "{shown}");
    // A claim's reason is recorded, not "accepted".
    feed(&mut app, &[key(KeyCode::Esc)]);
    common::board::select(&mut app, "brand-voice");
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    assert!(
        matches!(app.mode, Mode::List(l) if matches!(l.kind, ListKind::NewClaim(_))),
        "{:?}",
        app.mode
    );
    // The department, then the role it claims, then its reason.
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        matches!(app.mode, Mode::List(l) if matches!(l.kind, ListKind::NewClaimRole { .. })),
        "{:?}",
        app.mode
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen(&mut app).contains("Enter record │ Esc cancel"));
}

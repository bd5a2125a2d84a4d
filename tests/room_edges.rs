//! The room's rough edges (issue 22), each driven through real key events on the board: what
//! Enter fixes, fixes that never offer a no-op, duplicate names, waivers, decisions about the
//! whole charter, claims the facilitator records, and the text the projector shows.

mod common;

use common::board::{TODAY, sample, screen, select, selected_id};
use common::claims::open_rows as list_rows;
use common::{feed, key};
use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::{App, Focus, ListKind, Mode, PromptKind};
use whoowns::workspace::Role;

/// The title line of the findings panel.
fn findings_title(app: &mut App) -> String {
    screen(app)
        .lines()
        .find(|l| l.contains("Findings ("))
        .expect("a findings panel")
        .to_owned()
}

#[test]
fn enter_fixes_the_agenda_item_exactly_when_its_card_is_selected() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(selected_id(&app), "executive-presence");
    assert!(findings_title(&mut app).contains("Enter fix"));
    // A key in between (here an undo with nothing to undo) does not disarm the fix: the room
    // still looks at the item.
    feed(&mut app, &[key(KeyCode::Char('u')), key(KeyCode::Enter)]);
    assert!(
        matches!(app.mode, Mode::List(l) if matches!(l.kind, ListKind::GiveRole { role: Role::Accountable, .. })),
        "{:?}",
        app.mode
    );
    feed(&mut app, &[key(KeyCode::Esc)]);
    // Looking at a settled card: no fix offered, no ▶, Enter opens the detail.
    select(&mut app, "brand-voice");
    feed(&mut app, &[key(KeyCode::Right), key(KeyCode::Left)]);
    assert_eq!(selected_id(&app), "brand-voice");
    let title = findings_title(&mut app);
    assert!(!title.contains("fix"), "{title}");
    assert!(!screen(&mut app).contains('▶'), "{}", screen(&mut app));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.mode, Mode::Normal);
    feed(&mut app, &[key(KeyCode::Esc)]);
    // The agenda follows the selection to a card with a finding: Enter fixes that one.
    feed(&mut app, &[key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(selected_id(&app), "community-management");
    assert!(findings_title(&mut app).contains("Enter fix"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        matches!(&app.mode, Mode::Prompt(p) if matches!(p.kind, PromptKind::EditField(_, whoowns::edit::Field::TieBreaker))),
        "{:?}",
        app.mode
    );
}

/// Walks the agenda (`n`) to the finding of `rule` about the responsibility `id`.
fn walk_to(app: &mut App, rule: &str, id: &str) {
    for _ in 0..40 {
        feed(app, &[key(KeyCode::Char('n'))]);
        let f = &app.session.analysis().findings[app.finding];
        if f.rule.as_str() == rule && f.responsibility.as_deref() == Some(id) {
            return;
        }
    }
    panic!("no {rule} finding about {id} on the agenda");
}

/// The text of the rows of the open list overlay.

#[test]
fn the_silo_fix_offers_only_departments_that_break_the_silo() {
    let (_dir, mut app) = sample();
    walk_to(&mut app, "silo", "recruiting");
    feed(&mut app, &[key(KeyCode::Enter)]);
    let rows = list_rows(&app);
    assert!(!rows.iter().any(|r| r.starts_with("HR")), "{rows:?}");
    assert_eq!(rows[0], "Marketing", "{rows:?}");
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app.workspace().responsibility("recruiting").expect("item");
    assert_eq!(r.consulted, ["marketing"]);
    let index = app
        .workspace()
        .responsibility_index("recruiting")
        .expect("item");
    assert!(
        !app.session
            .analysis()
            .for_responsibility(index)
            .any(|f| f.rule.as_str() == "silo"),
        "the fix settled the silo"
    );
}

#[test]
fn a_role_another_role_already_covers_asks_first() {
    let (_dir, mut app) = sample();
    // The no-doer fix: IT is consulted; as the doer it is consulted anyway, and the message
    // says it gives that up.
    walk_to(&mut app, "no-doer", "compliance-records");
    feed(&mut app, &[key(KeyCode::Enter)]);
    let rows = list_rows(&app);
    let it = rows
        .iter()
        .position(|r| r.starts_with("IT"))
        .expect("IT offered");
    feed(&mut app, &vec![key(KeyCode::Down); it]);
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility("compliance-records")
        .expect("item");
    assert_eq!(r.responsible, ["it"]);
    assert!(r.consulted.is_empty(), "the doer is consulted anyway");
    let shown = screen(&mut app);
    assert!(shown.contains("IT no longer Consulted"), "{shown}");
    // On the board: under the Informed lens, sharing Executive office's card with Legal (who
    // answers for it) asks first too.
    feed(
        &mut app,
        &[
            key(KeyCode::Char('l')),
            key(KeyCode::Char('l')),
            key(KeyCode::Char('l')),
        ],
    );
    assert_eq!(app.lens, Role::Informed);
    let index = app
        .workspace()
        .responsibility_index("compliance-records")
        .expect("item");
    app.column = 8;
    app.selected = Some(index);
    feed(&mut app, &[key(KeyCode::Char('m'))]);
    feed(&mut app, &vec![key(KeyCode::Left); 5]);
    feed(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(
        screen(&mut app).contains("Legal & Compliance is already Accountable"),
        "{}",
        screen(&mut app)
    );
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    let r = app
        .workspace()
        .responsibility("compliance-records")
        .expect("item");
    assert_eq!(r.informed, ["exec", "legal"]);
    // Cancelling leaves it as it was.
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    app.column = 8;
    app.selected = Some(index);
    feed(&mut app, &[key(KeyCode::Char('m'))]);
    feed(&mut app, &vec![key(KeyCode::Left); 5]);
    feed(&mut app, &[key(KeyCode::Char('s')), key(KeyCode::Esc)]);
    let r = app
        .workspace()
        .responsibility("compliance-records")
        .expect("item");
    assert_eq!(r.informed, ["exec"]);
}

#[test]
fn a_duplicate_name_asks_first() {
    let (_dir, mut app) = sample();
    let departments = app.workspace().departments.len();
    feed(&mut app, &[key(KeyCode::Char('A'))]);
    feed(&mut app, &common::typed("marketing "));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let shown = screen(&mut app);
    assert!(
        shown.contains("There is already a department named \"Marketing\""),
        "{shown}"
    );
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.workspace().departments.len(), departments);
    let responsibilities = app.workspace().responsibilities.len();
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    feed(&mut app, &common::typed("Crisis  Response"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        screen(&mut app).contains("There is already a responsibility named \"Crisis response\"")
    );
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    assert_eq!(app.workspace().responsibilities.len(), responsibilities + 1);
    let added = app.workspace().responsibilities.len() - 1;
    assert_eq!(app.selected, Some(added));
    assert!(
        app.session
            .analysis()
            .findings
            .iter()
            .any(|f| f.rule.as_str() == "duplicate-name"),
        "the board lists it too"
    );
}

/// Walks the agenda (`n`) to the finding of `rule` about the department `id` alone.
fn walk_to_department(app: &mut App, rule: &str, id: &str) {
    for _ in 0..40 {
        feed(app, &[key(KeyCode::Char('n'))]);
        let f = &app.session.analysis().findings[app.finding];
        if f.rule.as_str() == rule
            && f.responsibility.is_none()
            && f.department.as_deref() == Some(id)
        {
            return;
        }
    }
    panic!("no {rule} finding about {id} on the agenda");
}

#[test]
fn w_waives_the_agenda_finding_with_a_reason_saved_and_undoable() {
    let (dir, mut app) = sample();
    walk_to_department(&mut app, "overload", "marketing");
    // The overload fix opens the load view on Marketing.
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.view, whoowns::tui::app::View::Load);
    assert_eq!(app.matrix_department, 0);
    feed(&mut app, &[key(KeyCode::Char('w'))]);
    assert!(
        screen(&mut app).contains("Waive overload of \"Marketing\": why does the room accept it?")
    );
    // Enter on an empty reason says why nothing happened.
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen(&mut app).contains("say why the room accepts it"));
    feed(
        &mut app,
        &common::typed("Marketing keeps 5 accountabilities this year"),
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    let waiver = app.workspace().waivers.first().expect("a waiver").clone();
    assert_eq!(waiver.rule, "overload");
    assert_eq!(waiver.department.as_deref(), Some("marketing"));
    assert_eq!(waiver.responsibility, None);
    assert_eq!(
        waiver.reason,
        "Marketing keeps 5 accountabilities this year"
    );
    assert_eq!(waiver.date, TODAY);
    assert!(app.agenda.standing().describe().contains("1 waived"));
    let summary = app.session.analysis().summary();
    assert_eq!(summary.waived, 1);
    // Undo takes it back; redo and save write the table.
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    assert!(app.workspace().waivers.is_empty());
    assert_eq!(app.session.analysis().summary().waived, 0);
    feed(&mut app, &[common::ctrl('r'), common::ctrl('s')]);
    let saved = std::fs::read_to_string(dir.path().join("sample.toml")).expect("saved");
    assert!(saved.contains("[[waiver]]\nrule = \"overload\"\ndepartment = \"marketing\"\nreason = \"Marketing keeps 5 accountabilities this year\"\ndate = \"2026-11-24\"\n"), "{saved}");
    assert!(
        saved.contains("# whoowns sample workspace"),
        "comments kept"
    );
    let again = Session::open(&dir.path().join("sample.toml")).expect("reads back");
    assert_eq!(again.workspace().waivers, [waiver]);
}

#[test]
fn tab_in_the_decision_prompt_chooses_a_department_or_the_whole_charter() {
    let (_dir, mut app) = sample();
    select(&mut app, "brand-voice");
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    assert!(screen(&mut app).contains("Decision on \"Brand voice and tone\""));
    feed(
        &mut app,
        &common::typed("Marketing keeps 5 accountabilities"),
    );
    feed(&mut app, &[key(KeyCode::Tab)]);
    assert!(screen(&mut app).contains("Decision about the department Marketing"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let d = app
        .workspace()
        .decisions
        .last()
        .expect("a decision")
        .clone();
    assert_eq!(d.text, "Marketing keeps 5 accountabilities");
    assert_eq!(d.department.as_deref(), Some("marketing"));
    assert_eq!(d.responsibility, None);
    // Tab twice: the charter as a whole.
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    feed(&mut app, &common::typed("Review in May"));
    feed(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert!(screen(&mut app).contains("Decision for the whole charter"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let d = app
        .workspace()
        .decisions
        .last()
        .expect("a decision")
        .clone();
    assert_eq!((d.responsibility, d.department), (None, None));
    // The decision log shows which.
    feed(&mut app, &[key(KeyCode::Char('g'))]);
    let rows = list_rows(&app);
    assert!(
        rows.iter()
            .any(|r| r.contains("[department Marketing] Marketing keeps 5")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("[whole charter] Review in May")),
        "{rows:?}"
    );
    // Saved and read back.
    feed(&mut app, &[key(KeyCode::Esc), common::ctrl('s')]);
    let again = Session::open(app.session.path()).expect("reads back");
    let saved = &again.workspace().decisions;
    assert!(
        saved
            .iter()
            .any(|d| d.department.as_deref() == Some("marketing"))
    );
}

#[test]
fn space_marks_several_departments_in_a_fix_and_enter_gives_all_the_role() {
    let (_dir, mut app) = sample();
    walk_to(&mut app, "hot-potato", "influencer-relations");
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        screen(&mut app).contains("Space mark several"),
        "{}",
        screen(&mut app)
    );
    feed(
        &mut app,
        &[key(KeyCode::Char(' ')), key(KeyCode::Char(' '))],
    );
    let rows = list_rows(&app);
    assert!(
        rows[0].starts_with("✔ Marketing") && rows[1].starts_with("✔ IT"),
        "{rows:?}"
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility("influencer-relations")
        .expect("item");
    assert_eq!(r.accountable, ["marketing", "it"]);
    // One step: one undo takes both back.
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    let r = app
        .workspace()
        .responsibility("influencer-relations")
        .expect("item");
    assert!(r.accountable.is_empty());
}

/// The length in eighths of a cell of the bar that starts at column `x` of `line`.
fn bar_eighths(line: &str, x: usize) -> usize {
    line.chars()
        .skip(x)
        .take_while(|c| "█▏▎▍▌▋▊▉".contains(*c))
        .map(|c| match c {
            '█' => 8,
            other => "▏▎▍▌▋▊▉".chars().position(|p| p == other).unwrap_or(0) + 1,
        })
        .sum()
}

#[test]
fn the_load_view_draws_both_counts_on_one_scale() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('v'))]);
    let shown = screen(&mut app);
    let loads = whoowns::load::department_loads(app.workspace(), app.session.analysis());
    // A department accountable for as many items as another is responsible for.
    let (a, r) = loads
        .iter()
        .flat_map(|a| loads.iter().map(move |r| (a, r)))
        .find(|(a, r)| {
            a.accountable > 0 && a.accountable == r.responsible && a.department != r.department
        })
        .expect("two departments with equal counts");
    let line_of = |d: usize| {
        let name = &app.workspace().departments[d].name;
        shown
            .lines()
            .find(|l| l.contains(&format!("  {name} ")) || l.contains(&format!("▶ {name} ")))
            .unwrap_or_else(|| panic!("{name} in\n{shown}"))
            .to_owned()
    };
    // Columns as the view lays them out at 120 wide: name 28, then bars of 29.
    let (first, second) = (30, 59);
    let long_a = bar_eighths(&line_of(a.department), first);
    let long_r = bar_eighths(&line_of(r.department), second);
    assert!(long_a > 0);
    assert_eq!(
        long_a, long_r,
        "a {} is as long under both\n{shown}",
        a.accountable
    );
}

#[test]
fn focus_mode_shows_the_description_and_area_and_amounts_read_with_currency() {
    let (_dir, mut app) = sample();
    select(&mut app, "crisis-response");
    feed(&mut app, &[key(KeyCode::Char('z'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("When a post blows up"), "{shown}");
    assert!(shown.contains("Area: Risk & compliance"), "{shown}");
    assert!(!shown.contains("id crisis-response"), "{shown}");
    assert!(shown.contains("12,000 of 12,000 EUR"), "{shown}");
    assert!(shown.contains("PR / Communications 8,000 EUR"), "{shown}");
    feed(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('i'))]);
    let shown = screen(&mut app);
    assert!(
        shown.contains("Budget: 12,000 EUR (funded 12,000"),
        "{shown}"
    );
    // The detail's funding line reads amounts the same way, not as the edit text `pr = 8000`.
    assert!(
        shown.contains("Funding: Legal & Compliance 4,000"),
        "{shown}"
    );
}

//! The agenda's counters in the room (issue 22): the end of the walk says the real totals, an
//! undo never inflates them, and parking moves ▶ on to the next open item.

mod common;

use common::board::{sample, status};
use common::{draw, feed, key, text, typed};
use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::App;

fn n(app: &mut App) {
    feed(app, &[key(KeyCode::Char('n'))]);
}

/// The responsibility the agenda's current finding is about.
fn current_about(app: &App) -> Option<String> {
    app.session.analysis().findings[app.finding]
        .responsibility
        .clone()
}

#[test]
fn at_the_last_item_n_says_the_end_of_the_agenda_with_the_real_counts() {
    let (_dir, mut app) = sample();
    let total = app.session.analysis().findings.len();
    // Settle the first item (a hot potato: Marketing answers for it).
    n(&mut app);
    assert_eq!(
        app.session.analysis().findings[app.finding].rule.as_str(),
        "hot-potato"
    );
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    // Waive the next one, park the one after.
    n(&mut app);
    feed(&mut app, &[key(KeyCode::Char('w'))]);
    feed(&mut app, &typed("accepted this year"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let parked_id = current_about(&app).expect("about a responsibility");
    feed(&mut app, &[key(KeyCode::Char('p')), key(KeyCode::Enter)]);
    let parked = app
        .session
        .analysis()
        .findings
        .iter()
        .filter(|f| f.responsibility.as_deref() == Some(parked_id.as_str()))
        .count();
    assert!(parked >= 1);
    // Walk on to the end: the step past the last item says so, once.
    let mut steps = 0;
    while !status(&app).starts_with("End of the agenda") {
        n(&mut app);
        steps += 1;
        assert!(steps <= total, "no end: {}", status(&app));
    }
    let open = app.agenda.standing().total - 1;
    assert_eq!(
        status(&app),
        format!(
            "End of the agenda: 1 settled, {parked} parked, 1 waived; {open} still open (n starts over)"
        )
    );
    // The next n starts over at the first open item.
    n(&mut app);
    assert!(
        status(&app).contains(&format!("finding 2 of {}", open + 1)),
        "{}",
        status(&app)
    );
}

#[test]
fn with_everything_settled_the_end_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ws.toml");
    std::fs::write(
        &path,
        "whoowns = 1\n\n[workspace]\nname = \"Tiny\"\n\n[[department]]\nid = \"it\"\nname = \"IT\"\n\n\
         [[department]]\nid = \"hr\"\nname = \"HR\"\n\n\
         [[responsibility]]\nid = \"laptops\"\nname = \"Laptops\"\nresponsible = [\"it\"]\n\
         informed = [\"hr\"]\n",
    )
    .expect("write");
    let mut app = App::new(Session::open(&path).expect("loads"));
    draw(&mut app, 120, 40);
    n(&mut app);
    assert_eq!(
        app.session.analysis().findings[app.finding].rule.as_str(),
        "hot-potato"
    );
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    n(&mut app);
    assert_eq!(
        status(&app),
        "End of the agenda: 1 settled, 0 parked, 0 waived"
    );
}

#[test]
fn undo_does_not_inflate_the_totals() {
    let (_dir, mut app) = sample();
    n(&mut app);
    let before = app.agenda.standing();
    let title = |app: &mut App| {
        text(draw(app, 120, 40).backend().buffer())
            .lines()
            .find_map(|l| l.split(" │ ").nth(1).filter(|s| s.starts_with("Agenda:")))
            .expect("findings title")
            .to_owned()
    };
    let shown = title(&mut app);
    // A new responsibility brings new findings (nobody answers for it, nobody does it)...
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    feed(&mut app, &typed("Office plants"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.agenda.standing().total > before.total);
    // ...and undoing it takes them away: nothing was settled, the walk is as long as before.
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(app.agenda.standing(), before);
    assert_eq!(title(&mut app), shown);
    // Redo and settle-by-undo again: still no inflation.
    feed(&mut app, &[common::ctrl('r'), key(KeyCode::Char('u'))]);
    assert_eq!(app.agenda.standing(), before);
}

#[test]
fn parking_moves_the_pointer_to_the_next_open_item() {
    let (_dir, mut app) = sample();
    // Walk to an item whose responsibility has more than one finding.
    let mut guard = 0;
    let id = loop {
        n(&mut app);
        guard += 1;
        assert!(guard < 40, "no responsibility with two findings");
        let Some(id) = current_about(&app) else {
            continue;
        };
        let on_it = app
            .session
            .analysis()
            .findings
            .iter()
            .filter(|f| f.responsibility.as_deref() == Some(id.as_str()))
            .count();
        if on_it > 1 {
            break id;
        }
    };
    let position = app.agenda.standing().position.expect("walking");
    feed(&mut app, &[key(KeyCode::Char('p'))]);
    feed(&mut app, &typed("needs the board"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let ws = app.workspace();
    let selected = &ws.responsibilities[app.selected.expect("a selection")];
    assert_ne!(selected.id, id, "the selection moved on");
    assert_ne!(current_about(&app).as_deref(), Some(id.as_str()));
    assert_eq!(
        app.agenda_target(),
        Some(app.finding),
        "▶ is on the new item"
    );
    assert_eq!(app.agenda.standing().position, Some(position));
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    let pointed = screen
        .lines()
        .find(|l| l.contains('▶'))
        .expect("a ▶ on the findings panel");
    let message = &app.session.analysis().findings[app.finding].message;
    let start: String = message.chars().take(20).collect();
    assert!(pointed.contains(&start), "{pointed}\n{screen}");
    assert!(status(&app).starts_with("Done: "), "{}", status(&app));
}

/// A workspace of `extra` TOML after two departments, with a fixed date.
fn tiny(extra: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ws.toml");
    let text = format!(
        "whoowns = 1\n\n[workspace]\nname = \"Tiny\"\n\n[[department]]\nid = \"it\"\nname = \"IT\"\n\n\
         [[department]]\nid = \"sales\"\nname = \"Sales\"\n\n{extra}"
    );
    std::fs::write(&path, text).expect("write");
    let mut app = App::new(Session::open(&path).expect("loads"));
    app.today = "2026-11-24".to_owned();
    draw(&mut app, 120, 40);
    (dir, app)
}

#[test]
fn every_finding_on_the_agenda_has_a_fix_behind_enter() {
    // Sales holds no role (absent); two items are named alike (duplicate-name).
    let (_dir, mut app) = tiny(
        "[[responsibility]]\nid = \"laptops\"\nname = \"Laptops\"\naccountable = [\"it\"]\n\
         responsible = [\"it\"]\nconsulted = [\"it\"]\n\n\
         [[responsibility]]\nid = \"laptops-2\"\nname = \"laptops\"\naccountable = [\"it\"]\n\
         responsible = [\"it\"]\ninformed = [\"it\"]\n",
    );
    let rules: Vec<&str> = app
        .session
        .analysis()
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    assert!(
        rules.contains(&"absent") && rules.contains(&"duplicate-name"),
        "{rules:?}"
    );
    for _ in 0..rules.len() {
        n(&mut app);
        let rule = app.session.analysis().findings[app.finding].rule.as_str();
        match rule {
            "absent" => {
                let shown = text(draw(&mut app, 120, 40).backend().buffer());
                assert!(shown.contains("Enter fix"), "{shown}");
                feed(&mut app, &[key(KeyCode::Enter)]);
                assert_eq!(app.view, whoowns::tui::app::View::Matrix);
                assert_eq!(app.matrix_department, 1, "on Sales");
                assert!(
                    status(&app).starts_with("Sales in the matrix: Space"),
                    "{}",
                    status(&app)
                );
                feed(&mut app, &[key(KeyCode::Tab)]);
            }
            "duplicate-name" => {
                feed(&mut app, &[key(KeyCode::Enter)]);
                assert!(
                    matches!(
                        app.mode,
                        whoowns::tui::app::Mode::Prompt(ref p)
                            if matches!(p.kind, whoowns::tui::app::PromptKind::RenameResponsibility(_))
                    ),
                    "{:?}",
                    app.mode
                );
                feed(&mut app, &[key(KeyCode::Esc)]);
            }
            _ => {}
        }
    }
}

#[test]
fn parking_keeps_what_was_settled_counted_and_the_title_says_what_is_open() {
    let (_dir, mut app) = tiny(
        "[[responsibility]]\nid = \"laptops\"\nname = \"Laptops\"\nresponsible = [\"it\"]\n\
         consulted = [\"sales\"]\n\n\
         [[responsibility]]\nid = \"phones\"\nname = \"Phones\"\naccountable = [\"sales\"]\n",
    );
    // Settle the laptops' hot potato, then park the phones (no doer, silo) from its card.
    n(&mut app);
    assert_eq!(current_about(&app).as_deref(), Some("laptops"));
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let settled = app.agenda.standing().settled;
    assert!(settled >= 1);
    n(&mut app);
    assert_eq!(current_about(&app).as_deref(), Some("phones"));
    feed(&mut app, &[key(KeyCode::Char('p')), key(KeyCode::Enter)]);
    let standing = app.agenda.standing();
    assert_eq!(standing.settled, settled, "parking un-settles nothing");
    assert!(standing.parked >= 1);
    // Waive nothing is left: the title says what is open, not "to walk".
    let described = standing.describe();
    assert!(
        described.starts_with("all ")
            || described.contains(" open of ")
            || described.starts_with("finding "),
        "{described}"
    );
    assert!(!described.contains("to walk"), "{described}");
    let shown = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(
        shown.contains("⏸ parked · ▲ no doer") || shown.contains("⏸ parked +"),
        "{shown}"
    );
}

#[test]
fn the_walk_leaves_the_load_view_for_a_finding_it_cannot_show() {
    let (_dir, mut app) = sample();
    // The overload fix opens the load view; the next item is back on the board.
    for _ in 0..40 {
        n(&mut app);
        if app.session.analysis().findings[app.finding].rule.as_str() == "overload" {
            break;
        }
    }
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.view, whoowns::tui::app::View::Load);
    n(&mut app);
    assert_ne!(
        app.session.analysis().findings[app.finding].rule.as_str(),
        "overload"
    );
    assert_eq!(app.view, whoowns::tui::app::View::Board);
    assert_eq!(
        app.agenda_target(),
        Some(app.finding),
        "Enter fixes it there"
    );
}

#[test]
fn parking_the_last_open_item_leaves_no_pointer_on_what_was_parked() {
    // Two silos: the second one is the last item of the walk.
    let workspace = "[[responsibility]]\nid = \"one\"\nname = \"One\"\naccountable = [\"it\"]\n\
         responsible = [\"it\"]\n\n[[responsibility]]\nid = \"two\"\nname = \"Two\"\n\
         accountable = [\"sales\"]\nresponsible = [\"sales\"]\n";
    let (_dir, mut app) = tiny(workspace);
    let mut steps = 0;
    while !status(&app).starts_with("End of the agenda") {
        n(&mut app);
        steps += 1;
        assert!(steps < 20, "the walk ends");
    }
    // A fresh room walks to the last item (the end not said yet) and parks it.
    let (_dir, mut app) = tiny(workspace);
    for _ in 1..steps {
        n(&mut app);
    }
    let parked = current_about(&app).expect("an item about a responsibility");
    feed(&mut app, &[key(KeyCode::Char('p'))]);
    feed(&mut app, &typed("after the budget"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility_index(&parked)
        .expect("exists");
    assert!(app.workspace().responsibilities[r].is_parked());
    assert!(
        status(&app).contains("End of the agenda"),
        "{}",
        status(&app)
    );
    // Nothing points at the parked item's findings, and Enter does not open their fix.
    assert_eq!(app.agenda_target(), None);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    let panel = &screen[screen.find("Findings (").expect("a findings panel")..];
    assert!(!panel.contains('▶'), "{panel}");
}

//! The agenda's counters in the room (issue 22): the end of the walk says the real totals, an
//! undo never inflates them, and parking moves ▶ on to the next open item.

mod common;

use common::{draw, feed, key, text, typed};
use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::App;

/// The board on a copy of the bundled sample, with a fixed date.
fn sample() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let mut app = App::new(Session::open(&path).expect("sample loads"));
    app.today = "2026-11-24".to_owned();
    draw(&mut app, 120, 40);
    (dir, app)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|(t, _)| t.clone())
        .unwrap_or_default()
}

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

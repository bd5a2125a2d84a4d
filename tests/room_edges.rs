//! The room's rough edges (issue 22), each driven through real key events on the board: what
//! Enter fixes, fixes that never offer a no-op, duplicate names, waivers, decisions about the
//! whole charter, claims the facilitator records, and the text the projector shows.

mod common;

use common::{draw, feed, key, text};
use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::{App, Focus, ListKind, Mode, PromptKind};
use whoowns::workspace::Role;

const TODAY: &str = "2026-11-24";

/// The board on a copy of the bundled sample, with a fixed date.
fn sample() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let mut app = App::new(Session::open(&path).expect("sample loads"));
    app.today = TODAY.to_owned();
    draw(&mut app, 120, 40);
    (dir, app)
}

/// Selects the card of the responsibility `id` in the first column that shows it.
fn select(app: &mut App, id: &str) {
    let index = app.workspace().responsibility_index(id).expect(id);
    app.selected = Some(index);
    app.column = app
        .columns
        .iter()
        .position(|c| c.cards.contains(&index))
        .expect("shown");
    draw(app, 120, 40);
}

fn screen(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

/// The title line of the findings panel.
fn findings_title(app: &mut App) -> String {
    screen(app)
        .lines()
        .find(|l| l.contains("Findings ("))
        .expect("a findings panel")
        .to_owned()
}

fn selected_id(app: &App) -> String {
    let r = app.selected.expect("a selection");
    app.workspace().responsibilities[r].id.clone()
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

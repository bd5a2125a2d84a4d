//! The board on a copy of the bundled sample, for the claim flows: a fixed date, a card
//! selected by id, the rows of the open list.

use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::{App, Mode};

use super::{draw, feed, key, text};

/// The board on a copy of the bundled sample (dated 2026-11-24), drawn at `width` x `height`.
pub fn sample_board(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let mut app = App::new(Session::open(&path).expect("sample loads"));
    app.today = "2026-11-24".to_owned();
    draw(&mut app, width, height);
    (dir, app)
}

/// Selects the card of the responsibility `id` in the first column that shows it.
pub fn select_card(app: &mut App, id: &str) {
    let index = app.workspace().responsibility_index(id).expect(id);
    app.selected = Some(index);
    app.column = app
        .columns
        .iter()
        .position(|c| c.cards.contains(&index))
        .expect("shown");
    draw(app, 120, 40);
}

/// The screen at 120x40, as text.
pub fn screen_text(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

/// The rows of the open list overlay.
pub fn open_rows(app: &App) -> Vec<String> {
    let Mode::List(list) = app.mode else {
        panic!("no list open: {:?}", app.mode)
    };
    app.list_rows(list.kind)
        .into_iter()
        .map(|r| r.text)
        .collect()
}

/// Moves the list's cursor to the row that starts with `start` and presses Enter.
pub fn choose_row(app: &mut App, start: &str) {
    let rows = open_rows(app);
    let at = rows
        .iter()
        .position(|r| r.starts_with(start))
        .unwrap_or_else(|| panic!("no row {start:?} in {rows:?}"));
    feed(app, &[key(KeyCode::Home)]);
    feed(app, &vec![key(KeyCode::Down); at]);
    feed(app, &[key(KeyCode::Enter)]);
}

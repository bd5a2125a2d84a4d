//! The board on a copy of the bundled sample, for the claim flows: a fixed date, a card
//! selected by id, the rows of the open list.

use ratatui::crossterm::event::KeyCode;
use whoowns::tui::app::{App, Mode};

use super::{draw, feed, key};

#[allow(unused_imports)]
pub use super::board::{screen as screen_text, select as select_card};

/// The board on a copy of the bundled sample (dated as [`super::board::TODAY`]), drawn at
/// `width` x `height`.
pub fn sample_board(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let (dir, mut app) = super::board::open_copy("assets/sample.toml", "sample.toml");
    app.today = super::board::TODAY.to_owned();
    draw(&mut app, width, height);
    (dir, app)
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

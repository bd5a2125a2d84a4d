//! The board on a copy of a workspace, for the TestBackend suites: opened in a temporary
//! directory (so saves and exports land there), with a fixed date, drawn once at 120x40 as the
//! event loop would, then read back and steered.

use tempfile::TempDir;
use whoowns::session::Session;
use whoowns::tui::app::App;

use super::{draw, text};

/// The date the boards of these suites work on (decisions, claims, signatures).
pub const TODAY: &str = "2026-11-24";

/// The board on a copy of `source` called `name` in a new temporary directory, as opened.
pub fn open_copy(source: &str, name: &str) -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::copy(source, &path).expect("copy");
    let app = App::new(Session::open(&path).expect("the workspace loads"));
    (dir, app)
}

/// Like [`open_copy`], dated [`TODAY`] and drawn once at 120x40.
pub fn on_copy(source: &str, name: &str) -> (TempDir, App) {
    let (dir, mut app) = open_copy(source, name);
    app.today = TODAY.to_owned();
    draw(&mut app, 120, 40);
    (dir, app)
}

/// The board on a copy of the bundled sample, dated [`TODAY`], drawn at 120x40.
pub fn sample() -> (TempDir, App) {
    on_copy("assets/sample.toml", "sample.toml")
}

/// Selects the card of the responsibility `id` in the first column that shows it.
pub fn select(app: &mut App, id: &str) {
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
pub fn screen(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

/// The status message (empty when there is none).
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|(t, _)| t.clone())
        .unwrap_or_default()
}

/// The id of the selected responsibility.
pub fn selected_id(app: &App) -> String {
    let r = app.selected.expect("a selection");
    app.workspace().responsibilities[r].id.clone()
}

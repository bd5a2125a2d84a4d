//! Board performance on a large workspace (100 departments x 10,000 responsibilities):
//! one 120x40 frame, a move plus re-analysis, and startup to the first frame. Then the board
//! on 300 departments x 100,000 responsibilities: a move, its undo and a lens switch as the
//! keys make them (each within 5 ms), and a frame. Then boards of 25,000 to 200,000
//! departments (x 1,000 responsibilities): opening to the first frame, a frame and a move.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use whoowns::session::Session;
use whoowns::tui::action::{Action, Direction};
use whoowns::tui::app::App;
use whoowns::tui::{layout, view};
use whoowns::workspace::{Role, to_toml};

fn main() {
    divan::main();
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("large.toml");
        let ws = whoowns::generate::workspace(100, 10_000, 7);
        std::fs::write(&path, to_toml(&ws)).expect("write");
        Fixture { _dir: dir, path }
    })
}

/// The 300 x 100,000 workspace in a file, made once.
fn huge_fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("huge.toml");
        let ws = whoowns::generate::workspace(300, 100_000, 7);
        std::fs::write(&path, to_toml(&ws)).expect("write");
        Fixture { _dir: dir, path }
    })
}

/// The board on the 300 x 100,000 workspace, opened once and cloned for each sample.
fn huge_board() -> &'static App {
    static APP: std::sync::OnceLock<App> = std::sync::OnceLock::new();
    APP.get_or_init(|| open(&huge_fixture().path))
}

/// The huge board with the selected card picked up and carried one column right.
fn carrying() -> App {
    let mut app = huge_board().clone();
    app.update(Action::PickUp);
    app.update(Action::Move(Direction::Right));
    assert!(app.hand.is_some(), "a card in hand");
    app
}

fn open(path: &Path) -> App {
    App::new(Session::open(path).expect("valid"))
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let area = Rect::new(0, 0, 120, 40);
    let layout = layout::compute(app, area);
    terminal
        .draw(|f| view::render(app, &layout, f))
        .expect("draws");
    app.adopt_layout(layout);
}

/// Moving the Accountable role of the first owned responsibility to another department.
fn a_move(ws: &whoowns::workspace::Workspace) -> whoowns::edit::Change {
    whoowns::generate::typical_move(ws).expect("a role to move")
}

/// Rendering one board frame of 120x40 (budget: 5 ms).
#[divan::bench(sample_count = 50)]
fn render_board_frame(bencher: divan::Bencher) {
    let mut app = open(&fixture().path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| frame(&mut app, &mut terminal));
}

/// Applying a move and re-running the analysis (budget: 5 ms).
#[divan::bench(sample_count = 50)]
fn move_and_reanalyze(bencher: divan::Bencher) {
    bench_move(bencher, &open(&fixture().path));
}

/// Times applying a move on `app` and re-running the analysis, on a fresh copy each time.
fn bench_move(bencher: divan::Bencher, app: &App) {
    let change = a_move(app.workspace());
    bencher
        .with_inputs(|| (app.clone(), change.clone()))
        .bench_local_values(|(mut app, change)| {
            app.session.apply(change).expect("applies");
            app.refresh();
            app
        });
}

/// What a drop would do to the findings, shown while a card is carried (budget: one frame, 5 ms).
#[divan::bench(sample_count = 50)]
fn preview_a_drop(bencher: divan::Bencher) {
    let mut app = open(&fixture().path);
    let change = a_move(app.workspace());
    bencher.bench_local(|| app.session.preview(&change.edit));
}

/// Bringing the agenda up to date after a change, once the walk started.
#[divan::bench(sample_count = 50)]
fn agenda_sync(bencher: divan::Bencher) {
    let app = open(&fixture().path);
    let depth = app.session.undo_depth();
    let mut agenda = whoowns::agenda::Agenda::new(app.workspace(), app.session.analysis(), depth);
    bencher.bench_local(|| agenda.sync(app.workspace(), app.session.analysis(), depth));
}

/// From reading the file to the first frame drawn (budget: 300 ms).
#[divan::bench(sample_count = 10)]
fn startup_to_first_frame(bencher: divan::Bencher) {
    let path = &fixture().path;
    bencher.bench_local(|| {
        let mut app = open(path);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        frame(&mut app, &mut terminal);
    });
}

/// The analysis alone, which every change re-runs.
#[divan::bench(sample_count = 50)]
fn analysis_only(bencher: divan::Bencher) {
    let app = open(&fixture().path);
    bencher.bench_local(|| whoowns::analysis::analyze(app.workspace()));
}

/// Rebuilding the board's columns, which every change and lens switch re-runs.
#[divan::bench(sample_count = 50)]
fn rebuild_columns(bencher: divan::Bencher) {
    let app = open(&fixture().path);
    bencher.bench_local(|| whoowns::tui::app::build_columns(app.workspace(), Role::Accountable));
}

/// 300 x 100,000: dropping a carried card on another column (Enter), with the re-analysis and
/// the board brought up to date (budget: 5 ms).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn huge_move(bencher: divan::Bencher) {
    bencher.with_inputs(carrying).bench_local_values(|mut app| {
        app.update(Action::Drop);
        assert!(app.session.is_dirty());
        app
    });
}

/// 300 x 100,000: undoing that move (budget: 5 ms).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn huge_undo(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| {
            let mut app = carrying();
            app.update(Action::Drop);
            app
        })
        .bench_local_values(|mut app| {
            app.update(Action::Undo);
            assert!(!app.session.is_dirty());
            app
        });
}

/// 300 x 100,000: switching the lens (budget: 5 ms).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn huge_lens_switch(bencher: divan::Bencher) {
    let mut app = huge_board().clone();
    bencher.bench_local(|| app.update(Action::NextLens));
}

/// 300 x 100,000: one 120x40 frame.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn huge_frame(bencher: divan::Bencher) {
    let mut app = huge_board().clone();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| frame(&mut app, &mut terminal));
}

/// 300 x 100,000: a whole save from the board after a move (the changed-on-disk checks, the
/// comment-preserving rewrite, the atomic write); the board says "Saving…" first.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn huge_save(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.toml");
    std::fs::copy(&huge_fixture().path, &path).expect("copy");
    let mut app = open(&path);
    app.update(Action::PickUp);
    app.update(Action::Move(Direction::Right));
    app.update(Action::Drop);
    bencher.bench_local(|| app.session.save().expect("saves"));
}

/// Departments of the wide boards: what grows with the departments (a column each).
const WIDE: [usize; 4] = [25_000, 50_000, 100_000, 200_000];

/// A workspace of `departments` departments and 1,000 responsibilities in a file.
fn wide_fixture(departments: usize) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wide.toml");
    let ws = whoowns::generate::workspace(departments, 1_000, 7);
    std::fs::write(&path, to_toml(&ws)).expect("write");
    Fixture { _dir: dir, path }
}

/// The board on 25,000 to 200,000 departments: from reading the file to the first frame
/// (the time should grow in proportion to the departments).
#[divan::bench(args = WIDE, sample_count = 3, sample_size = 1)]
fn wide_open_to_first_frame(bencher: divan::Bencher, departments: usize) {
    let fixture = wide_fixture(departments);
    bencher.bench_local(|| {
        let mut app = open(&fixture.path);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        frame(&mut app, &mut terminal);
        app
    });
}

/// One 120x40 frame of the board on 25,000 to 200,000 departments.
#[divan::bench(args = WIDE, sample_count = 5)]
fn wide_frame(bencher: divan::Bencher, departments: usize) {
    let fixture = wide_fixture(departments);
    let mut app = open(&fixture.path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| frame(&mut app, &mut terminal));
}

/// A move and the re-analysis on 25,000 to 200,000 departments.
#[divan::bench(args = WIDE, sample_count = 5)]
fn wide_move(bencher: divan::Bencher, departments: usize) {
    let fixture = wide_fixture(departments);
    bench_move(bencher, &open(&fixture.path));
}

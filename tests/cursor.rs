//! The terminal's real cursor stands on what is selected (issue 20), so screen readers and
//! braille displays that follow the cursor read it: the selected card after moving, the focused
//! finding, the list's row, the prompt's text cursor; hidden when turned off for presenting.

mod common;

use common::board::sample;
use common::pty::Pty;
use common::{draw, feed, key, text, typed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;
use whoowns::session::Session;
use whoowns::tui::app::App;
use whoowns::tui::layout::CardStyle;

/// The screen's text from the cursor to the end of its row.
fn under_cursor(terminal: &mut Terminal<TestBackend>) -> String {
    let at = terminal.backend_mut().cursor_position();
    let screen = text(terminal.backend().buffer());
    let row = screen.lines().nth(usize::from(at.y)).expect("a row");
    row.chars().skip(usize::from(at.x)).collect()
}

fn selected_name(app: &App) -> String {
    let r = app.selected.expect("a selection");
    app.workspace().responsibilities[r].name.clone()
}

/// The first word of `name`: a card wraps its name, the first word starts the card.
fn first_word(name: &str) -> &str {
    name.split_whitespace().next().expect("a name")
}

#[test]
fn the_cursor_stands_on_the_selected_card_and_follows_it() {
    let (_dir, mut app) = sample();
    let mut terminal = draw(&mut app, 120, 40);
    assert!(terminal.backend().cursor_visible(), "the cursor is shown");
    let start = terminal.backend_mut().cursor_position();
    let name = selected_name(&app);
    assert!(
        under_cursor(&mut terminal).starts_with(first_word(&name)),
        "{:?} under the cursor, selected {name:?}",
        under_cursor(&mut terminal)
    );
    // One column right, then one card down: the cursor goes with the selection.
    feed(&mut app, &[key(KeyCode::Right), key(KeyCode::Down)]);
    let mut terminal = draw(&mut app, 120, 40);
    let moved = terminal.backend_mut().cursor_position();
    assert_ne!(moved, start);
    let name = selected_name(&app);
    assert!(
        under_cursor(&mut terminal).starts_with(first_word(&name)),
        "{:?} under the cursor, selected {name:?}",
        under_cursor(&mut terminal)
    );
    // The same cell as the one drawn for the card in the layout kept for the mouse.
    let column = app
        .layout
        .columns
        .iter()
        .find(|c| c.column == app.column)
        .expect("the selected column is shown");
    let position = app.selected_card().expect("selected card in its column");
    let (_, rect) = column
        .cards
        .iter()
        .find(|(p, _)| *p == position)
        .expect("drawn");
    let inside = u16::from(app.layout.card_style == CardStyle::Boxed);
    terminal
        .backend_mut()
        .assert_cursor_position(Position::new(rect.x + inside, rect.y + inside));
}

#[test]
fn at_80x24_the_compact_cards_carry_the_cursor_too() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Right)]);
    let mut terminal = draw(&mut app, 80, 24);
    let name = selected_name(&app);
    assert!(terminal.backend().cursor_visible());
    assert!(
        under_cursor(&mut terminal).starts_with(first_word(&name)),
        "{:?} under the cursor, selected {name:?}",
        under_cursor(&mut terminal)
    );
}

#[test]
fn with_the_option_off_the_cursor_is_hidden() {
    let (_dir, mut app) = sample();
    app.show_cursor = false;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    // A terminal whose cursor was shown before: the frame hides it.
    terminal.show_cursor().expect("show");
    let layout = whoowns::tui::layout::compute(&app, ratatui::layout::Rect::new(0, 0, 120, 40));
    terminal
        .draw(|frame| whoowns::tui::view::render(&app, &layout, frame))
        .expect("draws");
    assert!(!terminal.backend().cursor_visible());
    // A list overlay hides it as well; a prompt still shows where typing goes.
    feed(&mut app, &[key(KeyCode::Char('g'))]);
    assert!(matches!(app.mode, whoowns::tui::app::Mode::List(_)));
    assert!(!draw(&mut app, 120, 40).backend().cursor_visible());
    feed(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('a'))]);
    assert!(draw(&mut app, 120, 40).backend().cursor_visible());
}

#[test]
fn the_cursor_stands_on_the_focused_finding_the_list_row_and_in_the_prompt() {
    let (_dir, mut app) = sample();
    // The findings panel takes the keys (f): the cursor is on the ▶ of the finding.
    feed(&mut app, &[key(KeyCode::Char('f')), key(KeyCode::Down)]);
    let mut terminal = draw(&mut app, 120, 40);
    let under = under_cursor(&mut terminal);
    assert!(under.starts_with('▶'), "{under:?}");
    feed(&mut app, &[key(KeyCode::Esc)]);
    // The detail panel takes the keys (i): the cursor is on the ▶ of the focused field.
    feed(&mut app, &[key(KeyCode::Char('i')), key(KeyCode::Down)]);
    let mut terminal = draw(&mut app, 120, 40);
    let under = under_cursor(&mut terminal);
    assert!(under.starts_with("▶ "), "{under:?}");
    feed(&mut app, &[key(KeyCode::Esc)]);
    // The decision log's first row (after recording one).
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    feed(&mut app, &typed("Keep the weekly review"));
    let mut terminal = draw(&mut app, 120, 40);
    // The prompt's text cursor stands after what was typed.
    let at = terminal.backend_mut().cursor_position();
    let screen = text(terminal.backend().buffer());
    let row: String = screen
        .lines()
        .nth(usize::from(at.y))
        .expect("row")
        .chars()
        .take(usize::from(at.x))
        .collect();
    assert!(row.ends_with("Keep the weekly review"), "{row:?}");
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('g'))]);
    let mut terminal = draw(&mut app, 120, 40);
    let under = under_cursor(&mut terminal);
    assert!(under.starts_with("▶ "), "{under:?}");
    assert!(under.starts_with("▶ 20"), "a dated decision: {under:?}");
}

#[test]
fn a_real_terminal_shows_the_cursor_on_the_card_after_arrow_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let file = path.to_str().expect("utf-8");
    // What the library says the selection is after the same keys, at the same size.
    let mut expected = App::new(Session::open(&path).expect("loads"));
    draw(&mut expected, 120, 40);
    feed(&mut expected, &[key(KeyCode::Right), key(KeyCode::Down)]);
    let name = selected_name(&expected);
    // Its own data and state directories: no crash journal of another board is offered.
    let state = dir.path().join("state");
    let data = dir.path().join("data");
    let env = [
        ("XDG_STATE_HOME", state.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
    ];
    let mut board = Pty::start(&[file], &env);
    board.wait_for("Unowned");
    board.send("\x1b[C");
    board.send("\x1b[B");
    let start = std::time::Instant::now();
    loop {
        let (shown, row) = {
            let parser = board.screen.lock().expect("lock");
            let screen = parser.screen();
            let (y, x) = screen.cursor_position();
            let row: String = screen
                .contents()
                .lines()
                .nth(usize::from(y))
                .unwrap_or("")
                .chars()
                .skip(usize::from(x))
                .collect();
            (!screen.hide_cursor(), row)
        };
        if shown && row.starts_with(first_word(&name)) {
            break;
        }
        assert!(
            start.elapsed() < common::pty::TIMEOUT,
            "cursor shown: {shown}, under it {row:?}, expected {name:?}; screen:\n{}",
            board.contents()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    board.send("q");
    assert_eq!(board.exit_code(), 0);
    // --hide-cursor, for presenting: hidden.
    let mut board = Pty::start(&["--hide-cursor", file], &env);
    board.wait_for("Unowned");
    board.send("\x1b[C");
    board.wait_for("Unowned");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(board.screen.lock().expect("lock").screen().hide_cursor());
    board.send("q");
    assert_eq!(board.exit_code(), 0);
}

#[test]
fn an_empty_column_and_a_dragged_card_carry_the_cursor_too() {
    let (_dir, mut app) = common::board::on_copy("assets/minimal.toml", "ws.toml");
    // PR / Communications holds nothing under the Accountable lens: the cursor stands on the
    // first line inside its column.
    feed(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!(app.selected_card(), None);
    let mut terminal = draw(&mut app, 120, 40);
    assert!(terminal.backend().cursor_visible());
    let rect = app.layout.columns[app.column].rect;
    terminal
        .backend_mut()
        .assert_cursor_position(Position::new(rect.x + 1, rect.y + 1));
    // A card dragged with the mouse: the cursor is on the card under the pointer.
    feed(&mut app, &[key(KeyCode::Left)]);
    let name = selected_name(&app);
    let column = app.layout.columns[app.column].clone();
    let (_, card) = column.cards[0];
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    feed(
        &mut app,
        &[
            common::mouse(
                MouseEventKind::Down(MouseButton::Left),
                card.x + 2,
                card.y + 1,
            ),
            common::mouse(
                MouseEventKind::Drag(MouseButton::Left),
                card.x + 6,
                card.y + 4,
            ),
            common::mouse(
                MouseEventKind::Drag(MouseButton::Left),
                card.x + 40,
                card.y + 8,
            ),
        ],
    );
    assert!(app.hand.as_ref().is_some_and(|h| h.dragging()));
    let mut terminal = draw(&mut app, 120, 40);
    let under = under_cursor(&mut terminal);
    assert!(under.starts_with(first_word(&name)), "{under:?}");
}

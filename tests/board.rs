//! The board rendered into ratatui's TestBackend, and driven through actions as a person would.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};
use ratatui::style::Color;
use whoowns::analysis::RuleId;
use whoowns::session::Session;
use whoowns::tui::action::{Action, Direction};
use whoowns::tui::app::{App, Focus, Mode, View};
use whoowns::workspace::Role;

mod common;
use common::{ctrl, draw, feed, feed_at, key, mouse, text};

const FIXTURE: &str = "tests/fixtures/board.toml";

fn app() -> App {
    App::new(Session::open(Path::new(FIXTURE)).expect("fixture loads"))
}

/// Where `needle` first appears on the board (left of the detail panel, which starts at x = 80
/// on a 120-column screen).
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let screen = text(buffer);
    screen.lines().enumerate().find_map(|(y, line)| {
        line.match_indices(needle)
            .map(|(byte, _)| line[..byte].chars().count() as u16)
            .find(|&x| x < 80)
            .map(|x| (x, y as u16))
    })
}

/// The top-left corner of the board column of department `id`, as last drawn.
fn column_of(app: &App, id: &str) -> Option<(u16, u16)> {
    let d = app.workspace().department_index(id)?;
    app.layout
        .columns
        .iter()
        .find(|c| app.columns[c.column].department == Some(d))
        .map(|c| (c.rect.x, c.rect.y))
}

#[test]
fn board_snapshot_120x40() {
    let mut app = app();
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn board_snapshot_80x24() {
    let mut app = app();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn board_snapshot_wide_220x60() {
    let mut app = app();
    insta::assert_snapshot!(draw(&mut app, 220, 60).backend());
}

#[test]
fn matrix_snapshot() {
    let mut app = app();
    app.update(Action::ToggleView);
    assert_eq!(app.view, View::Matrix);
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn findings_focus_snapshot() {
    let mut app = app();
    app.update(Action::FocusFindings);
    app.update(Action::Move(Direction::Down));
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn help_overlay_snapshot_lists_the_keymap() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    for binding in whoowns::tui::keymap::Keymap::defaults()
        .bindings()
        .iter()
        .take(10)
    {
        assert!(
            screen.contains(&binding.description),
            "help lacks {:?}",
            binding.description
        );
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn tiny_terminal_snapshot() {
    let mut app = app();
    insta::assert_snapshot!(draw(&mut app, 40, 10).backend());
}

#[test]
fn tiny_terminal_says_how_large_it_must_be() {
    let mut app = app();
    for (w, h) in [(40, 10), (1, 1), (0, 0), (49, 30), (120, 13)] {
        let terminal = draw(&mut app, w, h);
        if w >= 20 && h >= 2 {
            let screen = text(terminal.backend().buffer());
            assert!(screen.contains("larger terminal"), "{w}x{h}: {screen}");
        }
    }
}

#[test]
fn severity_shows_as_colour_and_glyph() {
    let mut app = app();
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "✖ hot potato").expect("hot potato badge");
    assert_eq!(buffer[(x, y)].fg, Color::LightRed);
    let (x, y) = find(buffer, "● one funder").expect("info badge");
    assert_eq!(buffer[(x, y)].fg, Color::LightCyan);
}

#[test]
fn mouse_drag_from_unowned_gives_the_role() {
    let mut app = app();
    let buffer = draw(&mut app, 120, 40).backend().buffer().clone();
    let (cx, cy) = find(&buffer, "Crisis response").expect("card on screen");
    let (lx, ly) = column_of(&app, "legal").expect("Legal column");
    feed(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Left), cx + 1, cy),
            mouse(MouseEventKind::Drag(MouseButton::Left), cx + 10, cy + 2),
            mouse(MouseEventKind::Drag(MouseButton::Left), lx + 2, ly + 6),
        ],
    );
    // While dragging the target column is highlighted and the ghost follows the pointer.
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("drop here"), "{screen}");
    assert!(screen.contains("move → Legal"), "{screen}");
    feed(
        &mut app,
        &[mouse(MouseEventKind::Up(MouseButton::Left), lx + 2, ly + 6)],
    );
    let ws = app.workspace();
    let crisis = ws.responsibility("crisis-response").expect("exists");
    assert_eq!(crisis.accountable, ["legal"]);
    assert!(
        !app.session
            .analysis()
            .findings
            .iter()
            .any(|f| f.rule == RuleId::HotPotato)
    );
    assert!(app.session.is_dirty());
}

#[test]
fn right_drag_shares_instead_of_moving() {
    let mut app = app();
    let buffer = draw(&mut app, 120, 40).backend().buffer().clone();
    let (cx, cy) = find(&buffer, "Tool selection").expect("card");
    let (lx, ly) = column_of(&app, "legal").expect("Legal column");
    feed(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Right), cx, cy),
            mouse(MouseEventKind::Drag(MouseButton::Right), lx + 3, ly + 3),
            mouse(MouseEventKind::Up(MouseButton::Right), lx + 3, ly + 3),
        ],
    );
    assert_eq!(
        app.workspace()
            .responsibility("tools")
            .expect("exists")
            .accountable,
        ["it", "legal"]
    );
}

#[test]
fn click_without_drag_only_selects() {
    let mut app = app();
    let before = app.workspace().clone();
    let buffer = draw(&mut app, 120, 40).backend().buffer().clone();
    let (cx, cy) = find(&buffer, "Tool selection").expect("card");
    feed(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Left), cx, cy),
            mouse(MouseEventKind::Up(MouseButton::Left), cx, cy),
        ],
    );
    assert_eq!(app.workspace(), &before);
    assert_eq!(app.selected, app.workspace().responsibility_index("tools"));
}

#[test]
fn keyboard_move_share_cancel_undo_redo() {
    let mut app = app();
    draw(&mut app, 120, 40);
    // Unowned column is selected first, with the hot potato.
    assert_eq!(
        app.selected,
        app.workspace().responsibility_index("crisis-response")
    );
    feed(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Right),
        ],
    );
    assert!(app.hand.as_ref().is_some_and(|h| h.target == Some(2)));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.workspace()
            .responsibility("crisis-response")
            .expect("x")
            .accountable,
        ["it"]
    );
    // Share the same card with Legal.
    feed(
        &mut app,
        &[
            key(KeyCode::Char(' ')),
            key(KeyCode::Right),
            key(KeyCode::Char('s')),
        ],
    );
    assert_eq!(
        app.workspace()
            .responsibility("crisis-response")
            .expect("x")
            .accountable,
        ["it", "legal"]
    );
    assert!(
        app.session
            .analysis()
            .findings
            .iter()
            .any(|f| f.rule == RuleId::Contested
                && f.responsibility.as_deref() == Some("crisis-response"))
    );
    // Esc puts a carried card back.
    feed(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Right),
            key(KeyCode::Esc),
        ],
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.workspace()
            .responsibility("crisis-response")
            .expect("x")
            .accountable,
        ["it", "legal"]
    );
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|(s, _)| s.starts_with("Undid: share Accountable")),
        "{:?}",
        app.status
    );
    feed(&mut app, &[ctrl('z')]);
    assert_eq!(app.workspace(), self::app().workspace());
    assert!(!app.session.is_dirty());
    feed(&mut app, &[ctrl('r'), ctrl('y')]);
    assert_eq!(
        app.workspace()
            .responsibility("crisis-response")
            .expect("x")
            .accountable,
        ["it", "legal"]
    );
}

#[test]
fn lens_changes_what_columns_mean() {
    let mut app = app();
    feed(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(app.lens, Role::Responsible);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("Lens: Responsible"));
    // Every responsibility has a doer, so Unowned is empty under this lens.
    assert!(app.columns[0].cards.is_empty());
    assert!(screen.contains("nothing unowned"), "{screen}");
}

#[test]
fn matrix_cell_cycles_with_space_and_click() {
    let mut app = app();
    feed(&mut app, &[key(KeyCode::Tab)]);
    let r = app.selected.expect("a row");
    let department = app.workspace().departments[app.matrix_department]
        .id
        .clone();
    let before: Vec<Role> = app.workspace().responsibilities[r]
        .roles_of(&department)
        .collect();
    feed(&mut app, &[key(KeyCode::Char(' '))]);
    let after: Vec<Role> = app.workspace().responsibilities[r]
        .roles_of(&department)
        .collect();
    assert_ne!(before, after);
    // Clicking the selected cell cycles it again.
    let cell = app
        .layout
        .cells
        .iter()
        .find(|c| c.responsibility == r && c.department == app.matrix_department)
        .copied()
        .expect("visible");
    feed(
        &mut app,
        &[mouse(
            MouseEventKind::Down(MouseButton::Left),
            cell.rect.x,
            cell.rect.y,
        )],
    );
    let again: Vec<Role> = app.workspace().responsibilities[r]
        .roles_of(&department)
        .collect();
    assert_ne!(after, again);
}

#[test]
fn findings_navigation_jumps_to_cards() {
    let mut app = app();
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    let finding = app.session.analysis().findings[app.finding].clone();
    let id = finding.responsibility.expect("about a responsibility");
    assert_eq!(app.selected, app.workspace().responsibility_index(&id));
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains(&app.workspace().responsibility(&id).expect("x").name[..10]));
    feed(
        &mut app,
        &[
            key(KeyCode::Char('f')),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    );
    assert_eq!(app.focus, Focus::Main);
}

#[test]
fn wheel_scrolls_the_column_under_the_pointer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.toml");
    let mut text_many = std::fs::read_to_string(FIXTURE).expect("read");
    for i in 0..30 {
        text_many.push_str(&format!("\n[[responsibility]]\nid = \"extra-{i}\"\nname = \"Extra {i}\"\naccountable = [\"legal\"]\nresponsible = [\"legal\"]\ninformed = [\"it\"]\n"));
    }
    std::fs::write(&path, text_many).expect("write");
    let mut app = App::new(Session::open(&path).expect("loads"));
    let buffer = draw(&mut app, 120, 40).backend().buffer().clone();
    let (lx, ly) = column_of(&app, "legal").expect("Legal column");
    assert!(text(&buffer).contains("(30)"));
    assert!(text(&buffer).contains("Extra 0"));
    feed(
        &mut app,
        &[
            mouse(MouseEventKind::ScrollDown, lx, ly + 5),
            mouse(MouseEventKind::ScrollDown, lx, ly + 5),
        ],
    );
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(!screen.contains("Extra 0 "), "{screen}");
    assert!(screen.contains("Extra 2"), "{screen}");
    assert!(screen.contains("↑2"), "{screen}");
}

#[test]
fn sample_board_marks_department_findings() {
    let mut app = App::new(Session::open(Path::new("assets/sample.toml")).expect("sample loads"));
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("▲ Marketing"), "{screen}");
    assert!(screen.contains("(7)"), "{screen}");
    // At 120x40 every department of the sample is on screen with Unowned: no sideways scroll.
    assert_eq!(
        app.layout.columns.len(),
        app.workspace().departments.len() + 1
    );
    assert_eq!(app.layout.hidden_left + app.layout.hidden_right, 0);
    for d in &app.workspace().departments {
        let first_word = d.name.split_whitespace().next().expect("a name");
        assert!(screen.contains(first_word), "{} missing: {screen}", d.name);
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn dragging_onto_the_edge_scrolls_to_hidden_departments() {
    // At 80x24 the sample's eight departments do not fit: the board scrolls sideways.
    let mut app = App::new(Session::open(Path::new("assets/sample.toml")).expect("sample loads"));
    let buffer = draw(&mut app, 80, 24).backend().buffer().clone();
    assert!(
        column_of(&app, "exec").is_none(),
        "the Executive office starts out of view"
    );
    let zone = app
        .layout
        .scroll_right_zone
        .expect("more columns to the right");
    let (cx, cy) = find(&buffer, "Executive").expect("hot potato card");
    let drag = |x, y| mouse(MouseEventKind::Drag(MouseButton::Left), x, y);
    feed_at(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Left), cx, cy),
            drag(zone.x, zone.y + 5),
            drag(zone.x + 1, zone.y + 6),
            drag(zone.x, zone.y + 5),
            drag(zone.x + 1, zone.y + 6),
            drag(zone.x, zone.y + 5),
        ],
        80,
        24,
    );
    let (px, py) = column_of(&app, "exec").expect("Executive office scrolled into view");
    feed_at(
        &mut app,
        &[
            drag(px + 4, py + 8),
            mouse(MouseEventKind::Up(MouseButton::Left), px + 4, py + 8),
        ],
        80,
        24,
    );
    assert_eq!(
        app.workspace()
            .responsibility("executive-presence")
            .expect("x")
            .accountable,
        ["exec"]
    );
}

#[test]
fn clicking_the_markers_and_sideways_wheel_scroll_the_columns() {
    let mut app = App::new(Session::open(Path::new("assets/sample.toml")).expect("sample loads"));
    draw(&mut app, 80, 24);
    let zone = app.layout.scroll_right_zone.expect("more to the right");
    let click = |x, y| mouse(MouseEventKind::Down(MouseButton::Left), x, y);
    feed_at(&mut app, &[click(zone.x, zone.y)], 80, 24);
    assert_eq!(app.layout.hidden_left, 1);
    let zone = app.layout.scroll_left_zone.expect("now more to the left");
    feed_at(&mut app, &[click(zone.x, zone.y)], 80, 24);
    assert_eq!(app.layout.hidden_left, 0);
    feed_at(
        &mut app,
        &[
            mouse(MouseEventKind::ScrollRight, 30, 10),
            mouse(MouseEventKind::ScrollRight, 30, 10),
        ],
        80,
        24,
    );
    assert_eq!(app.layout.hidden_left, 2);
    assert!(
        app.column == 0 || app.column > 2,
        "the selection stays on a visible column"
    );
}

#[test]
fn undo_while_carrying_puts_the_card_back_first() {
    let mut app = App::new(Session::open(Path::new("assets/sample.toml")).expect("sample loads"));
    let before = app.workspace().clone();
    // Delete a card, pick up another, undo the delete: the carry must not move something else.
    feed(
        &mut app,
        &[
            key(KeyCode::Right),
            key(KeyCode::Char('x')),
            key(KeyCode::Char('y')),
        ],
    );
    feed(
        &mut app,
        &[key(KeyCode::Char('m')), key(KeyCode::Char('u'))],
    );
    assert_eq!(app.mode, Mode::Normal, "undo lets go of the carried card");
    feed(&mut app, &[key(KeyCode::Right), key(KeyCode::Enter)]);
    assert_eq!(app.workspace(), &before, "nothing moved after the undo");
}

#[test]
fn the_first_n_goes_to_the_worst_finding() {
    let mut app = App::new(Session::open(Path::new("assets/sample.toml")).expect("sample loads"));
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(app.finding, 0);
    let worst = app.session.analysis().findings[0]
        .responsibility
        .clone()
        .expect("about a responsibility");
    assert_eq!(app.selected, app.workspace().responsibility_index(&worst));
    feed(
        &mut app,
        &[
            key(KeyCode::Char('n')),
            key(KeyCode::Char('N')),
            key(KeyCode::Char('N')),
        ],
    );
    let last = app.session.analysis().findings.len() - 1;
    assert_eq!(app.finding, last, "N from the first wraps to the last");
}

//! Names with soft hyphens and combining marks take the columns a terminal draws for them: the
//! facilitator's "Raised" queue and a participant's status line stay aligned, cut where the
//! room ends with `…` and nothing spilling past the border or the help hint.

use ratatui::buffer::Buffer;
use whoowns::session::Session;
use whoowns::text::width;
use whoowns::tui::action::Action;
use whoowns::tui::app::{App, Tone};
use whoowns::tui::remote::{Raised, RaisedKind, Room};

mod common;
use common::draw;

/// Two soft hyphens, a letter with two combining marks and one with a combining diaeresis:
/// "Ana Lúcia Öz" on screen, 12 columns.
const NAME: &str = "An\u{ad}\u{ad}a Lu\u{301}\u{301}cia O\u{308}z\u{ad}";

fn board() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, whoowns::SAMPLE_WORKSPACE).expect("write");
    let app = App::new(Session::open(&path).expect("opens"));
    (dir, app)
}

/// The cells of row `y`: each cell's symbol, as the terminal gets them.
fn cells(buffer: &Buffer, y: u16) -> Vec<String> {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_owned())
        .collect()
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    cells(buffer, y).concat()
}

fn find_row(buffer: &Buffer, needle: &str) -> u16 {
    (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} on screen"))
}

#[test]
fn the_raised_queue_keeps_its_border_with_soft_hyphens_and_combining_marks() {
    for (columns, cut) in [(120, false), (56, true)] {
        // (`cut`: the row is too long for the list and wraps.)
        let (_dir, mut app) = board();
        app.room = Some(Room {
            connected: 2,
            raised: vec![
                Raised {
                    kind: RaisedKind::Claim,
                    name: NAME.into(),
                    department: "legal".into(),
                    responsibility: "crisis-response".into(),
                    text: format!("we should own it {NAME}"),
                    role: None,
                },
                Raised {
                    kind: RaisedKind::Comment,
                    name: "Bo".into(),
                    department: "it".into(),
                    responsibility: "crisis-response".into(),
                    text: "ok".into(),
                    role: None,
                },
            ],
            ..Room::default()
        });
        app.update(Action::RaisedQueue);
        let terminal = draw(&mut app, columns, 30);
        let buffer = terminal.backend().buffer();
        let y = find_row(buffer, "claims");
        let plain = find_row(buffer, "comments on");
        let row = cells(buffer, y);
        // The letter and its marks share one cell; a soft hyphen takes none and is never
        // sent (a terminal drawing it would shift the rest of the line).
        assert!(row.iter().any(|c| c == "u\u{301}\u{301}"), "{row:?}");
        assert!(row.iter().any(|c| c == "O\u{308}"), "{row:?}");
        assert!(!row.iter().any(|c| c.contains('\u{ad}')), "{row:?}");
        let shown = row_text(buffer, y);
        assert!(
            shown.contains("Ana Lu\u{301}\u{301}cia O\u{308}z (Legal"),
            "{shown}"
        );
        // The right border stands in the same column as on the plain row.
        let border = |y: u16| {
            let row = cells(buffer, y);
            row.iter().rposition(|c| c == "║").expect("border")
        };
        assert_eq!(border(y), border(plain), "{shown}");
        if cut {
            // Too long for the row: it wraps under itself (issue 22), the border still in
            // place on the rows it continues on.
            let next = row_text(buffer, y + 1);
            assert!(next.contains("response\": we should own it"), "{next}");
            assert_eq!(border(y + 1), border(plain), "{next}");
        } else {
            assert!(
                shown.contains(": we should own it Ana Lu\u{301}\u{301}cia O\u{308}z"),
                "{shown}"
            );
        }
    }
}

#[test]
fn a_status_line_with_such_a_name_keeps_the_help_hint_at_the_right_edge() {
    for columns in [120u16, 60] {
        let (_dir, mut app) = board();
        let text = format!(
            "{NAME} (Legal): following the facilitator │ o look around · c claim · m comment · q leave"
        );
        app.say(text.clone(), Tone::Info);
        let terminal = draw(&mut app, columns, 30);
        let buffer = terminal.backend().buffer();
        let y = buffer.area.height - 1;
        let shown = row_text(buffer, y);
        assert!(shown.trim_end().ends_with("? help"), "{shown:?}");
        assert_eq!(
            width(shown.trim_end()),
            usize::from(columns) - 1,
            "the hint ends one column from the edge: {shown:?}"
        );
        assert!(
            shown.contains("Ana Lu\u{301}\u{301}cia O\u{308}z (Legal)"),
            "{shown:?}"
        );
        if usize::from(columns) > width(&text) + 10 {
            assert!(shown.contains("q leave"), "{shown:?}");
        } else {
            assert!(shown.contains('…'), "cut where the room ends: {shown:?}");
        }
    }
}

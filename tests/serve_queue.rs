//! The facilitator's side of `whoowns serve` on TestBackend: what participants raised arrives
//! in the queue (with the marker and the count in the header), and is accepted through the
//! normal undoable edits or dismissed; a participant's own department stands out.

mod common;

use common::{draw, feed, key, text};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use whoowns::session::Session;
use whoowns::tui::app::App;
use whoowns::tui::remote::{Raised, RaisedKind, RemoteEvent, Room, on_event};

fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("workshop.toml");
    std::fs::write(&file, whoowns::SAMPLE_WORKSPACE).expect("workspace");
    let mut app = App::new(Session::open(&file).expect("opens"));
    app.room = Some(Room::default());
    (dir, app)
}

fn raised(kind: RaisedKind, text: &str) -> RemoteEvent {
    RemoteEvent::Raise(Raised {
        kind,
        name: "Ana".to_owned(),
        department: "legal".to_owned(),
        responsibility: "brand-voice".to_owned(),
        text: text.to_owned(),
        role: None,
    })
}

fn char(c: char) -> ratatui::crossterm::event::Event {
    key(KeyCode::Char(c))
}

#[test]
fn a_raised_claim_is_accepted_as_an_open_claim_and_undone() {
    let (_dir, mut app) = app();
    on_event(&mut app, RemoteEvent::Connected(3));
    on_event(&mut app, raised(RaisedKind::Claim, "we vet every post"));
    let terminal = draw(&mut app, 140, 40);
    let screen = text(terminal.backend().buffer());
    // (A wide glyph takes two cells: the text of the screen has a space after it.)
    assert!(
        screen.contains("✋  1 raised (Q) · 3 connected"),
        "{screen}"
    );
    // The raised hands stand out in the header (reversed), the connected count does not.
    let header = screen.lines().next().expect("a header");
    let hand = header.chars().position(|c| c == '✋').expect("the hand") as u16;
    let buffer = terminal.backend().buffer();
    assert!(buffer[(hand, 0)].modifier.contains(Modifier::REVERSED));
    let connected = header.find("3 connected").expect("the count");
    let connected = header[..connected].chars().count() as u16;
    assert!(!buffer[(connected, 0)].modifier.contains(Modifier::REVERSED));
    assert!(
        screen.contains("Ana (Legal & Compliance) raised a claim"),
        "{screen}"
    );
    feed(&mut app, &[char('Q')]);
    let screen = text(draw(&mut app, 140, 40).backend().buffer());
    assert!(
        screen.contains(
            "Ana (Legal & Compliance) claims \"Brand voice and tone\": we vet every post"
        ),
        "{screen}"
    );
    feed(&mut app, &[char('a')]);
    let brand = &app.workspace().responsibilities[0];
    let claim = brand
        .claims
        .get("legal", None)
        .expect("an open claim of Legal");
    assert!(claim.is_open());
    // Who raised it is a field of the claim, not words in its reason (issue 22).
    assert_eq!(claim.reason, "we vet every post");
    assert_eq!(claim.raised_by.as_deref(), Some("Ana"));
    assert!(app.room.as_ref().expect("room").raised.is_empty());
    let screen = text(draw(&mut app, 140, 40).backend().buffer());
    assert!(!screen.contains("raised (Q)"), "{screen}");
    // One undoable step, like any edit.
    feed(&mut app, &[char('u')]);
    assert!(
        !app.workspace().responsibilities[0]
            .claims
            .contains_department("legal")
    );
}

#[test]
fn a_raised_comment_becomes_an_attributed_decision_and_dismissing_changes_nothing() {
    let (_dir, mut app) = app();
    let decisions = app.workspace().decisions.len();
    on_event(
        &mut app,
        raised(RaisedKind::Comment, "check with the works council"),
    );
    on_event(&mut app, raised(RaisedKind::Claim, "ours"));
    feed(&mut app, &[char('Q'), char('a')]);
    let ws = app.workspace();
    assert_eq!(ws.decisions.len(), decisions + 1);
    let decision = ws.decisions.last().expect("decision");
    assert_eq!(
        decision.text,
        "Ana (Legal & Compliance): check with the works council"
    );
    assert_eq!(decision.responsibility.as_deref(), Some("brand-voice"));
    // The queue stays open on what is left; dismissing it changes nothing.
    let before = app.workspace().clone();
    feed(&mut app, &[char('x')]);
    assert_eq!(app.workspace(), &before);
    assert!(app.room.as_ref().expect("room").raised.is_empty());
}

#[test]
fn the_queue_needs_a_server() {
    let (_dir, mut app) = app();
    app.room = None;
    feed(&mut app, &[char('Q')]);
    let screen = text(draw(&mut app, 140, 40).backend().buffer());
    assert!(screen.contains("whoowns serve"), "{screen}");
}

#[test]
fn a_participants_department_stands_out() {
    let (_dir, mut app) = app();
    app.highlight = Some(1);
    let terminal = draw(&mut app, 140, 40);
    let buffer = terminal.backend().buffer();
    let (x, y) = (0..buffer.area.height)
        .find_map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.find("IT")
                .map(|byte| (row[..byte].chars().count() as u16, y))
        })
        .expect("the IT column");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let (mx, my) = (0..buffer.area.height)
        .find_map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.find("Marketing")
                .map(|byte| (row[..byte].chars().count() as u16, y))
        })
        .expect("the Marketing column");
    assert!(!buffer[(mx, my)].modifier.contains(Modifier::REVERSED));
}

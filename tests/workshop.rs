//! The workshop flow on the board, on the bundled sample, driven through real key events:
//! the agenda walk, the claim resolver, decisions, the parking lot, sign-off, the live preview
//! of a drop, the changes view and funding by name.

mod common;

use common::board::{TODAY, sample, screen, select};
use common::{draw, feed, feed_at, key, mouse, text, typed};
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEventKind};
use whoowns::signoff::SignState;
use whoowns::tui::app::{App, ListKind, Mode, Question};
use whoowns::workspace::{ClaimStatus, Role};

/// A screen snapshot, with the temporary directory's name filtered out.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({filters => vec![(r"/tmp/\.tmp\w+/", "[TMP]/")]}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// The status line of a frame of `width` x `height`.
/// The status line, both rows when a long message got a second one.
fn status_at(app: &mut App, width: u16, height: u16) -> String {
    let shown = text(draw(app, width, height).backend().buffer());
    let lines: Vec<&str> = shown.lines().collect();
    let rows = usize::from(app.layout.status.height).max(1);
    lines[lines.len() - rows..].join("\n")
}

fn status_line(app: &mut App) -> String {
    screen(app)
        .lines()
        .last()
        .expect("a status line")
        .to_owned()
}

fn name_of_current(app: &App) -> String {
    let finding = &app.session.analysis().findings[app.finding];
    let id = finding
        .responsibility
        .clone()
        .expect("about a responsibility");
    app.workspace()
        .responsibility(&id)
        .expect("exists")
        .name
        .clone()
}

#[test]
fn the_agenda_says_where_the_room_is_and_never_skips_after_a_fix() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(name_of_current(&app), "Executive social presence");
    let shown = screen(&mut app);
    assert!(shown.contains("Agenda: finding 1 of 16"), "{shown}");
    snapshot!("agenda_position", shown);
    // Enter opens the fix for a hot potato: the departments that can take it.
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(
        app.mode,
        Mode::List(list) if matches!(list.kind, ListKind::GiveRole { role: Role::Accountable, .. })
    ));
    // Marketing is the first department.
    feed(&mut app, &[key(KeyCode::Enter)]);
    let potato = app
        .workspace()
        .responsibility("executive-presence")
        .expect("item");
    assert_eq!(potato.accountable, ["marketing"]);
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(
        name_of_current(&app),
        "Influencer relations",
        "the next item is not skipped"
    );
    assert!(screen(&mut app).contains("finding 2 of 16 · 1 settled"));
}

#[test]
fn the_claim_resolver_declines_with_a_reason_and_accepts_into_a_role() {
    let (_dir, mut app) = sample();
    select(&mut app, "social-listening");
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("Claims on \"Social listening and monitoring\""));
    snapshot!("claim_resolver", shown);
    // Decline IT's claim (the first) with a reason.
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    feed(&mut app, &typed("Legal carries the liability"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility("social-listening")
        .expect("item");
    let it = &r.claims.of("it")[0];
    assert_eq!(it.status, ClaimStatus::Declined);
    assert_eq!(it.answer.as_deref(), Some("Legal carries the liability"));
    assert_eq!(it.date.as_deref(), Some(TODAY));
    let logged = app.workspace().decisions.last().expect("a decision");
    assert_eq!(
        logged.text,
        "Declined IT's claim on Social listening and monitoring: Legal carries the liability"
    );
    assert_eq!(logged.date, TODAY);
    // The resolver stays open on the remaining claim: accept Legal as accountable and
    // responsible (the third role choice).
    assert!(screen(&mut app).contains("Legal & Compliance: We carry the liability"));
    feed(
        &mut app,
        &[
            key(KeyCode::Enter),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    );
    let r = app
        .workspace()
        .responsibility("social-listening")
        .expect("item");
    assert_eq!(r.claims.of("legal")[0].status, ClaimStatus::Accepted);
    assert!(r.has(Role::Accountable, "legal") && r.has(Role::Responsible, "legal"));
    assert_eq!(
        app.mode,
        Mode::Normal,
        "no open claim left: the resolver closes"
    );
    // One undo takes back the acceptance and its decision together.
    let decisions = app.workspace().decisions.len();
    feed(&mut app, &[key(KeyCode::Char('u'))]);
    let r = app
        .workspace()
        .responsibility("social-listening")
        .expect("item");
    assert!(r.claims.of("legal")[0].is_open() && !r.has(Role::Accountable, "legal"));
    assert_eq!(app.workspace().decisions.len(), decisions - 1);
}

#[test]
fn decisions_are_recorded_listed_edited_and_deleted() {
    let (_dir, mut app) = sample();
    select(&mut app, "crisis-response");
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    feed(
        &mut app,
        &typed("PR speaks first; Legal reviews within the hour."),
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    let logged = app.workspace().decisions.last().expect("recorded").clone();
    assert_eq!(logged.date, TODAY);
    assert_eq!(logged.responsibility.as_deref(), Some("crisis-response"));
    feed(&mut app, &[key(KeyCode::Char('g'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("Decision log (3)"), "{shown}");
    snapshot!("decision_log", shown);
    // Edit the newest entry: End, Enter, replace the text.
    feed(
        &mut app,
        &[key(KeyCode::End), key(KeyCode::Enter), common::ctrl('u')],
    );
    feed(&mut app, &typed("PR speaks first."));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.workspace().decisions.last().expect("kept").text,
        "PR speaks first."
    );
    // Delete it (asks first), then undo brings it back.
    feed(
        &mut app,
        &[key(KeyCode::Char('x')), key(KeyCode::Char('y'))],
    );
    assert_eq!(app.workspace().decisions.len(), 2);
    feed(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('u'))]);
    assert_eq!(app.workspace().decisions.len(), 3);
}

#[test]
fn parked_items_leave_the_agenda_are_marked_and_listed() {
    let (_dir, mut app) = sample();
    select(&mut app, "executive-presence");
    feed(&mut app, &[key(KeyCode::Char('p'))]);
    feed(&mut app, &typed("needs the CEO in the room"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility("executive-presence")
        .expect("item");
    assert_eq!(r.parked.as_deref(), Some("needs the CEO in the room"));
    let shown = screen(&mut app);
    assert!(shown.contains("⏸ parked"), "{shown}");
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert_ne!(name_of_current(&app), "Executive social presence");
    assert!(screen(&mut app).contains("finding 1 of 15 · 1 parked"));
    feed(&mut app, &[key(KeyCode::Char('P'))]);
    assert!(screen(&mut app).contains("Executive social presence: needs the CEO in the room"));
    // p in the parking lot un-parks it.
    feed(&mut app, &[key(KeyCode::Char('p'))]);
    let r = app
        .workspace()
        .responsibility("executive-presence")
        .expect("item");
    assert_eq!(r.parked, None);
}

#[test]
fn leads_sign_and_a_later_change_makes_the_signature_stale() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('S'))]);
    // Legal is the third department.
    feed(
        &mut app,
        &[key(KeyCode::Home), key(KeyCode::Down), key(KeyCode::Down)],
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    // The sample has findings left open: the board says so and asks before Legal signs.
    assert!(
        matches!(app.mode, Mode::Ask(Question::SignWithOpen { .. })),
        "{:?}",
        app.mode
    );
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    let legal = app.workspace().department_index("legal").expect("legal");
    assert_eq!(app.session.sign_state(legal), SignState::Current);
    let signed = app.workspace().departments[legal]
        .signed
        .clone()
        .expect("signed");
    assert_eq!(
        (signed.by.as_str(), signed.date.as_str()),
        ("Carla Jensen", TODAY)
    );
    feed(&mut app, &[key(KeyCode::Esc)]);
    // Crisis response involves Legal: a new tie-breaker makes the signature stale.
    select(&mut app, "crisis-response");
    let index = app.selected.expect("selected");
    let change = whoowns::edit::set_field(
        app.workspace(),
        index,
        whoowns::edit::Field::TieBreaker,
        "The CEO decides.",
    )
    .expect("valid")
    .expect("a change");
    app.session.apply(change).expect("applies");
    assert_eq!(app.session.sign_state(legal), SignState::Stale);
    feed(&mut app, &[key(KeyCode::Char('S'))]);
    let shown = screen(&mut app);
    assert!(
        shown.contains("Legal & Compliance: ⚠ signed before the last change by Carla Jensen"),
        "{shown}"
    );
    snapshot!("sign_off", shown);
}

#[test]
fn carrying_a_card_previews_what_the_drop_would_do() {
    let (_dir, mut app) = sample();
    select(&mut app, "influencer-relations");
    feed(&mut app, &[key(KeyCode::Char('m')), key(KeyCode::Right)]);
    let status = status_line(&mut app);
    assert!(
        status.contains(
            "move → Marketing: resolves hot-potato (Accountable of \"Influencer relations\")"
        ),
        "{status}"
    );
    let message = status.split_once('│').expect("a message").1;
    snapshot!("preview_line", message);
    // Legal (three to the right) would take on an item: nothing else changes.
    feed(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    let status = status_line(&mut app);
    assert!(
        status.contains("→ Legal & Compliance: resolves hot-potato"),
        "{status}"
    );
    // Onto the Unowned column nothing changes at all.
    feed(
        &mut app,
        &[key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Left)],
    );
    let status = status_line(&mut app);
    assert!(
        status.contains("→ Unowned: nothing changes there"),
        "{status}"
    );
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.hand.is_none());
}

#[test]
fn esc_cancels_a_mouse_drag_and_the_scroll_edge_is_no_drop_target() {
    // At 80x24 the sample's departments do not all fit, so the board has a scroll strip.
    let (_dir, mut app) = sample();
    draw(&mut app, 80, 24);
    let card = app.layout.columns[0].cards[0].1;
    let at = (card.x + 2, card.y);
    let marketing = app.layout.columns[1].rect;
    let over = (marketing.x + 3, marketing.y + 8);
    feed_at(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Left), at.0, at.1),
            mouse(MouseEventKind::Drag(MouseButton::Left), over.0, over.1),
        ],
        80,
        24,
    );
    assert!(app.hand.is_some(), "pressed at {at:?}");
    let status = status_at(&mut app, 80, 24);
    assert!(status.contains("→ Marketing"), "{status}");
    feed_at(&mut app, &[key(KeyCode::Esc)], 80, 24);
    assert!(app.hand.is_none(), "Esc puts the card back");
    feed_at(
        &mut app,
        &[mouse(MouseEventKind::Up(MouseButton::Left), over.0, over.1)],
        80,
        24,
    );
    assert!(
        !app.session.is_dirty(),
        "the release after Esc drops nothing"
    );
    // On the right scroll strip the status names no column, and a release there drops nothing.
    let strip = app
        .layout
        .scroll_right_zone
        .expect("more columns to the right");
    feed_at(
        &mut app,
        &[
            mouse(MouseEventKind::Down(MouseButton::Left), at.0, at.1),
            mouse(
                MouseEventKind::Drag(MouseButton::Left),
                strip.x,
                strip.y + 5,
            ),
        ],
        80,
        24,
    );
    assert!(status_at(&mut app, 80, 24).contains("(no column: drop on a column)"));
    feed_at(
        &mut app,
        &[mouse(
            MouseEventKind::Up(MouseButton::Left),
            strip.x,
            strip.y + 5,
        )],
        80,
        24,
    );
    assert!(!app.session.is_dirty());
}

#[test]
fn the_changes_view_reviews_the_session() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('C'))]);
    assert!(screen(&mut app).contains("No changes since the workspace was opened."));
    feed(&mut app, &[key(KeyCode::Esc)]);
    select(&mut app, "investor-relations");
    feed(
        &mut app,
        &[
            key(KeyCode::Char('c')),
            key(KeyCode::Enter),
            key(KeyCode::Enter),
        ],
    );
    feed(&mut app, &[key(KeyCode::Char('C'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("Investor relations on social"), "{shown}");
    assert!(
        shown.contains("+ Legal & Compliance: Accountable"),
        "{shown}"
    );
    snapshot!("changes_view", shown);
}

#[test]
fn workshop_facts_are_edited_in_the_app() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('I'))]);
    // The session date is the fifth field.
    feed(&mut app, &vec![key(KeyCode::Down); 4]);
    feed(&mut app, &[key(KeyCode::Enter)]);
    feed(&mut app, &typed("2026-13-01"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen(&mut app).contains("is not a calendar date"));
    feed(&mut app, &[common::ctrl('u')]);
    feed(&mut app, &typed(TODAY));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.workspace().info.date.as_deref(), Some(TODAY));
    assert!(screen(&mut app).contains(&format!("Session date  {TODAY}")));
}

#[test]
fn the_review_date_is_edited_from_the_facts_and_undone() {
    let (_dir, mut app) = sample();
    feed(&mut app, &[key(KeyCode::Char('I'))]);
    let at = whoowns::edit::InfoField::ALL
        .iter()
        .position(|f| *f == whoowns::edit::InfoField::ReviewBy)
        .expect("a field");
    feed(&mut app, &vec![key(KeyCode::Down); at]);
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen(&mut app).contains("check reports review-due"));
    feed(&mut app, &typed("2027-02-30"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen(&mut app).contains("is not a calendar date"));
    feed(&mut app, &[common::ctrl('u')]);
    feed(&mut app, &typed("2027-06-01"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.workspace().info.review_by.as_deref(),
        Some("2027-06-01")
    );
    assert!(screen(&mut app).contains("Review by     2027-06-01"));
    feed(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('u'))]);
    assert_eq!(
        app.workspace().info.review_by,
        None,
        "one undo takes it back"
    );
}

#[test]
fn funding_is_typed_by_department_name_with_completion() {
    let (_dir, mut app) = sample();
    select(&mut app, "social-listening");
    // The Funding field of the detail panel.
    feed(&mut app, &[key(KeyCode::Char('i'))]);
    let funding = whoowns::edit::Field::ALL
        .iter()
        .position(|f| *f == whoowns::edit::Field::Funding)
        .expect("a field");
    feed(&mut app, &vec![key(KeyCode::Down); funding]);
    feed(&mut app, &[key(KeyCode::Enter)]);
    let shown = screen(&mut app);
    assert!(shown.contains("Marketing = 5000, IT = 10000"), "{shown}");
    feed(&mut app, &[key(KeyCode::End)]);
    feed(&mut app, &typed(", Leg"));
    feed(&mut app, &[key(KeyCode::Tab)]);
    feed(&mut app, &typed("10 000"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app
        .workspace()
        .responsibility("social-listening")
        .expect("item");
    assert_eq!(r.funding.get("legal"), Some(&10000.0));
    assert_eq!(r.funding.len(), 3);
}

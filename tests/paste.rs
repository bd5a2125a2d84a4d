//! Pastes into the board's prompts: one bracketed-paste event goes in whole, in one step, cut
//! at the most a field holds with a message; the real binary in a pty answers a 1 MB paste
//! and ends on SIGTERM while a flood of keys is still coming.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode};
use whoowns::session::Session;
use whoowns::tui::app::{App, MAX_PROMPT_CHARS, Mode};
use whoowns::tui::handle_event;

mod common;
use common::pty::Pty;
use common::{draw, feed, key, text};

fn board() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, whoowns::SAMPLE_WORKSPACE).expect("write");
    let app = App::new(Session::open(&path).expect("opens"));
    (dir, app)
}

fn prompt_input(app: &App) -> &str {
    match &app.mode {
        Mode::Prompt(prompt) => &prompt.input,
        other => panic!("no prompt: {other:?}"),
    }
}

#[test]
fn a_paste_goes_into_the_prompt_at_the_cursor_as_one_line() {
    let (_dir, mut app) = board();
    feed(
        &mut app,
        &[
            key(KeyCode::Char('a')),
            key(KeyCode::Char('X')),
            key(KeyCode::Left),
        ],
    );
    let redraw = handle_event(
        &mut app,
        Event::Paste("Crisis\r\nresponse\tat\u{1b}[31m night\n".into()),
    );
    assert!(redraw);
    assert_eq!(prompt_input(&app), "Crisis response at[31m night X");
    // The cursor is after the paste: typing goes on there.
    feed(&mut app, &[key(KeyCode::Char('!'))]);
    assert_eq!(prompt_input(&app), "Crisis response at[31m night !X");
    feed(&mut app, &[key(KeyCode::Enter)]);
    let ws = app.workspace();
    assert_eq!(
        ws.responsibilities.last().expect("added").name,
        "Crisis response at[31m night !X"
    );
}

#[test]
fn a_megabyte_paste_is_one_event_cut_to_the_field_with_a_message() {
    let (_dir, mut app) = board();
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    let pasted: String = "Social listening, ".chars().cycle().take(1 << 20).collect();
    handle_event(&mut app, Event::Paste(pasted.clone()));
    let expected: String = pasted.chars().take(MAX_PROMPT_CHARS).collect();
    assert_eq!(prompt_input(&app), expected);
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    assert!(
        screen.contains(&format!(
            "pasted text cut: a field holds at most {MAX_PROMPT_CHARS} characters"
        )),
        "{screen}"
    );
    // A key typed into the full field is refused with the same reason.
    feed(&mut app, &[key(KeyCode::Char('z'))]);
    assert_eq!(prompt_input(&app).chars().count(), MAX_PROMPT_CHARS);
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    assert!(
        screen.contains(&format!(
            "a field holds at most {MAX_PROMPT_CHARS} characters"
        )),
        "{screen}"
    );
}

#[test]
fn a_paste_outside_a_prompt_changes_nothing() {
    let (_dir, mut app) = board();
    let before = app.workspace().clone();
    assert!(!handle_event(&mut app, Event::Paste("dq".into())));
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(app.workspace(), &before);
}

/// The board in a pty on a copy of the sample, its state kept in `home`.
fn start(home: &Path) -> Pty {
    let file = home.join("w.toml");
    std::fs::write(&file, whoowns::SAMPLE_WORKSPACE).expect("write");
    let data = home.join("data");
    let state = home.join("state");
    let pty = Pty::start(
        &[file.to_str().expect("utf-8")],
        &[
            ("HOME", home),
            ("XDG_DATA_HOME", &data),
            ("XDG_STATE_HOME", &state),
        ],
    );
    pty.wait_for("Opened");
    pty
}

/// Writes `bytes` to the board from a thread of its own (a pty takes only so much at a time).
fn write_in_background(pty: &mut Pty, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    let mut writer = std::mem::replace(&mut pty.writer, Box::new(std::io::sink()));
    std::thread::spawn(move || {
        // The board may end before it has read everything: that is no failure here.
        let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
    })
}

#[test]
fn the_real_board_asks_for_bracketed_paste_and_answers_a_megabyte_paste() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = start(home.path());
    let raw = String::from_utf8_lossy(&pty.raw.lock().expect("lock")).into_owned();
    assert!(
        raw.contains("\u{1b}[?2004h"),
        "bracketed paste is asked for"
    );
    pty.send("a");
    pty.wait_for("New responsibility: name");
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend("Paid social campaigns ".bytes().cycle().take(1 << 20));
    paste.extend_from_slice(b"\x1b[201~");
    let start = Instant::now();
    let writing = write_in_background(&mut pty, paste);
    // Generous: the board answers in well under a second; before, it took minutes.
    pty.wait_for("pasted text cut");
    writing.join().expect("writer");
    let took = start.elapsed();
    assert!(took < common::pty::TIMEOUT, "{took:?}");
    pty.writer = Box::new(std::io::sink());
    pty.signal("TERM");
    assert_eq!(pty.exit_code(), 128 + 15);
    // The last bytes may still be on their way from the pty once the process is gone.
    let turned_off = || {
        let raw = pty.raw.lock().expect("lock");
        raw.windows(8).any(|w| w == b"\x1b[?2004l")
    };
    let waiting = Instant::now();
    while !turned_off() && waiting.elapsed() < common::pty::TIMEOUT {
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(turned_off(), "bracketed paste is turned off");
}

#[test]
fn sigterm_ends_the_board_while_a_flood_of_keys_is_still_coming() {
    let home = tempfile::tempdir().expect("home");
    let mut pty = start(home.path());
    pty.send("a");
    pty.wait_for("New responsibility: name");
    // A terminal without bracketed paste: a 1 MB paste arrives as a million keys.
    let keys: Vec<u8> = "Paid social campaigns "
        .bytes()
        .cycle()
        .take(1 << 20)
        .collect();
    let writing = write_in_background(&mut pty, keys);
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    pty.signal("TERM");
    assert_eq!(pty.exit_code(), 128 + 15);
    assert!(sent.elapsed() < common::pty::TIMEOUT);
    drop(writing);
}

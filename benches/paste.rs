//! A paste into a prompt of the board (the sample workspace, `a`: a new responsibility's name),
//! at 20,000, 80,000 and 1,000,000 characters: as one bracketed-paste event (what terminals
//! send once the board asks for bracketed paste), and as one key event per character (what a
//! terminal without it sends), each frame drawn once the keys stop coming (as the event loop
//! does) or after every key (as it did before).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use whoowns::session::Session;
use whoowns::tui::app::App;
use whoowns::tui::{layout, map_event, view};

fn main() {
    divan::main();
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let layout = layout::compute(app, Rect::new(0, 0, 120, 40));
    terminal
        .draw(|f| view::render(app, &layout, f))
        .expect("draws");
    app.adopt_layout(layout);
}

/// The board on the sample, with the prompt for a new responsibility open.
fn prompt_open() -> (tempfile::TempDir, App, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.toml");
    std::fs::write(&path, whoowns::SAMPLE_WORKSPACE).expect("write");
    let mut app = App::new(Session::open(&path).expect("opens"));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    frame(&mut app, &mut terminal);
    let open = Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    if let Some(action) = map_event(&app, &open) {
        app.update(action);
    }
    frame(&mut app, &mut terminal);
    (dir, app, terminal)
}

fn text(chars: usize) -> String {
    "Crisis response on weekends, "
        .chars()
        .cycle()
        .take(chars)
        .collect()
}

fn keys(app: &mut App, terminal: &mut Terminal<TestBackend>, text: &str, frame_each: bool) {
    for c in text.chars() {
        let event = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        if let Some(action) = map_event(app, &event) {
            app.update(action);
        }
        if frame_each {
            frame(app, terminal);
        }
    }
    frame(app, terminal);
}

/// One key event per character, a frame after each (the event loop before bracketed paste).
#[divan::bench(args = [2_000, 20_000], sample_count = 3, sample_size = 1)]
fn keys_frame_after_each(bencher: divan::Bencher, chars: usize) {
    let text = text(chars);
    bencher
        .with_inputs(prompt_open)
        .bench_local_values(|(_dir, mut app, mut terminal)| {
            keys(&mut app, &mut terminal, &text, true);
            app
        });
}

/// One key event per character, one frame once they stop (the event loop drains its queue).
#[divan::bench(args = [20_000, 80_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn keys_one_frame(bencher: divan::Bencher, chars: usize) {
    let text = text(chars);
    bencher
        .with_inputs(prompt_open)
        .bench_local_values(|(_dir, mut app, mut terminal)| {
            keys(&mut app, &mut terminal, &text, false);
            app
        });
}

/// One bracketed-paste event and a frame.
#[divan::bench(args = [20_000, 80_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn one_paste_event(bencher: divan::Bencher, chars: usize) {
    let text = text(chars);
    bencher
        .with_inputs(prompt_open)
        .bench_local_values(|(_dir, mut app, mut terminal)| {
            whoowns::tui::handle_event(&mut app, Event::Paste(text.clone()));
            frame(&mut app, &mut terminal);
            app
        });
}

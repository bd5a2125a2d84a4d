//! Helpers shared by the TestBackend suites: draw a frame as the event loop does, read the
//! screen back as text, and feed real terminal events through the real mapping and update.

#![allow(dead_code)]

pub mod board;
pub mod claims;
pub mod git;
pub mod import;
pub mod pty;
pub mod shell;
pub mod ssh;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use whoowns::tui::app::App;
use whoowns::tui::{layout, map_event, view};

/// Draws one frame, as the event loop does, and returns the terminal for assertions.
pub fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let layout = layout::compute(app, Rect::new(0, 0, width, height));
    terminal
        .draw(|frame| view::render(app, &layout, frame))
        .expect("draws");
    app.adopt_layout(layout);
    terminal
}

pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// Feeds terminal events through the real mapping and update, redrawing after each.
pub fn feed(app: &mut App, events: &[Event]) {
    feed_at(app, events, 120, 40);
}

/// Like [`feed`], on a terminal of `width` x `height`.
pub fn feed_at(app: &mut App, events: &[Event], width: u16, height: u16) {
    for event in events {
        if let Some(action) = map_event(app, event) {
            app.update(action);
        }
        // As the event loop does: what the key asked for (a save, an export) runs after it.
        whoowns::tui::run_effects(app, None);
        draw(app, width, height);
    }
}

/// Types `text` key by key.
pub fn typed(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

//! The interactive board: terminal event -> action -> update -> render from state.

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod mouse;
pub mod theme;
mod update;
pub mod view;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use self::action::Action;
use self::app::{App, Focus, Mode, View};
use self::keymap::{Context, action_for};
use crate::session::Session;
use crate::workspace::write_atomic;

/// Opens the board on `file`, or on the default workspace. Returns the process exit code.
pub fn run(file: Option<&Path>) -> ExitCode {
    let path = match file {
        Some(path) => path.to_path_buf(),
        None => match default_workspace() {
            Ok(path) => path,
            Err(e) => {
                crate::output::error(format!(
                    "whoowns: cannot prepare the default workspace: {e}"
                ));
                return ExitCode::from(2);
            }
        },
    };
    // Check the workspace before touching the terminal, so errors print on a normal screen.
    let mut session = match Session::open(&path) {
        Ok(session) => session,
        Err(error) => {
            crate::output::error(error.to_string());
            return ExitCode::from(2);
        }
    };
    if let Ok(data_dir) = crate::dirs::data_dir() {
        session.keep_backups(data_dir);
    }
    let lock = crate::dirs::state_dir()
        .map(|state| crate::lock::BoardLock::acquire(&state, &path))
        .ok();
    let mut app = App::new(session);
    if lock.as_ref().is_some_and(|l| l.shared) {
        app.say(
            "Another whoowns board has this file open: a save that would overwrite its changes asks first",
            app::Tone::Problem,
        );
    }
    let mut terminal = ratatui::init();
    install_mouse_restoring_panic_hook();
    let result =
        execute!(io::stdout(), EnableMouseCapture).and_then(|()| event_loop(&mut terminal, app));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::output::error(format!("whoowns: terminal error: {e}"));
            ExitCode::from(1)
        }
    }
}

/// The user's own workspace in the data directory, created from the sample on first run.
pub fn default_workspace() -> io::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "whoowns").ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no home directory to keep the workspace in",
        )
    })?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir)?;
    let path = dir.join("workspace.toml");
    if !path.exists() {
        write_atomic(&path, crate::SAMPLE_WORKSPACE.as_bytes())?;
    }
    Ok(path)
}

/// ratatui's own hook restores the screen; this one also turns mouse reporting off first.
fn install_mouse_restoring_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App) -> io::Result<()> {
    let mut dirty = true;
    while !app.should_quit {
        if dirty {
            draw(terminal, &mut app)?;
            dirty = false;
        }
        // Blocks until the next event: an idle board uses no CPU.
        let event = event::read()?;
        if let Some(action) = map_event(&app, &event) {
            dirty |= app.update(action);
        }
    }
    Ok(())
}

/// Draws one frame and keeps its layout for the mouse.
pub fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    let layout = layout::compute(app, Rect::new(0, 0, size.width, size.height));
    terminal.draw(|frame| view::render(app, &layout, frame))?;
    app.adopt_layout(layout);
    Ok(())
}

/// The contexts whose bindings apply now, innermost first.
pub fn contexts(app: &App) -> Vec<Context> {
    let mut contexts = Vec::with_capacity(3);
    if matches!(app.mode, Mode::Carrying { .. }) {
        contexts.push(Context::Carrying);
    }
    match app.focus {
        Focus::Findings => contexts.push(Context::Findings),
        Focus::Detail => contexts.push(Context::Detail),
        Focus::Main => {}
    }
    contexts.push(match app.view {
        View::Board => Context::Board,
        View::Matrix => Context::Matrix,
    });
    contexts.push(Context::Global);
    contexts
}

/// The action a terminal event asks for in the current state.
pub fn map_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) => match app.mode {
            Mode::Prompt(_) | Mode::Ask(_) | Mode::Help { .. } => Some(Action::Key(*key)),
            _ if matches!(
                app.drag,
                app::Drag::Dragging { .. } | app::Drag::Pressed { .. }
            ) && key.code == ratatui::crossterm::event::KeyCode::Char('s') =>
            {
                Some(Action::ToggleShare)
            }
            _ => action_for(&contexts(app), key),
        },
        Event::Mouse(mouse) => {
            if matches!(app.mode, Mode::Prompt(_) | Mode::Ask(_)) {
                return None;
            }
            let action = mouse::map_mouse(*mouse, &app.layout)?;
            // Motion without a pressed card changes nothing: no redraw.
            match action {
                Action::DragTo { .. } | Action::Release { .. } if app.drag == app::Drag::Idle => {
                    None
                }
                Action::DragTo { x, y, column } if matches!(app.drag, app::Drag::Dragging { x: px, y: py, over, .. } if px == x && py == y && over == column) => {
                    None
                }
                other => Some(other),
            }
        }
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

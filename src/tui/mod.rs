//! The interactive board: terminal event -> action -> update -> render from state.

pub mod action;
pub mod app;
mod conflicts;
pub mod filter;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod lists;
pub mod mouse;
pub mod picker;
pub mod recover;
pub mod remote;
pub mod settings;
pub mod signals;
pub mod theme;
mod update;
pub mod view;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::Rect;

use self::action::Action;
use self::app::{App, Focus, Mode, View};
use self::keymap::Context;
use self::settings::{Settings, SettingsFile};
use self::signals::SignalEvent;
use self::theme::{Theme, ThemeName};
use crate::journal::{Journal, JournalWriter};

/// Opens the board on `file`, or (without one) on a recent workspace the person picks or the
/// default workspace, in the theme called `theme` (else the settings' theme, else the default
/// theme; `mono` under `NO_COLOR`). `hide_cursor` keeps the terminal's cursor hidden instead of
/// on the selection (for presenting; the settings' `cursor = false` does too). Returns the
/// process exit code.
pub fn run(file: Option<&Path>, theme: Option<&str>, hide_cursor: bool) -> ExitCode {
    run_board(file, theme, hide_cursor, None)
}

/// The board with an SSH server beside it (`whoowns serve`); `intro` is its first status line,
/// `join` how participants join (shown again in the queue while it is empty).
#[cfg(feature = "serve")]
pub(crate) fn run_hosting(
    file: Option<&Path>,
    theme: Option<&str>,
    hide_cursor: bool,
    host: remote::Host,
    intro: String,
    join: String,
) -> ExitCode {
    run_board(file, theme, hide_cursor, Some((host, intro, join)))
}

fn run_board(
    file: Option<&Path>,
    theme: Option<&str>,
    hide_cursor: bool,
    host: Option<(remote::Host, String, String)>,
) -> ExitCode {
    let settings_file = SettingsFile::locate();
    let settings = settings_file
        .as_ref()
        .map(SettingsFile::load)
        .unwrap_or_default();
    let path = match file {
        Some(path) => path.to_path_buf(),
        None => match choose_workspace(&settings, hide_cursor) {
            Ok(Some(path)) => path,
            Ok(None) => return ExitCode::SUCCESS,
            Err(e) => {
                crate::output::error(format!(
                    "whoowns: cannot prepare the default workspace: {e}"
                ));
                return ExitCode::from(2);
            }
        },
    };
    // Check the workspace before touching the terminal, so errors print on a normal screen.
    let crate::session::Editing {
        mut session,
        state_dir,
        lock,
    } = match crate::session::Editing::open(&path) {
        Ok(editing) => editing,
        Err(error) => {
            crate::output::error(error.to_string());
            return ExitCode::from(2);
        }
    };
    let journal = state_dir
        .as_ref()
        .map(|state| Journal::for_board(state, &path));
    let undo = settings
        .keymap()
        .0
        .key(&[Context::Board, Context::Global], Action::Undo);
    // Each board that ended without saving is offered on its own; a running board's journal
    // is its own live work, not a crash to recover.
    let offered = match &state_dir {
        Some(state) => match recover::offer(state, &path, &mut session, undo.as_deref()) {
            Ok(offered) => offered,
            Err(code) => return code,
        },
        None => recover::Offered::default(),
    };
    if let Some(state) = &state_dir {
        crate::stale::clean(
            state,
            crate::dirs::data_dir().ok().as_deref(),
            settings.keep(),
        );
    }
    let mut app = App::new(session);
    settings.apply(&mut app);
    let theme = theme
        .and_then(ThemeName::parse)
        .or(settings.theme)
        .unwrap_or_default();
    app.theme = Theme::for_environment(theme);
    app.no_color = theme::no_color();
    if hide_cursor {
        app.show_cursor = false;
    }
    // A settings file that could not be read is left as it is, and already reported.
    if let Some(Err(e)) = settings_file.as_ref().map(|f| f.remember_recent(&path))
        && app.status.is_none()
    {
        app.say(
            format!("Cannot remember this workspace among the recent ones: {e}"),
            app::Tone::Problem,
        );
    }
    if app.status.is_none() {
        app.say(
            format!("Opened {}", crate::text::sanitize_path(&path)),
            app::Tone::Info,
        );
    }
    if lock.as_ref().is_some_and(|l| l.shared) {
        app.say(
            "Another whoowns board has this file open: a save that would overwrite its changes asks first",
            app::Tone::Problem,
        );
    }
    if offered.changes > 0 {
        let changes = offered.changes;
        let keys = app
            .keymap
            .hint(&[Context::Global])
            .key(Action::Undo, "undoes")
            .key(Action::Save, "saves")
            .join("; ");
        let keys = if keys.is_empty() {
            keys
        } else {
            format!(" ({keys})")
        };
        app.say(
            format!("Restored {changes} unsaved change(s) from the crash journal{keys}"),
            app::Tone::Success,
        );
    }
    if let Some((_, intro, join)) = &host {
        app.room = Some(remote::Room {
            join: join.clone(),
            ..remote::Room::default()
        });
        app.say(intro.clone(), app::Tone::Info);
    }
    let writer = journal.map(JournalWriter::start);
    // The restored work is in this board's journal before the journals it came from go.
    if let Some(writer) = &writer
        && offered.changes > 0
    {
        writer.write(
            app.session.path(),
            app.session.disk_text(),
            app.session.workspace(),
        );
        writer.flush();
    }
    // (A journal that could not be written keeps the ones the work came from.)
    if offered.changes == 0 || writer.as_ref().is_some_and(|w| w.journal().exists()) {
        offered.done();
    }
    // NO_COLOR is honoured by the mono theme, which writes no colour; crossterm's own handling
    // would also drop bold and reverse video, and with them the selection.
    ratatui::crossterm::style::force_color_output(true);
    let mut terminal = ratatui::init();
    install_mouse_restoring_panic_hook();
    let mut hosting = None;
    let result = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .and_then(|()| input::Inputs::start())
        .and_then(|inputs| {
            if let Some((host, _, _)) = host {
                hosting = Some(host.start(&app, inputs.sender())?);
            }
            event_loop(
                &mut terminal,
                &mut app,
                &inputs,
                writer.as_ref(),
                settings_file.as_ref(),
                hosting.as_ref(),
            )
        });
    // Every participant sees a goodbye line before the board lets go of the terminal.
    if let Some(hosting) = hosting {
        hosting.shutdown();
    }
    // Journal first: a hung-up terminal may not take the restore.
    if let Some(writer) = &writer {
        match result {
            Ok(Ending::Quit) => writer.remove(),
            _ if app.session.is_dirty() => writer.write(
                app.session.path(),
                app.session.disk_text(),
                app.session.workspace(),
            ),
            _ => writer.remove(),
        }
        writer.flush();
    }
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Signal(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e) => {
            crate::output::error(format!("whoowns: terminal error: {e}"));
            ExitCode::from(1)
        }
    }
}

/// Without a file: the recent workspaces that still exist are offered (with the default one)
/// in a picker; with none, the default workspace opens. `None`: the person quit.
fn choose_workspace(settings: &Settings, hide_cursor: bool) -> io::Result<Option<PathBuf>> {
    let recent = settings.existing_recent();
    if recent.is_empty() {
        return default_workspace().map(Some);
    }
    let default = directories::ProjectDirs::from("", "", "whoowns")
        .map(|dirs| dirs.data_dir().join("workspace.toml"));
    let (keymap, _) = settings.keymap();
    let mut picker = picker::Picker::new(recent, default, std::sync::Arc::new(keymap));
    picker.show_cursor = !hide_cursor && settings.cursor != Some(false);
    // The selection is reverse video: keep it under NO_COLOR too (the picker writes no colour).
    ratatui::crossterm::style::force_color_output(true);
    let mut terminal = ratatui::init();
    let choice = picker::pick(&mut terminal, picker);
    ratatui::restore();
    match choice? {
        picker::Choice::Open(entry) if entry.default => default_workspace().map(Some),
        picker::Choice::Open(entry) => Ok(Some(entry.path)),
        picker::Choice::Quit => Ok(None),
    }
}

/// Does the work `update` asked for (writing the settings to `settings`); returns whether a
/// message changed.
pub fn run_effects(app: &mut App, settings: Option<&SettingsFile>) -> bool {
    let mut changed = false;
    for effect in std::mem::take(&mut app.effects) {
        if app.run_workspace_effect(&effect) {
            changed = true;
            continue;
        }
        match effect {
            app::Effect::RememberTheme(theme) => {
                if let Some(Err(e)) = settings.map(|f| f.remember_theme(theme)) {
                    app.say(
                        format!("Cannot remember the theme in the settings: {e}"),
                        app::Tone::Problem,
                    );
                    changed = true;
                }
            }
            // The workspace's own effects ran above.
            app::Effect::Save(_) | app::Effect::Export { .. } | app::Effect::Reload => {}
        }
    }
    changed
}

/// The user's own workspace in the data directory, created from the sample on first run.
pub fn default_workspace() -> io::Result<PathBuf> {
    crate::dirs::default_workspace()
}

/// ratatui's own hook restores the screen; this one also turns mouse reporting and bracketed
/// paste off first.
fn install_mouse_restoring_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The person quit (after saving or discarding).
    Quit,
    /// A signal from outside ended the board.
    Signal(i32),
}

/// The journal is written once the keys pause this long...
const JOURNAL_PAUSE: Duration = Duration::from_millis(400);
/// ...and, while edits keep coming, at least this often.
const JOURNAL_AT_LEAST_EVERY: Duration = Duration::from_secs(2);
/// While input keeps waiting in the queue, a frame is drawn at least this often.
const FRAME_WHILE_BUSY: Duration = Duration::from_millis(100);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    inputs: &input::Inputs,
    journal: Option<&JournalWriter>,
    settings: Option<&SettingsFile>,
    hosting: Option<&remote::Hosting>,
) -> io::Result<Ending> {
    let mut dirty = true;
    let mut journaled = (app.session.revision(), app.session.is_dirty());
    let mut last_journal = Instant::now();
    let mut last_frame = Instant::now();
    while !app.should_quit {
        // A signal to end is seen at once, even behind a long queue of keys.
        if let Some(signal) = inputs.ended() {
            return Ok(Ending::Signal(signal));
        }
        // While more input waits (keys of a paste without bracketed paste), frames are drawn
        // only every so often: each key costs its update, not a frame.
        let behind =
            app.effects.is_empty() && inputs.waiting() && last_frame.elapsed() < FRAME_WHILE_BUSY;
        if dirty && !behind {
            draw(terminal, app)?;
            last_frame = Instant::now();
            dirty = false;
            // Participants follow what the facilitator sees; publishing never waits on them.
            if let Some(hosting) = hosting {
                hosting.publish(app);
            }
        }
        // What the last key asked for (a save, an export, the settings) runs after the frame
        // just drawn, so a large save has said "Saving…" first.
        if !app.effects.is_empty() {
            dirty |= run_effects_journaled(app, settings, journal, &mut journaled);
            continue;
        }
        let now = (app.session.revision(), app.session.is_dirty());
        let journal_due = journal.is_some() && now != journaled;
        // Blocks until something happens: an idle board uses no CPU. Only while the journal
        // is behind does the wait end after a pause in the keys.
        let input = inputs.next(journal_due.then_some(JOURNAL_PAUSE));
        let paused = input.is_none();
        match input {
            None => {}
            Some(input::Input::Terminal(event)) => {
                dirty |= handle_event(app, event);
                // Effects run at the top of the loop, after the next frame.
                dirty |= !app.effects.is_empty();
            }
            Some(input::Input::Signal(SignalEvent::End(signal))) => {
                return Ok(Ending::Signal(signal));
            }
            Some(input::Input::Signal(SignalEvent::Suspend)) => {
                suspend(terminal)?;
                dirty = true;
            }
            Some(input::Input::Signal(SignalEvent::Resume)) => {
                resume(terminal)?;
                dirty = true;
            }
            Some(input::Input::Failed(e)) => return Err(e),
            Some(input::Input::Remote(event)) => dirty |= remote::on_event(app, event),
        }
        // The journal is written when the keys pause (or every few seconds of steady typing),
        // by its own thread, so no key waits for it.
        let now = (app.session.revision(), app.session.is_dirty());
        if let Some(journal) = journal
            && now != journaled
            && (paused || last_journal.elapsed() >= JOURNAL_AT_LEAST_EVERY)
        {
            if now.1 {
                journal.write(
                    app.session.path(),
                    app.session.disk_text(),
                    app.session.workspace(),
                );
            } else {
                journal.remove();
            }
            journaled = now;
            last_journal = Instant::now();
        }
    }
    Ok(Ending::Quit)
}

/// [`run_effects`], with a save that leaves no window for a crash: the state to be saved is
/// journaled (and on disk) first, and the journal goes as soon as the file holds it. Killed in
/// between, the journal holds exactly the saved text, which the next open recognises.
fn run_effects_journaled(
    app: &mut App,
    settings: Option<&SettingsFile>,
    journal: Option<&JournalWriter>,
    journaled: &mut (u64, bool),
) -> bool {
    let state = |app: &App| (app.session.revision(), app.session.is_dirty());
    let saving = app
        .effects
        .iter()
        .any(|e| matches!(e, app::Effect::Save(_)));
    if let Some(journal) = journal
        && saving
        && app.session.is_dirty()
    {
        if state(app) != *journaled {
            journal.write(
                app.session.path(),
                app.session.disk_text(),
                app.session.workspace(),
            );
            *journaled = state(app);
        }
        journal.flush();
    }
    let changed = run_effects(app, settings);
    if let Some(journal) = journal
        && state(app) != *journaled
        && !app.session.is_dirty()
    {
        journal.remove();
        journal.flush();
        *journaled = state(app);
    }
    changed
}

/// Gives the terminal back to the shell, stops, and takes it again once continued.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    signals::stop_self();
    resume(terminal)
}

/// Takes the terminal again (after a stop) and starts a fresh one, so the next frame is drawn
/// in full (without asking the terminal where its cursor is, as `Terminal::clear` would).
fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    *terminal = ratatui::Terminal::new(ratatui::prelude::CrosstermBackend::new(io::stdout()))?;
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
    let mut contexts = Vec::with_capacity(4);
    match &app.hand {
        Some(hand) if hand.by_mouse() => contexts.push(Context::Dragging),
        Some(_) => contexts.push(Context::Carrying),
        None => {}
    }
    match app.focus {
        Focus::Findings => contexts.push(Context::Findings),
        Focus::Detail => contexts.push(Context::Detail),
        Focus::Main => {}
    }
    contexts.push(match app.view {
        View::Board => Context::Board,
        View::Matrix => Context::Matrix,
        View::Spotlight => Context::Spotlight,
        View::Load => Context::Load,
    });
    contexts.push(Context::Global);
    contexts
}

/// What one terminal event does to the board: a paste goes into the open prompt in one step,
/// anything else through [`map_event`] and [`App::update`]. Returns whether to redraw.
pub fn handle_event(app: &mut App, event: Event) -> bool {
    match event {
        Event::Paste(text) => app.paste(&text),
        event => map_event(app, &event).is_some_and(|action| app.update(action)),
    }
}

/// The action a terminal event asks for in the current state.
pub fn map_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Release => None,
        Event::Key(key) => match app.mode {
            Mode::Prompt(_) | Mode::Ask(_) | Mode::Help { .. } | Mode::List(_) => {
                Some(Action::Key(*key))
            }
            _ => app.keymap.action_for(&contexts(app), key),
        },
        Event::Mouse(mouse) => {
            if matches!(app.mode, Mode::Prompt(_) | Mode::Ask(_)) {
                return None;
            }
            let action = mouse::map_mouse(*mouse, &app.layout)?;
            // Motion without a card in hand changes nothing: no redraw.
            let held = app.hand.as_ref().filter(|h| h.by_mouse());
            match action {
                Action::DragTo { .. } | Action::Release { .. } if held.is_none() => None,
                Action::DragTo { x, y, column }
                    if held.is_some_and(|h| {
                        h.grip == app::Grip::Dragging { x, y } && h.target == column
                    }) =>
                {
                    None
                }
                _ if matches!(app.mode, Mode::List(_) | Mode::Help { .. }) => match action {
                    Action::ScrollFindings(_) | Action::ScrollMatrix(_) => Some(action),
                    Action::ScrollColumn { delta, .. } => Some(Action::ScrollMatrix(delta)),
                    _ => None,
                },
                other => Some(other),
            }
        }
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

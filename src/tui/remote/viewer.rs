//! One participant: a thread of their own with a read-only `App` (their selection, lens, view,
//! theme, size, panels), following the facilitator or looking around, drawn with the board's
//! own [`view::render`] into frames for their SSH channel.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc::error::TrySendError;

use super::super::action::Action;
use super::super::app::{App, Mode, Tone};
use super::super::keymap::Context;
use super::super::theme::{Theme, ThemeName};
use super::super::{contexts, layout, view};
use super::server::{pack, unpack};
use super::{MAX_NAME, MAX_TEXT, Raised, RaisedKind, RemoteEvent, Shared, Snapshot, Wake, join};
use crate::text::sanitize;

/// Input waiting for the participant's thread is cut at this many bytes.
const INPUT_BUFFER: usize = 4096;
/// Frames waiting for a participant's connection; more are dropped (and repainted in full).
const FRAME_QUEUE: usize = 4;
/// A participant's frames come at most this often; what happens meanwhile is drawn together.
const FRAME_INTERVAL: Duration = Duration::from_millis(40);

/// What the connection hands the participant's thread.
#[derive(Debug)]
pub struct Inbox {
    input: Mutex<Vec<u8>>,
    size: AtomicU32,
    closed: AtomicBool,
    wake: SyncSender<Wake>,
}

impl Inbox {
    /// Keys typed (dropped past the buffer: a flood is not worth keeping).
    pub fn input(&self, data: &[u8]) {
        {
            let mut input = self.input.lock().unwrap_or_else(|e| e.into_inner());
            if input.len() + data.len() > INPUT_BUFFER {
                return;
            }
            input.extend_from_slice(data);
        }
        let _ = self.wake.try_send(Wake::Input);
    }

    /// The terminal's new size (already bounded).
    pub fn resize(&self, size: (u16, u16)) {
        self.size.store(pack(size), Ordering::SeqCst);
        let _ = self.wake.try_send(Wake::Resize);
    }

    /// The connection closed: the thread ends without a goodbye.
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        let _ = self.wake.try_send(Wake::Close);
    }
}

/// Bytes for the connection.
#[derive(Debug)]
enum Out {
    Frame(Vec<u8>),
    /// The last bytes, then the channel closes.
    End(Vec<u8>),
}

/// Starts a participant's thread and the task writing to their channel.
pub fn start(
    id: u64,
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    size: (u16, u16),
) -> Arc<Inbox> {
    let (wake, woken) = std::sync::mpsc::sync_channel(16);
    let inbox = Arc::new(Inbox {
        input: Mutex::new(Vec::new()),
        size: AtomicU32::new(pack(size)),
        closed: AtomicBool::new(false),
        wake: wake.clone(),
    });
    let (out, frames) = tokio::sync::mpsc::channel(FRAME_QUEUE);
    tokio::spawn(write_out(handle, channel, frames));
    shared.join(id, wake);
    let thread_inbox = Arc::clone(&inbox);
    let spawned = std::thread::Builder::new()
        .name("whoowns-participant".into())
        .spawn({
            let shared = Arc::clone(&shared);
            move || {
                let _ = run(&shared, &thread_inbox, &woken, out);
                shared.leave(id);
            }
        });
    if spawned.is_err() {
        shared.leave(id);
    }
    inbox
}

/// Sends frames to the channel; the last one closes it.
async fn write_out(
    handle: Handle,
    channel: ChannelId,
    mut frames: tokio::sync::mpsc::Receiver<Out>,
) {
    while let Some(out) = frames.recv().await {
        match out {
            Out::Frame(bytes) => {
                if handle.data(channel, bytes).await.is_err() {
                    break;
                }
            }
            Out::End(bytes) => {
                let end = async {
                    let _ = handle.data(channel, bytes).await;
                    let _ = handle.exit_status_request(channel, 0).await;
                    let _ = handle.eof(channel).await;
                    let _ = handle.close(channel).await;
                };
                let _ = tokio::time::timeout(Duration::from_secs(2), end).await;
                break;
            }
        }
    }
}

/// The writer under the participant's `Terminal`: a frame's bytes go out on flush, or are
/// dropped (and `lost` set) when the connection is behind.
struct FrameSink {
    bytes: Vec<u8>,
    out: tokio::sync::mpsc::Sender<Out>,
    lost: Rc<Cell<bool>>,
    /// The next flush is the last: it closes the channel, and waits (a little) for room.
    ending: Rc<Cell<bool>>,
}

impl Write for FrameSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.ending.get() {
            let mut out = Out::End(std::mem::take(&mut self.bytes));
            for _ in 0..20 {
                match self.out.try_send(out) {
                    Ok(()) | Err(TrySendError::Closed(_)) => return Ok(()),
                    Err(TrySendError::Full(back)) => out = back,
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            return Ok(());
        }
        if self.bytes.is_empty() {
            return Ok(());
        }
        match self
            .out
            .try_send(Out::Frame(std::mem::take(&mut self.bytes)))
        {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => {
                self.lost.set(true);
                Ok(())
            }
            Err(TrySendError::Closed(_)) => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}

/// Where the participant is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Name(String),
    Department(usize),
    Board,
    Raise { kind: RaisedKind, text: String },
}

/// A participant's own view state.
struct Participant {
    app: App,
    stage: Stage,
    name: String,
    /// Their department's id (none when the workspace has no departments).
    department: Option<String>,
    following: bool,
    /// A message for the status line until the next key.
    notice: Option<String>,
    leaving: bool,
}

type SshTerminal = Terminal<CrosstermBackend<FrameSink>>;

fn run(
    shared: &Shared,
    inbox: &Inbox,
    woken: &Receiver<Wake>,
    out: tokio::sync::mpsc::Sender<Out>,
) -> io::Result<()> {
    let lost = Rc::new(Cell::new(false));
    let ending = Rc::new(Cell::new(false));
    let sink = FrameSink {
        bytes: Vec::new(),
        out,
        lost: Rc::clone(&lost),
        ending: Rc::clone(&ending),
    };
    let (width, height) = unpack(inbox.size.load(Ordering::SeqCst));
    let mut area = Rect::new(0, 0, width, height);
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(sink),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    queue!(
        terminal.backend_mut(),
        EnterAlternateScreen,
        Hide,
        Clear(ClearType::All)
    )?;
    let snapshot = shared.snapshot();
    let mut app = App::new((*snapshot.session).clone());
    app.keymap = Arc::clone(&shared.keymap);
    app.theme = Theme::named(ThemeName::default());
    let mut me = Participant {
        app,
        stage: Stage::Name(String::new()),
        name: String::new(),
        department: None,
        following: true,
        notice: None,
        leaving: false,
    };
    me.follow(&snapshot);
    me.draw(&mut terminal, area)?;
    let mut drawn = std::time::Instant::now();
    while let Ok(wake) = woken.recv() {
        if let Some(wait) = FRAME_INTERVAL.checked_sub(drawn.elapsed()) {
            std::thread::sleep(wait);
        }
        let mut wakes = vec![wake];
        wakes.extend(woken.try_iter());
        let mut size = None;
        let mut closing = false;
        for wake in wakes {
            match wake {
                Wake::Input => {
                    let bytes =
                        std::mem::take(&mut *inbox.input.lock().unwrap_or_else(|e| e.into_inner()));
                    for key in super::parse_keys(&bytes) {
                        me.key(shared, key);
                    }
                }
                Wake::Resize => size = Some(unpack(inbox.size.load(Ordering::SeqCst))),
                Wake::Refresh => {
                    let snapshot = shared.snapshot();
                    if me.following {
                        me.follow(&snapshot);
                    } else {
                        me.sync(&snapshot);
                    }
                }
                Wake::Close => closing = true,
            }
        }
        if inbox.closed.load(Ordering::SeqCst) {
            return Ok(());
        }
        if closing || me.leaving {
            let goodbye = if me.leaving {
                "You left the workshop. Goodbye."
            } else {
                "The facilitator ended the session. Goodbye."
            };
            ending.set(true);
            let backend = terminal.backend_mut();
            queue!(backend, Show, LeaveAlternateScreen)?;
            write!(backend, "{goodbye}\r\n")?;
            return backend.flush();
        }
        if let Some((width, height)) = size {
            area = Rect::new(0, 0, width, height);
            terminal.resize(area)?;
        } else if lost.replace(false) {
            // Frames were dropped: the next one is drawn in full.
            terminal.resize(area)?;
        }
        me.draw(&mut terminal, area)?;
        drawn = std::time::Instant::now();
    }
    Ok(())
}

/// Board actions a participant may take: moving, views, lens, panels, theme, help. None edits.
fn allowed(action: Action) -> bool {
    matches!(
        action,
        Action::Move(_)
            | Action::PageUp
            | Action::PageDown
            | Action::ToggleView
            | Action::ToggleSpotlight
            | Action::ToggleLoadView
            | Action::NextLens
            | Action::PreviousLens
            | Action::NextTheme
            | Action::ToggleHelp
            | Action::ToggleFindingsPanel
            | Action::ToggleDetailPanel
    )
}

/// Of those, the ones that leave the facilitator's view (and so stop following).
fn looks_away(action: Action) -> bool {
    !matches!(
        action,
        Action::NextTheme
            | Action::ToggleHelp
            | Action::ToggleFindingsPanel
            | Action::ToggleDetailPanel
    )
}

impl Participant {
    /// Takes the facilitator's workspace (when it changed) and where they look.
    fn follow(&mut self, snapshot: &Snapshot) {
        self.sync(snapshot);
        let f = &snapshot.follow;
        let app = &mut self.app;
        app.view = f.view;
        app.lens = f.lens;
        app.filter = f.filter.clone();
        app.rebuild();
        app.column = f.column.min(app.columns.len().saturating_sub(1));
        app.selected = f.selected;
        app.column_offset = f.column_offset;
        app.card_offsets.clone_from(&f.card_offsets);
        app.card_offsets.resize(app.columns.len(), 0);
        app.matrix_department = f.matrix_department;
        app.matrix_row_offset = f.matrix_row_offset;
        app.matrix_column_offset = f.matrix_column_offset;
        app.finding = f.finding;
        app.agenda = f.agenda.clone();
        app.rebuild();
    }

    /// Takes the facilitator's workspace when it changed, keeping this participant's view.
    fn sync(&mut self, snapshot: &Snapshot) {
        if self.app.session.revision() != snapshot.session.revision() {
            self.app.session = (*snapshot.session).clone();
            self.app.rebuild();
        }
        let ws = self.app.workspace();
        self.app.highlight = self
            .department
            .as_ref()
            .and_then(|id| ws.department_index(id));
    }

    fn key(&mut self, shared: &Shared, key: KeyEvent) {
        let quit = key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL;
        match &mut self.stage {
            Stage::Name(input) => match key.code {
                _ if quit => self.leaving = true,
                KeyCode::Esc => self.leaving = true,
                KeyCode::Enter => {
                    let name: String = sanitize(input.trim()).chars().take(MAX_NAME).collect();
                    if !name.is_empty() {
                        self.name = name;
                        self.stage = Stage::Department(0);
                    }
                }
                KeyCode::Backspace => {
                    input.pop();
                }
                KeyCode::Char(c) if input.chars().count() < MAX_NAME && !c.is_control() => {
                    input.push(c);
                }
                _ => {}
            },
            Stage::Department(at) => {
                let count = self.app.workspace().departments.len();
                match key.code {
                    _ if quit => self.leaving = true,
                    KeyCode::Esc => self.stage = Stage::Name(self.name.clone()),
                    KeyCode::Up | KeyCode::Char('k') => *at = at.saturating_sub(1),
                    KeyCode::Down | KeyCode::Char('j') => {
                        *at = (*at + 1).min(count.saturating_sub(1));
                    }
                    KeyCode::Enter => {
                        self.department = self
                            .app
                            .workspace()
                            .departments
                            .get(*at)
                            .map(|d| d.id.clone());
                        self.stage = Stage::Board;
                        self.follow(&shared.snapshot());
                    }
                    _ => {}
                }
            }
            Stage::Raise { kind, text } => match key.code {
                _ if quit => self.stage = Stage::Board,
                KeyCode::Esc => self.stage = Stage::Board,
                KeyCode::Enter => {
                    let (kind, text) = (*kind, sanitize(text.trim()));
                    self.raise(shared, kind, text);
                }
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c) if text.chars().count() < MAX_TEXT && !c.is_control() => {
                    text.push(c);
                }
                _ => {}
            },
            Stage::Board => self.board_key(shared, key),
        }
        self.set_status();
    }

    fn board_key(&mut self, shared: &Shared, key: KeyEvent) {
        self.notice = None;
        if matches!(self.app.mode, Mode::Help { .. }) {
            self.app.update(Action::Key(key));
            return;
        }
        match self.app.keymap.action_for(&[Context::Participant], &key) {
            Some(Action::Quit) => self.leaving = true,
            Some(Action::LookAround) => self.following = false,
            Some(Action::Follow) => {
                self.following = true;
                self.follow(&shared.snapshot());
            }
            Some(Action::RaiseClaim) if self.department.is_none() => {
                self.notice = Some("Join with a department to raise a claim".to_owned());
            }
            Some(kind @ (Action::RaiseClaim | Action::RaiseComment)) => {
                if self.app.selected.is_some() {
                    let kind = if kind == Action::RaiseClaim {
                        RaisedKind::Claim
                    } else {
                        RaisedKind::Comment
                    };
                    self.stage = Stage::Raise {
                        kind,
                        text: String::new(),
                    };
                } else {
                    self.notice = Some("No responsibility in view to raise it on".to_owned());
                }
            }
            _ => {
                let Some(action) = self.app.keymap.action_for(&contexts(&self.app), &key) else {
                    return;
                };
                if !allowed(action) {
                    return;
                }
                if looks_away(action) {
                    self.following = false;
                }
                self.app.update(action);
                // A participant's theme is their own: nothing is written to the facilitator's
                // settings.
                self.app.effects.clear();
            }
        }
    }

    /// Sends the claim or comment to the facilitator's queue.
    fn raise(&mut self, shared: &Shared, kind: RaisedKind, text: String) {
        if kind == RaisedKind::Comment && text.is_empty() {
            return;
        }
        let ws = self.app.workspace();
        let Some(responsibility) = self
            .app
            .selected
            .and_then(|r| ws.responsibilities.get(r))
            .map(|r| r.id.clone())
        else {
            self.stage = Stage::Board;
            return;
        };
        shared.tell_board(RemoteEvent::Raise(Raised {
            kind,
            name: self.name.clone(),
            department: self.department.clone().unwrap_or_default(),
            responsibility,
            text: text.chars().take(MAX_TEXT).collect(),
        }));
        self.stage = Stage::Board;
        self.notice = Some(match kind {
            RaisedKind::Claim => "✋ Claim raised: the facilitator will take it up".to_owned(),
            RaisedKind::Comment => "✋ Comment raised: the facilitator will take it up".to_owned(),
        });
    }

    /// The status line: who they are, following or not, and their keys.
    fn set_status(&mut self) {
        let keymap = &self.app.keymap;
        let key = |action, words: &str| {
            keymap
                .key(&[Context::Participant], action)
                .map(|k| format!("{k} {words}"))
        };
        let keys: Vec<String> = [
            if self.following {
                key(Action::LookAround, "look around")
            } else {
                key(Action::Follow, "follow")
            },
            key(Action::RaiseClaim, "claim"),
            key(Action::RaiseComment, "comment"),
            key(Action::Quit, "leave"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let department = self
            .department
            .as_ref()
            .and_then(|id| {
                self.app
                    .workspace()
                    .departments
                    .iter()
                    .find(|d| &d.id == id)
            })
            .map_or_else(String::new, |d| format!(" ({})", d.name));
        let state = if self.following {
            "following the facilitator"
        } else {
            "looking around"
        };
        let text = match &self.notice {
            Some(notice) => format!("{notice} │ {}", keys.join(" · ")),
            None => format!("{}{department}: {state} │ {}", self.name, keys.join(" · ")),
        };
        self.app.say(text, Tone::Info);
    }

    fn draw(&mut self, terminal: &mut SshTerminal, area: Rect) -> io::Result<()> {
        if self.stage == Stage::Board && self.app.status.is_none() {
            self.set_status();
        }
        let layout = layout::compute(&self.app, area);
        let me = &*self;
        terminal.draw(|frame| match &me.stage {
            Stage::Name(input) => join::name(&me.app, input, frame),
            Stage::Department(at) => join::departments(&me.app, &me.name, *at, frame),
            Stage::Board => view::render(&me.app, &layout, frame),
            Stage::Raise { kind, text } => {
                view::render(&me.app, &layout, frame);
                let about = me
                    .app
                    .selected
                    .and_then(|r| me.app.workspace().responsibilities.get(r))
                    .map_or_else(String::new, |r| sanitize(&r.name));
                join::raise(&me.app, *kind, &about, text, frame);
            }
        })?;
        self.app.adopt_layout(layout);
        Ok(())
    }
}

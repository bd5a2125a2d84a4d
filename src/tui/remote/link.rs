//! The link between a participant's SSH channel and their thread: keys and sizes in (an
//! [`Inbox`]), frames out through a bounded queue that drops frames (and repaints in full
//! later) rather than grow, and the thread's loop that draws at most every 40 ms.

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc::error::TrySendError;

use super::super::app::App;
use super::super::theme::{Theme, ThemeName};
use super::server::{pack, unpack};
use super::viewer::Participant;
use super::{Shared, Wake};

/// Input waiting for the participant's thread is cut at this many bytes.
const INPUT_BUFFER: usize = 4096;
/// Frames waiting for a participant's connection; more are dropped (and repainted in full).
const FRAME_QUEUE: usize = 4;
/// A participant whose connection is stalled gets this long for the goodbye.
const GOODBYE_TIME: Duration = Duration::from_secs(1);
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

    /// Takes the keys typed so far.
    pub(super) fn take_input(&self) -> Vec<u8> {
        std::mem::take(&mut *self.input.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Whether the connection closed.
    pub(super) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
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
/// (`join_by`: the connection's deadline; a participant still answering the join questions
/// then is told so before the connection is dropped. `plain`: the plain view, lines for a
/// screen reader, instead of the drawn board.)
pub fn start(
    id: u64,
    join_by: Instant,
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    size: (u16, u16),
    plain: bool,
) -> Arc<Inbox> {
    let (wake, woken) = std::sync::mpsc::sync_channel(16);
    let inbox = Arc::new(Inbox {
        input: Mutex::new(Vec::new()),
        size: AtomicU32::new(pack(size)),
        closed: AtomicBool::new(false),
        wake: wake.clone(),
    });
    let (out, frames) = tokio::sync::mpsc::channel(FRAME_QUEUE);
    shared.writers.fetch_add(1, Ordering::SeqCst);
    let writer_shared = Arc::clone(&shared);
    tokio::spawn(async move {
        write_out(handle, channel, frames).await;
        writer_shared.writers.fetch_sub(1, Ordering::SeqCst);
    });
    shared.join(id, wake);
    let thread_inbox = Arc::clone(&inbox);
    let spawned = std::thread::Builder::new()
        .name("whoowns-participant".into())
        .spawn({
            let shared = Arc::clone(&shared);
            move || {
                let _ = run(id, join_by, &shared, &thread_inbox, &woken, out, plain);
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
                let _ = tokio::time::timeout(GOODBYE_TIME, end).await;
                break;
            }
        }
    }
}

/// The writer under the participant's `Terminal`: a frame's bytes go out on flush, or are
/// dropped (and `lost` set) when the connection is behind.
pub(super) struct FrameSink {
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

pub(super) type SshTerminal = Terminal<CrosstermBackend<FrameSink>>;

fn run(
    id: u64,
    join_by: Instant,
    shared: &Shared,
    inbox: &Inbox,
    woken: &Receiver<Wake>,
    out: tokio::sync::mpsc::Sender<Out>,
    plain: bool,
) -> io::Result<()> {
    let lost = Rc::new(Cell::new(false));
    let ending = Rc::new(Cell::new(false));
    let sink = FrameSink {
        bytes: Vec::new(),
        out,
        lost: Rc::clone(&lost),
        ending: Rc::clone(&ending),
    };
    if plain {
        return super::plain::run(id, join_by, shared, inbox, woken, sink, &lost, &ending);
    }
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
    let mut me = Participant::new(id, app);
    me.follow(&snapshot);
    me.draw(&mut terminal, area)?;
    let mut drawn = Instant::now();
    loop {
        let wake = match next_wake(woken, me.joined(), join_by, shared) {
            Ok(Some(wake)) => wake,
            Ok(None) => return Ok(()),
            Err(late) => return goodbye(&mut terminal, &ending, &late),
        };
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
                    let bytes = inbox.take_input();
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
            let text = farewell(me.leaving);
            return goodbye(&mut terminal, &ending, text);
        }
        if let Some((width, height)) = size {
            area = Rect::new(0, 0, width, height);
            terminal.resize(area)?;
        } else if lost.replace(false) {
            // Frames were dropped: the next one is drawn in full.
            terminal.resize(area)?;
        }
        me.draw(&mut terminal, area)?;
        drawn = Instant::now();
    }
}

/// What wakes a participant's thread next: `Ok(None)` when the connection is gone, and, before
/// they joined, `Err` with the words to leave with once the deadline `join_by` passed.
pub(super) fn next_wake(
    woken: &Receiver<Wake>,
    joined: bool,
    join_by: Instant,
    shared: &Shared,
) -> Result<Option<Wake>, String> {
    if joined {
        return Ok(woken.recv().ok());
    }
    match woken.recv_timeout(join_by.saturating_duration_since(Instant::now())) {
        Ok(wake) => Ok(Some(wake)),
        Err(RecvTimeoutError::Timeout) => {
            let seconds = shared.login_time.as_secs();
            Err(format!(
                "You did not join within {seconds} seconds. Connect again to join."
            ))
        }
        Err(RecvTimeoutError::Disconnected) => Ok(None),
    }
}

/// The words a participant leaves with: they left (`leaving`), or the session ended.
pub(super) fn farewell(leaving: bool) -> &'static str {
    if leaving {
        "You left the workshop. Goodbye."
    } else {
        "The facilitator ended the session. Goodbye."
    }
}

/// The last words on a participant's terminal, back on its normal screen; the channel closes.
fn goodbye(terminal: &mut SshTerminal, ending: &Cell<bool>, text: &str) -> io::Result<()> {
    ending.set(true);
    let backend = terminal.backend_mut();
    queue!(backend, Show, LeaveAlternateScreen)?;
    write!(backend, "{text}\r\n")?;
    backend.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_participant_who_reads_nothing_loses_frames_instead_of_piling_them_up() {
        let (out, mut frames) = tokio::sync::mpsc::channel(FRAME_QUEUE);
        let lost = Rc::new(Cell::new(false));
        let mut sink = FrameSink {
            bytes: Vec::new(),
            out,
            lost: Rc::clone(&lost),
            ending: Rc::new(Cell::new(false)),
        };
        for frame in 0..FRAME_QUEUE * 3 {
            sink.write_all(format!("frame {frame}").as_bytes())
                .expect("writes");
            sink.flush()
                .expect("never blocks, never fails while connected");
        }
        assert!(lost.get(), "the frames past the queue were dropped");
        let mut queued = 0;
        while let Ok(Out::Frame(_)) = frames.try_recv() {
            queued += 1;
        }
        assert_eq!(queued, FRAME_QUEUE);
        // A closed connection is an error: the participant's thread ends.
        drop(frames);
        sink.write_all(b"more").expect("writes");
        assert!(sink.flush().is_err());
    }
}

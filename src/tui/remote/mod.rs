//! Remote participants (`whoowns serve`): the live board in each participant's own terminal,
//! over SSH.
//!
//! One shared state, many viewers. The facilitator's board is the one viewer that edits; after
//! each frame it publishes a [`Snapshot`] (an `Arc` of a history-less copy of the session,
//! copied only when the workspace changed, plus where the facilitator is looking) and nudges
//! every participant's thread. Each participant renders their own frames with the same
//! [`super::view::render`], from their own read-only `App`, in their own thread, into a bounded
//! queue per connection that drops frames (and repaints in full later) rather than grow, so a
//! slow or stalled participant never holds up the facilitator or anyone else.

//!
//! The SSH server itself (russh, tokio, ring) is the cargo feature `serve`; without it the
//! board keeps the queue of raised items ([`Room`]) and `Host` and `Hosting` have no values.

#[cfg(feature = "serve")]
mod access;
#[cfg(feature = "serve")]
mod gate;
#[cfg(feature = "serve")]
mod join;
#[cfg(feature = "serve")]
mod keys;
#[cfg(feature = "serve")]
mod link;
#[cfg(feature = "serve")]
mod log;
#[cfg(feature = "serve")]
mod plain;
mod room;
#[cfg(feature = "serve")]
mod server;
#[cfg(feature = "serve")]
mod throttle;
#[cfg(feature = "serve")]
mod viewer;

#[cfg(feature = "serve")]
use std::net::{SocketAddr, TcpListener};
#[cfg(feature = "serve")]
use std::path::PathBuf;
#[cfg(feature = "serve")]
use std::process::ExitCode;
#[cfg(feature = "serve")]
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
#[cfg(feature = "serve")]
use std::sync::mpsc::SyncSender;
#[cfg(feature = "serve")]
use std::sync::{Arc, Mutex, RwLock};
#[cfg(feature = "serve")]
use std::time::{Duration, Instant};

#[cfg(feature = "serve")]
pub use access::{Access, AccessError, HOST_KEY_FILE, fingerprint, host_key};
#[cfg(feature = "serve")]
pub use gate::MAX_UNAUTHENTICATED;
#[cfg(feature = "serve")]
pub use keys::parse as parse_keys;
#[cfg(feature = "serve")]
pub use log::{LOG_FILE, ServeLog};
pub use room::{Raised, RaisedKind, Room, raised_change};

use super::app::App;
#[cfg(feature = "serve")]
use super::app::View;
#[cfg(feature = "serve")]
use super::filter::CardFilter;
use super::input::Input;
#[cfg(feature = "serve")]
use super::keymap::Keymap;
#[cfg(feature = "serve")]
use crate::agenda::Agenda;
#[cfg(feature = "serve")]
use crate::session::Session;
#[cfg(feature = "serve")]
use crate::workspace::Role;

#[cfg(feature = "serve")]
/// At most this many participants logged in at once (and [`MAX_UNAUTHENTICATED`] more
/// connections on their way).
pub const MAX_CONNECTIONS: usize = 64;
/// From connecting to having joined (the key exchange, the login, the name and department)
/// takes at most this long; a connection that has not joined by then is dropped.
#[cfg(feature = "serve")]
pub const LOGIN_TIME: Duration = Duration::from_secs(30);
/// A participant's terminal is taken as at most this wide...
#[cfg(feature = "serve")]
pub const MAX_WIDTH: u16 = 500;
/// ...and this high.
#[cfg(feature = "serve")]
pub const MAX_HEIGHT: u16 = 200;
/// Names are cut to this many characters.
#[cfg(feature = "serve")]
pub const MAX_NAME: usize = 40;
/// Claims and comments are cut to this many characters.
#[cfg(feature = "serve")]
pub const MAX_TEXT: usize = 200;

#[cfg(feature = "serve")]
/// What `whoowns serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub file: Option<PathBuf>,
    pub listen: SocketAddr,
    pub passcode: Option<String>,
    pub allowed_keys: Option<PathBuf>,
    pub theme: Option<String>,
    /// Keep the facilitator's cursor hidden instead of on the selection.
    pub hide_cursor: bool,
}

#[cfg(feature = "serve")]
/// Where the facilitator is looking: what a following participant shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Follow {
    pub view: View,
    pub lens: Role,
    pub column: usize,
    pub selected: Option<usize>,
    pub column_offset: usize,
    pub card_offsets: Vec<usize>,
    pub matrix_department: usize,
    pub matrix_row_offset: usize,
    pub matrix_column_offset: usize,
    pub finding: usize,
    pub agenda: Agenda,
    pub filter: CardFilter,
}

#[cfg(feature = "serve")]
impl Follow {
    fn of(app: &App) -> Follow {
        Follow {
            view: app.view,
            lens: app.lens,
            column: app.column,
            selected: app.selected,
            column_offset: app.column_offset,
            card_offsets: app.card_offsets.clone(),
            matrix_department: app.matrix_department,
            matrix_row_offset: app.matrix_row_offset,
            matrix_column_offset: app.matrix_column_offset,
            finding: app.finding,
            agenda: app.agenda.clone(),
            filter: app.filter.clone(),
        }
    }
}

#[cfg(feature = "serve")]
/// The shared state as the facilitator last published it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// A history-less copy of the facilitator's session ([`Session::viewer_copy`]).
    pub session: Arc<Session>,
    pub follow: Follow,
}

/// What a participant's connection tells the facilitator's board.
#[derive(Debug)]
pub enum RemoteEvent {
    /// This many participants are connected now.
    Connected(usize),
    /// A participant raised a claim or a comment.
    Raise(Raised),
    /// This many logins have failed since the server started.
    FailedLogins(usize),
}

#[cfg(feature = "serve")]
/// What wakes a participant's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Keys arrived (in the participant's input buffer).
    Input,
    /// The terminal changed size.
    Resize,
    /// The facilitator published a new snapshot.
    Refresh,
    /// The connection closed, or the facilitator quit (then a goodbye is written).
    Close,
}

#[cfg(feature = "serve")]
/// What every connection shares with the facilitator's board.
#[derive(Debug)]
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Each live participant thread's wake-up queue, by connection number.
    viewers: Mutex<Vec<(u64, SyncSender<Wake>)>>,
    /// Connections by stage, and their limits.
    gate: gate::Gate,
    /// Failed logins: their count and the delays they call for.
    throttle: throttle::Throttle,
    /// Where failed logins and connections dropped at the deadline are written.
    log: ServeLog,
    /// The deadline from connecting to having joined.
    login_time: Duration,
    /// Tasks writing frames to a participant's channel.
    writers: AtomicUsize,
    /// The facilitator's queue: raised items and the connected count.
    board: Mutex<Sender<Input>>,
    keymap: Arc<Keymap>,
    access: Access,
}

#[cfg(feature = "serve")]
impl Shared {
    /// The latest snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Tells the facilitator's board.
    fn tell_board(&self, event: RemoteEvent) {
        let board = self.board.lock().unwrap_or_else(|e| e.into_inner());
        let _ = board.send(Input::Remote(event));
    }

    fn viewers(&self) -> std::sync::MutexGuard<'_, Vec<(u64, SyncSender<Wake>)>> {
        self.viewers.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a participant's thread; tells the board how many there are.
    fn join(&self, id: u64, wake: SyncSender<Wake>) {
        let count = {
            let mut viewers = self.viewers();
            viewers.push((id, wake));
            viewers.len()
        };
        self.tell_board(RemoteEvent::Connected(count));
    }

    /// Removes a participant's thread; tells the board how many are left.
    fn leave(&self, id: u64) {
        let count = {
            let mut viewers = self.viewers();
            viewers.retain(|(v, _)| *v != id);
            viewers.len()
        };
        self.tell_board(RemoteEvent::Connected(count));
    }

    /// Wakes every participant (never waits: a full queue already has a wake-up pending).
    fn wake_all(&self, wake: Wake) {
        for (_, tx) in self.viewers().iter() {
            let _ = tx.try_send(wake);
        }
    }
}

#[cfg(feature = "serve")]
/// A server about to start: the bound listener, its SSH settings and who may join.
pub struct Host {
    listener: TcpListener,
    config: Arc<russh::server::Config>,
    access: Access,
    login_time: Duration,
    log: ServeLog,
}

#[cfg(feature = "serve")]
/// A running server, as the facilitator's loop drives it.
pub struct Hosting {
    shared: Arc<Shared>,
    runtime: tokio::runtime::Runtime,
    /// What was last published: the workspace revision and where the facilitator looked.
    published: Mutex<(u64, Follow)>,
}

#[cfg(feature = "serve")]
impl std::fmt::Debug for Hosting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hosting").finish_non_exhaustive()
    }
}

#[cfg(feature = "serve")]
impl Host {
    /// A server on `listener` with host key `key`, letting in whom `access` allows.
    pub fn new(listener: TcpListener, key: russh::keys::PrivateKey, access: Access) -> Host {
        Host {
            listener,
            config: Arc::new(server::config(key, &access)),
            access,
            login_time: LOGIN_TIME,
            log: ServeLog::none(),
        }
    }

    /// The same server with another deadline from connecting to having joined (the default
    /// is [`LOGIN_TIME`]).
    #[must_use]
    pub fn with_login_time(mut self, login_time: Duration) -> Host {
        self.login_time = login_time;
        self
    }

    /// The same server, logging failed logins and dropped connections to `log`.
    #[must_use]
    pub fn with_log(mut self, log: ServeLog) -> Host {
        self.log = log;
        self
    }

    /// Starts serving `app`'s session; raised items and counts arrive on `board`.
    pub fn start(self, app: &App, board: Sender<Input>) -> std::io::Result<Hosting> {
        let follow = Follow::of(app);
        let snapshot = Snapshot {
            session: Arc::new(app.session.viewer_copy()),
            follow: follow.clone(),
        };
        let shared = Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            viewers: Mutex::new(Vec::new()),
            gate: gate::Gate::default(),
            throttle: throttle::Throttle::default(),
            log: self.log,
            login_time: self.login_time,
            writers: AtomicUsize::new(0),
            board: Mutex::new(board),
            keymap: Arc::clone(&app.keymap),
            access: self.access,
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("whoowns-serve")
            .enable_all()
            .build()?;
        self.listener.set_nonblocking(true)?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(self.listener)?
        };
        runtime.spawn(gate::accept(listener, self.config, Arc::clone(&shared)));
        Ok(Hosting {
            shared,
            runtime,
            published: Mutex::new((app.session.revision(), follow)),
        })
    }
}

#[cfg(feature = "serve")]
impl Hosting {
    /// Publishes the facilitator's state when the workspace or the view changed, and wakes the
    /// participants. Costs a copy of the session only when the workspace changed; never waits.
    pub fn publish(&self, app: &App) {
        let follow = Follow::of(app);
        let revision = app.session.revision();
        let mut published = self.published.lock().unwrap_or_else(|e| e.into_inner());
        if published.0 == revision && published.1 == follow {
            return;
        }
        let session = if published.0 == revision {
            Arc::clone(&self.shared.snapshot().session)
        } else {
            Arc::new(app.session.viewer_copy())
        };
        *published = (revision, follow.clone());
        *self
            .shared
            .snapshot
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Arc::new(Snapshot { session, follow });
        self.shared.wake_all(Wake::Refresh);
    }

    /// Participants connected now.
    pub fn connected(&self) -> usize {
        self.shared.viewers().len()
    }

    /// Connections not yet logged in, and logged-in participants (joined or joining).
    pub fn connections(&self) -> (usize, usize) {
        self.shared.gate.counts()
    }

    /// Logins failed since the server started.
    pub fn failed_logins(&self) -> usize {
        self.shared.throttle.total()
    }

    /// Ends every session: each participant sees a goodbye line; waits (at most a second and
    /// a half, for stalled participants) until every goodbye went out, then stops the server.
    pub fn shutdown(self) {
        self.shared.wake_all(Wake::Close);
        let deadline = Instant::now() + Duration::from_millis(1500);
        while Instant::now() < deadline
            && (self.shared.writers.load(Ordering::SeqCst) > 0 || !self.shared.viewers().is_empty())
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.runtime.shutdown_timeout(Duration::from_millis(500));
    }
}

/// Applies what a participant's connection told the board; returns whether to redraw.
pub fn on_event(app: &mut App, event: RemoteEvent) -> bool {
    let room = app.room.get_or_insert_with(Room::default);
    match event {
        RemoteEvent::Connected(count) => room.connected = count,
        RemoteEvent::FailedLogins(count) => room.failed_logins = count,
        RemoteEvent::Raise(item) => {
            let who = item.who(app.session.workspace());
            let what = match item.kind {
                RaisedKind::Claim => "a claim",
                RaisedKind::Comment => "a comment",
            };
            room.raised.push(item);
            let key = app.key_note(super::action::Action::RaisedQueue, "shows the queue");
            app.say(
                format!("✋ {who} raised {what}{key}"),
                super::app::Tone::Info,
            );
        }
    }
    true
}

#[cfg(feature = "serve")]
/// `whoowns serve`: checks everything that can be checked on a normal screen (the host key,
/// the allowed keys, the address), prints how to join, then runs the facilitator's board with
/// the server beside it.
pub fn serve(options: &ServeOptions) -> ExitCode {
    let host_key = match crate::dirs::data_dir()
        .map_err(|e| e.to_string())
        .and_then(|dir| host_key(&dir).map_err(|e| e.to_string()))
    {
        Ok(key) => key,
        Err(e) => {
            crate::output::error(format!("whoowns serve: {e}"));
            return ExitCode::from(2);
        }
    };
    let keys = match options.allowed_keys.as_deref().map(access::allowed_keys) {
        Some(Ok(keys)) => keys,
        Some(Err(e)) => {
            crate::output::error(format!("whoowns serve: {e}"));
            return ExitCode::from(2);
        }
        None => Vec::new(),
    };
    let passcode = match (&options.passcode, keys.is_empty()) {
        (Some(code), _) if code.trim().is_empty() => {
            crate::output::error("whoowns serve: the passcode is empty");
            return ExitCode::from(2);
        }
        (Some(code), _) => Some(code.clone()),
        (None, true) => Some(access::random_passcode()),
        (None, false) => None,
    };
    let listener = match TcpListener::bind(options.listen) {
        Ok(listener) => listener,
        Err(e) => {
            crate::output::error(format!(
                "whoowns serve: cannot listen on {}: {e}",
                options.listen
            ));
            return ExitCode::from(2);
        }
    };
    let address = listener.local_addr().unwrap_or(options.listen);
    let fingerprint = fingerprint(&host_key);
    let access = Access { passcode, keys };
    println!(
        "whoowns serve: participants join with  ssh -p {} {}",
        address.port(),
        address.ip()
    );
    println!("host key fingerprint: {fingerprint}");
    if let Some(code) = &access.passcode {
        println!("passcode: {code}");
    }
    if !access.keys.is_empty() {
        println!("allowed keys: {}", access.keys.len());
    }
    if !address.ip().is_loopback() {
        println!("listening beyond this machine on {address}: share the passcode with care");
    }
    // Failed logins go to a log (the board owns the terminal); without one, serving goes on.
    let log = match crate::dirs::state_dir()
        .and_then(|dir| crate::dirs::private_subdir(&dir, ""))
        .and_then(|dir| ServeLog::open(&dir.join(LOG_FILE)))
    {
        Ok(log) => {
            if let Some(path) = log.path() {
                println!(
                    "failed logins are logged to {}",
                    crate::text::sanitize_path(&path)
                );
            }
            log
        }
        Err(e) => {
            crate::output::error(format!(
                "whoowns serve: cannot write the log of failed logins ({e}); serving without it"
            ));
            ServeLog::none()
        }
    };
    let mut join = format!(
        "Participants join with: ssh -p {} {}",
        address.port(),
        address.ip()
    );
    if let Some(code) = &access.passcode {
        join.push_str(&format!(" · passcode {code}"));
    }
    join.push_str(&format!(" · host key {fingerprint}"));
    let host = Host::new(listener, host_key, access).with_log(log);
    let intro = format!("Serving on {address} · host key {fingerprint}");
    super::run_hosting(
        options.file.as_deref(),
        options.theme.as_deref(),
        options.hide_cursor,
        host,
        intro,
        join,
    )
}

/// Built without the `serve` feature: no server can exist.
#[cfg(not(feature = "serve"))]
#[derive(Debug)]
pub enum Host {}

/// Built without the `serve` feature: no server runs.
#[cfg(not(feature = "serve"))]
#[derive(Debug)]
pub enum Hosting {}

#[cfg(not(feature = "serve"))]
impl Host {
    /// Never called: there is no `Host` value.
    pub fn start(self, _app: &App, _board: Sender<Input>) -> std::io::Result<Hosting> {
        match self {}
    }
}

#[cfg(not(feature = "serve"))]
impl Hosting {
    /// Never called: there is no `Hosting` value.
    pub fn publish(&self, _app: &App) {
        match *self {}
    }

    /// Never called: there is no `Hosting` value.
    pub fn shutdown(self) {
        match self {}
    }
}

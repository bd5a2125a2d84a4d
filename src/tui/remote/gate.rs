//! Who gets a connection, and for how long before joining. Every connection has one deadline
//! ([`super::LOGIN_TIME`] by default) from the moment it is accepted until the participant has
//! joined: the version exchange, the key exchange, the login and the join questions (name and
//! department). Connections not yet logged in are at most [`MAX_UNAUTHENTICATED`]; when one
//! more arrives the oldest of them is dropped (as OpenSSH's `MaxStartups` does), so silent
//! connections cannot keep anyone out. Logged-in participants are at most
//! [`super::MAX_CONNECTIONS`].

use std::collections::{BTreeMap, HashMap};
use std::net::{Shutdown, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::server::Config;
use tokio::sync::oneshot;

use super::server::Connection;
use super::{MAX_CONNECTIONS, Shared};

/// At most this many connections not yet logged in (as many as a full room, so a whole
/// workshop typing the passcode at once fits); one more drops the oldest of them.
pub const MAX_UNAUTHENTICATED: usize = 64;
/// Connections dropped to make room are logged at most this often (a count since the last line).
const EVICTION_LOG_EVERY: Duration = Duration::from_secs(10);
/// A dropped connection's session gets this long to wind up before its task stops waiting.
const WIND_UP: Duration = Duration::from_secs(2);
/// A participant still answering the join questions at the deadline is told so (by their own
/// thread) within this long, before the connection is cut.
const GOODBYE_GRACE: Duration = Duration::from_millis(1500);

/// A connection not yet logged in.
#[derive(Debug)]
struct Unauthenticated {
    /// Sent when the connection is dropped to make room.
    evict: oneshot::Sender<()>,
}

#[derive(Debug, Default)]
struct Slots {
    /// Oldest first (connection numbers only grow).
    unauthenticated: BTreeMap<u64, Unauthenticated>,
    /// Logged in: whether they also answered the join questions.
    authenticated: HashMap<u64, bool>,
    /// Dropped to make room since the last line in the log, and when that line was written.
    evicted: usize,
    evictions_logged: Option<Instant>,
}

/// The connections of a server by stage, and the limits on each.
#[derive(Debug, Default)]
pub struct Gate {
    slots: Mutex<Slots>,
}

/// How far a connection had come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before the login (the version exchange, the key exchange, the passcode or key).
    LoggingIn,
    /// Logged in, answering the join questions.
    Joining,
}

impl Gate {
    fn slots(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes connection `id` in, dropping the oldest connection not yet logged in when there
    /// are too many; `None` when the room is full of logged-in participants. The receiver
    /// hears when this connection is dropped to make room.
    fn admit(
        &self,
        id: u64,
        log: &super::log::ServeLog,
        source: SocketAddr,
    ) -> Option<oneshot::Receiver<()>> {
        let mut slots = self.slots();
        if slots.authenticated.len() >= MAX_CONNECTIONS {
            return None;
        }
        while slots.unauthenticated.len() >= MAX_UNAUTHENTICATED {
            let Some((_, oldest)) = slots.unauthenticated.pop_first() else {
                break;
            };
            let _ = oldest.evict.send(());
            slots.evicted += 1;
        }
        if slots.evicted > 0
            && slots
                .evictions_logged
                .is_none_or(|at| at.elapsed() >= EVICTION_LOG_EVERY)
        {
            log.line(
                source,
                &format!(
                    "arrived with {MAX_UNAUTHENTICATED} connections not yet logged in: \
                     dropped {} of those (the oldest) to make room",
                    slots.evicted
                ),
            );
            slots.evicted = 0;
            slots.evictions_logged = Some(Instant::now());
        }
        let (evict, evicted) = oneshot::channel();
        slots.unauthenticated.insert(id, Unauthenticated { evict });
        Some(evicted)
    }

    /// Connection `id` logged in; false when the room is full (then it stays where it was, to
    /// be told and closed).
    pub fn logged_in(&self, id: u64) -> bool {
        let mut slots = self.slots();
        if slots.authenticated.len() >= MAX_CONNECTIONS {
            return false;
        }
        if slots.unauthenticated.remove(&id).is_none() {
            // Dropped meanwhile.
            return false;
        }
        slots.authenticated.insert(id, false);
        true
    }

    /// Connection `id`'s participant answered the join questions: the deadline is over for
    /// them. False if the connection was dropped meanwhile.
    pub fn joined(&self, id: u64) -> bool {
        match self.slots().authenticated.get_mut(&id) {
            Some(joined) => {
                *joined = true;
                true
            }
            None => false,
        }
    }

    /// At connection `id`'s deadline: how far it had come if it has not joined (it is then
    /// taken out, to be dropped), `None` if it joined.
    fn expire(&self, id: u64) -> Option<Stage> {
        let mut slots = self.slots();
        if slots.unauthenticated.remove(&id).is_some() {
            return Some(Stage::LoggingIn);
        }
        match slots.authenticated.get(&id) {
            Some(true) => None,
            Some(false) => {
                slots.authenticated.remove(&id);
                Some(Stage::Joining)
            }
            // Already dropped to make room.
            None => Some(Stage::LoggingIn),
        }
    }

    /// Connection `id` ended.
    fn release(&self, id: u64) {
        let mut slots = self.slots();
        slots.unauthenticated.remove(&id);
        slots.authenticated.remove(&id);
    }

    /// Connections not yet logged in, and logged-in participants (joined or joining).
    pub fn counts(&self) -> (usize, usize) {
        let slots = self.slots();
        (slots.unauthenticated.len(), slots.authenticated.len())
    }
}

/// Accepts connections for ever (until the runtime stops), each in its own task.
pub async fn accept(listener: tokio::net::TcpListener, config: Arc<Config>, shared: Arc<Shared>) {
    let mut next = 0u64;
    loop {
        let Ok((socket, source)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        next += 1;
        let Some(evicted) = shared.gate.admit(next, &shared.log, source) else {
            drop(socket);
            continue;
        };
        tokio::spawn(connection(
            next,
            socket,
            source,
            evicted,
            Arc::clone(&config),
            Arc::clone(&shared),
        ));
    }
}

/// Takes the connection out of the gate when its task ends, however it ends.
struct Release<'a> {
    gate: &'a Gate,
    id: u64,
}

impl Drop for Release<'_> {
    fn drop(&mut self) {
        self.gate.release(self.id);
    }
}

/// One connection: the SSH session, dropped when it is evicted or has not joined by the
/// deadline.
async fn connection(
    id: u64,
    socket: tokio::net::TcpStream,
    source: SocketAddr,
    mut evicted: oneshot::Receiver<()>,
    config: Arc<Config>,
    shared: Arc<Shared>,
) {
    let _release = Release {
        gate: &shared.gate,
        id,
    };
    let _ = socket.set_nodelay(true);
    // A second handle on the socket: shutting it down ends the session wherever it is
    // (russh runs it in a task of its own, which dropping ours would not stop).
    let Ok((socket, cut)) = split_off_cut(socket) else {
        return;
    };
    let handler = Connection::new(id, source, Arc::clone(&shared));
    let run = async move {
        if let Ok(session) = russh::server::run_stream(config, socket, handler).await {
            let _ = session.await;
        }
    };
    tokio::pin!(run);
    let deadline = tokio::time::sleep(shared.login_time);
    tokio::pin!(deadline);
    let (mut evictable, mut timed) = (true, true);
    let reason = loop {
        tokio::select! {
            () = &mut run => return,
            result = &mut evicted, if evictable => match result {
                Ok(()) => break None,
                // Logged in: no longer dropped to make room (the deadline still runs).
                Err(_) => evictable = false,
            },
            () = &mut deadline, if timed => match shared.gate.expire(id) {
                Some(stage) => break Some(stage),
                None => timed = false,
            },
        }
        if !evictable && !timed {
            run.await;
            return;
        }
    };
    if let Some(stage) = reason {
        log_drop(&shared, source, stage);
        // A participant at the join questions is told so by their own thread; the client
        // then leaves by itself.
        if stage == Stage::Joining
            && tokio::time::timeout(GOODBYE_GRACE, run.as_mut())
                .await
                .is_ok()
        {
            return;
        }
    }
    let _ = cut.shutdown(Shutdown::Both);
    let _ = tokio::time::timeout(WIND_UP, run).await;
}

/// The log's line for a connection dropped at its deadline.
fn log_drop(shared: &Shared, source: SocketAddr, stage: Stage) {
    let what = match stage {
        Stage::LoggingIn => "had not logged in",
        Stage::Joining => "logged in but had not joined",
    };
    shared.log.line(
        source,
        &format!(
            "dropped: {what} within {} s",
            shared.login_time.as_secs_f64()
        ),
    );
}

/// The socket, and a second handle on it to shut it down with.
fn split_off_cut(
    socket: tokio::net::TcpStream,
) -> std::io::Result<(tokio::net::TcpStream, std::net::TcpStream)> {
    let socket = socket.into_std()?;
    let cut = socket.try_clone()?;
    Ok((tokio::net::TcpStream::from_std(socket)?, cut))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::remote::log::ServeLog;

    #[test]
    fn the_oldest_connection_not_logged_in_makes_room_and_logged_in_ones_stay() {
        let gate = Gate::default();
        let log = ServeLog::none();
        let source: SocketAddr = "127.0.0.1:1".parse().expect("address");
        let mut waiting: Vec<_> = (0..MAX_UNAUTHENTICATED as u64)
            .map(|id| gate.admit(id, &log, source).expect("room"))
            .collect();
        assert!(gate.logged_in(0), "the first logs in");
        assert!(gate.joined(0));
        // Its place is free; two more arrive: the oldest ones not logged in (1 and 2) make room.
        let _a = gate.admit(100, &log, source).expect("room");
        assert!(waiting[1].try_recv().is_err());
        let _b = gate.admit(101, &log, source).expect("room");
        let _c = gate.admit(102, &log, source).expect("room");
        assert!(waiting[1].try_recv().is_ok());
        assert!(waiting[2].try_recv().is_ok());
        assert!(waiting[3].try_recv().is_err());
        assert_eq!(gate.counts(), (MAX_UNAUTHENTICATED, 1));
        // A joined participant has no deadline; one still logging in or joining has.
        assert_eq!(gate.expire(0), None);
        assert_eq!(gate.expire(3), Some(Stage::LoggingIn));
        assert!(gate.logged_in(4));
        assert_eq!(gate.expire(4), Some(Stage::Joining));
        assert!(!gate.joined(4), "too late");
        gate.release(0);
        assert_eq!(gate.counts().1, 0);
        waiting.clear();
    }

    #[test]
    fn a_full_room_takes_no_one_else() {
        let gate = Gate::default();
        let log = ServeLog::none();
        let source: SocketAddr = "127.0.0.1:1".parse().expect("address");
        let mut kept = Vec::new();
        for id in 0..MAX_CONNECTIONS as u64 {
            kept.push(gate.admit(id, &log, source).expect("room"));
            assert!(gate.logged_in(id));
        }
        let late = gate.admit(1000, &log, source);
        assert!(late.is_none());
        gate.release(5);
        let last = gate.admit(1001, &log, source).expect("room again");
        drop(last);
    }
}

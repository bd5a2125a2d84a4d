//! The SSH side (russh) of one connection: authenticating (failed attempts wait their turn
//! and their delay, and are counted and logged; see [`super::throttle`]), and taking only a
//! terminal with a shell. Commands, subsystems (sftp), forwarding of ports, agents or X11 and
//! environment variables are all refused. Which connections are taken, and for how long before
//! joining, is [`super::gate`]'s.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use russh::server::{Auth, ChannelOpenHandle, Config, Handler, Msg, Response, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet};

use super::link::{self, Inbox};
use super::log::client_text;
use super::{Access, MAX_CONNECTIONS, MAX_HEIGHT, MAX_WIDTH, RemoteEvent, Shared};

/// A connection that sends nothing for this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Wrong passcodes or keys allowed per connection.
const AUTH_ATTEMPTS: usize = 3;
/// Input allowed per connection: this many bytes...
const INPUT_BURST: f64 = 256.0;
/// ...refilled at this many bytes a second; more is dropped.
const INPUT_RATE: f64 = 64.0;

/// The server's SSH settings: the host key, the ways in, the limits.
pub fn config(key: PrivateKey, access: &Access) -> Config {
    let mut methods = MethodSet::empty();
    if !access.keys.is_empty() {
        methods.push(MethodKind::PublicKey);
    }
    if access.passcode.is_some() {
        methods.push(MethodKind::KeyboardInteractive);
        methods.push(MethodKind::Password);
    }
    Config {
        server_id: russh::SshId::Standard("SSH-2.0-whoowns".into()),
        methods,
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        max_auth_attempts: AUTH_ATTEMPTS,
        inactivity_timeout: Some(IDLE_TIMEOUT),
        keepalive_interval: Some(Duration::from_secs(60)),
        nodelay: true,
        ..Config::default()
    }
}

/// One participant's connection.
pub struct Connection {
    id: u64,
    source: SocketAddr,
    shared: Arc<Shared>,
    /// Logged in while the room was full: told so, and closed, at the shell.
    full: bool,
    /// When the connection was accepted (its deadline runs from then).
    accepted: Instant,
    /// The one session channel, once opened.
    channel: Option<ChannelId>,
    /// The terminal size from the pty request (bounded).
    size: Option<(u16, u16)>,
    /// The participant's thread, once the shell started.
    inbox: Option<Arc<Inbox>>,
    /// The plain view was asked for: the user name `plain`, or a terminal whose `TERM` is
    /// `dumb`.
    plain: bool,
    /// Input allowance (token bucket).
    allowance: f64,
    refilled: Instant,
}

impl Connection {
    /// The user name `plain` asks for the plain view (any other name is as good as none).
    fn note_user(&mut self, user: &str) {
        self.plain |= user.eq_ignore_ascii_case("plain");
    }

    /// Whether a public key is in the allowed-keys file (for an offer and its proof alike).
    fn key_allowed(&self, key: &russh::keys::PublicKey) -> bool {
        self.shared.access.allows_key(key)
    }

    /// Waits for this attempt's turn to be checked (at once unless the address failed
    /// recently); an error, which closes the connection, when that turn is too far off.
    async fn wait_turn(&self) -> Result<(), russh::Error> {
        let wait = self
            .shared
            .throttle
            .turn(self.source.ip())
            .ok_or(russh::Error::Disconnect)?;
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(())
    }

    /// A failed login: counted (on the facilitator's header), logged, and refused after the
    /// delay that the recent failures from this address and from all call for.
    async fn refuse_login(&self, user: &str, why: &str) -> Auth {
        let (delay, total) = self.shared.throttle.fail(self.source.ip());
        self.shared.log.line(
            self.source,
            &format!(
                "failed login: {why} (user \"{}\"; answer delayed {} ms)",
                client_text(user),
                delay.as_millis()
            ),
        );
        self.shared.tell_board(RemoteEvent::FailedLogins(total));
        tokio::time::sleep(delay).await;
        Auth::reject()
    }

    pub(super) fn new(id: u64, source: SocketAddr, shared: Arc<Shared>) -> Self {
        Connection {
            id,
            source,
            shared,
            full: false,
            accepted: Instant::now(),
            channel: None,
            size: None,
            inbox: None,
            plain: false,
            allowance: INPUT_BURST,
            refilled: Instant::now(),
        }
    }

    /// Whether `n` more bytes of input are within the rate limit.
    fn within_rate(&mut self, n: usize) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.refilled = now;
        self.allowance = (self.allowance + elapsed * INPUT_RATE).min(INPUT_BURST);
        #[allow(clippy::cast_precision_loss)]
        let n = n as f64;
        if n <= self.allowance {
            self.allowance -= n;
            true
        } else {
            false
        }
    }
}

/// A size from a participant, within bounds (an unknown size is taken as 80x24).
pub fn bounded_size(cols: u32, rows: u32) -> (u16, u16) {
    let clamp = |value: u32, max: u16, default: u16| {
        if value == 0 {
            default
        } else {
            u16::try_from(value.min(u32::from(max))).unwrap_or(max)
        }
    };
    (clamp(cols, MAX_WIDTH, 80), clamp(rows, MAX_HEIGHT, 24))
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some(inbox) = &self.inbox {
            inbox.close();
        }
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        self.note_user(user);
        self.wait_turn().await?;
        Ok(if self.shared.access.allows_passcode(password) {
            Auth::Accept
        } else {
            self.refuse_login(user, "wrong passcode").await
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.note_user(user);
        if self.shared.access.passcode.is_none() {
            return Ok(Auth::reject());
        }
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: "whoowns".into(),
                instructions: "The facilitator gave you a passcode.".into(),
                prompts: vec![("Passcode: ".into(), false)].into(),
            });
        };
        self.wait_turn().await?;
        let given = response
            .next()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        Ok(match given {
            Some(given) if self.shared.access.allows_passcode(&given) => Auth::Accept,
            _ => self.refuse_login(user, "wrong passcode").await,
        })
    }

    // A key offered without a signature and refused is a probe (a client tries the keys it
    // has, one by one), not a failed login: refused at once, as OpenSSH and russh treat it.
    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.key_allowed(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        self.note_user(user);
        self.wait_turn().await?;
        Ok(if self.key_allowed(key.public_key) {
            Auth::Accept
        } else {
            self.refuse_login(user, "key not allowed").await
        })
    }

    async fn auth_succeeded(&mut self, _session: &mut Session) -> Result<(), Self::Error> {
        self.full = !self.shared.gate.logged_in(self.id);
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One terminal per connection; a second session channel is refused (dropping the
        // reply refuses it).
        if self.channel.is_none() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel && self.inbox.is_none() {
            self.size = Some(bounded_size(cols, rows));
            self.plain |= term == "dumb";
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.full {
            let full =
                format!("whoowns: the workshop is full ({MAX_CONNECTIONS} participants)\r\n");
            session.data(channel, full.into_bytes())?;
            return refuse(channel, session);
        }
        let (Some(size), None, true) = (self.size, &self.inbox, Some(channel) == self.channel)
        else {
            session.data(
                channel,
                "whoowns: the board needs a terminal (ssh -t)\r\n"
                    .as_bytes()
                    .to_vec(),
            )?;
            session.channel_failure(channel)?;
            session.close(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let inbox = link::start(
            self.id,
            self.accepted + self.shared.login_time,
            Arc::clone(&self.shared),
            session.handle(),
            channel,
            size,
            self.plain,
        );
        self.inbox = Some(inbox);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        refuse(channel, session)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        refuse(channel, session)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    // direct-tcpip (`ssh -L`), X11 and stream-local channels: the default handlers drop the
    // reply, which refuses the channel (administratively prohibited).

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) != self.channel || !self.within_rate(data.len()) {
            return Ok(());
        }
        if let Some(inbox) = &self.inbox {
            inbox.input(data);
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if Some(channel) == self.channel
            && let Some(inbox) = &self.inbox
        {
            inbox.resize(bounded_size(cols, rows));
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.closed(channel);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.closed(channel);
        Ok(())
    }
}

impl Connection {
    fn closed(&mut self, channel: ChannelId) {
        if Some(channel) == self.channel
            && let Some(inbox) = &self.inbox
        {
            inbox.close();
        }
    }
}

/// Refuses a command or a subsystem on `channel`, and closes it.
fn refuse(channel: ChannelId, session: &mut Session) -> Result<(), russh::Error> {
    session.channel_failure(channel)?;
    session.close(channel)?;
    Ok(())
}

/// Packs a size for an atomic (`cols << 16 | rows`).
pub fn pack(size: (u16, u16)) -> u32 {
    (u32::from(size.0) << 16) | u32::from(size.1)
}

/// The size packed by [`pack`].
pub fn unpack(packed: u32) -> (u16, u16) {
    (
        u16::try_from(packed >> 16).unwrap_or(MAX_WIDTH),
        u16::try_from(packed & 0xffff).unwrap_or(MAX_HEIGHT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_bounded() {
        assert_eq!(bounded_size(0, 0), (80, 24));
        assert_eq!(bounded_size(100_000, 100_000), (MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(bounded_size(120, 40), (120, 40));
        assert_eq!(unpack(pack((500, 200))), (500, 200));
    }
}

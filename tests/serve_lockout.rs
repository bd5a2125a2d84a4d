//! `whoowns serve` under a lockout attempt, with real sockets on 127.0.0.1 and the real
//! OpenSSH client: connections that send a version line and then nothing do not keep a
//! participant out (the oldest of them make room), and a connection that has not joined by
//! the deadline is dropped wherever it stalled (the key exchange, the passcode, the join
//! questions), while one that joined in time stays.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::ssh::{askpass, serve, ssh_args};
use whoowns::tui::remote::{MAX_CONNECTIONS, MAX_UNAUTHENTICATED, ServeLog};

/// More silent connections than either limit (and than the 64 that locked everyone out).
const SILENT: usize = 100;

/// A raw TCP connection that sends a version line and then nothing, once the server has
/// answered (its own version line and key exchange offer) or closed it.
fn silent_connection(port: u16) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.write_all(b"SSH-2.0-x\r\n").expect("version line");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut buf = [0u8; 256];
    let _ = stream.read(&mut buf);
    stream
}

/// Whether the server closed `stream` (reads the end, or an error, within `within`).
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .expect("timeout");
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false;
            }
            Err(_) => return true,
        }
    }
    false
}

/// A participant's `ssh -tt` in a pseudo-terminal, answering the passcode prompt with the
/// script `pass` (or, without one, leaving the prompt on its terminal).
fn participant(dir: &Path, port: u16, user: &str, pass: Option<&Path>) -> Pty {
    let mut args = ssh_args(port);
    args.extend(["-tt".to_owned(), format!("{user}@127.0.0.1")]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let force = Path::new("force");
    match pass {
        Some(pass) => Pty::spawn(
            "ssh",
            dir,
            &args,
            &[("SSH_ASKPASS", pass), ("SSH_ASKPASS_REQUIRE", force)],
        ),
        None => Pty::spawn("ssh", dir, &args, &[]),
    }
}

/// Whether `ssh` ended within `within`.
fn ends_within(ssh: &mut Pty, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if ssh.child.try_wait().expect("wait").is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn silent_connections_do_not_keep_a_participant_out() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("serve.log");
    // The real deadline (30 s): the silent connections would hold their places all along.
    let (_app, hosting, _events, port) = serve(
        dir.path(),
        "open-sesame",
        None,
        ServeLog::open(&log).expect("log"),
    );
    const { assert!(SILENT > MAX_CONNECTIONS && SILENT > MAX_UNAUTHENTICATED) };
    let mut silent: Vec<TcpStream> = (0..SILENT).map(|_| silent_connection(port)).collect();
    println!(
        "{SILENT} silent connections opened in {:.2} s; the server holds {:?} (not logged in, logged in)",
        started.elapsed().as_secs_f64(),
        hosting.connections()
    );
    assert_eq!(hosting.connections(), (MAX_UNAUTHENTICATED, 0));

    // A real participant still gets in, while the silent connections are all still open.
    let pass = askpass(dir.path(), "pass.sh", "open-sesame");
    let joining = Instant::now();
    let mut ana = participant(dir.path(), port, "ana", Some(&pass));
    ana.wait_for("Your name");
    let took = joining.elapsed();
    println!(
        "the real ssh client reached the join questions in {:.2} s",
        took.as_secs_f64()
    );
    assert!(took < Duration::from_secs(15), "{took:?}");
    ana.send("Ana\r");
    ana.wait_for("which department");
    ana.send("\r");
    ana.wait_for("Ana (Marketing): following the facilitator");

    // The oldest silent connections made room: closed by the server, the newest still open.
    let closed = silent
        .iter_mut()
        .map(|s| closed_within(s, Duration::from_millis(100)))
        .filter(|&closed| closed)
        .count();
    println!("{closed} of {SILENT} silent connections were dropped to make room");
    assert!(closed > SILENT - MAX_UNAUTHENTICATED, "{closed}");
    assert!(closed < SILENT, "the newest wait for their deadline");
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("to make room"), "{text}");
    let _ = ana.child.kill();
    hosting.shutdown();
    assert!(started.elapsed() < Duration::from_secs(45));
}

#[test]
fn a_connection_that_has_not_joined_by_the_deadline_is_dropped_wherever_it_stalled() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("serve.log");
    let deadline = Duration::from_secs(6);
    let (_app, hosting, _events, port) = serve(
        dir.path(),
        "open-sesame",
        Some(deadline),
        ServeLog::open(&log).expect("log"),
    );
    let pass = askpass(dir.path(), "pass.sh", "open-sesame");
    let begun = Instant::now();
    // Stalled in the key exchange: a version line, the server's offer read, nothing more.
    let mut kex = silent_connection(port);
    // Stalled at the passcode: the prompt is on ssh's terminal, nobody answers.
    let mut at_passcode = participant(dir.path(), port, "slow", None);
    // Stalled at the join questions: logged in, never gives a name.
    let mut at_name = participant(dir.path(), port, "mute", Some(&pass));
    // Joins in time, and stays past the deadline.
    let mut ana = participant(dir.path(), port, "ana", Some(&pass));
    at_passcode.wait_for("Passcode:");
    at_name.wait_for("Your name");
    ana.wait_for("Your name");
    ana.send("Ana\r");
    ana.wait_for("which department");
    ana.send("\r");
    ana.wait_for("Ana (Marketing): following the facilitator");
    assert!(
        begun.elapsed() < deadline,
        "the test's own participant was too slow to join: {:?}",
        begun.elapsed()
    );

    let margin = Duration::from_secs(6);
    assert!(
        closed_within(&mut kex, deadline + margin),
        "mid key exchange"
    );
    let kex_dropped = begun.elapsed();
    assert!(ends_within(&mut at_name, margin), "at the join questions");
    let name_dropped = begun.elapsed();
    // Told why, on the normal screen.
    assert!(
        at_name
            .contents()
            .contains("You did not join within 6 seconds. Connect again to join."),
        "{}",
        at_name.contents()
    );
    // (ssh waits at its prompt whatever the server does: the server's side shows the drop.)
    let log_has = |what: &str, times: usize| {
        let until = Instant::now() + margin;
        while Instant::now() < until {
            let text = std::fs::read_to_string(&log).expect("log");
            if text.matches(what).count() >= times {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    assert!(
        log_has("dropped: had not logged in within 6 s", 2),
        "at the passcode"
    );
    let passcode_dropped = begun.elapsed();
    // The passcode, too late: the connection is gone, ssh ends without the join questions.
    at_passcode.send("open-sesame\r");
    assert!(ends_within(&mut at_passcode, margin), "ssh ends");
    assert!(!at_passcode.contents().contains("Your name"));
    println!(
        "deadline {:.1} s: dropped mid key exchange after {:.2} s, at the passcode after {:.2} s, \
         at the join questions after {:.2} s",
        deadline.as_secs_f64(),
        kex_dropped.as_secs_f64(),
        passcode_dropped.as_secs_f64(),
        name_dropped.as_secs_f64()
    );
    assert!(kex_dropped >= deadline - Duration::from_millis(500));
    // The participant who joined is still there, and still follows.
    assert!(!ends_within(&mut ana, Duration::from_millis(500)), "joined");
    assert_eq!(hosting.connected(), 1);
    assert_eq!(hosting.connections(), (0, 1));
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(
        text.contains("dropped: had not logged in within 6 s"),
        "{text}"
    );
    assert!(
        text.contains("dropped: logged in but had not joined within 6 s"),
        "{text}"
    );
    let _ = ana.child.kill();
    hosting.shutdown();
    assert!(started.elapsed() < Duration::from_secs(45));
}

//! Failed logins to `whoowns serve`, with the real OpenSSH client on 127.0.0.1: each wrong
//! passcode from the same address is answered later than the one before, the right one is
//! still let in at once, the count reaches the facilitator's header, and every failure has a
//! line in the log.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::ssh::{askpass, serve, ssh_args};
use common::{draw, text};
use whoowns::tui::input::Input;
use whoowns::tui::remote::{RemoteEvent, Room, ServeLog, on_event};

/// Wrong passcodes tried, one connection each.
const TRIES: usize = 5;

/// One `ssh` run that answers the passcode prompt with the script `pass`: how long it took,
/// and its standard error.
fn attempt(port: u16, user: &str, pass: &Path) -> (Duration, String) {
    let start = Instant::now();
    let output = Command::new("ssh")
        .args(ssh_args(port))
        .args(["-T", &format!("{user}@127.0.0.1")])
        .env("SSH_ASKPASS", pass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .stdin(Stdio::null())
        .output()
        .expect("ssh runs");
    assert_eq!(output.status.code(), Some(255));
    (
        start.elapsed(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn wrong_passcodes_slow_down_and_are_counted_and_logged() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("serve.log");
    let (mut app, hosting, events, port) = serve(
        dir.path(),
        "right-one",
        None,
        ServeLog::open(&log).expect("log"),
    );
    app.room = Some(Room::default());
    let screen = text(draw(&mut app, 160, 30).backend().buffer());
    assert!(!screen.contains("failed login"), "none yet: {screen}");
    let wrong = askpass(dir.path(), "wrong.sh", "guess");
    let times: Vec<Duration> = (0..TRIES)
        .map(|_| {
            let (took, stderr) = attempt(port, "eve", &wrong);
            assert!(stderr.contains("Permission denied"), "{stderr}");
            took
        })
        .collect();
    let ms: Vec<u128> = times.iter().map(Duration::as_millis).collect();
    println!("{TRIES} wrong passcodes from 127.0.0.1, each ssh run took (ms): {ms:?}");
    let (first, last) = (times[0], times[TRIES - 1]);
    assert!(
        last >= first + Duration::from_secs(2),
        "the fifth failure was not slowed: {ms:?}"
    );
    assert!(times[3] >= times[1] + Duration::from_secs(1), "{ms:?}");
    assert!(last < Duration::from_secs(15), "bounded: {ms:?}");

    // The right passcode is let in at once: only failures wait.
    let right = askpass(dir.path(), "right.sh", "right-one");
    let mut args = ssh_args(port);
    args.extend(["-tt".to_owned(), "ana@127.0.0.1".to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let joining = Instant::now();
    let mut ana = Pty::spawn(
        "ssh",
        dir.path(),
        &args,
        &[
            ("SSH_ASKPASS", right.as_path()),
            ("SSH_ASKPASS_REQUIRE", Path::new("force")),
        ],
    );
    ana.wait_for("Your name");
    let joined = joining.elapsed();
    println!(
        "then the right passcode reached the join questions in {} ms",
        joined.as_millis()
    );
    assert!(joined < last, "{joined:?}");

    // The facilitator's board hears the count, and its header shows it.
    assert_eq!(hosting.failed_logins(), TRIES);
    let mut heard = 0;
    while let Ok(input) = events.recv_timeout(Duration::from_millis(200)) {
        if let Input::Remote(event) = input {
            if let RemoteEvent::FailedLogins(count) = event {
                heard = count;
            }
            on_event(&mut app, event);
        }
    }
    assert_eq!(heard, TRIES);
    let terminal = draw(&mut app, 160, 30);
    let screen = text(terminal.backend().buffer());
    let header = screen.lines().next().expect("a header");
    assert!(header.contains("connected · 5 failed logins │"), "{header}");
    // In the theme's warning style.
    let at = header.find("5 failed").expect("the count");
    let x = u16::try_from(header[..at].chars().count()).expect("narrow");
    let cell = &terminal.backend().buffer()[(x, 0)];
    assert_eq!(
        cell.fg,
        app.theme
            .header
            .patch(app.theme.warning)
            .fg
            .expect("a colour")
    );

    // A line per failure in the log: the time, the address, why, the user name.
    let text = std::fs::read_to_string(&log).expect("log");
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("failed login: wrong passcode"))
        .collect();
    assert_eq!(lines.len(), TRIES, "{text}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains(" 127.0.0.1:") && l.contains("user \"eve\"")),
        "{text}"
    );
    assert!(lines[0].starts_with("20"), "a timestamp first: {text}");
    let _ = ana.child.kill();
    hosting.shutdown();
    assert!(started.elapsed() < Duration::from_secs(45));
}

//! A bounded load test of `whoowns serve`: 50 real OpenSSH clients join on 127.0.0.1 (one of
//! them never reads its screen), and the facilitator's frame (layout, render, publish) is timed
//! with none and with all of them following. It reports the figures and stops by itself. (In
//! these few seconds the silent client's SSH window does not fill up; dropping frames for a
//! participant who reads nothing is tested in `src/tui/remote/link.rs`.)

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use whoowns::session::Session;
use whoowns::tui::action::{Action, Direction};
use whoowns::tui::app::App;
use whoowns::tui::input::Input;
use whoowns::tui::remote::{Access, Host, Hosting, RemoteEvent, host_key};
use whoowns::tui::{layout, view};

const PARTICIPANTS: usize = 50;
const FRAMES: usize = 120;

/// Times `FRAMES` facilitator frames: a move, then layout, render and publish, as the event loop
/// does. Returns the frame times in microseconds, sorted.
fn frames(app: &mut App, hosting: &Hosting) -> Vec<u128> {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        let direction = if (i / 4) % 2 == 0 {
            Direction::Right
        } else {
            Direction::Left
        };
        app.update(Action::Move(direction));
        let start = Instant::now();
        let layout = layout::compute(app, Rect::new(0, 0, 160, 48));
        terminal
            .draw(|frame| view::render(app, &layout, frame))
            .expect("draws");
        app.adopt_layout(layout);
        hosting.publish(app);
        times.push(start.elapsed().as_micros());
        // About a key every 20 ms, as a brisk facilitator.
        std::thread::sleep(Duration::from_millis(20));
    }
    times.sort_unstable();
    times
}

fn report(label: &str, times: &[u128]) -> (u128, u128, u128) {
    let at = |q: usize| times[(times.len() - 1) * q / 100];
    let figures = (at(50), at(95), *times.last().expect("frames"));
    println!(
        "facilitator frame, {label}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(figures.0),
        ms(figures.1),
        ms(figures.2)
    );
    figures
}

#[allow(clippy::cast_precision_loss)]
fn ms(micros: u128) -> f64 {
    micros as f64 / 1000.0
}

/// Waits until the board hears that `count` participants are connected.
fn wait_connected(events: &Receiver<Input>, count: usize, within: Duration) -> usize {
    let deadline = Instant::now() + within;
    let mut now = 0;
    while now != count {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(Input::Remote(RemoteEvent::Connected(n))) => now = n,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    now
}

fn participant(port: u16, askpass: &Path, i: usize, received: &Arc<AtomicUsize>) -> Child {
    let mut child = Command::new("ssh")
        .args(["-F", "/dev/null", "-tt", "-p", &port.to_string()])
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args(["-o", "LogLevel=ERROR", "-o", "NumberOfPasswordPrompts=1"])
        .arg(format!("p{i}@127.0.0.1"))
        .env("SSH_ASKPASS", askpass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ssh");
    let mut stdin = child.stdin.take().expect("stdin");
    // A name, then the first department.
    stdin
        .write_all(format!("P{i}\r\r").as_bytes())
        .expect("types");
    std::mem::forget(stdin);
    let mut stdout = child.stdout.take().expect("stdout");
    if i == 0 {
        // The stalled participant: its screen is never read.
        std::mem::forget(stdout);
    } else {
        let received = Arc::clone(received);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                received.fetch_add(n, Ordering::Relaxed);
            }
        });
    }
    child
}

#[test]
fn fifty_participants_and_the_facilitators_frame() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("workshop.toml");
    std::fs::write(&file, whoowns::SAMPLE_WORKSPACE).expect("workspace");
    let askpass = dir.path().join("pass.sh");
    std::fs::write(&askpass, "#!/bin/sh\necho load-test\n").expect("askpass");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut app = App::new(Session::open(&file).expect("opens"));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let access = Access {
        passcode: Some("load-test".to_owned()),
        keys: Vec::new(),
    };
    let host = Host::new(listener, host_key(dir.path()).expect("host key"), access);
    let (board, events) = std::sync::mpsc::channel();
    let hosting = host.start(&app, board).expect("serves");

    let alone = frames(&mut app, &hosting);
    let alone = report("no participants", &alone);

    let received = Arc::new(AtomicUsize::new(0));
    let mut children: Vec<Child> = (0..PARTICIPANTS)
        .map(|i| participant(port, &askpass, i, &received))
        .collect();
    let connected = wait_connected(&events, PARTICIPANTS, Duration::from_secs(20));
    println!(
        "{connected} participants connected in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(connected, PARTICIPANTS);
    // Their first frames, then the facilitator works while they all follow.
    std::thread::sleep(Duration::from_millis(500));
    let before = received.load(Ordering::Relaxed);
    let loaded = frames(&mut app, &hosting);
    let loaded = report(&format!("{PARTICIPANTS} participants following"), &loaded);
    std::thread::sleep(Duration::from_millis(300));
    let followed = received.load(Ordering::Relaxed) - before;
    println!(
        "the participants received {:.1} KiB of frames while the facilitator moved",
        followed as f64 / 1024.0
    );
    assert!(followed > 0, "nobody saw the facilitator move");

    let shutdown = Instant::now();
    hosting.shutdown();
    println!(
        "shutdown (a goodbye to each) took {:.2} s",
        shutdown.elapsed().as_secs_f64()
    );
    for child in &mut children {
        let _ = child.kill();
        let _ = child.wait();
    }
    // Generous for a debug build on two shared cores: the point is that nothing blocks the
    // facilitator (a stalled participant among them), not a benchmark.
    assert!(
        loaded.0 < 100_000,
        "median frame {} ms with participants (alone: {} ms)",
        ms(loaded.0),
        ms(alone.0)
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

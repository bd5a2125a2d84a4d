//! `whoowns serve` end to end: the real binary in a pseudo-terminal as the facilitator, and the
//! real OpenSSH client (`ssh`, in pseudo-terminals too) as participants, on 127.0.0.1 only.

mod common;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::Pty;

/// A port on loopback that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// The common options of every `ssh` here: loopback, no host-key files, no config.
fn ssh_args(port: u16) -> Vec<String> {
    [
        "-F",
        "/dev/null",
        "-p",
        &port.to_string(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=10",
        "-o",
        "NumberOfPasswordPrompts=1",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// A script that answers ssh's passcode prompt with `code` (SSH_ASKPASS).
fn askpass(dir: &Path, name: &str, code: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\necho '{code}'\n")).expect("askpass");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path
}

/// A new Ed25519 key pair from ssh-keygen: the private key's path.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
    path
}

/// Runs `ssh` without a terminal; its exit code and standard error.
fn ssh_batch(port: u16, extra: &[&str], env: &[(&str, &Path)]) -> (i32, String) {
    let mut command = Command::new("ssh");
    command.args(ssh_args(port)).args(extra);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.stdin(Stdio::null()).output().expect("ssh runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn participants_join_follow_raise_and_are_refused_everything_else() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("workshop.toml");
    std::fs::write(&file, whoowns::SAMPLE_WORKSPACE).expect("workspace");
    let data = dir.path().join("data");
    let state = dir.path().join("state");
    let key = keygen(dir.path(), "allowed");
    let stranger = keygen(dir.path(), "stranger");
    let allowed = dir.path().join("allowed_keys");
    std::fs::copy(key.with_extension("pub"), &allowed).expect("allowed keys");
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut facilitator = Pty::start_in(
        dir.path(),
        &[
            "serve",
            file.to_str().expect("utf-8"),
            "--listen",
            &listen,
            "--passcode",
            "open-sesame",
            "--allowed-keys",
            allowed.to_str().expect("utf-8"),
        ],
        &[("XDG_DATA_HOME", &data), ("XDG_STATE_HOME", &state)],
    );
    facilitator.wait_for("Serving on 127.0.0.1");
    facilitator.wait_for("0 connected");
    // The host key was made in the data directory, and its fingerprint is on the status line.
    assert!(facilitator.contents().contains("host key SHA256:"));
    // The empty queue says how to join, for a facilitator who needs it again.
    facilitator.send("Q");
    facilitator.wait_for(&format!("ssh -p {port} 127.0.0.1 · passcode open-sesame"));
    facilitator.send("\x1b");

    // A participant with the passcode (keyboard-interactive, answered by SSH_ASKPASS).
    let pass = askpass(dir.path(), "pass.sh", "open-sesame");
    let force = Path::new("force");
    let mut args = ssh_args(port);
    args.extend(["-tt".to_owned(), "ana@127.0.0.1".to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut ana = Pty::spawn(
        "ssh",
        dir.path(),
        &args,
        &[("SSH_ASKPASS", &pass), ("SSH_ASKPASS_REQUIRE", force)],
    );
    ana.wait_for("Your name");
    ana.send("Ana\r");
    ana.wait_for("which department");
    ana.send("\r");
    ana.wait_for("Ana (Marketing): following the facilitator");
    facilitator.wait_for("1 connected");
    // The board, at the participant's size, from the same view code.
    ana.wait_for("Unowned");

    // Following: the facilitator switches to the matrix, so does Ana.
    facilitator.send("\t");
    facilitator.wait_for("Matrix (Tab)");
    ana.wait_for("Matrix (Tab)");
    facilitator.send("\t");
    ana.wait_for("Board (Tab)");

    // A participant with an allowed key, no passcode.
    let mut args = ssh_args(port);
    args.extend(
        [
            "-i",
            key.to_str().expect("utf-8"),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-tt",
            "bo@127.0.0.1",
        ]
        .map(str::to_owned),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut bo = Pty::spawn("ssh", dir.path(), &args, &[]);
    bo.wait_for("Your name");
    bo.send("Bo\r");
    bo.wait_for("which department");
    bo.send("\x1b[B\r");
    bo.wait_for("Bo (IT): following the facilitator");
    facilitator.wait_for("2 connected");
    // Looking around alone, and back to following.
    bo.send("\t");
    bo.wait_for("Bo (IT): looking around");
    bo.wait_for("Matrix (Tab)");
    ana.wait_for("Board (Tab)");
    bo.send("f");
    bo.wait_for("Board (Tab)");
    bo.wait_for("Bo (IT): following the facilitator");
    // A participant's keys never edit: delete, add, undo do nothing.
    bo.send("xau");
    assert!(!facilitator.contents().contains("modified"));
    // A participant who drops out affects nobody else.
    bo.child.kill().expect("kill ssh");
    facilitator.wait_for("1 connected");
    facilitator.send("\t");
    ana.wait_for("Matrix (Tab)");
    facilitator.send("\t");
    ana.wait_for("Board (Tab)");

    // Ana raises a claim on the responsibility in view, on a role Tab chooses; the facilitator
    // accepts it, as a claim on that role.
    ana.send("c");
    ana.wait_for("for your department, as any role");
    ana.send("\t");
    ana.wait_for("for your department, as Accountable");
    ana.send("we can own it\r");
    ana.wait_for("Claim raised");
    facilitator.wait_for("1 raised");
    facilitator.send("Q");
    facilitator.wait_for("Ana (Marketing) claims to be Accountable for");
    facilitator.send("a");
    facilitator.wait_for("(raised by Ana)");
    facilitator.send("\x13");
    wait_until("the claim saved", || {
        let saved = std::fs::read_to_string(&file).expect("read");
        saved.contains("{ role = \"accountable\", reason = \"we can own it\"")
            && saved.contains("raised_by = \"Ana\"")
    });

    // Refused: a wrong passcode, an unknown key, commands, sftp, port forwarding.
    let wrong = askpass(dir.path(), "wrong.sh", "not-it");
    let env_wrong = [
        ("SSH_ASKPASS", wrong.as_path()),
        ("SSH_ASKPASS_REQUIRE", force),
    ];
    let (code, stderr) = ssh_batch(port, &["-T", "eve@127.0.0.1"], &env_wrong);
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    // Counted on the facilitator's header, and logged in the state directory.
    facilitator.wait_for("failed login");
    let log = state.join("whoowns").join(whoowns::tui::remote::LOG_FILE);
    let logged = std::fs::read_to_string(&log).expect("the serve log");
    assert!(
        logged.contains("failed login: wrong passcode (user \"eve\""),
        "{logged}"
    );
    let stranger_key = [
        "-i",
        stranger.to_str().expect("utf-8"),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "PreferredAuthentications=publickey",
    ];
    let mut args = stranger_key.to_vec();
    args.push("eve@127.0.0.1");
    let (code, stderr) = ssh_batch(port, &args, &[]);
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("Permission denied"), "{stderr}");
    let env_right = [
        ("SSH_ASKPASS", pass.as_path()),
        ("SSH_ASKPASS_REQUIRE", force),
    ];
    let (code, stderr) = ssh_batch(port, &["ana@127.0.0.1", "cat", "/etc/passwd"], &env_right);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("exec request failed"), "{stderr}");
    let (code, stderr) = ssh_batch(port, &["-s", "ana@127.0.0.1", "sftp"], &env_right);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("subsystem request failed"), "{stderr}");
    let (code, stderr) = ssh_batch(
        port,
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "127.0.0.1:0:127.0.0.1:9",
            "ana@127.0.0.1",
        ],
        &env_right,
    );
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("forwarding failed"), "{stderr}");
    // `-L`: the forward is set up on the client, and every channel through it is refused.
    let local = free_port();
    let forward = format!("127.0.0.1:{local}:127.0.0.1:{port}");
    let mut command = Command::new("ssh");
    // (ssh takes the first value of an option: INFO so the refusal is reported.)
    command
        .args(["-o", "LogLevel=INFO"])
        .args(ssh_args(port))
        .args(["-N", "-L", &forward, "ana@127.0.0.1"])
        .env("SSH_ASKPASS", &pass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut tunnel = command.spawn().expect("ssh -L");
    let mut stream = None;
    wait_until("the -L port to listen", || {
        stream = TcpStream::connect(("127.0.0.1", local)).ok();
        stream.is_some()
    });
    let mut stream = stream.expect("connected");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut buf = [0u8; 64];
    // Refused: the tunnel closes at once, nothing (no SSH banner of the server) comes through.
    assert_eq!(stream.read(&mut buf).unwrap_or(0), 0);
    let _ = tunnel.kill();
    let output = tunnel.wait_with_output().expect("ssh -L ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("open failed"), "{stderr}");

    // Quitting ends every session with a goodbye line.
    facilitator.send("q");
    assert_eq!(facilitator.exit_code(), 0);
    ana.wait_for("The facilitator ended the session. Goodbye.");
    assert!(
        data.join("whoowns")
            .join(whoowns::tui::remote::HOST_KEY_FILE)
            .exists()
            || walk_has(&data, whoowns::tui::remote::HOST_KEY_FILE)
    );
}

/// Whether a file called `name` is somewhere under `dir`.
fn walk_has(dir: &Path, name: &str) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let path = entry.path();
            path.file_name().is_some_and(|n| n == name) || (path.is_dir() && walk_has(&path, name))
        })
}

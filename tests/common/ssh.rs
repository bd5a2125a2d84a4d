//! The real OpenSSH client against a `whoowns serve` server started in the test process, on
//! 127.0.0.1 only: the server, the client's options and its passcode answers.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use whoowns::session::Session;
use whoowns::tui::app::App;
use whoowns::tui::input::Input;
use whoowns::tui::remote::{Access, Host, Hosting, ServeLog, host_key};

/// A server on a free loopback port for the sample workshop, with `passcode`, the deadline
/// `login_time` and the log `log`: the board's app, the running server, the board's queue
/// and the port.
pub fn serve(
    dir: &Path,
    passcode: &str,
    login_time: Option<Duration>,
    log: ServeLog,
) -> (App, Hosting, Receiver<Input>, u16) {
    let file = dir.join("workshop.toml");
    std::fs::write(&file, whoowns::SAMPLE_WORKSPACE).expect("workspace");
    let app = App::new(Session::open(&file).expect("opens"));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let access = Access {
        passcode: Some(passcode.to_owned()),
        keys: Vec::new(),
    };
    let mut host = Host::new(listener, host_key(dir).expect("host key"), access).with_log(log);
    if let Some(login_time) = login_time {
        host = host.with_login_time(login_time);
    }
    let (board, events) = std::sync::mpsc::channel();
    let hosting = host.start(&app, board).expect("serves");
    (app, hosting, events, port)
}

/// The common options of every `ssh` here: loopback, no host-key files, no config, one
/// passcode prompt.
pub fn ssh_args(port: u16) -> Vec<String> {
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
        "-o",
        "PreferredAuthentications=keyboard-interactive",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// A script that answers ssh's passcode prompt with `code` (SSH_ASKPASS).
pub fn askpass(dir: &Path, name: &str, code: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\necho '{code}'\n")).expect("askpass");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path
}

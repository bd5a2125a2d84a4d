//! A `serve` participant in the plain view (`ssh -t plain@HOST`): the join questions as lines,
//! then the facilitator's changes and agenda steps read out as they happen, the shell's reading
//! commands, no edit, and never an escape byte.

mod common;

use std::path::Path;

use common::pty::Pty;
use common::shell::assert_no_escape;
use common::ssh::{askpass, serve, ssh_args};
use whoowns::tui::remote::ServeLog;

fn plain_participant(dir: &Path, port: u16, user: &str, term: &str) -> Pty {
    let pass = askpass(dir, "pass.sh", "open-sesame");
    let mut args = ssh_args(port);
    args.extend(["-tt".to_owned(), format!("{user}@127.0.0.1")]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let force = Path::new("force");
    let term = Path::new(term);
    Pty::spawn(
        "ssh",
        dir,
        &args,
        &[
            ("SSH_ASKPASS", pass.as_path()),
            ("SSH_ASKPASS_REQUIRE", force),
            ("TERM", term),
        ],
    )
}

#[test]
fn a_plain_participant_hears_the_changes_and_the_agenda_and_can_only_read() {
    let dir = tempfile::tempdir().expect("dir");
    let log = ServeLog::open(&dir.path().join("serve.log")).expect("log");
    let (mut app, hosting, events, port) = serve(dir.path(), "open-sesame", None, log);
    let mut dana = plain_participant(dir.path(), port, "plain", "xterm-256color");
    dana.wait_for("Welcome to the workshop Acme social media charter, in the plain view");
    dana.send("Dana\r");
    dana.wait_for("Dana, which department are you from? There are 8.");
    dana.wait_for("4. PR / Communications");
    dana.send("pr\r");
    dana.wait_for("Joined as Dana, PR / Communications.");

    // The facilitator walks the agenda, then gives the hot potato a home.
    let ws = app.session.workspace().clone();
    app.agenda = whoowns::agenda::Agenda::new(&ws, app.session.analysis(), 0);
    app.agenda.step(app.session.analysis(), true);
    hosting.publish(&app);
    dana.wait_for(
        "Agenda: Finding 1 of 16, error: Nobody is accountable for \"Executive social presence\".",
    );
    let index = ws
        .responsibility_index("executive-presence")
        .expect("sample");
    let change = whoowns::edit::give_role(&ws, index, ws.model.answering(), &["exec".to_owned()])
        .expect("gives");
    app.session.apply(change).expect("applies");
    hosting.publish(&app);
    dana.wait_for("2 changes:\nExecutive social presence: added Executive office: Accountable.\nExecutive social presence: resolved hot potato.\n");
    dana.wait_for("Still open: 4 errors, 9 warnings, 2 info.");

    // Reading commands answer; changing ones are the facilitator's.
    dana.send("show executive\r");
    dana.wait_for("Accountable: Executive office.");
    dana.send("give influencer accountable pr\r");
    dana.wait_for(
        "error: give is for the facilitator: participants follow the session and change nothing",
    );
    // Raising goes to the facilitator's queue, as from the board.
    dana.send("raise claim crisis We answer the press.\r");
    dana.wait_for("Claim on Crisis response raised: the facilitator will take it up.");
    let raised =
        std::iter::from_fn(|| events.recv_timeout(std::time::Duration::from_secs(10)).ok())
            .find_map(|event| match event {
                whoowns::tui::input::Input::Remote(whoowns::tui::remote::RemoteEvent::Raise(r)) => {
                    Some(r)
                }
                _ => None,
            })
            .expect("raised");
    assert_eq!(
        (
            raised.name.as_str(),
            raised.department.as_str(),
            raised.responsibility.as_str(),
            raised.text.as_str()
        ),
        ("Dana", "pr", "crisis-response", "We answer the press.")
    );
    dana.send("raise comment crisis\r");
    dana.wait_for("error: usage: raise claim ITEM [REASON], or raise comment ITEM TEXT");
    dana.send("quit\r");
    dana.wait_for("You left the workshop. Goodbye.");
    assert_no_escape(&dana.raw.lock().expect("raw"), "the plain view");
    assert!(
        app.session.workspace().responsibilities[ws
            .responsibility_index("influencer-relations")
            .expect("sample")]
        .accountable
        .is_empty(),
        "the participant changed nothing"
    );
    hosting.shutdown();
}

#[test]
fn a_dumb_terminal_gets_the_plain_view_whatever_the_user_name() {
    let dir = tempfile::tempdir().expect("dir");
    let log = ServeLog::open(&dir.path().join("serve.log")).expect("log");
    let (_app, hosting, _events, port) = serve(dir.path(), "open-sesame", None, log);
    let mut eli = plain_participant(dir.path(), port, "eli", "dumb");
    eli.wait_for("in the plain view");
    eli.send("Eli\r");
    eli.send("nobody\r");
    eli.wait_for("error: no department \"nobody\"");
    eli.send("2\r");
    eli.wait_for("Joined as Eli, IT.");
    eli.send("summary\r");
    eli.wait_for("Acme social media charter: 18 items, 8 departments.");
    assert_no_escape(&eli.raw.lock().expect("raw"), "the plain view");
    let _ = eli.child.kill();
    hosting.shutdown();
}

//! A short workshop on the real binary in a pseudo-terminal, with real keys: walk to a finding,
//! give a hot potato a home, decline a claim, record a decision, park an item, save, export.
//! Then the saved file and the charter are read back.

mod common;

use common::pty::Pty;
use whoowns::workspace::ClaimStatus;

#[test]
fn a_short_walk_through_is_saved_and_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("acme.toml");
    std::fs::copy("assets/sample.toml", &path).expect("copy");
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &[]);
    app.wait_for("Unowned");

    // The first finding of the agenda is the hot potato "Executive social presence"; Enter
    // offers the departments, the eighth (Executive office) takes it.
    app.send("n");
    app.wait_for("finding 1 of 16");
    app.send("\r");
    app.wait_for("Who is Accountable for \"Executive social presence\"?");
    for _ in 0..7 {
        app.send("\x1b[B");
    }
    app.send("\r");
    app.wait_for("1 settled");

    // Five steps on is Marketing's claim on customer service; Enter opens the claim resolver.
    for _ in 0..5 {
        app.send("n");
    }
    app.wait_for("finding 6 of 16");
    app.send("\r");
    app.wait_for("Claims on \"Customer service on social\"");
    app.send("d");
    app.wait_for("Why decline");
    app.send("Care answers within the hour; Marketing is consulted");
    app.send("\r");
    app.wait_for("Done: decline Marketing's claim");

    // A decision about the selected responsibility, dated today.
    app.send("d");
    app.wait_for("Decision on \"Customer service on social\"");
    app.send("Care keeps service; Marketing reviews the tone monthly.");
    app.send("\r");
    app.wait_for("Done: record a decision");

    // One step back is the hot potato "Investor relations on social": park it.
    app.send("N");
    app.wait_for("finding 5 of 16");
    app.wait_for("Nobody is accountable for \"Investor relations on social\"");
    app.send("p");
    app.wait_for("for later: a note");
    app.send("Wait for the CFO");
    app.send("\r");
    app.wait_for("Done: park");

    app.send("\x13"); // Ctrl+S
    app.wait_for("Saved");
    app.send("e");
    app.wait_for("Export the charter");
    app.send("y");
    app.wait_for("Exported the charter");
    app.send("q");
    assert_eq!(app.exit_code(), 0);

    let ws = whoowns::session::Session::open(&path).expect("the saved file is valid");
    let ws = ws.workspace();
    let exec = ws.responsibility("executive-presence").expect("item");
    assert_eq!(exec.accountable, ["exec"]);
    let service = ws.responsibility("customer-service").expect("item");
    let claim = &service.claims.of("marketing")[0];
    assert_eq!(claim.status, ClaimStatus::Declined);
    assert_eq!(
        claim.answer.as_deref(),
        Some("Care answers within the hour; Marketing is consulted")
    );
    let texts: Vec<&str> = ws.decisions.iter().map(|d| d.text.as_str()).collect();
    assert!(texts.contains(
        &"Declined Marketing's claim on Customer service on social: Care answers within the hour; Marketing is consulted"
    ));
    assert!(texts.contains(&"Care keeps service; Marketing reviews the tone monthly."));
    let investor = ws.responsibility("investor-relations").expect("item");
    assert_eq!(investor.parked.as_deref(), Some("Wait for the CFO"));
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        saved.contains("# whoowns sample workspace"),
        "comments survive the save"
    );

    let charter = std::fs::read_to_string(dir.path().join("acme.charter.md")).expect("exported");
    for expected in [
        "## Parked for later",
        "- Investor relations on social: Wait for the CFO",
        "— **declined** on ",
        "Care keeps service; Marketing reviews the tone monthly.",
        "## Changes agreed in this session",
        "## Sign-off",
    ] {
        assert!(charter.contains(expected), "{expected:?} in\n{charter}");
    }
}

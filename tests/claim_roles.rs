//! Claims name the role they ask for (issue 22): the board records one with its department, its
//! role and its reason, accepting gives exactly that role, a participant raises one on a role;
//! the file keeps a list per department, and check, the charter, the diff and the spreadsheet
//! round trip carry it.

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::claims::{choose_row, open_rows, sample_board, screen_text, select_card};
use common::{feed, key, typed};
use ratatui::crossterm::event::KeyCode;
use whoowns::session::Session;
use whoowns::tui::app::{ListKind, Mode};
use whoowns::tui::remote::{Raised, RaisedKind, RemoteEvent, Room, on_event};
use whoowns::workspace::{ClaimStatus, parse};

const SAMPLE_CLAIM: &str =
    "claims = { care = \"Customers talk to us first; the community is part of service.\" }\n";
const TWO_ROLES: &str = "claims = { care = \"Customers talk to us first; the community is part of service.\", legal = [{ role = \"accountable\", reason = \"Moderation is a legal risk.\" }, { role = \"responsible\", reason = \"We answer the takedowns.\", status = \"declined\", answer = \"Care answers\", date = \"2026-11-20\" }] }\n";

#[test]
fn c_records_a_claim_with_department_role_and_reason_and_accepting_gives_exactly_that_role() {
    let (_dir, mut app) = sample_board(120, 40);
    select_card(&mut app, "brand-voice");
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    assert!(
        screen_text(&mut app)
            .contains("No open claims on \"Brand voice and tone\": which department claims it?")
    );
    let rows = open_rows(&app);
    // Marketing answers for it and does it: no role left to claim. PR does it, and may claim
    // to answer for it.
    assert!(!rows.iter().any(|r| r == "Marketing"), "{rows:?}");
    assert!(rows.iter().any(|r| r.starts_with("PR")), "{rows:?}");
    choose_row(&mut app, "IT");
    assert!(
        screen_text(&mut app).contains("Which role does IT claim on \"Brand voice and tone\"?")
    );
    assert_eq!(
        open_rows(&app),
        [
            "Accountable (decides and answers)",
            "Responsible (does the work)",
            "Consulted (is asked before)",
            "Informed (is told after)"
        ]
    );
    choose_row(&mut app, "Responsible");
    assert!(
        screen_text(&mut app)
            .contains("Why should IT be Responsible for \"Brand voice and tone\"?")
    );
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert!(screen_text(&mut app).contains("say why the department claims it"));
    feed(&mut app, &typed("We run the accounts"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app.workspace().responsibility("brand-voice").expect("item");
    let claim = r.claims.get("it", Some("responsible")).expect("IT's claim");
    assert!(claim.is_open());
    assert_eq!(claim.reason, "We run the accounts");
    // Who raised it is a field of the claim, not words in its reason.
    assert_eq!(claim.raised_by.as_deref(), Some("Dana Kim"));

    // A second claim of IT, on another role: `n` in the claims.
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    assert_eq!(
        open_rows(&app),
        ["IT as Responsible: We run the accounts (raised by Dana Kim)"]
    );
    assert!(screen_text(&mut app).contains("n new claim"));
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(screen_text(&mut app).contains("Another claim on \"Brand voice and tone\""));
    choose_row(&mut app, "IT");
    let rows = open_rows(&app);
    assert!(
        !rows.iter().any(|r| r.starts_with("Responsible")),
        "{rows:?}"
    );
    choose_row(&mut app, "Accountable");
    feed(&mut app, &typed("We own the tools"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app.workspace().responsibility("brand-voice").expect("item");
    assert_eq!(r.claims.of("it").len(), 2);

    // Accepting the claim on Accountable gives exactly that role, and nothing else.
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    let before = app.workspace().clone();
    choose_row(&mut app, "IT as Accountable");
    let r = app.workspace().responsibility("brand-voice").expect("item");
    assert_eq!(r.accountable, ["marketing", "it"]);
    assert_eq!(r.responsible, ["marketing", "pr"]);
    assert_eq!(
        r.claims.get("it", Some("accountable")).map(|c| c.status),
        Some(ClaimStatus::Accepted)
    );
    assert!(
        r.claims
            .get("it", Some("responsible"))
            .is_some_and(|c| c.is_open())
    );
    let logged = &app.workspace().decisions.last().expect("a decision").text;
    assert_eq!(
        logged,
        "Accepted IT's claim on Brand voice and tone as Accountable: IT decides and answers."
    );
    // Back to the claims still open; the other is declined with a reason.
    assert!(matches!(app.mode, Mode::List(l) if l.kind == ListKind::Claims(0)));
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    assert!(
        screen_text(&mut app)
            .contains("Why decline IT's claim to be Responsible on \"Brand voice and tone\"?")
    );
    feed(&mut app, &typed("PR writes the posts"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let r = app.workspace().responsibility("brand-voice").expect("item");
    assert_eq!(r.responsible, ["marketing", "pr"]);
    assert_eq!(
        r.claims.get("it", Some("responsible")).map(|c| c.status),
        Some(ClaimStatus::Declined)
    );

    // Saved as a list of claims and read back the same.
    feed(&mut app, &[key(KeyCode::Esc), common::ctrl('s')]);
    let saved = std::fs::read_to_string(app.session.path()).expect("saved");
    assert!(
        saved.contains("claims = { it = [{ role = \"responsible\", reason = \"We run the accounts\", status = \"declined\", answer = \"PR writes the posts\", date = \"2026-11-24\", raised_by = \"Dana Kim\" }, { role = \"accountable\", reason = \"We own the tools\", status = \"accepted\", answer = \"IT decides and answers\", date = \"2026-11-24\", raised_by = \"Dana Kim\" }] }"),
        "{saved}"
    );
    let again = Session::open(app.session.path()).expect("reads back");
    assert_eq!(
        again.workspace().responsibilities,
        app.workspace().responsibilities
    );

    // Undo steps back through decline and accept to exactly the state before.
    feed(
        &mut app,
        &[key(KeyCode::Char('u')), key(KeyCode::Char('u'))],
    );
    assert_eq!(app.workspace(), &before);
}

#[test]
fn the_claim_flow_fits_at_80x24() {
    let (_dir, mut app) = sample_board(80, 24);
    select_card(&mut app, "brand-voice");
    let at = |app: &mut whoowns::tui::app::App| {
        common::text(common::draw(app, 80, 24).backend().buffer())
    };
    common::feed_at(&mut app, &[key(KeyCode::Char('c'))], 80, 24);
    assert!(
        at(&mut app).contains("which department claims it?"),
        "{}",
        at(&mut app)
    );
    choose_row(&mut app, "IT");
    let screen = at(&mut app);
    assert!(
        screen.contains("Accountable (decides and answers)"),
        "{screen}"
    );
    assert!(screen.contains("Enter say why"), "{screen}");
}

#[test]
fn a_participant_raises_a_claim_on_a_role_and_the_facilitator_accepts_it_as_such() {
    let (_dir, mut app) = sample_board(120, 40);
    app.room = Some(Room::default());
    let raise = |role: Option<&str>| {
        RemoteEvent::Raise(Raised {
            kind: RaisedKind::Claim,
            name: "Ana".to_owned(),
            department: "legal".to_owned(),
            responsibility: "brand-voice".to_owned(),
            text: "we vet every post".to_owned(),
            role: role.map(str::to_owned),
        })
    };
    on_event(&mut app, raise(Some("accountable")));
    on_event(&mut app, raise(Some("accountable")));
    feed(&mut app, &[key(KeyCode::Char('Q'))]);
    let rows = open_rows(&app);
    assert!(
        rows[0].contains(
            "Ana (Legal & Compliance) claims to be Accountable for \"Brand voice and tone\": we vet every post"
        ),
        "{rows:?}"
    );
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    let r = app.workspace().responsibility("brand-voice").expect("item");
    let claim = r
        .claims
        .get("legal", Some("accountable"))
        .expect("Legal's claim");
    assert!(claim.is_open());
    assert_eq!(claim.reason, "we vet every post");
    assert_eq!(claim.raised_by.as_deref(), Some("Ana"));
    // The same claim again is not a second claim on the same role.
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    assert!(
        screen_text(&mut app).contains("Legal & Compliance already has that claim open"),
        "{}",
        screen_text(&mut app)
    );
    assert_eq!(
        app.workspace()
            .responsibility("brand-voice")
            .expect("item")
            .claims
            .len(),
        1
    );
}

/// A scratch copy of the sample whose Community management has Legal's claims on two roles.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(claims: &str) -> Scratch {
        let dir = tempfile::tempdir().expect("tempdir");
        let sample = std::fs::read_to_string("assets/sample.toml").expect("sample");
        assert!(sample.contains(SAMPLE_CLAIM));
        std::fs::write(dir.path().join("before.toml"), &sample).expect("write");
        std::fs::write(
            dir.path().join("ws.toml"),
            sample.replace(SAMPLE_CLAIM, claims),
        )
        .expect("write");
        Scratch { dir }
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = cargo_bin_cmd!("whoowns")
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).expect("UTF-8"),
            String::from_utf8(out.stderr).expect("UTF-8"),
        )
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("ws.toml")).expect("read")
    }
}

#[test]
fn check_charter_and_diff_name_the_role_of_each_claim() {
    let s = Scratch::new(TWO_ROLES);
    let (code, stdout, stderr) = s.run(&["check", "ws.toml"]);
    assert!(code == 0 || code == 1, "{code}: {stderr}");
    assert!(
        stdout.contains("Legal & Compliance claims to be Accountable for \"Community management\" and is not: accept or decline the claim."),
        "{stdout}"
    );
    let (code, charter, stderr) = s.run(&["export", "ws.toml"]);
    assert_eq!(code, 0, "{stderr}");
    // Per responsibility, and in Legal's own part.
    for line in [
        " as Accountable: Moderation is a legal risk. — open",
        " as Responsible: We answer the takedowns. — **declined** on 2026-11-20: Care answers",
    ] {
        assert_eq!(charter.matches(line).count(), 2, "{line}\n{charter}");
    }
    let (_, diff, stderr) = s.run(&["diff", "before.toml", "ws.toml"]);
    for line in [
        "+ claim by Legal & Compliance to be Accountable: Moderation is a legal risk.",
        "+ claim by Legal & Compliance to be Responsible: We answer the takedowns. (declined: Care answers)",
    ] {
        assert!(diff.contains(line), "{line}\n{diff}{stderr}");
    }
}

#[test]
fn a_claim_on_an_unknown_role_is_reported_at_its_line_and_column_with_the_role_meant() {
    let s = Scratch::new(&TWO_ROLES.replace("\"accountable\"", "\"acountable\""));
    let (code, stdout, stderr) = s.run(&["check", "ws.toml"]);
    assert_eq!(code, 2, "{stdout}");
    let line = s
        .text()
        .lines()
        .position(|l| l.contains("acountable"))
        .expect("the line")
        + 1;
    let column = s
        .text()
        .lines()
        .nth(line - 1)
        .expect("line")
        .find("\"acountable\"")
        .expect("at")
        + 1;
    assert!(
        stderr.contains(&format!("ws.toml:{line}:{column}")),
        "{line}:{column}\n{stderr}"
    );
    assert!(stderr.contains("unknown role `acountable`"), "{stderr}");
    assert!(stderr.contains("did you mean `accountable`?"), "{stderr}");
}

#[test]
fn claims_on_several_roles_survive_a_spreadsheet_round_trip() {
    let s = Scratch::new(TWO_ROLES);
    let (code, csv, stderr) = s.run(&["export", "--format", "csv", "ws.toml"]);
    assert_eq!(code, 0, "{stderr}");
    // The sheet gives Legal a role on Community management; its claims stay as written.
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    let heading = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Legal & Compliance"))
        .expect("a heading");
    let legal = rows[heading]
        .iter()
        .position(|c| c == "Legal & Compliance")
        .expect("Legal's column");
    let row = rows
        .iter_mut()
        .find(|r| r.iter().any(|c| c == "Community management"))
        .expect("the row");
    row[legal] = "C".into();
    let mut edited = csv::WriterBuilder::new()
        .flexible(true)
        .from_path(s.dir.path().join("sheet.csv"))
        .expect("csv");
    for row in &rows {
        edited.write_record(row).expect("row");
    }
    edited.flush().expect("flush");
    let claims_before = parse(&s.text()).expect("loads").workspace.responsibilities[1..]
        .iter()
        .map(|r| r.claims.clone())
        .collect::<Vec<_>>();
    let (code, _, stderr) = s.run(&["import", "sheet.csv", "--into", "ws.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let text = s.text();
    assert!(text.contains(TWO_ROLES), "{text}");
    let ws = parse(&text).expect("loads").workspace;
    let r = ws.responsibility("community-management").expect("item");
    assert_eq!(r.consulted, ["pr", "legal"]);
    let claims_after = ws.responsibilities[1..]
        .iter()
        .map(|r| r.claims.clone())
        .collect::<Vec<_>>();
    assert_eq!(claims_after, claims_before);
}

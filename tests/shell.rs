//! `whoowns shell` as a script: every command through the real binary, the exact answers, every
//! error with its line, the exit codes and the file afterwards.

mod common;

use common::shell::{Scratch, assert_no_escape, fixture, stderr, stdout};

/// `text` with today's date, as the shell says it ("7 December 2026"), written TODAY.
fn dated(text: &str) -> String {
    let today = chrono::Local::now()
        .date_naive()
        .format("%-d %B %Y")
        .to_string();
    text.replace(&today, "TODAY")
}

#[test]
fn every_command_answers_in_plain_sentences() {
    let scratch = Scratch::sample();
    let script = std::fs::read_to_string(fixture("shell/every-command.txt")).expect("fixture");
    let output = scratch.run(&[], &script);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_no_escape(&output.stdout, "standard output");
    insta::assert_snapshot!("every_command", dated(&stdout(&output)));
    let saved = scratch.text();
    assert!(saved.contains("accountable = [\"pr\"]"), "{saved}");
    assert!(saved.contains("name = \"Crisis rehearsals\""), "{saved}");
    assert!(saved.contains("by = \"Carla Jensen\""), "{saved}");
    assert!(saved.contains("The CEO speaks first."), "{saved}");
    assert!(
        saved.starts_with("#:schema ./whoowns.schema.json\n# whoowns sample workspace"),
        "the file's comments stay"
    );
    let charter = std::fs::read_to_string(scratch.dir.path().join("ws.charter.md")).expect("md");
    assert!(charter.contains("Crisis rehearsals"), "{charter}");
    assert!(scratch.dir.path().join("charter.md").exists());
    assert!(scratch.journals().is_empty(), "the journal goes at the end");
}

/// Each failing line, its exact error and exit 1; the file is never touched.
#[test]
fn the_first_failing_line_stops_the_script_naming_it_and_saves_nothing() {
    let cases = [
        ("shwo crisis", "no command \"shwo\"; did you mean show?"),
        (
            "show Crisis responce",
            "no item \"Crisis responce\"; did you mean \"Crisis response\"?",
        ),
        (
            "show social",
            "\"social\" could be \"Social listening and monitoring\", \"Social media policy\" or \"Budget for social\"; type more of the name or use the id",
        ),
        ("show", "something is missing; usage: show ITEM"),
        (
            "give crisis owner pr",
            "no role \"owner\"; the RACI roles are accountable, responsible, consulted and informed",
        ),
        (
            "give crisis accountable prr pr",
            "too many words from \"pr\" on; usage: give ITEM ROLE DEPT",
        ),
        (
            "give crisis accountable Legl",
            "no department \"Legl\"; did you mean \"Legal & Compliance\"?",
        ),
        (
            "take crisis responsible legal",
            "Legal & Compliance is not Responsible for Crisis response; show crisis-response says who is",
        ),
        (
            "move crisis responsible legal it",
            "Legal & Compliance is not Responsible for Crisis response, so there is nothing to move",
        ),
        (
            "show \"Crisis",
            "the double quote at column 6 is never closed",
        ),
        (
            "fund crisis legal lots",
            "\"lots\" is not an amount (write 12000, 12,000 or 12 000.50)",
        ),
        (
            "claim crisis legal accept accountable",
            "Legal & Compliance has no open claim on Crisis response; nobody has",
        ),
        (
            "claim listening pr accept accountable",
            "PR / Communications has no open claim on Social listening and monitoring; IT and Legal & Compliance have",
        ),
        (
            "claim listening legal maybe",
            "\"maybe\" is neither accept nor decline; usage: claim ITEM DEPT accept ROLE, or claim ITEM DEPT decline REASON",
        ),
        (
            "add Crisis Drills",
            "\"Crisis\" cannot be an id: use lowercase letters, digits and dashes, such as crisis-drills",
        ),
        (
            "add crisis-response Again",
            "the id crisis-response is taken by Crisis response",
        ),
        (
            "decide Note: this",
            "no item \"Note\"; the list command names them all (to record a decision about the charter as a whole, put the text in quotes)",
        ),
        (
            "rename crisis \"\"",
            "something is missing; usage: rename ITEM NAME",
        ),
        ("help nothing", "no command \"nothing\"; help lists them"),
        (
            "save later",
            "\"later\" is neither overwrite nor anyway; usage: save, save overwrite or save anyway",
        ),
    ];
    for (line, error) in cases {
        let scratch = Scratch::sample();
        let before = scratch.text();
        let output = scratch.run(
            &[],
            &format!("give influencer accountable pr\n{line}\nsave\n"),
        );
        assert_eq!(output.status.code(), Some(1), "{line}");
        assert_no_escape(&output.stderr, line);
        let said = stderr(&output);
        assert_eq!(
            said.lines().next(),
            Some(format!("error: line 2: {error}").as_str()),
            "{line}"
        );
        assert_eq!(scratch.text(), before, "{line}: nothing is saved");
        assert!(scratch.journals().is_empty(), "{line}: no journal is left");
    }
}

#[test]
fn keep_going_reports_each_failure_and_runs_the_rest() {
    let scratch = Scratch::sample();
    let output = scratch.run(
        &["--keep-going"],
        "nonsense\ngive influencer accountable pr\nshow nothing-like-it\nsave\n",
    );
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("error: line 1: no command \"nonsense\""),
        "{errors}"
    );
    assert!(
        errors.contains("error: line 3: no item \"nothing-like-it\""),
        "{errors}"
    );
    assert!(stdout(&output).contains("Saved ws.toml."));
    assert!(scratch.text().contains("accountable = [\"pr\"]"));
}

#[test]
fn a_script_keeps_only_what_it_saves_and_says_so() {
    let scratch = Scratch::sample();
    let before = scratch.text();
    let output = scratch.run(
        &[],
        "give influencer accountable pr\ntake brand informed hr\n",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "note: 2 changes were not saved: a script keeps only what it saves (end it with save)\n"
    );
    assert_eq!(scratch.text(), before);
    assert!(scratch.journals().is_empty());
    let output = scratch.run(
        &[],
        "give influencer accountable pr\nsave\ntake brand informed hr\nquit\n",
    );
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(
        out.ends_with("Quit without saving: 1 change not saved.\n"),
        "{out}"
    );
    let text = scratch.text();
    assert!(text.contains("accountable = [\"pr\"]"));
    assert!(
        text.contains("informed = [\"sales\", \"care\", \"hr\"]"),
        "the take was not saved"
    );
}

#[test]
fn undo_and_redo_say_what_they_took_back_and_the_findings_it_moved() {
    let scratch = Scratch::sample();
    let output = scratch.run(
        &[],
        "undo\ngive influencer accountable pr\nundo\nredo\nredo\n",
    );
    assert_eq!(
        stdout(&output),
        "Nothing to undo.\n\
         Done: PR / Communications added as Accountable for Influencer relations.\n\
         Resolved: hot potato on Influencer relations.\n\
         Still open: 4 errors, 9 warnings, 2 info.\n\
         Undone: give Accountable of \"Influencer relations\" to PR / Communications.\n\
         New: hot potato on Influencer relations.\n\
         Still open: 5 errors, 9 warnings, 2 info.\n\
         Redone: give Accountable of \"Influencer relations\" to PR / Communications.\n\
         Resolved: hot potato on Influencer relations.\n\
         Still open: 4 errors, 9 warnings, 2 info.\n\
         Nothing to redo.\n"
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_unless_asked() {
    use std::io::{BufRead, BufReader, Write};
    let scratch = Scratch::sample();
    let mut child = scratch.spawn(std::process::Stdio::piped());
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    writeln!(stdin, "give influencer accountable pr").expect("write");
    let mut line = String::new();
    out.read_line(&mut line).expect("answer");
    assert!(line.starts_with("Done:"), "{line}");
    let elsewhere = format!("{}\n# edited elsewhere\n", scratch.text());
    std::fs::write(scratch.file(), &elsewhere).expect("write");
    writeln!(stdin, "save").expect("write");
    drop(stdin);
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).lines().next(),
        Some(
            "error: line 2: not saved: ws.toml changed on disk since it was opened; save overwrite writes over those changes"
        )
    );
    assert_eq!(scratch.text(), elsewhere);
    let output = scratch.run(&[], "give influencer accountable pr\nsave overwrite\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(scratch.text().contains("accountable = [\"pr\"]"));
}

#[test]
fn a_killed_script_leaves_its_journal_and_the_next_run_says_so() {
    use std::io::{BufRead, BufReader, Write};
    let scratch = Scratch::sample();
    let mut child = scratch.spawn(std::process::Stdio::null());
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    writeln!(stdin, "give influencer accountable pr").expect("write");
    let mut line = String::new();
    out.read_line(&mut line).expect("answer");
    // The journal is written by its own thread, right after the change.
    let start = std::time::Instant::now();
    while scratch.journals().is_empty() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("ends");
    assert_eq!(
        scratch.journals().len(),
        1,
        "the unsaved change is journaled"
    );
    let output = scratch.run(&[], "summary\n");
    assert_eq!(
        stderr(&output),
        "note: ws.toml has unsaved changes from a board or shell that ended without saving; open it on a terminal to restore or discard them\n"
    );
    assert_eq!(
        scratch.journals().len(),
        1,
        "a script leaves them for a person"
    );
}

/// Names, reasons and notes holding escape sequences and controls come out as visible stand-ins.
#[test]
fn hostile_names_never_put_an_escape_byte_out() {
    let hostile = "whoowns = 1\n[workspace]\nname = \"Evil\\u001b]0;owned\\u0007\\u001b[2J\"\n\
        [[department]]\nid = \"a\"\nname = \"Red\\u001b[31m team\\u009b2J\"\nlead = \"\\u001b[5mBlink\"\n\
        [[department]]\nid = \"b\"\nname = \"B\\u202eside\"\n\
        [[responsibility]]\nid = \"x\"\nname = \"Crisis\\u001b[1A\\rreply\"\narea = \"A\\u001bP\"\n\
        description = \"\\u001b[?1049h\"\naccountable = [\"a\", \"b\"]\n\
        claims = { b = { reason = \"\\u001b[6n\" } }\n";
    let scratch = Scratch::with(hostile);
    let script = "help\nsummary\nfindings\nnext\nprevious\nshow x\ndepartment a\nlist\nlist a\n\
        give x informed b\ntiebreak x \u{1b}[31mred\u{7}\nclaim x b decline \u{1b}[2J\n\
        decide x: \u{1b}]52;c;aGk=\u{7}\nsign a \u{1b}[5mName\nrename x New\u{1b}[1Aname\n\
        add y \u{1b}[31mY\nshow \u{1b}[99m\nchanges\nundo\nredo\nsave\nexport\n";
    let output = scratch.run(&["--keep-going"], script);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_no_escape(&output.stdout, "standard output");
    assert_no_escape(&output.stderr, "standard error");
    let out = stdout(&output);
    assert!(out.contains("Red␛[31m team"), "{out}{}", stderr(&output));
    assert!(
        stderr(&output).contains("error: line 17: no item \"␛[99m\""),
        "{}",
        stderr(&output)
    );
}

/// The example script of the README is this fixture, and it does what the README says.
#[test]
fn the_readme_example_script_runs() {
    let script = std::fs::read_to_string(fixture("shell/workshop.txt")).expect("fixture");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("readme");
    assert!(
        readme.contains(&script),
        "README.md shows tests/fixtures/shell/workshop.txt"
    );
    let scratch = Scratch::sample();
    let output = scratch.run(&[], &script);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    insta::assert_snapshot!("readme_workshop", dated(&stdout(&output)));
    assert!(scratch.dir.path().join("ws.charter.md").exists());
}

#[test]
fn term_dumb_opens_the_shell_instead_of_the_board() {
    let scratch = Scratch::sample();
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("whoowns");
    command
        .arg("ws.toml")
        .current_dir(scratch.dir.path())
        .env("TERM", "dumb")
        .write_stdin("summary\n");
    for (key, value) in scratch.env() {
        command.env(key, value);
    }
    let output = command.output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_no_escape(&output.stdout, "standard output");
    assert!(
        stdout(&output).starts_with("Acme social media charter: 18 items, 8 departments.\n"),
        "{}",
        stdout(&output)
    );
}

/// ROLE is a key of the workspace's own model: a custom one, and does / decides / answers.
#[test]
fn roles_are_the_workspaces_models_keys() {
    let custom = std::fs::read_to_string(fixture("models/custom.toml")).expect("fixture");
    let scratch = Scratch::with(&custom);
    let output = scratch.run(
        &[],
        "next\ngive sponsored owner editorial\nmove daily-posts reviewers legal social\nsave\ngive daily accountable legal\n",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "Finding 1 of 1, error: Nobody answers for \"Sponsored posts\" (Owner).\n\
         To fix: give sponsored owner DEPT\n\
         Done: Editorial added as Owner for Sponsored posts.\n\
         Resolved: hot potato on Sponsored posts.\n\
         Nothing open: every finding is settled.\n\
         Done: Social team replaces Legal as Reviewers for Daily posts.\n\
         Saved ws.toml.\n"
    );
    assert_eq!(
        stderr(&output),
        "error: line 5: no role \"accountable\"; the custom roles are owner, makers, reviewers and watchers\n"
    );
    assert!(scratch.text().contains("owner = [\"editorial\"]"));
    let dda =
        std::fs::read_to_string(fixture("models/does-decides-answers.toml")).expect("fixture");
    let scratch = Scratch::with(&dda);
    let output = scratch.run(&[], "give press decides legal\nsave\n");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with(
            "Done: Legal added as Decides for Press statements.\nResolved: undecided on Press statements.\n"
        ),
        "{}",
        stdout(&output)
    );
}

/// A save keeps the version it replaces, as the board's does: `whoowns restore` lists it.
#[test]
fn a_save_keeps_a_backup_as_the_boards_does() {
    let scratch = Scratch::sample();
    let output = scratch.run(&[], "give influencer accountable pr\nsave\n");
    assert_eq!(output.status.code(), Some(0));
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("whoowns");
    command
        .args(["restore", "ws.toml", "--list"])
        .current_dir(scratch.dir.path());
    for (key, value) in scratch.env() {
        command.env(key, value);
    }
    let listed = command.output().expect("runs");
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    let kept = stdout(&listed);
    assert!(
        kept.starts_with("backups of ws.toml, newest first:\n  1  "),
        "{kept}"
    );
    assert_eq!(kept.lines().count(), 2, "one version kept: {kept}");
}

/// Without FILE and without a `whoowns.toml` around, the shell opens your default workspace
/// (made from the sample on first use), as the board does.
#[test]
fn without_a_file_the_default_workspace_opens() {
    let scratch = Scratch::sample();
    let empty = scratch.dir.path().join("elsewhere");
    std::fs::create_dir(&empty).expect("dir");
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("whoowns");
    command
        .arg("shell")
        .current_dir(&empty)
        .env_remove("TERM")
        .write_stdin("summary\n");
    for (key, value) in scratch.env() {
        command.env(key, value);
    }
    let output = command.output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Acme social media charter: 18 items"));
    assert!(
        scratch
            .dir
            .path()
            .join("data/whoowns/workspace.toml")
            .exists()
    );
}

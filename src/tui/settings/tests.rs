use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

const FILE: &str = "/home/me/.config/whoowns/settings.toml";

fn parse(text: &str) -> Settings {
    Settings::parse(text, FILE)
}

/// The one problem of `text`, which must start at `line:column`.
fn problem(text: &str, line_column: &str) -> String {
    let settings = parse(text);
    assert_eq!(settings.problems.len(), 1, "{:?}", settings.problems);
    let problem = settings.problems[0].clone();
    let at = format!("{FILE}:{line_column}: ");
    assert!(
        problem.starts_with(&at),
        "{problem} does not start with {at}"
    );
    problem
}

#[test]
fn every_setting_is_read() {
    let settings = parse(
        r#"# my settings
theme = "high-contrast"
lens = "responsible"
recent = ["/tmp/a.toml", "/tmp/b.toml"]
keep_days = 7

[panels]
findings = false
detail = true

[keys]
save = "ctrl+w"
undo = ["u", "ctrl+z", "F2"]

[keys.board]
pick-up = "ctrl+p"
"#,
    );
    assert_eq!(settings.problems, Vec::<String>::new());
    assert_eq!(settings.theme, Some(ThemeName::HighContrast));
    assert_eq!(settings.lens, Some(Role::Responsible));
    assert_eq!(settings.keep(), std::time::Duration::from_secs(7 * 86_400));
    assert_eq!(
        settings.panels,
        Panels {
            findings: Some(false),
            detail: Some(true)
        }
    );
    assert_eq!(
        settings.recent,
        [PathBuf::from("/tmp/a.toml"), PathBuf::from("/tmp/b.toml")]
    );
    let names: Vec<(Option<Context>, &str, usize)> = settings
        .keys
        .iter()
        .map(|o| (o.context, o.action.name().unwrap_or(""), o.keys.len()))
        .collect();
    assert_eq!(
        names,
        [
            (None, "save", 1),
            (None, "undo", 3),
            (Some(Context::Board), "pick-up", 1)
        ]
    );
    assert_eq!(settings.keys[0].at, format!("{FILE}:12:1"));
    let (keymap, conflicts) = settings.keymap();
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap.action_for(&[Context::Board, Context::Global], &ctrl_w),
        Some(Action::Save)
    );
}

#[test]
fn an_empty_or_missing_file_gives_the_defaults() {
    assert_eq!(
        parse(""),
        Settings {
            file: FILE.to_owned(),
            ..Settings::default()
        }
    );
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        SettingsFile::at(dir.path().join("none.toml")).load(),
        Settings::default()
    );
}

#[test]
fn bad_toml_is_reported_at_its_line_and_the_rest_is_kept() {
    let settings = parse("theme = \"light\"\nlens = \"informed\n[panels]\ndetail = false\n");
    assert!(!settings.problems.is_empty());
    assert!(
        settings.problems[0].starts_with(&format!("{FILE}:2:")),
        "{:?}",
        settings.problems
    );
    assert!(settings.problems[0].contains("invalid TOML"));
    assert!(settings.problems[0].contains("keeps its default"));
    assert_eq!(settings.theme, Some(ThemeName::Light));
}

#[test]
fn unknown_settings_are_named_with_a_suggestion() {
    let p = problem("theme = \"light\"\nthem = \"mono\"\n", "2:1");
    assert!(p.contains("unknown setting `them`"), "{p}");
    assert!(p.contains("did you mean `theme`"), "{p}");
    let p = problem("[panels]\nfinding = false\n", "2:1");
    assert!(p.contains("did you mean `findings`"), "{p}");
}

#[test]
fn wrong_types_say_what_was_expected_and_keep_the_default() {
    let p = problem("lens = 3\n", "1:8");
    assert!(p.contains("`lens` must be a lens name"), "{p}");
    assert!(p.contains("found an integer"), "{p}");
    assert!(p.contains("default is used"), "{p}");
    let p = problem("[panels]\ndetail = \"no\"\n", "2:10");
    assert!(p.contains("must be true or false"), "{p}");
    let p = problem("recent = [\"/a.toml\", 4]\n", "1:22");
    assert!(p.contains("left out"), "{p}");
    assert_eq!(parse("recent = [\"/a.toml\", 4]\n").recent.len(), 1);
    let p = problem("[keys]\nsave = 4\n", "2:8");
    assert!(p.contains("default keys are kept"), "{p}");
    let p = problem("keep_days = \"week\"\n", "1:13");
    assert!(p.contains("`keep_days` must be a number of days"), "{p}");
    for bad in ["0", "-3", "99999999999999999999"] {
        let text = format!("keep_days = {bad}\n");
        let p = problem(&text, "1:13");
        assert!(
            p.contains("from 1 to 36500") && p.contains("30 days are kept"),
            "{p}"
        );
        assert_eq!(parse(&text).keep(), parse("").keep());
    }
}

#[test]
fn unknown_themes_and_lenses_are_reported() {
    let p = problem("theme = \"high-contrats\"\n", "1:9");
    assert!(p.contains("unknown theme `high-contrats`"), "{p}");
    assert!(p.contains("did you mean `high-contrast`"), "{p}");
    assert!(p.contains("default theme is used"), "{p}");
    let p = problem("lens = \"boss\"\n", "1:8");
    assert!(p.contains("unknown lens `boss`"), "{p}");
}

#[test]
fn bad_keys_and_unknown_actions_are_reported_at_their_place() {
    let p = problem("[keys]\nsave = \"ctlr+s\"\n", "2:8");
    assert!(p.contains("`ctlr` is not a modifier"), "{p}");
    assert!(p.contains("`save` keeps its default keys"), "{p}");
    let p = problem("[keys]\nundo = [\"u\", \"enterr\"]\n", "2:14");
    assert!(p.contains("`enterr` is not a key"), "{p}");
    let p = problem("[keys]\nsavee = \"ctrl+w\"\n", "2:1");
    assert!(p.contains("unknown action `savee`"), "{p}");
    assert!(p.contains("did you mean `save`"), "{p}");
    let p = problem("[keys.bord]\nleft = \"b\"\n", "1:7");
    assert!(p.contains("unknown context `[keys.bord]`"), "{p}");
    assert!(p.contains("did you mean `board`"), "{p}");
    // The bad keys are left out; the good ones stay.
    let settings = parse("[keys]\nsave = \"ctlr+s\"\nundo = \"F2\"\n");
    assert_eq!(settings.keys.len(), 1);
}

#[test]
fn hostile_text_never_panics() {
    for text in [
        "\u{0}\u{1b}[31m = 1",
        "[keys]\n\"\" = \"\"",
        "[keys.board.deeper]\nx = 1",
        "recent = [[[[]]]]",
        "theme = \"\u{202e}\"",
        "[[keys]]\nsave = 1",
        "keys = 1\n[keys]\n",
    ] {
        let settings = parse(text);
        assert!(!settings.problems.is_empty(), "{text:?} is reported");
        for problem in &settings.problems {
            assert!(
                problem.contains("settings.toml:"),
                "{problem:?} has no location"
            );
        }
        // Whatever could not be read, the keys still work.
        let (keymap, _) = settings.keymap();
        assert!(
            keymap
                .bindings()
                .iter()
                .any(|b| b.action == crate::tui::action::Action::Quit)
        );
    }
}

#[test]
fn applying_sets_the_lens_panels_theme_and_keys_and_says_what_failed() {
    let session = crate::session::Session::open(Path::new("tests/fixtures/board.toml"))
        .expect("fixture loads");
    let mut app = App::new(session);
    let settings = parse(
        "theme = \"mono\"\nlens = \"responsible\"\npanels = { findings = false }\n\
         [keys]\nundo = \"x\"\nsave = \"ctrl+q+\"\n",
    );
    settings.apply(&mut app);
    assert_eq!(app.theme.name, ThemeName::Mono);
    assert_eq!(app.lens, Role::Responsible);
    assert!(!app.show_findings);
    assert!(app.show_detail);
    // One bad key, one conflict (x taken from delete).
    assert_eq!(
        app.settings_problems.len(),
        2,
        "{:?}",
        app.settings_problems
    );
    let (status, tone) = app.status.clone().expect("a message");
    assert_eq!(tone, Tone::Problem);
    assert!(
        status.starts_with("Settings (2 problems, ? lists them): settings.toml:6:8: "),
        "{status}"
    );
    assert!(app.settings_problems[0].starts_with(&format!("{FILE}:6:8: ")));
}

#[test]
fn cursor_false_hides_the_cursor_and_a_wrong_value_keeps_it() {
    let session = crate::session::Session::open(Path::new("tests/fixtures/board.toml"))
        .expect("fixture loads");
    let mut app = App::new(session);
    assert!(
        app.show_cursor,
        "the cursor stands on the selection by default"
    );
    let settings = parse("cursor = false\n");
    assert_eq!(settings.cursor, Some(false));
    assert!(settings.problems.is_empty(), "{:?}", settings.problems);
    settings.apply(&mut app);
    assert!(!app.show_cursor);
    let wrong = parse("cursor = \"off\"\n");
    assert_eq!(wrong.cursor, None);
    assert!(
        wrong.problems[0].contains("`cursor` must be true (the cursor stands on the selection) or false (hidden), found a string"),
        "{:?}",
        wrong.problems
    );
}

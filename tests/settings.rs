//! The settings file as a person uses it: key overrides that show in the help and in the hint
//! next to what they do and that dispatch, conflicts named with both actions, broken files that
//! keep the defaults, the recent workspaces, and the picker offered without a file.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::pty::Pty;
use common::{ctrl, draw, feed, key, text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use whoowns::session::Session;
use whoowns::tui::app::{App, Mode, Tone};
use whoowns::tui::keymap::Keymap;
use whoowns::tui::picker::{Choice, Picker};
use whoowns::tui::settings::{RECENT_MAX, Settings, SettingsFile};
use whoowns::tui::theme::ThemeName;
use whoowns::workspace::Role;

const SAMPLE: &str = "assets/sample.toml";

/// The board on a copy of the sample, with `settings` (as read from `settings.toml`) applied.
fn board(settings: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy(SAMPLE, &path).expect("copy");
    let mut app = App::new(Session::open(&path).expect("sample loads"));
    Settings::parse(settings, "settings.toml").apply(&mut app);
    draw(&mut app, 120, 40);
    (dir, app)
}

fn screen(app: &mut App) -> String {
    text(draw(app, 120, 40).backend().buffer())
}

fn help(app: &mut App) -> String {
    feed(app, &[key(KeyCode::F(1))]);
    assert!(matches!(app.mode, Mode::Help { .. }));
    // Tall enough for the whole help.
    let shown = text(draw(app, 120, 250).backend().buffer());
    feed(app, &[key(KeyCode::Esc)]);
    shown
}

/// The help line of the action described as `description`.
fn help_line(help: &str, description: &str) -> String {
    help.lines()
        .find(|l| l.contains(description))
        .unwrap_or_else(|| panic!("no {description:?} in the help:\n{help}"))
        .to_owned()
}

#[test]
fn an_override_shows_in_the_help_and_the_panel_hint_and_dispatches() {
    let (_dir, mut app) = board("[keys]\nnext-finding = \"b\"\nfocus-findings = \"ctrl+f\"\n");
    assert!(
        app.settings_problems.is_empty(),
        "{:?}",
        app.settings_problems
    );
    let help = help(&mut app);
    let line = help_line(&help, "agenda: the next open finding");
    assert!(line.contains("  b "), "{line}");
    assert!(!line.contains("  n "), "{line}");
    assert!(help_line(&help, "focus the findings panel").contains("Ctrl+F"));
    let shown = screen(&mut app);
    assert!(shown.contains("b/N walk, Ctrl+F focus "), "{shown}");
    assert!(shown.contains("b starts the walk"), "{shown}");
    // `n` no longer walks; `b` does.
    feed(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(!app.finding_visited);
    feed(&mut app, &[key(KeyCode::Char('b'))]);
    assert!(app.finding_visited);
    feed(&mut app, &[ctrl('f')]);
    assert_eq!(app.focus, whoowns::tui::app::Focus::Findings);
}

#[test]
fn a_list_override_shows_in_the_list_hint_and_the_help_and_acts() {
    let (_dir, mut app) =
        board("[keys.claims]\ndecline = \"r\"\n[keys]\ncancel = [\"esc\", \"ctrl+g\"]\n");
    assert!(
        app.settings_problems.is_empty(),
        "{:?}",
        app.settings_problems
    );
    let help = help(&mut app);
    assert!(help_line(&help, "decline the claim, with a reason").contains("  r "));
    let index = app
        .workspace()
        .responsibility_index("social-listening")
        .expect("item");
    app.selected = Some(index);
    feed(&mut app, &[key(KeyCode::Char('c'))]);
    let shown = screen(&mut app);
    assert!(
        shown.contains("a/Enter accept │ r decline │ n new claim │ Esc close"),
        "{shown}"
    );
    // The old key does nothing; the new one asks for the reason.
    feed(&mut app, &[key(KeyCode::Char('d'))]);
    assert!(matches!(app.mode, Mode::List(_)));
    feed(&mut app, &[key(KeyCode::Char('r'))]);
    assert!(matches!(app.mode, Mode::Prompt(_)), "{:?}", app.mode);
    // Ctrl+G cancels the prompt too (set for every context that binds `cancel`).
    feed(&mut app, &[ctrl('g')]);
    assert!(matches!(app.mode, Mode::List(_)), "{:?}", app.mode);
}

#[test]
fn a_question_override_shows_in_the_choices_and_answers() {
    let (_dir, mut app) = board("[keys.question]\nyes = \"j\"\n");
    feed(&mut app, &[key(KeyCode::Char('x'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("j delete │ n/Esc keep"), "{shown}");
    let before = app.workspace().responsibilities.len();
    feed(&mut app, &[key(KeyCode::Char('y'))]);
    assert_eq!(app.workspace().responsibilities.len(), before);
    assert!(matches!(app.mode, Mode::Ask(_)), "y no longer answers");
    feed(&mut app, &[key(KeyCode::Char('j'))]);
    assert_eq!(app.workspace().responsibilities.len(), before - 1);
}

#[test]
fn header_and_status_hints_follow_the_keys() {
    let (_dir, mut app) =
        board("[keys]\nnext-lens = \"F5\"\ntoggle-view = \"F6\"\ntoggle-help = \"F1\"\n");
    let shown = screen(&mut app);
    let first = shown.lines().next().expect("header");
    assert!(
        first.contains("Lens: Accountable (F5) │ Board (F6)"),
        "{first}"
    );
    let last = shown.lines().last().expect("status");
    assert!(last.contains(" F1 help "), "{last}");
    assert!(!last.contains("? help"), "{last}");
    feed(&mut app, &[key(KeyCode::F(5))]);
    assert_eq!(app.lens, Role::Responsible);
}

#[test]
fn conflicts_are_reported_with_both_names_and_the_override_wins() {
    let (_dir, mut app) = board("[keys]\nundo = \"x\"\nsave = \"b\"\nexport = \"b\"\n");
    let problems = app.settings_problems.join("\n");
    assert_eq!(app.settings_problems.len(), 2, "{problems}");
    assert!(
        problems.contains("settings.toml:2:1: `x` now does `undo` in global, so `delete` (global) loses it (it keeps delete)"),
        "{problems}"
    );
    assert!(
        problems
            .contains("`b` is set for both `save` (global) and `export` (global); it does `save`"),
        "{problems}"
    );
    let (status, tone) = app.status.clone().expect("said");
    assert_eq!(tone, Tone::Problem);
    assert!(
        status.starts_with("Settings (2 problems, ? lists them): settings.toml:"),
        "{status}"
    );
    // The help lists every problem.
    let help = help(&mut app);
    assert!(
        help.contains("Settings (what could not be read keeps its default)"),
        "{help}"
    );
    assert!(help.contains("`x` now does `undo`"), "{help}");
    // `x` undoes; Del still deletes.
    feed(&mut app, &[key(KeyCode::Char('a'))]);
    feed(&mut app, &common::typed("New thing"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let count = app.workspace().responsibilities.len();
    feed(&mut app, &[key(KeyCode::Char('x'))]);
    assert_eq!(app.workspace().responsibilities.len(), count - 1);
    feed(&mut app, &[key(KeyCode::Delete)]);
    assert!(matches!(app.mode, Mode::Ask(_)));
}

#[test]
fn a_broken_file_keeps_the_defaults_and_says_where() {
    let cases = [
        (
            "theme = \"light\"\nlens = [\n",
            "settings.toml:2:",
            "invalid TOML",
        ),
        (
            "colour = \"red\"\n",
            "settings.toml:1:1:",
            "unknown setting `colour`",
        ),
        ("lens = true\n", "settings.toml:1:8:", "`lens` must be"),
        (
            "theme = \"dark\"\n",
            "settings.toml:1:9:",
            "unknown theme `dark`",
        ),
        (
            "[keys]\nsave = \"ctrl+\"\n",
            "settings.toml:2:8:",
            "names no key",
        ),
        (
            "[keys]\nsaev = \"w\"\n",
            "settings.toml:2:1:",
            "unknown action `saev`",
        ),
    ];
    for (text, at, what) in cases {
        let (_dir, mut app) = board(text);
        let (status, tone) = app.status.clone().expect("said");
        assert_eq!(tone, Tone::Problem, "{text}");
        assert!(
            status.contains(at) && status.contains(what),
            "{text}: {status}"
        );
        let shown = screen(&mut app);
        let last = shown.lines().last().expect("status");
        assert!(
            last.contains("Settings: settings.toml:")
                || last.contains("problems, ? lists them): settings.toml:"),
            "{text}: {last}"
        );
        // The board works with the defaults.
        assert_eq!(app.lens, Role::Accountable, "{text}");
        feed(&mut app, &[key(KeyCode::Char('l'))]);
        assert_eq!(app.lens, Role::Responsible, "{text}");
    }
    // What could be read is kept.
    let (_dir, app) = board("theme = \"light\"\nlens = \"boss\"\npanels = { detail = false }\n");
    assert_eq!(app.theme.name, ThemeName::Light);
    assert!(!app.show_detail);
    assert_eq!(app.settings_problems.len(), 1);
}

#[test]
fn recent_workspaces_are_most_recent_first_unique_and_capped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = SettingsFile::at(dir.path().join("config").join("settings.toml"));
    let workspaces: Vec<PathBuf> = (0..RECENT_MAX + 3)
        .map(|i| {
            let path = dir.path().join(format!("w{i}.toml"));
            std::fs::copy(SAMPLE, &path).expect("copy");
            path
        })
        .collect();
    for path in &workspaces {
        file.remember_recent(path).expect("written");
    }
    file.remember_recent(&workspaces[5]).expect("written");
    // The board created the file: it says what it is and points editors at the schema beside it.
    let text = std::fs::read_to_string(&file.path).expect("read");
    assert!(
        text.starts_with(whoowns::tui::settings::schema::HEADER),
        "{text}"
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("config").join("settings.schema.json"))
            .expect("schema written"),
    )
    .expect("JSON");
    assert_eq!(schema["title"], "whoowns settings");
    let recent = file.load().recent;
    assert_eq!(recent.len(), RECENT_MAX);
    let canonical = |p: &Path| std::fs::canonicalize(p).expect("exists");
    assert_eq!(recent[0], canonical(&workspaces[5]));
    assert_eq!(recent[1], canonical(&workspaces[RECENT_MAX + 2]));
    assert_eq!(
        recent
            .iter()
            .filter(|p| **p == canonical(&workspaces[5]))
            .count(),
        1
    );
    assert!(!recent.contains(&canonical(&workspaces[0])));
    // A workspace that is gone is not offered.
    std::fs::remove_file(&workspaces[5]).expect("remove");
    assert_eq!(file.load().existing_recent().len(), RECENT_MAX - 1);
}

#[test]
fn writing_the_settings_keeps_the_persons_comments_and_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("settings.toml");
    let original = "# my board\ntheme = \"light\" # for the white wall\n\n[keys]\n# walk with w\nnext-finding = \"w\"\n";
    std::fs::write(&path, original).expect("write");
    let file = SettingsFile::at(&path);
    file.remember_theme(ThemeName::Mono).expect("written");
    let workspace = dir.path().join("w.toml");
    std::fs::copy(SAMPLE, &workspace).expect("copy");
    file.remember_recent(&workspace).expect("written");
    let written = std::fs::read_to_string(&path).expect("read");
    assert!(
        written.starts_with("# my board\ntheme = \"mono\" # for the white wall\n"),
        "{written}"
    );
    assert!(
        written.contains("# walk with w\nnext-finding = \"w\"\n"),
        "{written}"
    );
    let settings = file.load();
    assert_eq!(settings.problems, Vec::<String>::new());
    assert_eq!(settings.theme, Some(ThemeName::Mono));
    assert_eq!(settings.recent.len(), 1);
    assert_eq!(settings.keys.len(), 1);
    // A file that is not TOML is left alone.
    std::fs::write(&path, "theme = \n").expect("write");
    assert!(file.remember_theme(ThemeName::Light).is_err());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "theme = \n");
}

fn picker() -> Picker {
    Picker::new(
        vec![
            PathBuf::from("/work/a/charter.toml"),
            PathBuf::from("/work/b/board.toml"),
        ],
        Some(PathBuf::from(
            "/home/me/.local/share/whoowns/workspace.toml",
        )),
        Keymap::defaults(),
    )
}

#[test]
fn the_picker_offers_the_recent_workspaces_and_the_default_one() {
    let mut picker = picker();
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(&picker, frame.area()))
        .expect("draws");
    insta::assert_snapshot!(terminal.backend());
    let press = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(picker.handle(&press(KeyCode::Down)), None);
    assert_eq!(picker.handle(&press(KeyCode::Char('j'))), None);
    assert_eq!(picker.handle(&press(KeyCode::Down)), None);
    assert_eq!(picker.selected, 2);
    match picker.handle(&press(KeyCode::Enter)) {
        Some(Choice::Open(entry)) => assert!(entry.default),
        other => panic!("{other:?}"),
    }
    assert_eq!(picker.handle(&press(KeyCode::Up)), None);
    match picker.handle(&press(KeyCode::Enter)) {
        Some(Choice::Open(entry)) => assert_eq!(entry.path, Path::new("/work/b/board.toml")),
        other => panic!("{other:?}"),
    }
    assert_eq!(picker.handle(&press(KeyCode::Esc)), Some(Choice::Quit));
    assert_eq!(
        picker.handle(&press(KeyCode::Char('q'))),
        Some(Choice::Quit)
    );
}

#[test]
fn the_picker_puts_the_terminal_cursor_on_the_selected_workspace() {
    let mut picker = picker();
    picker.selected = 1;
    let area = ratatui::layout::Rect::new(0, 0, 100, 12);
    let at = picker.cursor(area).expect("a cursor");
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(&picker, frame.area()))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    let row: String = (at.x..100).map(|x| buffer[(x, at.y)].symbol()).collect();
    assert!(row.starts_with("▶ /work/b/board.toml"), "{row:?}");
    picker.show_cursor = false;
    assert_eq!(picker.cursor(area), None);
}

#[test]
fn the_picker_keys_follow_the_overrides() {
    let (keymap, _) =
        Settings::parse("[keys]\nactivate = \"o\"\nquit = \"ctrl+q\"\n", "s").keymap();
    let mut picker = Picker::new(vec![PathBuf::from("/a.toml")], None, Arc::new(keymap));
    assert_eq!(picker.keys(), "↑↓ choose │ o open │ Esc/Ctrl+Q quit");
    assert_eq!(
        picker.handle(&KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        None
    );
    assert!(matches!(
        picker.handle(&KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE)),
        Some(Choice::Open(_))
    ));
}

/// The real binary: a first run records the workspace; a run without a file then offers it.
#[test]
fn without_a_file_the_board_offers_the_recent_workspaces() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("config");
    let data = home.path().join("data");
    let path = home.path().join("charter.toml");
    std::fs::copy(SAMPLE, &path).expect("copy");
    let env = [
        ("HOME", home.path()),
        ("XDG_CONFIG_HOME", config.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
    ];
    let mut app = Pty::start(&[path.to_str().expect("utf-8")], &env);
    app.wait_for("charter.toml");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
    let settings = SettingsFile::at(config.join("whoowns").join("settings.toml")).load();
    assert_eq!(
        settings.recent,
        [std::fs::canonicalize(&path).expect("exists")]
    );

    let mut app = Pty::start(&[], &env);
    let screen = app.wait_for("open a recent workspace");
    assert!(screen.contains("charter.toml"), "{screen}");
    assert!(screen.contains("(the default workspace)"), "{screen}");
    assert!(
        screen.contains("↑↓ choose │ Enter open │ Esc/q quit"),
        "{screen}"
    );
    app.send("\r");
    app.wait_for("Unowned");
    app.wait_for("charter.toml");
    app.send("q");
    assert_eq!(app.exit_code(), 0);

    // Esc quits without opening anything.
    let mut app = Pty::start(&[], &env);
    app.wait_for("open a recent workspace");
    app.send("\x1b");
    assert_eq!(app.exit_code(), 0);
    assert!(!data.join("whoowns").join("workspace.toml").exists());
}

/// The real binary with a broken settings file: the board opens and says what is wrong.
#[test]
fn a_broken_settings_file_is_reported_on_the_board() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("config");
    std::fs::create_dir_all(config.join("whoowns")).expect("mkdir");
    std::fs::write(
        config.join("whoowns").join("settings.toml"),
        "theme = \"light\"\n[keys]\nsave = \"ctrl+ss\"\n",
    )
    .expect("write");
    let path = home.path().join("charter.toml");
    std::fs::copy(SAMPLE, &path).expect("copy");
    let mut app = Pty::start(
        &[path.to_str().expect("utf-8")],
        &[("HOME", home.path()), ("XDG_CONFIG_HOME", config.as_path())],
    );
    let screen = app.wait_for("settings.toml:3:8");
    assert!(screen.contains("Unowned"), "{screen}");
    // The defaults work: Ctrl+S saves.
    app.send("\x13");
    app.wait_for("Saved");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
}

/// The README lists every action of every context with its default keys, as the keymap has them.
#[test]
fn the_readme_lists_every_action_with_its_default_keys() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let keymap = Keymap::defaults();
    for context in whoowns::tui::keymap::Context::ALL {
        let items: Vec<String> = keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context)
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                format!(
                    "`{}` ({})",
                    b.action.name().expect("named"),
                    keys.join(", ")
                )
            })
            .collect();
        let line = format!("- `{}`: {}\n", context.name(), items.join(", "));
        assert!(readme.contains(&line), "README lacks:\n{line}");
    }
}

/// The example settings file in the README reads without a problem.
#[test]
fn the_readme_example_settings_are_valid() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let section = &readme[readme.find("## Settings and keys").expect("section")..];
    let start = section.find("```toml\n").expect("example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").expect("end")];
    let settings = Settings::parse(example, "README");
    assert_eq!(settings.problems, Vec::<String>::new());
    assert_eq!(settings.theme, Some(ThemeName::HighContrast));
    assert_eq!(settings.keys.len(), 3);
    let (_, conflicts) = settings.keymap();
    assert_eq!(conflicts, Vec::<String>::new());
}

/// Choosing a theme is remembered by the event loop's effect, not by `update` itself.
#[test]
fn a_chosen_theme_is_written_by_the_effect() {
    let (dir, mut app) = board("");
    let path = dir.path().join("settings.toml");
    std::fs::write(&path, "# mine\ntheme = \"light\"\n").expect("write");
    let file = SettingsFile::at(&path);
    app.choose_theme(ThemeName::HighContrast);
    assert_eq!(app.theme.name, ThemeName::HighContrast);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "# mine\ntheme = \"light\"\n",
        "nothing written before the effect runs"
    );
    assert!(!whoowns::tui::run_effects(&mut app, Some(&file)));
    assert!(app.effects.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "# mine\ntheme = \"high-contrast\"\n"
    );
    // A file that cannot be written is reported on the status line.
    std::fs::write(&path, "theme = = 1\n").expect("write");
    app.choose_theme(ThemeName::Mono);
    assert!(whoowns::tui::run_effects(&mut app, Some(&file)));
    let (status, tone) = app.status.clone().expect("said");
    assert_eq!(tone, Tone::Problem);
    assert!(status.contains("Cannot remember the theme"), "{status}");
}

/// The real binary: `t` switches the theme and the settings file remembers it, comments kept.
#[test]
fn the_theme_key_is_remembered_in_the_settings() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("config");
    let file = config.join("whoowns").join("settings.toml");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, "# for the projector\ntheme = \"light\"\n").expect("write");
    let path = home.path().join("charter.toml");
    std::fs::copy(SAMPLE, &path).expect("copy");
    let mut app = Pty::start(
        &[path.to_str().expect("utf-8")],
        &[("HOME", home.path()), ("XDG_CONFIG_HOME", config.as_path())],
    );
    app.wait_for("Unowned");
    app.send("t");
    // The theme after light (or after mono where NO_COLOR is set).
    let screen = app.wait_for("Theme: ");
    let shown = screen
        .split("Theme: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a theme name")
        .to_owned();
    assert!(ThemeName::parse(&shown).is_some(), "{shown}");
    app.send("q");
    assert_eq!(app.exit_code(), 0);
    let written = std::fs::read_to_string(&file).expect("read");
    // The theme in place (the board also added itself to the recent workspaces).
    assert!(
        written.starts_with(&format!(
            "# for the projector\ntheme = \"{shown}\"\nrecent = ["
        )),
        "{written}"
    );
}

/// A settings file kept in a dotfiles repository and linked into place stays a link: the file
/// it points to is updated.
#[cfg(unix)]
#[test]
fn a_linked_settings_file_stays_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("dotfiles-settings.toml");
    std::fs::write(&real, "# in git\ntheme = \"light\"\n").expect("write");
    let link = dir.path().join("settings.toml");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    SettingsFile::at(&link)
        .remember_theme(ThemeName::Mono)
        .expect("written");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&real).expect("read"),
        "# in git\ntheme = \"mono\"\n"
    );
}

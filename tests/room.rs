//! Readable from the back of the room: every department on screen, the four themes, focus mode,
//! the load view and the filters, rendered into TestBackend; NO_COLOR in a real terminal.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::pty::Pty;
use common::{draw, feed, key, text, typed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use whoowns::session::Session;
use whoowns::tui::app::{App, View};
use whoowns::tui::theme::{Theme, ThemeName};

const SAMPLE: &str = "assets/sample.toml";

fn sample() -> App {
    App::new(Session::open(Path::new(SAMPLE)).expect("the sample loads"))
}

/// The screen as text, then the same grid with one letter per distinct style, then the legend:
/// a snapshot that shows the colours too.
fn styled(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut legend: BTreeMap<String, char> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut grid = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = format!("fg {:?} bg {:?} {:?}", cell.fg, cell.bg, cell.modifier);
            let next = legend.len();
            let letter = *legend.entry(style.clone()).or_insert_with(|| {
                order.push(style.clone());
                char::from_digit(next as u32 % 36, 36).unwrap_or('?')
            });
            grid.push(letter);
        }
        grid.push('\n');
    }
    let keys: Vec<String> = order
        .iter()
        .map(|style| format!("{} = {style}", legend[style]))
        .collect();
    format!("{}\n\n{grid}\n{}", text(buffer), keys.join("\n"))
}

#[test]
fn every_theme_at_every_projector_size() {
    for name in ThemeName::ALL {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            let mut app = sample();
            app.theme = Theme::named(name);
            let terminal = draw(&mut app, width, height);
            insta::assert_snapshot!(
                format!("theme_{}_{width}x{height}", name.as_str()),
                styled(&terminal)
            );
        }
    }
}

#[test]
fn the_whole_sample_board_fits_at_120x40_with_names_readable() {
    let mut app = sample();
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert_eq!(
        app.layout.columns.len(),
        app.workspace().departments.len() + 1,
        "Unowned and every department"
    );
    assert_eq!(app.layout.hidden_left + app.layout.hidden_right, 0);
    // Names wrap instead of being cut at 16 characters.
    for word in [
        "Executive",
        "presence",
        "Influencer",
        "relations",
        "Compliance",
    ] {
        assert!(screen.contains(word), "{word}: {screen}");
    }
    // At 200x60 every name (all under 40 characters) is shown whole.
    let mut app = sample();
    let screen = text(draw(&mut app, 200, 60).backend().buffer());
    let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in &app.workspace().responsibilities {
        for word in r.name.split_whitespace() {
            assert!(flat.contains(word), "{} cut: {screen}", r.name);
        }
        assert!(!flat.contains(&format!("{}…", &r.name[..r.name.len().min(6)])));
    }
    // No card name is cut on the board: no name line ends in an ellipsis.
    let terminal = draw(&mut app, 200, 60);
    let buffer = terminal.backend().buffer();
    for column in &app.layout.columns {
        for &(_, rect) in &column.cards {
            // The name lines: all but the findings line and the closing border or rule.
            for y in rect.y..rect.bottom().saturating_sub(2) {
                let row: String = (rect.x..rect.right())
                    .map(|x| buffer[(x, y)].symbol())
                    .collect();
                assert!(!row.contains('…'), "{row}");
            }
        }
    }
}

#[test]
fn focus_mode_shows_one_responsibility_in_large_type() {
    let mut app = sample();
    feed(&mut app, &[key(KeyCode::Char('z'))]);
    assert_eq!(app.view, View::Spotlight);
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("Accountable: nobody"), "{screen}");
    assert!(screen.contains("hot potato"), "{screen}");
    // Large type: block glyphs, not the name in ordinary letters.
    assert!(screen.contains('█') || screen.contains('▀'), "{screen}");
    insta::assert_snapshot!("focus_mode", terminal.backend());
    // n walks the agenda without leaving focus mode; z goes back.
    feed(
        &mut app,
        &[key(KeyCode::Char('n')), key(KeyCode::Char('n'))],
    );
    assert_eq!(app.view, View::Spotlight);
    let second = app.selected.expect("a responsibility");
    assert_eq!(
        app.workspace().responsibilities[second].id,
        "influencer-relations"
    );
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("finding 2 of 16"), "{screen}");
    feed(&mut app, &[key(KeyCode::Char('z'))]);
    assert_eq!(app.view, View::Board);
}

#[test]
fn load_view_shows_who_carries_what() {
    let mut app = sample();
    feed(&mut app, &[key(KeyCode::Char('v'))]);
    assert_eq!(app.view, View::Load);
    let terminal = draw(&mut app, 120, 40);
    let screen = text(terminal.backend().buffer());
    let lines: Vec<&str> = screen.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("Marketing"))
        .expect("Marketing's row");
    assert!(lines[row].contains('█'), "{screen}");
    assert!(lines[row + 1].contains("▲ overload"), "{screen}");
    assert_eq!(screen.matches("overload").count(), 1, "{screen}");
    insta::assert_snapshot!("load_view", terminal.backend());
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.view, View::Board);
}

#[test]
fn filters_by_text_area_and_finding_and_esc_clears() {
    let mut app = sample();
    let mut events = vec![key(KeyCode::Char('/'))];
    events.extend(typed("crisis"));
    events.push(key(KeyCode::Enter));
    feed(&mut app, &events);
    let shown: usize = app.columns.iter().map(|c| c.cards.len()).sum();
    assert!(shown >= 1);
    assert!(
        app.columns
            .iter()
            .flat_map(|c| &c.cards)
            .all(|&r| app.workspace().responsibilities[r].id == "crisis-response")
    );
    let terminal = draw(&mut app, 120, 40);
    assert!(text(terminal.backend().buffer()).contains("Filter \"crisis\" (1 of 18)"));
    insta::assert_snapshot!("filtered_board", terminal.backend());
    // Esc on the board clears it.
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.filter.is_empty());
    // = picks a finding kind: the three hot potatoes.
    feed(&mut app, &[key(KeyCode::Char('='))]);
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    let row = screen
        .lines()
        .position(|l| l.contains("finding: hot potato"))
        .expect("the hot potato choice");
    let first = screen
        .lines()
        .position(|l| l.contains("every card"))
        .expect("the first choice");
    let steps = vec![key(KeyCode::Down); row - first];
    feed(&mut app, &steps);
    feed(&mut app, &[key(KeyCode::Enter)]);
    let shown: Vec<&str> = app
        .columns
        .iter()
        .flat_map(|c| &c.cards)
        .map(|&r| app.workspace().responsibilities[r].id.as_str())
        .collect();
    assert_eq!(shown.len(), 3, "{shown:?}");
    // Esc while typing a text filter puts the previous one back.
    let mut events = vec![key(KeyCode::Char('/'))];
    events.extend(typed("zzz"));
    feed(&mut app, &events);
    assert_eq!(app.columns.iter().map(|c| c.cards.len()).sum::<usize>(), 0);
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.columns.iter().map(|c| c.cards.len()).sum::<usize>(), 3);
}

#[test]
fn jump_to_a_department_by_its_first_letters() {
    let mut app = sample();
    let mut events = vec![key(KeyCode::Char('J'))];
    events.extend(typed("cu"));
    feed(&mut app, &events);
    let care = app.workspace().department_index("care").expect("care");
    assert_eq!(app.columns[app.column].department, Some(care));
    let screen = text(draw(&mut app, 120, 40).backend().buffer());
    assert!(screen.contains("→ Customer Care"), "{screen}");
    feed(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.columns[app.column].department, Some(care));
    // A word inside the name works too; Esc goes back to where the jump started.
    let mut events = vec![key(KeyCode::Char('J'))];
    events.extend(typed("off"));
    feed(&mut app, &events);
    let exec = app.workspace().department_index("exec").expect("exec");
    assert_eq!(app.columns[app.column].department, Some(exec));
    feed(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.columns[app.column].department, Some(care));
}

#[test]
fn t_cycles_the_themes() {
    let mut app = sample();
    assert_eq!(app.theme.name, ThemeName::Default);
    feed(&mut app, &[key(KeyCode::Char('t'))]);
    assert_eq!(app.theme.name, ThemeName::HighContrast);
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let black = buffer
        .content()
        .iter()
        .filter(|c| c.bg == Color::Rgb(0, 0, 0))
        .count();
    assert!(black > buffer.content().len() / 2, "its own background");
    feed(
        &mut app,
        &[key(KeyCode::Char('t')), key(KeyCode::Char('t'))],
    );
    assert_eq!(app.theme.name, ThemeName::Mono);
    feed(&mut app, &[key(KeyCode::Char('t'))]);
    assert_eq!(app.theme.name, ThemeName::Default);
}

/// Every colour a theme may draw: its styles' colours and the terminal's own.
fn palette(theme: &Theme) -> Vec<Color> {
    let mut colours = vec![Color::Reset];
    for (_, style) in theme.text_styles() {
        colours.extend(style.fg);
        colours.extend(style.bg);
    }
    colours
}

/// The board in many states: every view, panel, overlay and a card in hand.
fn every_screen(theme: ThemeName) -> Vec<(String, Terminal<TestBackend>)> {
    let scripts: Vec<(&str, Vec<ratatui::crossterm::event::Event>)> = vec![
        ("board", vec![]),
        ("matrix", vec![key(KeyCode::Tab)]),
        ("focus", vec![key(KeyCode::Char('z'))]),
        ("load", vec![key(KeyCode::Char('v'))]),
        ("help", vec![key(KeyCode::Char('?'))]),
        ("findings", vec![key(KeyCode::Char('f'))]),
        ("detail", vec![key(KeyCode::Char('i'))]),
        ("agenda", vec![key(KeyCode::Char('n'))]),
        (
            "carrying",
            vec![key(KeyCode::Char('m')), key(KeyCode::Right)],
        ),
        ("parking lot", vec![key(KeyCode::Char('P'))]),
        ("prompt", vec![key(KeyCode::Char('/'))]),
        ("filter list", vec![key(KeyCode::Char('='))]),
        ("sign-off", vec![key(KeyCode::Char('S'))]),
        ("question", vec![key(KeyCode::Char('x'))]),
        (
            "message",
            vec![
                key(KeyCode::Char('m')),
                key(KeyCode::Right),
                key(KeyCode::Enter),
            ],
        ),
    ];
    scripts
        .into_iter()
        .flat_map(|(name, events)| {
            [(80, 24), (120, 40), (200, 60)].map(|(w, h)| {
                let mut app = sample();
                app.theme = Theme::named(theme);
                feed(&mut app, &events);
                (format!("{name} {w}x{h}"), draw(&mut app, w, h))
            })
        })
        .collect()
}

#[test]
fn every_colour_on_screen_comes_from_the_theme() {
    for name in ThemeName::ALL {
        let theme = Theme::named(name);
        let allowed = palette(&theme);
        for (screen, terminal) in every_screen(name) {
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    allowed.contains(&cell.fg) && allowed.contains(&cell.bg),
                    "{}: {screen} draws fg {:?} bg {:?}, not from the theme",
                    name.as_str(),
                    cell.fg,
                    cell.bg
                );
            }
        }
    }
}

#[test]
fn mono_marks_the_selection_without_colour() {
    let mut app = sample();
    app.theme = Theme::named(ThemeName::Mono);
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let card = app.layout.columns[0].cards[0].1;
    let name_cell = &buffer[(card.x, card.y)];
    assert!(
        name_cell.modifier.contains(Modifier::REVERSED),
        "the selected card is reversed: {:?}",
        name_cell.modifier
    );
    // The selected finding in the focused findings panel is reversed too.
    feed(&mut app, &[key(KeyCode::Char('f'))]);
    let terminal = draw(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let (_, row) = app.layout.finding_rows[0];
    assert!(
        buffer[(row.x + 3, row.y)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

/// The SGR parameter lists (`ESC [ ... m`) in `bytes`.
fn sgr_sequences(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("\u{1b}[") {
        rest = &rest[at + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('m') {
            out.push(rest[..end].to_owned());
        }
        rest = &rest[end..];
    }
    out
}

/// Whether an SGR parameter list sets a colour (the default colours, 39 and 49, are not one).
fn sets_colour(params: &str) -> bool {
    params
        .split(';')
        .filter_map(|p| p.parse::<u16>().ok())
        .any(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}

#[test]
fn no_color_in_a_real_terminal_writes_no_colour_and_keeps_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.toml");
    std::fs::copy(SAMPLE, &path).expect("copy");
    let mut app = Pty::start(
        &[path.to_str().expect("utf-8")],
        &[
            ("NO_COLOR", Path::new("1")),
            ("HOME", dir.path()),
            ("XDG_CONFIG_HOME", &dir.path().join("config")),
            ("XDG_DATA_HOME", &dir.path().join("data")),
            ("XDG_STATE_HOME", &dir.path().join("state")),
        ],
    );
    app.wait_for("Unowned");
    app.send("f");
    app.wait_for("Findings");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let raw = app.raw.lock().expect("lock").clone();
    let sgr = sgr_sequences(&raw);
    assert!(!sgr.is_empty(), "the board styles its text");
    let coloured: Vec<&String> = sgr.iter().filter(|p| sets_colour(p)).collect();
    assert!(
        coloured.is_empty(),
        "colour written under NO_COLOR: {coloured:?}"
    );
    let params: Vec<&str> = sgr.iter().flat_map(|p| p.split(';')).collect();
    assert!(params.contains(&"7"), "reverse video reaches the terminal");
    assert!(params.contains(&"1"), "bold reaches the terminal");
    // The emulator shows the selected card reversed.
    let reversed = {
        let parser = app.screen.lock().expect("lock");
        let screen = parser.screen();
        (0..40u16)
            .flat_map(|row| (0..120u16).map(move |col| (row, col)))
            .filter(|&(row, col)| screen.cell(row, col).is_some_and(|c| c.inverse()))
            .count()
    };
    assert!(
        reversed > 10,
        "the selection is marked ({reversed} reversed cells)"
    );
    app.send("q");
    assert_eq!(app.exit_code(), 0);
}

#[test]
fn an_unknown_theme_is_refused_with_the_choices() {
    let output = assert_cmd::Command::cargo_bin("whoowns")
        .expect("the binary")
        .args(["--theme", "dark", SAMPLE])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for name in ["default", "high-contrast", "light", "mono"] {
        assert!(stderr.contains(name), "{stderr}");
    }
}

//! Text at 120x40 (issue 22): findings, the decision log and the funding prompt's error wrap
//! instead of being cut, and a card's status keeps its glyph and its whole word.

mod common;

use common::board::{sample, screen};
use common::{draw, feed, key, text, typed};
use ratatui::crossterm::event::KeyCode;

/// The screen's text between its box lines, as one line of words: what a reader reads, with
/// the wrapping undone.
fn words(screen: &str) -> String {
    screen
        .lines()
        .flat_map(|l| l.split(['│', '║', '┃']))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words inside the double-lined box whose title contains `title`.
fn boxed(screen: &str, title: &str) -> String {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines
        .iter()
        .position(|l| l.iter().collect::<String>().contains(title))
        .unwrap_or_else(|| panic!("no box {title}:\n{screen}"));
    let left = lines[top].iter().position(|&c| c == '╔').expect("corner");
    let right = lines[top].iter().position(|&c| c == '╗').expect("corner");
    let inside: Vec<String> = lines[top + 1..]
        .iter()
        .take_while(|l| l.get(left) != Some(&'╚'))
        .map(|l| l[left + 1..right].iter().collect())
        .collect();
    words(&inside.join("\n"))
}

#[test]
fn findings_wrap_in_the_panel_instead_of_being_cut() {
    let (_dir, mut app) = sample();
    let shown = screen(&mut app);
    let first = app.session.analysis().findings[0].message.clone();
    assert!(first.len() > 92, "a long message: {first}");
    assert!(words(&shown).contains(&first), "{first}\n{shown}");
    // Walking to any finding shows its whole message.
    for _ in 0..app.session.analysis().findings.len() {
        feed(&mut app, &[key(KeyCode::Char('n'))]);
        let message = app.session.analysis().findings[app.finding].message.clone();
        let shown = screen(&mut app);
        let panel: String = shown
            .lines()
            .skip_while(|l| !l.contains("Findings ("))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(words(&panel).contains(&message), "{message}\n{panel}");
    }
}

#[test]
fn the_decision_log_wraps_long_decisions() {
    let (_dir, mut app) = sample();
    let decision = "Marketing keeps five accountabilities this year because the new team \
                    starts in spring; the room looks at the load again at the May review, \
                    with HR and Legal & Compliance in the room";
    feed(&mut app, &[key(KeyCode::Char('d')), key(KeyCode::Tab)]);
    // The title names the subject whole; what Tab does is said under the input.
    let prompt = screen(&mut app);
    assert!(
        prompt.contains("╔ Decision about the department Marketing (dated 2026-11-24) ═"),
        "{prompt}"
    );
    assert!(
        boxed(&prompt, "Decision about").contains(
            "Tab chooses what it is about: the responsibility, a department or the whole charter"
        ),
        "{prompt}"
    );
    feed(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    feed(&mut app, &typed(decision));
    feed(&mut app, &[key(KeyCode::Enter), key(KeyCode::Char('g'))]);
    let shown = screen(&mut app);
    assert!(shown.contains("Decision log (3)"), "{shown}");
    assert!(boxed(&shown, "Decision log").contains(decision), "{shown}");
    assert!(!shown.contains("May revi…"), "{shown}");
}

#[test]
fn the_funding_error_names_every_department_it_lists() {
    let (_dir, mut app) = sample();
    // The underfunded item's fix: the funding prompt.
    for _ in 0..40 {
        feed(&mut app, &[key(KeyCode::Char('n'))]);
        if app.session.analysis().findings[app.finding].rule.as_str() == "underfunded" {
            break;
        }
    }
    // Its message reads with the currency and thousands separators, as amounts do everywhere.
    let panel = screen(&mut app);
    assert!(
        words(&panel)
            .contains("has a budget of 25,000 EUR but its funding covers only 15,000 EUR."),
        "{panel}"
    );
    feed(&mut app, &[key(KeyCode::Enter), common::ctrl('u')]);
    feed(&mut app, &typed("Zzyzx = 5000"));
    feed(&mut app, &[key(KeyCode::Enter)]);
    let whoowns::tui::app::Mode::Prompt(prompt) = &app.mode else {
        panic!("the prompt stays open: {:?}", app.mode)
    };
    let error = prompt.error.clone().expect("an error");
    assert!(error.contains("(there are Marketing, IT"), "{error}");
    assert!(error.len() > 70, "longer than the prompt: {error}");
    let shown = screen(&mut app);
    assert!(
        boxed(&shown, "Funding of").contains(&format!("✖ {error}")),
        "{error}\n{shown}"
    );
}

#[test]
fn a_card_status_keeps_its_glyph_and_its_word() {
    let (_dir, mut app) = sample();
    let shown = screen(&mut app);
    // Eight departments at 120 columns: narrow cards. The hot potato reads whole.
    assert!(
        shown.contains("✖hot potato") || shown.contains("✖ hot potato"),
        "{shown}"
    );
    for cut in ["hot pot…", "hot pota…", "underfund…", "contest…", "no do…"] {
        assert!(!shown.contains(cut), "{cut}\n{shown}");
    }
    // Every status on the board starts with its glyph.
    for line in shown.lines().take_while(|l| !l.contains("Findings (")) {
        for word in [
            "hot potato",
            "contested",
            "underfunded",
            "no doer",
            "silo",
            "claim",
        ] {
            if let Some(at) = line.find(word) {
                let before = line[..at].trim_end_matches(' ');
                let glyph = before.chars().last();
                assert!(
                    matches!(glyph, Some('✖' | '▲' | '●' | '·')),
                    "{word} without its glyph: {line}"
                );
            }
        }
    }
}

#[test]
fn at_80x24_the_status_line_gives_the_agenda_finding_two_rows_and_the_fix_names_it() {
    let (_dir, mut app) = sample();
    common::feed_at(&mut app, &[key(KeyCode::Char('n'))], 80, 24);
    let shown = text(draw(&mut app, 80, 24).backend().buffer());
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(app.layout.status.height, 2, "{shown}");
    let status = words(&lines[lines.len() - 2..].join("\n").replace("? help", ""));
    let message = app.session.analysis().findings[app.finding].message.clone();
    assert!(
        status.starts_with("✖ Nobody is accountable for \"Executive social presence\""),
        "{status}"
    );
    assert!(
        status.contains("it is a hot potato until a department"),
        "{status}"
    );
    // The fix's list says what it is for, wrapped: no findings panel at this size.
    common::feed_at(&mut app, &[key(KeyCode::Enter)], 80, 24);
    let shown = text(draw(&mut app, 80, 24).backend().buffer());
    assert!(
        boxed(&shown, "Who is Accountable").contains(&format!("✖ {message}")),
        "{shown}"
    );
}

#[test]
fn a_department_name_beside_a_finding_glyph_keeps_its_words_at_80x24() {
    let (_dir, mut app) = common::board::on_copy("assets/minimal.toml", "ws.toml");
    for name in ["IT", "Legal & Compliance", "HR", "Customer Care", "Sales"] {
        feed(&mut app, &[key(KeyCode::Char('A'))]);
        feed(&mut app, &typed(name));
        feed(&mut app, &[key(KeyCode::Enter)]);
    }
    // The new departments hold nothing yet (the "absent" finding marks their titles): the
    // second line of a title takes the column's whole width rather than being cut.
    let shown = text(draw(&mut app, 80, 24).backend().buffer());
    assert!(shown.contains("● Legal &"), "{shown}");
    assert!(shown.contains("│Compliance"), "{shown}");
    assert!(!shown.contains("Complian…"), "{shown}");
}

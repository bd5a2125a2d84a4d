//! One key with its modifiers: how it is written in the settings file (`ctrl+s`, `F1`,
//! `shift+tab`, `space`, `N`), how it is shown on screen (`Ctrl+S`, `←`), and whether a key
//! event is it.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with modifiers, as bound in the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    /// Control and Alt only: Shift is carried by the character itself (`N`) or the key
    /// (`shift+tab` is `BackTab`).
    pub modifiers: KeyModifiers,
}

/// The named keys, as written in the settings file (the first name is the one printed).
const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("shift+tab", KeyCode::BackTab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("plus", KeyCode::Char('+')),
];

impl Chord {
    /// A key without modifiers.
    pub const fn key(code: KeyCode) -> Chord {
        Chord {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// Parses the settings-file syntax: `ctrl+s`, `alt+x`, `F1`, `shift+tab`, `space`, `esc`,
    /// `enter`, `left`, `?`, `N`, `shift+n` (= `N`), `+`. Names are case-insensitive; a single
    /// character is taken as written.
    pub fn parse(text: &str) -> Result<Chord, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("an empty key".to_owned());
        }
        // The last part is the key; a trailing `+` after a `+` is the plus key itself.
        let (prefix, last) = if text == "+" {
            ("", "+")
        } else if let Some(rest) = text.strip_suffix("++") {
            (rest, "+")
        } else {
            match text.rsplit_once('+') {
                Some((prefix, last)) => (prefix, last),
                None => ("", text),
            }
        };
        let mut modifiers = KeyModifiers::NONE;
        let mut shift = false;
        for part in prefix
            .split('+')
            .filter(|p| !p.is_empty() || !prefix.is_empty())
        {
            match part.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => modifiers |= KeyModifiers::CONTROL,
                "alt" | "meta" | "option" => modifiers |= KeyModifiers::ALT,
                "shift" => shift = true,
                other => {
                    return Err(format!(
                        "`{other}` is not a modifier (ctrl, alt or shift) in `{text}`"
                    ));
                }
            }
        }
        if last.is_empty() {
            return Err(format!("`{text}` ends with `+` but names no key after it"));
        }
        let mut chars = last.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = last.to_ascii_lowercase();
                if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=24).contains(n))
                {
                    KeyCode::F(n)
                } else if let Some((_, code)) = NAMES.iter().find(|(name, _)| *name == lower) {
                    *code
                } else {
                    return Err(format!(
                        "`{last}` is not a key: use one character, or a name such as enter, \
                         esc, tab, space, backspace, delete, home, end, pageup, pagedown, up, \
                         down, left, right, f1 to f24"
                    ));
                }
            }
        };
        let code = match (shift, code) {
            (false, code) => code,
            (true, KeyCode::Tab) => KeyCode::BackTab,
            (true, KeyCode::Char(c)) if c.is_alphabetic() => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            (true, _) => {
                return Err(format!(
                    "shift works with letters and tab only in `{text}` (write the character \
                     itself, such as `?` or `N`)"
                ));
            }
        };
        // With Control, a letter is the same key in either case.
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Ok(Chord { code, modifiers })
    }

    /// How the chord is shown on screen: `Ctrl+S`, `←`, `Enter`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            label.push_str("Ctrl+");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            label.push_str("Alt+");
        }
        label + &base
    }

    /// Whether `event` is this chord.
    pub fn matches(self, event: &KeyEvent) -> bool {
        // Shift is carried by the character itself ('N' vs 'n').
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let code = match event.code {
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && (event.modifiers & relevant) == (self.modifiers & relevant)
    }

    /// A printable character typed without Control or Alt (text in a prompt).
    pub fn is_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.modifiers.is_empty()
    }
}

/// The settings-file syntax, which [`Chord::parse`] reads back.
impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl+")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt+")?;
        }
        match self.code {
            KeyCode::Char(c) if c != ' ' => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Chord {
        Chord::parse(text).expect("parses")
    }

    #[test]
    fn the_documented_syntax_parses() {
        let ctrl_s = Chord {
            code: KeyCode::Char('s'),
            modifiers: KeyModifiers::CONTROL,
        };
        assert_eq!(parse("ctrl+s"), ctrl_s);
        assert_eq!(parse("Ctrl+S"), ctrl_s);
        assert_eq!(parse("F1"), Chord::key(KeyCode::F(1)));
        assert_eq!(parse("shift+tab"), Chord::key(KeyCode::BackTab));
        assert_eq!(parse("space"), Chord::key(KeyCode::Char(' ')));
        assert_eq!(parse("esc"), Chord::key(KeyCode::Esc));
        assert_eq!(parse("Enter"), Chord::key(KeyCode::Enter));
        assert_eq!(parse("left"), Chord::key(KeyCode::Left));
        assert_eq!(parse("?"), Chord::key(KeyCode::Char('?')));
        assert_eq!(parse("N"), Chord::key(KeyCode::Char('N')));
        assert_eq!(parse("shift+n"), Chord::key(KeyCode::Char('N')));
        assert_eq!(parse("+"), Chord::key(KeyCode::Char('+')));
        assert_eq!(
            parse("alt++"),
            Chord {
                code: KeyCode::Char('+'),
                modifiers: KeyModifiers::ALT
            }
        );
    }

    #[test]
    fn bad_keys_say_what_is_wrong() {
        for (text, expected) in [
            ("", "empty"),
            ("ctlr+s", "not a modifier"),
            ("enterr", "not a key"),
            ("shift+left", "shift works"),
            ("f25", "not a key"),
        ] {
            let error = Chord::parse(text).expect_err(text);
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn labels_are_for_people() {
        assert_eq!(parse("ctrl+s").label(), "Ctrl+S");
        assert_eq!(parse("left").label(), "←");
        assert_eq!(parse("alt+x").label(), "Alt+x");
        assert_eq!(parse("space").label(), "Space");
    }

    fn chords() -> impl Strategy<Value = Chord> {
        let codes = prop_oneof![
            proptest::char::range('!', '~').prop_map(KeyCode::Char),
            proptest::char::range('à', 'ÿ').prop_map(KeyCode::Char),
            Just(KeyCode::Char(' ')),
            (1u8..=24).prop_map(KeyCode::F),
            proptest::sample::select(NAMES.iter().map(|(_, c)| *c).collect::<Vec<_>>()),
        ];
        let modifiers = proptest::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        ]);
        (codes, modifiers).prop_map(|(code, modifiers)| {
            let code = match code {
                KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                other => other,
            };
            Chord { code, modifiers }
        })
    }

    proptest! {
        #[test]
        fn printing_then_parsing_gives_the_same_chord(chord in chords()) {
            let written = chord.to_string();
            prop_assert_eq!(Chord::parse(&written), Ok(chord), "{}", written);
        }
    }
}

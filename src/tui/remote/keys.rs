//! Keys from a participant's terminal: the bytes their SSH client sends, read as key events
//! (printable text, Enter, Backspace, Tab, Esc, Ctrl+letter, arrows, Home/End, PageUp/Down).
//! Anything else (mouse reports, unknown sequences) is skipped.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The keys in `bytes`. An Esc alone (or last in the bytes) is the Esc key.
pub fn parse(bytes: &[u8]) -> Vec<KeyEvent> {
    let text = String::from_utf8_lossy(bytes);
    let chars: Vec<char> = text.chars().collect();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let key = match c {
            '\x1b' => {
                let (key, used) = escape(&chars[i..]);
                i += used;
                match key {
                    Some(key) => key,
                    None => continue,
                }
            }
            '\r' | '\n' => plain(KeyCode::Enter),
            '\t' => plain(KeyCode::Tab),
            '\x7f' | '\x08' => plain(KeyCode::Backspace),
            '\x01'..='\x1a' => KeyEvent::new(
                KeyCode::Char(char::from(b'a' + (c as u8) - 1)),
                KeyModifiers::CONTROL,
            ),
            c if c.is_control() => continue,
            c if c.is_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            c => plain(KeyCode::Char(c)),
        };
        keys.push(key);
    }
    keys
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// The key of the sequence after an Esc, and how many characters it used.
fn escape(rest: &[char]) -> (Option<KeyEvent>, usize) {
    match rest.first() {
        None | Some('\x1b') => (Some(plain(KeyCode::Esc)), 0),
        Some('[' | 'O') => {
            // CSI / SS3: parameters, then one final character.
            let end = rest[1..].iter().position(|c| ('\x40'..='\x7e').contains(c));
            let Some(end) = end else {
                return (None, rest.len());
            };
            let params: String = rest[1..=end].iter().collect();
            let final_char = rest[end + 1];
            let used = end + 2;
            if params.starts_with('<') || params.starts_with('M') {
                return (None, used);
            }
            let code = match (params.as_str(), final_char) {
                ("", 'A') => Some(KeyCode::Up),
                ("", 'B') => Some(KeyCode::Down),
                ("", 'C') => Some(KeyCode::Right),
                ("", 'D') => Some(KeyCode::Left),
                ("", 'H') | ("1" | "7", '~') => Some(KeyCode::Home),
                ("", 'F') | ("4" | "8", '~') => Some(KeyCode::End),
                ("", 'Z') => Some(KeyCode::BackTab),
                ("5", '~') => Some(KeyCode::PageUp),
                ("6", '~') => Some(KeyCode::PageDown),
                ("3", '~') => Some(KeyCode::Delete),
                ("", 'P') => Some(KeyCode::F(1)),
                _ => None,
            };
            let modifiers = if final_char == 'Z' {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (code.map(|c| KeyEvent::new(c, modifiers)), used)
        }
        // Alt+key: not used by the board; skipped with its key.
        Some(_) => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(bytes: &[u8]) -> Vec<KeyCode> {
        parse(bytes).into_iter().map(|k| k.code).collect()
    }

    #[test]
    fn text_arrows_and_controls() {
        assert_eq!(
            codes(b"ab\x1b[A\x1b[B\x1bOC\x1b[D\r\t\x7f"),
            vec![
                KeyCode::Char('a'),
                KeyCode::Char('b'),
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Right,
                KeyCode::Left,
                KeyCode::Enter,
                KeyCode::Tab,
                KeyCode::Backspace,
            ]
        );
        assert_eq!(codes(b"\x1b"), vec![KeyCode::Esc]);
        assert_eq!(
            codes(b"\x1b[5~\x1b[6~"),
            vec![KeyCode::PageUp, KeyCode::PageDown]
        );
        let ctrl_c = parse(b"\x03");
        assert_eq!(ctrl_c[0].code, KeyCode::Char('c'));
        assert_eq!(ctrl_c[0].modifiers, KeyModifiers::CONTROL);
        assert_eq!(parse(b"Q")[0].modifiers, KeyModifiers::SHIFT);
        assert_eq!(codes("é".as_bytes()), vec![KeyCode::Char('é')]);
    }

    #[test]
    fn mouse_reports_and_junk_are_skipped() {
        assert_eq!(codes(b"\x1b[<0;10;5M"), Vec::<KeyCode>::new());
        assert_eq!(codes(b"\x1b[99"), Vec::<KeyCode>::new());
        assert_eq!(codes(b"\x00\x1f"), Vec::<KeyCode>::new());
    }
}

//! Untrusted text from a workspace, made safe to show.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `c` could change what a terminal does, or what a reader sees, instead of being shown:
/// C0 and C1 controls, DEL, bidirectional controls (including U+061C, the Arabic letter mark),
/// zero-width and invisible formatting characters, and line or paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// Replaces control characters and escape sequences with visible stand-ins, so text from a
/// workspace never reaches a terminal raw. Line breaks and tabs become spaces. Soft hyphens
/// (U+00AD, a hint where a word may break) are left out: they take no column, and terminals
/// that draw one anyway would push the rest of the line out of place.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c == SOFT_HYPHEN || is_unsafe_char(c)) {
        return text.to_owned();
    }
    text.chars()
        .filter(|&c| c != SOFT_HYPHEN)
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '\u{1b}' => '␛',
            c if is_unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// U+00AD SOFT HYPHEN.
const SOFT_HYPHEN: char = '\u{ad}';

/// Like [`sanitize`] but keeps line breaks, for messages of several lines.
pub fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| sanitize(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A JSON document with every character a terminal could act on, or a reader could not see
/// (C0 and C1 controls, bidi and zero-width characters; line breaks between values stay),
/// written as a `\uXXXX` escape. Such characters only occur inside JSON strings, so the
/// document means exactly the same, and is safe on a terminal and in a file alike.
pub fn escape_json(json: &str) -> String {
    if !json.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_unsafe_char(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A path made safe to show: not UTF-8 bytes become U+FFFD, controls become visible.
pub fn sanitize_path(path: &std::path::Path) -> String {
    sanitize(&path.to_string_lossy())
}

/// Display width of `text` in terminal columns, as the board's screen places it: by grapheme
/// (a letter with its combining marks is one cell, an emoji sequence its own width), with
/// zero-width and format characters (soft hyphen, zero-width space, joiners, combining marks
/// alone) taking no column. Every width, cut and pad of shown text goes through this.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// The columns one character takes on its own (see [`width`]).
pub fn char_width(c: char) -> usize {
    width(c.encode_utf8(&mut [0; 4]))
}

/// The columns of one grapheme, as the board's screen buffer (ratatui) counts it: what
/// `unicode-width` says (soft hyphen and other format characters 0), none for a grapheme with
/// a control character (the screen leaves it out), and a column more for each halfwidth
/// (han)dakuten.
fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.chars().any(char::is_control) {
        return 0;
    }
    let marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    UnicodeWidthStr::width(grapheme) + marks
}

/// Cuts `text` to at most `max` columns, ending in `…` when anything was cut.
/// Wide characters and graphemes are never split, so columns stay aligned.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme_width(grapheme);
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

/// The end of `text` that fits in `max` columns (whole graphemes).
pub fn tail(text: &str, max: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        let w = grapheme_width(grapheme);
        if used + w > max {
            break;
        }
        used += w;
        start = at;
    }
    &text[start..]
}

/// `text` without its first `columns` columns (whole graphemes; a wide one that straddles the
/// cut goes too).
pub fn skip_columns(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        if used >= columns {
            return &text[at..];
        }
        used += grapheme_width(grapheme);
    }
    ""
}

/// `text` padded with spaces to `columns` columns (as `{:<N}` would, by display width).
pub fn pad(text: &str, columns: usize) -> String {
    let missing = columns.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(missing))
}

/// `text` word-wrapped to lines of at most `max` columns, on at most `max_lines` lines. A word
/// longer than a line is cut with `…` (never split into pieces that read as other words); when
/// text is left over, the last line ends in `…`.
pub fn wrap(text: &str, max: usize, max_lines: usize) -> Vec<String> {
    if max == 0 || max_lines == 0 {
        return Vec::new();
    }
    let options = textwrap::Options::new(max)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|line| truncate(&line, max))
        .collect();
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(truncate(&format!("{rest}…"), max));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass_through() {
        let evil = "Legal\u{1b}[2J\u{7}\u{9b}31m\u{202e}gnp";
        let clean = sanitize(evil);
        assert!(!clean.chars().any(is_unsafe_char), "{clean:?}");
        assert!(clean.starts_with("Legal␛[2J"));
    }

    #[test]
    fn invisible_and_bidi_characters_become_visible() {
        for c in [
            '\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{061c}', '\u{2067}', '\u{2028}',
        ] {
            let shown = sanitize(&format!("a{c}b"));
            assert_eq!(shown, "a\u{fffd}b", "{c:?}");
        }
        assert_eq!(sanitize_lines("a\u{1b}]0;X\u{7}\nb"), "a␛]0;X\u{fffd}\nb");
    }

    #[test]
    fn json_escapes_keep_the_meaning() {
        let json = serde_json::json!({ "name": "a\u{1b}]0;X\u{7}\u{9b}b\u{202e}c\u{200b}\u{0}" });
        let text = serde_json::to_string_pretty(&json).expect("json");
        let escaped = escape_json(&text);
        assert!(
            !escaped.chars().any(|c| c != '\n' && is_unsafe_char(c)),
            "{escaped}"
        );
        assert!(
            escaped.contains("\\u009b") && escaped.contains("\\u202e"),
            "{escaped}"
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).expect("still JSON");
        assert_eq!(back, json);
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(sanitize("PR / Comms — 广报"), "PR / Comms — 广报");
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("Marketing", 20), "Marketing");
        assert_eq!(truncate("Marketing", 5), "Mark…");
        let cut = truncate("广报广报广报", 6);
        assert!(width(&cut) <= 6, "{cut}");
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn widths_count_what_the_terminal_draws() {
        // Soft hyphens and zero-width characters take no column; combining marks go with
        // their letter; a wide letter takes two; an emoji with its presentation selector two.
        assert_eq!(width("An\u{ad}\u{ad}a"), 3);
        assert_eq!(width("Lu\u{301}\u{301}cia"), 5);
        assert_eq!(width("a\u{200b}\u{2060}b"), 2);
        assert_eq!(width("广报"), 4);
        assert_eq!(width("\u{2764}\u{fe0f}"), 2);
        assert_eq!(char_width('\u{ad}'), 0);
        assert_eq!(char_width('广'), 2);
        // Cuts keep a letter with its marks, and never go over.
        let name = "Lu\u{301}\u{301}cia Fe\u{ad}rna\u{ad}ndes";
        for max in 0..20 {
            let cut = truncate(name, max);
            assert!(width(&cut) <= max, "{max}: {cut:?}");
            assert!(width(tail(name, max)) <= max);
        }
        assert_eq!(truncate(name, 4), "Lu\u{301}\u{301}c…");
        assert_eq!(tail(name, 4), "\u{ad}ndes");
        assert_eq!(skip_columns("广报ab", 2), "报ab");
        assert_eq!(skip_columns("Lu\u{301}x", 2), "x");
        assert_eq!(pad("An\u{ad}a", 5), "An\u{ad}a  ");
    }

    #[test]
    fn wrapping_keeps_words_and_marks_what_is_left_out() {
        assert_eq!(
            wrap("Executive social presence", 10, 3),
            ["Executive", "social", "presence"]
        );
        assert_eq!(wrap("Crisis response", 20, 3), ["Crisis response"]);
        assert_eq!(wrap("Supercalifragilistic", 8, 3), ["Superca…"]);
        assert_eq!(wrap("PR / Communications", 11, 2), ["PR /", "Communicat…"]);
        let cut = wrap("one two three four five six seven", 9, 2);
        assert_eq!(cut[0], "one two");
        assert!(cut[1].ends_with('…') && width(&cut[1]) <= 9, "{cut:?}");
        assert_eq!(wrap("", 10, 3), [""]);
        for line in wrap("广报广报广报广报", 5, 3) {
            assert!(width(&line) <= 5, "{line}");
        }
    }
}

//! Untrusted text from a workspace, made safe to show.

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
/// workspace never reaches a terminal raw. Line breaks and tabs become spaces.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(is_unsafe_char) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '\u{1b}' => '␛',
            c if is_unsafe_char(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

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

/// Display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` columns, ending in `…` when anything was cut.
/// Wide characters are never split, so columns stay aligned.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
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

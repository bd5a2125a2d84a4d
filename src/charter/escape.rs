//! Escaping untrusted workspace text for GitHub-flavoured Markdown.
//!
//! Escaped text renders as the same words, but can never open raw HTML, a link or image, a code
//! span, emphasis, math, a mention, a heading or list, or break a table row.

use crate::text::is_unsafe_char;

/// ASCII punctuation with a meaning in (GitHub-flavoured) Markdown, always backslash-escaped.
/// `&` is handled apart: it becomes `&amp;` only where it would start an entity (see
/// [`starts_entity`]), so `Legal & Compliance` stays readable in the raw file.
const ACTIVE: [char; 15] = [
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '!', '~', '$', '@', '^',
];

/// Escapes text for one line: a table cell, a heading, a list item or a label.
///
/// Control characters are dropped, line breaks and tabs become spaces, the ends are trimmed,
/// Markdown-active punctuation is backslash-escaped and an `&` that would start an entity
/// (`&amp;`, `&#38;`, `&#x26;`) becomes `&amp;`; any other `&` stays as it is. A leading list or
/// heading marker (`+`, `-`, `=`, `1.`, `1)`) and bare-URL starts (`://`, `www.`) are escaped too.
pub(crate) fn escape_inline(text: &str) -> String {
    if is_plain(text) {
        return text.to_owned();
    }
    escape_general(text)
}

/// Appends `text` escaped like [`escape_inline`] to `out`, without allocating when it needs no
/// escaping.
pub(crate) fn push_inline(out: &mut String, text: &str) {
    if is_plain(text) {
        out.push_str(text);
    } else {
        out.push_str(&escape_general(text));
    }
}

/// [`escape_inline`] of text with a character that may need escaping.
fn escape_general(text: &str) -> String {
    let flat = flatten(text);
    let chars: Vec<char> = flat.trim().chars().collect();
    let marker = line_start_marker(&chars);
    let mut out = String::with_capacity(chars.len() + chars.len() / 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '&' && starts_entity(&chars, i) {
            out.push_str("&amp;");
            continue;
        }
        if c == '@' && i > 0 && is_email_local(chars[i - 1]) {
            // GitHub turns `name@example.com` into a mailto link even with `\@`; an empty
            // comment between the name and the `@` splits the text so it stays literal.
            out.push_str("<!-- -->");
        }
        if ACTIVE.contains(&c) || marker == Some(i) || starts_bare_url(&chars, i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `text` needs no escaping at all: it starts with a letter (or `"`), ends without white
/// space and holds only letters, digits, spaces and punctuation with no Markdown meaning mid-line.
/// Most names are like this, so a large charter skips the general path for them.
pub(crate) fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || first == b'"') || last.is_ascii_whitespace() {
        return false;
    }
    // One pass without a branch per byte: the classes of all bytes, or-ed together.
    let class = bytes
        .iter()
        .fold(0u8, |class, &b| class | CLASS[usize::from(b)]);
    class & STOP == 0
        && !(class & (COLON | SLASH) == COLON | SLASH && text.contains("://"))
        && !(class & (DOT | W) == DOT | W && spells_www(text))
}

/// Whether `text` holds `www.` in any case, which a renderer would make a link of.
fn spells_www(text: &str) -> bool {
    text.match_indices('.').any(|(i, _)| {
        i >= 3
            && text.as_bytes()[i - 3..i]
                .iter()
                .all(|c| c.eq_ignore_ascii_case(&b'w'))
    })
}

/// [`CLASS`] of a byte [`is_plain`] never lets through.
const STOP: u8 = 1;
/// [`CLASS`] of the bytes that are plain but may spell a link: `://` or `www.`.
const COLON: u8 = 2;
const SLASH: u8 = 4;
const DOT: u8 = 8;
const W: u8 = 16;

/// The class of each byte for [`is_plain`]: 0 for ASCII letters and digits, space and
/// punctuation with no Markdown meaning mid-line, but [`COLON`], [`SLASH`], [`DOT`] and [`W`]
/// for those that may spell a link; [`STOP`] for the rest.
const CLASS: [u8; 256] = {
    let mut table = [STOP; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b':' => COLON,
            b'/' => SLASH,
            b'.' => DOT,
            b'w' | b'W' => W,
            b' ' | b',' | b'(' | b')' | b'\'' | b'?' | b';' | b'-' | b'"' => 0,
            c if c.is_ascii_alphanumeric() => 0,
            _ => STOP,
        };
        b += 1;
    }
    table
};

/// Escapes multi-line text as Markdown paragraphs: blank lines separate paragraphs, and every
/// line is escaped like [`escape_inline`], so no line can start a block of its own.
pub(crate) fn escape_block(text: &str) -> String {
    let mut out = String::new();
    push_block(&mut out, text);
    out
}

/// Appends [`escape_block`] of `text` to `out`, line by line, without an intermediate string
/// for plain lines; appends nothing when the block says nothing.
pub(crate) fn push_block(out: &mut String, text: &str) {
    let mut any = false;
    let mut paragraph_break = false;
    for line in text.split('\n') {
        let before = out.len();
        if any {
            out.push_str(if paragraph_break { "\n\n" } else { "\n" });
        }
        let start = out.len();
        push_inline(out, line);
        if out.len() == start {
            out.truncate(before);
            paragraph_break = any;
        } else {
            any = true;
            paragraph_break = false;
        }
    }
}

/// Drops control characters; line breaks (`\n`, `\r\n`, `\r`) and tabs become one space.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether the `&` at `i` would start a character reference a renderer turns into another
/// character: `&` and a name (`&amp;`, `&lt;`), `#` and digits (`&#38;`) or `#x` and hex digits
/// (`&#x26;`), then `;`. The test is wider than the entity list: any run of ASCII letters and
/// digits counts, so no entity, known today or added later, can be spelled.
fn starts_entity(chars: &[char], i: usize) -> bool {
    let rest = chars.get(i + 1..).unwrap_or_default();
    let rest = match rest.first() {
        Some('#') => &rest[1..],
        _ => rest,
    };
    let run = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    run > 0 && rest.get(run) == Some(&';')
}

/// Whether `c` can end the local part of an e-mail address that GFM would autolink.
fn is_email_local(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')
}

/// The position of a character that would make the line a list item or setext underline.
fn line_start_marker(chars: &[char]) -> Option<usize> {
    match chars.first()? {
        '+' | '-' | '=' => Some(0),
        c if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(chars.get(digits), Some('.' | ')')).then_some(digits)
        }
        _ => None,
    }
}

/// Whether the character at `i` would let a renderer turn a bare URL into a link:
/// the `:` of `scheme://` or the `.` of `www.`.
fn starts_bare_url(chars: &[char], i: usize) -> bool {
    match chars[i] {
        ':' => chars.get(i + 1..i + 3) == Some(&['/', '/']),
        '.' => i >= 3 && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w')),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_general, is_plain};
    use proptest::prelude::*;

    proptest! {
        /// The fast path never changes what the charter says: text it lets through is exactly
        /// what the general escaping gives.
        #[test]
        fn plain_text_escapes_to_itself(text in "[\"a-zA-Z0-9 ,()/'?;.:\\-wW&*_#|]{0,24}") {
            if is_plain(&text) {
                prop_assert_eq!(escape_general(&text), text);
            }
        }
    }

    #[test]
    fn quoted_and_lettered_text_is_plain_but_markers_and_links_are_not() {
        assert!(is_plain("\"Crisis\" has a budget of 100 EUR."));
        assert!(!is_plain("1. first"));
        assert!(!is_plain("see https://example.com"));
        assert!(!is_plain("visit www.example.com"));
        assert!(!is_plain("trailing "));
        assert!(!is_plain("a|b"));
    }
}

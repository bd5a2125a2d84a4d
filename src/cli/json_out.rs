//! `check --format json` written as it is serialized: no JSON tree and no second copy of the
//! document in memory, whatever the number of findings, and every character a terminal could
//! act on escaped on the way (as [`crate::text::escape_json`] does for a whole text).

use std::io::{self, Write};

use serde::ser::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::{escape_json, is_unsafe_char};

/// Writes `value` as pretty JSON (two-space indent, as `serde_json::to_string_pretty`) to `out`,
/// with C0/C1 controls, bidi and zero-width characters inside strings as `\uXXXX` escapes.
pub(super) fn write_pretty(out: impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// A formatter that lays out like the one it wraps and escapes unsafe characters in strings
/// (serde_json itself escapes only C0 controls, quotes and backslashes).
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
            writer.write_all(escape_json(fragment).as_bytes())
        } else {
            writer.write_all(fragment.as_bytes())
        }
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_as_it_is_serialized_like_the_escaped_pretty_text() {
        let value = serde_json::json!({
            "b": ["x\u{1b}]0;title\u{7}", "\u{202e}rtl\u{9b}", "plain \"quoted\" \\ é"],
            "a": { "empty": [], "none": null, "n": 3, "emoji": "\u{1F600}" },
        });
        let mut streamed = Vec::new();
        write_pretty(&mut streamed, &value).expect("writes");
        let whole = escape_json(&serde_json::to_string_pretty(&value).expect("serializes"));
        assert_eq!(String::from_utf8(streamed).expect("UTF-8"), whole);
    }
}

//! TOML events, table by table: the file is lexed once, cut before each table header, and each
//! piece is parsed into `toml_parser` events, which a [`Cursor`] hands out with their values
//! decoded. No syntax tree is built, and only one table's tokens and events are held at a time,
//! so the cost stays linear and the memory small however long the file.
//!
//! The parse runs the same lexer, parser and checks (whitespace, comments, newlines, nesting
//! depth) as the `toml` crate's; any syntax error gives `None`, and the caller goes the general
//! way, which reports it.

use std::borrow::Cow;
use std::ops::Range;

use toml_parser::decoder::ScalarKind;
use toml_parser::lexer::TokenKind;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace, parse_document};
use toml_parser::{ParseError, Source};

/// How deep arrays and inline tables may nest: the `toml` crate's limit.
const MAX_DEPTH: u32 = 80;

/// Calls `piece` with the events of each top-level piece of `text`: what stands before the
/// first table header, then each table from its header up to the next header. `None` when the
/// text has a syntax error or `piece` gives up.
pub(super) fn for_each_piece<'i>(
    text: &'i str,
    mut piece: impl FnMut(&mut Cursor<'_, 'i>) -> Option<()>,
) -> Option<()> {
    let source = Source::new(text);
    let mut tokens = Vec::with_capacity(256);
    let mut events: Vec<Event> = Vec::with_capacity(256);
    let mut parse = |tokens: &[toml_parser::lexer::Token]| -> Option<()> {
        events.clear();
        let mut error: Option<ParseError> = None;
        {
            let mut whitespace = ValidateWhitespace::new(&mut events, source);
            let mut guard = RecursionGuard::new(&mut whitespace, MAX_DEPTH);
            parse_document(tokens, &mut guard, &mut error);
        }
        if error.is_some() {
            return None;
        }
        piece(&mut Cursor {
            source,
            events: &events,
            next: 0,
        })
    };
    // Brackets and braces open (a header `[` is only one outside any value), and whether only
    // whitespace stands between the last newline (or the start) and this token.
    let mut depth: i64 = 0;
    let mut line_start = true;
    for token in source.lex() {
        let kind = token.kind();
        match kind {
            TokenKind::LeftSquareBracket => {
                if depth == 0 && line_start && !tokens.is_empty() {
                    parse(&tokens)?;
                    tokens.clear();
                }
                depth += 1;
            }
            TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            _ => {}
        }
        line_start = match kind {
            TokenKind::Newline => true,
            TokenKind::Whitespace => line_start,
            _ => false,
        };
        tokens.push(token);
    }
    parse(&tokens)
}

/// A scalar value, decoded as the `toml` crate decodes it.
pub(super) enum Scalar<'i> {
    String(Cow<'i, str>),
    /// The digits (as `from_str_radix` takes them) and the radix.
    Integer(Cow<'i, str>, u32),
    Float(Cow<'i, str>),
    Boolean(bool),
    Datetime(Cow<'i, str>),
}

/// The events of one piece of the file, handed out in order.
pub(super) struct Cursor<'e, 'i> {
    source: Source<'i>,
    events: &'e [Event],
    next: usize,
}

impl<'i> Cursor<'_, 'i> {
    /// The next event that is not whitespace, a newline or a comment.
    pub(super) fn next(&mut self) -> Option<Event> {
        let event = self.peek()?;
        self.next += 1;
        Some(event)
    }

    /// The next event that is not whitespace, a newline or a comment, left in place.
    pub(super) fn peek(&mut self) -> Option<Event> {
        while let Some(event) = self.events.get(self.next) {
            match event.kind() {
                EventKind::Whitespace | EventKind::Newline | EventKind::Comment => self.next += 1,
                _ => return Some(*event),
            }
        }
        None
    }

    /// The byte range of `event` in the text.
    pub(super) fn span(event: Event) -> Range<usize> {
        event.span().start()..event.span().end()
    }

    /// The decoded text of a key event.
    pub(super) fn key(&self, event: Event) -> Option<Cow<'i, str>> {
        let raw = self.source.get(event)?;
        let mut key = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut key, &mut error);
        error.is_none().then_some(key)
    }

    /// The next value as a scalar; `None` for anything else.
    pub(super) fn scalar(&mut self) -> Option<Scalar<'i>> {
        let event = self.next()?;
        if event.kind() != EventKind::Scalar {
            return None;
        }
        let raw = self.source.get(event)?;
        let mut text = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut text, &mut error);
        if error.is_some() {
            return None;
        }
        Some(match kind {
            ScalarKind::String => Scalar::String(text),
            ScalarKind::Integer(radix) => Scalar::Integer(text, radix.value()),
            ScalarKind::Float => Scalar::Float(text),
            ScalarKind::Boolean(value) => Scalar::Boolean(value),
            ScalarKind::DateTime => Scalar::Datetime(text),
        })
    }

    /// The next value as a string; `None` for anything else.
    pub(super) fn string(&mut self) -> Option<Cow<'i, str>> {
        match self.scalar()? {
            Scalar::String(text) => Some(text),
            _ => None,
        }
    }

    /// The next value as an array of strings, each handed to `item`.
    pub(super) fn strings(
        &mut self,
        mut item: impl FnMut(Cow<'i, str>) -> Option<()>,
    ) -> Option<()> {
        self.array(|cursor| item(cursor.string()?))
    }

    /// The next value as an array: `item` reads each value in turn.
    pub(super) fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if self.next()?.kind() != EventKind::ArrayOpen {
            return None;
        }
        loop {
            match self.peek()?.kind() {
                EventKind::ArrayClose => {
                    self.next += 1;
                    return Some(());
                }
                EventKind::ValueSep => self.next += 1,
                _ => item(self)?,
            }
        }
    }

    /// The next value as an inline table: `entry` reads the value of each key in turn.
    pub(super) fn inline_table(
        &mut self,
        mut entry: impl FnMut(&mut Self, Cow<'i, str>) -> Option<()>,
    ) -> Option<()> {
        if self.next()?.kind() != EventKind::InlineTableOpen {
            return None;
        }
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::InlineTableClose => return Some(()),
                EventKind::ValueSep => {}
                EventKind::SimpleKey => {
                    let key = self.key(event)?;
                    // A dotted key (`a.b = 1`) goes the general way.
                    if self.next()?.kind() != EventKind::KeyValSep {
                        return None;
                    }
                    entry(self, key)?;
                }
                _ => return None,
            }
        }
    }
}

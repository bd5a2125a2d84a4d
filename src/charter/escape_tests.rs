//! The charter's escaping of workspace text: inline (table cells, list items) and blocks.

use super::escape::{escape_block, escape_inline};

#[test]
fn inline_escaping() {
    assert_eq!(escape_inline("Crisis response"), "Crisis response");
    assert_eq!(escape_inline("PR / Comms — 广报"), "PR / Comms — 广报");
    assert_eq!(escape_inline("a|b"), r"a\|b");
    assert_eq!(escape_inline(" x\r\ny\tz\n"), "x y z");
    assert_eq!(escape_inline("\u{1b}[2J\u{202e}ok\u{7}"), r"\[2Jok");
    assert_eq!(escape_inline("&amp; <b>"), r"&amp;amp; \<b\>");
    assert_eq!(escape_inline("*_`~#!$@^\\"), r"\*\_\`\~\#\!\$\@\^\\");
    assert_eq!(escape_inline("- item"), r"\- item");
    assert_eq!(escape_inline("+ item"), r"\+ item");
    assert_eq!(escape_inline("==="), r"\===");
    assert_eq!(escape_inline("12. item"), r"12\. item");
    assert_eq!(escape_inline("3) item"), r"3\) item");
    assert_eq!(
        escape_inline("2024 was good. A-team"),
        "2024 was good. A-team"
    );
    assert_eq!(escape_inline("see http://e.com"), r"see http\://e.com");
    assert_eq!(escape_inline("WWW.e.com"), r"WWW\.e.com");
}

#[test]
fn block_escaping_keeps_paragraphs_only() {
    assert_eq!(
        escape_block("one\r\ntwo\n\n\n  # three  \n"),
        "one\ntwo\n\n\\# three"
    );
    assert_eq!(escape_block(" \n\u{1b}\n"), "");
    assert_eq!(escape_block("Title\n---"), "Title\n\\---");
}

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

#[test]
fn an_ampersand_is_escaped_only_where_it_would_start_an_entity() {
    assert_eq!(escape_inline("Legal & Compliance"), "Legal & Compliance");
    assert_eq!(escape_inline("R&D && more &"), "R&D && more &");
    assert_eq!(escape_inline("&; & ; &-x;"), "&; & ; &-x;");
    assert_eq!(escape_inline("AT&T;"), "AT&amp;T;");
    assert_eq!(escape_inline("&copy; &amp;"), "&amp;copy; &amp;amp;");
    assert_eq!(escape_inline("&#38; &#x26;"), r"&amp;\#38; &amp;\#x26;");
    assert_eq!(escape_inline("&#;"), r"&\#;");
}

/// The words a GitHub-flavoured renderer shows for one escaped line.
fn rendered(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

proptest::proptest! {
    /// Whatever ampersands, names, numbers and semicolons a text holds, the renderer shows it
    /// as it was written: no entity is ever spelled, and no escape shows.
    #[test]
    fn ampersands_render_as_written(text in "[a-zA-Z0-9&#; ]{0,24}") {
        let expected = text.trim();
        proptest::prop_assert_eq!(rendered(&escape_inline(&text)), expected);
    }
}

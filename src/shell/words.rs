//! Splitting a typed line into words: spaces separate them, double or single quotes keep a name
//! with spaces together (`"Crisis response"`), and each word remembers where it started so a
//! free-text argument can be taken as typed.

/// One word of a line, without its quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as meant: quotes removed, the text inside them kept.
    pub text: String,
    /// Where the word starts in the line (a byte offset).
    pub start: usize,
    /// Whether any part of it was quoted (a quoted word is never a command keyword).
    pub quoted: bool,
}

/// The words of `line`. A quote left open is an error that says so.
pub fn split(line: &str) -> Result<Vec<Word>, String> {
    let mut words = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut text = String::new();
        let mut quoted = false;
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '"' || c == '\'' {
                quoted = true;
                let mut closed = false;
                for (_, inner) in chars.by_ref() {
                    if inner == c {
                        closed = true;
                        break;
                    }
                    text.push(inner);
                }
                if !closed {
                    let what = if c == '"' { "double" } else { "single" };
                    return Err(format!(
                        "the {what} quote at column {} is never closed",
                        line[..at].chars().count() + 1
                    ));
                }
            } else {
                text.push(c);
            }
        }
        words.push(Word {
            text,
            start,
            quoted,
        });
    }
    Ok(words)
}

/// The free text from word `from` to the end of `line`: the one word's text when only one is
/// left (so quotes around the whole text go), else the rest of the line as typed.
pub fn rest(line: &str, words: &[Word], from: usize) -> Option<String> {
    match words.get(from..)? {
        [] => None,
        [one] => Some(one.text.clone()),
        more => Some(line[more[0].start..].trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        split(line)
            .expect("splits")
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn quotes_keep_a_name_together_and_join_what_touches_them() {
        assert_eq!(
            texts(r#"give "Crisis response" accountable pr"#),
            ["give", "Crisis response", "accountable", "pr"]
        );
        assert_eq!(
            texts(r#"decide "Crisis response": We agree"#)[1],
            "Crisis response:"
        );
        assert_eq!(
            texts("  sign  'Legal & Compliance'  Carla "),
            ["sign", "Legal & Compliance", "Carla"]
        );
        assert_eq!(texts(r#"rename x """#), ["rename", "x", ""]);
    }

    #[test]
    fn an_open_quote_is_an_error_naming_its_column() {
        let error = split(r#"show "Crisis"#).expect_err("open quote");
        assert_eq!(error, "the double quote at column 6 is never closed");
    }

    #[test]
    fn the_rest_is_taken_as_typed() {
        let line = r#"tiebreak crisis The  CEO "decides""#;
        let words = split(line).expect("splits");
        assert_eq!(
            rest(line, &words, 2).as_deref(),
            Some(r#"The  CEO "decides""#)
        );
        let line = r#"park crisis "later, with Legal""#;
        let words = split(line).expect("splits");
        assert_eq!(rest(line, &words, 2).as_deref(), Some("later, with Legal"));
        assert_eq!(rest(line, &words, 3), None);
    }
}

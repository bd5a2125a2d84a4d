//! Small readers and helpers of the loader: item descriptions, values as text, integers, the
//! kind of a value, "did you mean" suggestions and calendar dates.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::What;

/// `department "marketing"` when the table has a string id, else just the kind (written out
/// only when a message needs it).
pub(super) fn describe<'t, 'i>(what: &'static str, table: &'t DeTable<'i>) -> What<'t, 'i> {
    What::Item(what, table)
}

/// How a negative number is shown: as written when it is beyond what `f64` prints well.
pub(super) fn v_text(v: &Spanned<DeValue<'_>>, n: f64) -> String {
    match v.get_ref() {
        DeValue::Integer(i) if n.is_infinite() => i.as_str().to_owned(),
        _ => n.to_string(),
    }
}

pub(super) fn integer(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    integer_text(i.as_str(), i.radix())
}

/// An integer's digits (underscores allowed between them) in `radix`, when it fits 64 bits.
pub(super) fn integer_text(digits: &str, radix: u32) -> Option<i64> {
    if digits.contains('_') {
        i64::from_str_radix(&digits.replace('_', ""), radix).ok()
    } else {
        i64::from_str_radix(digits, radix).ok()
    }
}

pub(super) fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The closest allowed key, when one is close enough to be a likely typo.
pub(super) fn suggestion<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`? " for the closest allowed key, or nothing when none is close.
pub(super) fn did_you_mean(name: &str, allowed: &[&str]) -> String {
    suggestion(name, allowed)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default()
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD`.
pub fn is_valid_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
    let all_digits = text
        .char_indices()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    all_digits && (1..=days).contains(&day)
}

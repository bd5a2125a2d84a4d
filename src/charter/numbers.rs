//! Numbers as a reader signing the charter expects them: amounts with their thousands
//! separated by commas and no needless fraction, integers written without the formatting
//! machinery (a large charter writes many).

use std::fmt::Write as _;

use crate::workspace::Amount;

/// Appends an amount as a reader signing it expects: thousands separated by commas, no needless
/// fraction (`12,000`, `1,000.5`).
pub(super) fn push_amount(out: &mut String, amount: Amount) {
    if amount.fract() == 0.0 && amount.abs() < 1e15 {
        let start = out.len();
        push_integer(out, amount as i64);
        group_thousands(out, start);
    } else {
        let start = out.len();
        let _ = write!(out, "{amount}");
        if !out[start..].contains(['e', 'E']) {
            group_thousands(out, start);
        }
    }
}

/// Puts a comma between each group of three digits of the whole part of the number written in
/// `out` from `start` on.
fn group_thousands(out: &mut String, start: usize) {
    let text = &out[start..];
    let digits_start = start + usize::from(text.starts_with('-'));
    let digits_end = out[digits_start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(out.len(), |i| digits_start + i);
    let mut at = digits_end;
    while at > digits_start + 3 {
        at -= 3;
        out.insert(at, ',');
    }
}

/// Appends `n` in decimal, as `{n}` formats it (without the formatting machinery).
pub(super) fn push_integer(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// A count as a reader expects it, its thousands separated by commas (`12,500`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Thousands(pub(super) usize);

impl std::fmt::Display for Thousands {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        push_amount(&mut out, self.0 as Amount);
        f.write_str(&out)
    }
}

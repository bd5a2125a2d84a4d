//! Typed amounts and the funding field: `PR / Communications = 8000, Legal & Compliance = 4000`.
//!
//! # Syntax
//! - An amount is decimal: `12000`, `12000.50`, or grouped by three with one kind of separator
//!   (`12,000`, `12 000`, `12_000`, `1,234,567.5`). Misplaced groups (`12,00`, `1,2`), signs,
//!   exponents, `NaN` and amounts over [`MAX_AMOUNT`] are refused.
//! - Funding is a list of `DEPARTMENT = AMOUNT` entries. Entries are separated by `;`, a newline,
//!   or a `,` that is not between two digits (so `a = 12,000, b = 5` is two entries).
//! - Each entry splits on its **last** `=`, so a department name may contain `=`. A piece without
//!   any `=` is joined to the next one, so `Sales, Marketing = 5` names "Sales, Marketing".
//! - A department is written as its id, its name (any case, surrounding spaces ignored) or a
//!   unique prefix of its name.
//!
//! [`funding_text`] writes names in workspace order, and falls back to the id for a name that
//! would not read back as the same department (it holds `,` `;` or a control character, has
//! surrounding spaces, or is shared with or shadowed by another department).

use std::collections::BTreeMap;

use crate::workspace::{Amount, Department, MAX_AMOUNT, Workspace, format_amount};

/// Characters that may group the digits of an amount by three.
const GROUP_SEPARATORS: [char; 5] = [',', ' ', '_', '\u{a0}', '\u{202f}'];

/// Parses an amount typed by a person (see the module documentation for the accepted forms).
pub fn parse_amount(text: &str) -> Result<Amount, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("an amount is missing".into());
    }
    if t.starts_with('-') {
        return Err(format!("\"{t}\": an amount cannot be negative"));
    }
    let not_amount = || format!("\"{t}\" is not an amount (write 12000, 12,000 or 12 000.50)");
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if !frac.chars().all(|c| c.is_ascii_digit()) || (int.is_empty() && frac.is_empty()) {
        return Err(not_amount());
    }
    let mut separators = int.chars().filter(|c| GROUP_SEPARATORS.contains(c));
    let digits: String = match separators.next() {
        None if int.chars().all(|c| c.is_ascii_digit()) => int.to_owned(),
        None => return Err(not_amount()),
        Some(sep) => {
            if separators.any(|c| c != sep) {
                return Err(format!("\"{t}\": use one kind of digit separator"));
            }
            let groups: Vec<&str> = int.split(sep).collect();
            let well_grouped = groups.iter().enumerate().all(|(i, g)| {
                let len_ok = if i == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                };
                len_ok && g.chars().all(|c| c.is_ascii_digit())
            });
            if !well_grouped {
                if int.chars().all(|c| c.is_ascii_digit() || c == sep) {
                    return Err(format!("\"{t}\": group digits by three, as in 12,000"));
                }
                return Err(not_amount());
            }
            groups.concat()
        }
    };
    let number = if frac.is_empty() {
        digits
    } else {
        format!("{}.{frac}", if digits.is_empty() { "0" } else { &digits })
    };
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n <= MAX_AMOUNT => Ok(n + 0.0),
        Ok(_) => Err(format!("\"{t}\" is more than a thousand trillion")),
        Err(_) => Err(not_amount()),
    }
}

/// Parses an optional amount: empty text means none.
pub fn parse_optional_amount(text: &str) -> Result<Option<Amount>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_amount(text).map(Some)
}

/// Finds the department a person means by `key`: its id, its name (case-insensitive), or a
/// unique case-insensitive prefix of its name. The error says what matched or what was meant.
pub fn resolve_department<'a>(ws: &'a Workspace, key: &str) -> Result<&'a Department, String> {
    let key = key.trim();
    if key.is_empty() {
        return Err("a department is missing before =".into());
    }
    if let Some(d) = ws.departments.iter().find(|d| d.id == key) {
        return Ok(d);
    }
    let lower = key.to_lowercase();
    let named: Vec<&Department> = ws
        .departments
        .iter()
        .filter(|d| d.name.trim().to_lowercase() == lower)
        .collect();
    match named.as_slice() {
        [one] => return Ok(one),
        [] => {}
        many => {
            let ids: Vec<&str> = many.iter().map(|d| d.id.as_str()).collect();
            return Err(format!(
                "\"{key}\" names {} departments; use an id: {}",
                many.len(),
                ids.join(", ")
            ));
        }
    }
    if let Some(d) = ws.departments.iter().find(|d| d.id == lower) {
        return Ok(d);
    }
    let prefixed: Vec<&Department> = ws
        .departments
        .iter()
        .filter(|d| d.name.trim().to_lowercase().starts_with(&lower))
        .collect();
    match prefixed.as_slice() {
        [one] => Ok(one),
        [] => Err(unknown_department(ws, key, &lower)),
        many => Err(format!(
            "\"{key}\" could be {}; type more",
            name_list(many.iter().map(|d| d.name.as_str()))
        )),
    }
}

fn unknown_department(ws: &Workspace, key: &str, lower: &str) -> String {
    if ws.departments.is_empty() {
        return format!("no department \"{key}\": there are no departments yet");
    }
    let best = ws
        .departments
        .iter()
        .map(|d| {
            let by_name = strsim::jaro_winkler(lower, &d.name.trim().to_lowercase());
            let by_id = strsim::jaro_winkler(lower, &d.id);
            (by_name.max(by_id), d)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, d)) if score >= 0.7 => {
            format!("no department \"{key}\"; did you mean {}?", d.name)
        }
        _ => format!(
            "no department \"{key}\" (there are {})",
            name_list(ws.departments.iter().map(|d| d.name.as_str()))
        ),
    }
}

/// Up to five names joined by commas, then "…".
fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        shown.push_str(", …");
    }
    shown
}

/// How [`funding_text`] writes a department: its name when that reads back as the same
/// department, otherwise its id.
pub fn funding_key<'a>(ws: &Workspace, department: &'a Department) -> &'a str {
    let name = department.name.as_str();
    let plain = !name.is_empty()
        && name.trim() == name
        && !name.chars().any(|c| c == ',' || c == ';' || c.is_control());
    let reads_back =
        plain && resolve_department(ws, name).is_ok_and(|found| found.id == department.id);
    if reads_back { name } else { &department.id }
}

/// The funding map as editable text, in workspace department order:
/// `PR / Communications = 8000, Legal & Compliance = 4000`. It parses back to the same map
/// with [`parse_funding`]. Ids of unknown departments come last, as they are.
pub fn funding_text(ws: &Workspace, funding: &BTreeMap<String, Amount>) -> String {
    let known = ws.departments.iter().filter_map(|d| {
        let amount = funding.get(&d.id)?;
        Some(format!(
            "{} = {}",
            funding_key(ws, d),
            format_amount(*amount)
        ))
    });
    let unknown = funding
        .iter()
        .filter(|(id, _)| ws.department(id).is_none())
        .map(|(id, amount)| format!("{id} = {}", format_amount(*amount)));
    known.chain(unknown).collect::<Vec<_>>().join(", ")
}

/// Parses funding text (see the module documentation) into department ids and amounts.
/// A department listed twice is an error.
pub fn parse_funding(ws: &Workspace, text: &str) -> Result<BTreeMap<String, Amount>, String> {
    let mut funding = BTreeMap::new();
    for (start, end) in entries(text) {
        let entry = text[start..end].trim();
        let Some((key, amount)) = entry.rsplit_once('=') else {
            return Err(format!(
                "\"{entry}\" needs = and an amount, as in Legal = 4000"
            ));
        };
        let department = resolve_department(ws, key)?;
        let amount = parse_amount(amount)?;
        if funding.insert(department.id.clone(), amount).is_some() {
            return Err(format!("{} is listed twice", department.name));
        }
    }
    Ok(funding)
}

/// The byte ranges between entry separators: `;`, newlines, and `,` unless between two digits.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let separates = match c {
            ';' | '\n' | '\r' => true,
            ',' => {
                !(previous.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            _ => false,
        };
        if separates {
            pieces.push((start, i));
            start = i + c.len_utf8();
        }
        previous = Some(c);
    }
    pieces.push((start, text.len()));
    pieces
}

/// The byte ranges of the entries: pieces without `=` joined to the next, blank pieces skipped.
fn entries(text: &str) -> Vec<(usize, usize)> {
    let mut entries = Vec::new();
    let mut open: Option<usize> = None;
    for (start, end) in pieces(text) {
        let piece = &text[start..end];
        if open.is_none() && piece.trim().is_empty() {
            continue;
        }
        let from = *open.get_or_insert(start);
        if piece.contains('=') {
            entries.push((from, end));
            open = None;
        }
    }
    if let Some(from) = open {
        entries.push((from, text.len()));
    }
    entries
}

/// The department name being typed at `cursor` (in characters): the byte range of the typed
/// part, or `None` when the cursor is in an amount.
fn typed_name(text: &str, cursor: usize) -> Option<(usize, usize)> {
    let at = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let pieces = pieces(text);
    let mut index = pieces.iter().position(|&(s, e)| s <= at && at <= e)?;
    while index > 0 {
        let (s, e) = pieces[index - 1];
        let before = &text[s..e];
        if before.trim().is_empty() || before.contains('=') {
            break;
        }
        index -= 1;
    }
    let start = pieces[index].0;
    let typed = &text[start..at];
    if typed.contains('=') {
        return None;
    }
    Some((start + (typed.len() - typed.trim_start().len()), at))
}

/// Departments whose name starts with the typed prefix, except those other entries already fund.
fn matching<'a>(ws: &'a Workspace, text: &str, typed: (usize, usize)) -> Vec<&'a Department> {
    let prefix = text[typed.0..typed.1].to_lowercase();
    let used: Vec<&str> = entries(text)
        .into_iter()
        .filter(|&(s, e)| !(s <= typed.0 && typed.1 <= e))
        .filter_map(|(s, e)| text[s..e].rsplit_once('=').map(|(key, _)| key))
        .filter_map(|key| resolve_department(ws, key).ok())
        .map(|d| d.id.as_str())
        .collect();
    ws.departments
        .iter()
        .filter(|d| !used.contains(&d.id.as_str()))
        .filter(|d| d.name.trim().to_lowercase().starts_with(&prefix))
        .collect()
}

/// Names of the departments that fit the entry being typed at `cursor` (a character index into
/// `input`), in workspace order, leaving out departments other entries already fund. Empty when
/// the cursor is in an amount. For a hint line under the prompt.
pub fn funding_candidates<'a>(ws: &'a Workspace, input: &str, cursor: usize) -> Vec<&'a str> {
    typed_name(input, cursor).map_or_else(Vec::new, |typed| {
        matching(ws, input, typed)
            .into_iter()
            .map(|d| d.name.as_str())
            .collect()
    })
}

/// Completes the department name being typed at `cursor` (a character index into `input`).
/// One candidate: the typed part becomes its name (its id if the name cannot be written, see
/// [`funding_key`]) followed by ` = ` unless an `=` already follows. Several: the typed part
/// grows to their longest common prefix (case-insensitive). Returns the new input and the new
/// cursor (in characters), or `None` when there is nothing to complete.
pub fn complete_funding(ws: &Workspace, input: &str, cursor: usize) -> Option<(String, usize)> {
    let typed = typed_name(input, cursor)?;
    let found = matching(ws, input, typed);
    let insert = match found.as_slice() {
        [] => return None,
        [one] => {
            let mut insert = funding_key(ws, one).to_owned();
            if !input[typed.1..].trim_start().starts_with('=') {
                insert.push_str(" = ");
            }
            insert
        }
        [first, rest @ ..] => {
            let name = first.name.trim();
            let common = rest.iter().fold(name.chars().count(), |len, d| {
                name.chars()
                    .zip(d.name.trim().chars())
                    .take(len)
                    .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                    .count()
            });
            let typed_len = input[typed.0..typed.1].chars().count();
            if common <= typed_len {
                return None;
            }
            name.chars().take(common).collect()
        }
    };
    let mut output = String::with_capacity(input.len() + insert.len());
    output.push_str(&input[..typed.0]);
    output.push_str(&insert);
    let new_cursor = output.chars().count();
    output.push_str(&input[typed.1..]);
    (output != input || new_cursor != cursor).then_some((output, new_cursor))
}

#[cfg(test)]
mod tests;

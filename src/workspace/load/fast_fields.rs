//! Reading the values of each kind of table the fast way ([`super::fast`]): each reader gives
//! `None` at the first thing the general way would report, or would read differently.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use toml_parser::parser::EventKind;

use super::stream::{Cursor, Scalar};
use super::{CLAIM_KEYS, SIGNED_KEYS, is_valid_date, slot, values::integer_text};
use crate::rules::RuleId;
use crate::workspace::model::{
    Amount, Claim, ClaimStatus, Claims, Department, MAX_AMOUNT, Responsibility, Role, RoleModel,
    RuleSettings, Severity, Signature, is_valid_id,
};

/// Whether `key` of `keys` is among the `seen` bits.
pub(super) fn has(keys: &[&str], seen: u32, key: &str) -> bool {
    slot(keys, key).is_some_and(|i| seen & (1 << i) != 0)
}

/// A string the format requires: not blank.
pub(super) fn required(text: std::borrow::Cow<'_, str>) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.into_owned())
}

/// An id: required and well formed.
pub(super) fn id(cursor: &mut Cursor<'_, '_>) -> Option<String> {
    required(cursor.string()?).filter(|id| is_valid_id(id))
}

pub(super) fn optional(cursor: &mut Cursor<'_, '_>) -> Option<Option<String>> {
    Some(Some(cursor.string()?.into_owned()))
}

/// A date written `"YYYY-MM-DD"` or as a TOML date, checked against the calendar.
pub(super) fn date(cursor: &mut Cursor<'_, '_>) -> Option<String> {
    let text = match cursor.scalar()? {
        Scalar::String(text) => text.into_owned(),
        Scalar::Datetime(text) => text.parse::<toml::value::Datetime>().ok()?.to_string(),
        _ => return None,
    };
    is_valid_date(&text).then_some(text)
}

/// A budget or funding amount: a number from 0 to [`MAX_AMOUNT`].
pub(super) fn amount(cursor: &mut Cursor<'_, '_>) -> Option<Amount> {
    let n = match cursor.scalar()? {
        Scalar::Integer(digits, radix) => integer_text(&digits, radix)? as f64,
        Scalar::Float(text) => text.replace('_', "").parse::<f64>().ok()?,
        _ => return None,
    };
    (n.is_finite() && (0.0..=MAX_AMOUNT).contains(&n)).then_some(n + 0.0)
}

pub(super) fn rules_field(
    rules: &mut RuleSettings,
    cursor: &mut Cursor<'_, '_>,
    key: &str,
) -> Option<()> {
    match key {
        "max_accountable" => {
            let Scalar::Integer(digits, radix) = cursor.scalar()? else {
                return None;
            };
            rules.max_accountable = Some(u32::try_from(integer_text(&digits, radix)?).ok()?);
        }
        "disable" => cursor.strings(|id| {
            RuleId::parse(&id)?;
            if rules.disable.iter().any(|d| *d == id) {
                return None;
            }
            rules.disable.push(id.into_owned());
            Some(())
        })?,
        "severity" => cursor.inline_table(|cursor, id| {
            RuleId::parse(&id)?;
            let severity = Severity::parse(&cursor.string()?)?;
            rules
                .severity
                .insert(id.into_owned(), severity)
                .is_none()
                .then_some(())
        })?,
        _ => return None,
    }
    Some(())
}

pub(super) fn department_field(
    d: &mut Department,
    cursor: &mut Cursor<'_, '_>,
    key: &str,
) -> Option<()> {
    match key {
        "id" => d.id = id(cursor)?,
        "name" => d.name = required(cursor.string()?)?,
        "lead" => d.lead = optional(cursor)?,
        "signed" => {
            let mut signature = Signature::default();
            keyed_table(cursor, SIGNED_KEYS, &["by", "date"], |cursor, key| {
                match key {
                    "by" => signature.by = required(cursor.string()?)?,
                    "date" => signature.date = date(cursor)?,
                    "part" => signature.part = optional(cursor)?,
                    _ => signature.open = optional(cursor)?,
                }
                Some(())
            })?;
            d.signed = Some(signature);
        }
        _ => return None,
    }
    Some(())
}

/// Which role list last named each department, so a repeat in a list is found in one step.
#[derive(Default)]
pub(super) struct Marks {
    /// The number of the list that last named each department (0: none yet).
    pub(super) last: Vec<u64>,
    /// The number of the list being read.
    list: u64,
}

pub(super) fn responsibility_field(
    r: &mut Responsibility,
    known: &FxHashMap<String, usize>,
    model: &RoleModel,
    cursor: &mut Cursor<'_, '_>,
    key: &str,
) -> Option<()> {
    match key {
        "id" => r.id = id(cursor)?,
        "name" => r.name = required(cursor.string()?)?,
        "description" => r.description = optional(cursor)?,
        "area" => r.area = optional(cursor)?,
        "tie_breaker" => r.tie_breaker = optional(cursor)?,
        "notes" => r.notes = optional(cursor)?,
        "budget" => r.budget = Some(amount(cursor)?),
        "funding" => department_map(cursor, known, &mut r.funding, amount)?,
        "claims" => claims(cursor, known, model, &mut r.claims)?,
        "parked" => {
            r.parked = match cursor.scalar()? {
                Scalar::Boolean(true) => Some(String::new()),
                Scalar::Boolean(false) => None,
                Scalar::String(note) => Some(note.into_owned()),
                _ => return None,
            }
        }
        _ => return None,
    }
    Some(())
}

/// The list of `role` in a responsibility: known departments, each once.
pub(super) fn role_field(
    r: &mut Responsibility,
    role: Role,
    known: &FxHashMap<String, usize>,
    marks: &mut Marks,
    cursor: &mut Cursor<'_, '_>,
) -> Option<()> {
    let list = r.role_mut(role);
    marks.list += 1;
    cursor.strings(|department| {
        let mark = marks.last.get_mut(*known.get(department.as_ref())?)?;
        if *mark == marks.list {
            return None;
        }
        *mark = marks.list;
        list.push(department.into_owned());
        Some(())
    })
}

/// An inline table of known department ids to values read by `read`, into `map`.
fn department_map<T>(
    cursor: &mut Cursor<'_, '_>,
    known: &FxHashMap<String, usize>,
    map: &mut BTreeMap<String, T>,
    read: fn(&mut Cursor<'_, '_>) -> Option<T>,
) -> Option<()> {
    cursor.inline_table(|cursor, department| {
        if !known.contains_key(department.as_ref()) {
            return None;
        }
        let value = read(cursor)?;
        map.insert(department.into_owned(), value)
            .is_none()
            .then_some(())
    })
}

/// The `claims` inline table: per known department a claim or a list of claims, each role a
/// key of `model` and claimed once.
fn claims(
    cursor: &mut Cursor<'_, '_>,
    known: &FxHashMap<String, usize>,
    model: &RoleModel,
    out: &mut Claims,
) -> Option<()> {
    cursor.inline_table(|cursor, department| {
        if !known.contains_key(department.as_ref()) || out.contains_department(&department) {
            return None;
        }
        let list = if cursor.peek()?.kind() == EventKind::ArrayOpen {
            let mut list: Vec<Claim> = Vec::new();
            cursor.array(|cursor| {
                let claim = claim(cursor, model)?;
                if list.iter().any(|c| c.role == claim.role) {
                    return None;
                }
                list.push(claim);
                Some(())
            })?;
            list
        } else {
            vec![claim(cursor, model)?]
        };
        // An empty list is reported the general way.
        (!list.is_empty()).then(|| out.set_department(department.into_owned(), list))
    })
}

/// A claim: its reason as a string, or a table with the role asked for (a key of `model`), the
/// reason and the outcome.
pub(super) fn claim(cursor: &mut Cursor<'_, '_>, model: &RoleModel) -> Option<Claim> {
    if cursor.peek()?.kind() == EventKind::Scalar {
        return Some(Claim::open(cursor.string()?.into_owned()));
    }
    let mut claim = Claim::default();
    keyed_table(cursor, CLAIM_KEYS, &["reason"], |cursor, key| {
        match key {
            "role" => {
                let role = cursor.string()?;
                model.by_key(&role)?;
                claim.role = Some(role.into_owned());
            }
            "reason" => claim.reason = cursor.string()?.into_owned(),
            "status" => claim.status = ClaimStatus::parse(&cursor.string()?)?,
            "answer" => claim.answer = optional(cursor)?,
            "raised_by" => claim.raised_by = optional(cursor)?,
            _ => claim.date = Some(date(cursor)?),
        }
        Some(())
    })?;
    Some(claim)
}

/// An inline table whose keys are among `keys`, each at most once and those in `must` at
/// least once; `entry` reads the value of each.
fn keyed_table(
    cursor: &mut Cursor<'_, '_>,
    keys: &[&str],
    must: &[&str],
    mut entry: impl FnMut(&mut Cursor<'_, '_>, &str) -> Option<()>,
) -> Option<()> {
    let mut seen = 0u32;
    cursor.inline_table(|cursor, key| {
        let bit = 1 << slot(keys, &key)?;
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        entry(cursor, &key)
    })?;
    must.iter().all(|key| has(keys, seen, key)).then_some(())
}

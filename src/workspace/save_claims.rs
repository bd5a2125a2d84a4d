//! Writing claims: a bare reason for an open claim on no particular role, an inline table for
//! any other, and a list of such for a department with claims on several roles.

use toml_edit::{Array, InlineTable, Value};

use super::model::{Claim, ClaimStatus, DepartmentClaims};
use super::save::value_text;

/// A claim as the file writes it: the bare reason while open and for no particular role, else
/// a table with the role asked for and the outcome.
pub(super) fn claim_value(claim: &Claim) -> Value {
    if claim.is_bare() {
        return Value::from(claim.reason.as_str());
    }
    let mut t = InlineTable::new();
    if let Some(role) = &claim.role {
        t.insert("role", Value::from(role.as_str()));
    }
    t.insert("reason", Value::from(claim.reason.as_str()));
    // An open claim on a role needs no status; claims written before roles always had one.
    if !claim.is_open() || claim.role.is_none() {
        t.insert("status", Value::from(claim.status.as_str()));
    }
    if let Some(answer) = &claim.answer {
        t.insert("answer", Value::from(answer.as_str()));
    }
    if let Some(date) = &claim.date {
        t.insert("date", Value::from(date.as_str()));
    }
    if let Some(by) = &claim.raised_by {
        t.insert("raised_by", Value::from(by.as_str()));
    }
    Value::InlineTable(t)
}

/// The claim a file's value holds, if it is one.
pub(super) fn claim_from_value(value: &Value) -> Option<Claim> {
    match value {
        Value::String(s) => Some(Claim::open(s.value().as_str())),
        Value::InlineTable(t) => {
            let text = |key: &str| t.get(key).and_then(value_text);
            Some(Claim {
                role: text("role"),
                reason: text("reason")?,
                status: text("status")
                    .map_or(Some(ClaimStatus::Open), |s| ClaimStatus::parse(&s))?,
                answer: text("answer"),
                date: text("date"),
                raised_by: text("raised_by"),
            })
        }
        _ => None,
    }
}

/// A department's claims as the file writes them: its only claim, or a list.
pub(super) fn department_claims_value(claims: &DepartmentClaims) -> Value {
    match claims.0.as_slice() {
        [one] => claim_value(one),
        several => {
            let mut array: Array = several.iter().map(claim_value).collect();
            array.fmt();
            Value::Array(array)
        }
    }
}

/// A department's claims as a file's value holds them, if it holds claims.
pub(super) fn department_claims_from_value(value: &Value) -> Option<DepartmentClaims> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(claim_from_value)
            .collect::<Option<Vec<Claim>>>()
            .map(DepartmentClaims),
        one => claim_from_value(one).map(|c| DepartmentClaims(vec![c])),
    }
}

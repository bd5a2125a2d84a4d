//! Writing the `[[conflict]]` tables of a merge, keeping those already in the file as they are.

use toml_edit::{Item, Table, Value};

use super::Waiver;
use super::model::{Conflict, FieldValue};
use super::save::{amount_value, put_tables, set_string, set_value, signature_value, take_tables};
use super::save_claims::claim_value;

/// Rewrites the `[[conflict]]` tables to hold `conflicts`, reusing the existing tables in order.
pub(super) fn write_conflicts(root: &mut Table, conflicts: &[Conflict]) {
    if conflicts.is_empty() && !root.contains_key("conflict") {
        return;
    }
    let mut existing = take_tables(root, "conflict").into_iter();
    let tables = conflicts
        .iter()
        .map(|conflict| {
            let mut table = existing.next().unwrap_or_default();
            write_conflict(&mut table, conflict);
            table
        })
        .collect();
    put_tables(root, "conflict", tables);
}

/// Rewrites the `[[waiver]]` tables to hold `waivers`, reusing the existing tables in order.
pub(super) fn write_waivers(root: &mut Table, waivers: &[Waiver]) {
    if waivers.is_empty() && !root.contains_key("waiver") {
        return;
    }
    let mut existing = take_tables(root, "waiver").into_iter();
    let tables = waivers
        .iter()
        .map(|w| {
            let mut table = existing.next().unwrap_or_default();
            set_string(&mut table, "rule", Some(&w.rule));
            set_string(&mut table, "responsibility", w.responsibility.as_deref());
            set_string(&mut table, "department", w.department.as_deref());
            set_string(&mut table, "reason", Some(&w.reason));
            set_string(&mut table, "date", Some(&w.date));
            table
        })
        .collect();
    put_tables(root, "waiver", tables);
}

fn write_conflict(table: &mut Table, c: &Conflict) {
    let target = c.target.key();
    for key in ["department", "responsibility", "decision"] {
        let id = target.filter(|(k, _)| *k == key).map(|(_, id)| id);
        set_string(table, key, id);
    }
    set_string(table, "field", Some(&c.field));
    set_field_value(table, "ours", c.ours.as_ref());
    set_field_value(table, "theirs", c.theirs.as_ref());
}

fn set_field_value(table: &mut Table, key: &str, value: Option<&FieldValue>) {
    let Some(value) = value else {
        table.remove(key);
        return;
    };
    let fresh = to_value(value);
    let bare = |v: &Value| {
        let mut v = v.clone();
        v.decor_mut().clear();
        v.to_string()
    };
    if table
        .get(key)
        .and_then(Item::as_value)
        .is_some_and(|old| bare(old) == bare(&fresh))
    {
        return;
    }
    set_value(table, key, fresh);
}

/// A field value as the file writes it.
fn to_value(value: &FieldValue) -> Value {
    match value {
        FieldValue::Number(n) => amount_value(*n),
        FieldValue::Text(t) => Value::from(t.as_str()),
        FieldValue::Claim(c) => claim_value(c),
        FieldValue::Signature(s) => signature_value(s),
    }
}

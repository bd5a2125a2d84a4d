//! Reading the `[[conflict]]` tables a merge writes: which item and field, and both values.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Fields as TableFields, Reader, kind};
use crate::workspace::conflict::{ITEM_KEPT, ITEM_REMOVED};
use crate::workspace::fields::{Fields, WorkspaceFields};
use crate::workspace::model::{Conflict, ConflictTarget, FieldValue, Workspace};

const CONFLICT_KEYS: &[&str] = &[
    "department",
    "responsibility",
    "decision",
    "field",
    "ours",
    "theirs",
];

/// The kind of value a conflict's field holds, as the file writes it.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    Number,
    Signature,
    Claim,
    Parked,
    Item,
}

fn field_kind(target: &ConflictTarget, field: &str) -> Option<Kind> {
    let kind = match (target, field) {
        (ConflictTarget::Workspace, "name" | "organization" | "facilitator" | "purpose")
        | (ConflictTarget::Workspace, "currency")
        | (ConflictTarget::Department(_), "name" | "lead")
        | (ConflictTarget::Decision(_), "responsibility" | "text")
        | (
            ConflictTarget::Responsibility(_),
            "name" | "description" | "area" | "tie_breaker" | "notes",
        ) => Kind::Text,
        (ConflictTarget::Workspace | ConflictTarget::Decision(_), "date") => Kind::Date,
        (ConflictTarget::Workspace, "rules.max_accountable")
        | (ConflictTarget::Responsibility(_), "budget") => Kind::Number,
        (ConflictTarget::Department(_), "signed") => Kind::Signature,
        (ConflictTarget::Responsibility(_), "parked") => Kind::Parked,
        (ConflictTarget::Workspace, _) => {
            field.strip_prefix("rules.severity.")?;
            Kind::Text
        }
        (_, "item") => Kind::Item,
        (ConflictTarget::Responsibility(_), _) if field.starts_with("funding.") => Kind::Number,
        (ConflictTarget::Responsibility(_), _) if field.starts_with("claims.") => Kind::Claim,
        _ => return None,
    };
    Some(kind)
}

impl Reader {
    /// One `[[conflict]]` table, checked against the workspace it belongs to.
    pub(super) fn conflict(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        number: usize,
        ws: &Workspace,
    ) -> Option<Conflict> {
        let f = self.fields(table, span, CONFLICT_KEYS, format!("conflict #{number}"));
        let mut targets = Vec::new();
        for key in ["department", "responsibility", "decision"] {
            if let Some(id) = self.optional_string(&f, key) {
                targets.push((key, id));
            }
        }
        if targets.len() > 1 {
            self.error(
                f.span.clone(),
                format!(
                    "{} names more than one item: give one of `department`, `responsibility` or `decision` (none for the workspace)",
                    f.what
                ),
            );
            return None;
        }
        let target = match targets.pop() {
            None => ConflictTarget::Workspace,
            Some((key, id)) => {
                let known = match key {
                    "department" => ws.department(&id).is_some(),
                    "responsibility" => ws.responsibility(&id).is_some(),
                    _ => ws.decisions.iter().any(|d| d.id == id),
                };
                if !known {
                    let at = f.get(key).map_or(f.span.clone(), |v| v.span());
                    self.error(at, format!("unknown {key} `{id}` in {}", f.what));
                    return None;
                }
                match key {
                    "department" => ConflictTarget::Department(id),
                    "responsibility" => ConflictTarget::Responsibility(id),
                    _ => ConflictTarget::Decision(id),
                }
            }
        };
        let field = self.required_string(&f, "field");
        if field.is_empty() {
            return None;
        }
        let field_span = f.get("field").map_or(f.span.clone(), |v| v.span());
        let Some(kind) = field_kind(&target, &field) else {
            self.error(
                field_span,
                format!("unknown field `{field}` of {target} in {}", f.what),
            );
            return None;
        };
        if let Some(department) = field
            .strip_prefix("funding.")
            .or_else(|| field.strip_prefix("claims."))
            && ws.department(department).is_none()
        {
            self.error(
                field_span,
                format!("unknown department `{department}` in `field` of {}", f.what),
            );
            return None;
        }
        let ours = self.conflict_value(&f, "ours", kind);
        let theirs = self.conflict_value(&f, "theirs", kind);
        let conflict = Conflict {
            target,
            field,
            ours: ours?,
            theirs: theirs?,
        };
        if !matches!(kind, Kind::Item) {
            for side in ["ours", "theirs"] {
                let value = if side == "ours" {
                    &conflict.ours
                } else {
                    &conflict.theirs
                };
                if let Err(why) = check_value(ws, &conflict, value.clone()) {
                    let at = f.get(side).map_or(f.span.clone(), |v| v.span());
                    self.error(at, format!("`{side}` of {}: {why}", f.what));
                }
            }
        }
        Some(conflict)
    }

    /// The value at `key` (`ours` or `theirs`): `Some(None)` when absent, `None` when invalid.
    fn conflict_value(
        &mut self,
        f: &TableFields<'_, '_>,
        key: &str,
        field_kind: Kind,
    ) -> Option<Option<FieldValue>> {
        let Some(v) = f.get(key) else {
            return Some(None);
        };
        let what = format!("`{key}` in {}", f.what);
        let value = match field_kind {
            Kind::Text => self.optional_string(f, key).map(FieldValue::Text),
            Kind::Date => self.optional_date(f, key).map(FieldValue::Text),
            Kind::Number => self.amount(&what, v).map(FieldValue::Number),
            Kind::Signature => self.signature(f, key).map(FieldValue::Signature),
            Kind::Claim => self.claim(&what, v).map(FieldValue::Claim),
            Kind::Parked => match v.get_ref() {
                DeValue::Boolean(true) => Some(FieldValue::Text(String::new())),
                DeValue::String(note) => Some(FieldValue::Text(note.to_string())),
                other => {
                    self.error(
                        v.span(),
                        format!("{what} must be true or a note, found {}", kind(other)),
                    );
                    None
                }
            },
            Kind::Item => match v.get_ref() {
                DeValue::String(word) if word == ITEM_KEPT || word == ITEM_REMOVED => {
                    Some(FieldValue::Text(word.to_string()))
                }
                _ => {
                    self.error(
                        v.span(),
                        format!("{what} must be \"{ITEM_KEPT}\" or \"{ITEM_REMOVED}\""),
                    );
                    None
                }
            },
        };
        value.map(Some)
    }
}

/// Whether `value` fits the conflict's field (set on a copy of its item).
fn check_value(ws: &Workspace, c: &Conflict, value: Option<FieldValue>) -> Result<(), String> {
    match &c.target {
        ConflictTarget::Workspace => {
            let (mut info, mut rules) = (ws.info.clone(), ws.rules.clone());
            WorkspaceFields {
                info: &mut info,
                rules: &mut rules,
            }
            .set(&c.field, value)
        }
        ConflictTarget::Department(id) => ws
            .department(id)
            .cloned()
            .map_or(Ok(()), |mut d| d.set_field(&c.field, value)),
        ConflictTarget::Responsibility(id) => ws
            .responsibility(id)
            .cloned()
            .map_or(Ok(()), |mut r| r.set_field(&c.field, value)),
        ConflictTarget::Decision(id) => {
            let Some(mut d) = ws.decisions.iter().find(|d| d.id == *id).cloned() else {
                return Ok(());
            };
            if let Some(FieldValue::Text(about)) = &value
                && c.field == "responsibility"
                && ws.responsibility(about).is_none()
            {
                return Err(format!("unknown responsibility `{about}`"));
            }
            d.set_field(&c.field, value)
        }
    }
}

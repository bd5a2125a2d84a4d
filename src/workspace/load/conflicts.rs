//! Reading the `[[conflict]]` tables a merge writes: which item and field, and both values.

use std::collections::HashMap;
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
        (ConflictTarget::Workspace | ConflictTarget::Decision(_), "date")
        | (ConflictTarget::Workspace, "review_by") => Kind::Date,
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

/// The positions of a workspace's items by id, built once for all its conflicts.
struct Items<'a> {
    ws: &'a Workspace,
    departments: HashMap<&'a str, usize>,
    responsibilities: HashMap<&'a str, usize>,
    decisions: HashMap<&'a str, usize>,
}

impl<'a> Items<'a> {
    fn of(ws: &'a Workspace) -> Self {
        Items {
            ws,
            departments: ws
                .departments
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
            responsibilities: ws
                .responsibilities
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            decisions: ws
                .decisions
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.as_str(), i))
                .collect(),
        }
    }
}

impl Reader {
    /// The `[[conflict]]` tables, each checked against the workspace they belong to.
    pub(super) fn conflicts(
        &mut self,
        tables: Vec<(&DeTable<'_>, Range<usize>)>,
        ws: &Workspace,
    ) -> Vec<Conflict> {
        let items = Items::of(ws);
        let mut out = Vec::new();
        for (n, (table, span)) in tables.into_iter().enumerate() {
            if let Some(conflict) = self.conflict(table, span, n + 1, &items) {
                out.push(conflict);
            }
        }
        out
    }

    /// One `[[conflict]]` table.
    fn conflict(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        number: usize,
        items: &Items<'_>,
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
                    "department" => items.departments.contains_key(id.as_str()),
                    "responsibility" => items.responsibilities.contains_key(id.as_str()),
                    _ => items.decisions.contains_key(id.as_str()),
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
        if let Some(department) = crate::workspace::field_department(&field)
            && !items.departments.contains_key(department)
        {
            self.error(
                field_span,
                format!("unknown department `{department}` in `field` of {}", f.what),
            );
            return None;
        }
        if let Some((_, Some(role))) = crate::workspace::parse_claim_field(&field)
            && items.ws.model.by_key(role).is_none()
        {
            let keys: Vec<&str> = items.ws.model.keys().collect();
            self.error(
                field_span,
                format!(
                    "unknown role `{role}` in `field` of {}; {}the workspace's roles are: {}",
                    f.what,
                    super::values::did_you_mean(role, &keys),
                    keys.join(", ")
                ),
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
                if let Err(why) = check_value(items, &conflict, value.clone()) {
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
            Kind::Claim => self.claim(&what, v, None).map(FieldValue::Claim),
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
fn check_value(items: &Items<'_>, c: &Conflict, value: Option<FieldValue>) -> Result<(), String> {
    let ws = items.ws;
    let at = |map: &HashMap<&str, usize>, id: &str| map.get(id).copied();
    match &c.target {
        ConflictTarget::Workspace => {
            let (mut info, mut rules) = (ws.info.clone(), ws.rules.clone());
            WorkspaceFields {
                info: &mut info,
                rules: &mut rules,
            }
            .set(&c.field, value)
        }
        ConflictTarget::Department(id) => at(&items.departments, id).map_or(Ok(()), |i| {
            ws.departments[i].clone().set_field(&c.field, value)
        }),
        ConflictTarget::Responsibility(id) => at(&items.responsibilities, id).map_or(Ok(()), |i| {
            ws.responsibilities[i].clone().set_field(&c.field, value)
        }),
        ConflictTarget::Decision(id) => {
            let Some(i) = at(&items.decisions, id) else {
                return Ok(());
            };
            if let Some(FieldValue::Text(about)) = &value
                && c.field == "responsibility"
                && !items.responsibilities.contains_key(about.as_str())
            {
                return Err(format!("unknown responsibility `{about}`"));
            }
            ws.decisions[i].clone().set_field(&c.field, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::workspace::{FieldValue, parse, update_document};

    const BASE: &str = "whoowns = 1\n[workspace]\nname = \"X\"\n\
        [[department]]\nid = \"pr\"\nname = \"PR\"\n\
        [[responsibility]]\nid = \"crisis\"\nname = \"Crisis\"\n";

    fn problems(text: &str) -> Vec<String> {
        parse(text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn conflicts_load_with_typed_values() {
        let text = format!(
            "{BASE}[[conflict]]\nresponsibility = \"crisis\"\nfield = \"budget\"\nours = 10\ntheirs = 20\n\
             [[conflict]]\nfield = \"facilitator\"\nours = \"Dana\"\n\
             [[conflict]]\nresponsibility = \"crisis\"\nfield = \"claims.pr\"\ntheirs = {{ reason = \"Ours.\", status = \"declined\", answer = \"No.\" }}\n"
        );
        let ws = parse(&text).expect("valid").workspace;
        assert_eq!(ws.conflicts.len(), 3);
        assert_eq!(ws.conflicts[0].theirs, Some(FieldValue::Number(20.0)));
        assert_eq!(ws.conflicts[1].theirs, None);
        assert!(matches!(ws.conflicts[2].theirs, Some(FieldValue::Claim(_))));
        assert_eq!(update_document(&text, &ws).expect("toml"), text);
    }

    #[test]
    fn a_claims_conflict_names_a_role_of_the_model_and_holds_a_claim_on_it() {
        let conflict = |field: &str, theirs: &str| {
            format!(
                "{BASE}[[conflict]]\nresponsibility = \"crisis\"\nfield = \"{field}\"\ntheirs = {theirs}\n"
            )
        };
        let ok = conflict(
            "claims.pr.accountable",
            "{ role = \"accountable\", reason = \"Ours.\" }",
        );
        let ws = parse(&ok).expect("valid").workspace;
        assert!(
            matches!(&ws.conflicts[0].theirs, Some(FieldValue::Claim(c)) if c.role.as_deref() == Some("accountable"))
        );
        assert_eq!(update_document(&ok, &ws).expect("toml"), ok);
        let found = problems(&conflict("claims.pr.acountable", "\"Ours.\""));
        assert!(
            found.iter().any(|m| m.contains(
                "unknown role `acountable` in `field` of conflict #1; did you mean `accountable`?"
            )),
            "{found:?}"
        );
        let found = problems(&conflict(
            "claims.pr.accountable",
            "{ role = \"informed\", reason = \"Ours.\" }",
        ));
        assert!(
            found
                .iter()
                .any(|m| m.contains("must hold a claim on accountable, found one on informed")),
            "{found:?}"
        );
    }

    #[test]
    fn bad_conflicts_are_reported_with_what_is_wrong() {
        let text = format!(
            "{BASE}[[conflict]]\nresponsibility = \"ghost\"\nfield = \"name\"\n\
             [[conflict]]\nresponsibility = \"crisis\"\nfield = \"colour\"\n\
             [[conflict]]\nresponsibility = \"crisis\"\nfield = \"budget\"\nours = \"lots\"\n\
             [[conflict]]\nresponsibility = \"crisis\"\nfield = \"name\"\ntheirs = \"\"\n\
             [[conflict]]\ndepartment = \"pr\"\nresponsibility = \"crisis\"\nfield = \"name\"\n\
             [[conflict]]\nresponsibility = \"crisis\"\nfield = \"funding.it\"\n"
        );
        let found = problems(&text);
        for expected in [
            "unknown responsibility `ghost` in conflict #1",
            "unknown field `colour` of responsibility \"crisis\" in conflict #2",
            "must be a number, found a string",
            "`theirs` of conflict #4: `name` is required",
            "conflict #5 names more than one item",
            "unknown department `it` in `field` of conflict #6",
        ] {
            assert!(
                found.iter().any(|m| m.contains(expected)),
                "{expected}: {found:?}"
            );
        }
    }

    #[test]
    fn legacy_decisions_get_derived_ids_and_save_unchanged() {
        let text = format!(
            "{BASE}[[decision]]\ndate = \"2026-11-20\"\ntext = \"Same.\"\n\n\
             [[decision]]\ndate = \"2026-11-20\"\ntext = \"Same.\"\n"
        );
        let mut ws = parse(&text).expect("valid").workspace;
        let first = crate::workspace::derived_decision_id("2026-11-20", "Same.");
        assert_eq!(ws.decisions[0].id, first);
        assert_eq!(ws.decisions[1].id, format!("{first}-2"));
        assert_eq!(update_document(&text, &ws).expect("toml"), text);
        // Edited text keeps the id, now written; the file reads back the same.
        ws.decisions[1].text = "Changed.".into();
        let saved = update_document(&text, &ws).expect("toml");
        assert!(
            saved.contains(&format!("[[decision]]\nid = \"{first}-2\"\n")),
            "{saved}"
        );
        assert_eq!(parse(&saved).expect("valid").workspace, ws);
        // Removing the first one: the second keeps its id (now written).
        ws.decisions.remove(0);
        let saved = update_document(&text, &ws).expect("toml");
        assert_eq!(parse(&saved).expect("valid").workspace, ws);
        // The same id twice is an error.
        let twice = format!(
            "{BASE}[[decision]]\nid = \"a\"\ndate = \"2026-11-20\"\ntext = \"1\"\n[[decision]]\nid = \"a\"\ndate = \"2026-11-20\"\ntext = \"2\"\n"
        );
        assert!(
            problems(&twice)
                .iter()
                .any(|m| m.contains("duplicate decision id `a`"))
        );
    }
}

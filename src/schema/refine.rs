//! What the generated schema cannot know from the types: every rule of the loader that JSON
//! Schema can say (not-empty names, ids, dates, amounts from 0 to a thousand trillion, rule ids
//! and severities, no department twice in a list, at most one item per conflict), descriptions
//! in plain words, and none of the serde artifacts (`null` for absent fields, number formats,
//! helper type names).
//!
//! What only `whoowns check` can catch: references to ids that do not exist and an id used
//! twice across tables (a schema sees one value at a time), and the role model's own rules.

use serde_json::{Map, Value, json};

use crate::rules::{RuleId, Severity};
use crate::workspace::{FIXED_KEYS, MAX_AMOUNT, MAX_ROLES, Meaning, ModelKind, RoleModel};

/// An id: lowercase letters, digits, `-` and `_`, starting with a letter or digit.
const ID: &str = "^[a-z0-9][a-z0-9_-]*$";
/// One character that is neither a space nor a control.
const LETTER: &str = "^[^\\s\\x00-\\x1f\\x7f-\\x9f]$";
/// A calendar date written `YYYY-MM-DD`: 31, 30 or 28 days a month, and February 29 in leap
/// years (divisible by 4, and centuries by 400).
const DATE: &str = "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:00|0[48]|[2468][048]|[13579][26])00)-02-29)$";
/// Text with something in it besides spaces.
const NOT_BLANK: &str = "\\S";

/// Helper types renamed for what they are.
const RENAMED: [(&str, &str); 3] = [
    ("Repr", "Parked"),
    ("SettledRepr", "SettledClaim"),
    ("ConflictTable", "Conflict"),
];

/// Refines the generated `schema` in place.
pub(super) fn refine(schema: &mut Value) {
    rename_definitions(schema);
    strip_artifacts(schema);
    let rules: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
    let severities: Vec<&str> = Severity::WORST_FIRST.iter().map(|s| s.as_str()).collect();
    let amount = json!({ "type": "number", "minimum": 0, "maximum": MAX_AMOUNT });
    let id = json!({ "type": "string", "pattern": ID });
    let department_list = json!({
        "type": "array",
        "items": { "type": "string", "pattern": ID },
        "uniqueItems": true,
    });
    let constraints: Vec<(&str, Value)> = vec![
        (
            "/definitions/WorkspaceInfo/properties/name",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        (
            "/definitions/WorkspaceInfo/properties/date",
            json!({ "pattern": DATE }),
        ),
        (
            "/definitions/WorkspaceInfo/properties/review_by",
            json!({ "pattern": DATE }),
        ),
        (
            "/definitions/RuleSettings/properties/max_accountable",
            json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }),
        ),
        (
            "/definitions/RuleSettings/properties/disable",
            json!({ "items": { "enum": rules }, "uniqueItems": true }),
        ),
        (
            "/definitions/RuleSettings/properties/severity",
            json!({ "propertyNames": { "enum": rules } }),
        ),
        ("/definitions/Severity", json!({ "enum": severities })),
        (
            "/definitions/Department/properties/name",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        (
            "/definitions/Signature/properties/by",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        (
            "/definitions/Signature/properties/date",
            json!({ "pattern": DATE }),
        ),
        (
            "/definitions/Responsibility/properties/name",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        (
            "/definitions/Responsibility/properties/budget",
            amount.clone(),
        ),
        (
            "/definitions/Responsibility/properties/funding",
            json!({ "propertyNames": { "pattern": ID }, "additionalProperties": amount }),
        ),
        (
            "/definitions/Responsibility/properties/claims",
            json!({ "propertyNames": { "pattern": ID } }),
        ),
        (
            "/definitions/SettledClaim/properties/reason",
            json!({ "type": "string" }),
        ),
        (
            "/definitions/DepartmentClaims/anyOf/1",
            json!({ "minItems": 1 }),
        ),
        (
            "/definitions/SettledClaim/properties/date",
            json!({ "pattern": DATE }),
        ),
        ("/definitions/Decision/properties/id", id.clone()),
        (
            "/definitions/Decision/properties/date",
            json!({ "pattern": DATE }),
        ),
        (
            "/definitions/Decision/properties/responsibility",
            id.clone(),
        ),
        (
            "/definitions/Decision/properties/text",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        ("/definitions/Conflict/properties/department", id.clone()),
        (
            "/definitions/Conflict/properties/responsibility",
            id.clone(),
        ),
        ("/definitions/Conflict/properties/decision", id),
        (
            "/definitions/Conflict",
            json!({ "dependencies": {
            "department": { "not": { "anyOf": [{ "required": ["responsibility"] }, { "required": ["decision"] }] } },
            "responsibility": { "not": { "required": ["decision"] } },
        } }),
        ),
    ];
    for (pointer, extra) in constraints {
        merge(schema, pointer, extra);
    }
    for (pointer, text) in DESCRIPTIONS {
        merge(schema, pointer, json!({ "description": text }));
    }
    role_lists(schema, &department_list);
    custom_model(schema);
    model_keys(schema);
}

/// Under each built-in model, a responsibility's keys are its own and that model's role lists
/// (RACI's when the file names no model).
fn model_keys(schema: &mut Value) {
    let mut conditions = Vec::new();
    for kind in ModelKind::ALL {
        let Some(model) = RoleModel::builtin(kind) else {
            continue;
        };
        let mut keys: Vec<&str> = FIXED_KEYS.to_vec();
        keys.extend(model.keys());
        let names = json!({ "const": kind.key() });
        let condition = if kind == ModelKind::Raci {
            json!({ "properties": { "workspace": { "properties": { "model": names } } } })
        } else {
            json!({
                "properties": { "workspace": { "properties": { "model": names }, "required": ["model"] } },
                "required": ["workspace"],
            })
        };
        conditions.push(json!({
            "if": condition,
            "then": { "properties": { "responsibility": { "items": { "propertyNames": { "enum": keys } } } } },
        }));
    }
    merge(schema, "", json!({ "allOf": conditions }));
}

/// Every role list of a responsibility, whatever the model (the built-in models' keys, and a
/// custom model's, which the schema cannot name): department ids, each once, and what the role
/// means in each model that has it.
fn role_lists(schema: &mut Value, list: &Value) {
    let mut meanings: Vec<(String, Vec<String>)> = Vec::new();
    for kind in ModelKind::ALL {
        let Some(model) = RoleModel::builtin(kind) else {
            continue;
        };
        for def in model.defs() {
            let said = format!("in {}: {}", kind.key(), def.meaning);
            match meanings.iter_mut().find(|(key, _)| *key == def.key) {
                Some((_, said_before)) => said_before.push(said),
                None => meanings.push((def.key.clone(), vec![said])),
            }
        }
    }
    for (key, said) in meanings {
        let pointer = format!("/definitions/Responsibility/properties/{key}");
        merge(schema, &pointer, list.clone());
        let text = format!(
            "The departments holding this role, by id, each once ({}).",
            said.join("; ")
        );
        merge(schema, &pointer, json!({ "description": text }));
    }
    merge(
        schema,
        "/definitions/Responsibility",
        json!({ "additionalProperties": list }),
    );
}

/// A custom model's `[[role]]` tables: at least one and at most the most a model has, one of
/// them answering for the outcome, keys that are not a responsibility's own, names not blank,
/// one-character letters.
fn custom_model(schema: &mut Value) {
    if schema.pointer("/definitions/RoleTable").is_none() {
        return;
    }
    let answers = Meaning::Answers.key();
    merge(
        schema,
        "",
        json!({ "then": { "required": ["role"], "properties": { "role": {
            "minItems": 1,
            "maxItems": MAX_ROLES,
            "contains": {
                "required": ["means"],
                "properties": { "means": { "anyOf": [
                    { "const": answers },
                    { "type": "array", "contains": { "const": answers } },
                ] } },
            },
        } } } }),
    );
    let constraints = [
        (
            "/definitions/RoleTable/properties/key",
            json!({ "not": { "enum": FIXED_KEYS } }),
        ),
        (
            "/definitions/RoleTable/properties/name",
            json!({ "minLength": 1, "pattern": NOT_BLANK }),
        ),
        (
            "/definitions/RoleTable/properties/letter",
            json!({ "pattern": LETTER }),
        ),
    ];
    for (pointer, extra) in constraints {
        merge(schema, pointer, extra);
    }
}

/// Adds the keys of `extra` to the object at `pointer`, when the schema has it.
fn merge(schema: &mut Value, pointer: &str, extra: Value) {
    let (Some(target), Value::Object(extra)) = (
        schema.pointer_mut(pointer).and_then(Value::as_object_mut),
        extra,
    ) else {
        return;
    };
    for (key, value) in extra {
        target.insert(key, value);
    }
}

fn rename_definitions(schema: &mut Value) {
    if let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) {
        for (old, new) in RENAMED {
            if let Some(definition) = definitions.remove(old) {
                definitions.insert(new.to_owned(), definition);
            }
        }
    }
    rename_refs(schema);
}

fn rename_refs(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(target)) = object.get_mut("$ref") {
                for (old, new) in RENAMED {
                    if target == &format!("#/definitions/{old}") {
                        *target = format!("#/definitions/{new}");
                    }
                }
            }
            object.values_mut().for_each(rename_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(rename_refs),
        _ => {}
    }
}

/// Takes out what the types' serde shape puts in and a TOML file cannot hold or need not
/// know: `null` (TOML has none: an absent key is absent), and Rust number formats.
fn strip_artifacts(value: &mut Value) {
    match value {
        Value::Object(object) => {
            strip_null(object);
            if object
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| {
                    ["double", "float", "uint32", "int64", "uint", "int32"].contains(&f)
                })
            {
                object.remove("format");
            }
            object.values_mut().for_each(strip_artifacts);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_artifacts),
        _ => {}
    }
}

fn strip_null(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
    let Some(Value::Array(options)) = object.get_mut("anyOf") else {
        return;
    };
    options.retain(|o| o != &json!({ "type": "null" }));
    if options.len() == 1 {
        let only = options.remove(0);
        object.remove("anyOf");
        // A lone `$ref` keeps its neighbours (a description) only inside `allOf` in draft-07.
        object.insert("allOf".into(), json!([only]));
    }
}

/// What each part of the file means, as an editor shows it.
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "/properties/workspace",
        "The charter's title and facts: name, organization, facilitator, purpose, currency and date.",
    ),
    (
        "/properties/rules",
        "How the conflict rules are tuned: the overload threshold, rules turned off, severities changed.",
    ),
    (
        "/properties/department",
        "The departments (or business units) that can hold roles, each a [[department]] table.",
    ),
    (
        "/properties/responsibility",
        "The social-media responsibilities and which departments hold which role, each a [[responsibility]] table.",
    ),
    (
        "/properties/decision",
        "The workshop's decision log, oldest first, each a [[decision]] table.",
    ),
    (
        "/properties/conflict",
        "Fields a merge found changed two ways and not yet resolved (written by whoowns merge; settle them on the board).",
    ),
    (
        "/definitions/WorkspaceInfo",
        "The charter's title and facts.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/name",
        "The charter's title.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/organization",
        "The organization the charter is for.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/facilitator",
        "Who runs the workshop.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/purpose",
        "Why the charter exists, in a sentence or two.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/currency",
        "The currency code shown next to budgets, such as EUR.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/date",
        "The day of the workshop, YYYY-MM-DD.",
    ),
    (
        "/definitions/WorkspaceInfo/properties/review_by",
        "The day by which the charter is to be reviewed, YYYY-MM-DD; after it, check reports review-due.",
    ),
    (
        "/definitions/RuleSettings",
        "How the conflict rules are tuned.",
    ),
    (
        "/definitions/RuleSettings/properties/max_accountable",
        "The most responsibilities one department may be accountable for before the overload rule reports it.",
    ),
    (
        "/definitions/RuleSettings/properties/disable",
        "Rules turned off, by id, each once.",
    ),
    (
        "/definitions/RuleSettings/properties/severity",
        "Severities changed, by rule id: error, warning or info.",
    ),
    (
        "/definitions/Severity",
        "How serious a finding is: error (fails the check), warning (fails it with --strict) or info.",
    ),
    (
        "/definitions/Department",
        "A department or business unit that can hold roles.",
    ),
    (
        "/definitions/Department/properties/id",
        "The department's id, used in role lists, funding and claims: lowercase letters, digits, - and _, starting with a letter or digit.",
    ),
    (
        "/definitions/Department/properties/name",
        "The department's name as shown.",
    ),
    (
        "/definitions/Department/properties/lead",
        "The person who signs the charter for the department.",
    ),
    (
        "/definitions/Department/properties/signed",
        "The lead's sign-off, once they signed.",
    ),
    (
        "/definitions/Signature",
        "A lead's sign-off: who signed, when, and a fingerprint of the department's part of the charter then, so that a later change shows it as stale.",
    ),
    ("/definitions/Signature/properties/by", "Who signed."),
    (
        "/definitions/Signature/properties/date",
        "When, YYYY-MM-DD.",
    ),
    (
        "/definitions/Signature/properties/part",
        "The fingerprint of the department's part when it was signed; the board writes it, a hand-written sign-off has none.",
    ),
    (
        "/definitions/Responsibility",
        "A social-media responsibility and which departments hold which role for it.",
    ),
    (
        "/definitions/Responsibility/properties/id",
        "The responsibility's id: lowercase letters, digits, - and _, starting with a letter or digit.",
    ),
    (
        "/definitions/Responsibility/properties/name",
        "The responsibility's name as shown.",
    ),
    (
        "/definitions/Responsibility/properties/description",
        "What the responsibility covers.",
    ),
    (
        "/definitions/Responsibility/properties/area",
        "The group it belongs to, such as Risk: the charter has a section per area.",
    ),
    (
        "/definitions/Responsibility/properties/tie_breaker",
        "How co-owners settle a disagreement, such as: the COO decides within 2 hours.",
    ),
    (
        "/definitions/Responsibility/properties/budget",
        "What it costs a year, in the workspace's currency.",
    ),
    (
        "/definitions/Responsibility/properties/funding",
        "Who pays how much of the budget: department id = amount.",
    ),
    (
        "/definitions/Responsibility/properties/claims",
        "Departments that claim it, by id: the reason, a table with the role asked for, the reason and how the room settled it, or a list of such tables (one claim per role).",
    ),
    (
        "/definitions/Responsibility/properties/notes",
        "Anything else worth keeping.",
    ),
    (
        "/definitions/Responsibility/properties/parked",
        "Set aside for later: true, or a note saying why.",
    ),
    (
        "/definitions/Parked",
        "true (parked without a note) or the note.",
    ),
    (
        "/definitions/DepartmentClaims",
        "A department's claims on the responsibility: one claim, or a list of claims on different roles (each role once).",
    ),
    (
        "/definitions/DepartmentClaims/anyOf/0",
        "The department's only claim.",
    ),
    (
        "/definitions/DepartmentClaims/anyOf/1",
        "Its claims on several roles, each role once.",
    ),
    (
        "/definitions/Claim",
        "A department's claim on the responsibility: its reason (an open claim on no particular role), or a table with the role asked for, the reason and its outcome.",
    ),
    (
        "/definitions/Claim/anyOf/0",
        "An open claim on no particular role: the department's reason.",
    ),
    (
        "/definitions/Claim/anyOf/1",
        "A claim naming its role, or with its outcome.",
    ),
    (
        "/definitions/SettledClaim",
        "A claim written as a table: role, reason, status, answer and date.",
    ),
    (
        "/definitions/SettledClaim/properties/role",
        "The role asked for: a key of the workspace's role model (accountable, responsible... or a custom role's key). Absent: no particular role.",
    ),
    (
        "/definitions/SettledClaim/properties/reason",
        "Why the department wants it.",
    ),
    (
        "/definitions/SettledClaim/properties/status",
        "Where the claim stands: open, accepted or declined.",
    ),
    (
        "/definitions/SettledClaim/properties/answer",
        "The room's answer: why it was declined, or how it was accepted.",
    ),
    (
        "/definitions/SettledClaim/properties/date",
        "When it was settled, YYYY-MM-DD.",
    ),
    (
        "/definitions/SettledClaim/properties/raised_by",
        "Who raised it, when someone other than the department did (a remote participant, the facilitator).",
    ),
    ("/definitions/Decision", "An entry of the decision log."),
    (
        "/definitions/Decision/properties/id",
        "A stable id, so that branches merge entry by entry; made from the date and text when absent.",
    ),
    (
        "/definitions/Decision/properties/date",
        "When it was decided, YYYY-MM-DD.",
    ),
    (
        "/definitions/Decision/properties/responsibility",
        "The responsibility it is about, by id, if any.",
    ),
    ("/definitions/Decision/properties/text", "What was decided."),
    (
        "/definitions/Conflict",
        "A field a merge found changed two ways: the item it belongs to (a department, a responsibility or a decision; none for the workspace itself), the field, and both sides' values.",
    ),
    (
        "/definitions/Conflict/properties/field",
        "The field, such as tie_breaker, funding.pr, claims.it, rules.severity.silo, or item for the item as a whole.",
    ),
    (
        "/definitions/Conflict/properties/department",
        "The department the field belongs to, by id.",
    ),
    (
        "/definitions/Conflict/properties/responsibility",
        "The responsibility the field belongs to, by id.",
    ),
    (
        "/definitions/Conflict/properties/decision",
        "The decision the field belongs to, by id.",
    ),
    (
        "/definitions/Conflict/properties/ours",
        "Our side's value (absent: our side has none, or removed the item).",
    ),
    (
        "/definitions/Conflict/properties/theirs",
        "Their side's value (absent: their side has none, or removed the item).",
    ),
];

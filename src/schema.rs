//! The JSON Schema of the workspace format, generated from the model types, for editors that
//! complete and validate TOML (taplo, Even Better TOML) through a `#:schema` line.

use serde_json::{Value, json};

mod refine;

use crate::workspace::{FIXED_KEYS, FORMAT_VERSION, Meaning, ModelKind, RoleModel, Workspace};

/// The file name the bundled templates' `#:schema` line points to, next to the workspace.
pub const FILE_NAME: &str = "whoowns.schema.json";

/// The schema as a JSON value (draft-07, the draft editors support best).
pub fn schema() -> Value {
    let root = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Workspace>();
    let mut value = root.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "title".into(),
            json!(format!(
                "whoowns workspace (format version {FORMAT_VERSION})"
            )),
        );
        object.insert(
            "description".into(),
            json!(
                "Who does, decides and answers for social media: departments, responsibilities \
                 and their RACI roles. Check a file with `whoowns check`."
            ),
        );
        if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
            properties.insert(
                "whoowns".into(),
                json!({
                    "description": "The format version; this whoowns reads version 1.",
                    "type": "integer",
                    "const": FORMAT_VERSION,
                }),
            );
        }
        if let Some(required) = object.get_mut("required").and_then(Value::as_array_mut) {
            required.insert(0, json!("whoowns"));
        }
    }
    add_role_models(&mut value);
    refine::refine(&mut value);
    value
}

/// The role model's part of the schema: `[workspace] model`, the `[[role]]` tables of a custom
/// model, and the role lists of every built-in model in a responsibility (a custom model's
/// keys are lists of department ids too; other unknown keys fail unless the model is custom).
fn add_role_models(value: &mut Value) {
    let models: Vec<&str> = ModelKind::ALL.iter().map(|k| k.key()).collect();
    let meanings: Vec<&str> = Meaning::ALL.iter().map(|m| m.key()).collect();
    let mut role_keys: Vec<(String, String)> = Vec::new();
    for kind in ModelKind::ALL {
        let Some(model) = RoleModel::builtin(kind) else {
            continue;
        };
        for def in model.defs() {
            match role_keys.iter_mut().find(|(key, _)| *key == def.key) {
                Some((_, text)) => text.push_str(&format!("; `{}`: {}", kind.key(), def.meaning)),
                None => role_keys.push((
                    def.key.clone(),
                    format!(
                        "Departments holding this role. `{}`: {}",
                        kind.key(),
                        def.meaning
                    ),
                )),
            }
        }
    }
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
        properties.insert(
            "role".into(),
            json!({
                "description": "The roles of a custom model (`model = \"custom\"`), in matrix order.",
                "type": "array",
                "items": { "$ref": "#/definitions/RoleTable" },
            }),
        );
    }
    let mut allowed: Vec<String> = FIXED_KEYS.iter().map(|k| (*k).to_owned()).collect();
    allowed.extend(role_keys.iter().map(|(k, _)| k.clone()));
    object.insert(
        "if".into(),
        json!({
            "properties": { "workspace": {
                "properties": { "model": { "const": "custom" } },
                "required": ["model"],
            } },
            "required": ["workspace"],
        }),
    );
    object.insert(
        "else".into(),
        json!({
            "properties": {
                "responsibility": { "items": { "propertyNames": { "enum": allowed } } },
                "role": { "maxItems": 0 },
            },
        }),
    );
    let Some(definitions) = object.get_mut("definitions").and_then(Value::as_object_mut) else {
        return;
    };
    definitions.insert(
        "RoleTable".into(),
        json!({
            "description": "One role of a custom model.",
            "type": "object",
            "additionalProperties": false,
            "required": ["key", "name", "letter", "means"],
            "properties": {
                "key": {
                    "description": "The key of the role's list in a responsibility.",
                    "type": "string",
                    "pattern": "^[a-z0-9][a-z0-9_-]*$",
                },
                "name": { "description": "The role's name, as shown on screen.", "type": "string" },
                "letter": {
                    "description": "The matrix letter: one character, unique in the model.",
                    "type": "string", "minLength": 1, "maxLength": 1,
                },
                "means": {
                    "description": "What holding the role means, which the rules read.",
                    "oneOf": [
                        { "enum": meanings },
                        { "type": "array", "items": { "enum": meanings } },
                    ],
                },
                "meaning": {
                    "description": "The role in plain words, for the charter's legend.",
                    "type": "string",
                },
            },
        }),
    );
    if let Some(info) = definitions
        .get_mut("WorkspaceInfo")
        .and_then(|d| d.get_mut("properties"))
        .and_then(Value::as_object_mut)
    {
        info.insert(
            "model".into(),
            json!({
                "description": "The role model: raci (the default), rasci, daci, rapid, does-decides-answers, or custom (with `[[role]]` tables).",
                "enum": models,
            }),
        );
    }
    if let Some(r) = definitions
        .get_mut("Responsibility")
        .and_then(Value::as_object_mut)
    {
        r.insert(
            "additionalProperties".into(),
            json!({ "type": "array", "items": { "type": "string" } }),
        );
        if let Some(properties) = r.get_mut("properties").and_then(Value::as_object_mut) {
            for (key, description) in role_keys {
                if properties.contains_key(&key) {
                    continue;
                }
                properties.insert(
                    key,
                    json!({
                        "description": description,
                        "type": "array",
                        "items": { "type": "string" },
                    }),
                );
            }
        }
    }
}

/// The schema as pretty-printed JSON with a final line break, as shipped in `assets/`.
pub fn text() -> String {
    file_text(&schema())
}

/// A JSON Schema as a file holds it: pretty-printed, ending in a line break.
pub fn file_text(schema: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_schema_is_the_generated_one() {
        let shipped = include_str!("../assets/whoowns.schema.json");
        assert!(
            shipped == text(),
            "assets/whoowns.schema.json is stale: run `cargo run -- schema -o assets/whoowns.schema.json`"
        );
        let schema = schema();
        assert_eq!(schema["required"][0], "whoowns");
        assert_eq!(schema["additionalProperties"], false);
    }
}

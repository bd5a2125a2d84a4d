//! The JSON Schema of the settings file, generated from the keymap and the theme names, for
//! editors that complete and check TOML (taplo, Even Better TOML) through a `#:schema` line.
//! The board writes it next to the settings file it creates.

use serde_json::{Map, Value, json};

use super::super::keymap::{Context, Keymap};
use super::super::theme::ThemeName;
use crate::workspace::RoleModel;

/// The schema's file name, next to `settings.toml`.
pub const SCHEMA_FILE: &str = "settings.schema.json";

/// The first lines of a settings file the board creates.
pub const HEADER: &str = "\
# whoowns settings: theme, lens, panels and [keys] overrides (the board keeps `recent`).
# See \"Settings and keys\" in the README; editors that read the next line complete and check it.
#:schema ./settings.schema.json
";

/// The schema as a JSON value (draft-07).
pub fn schema() -> Value {
    let keymap = Keymap::defaults();
    let keys_ref = json!({ "$ref": "#/definitions/keys" });
    let described = |description: &str| {
        let mut entry = keys_ref.clone();
        entry["description"] = json!(description);
        entry
    };
    // `[keys]`: every action by name, and a table per context of the actions it binds.
    let mut every = Map::new();
    for binding in keymap.bindings() {
        if let Some(name) = binding.action.name() {
            every
                .entry(name)
                .or_insert_with(|| described(&binding.description));
        }
    }
    let mut keys = every.clone();
    for context in Context::ALL {
        let actions: Map<String, Value> = keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context)
            .filter_map(|b| Some((b.action.name()?.to_owned(), described(&b.description))))
            .collect();
        keys.insert(
            context.name().to_owned(),
            json!({
                "description": format!("Keys for {} only.", context.title()),
                "type": "object",
                "additionalProperties": false,
                "properties": actions,
            }),
        );
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "whoowns settings",
        "description": "The whoowns board's settings: theme, lens, panels, key overrides and the recent workspaces.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "theme": {
                "description": "The theme the board opens with (`--theme` wins; NO_COLOR selects mono).",
                "enum": ThemeName::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            },
            "lens": {
                "description": "The role the board's columns show at start.",
                "enum": RoleModel::default().keys().collect::<Vec<_>>(),
            },
            "panels": {
                "description": "Which panels are shown at start.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "findings": { "type": "boolean" },
                    "detail": { "type": "boolean" },
                },
            },
            "recent": {
                "description": "The workspaces the board opened, most recent first (kept by the board).",
                "type": "array",
                "items": { "type": "string" },
            },
            "cursor": {
                "description": "Whether the terminal's cursor stands on the selected card, finding or row, for screen readers and braille displays that follow it (default true); false hides it, for presenting (`--hide-cursor` does too).",
                "type": "boolean",
            },
            "keep_days": {
                "description": "How many days the locks, crash journals and backups of a workspace file that no longer exists are kept (default 30).",
                "type": "integer",
                "minimum": 1,
                "maximum": super::KEEP_DAYS_MAX,
            },
            "keys": {
                "description": "Key overrides by action name: for every context that binds the action, or in a context's own table.",
                "type": "object",
                "additionalProperties": false,
                "properties": keys,
            },
        },
        "definitions": {
            "keys": {
                "description": "A key such as \"ctrl+s\", \"F1\", \"shift+tab\", \"space\", \"esc\", \"N\", or a list of them (the first shows in the hints).",
                "oneOf": [
                    { "type": "string" },
                    { "type": "array", "items": { "type": "string" } },
                ],
            },
        },
    })
}

/// The schema as pretty-printed JSON with a final line break.
pub fn text() -> String {
    crate::schema::file_text(&schema())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::NAMES;

    #[test]
    fn the_schema_names_every_setting_context_and_action() {
        let schema = schema();
        let properties = &schema["properties"];
        for key in [
            "theme",
            "lens",
            "panels",
            "cursor",
            "recent",
            "keep_days",
            "keys",
        ] {
            assert!(properties.get(key).is_some(), "{key}");
        }
        assert_eq!(properties["theme"]["enum"][1], "high-contrast");
        let keys = &properties["keys"]["properties"];
        for context in Context::ALL {
            assert!(keys.get(context.name()).is_some(), "{context:?}");
        }
        // Every action bound somewhere can be set in [keys].
        let bound: Vec<&str> = NAMES
            .iter()
            .filter(|(a, _)| Keymap::defaults().bindings().iter().any(|b| b.action == *a))
            .map(|(_, n)| *n)
            .collect();
        assert_eq!(
            bound.len(),
            NAMES.len(),
            "every named action has a default key"
        );
        for name in bound {
            assert!(keys.get(name).is_some(), "{name}");
        }
        assert!(keys["board"]["properties"].get("pick-up").is_some());
        assert!(keys["board"]["properties"].get("save").is_none());
        assert!(HEADER.ends_with(&format!("#:schema ./{SCHEMA_FILE}\n")));
    }
}

//! The JSON Schema of the workspace format, generated from the model types, for editors that
//! complete and validate TOML (taplo, Even Better TOML) through a `#:schema` line.

use serde_json::{Value, json};

mod refine;

use crate::workspace::{FORMAT_VERSION, Workspace};

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
    refine::refine(&mut value);
    value
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

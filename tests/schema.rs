//! The JSON Schema (`assets/whoowns.schema.json`, `whoowns schema`) and the loader agree:
//! the sample, the templates and every valid fixture validate; every fixture the loader rejects
//! for an unknown key or a wrong type, and such mistakes put into the sample, fail the schema.

use std::path::{Path, PathBuf};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(ROOT).join("assets/whoowns.schema.json"))
        .expect("the shipped schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

/// TOML as editors hand it to a schema: tables are objects, dates are strings.
fn to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn instance(text: &str) -> Option<Value> {
    text.parse::<toml::Table>()
        .ok()
        .map(|t| to_json(&toml::Value::Table(t)))
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn every_workspace_the_loader_accepts_validates() {
    let validator = validator();
    let mut texts: Vec<(String, String)> = [
        ("sample", whoowns::SAMPLE_WORKSPACE),
        ("blank", whoowns::BLANK_WORKSPACE),
        ("minimal", whoowns::MINIMAL_WORKSPACE),
    ]
    .map(|(n, t)| (n.to_owned(), t.to_owned()))
    .to_vec();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/rules",
        "tests/fixtures/diff",
    ] {
        for path in toml_files(dir) {
            let text = std::fs::read_to_string(&path).expect("read");
            texts.push((path.display().to_string(), text));
        }
    }
    let mut checked = 0;
    for (name, text) in &texts {
        if whoowns::workspace::parse(text).is_err() {
            continue;
        }
        let value = instance(text).expect("valid TOML");
        assert_eq!(errors(&validator, &value), Vec::<String>::new(), "{name}");
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} valid workspaces checked");
}

#[test]
fn unknown_keys_and_wrong_types_fail_both() {
    let validator = validator();
    let mut rejected = 0;
    for path in toml_files("tests/fixtures/invalid") {
        let text = std::fs::read_to_string(&path).expect("read");
        let Err(problems) = whoowns::workspace::parse(&text) else {
            panic!("{} loads", path.display());
        };
        let shape = problems.iter().any(|d| {
            let m = &d.message;
            m.starts_with("unknown key")
                || m.contains("must hold strings")
                || m.contains("must be true or")
                || [
                    "string",
                    "number",
                    "whole number",
                    "table",
                    "list",
                    "an array",
                    "the integer",
                ]
                .iter()
                .any(|kind| {
                    m.contains(&format!("must be a {kind}"))
                        || m.contains(&format!("must be {kind}"))
                        || m.contains(&format!("expected {kind}"))
                })
        });
        if !shape {
            continue;
        }
        let value = instance(&text).expect("valid TOML");
        assert!(
            !validator.is_valid(&value),
            "{} is rejected by the loader ({}) but not by the schema",
            path.display(),
            problems[0].message
        );
        rejected += 1;
    }
    assert!(rejected >= 6, "only {rejected} fixtures of that kind");
}

#[test]
fn mistakes_put_into_the_sample_fail_both() {
    let validator = validator();
    let sample = whoowns::SAMPLE_WORKSPACE;
    let mistakes = [
        (
            "name = \"Acme social media charter\"",
            "name = \"Acme\"\norganisation = \"x\"",
        ),
        ("id = \"marketing\"", "id = \"marketing\"\nleed = \"Ana\""),
        (
            "id = \"crisis-response\"",
            "id = \"crisis-response\"\nacountable = [\"pr\"]",
        ),
        (
            "id = \"brand-voice\"",
            "id = \"brand-voice\"\nbudget = \"lots\"",
        ),
        ("id = \"brand-voice\"", "id = \"brand-voice\"\nparked = 3"),
        ("whoowns = 1", "whoowns = \"1\""),
        ("whoowns = 1", "whoowns = 2"),
        ("id = \"marketing\"", "id = \"Bad Id\""),
        ("[workspace]", "[rules]\nmax_acountable = 3\n\n[workspace]"),
    ];
    for (at, replacement) in mistakes {
        assert!(sample.contains(at), "{at}");
        let text = sample.replacen(at, replacement, 1);
        assert!(
            whoowns::workspace::parse(&text).is_err(),
            "the loader accepts {replacement}"
        );
        let value = instance(&text).unwrap_or_else(|| panic!("valid TOML: {replacement}"));
        assert!(
            !validator.is_valid(&value),
            "the schema accepts {replacement}"
        );
    }
}

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
        "tests/fixtures/models",
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

/// Edge cases the loader rejects, each a change to the sample: (name, text replaced, by).
const EDGE_CASES: &[(&str, &str, &str)] = &[
    (
        "blank workspace name",
        "name = \"Acme social media charter\"",
        "name = \"   \"",
    ),
    (
        "empty department name",
        "name = \"Marketing\"",
        "name = \"\"",
    ),
    (
        "workspace date not YYYY-MM-DD",
        "currency = \"EUR\"",
        "currency = \"EUR\"\ndate = \"24.11.2026\"",
    ),
    (
        "workspace date February 30",
        "currency = \"EUR\"",
        "currency = \"EUR\"\ndate = \"2026-02-30\"",
    ),
    (
        "workspace date February 29 of 2027",
        "currency = \"EUR\"",
        "currency = \"EUR\"\ndate = \"2027-02-29\"",
    ),
    (
        "workspace date April 31",
        "currency = \"EUR\"",
        "currency = \"EUR\"\ndate = \"2026-04-31\"",
    ),
    (
        "budget above a thousand trillion",
        "budget = 30000",
        "budget = 1e16",
    ),
    ("budget infinite", "budget = 30000", "budget = inf"),
    (
        "funding share negative",
        "funding = { marketing = 20000, sales = 10000 }",
        "funding = { marketing = 20000, sales = -1 }",
    ),
    (
        "funding share too large",
        "funding = { marketing = 20000, sales = 10000 }",
        "funding = { marketing = 20000, sales = 2e15 }",
    ),
    (
        "funding by a malformed id",
        "funding = { marketing = 20000, sales = 10000 }",
        "funding = { Marketing = 20000 }",
    ),
    (
        "funding by an unknown department",
        "funding = { marketing = 20000, sales = 10000 }",
        "funding = { finance = 20000 }",
    ),
    (
        "max_accountable negative",
        "[workspace]",
        "[rules]\nmax_accountable = -1\n\n[workspace]",
    ),
    (
        "max_accountable above 2^32",
        "[workspace]",
        "[rules]\nmax_accountable = 5000000000\n\n[workspace]",
    ),
    (
        "max_accountable not whole",
        "[workspace]",
        "[rules]\nmax_accountable = 2.5\n\n[workspace]",
    ),
    (
        "unknown rule turned off",
        "[workspace]",
        "[rules]\ndisable = [\"hot-potatoes\"]\n\n[workspace]",
    ),
    (
        "rule turned off twice",
        "[workspace]",
        "[rules]\ndisable = [\"silo\", \"silo\"]\n\n[workspace]",
    ),
    (
        "severity of an unknown rule",
        "[workspace]",
        "[rules]\nseverity = { silos = \"error\" }\n\n[workspace]",
    ),
    (
        "unknown severity",
        "[workspace]",
        "[rules]\nseverity = { silo = \"fatal\" }\n\n[workspace]",
    ),
    (
        "claim by a malformed id",
        "claims = { care = \"Customers",
        "claims = { Care = \"Customers",
    ),
    (
        "claim with an unknown status",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = { reason = \"x\", status = \"maybe\" } }",
    ),
    (
        "claim table without a reason",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = { status = \"open\" } }",
    ),
    (
        "claims of a department as an empty list",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = [] }",
    ),
    (
        "claim on a misspelt key",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = [{ rol = \"accountable\", reason = \"x\" }] }",
    ),
    (
        "claim on an unknown role",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = { role = \"acountable\", reason = \"x\" } }",
    ),
    (
        "claims of one department on one role twice",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = [{ role = \"accountable\", reason = \"x\" }, { role = \"accountable\", reason = \"y\" }] }",
    ),
    (
        "claim settled on a malformed date",
        "claims = { care = \"Customers talk to us first; the community is part of service.\" }",
        "claims = { care = { reason = \"x\", status = \"declined\", date = \"soon\" } }",
    ),
    (
        "role list with a malformed id",
        "id = \"executive-presence\"",
        "id = \"executive-presence\"\ninformed = [\"Legal\"]",
    ),
    (
        "department twice in a role list",
        "responsible = [\"pr\"]",
        "responsible = [\"pr\", \"pr\"]",
    ),
    (
        "role list naming an unknown department",
        "responsible = [\"pr\"]",
        "responsible = [\"finance\"]",
    ),
    (
        "duplicate department id",
        "id = \"marketing\"\nname = \"Marketing\"",
        "id = \"marketing\"\nname = \"Marketing\"\n\n[[department]]\nid = \"marketing\"\nname = \"Marketing again\"",
    ),
    (
        "signature without a date",
        "lead = \"Ana Ruiz\"",
        "lead = \"Ana Ruiz\"\nsigned = { by = \"Ana Ruiz\" }",
    ),
    (
        "signature on a malformed date",
        "lead = \"Ana Ruiz\"",
        "lead = \"Ana Ruiz\"\nsigned = { by = \"Ana Ruiz\", date = \"2026/11/24\" }",
    ),
    (
        "signature by nobody",
        "lead = \"Ana Ruiz\"",
        "lead = \"Ana Ruiz\"\nsigned = { by = \"\", date = \"2026-11-24\" }",
    ),
    (
        "decision without a date",
        "date = \"2026-11-20\"\nresponsibility = \"crisis-response\"",
        "responsibility = \"crisis-response\"",
    ),
    (
        "decision with a malformed id",
        "date = \"2026-11-20\"\nresponsibility = \"crisis-response\"",
        "id = \"Bad Id\"\ndate = \"2026-11-20\"\nresponsibility = \"crisis-response\"",
    ),
    (
        "decision saying nothing",
        "text = \"Legal owns the policy; HR co-writes the employee section.\"",
        "text = \" \"",
    ),
    (
        "decision about an unknown responsibility",
        "responsibility = \"crisis-response\"",
        "responsibility = \"crisis\"",
    ),
    (
        "conflict naming two items",
        "[workspace]",
        "[[conflict]]\nfield = \"name\"\ndepartment = \"pr\"\nresponsibility = \"crisis-response\"\nours = \"a\"\ntheirs = \"b\"\n\n[workspace]",
    ),
    (
        "built-in model listing another model's role",
        "name = \"Acme social media charter\"",
        "name = \"Acme social media charter\"\nmodel = \"daci\"",
    ),
];

/// Edge cases of a custom role model, each a change to `tests/fixtures/models/custom.toml`.
const CUSTOM_EDGE_CASES: &[(&str, &str, &str)] = &[
    (
        "custom role keyed as a responsibility's own key",
        "key = \"makers\"",
        "key = \"budget\"",
    ),
    (
        "custom model where no role answers",
        "means = [\"answers\", \"decides\"]",
        "means = [\"decides\"]",
    ),
    (
        "custom role with a two-character letter",
        "letter = \"M\"",
        "letter = \"MK\"",
    ),
    (
        "custom role with a blank name",
        "name = \"Makers\"",
        "name = \" \"",
    ),
    (
        "custom role with an unknown meaning",
        "means = \"does\"",
        "means = \"dose\"",
    ),
    (
        "custom roles sharing a letter",
        "letter = \"M\"",
        "letter = \"O\"",
    ),
    (
        "custom roles sharing a key",
        "key = \"makers\"",
        "key = \"owner\"",
    ),
    (
        "custom model listing a role it lacks",
        "id = \"editorial\"\nname = \"Editorial\"",
        "id = \"editorial\"\nname = \"Editorial\"\n\n[[responsibility]]\nid = \"x\"\nname = \"X\"\nowner = [\"editorial\"]\nhelpers = [\"editorial\"]",
    ),
];

/// What only `whoowns check` catches, and why JSON Schema cannot: it sees one value at a time,
/// never another table of the file.
const CHECK_ONLY: &[(&str, &str)] = &[
    (
        "claim on an unknown role",
        "a reference to the model's roles",
    ),
    (
        "claims of one department on one role twice",
        "roles unique within a list",
    ),
    (
        "funding by an unknown department",
        "a reference to another table",
    ),
    (
        "role list naming an unknown department",
        "a reference to another table",
    ),
    ("duplicate department id", "ids unique across tables"),
    (
        "custom roles sharing a letter",
        "letters unique across tables",
    ),
    ("custom roles sharing a key", "keys unique across tables"),
    (
        "custom model listing a role it lacks",
        "a reference to another table",
    ),
    (
        "decision about an unknown responsibility",
        "a reference to another table",
    ),
    ("duplicate-department.toml", "ids unique across tables"),
    ("duplicate-responsibility.toml", "ids unique across tables"),
    (
        "unknown-decision-responsibility.toml",
        "a reference to another table",
    ),
    (
        "unknown-department-claims.toml",
        "a reference to another table",
    ),
    (
        "unknown-department-funding.toml",
        "a reference to another table",
    ),
    (
        "unknown-department-role.toml",
        "a reference to another table",
    ),
];

#[test]
fn every_rejected_workspace_goes_through_the_schema() {
    let validator = validator();
    let mut cases: Vec<(String, String)> = Vec::new();
    for dir in [
        "tests/fixtures/invalid",
        "tests/fixtures/friendly/invalid",
        "tests/fixtures/models/invalid",
    ] {
        if !Path::new(ROOT).join(dir).is_dir() {
            continue;
        }
        for path in toml_files(dir) {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            cases.push((name, std::fs::read_to_string(&path).expect("read")));
        }
    }
    let sample = whoowns::SAMPLE_WORKSPACE;
    for (name, at, replacement) in EDGE_CASES {
        assert!(sample.contains(at), "{name}: {at:?} is not in the sample");
        cases.push(((*name).to_owned(), sample.replacen(at, replacement, 1)));
    }
    let custom = std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/models/custom.toml"))
        .expect("the custom model fixture");
    for (name, at, replacement) in CUSTOM_EDGE_CASES {
        assert!(custom.contains(at), "{name}: {at:?} is not in the fixture");
        cases.push(((*name).to_owned(), custom.replacen(at, replacement, 1)));
    }
    let mut check_only = Vec::new();
    let mut lines = Vec::new();
    for (name, text) in &cases {
        let Err(problems) = whoowns::workspace::parse(text) else {
            panic!("{name}: the loader accepts it");
        };
        let Some(value) = instance(text) else {
            lines.push(format!(
                "  {name}: not TOML (an editor's TOML parser reports it)"
            ));
            continue;
        };
        if validator.is_valid(&value) {
            check_only.push(name.clone());
            lines.push(format!("  {name}: only check: {}", problems[0].message));
        } else {
            let why = errors(&validator, &value).join("; ");
            lines.push(format!("  {name}: the schema too ({why})"));
        }
    }
    eprintln!("{} rejected workspaces:\n{}", cases.len(), lines.join("\n"));
    check_only.sort();
    let mut expected: Vec<String> = CHECK_ONLY.iter().map(|(n, _)| (*n).to_owned()).collect();
    expected.sort();
    assert_eq!(
        check_only,
        expected,
        "what only check catches:\n{}",
        lines.join("\n")
    );
    assert!(cases.len() >= 50, "only {} cases", cases.len());
}

#[test]
fn descriptions_are_plain_words() {
    let schema: Value = serde_json::from_str(&whoowns::schema::text()).expect("JSON");
    let mut described = 0;
    let mut missing = Vec::new();
    let mut bad = Vec::new();
    walk(&schema, "", &mut |pointer, node| {
        // The conditions of the role model restate properties described where they are defined.
        if ["/if", "/then", "/else"]
            .iter()
            .any(|c| pointer.contains(c))
        {
            return;
        }
        if let Some(text) = node.get("description").and_then(Value::as_str) {
            described += 1;
            let rust = [
                "::", "[`", "`]", "Some(", "None", "Option", "Vec<", "crate", "super", "Repr",
                "self.", "\n",
            ];
            if let Some(found) = rust.iter().find(|r| text.contains(**r)) {
                bad.push(format!("{pointer}: {found:?} in {text:?}"));
            }
        }
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            for (key, property) in properties {
                if property.get("description").is_none() {
                    missing.push(format!("{pointer}/properties/{key}"));
                }
            }
        }
    });
    assert!(bad.is_empty(), "Rust in descriptions:\n{}", bad.join("\n"));
    assert!(
        missing.is_empty(),
        "no description:\n{}",
        missing.join("\n")
    );
    assert!(described > 40, "{described}");
    // Nothing a TOML file cannot hold, nor a Rust number format.
    let text = whoowns::schema::text();
    assert!(!text.contains("\"null\""), "null in the schema");
    assert!(!text.contains("\"double\"") && !text.contains("\"uint32\""));
    let definitions = schema["definitions"].as_object().expect("definitions");
    assert!(
        definitions.keys().all(|k| !k.contains("Repr")),
        "{:?}",
        definitions.keys()
    );
}

fn walk(value: &Value, pointer: &str, visit: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(object) => {
            visit(pointer, value);
            for (key, inner) in object {
                walk(inner, &format!("{pointer}/{key}"), visit);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                walk(inner, &format!("{pointer}/{i}"), visit);
            }
        }
        _ => {}
    }
}

#[test]
fn the_date_pattern_is_the_calendar() {
    let schema: Value = serde_json::from_str(&whoowns::schema::text()).expect("JSON");
    let pattern = &schema["definitions"]["Decision"]["properties"]["date"];
    let validator = jsonschema::validator_for(pattern).expect("a schema");
    let mut compared = 0;
    for year in [
        0, 4, 100, 1900, 1996, 1999, 2000, 2023, 2024, 2100, 2400, 9999,
    ] {
        for month in 0..=13 {
            for day in 0..=32 {
                let date = format!("{year:04}-{month:02}-{day:02}");
                assert_eq!(
                    validator.is_valid(&Value::String(date.clone())),
                    whoowns::workspace::is_valid_date(&date),
                    "{date}"
                );
                compared += 1;
            }
        }
    }
    for text in [
        "2026-1-01",
        "26-01-01",
        "2026-01-01T10:00:00",
        " 2026-01-01",
        "２０２６-01-01",
    ] {
        assert!(!validator.is_valid(&Value::String(text.into())), "{text}");
        assert!(!whoowns::workspace::is_valid_date(text), "{text}");
    }
    assert!(compared > 5000);
}

//! The diff as one JSON object, for tools.

use super::Diff;

/// The diff as pretty-printed JSON ending in a newline. Keys come in a stable order: `changed`,
/// then the fields of [`Diff`] in declaration order. Every department and responsibility appears
/// with its `id` and `name`.
pub fn render_json(diff: &Diff) -> String {
    #[derive(serde::Serialize)]
    struct Report<'a> {
        changed: bool,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let report = Report {
        changed: !diff.is_empty(),
        diff,
    };
    // Serializing plain data to a string cannot fail; fall back to an empty object regardless.
    let text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    let mut out = name_roles(&text, diff);
    out.push('\n');
    out
}

/// Roles serialize as their positions; the report names them by key (a role lost by BEFORE's
/// model, a role gained by AFTER's). Each field stands on a line of its own in the pretty
/// output, and a change's `kind` comes first, so one pass over the lines does it.
fn name_roles(text: &str, diff: &Diff) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut model = &diff.after_model;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("\"kind\": \"role-gained\"") {
            model = &diff.after_model;
        } else if trimmed.starts_with("\"kind\": \"role-lost\"") {
            model = &diff.before_model;
        }
        let named = trimmed.strip_prefix("\"role\": ").and_then(|rest| {
            let (digits, tail) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
            let role = model.role(digits.parse().ok()?)?;
            let indent = &line[..line.len() - trimmed.len()];
            let key = serde_json::to_string(model.key(role)).ok()?;
            Some(format!("{indent}\"role\": {key}{tail}"))
        });
        match named {
            Some(named) => out.push_str(&named),
            None => out.push_str(line),
        }
    }
    out
}

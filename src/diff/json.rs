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
    // Serializing plain data cannot fail; fall back to an empty object regardless.
    let mut value = serde_json::to_value(&report).unwrap_or_default();
    name_roles(&mut value, diff);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

/// Roles serialize as their positions; the report names them by key (a role lost by BEFORE's
/// model, a role gained by AFTER's).
fn name_roles(value: &mut serde_json::Value, diff: &Diff) {
    let Some(items) = value
        .get_mut("responsibilities")
        .and_then(serde_json::Value::as_array_mut)
    else {
        return;
    };
    let changes = items
        .iter_mut()
        .filter_map(|r| r.get_mut("changes")?.as_array_mut())
        .flatten();
    for change in changes {
        let model = match change.get("kind").and_then(serde_json::Value::as_str) {
            Some("role-gained") => &diff.after_model,
            Some("role-lost") => &diff.before_model,
            _ => continue,
        };
        let Some(slot) = change.get_mut("role") else {
            continue;
        };
        let role = slot
            .as_u64()
            .and_then(|i| model.role(usize::try_from(i).ok()?));
        if let Some(role) = role {
            *slot = serde_json::Value::from(model.key(role));
        }
    }
}

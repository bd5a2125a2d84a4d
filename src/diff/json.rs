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
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

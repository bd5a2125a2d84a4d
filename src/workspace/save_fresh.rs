//! A fresh TOML text for a workspace ([`to_toml`]): the tables through toml_edit a batch at a
//! time, and plain responsibilities (no budget, funding, claims or parking: every row of an
//! imported sheet) written straight as the bytes toml_edit writes for them, which is most of
//! the work of `import` otherwise (a document of tables, keys and decor built per row).

use toml_edit::{DocumentMut, Item, Table, Value};

use super::model::{Responsibility, RoleModel, Workspace};
use super::save::{write_departments, write_preamble, write_responsibilities, write_tail};

/// A fresh TOML text for `workspace`.
///
/// Written a few hundred tables at a time, each batch as a small document of its own, so the
/// memory needed beyond the text is that of one batch, not a document of every table (what
/// `import` of a sheet of 200,000 rows would need otherwise). The text is the one a single
/// document of the whole workspace gives. Batches of plain responsibilities (the bulk of an
/// imported sheet) are written straight as that text, without a document.
pub fn to_toml(workspace: &Workspace) -> String {
    /// Tables per batch.
    const BATCH: usize = 256;
    let ws = workspace;
    let mut out = String::new();
    let mut doc = DocumentMut::new();
    write_preamble(doc.as_table_mut(), ws);
    out.push_str(&doc.to_string());
    for batch in ws.departments.chunks(BATCH) {
        push_batch(&mut out, |root| write_departments(root, batch));
    }
    for batch in ws.responsibilities.chunks(BATCH) {
        if batch.iter().all(|r| is_plain(&ws.model, r)) {
            for r in batch {
                write_plain(&mut out, &ws.model, r);
            }
        } else {
            push_batch(&mut out, |root| {
                write_responsibilities(root, &ws.model, batch)
            });
        }
    }
    push_batch(&mut out, |root| write_tail(root, ws));
    out
}

/// Appends the tables `write` puts in a fresh document to `out`, which already holds the
/// tables before them: the first of the batch gets the blank line before it that it has
/// in one document of everything.
fn push_batch(out: &mut String, write: impl FnOnce(&mut Table)) {
    let mut doc = DocumentMut::new();
    let root = doc.as_table_mut();
    write(root);
    let first = root.iter_mut().next().map(|(_, item)| item);
    let first = match first {
        Some(Item::Table(table)) => Some(table),
        Some(Item::ArrayOfTables(array)) => array.iter_mut().next(),
        _ => None,
    };
    if let Some(table) = first
        && table.decor().prefix().is_none()
    {
        table.decor_mut().set_prefix("\n");
    }
    out.push_str(&doc.to_string());
}

/// Whether [`write_plain`] writes `r` as a fresh document does: nothing but strings and role
/// lists, under keys that need no quotes.
fn is_plain(model: &RoleModel, r: &Responsibility) -> bool {
    r.budget.is_none()
        && r.funding.is_empty()
        && r.claims.is_empty()
        && r.parked.is_none()
        && model.roles().all(|role| is_bare_key(model.key(role)))
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A plain responsibility's table, with the blank line before it: its keys in the order
/// `write_responsibility` sets them in a fresh table.
fn write_plain(out: &mut String, model: &RoleModel, r: &Responsibility) {
    out.push_str("\n[[responsibility]]\n");
    line(out, "id", &r.id);
    line(out, "name", &r.name);
    if let Some(description) = &r.description {
        line(out, "description", description);
    }
    if let Some(area) = &r.area {
        line(out, "area", area);
    }
    for role in model.roles() {
        out.push_str(model.key(role));
        out.push_str(" = [");
        for (i, id) in r.role(role).iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            string(out, id);
        }
        out.push_str("]\n");
    }
    if let Some(tie_breaker) = &r.tie_breaker {
        line(out, "tie_breaker", tie_breaker);
    }
    if let Some(notes) = &r.notes {
        line(out, "notes", notes);
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    string(out, value);
    out.push('\n');
}

/// A string as toml_edit writes it: a basic string when nothing in it needs escaping or
/// another style; else toml_edit's own choice.
fn string(out: &mut String, value: &str) {
    if value
        .chars()
        .all(|c| !c.is_control() && c != '"' && c != '\\')
    {
        out.push('"');
        out.push_str(value);
        out.push('"');
    } else {
        out.push_str(&Value::from(value).to_string());
    }
}

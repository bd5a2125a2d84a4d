//! Writing a workspace back as TOML, keeping the comments, key order and formatting of
//! everything that did not change (so a hand-kept file in git shows a minimal diff).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::decision_id::ImplicitIds;
use super::model::{
    Decision, Department, FORMAT_VERSION, Responsibility, RoleModel, RuleSettings, Signature,
    Workspace, WorkspaceInfo,
};
pub(super) use super::save_values::{
    amount_value, item_amount, set_map, set_string, set_string_list, set_value,
};

/// A fresh TOML text for `workspace`.
///
/// Written a few hundred tables at a time, each batch as a small document of its own, so the
/// memory needed beyond the text is that of one batch, not a document of every table (what
/// `import` of a sheet of 200,000 rows would need otherwise). The text is the one a single
/// document of the whole workspace gives.
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
        push_batch(&mut out, |root| {
            write_responsibilities(root, &ws.model, batch)
        });
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

/// A fresh TOML text for `workspace` as one document of everything: what [`to_toml`] gives.
#[cfg(test)]
pub(super) fn to_toml_whole(workspace: &Workspace) -> String {
    let mut doc = DocumentMut::new();
    write_workspace(&mut doc, workspace);
    doc.to_string()
}

/// Rewrites `original` (a workspace file's text) so it holds `workspace`, touching only what
/// differs. Items are matched by id; decisions by position.
///
/// A file in the usual shape and order, whose responsibilities keep their ids and order, is
/// saved piece by piece ([`super::save_pieces`]): an unchanged responsibility is copied as it
/// stands, a changed one rewritten on its own, so the cost grows with the file, not faster.
/// Anything else is rewritten as one document; both give the same bytes.
pub fn update_document(
    original: &str,
    workspace: &Workspace,
) -> Result<String, toml_edit::TomlError> {
    if let Some(kept) = super::save_endings::unchanged_with_both_endings(original, workspace) {
        return Ok(kept);
    }
    let text = match super::save_pieces::update(original, workspace) {
        Some(text) => text?,
        None => update_whole(original, workspace)?,
    };
    let text = super::save_endings::keep_line_endings(original, text, workspace);
    Ok(super::save_endings::keep_missing_final_newline(
        original, text, workspace,
    ))
}

/// [`update_document`] as one document, without keeping line endings.
pub(super) fn update_whole(
    original: &str,
    workspace: &Workspace,
) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = original.parse()?;
    write_workspace(&mut doc, workspace);
    Ok(doc.to_string())
}

fn write_workspace(doc: &mut DocumentMut, ws: &Workspace) {
    let before = super::save_layout::survey(doc.as_table());
    let root = doc.as_table_mut();
    write_head(root, ws);
    write_responsibilities(root, &ws.model, &ws.responsibilities);
    write_tail(root, ws);
    super::save_layout::arrange(doc, &before);
}

/// What stands before the responsibilities: the format version, `[workspace]`, `[rules]` and
/// the departments.
pub(super) fn write_head(root: &mut Table, ws: &Workspace) {
    write_preamble(root, ws);
    write_departments(root, &ws.departments);
}

/// The format version, `[workspace]` and `[rules]`.
fn write_preamble(root: &mut Table, ws: &Workspace) {
    if root.get("whoowns").and_then(Item::as_integer) != Some(FORMAT_VERSION) {
        set_value(root, "whoowns", Value::from(FORMAT_VERSION));
    }
    let info = table_entry(root, "workspace");
    write_info(info, &ws.info);
    super::save_model::write_model(root, &ws.model);
    write_rules(root, &ws.rules);
}

/// The `[[department]]` tables.
fn write_departments(root: &mut Table, departments: &[Department]) {
    write_items(root, "department", departments, |d| &d.id, write_department);
}

/// The `[[responsibility]]` tables.
pub(super) fn write_responsibilities(
    root: &mut Table,
    model: &RoleModel,
    responsibilities: &[Responsibility],
) {
    write_items(
        root,
        "responsibility",
        responsibilities,
        |r| &r.id,
        |table, r| write_responsibility(table, model, r),
    );
}

/// What stands after the responsibilities: the decision log and any merge conflicts.
pub(super) fn write_tail(root: &mut Table, ws: &Workspace) {
    write_decisions(root, &ws.decisions);
    super::save_conflicts::write_conflicts(root, &ws.conflicts);
    super::save_conflicts::write_waivers(root, &ws.waivers);
}

fn table_entry<'a>(root: &'a mut Table, key: &str) -> &'a mut Table {
    let item = root.entry(key).or_insert_with(|| Item::Table(Table::new()));
    if !item.is_table() {
        *item = Item::Table(Table::new());
    }
    item.as_table_mut().expect("just made a table")
}

fn write_info(table: &mut Table, info: &WorkspaceInfo) {
    set_string(table, "name", Some(&info.name));
    set_string(table, "organization", info.organization.as_deref());
    set_string(table, "facilitator", info.facilitator.as_deref());
    set_string(table, "purpose", info.purpose.as_deref());
    set_string(table, "currency", info.currency.as_deref());
    let date = table
        .get("date")
        .and_then(Item::as_value)
        .and_then(value_text);
    if date != info.date {
        set_string(table, "date", info.date.as_deref());
    }
    let review_by = table
        .get("review_by")
        .and_then(Item::as_value)
        .and_then(value_text);
    if review_by != info.review_by {
        set_string(table, "review_by", info.review_by.as_deref());
    }
}

fn write_rules(root: &mut Table, rules: &RuleSettings) {
    if *rules == RuleSettings::default() && !root.contains_key("rules") {
        return;
    }
    let table = table_entry(root, "rules");
    match rules.max_accountable {
        Some(n)
            if table.get("max_accountable").and_then(Item::as_integer) == Some(i64::from(n)) => {}
        Some(n) => set_value(table, "max_accountable", Value::from(i64::from(n))),
        None => {
            table.remove("max_accountable");
        }
    }
    set_string_list(table, "disable", &rules.disable, false);
    let severity: BTreeMap<String, String> = rules
        .severity
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().to_owned()))
        .collect();
    set_map(
        table,
        "severity",
        &severity,
        |s| Value::from(s.as_str()),
        |item| item.as_str().map(str::to_owned),
    );
}

fn write_department(table: &mut Table, d: &Department) {
    set_string(table, "id", Some(&d.id));
    set_string(table, "name", Some(&d.name));
    set_string(table, "lead", d.lead.as_deref());
    let current = table.get("signed").and_then(|item| {
        let t = item.as_inline_table()?;
        let text = |key: &str| t.get(key).and_then(value_text);
        Some(Signature {
            by: text("by")?,
            date: text("date")?,
            part: text("part"),
            open: text("open"),
        })
    });
    if current == d.signed {
        return;
    }
    match &d.signed {
        None => {
            table.remove("signed");
        }
        Some(signature) => set_value(table, "signed", signature_value(signature)),
    }
}

/// A signature as the file writes it: `{ by, date, part, open }`, the last two when known.
pub(super) fn signature_value(signature: &Signature) -> Value {
    let mut t = InlineTable::new();
    t.insert("by", Value::from(signature.by.as_str()));
    t.insert("date", Value::from(signature.date.as_str()));
    if let Some(part) = &signature.part {
        t.insert("part", Value::from(part.as_str()));
    }
    if let Some(open) = &signature.open {
        t.insert("open", Value::from(open.as_str()));
    }
    Value::InlineTable(t)
}

fn write_responsibility(table: &mut Table, model: &RoleModel, r: &Responsibility) {
    let fresh = table.is_empty();
    set_string(table, "id", Some(&r.id));
    set_string(table, "name", Some(&r.name));
    set_string(table, "description", r.description.as_deref());
    set_string(table, "area", r.area.as_deref());
    // Lists of another model's roles (after a conversion) give way to this model's.
    let converted = super::save_model::replace_other_roles(table, model);
    for role in model.roles() {
        let always = fresh || converted.contains(role);
        set_string_list(table, model.key(role), r.role(role), always);
    }
    set_string(table, "tie_breaker", r.tie_breaker.as_deref());
    match r.budget {
        Some(b) if item_amount(table.get("budget")) == Some(b) => {}
        Some(b) => set_value(table, "budget", amount_value(b)),
        None => {
            table.remove("budget");
        }
    }
    set_map(
        table,
        "funding",
        &r.funding,
        |a| amount_value(*a),
        |item| item_amount(Some(item)),
    );
    set_map(
        table,
        "claims",
        r.claims.as_map(),
        super::save_claims::department_claims_value,
        super::save_claims::department_claims_from_value,
    );
    set_string(table, "notes", r.notes.as_deref());
    let parked_now = match table.get("parked").and_then(Item::as_value) {
        Some(Value::Boolean(b)) => b.value().then(String::new),
        Some(Value::String(s)) => Some(s.value().clone()),
        _ => None,
    };
    if parked_now != r.parked {
        match r.parked.as_deref() {
            None => {
                table.remove("parked");
            }
            Some("") => set_value(table, "parked", Value::from(true)),
            Some(note) => set_value(table, "parked", Value::from(note)),
        }
    }
}

/// A string or a date value as text.
pub(super) fn value_text(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::to_owned)
        .or_else(|| value.as_datetime().map(ToString::to_string))
}

/// Writes a decision into its table. `implicit` says whether the table may go on without an
/// `id` key (the id the loader derives for it is `d.id`).
fn write_decision(table: &mut Table, d: &Decision, implicit: bool) {
    // A decision without an id (made by code that predates ids) goes on without one: the
    // loader derives it, and an empty `id` would not load.
    if !implicit && !d.id.is_empty() {
        set_first(table, "id", &d.id);
    }
    let date_unchanged = table.get("date").and_then(Item::as_value).is_some_and(|v| {
        v.as_str() == Some(&d.date) || v.as_datetime().is_some_and(|t| t.to_string() == d.date)
    });
    if !date_unchanged {
        set_value(table, "date", Value::from(d.date.as_str()));
    }
    set_string(table, "responsibility", d.responsibility.as_deref());
    set_string(table, "department", d.department.as_deref());
    set_string(table, "text", Some(&d.text));
}

/// Rebuilds the array of tables `key`, reusing each existing table whose `id` matches (with its
/// comments), in the order of `items`. Existing tables are found through an index by id, so a
/// save takes time in proportion to the file; with an id given twice, the first table is reused
/// first.
fn write_items<T>(
    root: &mut Table,
    key: &str,
    items: &[T],
    id: impl Fn(&T) -> &String,
    write: impl Fn(&mut Table, &T),
) {
    let mut existing: Vec<Option<Table>> = take_tables(root, key).into_iter().map(Some).collect();
    let lead = super::save_lead::lead_of(existing.iter().flatten());
    // Each id's table positions, last first, so that `pop` gives the first unused one.
    let mut by_id: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    by_id.reserve(existing.len());
    for (index, table) in existing.iter().enumerate().rev() {
        if let Some(found) = table
            .as_ref()
            .and_then(|t| t.get("id"))
            .and_then(Item::as_str)
        {
            by_id.entry(found.to_owned()).or_default().push(index);
        }
    }
    let mut tables: Vec<Table> = items
        .iter()
        .map(|item| {
            let found = by_id.get_mut(id(item).as_str()).and_then(Vec::pop);
            let mut table = found.and_then(|i| existing[i].take()).unwrap_or_default();
            write(&mut table, item);
            table
        })
        .collect();
    drop(existing);
    super::save_lead::keep_lead(lead, &mut tables);
    put_tables(root, key, tables);
}

/// Rebuilds the decision log, reusing each existing table whose id (written, or derived from
/// its date and text as the loader does) matches a decision. A table without an `id` key stays
/// without one while the id the loader would derive for it is the decision's id.
fn write_decisions(root: &mut Table, decisions: &[Decision]) {
    let mut derived = ImplicitIds::default();
    let mut existing: HashMap<String, Table> = HashMap::new();
    let taken = take_tables(root, "decision");
    let lead = super::save_lead::lead_of(&taken);
    for table in taken {
        let id = match table.get("id").and_then(Item::as_str) {
            Some(id) => id.to_owned(),
            None => {
                let text = |key: &str| {
                    table
                        .get(key)
                        .and_then(Item::as_value)
                        .and_then(value_text)
                        .unwrap_or_default()
                };
                derived.next(&text("date"), &text("text"))
            }
        };
        existing.entry(id).or_insert(table);
    }
    let mut implicit = ImplicitIds::default();
    let mut tables: Vec<Table> = decisions
        .iter()
        .map(|decision| {
            let mut table = existing.remove(&decision.id).unwrap_or_default();
            let keeps_implicit = !table.is_empty()
                && !table.contains_key("id")
                && implicit.peek(&decision.date, &decision.text) == decision.id;
            if keeps_implicit {
                implicit.next(&decision.date, &decision.text);
            }
            write_decision(&mut table, decision, keeps_implicit);
            table
        })
        .collect();
    super::save_lead::keep_lead(lead, &mut tables);
    put_tables(root, "decision", tables);
}

/// Sets a string key, as the table's first key when it is new there.
fn set_first(table: &mut Table, key: &str, value: &str) {
    if table.contains_key(key) || table.is_empty() {
        set_string(table, key, Some(value));
        return;
    }
    let mut fresh = Table::new();
    fresh.set_position(table.position());
    *fresh.decor_mut() = table.decor().clone();
    fresh.insert(key, Item::Value(Value::from(value)));
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    for k in keys {
        if let Some((k, item)) = table.remove_entry(&k) {
            fresh.insert_formatted(&k, item);
        }
    }
    *table = fresh;
}

/// Takes the tables of the array `key` out of `root`, leaving the (empty) entry in its place so
/// the array keeps its spot among the document's keys.
pub(super) fn take_tables(root: &mut Table, key: &str) -> Vec<Table> {
    match root.get_mut(key) {
        Some(Item::ArrayOfTables(array)) => std::mem::take(array).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Puts `tables` back as the array `key`, in this order. Tables read from the file keep the
/// document positions they had between them, reassigned in the new order, so a changed order
/// is saved too; new tables follow the one before them.
pub(super) fn put_tables(root: &mut Table, key: &str, mut tables: Vec<Table>) {
    if tables.is_empty() {
        root.remove(key);
        return;
    }
    let mut positions: Vec<isize> = tables.iter().filter_map(Table::position).collect();
    positions.sort_unstable();
    let mut positions = positions.into_iter();
    for table in tables.iter_mut().filter(|t| t.position().is_some()) {
        table.set_position(positions.next());
    }
    let mut array = ArrayOfTables::new();
    for table in tables {
        array.push(table);
    }
    match root.get_mut(key) {
        Some(item) => *item = Item::ArrayOfTables(array),
        None => {
            root.insert(key, Item::ArrayOfTables(array));
        }
    }
}

#[cfg(test)]
#[path = "save_tests.rs"]
mod tests;

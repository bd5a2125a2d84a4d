//! Comments in a three-way merge. The merged workspace is written over OURS' text, which keeps
//! OURS' comments; this pass brings THEIRS' comment changes in. Every comment belongs to a
//! place: before a key, a table header or a `[[…]]` item (matched by id), after a value or a
//! header on its line, or at the end of the file. Each place is merged by the three-way rule on
//! its comment lines: one side's change is taken, two different changes keep both between
//! `# <<<<<<< ours` / `# =======` / `# >>>>>>> theirs` comment lines (so the file stays valid
//! TOML) and count as a conflict.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};
use toml_edit::{Decor, DocumentMut, Item, Table};

use super::three_way::{Pick, pick};
use crate::workspace::Workspace;

/// One version of a workspace file: the text and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// What the text holds (its lists name the `[[…]]` items by id).
    pub workspace: &'a Workspace,
    /// The file's text.
    pub text: &'a str,
}

/// One step of a place's path: a key, or the item of a `[[…]]` list with this id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Step {
    Key(String),
    Item(String, String),
}

/// Where on its anchor a comment sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Slot {
    /// The lines before a key, a header or an item.
    Before,
    /// After a value or a header, on its line.
    After,
    /// The end of the file.
    End,
}

type Place = (Vec<Step>, Slot);

/// What [`visit`] calls with each place and its raw text; a `Some` answer replaces the text.
type Visitor<'a> = dyn FnMut(&[Step], Slot, &str) -> Option<String> + 'a;

/// The comments of one version: the raw text of every place holding a comment, and a hash of
/// every anchor the file has (a place whose anchor is missing keeps the base's comment).
struct Comments {
    at: HashMap<Place, String>,
    anchors: HashSet<u64>,
}

impl Comments {
    fn read(version: Version<'_>) -> Option<Comments> {
        let mut doc: DocumentMut = version.text.parse().ok()?;
        let mut comments = Comments {
            at: HashMap::default(),
            anchors: HashSet::default(),
        };
        visit(&mut doc, version.workspace, &mut |path, slot, raw| {
            if slot != Slot::After {
                comments.anchors.insert(hash(path));
            }
            if raw.contains('#') {
                comments.at.insert((path.to_vec(), slot), raw.to_owned());
            }
            None
        });
        Some(comments)
    }

    /// The comment lines at `place`; `None` when this version has no such anchor.
    fn lines(&self, place: &Place) -> Option<String> {
        match self.at.get(place) {
            Some(raw) => Some(comment_lines(raw)),
            None if place.1 == Slot::End || self.anchors.contains(&hash(&place.0)) => {
                Some(String::new())
            }
            None => None,
        }
    }
}

/// Merges the comment changes THEIRS made since BASE into `merged` (the merge written over
/// OURS' text, holding `workspace`). Returns the new text (unchanged when THEIRS changed no
/// comment) and a description of each place both sides changed differently.
pub fn merge_comments(
    base: Version<'_>,
    ours: Version<'_>,
    theirs: Version<'_>,
    merged: Version<'_>,
) -> (String, Vec<String>) {
    let unchanged = (merged.text.to_owned(), Vec::new());
    if base.text == theirs.text {
        return unchanged;
    }
    let (Some(b), Some(t)) = (Comments::read(base), Comments::read(theirs)) else {
        return unchanged;
    };
    // Only where THEIRS changed a comment is there anything to merge.
    let mut places: Vec<&Place> =
        b.at.keys()
            .chain(t.at.keys())
            .filter(|place| {
                let base_lines = b.lines(place).unwrap_or_default();
                t.lines(place).is_some_and(|lines| lines != base_lines)
            })
            .collect();
    if places.is_empty() {
        return unchanged;
    }
    places.sort();
    places.dedup();
    let Some(o) = Comments::read(ours) else {
        return unchanged;
    };
    let mut todo: HashMap<Place, Plan> = HashMap::default();
    for place in places {
        let base_lines = b.lines(place).unwrap_or_default();
        let theirs_lines = t.lines(place).unwrap_or_else(|| base_lines.clone());
        let ours_lines = o.lines(place).unwrap_or_else(|| base_lines.clone());
        match pick(Some(&base_lines), Some(&ours_lines), Some(&theirs_lines)) {
            Pick::Ours => {}
            Pick::Theirs => {
                todo.entry(place.clone()).or_default().take = Some(t.at.get(place).cloned());
            }
            // Two changes on the line of a value or header are shown before it (the line has
            // room for one); OURS' stays on the line.
            Pick::Conflict if place.1 == Slot::After => {
                let before = todo.entry((place.0.clone(), Slot::Before)).or_default();
                before.add.push(markers(&ours_lines, &theirs_lines));
                before.why.push(describe(&place.0, Slot::After));
            }
            Pick::Conflict => {
                let plan = todo.entry(place.clone()).or_default();
                plan.both = Some(markers(&ours_lines, &theirs_lines));
                plan.why.push(describe(&place.0, place.1));
            }
        }
    }
    if todo.is_empty() {
        return unchanged;
    }
    let Ok(mut doc) = merged.text.parse::<DocumentMut>() else {
        return unchanged;
    };
    let mut conflicts = Vec::new();
    visit(&mut doc, merged.workspace, &mut |path, slot, raw| {
        let plan = todo.remove(&(path.to_vec(), slot))?;
        let mut out = match (plan.both, plan.take) {
            (Some(both), _) => format!("{}{both}", leading_blank_lines(raw)),
            (None, Some(Some(theirs))) => theirs,
            (None, Some(None)) => without_comments(raw),
            (None, None) => raw.to_owned(),
        };
        for block in plan.add {
            out.push_str(&block);
        }
        conflicts.extend(plan.why);
        Some(out)
    });
    let text = doc.to_string();
    let text = if merged.text.contains("\r\n") && !text.contains("\r\n") {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    (text, conflicts)
}

/// What to do at one place of the merged file.
#[derive(Default)]
struct Plan {
    /// Take THEIRS' raw text (`None`: THEIRS has no comment there).
    take: Option<Option<String>>,
    /// Both sides changed it: both comments between markers.
    both: Option<String>,
    /// Marker blocks of the place after, on the same line, to add at the end.
    add: Vec<String>,
    /// The conflicts, in words.
    why: Vec<String>,
}

/// The blank lines a raw decor text starts with.
fn leading_blank_lines(raw: &str) -> &str {
    &raw[..raw.len() - raw.trim_start_matches(['\n', '\r']).len()]
}

/// A raw decor text without its comment lines (blank lines and indentation stay).
fn without_comments(raw: &str) -> String {
    if !raw.contains('\n') {
        return raw
            .split('#')
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_owned();
    }
    raw.split_inclusive('\n')
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect()
}

/// The comment lines of a raw decor text, each trimmed, without blank lines.
fn comment_lines(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .filter(|line| line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Both versions of a comment between conflict markers, as comment lines.
fn markers(ours: &str, theirs: &str) -> String {
    let mut out = String::from("# <<<<<<< ours\n");
    for side in [ours, "# =======", theirs] {
        for line in side.lines() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("# >>>>>>> theirs\n");
    out
}

/// A place in words, for the conflict message: `the comment before [[decision]] "d1"`.
fn describe(path: &[Step], slot: Slot) -> String {
    if slot == Slot::Before && path == [Step::Key("whoowns".into())] {
        return "the comment at the top of the file".to_owned();
    }
    let mut at = String::new();
    for step in path {
        if !at.is_empty() {
            at.push(' ');
        }
        match step {
            Step::Key(key) if path.len() == 1 => at.push_str(&format!("[{key}]")),
            Step::Key(key) => at.push_str(key),
            Step::Item(list, id) => at.push_str(&format!("[[{list}]] {id:?}")),
        }
    }
    match slot {
        Slot::Before => format!("the comment before {at}"),
        Slot::After => format!("the comment after {at}"),
        Slot::End => "the comment at the end of the file".to_owned(),
    }
}

fn hash(path: &[Step]) -> u64 {
    let mut hasher = FxHasher::default();
    path.hash(&mut hasher);
    hasher.finish()
}

/// Calls `f` with every place of `doc` and its raw text; a `Some` answer replaces the text.
fn visit(doc: &mut DocumentMut, ws: &Workspace, f: &mut Visitor<'_>) {
    let mut path = Vec::new();
    visit_table(doc.as_table_mut(), ws, &mut path, f);
    let end = doc.trailing().as_str().unwrap_or_default().to_owned();
    if let Some(new) = f(&[], Slot::End, &end) {
        doc.set_trailing(new);
    }
}

fn visit_table(table: &mut Table, ws: &Workspace, path: &mut Vec<Step>, f: &mut Visitor<'_>) {
    for (mut key, item) in table.iter_mut() {
        match item {
            Item::None => {}
            Item::Value(value) => {
                path.push(Step::Key(key.get().to_owned()));
                visit_decor(key.leaf_decor_mut(), Slot::Before, path, f);
                visit_decor(value.decor_mut(), Slot::After, path, f);
                path.pop();
            }
            Item::Table(sub) => {
                path.push(Step::Key(key.get().to_owned()));
                visit_header(sub, ws, path, f);
                path.pop();
            }
            Item::ArrayOfTables(list) => {
                let name = key.get().to_owned();
                for (index, sub) in list.iter_mut().enumerate() {
                    path.push(Step::Item(name.clone(), label(ws, &name, index, sub)));
                    visit_header(sub, ws, path, f);
                    path.pop();
                }
            }
        }
    }
}

fn visit_header(table: &mut Table, ws: &Workspace, path: &mut Vec<Step>, f: &mut Visitor<'_>) {
    if !table.is_implicit() {
        visit_decor(table.decor_mut(), Slot::Before, path, f);
        visit_decor(table.decor_mut(), Slot::After, path, f);
    }
    visit_table(table, ws, path, f);
}

fn visit_decor(decor: &mut Decor, slot: Slot, path: &[Step], f: &mut Visitor<'_>) {
    let raw = match slot {
        Slot::Before => decor.prefix(),
        _ => decor.suffix(),
    };
    let raw = raw.and_then(|r| r.as_str()).unwrap_or_default().to_owned();
    if let Some(new) = f(path, slot, &raw) {
        match slot {
            Slot::Before => decor.set_prefix(new),
            _ => decor.set_suffix(new),
        }
    }
}

/// The id of the `index`-th item of the list `list`: from the workspace for departments,
/// responsibilities and decisions (whose ids may be implicit), else its `id` key or position.
fn label(ws: &Workspace, list: &str, index: usize, table: &Table) -> String {
    let known = match list {
        "department" => ws.departments.get(index).map(|d| d.id.as_str()),
        "responsibility" => ws.responsibilities.get(index).map(|r| r.id.as_str()),
        "decision" => ws.decisions.get(index).map(|d| d.id.as_str()),
        _ => None,
    };
    known
        .or_else(|| table.get("id").and_then(Item::as_str))
        .map_or_else(|| index.to_string(), str::to_owned)
}

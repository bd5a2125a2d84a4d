//! Where a save puts the tables of a kind the file did not have, and what becomes of the
//! section comments around them, so a file keeps its shape (issue 22).
//!
//! A new table of a kind already in the file follows the one before it (see
//! [`super::save::put_tables`]). The first tables of a kind go where the kind belongs in the
//! usual order (`[workspace]`, a custom model's `[[role]]` tables, `[rules]`, departments,
//! responsibilities, decisions, conflicts, waivers): after the last table of the kinds before it, not at the end of the file. A section
//! comment waiting for them there (the blank template's `# --- Responsibilities ---`, with its
//! commented example) moves above them; one for a kind before theirs stays above them too. When
//! the last table of a kind goes, a section comment above it stays where the kind was.
//!
//! Only saves that begin or end a kind are touched; the others write the same bytes as before.

use toml_edit::{DocumentMut, Item, RawString, Table};

/// The root keys of a workspace file, in the order they usually stand.
const KINDS: [&str; 8] = [
    "workspace",
    "role",
    "rules",
    "department",
    "responsibility",
    "decision",
    "conflict",
    "waiver",
];

/// What a section comment line may call each kind (after `#`, dashes and spaces), by rank in
/// [`KINDS`].
const TITLES: [&[&str]; 8] = [
    &["workspace"],
    &["roles", "role", "role model"],
    &["rules"],
    &["departments", "department"],
    &["responsibilities", "responsibility"],
    &["decisions", "decision", "decision log"],
    &["conflicts", "conflict", "merge conflicts"],
    &["waivers", "waiver", "accepted on purpose"],
];

/// The kinds a file held before the save wrote into it, and the comments above the first table
/// of each (its position in the file and its prefix).
#[derive(Debug, Default)]
pub(super) struct Before {
    present: [bool; KINDS.len()],
    leads: [Option<(isize, String)>; KINDS.len()],
}

/// Notes which kinds `root` holds and the comments above the first table of each.
pub(super) fn survey(root: &Table) -> Before {
    let mut before = Before::default();
    for (rank, key) in KINDS.iter().enumerate() {
        let tables = kind_tables(root, key);
        before.present[rank] = !tables.is_empty();
        before.leads[rank] = tables
            .iter()
            .filter_map(|t| Some((t.position()?, prefix(t)?.to_owned())))
            .min_by_key(|(position, _)| *position);
    }
    before
}

/// Places the first tables of each kind begun by the save, and keeps the section comment of
/// each kind it ended (see the module documentation).
pub(super) fn arrange(doc: &mut DocumentMut, before: &Before) {
    // A fresh document is written in the usual order already, with nothing to keep.
    if !before.present.contains(&true) {
        return;
    }
    let now: Vec<bool> = KINDS
        .iter()
        .map(|key| !kind_tables(doc.as_table(), key).is_empty())
        .collect();
    let begun: Vec<usize> = (0..KINDS.len())
        .filter(|&k| now[k] && !before.present[k])
        .collect();
    let ended: Vec<(isize, &str)> = (0..KINDS.len())
        .filter(|&k| before.present[k] && !now[k])
        .filter_map(|k| {
            let (position, text) = before.leads[k].as_ref()?;
            header_block_end(text, k, k).map(|_| (*position, text.as_str()))
        })
        .collect();
    if begun.is_empty() && ended.is_empty() {
        return;
    }
    // Every position doubled: the odd ones in between are free for the tables placed here.
    for_each_table(doc.as_table_mut(), &mut |t| {
        if let Some(p) = t.position() {
            t.set_position(Some(p.saturating_mul(2)));
        }
    });
    for (position, text) in ended {
        keep_section(doc, position.saturating_mul(2), text);
    }
    for kind in begun {
        place(doc, kind);
    }
}

/// Puts the section comment `text` of an ended kind, whose first table stood at `position`,
/// above whatever follows it in the file.
fn keep_section(doc: &mut DocumentMut, position: isize, text: &str) {
    let lead = format!("{}\n", text.trim_end());
    match next_after(doc.as_table(), position) {
        Some(next) => {
            let rest = current_prefix(doc.as_table(), next);
            let joined = format!("{lead}\n{}", rest.trim_start_matches('\n'));
            set_prefix_at(doc.as_table_mut(), next, &joined);
        }
        None => {
            let trailing = doc.trailing().as_str().unwrap_or_default().to_owned();
            let joined = if trailing.trim().is_empty() {
                lead
            } else {
                format!("{lead}\n{}", trailing.trim_start_matches('\n'))
            };
            doc.set_trailing(joined);
        }
    }
}

/// Places the (new) tables of the kind ranked `kind` after the last table of the kinds before
/// it, and moves a section comment for them (or for a kind before theirs) above them.
fn place(doc: &mut DocumentMut, kind: usize) {
    let root = doc.as_table();
    let anchor = KINDS[..kind]
        .iter()
        .flat_map(|key| kind_tables(root, key))
        .filter_map(subtree_end)
        .max();
    let slot = match anchor {
        // After the anchor and its sub-tables: the next odd position (an even one is taken).
        Some(a) => a | 1,
        None => all_positions(root).min().map_or(1, |p| p.saturating_sub(1)),
    };
    let next = next_after(root, slot);
    let waiting = match next {
        Some(next) => current_prefix(root, next),
        None => doc.trailing().as_str().unwrap_or_default().to_owned(),
    };
    // The section comment waiting there for this kind (or one before it) goes above them.
    let split = header_block_end(&waiting, 0, kind);
    let mut first = true;
    for_each_kind_table(doc.as_table_mut(), KINDS[kind], &mut |t| {
        t.set_position(Some(slot));
        if let (true, Some(end)) = (first, split) {
            let above = &waiting[..end];
            let gap = if above.ends_with("\n\n") { "" } else { "\n" };
            t.decor_mut().set_prefix(format!("{above}{gap}"));
        }
        first = false;
    });
    let Some(end) = split else {
        return;
    };
    let rest = &waiting[end..];
    match next {
        Some(next) => {
            let rest = if rest.starts_with('\n') {
                rest.to_owned()
            } else {
                format!("\n{rest}")
            };
            set_prefix_at(doc.as_table_mut(), next, &rest);
        }
        None => doc.set_trailing(rest.to_owned()),
    }
}

/// The tables of the root key `key`: the one table, or the array's.
fn kind_tables<'a>(root: &'a Table, key: &str) -> Vec<&'a Table> {
    match root.get(key) {
        Some(Item::Table(t)) => vec![t],
        Some(Item::ArrayOfTables(a)) => a.iter().collect(),
        _ => Vec::new(),
    }
}

/// Runs `f` on each table of the root key `key`.
fn for_each_kind_table(root: &mut Table, key: &str, f: &mut dyn FnMut(&mut Table)) {
    match root.get_mut(key) {
        Some(Item::Table(t)) => f(t),
        Some(Item::ArrayOfTables(a)) => a.iter_mut().for_each(f),
        _ => {}
    }
}

/// Runs `f` on every table under `table` (not `table` itself), in key order.
fn for_each_table(table: &mut Table, f: &mut dyn FnMut(&mut Table)) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => {
                f(t);
                for_each_table(t, f);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    f(t);
                    for_each_table(t, f);
                }
            }
            _ => {}
        }
    }
}

/// The positions of every table under `table` that has one.
fn all_positions(table: &Table) -> impl Iterator<Item = isize> + '_ {
    let mut out = Vec::new();
    collect_positions(table, &mut out);
    out.into_iter()
}

fn collect_positions(table: &Table, out: &mut Vec<isize>) {
    for (_, item) in table.iter() {
        let tables: Vec<&Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter().collect(),
            _ => continue,
        };
        for t in tables {
            out.extend(t.position());
            collect_positions(t, out);
        }
    }
}

/// The last position taken by `table` and its sub-tables.
fn subtree_end(table: &Table) -> Option<isize> {
    let mut positions = vec![];
    positions.extend(table.position());
    collect_positions(table, &mut positions);
    positions.into_iter().max()
}

/// The position of the first table after `position` in the file.
fn next_after(root: &Table, position: isize) -> Option<isize> {
    all_positions(root).filter(|&p| p > position).min()
}

/// The comments and blank lines written above the table at `position`.
fn current_prefix(root: &Table, position: isize) -> String {
    let mut found = String::new();
    let mut visit = |t: &Table| {
        if t.position() == Some(position) {
            found = prefix(t).unwrap_or_default().to_owned();
        }
    };
    visit_tables(root, &mut visit);
    found
}

fn visit_tables(table: &Table, f: &mut dyn FnMut(&Table)) {
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) => {
                f(t);
                visit_tables(t, f);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    f(t);
                    visit_tables(t, f);
                }
            }
            _ => {}
        }
    }
}

fn set_prefix_at(root: &mut Table, position: isize, text: &str) {
    for_each_table(root, &mut |t| {
        if t.position() == Some(position) {
            t.decor_mut().set_prefix(text.to_owned());
        }
    });
}

fn prefix(table: &Table) -> Option<&str> {
    table.decor().prefix().and_then(RawString::as_str)
}

/// The kind (by rank) a section comment line names: `# --- Responsibilities ---`,
/// `# Decision log`.
pub(super) fn header_kind(line: &str) -> Option<usize> {
    let line = line.trim();
    let title = line
        .strip_prefix('#')?
        .trim_matches(|c: char| c == '#' || c == '-' || c == '=' || c == '*' || c.is_whitespace())
        .to_ascii_lowercase();
    TITLES
        .iter()
        .position(|names| names.contains(&title.as_str()))
}

/// Where the last section comment in `text` for a kind ranked `lowest..=highest` ends: after
/// its title line and the comment lines right under it (a commented example), before the next
/// blank line. `None` when there is none.
fn header_block_end(text: &str, lowest: usize, highest: usize) -> Option<usize> {
    let mut end = None;
    let mut in_block = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let next = at + line.len();
        let trimmed = line.trim();
        match header_kind(trimmed) {
            Some(kind) if (lowest..=highest).contains(&kind) => {
                in_block = true;
                end = Some(next);
            }
            Some(_) => in_block = false,
            None if in_block && trimmed.starts_with('#') => end = Some(next),
            None => in_block = false,
        }
        at = next;
    }
    end
}

#[cfg(test)]
#[path = "save_layout_tests.rs"]
mod tests;

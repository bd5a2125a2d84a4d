//! The section comment above the first table of a kind (`# --- Departments ---`, an area's
//! `# --- Brand & content ---`) belongs to the kind, not to that table: when the first table
//! goes, or a new one is put before it, the comment moves to the table that is first now, so
//! an undone delete or a new first item lands under it, not above it (issue 22). A comment
//! that names the kind moves too when another table is moved first; any other (an area's)
//! then stays with its table.

use toml_edit::{RawString, Table};

use super::save_layout::header_kind;

/// The section comment of a kind's first table in the file: where that table stood and the
/// part of its prefix that belongs to the section.
#[derive(Debug)]
pub(super) struct Lead {
    position: isize,
    section: String,
    /// Whether the section comment names the kind (`# --- Departments ---`).
    names_kind: bool,
}

/// The lead of the kind whose tables (as read from the file) are `existing`, if its first
/// table has a section comment above it.
pub(super) fn lead_of<'a>(existing: impl IntoIterator<Item = &'a Table>) -> Option<Lead> {
    let first = existing
        .into_iter()
        .filter(|t| t.position().is_some())
        .min_by_key(|t| t.position())?;
    let prefix = first.decor().prefix().and_then(RawString::as_str)?;
    let (section, _) = split(prefix)?;
    Some(Lead {
        position: first.position()?,
        section: section.to_owned(),
        names_kind: section.lines().any(|l| header_kind(l).is_some()),
    })
}

/// Moves the section comment `lead` to the first of `tables` (the kind's tables in their new
/// order) when that is another table than the one it stood above.
pub(super) fn keep_lead(lead: Option<Lead>, tables: &mut [Table]) {
    let Some(lead) = lead else {
        return;
    };
    if tables.is_empty() || tables[0].position() == Some(lead.position) {
        return;
    }
    let survived = tables.iter().any(|t| t.position() == Some(lead.position));
    if survived && tables[0].position().is_some() && !lead.names_kind {
        return;
    }
    // The table it stood above, if it is still there, keeps only its own comments.
    if let Some(old) = tables
        .iter_mut()
        .find(|t| t.position() == Some(lead.position))
    {
        let own = old
            .decor()
            .prefix()
            .and_then(RawString::as_str)
            .and_then(split)
            .map_or_else(String::new, |(_, rest)| rest.to_owned());
        old.decor_mut()
            .set_prefix(format!("\n{}", own.trim_start_matches(['\r', '\n'])));
    }
    let first = &mut tables[0];
    let own = first
        .decor()
        .prefix()
        .and_then(RawString::as_str)
        .unwrap_or_default()
        .trim_start_matches(['\r', '\n'])
        .to_owned();
    first
        .decor_mut()
        .set_prefix(format!("{}{own}", lead.section));
}

/// A prefix split into its section comment and the comments of the table itself: the section
/// is everything up to the last blank line after a comment (a table's own comments stand right
/// above it). `None` when the prefix has no section comment.
fn split(prefix: &str) -> Option<(&str, &str)> {
    let mut end = None;
    let mut seen_comment = false;
    let mut at = 0;
    for line in prefix.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            seen_comment = true;
        } else if trimmed.is_empty() && seen_comment {
            end = Some(at + line.len());
        }
        at += line.len();
    }
    let end = end?;
    Some((&prefix[..end], &prefix[end..]))
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn a_section_ends_at_the_last_blank_line_after_a_comment() {
        assert_eq!(
            split("\n# --- Brand ---\n\n# decided in May\n"),
            Some(("\n# --- Brand ---\n\n", "# decided in May\n"))
        );
        assert_eq!(split("\n# only mine\n"), None);
        assert_eq!(split("\n\n"), None);
    }
}

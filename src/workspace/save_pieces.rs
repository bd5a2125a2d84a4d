//! Saving piece by piece. A file in the usual shape and order (read the fast way, see
//! [`super::load::Layout`]) is cut into its head (everything before the first responsibility),
//! one piece per responsibility and its tail (the decisions). An unchanged responsibility is
//! copied as it stands; a changed one, the head and the tail are each rewritten on their own
//! as small documents, exactly as the whole document would rewrite them. So a save after one
//! move costs a fast read of the file and a copy, with no comment-keeping parse of 100,000
//! tables, and the time grows in proportion to the file.
//!
//! What this does not take (responsibilities added, removed or reordered, merge conflicts, a
//! file of another shape) gives `None`, and the whole document is rewritten instead.

use toml_edit::{DocumentMut, TomlError};

use super::load::compare;
use super::model::Workspace;
use super::save::{write_head, write_responsibilities, write_tail};

/// `original` rewritten to hold `ws`, piece by piece, or `None` when only a rewrite of the
/// whole document will do.
pub(super) fn update(original: &str, ws: &Workspace) -> Option<Result<String, TomlError>> {
    // `None` unless the file's responsibilities are those of `ws` (by id, in order).
    let compared = compare(original, &ws.responsibilities)?;
    let (old, layout) = (&compared.workspace, &compared.layout);
    let pieces = &layout.responsibilities;
    let (first, last) = (pieces.first()?, pieces.last()?);
    let contiguous = pieces.windows(2).all(|w| w[0].end == w[1].start);
    // The blank lines and comments before a table belong to it in `toml_edit`, but to the piece
    // before it here: the decision log may only be edited in place or added to (anything else
    // moves a table away from its comments), and not begun (a first decision would open the
    // tail, spaced differently). A first department or a new `[rules]` table goes at the very
    // end of the whole document, not into the head.
    let tail = original.get(last.end..)?;
    let decisions_kept = !old.decisions.is_empty()
        && ws.decisions.len() >= old.decisions.len()
        && (old.decisions.iter())
            .zip(&ws.decisions)
            .all(|(before, after)| before.id == after.id);
    let decisions_ok = decisions_kept || (old.decisions.is_empty() && ws.decisions.is_empty());
    let first_department = old.departments.is_empty() && !ws.departments.is_empty();
    let new_rules = !layout.has_rules && ws.rules != old.rules;
    // Line endings are kept over the whole text, after the rewrite (see `keep_line_endings`).
    let crlf = original.contains('\r');
    // Another model (a conversion) rewrites every responsibility's role lists.
    let same_model = old.model == ws.model;
    if !same_model
        || !layout.in_order
        || !contiguous
        || !decisions_ok
        || first_department
        || new_rules
        || crlf
        || !ws.conflicts.is_empty()
    {
        return None;
    }
    let head = original.get(..first.start)?;
    if pieces
        .iter()
        .any(|piece| original.get(piece.clone()).is_none())
    {
        return None;
    }
    Some(assemble(original, head, tail, pieces, &compared.same, ws))
}

fn assemble(
    original: &str,
    head: &str,
    tail: &str,
    pieces: &[std::ops::Range<usize>],
    same: &[bool],
    ws: &Workspace,
) -> Result<String, TomlError> {
    let mut out = String::with_capacity(original.len() + original.len() / 64 + 1024);
    let mut doc: DocumentMut = head.parse()?;
    write_head(doc.as_table_mut(), ws);
    out.push_str(&doc.to_string());
    for ((piece, &same), after) in pieces.iter().zip(same).zip(&ws.responsibilities) {
        let text = original.get(piece.clone()).unwrap_or_default();
        if same {
            out.push_str(text);
        } else {
            let mut doc: DocumentMut = text.parse()?;
            write_responsibilities(doc.as_table_mut(), &ws.model, std::slice::from_ref(after));
            out.push_str(&doc.to_string());
        }
    }
    let mut doc: DocumentMut = tail.parse()?;
    write_tail(doc.as_table_mut(), ws);
    out.push_str(&doc.to_string());
    Ok(out)
}

#[cfg(test)]
#[path = "save_pieces_tests.rs"]
mod tests;

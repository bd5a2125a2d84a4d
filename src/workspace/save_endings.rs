//! The line endings of a saved file: those of the file it replaces (CRLF kept, a missing final
//! line break kept missing, a file of both kept as it stands while its workspace is unchanged).

use super::model::Workspace;

/// `original` itself when it has both line endings and holds `workspace`: a rewrite would end
/// every line with `\n`, so a save (or a merge of identical sides) would change its bytes.
pub(super) fn unchanged_with_both_endings(original: &str, workspace: &Workspace) -> Option<String> {
    let crlf = original.matches("\r\n").count();
    let mixed = crlf > 0 && crlf != original.matches('\n').count();
    (mixed && super::load::parse(original).is_ok_and(|parsed| parsed.workspace == *workspace))
        .then(|| original.to_owned())
}

/// A file kept with Windows line endings (CRLF) is saved with them too, so a save does not
/// rewrite every line. Kept only when the result still reads back as `workspace` (a line break
/// inside a multi-line string must not change its value).
pub(super) fn keep_line_endings(original: &str, text: String, workspace: &Workspace) -> String {
    let lines = original.matches('\n').count();
    if lines == 0 || original.matches("\r\n").count() != lines {
        return text;
    }
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    match super::load::parse(&crlf) {
        Ok(parsed) if parsed.workspace == *workspace => crlf,
        _ => text,
    }
}

/// A file that does not end with a line break is saved without one too (a rewrite ends every
/// line with one), when the result still reads back as `workspace`.
pub(super) fn keep_missing_final_newline(
    original: &str,
    text: String,
    workspace: &Workspace,
) -> String {
    if original.is_empty() || original.ends_with('\n') {
        return text;
    }
    let Some(cut) = text.strip_suffix('\n') else {
        return text;
    };
    let cut = cut.strip_suffix('\r').unwrap_or(cut);
    match super::load::parse(cut) {
        Ok(parsed) if parsed.workspace == *workspace => cut.to_owned(),
        _ => text,
    }
}

//! Three-way merge of workspaces, for `whoowns merge BASE OURS THEIRS` as a git merge driver.
//!
//! Items are matched by id and merged field by field: a field only one side changed takes that
//! side's value; role lists merge as sets (one side adds Legal, the other removes PR: both
//! happen); funding and claims merge per department; decisions from both sides are kept, oldest
//! first, each once (matched by their ids). A field changed two different ways keeps OURS and
//! is recorded as a [`Conflict`] in the workspace, which `check` reports and the board resolves.
//! An item removed on one side but changed or still used on the other stays, with a conflict.
//!
//! The merged workspace is written over OURS' text with the comment-keeping save, so OURS'
//! comments and layout survive and what comes from THEIRS is written in the standard layout;
//! THEIRS' comment changes are then merged in place by place ([`comments`]).

mod comments;
mod items;
mod references;
mod three_way;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod claims_tests;

use rustc_hash::FxHashSet as HashSet;

use crate::workspace::{
    Conflict, Decision, RuleSettings, Workspace, WorkspaceFields, WorkspaceInfo, update_document,
    workspace_field, workspace_field_names,
};
pub use comments::Version;
pub use three_way::{Pick, merge_set, pick};

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The merged workspace; its `conflicts` hold every unresolved conflict (those the sides
    /// already had and the new ones).
    pub workspace: Workspace,
    /// The conflicts this merge found.
    pub new_conflicts: Vec<Conflict>,
    /// Comments both sides changed differently, in words (`the comment before [workspace]`);
    /// the merged text keeps both between `# <<<<<<< ours` … `# >>>>>>> theirs` lines.
    pub comment_conflicts: Vec<String>,
}

impl Merge {
    /// Whether the merge found no conflict.
    pub fn is_clean(&self) -> bool {
        self.new_conflicts.is_empty() && self.comment_conflicts.is_empty()
    }
}

/// Merges THEIRS' changes since BASE into OURS.
pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Merge {
    let mut found = Vec::new();
    let (info, rules) = merge_workspace_fields(base, ours, theirs, &mut found);
    let decisions = merge_decisions(base, ours, theirs, &mut found);
    let about: HashSet<&str> = decisions
        .iter()
        .filter_map(|d| d.responsibility.as_deref())
        .collect();
    let responsibilities = items::merge_list(
        &base.responsibilities,
        &ours.responsibilities,
        &theirs.responsibilities,
        &about,
        &mut found,
    )
    .in_place();
    let used = references::departments_used(&responsibilities);
    let departments = items::merge_list(
        &base.departments,
        &ours.departments,
        &theirs.departments,
        &used,
        &mut found,
    )
    .in_place();
    let mut workspace = Workspace {
        info,
        rules,
        departments,
        responsibilities,
        decisions,
        conflicts: Vec::new(),
        waivers: merge_waivers(base, ours, theirs),
        model: ours.model.clone(),
    };
    references::drop_dangling(&mut workspace);
    let ws = &workspace;
    let exists = |w: &crate::workspace::Waiver| {
        w.responsibility
            .as_deref()
            .is_none_or(|id| ws.responsibility(id).is_some())
            && w.department
                .as_deref()
                .is_none_or(|id| ws.department(id).is_some())
    };
    let waivers: Vec<_> = ws.waivers.iter().filter(|w| exists(w)).cloned().collect();
    workspace.waivers = waivers;
    let (all, new_conflicts) = references::all_conflicts(base, ours, theirs, found, &workspace);
    workspace.conflicts = all;
    Merge {
        workspace,
        new_conflicts,
        comment_conflicts: Vec::new(),
    }
}

/// The waivers as a set: ours, less those THEIRS removed, plus those THEIRS added.
fn merge_waivers(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
) -> Vec<crate::workspace::Waiver> {
    let mut waivers: Vec<_> = ours
        .waivers
        .iter()
        .filter(|w| !base.waivers.contains(w) || theirs.waivers.contains(w))
        .cloned()
        .collect();
    for w in &theirs.waivers {
        if !base.waivers.contains(w) && !waivers.contains(w) {
            waivers.push(w.clone());
        }
    }
    waivers
}

/// The `[workspace]` facts and `[rules]`: fields by the three-way rule, `disable` as a set.
fn merge_workspace_fields(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    found: &mut Vec<Conflict>,
) -> (WorkspaceInfo, RuleSettings) {
    let (mut info, mut rules) = (ours.info.clone(), ours.rules.clone());
    let names = three_way::field_names([
        workspace_field_names(&base.rules),
        workspace_field_names(&ours.rules),
        workspace_field_names(&theirs.rules),
    ]);
    let target = crate::workspace::ConflictTarget::Workspace;
    for name in names {
        let b = workspace_field(&base.info, &base.rules, &name);
        let o = workspace_field(&ours.info, &ours.rules, &name);
        let t = workspace_field(&theirs.info, &theirs.rules, &name);
        match pick(b.as_ref(), o.as_ref(), t.as_ref()) {
            Pick::Ours => {}
            Pick::Theirs => {
                let mut fields = WorkspaceFields {
                    info: &mut info,
                    rules: &mut rules,
                };
                // THEIRS' value was valid in THEIRS' file, so it fits.
                let _ = fields.set(&name, t);
            }
            Pick::Conflict => found.push(three_way::conflict(&target, &name, o, t)),
        }
    }
    rules.disable = merge_set(
        &base.rules.disable,
        &ours.rules.disable,
        &theirs.rules.disable,
    );
    (info, rules)
}

/// The decision log: OURS' entries (merged with THEIRS' edits), and THEIRS' new entries placed
/// by date, oldest first (after OURS' entries of the same day).
fn merge_decisions(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    found: &mut Vec<Conflict>,
) -> Vec<Decision> {
    let merged = items::merge_list(
        &base.decisions,
        &ours.decisions,
        &theirs.decisions,
        &HashSet::default(),
        found,
    );
    let mut out = Vec::with_capacity(merged.from_ours.len() + merged.from_theirs.len());
    let mut new = merged.from_theirs.into_iter().map(|(_, d)| d).peekable();
    for decision in merged.from_ours {
        while let Some(earlier) = new.next_if(|d| d.date < decision.date) {
            out.push(earlier);
        }
        out.push(decision);
    }
    out.extend(new);
    out
}

/// Why `merge_texts` could not merge.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// OURS' text could not be updated in place (it did not parse as TOML).
    #[error("cannot write the merge over ours: {0}")]
    Toml(#[from] toml_edit::TomlError),
    /// The merged text did not read back as a valid workspace (a bug: nothing is written).
    #[error("the merged workspace does not read back: {0}")]
    Invalid(String),
}

/// Merges three versions and writes the result over OURS' text (`ours` is what it holds),
/// keeping its comments and layout. Returns the merged text and the merge. Only OURS' text is
/// known here, so THEIRS' comments are not merged: see [`merge_versions`].
pub fn merge_texts(
    base: &Workspace,
    ours: &Workspace,
    ours_text: &str,
    theirs: &Workspace,
) -> Result<(String, Merge), MergeError> {
    let side = |workspace| Version {
        workspace,
        text: ours_text,
    };
    merge_versions(side(base), side(ours), side(theirs))
}

/// Merges three versions of a file: the merged workspace written over OURS' text (its comments
/// and layout kept), with THEIRS' comment changes merged in. Returns the merged text and the
/// merge; comments changed two ways are in [`Merge::comment_conflicts`].
pub fn merge_versions(
    base: Version<'_>,
    ours: Version<'_>,
    theirs: Version<'_>,
) -> Result<(String, Merge), MergeError> {
    let mut merged = merge(base.workspace, ours.workspace, theirs.workspace);
    let text = update_document(ours.text, &merged.workspace)?;
    let result = Version {
        workspace: &merged.workspace,
        text: &text,
    };
    let (with_comments, comment_conflicts) = comments::merge_comments(base, ours, theirs, result);
    merged.comment_conflicts = comment_conflicts;
    let parsed = crate::workspace::parse(&text).map_err(|diagnostics| {
        MergeError::Invalid(
            diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    if with_comments == text {
        return Ok((text, merged));
    }
    // Comments never change what the file holds; should they ever, THEIRS' are left out.
    match crate::workspace::parse(&with_comments) {
        Ok(again) if again.workspace == parsed.workspace => Ok((with_comments, merged)),
        _ => {
            merged.comment_conflicts = vec!["their comments (they could not be placed)".into()];
            Ok((text, merged))
        }
    }
}

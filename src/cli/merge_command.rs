//! `whoowns merge BASE OURS THEIRS [-o OUT]`: the three-way merge, shaped as a git merge driver
//! (`whoowns merge %O %A %B -o %A`): exit 0 when clean, 1 with conflicts, 2 for unusable input.

use std::io;
use std::path::PathBuf;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, is_stdout, load_or_report};
use crate::analysis::{RuleId, analyze};
use crate::merge::{Version, merge_versions};
use crate::output;
use crate::text::sanitize_path;
use crate::workspace::{WriteOptions, write_file};

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor (git's `%O`).
    pub base: PathBuf,
    /// Our version (git's `%A`); its comments and layout are kept.
    pub ours: PathBuf,
    /// Their version (git's `%B`).
    pub theirs: PathBuf,
    /// Where to write the merge (git: `-o %A`); standard output when absent or `-`.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub(super) fn merge(args: &MergeArgs) -> u8 {
    // Load all three, so the diagnostics of every unusable file are shown at once.
    // Git passes an empty ancestor when both branches added the file.
    let base = if std::fs::metadata(&args.base).is_ok_and(|m| m.is_file() && m.len() == 0) {
        Some(crate::workspace::LoadedFile {
            path: args.base.clone(),
            text: String::new(),
            workspace: crate::workspace::Workspace::default(),
            source_map: crate::workspace::SourceMap::default(),
        })
    } else {
        load_or_report(&args.base)
    };
    let ours = load_or_report(&args.ours);
    let theirs = load_or_report(&args.theirs);
    let (Some(base), Some(ours), Some(theirs)) = (base, ours, theirs) else {
        output::error("whoowns merge: nothing was written");
        return EXIT_UNUSABLE;
    };
    // The sides must share one role model (an empty ancestor has none of its own).
    let base_model = (!base.text.is_empty()).then_some(&base.workspace.model);
    let models = [
        base_model,
        Some(&ours.workspace.model),
        Some(&theirs.workspace.model),
    ];
    if models.iter().flatten().any(|m| *m != &ours.workspace.model) {
        let names: Vec<&str> = models.iter().flatten().map(|m| m.name()).collect();
        output::error(format!(
            "whoowns merge: the versions use different role models ({}): convert them to one with `whoowns convert` first; nothing was written",
            names.join(", ")
        ));
        return EXIT_UNUSABLE;
    }
    fn version(file: &crate::workspace::LoadedFile) -> Version<'_> {
        Version {
            workspace: &file.workspace,
            text: &file.text,
        }
    }
    let merged = merge_versions(version(&base), version(&ours), version(&theirs));
    let (text, merged) = match merged {
        Ok(done) => done,
        Err(e) => {
            output::error(format!("whoowns merge: {e}; nothing was written"));
            return EXIT_UNUSABLE;
        }
    };
    let target = args.output.as_deref().filter(|p| !is_stdout(p));
    let options = WriteOptions {
        overwrite_read_only: false,
        in_place_if_needed: true,
    };
    let written = match target {
        Some(path) => write_file(path, text.as_bytes(), options).map_err(io::Error::from),
        None => output::document(&text),
    };
    if let Err(e) = written {
        let path = target.map_or_else(|| "standard output".into(), sanitize_path);
        output::error(format!("whoowns merge: cannot write {path}: {e}"));
        return EXIT_UNUSABLE;
    }
    if merged.is_clean() {
        return EXIT_OK;
    }
    let analysis = analyze(&merged.workspace);
    for finding in analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::MergeConflict)
    {
        output::error(format!("conflict: {}", finding.message));
    }
    for place in &merged.comment_conflicts {
        output::error(format!(
            "conflict: {place} was changed on both sides; both are kept between `# <<<<<<< ours` and `# >>>>>>> theirs` lines"
        ));
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let n = merged.new_conflicts.len();
    if n > 0 {
        output::error(format!(
            "whoowns merge: {n} conflict{} kept ours and recorded in the file: resolve on the board or edit the [[conflict]] tables",
            plural(n)
        ));
    }
    let c = merged.comment_conflicts.len();
    if c > 0 {
        output::error(format!(
            "whoowns merge: {c} comment{} changed on both sides: edit the file to keep one",
            plural(c)
        ));
    }
    EXIT_FINDINGS
}

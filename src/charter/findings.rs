//! The `## Open findings` section: every finding of the analysis as a table row, in the
//! analysis' order (worst first, then by the item concerned).

use crate::analysis::Finding;
use crate::workspace::{Responsibility, Severity};

use super::escape::push_inline;
use super::{Ctx, Doc, count};

/// About how many bytes a row takes, to size the text of each severity.
const ROW_BYTES: usize = 160;

/// The section; `walked` are the rows about responsibilities by severity when the pass over
/// the responsibilities wrote them (see [`in_walk`]), `distinct_ids` whether no two
/// responsibilities share an id.
pub(super) fn section(ctx: &Ctx, doc: &mut Doc, walked: Option<[String; 3]>, distinct_ids: bool) {
    let analysis = ctx.analysis;
    doc.heading(2, "Open findings");
    if analysis.findings.is_empty() {
        doc.block("No open conflicts: the analysis found nothing left to resolve.");
        return;
    }
    let summary = analysis.summary();
    doc.block(format!(
        "A charter never hides an unresolved conflict. Still open: {}, {}, {}.",
        count(summary.errors, "error", "errors"),
        count(summary.warnings, "warning", "warnings"),
        count(summary.info, "info", "info"),
    ));
    let out = doc.open();
    out.push_str("| Severity | Rule | Concerns | Finding |\n| --- | --- | --- | --- |");
    let positions = analysis.responsibility_positions();
    if let Some(mut texts) = walked {
        // Within a severity, the department-wide findings come after those about
        // responsibilities.
        for (f, position) in analysis.findings.iter().zip(positions) {
            if position.is_none() {
                row(ctx, &mut texts[rank(f.severity)], f, None);
            }
        }
        for text in texts {
            out.push_str(&text);
        }
        return;
    }
    let aligned = positions.len() == analysis.findings.len() && distinct_ids;
    for (f, position) in analysis
        .findings
        .iter()
        .zip(positions.chain(std::iter::repeat(None)))
    {
        let at = position
            .filter(|_| aligned)
            .and_then(|p| ctx.ws.responsibilities.get(p));
        row(ctx, out, f, at);
    }
}

/// The `## Accepted on purpose` section: each waived finding with the reason and date, and
/// each waiver that no longer applies. Nothing without waivers.
pub(super) fn accepted(ctx: &Ctx, doc: &mut Doc) {
    if ctx.ws.waivers.is_empty() {
        return;
    }
    doc.heading(2, "Accepted on purpose");
    doc.block("Findings the room knows about and accepts, for the reason given.");
    let out = doc.open();
    let mut first = true;
    for f in &ctx.analysis.findings {
        let Some(waived) = &f.waived else {
            continue;
        };
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str("- ");
        out.push_str(f.rule.as_str());
        out.push_str(": ");
        push_inline(out, &f.message);
        out.push_str(" **Accepted** on ");
        push_inline(out, &waived.date);
        out.push_str(": ");
        push_inline(out, &waived.reason);
    }
    for &i in ctx.analysis.stale_waivers() {
        let w = &ctx.ws.waivers[i];
        if !first {
            out.push('\n');
        }
        first = false;
        out.push_str("- ");
        push_inline(out, &w.rule);
        out.push_str(" (no longer occurs; the waiver can go): ");
        push_inline(out, &w.reason);
    }
}

/// Whether the pass over the responsibilities can write the rows about them (into
/// [`texts`]): when the analysis is the workspace's, so that its findings about
/// responsibilities come in file order within a severity, before the department-wide ones.
pub(super) fn in_walk(ctx: &Ctx) -> bool {
    let count = ctx.ws.responsibilities.len();
    let mut positions = ctx.analysis.responsibility_positions();
    positions.len() == ctx.analysis.findings.len()
        && ctx.tally.is_some()
        && positions.all(|p| p.is_none_or(|p| p < count))
}

/// Empty texts for the rows of each severity, worst first.
pub(super) fn texts(ctx: &Ctx) -> [String; 3] {
    let summary = ctx.analysis.summary();
    [summary.errors, summary.warnings, summary.info].map(|n| String::with_capacity(n * ROW_BYTES))
}

/// The place of `severity` in [`Severity::WORST_FIRST`].
pub(super) fn rank(severity: Severity) -> usize {
    Severity::WORST_FIRST
        .iter()
        .position(|&s| s == severity)
        .unwrap_or(0)
}

/// One row, on a line of its own; `at` is the responsibility the analysis says the finding is
/// about, when that can be trusted to be the one its id names.
pub(super) fn row(ctx: &Ctx, out: &mut String, f: &Finding, at: Option<&Responsibility>) {
    // Accepted on purpose: listed in its own section, with the reason.
    if f.waived.is_some() {
        return;
    }
    out.push_str("\n| ");
    out.push_str(f.severity.as_str());
    out.push_str(" | ");
    out.push_str(f.rule.as_str());
    out.push_str(" | ");
    ctx.push_concerns(out, f, at);
    out.push_str(" | ");
    push_inline(out, &f.message);
    out.push_str(" |");
}

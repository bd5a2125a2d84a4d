//! The subsection of a responsibility, saying who does, decides, answers,
//! is consulted and informed, how disagreements are settled, who funds it and what is still open.

use std::ops::Range;

use crate::workspace::{Claim, ClaimStatus, Decision, Meaning, Responsibility};

use super::escape::{push_block, push_inline};
use super::{Ctx, Doc, push_label};

/// The `###` subsection of the responsibility at `index`, about which `decisions` were taken;
/// returns where its escaped label is in the document's text.
pub(super) fn subsection(
    ctx: &Ctx,
    doc: &mut Doc,
    index: usize,
    decisions: &[&Decision],
) -> Range<usize> {
    let r = &ctx.ws.responsibilities[index];
    let out = doc.heading_start(3);
    let start = out.len();
    push_label(out, &r.name, &r.id);
    let label = start..out.len();
    if let Some(description) = r.description.as_deref() {
        doc.escaped_block(description);
    }
    facts(ctx, doc.open(), index, r);
    claims(ctx, doc, r);
    if let Some(notes) = r.notes.as_deref() {
        labelled(doc, "Notes", notes);
    }
    decided(ctx, doc, decisions);
    findings(ctx, doc, index);
    label
}

/// A bold label and the escaped block of `text` (see [`escape_block`]), when that says anything.
///
/// [`escape_block`]: super::escape::escape_block
fn labelled(doc: &mut Doc, name: &str, text: &str) {
    let before = doc.text.len();
    let out = doc.open();
    out.push_str("**");
    out.push_str(name);
    out.push_str(":**");
    let out = doc.open();
    let start = out.len();
    push_block(out, text);
    if out.len() == start {
        out.truncate(before);
    }
}

/// Roles, tie-breaker and budget, one list item each, appended to `out`.
fn facts(ctx: &Ctx, out: &mut String, index: usize, r: &Responsibility) {
    // The tally holds each role's departments by position, roles in order: a list it holds
    // whole is written from it, without looking its ids up.
    let mut held = ctx.tally.map_or(&[][..], |tally| tally.entries(index));
    let model = &ctx.ws.model;
    for (n, role) in model.roles().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- **");
        out.push_str(model.label(role));
        out.push_str("** (");
        out.push_str(model.meaning(role));
        out.push_str("): ");
        let ids = r.role(role);
        let run = held
            .iter()
            .take_while(|&&(_, bit)| usize::from(bit) == n)
            .count();
        let positions;
        (positions, held) = held.split_at(run);
        if run == ids.len() && !ids.is_empty() {
            for (k, &(position, _)) in positions.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(&ctx.department_labels[position as usize]);
            }
        } else {
            ctx.push_departments(out, ids);
        }
    }
    out.push_str("\n- **Disagreements settled by:** ");
    settling(ctx, out, r);
    out.push_str("\n- **Budget:** ");
    budget(ctx, out, r);
    if let Some(note) = r.parked.as_deref() {
        out.push_str("\n- **Parked for later");
        let start = out.len();
        out.push_str(":** ");
        let escaped = out.len();
        push_inline(out, note);
        if out.len() == escaped {
            out.truncate(start);
            out.push_str("**");
        }
    }
}

/// How co-owners settle a disagreement: the tie-breaker, the only accountable department, or an
/// explicit "not agreed yet".
fn settling(ctx: &Ctx, out: &mut String, r: &Responsibility) {
    if let Some(tie_breaker) = r.tie_breaker_text() {
        let start = out.len();
        push_inline(out, tie_breaker);
        if out.len() > start {
            return;
        }
    }
    let model = &ctx.ws.model;
    match r.holders(model, Meaning::Decides).as_slice() {
        [only] => {
            ctx.push_department(out, only);
            if model.is_raci() {
                out.push_str(" decides (the only accountable department)");
            } else {
                out.push_str(" decides (the only department that decides)");
            }
        }
        _ => out.push_str("_Not agreed yet_"),
    }
}

/// The budget, the funded sum against it, and who funds how much.
fn budget(ctx: &Ctx, out: &mut String, r: &Responsibility) {
    let funders = |out: &mut String| {
        for (n, (id, &amount)) in r.funding.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            ctx.push_department(out, id);
            out.push_str(" (");
            ctx.push_money(out, amount);
            out.push(')');
        }
    };
    match (r.budget, r.funding.is_empty()) {
        (Some(budget), true) => {
            ctx.push_money(out, budget);
            out.push_str(", nothing funded yet");
        }
        (Some(budget), false) => {
            ctx.push_money(out, budget);
            out.push_str(", funded ");
            ctx.push_money(out, r.funded());
            out.push_str(" of ");
            ctx.push_money(out, budget);
            out.push_str(" by ");
            funders(out);
        }
        (None, true) => out.push_str("none set"),
        (None, false) => {
            out.push_str("none set, funded ");
            ctx.push_money(out, r.funded());
            out.push_str(" by ");
            funders(out);
        }
    }
}

fn claims(ctx: &Ctx, doc: &mut Doc, r: &Responsibility) {
    if r.claims.is_empty() {
        return;
    }
    doc.block("**Claims:**");
    let out = doc.open();
    for (n, (id, claim)) in r.claims.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- ");
        ctx.push_department(out, id);
        push_claim(ctx, out, claim);
    }
}

/// A claim after whose it is (a department, or a responsibility in a department's part): the
/// role asked for, the reason, who raised it, and the outcome.
pub(super) fn push_claim(ctx: &Ctx, out: &mut String, claim: &Claim) {
    if let Some(role) = claim.role_label(&ctx.ws.model) {
        out.push_str(" as ");
        push_inline(out, role);
    }
    let start = out.len();
    out.push_str(": ");
    let reason = out.len();
    push_inline(out, &claim.reason);
    if out.len() == reason {
        out.truncate(start);
    }
    if let Some(by) = &claim.raised_by {
        out.push_str(" (raised by ");
        push_inline(out, by);
        out.push(')');
    }
    out.push_str(match claim.status {
        ClaimStatus::Open => " — open",
        ClaimStatus::Accepted => " — **accepted**",
        ClaimStatus::Declined => " — **declined**",
    });
    if let Some(date) = &claim.date {
        out.push_str(" on ");
        push_inline(out, date);
    }
    if let Some(answer) = claim.answer.as_deref().filter(|a| !a.trim().is_empty()) {
        out.push_str(": ");
        push_inline(out, answer);
    }
}

/// The decisions about the responsibility, told once in the decision log: here only when they
/// were taken, with a link to the log.
fn decided(ctx: &Ctx, doc: &mut Doc, decisions: &[&Decision]) {
    if decisions.is_empty() {
        return;
    }
    let out = doc.open();
    out.push_str(if decisions.len() == 1 {
        "**Decision:** taken on "
    } else {
        "**Decisions:** taken on "
    });
    for (n, d) in decisions.iter().enumerate() {
        if n > 0 {
            out.push_str(if n + 1 == decisions.len() {
                " and "
            } else {
                ", "
            });
        }
        push_inline(out, &d.date);
    }
    out.push_str(", told in the [decision log](");
    out.push_str(&ctx.log_link);
    out.push_str(").");
}

fn findings(ctx: &Ctx, doc: &mut Doc, index: usize) {
    let all = ctx.findings_about(index);
    let waived = |&&f: &&u32| ctx.analysis.findings[f as usize].waived.is_some();
    let findings: Vec<u32> = if all.iter().any(|f| waived(&f)) {
        all.iter().filter(|f| !waived(f)).copied().collect()
    } else {
        all.to_vec()
    };
    if findings.is_empty() {
        doc.block("**Open findings:** none.");
        return;
    }
    doc.block("**Open findings:**");
    let out = doc.open();
    for (n, &f) in findings.iter().enumerate() {
        let f = &ctx.analysis.findings[f as usize];
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- ");
        out.push_str(f.severity.as_str());
        out.push_str(" (");
        out.push_str(f.rule.as_str());
        out.push_str("): ");
        push_inline(out, &f.message);
    }
}

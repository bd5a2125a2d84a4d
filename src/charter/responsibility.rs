//! The per-area sections: one subsection per responsibility, saying who does, decides, answers,
//! is consulted and informed, how disagreements are settled, who funds it and what is still open.

use rustc_hash::FxHashMap;

use crate::workspace::{ClaimStatus, Responsibility, Role, Workspace};

use super::escape::{escape_block, escape_inline, push_inline};
use super::{Ctx, Doc, push_label};

/// Responsibilities grouped by area, areas in order of first appearance; the group without an
/// area (`None`) comes last.
pub(super) fn groups(ws: &Workspace) -> Vec<(Option<&str>, Vec<usize>)> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut positions: FxHashMap<&str, usize> = FxHashMap::default();
    let mut others = Vec::new();
    for (index, r) in ws.responsibilities.iter().enumerate() {
        let Some(area) = r.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
            others.push(index);
            continue;
        };
        let position = *positions.entry(area).or_insert_with(|| {
            groups.push((Some(area), Vec::new()));
            groups.len() - 1
        });
        groups[position].1.push(index);
    }
    if !others.is_empty() {
        groups.push((None, others));
    }
    groups
}

/// Responsibility positions in the order the charter lists them.
pub(super) fn order(ws: &Workspace) -> Vec<usize> {
    groups(ws)
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect()
}

/// One `##` section per area, then the responsibilities without one.
pub(super) fn sections(ctx: &Ctx, doc: &mut Doc) {
    let groups = groups(ctx.ws);
    let any_area = groups.iter().any(|(area, _)| area.is_some());
    if groups.is_empty() {
        doc.heading(2, "Responsibilities");
        doc.block("No responsibilities mapped yet.");
    }
    for (area, members) in groups {
        match area {
            Some(area) => doc.heading(2, &format!("Area: {}", escape_inline(area))),
            None if any_area => doc.heading(2, "Other responsibilities"),
            None => doc.heading(2, "Responsibilities"),
        }
        for index in members {
            subsection(ctx, doc, index);
        }
    }
}

fn subsection(ctx: &Ctx, doc: &mut Doc, index: usize) {
    let r = &ctx.ws.responsibilities[index];
    push_label(doc.heading_start(3), &r.name, &r.id);
    if let Some(description) = r.description.as_deref() {
        doc.escaped_block(description);
    }
    facts(ctx, doc.open(), r);
    claims(ctx, doc, r);
    if let Some(notes) = r.notes.as_deref().map(escape_block) {
        labelled(doc, "Notes", notes);
    }
    decisions(ctx, doc, r);
    findings(ctx, doc, index);
}

/// A bold label and its block, when the block says anything.
fn labelled(doc: &mut Doc, name: &str, block: String) {
    if !block.is_empty() {
        doc.block(format!("**{name}:**"));
        doc.block(block);
    }
}

/// Roles, tie-breaker and budget, one list item each, appended to `out`.
fn facts(ctx: &Ctx, out: &mut String, r: &Responsibility) {
    for (n, role) in Role::ALL.into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- **");
        out.push_str(role.label());
        out.push_str("** (");
        out.push_str(role.meaning());
        out.push_str("): ");
        ctx.push_departments(out, r.role(role));
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
    match r.accountable.as_slice() {
        [only] => {
            ctx.push_department(out, only);
            out.push_str(" decides (the only accountable department)");
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
        let start = out.len();
        out.push_str(": ");
        let reason = out.len();
        push_inline(out, &claim.reason);
        if out.len() == reason {
            out.truncate(start);
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
}

fn decisions(ctx: &Ctx, doc: &mut Doc, r: &Responsibility) {
    let decisions = ctx.decisions_about(&r.id);
    if decisions.is_empty() {
        return;
    }
    doc.block("**Decisions:**");
    let out = doc.open();
    for (n, d) in decisions.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str("- ");
        push_inline(out, &d.date);
        out.push_str(": ");
        push_inline(out, &d.text);
    }
}

fn findings(ctx: &Ctx, doc: &mut Doc, index: usize) {
    let mut findings = ctx.analysis.for_responsibility(index).peekable();
    if findings.peek().is_none() {
        doc.block("**Open findings:** none.");
        return;
    }
    doc.block("**Open findings:**");
    let out = doc.open();
    for (n, f) in findings.enumerate() {
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

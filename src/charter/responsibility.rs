//! The per-area sections: one subsection per responsibility, saying who does, decides, answers,
//! is consulted and informed, how disagreements are settled, who funds it and what is still open.

use crate::workspace::{ClaimStatus, Responsibility, Role, Workspace};

use super::escape::{escape_block, escape_inline};
use super::{Ctx, Doc, label};

/// Responsibilities grouped by area, areas in order of first appearance; the group without an
/// area (`None`) comes last.
pub(super) fn groups(ws: &Workspace) -> Vec<(Option<&str>, Vec<usize>)> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    let mut others = Vec::new();
    for (index, r) in ws.responsibilities.iter().enumerate() {
        let Some(area) = r.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
            others.push(index);
            continue;
        };
        match groups.iter_mut().find(|(a, _)| *a == Some(area)) {
            Some((_, members)) => members.push(index),
            None => groups.push((Some(area), vec![index])),
        }
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
    doc.heading(3, &label(&r.name, &r.id));
    if let Some(description) = r.description.as_deref() {
        doc.block(escape_block(description));
    }
    doc.list(facts(ctx, r));
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

/// Roles, tie-breaker and budget, one list item each.
fn facts(ctx: &Ctx, r: &Responsibility) -> Vec<String> {
    let mut facts: Vec<String> = Role::ALL
        .into_iter()
        .map(|role| {
            let who = ctx.departments_of(r.role(role));
            format!("**{}** ({}): {who}", role.label(), role.meaning())
        })
        .collect();
    facts.push(format!(
        "**Disagreements settled by:** {}",
        settling(ctx, r)
    ));
    facts.push(format!("**Budget:** {}", budget(ctx, r)));
    if let Some(note) = r.parked.as_deref() {
        facts.push(match escape_inline(note) {
            note if note.is_empty() => "**Parked for later**".to_owned(),
            note => format!("**Parked for later:** {note}"),
        });
    }
    facts
}

/// How co-owners settle a disagreement: the tie-breaker, the only accountable department, or an
/// explicit "not agreed yet".
fn settling(ctx: &Ctx, r: &Responsibility) -> String {
    if let Some(tie_breaker) = r.tie_breaker_text().map(escape_inline)
        && !tie_breaker.is_empty()
    {
        return tie_breaker;
    }
    match r.accountable.as_slice() {
        [only] => format!(
            "{} decides (the only accountable department)",
            ctx.department(only)
        ),
        _ => "_Not agreed yet_".into(),
    }
}

/// The budget, the funded sum against it, and who funds how much.
fn budget(ctx: &Ctx, r: &Responsibility) -> String {
    let funders: Vec<String> = r
        .funding
        .iter()
        .map(|(id, &amount)| format!("{} ({})", ctx.department(id), ctx.money(amount)))
        .collect();
    let funders = funders.join(", ");
    let funded = ctx.money(r.funded());
    match (r.budget, funders.is_empty()) {
        (Some(budget), true) => format!("{}, nothing funded yet", ctx.money(budget)),
        (Some(budget), false) => {
            let budget = ctx.money(budget);
            format!("{budget}, funded {funded} of {budget} by {funders}")
        }
        (None, true) => "none set".into(),
        (None, false) => format!("none set, funded {funded} by {funders}"),
    }
}

fn claims(ctx: &Ctx, doc: &mut Doc, r: &Responsibility) {
    if r.claims.is_empty() {
        return;
    }
    doc.block("**Claims:**");
    doc.list(r.claims.iter().map(|(id, claim)| {
        let who = ctx.department(id);
        let mut line = match escape_inline(&claim.reason) {
            reason if reason.is_empty() => who,
            reason => format!("{who}: {reason}"),
        };
        let outcome = match claim.status {
            ClaimStatus::Open => " — open",
            ClaimStatus::Accepted => " — **accepted**",
            ClaimStatus::Declined => " — **declined**",
        };
        line.push_str(outcome);
        if let Some(date) = &claim.date {
            line.push_str(&format!(" on {}", escape_inline(date)));
        }
        if let Some(answer) = claim.answer.as_deref().filter(|a| !a.trim().is_empty()) {
            line.push_str(&format!(": {}", escape_inline(answer)));
        }
        line
    }));
}

fn decisions(ctx: &Ctx, doc: &mut Doc, r: &Responsibility) {
    let decisions: Vec<String> = ctx
        .decisions_about(&r.id)
        .iter()
        .map(|d| format!("{}: {}", escape_inline(&d.date), escape_inline(&d.text)))
        .collect();
    if !decisions.is_empty() {
        doc.block("**Decisions:**");
        doc.list(decisions);
    }
}

fn findings(ctx: &Ctx, doc: &mut Doc, index: usize) {
    let findings: Vec<String> = ctx
        .analysis
        .for_responsibility(index)
        .map(|f| format!("{} ({}): {}", f.severity, f.rule, escape_inline(&f.message)))
        .collect();
    if findings.is_empty() {
        doc.block("**Open findings:** none.");
    } else {
        doc.block("**Open findings:**");
        doc.list(findings);
    }
}

//! The sentences shared by the text and Markdown forms: sections of lines made of our own words
//! and workspace text, kept apart so the Markdown form can escape only the latter.

use super::{
    Change, DecisionChange, DepartmentChange, DepartmentField, Diff, FindingChange, Presence,
    ResponsibilityChange,
};
use crate::workspace::{Amount, ClaimStatus, RoleModel, Workspace, format_money};

/// A piece of a line.
pub(super) enum Seg {
    /// Our own words: never needs escaping.
    Lit(String),
    /// Text from a workspace: escaped in Markdown.
    Ws(String),
}

/// One line of a section: an optional mark (`+`, `-`, `~`, `✓`, `!`) and the sentence.
pub(super) struct Line {
    pub mark: Option<&'static str>,
    pub segs: Vec<Seg>,
}

/// A titled group of lines: the workspace, departments, one responsibility, decisions...
pub(super) struct Section {
    pub title: Vec<Seg>,
    pub lines: Vec<Line>,
}

fn lit(s: impl Into<String>) -> Seg {
    Seg::Lit(s.into())
}

fn ws(s: impl Into<String>) -> Seg {
    Seg::Ws(s.into())
}

/// "claim by IT", or "claim by IT to be Accountable" for a claim on a role.
fn claim_by(department: &super::ItemRef, role: Option<&str>) -> Vec<Seg> {
    let mut segs = vec![lit("claim by "), ws(department.name.clone())];
    if let Some(role) = role {
        segs.extend([lit(" to be "), ws(role)]);
    }
    segs
}

fn line(mark: &'static str, segs: Vec<Seg>) -> Line {
    Line {
        mark: Some(mark),
        segs,
    }
}

/// Formats amounts as people read them: digits grouped by three, then the workspace's currency
/// (`12,000 EUR`).
struct Money(Option<String>);

/// An amount's digits grouped by three (`12,000`, `1,234.5`).
fn grouped(amount: Amount) -> String {
    format_money(amount, None)
}

impl Money {
    fn segs(&self, amount: Amount) -> Vec<Seg> {
        let mut out = vec![lit(grouped(amount))];
        if let Some(c) = &self.0 {
            out.extend([lit(" "), ws(c.clone())]);
        }
        out
    }

    fn change(&self, before: Option<Amount>, after: Option<Amount>) -> Vec<Seg> {
        let mut out = vec![lit(before.map_or("none".into(), grouped))];
        out.push(lit(" → "));
        match after {
            Some(a) => out.extend(self.segs(a)),
            None => out.push(lit("none")),
        }
        out
    }
}

/// The sections of a non-empty diff, in reading order.
pub(super) fn sections(diff: &Diff, before: &Workspace, after: &Workspace) -> Vec<Section> {
    let money = Money(
        after
            .info
            .currency
            .clone()
            .or_else(|| before.info.currency.clone()),
    );
    let mut out = Vec::new();
    if !diff.info.is_empty() {
        let lines = diff
            .info
            .iter()
            .map(|c| {
                let mut segs = vec![lit(format!("{}: ", c.field))];
                segs.extend(optional_change(c.before.as_deref(), c.after.as_deref()));
                line("~", segs)
            })
            .collect();
        out.push(Section {
            title: vec![lit("Workspace")],
            lines,
        });
    }
    if !diff.departments.is_empty() {
        out.push(Section {
            title: vec![lit("Departments")],
            lines: diff.departments.iter().flat_map(department_lines).collect(),
        });
    }
    for r in &diff.responsibilities {
        out.push(responsibility_section(
            r,
            &money,
            [&before.model, &after.model],
        ));
    }
    if !diff.decisions_added.is_empty() || !diff.decisions_removed.is_empty() {
        let added = diff.decisions_added.iter().map(|d| decision_line("+", d));
        let removed = diff.decisions_removed.iter().map(|d| decision_line("-", d));
        out.push(Section {
            title: vec![lit("Decisions")],
            lines: added.chain(removed).collect(),
        });
    }
    if !diff.findings_resolved.is_empty() || !diff.findings_introduced.is_empty() {
        out.push(Section {
            title: vec![lit("Other findings")],
            lines: finding_lines(&diff.findings_resolved, &diff.findings_introduced),
        });
    }
    out
}

/// `before → after`, `(none)` standing for a missing value.
fn optional_change(before: Option<&str>, after: Option<&str>) -> Vec<Seg> {
    let side = |v: Option<&str>| v.map_or(lit("(none)"), ws);
    vec![side(before), lit(" → "), side(after)]
}

fn department_lines(c: &DepartmentChange) -> Vec<Line> {
    let name = || ws(c.department.name.clone());
    let mut out = Vec::new();
    match c.presence {
        Presence::Added => out.push(line("+", vec![name(), lit(" (added)")])),
        Presence::Removed => out.push(line("-", vec![name(), lit(" (removed)")])),
        Presence::Changed => {}
    }
    for field in &c.changes {
        out.push(match field {
            DepartmentField::Renamed { before, .. } => {
                line("~", vec![ws(before.clone()), lit(" renamed to "), name()])
            }
            DepartmentField::Lead { before, after } => {
                let mut segs = vec![name(), lit(": lead ")];
                segs.extend(optional_change(before.as_deref(), after.as_deref()));
                line("~", segs)
            }
            DepartmentField::Signed {
                by,
                date,
                stale,
                open,
            } => {
                let mut segs = vec![name(), lit(" signed by "), ws(by.clone())];
                segs.extend([lit(" on "), ws(date.clone())]);
                if let Some(open) = open {
                    segs.extend([lit(" with "), ws(open.clone()), lit(" open")]);
                }
                if *stale {
                    segs.push(lit(" (already stale: signed before the last change)"));
                }
                line("✓", segs)
            }
            DepartmentField::Unsigned { by, date } => line(
                "-",
                vec![
                    name(),
                    lit(": signature by "),
                    ws(by.clone()),
                    lit(" ("),
                    ws(date.clone()),
                    lit(") removed"),
                ],
            ),
            DepartmentField::NowStale { by, date } => line(
                "!",
                vec![
                    name(),
                    lit(": signature by "),
                    ws(by.clone()),
                    lit(" ("),
                    ws(date.clone()),
                    lit(") is now stale: signed before the last change"),
                ],
            ),
        });
    }
    out
}

fn responsibility_section(
    r: &ResponsibilityChange,
    money: &Money,
    models: [&RoleModel; 2],
) -> Section {
    let mut title = vec![ws(r.responsibility.name.clone())];
    match r.presence {
        Presence::Added => title.push(lit(" (added)")),
        Presence::Removed => title.push(lit(" (removed)")),
        Presence::Changed => {}
    }
    let mut lines: Vec<Line> = r
        .changes
        .iter()
        .map(|c| change_line(c, money, models))
        .collect();
    lines.extend(finding_lines(&r.findings_resolved, &r.findings_introduced));
    Section { title, lines }
}

/// One change's line; `models` are BEFORE's and AFTER's (a role lost is BEFORE's, one gained
/// AFTER's).
fn change_line(change: &Change, money: &Money, [before, after]: [&RoleModel; 2]) -> Line {
    match change {
        Change::RoleGained { department, role } => line(
            "+",
            vec![
                ws(department.name.clone()),
                lit(format!(": {}", after.label(*role))),
            ],
        ),
        Change::RoleLost { department, role } => line(
            "-",
            vec![
                ws(department.name.clone()),
                lit(format!(": {}", before.label(*role))),
            ],
        ),
        Change::Text {
            field,
            before,
            after,
        } => {
            let label = field.replace('_', "-");
            match (before, after) {
                (None, Some(a)) => line("+", vec![lit(format!("{label}: ")), ws(a.clone())]),
                (Some(b), None) => line("-", vec![lit(format!("{label}: ")), ws(b.clone())]),
                (b, a) => {
                    let mut segs = vec![lit(format!("{label}: "))];
                    segs.extend(optional_change(b.as_deref(), a.as_deref()));
                    line("~", segs)
                }
            }
        }
        Change::Budget { before, after } => match (before, after) {
            (None, Some(a)) => line("+", prefixed("budget ", money.segs(*a))),
            (Some(b), None) => line("-", prefixed("budget ", money.segs(*b))),
            (b, a) => line("~", prefixed("budget ", money.change(*b, *a))),
        },
        Change::Funding {
            department,
            before,
            after,
        } => {
            let mut segs = vec![lit("funding by "), ws(department.name.clone()), lit(": ")];
            match (before, after) {
                (None, Some(a)) => {
                    segs.extend(money.segs(*a));
                    line("+", segs)
                }
                (Some(b), None) => {
                    segs.extend(money.segs(*b));
                    line("-", segs)
                }
                (b, a) => {
                    segs.extend(money.change(*b, *a));
                    line("~", segs)
                }
            }
        }
        Change::ClaimAdded {
            department,
            role,
            reason,
            status,
            answer,
        } => {
            let mut segs = claim_by(department, role.as_deref());
            segs.push(lit(": "));
            segs.push(ws(reason.clone()));
            if *status != ClaimStatus::Open {
                segs.push(lit(format!(" ({status}")));
                if let Some(a) = answer {
                    segs.extend([lit(": "), ws(a.clone())]);
                }
                segs.push(lit(")"));
            }
            line("+", segs)
        }
        Change::ClaimWithdrawn {
            department,
            role,
            reason,
        } => {
            let mut segs = claim_by(department, role.as_deref());
            segs.extend([lit(" withdrawn: "), ws(reason.clone())]);
            line("-", segs)
        }
        Change::ClaimSettled {
            department,
            role,
            status,
            answer,
            ..
        } => {
            let mut segs = claim_by(department, role.as_deref());
            segs.push(lit(format!(" {status}")));
            if let Some(a) = answer.as_deref().filter(|a| !a.trim().is_empty()) {
                segs.extend([lit(": "), ws(a)]);
            }
            line("✓", segs)
        }
        Change::ClaimReopened {
            department,
            role,
            reason,
        } => {
            let mut segs = claim_by(department, role.as_deref());
            segs.extend([lit(" reopened: "), ws(reason.clone())]);
            line("~", segs)
        }
        Change::ClaimEdited {
            department,
            role,
            status,
            reason,
            answer,
        } => {
            let mut segs = claim_by(department, role.as_deref());
            segs.extend([lit(format!(" edited ({status}): ")), ws(reason.clone())]);
            if let Some(a) = answer {
                segs.extend([lit("; answer: "), ws(a.clone())]);
            }
            line("~", segs)
        }
        Change::Parked { note } => line("+", with_note("parked", note)),
        Change::Unparked { note } => line("-", with_note("no longer parked", note)),
        Change::ParkNote { before, after } => {
            let mut segs = vec![lit("parking note: ")];
            segs.extend(optional_change(non_blank(before), non_blank(after)));
            line("~", segs)
        }
    }
}

fn prefixed(prefix: &str, rest: Vec<Seg>) -> Vec<Seg> {
    let mut out = vec![lit(prefix)];
    out.extend(rest);
    out
}

fn with_note(words: &str, note: &str) -> Vec<Seg> {
    if note.trim().is_empty() {
        vec![lit(words)]
    } else {
        vec![lit(format!("{words}: ")), ws(note)]
    }
}

fn decision_line(mark: &'static str, d: &DecisionChange) -> Line {
    let mut segs = vec![ws(d.date.clone())];
    if let Some(r) = &d.responsibility {
        segs.extend([lit(" ("), ws(r.name.clone()), lit(")")]);
    }
    segs.extend([lit(": "), ws(d.text.clone())]);
    line(mark, segs)
}

fn finding_lines(resolved: &[FindingChange], introduced: &[FindingChange]) -> Vec<Line> {
    let one = |word: &str, f: &FindingChange| {
        let mut segs = vec![
            lit(format!("{word} {}: ", f.rule.as_str())),
            ws(f.message.clone()),
        ];
        if let Some(reason) = &f.waived {
            segs.extend([lit(" (accepted on purpose: "), ws(reason.clone()), lit(")")]);
        }
        Line { mark: None, segs }
    };
    resolved
        .iter()
        .map(|f| one("resolved", f))
        .chain(introduced.iter().map(|f| one("introduced", f)))
        .collect()
}

fn non_blank(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.trim().is_empty())
}

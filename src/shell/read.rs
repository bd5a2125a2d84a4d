//! The commands that only read: summary, findings, the agenda, show, department, list and
//! changes.

use super::speech::{count, departments, fact_and_advice, sentence, severities};
use super::{Answer, Args, Shell, lookup};
use crate::agenda::{Agenda, Step};
use crate::analysis::{Finding, RuleId};
use crate::signoff::SignState;
use crate::workspace::{Meaning, Workspace, format_money};

impl Shell {
    pub(super) fn summary(&self) -> Vec<String> {
        let ws = self.session.workspace();
        let analysis = self.session.analysis();
        let summary = analysis.summary();
        let mut lines = vec![
            format!(
                "{}: {}, {}.",
                ws.info.name,
                count(ws.responsibilities.len(), "item", "items"),
                count(ws.departments.len(), "department", "departments")
            ),
            format!("Open findings: {}.", severities(&summary)),
        ];
        if summary.waived > 0 {
            lines.push(format!("Accepted on purpose: {}.", summary.waived));
        }
        let parked = ws.responsibilities.iter().filter(|r| r.is_parked()).count();
        if parked > 0 {
            lines.push(format!("Parked: {}.", count(parked, "item", "items")));
        }
        if self.walking {
            let standing = self.agenda.standing().describe().replace(" · ", ", ");
            lines.push(format!("Agenda: {standing}."));
        }
        let signed = (0..ws.departments.len())
            .filter(|&d| self.session.sign_state(d) == SignState::Current)
            .count();
        lines.push(format!(
            "Signed: {signed} of {}.",
            count(ws.departments.len(), "department", "departments")
        ));
        lines.push(if self.session.is_dirty() {
            format!("Unsaved changes: {}.", self.session.unsaved_steps())
        } else {
            "No unsaved changes.".to_owned()
        });
        lines.push(format!(
            "Roles: {} ({}).",
            lookup::model_name(ws),
            ws.model.keys().collect::<Vec<_>>().join(", ")
        ));
        lines
    }

    pub(super) fn findings(&self) -> Vec<String> {
        let analysis = self.session.analysis();
        let open: Vec<&Finding> = analysis
            .findings
            .iter()
            .filter(|f| f.waived.is_none())
            .collect();
        if open.is_empty() {
            return vec!["No open findings.".to_owned()];
        }
        let mut lines = vec![format!(
            "Open findings: {}.",
            severities(&analysis.summary())
        )];
        lines.extend(
            open.iter()
                .enumerate()
                .map(|(n, f)| format!("{}. {}", n + 1, finding_line(f))),
        );
        lines
    }

    /// `next` and `previous`: one step of the agenda, as on the board.
    pub(super) fn step(&mut self, forward: bool) -> Vec<String> {
        if !self.walking {
            self.agenda = Agenda::new(
                self.session.workspace(),
                self.session.analysis(),
                self.session.undo_depth(),
            );
            self.walking = true;
        }
        match self.agenda.step(self.session.analysis(), forward) {
            Step::To(index) => {
                let finding = &self.session.analysis().findings[index];
                let standing = self.agenda.standing();
                agenda_step(self.session.workspace(), finding, standing)
            }
            Step::End => {
                let standing = self.agenda.standing();
                let mut lines = vec![sentence(&self.agenda.end_summary())];
                let open = standing.total - standing.settled;
                if open > 0 {
                    lines.push(format!("Still to settle: {open}; next starts over."));
                }
                lines
            }
            Step::Nothing => vec!["No findings: nothing to settle.".to_owned()],
        }
    }

    pub(super) fn show(&self, args: &Args<'_>) -> Answer {
        let ws = self.session.workspace();
        let index = lookup::item(ws, &args.text(1)?)?;
        let r = &ws.responsibilities[index];
        let mut lines = vec![match &r.area {
            Some(area) => format!("{}, in {area}, id {}.", r.name, r.id),
            None => format!("{}, id {}.", r.name, r.id),
        }];
        if let Some(description) = r.description.as_deref().filter(|d| !d.trim().is_empty()) {
            lines.push(sentence(description));
        }
        for role in ws.model.roles() {
            lines.push(format!(
                "{}: {}.",
                ws.model.label(role),
                departments(ws, r.role(role), "nobody")
            ));
        }
        if let Some(tie) = r.tie_breaker.as_deref() {
            lines.push(format!("Tie-breaker: {}", sentence(tie)));
        }
        let currency = ws.info.currency.as_deref();
        if let Some(budget) = r.budget {
            lines.push(format!("Budget: {}.", format_money(budget, currency)));
        }
        if !r.funding.is_empty() {
            let shares: Vec<String> = ws
                .departments
                .iter()
                .filter_map(|d| {
                    let amount = r.funding.get(&d.id)?;
                    Some(format!("{} {}", d.name, format_money(*amount, currency)))
                })
                .collect();
            lines.push(format!("Funded by: {}.", lookup::and_list(&shares)));
        }
        for (id, claim) in &r.claims {
            let who = ws.department_name(id);
            lines.push(match (claim.is_open(), claim.answer.as_deref()) {
                (true, _) => match claim
                    .role
                    .as_deref()
                    .map(|key| ws.model.by_key(key).map_or(key, |r| ws.model.label(r)))
                {
                    Some(role) => format!(
                        "Open claim by {who}, for {role}: {}",
                        sentence(&claim.reason)
                    ),
                    None => format!("Open claim by {who}: {}", sentence(&claim.reason)),
                },
                (false, Some(answer)) => format!("Settled claim by {who}: {}", sentence(answer)),
                (false, None) => format!("Settled claim by {who}."),
            });
        }
        if let Some(note) = &r.parked {
            lines.push(if note.trim().is_empty() {
                "Parked.".to_owned()
            } else {
                format!("Parked: {}", sentence(note))
            });
        }
        let findings: Vec<&Finding> = self
            .session
            .analysis()
            .for_responsibility(index)
            .filter(|f| f.waived.is_none())
            .collect();
        if findings.is_empty() {
            lines.push("No open findings.".to_owned());
        }
        for f in findings {
            lines.push(finding_line(f));
        }
        for decision in ws.decisions_about(&r.id) {
            lines.push(format!(
                "Decided on {}: {}",
                decision.date,
                sentence(&decision.text)
            ));
        }
        Ok(lines)
    }

    pub(super) fn department(&self, args: &Args<'_>) -> Answer {
        let ws = self.session.workspace();
        let index = lookup::department(ws, &args.text(1)?)?;
        let d = &ws.departments[index];
        let mut lines = vec![match d.lead.as_deref().filter(|l| !l.trim().is_empty()) {
            Some(lead) => format!("{}, led by {lead}, id {}.", d.name, d.id),
            None => format!("{}, id {}.", d.name, d.id),
        }];
        for role in ws.model.roles() {
            let items: Vec<String> = ws
                .responsibilities
                .iter()
                .filter(|r| r.has(role, &d.id))
                .map(|r| r.name.clone())
                .collect();
            if !items.is_empty() {
                // Item names hold "and" themselves: a semicolon between them is heard as a pause.
                lines.push(format!(
                    "{} for {}: {}.",
                    ws.model.label(role),
                    items.len(),
                    items.join("; ")
                ));
            }
        }
        if lines.len() == 1 {
            lines.push("Holds no role.".to_owned());
        }
        let claims: Vec<String> = ws
            .responsibilities
            .iter()
            .filter(|r| r.claims.of(&d.id).iter().any(|c| c.is_open()))
            .map(|r| r.name.clone())
            .collect();
        if !claims.is_empty() {
            lines.push(format!("Open claims on: {}.", claims.join("; ")));
        }
        lines.push(match (&d.signed, self.session.sign_state(index)) {
            (Some(s), state) => {
                format!("{}: by {} on {}.", capital(state.describe()), s.by, s.date)
            }
            (None, _) => "Not signed.".to_owned(),
        });
        for f in self
            .session
            .analysis()
            .for_department(&d.id)
            .filter(|f| f.waived.is_none())
        {
            lines.push(finding_line(f));
        }
        Ok(lines)
    }

    pub(super) fn list(&self, args: &Args<'_>) -> Answer {
        let ws = self.session.workspace();
        let area = match args.optional(1) {
            Some(_) => Some(lookup::area(ws, &args.text(1)?)?),
            None => None,
        };
        let analysis = self.session.analysis();
        let mut lines = Vec::new();
        // The items by area, areas in the order they first appear (items with none last).
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        let mut group_of: rustc_hash::FxHashMap<Option<&str>, usize> = Default::default();
        for (index, r) in ws.responsibilities.iter().enumerate() {
            let key = r.area.as_deref();
            if area.is_some() && key != area {
                continue;
            }
            let at = *group_of.entry(key).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[at].1.push(index);
        }
        groups.sort_by_key(|(key, _)| key.is_none());
        for (key, items) in &groups {
            if area.is_none() {
                lines.push(format!(
                    "Area {}, {}:",
                    key.unwrap_or("none"),
                    count(items.len(), "item", "items")
                ));
            }
            for &index in items {
                let r = &ws.responsibilities[index];
                let mut summary = crate::analysis::Summary::default();
                for f in analysis
                    .for_responsibility(index)
                    .filter(|f| f.waived.is_none())
                {
                    match f.severity {
                        crate::rules::Severity::Error => summary.errors += 1,
                        crate::rules::Severity::Warning => summary.warnings += 1,
                        crate::rules::Severity::Info => summary.info += 1,
                    }
                }
                let state = match severities(&summary).as_str() {
                    "nothing" => "settled".to_owned(),
                    open => open.to_owned(),
                };
                let parked = if r.is_parked() { ", parked" } else { "" };
                lines.push(format!("{}: {state}{parked}.", r.name));
            }
        }
        if lines.is_empty() {
            lines.push("No items yet; add ITEM NAME adds one.".to_owned());
        }
        Ok(lines)
    }

    pub(super) fn changes(&self) -> Vec<String> {
        let before = self.session.baseline();
        let after = self.session.workspace();
        let diff = crate::diff::diff(before, after);
        if diff.is_empty() {
            return vec!["No changes since the workspace was opened.".to_owned()];
        }
        let spoken = crate::diff::render_spoken(&diff, before, after);
        let mut lines = vec![format!(
            "Changes since the workspace was opened: {}.",
            spoken.len()
        )];
        lines.extend(spoken);
        lines
    }
}

/// One step of the agenda, heard: the finding's place and fact, then the command that fixes
/// it (the message's own advice only where there is no such command): short lines a listener
/// can move on from.
pub(super) fn agenda_step(
    ws: &Workspace,
    finding: &Finding,
    standing: crate::agenda::Standing,
) -> Vec<String> {
    let (fact, advice) = fact_and_advice(&finding.message);
    let mut lines = vec![format!(
        "Finding {} of {}, {}: {fact}",
        standing.position.unwrap_or(0),
        standing.total,
        finding.severity.as_str()
    )];
    match fix_hint(ws, finding) {
        Some(hint) => lines.push(hint),
        None => lines.extend(advice),
    }
    lines
}

/// "Error: Nobody is accountable for "Crisis response"." (the fact, without the advice).
fn finding_line(f: &Finding) -> String {
    format!(
        "{}: {}",
        capital(f.severity.as_str()),
        fact_and_advice(&f.message).0
    )
}

/// "Error" from "error".
fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The command that would settle `finding`, as a line to say after it.
fn fix_hint(ws: &Workspace, finding: &Finding) -> Option<String> {
    let item = finding
        .responsibility
        .as_deref()
        .and_then(|id| ws.responsibility(id))
        .map(|r| quote_word(&r.id));
    let department = finding.department.as_deref().map(quote_word);
    let model = &ws.model;
    let role = |meaning| model.first_with(meaning).map(|r| model.key(r).to_owned());
    let hint = match (finding.rule, item, department) {
        (RuleId::HotPotato, Some(i), _) => {
            format!("give {i} {} DEPT", model.key(model.answering()))
        }
        (RuleId::Undecided, Some(i), _) => format!("give {i} {} DEPT", role(Meaning::Decides)?),
        (RuleId::NoDoer, Some(i), _) => format!("give {i} {} DEPT", role(Meaning::Does)?),
        (RuleId::Silo, Some(i), _) => format!(
            "give {i} {} DEPT",
            role(Meaning::Consulted).or_else(|| role(Meaning::Informed))?
        ),
        (RuleId::Contested, Some(i), _) => format!("tiebreak {i} TEXT"),
        (RuleId::Underfunded | RuleId::SingleFunder, Some(i), _) => format!("fund {i} DEPT AMOUNT"),
        (RuleId::UnresolvedClaim, Some(i), Some(d)) => {
            format!("claim {i} {d} accept ROLE, or claim {i} {d} decline REASON")
        }
        (RuleId::DuplicateName, Some(i), _) => format!("rename {i} NAME"),
        (RuleId::Overload, None, Some(d)) => format!("department {d}, then move ITEM ROLE {d} TO"),
        _ => return None,
    };
    Some(format!("To fix: {hint}"))
}

/// An id as it is typed back: in quotes when it holds a space or a quote.
fn quote_word(id: &str) -> String {
    if id
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '\'')
        || id.is_empty()
    {
        format!("\"{}\"", id.replace('"', "'"))
    } else {
        id.to_owned()
    }
}

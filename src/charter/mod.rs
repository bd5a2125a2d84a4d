//! Charter export: the shared-ownership map as a GitHub-flavoured Markdown document to sign.
//!
//! [`render`] is pure and deterministic: the same workspace, analysis and options always give the
//! same bytes. All workspace text is escaped, so it can never inject HTML, links, code spans or
//! headings, nor break a table.

pub(crate) mod escape;
#[cfg(test)]
mod escape_tests;
mod matrix;
mod responsibility;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod workshop_tests;

use std::borrow::Cow;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::analysis::{Analysis, Finding};
use crate::signoff::{Parts, SignState};
use crate::workspace::{Amount, Decision, Department, Responsibility, Workspace};

use escape::{escape_block, escape_inline, is_plain, push_inline};

/// Options of a charter export.
#[derive(Debug, Clone, Default)]
pub struct CharterOptions {
    /// The charter's date, `YYYY-MM-DD`; `None` leaves the date line out.
    pub date: Option<String>,
    /// The changes agreed in the session, as Markdown (see [`crate::diff`]), shown in a section
    /// "Changes agreed in this session"; `None` leaves the section out.
    pub changes: Option<String>,
}

/// Renders the charter of `workspace` as GitHub-flavoured Markdown, ending in one newline.
///
/// Sections, in order: title and facts, how to read, departments, one section per area (then
/// other responsibilities), role matrix, open findings, parked items, decision log, changes
/// agreed in the session (when given), sign-off.
pub fn render(workspace: &Workspace, analysis: &Analysis, options: &CharterOptions) -> String {
    let ctx = Ctx::new(workspace, analysis);
    let mut doc = Doc::with_capacity(estimate(workspace, analysis));
    ctx.header(&mut doc, options);
    ctx.departments(&mut doc);
    responsibility::sections(&ctx, &mut doc);
    matrix::section(&ctx, &mut doc);
    ctx.findings(&mut doc);
    ctx.parked(&mut doc);
    ctx.decisions(&mut doc);
    if let Some(changes) = &options.changes {
        doc.heading(2, "Changes agreed in this session");
        doc.block(changes.trim_end());
    }
    ctx.sign_off(&mut doc);
    doc.finish()
}

const HOW_TO_READ: &str = "**How to read this charter:** for each responsibility, \
**Accountable** decides and answers for the outcome, **Responsible** does the work, \
**Consulted** is asked before a decision and **Informed** is told after it.";

/// About how long the charter of `ws` is, so its text is allocated once.
fn estimate(ws: &Workspace, analysis: &Analysis) -> usize {
    let matrix_tables = ws.departments.len().div_ceil(matrix::COLUMNS_PER_TABLE);
    4096 + ws.departments.len() * 200
        + ws.responsibilities.len() * (700 + matrix_tables * 80)
        + analysis.findings.len() * 200
}

/// The document being written: Markdown blocks, separated by one blank line, appended to one
/// string as they come (a large charter is never held twice).
#[derive(Default)]
struct Doc {
    text: String,
}

impl Doc {
    fn with_capacity(capacity: usize) -> Self {
        Doc {
            text: String::with_capacity(capacity),
        }
    }

    /// Starts a block and returns the text to write it into; the caller writes something
    /// (a block is never empty).
    fn open(&mut self) -> &mut String {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        &mut self.text
    }

    /// Adds a block; empty blocks are skipped.
    fn block(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if !text.is_empty() {
            self.open().push_str(text);
        }
    }

    /// A block of workspace text, escaped with [`escape_block`]; nothing when that is empty.
    fn escaped_block(&mut self, text: &str) {
        if !text.contains('\n') && is_plain(text) {
            self.open().push_str(text);
        } else {
            self.block(escape_block(text));
        }
    }

    fn heading(&mut self, level: usize, text: &str) {
        let out = self.heading_start(level);
        out.push_str(text);
    }

    /// Opens a heading block of `level` and returns the text to write its title into.
    fn heading_start(&mut self, level: usize) -> &mut String {
        let out = self.open();
        for _ in 0..level {
            out.push('#');
        }
        out.push(' ');
        out
    }

    /// A bullet list of already escaped items; nothing when there are none.
    fn list(&mut self, items: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = items.into_iter().map(|item| format!("- {item}")).collect();
        self.block(lines.join("\n"));
    }

    /// A table of already escaped cells; `centered` centres every column but the first.
    fn table(&mut self, header: &[String], rows: &[Vec<String>], centered: bool) {
        let delimiter: Vec<String> = (0..header.len())
            .map(|i| if centered && i > 0 { ":-:" } else { "---" }.to_owned())
            .collect();
        let lines: Vec<String> = [header, &delimiter]
            .into_iter()
            .chain(rows.iter().map(Vec::as_slice))
            .map(|cells| format!("| {} |", cells.join(" | ")))
            .collect();
        self.block(lines.join("\n"));
    }

    fn finish(mut self) -> String {
        self.text.push('\n');
        self.text
    }
}

/// Fixed header cells.
fn cells(names: &[&str]) -> Vec<String> {
    names.iter().map(|&name| name.to_owned()).collect()
}

/// The escaped display name, or the escaped id when the name is blank.
fn label(name: &str, id: &str) -> String {
    label_cow(name, id).into_owned()
}

/// [`label`], borrowing the name when it needs no escaping.
fn label_cow<'a>(name: &'a str, id: &str) -> Cow<'a, str> {
    if is_plain(name) {
        return Cow::Borrowed(name);
    }
    let name = escape_inline(name);
    Cow::Owned(if name.is_empty() {
        escape_inline(id)
    } else {
        name
    })
}

/// Appends [`label`] of `name` and `id` to `out`.
fn push_label(out: &mut String, name: &str, id: &str) {
    let start = out.len();
    push_inline(out, name);
    if out.len() == start {
        push_inline(out, id);
    }
}

/// Appends an amount as [`crate::workspace::format_amount`] writes it.
fn push_amount(out: &mut String, amount: Amount) {
    if amount.fract() == 0.0 && amount.abs() < 1e15 {
        let _ = write!(out, "{}", amount as i64);
    } else {
        let _ = write!(out, "{amount}");
    }
}

fn department_label(department: &Department) -> String {
    label(&department.name, &department.id)
}

/// An optional field, escaped for one line; `None` when it says nothing.
fn field(text: Option<&str>) -> Option<String> {
    text.map(escape_inline).filter(|t| !t.is_empty())
}

/// `1 error`, `2 warnings`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What every section needs: the workspace and its analysis.
struct Ctx<'a> {
    ws: &'a Workspace,
    analysis: &'a Analysis,
    /// Lookups by id, built once so large workspaces export in linear time.
    /// Escaped department labels by id.
    department_labels: FxHashMap<&'a str, String>,
    /// The escaped currency, if any.
    currency: Option<String>,
    responsibilities: FxHashMap<&'a str, &'a Responsibility>,
    decisions: FxHashMap<&'a str, Vec<&'a Decision>>,
}

impl<'a> Ctx<'a> {
    fn new(ws: &'a Workspace, analysis: &'a Analysis) -> Self {
        let mut decisions: FxHashMap<&str, Vec<&Decision>> = FxHashMap::default();
        for d in &ws.decisions {
            if let Some(id) = d.responsibility.as_deref() {
                decisions.entry(id).or_default().push(d);
            }
        }
        Ctx {
            ws,
            analysis,
            department_labels: ws
                .departments
                .iter()
                .map(|d| (d.id.as_str(), department_label(d)))
                .collect(),
            currency: field(ws.info.currency.as_deref()),
            responsibilities: ws
                .responsibilities
                .iter()
                .map(|r| (r.id.as_str(), r))
                .collect(),
            decisions,
        }
    }

    /// Decisions about one responsibility, oldest first.
    fn decisions_about(&self, id: &str) -> &[&'a Decision] {
        self.decisions.get(id).map_or(&[], Vec::as_slice)
    }

    /// Appends a department id shown by its escaped name.
    fn push_department(&self, out: &mut String, id: &str) {
        match self.department_labels.get(id) {
            Some(label) => out.push_str(label),
            None => push_inline(out, id),
        }
    }

    /// Appends the department ids shown by name, `_Nobody_` for none.
    fn push_departments(&self, out: &mut String, ids: &[String]) {
        if ids.is_empty() {
            out.push_str("_Nobody_");
        }
        for (n, id) in ids.iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            self.push_department(out, id);
        }
    }

    /// Appends a responsibility id shown by its escaped name.
    fn push_responsibility(&self, out: &mut String, id: &str) {
        match self.responsibilities.get(id) {
            Some(r) => push_label(out, &r.name, &r.id),
            None => push_inline(out, id),
        }
    }

    /// A responsibility id shown by its escaped name.
    fn responsibility(&self, id: &str) -> String {
        let mut out = String::new();
        self.push_responsibility(&mut out, id);
        out
    }

    /// Appends an amount with the workspace currency: `12000 EUR`.
    fn push_money(&self, out: &mut String, amount: Amount) {
        push_amount(out, amount);
        if let Some(currency) = &self.currency {
            out.push(' ');
            out.push_str(currency);
        }
    }

    /// Appends what a finding is about: responsibility, department, or both.
    fn push_concerns(&self, out: &mut String, finding: &Finding) {
        match (&finding.responsibility, &finding.department) {
            (Some(r), Some(d)) => {
                self.push_responsibility(out, r);
                out.push_str(" (");
                self.push_department(out, d);
                out.push(')');
            }
            (Some(r), None) => self.push_responsibility(out, r),
            (None, Some(d)) => self.push_department(out, d),
            (None, None) => out.push('—'),
        }
    }

    fn header(&self, doc: &mut Doc, options: &CharterOptions) {
        let info = &self.ws.info;
        push_label(doc.heading_start(1), &info.name, "Social media charter");
        let facts = [
            ("Organization", info.organization.as_deref()),
            ("Date", options.date.as_deref()),
            ("Workshop held", info.date.as_deref()),
            ("Facilitator", info.facilitator.as_deref()),
        ];
        doc.list(
            facts
                .into_iter()
                .filter_map(|(name, value)| Some(format!("**{name}:** {}", field(value)?))),
        );
        let purpose = info.purpose.as_deref().map(escape_block);
        if let Some(purpose) = purpose.filter(|p| !p.is_empty()) {
            doc.block(format!("**Purpose:** {purpose}"));
        }
        doc.block(HOW_TO_READ);
    }

    fn departments(&self, doc: &mut Doc) {
        doc.heading(2, "Departments");
        if self.ws.departments.is_empty() {
            doc.block("No departments yet.");
            return;
        }
        let rows: Vec<Vec<String>> = self
            .ws
            .departments
            .iter()
            .map(|d| {
                let lead = field(d.lead.as_deref()).unwrap_or_else(|| "—".into());
                vec![department_label(d), escape_inline(&d.id), lead]
            })
            .collect();
        doc.table(&cells(&["Department", "Id", "Lead"]), &rows, false);
    }

    fn findings(&self, doc: &mut Doc) {
        doc.heading(2, "Open findings");
        if self.analysis.findings.is_empty() {
            doc.block("No open conflicts: the analysis found nothing left to resolve.");
            return;
        }
        let summary = self.analysis.summary();
        doc.block(format!(
            "A charter never hides an unresolved conflict. Still open: {}, {}, {}.",
            count(summary.errors, "error", "errors"),
            count(summary.warnings, "warning", "warnings"),
            count(summary.info, "info", "info"),
        ));
        let out = doc.open();
        out.push_str("| Severity | Rule | Concerns | Finding |\n| --- | --- | --- | --- |");
        for f in &self.analysis.findings {
            out.push_str("\n| ");
            out.push_str(f.severity.as_str());
            out.push_str(" | ");
            out.push_str(f.rule.as_str());
            out.push_str(" | ");
            self.push_concerns(out, f);
            out.push_str(" | ");
            push_inline(out, &f.message);
            out.push_str(" |");
        }
    }

    fn parked(&self, doc: &mut Doc) {
        let parked: Vec<String> = self
            .ws
            .responsibilities
            .iter()
            .filter_map(|r| {
                let note = r.parked.as_deref()?;
                let name = label(&r.name, &r.id);
                Some(match escape_inline(note) {
                    note if note.is_empty() => name,
                    note => format!("{name}: {note}"),
                })
            })
            .collect();
        if parked.is_empty() {
            return;
        }
        doc.heading(2, "Parked for later");
        doc.block("Not settled in the session; to be taken up again.");
        doc.list(parked);
    }

    fn decisions(&self, doc: &mut Doc) {
        doc.heading(2, "Decision log");
        if self.ws.decisions.is_empty() {
            doc.block("No decisions recorded yet.");
            return;
        }
        let rows: Vec<Vec<String>> = self
            .ws
            .decisions
            .iter()
            .map(|d| {
                let about = d.responsibility.as_deref();
                vec![
                    escape_inline(&d.date),
                    about.map_or_else(|| "—".into(), |id| self.responsibility(id)),
                    escape_inline(&d.text),
                ]
            })
            .collect();
        doc.table(
            &cells(&["Date", "Responsibility", "Decision"]),
            &rows,
            false,
        );
    }

    fn sign_off(&self, doc: &mut Doc) {
        doc.heading(2, "Sign-off");
        if self.ws.departments.is_empty() {
            doc.block("No departments to sign yet.");
            return;
        }
        doc.block("By signing, each department's lead agrees to the roles in this charter.");
        // Fingerprints are only compared for signatures that carry one.
        let fingerprinted = self
            .ws
            .departments
            .iter()
            .any(|d| d.signed.as_ref().is_some_and(|s| s.part.is_some()));
        let parts = if fingerprinted {
            Parts::new(self.ws)
        } else {
            Parts::default()
        };
        let rows: Vec<Vec<String>> = self
            .ws
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let lead = field(d.lead.as_deref()).unwrap_or_default();
                let (by, date) = d.signed.as_ref().map_or_else(Default::default, |s| {
                    (escape_inline(&s.by), escape_inline(&s.date))
                });
                let state = match parts.state(self.ws, i) {
                    SignState::Unsigned => String::new(),
                    SignState::Stale => "**signed before the last change**".to_owned(),
                    state => state.describe().to_owned(),
                };
                vec![department_label(d), lead, by, date, state]
            })
            .collect();
        doc.table(
            &cells(&["Department", "Lead", "Signed by", "Date", "Status"]),
            &rows,
            false,
        );
    }
}

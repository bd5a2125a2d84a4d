//! Charter export: the shared-ownership map as a GitHub-flavoured Markdown document to sign.
//!
//! [`render`] is pure and deterministic: the same workspace, analysis and options always give the
//! same bytes. All workspace text is escaped, so it can never inject HTML, links, code spans or
//! headings, nor break a table.

mod anchors;
mod contents;
mod context;
mod departments;
#[cfg(test)]
pub(crate) mod departments_tests;
mod elsewhere;
pub(crate) mod escape;
#[cfg(test)]
mod escape_tests;
mod findings;
mod html;
#[cfg(test)]
mod html_tests;
#[cfg(test)]
mod lookup_tests;
mod matrix;
mod numbers;
#[cfg(test)]
mod outline_tests;
mod pages;
mod responsibility;
mod split;
#[cfg(test)]
mod split_scale_tests;
#[cfg(test)]
mod split_tests;
mod summary;
#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;
mod version;
mod walk;
#[cfg(test)]
mod workshop_tests;

use crate::analysis::{Analysis, Finding};
use crate::signoff::{Parts, SignState};
use crate::workspace::{Amount, Decision, Department, Responsibility, Workspace};

use context::{Ctx, positions_by_id};
use elsewhere::Elsewhere;
pub use html::render_html;
pub use split::{SplitFile, render_split, render_split_to};

use escape::{escape_block, escape_inline, push_block, push_inline};
use numbers::{Thousands, push_amount, push_integer};

/// Options of a charter export.
#[derive(Debug, Clone, Default)]
pub struct CharterOptions {
    /// The charter's date, `YYYY-MM-DD`; `None` leaves the date line out.
    pub date: Option<String>,
    /// The changes agreed in the session, as Markdown (see [`crate::diff`]), shown in a section
    /// "Changes agreed in this session"; `None` leaves the section out.
    pub changes: Option<String>,
    /// What changed since an earlier version: how to call that version (`revision v1`) and the
    /// changes as Markdown ([`crate::diff::render_markdown_lines`]), shown in an appendix
    /// "Changed since"; `None` leaves it out.
    pub since: Option<(String, String)>,
}

/// Renders the charter of `workspace` as GitHub-flavoured Markdown, ending in one newline.
///
/// Sections, in order: title and facts, how to read, summary, contents, departments, a part per
/// department, one section per area (then other responsibilities), role matrix, open findings,
/// findings accepted on purpose, parked items, decision log, changes agreed in the session (when given), sign-off.
pub fn render(workspace: &Workspace, analysis: &Analysis, options: &CharterOptions) -> String {
    let mut ctx = Ctx::new(workspace, analysis);
    let mut doc = Doc::with_capacity(estimate(workspace, analysis));
    let plan = anchors::Plan::new(&ctx, options, None);
    ctx.log_link = plan.tail_link("Decision log");
    let version = version::version(workspace);
    let link = departments::Link {
        anchors: &plan.responsibilities,
        files: None,
    };
    ctx.header(&mut doc, options, &version);
    let figures = summary::Figures::new(&ctx);
    summary::section(
        &ctx,
        &mut doc,
        &figures,
        &link,
        &plan.tail_link("Open findings"),
    );
    contents::section(&ctx, &mut doc, &plan);
    ctx.departments(&mut doc);
    let holdings = departments::Holdings::new(&ctx, &plan);
    departments::parts(&ctx, &mut doc, &holdings, &link);
    let walked = walk::sections(&ctx, &mut doc);
    after_areas(
        &ctx,
        &mut doc,
        walked,
        options,
        &version,
        &Elsewhere::default(),
    );
    doc.finish()
}

/// The sections after the areas, in order (their titles are [`anchors::TAIL`]); those too large
/// for the index of a split charter are only linked to (see [`Elsewhere`]).
fn after_areas(
    ctx: &Ctx,
    doc: &mut Doc,
    walked: walk::Walked,
    options: &CharterOptions,
    version: &str,
    elsewhere: &Elsewhere,
) {
    match &elsewhere.matrix {
        Some(files) => elsewhere::matrix(ctx, doc, files),
        None => matrix::section(ctx, doc, walked.rows),
    }
    match &elsewhere.findings {
        Some(files) => elsewhere::findings(ctx, doc, files),
        None => findings::section(ctx, doc, walked.finding_rows, walked.distinct_ids),
    }
    findings::accepted(ctx, doc);
    match &elsewhere.parked {
        Some(files) => elsewhere::list(doc, "Parked for later", PARKED, files),
        None => ctx.parked(doc, &walked.parked),
    }
    match &elsewhere.decisions {
        Some(files) => elsewhere::list(doc, "Decision log", "Oldest first.", files),
        None => ctx.decisions(doc, &walked.decided),
    }
    if let Some(changes) = &options.changes {
        doc.heading(2, "Changes agreed in this session");
        doc.block(changes.trim_end());
    }
    ctx.sign_off(doc, version);
    if let Some((label, changes)) = &options.since {
        doc.heading(2, "Changed since");
        let out = doc.open();
        out.push_str("Compared with ");
        escape::push_inline(out, label);
        out.push(':');
        doc.block(changes.trim_end());
    }
}

/// What the list of parked responsibilities says first.
const PARKED: &str = "Not settled in the session; to be taken up again.";

const HOW_TO_READ: &str = "**How to read this charter:** for each responsibility, \
**Accountable** decides and answers for the outcome, **Responsible** does the work, \
**Consulted** is asked before a decision and **Informed** is told after it.";

/// "How to read this charter", from the model's roles and what they mean.
fn how_to_read(model: &crate::workspace::RoleModel) -> std::borrow::Cow<'static, str> {
    if model.is_raci() {
        return HOW_TO_READ.into();
    }
    let parts: Vec<String> = model
        .roles()
        .map(|role| format!("**{}** {}", model.label(role), model.meaning(role)))
        .collect();
    let text = match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    format!(
        "**How to read this charter:** the roles are those of the `{}` model; for each responsibility, {text}.",
        model.name()
    )
    .into()
}

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
    ///
    /// [`escape_block`]: escape::escape_block
    fn escaped_block(&mut self, text: &str) {
        let before = self.text.len();
        let out = self.open();
        let start = out.len();
        push_block(out, text);
        if out.len() == start {
            out.truncate(before);
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
    let mut out = String::new();
    push_label(&mut out, name, id);
    out
}

/// Appends [`label`] of `name` and `id` to `out`.
fn push_label(out: &mut String, name: &str, id: &str) {
    let start = out.len();
    push_inline(out, name);
    if out.len() == start {
        push_inline(out, id);
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
    format!("{} {}", Thousands(n), if n == 1 { one } else { many })
}

impl Ctx<'_> {
    /// Appends a department id shown by its escaped name.
    fn push_department(&self, out: &mut String, id: &str) {
        match self.departments.get(id) {
            Some(&position) => out.push_str(&self.department_labels[position]),
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
        let by_id = self
            .responsibilities
            .get_or_init(|| positions_by_id(self.ws));
        match by_id.get(id) {
            Some(&index) => {
                let r = &self.ws.responsibilities[index];
                push_label(out, &r.name, &r.id);
            }
            None => push_inline(out, id),
        }
    }

    /// [`Ctx::push_responsibility`] of an id a decision is about; `decided` holds the position
    /// of the responsibility of each id decided about (see [`walk::Walked`]).
    fn push_decided(&self, out: &mut String, id: &str, decided: &[Option<usize>]) {
        let at = self
            .decision_groups
            .get(id)
            .and_then(|&group| decided.get(group as usize).copied().flatten());
        match at.and_then(|index| self.ws.responsibilities.get(index)) {
            Some(r) => push_label(out, &r.name, &r.id),
            None => self.push_responsibility(out, id),
        }
    }

    /// [`Ctx::push_responsibility`] of `id`, read from `at` (no lookup) when that is the
    /// responsibility with that id.
    fn push_responsibility_at(&self, out: &mut String, id: &str, at: Option<&Responsibility>) {
        match at {
            Some(r) if r.id == id => push_label(out, &r.name, &r.id),
            _ => self.push_responsibility(out, id),
        }
    }

    /// Appends an amount with the workspace currency: `12,000 EUR`.
    fn push_money(&self, out: &mut String, amount: Amount) {
        push_amount(out, amount);
        if let Some(currency) = &self.currency {
            out.push(' ');
            out.push_str(currency);
        }
    }

    /// Appends what a finding is about: responsibility, department, or both; `at` is the
    /// responsibility it is about when that is known.
    fn push_concerns(&self, out: &mut String, finding: &Finding, at: Option<&Responsibility>) {
        match (&finding.responsibility, &finding.department) {
            (Some(r), Some(d)) => {
                self.push_responsibility_at(out, r, at);
                out.push_str(" (");
                self.push_department(out, d);
                out.push(')');
            }
            (Some(r), None) => self.push_responsibility_at(out, r, at),
            (None, Some(d)) => self.push_department(out, d),
            (None, None) => out.push('—'),
        }
    }

    fn header(&self, doc: &mut Doc, options: &CharterOptions, version: &str) {
        let info = &self.ws.info;
        push_label(doc.heading_start(1), &info.name, "Social media charter");
        // Without `--date`, a charter every department has signed takes effect on the day the
        // last lead signed.
        let departments = &self.ws.departments;
        let last_signed = departments
            .iter()
            .map(|d| d.signed.as_ref().map(|s| s.date.as_str()))
            .collect::<Option<Vec<&str>>>()
            .and_then(|dates| dates.into_iter().max());
        let facts = [
            ("Organization", info.organization.as_deref()),
            ("Version", Some(version)),
            ("Effective date", options.date.as_deref().or(last_signed)),
            ("Workshop held", info.date.as_deref()),
            ("Review by", info.review_by.as_deref()),
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
        doc.block(how_to_read(&self.ws.model));
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

    fn parked(&self, doc: &mut Doc, parked: &[usize]) {
        if parked.is_empty() {
            return;
        }
        doc.heading(2, "Parked for later");
        doc.block(PARKED);
        self.push_parked(doc.open(), parked);
    }

    /// The list of the parked responsibilities at the positions `parked`, one item a line.
    fn push_parked(&self, out: &mut String, parked: &[usize]) {
        for (n, &index) in parked.iter().enumerate() {
            let r = &self.ws.responsibilities[index];
            if n > 0 {
                out.push('\n');
            }
            out.push_str("- ");
            push_label(out, &r.name, &r.id);
            let start = out.len();
            out.push_str(": ");
            let note = out.len();
            push_inline(out, r.parked.as_deref().unwrap_or_default());
            if out.len() == note {
                out.truncate(start);
            }
        }
    }

    fn decisions(&self, doc: &mut Doc, decided: &[Option<usize>]) {
        doc.heading(2, "Decision log");
        if self.ws.decisions.is_empty() {
            doc.block("No decisions recorded yet.");
            return;
        }
        self.push_decisions(doc.open(), &self.ws.decisions, decided);
    }

    /// The table of `decisions` (see [`Ctx::push_decided`] for `decided`).
    fn push_decisions(&self, out: &mut String, decisions: &[Decision], decided: &[Option<usize>]) {
        out.push_str("| Date | About | Decision |\n| --- | --- | --- |");
        for d in decisions {
            out.push_str("\n| ");
            push_inline(out, &d.date);
            out.push_str(" | ");
            match (d.responsibility.as_deref(), d.department.as_deref()) {
                (Some(id), _) => self.push_decided(out, id, decided),
                (None, Some(id)) => {
                    out.push_str("Department: ");
                    self.push_department(out, id);
                }
                (None, None) => out.push_str("The whole charter"),
            }
            out.push_str(" | ");
            push_inline(out, &d.text);
            out.push_str(" |");
        }
    }

    fn sign_off(&self, doc: &mut Doc, version: &str) {
        doc.heading(2, "Sign-off");
        if self.ws.departments.is_empty() {
            doc.block("No departments to sign yet.");
            return;
        }
        // The version stands beside each signature too, so a signed page names what it signed.
        doc.block(format!(
            "By signing, each department's lead agrees to the roles in this charter (version {version})."
        ));
        let version = escape_inline(version);
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
                // A department without a lead reads as the departments table reads it.
                let lead = field(d.lead.as_deref()).unwrap_or_else(|| "—".to_owned());
                let (by, date) = d.signed.as_ref().map_or_else(Default::default, |s| {
                    (escape_inline(&s.by), escape_inline(&s.date))
                });
                let mut state = match parts.state(self.ws, i) {
                    SignState::Stale => "**signed before the last change**".to_owned(),
                    state => state.describe().to_owned(),
                };
                // What was still open when the lead signed, as the signature recorded it.
                if let Some(open) = d.signed.as_ref().and_then(|s| s.open.as_deref()) {
                    state.push_str(if state.starts_with('*') {
                        ", with "
                    } else {
                        " with "
                    });
                    push_inline(&mut state, open);
                    state.push_str(" open");
                }
                // What a signer looks for first: their department, its lead, where it stands;
                // the signature itself is written by hand on the printed charter.
                vec![
                    department_label(d),
                    lead,
                    state,
                    by,
                    date,
                    version.clone(),
                    String::new(),
                ]
            })
            .collect();
        doc.table(
            &cells(&[
                "Department",
                "Lead",
                "Status",
                "Signed by",
                "Date",
                "Version",
                "Signature",
            ]),
            &rows,
            false,
        );
    }
}

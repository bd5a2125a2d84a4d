//! `whoowns check`: findings of one or more workspaces as text for people, JSON for tools or
//! GitHub workflow annotations, also when a file cannot be used at all.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::Style;
use serde_json::{Value, json};

use super::{CheckArgs, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, Format};
use crate::analysis::{Analysis, Finding, RuleId, Summary, analyze_on};
use crate::output;
use crate::palette::Ink;
use crate::text::{sanitize, sanitize_path};
use crate::workspace::{Diagnostic, LineIndex, LoadError, LoadedFile, Severity, load_file};

/// The files `check` (and `export`) work on: those given, or the one discovered from here.
pub(super) fn files_or_discovered(files: &[PathBuf]) -> Option<Vec<PathBuf>> {
    if !files.is_empty() {
        return Some(files.to_vec());
    }
    match crate::discover::find() {
        Some(found) => Some(vec![found]),
        None => {
            output::error(format!("error: {}", crate::discover::not_found_hint()));
            None
        }
    }
}

/// One file's outcome: loaded (and analysed) or why it cannot be used.
enum Checked {
    Loaded(Box<LoadedFile>, Analysis),
    Unusable(PathBuf, LoadError),
}

pub(super) fn check(args: &CheckArgs) -> u8 {
    let Some(files) = files_or_discovered(&args.files) else {
        return EXIT_UNUSABLE;
    };
    let mut code = EXIT_OK;
    let mut results = Vec::with_capacity(files.len());
    let today = args.date.clone().unwrap_or_else(crate::analysis::today);
    for path in files {
        let checked = match load_file(&path) {
            Ok(loaded) => {
                let analysis = analyze_on(&loaded.workspace, Some(&today));
                let summary = analysis.summary();
                if summary.errors > 0 || (args.strict && summary.warnings > 0) {
                    code = code.max(EXIT_FINDINGS);
                }
                Checked::Loaded(Box::new(loaded), analysis)
            }
            Err(error) => {
                code = EXIT_UNUSABLE;
                Checked::Unusable(path, error)
            }
        };
        results.push(checked);
    }
    let printed = match args.format {
        Format::Text => print_text(&results),
        Format::Json => print_json(&results),
        Format::Github => print_github(&results),
    };
    if let Err(e) = printed
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        output::error(format!("whoowns: cannot write the report: {e}"));
        return EXIT_UNUSABLE;
    }
    // The process ends right after: tearing down large workspaces would only cost time.
    std::mem::forget(results);
    code
}

fn print_text(results: &[Checked]) -> io::Result<()> {
    for checked in results {
        match checked {
            Checked::Loaded(loaded, analysis) => print_text_report(loaded, analysis)?,
            Checked::Unusable(_, error) => output::error(error.to_string()),
        }
    }
    Ok(())
}

fn severity_style(severity: Severity) -> Style {
    let ink = match severity {
        Severity::Error => Ink::Error,
        Severity::Warning => Ink::Warning,
        Severity::Info => Ink::Info,
    };
    Style::new().bold().fg_color(Some(super::ink_color(ink)))
}

fn print_text_report(loaded: &LoadedFile, analysis: &Analysis) -> io::Result<()> {
    let mut out = anstream::stdout().lock();
    let index = LineIndex::new(&loaded.text);
    let ws = &loaded.workspace;
    let locator = Locator::new(loaded);
    let path = sanitize_path(&loaded.path);
    // Locations in the terminal's own colour: dimmed text is unreadable on a projector.
    let dim = Style::new();
    for finding in &analysis.findings {
        let style = severity_style(finding.severity);
        writeln!(
            out,
            "{style}{}[{}]{style:#}: {}",
            finding.severity,
            finding.rule,
            sanitize(&finding.message)
        )?;
        let (span, item) = locator.locate(finding);
        let at = index.locate(&loaded.text, span);
        writeln!(out, "  {dim}-->{dim:#} {path}:{at} ({})", sanitize(&item))?;
    }
    if !analysis.findings.is_empty() {
        writeln!(out)?;
    }
    let Summary {
        errors,
        warnings,
        info,
    } = analysis.summary();
    let verdict = if errors > 0 {
        severity_style(Severity::Error)
    } else {
        Style::new()
            .bold()
            .fg_color(Some(super::ink_color(Ink::Ok)))
    };
    writeln!(
        out,
        "{verdict}{path}: {errors} error{}, {warnings} warning{}, {info} info{verdict:#} ({} responsibilit{}, {} department{})",
        plural(errors),
        plural(warnings),
        ws.responsibilities.len(),
        if ws.responsibilities.len() == 1 {
            "y"
        } else {
            "ies"
        },
        ws.departments.len(),
        plural(ws.departments.len()),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Finds where in the file a finding's item stands.
struct Locator<'a> {
    loaded: &'a LoadedFile,
    responsibility_at: HashMap<&'a str, usize>,
}

impl<'a> Locator<'a> {
    fn new(loaded: &'a LoadedFile) -> Self {
        let responsibility_at = loaded
            .workspace
            .responsibilities
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        Locator {
            loaded,
            responsibility_at,
        }
    }

    /// The byte offset a finding points at, and a label for the item.
    fn locate(&self, finding: &Finding) -> (usize, String) {
        if let Some(id) = &finding.responsibility {
            let offset = self
                .responsibility_at
                .get(id.as_str())
                .and_then(|&i| self.loaded.source_map.responsibilities.get(i))
                .map_or(0, |span| span.start);
            return (offset, format!("responsibility \"{id}\""));
        }
        if let Some(id) = &finding.department {
            let offset = self
                .loaded
                .workspace
                .department_index(id)
                .and_then(|i| self.loaded.source_map.departments.get(i))
                .map_or(0, |span| span.start);
            return (offset, format!("department \"{id}\""));
        }
        if finding.rule == RuleId::ReviewDue {
            let text = &self.loaded.text;
            let offset = text.find("\nreview_by").map_or(0, |at| at + 1);
            return (offset, "workspace".into());
        }
        (0, "workspace".into())
    }
}

/// The problems of an unusable file, each once, with 1-based positions when it has any.
fn problems(path: &Path, error: &LoadError) -> Vec<Problem> {
    match error {
        LoadError::Invalid {
            text, diagnostics, ..
        } => {
            let index = LineIndex::new(text);
            let mut seen = HashSet::new();
            diagnostics
                .iter()
                .filter(|d| seen.insert((d.span.start, d.message.as_str())))
                .map(|d| Problem::at(text, &index, d))
                .collect()
        }
        other => vec![Problem {
            message: strip_path(path, &other.to_string()),
            at: None,
        }],
    }
}

/// `path: message` without the path, which the report already names.
fn strip_path(path: &Path, message: &str) -> String {
    let prefix = format!("{}: ", sanitize_path(path));
    message.strip_prefix(&prefix).unwrap_or(message).to_owned()
}

/// One reason a file cannot be used.
struct Problem {
    message: String,
    /// Line, column, end line and end column.
    at: Option<(usize, usize, usize, usize)>,
}

impl Problem {
    fn at(text: &str, index: &LineIndex, d: &Diagnostic) -> Self {
        let start = index.locate(text, d.span.start);
        let end = index.locate(text, d.span.end.max(d.span.start));
        Problem {
            message: d.message.clone(),
            at: Some((start.line, start.column, end.line, end.column)),
        }
    }

    fn to_json(&self) -> Value {
        let (line, column, end_line, end_column) = match self.at {
            Some((l, c, el, ec)) => (json!(l), json!(c), json!(el), json!(ec)),
            None => (Value::Null, Value::Null, Value::Null, Value::Null),
        };
        json!({
            "message": self.message,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        })
    }
}

fn json_report(checked: &Checked) -> Value {
    match checked {
        Checked::Loaded(loaded, analysis) => json!({
            "file": loaded.path.to_string_lossy(),
            "workspace": loaded.workspace.info.name,
            "summary": analysis.summary(),
            "findings": analysis.findings,
            "problems": [],
        }),
        Checked::Unusable(path, error) => json!({
            "file": path.to_string_lossy(),
            "workspace": Value::Null,
            "summary": Summary::default(),
            "findings": [],
            "problems": problems(path, error).iter().map(Problem::to_json).collect::<Vec<_>>(),
        }),
    }
}

/// One object for one file; an array of them for several.
fn print_json(results: &[Checked]) -> io::Result<()> {
    let mut reports: Vec<Value> = results.iter().map(json_report).collect();
    let document = if reports.len() == 1 {
        reports.remove(0)
    } else {
        Value::Array(reports)
    };
    let json = serde_json::to_string_pretty(&document).map_err(io::Error::other)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", crate::text::escape_json(&json))?;
    out.flush()
}

/// GitHub workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.
fn print_github(results: &[Checked]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for checked in results {
        match checked {
            Checked::Loaded(loaded, analysis) => {
                let index = LineIndex::new(&loaded.text);
                let locator = Locator::new(loaded);
                let file = sanitize_path(&loaded.path);
                for finding in &analysis.findings {
                    let level = match finding.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let at = index.locate(&loaded.text, locator.locate(finding).0);
                    writeln!(
                        out,
                        "::{level} file={},line={},col={},title={}::{}",
                        property(&file),
                        at.line,
                        at.column,
                        property(finding.rule.as_str()),
                        data(&finding.message)
                    )?;
                }
            }
            Checked::Unusable(path, error) => {
                let file = property(&sanitize_path(path));
                for problem in problems(path, error) {
                    let position = problem.at.map_or(String::new(), |(l, c, el, ec)| {
                        format!(",line={l},col={c},endLine={el},endColumn={ec}")
                    });
                    writeln!(
                        out,
                        "::error file={file}{position},title=unusable workspace::{}",
                        data(&problem.message)
                    )?;
                }
            }
        }
    }
    out.flush()
}

/// A workflow command's message: sanitized, with `%` and line breaks escaped.
fn data(text: &str) -> String {
    sanitize(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: like [`data`], and `:` and `,` escaped too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(data("50% of a\nb"), "50%25 of a b");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(data("\u{1b}[31m"), "␛[31m");
    }
}

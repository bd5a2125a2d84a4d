//! `whoowns check`: findings of one or more workspaces as text for people, JSON for tools or
//! GitHub workflow annotations, also when a file cannot be used at all.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::Style;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::json_out;
use super::locate::Locator;
use super::{CheckArgs, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, Format, input};
use crate::analysis::{Analysis, Finding, Summary, analyze_on};
use crate::output;
use crate::palette::Ink;
use crate::text::{sanitize, sanitize_path};
use crate::workspace::{Diagnostic, LineIndex, LoadError, LoadedFile, Severity};

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
pub(super) enum Checked {
    Loaded(Box<LoadedFile>, Analysis),
    Unusable(PathBuf, LoadError),
}

/// What the report shows: with `--quiet`, only the findings that fail the check (errors, and
/// warnings with `--strict`) and no summary lines.
#[derive(Clone, Copy)]
pub(super) struct Shown {
    pub quiet: bool,
    pub strict: bool,
}

impl Shown {
    /// Whether `finding` is reported.
    pub(super) fn shows(self, finding: &Finding) -> bool {
        !self.quiet
            || finding.severity == Severity::Error
            || (self.strict && finding.severity == Severity::Warning)
    }
}

pub(super) fn check(args: &CheckArgs) -> u8 {
    let Some(files) = files_or_discovered(&args.files) else {
        return EXIT_UNUSABLE;
    };
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    if let Some(message) = input::stdin_twice(&paths) {
        output::error(message);
        return EXIT_UNUSABLE;
    }
    super::use_color(args.color);
    let shown = Shown {
        quiet: args.quiet,
        strict: args.strict,
    };
    let mut code = EXIT_OK;
    let mut results = Vec::with_capacity(files.len());
    let today = args.date.clone().unwrap_or_else(crate::analysis::today);
    for path in files {
        let checked = match input::load(&path) {
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
                let path = if input::is_stdin(&path) {
                    PathBuf::from(input::STDIN_NAME)
                } else {
                    path
                };
                Checked::Unusable(path, error)
            }
        };
        results.push(checked);
    }
    let printed = match args.format {
        Format::Text => print_text(&results, shown),
        Format::Json => print_json(&results, shown),
        Format::Github => super::github::print(&results, shown),
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

fn print_text(results: &[Checked], shown: Shown) -> io::Result<()> {
    for checked in results {
        match checked {
            Checked::Loaded(loaded, analysis) => print_text_report(loaded, analysis, shown)?,
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

fn print_text_report(loaded: &LoadedFile, analysis: &Analysis, shown: Shown) -> io::Result<()> {
    let mut out = anstream::stdout().lock();
    let index = LineIndex::new(&loaded.text);
    let ws = &loaded.workspace;
    let locator = Locator::new(loaded);
    let path = sanitize_path(&loaded.path);
    // Locations in the terminal's own colour: dimmed text is unreadable on a projector.
    let dim = Style::new();
    // A waived finding fails nothing: `--quiet` leaves it out.
    let listed = |f: &&Finding| shown.shows(f) && !(shown.quiet && f.waived.is_some());
    for finding in analysis.findings.iter().filter(listed) {
        // A waived finding is listed under its own word, in the terminal's colour.
        let (style, word) = match &finding.waived {
            Some(_) => (Style::new().bold(), format!("waived {}", finding.severity)),
            None => (
                severity_style(finding.severity),
                finding.severity.to_string(),
            ),
        };
        writeln!(
            out,
            "{style}{word}[{}]{style:#}: {}",
            finding.rule,
            sanitize(&finding.message)
        )?;
        let (span, item) = locator.locate(finding);
        let at = index.locate(&loaded.text, span);
        writeln!(out, "  {dim}-->{dim:#} {path}:{at} ({})", sanitize(&item))?;
        if let Some(waived) = &finding.waived {
            writeln!(
                out,
                "  = accepted on purpose on {}: {}",
                sanitize(&waived.date),
                sanitize(&waived.reason)
            )?;
        }
    }
    let style = severity_style(Severity::Warning);
    let stale_shown = !shown.quiet || shown.strict;
    for &i in analysis.stale_waivers().iter().filter(|_| stale_shown) {
        let w = &ws.waivers[i];
        writeln!(
            out,
            "{style}warning[stale-waiver]{style:#}: The waiver of {} for {} no longer applies: the finding is gone, so the [[waiver]] can go too.",
            sanitize(&w.rule),
            sanitize(&waiver_item(w)),
        )?;
    }
    if shown.quiet {
        return Ok(());
    }
    if !analysis.findings.is_empty() || !analysis.stale_waivers().is_empty() {
        writeln!(out)?;
    }
    let Summary {
        errors,
        warnings,
        info,
        waived,
    } = analysis.summary();
    let waived = if waived > 0 {
        format!(", {waived} waived")
    } else {
        String::new()
    };
    let verdict = if errors > 0 {
        severity_style(Severity::Error)
    } else {
        Style::new()
            .bold()
            .fg_color(Some(super::ink_color(Ink::Ok)))
    };
    writeln!(
        out,
        "{verdict}{path}: {errors} error{}, {warnings} warning{}, {info} info{waived}{verdict:#} ({} responsibilit{}, {} department{})",
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

/// What a waiver is about, as `check` names items.
fn waiver_item(w: &crate::workspace::Waiver) -> String {
    match (&w.responsibility, &w.department) {
        (Some(r), _) => format!("responsibility \"{r}\""),
        (None, Some(d)) => format!("department \"{d}\""),
        (None, None) => "the workspace".to_owned(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The problems of an unusable file, each once, with 1-based positions when it has any.
pub(super) fn problems(path: &Path, error: &LoadError) -> Vec<Problem> {
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
pub(super) struct Problem {
    pub message: String,
    /// Line, column, end line and end column.
    pub at: Option<(usize, usize, usize, usize)>,
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

/// The version of the JSON report's shape; it changes only when a field changes meaning or
/// goes away (new fields may be added).
pub const JSON_REPORT_VERSION: u32 = 1;

/// A finding as JSON: its fields and where the key at fault stands (1-based; the end is just
/// past the key).
fn finding_json(
    loaded: &LoadedFile,
    index: &LineIndex,
    locator: &Locator,
    finding: &Finding,
) -> Value {
    let span = locator.key_span(finding);
    let start = index.locate(&loaded.text, span.start);
    let end = index.locate(&loaded.text, span.end.max(span.start));
    let mut value = serde_json::to_value(finding).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("line".into(), json!(start.line));
        object.insert("column".into(), json!(start.column));
        object.insert("end_line".into(), json!(end.line));
        object.insert("end_column".into(), json!(end.column));
    }
    value
}

/// One file's report: `file`, `findings`, `problems`, `summary`, `workspace` (the keys in the
/// alphabetical order of a `serde_json::Value` object), each finding made a JSON object only
/// when it is written.
struct JsonReport<'a> {
    checked: &'a Checked,
    shown: Shown,
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (loaded, analysis) = match self.checked {
            Checked::Loaded(loaded, analysis) => (loaded, analysis),
            Checked::Unusable(path, error) => {
                return json!({
                    "file": path.to_string_lossy(),
                    "workspace": Value::Null,
                    "summary": Summary::default(),
                    "findings": [],
                    "problems": problems(path, error).iter().map(Problem::to_json).collect::<Vec<_>>(),
                })
                .serialize(serializer);
            }
        };
        let index = LineIndex::new(&loaded.text);
        let locator = Locator::new(loaded);
        let shown = self.shown;
        let findings = JsonSeq(std::cell::RefCell::new(Some(
            (analysis.findings.iter())
                .filter(move |f| shown.shows(f) && !(shown.quiet && f.waived.is_some()))
                .map(|f| finding_json(loaded, &index, &locator, f)),
        )));
        let summary =
            serde_json::to_value(analysis.summary()).map_err(serde::ser::Error::custom)?;
        let stale: Vec<_> = (analysis.stale_waivers().iter())
            .map(|&i| &loaded.workspace.waivers[i])
            .collect();
        let stale_shown = !stale.is_empty() && (!shown.quiet || shown.strict);
        let mut map = serializer.serialize_map(Some(5 + usize::from(stale_shown)))?;
        map.serialize_entry("file", &loaded.path.to_string_lossy())?;
        map.serialize_entry("findings", &findings)?;
        map.serialize_entry("problems", &[] as &[Value])?;
        if stale_shown {
            map.serialize_entry("stale_waivers", &stale)?;
        }
        map.serialize_entry("summary", &summary)?;
        map.serialize_entry("workspace", &loaded.workspace.info.name)?;
        map.end()
    }
}

/// A sequence serialized from an iterator, once, each item made as it is written.
struct JsonSeq<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Serialize for JsonSeq<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        serializer.collect_seq(items.into_iter().flatten())
    }
}

/// One document whatever the number of files: `{"files": [report, ...], "version": N}`,
/// written as it is serialized (no JSON tree of every finding, no second copy as text), with
/// the characters a terminal could act on escaped as [`crate::text::escape_json`] does.
fn print_json(results: &[Checked], shown: Shown) -> io::Result<()> {
    struct Document<'a>(&'a [Checked], Shown);
    impl Serialize for Document<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let reports: Vec<JsonReport<'_>> = (self.0.iter())
                .map(|checked| JsonReport {
                    checked,
                    shown: self.1,
                })
                .collect();
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("files", &reports)?;
            map.serialize_entry("version", &JSON_REPORT_VERSION)?;
            map.end()
        }
    }
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    json_out::write_pretty(&mut out, &Document(results, shown))?;
    writeln!(out)?;
    out.flush()
}

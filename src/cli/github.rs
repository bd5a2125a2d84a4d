//! `check --format github`: GitHub Actions workflow commands
//! (`::error file=F,line=L,col=C,title=RULE::message`), with files named from the repository
//! root as GitHub attaches them, and values encoded as GitHub documents.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::check::{Checked, Shown, problems};
use super::locate::Locator;
use crate::text::{sanitize, sanitize_path};
use crate::workspace::{LineIndex, Severity};

/// Prints one workflow command per finding or problem.
pub(super) fn print(results: &[Checked], shown: Shown) -> io::Result<()> {
    let root = repository_root();
    let mut out = io::stdout().lock();
    for checked in results {
        match checked {
            Checked::Loaded(loaded, analysis) => {
                let index = LineIndex::new(&loaded.text);
                let locator = Locator::new(loaded);
                let file = file_property(&loaded.path, root.as_deref());
                for finding in analysis.findings.iter().filter(|f| shown.shows(f)) {
                    let level = match finding.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let span = locator.key_span(finding);
                    let start = index.locate(&loaded.text, span.start);
                    let end = index.locate(&loaded.text, span.end.max(span.start));
                    writeln!(
                        out,
                        "::{level} {file}{}title={}::{}",
                        position((start.line, start.column), (end.line, end.column)),
                        property(finding.rule.as_str()),
                        data(&finding.message)
                    )?;
                }
            }
            Checked::Unusable(path, error) => {
                let file = file_property(path, root.as_deref());
                for problem in problems(path, error) {
                    let at = problem
                        .at
                        .map_or(String::new(), |(l, c, el, ec)| position((l, c), (el, ec)));
                    writeln!(
                        out,
                        "::error {file}{at}title=unusable workspace::{}",
                        data(&problem.message)
                    )?;
                }
            }
        }
    }
    out.flush()
}

/// `line=L,col=C,` and, for a span on one line, `endLine=L,endColumn=E,` (GitHub reads the
/// columns only of a span on one line).
fn position((line, column): (usize, usize), (end_line, end_column): (usize, usize)) -> String {
    if end_line == line && end_column > column {
        format!("line={line},col={column},endLine={end_line},endColumn={end_column},")
    } else {
        format!("line={line},col={column},")
    }
}

/// `file=PATH,` with the path from the repository root, or nothing for standard input (an
/// annotation without a file shows on the run, not on a line).
fn file_property(path: &Path, root: Option<&Path>) -> String {
    if path == Path::new(super::input::STDIN_NAME) {
        return String::new();
    }
    let shown = root
        .and_then(|root| relative_to(path, root))
        .map_or_else(|| sanitize_path(path), |p| slashed(&p));
    format!("file={},", property(&shown))
}

/// The root GitHub names files from: `GITHUB_WORKSPACE` when set, else the top of the git
/// repository holding the current directory (the nearest directory with a `.git`).
fn repository_root() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GITHUB_WORKSPACE").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `path` relative to `root` when it lies inside it (both resolved, so links and `..` agree).
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    let resolve = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .ok()
    };
    let file = resolve(path)?;
    let root = resolve(root)?;
    file.strip_prefix(&root).ok().map(Path::to_path_buf)
}

/// A relative path with `/` between its parts, as GitHub writes them on every system.
fn slashed(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(sanitize(&part.to_string_lossy())),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A workflow command's message: `%`, CR and LF encoded (`%25`, `%0D`, `%0A`) as GitHub
/// documents, every other control made visible by the sanitizer.
fn data(text: &str) -> String {
    let encoded = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    sanitize(&encoded)
}

/// A workflow command's property value: like [`data`], and `:` and `,` encoded too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_encoded_as_github_documents() {
        assert_eq!(data("50% of a\r\nb"), "50%25 of a%0D%0Ab");
        assert_eq!(property("a,b:c\n"), "a%2Cb%3Ac%0A");
        assert_eq!(data("\u{1b}[31m"), "␛[31m");
    }

    #[test]
    fn files_are_named_from_the_root_with_slashes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let nested = dir.path().join("docs/social");
        std::fs::create_dir_all(&nested).expect("dirs");
        let file = nested.join("whoowns.toml");
        std::fs::write(&file, "").expect("write");
        assert_eq!(
            relative_to(&file, dir.path()).map(|p| slashed(&p)),
            Some("docs/social/whoowns.toml".to_owned())
        );
        let elsewhere = tempfile::tempdir().expect("tempdir");
        assert_eq!(relative_to(&file, elsewhere.path()), None);
    }
}

//! The diff as plain text lines for people: one unindented title per group (the workspace,
//! departments, each responsibility by name, decisions), its changes indented below.

use super::Diff;
use super::lines::{Seg, sections};
use crate::workspace::Workspace;

/// The diff as plain text ending in a newline: `No changes.` when empty. No colour codes and no
/// sanitizing: workspace text is copied as is, so a caller printing to a terminal sanitizes each
/// line (see [`crate::text::sanitize`]).
pub fn render_text(diff: &Diff, before: &Workspace, after: &Workspace) -> String {
    if diff.is_empty() {
        return "No changes.\n".into();
    }
    let mut out = String::new();
    for section in sections(diff, before, after) {
        push_segs(&mut out, &section.title);
        out.push('\n');
        for line in &section.lines {
            out.push_str("  ");
            if let Some(mark) = line.mark {
                out.push_str(mark);
                out.push(' ');
            }
            push_segs(&mut out, &line.segs);
            out.push('\n');
        }
    }
    out
}

fn push_segs(out: &mut String, segs: &[Seg]) {
    for seg in segs {
        match seg {
            Seg::Lit(s) | Seg::Ws(s) => out.push_str(s),
        }
    }
}

/// The diff as sentences to be heard, one change a line, each led by what it is about:
/// "Recruiting on social: added parked: later." Marks become words (added, removed, changed)
/// or go where the sentence says it ("signed", "resolved"), and arrows become "to". No
/// sanitizing, as for [`render_text`].
pub fn render_spoken(diff: &Diff, before: &Workspace, after: &Workspace) -> Vec<String> {
    let mut out = Vec::new();
    for section in sections(diff, before, after) {
        let mut title = String::new();
        push_segs(&mut title, &section.title);
        for line in &section.lines {
            let mut sentence = String::new();
            push_segs(&mut sentence, &line.segs);
            let mut sentence = sentence.replace(" → ", " to ").replace('→', " to ");
            // A finding the change settled or raised: its rule is enough here (its sentence
            // names the item again, and the advice is long to hear).
            if let Some(rest) = ["resolved ", "introduced "]
                .iter()
                .find_map(|verb| sentence.strip_prefix(verb).map(|rest| (verb, rest)))
                .and_then(|(verb, rest)| rest.split_once(": ").map(|(rule, _)| (verb, rule)))
                .map(|(verb, rule)| format!("{verb}{}", rule.replace('-', " ")))
            {
                sentence = rest;
            }
            let word = match line.mark {
                Some("+") => "added ",
                Some("-") => "removed ",
                Some("~") => "changed ",
                Some("!") => "needs attention: ",
                _ => "",
            };
            let sentence = format!("{title}: {word}{}", sentence.trim());
            out.push(if sentence.ends_with(['.', '?', '!']) {
                sentence
            } else {
                format!("{sentence}.")
            });
        }
    }
    out
}

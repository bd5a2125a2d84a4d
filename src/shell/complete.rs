//! What Tab completes: the command names first, then (by the command's argument shape) item
//! ids and names, department ids and names, role keys and the claim words. Names with spaces
//! are completed in quotes.

use super::help::COMMANDS;
use crate::workspace::Workspace;

/// A snapshot of the words to complete with, taken after each command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completions {
    /// (id, name) of each item.
    items: Vec<(String, String)>,
    /// (id, name) of each department.
    departments: Vec<(String, String)>,
    roles: Vec<String>,
    areas: Vec<String>,
}

/// What an argument position holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Item,
    Department,
    Role,
    Area,
    Command,
    ClaimVerb,
    Words(&'static [&'static str]),
    Free,
}

impl Completions {
    /// The words of `ws`: ids and names of items and departments, role keys, areas.
    pub fn of(ws: &Workspace) -> Completions {
        let mut areas: Vec<String> = super::lookup::areas(ws)
            .into_iter()
            .map(str::to_owned)
            .collect();
        areas.dedup();
        Completions {
            items: ws
                .responsibilities
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
            departments: ws
                .departments
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect(),
            roles: ws.model.keys().map(str::to_owned).collect(),
            areas,
        }
    }

    /// Completes the word that ends at byte `pos` of `line`: where that word starts, and the
    /// candidates for it (each as it is to be typed, in quotes when it holds a space, and with
    /// the space that ends it, so the next word can follow at once).
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = line.get(..pos).unwrap_or(line);
        let (start, words, partial, command) = match super::split(before) {
            Ok(words) => {
                let ends_in_space = before.ends_with(char::is_whitespace) || words.is_empty();
                let command = first_word(&words);
                if ends_in_space {
                    (pos, words.len(), String::new(), command)
                } else {
                    let last = words.last().map_or(0, |w| w.start);
                    let text = words.last().map(|w| w.text.clone()).unwrap_or_default();
                    (last, words.len() - 1, text, command)
                }
            }
            // An open quote: the word being typed starts at it.
            Err(_) => match before.rfind(['"', '\'']) {
                Some(quote) => {
                    let done = super::split(&before[..quote]).unwrap_or_default();
                    let command = first_word(&done);
                    (quote, done.len(), before[quote + 1..].to_owned(), command)
                }
                None => return (pos, Vec::new()),
            },
        };
        let lower = partial.to_lowercase();
        let quoting = line[start..].starts_with(['"', '\'']);
        let pool: Vec<&str> = match slot(&command, words) {
            Slot::Command => COMMANDS.iter().map(|c| c.name).collect(),
            Slot::Item => pick(&self.items, &lower, quoting),
            Slot::Department => pick(&self.departments, &lower, quoting),
            Slot::Role => self.roles.iter().map(String::as_str).collect(),
            Slot::Area => self.areas.iter().map(String::as_str).collect(),
            Slot::ClaimVerb => vec!["accept", "decline"],
            Slot::Words(words) => words.to_vec(),
            Slot::Free => Vec::new(),
        };
        let mut found: Vec<String> = pool
            .into_iter()
            .filter(|w| w.to_lowercase().starts_with(&lower))
            .map(|w| format!("{} ", quoted(w)))
            .collect();
        found.sort();
        found.dedup();
        (start, found)
    }
}

/// Per entry, its id when the typed start fits it (ids are shorter and need no quotes), else
/// its name; names only once a quote was typed.
fn pick<'a>(entries: &'a [(String, String)], lower: &str, quoting: bool) -> Vec<&'a str> {
    entries
        .iter()
        .map(|(id, name)| {
            if !quoting && id.starts_with(lower) {
                id.as_str()
            } else {
                name.as_str()
            }
        })
        .collect()
}

/// The command word of `words`, lowercased.
fn first_word(words: &[super::Word]) -> String {
    words
        .first()
        .map(|w| w.text.to_lowercase())
        .unwrap_or_default()
}

/// A word as it is typed back: in quotes when it holds a space.
fn quoted(word: &str) -> String {
    if word.chars().any(char::is_whitespace) {
        format!("\"{word}\"")
    } else {
        word.to_owned()
    }
}

/// What word `at` (0 is the command) of `command` holds.
fn slot(command: &str, at: usize) -> Slot {
    use Slot::{Area, ClaimVerb, Department, Free, Item, Role, Words};
    if at == 0 {
        return Slot::Command;
    }
    let shape: &[Slot] = match command {
        "help" => &[Slot::Command],
        "show" | "unpark" | "park" | "tiebreak" | "rename" | "decide" => &[Item],
        "department" => &[Department],
        "list" => &[Area],
        "give" | "take" => &[Item, Role, Department],
        "move" => &[Item, Role, Department, Department],
        "fund" => &[Item, Department],
        "claim" => &[Item, Department, ClaimVerb, Role, Role],
        "sign" => &[Department],
        "save" => &[Words(&["overwrite", "anyway"])],
        _ => &[],
    };
    shape.get(at - 1).copied().unwrap_or(Free)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Completions {
        let ws = crate::workspace::parse(crate::SAMPLE_WORKSPACE)
            .expect("sample")
            .workspace;
        Completions::of(&ws)
    }

    #[test]
    fn commands_then_items_then_roles_then_departments() {
        let c = sample();
        assert_eq!(c.complete("sh", 2), (0, vec!["show ".to_owned()]));
        assert_eq!(
            c.complete("give crisis-r", 13),
            (5, vec!["crisis-response ".to_owned()])
        );
        assert_eq!(
            c.complete("give crisis-response acc", 24),
            (21, vec!["accountable ".to_owned()])
        );
        let (start, found) = c.complete("give crisis-response accountable Leg", 36);
        assert_eq!((start, found), (33, vec!["legal ".to_owned()]));
    }

    #[test]
    fn a_name_in_an_open_quote_completes_with_its_quotes() {
        let c = sample();
        assert_eq!(
            c.complete("department \"Leg", 15),
            (11, vec!["\"Legal & Compliance\" ".to_owned()])
        );
        let line = "show \"Crisis r";
        assert_eq!(
            c.complete(line, line.len()),
            (5, vec!["\"Crisis response\" ".to_owned()])
        );
    }
}

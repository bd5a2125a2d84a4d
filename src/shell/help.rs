//! The shell's commands: their names (part of the contract), usage lines and help.

/// One command of the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandInfo {
    /// What is typed.
    pub name: &'static str,
    /// How it is typed.
    pub usage: &'static str,
    /// What it does, in one sentence.
    pub about: &'static str,
}

const fn c(name: &'static str, usage: &'static str, about: &'static str) -> CommandInfo {
    CommandInfo { name, usage, about }
}

/// Every command, in the order help lists them.
pub const COMMANDS: &[CommandInfo] = &[
    c(
        "help",
        "help [COMMAND]",
        "Lists the commands, or explains one.",
    ),
    c(
        "summary",
        "summary",
        "Says where the workshop stands: findings, agenda, unsaved changes, signatures.",
    ),
    c(
        "findings",
        "findings",
        "Lists the open findings, worst first, one a line.",
    ),
    c(
        "next",
        "next",
        "Goes to the next open finding of the agenda and says how to fix it.",
    ),
    c(
        "previous",
        "previous",
        "Goes back to the previous open finding of the agenda.",
    ),
    c(
        "show",
        "show ITEM",
        "Says who holds each role of an item, its tie-breaker, funding, claims and findings.",
    ),
    c(
        "department",
        "department DEPT",
        "Says what a department holds, role by role, and whether it signed.",
    ),
    c(
        "list",
        "list [AREA]",
        "Lists the items (of one area), each with how many findings it has.",
    ),
    c(
        "give",
        "give ITEM ROLE DEPT",
        "Gives a department a role on an item.",
    ),
    c(
        "take",
        "take ITEM ROLE DEPT",
        "Takes a role on an item away from a department.",
    ),
    c(
        "move",
        "move ITEM ROLE FROM TO",
        "Moves a role on an item from one department to another.",
    ),
    c(
        "tiebreak",
        "tiebreak ITEM TEXT",
        "Says how the co-owners of an item settle a disagreement.",
    ),
    c(
        "fund",
        "fund ITEM DEPT AMOUNT",
        "Sets what a department puts into an item's budget (0 removes its share).",
    ),
    c(
        "decide",
        "decide [ITEM:] TEXT",
        "Records a decision, dated today, about an item or the charter as a whole.",
    ),
    c(
        "park",
        "park ITEM [NOTE]",
        "Parks an item for later: the agenda skips it.",
    ),
    c(
        "unpark",
        "unpark ITEM",
        "Takes an item out of the parking lot.",
    ),
    c(
        "claim",
        "claim ITEM DEPT accept ROLE, or claim ITEM DEPT decline REASON",
        "Answers a department's open claim on an item.",
    ),
    c(
        "sign",
        "sign DEPT NAME",
        "Signs the charter for a department, dated today, by the person named.",
    ),
    c(
        "add",
        "add ITEM NAME",
        "Adds an item with the id ITEM and the name NAME.",
    ),
    c(
        "rename",
        "rename ITEM NAME",
        "Gives an item a new name; its id stays.",
    ),
    c(
        "changes",
        "changes",
        "Lists what changed since the workspace was opened.",
    ),
    c("undo", "undo", "Undoes the latest change."),
    c("redo", "redo", "Redoes the latest undone change."),
    c(
        "save",
        "save",
        "Saves the workspace file, keeping its comments (a script must save to keep its changes).",
    ),
    c(
        "export",
        "export [PATH]",
        "Writes the charter as Markdown, next to the workspace or to PATH.",
    ),
    c(
        "quit",
        "quit",
        "Ends the session; on a terminal it asks first about unsaved changes.",
    ),
];

/// The commands a follower (a `serve` participant) may use: the ones that only read.
pub const READ_ONLY: &[&str] = &[
    "help",
    "summary",
    "findings",
    "show",
    "department",
    "list",
    "changes",
    "quit",
];

/// What follows a command's one-line description in `help COMMAND`.
fn details(name: &str) -> &'static [&'static str] {
    match name {
        "give" | "take" | "move" => &[
            "ITEM and DEPT: an id, a full name in quotes, or the start of either, in any case.",
            "ROLE: a role of the workspace's model, by key, name or letter.",
        ],
        "claim" => &[
            "accept ROLE gives the department that role (several roles may follow accept).",
            "decline REASON turns the claim down with a reason the department can live with.",
            "Either way the answer goes into the decision log, dated today.",
        ],
        "decide" => &[
            "Start with the item and a colon to record it about that item: decide crisis: The CEO speaks first.",
            "Put the whole text in quotes when it starts with a word and a colon of its own.",
        ],
        "save" => &[
            "When the file changed on disk since it was opened, save says so and saves nothing; save overwrite then writes over it.",
            "When the file is read-only, save anyway writes it all the same.",
            "A script (standard input not a terminal) keeps nothing it did not save: end it with save.",
        ],
        "fund" => &["AMOUNT: digits, groups by comma allowed (12,000); 0 removes the share."],
        "quit" => &["In a script, quit ends it at once; changes not saved are dropped."],
        _ => &[],
    }
}

/// The command named `name`. Only full names count, so a script keeps meaning the same when
/// commands are added (Tab completes a name on a terminal).
pub fn find(name: &str) -> Option<&'static CommandInfo> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// What to say about an unknown command word.
pub fn unknown_command(word: &str) -> String {
    let lower = word.to_lowercase();
    let best = COMMANDS
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, c.name), c.name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let starting: Vec<String> = COMMANDS
        .iter()
        .filter(|c| c.name.starts_with(&lower))
        .map(|c| c.name.to_owned())
        .collect();
    if starting.len() > 1 {
        return format!(
            "\"{word}\" could be {}; type more",
            super::lookup::or_list(&starting)
        );
    }
    match best {
        Some((score, name)) if score >= 0.75 => {
            format!("no command \"{word}\"; did you mean {name}?")
        }
        _ => format!("no command \"{word}\"; help lists them"),
    }
}

/// `help` and `help COMMAND`; a follower's (`read_only`) lists only what they may use.
pub fn help(command: Option<&str>, read_only: bool) -> Result<Vec<String>, String> {
    let Some(word) = command else {
        let shown: Vec<&CommandInfo> = COMMANDS
            .iter()
            .filter(|c| !read_only || READ_ONLY.contains(&c.name))
            .collect();
        let mut lines = vec![format!("Commands: {}.", shown.len())];
        lines.extend(shown.iter().map(|c| format!("{}: {}", c.usage, c.about)));
        lines.push("help COMMAND says more about one.".into());
        return Ok(lines);
    };
    let info = find(&word.to_lowercase()).ok_or_else(|| unknown_command(word))?;
    let mut lines = vec![format!("Usage: {}", info.usage), info.about.to_owned()];
    lines.extend(details(info.name).iter().map(|l| (*l).to_owned()));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_found_by_full_name_and_misses_say_what_was_meant() {
        assert_eq!(find("show").map(|c| c.name), Some("show"));
        assert_eq!(find("dep"), None);
        assert_eq!(
            unknown_command("shwo"),
            "no command \"shwo\"; did you mean show?"
        );
        assert_eq!(
            unknown_command("s"),
            "\"s\" could be summary, show, sign or save; type more"
        );
    }
}

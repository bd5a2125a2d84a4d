//! The commands that change the workspace, each through the same edit value the board makes,
//! applied as one undoable step; and undo and redo.

use super::speech::{delta, sentence, still_open};
use super::{Answer, Args, Shell, lookup};
use crate::edit::{self, Answer as ClaimAnswer, Change, DropMode, Edit, Field};
use crate::workspace::{Role, Workspace, format_money};

impl Shell {
    /// The editing command `name`.
    pub(super) fn change(&mut self, name: &str, args: &Args<'_>) -> Answer {
        let ws = self.session.workspace();
        let (change, done) = match name {
            "give" | "take" => give_or_take(ws, args, name == "give")?,
            "move" => move_role(ws, args)?,
            "tiebreak" => {
                let index = lookup::item(ws, args.word(1)?)?;
                let text = args.text(2)?;
                let name = &ws.responsibilities[index].name;
                let change = edit::set_field(ws, index, Field::TieBreaker, &text)?;
                (change, format!("tie-breaker for {name} set"))
            }
            "fund" => fund(ws, args)?,
            "decide" => decide(ws, args, &self.today)?,
            "park" => {
                let index = lookup::item(ws, args.word(1)?)?;
                let note = args.optional(2).map(|_| args.text(2)).transpose()?;
                let name = &ws.responsibilities[index].name;
                let change = edit::park(ws, index, note.as_deref().unwrap_or(""));
                (change, format!("{name} parked; the agenda skips it"))
            }
            "unpark" => {
                let index = lookup::item(ws, &args.text(1)?)?;
                let name = &ws.responsibilities[index].name;
                (
                    edit::unpark(ws, index),
                    format!("{name} is back on the agenda"),
                )
            }
            "claim" => claim(ws, args, &self.today)?,
            "sign" => sign(ws, args, &self.today, self.session.analysis())?,
            "add" => add(ws, args)?,
            "rename" => {
                let index = lookup::item(ws, args.word(1)?)?;
                let text = args.text(2)?;
                let old = &ws.responsibilities[index].name;
                let change = edit::rename_responsibility(ws, index, &text)?;
                (change, format!("{old} is now called {}", text.trim()))
            }
            other => return Err(format!("no command \"{other}\"")),
        };
        let Some(change) = change else {
            return Ok(vec!["No change: it is that way already.".to_owned()]);
        };
        self.apply(change, &done)
    }

    /// Applies `change` as one step and says what it did: `done` (its first line after
    /// "Done:", each further line a fact of its own), then what it resolved or introduced.
    fn apply(&mut self, change: Change, done: &str) -> Answer {
        let before = self.session.analysis().findings.clone();
        self.session.apply(change).map_err(|e| e.to_string())?;
        self.after_change();
        let mut facts = done.lines();
        let headline = format!("Done: {}", sentence(facts.next().unwrap_or_default()));
        let mut lines = self.report(&headline, &before);
        let rest: Vec<String> = facts.map(sentence).collect();
        lines.splice(1..1, rest);
        Ok(lines)
    }

    /// `headline`, then the findings' changes since `before` and what is still open; when no
    /// finding changed, nothing more (the same counts after every step are tiring to hear).
    fn report(&self, headline: &str, before: &[crate::analysis::Finding]) -> Vec<String> {
        let ws = self.session.workspace();
        let mut lines = vec![headline.to_owned()];
        let changed = delta(ws, before, &self.session.analysis().findings);
        if !changed.is_empty() {
            lines.extend(changed);
            lines.push(still_open(self.session.analysis()));
        }
        lines
    }

    pub(super) fn undo(&mut self) -> Vec<String> {
        let before = self.session.analysis().findings.clone();
        match self.session.undo() {
            Some(label) => {
                self.after_change();
                self.report(&format!("Undone: {}", sentence(&label)), &before)
            }
            None => vec!["Nothing to undo.".to_owned()],
        }
    }

    pub(super) fn redo(&mut self) -> Vec<String> {
        let before = self.session.analysis().findings.clone();
        match self.session.redo() {
            Some(label) => {
                self.after_change();
                self.report(&format!("Redone: {}", sentence(&label)), &before)
            }
            None => vec!["Nothing to redo.".to_owned()],
        }
    }
}

/// What a command would change (`None`: nothing), and the words for "Done:".
type Planned = (Option<Change>, String);

fn give_or_take(ws: &Workspace, args: &Args<'_>, give: bool) -> Result<Planned, String> {
    args.at_most(4)?;
    let index = lookup::item(ws, args.word(1)?)?;
    let role = lookup::role(ws, args.word(2)?)?;
    let d = &ws.departments[lookup::department(ws, args.word(3)?)?];
    let r = &ws.responsibilities[index];
    let role_name = ws.model.label(role);
    if give {
        let change = edit::give_role(ws, index, role, std::slice::from_ref(&d.id));
        // "added as Decides", "added as Owner": right whatever the model calls its roles.
        let done = format!("{} added as {role_name} for {}", d.name, r.name);
        return Ok((change, done));
    }
    if !r.has(role, &d.id) {
        return Err(format!(
            "{} is not {role_name} for {}; show {} says who is",
            d.name, r.name, r.id
        ));
    }
    let change = edit::move_role(ws, index, role, Some(&d.id), None, DropMode::Move);
    Ok((
        change,
        format!("{} removed as {role_name} for {}", d.name, r.name),
    ))
}

fn move_role(ws: &Workspace, args: &Args<'_>) -> Result<Planned, String> {
    args.at_most(5)?;
    let index = lookup::item(ws, args.word(1)?)?;
    let role = lookup::role(ws, args.word(2)?)?;
    let from = &ws.departments[lookup::department(ws, args.word(3)?)?];
    let to = &ws.departments[lookup::department(ws, args.word(4)?)?];
    let r = &ws.responsibilities[index];
    let role_name = ws.model.label(role);
    if !r.has(role, &from.id) {
        return Err(format!(
            "{} is not {role_name} for {}, so there is nothing to move",
            from.name, r.name
        ));
    }
    let change = edit::move_role(
        ws,
        index,
        role,
        Some(&from.id),
        Some(&to.id),
        DropMode::Move,
    );
    Ok((
        change,
        format!(
            "{} replaces {} as {role_name} for {}",
            to.name, from.name, r.name
        ),
    ))
}

fn fund(ws: &Workspace, args: &Args<'_>) -> Result<Planned, String> {
    let index = lookup::item(ws, args.word(1)?)?;
    let d = &ws.departments[lookup::department(ws, args.word(2)?)?];
    let amount = edit::parse_amount(&args.text(3)?)?;
    let r = &ws.responsibilities[index];
    let mut funding = r.funding.clone();
    if amount == 0.0 {
        funding.remove(&d.id);
    } else {
        funding.insert(d.id.clone(), amount);
    }
    let text = edit::funding_text(ws, &funding);
    let change = edit::set_field(ws, index, Field::Funding, &text)?;
    let money = format_money(amount, ws.info.currency.as_deref());
    let done = if amount == 0.0 {
        format!("{} no longer funds {}", d.name, r.name)
    } else {
        format!("{} funds {} with {money}", d.name, r.name)
    };
    Ok((change, done))
}

fn decide(ws: &Workspace, args: &Args<'_>, today: &str) -> Result<Planned, String> {
    let first = args.word(1)?;
    let about = args.words[1]
        .text
        .strip_suffix(':')
        .filter(|_| args.words.len() > 2 || !args.words[1].quoted)
        .map(|key| lookup::item(ws, key))
        .transpose()
        .map_err(|e| {
            format!(
                "{e} (to record a decision about the charter as a whole, put the text in quotes)"
            )
        })?;
    let text = match about {
        Some(_) => args.text(2)?,
        None if first.is_empty() => return Err(args.missing()),
        None => args.text(1)?,
    };
    let id = about.map(|i| ws.responsibilities[i].id.as_str());
    let change = edit::add_decision(ws, today, id, &text)
        .ok_or_else(|| "write what the room decided".to_owned())?;
    let what = about.map_or_else(
        || "the charter".to_owned(),
        |i| ws.responsibilities[i].name.clone(),
    );
    Ok((
        Some(change),
        format!("decision about {what} recorded, dated {today}"),
    ))
}

fn claim(ws: &Workspace, args: &Args<'_>, today: &str) -> Result<Planned, String> {
    let index = lookup::item(ws, args.word(1)?)?;
    let d = &ws.departments[lookup::department(ws, args.word(2)?)?];
    let r = &ws.responsibilities[index];
    let claims: Vec<&crate::workspace::Claim> =
        r.claims.of(&d.id).iter().filter(|c| c.is_open()).collect();
    if claims.is_empty() {
        let open: Vec<String> = r
            .open_claims()
            .map(|(id, _)| ws.department_name(id).to_owned())
            .collect();
        return Err(if open.is_empty() {
            format!("{} has no open claim on {}; nobody has", d.name, r.name)
        } else {
            format!(
                "{} has no open claim on {}; {} {}",
                d.name,
                r.name,
                lookup::and_list(&open),
                if open.len() == 1 { "has" } else { "have" }
            )
        });
    }
    let verb = args.word(3)?.to_lowercase();
    let (answer, done) = match verb.as_str() {
        "accept" => {
            let mut roles: Vec<Role> = Vec::new();
            for word in args.words.get(4..).unwrap_or_default() {
                roles.push(lookup::role(ws, &word.text)?);
            }
            if roles.is_empty() {
                return Err(args.missing());
            }
            let names: Vec<String> = roles
                .iter()
                .map(|&role| ws.model.label(role).to_owned())
                .collect();
            let done = format!(
                "{}'s claim on {} accepted: {} added as {}",
                d.name,
                r.name,
                d.name,
                lookup::and_list(&names)
            );
            (ClaimAnswer::Accept(roles), done)
        }
        "decline" => {
            let reason = args.text(4)?;
            let done = format!("{}'s claim on {} declined", d.name, r.name);
            (ClaimAnswer::Decline(reason), done)
        }
        other => {
            return Err(format!(
                "\"{other}\" is neither accept nor decline; usage: {}",
                args.usage
            ));
        }
    };
    // The claim answered: the one on the role accepted, else the department's first open one.
    let accepted: Vec<&str> = match &answer {
        ClaimAnswer::Accept(roles) => roles.iter().map(|&role| ws.model.key(role)).collect(),
        ClaimAnswer::Decline(_) => Vec::new(),
    };
    let claim = claims
        .iter()
        .find(|c| c.role.as_deref().is_some_and(|key| accepted.contains(&key)))
        .unwrap_or(&claims[0]);
    let role = claim.role.as_deref();
    if let (Some(key), ClaimAnswer::Accept(roles)) = (role, &answer)
        && !(roles.len() == 1 && ws.model.key(roles[0]) == key)
    {
        return Err(format!(
            "{} claims the {key} role on {}; accepting it gives exactly that: claim {} {} accept {key}",
            d.name, r.name, r.id, d.id
        ));
    }
    let change = edit::answer_claim(ws, index, &d.id, role, &answer, today)?;
    Ok((
        Some(change),
        format!("{done}\nRecorded in the decision log."),
    ))
}

fn sign(
    ws: &Workspace,
    args: &Args<'_>,
    today: &str,
    analysis: &crate::analysis::Analysis,
) -> Result<Planned, String> {
    let index = lookup::department(ws, args.word(1)?)?;
    let name = args.text(2)?;
    let open = crate::signoff::OpenItems::of(ws, analysis);
    let words = open.words();
    let Some(mut change) = edit::sign(ws, index, today, words.as_deref()) else {
        return Ok((None, String::new()));
    };
    if let Edit::SetDepartment { value, .. } = &mut change.edit
        && let Some(signed) = &mut value.signed
    {
        signed.by = name.trim().to_owned();
    }
    let d = &ws.departments[index];
    let mut done = format!("{} signed by {}, dated {today}", d.name, name.trim());
    if let Some(words) = words {
        done.push_str(&format!(
            "\nOpen when signed: {words}; the signature notes it."
        ));
    }
    Ok((Some(change), done))
}

fn add(ws: &Workspace, args: &Args<'_>) -> Result<Planned, String> {
    let id = args.word(1)?;
    let name = args.text(2)?;
    if !crate::workspace::is_valid_id(id) {
        return Err(format!(
            "\"{id}\" cannot be an id: use lowercase letters, digits and dashes, such as crisis-drills"
        ));
    }
    if let Some(existing) = ws.responsibility(id) {
        return Err(format!("the id {id} is taken by {}", existing.name));
    }
    let mut change = edit::add_responsibility(ws, &name, None).ok_or_else(|| args.missing())?;
    if let Edit::InsertResponsibility { value, .. } = &mut change.edit {
        value.id = id.to_owned();
    }
    let done = format!(
        "{} added, id {id}.\nNobody holds a role in it yet.",
        name.trim()
    );
    Ok((Some(change), done))
}

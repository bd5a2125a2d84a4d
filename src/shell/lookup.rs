//! What a person means by ITEM, DEPT, ROLE or AREA: an id, a full name, or an unambiguous
//! prefix of either, case-insensitive; a miss says what was probably meant.

use crate::workspace::{Role, Workspace};

/// Finds the one entry `key` means among `entries` (id, name): an exact id, then a name or id
/// equal to it ignoring case, then a unique prefix of a name or an id, then a unique start of a
/// word of the name ("listening" for "Social listening and monitoring"). Returns its position.
/// `what` names the kind in errors ("item", "department").
pub fn resolve<'a>(
    entries: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    key: &str,
    what: &str,
) -> Result<usize, String> {
    let key = key.trim();
    if key.is_empty() {
        return Err(format!("the {what} is missing"));
    }
    if let Some(at) = entries.clone().position(|(id, _)| id == key) {
        return Ok(at);
    }
    let lower = key.to_lowercase();
    let pick = |keep: &dyn Fn(&str, &str) -> bool| -> Vec<usize> {
        entries
            .clone()
            .enumerate()
            .filter(|(_, (id, name))| keep(&id.to_lowercase(), &name.trim().to_lowercase()))
            .map(|(at, _)| at)
            .collect()
    };
    let names = |found: &[usize]| -> String {
        let all: Vec<&str> = entries.clone().map(|(_, name)| name).collect();
        let mut listed: Vec<String> = found
            .iter()
            .take(5)
            .map(|&at| format!("\"{}\"", all[at]))
            .collect();
        if found.len() > 5 {
            listed.push(format!("{} more", found.len() - 5));
        }
        or_list(&listed)
    };
    for tier in 0..3 {
        let found = pick(&|id, name| match tier {
            0 => id == lower || name == lower,
            1 => id.starts_with(&lower) || name.starts_with(&lower),
            _ => name
                .match_indices(&lower)
                .any(|(at, _)| name[..at].ends_with(|c: char| !c.is_alphanumeric())),
        });
        match found.as_slice() {
            [one] => return Ok(*one),
            [] => {}
            many => {
                return Err(format!(
                    "\"{key}\" could be {}; type more of the name or use the id",
                    names(many)
                ));
            }
        }
    }
    Err(unknown(entries, key, &lower, what))
}

/// "no item "Crisis responce"; did you mean "Crisis response"?", or the nearest few.
fn unknown<'a>(
    entries: impl Iterator<Item = (&'a str, &'a str)>,
    key: &str,
    lower: &str,
    what: &str,
) -> String {
    let best = entries
        .map(|(id, name)| {
            let by_name = strsim::jaro_winkler(lower, &name.trim().to_lowercase());
            let by_id = strsim::jaro_winkler(lower, id);
            (by_name.max(by_id), name)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, name)) if score >= 0.7 => {
            format!("no {what} \"{key}\"; did you mean \"{name}\"?")
        }
        Some(_) if what == "role" => format!("no role \"{key}\""),
        Some(_) if what == "department" => {
            format!("no department \"{key}\"; summary counts them, department DEPT describes one")
        }
        Some(_) => format!("no {what} \"{key}\"; the list command names them all"),
        None => format!("no {what} \"{key}\": there are none yet"),
    }
}

/// "a", "a or b", "a, b or c".
pub fn or_list(items: &[String]) -> String {
    join_with(items, "or")
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    join_with(items, "and")
}

fn join_with(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// The responsibility `key` means, by position.
pub fn item(ws: &Workspace, key: &str) -> Result<usize, String> {
    resolve(
        ws.responsibilities
            .iter()
            .map(|r| (r.id.as_str(), r.name.as_str())),
        key,
        "item",
    )
}

/// The department `key` means, by position.
pub fn department(ws: &Workspace, key: &str) -> Result<usize, String> {
    resolve(
        ws.departments
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str())),
        key,
        "department",
    )
}

/// The role `key` means in the workspace's model: its key (`accountable`), its name or letter,
/// or an unambiguous prefix of its key or name.
pub fn role(ws: &Workspace, key: &str) -> Result<Role, String> {
    let model = &ws.model;
    let mut chars = key.chars();
    if let (Some(letter), None) = (chars.next(), chars.next())
        && let Some(role) = model.by_letter(letter)
    {
        return Ok(role);
    }
    let defs = model.defs();
    resolve(
        defs.iter().map(|d| (d.key.as_str(), d.name.as_str())),
        key,
        "role",
    )
    .map_err(|e| {
        let keys: Vec<String> = model.keys().map(str::to_owned).collect();
        // After a question ("did you mean ...?") the list is a sentence of its own.
        let joint = if e.ends_with('?') { " The" } else { "; the" };
        format!(
            "{e}{joint} {} roles are {}",
            model_name(ws),
            and_list(&keys)
        )
    })
    .and_then(|at| {
        model
            .role(at)
            .ok_or_else(|| format!("no role \"{key}\" in this workspace"))
    })
}

/// The model's name as said aloud: "RACI", "does, decides, answers", "custom".
pub fn model_name(ws: &Workspace) -> &'static str {
    match ws.model.name() {
        "raci" => "RACI",
        "rasci" => "RASCI",
        "daci" => "DACI",
        "rapid" => "RAPID",
        "does-decides-answers" => "does, decides, answers",
        _ => "custom",
    }
}

/// The areas of the workspace, in first-seen order.
pub fn areas(ws: &Workspace) -> Vec<&str> {
    let mut seen = rustc_hash::FxHashSet::default();
    ws.responsibilities
        .iter()
        .filter_map(|r| r.area.as_deref())
        .filter(|area| seen.insert(*area))
        .collect()
}

/// The area `key` means.
pub fn area<'a>(ws: &'a Workspace, key: &str) -> Result<&'a str, String> {
    let all = areas(ws);
    resolve(all.iter().map(|a| (*a, *a)), key, "area").map(|at| all[at])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workspace {
        crate::workspace::parse(crate::SAMPLE_WORKSPACE)
            .expect("sample")
            .workspace
    }

    #[test]
    fn ids_names_and_prefixes_find_one_item_ignoring_case() {
        let ws = sample();
        let crisis = ws
            .responsibility_index("crisis-response")
            .expect("in the sample");
        assert_eq!(item(&ws, "crisis-response"), Ok(crisis));
        assert_eq!(item(&ws, "CRISIS RESPONSE"), Ok(crisis));
        assert_eq!(item(&ws, "crisis r"), Ok(crisis));
        let listening = ws
            .responsibility_index("social-listening")
            .expect("listening");
        assert_eq!(item(&ws, "listening"), Ok(listening));
        let legal = ws.department_index("legal").expect("legal");
        assert_eq!(department(&ws, "leg"), Ok(legal));
        assert_eq!(department(&ws, "Legal & Compliance"), Ok(legal));
    }

    #[test]
    fn a_miss_says_what_was_meant_and_an_ambiguity_lists_the_candidates() {
        let ws = sample();
        assert_eq!(
            item(&ws, "Crisis responce").expect_err("misspelt"),
            "no item \"Crisis responce\"; did you mean \"Crisis response\"?"
        );
        let many = item(&ws, "social").expect_err("several");
        assert!(many.starts_with("\"social\" could be "), "{many}");
        assert!(many.contains(" or "), "{many}");
    }

    #[test]
    fn roles_by_key_name_letter_or_prefix_and_a_miss_lists_the_model() {
        let ws = sample();
        let a = ws.model.by_key("accountable").expect("raci");
        assert_eq!(role(&ws, "accountable"), Ok(a));
        assert_eq!(role(&ws, "A"), Ok(a));
        assert_eq!(role(&ws, "acc"), Ok(a));
        let miss = role(&ws, "owner").expect_err("no such role");
        assert!(
            miss.ends_with("; the RACI roles are accountable, responsible, consulted and informed"),
            "{miss}"
        );
        let near = role(&ws, "acountable").expect_err("misspelt");
        assert_eq!(
            near,
            "no role \"acountable\"; did you mean \"Accountable\"? The RACI roles are \
             accountable, responsible, consulted and informed"
        );
    }
}

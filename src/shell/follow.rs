//! Following someone else's session as lines (a `serve` participant's plain view): what
//! changed, and each step of the agenda, said as they happen.

use crate::agenda::Agenda;
use crate::session::Session;
use crate::workspace::Workspace;

/// At most this many changes are read out at once; the rest are counted.
const MOST_CHANGES: usize = 12;

/// What a follower heard last: the workspace as it was and the agenda's current item.
#[derive(Debug, Clone)]
pub struct Narrator {
    revision: u64,
    workspace: Workspace,
    agenda: Option<crate::agenda::ItemKey>,
}

impl Narrator {
    /// Starts from `session` and `agenda` as they are (nothing to say yet).
    pub fn new(session: &Session, agenda: &Agenda) -> Narrator {
        Narrator {
            revision: session.revision(),
            workspace: session.workspace().clone(),
            agenda: agenda.current().cloned(),
        }
    }

    /// What happened since the last call: the changes to the workspace (as the `changes`
    /// command says them), what is still open, and the agenda's new step. Empty when neither
    /// moved. The lines are not sanitized yet (see [`crate::shell::Shell`]'s answers).
    pub fn update(&mut self, session: &Session, agenda: &Agenda) -> Vec<String> {
        let mut lines = Vec::new();
        if session.revision() != self.revision {
            let diff = crate::diff::diff(&self.workspace, session.workspace());
            if !diff.is_empty() {
                let spoken =
                    crate::diff::render_spoken(&diff, &self.workspace, session.workspace());
                let more = spoken.len().saturating_sub(MOST_CHANGES);
                if spoken.len() == 1 {
                    lines.push(format!("Changed: {}", spoken[0]));
                } else {
                    lines.push(format!("{} changes:", spoken.len()));
                    lines.extend(spoken.into_iter().take(MOST_CHANGES));
                }
                if more > 0 {
                    lines.push(format!("And {more} more changes; changes lists them all."));
                }
                lines.push(super::speech::still_open(session.analysis()));
            }
            self.revision = session.revision();
            self.workspace = session.workspace().clone();
        }
        let current = agenda.current().cloned();
        if current != self.agenda {
            if let Some(index) = agenda.finding_index(session.analysis()) {
                let finding = &session.analysis().findings[index];
                let step =
                    super::read::agenda_step(session.workspace(), finding, agenda.standing());
                lines.push(format!("Agenda: {}", step[0]));
            }
            self.agenda = current;
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follower_hears_each_change_and_each_agenda_step_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.toml");
        std::fs::write(&path, crate::SAMPLE_WORKSPACE).expect("write");
        let mut session = Session::open(&path).expect("sample");
        let mut agenda = Agenda::default();
        let mut narrator = Narrator::new(&session, &agenda);
        assert!(narrator.update(&session, &agenda).is_empty());
        agenda = Agenda::new(session.workspace(), session.analysis(), 0);
        agenda.step(session.analysis(), true);
        assert_eq!(
            narrator.update(&session, &agenda),
            [
                "Agenda: Finding 1 of 16, error: Nobody is accountable for \"Executive social presence\"."
            ]
        );
        let ws = session.workspace();
        let index = ws
            .responsibility_index("executive-presence")
            .expect("sample");
        let role = ws.model.answering();
        let change = crate::edit::give_role(ws, index, role, &["exec".to_owned()]).expect("gives");
        session.apply(change).expect("applies");
        let heard = narrator.update(&session, &agenda);
        assert_eq!(
            heard[..3],
            [
                "2 changes:",
                "Executive social presence: added Executive office: Accountable.",
                "Executive social presence: resolved hot potato."
            ]
        );
        assert_eq!(
            heard.last().map(String::as_str),
            Some("Still open: 4 errors, 9 warnings, 2 info.")
        );
        assert!(narrator.update(&session, &agenda).is_empty(), "said once");
    }
}

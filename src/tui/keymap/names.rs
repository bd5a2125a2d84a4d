//! The stable name of every action a key can be bound to, as written in the keymap and in the
//! settings file's `[keys]` tables.

use super::super::action::{Action, Direction};

/// Every bindable action and its name. Actions that carry data from the mouse or the terminal
/// (a click, a drag, a resize, text typed) have none.
pub const NAMES: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::Save, "save"),
    (Action::Export, "export"),
    (Action::Undo, "undo"),
    (Action::Redo, "redo"),
    (Action::ToggleHelp, "toggle-help"),
    (Action::ToggleView, "toggle-view"),
    (Action::NextLens, "next-lens"),
    (Action::PreviousLens, "previous-lens"),
    (Action::Move(Direction::Left), "left"),
    (Action::Move(Direction::Right), "right"),
    (Action::Move(Direction::Up), "up"),
    (Action::Move(Direction::Down), "down"),
    (Action::PageUp, "page-up"),
    (Action::PageDown, "page-down"),
    (Action::PickUp, "pick-up"),
    (Action::Drop, "drop"),
    (Action::DropShare, "drop-share"),
    (Action::ToggleShare, "toggle-share"),
    (Action::Cancel, "cancel"),
    (Action::Activate, "activate"),
    (Action::NextFinding, "next-finding"),
    (Action::PreviousFinding, "previous-finding"),
    (Action::FocusFindings, "focus-findings"),
    (Action::FocusDetail, "focus-detail"),
    (Action::ToggleFindingsPanel, "toggle-findings-panel"),
    (Action::ToggleDetailPanel, "toggle-detail-panel"),
    (Action::AddResponsibility, "add-responsibility"),
    (Action::AddDepartment, "add-department"),
    (Action::Rename, "rename"),
    (Action::RenameDepartment, "rename-department"),
    (Action::Delete, "delete"),
    (Action::DeleteDepartment, "delete-department"),
    (Action::SetLead, "set-lead"),
    (Action::CycleCell, "cycle-cell"),
    (Action::ResolveClaims, "resolve-claims"),
    (Action::RecordDecision, "record-decision"),
    (Action::Waive, "waive"),
    (Action::Mark, "mark"),
    (Action::DecisionLog, "decision-log"),
    (Action::TogglePark, "toggle-park"),
    (Action::ParkingLot, "parking-lot"),
    (Action::SignOff, "sign-off"),
    (Action::ShowChanges, "show-changes"),
    (Action::EditFacts, "edit-facts"),
    (Action::ToggleSpotlight, "toggle-spotlight"),
    (Action::ToggleLoadView, "toggle-load-view"),
    (Action::FilterText, "filter-text"),
    (Action::FilterBy, "filter-by"),
    (Action::JumpToDepartment, "jump-to-department"),
    (Action::NextTheme, "next-theme"),
    (Action::First, "first"),
    (Action::Last, "last"),
    (Action::Accept, "accept"),
    (Action::Decline, "decline"),
    (Action::RecordClaim, "record-claim"),
    (Action::Edit, "edit"),
    (Action::Unpark, "unpark"),
    (Action::Sign, "sign"),
    (Action::Withdraw, "withdraw"),
    (Action::Yes, "yes"),
    (Action::SaveAndQuit, "save-and-quit"),
    (Action::DiscardAndQuit, "discard-and-quit"),
    (Action::ReloadTheirs, "reload-theirs"),
    (Action::OverwriteTheirs, "overwrite-theirs"),
    (Action::WithoutChanges, "without-changes"),
    (Action::Complete, "complete"),
    (Action::ClearLine, "clear-line"),
    (Action::DeleteBefore, "delete-before"),
    (Action::DeleteAfter, "delete-after"),
    (Action::MergeConflicts, "merge-conflicts"),
    (Action::KeepOurs, "keep-ours"),
    (Action::TakeTheirs, "take-theirs"),
    (Action::LookAround, "look-around"),
    (Action::Follow, "follow"),
    (Action::RaiseClaim, "raise-claim"),
    (Action::RaiseComment, "raise-comment"),
    (Action::RaisedQueue, "raised-queue"),
];

impl Action {
    /// The action's name in the keymap and the settings file, if keys can be bound to it.
    pub fn name(self) -> Option<&'static str> {
        NAMES.iter().find(|(a, _)| *a == self).map(|(_, n)| *n)
    }

    /// The action called `name`.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for (i, (action, name)) in NAMES.iter().enumerate() {
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), Some(*name));
            assert!(
                NAMES[i + 1..].iter().all(|(a, n)| a != action && n != name),
                "{name} twice"
            );
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
    }
}

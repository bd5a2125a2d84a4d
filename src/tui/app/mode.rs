//! The interaction modes of the board: prompts, questions and list overlays, and what each
//! one is about.

use crate::edit::{Field, InfoField};
use crate::workspace::Role;

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    AddResponsibility,
    AddDepartment,
    RenameResponsibility(usize),
    RenameDepartment(usize),
    EditField(usize, Field),
    DepartmentLead(usize),
    /// The lead of the department at this position, named from the sign-off list (which
    /// opens again after); `then_sign`: the lead was asked for to sign, which follows.
    SignerLead {
        department: usize,
        then_sign: bool,
    },
    /// A decision about a responsibility, a department or the whole charter (Tab switches).
    RecordDecision(DecisionAbout),
    EditDecision(usize),
    /// The note of a responsibility being parked.
    Park(usize),
    /// The reason for waiving the finding at this position of the analysis.
    Waive(usize),
    /// Why `department` claims `role` of the responsibility (the facilitator records it).
    RecordClaim {
        responsibility: usize,
        department: usize,
        role: Role,
    },
    /// The reason for declining `department`'s claim on `role` (`None`: on no particular role)
    /// of the responsibility.
    DeclineClaim {
        responsibility: usize,
        department: usize,
        role: Option<Role>,
    },
    EditInfo(InfoField),
    /// Filter the cards by text, live as it is typed.
    FilterText,
    /// Jump to a department by the first letters of its name, live as they are typed.
    JumpToDepartment,
}

/// What a decision being recorded is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionAbout {
    /// The responsibility at this position.
    Responsibility(usize),
    /// The department at this position.
    Department(usize),
    /// The charter as a whole.
    Charter,
}

/// The most characters a prompt holds: more is refused (typed) or cut (pasted), with a message.
pub const MAX_PROMPT_CHARS: usize = 10_000;

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub error: Option<String>,
}

/// A question the person must answer before anything else happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    DeleteResponsibility(usize),
    DeleteDepartment(usize),
    QuitUnsaved,
    ChangedOnDisk,
    Export {
        overwrite: bool,
    },
    DeleteDecision(usize),
    /// A plain save would write over a read-only file or lose the file's owner, links or
    /// attributes (the reason); `y` saves anyway, in place where needed.
    SaveAnyway(String),
    /// A change that may not be what the room meant (the reason); `y` applies
    /// [`App::pending`].
    Confirm(String),
    /// The lead of the department at this position signs while items are still `open`; `y`
    /// signs and the signature notes them. Either answer goes back to the sign-off list.
    SignWithOpen {
        department: usize,
        open: crate::signoff::OpenItems,
    },
}

/// A list overlay the person moves through with the arrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// The open claims of a responsibility, to accept or decline one at a time.
    Claims(usize),
    /// Choosing the role an accepted claim gives (`department` position).
    ClaimRoles {
        responsibility: usize,
        department: usize,
    },
    /// The decision log.
    Decisions,
    /// The parking lot.
    Parked,
    /// The workspace's facts.
    Facts,
    /// A department to take `role` of the responsibility (a fix for a hot potato or no doer).
    GiveRole { responsibility: usize, role: Role },
    /// The departments and their signatures.
    SignOff,
    /// The changes since the workspace was opened.
    Changes,
    /// Filter the cards by area or by finding kind.
    FilterBy,
    /// The merge conflicts, to resolve one side at a time.
    Conflicts,
    /// What remote participants raised (`whoowns serve`), to accept or dismiss.
    Raised,
    /// Which department claims the responsibility (recorded by the facilitator).
    NewClaim(usize),
    /// Which role `department` claims (recorded by the facilitator).
    NewClaimRole {
        responsibility: usize,
        department: usize,
    },
}

/// An open list overlay and its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListState {
    pub kind: ListKind,
    pub selected: usize,
    pub scroll: usize,
}

/// The interaction mode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Prompt(Prompt),
    List(ListState),
    Ask(Question),
    Help {
        scroll: u16,
    },
}

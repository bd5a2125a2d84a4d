//! Everything that can happen to the app, as values: keys and mouse events become actions.

use ratatui::crossterm::event::KeyEvent;

/// A direction for moving the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// One thing the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Save,
    Export,
    Undo,
    Redo,
    ToggleHelp,
    ToggleView,
    NextLens,
    PreviousLens,
    Move(Direction),
    PageUp,
    PageDown,
    /// Pick the selected card up to move it with the keyboard.
    PickUp,
    /// Drop the carried card on the chosen column (moving the role).
    Drop,
    /// Drop the carried card, sharing the role instead of moving it.
    DropShare,
    /// Switch between moving and sharing while carrying or dragging.
    ToggleShare,
    Cancel,
    /// Enter: the default action of what has focus.
    Activate,
    NextFinding,
    PreviousFinding,
    FocusFindings,
    FocusDetail,
    ToggleFindingsPanel,
    ToggleDetailPanel,
    AddResponsibility,
    AddDepartment,
    Rename,
    RenameDepartment,
    Delete,
    DeleteDepartment,
    /// Set the lead of the selected department.
    SetLead,
    CycleCell,
    /// Accept or decline the open claims on the selected responsibility.
    ResolveClaims,
    /// Record a decision about the selected responsibility (or the workspace).
    RecordDecision,
    /// Mark (or unmark) the row of a list, to act on every marked row at once.
    Mark,
    /// Waive the finding the room is on: accept it on purpose, with a reason.
    Waive,
    /// Show the decision log (edit, delete).
    DecisionLog,
    /// Park the selected responsibility for later, or un-park it.
    TogglePark,
    /// Show the parking lot.
    ParkingLot,
    /// Show the departments' signatures (sign, withdraw).
    SignOff,
    /// Show the changes since the workspace was opened.
    ShowChanges,
    /// Edit the workspace's facts (name, facilitator, date...).
    EditFacts,
    /// Show the selected responsibility alone, in large type, for the room (or go back).
    ToggleSpotlight,
    /// Show each department's load as bar charts (or go back).
    ToggleLoadView,
    /// Filter the cards by text (name, id, area, notes).
    FilterText,
    /// Filter the cards by area or by finding kind.
    FilterBy,
    /// Jump to a department by the first letters of its name.
    JumpToDepartment,
    /// Switch to the next theme (remembered in the settings).
    NextTheme,
    /// Show the merge conflicts (one key per side resolves one).
    MergeConflicts,
    /// The first row of a list, or the start of a prompt's line.
    First,
    /// The last row of a list, or the end of a prompt's line.
    Last,
    /// Accept the selected claim.
    Accept,
    /// Decline the selected claim (with a reason).
    Decline,
    /// In the claims: record another claim (which department, which role, why).
    RecordClaim,
    /// Edit the selected entry of a list.
    Edit,
    /// Take the selected responsibility out of the parking lot.
    Unpark,
    /// Sign the selected department's part.
    Sign,
    /// Withdraw the selected department's signature.
    Withdraw,
    /// Answer yes to a question (delete, save anyway, export, overwrite the export).
    Yes,
    /// Quitting with unsaved changes: save, then quit.
    SaveAndQuit,
    /// Quitting with unsaved changes: quit without saving.
    DiscardAndQuit,
    /// The file changed on disk: load theirs, dropping the unsaved changes.
    ReloadTheirs,
    /// The file changed on disk: save over it.
    OverwriteTheirs,
    /// Export the charter without the changes of this session.
    WithoutChanges,
    /// In a prompt: complete the name before the cursor.
    Complete,
    /// In a prompt: clear the line.
    ClearLine,
    /// In a prompt: delete the character before the cursor.
    DeleteBefore,
    /// In a prompt: delete the character under the cursor.
    DeleteAfter,
    /// A merge conflict: keep our value.
    KeepOurs,
    /// A merge conflict: take their value.
    TakeTheirs,
    /// Text typed into an open prompt or an answer to a question.
    /// A remote participant stops following the facilitator and looks around alone.
    LookAround,
    /// A remote participant follows the facilitator again.
    Follow,
    /// A remote participant raises a claim on the responsibility in view.
    RaiseClaim,
    /// A remote participant raises a comment on the responsibility in view.
    RaiseComment,
    /// The facilitator's queue of what remote participants raised.
    RaisedQueue,
    Key(KeyEvent),
    /// Mouse button pressed on a card: (column, position in column); `share` asks to share.
    PressCard {
        column: usize,
        card: usize,
        share: bool,
    },
    /// Mouse moved with a button held, over a column (if any; never a scroll edge).
    DragTo {
        x: u16,
        y: u16,
        column: Option<usize>,
    },
    /// Mouse button released over a column (if any).
    Release {
        column: Option<usize>,
    },
    /// A click on a matrix cell: (responsibility, department).
    PressCell {
        responsibility: usize,
        department: usize,
    },
    /// A click on a row of the findings panel.
    PressFinding(usize),
    /// A click on a column header.
    PressColumn(usize),
    /// Wheel over a board column.
    ScrollColumn {
        column: usize,
        delta: i16,
    },
    /// Scroll the board's department columns sideways by this many columns.
    ScrollColumns(i16),
    /// Wheel over the matrix or the findings panel.
    ScrollMatrix(i16),
    ScrollFindings(i16),
    /// The terminal changed size.
    Resize,
}

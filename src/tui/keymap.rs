//! The keymap: every binding with its description. Dispatch and the help overlay both read it,
//! so the help can never drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Direction};

/// Where a binding applies. The app asks for the innermost context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Board,
    Matrix,
    Findings,
    Detail,
    Carrying,
    Spotlight,
    Load,
}

impl Context {
    /// The heading of this context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Board => "Board",
            Context::Matrix => "Matrix",
            Context::Findings => "Findings panel",
            Context::Detail => "Detail panel",
            Context::Carrying => "Carrying a card (keyboard move)",
            Context::Spotlight => "Focus mode",
            Context::Load => "Load view",
        }
    }
}

/// A key with modifiers, as written in the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Chord {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Chord {
    /// How the chord is written in the help: `Ctrl+S`, `←`, `Enter`.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl+{base}")
        } else {
            base
        }
    }

    fn matches(self, event: &KeyEvent) -> bool {
        // Shift is carried by the character itself ('N' vs 'n').
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let code = match event.code {
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        code == self.code && (event.modifiers & relevant) == (self.modifiers & relevant)
    }
}

/// One entry of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Chord],
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Chord],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        description,
    }
}

use Context::{Board, Carrying, Detail, Findings, Global, Load, Matrix, Spotlight};

/// The default keymap.
pub const BINDINGS: &[Binding] = &[
    bind(
        Global,
        &[ch('?'), key(KeyCode::F(1))],
        Action::ToggleHelp,
        "show or hide this help",
    ),
    bind(
        Global,
        &[ch('q'), ctrl('c')],
        Action::Quit,
        "quit (asks to save unsaved changes)",
    ),
    bind(
        Global,
        &[ctrl('s')],
        Action::Save,
        "save the workspace (atomic, keeps comments)",
    ),
    bind(
        Global,
        &[ch('u'), ctrl('z')],
        Action::Undo,
        "undo the last change",
    ),
    bind(Global, &[ctrl('r'), ctrl('y')], Action::Redo, "redo"),
    bind(
        Global,
        &[ch('e')],
        Action::Export,
        "export the charter as Markdown next to the workspace",
    ),
    bind(
        Global,
        &[key(KeyCode::Tab)],
        Action::ToggleView,
        "switch between board and matrix",
    ),
    bind(
        Global,
        &[ch('l')],
        Action::NextLens,
        "next lens: Accountable, Responsible, Consulted, Informed",
    ),
    bind(Global, &[ch('L')], Action::PreviousLens, "previous lens"),
    bind(
        Global,
        &[ch('n')],
        Action::NextFinding,
        "agenda: the next open finding (then Enter opens its fix)",
    ),
    bind(
        Global,
        &[ch('N')],
        Action::PreviousFinding,
        "agenda: the previous open finding",
    ),
    bind(
        Global,
        &[ch('f')],
        Action::FocusFindings,
        "focus the findings panel",
    ),
    bind(
        Global,
        &[ch('i')],
        Action::FocusDetail,
        "focus the detail panel (edit fields)",
    ),
    bind(
        Global,
        &[ch('F')],
        Action::ToggleFindingsPanel,
        "show or hide the findings panel",
    ),
    bind(
        Global,
        &[ch('D')],
        Action::ToggleDetailPanel,
        "show or hide the detail panel",
    ),
    bind(
        Global,
        &[ch('a')],
        Action::AddResponsibility,
        "add a responsibility",
    ),
    bind(
        Global,
        &[ch('A')],
        Action::AddDepartment,
        "add a department",
    ),
    bind(
        Global,
        &[ch('r')],
        Action::Rename,
        "rename the selected responsibility",
    ),
    bind(
        Global,
        &[ch('R')],
        Action::RenameDepartment,
        "rename the selected department",
    ),
    bind(
        Global,
        &[ch('x'), key(KeyCode::Delete)],
        Action::Delete,
        "delete the selected responsibility (asks first)",
    ),
    bind(
        Global,
        &[ch('W')],
        Action::SetLead,
        "set who signs for the selected department (its lead)",
    ),
    bind(
        Global,
        &[ch('X')],
        Action::DeleteDepartment,
        "delete the selected department (asks first)",
    ),
    bind(
        Global,
        &[ch('c')],
        Action::ResolveClaims,
        "settle the claims on the selected responsibility (accept or decline)",
    ),
    bind(
        Global,
        &[ch('d')],
        Action::RecordDecision,
        "record a decision (about the selected responsibility), dated today",
    ),
    bind(
        Global,
        &[ch('g')],
        Action::DecisionLog,
        "the decision log: edit or delete entries",
    ),
    bind(
        Global,
        &[ch('p')],
        Action::TogglePark,
        "park the selected responsibility for later (with a note), or un-park it",
    ),
    bind(
        Global,
        &[ch('P')],
        Action::ParkingLot,
        "the parking lot: what was set aside",
    ),
    bind(
        Global,
        &[ch('S')],
        Action::SignOff,
        "sign-off: each department's lead signs (stale after a later change)",
    ),
    bind(
        Global,
        &[ch('C')],
        Action::ShowChanges,
        "the changes since the workspace was opened",
    ),
    bind(
        Global,
        &[ch('I')],
        Action::EditFacts,
        "the workshop's facts: name, organization, facilitator, purpose, date",
    ),
    bind(
        Global,
        &[ch('z')],
        Action::ToggleSpotlight,
        "focus mode: the selected responsibility alone, in large type (again to go back)",
    ),
    bind(
        Global,
        &[ch('v')],
        Action::ToggleLoadView,
        "load view: what each department carries and funds (again to go back)",
    ),
    bind(
        Global,
        &[ch('/')],
        Action::FilterText,
        "filter the cards by text (name, id, area, notes)",
    ),
    bind(
        Global,
        &[ch('=')],
        Action::FilterBy,
        "filter the cards by area or by finding kind",
    ),
    bind(
        Global,
        &[ch('J')],
        Action::JumpToDepartment,
        "jump to a department by the first letters of its name",
    ),
    bind(
        Global,
        &[ch('t')],
        Action::NextTheme,
        "next theme: default, high-contrast, light, mono (remembered)",
    ),
    bind(
        Board,
        &[key(KeyCode::Esc)],
        Action::Cancel,
        "clear the filter",
    ),
    bind(
        Global,
        &[ch('M')],
        Action::MergeConflicts,
        "merge conflicts from `whoowns merge`: o keeps ours, t takes theirs",
    ),
    bind(
        Board,
        &[key(KeyCode::Left), ch('h')],
        Action::Move(Direction::Left),
        "select the column to the left",
    ),
    bind(
        Board,
        &[key(KeyCode::Right)],
        Action::Move(Direction::Right),
        "select the column to the right",
    ),
    bind(
        Board,
        &[key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "select the card above",
    ),
    bind(
        Board,
        &[key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "select the card below",
    ),
    bind(
        Board,
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        "scroll the column up a page",
    ),
    bind(
        Board,
        &[key(KeyCode::PageDown)],
        Action::PageDown,
        "scroll the column down a page",
    ),
    bind(
        Board,
        &[ch('m'), ch(' ')],
        Action::PickUp,
        "pick the card up to move it (then ←/→ and Enter)",
    ),
    bind(
        Board,
        &[key(KeyCode::Enter)],
        Action::Activate,
        "open the card in the detail panel",
    ),
    bind(
        Carrying,
        &[key(KeyCode::Left), ch('h')],
        Action::Move(Direction::Left),
        "choose the column to the left",
    ),
    bind(
        Carrying,
        &[key(KeyCode::Right)],
        Action::Move(Direction::Right),
        "choose the column to the right",
    ),
    bind(
        Carrying,
        &[key(KeyCode::Enter), ch('m'), ch(' ')],
        Action::Drop,
        "drop: move the role to the chosen column",
    ),
    bind(
        Carrying,
        &[ch('s')],
        Action::DropShare,
        "drop as shared: add the chosen column, keep the source",
    ),
    bind(
        Carrying,
        &[key(KeyCode::Esc)],
        Action::Cancel,
        "put the card back",
    ),
    bind(
        Matrix,
        &[key(KeyCode::Left), ch('h')],
        Action::Move(Direction::Left),
        "select the cell to the left",
    ),
    bind(
        Matrix,
        &[key(KeyCode::Right)],
        Action::Move(Direction::Right),
        "select the cell to the right",
    ),
    bind(
        Matrix,
        &[key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "select the row above",
    ),
    bind(
        Matrix,
        &[key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "select the row below",
    ),
    bind(
        Matrix,
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        "scroll up a page",
    ),
    bind(
        Matrix,
        &[key(KeyCode::PageDown)],
        Action::PageDown,
        "scroll down a page",
    ),
    bind(
        Matrix,
        &[ch(' '), key(KeyCode::Enter)],
        Action::CycleCell,
        "cycle the cell: none, R, AR, A, C, I",
    ),
    bind(
        Findings,
        &[key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "previous finding",
    ),
    bind(
        Findings,
        &[key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "next finding",
    ),
    bind(
        Findings,
        &[key(KeyCode::Enter)],
        Action::Activate,
        "open the fix that fits the finding (give a home, tie-breaker, claim, funding)",
    ),
    bind(
        Findings,
        &[key(KeyCode::Esc)],
        Action::Cancel,
        "back to the board",
    ),
    bind(
        Spotlight,
        &[key(KeyCode::Left), ch('h'), key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "the previous responsibility",
    ),
    bind(
        Spotlight,
        &[key(KeyCode::Right), key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "the next responsibility",
    ),
    bind(
        Spotlight,
        &[key(KeyCode::Esc)],
        Action::ToggleSpotlight,
        "back to the board",
    ),
    bind(
        Load,
        &[key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "the department above",
    ),
    bind(
        Load,
        &[key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "the department below",
    ),
    bind(
        Load,
        &[key(KeyCode::Esc)],
        Action::ToggleLoadView,
        "back to the board",
    ),
    bind(
        Detail,
        &[key(KeyCode::Up), ch('k')],
        Action::Move(Direction::Up),
        "previous field",
    ),
    bind(
        Detail,
        &[key(KeyCode::Down), ch('j')],
        Action::Move(Direction::Down),
        "next field",
    ),
    bind(
        Detail,
        &[key(KeyCode::Enter)],
        Action::Activate,
        "edit the field",
    ),
    bind(
        Detail,
        &[key(KeyCode::Esc)],
        Action::Cancel,
        "back to the board",
    ),
];

/// The mouse, described for the help overlay (the mouse is mapped in `mouse.rs`).
pub const MOUSE_HELP: &[(&str, &str)] = &[
    (
        "drag a card",
        "move its role to the column you release it on (Unowned removes it)",
    ),
    (
        "right-drag, or Ctrl/Alt+drag",
        "share: add the target column, keep the source",
    ),
    ("s while dragging", "switch between move and share"),
    (
        "click",
        "select a card, a matrix cell (cycles its role) or a finding",
    ),
    (
        "drag onto ◀N / N▶, or click them",
        "scroll the department columns sideways",
    ),
    (
        "Shift+wheel or sideways wheel",
        "scroll the department columns sideways",
    ),
    (
        "wheel",
        "scroll the column, matrix or list under the pointer",
    ),
];

/// How the first key bound to `action` in the first of `contexts` that binds it is written
/// (`?`, `Ctrl+S`), for the hints on screen.
pub fn key_label(contexts: &[Context], action: Action) -> Option<String> {
    contexts.iter().find_map(|&context| {
        BINDINGS
            .iter()
            .find(|b| b.context == context && b.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| k.label())
    })
}

/// The action bound to `event` in the first of `contexts` that binds it.
pub fn action_for(contexts: &[Context], event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    contexts.iter().find_map(|&context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == context)
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn inner_context_wins() {
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            action_for(&[Carrying, Board, Global], &enter),
            Some(Action::Drop)
        );
        assert_eq!(action_for(&[Board, Global], &enter), Some(Action::Activate));
    }

    #[test]
    fn control_and_shift_are_told_apart() {
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&[Board, Global], &ctrl_s), Some(Action::Save));
        let shift_n = press(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&[Global], &shift_n),
            Some(Action::PreviousFinding)
        );
        let ctrl_upper = press(
            KeyCode::Char('Z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(action_for(&[Global], &ctrl_upper), Some(Action::Undo));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice in {:?}",
                            k.label(),
                            a.context
                        );
                    }
                }
            }
        }
    }
}

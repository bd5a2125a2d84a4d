//! The keymap as data: every binding (context, action, keys, description) in one value, built
//! once at start from the defaults in `assets/keymap.toml` and the person's overrides. Dispatch,
//! the help overlay and every key hint on screen read it, so none can drift from what the keys do.

mod chord;
mod names;
mod overrides;

use std::sync::{Arc, LazyLock};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::action::Action;
pub use chord::Chord;
pub use names::NAMES;
pub use overrides::Override;

/// The default keymap, as shipped.
pub const DEFAULT_KEYMAP: &str = include_str!("../../../assets/keymap.toml");

/// Where a binding applies. The app asks the innermost context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Board,
    Carrying,
    /// A card held by the mouse.
    Dragging,
    Matrix,
    Findings,
    Detail,
    Spotlight,
    Load,
    /// The help overlay.
    Help,
    /// Every list overlay.
    List,
    Claims,
    Decisions,
    ParkingLot,
    Facts,
    SignOff,
    /// The merge conflicts.
    Conflicts,
    /// A question to answer (delete? save before quitting?).
    Question,
    /// A one-line text prompt.
    Prompt,
    /// The queue of what remote participants raised (`whoowns serve`).
    Raised,
    /// A remote participant's own terminal (`whoowns serve`): asked alone, before the few
    /// board keys a read-only viewer may use.
    Participant,
}

impl Context {
    /// Every context, in the order the help shows them.
    pub const ALL: [Context; 21] = [
        Context::Global,
        Context::Board,
        Context::Carrying,
        Context::Dragging,
        Context::Matrix,
        Context::Findings,
        Context::Detail,
        Context::Spotlight,
        Context::Load,
        Context::Help,
        Context::List,
        Context::Claims,
        Context::Decisions,
        Context::ParkingLot,
        Context::Facts,
        Context::SignOff,
        Context::Conflicts,
        Context::Question,
        Context::Prompt,
        Context::Raised,
        Context::Participant,
    ];

    /// The name of the context in the keymap and in the settings file (`[keys.board]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Board => "board",
            Context::Carrying => "carrying",
            Context::Dragging => "dragging",
            Context::Matrix => "matrix",
            Context::Findings => "findings",
            Context::Detail => "detail",
            Context::Spotlight => "spotlight",
            Context::Load => "load",
            Context::Help => "help",
            Context::List => "list",
            Context::Claims => "claims",
            Context::Decisions => "decisions",
            Context::ParkingLot => "parking-lot",
            Context::Facts => "facts",
            Context::SignOff => "sign-off",
            Context::Conflicts => "conflicts",
            Context::Question => "question",
            Context::Prompt => "prompt",
            Context::Raised => "raised",
            Context::Participant => "participant",
        }
    }

    /// The context called `name`.
    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The heading of this context in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Board => "Board",
            Context::Carrying => "Carrying a card (keyboard move)",
            Context::Dragging => "Dragging a card (mouse)",
            Context::Matrix => "Matrix",
            Context::Findings => "Findings panel",
            Context::Detail => "Detail panel",
            Context::Spotlight => "Focus mode",
            Context::Load => "Load view",
            Context::Help => "This help",
            Context::List => "Lists (claims, decisions, parking lot, sign-off, changes...)",
            Context::Claims => "Claims",
            Context::Decisions => "Decision log",
            Context::ParkingLot => "Parking lot",
            Context::Facts => "The workshop's facts",
            Context::SignOff => "Sign-off",
            Context::Conflicts => "Merge conflicts",
            Context::Question => "Questions",
            Context::Prompt => "Typing a name or a note",
            Context::Raised => "Raised by remote participants (whoowns serve)",
            Context::Participant => "A remote participant's terminal (whoowns serve)",
        }
    }

    /// Which contexts can be asked together: the board's, a list's, or one of its own.
    fn group(self) -> u8 {
        match self {
            Context::Global
            | Context::Board
            | Context::Carrying
            | Context::Dragging
            | Context::Matrix
            | Context::Findings
            | Context::Detail
            | Context::Spotlight
            | Context::Load => 0,
            Context::List
            | Context::Claims
            | Context::Decisions
            | Context::ParkingLot
            | Context::Facts
            | Context::SignOff
            | Context::Conflicts
            | Context::Raised => 1,
            Context::Help => 2,
            Context::Question => 3,
            Context::Prompt => 4,
            Context::Participant => 5,
        }
    }

    /// Whether keys of `self` are asked before those of `outer` when both apply.
    pub fn inside(self, outer: Context) -> bool {
        use Context::{
            Board, Carrying, Claims, Conflicts, Decisions, Detail, Dragging, Facts, Findings,
            Global, List, Load, Matrix, ParkingLot, Raised, SignOff, Spotlight,
        };
        match (self, outer) {
            (Claims | Decisions | ParkingLot | Facts | SignOff | Conflicts | Raised, List) => true,
            (inner, Global) => inner != Global && self.group() == 0,
            (Carrying, Board | Findings | Detail) => true,
            (Dragging, Board | Matrix | Findings | Detail) => true,
            (Findings | Detail, Board | Matrix | Spotlight | Load) => true,
            _ => false,
        }
    }

    /// Whether a key of `self` and a key of `other` can both be live at once (the same
    /// context, or one asked within the other).
    pub fn overlaps(self, other: Context) -> bool {
        self == other || self.inside(other) || other.inside(self)
    }
}

/// One entry of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Chord>,
    pub description: String,
    /// Where the person's settings set these keys (`file:line:column`), if they did.
    pub set_at: Option<String>,
}

/// Every binding in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

static DEFAULTS: LazyLock<Arc<Keymap>> = LazyLock::new(|| {
    Arc::new(Keymap::parse(DEFAULT_KEYMAP).expect("assets/keymap.toml is valid (tested)"))
});

impl Keymap {
    /// The shipped keymap (parsed once).
    pub fn defaults() -> Arc<Keymap> {
        Arc::clone(&DEFAULTS)
    }

    /// Reads a keymap table: `[context]` tables of `action = { keys = [...], help = "..." }`.
    pub fn parse(text: &str) -> Result<Keymap, String> {
        let doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
        let mut bindings = Vec::new();
        for (context_name, table) in doc.iter() {
            let context = Context::from_name(context_name)
                .ok_or_else(|| format!("unknown context `{context_name}`"))?;
            let table = table
                .as_table_like()
                .ok_or_else(|| format!("`{context_name}` is not a table"))?;
            for (action_name, entry) in table.iter() {
                let action = Action::from_name(action_name)
                    .ok_or_else(|| format!("unknown action `{action_name}`"))?;
                let entry = entry
                    .as_table_like()
                    .ok_or_else(|| format!("{context_name}.{action_name} is not a table"))?;
                let keys = entry
                    .get("keys")
                    .and_then(|k| k.as_array())
                    .ok_or_else(|| format!("{context_name}.{action_name} has no keys"))?
                    .iter()
                    .map(|k| k.as_str().ok_or("a key is not a string").map(Chord::parse))
                    .collect::<Result<Result<Vec<_>, _>, _>>()??;
                let description = entry
                    .get("help")
                    .and_then(|h| h.as_str())
                    .unwrap_or_default()
                    .to_owned();
                bindings.push(Binding {
                    context,
                    action,
                    keys,
                    description,
                    set_at: None,
                });
            }
        }
        Ok(Keymap { bindings })
    }

    /// The bindings `keep` accepts, in the same order (a participant's keymap: only what they
    /// may do shows in their help and hints).
    pub fn retaining(&self, keep: impl Fn(&Binding) -> bool) -> Keymap {
        Keymap {
            bindings: self.bindings.iter().filter(|b| keep(b)).cloned().collect(),
        }
    }

    /// Every binding, in the keymap's order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action bound to `event` in the first of `contexts` that binds it.
    pub fn action_for(&self, contexts: &[Context], event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        contexts.iter().find_map(|&context| {
            self.bindings
                .iter()
                .filter(|b| b.context == context)
                .find(|b| b.keys.iter().any(|k| k.matches(event)))
                .map(|b| b.action)
        })
    }

    /// The keys of `action` in the first of `contexts` that binds it.
    pub fn keys(&self, contexts: &[Context], action: Action) -> &[Chord] {
        contexts
            .iter()
            .find_map(|&context| {
                self.bindings
                    .iter()
                    .find(|b| b.context == context && b.action == action)
            })
            .map_or(&[], |b| b.keys.as_slice())
    }

    /// The first key of `action` in `contexts`, as shown on screen (`Ctrl+S`), if it has one.
    pub fn key(&self, contexts: &[Context], action: Action) -> Option<String> {
        self.keys(contexts, action).first().map(|k| k.label())
    }

    /// A builder for a line of key hints looked up in `contexts`.
    pub fn hint<'k>(&'k self, contexts: &'k [Context]) -> Hint<'k> {
        Hint {
            keymap: self,
            contexts,
            parts: Vec::new(),
        }
    }
}

/// A line of key hints (`a/Enter accept │ d decline │ Esc close`) from the bindings in effect;
/// an action without a key is left out.
#[derive(Debug, Clone)]
pub struct Hint<'k> {
    keymap: &'k Keymap,
    contexts: &'k [Context],
    parts: Vec<String>,
}

impl Hint<'_> {
    /// The first key of `action`, then `words`.
    pub fn key(self, action: Action, words: &str) -> Self {
        self.keys(action, 1, words)
    }

    /// Up to `count` keys of `action` (`a/Enter`), then `words`.
    pub fn keys(mut self, action: Action, count: usize, words: &str) -> Self {
        let keys: Vec<String> = self
            .keymap
            .keys(self.contexts, action)
            .iter()
            .take(count)
            .map(|k| k.label())
            .collect();
        if !keys.is_empty() {
            self.parts.push(join_words(&keys.join("/"), words));
        }
        self
    }

    /// The first keys of two actions (`n/N`, `↑↓`), then `words`.
    pub fn pair(mut self, first: Action, second: Action, words: &str) -> Self {
        let a = self.keymap.key(self.contexts, first);
        let b = self.keymap.key(self.contexts, second);
        let keys = match (a, b) {
            (Some(a), Some(b)) if is_arrow(&a) && is_arrow(&b) => format!("{a}{b}"),
            (Some(a), Some(b)) => format!("{a}/{b}"),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => return self,
        };
        self.parts.push(join_words(&keys, words));
        self
    }

    /// The hints joined by `separator`.
    pub fn join(&self, separator: &str) -> String {
        self.parts.join(separator)
    }
}

fn join_words(keys: &str, words: &str) -> String {
    if words.is_empty() {
        keys.to_owned()
    } else {
        format!("{keys} {words}")
    }
}

fn is_arrow(label: &str) -> bool {
    matches!(label, "←" | "→" | "↑" | "↓")
}

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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::tui::action::Direction;
    use Context::{Board, Carrying, Global};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_default_table_parses_and_names_every_context() {
        let keymap = Keymap::defaults();
        assert!(keymap.bindings().len() > 90);
        for context in Context::ALL {
            assert_eq!(Context::from_name(context.name()), Some(context));
            assert!(
                keymap.bindings().iter().any(|b| b.context == context),
                "{context:?} binds nothing"
            );
        }
        assert!(keymap.bindings().iter().all(|b| !b.description.is_empty()));
    }

    #[test]
    fn inner_context_wins() {
        let keymap = Keymap::defaults();
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(&[Carrying, Board, Global], &enter),
            Some(Action::Drop)
        );
        assert_eq!(
            keymap.action_for(&[Board, Global], &enter),
            Some(Action::Activate)
        );
    }

    #[test]
    fn control_and_shift_are_told_apart() {
        let keymap = Keymap::defaults();
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.action_for(&[Board, Global], &ctrl_s),
            Some(Action::Save)
        );
        let shift_n = press(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(
            keymap.action_for(&[Global], &shift_n),
            Some(Action::PreviousFinding)
        );
        let ctrl_upper = press(
            KeyCode::Char('Z'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(
            keymap.action_for(&[Global], &ctrl_upper),
            Some(Action::Undo)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let bindings = Keymap::defaults().bindings().to_vec();
        for (i, a) in bindings.iter().enumerate() {
            for b in &bindings[i + 1..] {
                if a.context == b.context {
                    assert_ne!(a.action, b.action, "{:?} twice", a.action);
                    for k in &a.keys {
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

    #[test]
    fn hints_come_from_the_bindings() {
        let keymap = Keymap::defaults();
        let claims = [Context::Claims, Context::List];
        assert_eq!(
            keymap
                .hint(&claims)
                .keys(Action::Accept, 2, "accept")
                .key(Action::Decline, "decline")
                .key(Action::Cancel, "close")
                .join(" │ "),
            "a/Enter accept │ d decline │ Esc close"
        );
        let detail = [Context::Detail, Global];
        assert_eq!(
            keymap
                .hint(&detail)
                .pair(
                    Action::Move(Direction::Up),
                    Action::Move(Direction::Down),
                    "field"
                )
                .key(Action::NextTheme, "")
                .key(Action::Withdraw, "not bound here")
                .join(", "),
            "↑↓ field, t"
        );
    }
}

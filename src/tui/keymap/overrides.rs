//! The person's key overrides merged on top of the defaults, by action name: the person's
//! binding wins, and every key it takes from another action, or that hides another action, is
//! reported with both names.

use super::super::action::Action;
use super::{Binding, Chord, Context, Keymap};

/// Keys the settings file gives an action, in every context that binds it or in one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// `None`: every context that binds the action (`[keys]`); else one (`[keys.board]`).
    pub context: Option<Context>,
    pub action: Action,
    pub keys: Vec<Chord>,
    /// Where the setting is written, `file:line:column`, for messages.
    pub at: String,
}

fn name(action: Action) -> &'static str {
    action.name().unwrap_or("?")
}

impl Keymap {
    /// This keymap with `overrides` applied in order, and a message for each conflict.
    pub fn with_overrides(&self, overrides: &[Override]) -> (Keymap, Vec<String>) {
        let mut bindings = self.bindings.clone();
        let mut problems = Vec::new();
        for o in overrides {
            // Without these a list, a prompt or the board could not be left.
            if o.keys.is_empty() && matches!(o.action, Action::Cancel | Action::Quit) {
                problems.push(format!(
                    "{}: `{}` needs at least one key; its default keys are kept",
                    o.at,
                    name(o.action)
                ));
                continue;
            }
            let targets: Vec<usize> = (0..bindings.len())
                .filter(|&i| {
                    bindings[i].action == o.action
                        && o.context.is_none_or(|c| c == bindings[i].context)
                })
                .collect();
            if targets.is_empty() {
                let bound_in: Vec<&str> = bindings
                    .iter()
                    .filter(|b| b.action == o.action)
                    .map(|b| b.context.name())
                    .collect();
                problems.push(format!(
                    "{}: `{}` has no keys in [keys.{}] (it is bound in: {}); the setting is ignored",
                    o.at,
                    name(o.action),
                    o.context.map_or("?", Context::name),
                    bound_in.join(", ")
                ));
                continue;
            }
            let mut keys: Vec<Chord> = Vec::new();
            for key in &o.keys {
                if !keys.contains(key) {
                    keys.push(*key);
                }
            }
            for i in targets {
                let binding = &mut bindings[i];
                let mut keys = keys.clone();
                if binding.context == Context::Prompt {
                    // A character key types text in a prompt: it cannot be bound there. Set for
                    // every context, it is left out of the prompt's keys silently.
                    let (text, other): (Vec<Chord>, Vec<Chord>) =
                        keys.into_iter().partition(|k| k.is_text());
                    if o.context == Some(Context::Prompt) {
                        for key in text {
                            problems.push(format!(
                                "{}: `{key}` types text in a prompt, so it cannot do `{}` there",
                                o.at,
                                name(o.action)
                            ));
                        }
                    }
                    if other.is_empty() {
                        continue;
                    }
                    keys = other;
                }
                // Only the keys the person adds can take or hide another action's.
                binding.set_at = Some(o.at.clone());
                binding.keys = keys;
            }
        }
        resolve_conflicts(&self.bindings, &mut bindings, &mut problems);
        (Keymap { bindings }, problems)
    }
}

/// Makes every key the person set do what they set it to, reporting what it takes or hides.
fn resolve_conflicts(defaults: &[Binding], bindings: &mut [Binding], problems: &mut Vec<String>) {
    for u in 0..bindings.len() {
        let Some(at) = bindings[u].set_at.clone() else {
            continue;
        };
        // A key the action had already changes nothing.
        let added: Vec<Chord> = bindings[u]
            .keys
            .iter()
            .filter(|k| !defaults[u].keys.contains(k))
            .copied()
            .collect();
        for key in added {
            for b in 0..bindings.len() {
                let (mine, other) = (&bindings[u], &bindings[b]);
                if b == u
                    || other.action == mine.action
                    || !mine.context.overlaps(other.context)
                    || !other.keys.contains(&key)
                {
                    continue;
                }
                let (action, context) = (mine.action, mine.context);
                let (other_action, other_context) = (other.action, other.context);
                let both_set = other.set_at.is_some();
                let takes = other.context == context || other.context.inside(context);
                if both_set {
                    // Reported once, from the first of the two.
                    if b > u {
                        let winner = if other_context.inside(context) {
                            other_action
                        } else {
                            action
                        };
                        problems.push(format!(
                            "{at}: `{key}` is set for both `{}` ({}) and `{}` ({}); it does `{}`",
                            name(action),
                            context.name(),
                            name(other_action),
                            other_context.name(),
                            name(winner)
                        ));
                    }
                } else if takes
                    && matches!(other_action, Action::Cancel | Action::Quit)
                    && bindings[b].keys.len() == 1
                {
                    // The last key of `cancel` or `quit` stays: without it a list, a prompt or
                    // the board could not be left.
                    bindings[u].keys.retain(|k| *k != key);
                    problems.push(format!(
                        "{at}: `{key}` is the last key of `{}` ({}), so it stays there and does not do `{}`",
                        name(other_action),
                        other_context.name(),
                        name(action),
                    ));
                } else if takes {
                    bindings[b].keys.retain(|k| *k != key);
                    let left = if bindings[b].keys.is_empty() {
                        " and has no key left".to_owned()
                    } else {
                        let keys: Vec<String> =
                            bindings[b].keys.iter().map(ToString::to_string).collect();
                        format!(" (it keeps {})", keys.join(", "))
                    };
                    problems.push(format!(
                        "{at}: `{key}` now does `{}` in {}, so `{}` ({}) loses it{left}",
                        name(action),
                        context.name(),
                        name(other_action),
                        other_context.name(),
                    ));
                } else {
                    problems.push(format!(
                        "{at}: `{key}` does `{}` in {}, which hides `{}` ({}) there",
                        name(action),
                        context.name(),
                        name(other_action),
                        other_context.name(),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    #[test]
    fn quit_and_cancel_never_lose_their_last_key() {
        let keymap = Keymap::defaults();
        let over = |action: Action, key: &str| Override {
            action,
            context: None,
            keys: vec![Chord::parse(key).expect("a key")],
            at: "settings.toml:2:1".to_owned(),
        };
        // q and Ctrl+C are quit's two keys: taking both leaves it the last one.
        let (map, problems) = keymap.with_overrides(&[
            over(Action::Save, "q"),
            over(Action::Redo, "ctrl+c"),
            over(Action::Undo, "esc"),
        ]);
        let quit_keys = map
            .bindings
            .iter()
            .filter(|b| b.action == Action::Quit)
            .map(|b| b.keys.len())
            .sum::<usize>();
        assert!(quit_keys >= 1, "{problems:?}");
        for binding in map.bindings.iter().filter(|b| b.action == Action::Cancel) {
            assert!(
                !binding.keys.is_empty(),
                "{:?}: {problems:?}",
                binding.context
            );
        }
        assert!(
            problems.iter().any(|p| p.contains("last key")),
            "{problems:?}"
        );
    }
    use crate::tui::action::Direction;

    fn over(context: Option<Context>, action: Action, keys: &[&str]) -> Override {
        Override {
            context,
            action,
            keys: keys.iter().map(|k| Chord::parse(k).expect("key")).collect(),
            at: "settings.toml:3:1".to_owned(),
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn an_override_replaces_the_keys_in_every_context_that_binds_the_action() {
        let (keymap, problems) = Keymap::defaults().with_overrides(&[over(
            None,
            Action::Move(Direction::Left),
            &["left", "b"],
        )]);
        assert_eq!(problems, Vec::<String>::new());
        for context in [Context::Board, Context::Carrying, Context::Matrix] {
            assert_eq!(
                keymap.action_for(&[context], &press('b')),
                Some(Action::Move(Direction::Left))
            );
            assert_eq!(keymap.action_for(&[context], &press('h')), None);
        }
    }

    #[test]
    fn an_override_in_one_context_leaves_the_others() {
        let (keymap, problems) = Keymap::defaults().with_overrides(&[over(
            Some(Context::Matrix),
            Action::Move(Direction::Left),
            &["b"],
        )]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(keymap.action_for(&[Context::Matrix], &press('h')), None);
        assert_eq!(
            keymap.action_for(&[Context::Board], &press('h')),
            Some(Action::Move(Direction::Left))
        );
    }

    #[test]
    fn a_taken_key_is_reported_with_both_names_and_the_override_wins() {
        let (keymap, problems) =
            Keymap::defaults().with_overrides(&[over(None, Action::Undo, &["x"])]);
        assert_eq!(
            keymap.action_for(&[Context::Board, Context::Global], &press('x')),
            Some(Action::Undo)
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`undo`"), "{}", problems[0]);
        assert!(problems[0].contains("`delete`"), "{}", problems[0]);
        assert!(problems[0].contains("keeps delete"), "{}", problems[0]);
        assert!(problems[0].starts_with("settings.toml:3:1: "));
    }

    #[test]
    fn a_key_taken_from_an_inner_context_makes_the_override_work_there() {
        // `m` picks a card up on the board and drops it while carrying.
        let (keymap, problems) =
            Keymap::defaults().with_overrides(&[over(None, Action::Save, &["m"])]);
        assert_eq!(
            keymap.action_for(
                &[Context::Carrying, Context::Board, Context::Global],
                &press('m')
            ),
            Some(Action::Save)
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`pick-up` (board)")));
        assert!(problems.iter().any(|p| p.contains("`drop` (carrying)")));
    }

    #[test]
    fn an_inner_override_hiding_a_global_key_is_reported() {
        let (keymap, problems) = Keymap::defaults().with_overrides(&[over(
            Some(Context::Board),
            Action::PickUp,
            &["u"],
        )]);
        assert_eq!(
            keymap.action_for(&[Context::Board, Context::Global], &press('u')),
            Some(Action::PickUp)
        );
        assert_eq!(
            keymap.action_for(&[Context::Matrix, Context::Global], &press('u')),
            Some(Action::Undo)
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("hides `undo` (global)"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn the_ways_out_keep_a_key_and_other_actions_may_have_none() {
        let (keymap, problems) = Keymap::defaults().with_overrides(&[
            over(None, Action::Cancel, &[]),
            over(None, Action::Quit, &[]),
            over(None, Action::Export, &[]),
        ]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`cancel` needs at least one key"));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(&[Context::List], &esc),
            Some(Action::Cancel)
        );
        assert_eq!(
            keymap.action_for(&[Context::Global], &press('q')),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action_for(&[Context::Global], &press('e')), None);
        assert!(keymap.keys(&[Context::Global], Action::Export).is_empty());
    }

    #[test]
    fn one_key_set_for_two_actions_is_reported() {
        let (_, problems) = Keymap::defaults().with_overrides(&[
            over(None, Action::Save, &["b"]),
            over(None, Action::Export, &["b"]),
        ]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("`save`") && problems[0].contains("`export`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn text_keys_are_refused_in_prompts_and_unbound_contexts_are_reported() {
        let (keymap, problems) = Keymap::defaults().with_overrides(&[
            over(None, Action::Cancel, &["esc", "q"]),
            over(Some(Context::Prompt), Action::ClearLine, &["ctrl+k", "k"]),
            over(Some(Context::Board), Action::Save, &["w"]),
        ]);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`k` types text in a prompt, so it cannot do `clear-line`"))
        );
        assert!(!problems.iter().any(|p| p.contains("`q` types text")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`save` has no keys in [keys.board]") && p.contains("global"))
        );
        assert_eq!(keymap.action_for(&[Context::Prompt], &press('q')), None);
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            keymap.action_for(&[Context::Prompt], &esc),
            Some(Action::Cancel)
        );
        assert_eq!(
            keymap.action_for(&[Context::List], &press('q')),
            Some(Action::Cancel)
        );
    }
}

//! The card in hand: picked up with the keyboard or dragged with the mouse, one state for both.
//! While it is held, the status line previews what the drop would do to the findings.

use super::super::action::{Action, Direction};
use super::super::app::{App, Focus, Grip, Hand, Tone, View};
use crate::edit;
use crate::text::sanitize;

impl App {
    pub(super) fn pick_up(&mut self) {
        if self.view != View::Board {
            return;
        }
        match self.selected_card().and(self.selected) {
            Some(responsibility) => {
                self.hand = Some(Hand {
                    responsibility,
                    from: self.column,
                    target: Some(self.column),
                    share: false,
                    grip: Grip::Keyboard,
                    preview: None,
                });
                self.update_preview();
                let contexts = super::super::contexts(self);
                let keys = self
                    .keymap
                    .hint(&contexts)
                    .pair(
                        Action::Move(Direction::Left),
                        Action::Move(Direction::Right),
                        "choose a column",
                    )
                    .key(Action::Drop, "moves")
                    .key(Action::DropShare, "shares")
                    .key(Action::Cancel, "cancels")
                    .join(", ");
                self.say(format!("Carrying: {keys}"), Tone::Info);
            }
            None => self.say("No card selected to pick up", Tone::Problem),
        }
    }

    /// Lets go of the card in hand without dropping it; returns whether one was held.
    pub(super) fn let_go(&mut self) -> bool {
        self.hand.take().is_some()
    }

    pub(super) fn toggle_share(&mut self) {
        if let Some(hand) = &mut self.hand {
            hand.share = !hand.share;
            self.update_preview();
        }
    }

    /// Recomputes what dropping the card in hand on its target would do to the findings.
    pub(super) fn update_preview(&mut self) {
        let Some(hand) = self.hand.clone() else {
            return;
        };
        let preview = hand.target.and_then(|target| {
            let Some(change) = self.drop_change(hand.from, hand.responsibility, target, hand.share)
            else {
                return Some("nothing changes there".to_owned());
            };
            let delta = self.session.preview(&change.edit)?;
            Some(delta.describe(self.session.workspace()))
        });
        if let Some(held) = &mut self.hand {
            held.preview = preview;
        }
    }

    pub(super) fn drop_carried(&mut self, share_key: bool) {
        let Some(hand) = self.hand.take() else {
            return;
        };
        match hand.target {
            Some(target) => self.drop_card(
                hand.from,
                hand.responsibility,
                target,
                hand.share || share_key,
            ),
            None => self.say("Not over a column: nothing changed", Tone::Info),
        }
    }

    fn drop_change(
        &self,
        from: usize,
        responsibility: usize,
        to: usize,
        share: bool,
    ) -> Option<edit::Change> {
        let source = self.column_department(from).map(str::to_owned);
        let target = self.column_department(to).map(str::to_owned);
        edit::move_role(
            self.workspace(),
            responsibility,
            self.lens,
            source.as_deref(),
            target.as_deref(),
            App::drop_mode(share),
        )
    }

    /// Drops the card of `responsibility` from `from` onto column `to`.
    fn drop_card(&mut self, from: usize, responsibility: usize, to: usize, share: bool) {
        match self.drop_change(from, responsibility, to, share) {
            Some(change) => {
                self.apply(change);
                self.selected = Some(responsibility);
                self.column = if self
                    .columns
                    .get(to)
                    .is_some_and(|c| c.cards.contains(&responsibility))
                {
                    to
                } else {
                    from
                };
                self.follow_selection();
            }
            None if from == to => {
                self.say("Dropped on its own column: nothing changed", Tone::Info);
            }
            None => self.say("Nothing to change there", Tone::Info),
        }
    }

    pub(super) fn press_card(&mut self, column: usize, card: usize, share: bool) {
        self.let_go();
        let Some(&responsibility) = self.columns.get(column).and_then(|c| c.cards.get(card)) else {
            return;
        };
        self.column = column;
        self.selected = Some(responsibility);
        self.focus = Focus::Main;
        self.hand = Some(Hand {
            responsibility,
            from: column,
            target: Some(column),
            share,
            grip: Grip::Pressed,
            preview: None,
        });
    }

    pub(super) fn drag_to(&mut self, x: u16, y: u16, over: Option<usize>) {
        if !self.hand.as_ref().is_some_and(Hand::by_mouse) {
            return;
        }
        // A card dragged onto an edge strip scrolls the board that way; the strip is no drop
        // target, so what the status line names is where a release would land.
        let at = ratatui::layout::Position::new(x, y);
        if self
            .layout
            .scroll_right_zone
            .is_some_and(|z| z.contains(at))
        {
            self.scroll_columns(1);
        } else if self.layout.scroll_left_zone.is_some_and(|z| z.contains(at)) {
            self.scroll_columns(-1);
        }
        let Some(hand) = &mut self.hand else {
            return;
        };
        let moved = hand.target != over;
        hand.grip = Grip::Dragging { x, y };
        hand.target = over;
        if moved || hand.preview.is_none() {
            self.update_preview();
        }
    }

    pub(super) fn release(&mut self, over: Option<usize>) {
        let Some(hand) = self.hand.take() else {
            return;
        };
        if !hand.dragging() {
            // A click: the card was selected on press; nothing to drop.
            return;
        }
        match over {
            Some(target) => self.drop_card(hand.from, hand.responsibility, target, hand.share),
            None => self.say("Dropped outside the columns: nothing changed", Tone::Info),
        }
    }

    /// The status line's words for the card in hand: what, where, and what it would do.
    pub fn hand_status(&self) -> Option<String> {
        let hand = self.hand.as_ref().filter(|h| h.grip != Grip::Pressed)?;
        let name = self
            .workspace()
            .responsibilities
            .get(hand.responsibility)
            .map_or("", |x| x.name.as_str());
        let verb = if hand.share { "share" } else { "move" };
        let target = hand.target.map_or_else(
            || "(no column: drop on a column)".to_owned(),
            |c| self.column_title(c),
        );
        // Where it goes and what that does come first: a narrow status line cuts the end.
        let mut text = format!("{verb} → {}", sanitize(&target));
        if let Some(preview) = &hand.preview {
            text.push_str(&format!(": {}", sanitize(preview)));
        }
        text.push_str(&format!(
            " ({} of \"{}\")",
            self.workspace().model.label(self.lens),
            sanitize(name)
        ));
        Some(text)
    }
}

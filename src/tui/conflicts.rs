//! What the merge-conflicts overlay shows: one row per conflict, with both values.

use super::app::App;
use super::lists::{Mark, Row, row};
use crate::text::sanitize;
use crate::workspace::Side;

impl App {
    /// The title of the merge-conflicts overlay.
    pub(super) fn conflicts_title(&self) -> String {
        format!(
            "Merge conflicts ({}): the file keeps ours until you choose",
            self.workspace().conflicts.len()
        )
    }

    /// One row per merge conflict: the item, the field and both values.
    pub(super) fn conflict_rows(&self) -> Vec<Row> {
        let ws = self.workspace();
        let currency = ws.info.currency.as_deref();
        ws.conflicts
            .iter()
            .map(|c| {
                let what = if c.field == "item" {
                    ws.conflict_item_name(c)
                } else {
                    format!("{} · {}", ws.conflict_item_name(c), c.field)
                };
                let text = format!(
                    "{}: ours {} │ theirs {}",
                    sanitize(&what),
                    sanitize(&c.shown(Side::Ours, currency)),
                    sanitize(&c.shown(Side::Theirs, currency))
                );
                row(text, Mark::Todo)
            })
            .collect()
    }
}

//! What the merge-conflicts overlay shows: one row per conflict, with both values.

use super::app::App;
use super::lists::{Mark, Row, row};
use crate::text::sanitize;
use crate::workspace::show_value;

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
                    sanitize(&show_value(c.ours.as_ref())),
                    sanitize(&show_value(c.theirs.as_ref()))
                );
                row(text, Mark::Todo)
            })
            .collect()
    }
}

//! Cards and column titles on the board: how a card is drawn at a width and how tall it is,
//! where a department's name goes, and which cards fit a column by height.

use super::super::app::App;
use super::{BOXED_COLUMN_WIDTH, MAX_NAME_LINES, MAX_TITLE_LINES};

/// How cards are drawn at the board's column width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CardStyle {
    /// In a rounded box: border, name lines, findings, border.
    #[default]
    Boxed,
    /// Without a box, for narrow columns: name lines, findings, a rule in the finding's colour.
    Compact,
}

impl CardStyle {
    /// The style for board columns `width` wide.
    pub fn for_column(width: u16) -> Self {
        if width >= BOXED_COLUMN_WIDTH {
            CardStyle::Boxed
        } else {
            CardStyle::Compact
        }
    }

    /// Columns a card `card_width` wide has for its name.
    pub fn name_room(self, card_width: u16) -> usize {
        match self {
            CardStyle::Boxed => usize::from(card_width.saturating_sub(2)),
            CardStyle::Compact => usize::from(card_width),
        }
    }

    /// Rows a card takes with a name of `name_lines` lines.
    pub fn height(self, name_lines: usize) -> u16 {
        let lines = name_lines.clamp(1, MAX_NAME_LINES) as u16;
        match self {
            CardStyle::Boxed => lines + 3,
            CardStyle::Compact => lines + 2,
        }
    }
}

/// The lines of a card's name at `room` columns.
pub fn card_name_lines(app: &App, responsibility: usize, room: usize) -> Vec<String> {
    let name = app
        .workspace()
        .responsibilities
        .get(responsibility)
        .map_or_else(String::new, |r| crate::text::sanitize(&r.name));
    crate::text::wrap(&name, room, MAX_NAME_LINES)
}

/// Rows the card of `responsibility` takes in a card `card_width` wide.
pub fn card_height(app: &App, responsibility: usize, style: CardStyle, card_width: u16) -> u16 {
    let lines = card_name_lines(app, responsibility, style.name_room(card_width)).len();
    style.height(lines)
}

/// Where a column's department name goes at a width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnTitle {
    /// On the top border, with the count: the name fits there whole.
    OnBorder(String),
    /// Under the top border, wrapped (the count stays on the border). With a finding glyph
    /// before the first line, the lines after it are `indented` under the name, unless the
    /// indent would cut a word the column's whole width keeps.
    Inside { lines: Vec<String>, indented: bool },
}

/// The finding glyph that marks a department's title, and the card count, as drawn.
pub fn column_title_parts(
    app: &App,
    column: usize,
) -> (Option<crate::workspace::Severity>, String) {
    let count = app.columns.get(column).map_or(0, |c| c.cards.len());
    let worst = (app.columns.get(column).and_then(|c| c.department)).and_then(|position| {
        app.session
            .analysis()
            .for_department_at(position)
            .map(|f| f.severity)
            .max()
    });
    (worst, format!(" ({count})"))
}

/// How the title of board column `column` is drawn in a column `width` wide.
pub fn column_title(app: &App, column: usize, width: u16) -> ColumnTitle {
    column_title_at(app, column, width, false)
}

/// Like [`column_title`], with `inside` forcing the name under the border (so that every column
/// puts it in the same place once one of them must).
pub fn column_title_at(app: &App, column: usize, width: u16, inside: bool) -> ColumnTitle {
    let (worst, count) = column_title_parts(app, column);
    let badge = worst.map_or(0, |_| 2);
    let name = crate::text::sanitize(&app.column_title(column));
    // Room on the border: the corners, a scroll marker (at most `◀99`) and the count.
    let border_room = usize::from(width.saturating_sub(2 + 3));
    if !inside && badge + crate::text::width(&name) + crate::text::width(&count) <= border_room {
        ColumnTitle::OnBorder(name)
    } else {
        // The finding glyph goes before the first line.
        let inner = usize::from(width.saturating_sub(2));
        let room = inner.saturating_sub(badge);
        let lines = crate::text::wrap(&name, room, MAX_TITLE_LINES);
        let cut = |lines: &[String]| lines.iter().any(|l| l.ends_with('…'));
        if badge > 0
            && cut(&lines)
            && let Some(unindented) = unindented_title(&name, room, inner)
            && !cut(&unindented)
        {
            // "● Legal &" over "Compliance" rather than "  Complian…".
            return ColumnTitle::Inside {
                lines: unindented,
                indented: false,
            };
        }
        ColumnTitle::Inside {
            lines,
            indented: badge > 0,
        }
    }
}

/// A title's first line in `first` columns (beside the glyph), the rest in the column's whole
/// `inner` width; `None` when the first word alone does not fit beside the glyph.
fn unindented_title(name: &str, first: usize, inner: usize) -> Option<Vec<String>> {
    let head = crate::text::wrap(name, first, usize::MAX)
        .into_iter()
        .next()?;
    let rest = name.strip_prefix(head.as_str())?.trim_start();
    if head.ends_with('…') || head.is_empty() {
        return None;
    }
    let mut lines = vec![head];
    if !rest.is_empty() {
        lines.extend(crate::text::wrap(rest, inner, MAX_TITLE_LINES - 1));
    }
    Some(lines)
}

/// The first card to show so that `selected` is fully visible in `room` rows, moving `first`
/// as little as possible. Looks only at the cards near the window, never the whole column.
pub fn keep_visible_by_height(
    first: usize,
    selected: usize,
    room: u16,
    height: impl Fn(usize) -> u16,
) -> usize {
    if selected < first {
        return selected;
    }
    // The earliest start from which `selected` still ends inside the room.
    let mut used = 0u16;
    let mut earliest = selected;
    for position in (0..=selected).rev() {
        let h = height(position);
        if used + h > room && position < selected {
            break;
        }
        used = used.saturating_add(h);
        earliest = position;
        if used >= room {
            break;
        }
    }
    first.max(earliest)
}

/// The largest first card from which the column's last cards fill `room` rows.
pub fn last_window_start(cards: usize, room: u16, height: impl Fn(usize) -> u16) -> usize {
    let mut used = 0u16;
    let mut start = cards;
    for position in (0..cards).rev() {
        let h = height(position);
        if used + h > room {
            break;
        }
        used += h;
        start = position;
    }
    start.min(cards.saturating_sub(1))
}

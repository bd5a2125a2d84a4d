//! A grid of cells, whatever file it came from: CSV or TSV text, a workbook's sheet or a
//! Markdown table. Reading a RACI table works on this alone.

/// One grid of text cells, and how to name its rows and columns to a person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    /// The sheet's name (a workbook's tab), or what names a Markdown table ("table 2").
    pub name: String,
    /// The cells, row by row (rows may differ in length).
    pub rows: Vec<Row>,
    /// What a person calls each row: its spreadsheet row, or its line in a document.
    pub numbers: Vec<usize>,
    /// Rows whose label is set in bold (a section row in a Markdown document).
    pub strong: Vec<bool>,
    /// Whether rows are lines of a document (Markdown), whose cells are counted, not lettered.
    pub lines: bool,
    /// The document's title (its first heading), for a table with no title row of its own.
    pub title: Option<String>,
    /// The heading right above the table in a document, if not the title.
    pub caption: Option<String>,
    /// The delimiter of CSV text.
    pub delimiter: Option<char>,
    /// Which of the tables stacked in one sheet this is, from 1, when the sheet holds several
    /// (blank rows between them, each under its own heading).
    pub table: Option<usize>,
}

impl Sheet {
    /// A sheet of `rows` numbered 1, 2, ... as a spreadsheet numbers them.
    pub fn from_rows(name: &str, rows: Vec<Row>) -> Sheet {
        let n = rows.len();
        Sheet {
            name: name.to_owned(),
            rows,
            numbers: (1..=n).collect(),
            strong: vec![false; n],
            ..Sheet::default()
        }
    }

    /// The number a person calls row `index`.
    pub fn number(&self, index: usize) -> usize {
        self.numbers.get(index).copied().unwrap_or(index + 1)
    }

    /// Whether row `index` is set in bold.
    pub fn is_strong(&self, index: usize) -> bool {
        self.strong.get(index).copied().unwrap_or(false)
    }
}

/// One row's cells, kept as one text and where each cell ends: a wide sheet of mostly empty
/// cells costs four bytes a cell rather than a string each, so that reading a sheet needs a
/// small multiple of the workspace it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    text: String,
    ends: Vec<u32>,
}

impl Row {
    /// How many cells the row has (empty ones included).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Cell `c`, if the row reaches it.
    pub fn get(&self, c: usize) -> Option<&str> {
        let end = *self.ends.get(c)? as usize;
        let start = match c {
            0 => 0,
            _ => self.ends[c - 1] as usize,
        };
        Some(self.text.get(start..end).unwrap_or_default())
    }

    /// The cells in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.len()).map(|c| self.get(c).unwrap_or_default())
    }

    /// The cells as strings of their own.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// Adds a cell at the end.
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        // A row is never 4 GB long: a longer one would end its last cells early.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }
}

impl std::ops::Index<usize> for Row {
    type Output = str;

    fn index(&self, c: usize) -> &str {
        self.get(c).unwrap_or_default()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Row {
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Row {
        let mut row = Row::default();
        for cell in cells {
            row.push(cell.as_ref());
        }
        row.text.shrink_to_fit();
        row.ends.shrink_to_fit();
        row
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Row {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

/// Text of a CSV or TSV file: UTF-8 (with or without a byte order mark) or UTF-16 with one
/// (Excel's "Unicode text"). `None` when it is neither.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, false);
    }
    String::from_utf8(bytes.to_vec()).ok()
}

/// The delimiters tried when a file names none.
pub const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// The delimiter an Excel `sep=;` first line names, and the text after that line.
pub fn sep_line(text: &str) -> (Option<char>, &str) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    if let Some(value) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
        && let mut chars = value.chars()
        && let (Some(c), None) = (chars.next(), chars.next())
    {
        return (Some(c), rest);
    }
    (None, text)
}

/// The rows of CSV `text` split on `delimiter` (rows may differ in length; quotes as RFC 4180
/// and Excel write them; CR LF, LF or CR line ends). An empty line is an empty row, as a
/// spreadsheet opens it, so that rows keep their numbers. An unreadable row ends the sheet,
/// reported as the error with its row number.
pub fn csv_rows(text: &str, delimiter: char) -> Result<Vec<Row>, (usize, String)> {
    csv_rows_up_to(text, delimiter, usize::MAX)
}

/// The first `limit` rows of CSV `text`, as [`csv_rows`] reads them.
pub fn csv_rows_up_to(
    text: &str,
    delimiter: char,
    limit: usize,
) -> Result<Vec<Row>, (usize, String)> {
    let Ok(byte) = u8::try_from(delimiter) else {
        return Err((1, format!("`{delimiter}` cannot separate cells")));
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(byte)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rows.len() < limit {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // A record's position is where reading it began: before the empty lines the
                // reader passed over (and the LF of the CR LF the last record ended on).
                let start = record
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .unwrap_or(0);
                let mut gap = bytes.get(start..).unwrap_or_default();
                if start > 0 && bytes.get(start - 1) == Some(&b'\r') {
                    gap = gap.strip_prefix(b"\n").unwrap_or(gap);
                }
                let run = gap
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
                rows.extend(std::iter::repeat_n(
                    Row::default(),
                    line_breaks(&gap[..run]),
                ));
                rows.push(record.iter().collect());
            }
            Err(e) => return Err((rows.len() + 1, format!("cannot read the row: {e}"))),
        }
    }
    Ok(rows)
}

/// How many line ends `bytes` hold (CR LF counted once).
fn line_breaks(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut iter = bytes.iter().peekable();
    while let Some(&b) = iter.next() {
        match b {
            b'\n' => count += 1,
            b'\r' => {
                count += 1;
                iter.next_if_eq(&&b'\n');
            }
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_sep_lines_and_encodings() {
        assert_eq!(sep_line("sep=;\r\na;b\r\n"), (Some(';'), "a;b\r\n"));
        assert_eq!(sep_line("Task,IT\n"), (None, "Task,IT\n"));
        assert_eq!(decode_text(b"\xef\xbb\xbfTask"), Some("Task".into()));
        assert_eq!(decode_text(b"\xff\xfeT\0a\0"), Some("Ta".into()));
        assert_eq!(decode_text(b"\xff\xff"), None);
    }

    #[test]
    fn a_row_keeps_its_cells_empty_ones_included() {
        let row: Row = ["Task", "", "A/R", "é"].into_iter().collect();
        assert_eq!(row.len(), 4);
        assert_eq!(
            (row.get(0), row.get(1), row.get(3)),
            (Some("Task"), Some(""), Some("é"))
        );
        assert_eq!(row.get(4), None);
        assert_eq!(&row[2], "A/R");
        assert_eq!(&row[9], "", "past the end: empty, no panic");
        assert_eq!(row, ["Task", "", "A/R", "é"]);
        assert!(Row::default().is_empty());
    }

    #[test]
    fn empty_lines_are_empty_rows_whatever_the_line_ends() {
        let blank = Row::default();
        for text in [
            "a,b\n\nc,d\n",
            "a,b\r\n\r\nc,d\r\n",
            "a,b\r\rc,d",
            "a,\"b\nb\"\n\nc,d\n",
        ] {
            let rows = csv_rows(text, ',').expect("reads");
            assert_eq!(rows.len(), 3, "{text:?}: {rows:?}");
            assert_eq!(rows[1], blank, "{text:?}");
            assert_eq!(rows[2], ["c", "d"], "{text:?}");
        }
        let rows = csv_rows("\n\na,b\nc,d", ',').expect("reads");
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(csv_rows("a,b\r\nc,d\r\n", ',').expect("reads").len(), 2);
    }
}

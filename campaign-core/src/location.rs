//! Where in an input a value sits: a JSON path of typed segments, a CSV line and
//! column, or a spreadsheet's sheet and cell. Every [`crate::Error`] carries one
//! [`Location`].
//!
//! Paths are built while reading or validating with [`Path`], a chain of borrowed steps
//! that costs nothing until an error needs it; [`Path::location`] turns it into an owned
//! [`Location`]. A path whose root is a CSV row ([`Path::csv_row`]) names a field by its
//! header, so the same validation code reports `$[3].quantity` for a JSON array and
//! line 4, column 5 for a CSV sheet.
//!
//! Rendering is unambiguous for any key: a key without dots, brackets, quotes,
//! backslashes, white space or control characters is written `.key`; any other key is
//! written as a JSON string in brackets (`$["a.b"]`).
//!
//! ```
//! use campaign_core::location::Path;
//! let root = Path::root();
//! let visits = root.key("visits");
//! let first = visits.index(0);
//! assert_eq!(first.key("last_day").location().to_string(), "$.visits[0].last_day");
//! assert_eq!(root.key("a.b").location().to_string(), r#"$["a.b"]"#);
//! ```

use std::fmt;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array element (0-based).
    Index(usize),
}

/// Where an error is, in the input the user gave.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// A JSON value, by its path from the document root (`$`).
    Json(Vec<Segment>),
    /// A CSV cell: 1-based line and column.
    Csv {
        /// 1-based line of the file.
        line: u64,
        /// 1-based column (one past the last when a required column is missing).
        column: u64,
    },
    /// A spreadsheet cell: the sheet, its 1-based row and column (`B3` is row 3,
    /// column 2).
    Cell {
        /// The sheet's name.
        sheet: String,
        /// 1-based row.
        row: u64,
        /// 1-based column.
        column: u64,
    },
}

impl Location {
    /// The document root, `$`.
    pub fn root() -> Self {
        Location::Json(Vec::new())
    }

    /// The JSON path segments, when the input was JSON.
    pub fn segments(&self) -> Option<&[Segment]> {
        match self {
            Location::Json(s) => Some(s),
            Location::Csv { .. } | Location::Cell { .. } => None,
        }
    }

    /// The CSV line and column, or the spreadsheet row and column.
    pub fn line_column(&self) -> Option<(u64, u64)> {
        match self {
            Location::Csv { line, column } => Some((*line, *column)),
            Location::Cell { row, column, .. } => Some((*row, *column)),
            Location::Json(_) => None,
        }
    }
}

/// True if `key` can be written after a dot without ambiguity: it has none of the
/// characters that delimit a path (`.`, brackets, quotes, backslash), no white space and
/// no control character. (Not `char::is_alphanumeric`: its Unicode tables would cost
/// WebAssembly bytes for no gain in clarity.)
fn is_bare(key: &str) -> bool {
    !key.is_empty()
        && !key.chars().any(|c| {
            matches!(c, '.' | '[' | ']' | '"' | '\'' | '\\') || c.is_whitespace() || c.is_control()
        })
}

impl fmt::Display for Location {
    /// `$.visits[0]["a.b"]`, `line 4, column 2`, or `sheet "Calendar", cell B4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Csv { line, column } => write!(f, "line {line}, column {column}"),
            Location::Cell { sheet, row, column } => {
                // Column letters, from the right: 1 → A, 26 → Z, 27 → AA.
                let mut letters = [0u8; 14];
                let mut k = letters.len();
                let mut c = *column;
                while c > 0 && k > 0 {
                    k -= 1;
                    letters[k] = b'A' + ((c - 1) % 26) as u8;
                    c = (c - 1) / 26;
                }
                let name = serde_json::to_string(sheet).map_err(|_| fmt::Error)?;
                let letters = std::str::from_utf8(&letters[k..]).map_err(|_| fmt::Error)?;
                write!(f, "sheet {name}, cell {letters}{row}")
            }
            Location::Json(segments) => {
                f.write_str("$")?;
                for s in segments {
                    match s {
                        Segment::Index(i) => write!(f, "[{i}]")?,
                        Segment::Key(k) if is_bare(k) => write!(f, ".{k}")?,
                        Segment::Key(k) => {
                            let quoted = serde_json::to_string(k).map_err(|_| fmt::Error)?;
                            write!(f, "[{quoted}]")?
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

/// Where a value sits while it is read or validated: a chain of borrowed steps, turned
/// into a [`Location`] only when an error needs it.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Row { line: u64, header: &'a [String] },
    FrameRow(usize),
    Key(&'a str),
    Index(usize),
}

impl Path<'static> {
    /// The root of a JSON document, `$`.
    pub const fn root() -> Self {
        Path {
            parent: None,
            step: Step::Root,
        }
    }
}

impl<'a> Path<'a> {
    /// A record that is one row of a CSV sheet: its fields are located by `header`
    /// (a field the header lacks is placed one column past the last).
    pub const fn csv_row(line: u64, header: &'a [String]) -> Self {
        Path {
            parent: None,
            step: Step::Row { line, header },
        }
    }

    /// A record that is row `row` of a table given column by column (a DataFrame): its
    /// field `f` is located at `$.f[row]`.
    pub const fn frame_row(row: usize) -> Self {
        Path {
            parent: None,
            step: Step::FrameRow(row),
        }
    }

    /// The member `key` of the object at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    /// Element `index` of the array at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The owned location of this path.
    pub fn location(&self) -> Location {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            steps.push(p.step);
            at = p.parent;
        }
        steps.reverse();
        match steps.first() {
            Some(Step::Row { line, header }) => {
                let column = match steps.get(1) {
                    Some(Step::Key(k)) => {
                        header.iter().position(|h| h == k).unwrap_or(header.len())
                    }
                    _ => 0,
                };
                Location::Csv {
                    line: *line,
                    column: column as u64 + 1,
                }
            }
            Some(Step::FrameRow(row)) => {
                let mut segments: Vec<Segment> = steps[1..].iter().filter_map(segment).collect();
                let at = segments.len().min(1);
                segments.insert(at, Segment::Index(*row));
                Location::Json(segments)
            }
            _ => Location::Json(steps.iter().filter_map(segment).collect()),
        }
    }
}

fn segment(step: &Step) -> Option<Segment> {
    match step {
        Step::Key(k) => Some(Segment::Key((*k).to_owned())),
        Step::Index(i) => Some(Segment::Index(*i)),
        Step::Root | Step::Row { .. } | Step::FrameRow(_) => None,
    }
}

impl From<&Path<'_>> for Location {
    fn from(p: &Path<'_>) -> Self {
        p.location()
    }
}

impl From<Path<'_>> for Location {
    fn from(p: Path<'_>) -> Self {
        p.location()
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.location().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_is_unambiguous() {
        let root = Path::root();
        let cases = [
            (root.key("visits"), "$.visits"),
            (root.key("Durrës"), "$.Durrës"),
            (root.key("AL-02"), "$.AL-02"),
            (root.key("a.b"), r#"$["a.b"]"#),
            (root.key("a\"b"), r#"$["a\"b"]"#),
            (root.key(""), r#"$[""]"#),
            (root.key("0"), "$.0"),
            (root.index(0), "$[0]"),
            (root.key("with space"), r#"$["with space"]"#),
        ];
        for (p, want) in cases {
            assert_eq!(p.location().to_string(), want);
        }
        assert_eq!(root.location().to_string(), "$");
    }

    #[test]
    fn csv_rows_locate_fields_by_header() {
        let header: Vec<String> = ["date", "county", "quantity"].map(String::from).to_vec();
        let row = Path::csv_row(7, &header);
        assert_eq!(row.key("quantity").location().line_column(), Some((7, 3)));
        assert_eq!(row.key("note").location().line_column(), Some((7, 4)));
        assert_eq!(row.location().line_column(), Some((7, 1)));
        assert_eq!(row.key("county").to_string(), "line 7, column 2");
    }

    #[test]
    fn frame_rows_locate_fields_as_column_then_row() {
        let row = Path::frame_row(12);
        assert_eq!(row.key("female").to_string(), "$.female[12]");
        assert_eq!(row.to_string(), "$[12]");
    }
}

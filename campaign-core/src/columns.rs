//! Column contracts of tabular inputs (CSV sheets, DataFrames handed over column by
//! column): which columns a table has, which are required, how a header is matched
//! (forgiving case, spaces and a byte-order mark), and the errors for unknown, repeated
//! and missing columns.

use crate::error::{Error, Result};
use crate::location::Path;
use std::borrow::Cow;

/// One column of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column's name (snake_case), also the field name in JSON records.
    pub name: &'static str,
    /// True if every table must have it.
    pub required: bool,
}

/// The columns of one kind of table, e.g. attendance or ledger entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contract {
    /// What the table holds, for messages (`attendance`, `ledger entries`).
    pub what: &'static str,
    /// The columns, in their usual order.
    pub columns: &'static [Column],
}

/// How a header was given: the first row of a CSV file, or the column names of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderSource {
    /// Line 1 of a CSV file: errors are [`Error::Csv`] at line 1 and the column.
    Csv,
    /// Column names of a frame: errors are [`Error::Invalid`] at `$.<column>`.
    Frame,
}

/// A header matched against a contract: for each column of the contract, its position
/// in the header, if present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// The header as normalised (see [`normalize_header`]).
    pub names: Vec<String>,
    positions: Vec<Option<usize>>,
    contract: Contract,
}

impl HeaderMap {
    /// The position in the header of the contract column `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        let k = self.contract.columns.iter().position(|c| c.name == name)?;
        self.positions[k]
    }
}

/// The header name as compared: trimmed, without a byte-order mark, lower case, with
/// spaces and dashes as underscores (`"Female "`, `"\u{feff}visit"`, `"first-day"`).
///
/// ```
/// assert_eq!(campaign_core::columns::normalize_header("\u{feff} First Day"), "first_day");
/// ```
pub fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Contract {
    /// The names of the columns.
    pub fn names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }

    /// Matches a header: every name must be a column of the contract, none repeated,
    /// and every required column present.
    ///
    /// ```
    /// use campaign_core::columns::HeaderSource;
    /// let c = campaign_core::participation::ATTENDANCE_COLUMNS;
    /// let err = c.match_header(&["visit", "session", "femal"], HeaderSource::Csv).unwrap_err();
    /// assert_eq!(err.line_column(), Some((1, 3)));
    /// let err = c.match_header(&["visit", "femal"], HeaderSource::Frame).unwrap_err();
    /// assert_eq!(err.path().as_deref(), Some("$.femal"));
    /// ```
    pub fn match_header<S: AsRef<str>>(
        &self,
        header: &[S],
        source: HeaderSource,
    ) -> Result<HeaderMap> {
        let names: Vec<String> = header
            .iter()
            .map(|h| normalize_header(h.as_ref()))
            .collect();
        let error = |column: usize, given: &str, message: String| match source {
            HeaderSource::Csv => Error::csv(1, column as u64 + 1, message),
            HeaderSource::Frame => Error::invalid(Path::root().key(given), message),
        };
        let mut positions = vec![None; self.columns.len()];
        for (i, name) in names.iter().enumerate() {
            let given = header[i].as_ref();
            let Some(k) = self.columns.iter().position(|c| c.name == name) else {
                return Err(error(
                    i,
                    given,
                    format!(
                        "unknown column {given:?} (known: {})",
                        self.names().join(", ")
                    ),
                ));
            };
            if let Some(first) = positions[k] {
                return Err(error(
                    i,
                    given,
                    format!("column {given:?} is repeated (also column {})", first + 1),
                ));
            }
            positions[k] = Some(i);
        }
        for (k, c) in self.columns.iter().enumerate() {
            if c.required && positions[k].is_none() {
                return Err(error(
                    names.len(),
                    c.name,
                    format!(
                        "missing column {:?} (the {} need: {})",
                        c.name,
                        self.what,
                        self.columns
                            .iter()
                            .filter(|c| c.required)
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        Ok(HeaderMap {
            names,
            positions,
            contract: *self,
        })
    }
}

/// Rows read from a CSV file: the good ones, and an error for each bad one (nothing is
/// dropped silently).
#[derive(Debug, Clone, PartialEq)]
pub struct CsvImport<T> {
    /// The rows that were fine, in file order.
    pub rows: Vec<T>,
    /// The 1-based line of each good row.
    pub lines: Vec<u64>,
    /// One error per bad row, with line and column.
    pub errors: Vec<Error>,
    /// The header as normalised, which locates a row's fields ([`CsvImport::row_path`]).
    pub header: Vec<String>,
}

impl<T> CsvImport<T> {
    /// True if every row was fine.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// The location of good row `i`: its fields are located at its line and their column.
    pub fn row_path(&self, i: usize) -> Path<'_> {
        Path::csv_row(self.lines[i], &self.header)
    }

    /// Adds the error of a bad row. Every problem found in a CSV file is reported as
    /// [`Error::Csv`] at its cell, whatever rule it breaks (an unknown county, a
    /// refused quantity …), so a caller handles one kind of error per file; the message
    /// keeps the rule's own words.
    pub fn reject(&mut self, e: Error) {
        self.errors.push(match (&e, e.line_column()) {
            (Error::Csv { .. }, _) | (_, None) => e,
            (_, Some((line, column))) => Error::csv(line, column, e.message()),
        });
    }

    /// The rows that pass `check` (given each row and where its fields are); each row
    /// that fails is moved to the errors, which stay in file order.
    pub fn keep(self, mut check: impl FnMut(&T, &Path) -> Result<()>) -> CsvImport<T> {
        let mut out = CsvImport {
            rows: Vec::new(),
            lines: Vec::new(),
            errors: self.errors,
            header: self.header,
        };
        for (row, line) in self.rows.into_iter().zip(self.lines) {
            match check(&row, &Path::csv_row(line, &out.header)) {
                Ok(()) => out.accept(row, line),
                Err(e) => out.reject(e),
            }
        }
        out.errors.sort_by_key(Error::line_column);
        out
    }

    /// Adds a good row read at `line`.
    pub fn accept(&mut self, row: T, line: u64) {
        self.rows.push(row);
        self.lines.push(line);
    }
}

/// One column of a frame, as a binding hands it over.
#[derive(Debug, Clone, Copy)]
pub enum FrameColumn<'a> {
    /// Text as codes into distinct labels (what `pandas.factorize` gives); a negative
    /// code is an empty cell.
    Labels {
        /// One code per row.
        codes: &'a [i64],
        /// The distinct labels.
        labels: &'a [String],
    },
    /// Whole numbers.
    Int(&'a [i64]),
    /// Real numbers; NaN is an empty cell.
    Float(&'a [f64]),
    /// Dates as days since 1970-01-01; `i64::MIN` (numpy's NaT) is an empty cell.
    Date(&'a [i64]),
    /// Text, one value per row (for columns of mostly distinct values, where codes
    /// would not save anything).
    Text(&'a [Option<String>]),
    /// Text in Arrow's `large_string` layout: row `i` is `data[offsets[i]..offsets[i + 1]]`
    /// unless `missing[i]` (an empty `missing` means no row is). A binding hands over a
    /// pandas or Arrow string column this way without making one object per row;
    /// [`Frame::new`] checks the offsets.
    Strings {
        /// One more than the rows: where each row's text starts, then where the last ends.
        offsets: &'a [i64],
        /// The texts, one after another.
        data: &'a str,
        /// True for an empty cell; empty when no cell is.
        missing: &'a [bool],
    },
}

/// The cells of a column the frame may lack, where a column of days converts each day
/// of its span once rather than each cell: the conversion from a day count to a date
/// was a tenth of reading a 10^5-row calendar frame (criterion `build/from_frame`, perf).
/// Gives exactly [`FrameColumn::cell`]'s cells.
pub(crate) struct Cells<'a> {
    column: Option<FrameColumn<'a>>,
    /// The day count of `dates[0]`.
    first: i64,
    /// Every date from the column's first day to its last; empty when the column is not
    /// one of days, or its span is more than a few times its rows (so building this
    /// stays linear in the rows), or reaches beyond the dates a cell can hold.
    dates: Vec<chrono::NaiveDate>,
}

impl<'a> Cells<'a> {
    /// The cells of `column`.
    pub(crate) fn new(column: Option<FrameColumn<'a>>) -> Self {
        let mut cells = Cells {
            column,
            first: 0,
            dates: Vec::new(),
        };
        let Some(FrameColumn::Date(days)) = column else {
            return cells;
        };
        // NaT (int64's minimum) is an empty cell, outside any span.
        let (low, high) = days
            .iter()
            .filter(|&&d| d != i64::MIN)
            .fold((i64::MAX, i64::MIN), |(l, h), &d| (l.min(d), h.max(d)));
        let rows = i64::try_from(days.len()).unwrap_or(i64::MAX);
        let limit = rows.saturating_mul(2).saturating_add(4_096);
        if low > high || high.checked_sub(low).is_none_or(|span| span > limit) {
            return cells;
        }
        let date = |d: i64| match FrameColumn::Date(&[d]).cell(0) {
            Cell::Date(date) => Some(date),
            _ => None,
        };
        // Every day between two that read is a date too.
        if let (Some(start), Some(_)) = (date(low), date(high)) {
            cells.first = low;
            cells.dates = start.iter_days().take((high - low + 1) as usize).collect();
        }
        cells
    }

    /// The cell in `row`.
    pub(crate) fn cell(&self, row: usize) -> Cell<'a> {
        if let (Some(FrameColumn::Date(days)), false) = (self.column, self.dates.is_empty()) {
            let d = days[row];
            if d != i64::MIN {
                return Cell::Date(self.dates[(d - self.first) as usize]);
            }
        }
        self.column.map_or(Cell::Empty, |c| c.cell(row))
    }
}

impl<'a> FrameColumn<'a> {
    /// The cell in `row`.
    pub fn cell(&self, row: usize) -> Cell<'a> {
        match *self {
            FrameColumn::Labels { codes, labels } => usize::try_from(codes[row])
                .ok()
                .and_then(|c| labels.get(c))
                .map_or(Cell::Empty, |l| Cell::Text(l)),
            FrameColumn::Int(v) => Cell::Int(v[row]),
            FrameColumn::Float(v) if v[row].is_nan() => Cell::Empty,
            FrameColumn::Float(v) => Cell::Float(v[row]),
            FrameColumn::Text(v) => v[row].as_deref().map_or(Cell::Empty, Cell::Text),
            FrameColumn::Strings { missing, .. } if missing.get(row) == Some(&true) => Cell::Empty,
            // Frame::new checked that the offsets rise within `data` on character bounds.
            FrameColumn::Strings { offsets, data, .. } => {
                let span = offsets[row] as usize..offsets[row + 1] as usize;
                data.get(span).map_or(Cell::Empty, Cell::Text)
            }
            // 719,163 is 1970-01-01 counted from 0001-01-01 as day 1.
            FrameColumn::Date(v) => i32::try_from(v[row])
                .ok()
                .and_then(|d| d.checked_add(719_163))
                .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
                .map_or(Cell::Empty, Cell::Date),
        }
    }

    fn len(&self) -> usize {
        match self {
            FrameColumn::Labels { codes, .. } => codes.len(),
            FrameColumn::Int(v) | FrameColumn::Date(v) => v.len(),
            FrameColumn::Float(v) => v.len(),
            FrameColumn::Text(v) => v.len(),
            FrameColumn::Strings { offsets, .. } => offsets.len().saturating_sub(1),
        }
    }

    /// For [`FrameColumn::Strings`]: a problem with its offsets or missing flags.
    fn layout_problem(&self) -> Option<String> {
        let FrameColumn::Strings {
            offsets,
            data,
            missing,
        } = *self
        else {
            return None;
        };
        let rows = offsets.len().saturating_sub(1);
        if offsets.is_empty() {
            return Some("text offsets: expected one more than the rows, found none".into());
        }
        if !missing.is_empty() && missing.len() != rows {
            return Some(format!("{} missing flags for {rows} rows", missing.len()));
        }
        let mut last = 0;
        for (i, &o) in offsets.iter().enumerate() {
            let ok = usize::try_from(o)
                .ok()
                .filter(|&o| o >= last && o <= data.len() && data.is_char_boundary(o));
            match ok {
                Some(o) => last = o,
                None => {
                    return Some(format!(
                        "text offset {i} ({o}) does not rise within the text on a character bound"
                    ))
                }
            }
        }
        None
    }
}

/// One cell of a frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value.
    Empty,
    /// Text.
    Text(&'a str),
    /// A whole number.
    Int(i64),
    /// A real number.
    Float(f64),
    /// A date.
    Date(chrono::NaiveDate),
}

impl Cell<'_> {
    /// The cell as text (numbers as written), `None` when empty.
    pub fn text(&self) -> Option<String> {
        match *self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s.to_owned()),
            Cell::Int(n) => Some(n.to_string()),
            Cell::Float(x) => Some(crate::text::Dec(x).to_string()),
            Cell::Date(d) => Some(d.to_string()),
        }
    }

    /// The cell as a date: a date, or text in one of the forms of [`crate::io::parse_date`].
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        match *self {
            Cell::Date(d) => Some(d),
            Cell::Text(s) => crate::io::parse_date(s),
            _ => None,
        }
    }

    /// The cell as a whole number: an integer, a real without fraction, or text of one.
    pub fn whole(&self) -> Option<i64> {
        match *self {
            Cell::Int(n) => Some(n),
            Cell::Float(x) if x.fract() == 0.0 && x.abs() <= 9.0e15 => Some(x as i64),
            Cell::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// A column as codes (one per row, negative for empty) into distinct labels.
pub type CodedColumn<'a> = (Cow<'a, [i64]>, Cow<'a, [String]>);

/// A frame's columns matched against a contract: names checked, lengths equal.
#[derive(Debug, Clone)]
pub struct Frame<'a> {
    header: HeaderMap,
    columns: Vec<FrameColumn<'a>>,
    rows: usize,
}

impl<'a> Frame<'a> {
    /// Matches named columns against `contract`: unknown, repeated and missing columns
    /// are errors at `$.<column>`, and so is a column whose length differs from the first.
    pub fn new(contract: &Contract, columns: &[(&str, FrameColumn<'a>)]) -> Result<Frame<'a>> {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let header = contract.match_header(&names, HeaderSource::Frame)?;
        let rows = columns.first().map_or(0, |(_, c)| c.len());
        for (name, c) in columns {
            if let Some(problem) = c.layout_problem() {
                return Err(Error::invalid(Path::root().key(name), problem));
            }
            if c.len() != rows {
                return Err(Error::invalid(
                    Path::root().key(name),
                    format!("column has {} rows but {} has {rows}", c.len(), names[0]),
                ));
            }
        }
        Ok(Frame {
            header,
            columns: columns.iter().map(|(_, c)| *c).collect(),
            rows,
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True if the frame has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The column `name` of the contract, if the frame has it.
    pub fn column(&self, name: &str) -> Option<FrameColumn<'a>> {
        self.header.position(name).map(|i| self.columns[i])
    }

    /// The cell of column `name` in `row` (empty when the frame has no such column).
    pub fn cell(&self, name: &str, row: usize) -> Cell<'a> {
        self.column(name).map_or(Cell::Empty, |c| c.cell(row))
    }

    /// The column `name` as codes into distinct labels; numbers are an error at
    /// `$.<name>`.
    pub fn labels(&self, name: &str) -> Result<Option<CodedColumn<'a>>> {
        match self.column(name) {
            None => Ok(None),
            Some(FrameColumn::Labels { codes, labels }) => {
                Ok(Some((Cow::Borrowed(codes), Cow::Borrowed(labels))))
            }
            Some(c @ (FrameColumn::Text(_) | FrameColumn::Strings { .. })) => {
                let mut index: std::collections::HashMap<&str, i64> = Default::default();
                let mut labels = Vec::new();
                let codes = (0..self.rows)
                    .map(|row| match c.cell(row) {
                        Cell::Text(s) => *index.entry(s).or_insert_with(|| {
                            labels.push(s.to_owned());
                            labels.len() as i64 - 1
                        }),
                        _ => -1,
                    })
                    .collect();
                Ok(Some((Cow::Owned(codes), Cow::Owned(labels))))
            }
            Some(_) => Err(Error::invalid(
                Path::root().key(name),
                "expected a column of text, found numbers",
            )),
        }
    }

    /// The column `name` as whole numbers, one per row: text, an empty cell or a
    /// fraction is an error at `$.<name>[row]`.
    pub fn whole_numbers(&self, name: &str) -> Result<Option<std::borrow::Cow<'a, [i64]>>> {
        let at =
            |row: usize, message: String| Error::invalid(Path::frame_row(row).key(name), message);
        match self.column(name) {
            None => Ok(None),
            Some(FrameColumn::Int(v)) => Ok(Some(std::borrow::Cow::Borrowed(v))),
            Some(FrameColumn::Float(v)) => v
                .iter()
                .enumerate()
                .map(|(row, &x)| {
                    if x.is_nan() {
                        Err(at(row, "empty cell".into()))
                    } else if x.fract() != 0.0 || x.abs() > 9.0e15 {
                        Err(at(
                            row,
                            format!("{} is not a whole number", crate::text::Dec(x)),
                        ))
                    } else {
                        Ok(x as i64)
                    }
                })
                .collect::<Result<Vec<i64>>>()
                .map(|v| Some(std::borrow::Cow::Owned(v))),
            // A frame without rows has no types to speak of.
            Some(
                FrameColumn::Labels { codes: [], .. } | FrameColumn::Strings { offsets: [_], .. },
            ) => Ok(Some(std::borrow::Cow::Borrowed(&[]))),
            Some(
                FrameColumn::Labels { .. } | FrameColumn::Text(_) | FrameColumn::Strings { .. },
            ) => Err(Error::invalid(
                Path::root().key(name),
                "expected a column of whole numbers, found text",
            )),
            Some(FrameColumn::Date(_)) => Err(Error::invalid(
                Path::root().key(name),
                "expected a column of whole numbers, found dates",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A column of days gives the same cells through its table as cell by cell:
        /// NaT, days around the ends of what a date holds, narrow and wide spans.
        #[test]
        fn day_cells_are_the_columns_cells(
            base in prop_oneof![Just(0i64), Just(-719_163i64), Just(2_932_896i64), Just(95_000_000i64), -3_000_000i64..3_000_000],
            offsets in prop::collection::vec(prop_oneof![Just(None), (-50i64..50).prop_map(Some), (-10_000i64..10_000).prop_map(Some)], 0..40),
        ) {
            let days: Vec<i64> = offsets.iter().map(|o| o.map_or(i64::MIN, |o| base.saturating_add(o))).collect();
            let column = FrameColumn::Date(&days);
            let cells = Cells::new(Some(column));
            for row in 0..days.len() {
                prop_assert_eq!(cells.cell(row), column.cell(row));
            }
            prop_assert_eq!(Cells::new(None).cell(0), Cell::Empty);
        }
    }

    #[test]
    fn day_cells_take_the_widest_days() {
        let days = [i64::MAX, -i64::MAX, i64::MIN, 0];
        let column = FrameColumn::Date(&days);
        let cells = Cells::new(Some(column));
        assert!(cells.dates.is_empty());
        for row in 0..days.len() {
            assert_eq!(cells.cell(row), column.cell(row));
        }
        let narrow = [17_455, 17_456, i64::MIN];
        let cells = Cells::new(Some(FrameColumn::Date(&narrow)));
        assert_eq!(cells.dates.len(), 2);
        assert_eq!(
            cells.cell(1),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2017, 10, 17).unwrap())
        );
    }
}

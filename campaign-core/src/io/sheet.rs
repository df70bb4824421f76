//! Reading a CSV sheet against a column contract: the header is matched once, each row
//! is kept with its line, and every problem is an error at a line and column.

use crate::columns::{Contract, CsvImport, HeaderMap, HeaderSource};
use crate::error::{Error, Result};
use crate::location::{Location, Path};

/// A sheet: its header and its non-empty rows (cells trimmed).
pub(crate) struct Sheet {
    pub header: HeaderMap,
    pub rows: Vec<(u64, csv::StringRecord)>,
    pub errors: Vec<Error>,
}

impl Sheet {
    /// Reads `text` (lines starting with `#` are comments). A bad header is an error for
    /// the whole file; a row with the wrong number of cells is an error for that row.
    pub fn read(text: &str, contract: &Contract) -> Result<Sheet> {
        let text = crate::limits::text(text)?;
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut lines = LineCounter::new(text);
        let head = rdr.headers().map_err(|e| csv_error(&e, &mut lines))?;
        let header_line = head.position().map_or(1, |p| lines.record_line(p.byte()));
        let raw: Vec<String> = head.iter().map(str::to_owned).collect();
        let header = contract
            .match_header(&raw, HeaderSource::Csv)
            .map_err(|e| match e.line_column() {
                Some((_, column)) => e.relocated(Location::Csv {
                    line: header_line,
                    column,
                }),
                None => e,
            })?;
        let width = header.names.len();
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for rec in rdr.records() {
            match rec {
                Err(e) => errors.push(csv_error(&e, &mut lines)),
                Ok(rec) => {
                    let line = rec.position().map_or(0, |p| lines.record_line(p.byte()));
                    if rec.iter().all(str::is_empty) {
                        continue;
                    }
                    if rec.len() != width {
                        errors.push(Error::csv(
                            line,
                            rec.len().min(width) as u64 + 1,
                            format!("row has {} fields but the header has {width}", rec.len()),
                        ));
                        continue;
                    }
                    rows.push((line, rec));
                }
            }
        }
        Ok(Sheet {
            header,
            rows,
            errors,
        })
    }

    /// The cell of column `name` in `row` ("" when the sheet has no such column), with
    /// the quote that [`safe_cell`] puts before a formula-like value taken off.
    pub fn cell<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        let cell = self
            .header
            .position(name)
            .and_then(|c| row.get(c))
            .unwrap_or("");
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(FORMULA_START) || rest.starts_with('\'') => rest,
            _ => cell,
        }
    }

    /// The cell of column `name`, or `None` when it is empty or absent.
    pub fn text(&self, row: &csv::StringRecord, name: &str) -> Option<String> {
        Some(self.cell(row, name))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// Where the fields of the row at `line` are.
    pub fn row_path(&self, line: u64) -> Path<'_> {
        Path::csv_row(line, &self.header.names)
    }

    /// Each row turned into a `T` by `parse` (given where the row's fields are and its
    /// cells): the good ones, and the error of each bad one.
    pub fn parse_rows<T>(
        &self,
        mut parse: impl FnMut(&Path, &csv::StringRecord) -> Result<T>,
    ) -> CsvImport<T> {
        let mut import = CsvImport {
            rows: Vec::new(),
            lines: Vec::new(),
            errors: self.errors.clone(),
            header: self.header.names.clone(),
        };
        for (line, rec) in &self.rows {
            match parse(&self.row_path(*line), rec) {
                Ok(row) => import.accept(row, *line),
                Err(e) => import.reject(e),
            }
        }
        import
    }
}

/// What a spreadsheet takes as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to CSV: a value that a spreadsheet would run as a formula (`=…`,
/// `+…`, `-…`, `@…`, tab, carriage return) gets a quote in front, and so does a value
/// that starts with a quote; the library's own import (every CSV reader of this crate) takes it off, so
/// what it writes reads back as it was.
///
/// ```
/// # use campaign_core::io::visits_to_csv;
/// # use campaign_core::Visit;
/// let d = "2018-03-05".parse().unwrap();
/// let mut v = Visit::new("=HYPERLINK(\"http://x\")", d, d);
/// v.team = Some("'quoted".into());
/// let csv = visits_to_csv(&[v.clone()]);
/// assert!(csv.contains("'=HYPERLINK") && csv.contains("''quoted"));
/// let back = campaign_core::io::visits_from_csv(&csv).unwrap();
/// assert_eq!((back[0].county.as_str(), back[0].team.as_deref()), (v.county.as_str(), Some("'quoted")));
/// ```
pub fn safe_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_START) || value.starts_with('\'') {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Rows as CSV text, as every export of the library writes them: a header, then one
/// line per row; cells that a spreadsheet would run as formulas neutralised
/// ([`safe_cell`]), and cells that start with `#` quoted, since the library's readers
/// take a line that starts with `#` as a comment. What it writes reads back as it was.
///
/// ```
/// let csv = campaign_core::io::csv_text(&["id", "note"], [["#1", "=1+1"], ["2", "a,b"]]);
/// assert_eq!(csv, "id,note\n\"#1\",'=1+1\n2,\"a,b\"\n");
/// ```
pub fn csv_text<R, C>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut w = csv::WriterBuilder::new()
        .comment(Some(b'#'))
        .from_writer(Vec::new());
    // Writing to a Vec<u8> cannot fail; the text is UTF-8 because every cell is.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.into_iter().map(|c| safe_cell(c.as_ref()).into_owned()));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The 1-based line of byte offsets in a text. (The csv crate's own line numbers leave
/// out blank and comment lines between records; its byte offsets are exact.) Offsets
/// asked in increasing order cost one pass over the text in all.
pub(crate) struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    /// A counter at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record that the csv crate places at `offset`: its offset is where
    /// the reader started, before the blank and comment lines it skipped, so these are
    /// skipped here too.
    pub fn record_line(&mut self, offset: u64) -> u64 {
        let mut at = (offset as usize).min(self.text.len());
        loop {
            match self.text.get(at) {
                Some(b'\r' | b'\n') => at += 1,
                Some(b'#') => {
                    at = match self.text[at..].iter().position(|&b| b == b'\n') {
                        Some(n) => at + n + 1,
                        None => self.text.len(),
                    }
                }
                _ => break,
            }
        }
        self.line_at(at)
    }

    /// The line that the byte at `offset` is on.
    fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.byte {
            (self.byte, self.line) = (0, 1);
        }
        let newlines = self.text[self.byte..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.byte = offset;
        self.line
    }
}

/// The error of the csv crate as [`Error::Csv`] at its line.
pub(crate) fn csv_error(e: &csv::Error, lines: &mut LineCounter) -> Error {
    let line = e.position().map_or(1, |p| lines.record_line(p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "text is not valid UTF-8".into(),
        _ => e.to_string(),
    };
    Error::csv(line, 1, message)
}

//! Reading a CSV sheet against a column contract: the header is matched once, each row
//! is kept with its line, and every problem is an error at a line and column.

use crate::columns::{Contract, CsvImport, HeaderMap, HeaderSource};
use crate::error::{Error, Result};
use crate::location::Path;

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
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let raw: Vec<String> = rdr
            .headers()
            .map_err(|e| csv_error(&e, 1))?
            .iter()
            .map(str::to_owned)
            .collect();
        let header = contract.match_header(&raw, HeaderSource::Csv)?;
        let width = header.names.len();
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for rec in rdr.records() {
            match rec {
                Err(e) => errors.push(csv_error(&e, 0)),
                Ok(rec) => {
                    let line = rec.position().map_or(0, |p| p.line());
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

    /// The cell of column `name` in `row` ("" when the sheet has no such column).
    pub fn cell<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.header
            .position(name)
            .and_then(|c| row.get(c))
            .unwrap_or("")
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

/// The error of the csv crate as [`Error::Csv`] (its line, or `default_line`).
pub(crate) fn csv_error(e: &csv::Error, default_line: u64) -> Error {
    let line = e.position().map_or(default_line, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "text is not valid UTF-8".into(),
        _ => e.to_string(),
    };
    Error::csv(line, 1, message)
}

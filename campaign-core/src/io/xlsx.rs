//! Spreadsheets (feature `xlsx`): calendars, attendance sheets and ledgers read from
//! .xlsx or .ods (calamine), with the same column contracts and forgiving headers as
//! CSV; and one workbook per campaign written as .xlsx (rust_xlsxwriter).
//!
//! Reading turns the sheet's used range into the CSV the CSV readers take (a CSV line is
//! a spreadsheet row; cells become text: whole numbers without a decimal point, dates as
//! `YYYY-MM-DD`), so every rule about a row lives in one place; the errors are then
//! placed at the sheet's cell (`sheet "Calendar", cell C3`).

use super::sheet::csv_text;
use crate::campaign::{Campaign, Visit};
use crate::checks::Report;
use crate::columns::CsvImport;
use crate::error::{Error, Result};
use crate::location::Location;
use crate::materials::{Allocation, Ledger, LedgerEntry};
use crate::participation::{Attendance, AttendanceRecord, ATTENDANCE_COLUMNS};
use crate::table::{Table, Values};
use crate::text::{Lang, Text};
use calamine::{Data, Reader};

/// A sheet's used range as CSV text, and where it sits in the sheet.
struct SheetCsv {
    sheet: String,
    csv: String,
    /// Columns left of the range (CSV column c is spreadsheet column c + this).
    column_offset: u64,
}

impl SheetCsv {
    /// An error of the CSV readers, placed at the spreadsheet cell.
    fn place(&self, e: Error) -> Error {
        match e.line_column() {
            Some((line, column)) => {
                let at = Location::Cell {
                    sheet: self.sheet.clone(),
                    row: line,
                    column: column + self.column_offset,
                };
                e.relocated(at)
            }
            None => e,
        }
    }

    fn place_all<T>(&self, mut import: CsvImport<T>) -> CsvImport<T> {
        import.errors = std::mem::take(&mut import.errors)
            .into_iter()
            .map(|e| self.place(e))
            .collect();
        import
    }
}

/// The error of a workbook that cannot be opened or has no such sheet.
fn workbook_error(message: impl Into<String>) -> Error {
    Error::csv(1, 1, message)
}

/// The text of a cell, or the error it holds.
fn cell_text(cell: &Data) -> std::result::Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => return Err(format!("{d} is not a date the library reads")),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e}")),
    })
}

/// The used range of the sheet `sheet` of a workbook (.xlsx, .xlsm, .xlsb, .xls or .ods,
/// told apart by content) as CSV; when `None`, the sheet called `usual` (the name the
/// library's own workbooks give it) or else the first.
fn sheet_csv(bytes: &[u8], sheet: Option<&str>, usual: &str) -> Result<SheetCsv> {
    crate::limits::count(
        &crate::location::Path::root(),
        crate::limits::Limit::TextSize,
        bytes.len(),
        crate::limits::MAX_TEXT_BYTES,
        "bytes of workbook",
    )?;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| workbook_error(format!("not a workbook the library reads: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                workbook_error(format!(
                    "the workbook has no sheet {s:?} (its sheets: {})",
                    names.join(", ")
                ))
            })?,
        None => names
            .iter()
            .find(|n| n.as_str() == usual)
            .or(names.first())
            .cloned()
            .ok_or_else(|| workbook_error("the workbook has no sheet"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| workbook_error(format!("sheet {name:?} cannot be read: {e}")))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(range.height());
    for (r, row) in range.rows().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        for (c, cell) in row.iter().enumerate() {
            cells.push(cell_text(cell).map_err(|message| {
                Error::csv(0, 0, message).relocated(Location::Cell {
                    sheet: name.clone(),
                    row: u64::from(row0) + r as u64 + 1,
                    column: u64::from(col0) + c as u64 + 1,
                })
            })?);
        }
        rows.push(cells);
    }
    // The CSV starts with the header; the rows above the range become empty lines (the
    // readers skip them), so a CSV line is the spreadsheet row.
    let mut csv = "\n".repeat(row0 as usize);
    let mut it = rows.into_iter();
    if let Some(header) = it.next() {
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        csv.push_str(&csv_text(&header, it));
    }
    Ok(SheetCsv {
        sheet: name,
        csv,
        column_offset: u64::from(col0),
    })
}

/// The visits of a calendar sheet (columns as for CSV: county, first_day, last_day and
/// optionally team, round, id), from the sheet `sheet` or the first one. Errors name the
/// sheet and cell. Without a sheet name, the sheet `Calendar` or else the first.
pub fn visits_from_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Visit>> {
    let s = sheet_csv(bytes, sheet, "Calendar")?;
    super::visits_from_csv(&s.csv).map_err(|e| s.place(e))
}

/// A campaign around the calendar sheet of a workbook (see [`visits_from_xlsx`]).
///
/// ```
/// use campaign_core::io::{campaign_from_xlsx, Workbook};
/// let c = campaign_core::Campaign::builtin_2017();
/// let bytes = Workbook::new(&c).to_xlsx().unwrap();
/// let back = campaign_from_xlsx(c.document().name.clone(), &bytes, Some("Calendar")).unwrap();
/// assert_eq!(back.visits().len(), 6);
/// ```
pub fn campaign_from_xlsx(name: Text, bytes: &[u8], sheet: Option<&str>) -> Result<Campaign> {
    let s = sheet_csv(bytes, sheet, "Calendar")?;
    super::campaign_from_csv(name, &s.csv).map_err(|e| s.place(e))
}

/// Attendance records of an attendance sheet (`sheet`, or else `Attendance` or the
/// first), checked against the campaign: good rows and the error of each bad row (at its
/// cell).
pub fn attendance_from_xlsx(
    campaign: &Campaign,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<CsvImport<AttendanceRecord>> {
    let s = sheet_csv(bytes, sheet, "Attendance")?;
    let import = super::attendance_from_csv(campaign, &s.csv).map_err(|e| s.place(e))?;
    Ok(s.place_all(import))
}

/// Ledger entries of a ledger sheet (`sheet`, or else `Ledger entries` or the first);
/// record them with [`Ledger::record_rows`].
pub fn ledger_entries_from_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<CsvImport<LedgerEntry>> {
    let s = sheet_csv(bytes, sheet, "Ledger entries")?;
    let import = super::ledger_entries_from_csv(&s.csv).map_err(|e| s.place(e))?;
    Ok(s.place_all(import))
}

/// One workbook for a campaign: a sheet per part, each with a styled, frozen header
/// row, column widths fitted to the text and dates as real Excel dates.
///
/// Sheets: `Calendar` (always; the calendar sheet's columns, readable back), `Findings` (with a report, messages in `lang`),
/// `Attendance` (the records, readable back), `Thresholds` and `Participation` (with
/// attendance), `Allocation`, `Ledger entries` (readable back) and `Ledger balance` (by
/// county and channel).
pub struct Workbook<'a> {
    campaign: &'a Campaign,
    report: Option<&'a Report>,
    attendance: Option<&'a Attendance>,
    allocation: Option<&'a Allocation>,
    ledger: Option<&'a Ledger>,
    lang: Lang,
}

impl<'a> Workbook<'a> {
    /// A workbook with the campaign's calendar, in English.
    pub fn new(campaign: &'a Campaign) -> Self {
        Workbook {
            campaign,
            report: None,
            attendance: None,
            allocation: None,
            ledger: None,
            lang: Lang::En,
        }
    }

    /// Adds the findings of a check.
    pub fn report(mut self, report: &'a Report) -> Self {
        self.report = Some(report);
        self
    }

    /// Adds the attendance, its threshold results and participation by county.
    pub fn attendance(mut self, attendance: &'a Attendance) -> Self {
        self.attendance = Some(attendance);
        self
    }

    /// Adds a leaflet allocation.
    pub fn allocation(mut self, allocation: &'a Allocation) -> Self {
        self.allocation = Some(allocation);
        self
    }

    /// Adds a ledger's balance.
    pub fn ledger(mut self, ledger: &'a Ledger) -> Self {
        self.ledger = Some(ledger);
        self
    }

    /// The language of messages and explanations.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// The tables, by sheet name.
    pub fn sheets(&self) -> Vec<(&'static str, Table)> {
        let c = self.campaign;
        let vs = &c.document().visits;
        let rv = c.visits();
        let text = |f: &dyn Fn(usize) -> String| Values::Str((0..vs.len()).map(f).collect());
        let mut out = vec![(
            "Calendar",
            Table::default()
                .with("id", text(&|i| c.visit_id(i).to_owned()))
                .with(
                    "county",
                    text(&|i| c.regions().regions()[rv[i].county].code.clone()),
                )
                .with("first_day", text(&|i| vs[i].first_day.to_string()))
                .with("last_day", text(&|i| vs[i].last_day.to_string()))
                .with("team", text(&|i| vs[i].team.clone().unwrap_or_default()))
                .with("round", text(&|i| vs[i].round.clone().unwrap_or_default())),
        )];
        if let Some(r) = self.report {
            let findings: Vec<_> = r.findings().collect();
            let col = |f: &dyn Fn(&crate::checks::Finding) -> String| {
                Values::Str(findings.iter().map(f).collect())
            };
            let day = |k: usize| {
                move |f: &crate::checks::Finding| {
                    let d = if k == 0 {
                        f.days.first()
                    } else {
                        f.days.last()
                    };
                    d.map_or(String::new(), |d| d.to_string())
                }
            };
            out.push((
                "Findings",
                Table::default()
                    .with("code", col(&|f| f.code.as_str().to_string()))
                    .with("severity", col(&|f| f.severity.as_str().to_string()))
                    .with("visits", col(&|f| f.visits.join(" ")))
                    .with("first_day", col(&day(0)))
                    .with("last_day", col(&day(1)))
                    .with("message", col(&|f| f.message.get(self.lang).to_string())),
            ));
        }
        if let Some(a) = self.attendance {
            let recs = a.records();
            let s =
                |f: &dyn Fn(&AttendanceRecord) -> String| Values::Str(recs.iter().map(f).collect());
            let n = |f: &dyn Fn(&AttendanceRecord) -> u32| {
                Values::Int(recs.iter().map(|r| Some(i64::from(f(r)))).collect())
            };
            let table = Table::default()
                .with("visit", s(&|r| r.visit.clone()))
                .with("session", s(&|r| r.session.clone()))
                .with("repetition", n(&|r| r.repetition.unwrap_or(1)))
                .with("audience", s(&|r| r.audience.clone().unwrap_or_default()))
                .with("female", n(&|r| r.female))
                .with("male", n(&|r| r.male))
                .with("sex_not_recorded", n(&|r| r.sex_not_recorded))
                .with("under_18", n(&|r| r.under_18))
                .with("adult", n(&|r| r.adult))
                .with("age_not_recorded", n(&|r| r.age_not_recorded));
            debug_assert!(ATTENDANCE_COLUMNS
                .columns
                .iter()
                .all(|col| !col.required || table.column(col.name).is_some()));
            out.push(("Attendance", table));
            out.push(("Thresholds", a.threshold_results()));
            out.push(("Participation", a.county_summary(self.ledger)));
        }
        if let Some(al) = self.allocation {
            out.push(("Allocation", al.to_table()));
        }
        if let Some(l) = self.ledger {
            let e = l.entries();
            let s = |f: &dyn Fn(&LedgerEntry) -> String| Values::Str(e.iter().map(f).collect());
            out.push((
                "Ledger entries",
                Table::default()
                    .with("date", s(&|x| x.date.to_string()))
                    .with("county", s(&|x| x.county.clone()))
                    .with("channel", s(&|x| x.channel.as_str().to_string()))
                    .with("kind", s(&|x| x.kind.as_str().to_string()))
                    .with(
                        "quantity",
                        Values::Int(e.iter().map(|x| Some(x.quantity)).collect()),
                    )
                    .with("session", s(&|x| x.session.clone().unwrap_or_default()))
                    .with("note", s(&|x| x.note.clone().unwrap_or_default())),
            ));
            out.push(("Ledger balance", l.balance_table()));
        }
        out
    }

    /// The workbook as .xlsx bytes.
    pub fn to_xlsx(&self) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook as Book};
        let fail = |e: rust_xlsxwriter::XlsxError| {
            Error::invalid(
                crate::location::Path::root(),
                format!("the workbook cannot be written: {e}"),
            )
        };
        let mut book = Book::new();
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_border_bottom(FormatBorder::Thin);
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, table) in self.sheets() {
            let ws = book.add_worksheet();
            ws.set_name(name).map_err(fail)?;
            for (c, column) in table.columns.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| {
                    Error::invalid(
                        crate::location::Path::root(),
                        "too many columns for a sheet",
                    )
                })?;
                ws.write_string_with_format(0, c, &column.name, &header)
                    .map_err(fail)?;
                let mut width = column.name.chars().count();
                let dates = column.name.ends_with("_day") || column.name == "date";
                match &column.values {
                    Values::Str(v) => {
                        for (r, s) in v.iter().enumerate() {
                            let row = r as u32 + 1;
                            let day = if dates {
                                crate::isodate::parse_ymd(s)
                            } else {
                                None
                            };
                            match day {
                                Some(d) => {
                                    let d = ExcelDateTime::from_ymd(
                                        u16::try_from(chrono::Datelike::year(&d)).map_err(
                                            |_| {
                                                Error::invalid(
                                                    crate::location::Path::root(),
                                                    "a date before year 0",
                                                )
                                            },
                                        )?,
                                        chrono::Datelike::month(&d) as u8,
                                        chrono::Datelike::day(&d) as u8,
                                    )
                                    .map_err(fail)?;
                                    ws.write_datetime_with_format(row, c, &d, &date)
                                        .map_err(fail)?;
                                    width = width.max(10);
                                }
                                None if s.is_empty() => {}
                                None => {
                                    ws.write_string(row, c, s).map_err(fail)?;
                                    width = width.max(s.chars().count());
                                }
                            }
                        }
                    }
                    Values::Int(v) => {
                        for (r, x) in v.iter().enumerate() {
                            if let Some(x) = x {
                                ws.write_number(r as u32 + 1, c, *x as f64).map_err(fail)?;
                                width = width.max(x.to_string().len());
                            }
                        }
                    }
                    Values::Float(v) => {
                        for (r, x) in v.iter().enumerate() {
                            if let Some(x) = x.filter(|x| x.is_finite()) {
                                ws.write_number(r as u32 + 1, c, x).map_err(fail)?;
                                width = width.max(8);
                            }
                        }
                    }
                }
                ws.set_column_width(c, (width.min(60) + 2) as f64)
                    .map_err(fail)?;
            }
            ws.set_freeze_panes(1, 0).map_err(fail)?;
        }
        book.save_to_buffer().map_err(fail)
    }
}

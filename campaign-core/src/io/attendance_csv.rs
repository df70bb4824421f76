//! Attendance sheets: `visit,session[,repetition,audience,female,male,sex_not_recorded,under_18,adult,age_not_recorded,notes]`.

use super::sheet::Sheet;
use crate::campaign::Campaign;
use crate::columns::CsvImport;
use crate::error::{Error, Result};
use crate::location::Path;
use crate::participation::{AttendanceRecord, Headcount, ATTENDANCE_COLUMNS};

/// Reads attendance records from a sheet: malformed rows are reported with line and
/// column. What the records mean is checked by [`crate::participation::check_rows`].
pub fn attendance_records_from_csv(text: &str) -> Result<CsvImport<AttendanceRecord>> {
    let sheet = Sheet::read(text, &ATTENDANCE_COLUMNS)?;
    Ok(sheet.parse_rows(|at, rec| record(&sheet, at, rec)))
}

/// Reads an attendance sheet and checks each row against the campaign; good rows and
/// bad rows are returned separately. A bad header is an error for the whole file.
pub fn attendance_from_csv(campaign: &Campaign, text: &str) -> Result<CsvImport<AttendanceRecord>> {
    Ok(crate::participation::check_rows(
        campaign,
        attendance_records_from_csv(text)?,
    ))
}

fn record(sheet: &Sheet, at: &Path, rec: &csv::StringRecord) -> Result<AttendanceRecord> {
    let number = |name: &str| -> Result<Option<u32>> {
        let cell = sheet.cell(rec, name);
        if cell.is_empty() {
            return Ok(None);
        }
        cell.parse().map(Some).map_err(|_| {
            Error::invalid(at.key(name), format!("{cell:?} is not a whole number ≥ 0"))
        })
    };
    let repetition = number("repetition")?.unwrap_or(1);
    let mut h = Headcount::default();
    for (name, count) in h.fields_mut() {
        *count = number(name)?.unwrap_or(0);
    }
    Ok(AttendanceRecord::new(
        sheet.cell(rec, "visit").to_string(),
        sheet.cell(rec, "session").to_string(),
        repetition,
        sheet.text(rec, "audience"),
        h,
        sheet.text(rec, "notes"),
    ))
}

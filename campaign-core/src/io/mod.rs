//! Files in and out: CSV sheets (calendar, attendance, ledger), spreadsheets (feature
//! `xlsx`), iCalendar, JSON Schema.
//! Reading a file only turns text into the library's types; what the rows mean is
//! checked by the domain modules, at the row's line and column.

mod attendance_csv;
mod calendar_csv;
mod ical;
mod ledger_csv;
mod schema;
mod sheet;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use crate::columns::CsvImport;
pub use attendance_csv::{attendance_from_csv, attendance_records_from_csv};
pub use calendar_csv::{
    campaign_from_csv, campaign_from_frame, document_from_csv, visits_from_csv, visits_from_frame,
    visits_to_csv,
};
pub use ical::{to_ics, IcsOptions};
pub use ledger_csv::{ledger_entries_from_csv, ledger_from_csv};
pub use schema::{document_schema, options_schema};
pub use sheet::{csv_text, safe_cell};
#[cfg(feature = "xlsx")]
pub use xlsx::{
    attendance_from_xlsx, campaign_from_xlsx, ledger_entries_from_xlsx, visits_from_xlsx, Workbook,
};

use chrono::NaiveDate;

/// Parses a date as `2017-10-16`, `16.10.2017` or `16/10/2017`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    crate::isodate::parse_ymd(s)
        .or_else(|| crate::isodate::parse_dmy(s, '.'))
        .or_else(|| crate::isodate::parse_dmy(s, '/'))
}

/// A date written in one of the forms of [`parse_date`], found at `at`.
pub(crate) fn date_at(at: &crate::location::Path, text: &str) -> crate::Result<NaiveDate> {
    let day = parse_date(text).ok_or_else(|| {
        crate::Error::invalid(
            at,
            format!("{text:?} is not a date (use YYYY-MM-DD or DD.MM.YYYY)"),
        )
    })?;
    crate::limits::date(at, day)
}

/// One of a fixed set of names (a channel, an entry kind …), found at `at`.
pub(crate) fn name_at<T>(at: &crate::location::Path, text: &str) -> crate::Result<T>
where
    T: std::str::FromStr<Err = crate::error::UnknownName>,
{
    text.trim()
        .parse()
        .map_err(|e: crate::error::UnknownName| crate::Error::invalid(at, e.to_string()))
}

/// A UTC timestamp (`20171001T000000Z`, `2017-10-01T00:00:00Z` or with a fraction of a
/// second), found at `at`: the DTSTAMP of an iCalendar export.
pub fn parse_stamp(at: &crate::location::Path, text: &str) -> crate::Result<chrono::NaiveDateTime> {
    let t = crate::isodate::parse_stamp(text.trim()).ok_or_else(|| {
        crate::Error::invalid(
            at,
            format!("{text:?} is not a UTC time (use 2017-10-01T00:00:00Z or 20171001T000000Z)"),
        )
    })?;
    crate::limits::date(at, t.date())?;
    Ok(t)
}

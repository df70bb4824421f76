//! The simplest spreadsheet form of a calendar: one visit per row,
//! `county,first_day,last_day[,team][,round][,id]`.

use super::date_at;
use super::sheet::Sheet;
use crate::campaign::{
    in_order, Campaign, CampaignDocument, TextColumn, Visit, VisitRows, CALENDAR_COLUMNS,
    VISIT_DAYS,
};
use crate::columns::{Cell, Cells, Frame, FrameColumn};
use crate::error::{Error, Result};
use crate::location::{Location, Path, Segment};
use crate::text::Text;
use std::borrow::Cow;

/// The visits of a frame ([`CALENDAR_COLUMNS`]): dates as dates or text; errors at
/// `$.<column>[row]`.
pub fn visits_from_frame(frame: &Frame) -> Result<Vec<Visit>> {
    Ok(rows_from_frame(frame)?.to_visits())
}

/// The visits of a frame as columns ([`VisitRows`]): text columns are copied whole,
/// no string per cell; each row's days are read and checked.
fn rows_from_frame(frame: &Frame) -> Result<VisitRows> {
    // Columns are looked up once, not per cell.
    let column = |name: &str| frame.column(name);
    let [county, first_day, last_day, team, round, id] =
        ["county", "first_day", "last_day", "team", "round", "id"].map(column);
    let [first_days, last_days] = [first_day, last_day].map(Cells::new);
    let mut firsts = Vec::with_capacity(frame.len());
    let mut lasts = Vec::with_capacity(frame.len());
    for row in 0..frame.len() {
        let at = Path::frame_row(row);
        let date = |name: &str, c: &Cells| {
            let cell = c.cell(row);
            let day = cell.date().ok_or_else(|| {
                let shown = cell.text().unwrap_or_default();
                Error::invalid(
                    at.key(name),
                    format!("{shown:?} is not a date (use YYYY-MM-DD or DD.MM.YYYY)"),
                )
            })?;
            crate::limits::date(&at.key(name), day)
        };
        let first = date("first_day", &first_days)?;
        let last = date("last_day", &last_days)?;
        if matches!(cell(county, row), Cell::Empty) {
            return Err(Error::invalid(at.key("county"), "empty county"));
        }
        in_order(&at, VISIT_DAYS, first, last)?;
        firsts.push(first);
        lasts.push(last);
    }
    let text = |c| text_column(c, frame.len());
    Ok(VisitRows {
        id: text(id),
        county: text(county),
        first_day: firsts,
        last_day: lasts,
        team: text(team),
        round: text(round),
    })
}

/// A frame's column as text: a column of text in Arrow's layout or of labels is
/// copied whole; numbers and dates are written as [`Cell::text`] writes them.
fn text_column(column: Option<FrameColumn>, rows: usize) -> TextColumn {
    match column {
        None => TextColumn::Absent,
        // Frame::new checked that the offsets rise within `data` on character bounds,
        // and the flags' length. Only the text the rows point at is copied: a slice of a
        // longer Arrow array comes with its whole buffer.
        Some(FrameColumn::Strings {
            offsets,
            data,
            missing,
        }) => {
            let first = offsets.first().map_or(0, |&o| o as usize);
            let last = offsets.last().map_or(0, |&o| o as usize);
            TextColumn::Buffer {
                data: data[first..last].to_owned(),
                offsets: offsets.iter().map(|&o| o as usize - first).collect(),
                missing: missing.to_vec(),
            }
        }
        Some(FrameColumn::Labels { codes, labels }) => TextColumn::Labels {
            codes: codes.to_vec(),
            labels: labels.to_vec(),
        },
        Some(c) => TextColumn::from_fn(rows, |row| match c.cell(row) {
            Cell::Text(s) => Some(Cow::Borrowed(s)),
            other => other.text().map(Cow::Owned),
        }),
    }
}

/// The cell in `row` of a column the frame may lack (empty then).
fn cell<'a>(column: Option<FrameColumn<'a>>, row: usize) -> Cell<'a> {
    column.map_or(Cell::Empty, |c| c.cell(row))
}

/// Reads a calendar from CSV with a header row: `county,first_day,last_day[,team][,round][,id]`.
///
/// The first problem is an error with its 1-based line and column. County names are
/// kept as written; they are resolved (and reported with their JSON path) when the
/// document is validated.
///
/// ```
/// let csv = "county,first_day,last_day\nDurrës,2017-10-16,2017-10-17\nDibër,15.11.2017,16.11.2017\n";
/// let visits = campaign_core::io::visits_from_csv(csv).unwrap();
/// assert_eq!(visits.len(), 2);
/// let err = campaign_core::io::visits_from_csv("county,first_day,last_day\nDurrës,2017-13-01,2017-10-17\n").unwrap_err();
/// assert_eq!(err.line_column(), Some((2, 2)));
/// ```
pub fn visits_from_csv(text: &str) -> Result<Vec<Visit>> {
    let sheet = Sheet::read(text, &CALENDAR_COLUMNS)?;
    let import = sheet.parse_rows(|at, rec| visit(&sheet, at, rec));
    match import.errors.into_iter().min_by_key(|e| e.line_column()) {
        Some(e) => Err(e),
        None => Ok(import.rows),
    }
}

fn visit(sheet: &Sheet, at: &Path, rec: &csv::StringRecord) -> Result<Visit> {
    let county = sheet.cell(rec, "county");
    if county.is_empty() {
        return Err(Error::invalid(at.key("county"), "empty county"));
    }
    let first = date_at(&at.key("first_day"), sheet.cell(rec, "first_day"))?;
    let last = date_at(&at.key("last_day"), sheet.cell(rec, "last_day"))?;
    in_order(at, VISIT_DAYS, first, last)?;
    let mut v = Visit::new(county, first, last);
    v.team = sheet.text(rec, "team");
    v.round = sheet.text(rec, "round");
    v.id = sheet.text(rec, "id");
    Ok(v)
}

/// Writes visits as CSV in the form [`visits_from_csv`] reads, safe to open in a
/// spreadsheet (see [`super::csv_text`]). Reading it back gives the same visits, except
/// that cells are read trimmed (white space at either end of a name or id is dropped).
pub fn visits_to_csv(visits: &[Visit]) -> String {
    let header = ["id", "county", "first_day", "last_day", "team", "round"];
    super::csv_text(
        &header,
        visits.iter().map(|v| {
            [
                v.id.clone().unwrap_or_default(),
                v.county.clone(),
                v.first_day.to_string(),
                v.last_day.to_string(),
                v.team.clone().unwrap_or_default(),
                v.round.clone().unwrap_or_default(),
            ]
        }),
    )
}

/// A minimal campaign document around a CSV calendar; the teams and rounds the CSV
/// names are declared in order of first appearance. County names are not resolved
/// here; [`campaign_from_csv`] also validates and reports every error at its cell.
pub fn document_from_csv(name: Text, text: &str) -> Result<CampaignDocument> {
    Ok(CampaignDocument::from_visits(name, visits_from_csv(text)?))
}

/// A validated campaign around a CSV calendar. Every error is located at its line and
/// column, also those that validation finds (an unknown county, a date past the limits),
/// and keeps its kind (an unknown county is still [`Error::UnknownCounty`], with its
/// suggestion).
///
/// ```
/// use campaign_core::{io, Text};
/// let csv = "county,first_day,last_day\nDurrës,2017-10-16,2017-10-17\nKorcha,2017-12-19,2017-12-21\n";
/// let err = io::campaign_from_csv(Text::new("a", "a"), csv).unwrap_err();
/// assert_eq!(err.line_column(), Some((3, 1)));
/// assert_eq!(err.suggestion(), Some("Korçë"));
/// ```
pub fn campaign_from_csv(name: Text, text: &str) -> Result<Campaign> {
    let sheet = Sheet::read(text, &CALENDAR_COLUMNS)?;
    let import = sheet.parse_rows(|at, rec| visit(&sheet, at, rec));
    if let Some(e) = import.errors.iter().min_by_key(|e| e.line_column()) {
        return Err(e.clone());
    }
    let doc = CampaignDocument::from_visits(name, import.rows.clone());
    Campaign::new(doc).map_err(|e| {
        relocate_visit_error(e, |i, field| {
            let row = import.row_path(i);
            row.key(field.unwrap_or("county")).location()
        })
    })
}

/// A validated campaign around a frame's calendar ([`visits_from_frame`]); errors are
/// at `$.<column>[row]`, also those that validation finds.
pub fn campaign_from_frame(name: Text, frame: &Frame) -> Result<Campaign> {
    let rows = rows_from_frame(frame)?;
    Campaign::from_rows(rows.head(name), rows).map_err(|e| {
        relocate_visit_error(e, |i, field| {
            let row = Path::frame_row(i);
            row.key(field.unwrap_or("county")).location()
        })
    })
}

/// An error that validation found at `$.visits[i]` or `$.visits[i].<field>` of a document
/// built row by row, moved to where row `i` (and its `field`) was written. Other errors
/// are returned as they are.
fn relocate_visit_error(e: Error, place: impl Fn(usize, Option<&str>) -> Location) -> Error {
    let to = match e.path_segments() {
        Some([Segment::Key(v), Segment::Index(i), rest @ ..]) if v == "visits" => {
            let field = match rest.first() {
                Some(Segment::Key(k)) if CALENDAR_COLUMNS.names().contains(&k.as_str()) => {
                    Some(k.as_str())
                }
                _ => None,
            };
            place(*i, field)
        }
        _ => return e,
    };
    e.relocated(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::TextColumn;

    /// A slice of a longer Arrow array: the offsets start inside the buffer, and only
    /// the rows' text is kept.
    #[test]
    fn a_sliced_text_column_keeps_only_its_rows_text() {
        let data = format!("{}DurrësKukës{}", "x".repeat(1000), "y".repeat(1000));
        let offsets = [1000, 1007, 1013];
        let column = FrameColumn::Strings {
            offsets: &offsets,
            data: &data,
            missing: &[],
        };
        let text = text_column(Some(column), 2);
        assert_eq!((text.get(0), text.get(1)), (Some("Durrës"), Some("Kukës")));
        match text {
            TextColumn::Buffer { data, offsets, .. } => {
                assert_eq!((data.as_str(), offsets), ("DurrësKukës", vec![0, 7, 13]));
            }
            other => panic!("expected a buffer, got {other:?}"),
        }
    }
}

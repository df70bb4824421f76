//! CSV import of the simplest spreadsheet form of a calendar, and the JSON Schema.

use crate::campaign::{CampaignDocument, Round, Team, Visit};
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::NaiveDate;

/// Parses a date as `2017-10-16`, `16.10.2017` or `16/10/2017`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    crate::isodate::parse_ymd(s)
        .or_else(|| crate::isodate::parse_dmy(s, '.'))
        .or_else(|| crate::isodate::parse_dmy(s, '/'))
}

/// Reads a calendar from CSV with a header row: `county,first_day,last_day[,team][,round][,id]`.
///
/// Errors give the 1-based line and column. County names are kept as written; they are
/// resolved (and reported with their JSON path) when the document is validated.
///
/// ```
/// let csv = "county,first_day,last_day\nDurrës,2017-10-16,2017-10-17\nDibër,15.11.2017,16.11.2017\n";
/// let visits = campaign_core::io::visits_from_csv(csv).unwrap();
/// assert_eq!(visits.len(), 2);
/// let err = campaign_core::io::visits_from_csv("county,first_day,last_day\nDurrës,2017-13-01,2017-10-17\n").unwrap_err();
/// assert_eq!(err.line_column(), Some((2, 2)));
/// ```
pub fn visits_from_csv(text: &str) -> Result<Vec<Visit>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(&e, 1))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect::<Vec<_>>();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let need = |name: &str| {
        col(name).ok_or_else(|| Error::Csv {
            line: 1,
            column: headers.len() as u64 + 1,
            message: format!(
                "missing column {name:?} (header has: {})",
                headers.join(", ")
            ),
        })
    };
    let (c_county, c_first, c_last) = (need("county")?, need("first_day")?, need("last_day")?);
    let (c_team, c_round, c_id) = (col("team"), col("round"), col("id"));
    for (i, h) in headers.iter().enumerate() {
        if !["county", "first_day", "last_day", "team", "round", "id"].contains(&h.as_str()) {
            return Err(Error::Csv {
                line: 1,
                column: i as u64 + 1,
                message: format!("unknown column {h:?}"),
            });
        }
    }
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(&e, 0))?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let cell = |c: usize| rec.get(c).unwrap_or("");
        let date = |c: usize| {
            parse_date(cell(c)).ok_or_else(|| Error::Csv {
                line,
                column: c as u64 + 1,
                message: format!("{:?} is not a date (use YYYY-MM-DD or DD.MM.YYYY)", cell(c)),
            })
        };
        if cell(c_county).is_empty() {
            return Err(Error::Csv {
                line,
                column: c_county as u64 + 1,
                message: "empty county".into(),
            });
        }
        let mut v = Visit::new(cell(c_county), date(c_first)?, date(c_last)?);
        if v.last_day < v.first_day {
            return Err(Error::Csv {
                line,
                column: c_last as u64 + 1,
                message: format!(
                    "last day {} is before first day {}",
                    v.last_day, v.first_day
                ),
            });
        }
        let opt = |c: Option<usize>| c.map(cell).filter(|s| !s.is_empty()).map(str::to_string);
        v.team = opt(c_team);
        v.round = opt(c_round);
        v.id = opt(c_id);
        out.push(v);
    }
    Ok(out)
}

/// Writes visits as CSV in the form [`visits_from_csv`] reads.
pub fn visits_to_csv(visits: &[Visit]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["id", "county", "first_day", "last_day", "team", "round"]);
    for v in visits {
        let _ = w.write_record([
            v.id.as_deref().unwrap_or(""),
            &v.county,
            &v.first_day.to_string(),
            &v.last_day.to_string(),
            v.team.as_deref().unwrap_or(""),
            v.round.as_deref().unwrap_or(""),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A minimal campaign document around a CSV calendar; the teams and rounds the CSV
/// names are declared in order of first appearance.
pub fn document_from_csv(name: Text, text: &str) -> Result<CampaignDocument> {
    let mut doc = CampaignDocument::new(name);
    doc.visits = visits_from_csv(text)?;
    for v in &doc.visits {
        if let Some(t) = &v.team {
            if !doc.teams.iter().any(|x| &x.id == t) {
                doc.teams.push(Team {
                    id: t.clone(),
                    name: None,
                });
            }
        }
        if let Some(r) = &v.round {
            if !doc.rounds.iter().any(|x| &x.id == r) {
                doc.rounds.push(Round {
                    id: r.clone(),
                    label: None,
                    period: None,
                });
            }
        }
    }
    Ok(doc)
}

fn csv_error(e: &csv::Error, default_line: u64) -> Error {
    let line = e.position().map_or(default_line, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("row has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "text is not valid UTF-8".into(),
        _ => e.to_string(),
    };
    Error::Csv {
        line,
        column: 1,
        message,
    }
}

/// The JSON Schema of the campaign document, format v1, generated from the types.
pub fn document_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(CampaignDocument);
    serde_json::to_value(schema).expect("schema serialises")
}

/// The JSON Schema of [`crate::CheckOptions`].
pub fn options_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(crate::CheckOptions)).expect("schema serialises")
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
}

impl<T> CsvImport<T> {
    /// True if every row was fine.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

struct Sheet {
    headers: Vec<String>,
    records: Vec<(u64, csv::StringRecord)>,
    errors: Vec<Error>,
}

fn read_sheet(text: &str, required: &[&str], known: &[&str]) -> Result<Sheet> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&e, 1))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if !known.contains(&h.as_str()) {
            return Err(Error::Csv {
                line: 1,
                column: i as u64 + 1,
                message: format!("unknown column {h:?} (known: {})", known.join(", ")),
            });
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == r) {
            return Err(Error::Csv {
                line: 1,
                column: headers.len() as u64 + 1,
                message: format!("missing column {r:?}"),
            });
        }
    }
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        match rec {
            Err(e) => errors.push(csv_error(&e, 0)),
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line());
                if rec.iter().all(|f| f.is_empty()) {
                    continue;
                }
                if rec.len() != headers.len() {
                    errors.push(Error::Csv {
                        line,
                        column: rec.len().min(headers.len()) as u64 + 1,
                        message: format!(
                            "row has {} fields but the header has {}",
                            rec.len(),
                            headers.len()
                        ),
                    });
                    continue;
                }
                records.push((line, rec));
            }
        }
    }
    Ok(Sheet {
        headers,
        records,
        errors,
    })
}

impl Sheet {
    fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
    /// 1-based column of a field, or one past the last column if the sheet lacks it.
    fn column_number(&self, name: &str) -> u64 {
        self.col(name)
            .map_or(self.headers.len() as u64 + 1, |c| c as u64 + 1)
    }
    fn cell<'r>(&self, rec: &'r csv::StringRecord, name: &str) -> &'r str {
        self.col(name).and_then(|c| rec.get(c)).unwrap_or("")
    }
}

/// Reads attendance sheets: `visit,session[,repetition,audience,female,male,sex_not_recorded,under_18,adult,age_not_recorded,notes]`.
///
/// Each row is checked against the campaign; good rows and bad rows are returned
/// separately. A bad header is an error for the whole file.
pub fn attendance_from_csv(
    campaign: &crate::Campaign,
    text: &str,
) -> Result<CsvImport<crate::participation::AttendanceRecord>> {
    use crate::participation::COUNT_COLUMNS;
    let known: Vec<&str> = ["visit", "session", "repetition", "audience", "notes"]
        .into_iter()
        .chain(COUNT_COLUMNS)
        .collect();
    let sheet = read_sheet(text, &["visit", "session"], &known)?;
    let index = crate::participation::SessionIndex::new(campaign);
    let mut out = CsvImport {
        rows: vec![],
        lines: vec![],
        errors: sheet.errors.clone(),
    };
    'rows: for (line, rec) in &sheet.records {
        let mut nums = [0u32; 7];
        for (k, name) in std::iter::once("repetition")
            .chain(COUNT_COLUMNS)
            .enumerate()
        {
            let cell = sheet.cell(rec, name);
            if cell.is_empty() {
                nums[k] = if k == 0 { 1 } else { 0 };
                continue;
            }
            match cell.parse::<u32>() {
                Ok(v) => nums[k] = v,
                Err(_) => {
                    out.errors.push(Error::Csv {
                        line: *line,
                        column: sheet.column_number(name),
                        message: format!("{cell:?} is not a whole number ≥ 0"),
                    });
                    continue 'rows;
                }
            }
        }
        let opt = |name: &str| {
            Some(sheet.cell(rec, name))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let record = crate::participation::AttendanceRecord {
            visit: sheet.cell(rec, "visit").to_string(),
            session: sheet.cell(rec, "session").to_string(),
            repetition: Some(nums[0]),
            audience: opt("audience"),
            female: nums[1],
            male: nums[2],
            sex_not_recorded: nums[3],
            under_18: nums[4],
            adult: nums[5],
            age_not_recorded: nums[6],
            notes: opt("notes"),
        };
        match index.resolve(&record) {
            Ok(_) => {
                out.rows.push(record);
                out.lines.push(*line);
            }
            Err((field, message)) => out.errors.push(Error::Csv {
                line: *line,
                column: sheet.column_number(field),
                message,
            }),
        }
    }
    Ok(out)
}

/// Reads ledger entries (`date,county,channel,kind,quantity[,session,note]`) and records
/// them in order into `ledger`. Refused or malformed rows are reported with line and
/// column and leave the ledger unchanged; the rest are recorded.
pub fn ledger_from_csv(
    ledger: &mut crate::materials::Ledger,
    text: &str,
) -> Result<CsvImport<crate::materials::LedgerEntry>> {
    use crate::materials::{Channel, EntryKind, LedgerEntry};
    let sheet = read_sheet(
        text,
        &["date", "county", "channel", "kind", "quantity"],
        &[
            "date", "county", "channel", "kind", "quantity", "session", "note",
        ],
    )?;
    let mut out = CsvImport {
        rows: vec![],
        lines: vec![],
        errors: sheet.errors.clone(),
    };
    for (line, rec) in &sheet.records {
        let line = *line;
        let bad = |name: &str, message: String| Error::Csv {
            line,
            column: sheet.column_number(name),
            message,
        };
        let Some(date) = parse_date(sheet.cell(rec, "date")) else {
            out.errors.push(bad(
                "date",
                format!("{:?} is not a date", sheet.cell(rec, "date")),
            ));
            continue;
        };
        let Some(channel) = Channel::parse(sheet.cell(rec, "channel")) else {
            out.errors.push(bad(
                "channel",
                format!(
                    "{:?} is not a channel (school, institution, public_space)",
                    sheet.cell(rec, "channel")
                ),
            ));
            continue;
        };
        let Some(kind) = EntryKind::parse(sheet.cell(rec, "kind")) else {
            out.errors.push(bad(
                "kind",
                format!(
                    "{:?} is not an entry kind (issue, return, correction)",
                    sheet.cell(rec, "kind")
                ),
            ));
            continue;
        };
        let Ok(quantity) = sheet.cell(rec, "quantity").parse::<i64>() else {
            out.errors.push(bad(
                "quantity",
                format!("{:?} is not a whole number", sheet.cell(rec, "quantity")),
            ));
            continue;
        };
        let opt = |name: &str| {
            Some(sheet.cell(rec, name))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let entry = LedgerEntry {
            date,
            county: sheet.cell(rec, "county").to_string(),
            channel,
            kind,
            quantity,
            session: opt("session"),
            note: opt("note"),
        };
        if let Err((field, err)) = ledger.check(&entry) {
            let column = field.as_str();
            out.errors.push(bad(column, err.to_string()));
            continue;
        }
        ledger.record(entry.clone())?;
        out.rows.push(entry);
        out.lines.push(line);
    }
    Ok(out)
}

/// The calendar as an iCalendar file (RFC 5545): one all-day event per visit.
///
/// `stamp` is the DTSTAMP written on every event (pass the export time); UIDs are
/// stable (`<visit id>@campaign-core`) so re-imports update rather than duplicate.
///
/// ```
/// let c = campaign_core::Campaign::builtin_2017();
/// let ics = campaign_core::io::to_ics(&c, "20171001T000000Z");
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
/// assert!(ics.contains("DTSTART;VALUE=DATE:20171016\r\n"));
/// assert!(ics.contains("DTEND;VALUE=DATE:20171018\r\n")); // exclusive end
/// ```
pub fn to_ics(campaign: &crate::Campaign, stamp: &str) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//campaign-core//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", ics_text(&campaign.document().name.sq)),
    ];
    for (i, v) in campaign.visits().iter().enumerate() {
        let county = &campaign.regions().regions()[v.county];
        let doc_visit = &campaign.document().visits[i];
        let tpl = &campaign.templates()[v.template];
        let mut description = format!("{} / {}", tpl.name.sq, tpl.name.en);
        if let Some(t) = v.team {
            description.push_str(&format!("\nTeam: {}", campaign.document().teams[t].id));
        }
        if let Some(note) = &doc_visit.note {
            description.push_str(&format!("\n{note}"));
        }
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}@campaign-core", ics_text(&v.id)),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DTSTART;VALUE=DATE:{}",
                crate::isodate::compact(v.first_day)
            ),
            format!(
                "DTEND;VALUE=DATE:{}",
                crate::isodate::compact(v.last_day + chrono::Days::new(1))
            ),
            format!(
                "SUMMARY:{}",
                ics_text(&format!(
                    "{} — {} ({})",
                    campaign.document().name.sq,
                    county.name_sq,
                    county.code
                ))
            ),
            format!(
                "LOCATION:{}",
                ics_text(&format!("{}, {}", county.seat, county.name_sq))
            ),
            format!("DESCRIPTION:{}", ics_text(&description)),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

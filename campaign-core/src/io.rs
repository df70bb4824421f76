//! CSV import of the simplest spreadsheet form of a calendar, and the JSON Schema.

use crate::campaign::{CampaignDocument, Round, Team, Visit};
use crate::error::{Error, Result};
use crate::text::Text;
use chrono::NaiveDate;

/// Parses a date as `2017-10-16`, `16.10.2017` or `16/10/2017`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
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

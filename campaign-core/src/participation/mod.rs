//! Attendance (counts, never names) and what it tells: threshold results and
//! participation by county, day, kind, audience, sex and age band.
//!
//! Records come as JSON ([`Attendance::from_json`]), CSV ([`crate::io::attendance_from_csv`])
//! or a frame handed over column by column ([`Attendance::from_named_columns`]); all are
//! checked against the campaign's sessions by the same code, with errors located in the
//! input's own terms (`$[3].session`, line 4 column 2, `$.female[12]`).

mod analytics;
mod record;

pub use analytics::Dimension;
pub use record::{AttendanceRecord, Headcount, ATTENDANCE_COLUMNS};

use crate::campaign::Campaign;
use crate::columns::Frame;
use crate::error::{Error, Result};
use crate::expand::Session;
use crate::location::Path;
use record::SessionIndex;
use std::sync::Arc;

/// The rows of an attendance sheet that fit the campaign; each row that does not is
/// moved to the errors, at its line and column.
pub fn check_rows(
    campaign: &Campaign,
    sheet: crate::columns::CsvImport<AttendanceRecord>,
) -> crate::columns::CsvImport<AttendanceRecord> {
    let index = SessionIndex::new(campaign);
    sheet.keep(|r, at| index.resolve(r, at).map(drop))
}

/// Borrows a column of codes and labels.
fn coded<'c>(column: &'c Option<crate::columns::CodedColumn<'_>>) -> Option<Coded<'c>> {
    column.as_ref().map(|(codes, labels)| Coded {
        codes: codes.as_ref(),
        labels: labels.as_ref(),
    })
}

/// A column of labels given as codes into a list of distinct labels (as produced by
/// `pandas.factorize`); a negative code means the cell is empty.
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a> {
    /// One code per row.
    pub codes: &'a [i64],
    /// The distinct labels.
    pub labels: &'a [String],
}

/// Attendance given column by column (e.g. from a DataFrame): no per-row objects.
/// Missing count columns count as zero; a missing repetition column means 1.
#[derive(Debug, Clone, Copy)]
pub struct AttendanceColumns<'a> {
    /// Visit ids.
    pub visit: Coded<'a>,
    /// Template session ids.
    pub session: Coded<'a>,
    /// Repetition (1-based).
    pub repetition: Option<&'a [i64]>,
    /// Audience ids.
    pub audience: Option<Coded<'a>>,
    /// The count columns, by name.
    pub counts: Headcount<Option<&'a [i64]>>,
}

/// Attendance resolved against a campaign's sessions, stored by column.
#[derive(Debug, Clone)]
pub struct Attendance {
    campaign: Arc<Campaign>,
    sessions: Vec<Session>,
    /// Session index of each row.
    session_of: Vec<u32>,
    /// Audience index (into `campaign.audiences()`) of each row.
    audience_of: Vec<Option<u32>>,
    /// The counts of each row.
    counts: Vec<Headcount>,
}

/// Attendance rows as they are resolved: session, audience and counts of each.
#[derive(Default)]
struct Rows {
    session_of: Vec<u32>,
    audience_of: Vec<Option<u32>>,
    counts: Vec<Headcount>,
}

impl Rows {
    fn push(&mut self, session: u32, audience: Option<u32>, counts: Headcount) {
        self.session_of.push(session);
        self.audience_of.push(audience);
        self.counts.push(counts);
    }

    fn attendance(self, campaign: Arc<Campaign>, sessions: Vec<Session>) -> Attendance {
        Attendance {
            campaign,
            sessions,
            session_of: self.session_of,
            audience_of: self.audience_of,
            counts: self.counts,
        }
    }
}

impl Attendance {
    /// Validates records against the campaign; the first bad one is an error with its
    /// JSON path (`$[3].session`).
    pub fn new(campaign: impl Into<Arc<Campaign>>, records: Vec<AttendanceRecord>) -> Result<Self> {
        let root = Path::root();
        let rows = records.iter().enumerate().map(|(k, r)| (r, root.index(k)));
        Self::from_records(campaign.into(), rows)
    }

    /// Validates records, each with where it was found.
    fn from_records<'p, 'r>(
        campaign: Arc<Campaign>,
        records: impl Iterator<Item = (&'r AttendanceRecord, Path<'p>)>,
    ) -> Result<Self> {
        let index = SessionIndex::new(&campaign);
        let mut rows = Rows::default();
        for (r, at) in records {
            let (session, audience) = index.resolve(r, &at)?;
            rows.push(session as u32, audience, r.headcount());
        }
        let sessions = index.sessions;
        Ok(rows.attendance(campaign, sessions))
    }

    /// Parses records from JSON (an array of records) and validates them.
    pub fn from_json(campaign: impl Into<Arc<Campaign>>, text: &str) -> Result<Self> {
        let records: Vec<AttendanceRecord> = crate::reader::read_json(text)?;
        Attendance::new(campaign, records)
    }

    /// Attendance from a sheet already read by [`crate::io::attendance_from_csv`]; errors
    /// are located at the rows' lines.
    pub fn from_import(
        campaign: impl Into<Arc<Campaign>>,
        sheet: &crate::columns::CsvImport<AttendanceRecord>,
    ) -> Result<Self> {
        let rows = sheet
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r, sheet.row_path(i)));
        Self::from_records(campaign.into(), rows)
    }

    /// Attendance from a frame's named columns ([`ATTENDANCE_COLUMNS`]): unknown and
    /// missing columns are errors at `$.<column>`, bad cells at `$.<column>[row]`.
    ///
    /// ```
    /// use campaign_core::columns::{Frame, FrameColumn};
    /// use campaign_core::participation::{Attendance, ATTENDANCE_COLUMNS};
    /// let c = campaign_core::Campaign::builtin_2017();
    /// let (visits, sessions) = (["durres-2017".to_string()], ["workshop".to_string()]);
    /// let frame = Frame::new(&ATTENDANCE_COLUMNS, &[
    ///     ("visit", FrameColumn::Labels { codes: &[0], labels: &visits }),
    ///     ("session", FrameColumn::Labels { codes: &[0], labels: &sessions }),
    ///     ("female", FrameColumn::Float(&[20.0])),
    ///     ("male", FrameColumn::Int(&[15])),
    ///     ("adult", FrameColumn::Int(&[35])),
    /// ]).unwrap();
    /// let a = Attendance::from_named_columns(c, &frame).unwrap();
    /// assert_eq!(a.total(), 35);
    /// ```
    pub fn from_named_columns(campaign: impl Into<Arc<Campaign>>, frame: &Frame) -> Result<Self> {
        let visit = frame.labels("visit")?;
        let session = frame.labels("session")?;
        let audience = frame.labels("audience")?;
        let missing =
            |name: &str| Error::invalid(Path::root().key(name), format!("missing column {name:?}"));
        let repetition = frame.whole_numbers("repetition")?;
        let mut owned: Headcount<Option<std::borrow::Cow<[i64]>>> = Headcount::default();
        for (name, column) in owned.fields_mut() {
            *column = frame.whole_numbers(name)?;
        }
        let counts = Headcount {
            female: owned.female.as_deref(),
            male: owned.male.as_deref(),
            sex_not_recorded: owned.sex_not_recorded.as_deref(),
            under_18: owned.under_18.as_deref(),
            adult: owned.adult.as_deref(),
            age_not_recorded: owned.age_not_recorded.as_deref(),
        };
        let columns = AttendanceColumns {
            visit: coded(&visit).ok_or_else(|| missing("visit"))?,
            session: coded(&session).ok_or_else(|| missing("session"))?,
            repetition: repetition.as_deref(),
            audience: coded(&audience),
            counts,
        };
        Self::from_columns(campaign, &columns)
    }

    /// Builds attendance from columns of equal length. Errors name the column and row:
    /// `$.female[12]`.
    pub fn from_columns(
        campaign: impl Into<Arc<Campaign>>,
        cols: &AttendanceColumns,
    ) -> Result<Self> {
        let campaign = campaign.into();
        let n = cols.visit.codes.len();
        let root = Path::root();
        let check_len = |name: &str, len: usize| {
            if len == n {
                Ok(())
            } else {
                Err(Error::invalid(
                    root.key(name),
                    format!("column has {len} rows but visit has {n}"),
                ))
            }
        };
        check_len("session", cols.session.codes.len())?;
        if let Some(r) = cols.repetition {
            check_len("repetition", r.len())?;
        }
        if let Some(a) = &cols.audience {
            check_len("audience", a.codes.len())?;
        }
        for (name, c) in cols.counts.fields() {
            if let Some(c) = c {
                check_len(name, c.len())?;
            }
        }
        let index = SessionIndex::new(&campaign);
        // (visit label, session label) → (first session index, repetitions), resolved
        // once per pair of distinct labels, so each row is a few array lookups. (The
        // first failure ends the read, so a cached error is only met at its own row.)
        let (nv, ns) = (cols.visit.labels.len(), cols.session.labels.len());
        let mut base: Vec<Option<std::result::Result<(u32, u32), Error>>> = vec![None; nv * ns];
        let mut audiences: Vec<Option<std::result::Result<u32, Error>>> =
            vec![None; cols.audience.map_or(0, |a| a.labels.len())];
        let mut rows = Rows::default();
        for row in 0..n {
            let at = Path::frame_row(row);
            let code = |c: i64, len: usize, col: &str| -> Result<usize> {
                usize::try_from(c)
                    .ok()
                    .filter(|&c| c < len)
                    .ok_or_else(|| Error::invalid(at.key(col), "empty or invalid cell"))
            };
            let v = code(cols.visit.codes[row], nv, "visit")?;
            let s = code(cols.session.codes[row], ns, "session")?;
            let (visit, session) = (&cols.visit.labels[v], &cols.session.labels[s]);
            let (first, reps) = base[v * ns + s]
                .get_or_insert_with(|| {
                    let first = index.lookup(visit, session, 1, &at)?;
                    Ok((first as u32, index.repetitions(visit, session)))
                })
                .clone()?;
            let rep = cols.repetition.map_or(1, |r| r[row]);
            if rep < 1 || rep > i64::from(reps) {
                return Err(Error::invalid(
                    at.key("repetition"),
                    format!("no repetition {rep} of session {session:?}"),
                ));
            }
            let audience = match &cols.audience {
                Some(a) if a.codes[row] >= 0 => {
                    let k = code(a.codes[row], a.labels.len(), "audience")?;
                    let found = audiences[k]
                        .get_or_insert_with(|| index.audience(&a.labels[k], &at))
                        .clone()?;
                    Some(found)
                }
                _ => None,
            };
            let mut h = Headcount::default();
            for ((name, count), (_, column)) in h.fields_mut().into_iter().zip(cols.counts.fields())
            {
                if let Some(column) = column {
                    *count = u32::try_from(column[row]).map_err(|_| {
                        Error::invalid(at.key(name), format!("{} is not a count", column[row]))
                    })?;
                }
            }
            h.check(&at)?;
            rows.push(first + rep as u32 - 1, audience, h);
        }
        let sessions = index.sessions;
        Ok(rows.attendance(campaign, sessions))
    }

    /// The campaign the attendance belongs to.
    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True if there are no rows.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Total participants.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(Headcount::total).sum()
    }

    /// The rows as records (visit id, session id, repetition, audience, counts; no
    /// notes), in row order: what a sheet written from them reads back as.
    pub fn records(&self) -> Vec<AttendanceRecord> {
        let c = &self.campaign;
        (0..self.counts.len())
            .map(|i| {
                let s = &self.sessions[self.session_of[i] as usize];
                AttendanceRecord::new(
                    c.visit_id(s.visit as usize).to_owned(),
                    c.view(s).template.id.clone(),
                    u32::from(s.repetition) + 1,
                    self.audience_of[i].map(|a| c.audiences()[a as usize].id.clone()),
                    self.counts[i],
                    None,
                )
            })
            .collect()
    }
}

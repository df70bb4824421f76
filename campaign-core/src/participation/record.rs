//! Attendance as recorded: one record (or one frame row) per session and audience,
//! counts only, checked against the campaign's sessions.

use crate::campaign::Campaign;
use crate::columns::{Column, Contract};
use crate::error::{Error, Result};
use crate::expand::Session;
use crate::location::Path;
use crate::reader::FromJson;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Participants of one session (or of one audience within it), as counts.
///
/// Counts by sex and counts by age band are two splits of the same people, so they must
/// add up to the same total. There is no field for names or any personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRecord {
    /// Visit id, e.g. `durres-2017`.
    pub visit: String,
    /// Template session id, e.g. `workshop` or `school`.
    pub session: String,
    /// Which repetition (1-based) of a repeated session, e.g. the 2nd school; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetition: Option<u32>,
    /// Audience id, if the sheet splits by audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Women and girls.
    #[serde(default)]
    pub female: u32,
    /// Men and boys.
    #[serde(default)]
    pub male: u32,
    /// Sex not recorded.
    #[serde(default)]
    pub sex_not_recorded: u32,
    /// Under 18.
    #[serde(default)]
    pub under_18: u32,
    /// 18 and over.
    #[serde(default)]
    pub adult: u32,
    /// Age not recorded.
    #[serde(default)]
    pub age_not_recorded: u32,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl AttendanceRecord {
    /// A record of `session` (its `repetition`, 1-based) of `visit`, with counts `h`.
    pub fn new(
        visit: String,
        session: String,
        repetition: u32,
        audience: Option<String>,
        h: Headcount,
        notes: Option<String>,
    ) -> Self {
        AttendanceRecord {
            visit,
            session,
            repetition: Some(repetition),
            audience,
            female: h.female,
            male: h.male,
            sex_not_recorded: h.sex_not_recorded,
            under_18: h.under_18,
            adult: h.adult,
            age_not_recorded: h.age_not_recorded,
            notes,
        }
    }

    /// The record's counts.
    pub fn headcount(&self) -> Headcount {
        Headcount {
            female: self.female,
            male: self.male,
            sex_not_recorded: self.sex_not_recorded,
            under_18: self.under_18,
            adult: self.adult,
            age_not_recorded: self.age_not_recorded,
        }
    }

    /// Participants in the record.
    pub fn total(&self) -> u64 {
        self.headcount().total()
    }
}

/// The six counts of attendance, by sex and by age band (`T` is `u32` for counts; a
/// binding's columns use `Option<&[i64]>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Headcount<T = u32> {
    /// Women and girls.
    pub female: T,
    /// Men and boys.
    pub male: T,
    /// Sex not recorded.
    pub sex_not_recorded: T,
    /// Under 18.
    pub under_18: T,
    /// 18 and over.
    pub adult: T,
    /// Age not recorded.
    pub age_not_recorded: T,
}

impl<T> Headcount<T> {
    /// Each count with its column name, by sex then by age band.
    pub fn fields(&self) -> [(&'static str, &T); 6] {
        [
            ("female", &self.female),
            ("male", &self.male),
            ("sex_not_recorded", &self.sex_not_recorded),
            ("under_18", &self.under_18),
            ("adult", &self.adult),
            ("age_not_recorded", &self.age_not_recorded),
        ]
    }

    /// Each count with its column name, to set.
    pub fn fields_mut(&mut self) -> [(&'static str, &mut T); 6] {
        [
            ("female", &mut self.female),
            ("male", &mut self.male),
            ("sex_not_recorded", &mut self.sex_not_recorded),
            ("under_18", &mut self.under_18),
            ("adult", &mut self.adult),
            ("age_not_recorded", &mut self.age_not_recorded),
        ]
    }
}

impl Headcount {
    /// Participants (the split by sex).
    pub fn total(&self) -> u64 {
        self.by_sex().iter().sum()
    }

    /// Female, male, not recorded.
    pub fn by_sex(&self) -> [u64; 3] {
        [self.female, self.male, self.sex_not_recorded].map(u64::from)
    }

    /// Under 18, 18 and over, not recorded.
    pub fn by_age(&self) -> [u64; 3] {
        [self.under_18, self.adult, self.age_not_recorded].map(u64::from)
    }

    /// The two splits must count the same people; the error is at the last age column.
    pub fn check(&self, at: &Path) -> Result<()> {
        let (by_sex, by_age) = (self.total(), self.by_age().iter().sum::<u64>());
        if by_sex != by_age {
            return Err(Error::invalid(
                at.key("age_not_recorded"),
                format!("counts by sex add up to {by_sex} but counts by age band to {by_age}"),
            ));
        }
        Ok(())
    }
}

const fn optional(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

/// The columns of an attendance sheet or frame (the fields of [`AttendanceRecord`]).
pub const ATTENDANCE_COLUMNS: Contract = Contract {
    what: "attendance records",
    columns: &[
        Column {
            name: "visit",
            required: true,
        },
        Column {
            name: "session",
            required: true,
        },
        optional("repetition"),
        optional("audience"),
        optional("female"),
        optional("male"),
        optional("sex_not_recorded"),
        optional("under_18"),
        optional("adult"),
        optional("age_not_recorded"),
        optional("notes"),
    ],
};

/// Looks up sessions by (visit id, template session id, repetition).
pub(crate) struct SessionIndex<'c> {
    campaign: &'c Campaign,
    pub(crate) sessions: Vec<Session>,
    by_key: HashMap<(String, String, u32), usize>,
    visit_ids: HashSet<&'c str>,
}

impl<'c> SessionIndex<'c> {
    /// Builds the index over the campaign's expanded sessions.
    pub fn new(campaign: &'c Campaign) -> Self {
        let sessions = campaign.sessions();
        let mut by_key = HashMap::with_capacity(sessions.len());
        for (i, s) in sessions.iter().enumerate() {
            let id = campaign.visit_id(s.visit as usize);
            let t = campaign.view(s).template;
            by_key.insert((id.to_owned(), t.id.clone(), s.repetition as u32 + 1), i);
        }
        let visit_ids = campaign.visit_ids().collect();
        SessionIndex {
            campaign,
            sessions,
            by_key,
            visit_ids,
        }
    }

    fn contains(&self, visit: &str, session: &str, rep: u32) -> bool {
        self.by_key
            .contains_key(&(visit.to_string(), session.to_string(), rep))
    }

    /// The session `rep` of `session` in `visit`, for a record at `at` (errors name
    /// the field at fault).
    pub fn lookup(&self, visit: &str, session: &str, rep: u32, at: &Path) -> Result<usize> {
        if !self.visit_ids.contains(visit) {
            return Err(Error::invalid(
                at.key("visit"),
                format!("unknown visit {visit:?}"),
            ));
        }
        match self
            .by_key
            .get(&(visit.to_string(), session.to_string(), rep))
        {
            Some(&i) => Ok(i),
            None if self.contains(visit, session, 1) => Err(Error::invalid(
                at.key("repetition"),
                format!("visit {visit:?} has no repetition {rep} of session {session:?}"),
            )),
            None => Err(Error::invalid(
                at.key("session"),
                format!("visit {visit:?} has no session {session:?}"),
            )),
        }
    }

    /// How many repetitions `session` has in `visit`.
    pub fn repetitions(&self, visit: &str, session: &str) -> u32 {
        (1..)
            .take_while(|&r| self.contains(visit, session, r))
            .count() as u32
    }

    /// The index of audience `a`, for a record at `at`.
    pub fn audience(&self, a: &str, at: &Path) -> Result<u32> {
        self.campaign
            .audiences()
            .iter()
            .position(|x| x.id == a)
            .map(|i| i as u32)
            .ok_or_else(|| Error::invalid(at.key("audience"), format!("unknown audience {a:?}")))
    }

    /// Checks one record found at `at`: its session, its audience and its counts.
    pub fn resolve(&self, r: &AttendanceRecord, at: &Path) -> Result<(usize, Option<u32>)> {
        let i = self.lookup(&r.visit, &r.session, r.repetition.unwrap_or(1), at)?;
        let audience = match &r.audience {
            Some(a) => Some(self.audience(a, at)?),
            None => None,
        };
        r.headcount().check(at)?;
        Ok((i, audience))
    }
}

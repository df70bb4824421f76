//! The vocabulary of a check: rule codes, severities, the compact record each finding
//! is kept as, and the finding as it is shown (expanded on demand).

use crate::calendar::{Holiday, SchoolYear};
use crate::campaign::DateRange;
use crate::reader::{FromJson, Names};
use crate::text::Text;
use crate::threshold::ParticipantRule;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::options::Blackout;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan cannot work as written.
    Error,
    /// Probably wrong; needs a decision.
    Warning,
    /// Worth knowing.
    Info,
}

/// The stable code of each rule; the rule table (`checks/engine.rs`) gives each its
/// default severity and its check.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RuleCode {
    /// Two visits of the same team overlap.
    TeamOverlap,
    /// A named person is required at two visits on the same day.
    PersonDoubleBooked,
    /// A county is visited more than once in one round.
    CountyRepeated,
    /// Counties of the campaign's scope have no visit.
    CountyNotCovered,
    /// The visit window has fewer days than its template.
    WindowTooShort,
    /// The visit window has more days than its template.
    WindowLonger,
    /// A session falls on a public holiday.
    PublicHoliday,
    /// A public holiday falls inside a visit window (on a day without sessions) or on
    /// the day just before or after it: no conflict, but the plan has no slack there.
    HolidayNearVisit,
    /// A session falls on a user-declared blackout date.
    BlackoutDate,
    /// A session falls on a Saturday or Sunday.
    Weekend,
    /// A school session falls outside the school calendar.
    OutsideSchoolCalendar,
    /// Not enough time to travel between consecutive visits of a team.
    TravelTime,
    /// A session's planned invitations cannot meet its participant rule.
    ThresholdAtRisk,
    /// Planned materials exceed the stock that remains.
    MaterialShortage,
    /// A visit lies (partly) outside the campaign period.
    OutsidePeriod,
    /// A visit lies (partly) outside its round's period.
    OutsideRound,
    /// The timetable of a visit's sessions set by a stakeholder (the school sessions, by
    /// the Regional Education Directorate) is not confirmed, and the visit is at most
    /// `timetable_notice_days` after the options' `as_of` day (only checked with `as_of`).
    TimetableNotConfirmed,
}

impl RuleCode {
    /// The default severity of the rule (from the rule table).
    pub fn default_severity(self) -> Severity {
        super::engine::rule_of(self).severity
    }
}

/// A finding as a check keeps it: fixed size, no heap; what it says is rendered from it
/// on demand ([`super::Report::finding`]). The meaning of `x` and `y` depends on the rule
/// (a person, blackout, material or session index; a count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Record {
    pub code: RuleCode,
    pub severity: Severity,
    /// Up to two visits; [`NO_VISIT`] where absent.
    pub visits: [u32; 2],
    /// First and last day involved; [`NO_DAY`] for a finding about no day.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub x: u32,
    pub y: u64,
    /// A range of the report's shared list (a group of visits, the missing counties).
    pub list: (u32, u32),
}

/// No visit in this slot of a record.
pub(crate) const NO_VISIT: u32 = u32::MAX;
/// The first day of a finding about no particular day (sorts before every day).
pub(crate) const NO_DAY: NaiveDate = NaiveDate::MIN;

impl Record {
    /// A record of `code` about `visits` (one or two) from `first` to `last`.
    pub fn new(code: RuleCode, visits: &[usize], first: NaiveDate, last: NaiveDate) -> Self {
        let slot = |k: usize| visits.get(k).map_or(NO_VISIT, |&v| v as u32);
        Record {
            code,
            severity: code.default_severity(),
            visits: [slot(0), slot(1)],
            first,
            last,
            x: 0,
            y: 0,
            list: (0, 0),
        }
    }

    /// The same record with `x` set.
    pub fn x(mut self, x: usize) -> Self {
        self.x = x as u32;
        self
    }

    /// The same record with `y` set.
    pub fn y(mut self, y: u64) -> Self {
        self.y = y;
        self
    }

    /// The first visit.
    pub fn a(&self) -> usize {
        self.visits[0] as usize
    }

    /// The second visit.
    pub fn b(&self) -> usize {
        self.visits[1] as usize
    }
}

/// One problem found in a calendar, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable rule code.
    pub code: RuleCode,
    /// Severity after the user's overrides.
    pub severity: Severity,
    /// Ids of the visits involved.
    pub visits: Vec<String>,
    /// Positions (0-based) of the visits involved in the document's `visits` list.
    pub visit_indices: Vec<usize>,
    /// Sessions involved, as `visit-id/session-id[#k]`.
    pub sessions: Vec<String>,
    /// People involved (ids).
    pub people: Vec<String>,
    /// Counties involved (codes).
    pub counties: Vec<String>,
    /// Days involved.
    #[serde(serialize_with = "crate::isodate::serialize_dates")]
    pub days: Vec<NaiveDate>,
    /// The explanation in Albanian and English.
    pub message: Text,
    /// Machine-readable details (distances, counts, holidays …), by rule.
    pub details: Details,
}

/// The machine-readable part of a finding. In JSON it is an object whose keys depend on
/// the rule (`{"km": 92.4, "hours_needed": 1.8, …}`), or `null` when the rule has none.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(untagged)]
pub enum Details {
    /// No details (`null`).
    #[default]
    None,
    /// `COUNTY_REPEATED`: the round (if any) and how many visits.
    Repeated {
        /// Round id.
        round: Option<String>,
        /// Visits to the county in that round.
        count: usize,
    },
    /// `COUNTY_NOT_COVERED`: the counties without a visit.
    NotCovered {
        /// County codes.
        missing: Vec<String>,
        /// The later round they are left for, if any.
        next_round: Option<String>,
    },
    /// `WINDOW_TOO_SHORT`, `WINDOW_LONGER`: the visit's days against the template's.
    Window {
        /// Days in the visit's window.
        window_days: i64,
        /// Days of the template.
        template_days: i64,
    },
    /// `OUTSIDE_PERIOD`: the campaign period.
    Period {
        /// The campaign period.
        period: DateRange,
    },
    /// `OUTSIDE_ROUND`: the round and its period.
    RoundPeriod {
        /// Round id.
        round: String,
        /// The round's period.
        period: DateRange,
    },
    /// `PUBLIC_HOLIDAY`, `HOLIDAY_NEAR_VISIT`: the holidays of the day.
    Holidays {
        /// The holidays.
        holidays: Vec<Holiday>,
    },
    /// `BLACKOUT_DATE`: the blackout period.
    Blackout {
        /// The blackout.
        blackout: Blackout,
    },
    /// `OUTSIDE_SCHOOL_CALENDAR`: the school year that applies.
    SchoolYear {
        /// The school year.
        school_year: SchoolYear,
    },
    /// `TRAVEL_TIME`: the journey against the time between the visits.
    Travel {
        /// Road kilometres (one decimal).
        km: f64,
        /// Hours of travel needed (two decimals).
        hours_needed: f64,
        /// Hours available between the visits.
        hours_available: f64,
        /// Days between the end of one visit and the start of the next.
        gap_days: i64,
    },
    /// `THRESHOLD_AT_RISK`: the rule and the planned invitations.
    Participants {
        /// The participant rule.
        rule: ParticipantRule,
        /// Planned participants.
        planned: u32,
        /// How many more are needed.
        short_by: u32,
    },
    /// `TIMETABLE_NOT_CONFIRMED`: who sets the timetable and how close the visit is.
    Timetable {
        /// Audience id of the stakeholder that sets the timetable.
        set_by: String,
        /// The day the check is made for (`as_of` in the options).
        as_of: NaiveDate,
        /// Days from `as_of` to the first such session.
        days_left: i64,
        /// The notice the options ask for, in days.
        notice_days: u32,
    },
    /// `MATERIAL_SHORTAGE`: planned use against stock.
    Material {
        /// Material id.
        material: String,
        /// Units planned.
        planned: u64,
        /// Units in stock.
        stock: u64,
        /// Units missing.
        short_by: u64,
    },
    /// `TEAM_OVERLAP`: the team and the shared days.
    Overlap {
        /// Team id (`null` for the implicit team).
        team: Option<String>,
        /// First shared day.
        #[serde(serialize_with = "crate::isodate::serialize_date")]
        overlap_start: NaiveDate,
        /// Last shared day.
        #[serde(serialize_with = "crate::isodate::serialize_date")]
        overlap_end: NaiveDate,
    },
    /// `PERSON_DOUBLE_BOOKED`: the person.
    Person {
        /// Person id.
        person: String,
    },
    /// Any rule, once it has listed as many findings as `CheckOptions::max_findings_per_rule`
    /// allows: how many more it found (they are counted in the report's counts).
    Omitted {
        /// Findings of the rule not listed.
        omitted: u64,
        /// The limit per rule.
        limit: u64,
    },
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// Counts `n` more findings of `severity`.
    pub(crate) fn add(&mut self, severity: Severity, n: usize) {
        match severity {
            Severity::Error => self.error += n,
            Severity::Warning => self.warning += n,
            Severity::Info => self.info += n,
        }
    }
}

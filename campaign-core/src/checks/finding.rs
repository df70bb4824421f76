//! The vocabulary of a check: rule codes, severities, findings and the report.

use crate::calendar::{Holiday, SchoolYear};
use crate::campaign::{Campaign, DateRange};
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

/// The stable code of each rule; the rule table ([`super::engine`]) gives each its
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
}

impl RuleCode {
    /// The default severity of the rule (from the rule table).
    pub fn default_severity(self) -> Severity {
        super::engine::rule_of(self).severity
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
    pub days: Vec<NaiveDate>,
    /// The explanation in Albanian and English.
    pub message: Text,
    /// Machine-readable details (distances, counts, holidays …), by rule.
    pub details: Details,
}

impl Finding {
    pub(crate) fn new(code: RuleCode, message: Text) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            visits: vec![],
            visit_indices: vec![],
            sessions: vec![],
            people: vec![],
            counties: vec![],
            days: vec![],
            message,
            details: Details::None,
        }
    }

    pub(crate) fn visits(mut self, c: &Campaign, idx: &[usize]) -> Self {
        for &i in idx {
            self.visits.push(c.visits()[i].id.clone());
            self.visit_indices.push(i);
            let code = c.regions().regions()[c.visits()[i].county].code.clone();
            if !self.counties.contains(&code) {
                self.counties.push(code);
            }
        }
        self
    }

    pub(crate) fn days(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.days.extend(days);
        self
    }

    pub(crate) fn details(mut self, v: Details) -> Self {
        self.details = v;
        self
    }
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
        overlap_start: NaiveDate,
        /// Last shared day.
        overlap_end: NaiveDate,
    },
    /// `PERSON_DOUBLE_BOOKED`: the person.
    Person {
        /// Person id.
        person: String,
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

/// The result of checking a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Campaign name.
    pub campaign: Text,
    /// Number of visits checked.
    pub visits: usize,
    /// Number of sessions checked.
    pub sessions: usize,
    /// Findings in a stable order (by first day, then rule, then visits).
    pub findings: Vec<Finding>,
    /// Counts by severity.
    pub counts: Counts,
}

impl Report {
    /// The distinct codes of the findings, in order of first appearance.
    pub fn codes(&self) -> Vec<RuleCode> {
        let mut out = Vec::new();
        for f in &self.findings {
            if !out.contains(&f.code) {
                out.push(f.code);
            }
        }
        out
    }
}

//! The rule engine: every check a planner needs, each finding explained.
//!
//! A rule is a function from the expanded campaign (sessions) and [`CheckOptions`] to
//! findings. Pairwise rules sort and sweep, so all rules together are O(n log n) in the
//! number of sessions (plus the number of findings they report).

mod capacity;
mod coverage;
mod dates;
mod overlap;
mod travel;

pub use overlap::overlapping_pairs;

use crate::calendar::{ExtraHoliday, Holiday, HolidayCalendar, SchoolCalendar, SchoolYear};
use crate::campaign::{Campaign, DateRange};
use crate::expand::Session;
use crate::reader::FromJson;
use crate::text::Text;
use crate::threshold::ParticipantRule;
use crate::travel::{TravelModel, TravelOptions};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, JsonSchema,
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

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! rule_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $sev:ident; )*) => {
        /// The stable code of each rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, JsonSchema)]
        pub enum RuleCode {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )*
        }
        impl RuleCode {
            /// Every rule, in report order.
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$variant),*];
            /// The code as a string, e.g. `"TEAM_OVERLAP"`.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleCode::$variant => $code,)* }
            }
            /// The default severity of the rule.
            pub fn default_severity(self) -> Severity {
                match self { $(RuleCode::$variant => Severity::$sev,)* }
            }
        }
    };
}

rule_codes! {
    /// Two visits of the same team overlap.
    TeamOverlap = "TEAM_OVERLAP", Error;
    /// A named person is required at two visits on the same day.
    PersonDoubleBooked = "PERSON_DOUBLE_BOOKED", Error;
    /// A county is visited more than once in one round.
    CountyRepeated = "COUNTY_REPEATED", Warning;
    /// Counties of the campaign's scope have no visit.
    CountyNotCovered = "COUNTY_NOT_COVERED", Warning;
    /// The visit window has fewer days than its template.
    WindowTooShort = "WINDOW_TOO_SHORT", Error;
    /// The visit window has more days than its template.
    WindowLonger = "WINDOW_LONGER", Info;
    /// A session falls on a public holiday.
    PublicHoliday = "PUBLIC_HOLIDAY", Error;
    /// A public holiday falls inside a visit window (on a day without sessions) or on
    /// the day just before or after it: no conflict, but the plan has no slack there.
    HolidayNearVisit = "HOLIDAY_NEAR_VISIT", Info;
    /// A session falls on a user-declared blackout date.
    BlackoutDate = "BLACKOUT_DATE", Error;
    /// A session falls on a Saturday or Sunday.
    Weekend = "WEEKEND", Warning;
    /// A school session falls outside the school calendar.
    OutsideSchoolCalendar = "OUTSIDE_SCHOOL_CALENDAR", Error;
    /// Not enough time to travel between consecutive visits of a team.
    TravelTime = "TRAVEL_TIME", Warning;
    /// A session's planned invitations cannot meet its participant rule.
    ThresholdAtRisk = "THRESHOLD_AT_RISK", Warning;
    /// Planned materials exceed the stock that remains.
    MaterialShortage = "MATERIAL_SHORTAGE", Error;
    /// A visit lies (partly) outside the campaign period.
    OutsidePeriod = "OUTSIDE_PERIOD", Error;
    /// A visit lies (partly) outside its round's period.
    OutsideRound = "OUTSIDE_ROUND", Warning;
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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

/// A period when no session may take place (e.g. elections).
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blackout {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Why, in both languages.
    pub reason: Text,
}

/// What the checks take besides the campaign: switches, severities, calendars, travel.
#[derive(Debug, Clone, PartialEq, Default, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CheckOptions {
    /// Rules switched off.
    pub disabled: Vec<RuleCode>,
    /// Severity overrides.
    pub severities: BTreeMap<RuleCode, Severity>,
    /// Extra holidays (also corrected Bajram dates).
    pub extra_holidays: Vec<ExtraHoliday>,
    /// Blackout periods.
    pub blackouts: Vec<Blackout>,
    /// School years that replace the default calendar.
    pub school_years: Vec<SchoolYear>,
    /// Travel parameters.
    pub travel: TravelOptions,
}

impl CheckOptions {
    /// Parses options from JSON; errors carry the JSON path.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::reader::read_json(text)
    }

    fn enabled(&self, code: RuleCode) -> bool {
        !self.disabled.contains(&code)
    }
}

/// Everything the rules share, built once per check.
pub(crate) struct Ctx<'a> {
    pub c: &'a Campaign,
    pub sessions: &'a [Session],
    pub opts: &'a CheckOptions,
    pub holidays: HolidayCalendar,
    pub school: SchoolCalendar,
    pub travel: TravelModel,
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

impl Campaign {
    /// Runs every enabled rule with default options.
    ///
    /// ```
    /// let report = campaign_core::Campaign::builtin_2017().check();
    /// assert_eq!(report.counts.error, 0);
    /// ```
    pub fn check(&self) -> Report {
        self.check_with(&CheckOptions::default())
            .expect("default options are valid")
    }

    /// Runs every enabled rule with `opts`. Fails only if the options are invalid
    /// (e.g. an unknown county in the distance table).
    pub fn check_with(&self, opts: &CheckOptions) -> Result<Report> {
        let sessions = self.sessions();
        self.check_sessions(&sessions, opts)
    }

    /// Runs the rules on sessions already expanded by [`Campaign::sessions`].
    pub fn check_sessions(&self, sessions: &[Session], opts: &CheckOptions) -> Result<Report> {
        for (i, b) in opts.blackouts.iter().enumerate() {
            if b.end < b.start {
                return Err(crate::Error::invalid(
                    format!("$.blackouts[{i}].end"),
                    "end is before start",
                ));
            }
        }
        let (lo, hi) = year_span(self, sessions);
        let ctx = Ctx {
            c: self,
            sessions,
            opts,
            holidays: HolidayCalendar::albania(lo, hi, &opts.extra_holidays),
            school: SchoolCalendar::new(opts.school_years.clone()),
            travel: TravelModel::new(self.regions(), &opts.travel)?,
        };
        let mut findings = Vec::new();
        let on = |c: RuleCode| opts.enabled(c);
        if on(RuleCode::TeamOverlap) {
            overlap::team_overlap(&ctx, &mut findings);
        }
        if on(RuleCode::PersonDoubleBooked) {
            overlap::person_double_booked(&ctx, &mut findings);
        }
        if on(RuleCode::CountyRepeated) {
            coverage::county_repeated(&ctx, &mut findings);
        }
        if on(RuleCode::CountyNotCovered) {
            coverage::county_not_covered(&ctx, &mut findings);
        }
        coverage::windows(
            &ctx,
            &mut findings,
            on(RuleCode::WindowTooShort),
            on(RuleCode::WindowLonger),
        );
        coverage::periods(
            &ctx,
            &mut findings,
            on(RuleCode::OutsidePeriod),
            on(RuleCode::OutsideRound),
        );
        dates::day_rules(&ctx, &mut findings);
        if on(RuleCode::HolidayNearVisit) {
            dates::holiday_near_visit(&ctx, &mut findings);
        }
        if on(RuleCode::TravelTime) {
            travel::travel_time(&ctx, &mut findings);
        }
        if on(RuleCode::ThresholdAtRisk) {
            capacity::threshold_at_risk(&ctx, &mut findings);
        }
        if on(RuleCode::MaterialShortage) {
            capacity::material_shortage(&ctx, &mut findings);
        }
        findings.retain(|f| opts.enabled(f.code));
        for f in &mut findings {
            if let Some(s) = opts.severities.get(&f.code) {
                f.severity = *s;
            }
        }
        findings.sort_by(|a, b| {
            a.days
                .first()
                .cmp(&b.days.first())
                .then(a.code.cmp(&b.code))
                .then(a.visit_indices.cmp(&b.visit_indices))
                .then(a.sessions.cmp(&b.sessions))
                .then(a.people.cmp(&b.people))
        });
        let mut counts = Counts::default();
        for f in &findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        Ok(Report {
            campaign: self.document().name.clone(),
            visits: self.visits().len(),
            sessions: sessions.len(),
            findings,
            counts,
        })
    }
}

fn year_span(c: &Campaign, sessions: &[Session]) -> (i32, i32) {
    let years = sessions.iter().map(|s| s.day.year()).chain(
        c.visits()
            .iter()
            .flat_map(|v| [v.first_day.year(), v.last_day.year()]),
    );
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    for y in years {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    if lo > hi {
        (2017, 2017)
    } else {
        (lo, hi)
    }
}

pub(crate) fn fmt_range(r: &DateRange) -> String {
    format!("{} – {}", r.start, r.end)
}

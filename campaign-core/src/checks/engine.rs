//! The rule engine: one table of rules (code, default severity, check), the context
//! every rule reads, and the run that switches rules, applies severities and sorts.
//!
//! Every rule is a function of the context to findings. Pairwise rules sort and sweep,
//! so all rules together are O(n log n) in the number of sessions (plus the number of
//! findings they report).

use super::finding::{Counts, Finding, Report, RuleCode, Severity};
use super::options::CheckOptions;
use super::{capacity, coverage, dates, overlap, travel};
use crate::calendar::{HolidayCalendar, SchoolCalendar};
use crate::campaign::Campaign;
use crate::error::Result;
use crate::expand::Session;
use crate::travel::TravelModel;
use chrono::{Datelike, NaiveDate};
use std::cell::OnceCell;
use std::ops::Range;

/// One rule: its code, its default severity and the check that finds its problems.
pub(crate) struct Rule {
    pub code: RuleCode,
    pub severity: Severity,
    pub check: fn(&Ctx, &mut Vec<Finding>),
}

const fn rule(code: RuleCode, severity: Severity, check: fn(&Ctx, &mut Vec<Finding>)) -> Rule {
    Rule {
        code,
        severity,
        check,
    }
}

/// Every rule, in [`RuleCode`] order.
pub(crate) const RULES: [Rule; 16] = {
    use RuleCode::*;
    use Severity::*;
    [
        rule(TeamOverlap, Error, overlap::team_overlap),
        rule(PersonDoubleBooked, Error, overlap::person_double_booked),
        rule(CountyRepeated, Warning, coverage::county_repeated),
        rule(CountyNotCovered, Warning, coverage::county_not_covered),
        rule(WindowTooShort, Error, coverage::window_too_short),
        rule(WindowLonger, Info, coverage::window_longer),
        rule(PublicHoliday, Error, dates::public_holiday),
        rule(HolidayNearVisit, Info, dates::holiday_near_visit),
        rule(BlackoutDate, Error, dates::blackout_date),
        rule(Weekend, Warning, dates::weekend),
        rule(OutsideSchoolCalendar, Error, dates::outside_school_calendar),
        rule(TravelTime, Warning, travel::travel_time),
        rule(ThresholdAtRisk, Warning, capacity::threshold_at_risk),
        rule(MaterialShortage, Error, capacity::material_shortage),
        rule(OutsidePeriod, Error, coverage::outside_period),
        rule(OutsideRound, Warning, coverage::outside_round),
    ]
};

/// The rule of `code`.
pub(crate) fn rule_of(code: RuleCode) -> &'static Rule {
    &RULES[code as usize]
}

/// The sessions of one visit on one day (indices into the context's `day_order`).
pub(crate) struct DayGroup {
    pub visit: usize,
    pub day: NaiveDate,
    pub sessions: Range<usize>,
}

/// Everything the rules share, built once per check.
pub(crate) struct Ctx<'a> {
    pub c: &'a Campaign,
    pub sessions: &'a [Session],
    pub opts: &'a CheckOptions,
    pub holidays: HolidayCalendar,
    pub school: SchoolCalendar,
    pub travel: TravelModel,
    day_order: OnceCell<(Vec<usize>, Vec<DayGroup>)>,
}

impl<'a> Ctx<'a> {
    /// The Albanian name of the county of visit `visit`.
    pub fn county_name(&self, visit: usize) -> &'a str {
        &self.c.regions().regions()[self.c.visits()[visit].county].name_sq
    }

    /// Sessions grouped by (visit, day), in that order; the second value holds the
    /// session indices each group's range points into.
    pub fn day_groups(&self) -> (&[usize], &[DayGroup]) {
        let (order, groups) = self.day_order.get_or_init(|| {
            let s = self.sessions;
            let mut order: Vec<usize> = (0..s.len()).collect();
            order.sort_by_key(|&i| (s[i].visit, s[i].day, i));
            let mut groups = Vec::new();
            let mut start = 0;
            while start < order.len() {
                let first = &s[order[start]];
                let end = start
                    + order[start..]
                        .iter()
                        .take_while(|&&i| s[i].visit == first.visit && s[i].day == first.day)
                        .count();
                groups.push(DayGroup {
                    visit: first.visit as usize,
                    day: first.day,
                    sessions: start..end,
                });
                start = end;
            }
            (order, groups)
        });
        (order, groups)
    }

    /// Consecutive visits of each team, as index pairs (previous, next), by first day.
    pub fn consecutive_pairs(&self) -> Vec<(usize, usize)> {
        let vs = self.c.visits();
        let mut order: Vec<usize> = (0..vs.len()).collect();
        order.sort_by_key(|&i| (vs[i].team, vs[i].first_day, vs[i].last_day, i));
        order
            .windows(2)
            .filter(|w| vs[w[0]].team == vs[w[1]].team)
            .map(|w| (w[0], w[1]))
            .collect()
    }
}

/// Runs every enabled rule on already expanded sessions.
pub(crate) fn run(c: &Campaign, sessions: &[Session], opts: &CheckOptions) -> Result<Report> {
    opts.validate()?;
    let (lo, hi) = year_span(c, sessions);
    let ctx = Ctx {
        c,
        sessions,
        opts,
        holidays: HolidayCalendar::albania(lo, hi, &opts.extra_holidays),
        school: SchoolCalendar::new(opts.school_years.clone()),
        travel: TravelModel::new(c.regions(), &opts.travel)?,
        day_order: OnceCell::new(),
    };
    let mut findings = Vec::new();
    for rule in RULES.iter().filter(|r| opts.enabled(r.code)) {
        let start = findings.len();
        (rule.check)(&ctx, &mut findings);
        for f in &mut findings[start..] {
            f.severity = opts.severity(rule.code, f.severity);
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
        campaign: c.document().name.clone(),
        visits: c.visits().len(),
        sessions: sessions.len(),
        findings,
        counts,
    })
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

//! The rule engine: one table of rules (code, default severity, check), the context
//! every rule reads, and the run that switches rules, applies severities, keeps at most
//! a set number of findings per rule and sorts them.
//!
//! Every rule is a function of the context to compact records ([`Record`]); nothing
//! is formatted while checking. Pairwise rules sort and sweep, so all rules together are
//! O(n log n) in the number of visits and sessions, plus O(1) per finding.

use super::finding::{Counts, Record, RuleCode, Severity, NO_DAY, NO_VISIT};
use super::options::CheckOptions;
use super::report::Report;
use super::{capacity, coverage, dates, overlap, travel};
use crate::calendar::{HolidayCalendar, SchoolCalendar};
use crate::campaign::Campaign;
use crate::error::Result;
use crate::expand::Session;
use crate::travel::TravelModel;
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// One rule: its code, its default severity and the check that finds its problems.
pub(crate) struct Rule {
    pub code: RuleCode,
    pub severity: Severity,
    pub check: fn(&Ctx, &mut Sink),
}

const fn rule(code: RuleCode, severity: Severity, check: fn(&Ctx, &mut Sink)) -> Rule {
    Rule {
        code,
        severity,
        check,
    }
}

/// Every rule, in [`RuleCode`] order.
pub(crate) const RULES: [Rule; 17] = {
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
        rule(
            TimetableNotConfirmed,
            Warning,
            dates::timetable_not_confirmed,
        ),
    ]
};

/// The rule of `code`.
pub(crate) fn rule_of(code: RuleCode) -> &'static Rule {
    &RULES[code as usize]
}

/// The sessions of one visit on one day (a range of the context's day order).
pub(crate) struct DayGroup {
    pub visit: usize,
    pub day: NaiveDate,
    pub sessions: Range<usize>,
}

/// A sort key of four 32-bit parts, most significant first: ids of rounds, counties or
/// teams, day keys, and last an index that makes it unique (a visit). The rules sort
/// these integers, not tuples of options and dates: a comparison is one integer's, and
/// the standard sort is compiled once for them all (the page's WebAssembly module has a
/// size budget). Sort with [`sort_keyed`].
pub(crate) fn keyed(parts: [u32; 4]) -> u128 {
    parts.iter().fold(0, |key, &p| (key << 32) | u128::from(p))
}

/// `None` before every `Some`, as a key part.
pub(crate) fn option_key(x: Option<usize>) -> u32 {
    x.map_or(0, |x| x as u32 + 1)
}

/// A day as a key part, in date order.
pub(crate) fn day_key(d: NaiveDate) -> u32 {
    d.num_days_from_ce() as u32 ^ (1 << 31)
}

/// Sorts keys made by [`keyed`] (or [`Ctx::sort`], or the team overlaps' day pairs);
/// they are unique (they end with an index), so a stable and an unstable sort give the same order. Natively the unstable
/// one: the stable one allocates a buffer for every slice past 20 keys, and the team
/// overlaps sort one small slice per day (criterion `dense`: 15.4 against 21.4 ms).
#[cfg(not(target_family = "wasm"))]
pub(crate) fn sort_keyed<K: Ord>(keys: &mut [K]) {
    keys.sort_unstable();
}

/// See the native version. In WebAssembly the standard library is built for size, which
/// makes `sort_unstable` a heapsort (13 % of the page's check) and `sort` a merge sort.
#[cfg(target_family = "wasm")]
pub(crate) fn sort_keyed<K: Ord>(keys: &mut [K]) {
    keys.sort();
}

/// Bits of a record's position below [`Ctx::sort_key`] in the keys [`Ctx::sort`] sorts.
const RECORD_BITS: u32 = 44;

// A visit's slot in `Ctx::sort_key` (its position plus one) fits in 22 bits, and a
// position in the 32-bit parts of `keyed`, because validation holds campaigns to
// `MAX_VISITS`.
const _: () = assert!(crate::limits::MAX_VISITS < (1 << 22) - 1);

/// Everything the rules share, built once per check and kept by the report, which
/// renders its findings from it.
pub(crate) struct Ctx {
    pub c: Campaign,
    pub opts: CheckOptions,
    pub holidays: HolidayCalendar,
    pub school: SchoolCalendar,
    pub travel: TravelModel,
    sessions: OnceLock<Vec<Session>>,
    day_order: OnceLock<(Vec<usize>, Vec<DayGroup>)>,
}

impl Ctx {
    /// The context of checking `c` with `opts`; `sessions`, if given, are `c.sessions()`.
    pub fn new(c: &Campaign, opts: &CheckOptions, sessions: Option<Vec<Session>>) -> Result<Ctx> {
        opts.validate()?;
        let (lo, hi) = c.year_span();
        let ctx = Ctx {
            c: c.clone(),
            opts: opts.clone(),
            holidays: HolidayCalendar::albania(lo, hi, &opts.extra_holidays),
            school: SchoolCalendar::new(opts.school_years.clone()),
            travel: TravelModel::new(c.regions(), &opts.travel)?,
            sessions: OnceLock::new(),
            day_order: OnceLock::new(),
        };
        if let Some(s) = sessions {
            let _ = ctx.sessions.set(s);
        }
        Ok(ctx)
    }

    /// The campaign's sessions, expanded on first use (rules about visits need none).
    pub fn sessions(&self) -> &[Session] {
        self.sessions.get_or_init(|| self.c.sessions())
    }

    /// The Albanian name of the county of visit `visit`.
    pub fn county_name(&self, visit: usize) -> &str {
        &self.c.regions().regions()[self.c.visits()[visit].county].name_sq
    }

    /// Sessions grouped by (visit, day), in that order; the first value holds the
    /// session indices each group's range points into.
    pub fn day_groups(&self) -> (&[usize], &[DayGroup]) {
        let (order, groups) = self.day_order.get_or_init(|| {
            let s = self.sessions();
            let mut order: Vec<usize> = (0..s.len()).collect();
            // Expanded in visit and day order unless a visit pins its days out of
            // order; the sort is skipped then (in WebAssembly, built for size, the
            // standard sort does not notice sorted input: 11 % of the page's check).
            let key = |i: usize| (s[i].visit, s[i].day);
            if !order.windows(2).all(|w| key(w[0]) <= key(w[1])) {
                order.sort_by_key(|&i| (key(i), i));
            }
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

    /// The sessions (indices) of visit `visit` on `day`, in running order.
    pub fn sessions_on(&self, visit: usize, day: NaiveDate) -> &[usize] {
        let (order, groups) = self.day_groups();
        let k = groups.partition_point(|g| (g.visit, g.day) < (visit, day));
        match groups.get(k) {
            Some(g) if (g.visit, g.day) == (visit, day) => &order[g.sessions.clone()],
            _ => &[],
        }
    }

    /// Consecutive visits of each team, as index pairs (previous, next), by first day.
    pub fn consecutive_pairs(&self) -> Vec<(usize, usize)> {
        // Keys sorted, not indices (see county_repeated).
        let mut order: Vec<u128> = self
            .c
            .visits()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (first, last) = (day_key(v.first_day), day_key(v.last_day));
                keyed([option_key(v.team), first, last, i as u32])
            })
            .collect();
        sort_keyed(&mut order);
        // Same team: the same first part.
        order
            .windows(2)
            .filter(|w| w[0] >> 96 == w[1] >> 96)
            .map(|w| (w[0] as u32 as usize, w[1] as u32 as usize))
            .collect()
    }

    /// The visits of a record, as the report lists them: its group, or its one or two.
    pub fn record_visits<'l>(&self, lists: &'l [u32], r: &'l Record) -> &'l [u32] {
        if r.list.1 > 0 && r.code == RuleCode::CountyRepeated {
            &lists[r.list.0 as usize..(r.list.0 + r.list.1) as usize]
        } else {
            let n = r.visits.iter().take_while(|&&v| v != NO_VISIT).count();
            &r.visits[..n]
        }
    }

    /// The report order as a number of 84 bits, for all but ties: first day (none
    /// first: [`NO_DAY`] is the least date), rule, then the first two visits (a finding
    /// with fewer visits first; 22 bits each hold [`crate::limits::MAX_VISITS`]).
    fn sort_key(&self, lists: &[u32], r: &Record) -> u128 {
        let visits = self.record_visits(lists, r);
        let slot = |k: usize| visits.get(k).map_or(0, |&v| u128::from(v) + 1);
        (u128::from(day_key(r.first)) << 52) | ((r.code as u128) << 44) | (slot(0) << 22) | slot(1)
    }

    /// A key in report order for records whose [`Ctx::sort_key`]s differ (first day,
    /// rule, visit slots): cheap to make, for checking that records are in order.
    fn order_key(&self, lists: &[u32], r: &Record) -> (NaiveDate, RuleCode, u64, u64) {
        let visits = self.record_visits(lists, r);
        let slot = |k: usize| visits.get(k).map_or(0, |&v| u64::from(v) + 1);
        (r.first, r.code, slot(0), slot(1))
    }

    /// Sorts records into report order: by [`Ctx::sort_key`], ties by [`Ctx::compare`].
    /// Records already in that order (one rule that finds them in order) are left as
    /// they are after one pass.
    pub fn sort(&self, lists: &[u32], records: &mut Vec<Record>) {
        // Checked in one pass, on a key that needs no day count and no allocation:
        // collecting the u128 keys first took 6 of the 21 ms of criterion's `dense`
        // check (205,000 records, found in order).
        let mut previous = None;
        let in_order = records.iter().all(|r| {
            let key = self.order_key(lists, r);
            let ahead = previous.is_none_or(|p| p < key);
            previous = Some(key);
            ahead
        });
        if in_order {
            return;
        }
        // The key above each record's position.
        let mut keyed: Vec<u128> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (self.sort_key(lists, r) << RECORD_BITS) | i as u128)
            .collect();
        sort_keyed(&mut keyed);
        let record = |k: &u128| (*k & ((1 << RECORD_BITS) - 1)) as usize;
        // Equal keys (rare: one visit's sessions on one day, one county's repeats …)
        // are ordered by what the findings list, keeping the order of the rules' output.
        for run in keyed
            .chunk_by_mut(|a, b| a >> RECORD_BITS == b >> RECORD_BITS)
            .filter(|run| run.len() > 1)
        {
            run.sort_by(|a, b| {
                self.compare(lists, &records[record(a)], &records[record(b)])
                    .then(a.cmp(b))
            });
        }
        *records = keyed.iter().map(|k| records[record(k)]).collect();
    }

    /// The report order: first day (none first), rule, visits, then what the finding
    /// lists (sessions, people), as the expanded findings would compare.
    pub fn compare(&self, lists: &[u32], a: &Record, b: &Record) -> Ordering {
        let day = |r: &Record| (r.first != NO_DAY).then_some(r.first);
        day(a)
            .cmp(&day(b))
            .then(a.code.cmp(&b.code))
            .then_with(|| {
                self.record_visits(lists, a)
                    .cmp(self.record_visits(lists, b))
            })
            .then_with(|| {
                let (fa, fb) = (
                    super::explain::finding(self, lists, a),
                    super::explain::finding(self, lists, b),
                );
                fa.sessions
                    .cmp(&fb.sessions)
                    .then(fa.people.cmp(&fb.people))
            })
    }
}

/// Where the rules put their records: severities applied, counted by severity, and at
/// most `limit` listed per rule (the first ones in report order; the others counted).
pub(crate) struct Sink<'c> {
    ctx: &'c Ctx,
    records: Vec<Record>,
    lists: Vec<u32>,
    counts: Counts,
    omitted: Vec<(RuleCode, u64)>,
    limit: usize,
    /// Where the current rule's records start, how many it has found, its severity
    /// override, and the length at which the records beyond the limit are dropped.
    start: usize,
    found: u64,
    severity: Option<Severity>,
    flush_at: usize,
    /// Whether the records pushed so far came in report order (each key above the one
    /// before), and the last key: checked as each record arrives, while it is in
    /// cache, so that a check whose rules find their records in order needs no second
    /// pass over them (205,000 records, 8 MB, in criterion's `dense`).
    in_order: bool,
    last_key: Option<(NaiveDate, RuleCode, u64, u64)>,
}

impl<'c> Sink<'c> {
    fn new(ctx: &'c Ctx) -> Self {
        let limit = ctx
            .opts
            .max_findings_per_rule
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        Sink {
            ctx,
            records: Vec::new(),
            lists: Vec::new(),
            counts: Counts::default(),
            omitted: Vec::new(),
            limit,
            start: 0,
            found: 0,
            severity: None,
            flush_at: usize::MAX,
            in_order: true,
            last_key: None,
        }
    }

    /// Adds a finding.
    pub fn push(&mut self, mut r: Record) {
        if let Some(s) = self.severity {
            r.severity = s;
        }
        self.counts.add(r.severity, 1);
        self.found += 1;
        if self.in_order {
            let key = self.ctx.order_key(&self.lists, &r);
            self.in_order = self.last_key.is_none_or(|k| k < key);
            self.last_key = Some(key);
        }
        self.records.push(r);
        if self.records.len() >= self.flush_at {
            self.keep_first();
        }
    }

    /// Makes room for `n` more records at once (no more than the current rule may keep
    /// before its records are cut to the limit), for a rule that knows how many it will
    /// push: the records are then allocated once rather than grown and copied.
    pub fn reserve(&mut self, n: usize) {
        let room = self.flush_at.saturating_sub(self.records.len());
        self.records.reserve(n.min(room));
    }

    /// How many records the current rule may list ([`CheckOptions::max_findings_per_rule`];
    /// `usize::MAX` without a limit). A rule that finds its records in report order
    /// makes no more than these and counts the rest with [`Sink::skip`].
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Counts `n` more findings of rule `code` that are not listed: a rule that finds its
    /// records in report order tells so once it has pushed [`Sink::limit`] of them.
    pub fn skip(&mut self, code: RuleCode, n: usize) {
        let severity = self.severity.unwrap_or_else(|| code.default_severity());
        self.counts.add(severity, n);
        self.found += n as u64;
    }

    /// Keeps `items` in the shared list; returns the range to put in a record.
    pub fn list(&mut self, items: impl IntoIterator<Item = usize>) -> (u32, u32) {
        let start = self.lists.len();
        self.lists.extend(items.into_iter().map(|i| i as u32));
        (start as u32, (self.lists.len() - start) as u32)
    }

    /// Keeps the current rule's first `limit` records in report order.
    fn keep_first(&mut self) {
        if self.records.len() - self.start > self.limit {
            let mut current = self.records.split_off(self.start);
            self.ctx.sort(&self.lists, &mut current);
            current.truncate(self.limit);
            self.records.append(&mut current);
            // What remains is checked again at the end.
            self.in_order = false;
        }
    }

    fn begin(&mut self, code: RuleCode) {
        self.start = self.records.len();
        self.found = 0;
        self.severity = self.ctx.opts.severities.get(&code).copied();
        // Memory stays at about twice the limit: past that, all but the first `limit`
        // are dropped.
        self.flush_at = self
            .start
            .saturating_add(self.limit.saturating_mul(2).max(1024));
    }

    fn end(&mut self, code: RuleCode) {
        self.keep_first();
        let listed = (self.records.len() - self.start) as u64;
        if self.found > listed {
            self.omitted.push((code, self.found - listed));
        }
    }
}

/// Runs every enabled rule; the report keeps the context to explain its findings.
pub(crate) fn run(
    c: &Campaign,
    sessions: Option<Vec<Session>>,
    opts: &CheckOptions,
) -> Result<Report> {
    let ctx = Arc::new(Ctx::new(c, opts, sessions)?);
    let mut sink = Sink::new(&ctx);
    for rule in RULES.iter().filter(|r| opts.enabled(r.code)) {
        sink.begin(rule.code);
        (rule.check)(&ctx, &mut sink);
        sink.end(rule.code);
    }
    let Sink {
        mut records,
        lists,
        counts,
        omitted,
        limit,
        in_order,
        ..
    } = sink;
    if !in_order {
        ctx.sort(&lists, &mut records);
    }
    let sessions = c.session_count();
    Ok(Report::new(
        Arc::clone(&ctx),
        records,
        lists,
        counts,
        omitted,
        limit as u64,
        sessions,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_table_is_in_code_order() {
        for (rule, code) in RULES.iter().zip(RuleCode::ALL) {
            assert_eq!(rule.code, code);
        }
    }
}

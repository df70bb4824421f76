//! The planning problem in numbers: days of the window, which start days each team may
//! use and why the others are refused, the days between two visits, the weekly cap.
//!
//! Built once from the request and the campaign; the solvers only read it.

use crate::calendar::{HolidayCalendar, SchoolCalendar};
use crate::travel::TravelModel;
use chrono::{Datelike, NaiveDate};

/// Why a day refuses a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// Outside the campaign period or the round's period.
    Period,
    /// Past the end of the window.
    WindowEnd,
    /// Not one of the allowed weekdays.
    Weekday,
    /// A public holiday.
    Holiday,
    /// The day before or after a public holiday, which the request keeps free.
    NextToHoliday,
    /// Blackout `k` of the options.
    Blackout(usize),
    /// A school session on a day that is not a teaching day.
    School,
    /// Absence `k` of the request.
    Absent(usize),
    /// Fixed visit `k` of the campaign holds the team or one of its people.
    Busy(usize),
}

/// A visit already in a team's calendar (a fixed one), in window day indices (which may
/// be negative or past the window).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Held {
    pub start: i64,
    pub end: i64,
    pub county: usize,
    pub visit: usize,
}

/// The last planned visit of a team's sequence, as the next placement needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tail {
    pub county: usize,
    pub end: i64,
    pub week: i64,
    /// Planned visits of the sequence starting in `week`.
    pub count: u32,
}

/// What held a placement back: the visit before it (fixed or planned) or nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Before {
    Start,
    Planned,
    Fixed(usize),
}

pub(crate) struct Problem {
    pub first: NaiveDate,
    /// Days in the window.
    pub days: usize,
    /// Days of a planned visit (the template's).
    pub span: usize,
    /// Counties to place (region indices), in request order.
    pub counties: Vec<usize>,
    /// Per team: the reason each start day is refused (`None`: usable).
    pub refused: Vec<Vec<Option<(usize, Block)>>>,
    /// Per team: the first usable start at or after each day (`days` if none).
    pub next_ok: Vec<Vec<usize>>,
    /// Per team: its fixed visits by start.
    pub held: Vec<Vec<Held>>,
    /// Per team: fixed visits starting in each week (sorted (week, count)).
    pub held_weeks: Vec<Vec<(i64, u32)>>,
    /// Per team: its home county.
    pub home: Vec<Option<usize>>,
    /// Per team: its people (indices).
    pub people: Vec<Vec<usize>>,
    /// Days from the end of a visit in county a to the start of one in county b
    /// (`None`: the travel does not fit any gap), row-major over region indices.
    gaps: Vec<Option<u32>>,
    regions: usize,
    /// Road km between regions, row-major.
    km: Vec<f64>,
    pub week_cap: Option<u32>,
    /// Index of the window's first day's week (weeks from Monday 1 January 1900).
    week0: i64,
    /// Week of day 0 relative offset: days from the week's Monday.
    monday_offset: i64,
}

/// Days from 1 January 1900 (a Monday), for week numbers.
fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - i64::from(crate::limits::FIRST_DAY.num_days_from_ce())
}

pub(crate) struct Inputs<'a> {
    pub first: NaiveDate,
    pub days: usize,
    pub span: usize,
    pub school_days: Vec<bool>,
    pub counties: Vec<usize>,
    pub allowed: [bool; 7],
    pub next_to_holiday: bool,
    pub holidays: &'a HolidayCalendar,
    pub school: &'a SchoolCalendar,
    pub blackouts: &'a [crate::checks::Blackout],
    /// Inclusive ranges the visits must stay in (period, round).
    pub ranges: Vec<crate::campaign::DateRange>,
    /// Per team: (start, end, absence index) of its people's absences.
    pub absences: Vec<Vec<(NaiveDate, NaiveDate, usize)>>,
    /// Per team: fixed visits of the team, and fixed visits of its people elsewhere.
    pub own: Vec<Vec<(NaiveDate, NaiveDate, usize, usize)>>,
    pub busy: Vec<Vec<(NaiveDate, NaiveDate, usize)>>,
    pub home: Vec<Option<usize>>,
    pub people: Vec<Vec<usize>>,
    pub travel: &'a TravelModel,
    pub regions: usize,
    pub rest_days: u32,
    pub week_cap: Option<u32>,
}

impl Problem {
    pub fn new(inp: Inputs<'_>) -> Problem {
        let day = |i: usize| inp.first + chrono::Days::new(i as u64);
        // Why each day refuses a visit, for every visit (general) and for school days.
        let general: Vec<Option<Block>> = (0..inp.days)
            .map(|i| {
                let d = day(i);
                if inp.ranges.iter().any(|r| !r.contains(d)) {
                    Some(Block::Period)
                } else if inp.holidays.get(d).is_some() {
                    Some(Block::Holiday)
                } else if let Some(k) = inp
                    .blackouts
                    .iter()
                    .position(|b| b.start <= d && d <= b.end)
                {
                    Some(Block::Blackout(k))
                } else if !inp.allowed[d.weekday().num_days_from_monday() as usize] {
                    Some(Block::Weekday)
                } else if !inp.next_to_holiday
                    && [d.pred_opt(), d.succ_opt()]
                        .into_iter()
                        .flatten()
                        .any(|n| inp.holidays.get(n).is_some())
                {
                    Some(Block::NextToHoliday)
                } else {
                    None
                }
            })
            .collect();
        let school: Vec<bool> = (0..inp.days)
            .map(|i| inp.school.is_teaching_day(day(i)))
            .collect();
        let teams = inp.own.len();
        let mut refused = Vec::with_capacity(teams);
        let mut next_ok = Vec::with_capacity(teams);
        let mut held = Vec::with_capacity(teams);
        let mut held_weeks = Vec::with_capacity(teams);
        let first_n = day_number(inp.first);
        let index = |d: NaiveDate| (d - inp.first).num_days();
        for t in 0..teams {
            // The team's own blocks, per day.
            let mut team_block: Vec<Option<Block>> = vec![None; inp.days];
            let mut mark = |s: NaiveDate, e: NaiveDate, b: Block| {
                let (lo, hi) = (index(s).max(0), index(e).min(inp.days as i64 - 1));
                for i in lo..=hi {
                    let slot = &mut team_block[i as usize];
                    if slot.is_none() {
                        *slot = Some(b);
                    }
                }
            };
            for &(s, e, v, _) in &inp.own[t] {
                mark(s, e, Block::Busy(v));
            }
            for &(s, e, v) in &inp.busy[t] {
                mark(s, e, Block::Busy(v));
            }
            for &(s, e, k) in &inp.absences[t] {
                mark(s, e, Block::Absent(k));
            }
            let per_start: Vec<Option<(usize, Block)>> = (0..inp.days)
                .map(|s| {
                    (0..inp.span).find_map(|k| {
                        let i = s + k;
                        if i >= inp.days {
                            return Some((k, Block::WindowEnd));
                        }
                        if let Some(b) = general[i] {
                            return Some((k, b));
                        }
                        if inp.school_days[k] && !school[i] {
                            return Some((k, Block::School));
                        }
                        team_block[i].map(|b| (k, b))
                    })
                })
                .collect();
            let mut next = vec![inp.days; inp.days + 1];
            for s in (0..inp.days).rev() {
                next[s] = if per_start[s].is_none() {
                    s
                } else {
                    next[s + 1]
                };
            }
            refused.push(per_start);
            next_ok.push(next);
            let mut h: Vec<Held> = inp.own[t]
                .iter()
                .map(|&(s, e, v, county)| Held {
                    start: index(s),
                    end: index(e),
                    county,
                    visit: v,
                })
                .collect();
            h.sort_by_key(|x| (x.start, x.end, x.visit));
            let mut weeks: Vec<(i64, u32)> = Vec::new();
            for x in &h {
                let w = (first_n + x.start).div_euclid(7);
                match weeks.last_mut() {
                    Some((lw, c)) if *lw == w => *c += 1,
                    _ => weeks.push((w, 1)),
                }
            }
            held.push(h);
            held_weeks.push(weeks);
        }
        let n = inp.regions;
        let mut gaps = vec![None; n * n];
        let mut km = vec![0.0; n * n];
        let limit = inp.days as u32 + inp.span as u32 + 1;
        for a in 0..n {
            for b in 0..n {
                km[a * n + b] = inp.travel.km(a, b);
                let need = if a == b { 0.0 } else { inp.travel.hours(a, b) };
                let travel =
                    (1..=limit).find(|&g| inp.travel.available_hours(i64::from(g)) >= need);
                gaps[a * n + b] = travel.map(|g| g.max(inp.rest_days.saturating_add(1)));
            }
        }
        Problem {
            first: inp.first,
            days: inp.days,
            span: inp.span,
            counties: inp.counties,
            refused,
            next_ok,
            held,
            held_weeks,
            home: inp.home,
            people: inp.people,
            gaps,
            regions: n,
            km,
            week_cap: inp.week_cap,
            week0: first_n.div_euclid(7),
            monday_offset: first_n.rem_euclid(7),
        }
    }

    pub fn teams(&self) -> usize {
        self.refused.len()
    }

    pub fn date(&self, i: i64) -> NaiveDate {
        if i >= 0 {
            self.first + chrono::Days::new(i as u64)
        } else {
            self.first - chrono::Days::new(i.unsigned_abs())
        }
    }

    /// Days from the last day of a visit in `a` to the first day of one in `b`.
    pub fn gap(&self, a: usize, b: usize) -> Option<i64> {
        self.gaps[a * self.regions + b].map(i64::from)
    }

    pub fn km(&self, a: usize, b: usize) -> f64 {
        self.km[a * self.regions + b]
    }

    /// The week (absolute number) of window day `i`.
    pub fn week(&self, i: i64) -> i64 {
        self.week0 + (self.monday_offset + i).div_euclid(7)
    }

    /// The first window day of the week after the one of day `i`.
    fn next_week_start(&self, i: i64) -> i64 {
        (self.week(i) + 1 - self.week0) * 7 - self.monday_offset
    }

    fn held_in_week(&self, team: usize, week: i64) -> u32 {
        let w = &self.held_weeks[team];
        w.binary_search_by_key(&week, |x| x.0).map_or(0, |k| w[k].1)
    }

    /// The fixed visit of `team` that starts last before `s`, if any.
    pub fn held_before(&self, team: usize, s: i64) -> Option<&Held> {
        let h = &self.held[team];
        let k = h.partition_point(|x| x.start < s);
        k.checked_sub(1).map(|k| &h[k])
    }

    /// The fixed visit of `team` that starts first after `s`, if any.
    fn held_after(&self, team: usize, s: i64) -> Option<&Held> {
        let h = &self.held[team];
        let k = h.partition_point(|x| x.start <= s);
        h.get(k)
    }

    /// The visit before a start `s` of `team`: the tail or a fixed visit, the later one.
    pub fn before(
        &self,
        team: usize,
        tail: Option<&Tail>,
        s: i64,
    ) -> (Before, Option<(usize, i64)>) {
        let held = self.held_before(team, s);
        match (tail, held) {
            (Some(t), Some(h)) if h.end > t.end => {
                (Before::Fixed(h.visit), Some((h.county, h.end)))
            }
            (Some(t), _) => (Before::Planned, Some((t.county, t.end))),
            (None, Some(h)) => (Before::Fixed(h.visit), Some((h.county, h.end))),
            (None, None) => (Before::Start, None),
        }
    }

    /// Why start `s` of `team` is refused by the week cap or the fixed visit after it,
    /// given the tail (`None`: it is not).
    pub fn sequence_block(
        &self,
        team: usize,
        tail: Option<&Tail>,
        county: usize,
        s: i64,
    ) -> Option<SeqBlock> {
        if let Some(cap) = self.week_cap {
            let w = self.week(s);
            let planned = tail.filter(|t| t.week == w).map_or(0, |t| t.count);
            if self.held_in_week(team, w) + planned >= cap {
                return Some(SeqBlock::Week);
            }
        }
        if let Some(h) = self.held_after(team, s) {
            let end = s + self.span as i64 - 1;
            match self.gap(county, h.county) {
                Some(g) if end + g <= h.start => {}
                _ => return Some(SeqBlock::NextFixed(h.visit, h.end)),
            }
        }
        None
    }

    /// The earliest start of a visit to `county` by `team` after `tail`, at or after
    /// `from`, with `busy` telling the days other teams took from the team's people.
    /// Returns the start and the county and end of the visit before it.
    pub fn earliest(
        &self,
        team: usize,
        county: usize,
        tail: Option<&Tail>,
        busy: &dyn Fn(usize) -> bool,
    ) -> Option<i64> {
        let mut s: i64 = 0;
        let days = self.days as i64;
        loop {
            if s >= days {
                return None;
            }
            let ok = self.next_ok[team][s as usize] as i64;
            if ok >= days {
                return None;
            }
            s = ok;
            if let Some((c, end)) = self.before(team, tail, s).1 {
                match self.gap(c, county) {
                    Some(g) if s >= end + g => {}
                    Some(g) => {
                        s = end + g;
                        continue;
                    }
                    // Unreachable from that visit: only after the next fixed one.
                    None => match self.held_after(team, end) {
                        Some(h) => {
                            s = h.end + 1;
                            continue;
                        }
                        None => return None,
                    },
                }
            }
            if (0..self.span).any(|k| busy(s as usize + k)) {
                s += 1;
                continue;
            }
            match self.sequence_block(team, tail, county, s) {
                None => return Some(s),
                Some(SeqBlock::Week) => s = self.next_week_start(s),
                Some(SeqBlock::NextFixed(_, end)) => s = end + 1,
            }
        }
    }

    /// The tail after placing `county` at `s` behind `tail`.
    pub fn push(&self, tail: Option<&Tail>, county: usize, s: i64) -> Tail {
        let week = self.week(s);
        let count = match tail {
            Some(t) if t.week == week => t.count + 1,
            _ => 1,
        };
        Tail {
            county,
            end: s + self.span as i64 - 1,
            week,
            count,
        }
    }

    /// Road km into a visit to `county` at `s`: from the visit before it, or from home.
    pub fn km_into(&self, team: usize, tail: Option<&Tail>, county: usize, s: i64) -> f64 {
        match self.before(team, tail, s).1 {
            Some((c, _)) => self.km(c, county),
            None => self.home[team].map_or(0.0, |h| self.km(h, county)),
        }
    }
}

/// A sequence rule that refuses a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeqBlock {
    /// The team's weekly cap is reached.
    Week,
    /// Not enough time before fixed visit `.0` (which ends on day `.1`).
    NextFixed(usize, i64),
}

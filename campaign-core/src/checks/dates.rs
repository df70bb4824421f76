//! Rules about the day a session falls on: holidays, blackouts, weekends, school days.

use super::engine::{Ctx, Sink};
use super::finding::{Record, RuleCode};
use crate::calendar::is_weekend;
use crate::template::Venue;

/// One record per (visit, day) with sessions for which `hit` holds.
fn days_where(
    ctx: &Ctx,
    out: &mut Sink,
    code: RuleCode,
    mut hit: impl FnMut(usize, chrono::NaiveDate) -> bool,
) {
    for g in ctx.day_groups().1 {
        if hit(g.visit, g.day) {
            out.push(Record::new(code, &[g.visit], g.day, g.day));
        }
    }
}

pub(super) fn public_holiday(ctx: &Ctx, out: &mut Sink) {
    days_where(ctx, out, RuleCode::PublicHoliday, |_, day| {
        ctx.holidays.get(day).is_some()
    });
}

pub(super) fn weekend(ctx: &Ctx, out: &mut Sink) {
    days_where(ctx, out, RuleCode::Weekend, |_, day| is_weekend(day));
}

pub(super) fn outside_school_calendar(ctx: &Ctx, out: &mut Sink) {
    // The school calendar first: most days teach, and then no session is looked at.
    days_where(ctx, out, RuleCode::OutsideSchoolCalendar, |visit, day| {
        let sessions = ctx.sessions();
        !ctx.school.is_teaching_day(day)
            && ctx
                .sessions_on(visit, day)
                .iter()
                .any(|&i| ctx.c.view(&sessions[i]).venue() == Venue::School)
    });
}

/// The school sessions (indices) of a visit on a day.
pub(super) fn school_sessions(ctx: &Ctx, visit: usize, day: chrono::NaiveDate) -> Vec<usize> {
    let sessions = ctx.sessions();
    ctx.sessions_on(visit, day)
        .iter()
        .copied()
        .filter(|&i| ctx.c.view(&sessions[i]).venue() == Venue::School)
        .collect()
}

pub(super) fn blackout_date(ctx: &Ctx, out: &mut Sink) {
    for g in ctx.day_groups().1 {
        for (k, b) in ctx.opts.blackouts.iter().enumerate() {
            if b.start <= g.day && g.day <= b.end {
                out.push(Record::new(RuleCode::BlackoutDate, &[g.visit], g.day, g.day).x(k));
            }
        }
    }
}

pub(super) fn holiday_near_visit(ctx: &Ctx, out: &mut Sink) {
    for (i, v) in ctx.c.visits().iter().enumerate() {
        let before = v.first_day.pred_opt().unwrap_or(v.first_day);
        let after = v.last_day.succ_opt().unwrap_or(v.last_day);
        for (day, _) in ctx.holidays.between(before, after) {
            // A holiday with sessions is PUBLIC_HOLIDAY's business.
            if ctx.sessions_on(i, day).is_empty() {
                out.push(Record::new(RuleCode::HolidayNearVisit, &[i], day, day));
            }
        }
    }
}

/// The sessions (indices) of a visit whose timetable a stakeholder sets
/// (`timetable_by`), in day and running order. O(log n + the visit's sessions).
pub(super) fn timetabled_sessions(ctx: &Ctx, visit: usize) -> Vec<usize> {
    let sessions = ctx.sessions();
    let (order, groups) = ctx.day_groups();
    let k = groups.partition_point(|g| g.visit < visit);
    groups[k..]
        .iter()
        .take_while(|g| g.visit == visit)
        .flat_map(|g| order[g.sessions.clone()].iter().copied())
        .filter(|&i| ctx.c.view(&sessions[i]).template.timetable_by.is_some())
        .collect()
}

/// Visits whose stakeholder-set timetable is unconfirmed although the first such
/// session is at most `timetable_notice_days` after `as_of` (and not before it).
pub(super) fn timetable_not_confirmed(ctx: &Ctx, out: &mut Sink) {
    let Some(as_of) = ctx.opts.as_of else {
        return;
    };
    let notice = i64::from(ctx.opts.timetable_notice_days);
    let sessions = ctx.sessions();
    // The first timetabled session of each visit, in one pass over the day groups.
    let (order, groups) = ctx.day_groups();
    let mut first: Vec<Option<chrono::NaiveDate>> = vec![None; ctx.c.visits().len()];
    for g in groups {
        if first[g.visit].is_none()
            && order[g.sessions.clone()]
                .iter()
                .any(|&i| ctx.c.view(&sessions[i]).template.timetable_by.is_some())
        {
            first[g.visit] = Some(g.day);
        }
    }
    for (i, day) in first.into_iter().enumerate() {
        let Some(day) = day else { continue };
        let left = (day - as_of).num_days();
        let confirmed = ctx
            .c
            .written_visit(i)
            .is_some_and(|v| v.timetable_confirmed);
        if !confirmed && (0..=notice).contains(&left) {
            out.push(Record::new(RuleCode::TimetableNotConfirmed, &[i], day, day));
        }
    }
}

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
    hit: impl Fn(usize, chrono::NaiveDate) -> bool,
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
    days_where(ctx, out, RuleCode::OutsideSchoolCalendar, |visit, day| {
        !school_sessions(ctx, visit, day).is_empty()
            && !ctx.school.year_of(day).is_teaching_day(day)
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

//! Coverage of the campaign's counties, visit windows and periods.

use super::engine::{day_key, keyed, option_key, sort_keyed, Ctx, Sink};
use super::finding::{Record, RuleCode, Severity, NO_DAY};
use crate::campaign::DateRange;

pub(super) fn county_repeated(ctx: &Ctx, out: &mut Sink) {
    // The keys themselves are sorted, not indices into the visits: a comparison then
    // reads no visit (10,000 visits: a third of the time).
    let visits = ctx.c.visits();
    let mut order: Vec<u128> = visits
        .iter()
        .enumerate()
        .map(|(i, v)| {
            keyed([
                option_key(v.round),
                v.county as u32,
                day_key(v.first_day),
                i as u32,
            ])
        })
        .collect();
    sort_keyed(&mut order);
    let visit = |k: u128| k as u32 as usize;
    // Groups of one round and county: the same first two parts.
    for group in order.chunk_by(|a, b| a >> 64 == b >> 64) {
        if let [first, .., last] = *group {
            let (first, last) = (visit(first), visit(last));
            let days = (visits[first].first_day, visits[last].first_day);
            let mut r = Record::new(RuleCode::CountyRepeated, &[first], days.0, days.1);
            r.list = out.list(group.iter().map(|&k| visit(k)));
            out.push(r);
        }
    }
}

/// Rounds declared after the last round with a visit: where the missing counties go.
pub(super) fn later_round(ctx: &Ctx) -> Option<usize> {
    let last = ctx.c.visits().iter().filter_map(|v| v.round).max()?;
    (last + 1 < ctx.c.head().rounds.len()).then_some(last + 1)
}

pub(super) fn county_not_covered(ctx: &Ctx, out: &mut Sink) {
    let c = &ctx.c;
    let mut visited = vec![false; c.regions().len()];
    for v in c.visits() {
        visited[v.county] = true;
    }
    let missing: Vec<usize> = c.scope().iter().copied().filter(|&r| !visited[r]).collect();
    if missing.is_empty() {
        return;
    }
    let mut r = Record::new(RuleCode::CountyNotCovered, &[], NO_DAY, NO_DAY);
    r.list = out.list(missing);
    // Left for a later round: a note, not a warning.
    if later_round(ctx).is_some() {
        r.severity = Severity::Info;
    }
    out.push(r);
}

/// Each visit whose window has fewer (`shorter`) or more days than its template.
fn windows(ctx: &Ctx, out: &mut Sink, code: RuleCode, shorter: bool) {
    for (i, v) in ctx.c.visits().iter().enumerate() {
        let need = ctx.c.templates()[v.template].days.len() as i64;
        let have = v.window_days();
        if (shorter && have < need) || (!shorter && have > need) {
            out.push(Record::new(code, &[i], v.first_day, v.first_day));
        }
    }
}

pub(super) fn window_too_short(ctx: &Ctx, out: &mut Sink) {
    windows(ctx, out, RuleCode::WindowTooShort, true);
}

pub(super) fn window_longer(ctx: &Ctx, out: &mut Sink) {
    windows(ctx, out, RuleCode::WindowLonger, false);
}

/// The range a visit must stay within for `code`: the campaign period, or its round's.
pub(super) fn range_of(ctx: &Ctx, code: RuleCode, visit: usize) -> Option<DateRange> {
    match code {
        RuleCode::OutsidePeriod => ctx.c.head().period,
        _ => ctx.c.head().rounds[ctx.c.visits()[visit].round?].period,
    }
}

/// True if the document marks the range `code` checks visit `visit` against as an
/// assumption (`period`, `rounds.<id>.period` or `rounds.<id>` in its provenance).
pub(super) fn range_assumed(ctx: &Ctx, code: RuleCode, visit: usize) -> bool {
    let doc = ctx.c.head();
    let Some(p) = &doc.provenance else {
        return false;
    };
    match code {
        RuleCode::OutsidePeriod => p.assumes("period"),
        _ => ctx.c.visits()[visit]
            .round
            .is_some_and(|k| p.assumes(&format!("rounds.{}", doc.rounds[k].id))),
    }
}

/// The days of visit `visit` outside `range`.
pub(super) fn days_outside(ctx: &Ctx, visit: usize, range: &DateRange) -> Vec<chrono::NaiveDate> {
    let window = ctx.c.visits()[visit].window();
    window.days().filter(|d| !range.contains(*d)).collect()
}

/// One finding per visit with days outside the range `code` gives it.
fn visits_outside(ctx: &Ctx, out: &mut Sink, code: RuleCode) {
    for i in 0..ctx.c.visits().len() {
        let Some(range) = range_of(ctx, code, i) else {
            continue;
        };
        let w = ctx.c.visits()[i].window();
        // Outside a range that is only an assumption: a warning, not an error.
        let push = |out: &mut Sink, mut r: Record| {
            if r.severity == Severity::Error && range_assumed(ctx, code, i) {
                r.severity = Severity::Warning;
            }
            out.push(r);
        };
        // The days outside are a prefix and a suffix of the window.
        let before = w.start < range.start;
        let after = w.end > range.end;
        if w.end < range.start || w.start > range.end {
            push(out, Record::new(code, &[i], w.start, w.end));
        } else if before || after {
            let first = if before {
                w.start
            } else {
                range.end.succ_opt().unwrap_or(w.end)
            };
            let last = if after {
                w.end
            } else {
                range.start.pred_opt().unwrap_or(w.start)
            };
            push(out, Record::new(code, &[i], first, last));
        }
    }
}

pub(super) fn outside_period(ctx: &Ctx, out: &mut Sink) {
    visits_outside(ctx, out, RuleCode::OutsidePeriod);
}

pub(super) fn outside_round(ctx: &Ctx, out: &mut Sink) {
    visits_outside(ctx, out, RuleCode::OutsideRound);
}

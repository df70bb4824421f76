//! Travel time between consecutive visits of one team.

use super::engine::{Ctx, Sink};
use super::finding::{Record, RuleCode};

pub(super) fn travel_time(ctx: &Ctx, out: &mut Sink) {
    let vs = ctx.c.visits();
    for (a, b) in ctx.consecutive_pairs() {
        let (va, vb) = (&vs[a], &vs[b]);
        let gap = (vb.first_day - va.last_day).num_days();
        if gap <= 0 || va.county == vb.county {
            continue; // overlaps are TEAM_OVERLAP's business
        }
        if ctx.travel.hours(va.county, vb.county) > ctx.travel.available_hours(gap) {
            out.push(Record::new(
                RuleCode::TravelTime,
                &[a, b],
                vb.first_day,
                vb.first_day,
            ));
        }
    }
}

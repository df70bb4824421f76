//! Travel time between consecutive visits of one team.

use super::engine::Ctx;
use super::finding::{Details, Finding, RuleCode};
use crate::text::{Dec, Text};

pub(super) fn travel_time(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    for (a, b) in ctx.consecutive_pairs() {
        let (va, vb) = (&c.visits()[a], &c.visits()[b]);
        let gap = (vb.first_day - va.last_day).num_days();
        if gap <= 0 || va.county == vb.county {
            continue; // overlaps are TEAM_OVERLAP's business
        }
        let need = ctx.travel.hours(va.county, vb.county);
        let have = ctx.travel.available_hours(gap);
        if need <= have {
            continue;
        }
        let km = ctx.travel.km(va.county, vb.county);
        let (na, nb) = (ctx.county_name(a), ctx.county_name(b));
        out.push(
            Finding::new(
                RuleCode::TravelTime,
                Text::new(
                    format!(
                        "Nga {na} ({}, mbaron më {}) në {nb} ({}, fillon më {}): rreth {:.0} km, {:.1} orë udhëtim, por ka vetëm {:.1} orë në dispozicion.",
                        va.id, va.last_day, vb.id, vb.first_day, Dec(km), Dec(need), Dec(have)
                    ),
                    format!(
                        "From {na} ({}, ends {}) to {nb} ({}, starts {}): about {:.0} km, {:.1} h of travel, but only {:.1} h are available.",
                        va.id, va.last_day, vb.id, vb.first_day, Dec(km), Dec(need), Dec(have)
                    ),
                ),
            )
            .visits(c, &[a, b])
            .days([vb.first_day])
            .details(Details::Travel { km: (km * 10.0).round() / 10.0, hours_needed: (need * 100.0).round() / 100.0, hours_available: have, gap_days: gap }),
        );
    }
}

//! Participant thresholds at risk and material stock.

use super::engine::{Ctx, Sink};
use super::finding::{Record, RuleCode};

pub(super) fn threshold_at_risk(ctx: &Ctx, out: &mut Sink) {
    for (i, s) in ctx.sessions().iter().enumerate() {
        // The session's own figure first: most sessions plan none, and then their
        // template is not looked up.
        let Some(planned) = s.planned_participants else {
            continue;
        };
        let Some(rule) = ctx.c.view(s).template.rule else {
            continue;
        };
        if planned < rule.minimum() {
            let visit = s.visit as usize;
            out.push(Record::new(RuleCode::ThresholdAtRisk, &[visit], s.day, s.day).x(i));
        }
    }
}

/// Each material's planned use, session by session in date order: the session where the
/// stock runs out (if it does) and the total planned.
pub(super) fn material_use(ctx: &Ctx, material: usize) -> (Option<usize>, u64) {
    let sessions = ctx.sessions();
    let m = &ctx.c.head().materials[material];
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    order.sort_by_key(|&i| (sessions[i].day, sessions[i].visit, i));
    let mut used: u64 = 0;
    let mut crossing = None;
    for i in order {
        let q = ctx
            .c
            .view(&sessions[i])
            .template
            .materials
            .get(&m.id)
            .copied()
            .unwrap_or(0);
        used = used.saturating_add(q);
        if used > m.stock && crossing.is_none() && q > 0 {
            crossing = Some(i);
        }
    }
    (crossing, used)
}

pub(super) fn material_shortage(ctx: &Ctx, out: &mut Sink) {
    let sessions = ctx.sessions();
    for material in 0..ctx.c.head().materials.len() {
        let (Some(i), used) = material_use(ctx, material) else {
            continue;
        };
        let s = &sessions[i];
        let r = Record::new(
            RuleCode::MaterialShortage,
            &[s.visit as usize],
            s.day,
            s.day,
        );
        out.push(r.x(material).y(used));
    }
}

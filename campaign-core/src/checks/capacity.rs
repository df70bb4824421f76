//! Participant thresholds at risk and material stock.

use super::engine::Ctx;
use super::finding::{Details, Finding, RuleCode};
use crate::text::Text;

pub(super) fn threshold_at_risk(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    for s in ctx.sessions {
        let view = c.view(s);
        let (Some(rule), Some(planned)) = (view.template.rule, s.planned_participants) else {
            continue;
        };
        let min = rule.minimum();
        if planned >= min {
            continue;
        }
        let described = rule.describe();
        let (rsq, ren) = (&described.sq, &described.en);
        let visit = s.visit as usize;
        let name = ctx.county_name(visit);
        let mut f = Finding::new(
            RuleCode::ThresholdAtRisk,
            Text::new(
                format!(
                    "{} në {name} kërkon {rsq} pjesëmarrës, por janë ftuar vetëm {planned}.",
                    view.template.title.sq
                ),
                format!(
                    "{} in {name} needs {ren} participants but only {planned} are invited.",
                    view.template.title.en
                ),
            ),
        )
        .visits(c, &[visit])
        .days([s.day])
        .details(Details::Participants {
            rule,
            planned,
            short_by: min - planned,
        });
        f.sessions.push(c.session_ref(s));
        out.push(f);
    }
}

pub(super) fn material_shortage(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let mut order: Vec<usize> = (0..ctx.sessions.len()).collect();
    order.sort_by_key(|&i| (ctx.sessions[i].day, ctx.sessions[i].visit, i));
    for m in &c.document().materials {
        let mut used: u64 = 0;
        let mut crossing = None;
        for &i in &order {
            let s = &ctx.sessions[i];
            let q = c
                .view(s)
                .template
                .materials
                .get(&m.id)
                .copied()
                .unwrap_or(0);
            if q == 0 {
                continue;
            }
            used = used.saturating_add(q);
            if used > m.stock && crossing.is_none() {
                crossing = Some(i);
            }
        }
        let Some(i) = crossing else { continue };
        let s = &ctx.sessions[i];
        let visit = s.visit as usize;
        let name = ctx.county_name(visit);
        let mut f = Finding::new(
            RuleCode::MaterialShortage,
            Text::new(
                format!(
                    "{}: planifikohen {used} copë, por gjendja është {}; mbarojnë më {} në {name} ({}).",
                    m.label.sq, m.stock, s.day, c.visits()[visit].id
                ),
                format!(
                    "{}: {used} planned but only {} in stock; they run out on {} in {name} ({}).",
                    m.label.en, m.stock, s.day, c.visits()[visit].id
                ),
            ),
        )
        .visits(c, &[visit])
        .days([s.day])
        .details(Details::Material { material: m.id.clone(), planned: used, stock: m.stock, short_by: used - m.stock });
        f.sessions.push(c.session_ref(s));
        out.push(f);
    }
}

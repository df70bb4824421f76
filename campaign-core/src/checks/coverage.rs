//! Coverage of the campaign's counties, visit windows and periods.

use super::engine::Ctx;
use super::finding::{Details, Finding, RuleCode, Severity};
use crate::campaign::DateRange;
use crate::text::Text;

pub(super) fn county_repeated(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let mut order: Vec<usize> = (0..c.visits().len()).collect();
    let key = |i: usize| (c.visits()[i].round, c.visits()[i].county);
    order.sort_by_key(|&i| (key(i), c.visits()[i].first_day, i));
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && key(order[end]) == key(order[start]) {
            end += 1;
        }
        if end - start > 1 {
            let group: Vec<usize> = order[start..end].to_vec();
            let v0 = &c.visits()[group[0]];
            let name = ctx.county_name(group[0]);
            let round = v0.round.map(|r| c.document().rounds[r].id.clone());
            let ids: Vec<&str> = group.iter().map(|&i| c.visits()[i].id.as_str()).collect();
            let (rsq, ren) = match &round {
                Some(r) => (format!(" në raundin {r}"), format!(" in round {r}")),
                None => (String::new(), String::new()),
            };
            out.push(
                Finding::new(
                    RuleCode::CountyRepeated,
                    Text::new(
                        format!(
                            "{name} vizitohet {} herë{rsq}: {}.",
                            group.len(),
                            ids.join(", ")
                        ),
                        format!(
                            "{name} is visited {} times{ren}: {}.",
                            group.len(),
                            ids.join(", ")
                        ),
                    ),
                )
                .visits(c, &group)
                .days(group.iter().map(|&i| c.visits()[i].first_day))
                .details(Details::Repeated {
                    round,
                    count: group.len(),
                }),
            );
        }
        start = end;
    }
}

pub(super) fn county_not_covered(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let mut visited = vec![false; c.regions().len()];
    for v in c.visits() {
        visited[v.county] = true;
    }
    let missing: Vec<usize> = c.scope().iter().copied().filter(|&r| !visited[r]).collect();
    if missing.is_empty() {
        return;
    }
    // Rounds declared after the last scheduled visit are where the missing counties go.
    let last_round = c.visits().iter().filter_map(|v| v.round).max();
    let later: Vec<&str> = c
        .document()
        .rounds
        .iter()
        .enumerate()
        .filter(|(i, _)| last_round.is_some_and(|l| *i > l))
        .map(|(_, r)| r.id.as_str())
        .collect();
    let regions = c.regions().regions();
    let names: Vec<&str> = missing
        .iter()
        .map(|&r| regions[r].name_sq.as_str())
        .collect();
    let n = missing.len();
    let (sq, en, severity) = match later.first() {
        Some(r) => (
            format!("{n} qarqe mbeten për raundin {r}: {}.", names.join(", ")),
            format!("{n} counties are left for round {r}: {}.", names.join(", ")),
            Severity::Info,
        ),
        None => (
            format!("{n} qarqe nuk kanë asnjë vizitë: {}.", names.join(", ")),
            format!("{n} counties have no visit: {}.", names.join(", ")),
            Severity::Warning,
        ),
    };
    let mut f =
        Finding::new(RuleCode::CountyNotCovered, Text::new(sq, en)).details(Details::NotCovered {
            missing: missing.iter().map(|&r| regions[r].code.clone()).collect(),
            next_round: later.first().map(|r| r.to_string()),
        });
    f.severity = severity;
    f.counties = missing.iter().map(|&r| regions[r].code.clone()).collect();
    out.push(f);
}

/// Each visit with its window in days and its template's days.
fn windows<'c>(ctx: &'c Ctx) -> impl Iterator<Item = (usize, i64, i64)> + 'c {
    ctx.c.visits().iter().enumerate().map(|(i, v)| {
        let need = ctx.c.templates()[v.template].days.len() as i64;
        (i, v.window_days(), need)
    })
}

pub(super) fn window_too_short(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    for (i, have, need) in windows(ctx).filter(|(_, have, need)| have < need) {
        let v = &c.visits()[i];
        let tpl = &c.templates()[v.template];
        let name = ctx.county_name(i);
        let window = DateRange::new(v.first_day, v.last_day);
        out.push(
            Finding::new(
                RuleCode::WindowTooShort,
                Text::new(
                    format!("Vizita në {name} ({}) ka {have} ditë ({window}), por programi \"{}\" kërkon {need}.", v.id, tpl.name.sq),
                    format!("The visit to {name} ({}) has {have} day(s) ({window}) but template \"{}\" needs {need}.", v.id, tpl.name.en),
                ),
            )
            .visits(c, &[i])
            .days([v.first_day])
            .details(Details::Window { window_days: have, template_days: need }),
        );
    }
}

pub(super) fn window_longer(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    for (i, have, need) in windows(ctx).filter(|(_, have, need)| have > need) {
        let v = &c.visits()[i];
        let name = ctx.county_name(i);
        let window = DateRange::new(v.first_day, v.last_day);
        out.push(
            Finding::new(
                RuleCode::WindowLonger,
                Text::new(
                    format!("Vizita në {name} ({}) zgjat {have} ditë ({window}) për një program {need}-ditor; {} ditë rezervë.", v.id, have - need),
                    format!("The visit to {name} ({}) spans {have} days ({window}) for a {need}-day template; {} spare day(s).", v.id, have - need),
                ),
            )
            .visits(c, &[i])
            .days([v.first_day])
            .details(Details::Window { window_days: have, template_days: need }),
        );
    }
}

/// One finding per visit with days outside the range `range_of` gives it; that range
/// comes with the finding's details and how the messages name it.
fn visits_outside(
    ctx: &Ctx,
    out: &mut Vec<Finding>,
    code: RuleCode,
    range_of: impl Fn(usize) -> Option<(DateRange, Details, Text)>,
) {
    let c = ctx.c;
    for (i, v) in c.visits().iter().enumerate() {
        let Some((range, details, what)) = range_of(i) else {
            continue;
        };
        let days: Vec<_> = v.window().days().filter(|d| !range.contains(*d)).collect();
        if days.is_empty() {
            continue;
        }
        let (name, id) = (ctx.county_name(i), &v.id);
        let message = Text::new(
            format!("Vizita në {name} ({id}) del jashtë {} ({range}).", what.sq),
            format!(
                "The visit to {name} ({id}) falls outside {} ({range}).",
                what.en
            ),
        );
        out.push(
            Finding::new(code, message)
                .visits(c, &[i])
                .days(days)
                .details(details),
        );
    }
}

pub(super) fn outside_period(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(period) = ctx.c.document().period else {
        return;
    };
    visits_outside(ctx, out, RuleCode::OutsidePeriod, |_| {
        let what = Text::new("periudhës së fushatës", "the campaign period");
        Some((period, Details::Period { period }, what))
    });
}

pub(super) fn outside_round(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    visits_outside(ctx, out, RuleCode::OutsideRound, |i| {
        let round = &c.document().rounds[c.visits()[i].round?];
        let period = round.period?;
        let details = Details::RoundPeriod {
            round: round.id.clone(),
            period,
        };
        let what = Text::new(
            format!("raundit {}", round.id),
            format!("round {}", round.id),
        );
        Some((period, details, what))
    });
}

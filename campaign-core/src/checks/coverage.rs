//! Coverage of the campaign's counties, visit windows and periods.

use super::overlap::{county_name, days_between, days_text};
use super::{fmt_range, Ctx, Details, Finding, RuleCode, Severity};
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
            let name = county_name(ctx, group[0]);
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

pub(super) fn windows(ctx: &Ctx, out: &mut Vec<Finding>, short: bool, longer: bool) {
    let c = ctx.c;
    for (i, v) in c.visits().iter().enumerate() {
        let tpl = &c.templates()[v.template];
        let need = tpl.days.len() as i64;
        let have = (v.last_day - v.first_day).num_days() + 1;
        let name = county_name(ctx, i);
        let window = days_text(v.first_day, v.last_day);
        if have < need && short {
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
        } else if have > need && longer {
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
}

pub(super) fn periods(ctx: &Ctx, out: &mut Vec<Finding>, period: bool, round: bool) {
    let c = ctx.c;
    let doc = c.document();
    for (i, v) in c.visits().iter().enumerate() {
        let name = county_name(ctx, i);
        let outside = |r: &crate::campaign::DateRange| {
            days_between(v.first_day, v.last_day)
                .filter(|d| !r.contains(*d))
                .collect::<Vec<_>>()
        };
        if let (true, Some(p)) = (period, &doc.period) {
            let days = outside(p);
            if !days.is_empty() {
                out.push(
                    Finding::new(
                        RuleCode::OutsidePeriod,
                        Text::new(
                            format!(
                                "Vizita në {name} ({}) del jashtë periudhës së fushatës ({}).",
                                v.id,
                                fmt_range(p)
                            ),
                            format!(
                                "The visit to {name} ({}) falls outside the campaign period ({}).",
                                v.id,
                                fmt_range(p)
                            ),
                        ),
                    )
                    .visits(c, &[i])
                    .days(days)
                    .details(Details::Period { period: *p }),
                );
            }
        }
        if let (true, Some(r)) = (round, v.round) {
            let rd = &doc.rounds[r];
            if let Some(p) = &rd.period {
                let days = outside(p);
                if !days.is_empty() {
                    out.push(
                        Finding::new(
                            RuleCode::OutsideRound,
                            Text::new(
                                format!(
                                    "Vizita në {name} ({}) del jashtë raundit {} ({}).",
                                    v.id,
                                    rd.id,
                                    fmt_range(p)
                                ),
                                format!(
                                    "The visit to {name} ({}) falls outside round {} ({}).",
                                    v.id,
                                    rd.id,
                                    fmt_range(p)
                                ),
                            ),
                        )
                        .visits(c, &[i])
                        .days(days)
                        .details(Details::RoundPeriod {
                            round: rd.id.clone(),
                            period: *p,
                        }),
                    );
                }
            }
        }
    }
}

//! Rules about the day a session falls on: holidays, blackouts, weekends, school days.

use super::overlap::county_name;
use super::{Ctx, Details, Finding, RuleCode};
use crate::calendar::{is_weekend, SchoolYear};
use crate::template::Venue;
use crate::text::Text;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

pub(super) fn day_rules(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let on = |r| ctx.opts.enabled(r);
    let (holiday, blackout, weekend, school) = (
        on(RuleCode::PublicHoliday),
        on(RuleCode::BlackoutDate),
        on(RuleCode::Weekend),
        on(RuleCode::OutsideSchoolCalendar),
    );
    let mut order: Vec<usize> = (0..ctx.sessions.len()).collect();
    order.sort_by_key(|&i| (ctx.sessions[i].visit, ctx.sessions[i].day, i));
    let mut years: HashMap<i32, SchoolYear> = HashMap::new();
    let mut start = 0;
    while start < order.len() {
        let s0 = &ctx.sessions[order[start]];
        let mut end = start + 1;
        while end < order.len()
            && ctx.sessions[order[end]].visit == s0.visit
            && ctx.sessions[order[end]].day == s0.day
        {
            end += 1;
        }
        let group = &order[start..end];
        let (visit, day) = (s0.visit as usize, s0.day);
        let refs = || {
            group
                .iter()
                .map(|&i| c.session_ref(&ctx.sessions[i]))
                .collect::<Vec<_>>()
        };
        let name = county_name(ctx, visit);
        let vid = &c.visits()[visit].id;
        if holiday {
            if let Some(hs) = ctx.holidays.get(day) {
                let sq: Vec<&str> = hs.iter().map(|h| h.name.sq.as_str()).collect();
                let en: Vec<&str> = hs.iter().map(|h| h.name.en.as_str()).collect();
                let mut f = Finding::new(
                    RuleCode::PublicHoliday,
                    Text::new(
                        format!("{} seanca të vizitës në {name} ({vid}) bien më {day}, ditë feste zyrtare: {}.", group.len(), sq.join(", ")),
                        format!("{} session(s) of the visit to {name} ({vid}) fall on {day}, a public holiday: {}.", group.len(), en.join(", ")),
                    ),
                )
                .visits(c, &[visit])
                .days([day])
                .details(Details::Holidays { holidays: hs.to_vec() });
                f.sessions = refs();
                out.push(f);
            }
        }
        if blackout {
            for b in ctx
                .opts
                .blackouts
                .iter()
                .filter(|b| b.start <= day && day <= b.end)
            {
                let mut f = Finding::new(
                    RuleCode::BlackoutDate,
                    Text::new(
                        format!("Vizita në {name} ({vid}) ka seanca më {day}, ditë e bllokuar: {}.", b.reason.sq),
                        format!("The visit to {name} ({vid}) has sessions on {day}, a blackout date: {}.", b.reason.en),
                    ),
                )
                .visits(c, &[visit])
                .days([day])
                .details(Details::Blackout { blackout: b.clone() });
                f.sessions = refs();
                out.push(f);
            }
        }
        if weekend && is_weekend(day) {
            let (dsq, den) = if day.weekday() == chrono::Weekday::Sat {
                ("e shtunë", "Saturday")
            } else {
                ("e diel", "Sunday")
            };
            let mut f = Finding::new(
                RuleCode::Weekend,
                Text::new(
                    format!("Vizita në {name} ({vid}) ka seanca më {day}, {dsq}.",),
                    format!("The visit to {name} ({vid}) has sessions on {day}, a {den}."),
                ),
            )
            .visits(c, &[visit])
            .days([day]);
            f.sessions = refs();
            out.push(f);
        }
        if school {
            let school_sessions: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&i| c.view(&ctx.sessions[i]).venue() == Venue::School)
                .collect();
            if !school_sessions.is_empty() {
                let sy_key = if day.month() >= 8 {
                    day.year()
                } else {
                    day.year() - 1
                };
                let sy = years
                    .entry(sy_key)
                    .or_insert_with(|| ctx.school.year_of(day));
                if !sy.is_teaching_day(day) {
                    let why = why_not_teaching(sy, day);
                    let mut f = Finding::new(
                        RuleCode::OutsideSchoolCalendar,
                        Text::new(
                            format!("{} seanca në shkolla të vizitës në {name} ({vid}) bien më {day}, kur shkollat nuk kanë mësim ({}).", school_sessions.len(), why.0),
                            format!("{} school session(s) of the visit to {name} ({vid}) fall on {day}, when schools are closed ({}).", school_sessions.len(), why.1),
                        ),
                    )
                    .visits(c, &[visit])
                    .days([day])
                    .details(Details::SchoolYear { school_year: sy.clone() });
                    f.sessions = school_sessions
                        .iter()
                        .map(|&i| c.session_ref(&ctx.sessions[i]))
                        .collect();
                    out.push(f);
                }
            }
        }
        start = end;
    }
}

fn why_not_teaching(sy: &SchoolYear, day: NaiveDate) -> (String, String) {
    if day < sy.start {
        (
            format!("viti shkollor fillon më {}", sy.start),
            format!("the school year starts on {}", sy.start),
        )
    } else if day > sy.end {
        (
            format!("viti shkollor mbaron më {}", sy.end),
            format!("the school year ends on {}", sy.end),
        )
    } else {
        let b = sy
            .breaks
            .iter()
            .find(|b| b.contains(day))
            .expect("a break contains the day");
        (
            format!("pushime {} – {}", b.start, b.end),
            format!("school break {} – {}", b.start, b.end),
        )
    }
}

pub(super) fn holiday_near_visit(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let mut session_days: Vec<(u32, NaiveDate)> =
        ctx.sessions.iter().map(|s| (s.visit, s.day)).collect();
    session_days.sort_unstable();
    session_days.dedup();
    for (i, v) in c.visits().iter().enumerate() {
        let (Some(before), Some(after)) = (v.first_day.pred_opt(), v.last_day.succ_opt()) else {
            continue;
        };
        for day in before.iter_days().take_while(|d| *d <= after) {
            if session_days.binary_search(&(i as u32, day)).is_ok() {
                continue; // PUBLIC_HOLIDAY reports it
            }
            let Some(hs) = ctx.holidays.get(day) else {
                continue;
            };
            let name = county_name(ctx, i);
            let (wsq, wen) = if day < v.first_day {
                ("një ditë para", "the day before")
            } else if day > v.last_day {
                ("një ditë pas", "the day after")
            } else {
                ("brenda", "within")
            };
            let sq: Vec<&str> = hs.iter().map(|h| h.name.sq.as_str()).collect();
            let en: Vec<&str> = hs.iter().map(|h| h.name.en.as_str()).collect();
            out.push(
                Finding::new(
                    RuleCode::HolidayNearVisit,
                    Text::new(
                        format!("{day} ({}) bie {wsq} vizitës në {name} ({}); asnjë seancë nuk preket, por data nuk mund të shtyhet atje.", sq.join(", "), v.id),
                        format!("{day} ({}) is {wen} the visit to {name} ({}); no session is affected, but the visit cannot slip onto it.", en.join(", "), v.id),
                    ),
                )
                .visits(c, &[i])
                .days([day])
                .details(Details::Holidays { holidays: hs.to_vec() }),
            );
        }
    }
}

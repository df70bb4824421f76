//! Rules about the day a session falls on: holidays, blackouts, weekends, school days.

use super::engine::{Ctx, DayGroup};
use super::finding::{Details, Finding, RuleCode};
use crate::calendar::{is_weekend, SchoolYear};
use crate::template::Venue;
use crate::text::Text;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// A finding about the sessions `sessions` (indices into the context's sessions) of one
/// visit on one day.
fn day_finding(
    ctx: &Ctx,
    code: RuleCode,
    g: &DayGroup,
    sessions: &[usize],
    message: Text,
) -> Finding {
    let mut f = Finding::new(code, message)
        .visits(ctx.c, &[g.visit])
        .days([g.day]);
    f.sessions = sessions
        .iter()
        .map(|&i| ctx.c.session_ref(&ctx.sessions[i]))
        .collect();
    f
}

pub(super) fn public_holiday(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (order, groups) = ctx.day_groups();
    for g in groups {
        let Some(hs) = ctx.holidays.get(g.day) else {
            continue;
        };
        let (name, vid, day, n) = (
            ctx.county_name(g.visit),
            &ctx.c.visits()[g.visit].id,
            g.day,
            g.sessions.len(),
        );
        let sq: Vec<&str> = hs.iter().map(|h| h.name.sq.as_str()).collect();
        let en: Vec<&str> = hs.iter().map(|h| h.name.en.as_str()).collect();
        let message = Text::new(
            format!("{n} seanca të vizitës në {name} ({vid}) bien më {day}, ditë feste zyrtare: {}.", sq.join(", ")),
            format!("{n} session(s) of the visit to {name} ({vid}) fall on {day}, a public holiday: {}.", en.join(", ")),
        );
        out.push(
            day_finding(
                ctx,
                RuleCode::PublicHoliday,
                g,
                &order[g.sessions.clone()],
                message,
            )
            .details(Details::Holidays {
                holidays: hs.to_vec(),
            }),
        );
    }
}

pub(super) fn blackout_date(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (order, groups) = ctx.day_groups();
    for g in groups {
        let (name, vid, day) = (ctx.county_name(g.visit), &ctx.c.visits()[g.visit].id, g.day);
        for b in ctx
            .opts
            .blackouts
            .iter()
            .filter(|b| b.start <= day && day <= b.end)
        {
            let message = Text::new(
                format!(
                    "Vizita në {name} ({vid}) ka seanca më {day}, ditë e bllokuar: {}.",
                    b.reason.sq
                ),
                format!(
                    "The visit to {name} ({vid}) has sessions on {day}, a blackout date: {}.",
                    b.reason.en
                ),
            );
            out.push(
                day_finding(
                    ctx,
                    RuleCode::BlackoutDate,
                    g,
                    &order[g.sessions.clone()],
                    message,
                )
                .details(Details::Blackout {
                    blackout: b.clone(),
                }),
            );
        }
    }
}

pub(super) fn weekend(ctx: &Ctx, out: &mut Vec<Finding>) {
    let (order, groups) = ctx.day_groups();
    for g in groups.iter().filter(|g| is_weekend(g.day)) {
        let (name, vid, day) = (ctx.county_name(g.visit), &ctx.c.visits()[g.visit].id, g.day);
        let (dsq, den) = if day.weekday() == chrono::Weekday::Sat {
            ("e shtunë", "Saturday")
        } else {
            ("e diel", "Sunday")
        };
        let message = Text::new(
            format!("Vizita në {name} ({vid}) ka seanca më {day}, {dsq}."),
            format!("The visit to {name} ({vid}) has sessions on {day}, a {den}."),
        );
        out.push(day_finding(
            ctx,
            RuleCode::Weekend,
            g,
            &order[g.sessions.clone()],
            message,
        ));
    }
}

pub(super) fn outside_school_calendar(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let (order, groups) = ctx.day_groups();
    let mut years: HashMap<i32, SchoolYear> = HashMap::new();
    for g in groups {
        let school: Vec<usize> = order[g.sessions.clone()]
            .iter()
            .copied()
            .filter(|&i| c.view(&ctx.sessions[i]).venue() == Venue::School)
            .collect();
        if school.is_empty() {
            continue;
        }
        let day = g.day;
        let key = if day.month() >= 8 {
            day.year()
        } else {
            day.year() - 1
        };
        let sy = years.entry(key).or_insert_with(|| ctx.school.year_of(day));
        if sy.is_teaching_day(day) {
            continue;
        }
        let why = why_not_teaching(sy, day);
        let (name, vid, n) = (
            ctx.county_name(g.visit),
            &c.visits()[g.visit].id,
            school.len(),
        );
        let message = Text::new(
            format!("{n} seanca në shkolla të vizitës në {name} ({vid}) bien më {day}, kur shkollat nuk kanë mësim ({}).", why.sq),
            format!("{n} school session(s) of the visit to {name} ({vid}) fall on {day}, when schools are closed ({}).", why.en),
        );
        out.push(
            day_finding(ctx, RuleCode::OutsideSchoolCalendar, g, &school, message).details(
                Details::SchoolYear {
                    school_year: sy.clone(),
                },
            ),
        );
    }
}

fn why_not_teaching(sy: &SchoolYear, day: NaiveDate) -> Text {
    if day < sy.start {
        Text::new(
            format!("viti shkollor fillon më {}", sy.start),
            format!("the school year starts on {}", sy.start),
        )
    } else if day > sy.end {
        Text::new(
            format!("viti shkollor mbaron më {}", sy.end),
            format!("the school year ends on {}", sy.end),
        )
    } else {
        let b = sy
            .breaks
            .iter()
            .find(|b| b.contains(day))
            .expect("a break contains the day");
        Text::new(
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
            let name = ctx.county_name(i);
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

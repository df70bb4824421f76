//! What a finding says: the visits, sessions, people, counties and days it involves,
//! its machine-readable details and its message in both languages, rendered from the
//! compact [`Record`] only when someone asks.

use super::coverage::{days_outside, later_round, range_of};
use super::dates::school_sessions;
use super::engine::Ctx;
use super::finding::{Details, Finding, Record, RuleCode, NO_DAY};
use crate::campaign::DateRange;
use crate::text::{Dec, Text};
use chrono::{Datelike, NaiveDate};

/// The finding a record stands for.
pub(crate) fn finding(ctx: &Ctx, lists: &[u32], r: &Record) -> Finding {
    let c = &ctx.c;
    let visit_indices: Vec<usize> = ctx
        .record_visits(lists, r)
        .iter()
        .map(|&v| v as usize)
        .collect();
    let mut f = Finding {
        code: r.code,
        severity: r.severity,
        visits: visit_indices
            .iter()
            .map(|&i| c.visit_id(i).to_owned())
            .collect(),
        visit_indices,
        sessions: Vec::new(),
        people: Vec::new(),
        counties: Vec::new(),
        days: Vec::new(),
        message: message(ctx, lists, r),
        details: details(ctx, lists, r),
    };
    for &i in &f.visit_indices {
        let code = &c.regions().regions()[c.visits()[i].county].code;
        if !f.counties.contains(code) {
            f.counties.push(code.clone());
        }
    }
    let refs = |idx: &[usize]| -> Vec<String> {
        let sessions = ctx.sessions();
        idx.iter().map(|&i| c.session_ref(&sessions[i])).collect()
    };
    match r.code {
        RuleCode::TeamOverlap | RuleCode::PersonDoubleBooked => {
            f.days = DateRange::new(r.first, r.last).days().collect();
        }
        RuleCode::CountyRepeated => {
            f.days = f
                .visit_indices
                .iter()
                .map(|&i| c.visits()[i].first_day)
                .collect();
        }
        RuleCode::CountyNotCovered => {
            f.counties = missing(ctx, lists, r)
                .map(|k| c.regions().regions()[k].code.clone())
                .collect();
        }
        RuleCode::OutsidePeriod | RuleCode::OutsideRound => {
            let range = range_of(ctx, r.code, r.a()).expect("a range was checked");
            f.days = days_outside(ctx, r.a(), &range);
        }
        RuleCode::PublicHoliday | RuleCode::BlackoutDate | RuleCode::Weekend => {
            f.sessions = refs(ctx.sessions_on(r.a(), r.first));
            f.days = vec![r.first];
        }
        RuleCode::OutsideSchoolCalendar => {
            f.sessions = refs(&school_sessions(ctx, r.a(), r.first));
            f.days = vec![r.first];
        }
        RuleCode::ThresholdAtRisk => {
            f.sessions = refs(&[r.x as usize]);
            f.days = vec![r.first];
        }
        RuleCode::MaterialShortage => {
            let (crossing, _) = super::capacity::material_use(ctx, r.x as usize);
            f.sessions = refs(&crossing.into_iter().collect::<Vec<_>>());
            f.days = vec![r.first];
        }
        RuleCode::TimetableNotConfirmed => {
            f.sessions = refs(&super::dates::timetabled_sessions(ctx, r.a()));
            f.days = vec![r.first];
        }
        RuleCode::WindowTooShort
        | RuleCode::WindowLonger
        | RuleCode::HolidayNearVisit
        | RuleCode::TravelTime => f.days = vec![r.first],
    }
    if r.code == RuleCode::PersonDoubleBooked {
        f.people.push(c.head().people[r.x as usize].id.clone());
    }
    f
}

/// The counties (region indices) a `COUNTY_NOT_COVERED` record lists.
fn missing<'l>(_ctx: &Ctx, lists: &'l [u32], r: &Record) -> impl Iterator<Item = usize> + 'l {
    let (start, len) = (r.list.0 as usize, r.list.1 as usize);
    lists[start..start + len].iter().map(|&k| k as usize)
}

/// The machine-readable part of a record's finding.
fn details(ctx: &Ctx, lists: &[u32], r: &Record) -> Details {
    let c = &ctx.c;
    let round_id = |k: usize| c.head().rounds[k].id.clone();
    match r.code {
        RuleCode::TeamOverlap => Details::Overlap {
            team: c.visits()[r.a()].team.map(|t| c.head().teams[t].id.clone()),
            overlap_start: r.first,
            overlap_end: r.last,
        },
        RuleCode::PersonDoubleBooked => Details::Person {
            person: c.head().people[r.x as usize].id.clone(),
        },
        RuleCode::CountyRepeated => Details::Repeated {
            round: c.visits()[r.a()].round.map(round_id),
            count: r.list.1 as usize,
        },
        RuleCode::CountyNotCovered => Details::NotCovered {
            missing: missing(ctx, lists, r)
                .map(|k| c.regions().regions()[k].code.clone())
                .collect(),
            next_round: later_round(ctx).map(round_id),
        },
        RuleCode::WindowTooShort | RuleCode::WindowLonger => {
            let v = &c.visits()[r.a()];
            Details::Window {
                window_days: v.window_days(),
                template_days: c.templates()[v.template].days.len() as i64,
            }
        }
        RuleCode::OutsidePeriod => Details::Period {
            period: range_of(ctx, r.code, r.a()).expect("a range was checked"),
        },
        RuleCode::OutsideRound => {
            let round = c.visits()[r.a()].round.expect("a round was checked");
            Details::RoundPeriod {
                round: round_id(round),
                period: range_of(ctx, r.code, r.a()).expect("a range was checked"),
            }
        }
        RuleCode::PublicHoliday | RuleCode::HolidayNearVisit => Details::Holidays {
            holidays: ctx.holidays.get(r.first).unwrap_or_default().to_vec(),
        },
        RuleCode::BlackoutDate => Details::Blackout {
            blackout: ctx.opts.blackouts[r.x as usize].clone(),
        },
        RuleCode::OutsideSchoolCalendar => Details::SchoolYear {
            school_year: ctx.school.year_of(r.first),
        },
        RuleCode::TravelTime => {
            let t = travel(ctx, r);
            Details::Travel {
                km: (t.km * 10.0).round() / 10.0,
                hours_needed: (t.need * 100.0).round() / 100.0,
                hours_available: t.have,
                gap_days: t.gap,
            }
        }
        RuleCode::TimetableNotConfirmed => {
            let as_of = ctx.opts.as_of.expect("the rule runs only with as_of");
            Details::Timetable {
                set_by: timetable_setter(ctx, r.a()).0,
                as_of,
                days_left: (r.first - as_of).num_days(),
                notice_days: ctx.opts.timetable_notice_days,
            }
        }
        RuleCode::ThresholdAtRisk => {
            let (rule, planned) = threshold(ctx, r);
            Details::Participants {
                rule,
                planned,
                short_by: rule.minimum() - planned,
            }
        }
        RuleCode::MaterialShortage => {
            let m = &c.head().materials[r.x as usize];
            Details::Material {
                material: m.id.clone(),
                planned: r.y,
                stock: m.stock,
                short_by: r.y - m.stock,
            }
        }
        RuleCode::Weekend => Details::None,
    }
}

/// The finding that stands for the findings of `code` not listed.
pub(crate) fn omitted(code: RuleCode, severity: super::Severity, n: u64, limit: u64) -> Finding {
    Finding {
        code,
        severity,
        visits: vec![],
        visit_indices: vec![],
        sessions: vec![],
        people: vec![],
        counties: vec![],
        days: vec![],
        message: Text::new(
            format!("Edhe {n} gjetje të tjera {code} nuk renditen (kufiri është {limit} për rregull); numërimet i përfshijnë."),
            format!("{n} more {code} findings are not listed (the limit is {limit} per rule); the counts include them."),
        ),
        details: Details::Omitted { omitted: n, limit },
    }
}

struct Journey {
    km: f64,
    need: f64,
    have: f64,
    gap: i64,
}

fn travel(ctx: &Ctx, r: &Record) -> Journey {
    let (va, vb) = (&ctx.c.visits()[r.a()], &ctx.c.visits()[r.b()]);
    let gap = (vb.first_day - va.last_day).num_days();
    Journey {
        km: ctx.travel.km(va.county, vb.county),
        need: ctx.travel.hours(va.county, vb.county),
        have: ctx.travel.available_hours(gap),
        gap,
    }
}

fn threshold(ctx: &Ctx, r: &Record) -> (crate::ParticipantRule, u32) {
    let s = &ctx.sessions()[r.x as usize];
    let rule = ctx.c.view(s).template.rule.expect("a rule was checked");
    (rule, s.planned_participants.unwrap_or(0))
}

/// The holidays of a day as one list in each language; a date that is an estimate
/// (a Bajram not yet announced) says so.
fn holiday_names(ctx: &Ctx, day: NaiveDate) -> Text {
    let hs = ctx.holidays.get(day).unwrap_or_default();
    // Written in place, without a `String` per holiday to join.
    let join = |f: fn(&crate::calendar::Holiday) -> &str, estimated: &str| {
        let mut out = String::new();
        for (k, h) in hs.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            out.push_str(f(h));
            if h.estimated {
                out.push_str(" (");
                out.push_str(estimated);
                out.push(')');
            }
        }
        out
    };
    Text::new(
        join(|h| &h.name.sq, "datë e vlerësuar"),
        join(|h| &h.name.en, "estimated date"),
    )
}

/// A record's message in both languages.
pub(crate) fn message(ctx: &Ctx, lists: &[u32], r: &Record) -> Text {
    let c = &ctx.c;
    let visit = |k: usize| &c.visits()[k];
    let (name, id) = match r.visits[0] {
        super::finding::NO_VISIT => ("", ""),
        _ => (ctx.county_name(r.a()), c.visit_id(r.a())),
    };
    let day = r.first;
    match r.code {
        RuleCode::TimetableNotConfirmed => {
            let n = super::dates::timetabled_sessions(ctx, r.a()).len();
            let (_, by) = timetable_setter(ctx, r.a());
            let left = ctx.opts.as_of.map_or(0, |a| (r.first - a).num_days());
            Text::new(
                format!("Grafiku i {n} seancave të vizitës në {name} ({id}), që e cakton {}, nuk është konfirmuar {left} ditë para {day}.", by.sq),
                format!("The timetable of {n} session(s) of the visit to {name} ({id}), set by the {}, is not confirmed {left} day(s) before {day}.", by.en),
            )
        }
        RuleCode::TeamOverlap => {
            let days = DateRange::new(r.first, r.last);
            let team = c.team_label(visit(r.a()).team);
            let (nb, idb) = (ctx.county_name(r.b()), c.visit_id(r.b()));
            Text::new(
                format!("Ekipi {team} është planifikuar njëkohësisht në {name} ({id}) dhe në {nb} ({idb}), më {days}."),
                format!("Team {team} is booked in {name} ({id}) and in {nb} ({idb}) at the same time, on {days}."),
            )
        }
        RuleCode::PersonDoubleBooked => {
            let days = DateRange::new(r.first, r.last);
            let person = &c.head().people[r.x as usize].name;
            let (nb, idb) = (ctx.county_name(r.b()), c.visit_id(r.b()));
            Text::new(
                format!("{person} duhet të jetë njëkohësisht në {name} ({id}) dhe në {nb} ({idb}), më {days}."),
                format!("{person} is required in {name} ({id}) and in {nb} ({idb}) at the same time, on {days}."),
            )
        }
        RuleCode::CountyRepeated => {
            let group = ctx.record_visits(lists, r);
            // The first ten ids: a county visited 2,500 times made a 17 KB message (the
            // finding's `visits` still lists every one).
            const SHOWN: usize = 10;
            let ids: Vec<&str> = group
                .iter()
                .take(SHOWN)
                .map(|&i| c.visit_id(i as usize))
                .collect();
            let n = group.len();
            let (more_sq, more_en) = match n.saturating_sub(SHOWN) {
                0 => (String::new(), String::new()),
                k => (format!(" dhe {k} të tjera"), format!(" and {k} more")),
            };
            let ids = ids.join(", ");
            let (rsq, ren) = match visit(r.a()).round {
                Some(k) => {
                    let round = &c.head().rounds[k].id;
                    (format!(" në raundin {round}"), format!(" in round {round}"))
                }
                None => (String::new(), String::new()),
            };
            Text::new(
                format!("{name} vizitohet {n} herë{rsq}: {ids}{more_sq}."),
                format!("{name} is visited {n} times{ren}: {ids}{more_en}."),
            )
        }
        RuleCode::CountyNotCovered => {
            let names: Vec<&str> = missing(ctx, lists, r)
                .map(|k| c.regions().regions()[k].name_sq.as_str())
                .collect();
            let (names, n) = (names.join(", "), names.len());
            match later_round(ctx) {
                Some(k) => {
                    let round = &c.head().rounds[k].id;
                    Text::new(
                        format!("{n} qarqe mbeten për raundin {round}: {names}."),
                        format!("{n} counties are left for round {round}: {names}."),
                    )
                }
                None => Text::new(
                    format!("{n} qarqe nuk kanë asnjë vizitë: {names}."),
                    format!("{n} counties have no visit: {names}."),
                ),
            }
        }
        RuleCode::WindowTooShort | RuleCode::WindowLonger => {
            let v = visit(r.a());
            let tpl = &c.templates()[v.template];
            let (have, need, window) = (v.window_days(), tpl.days.len() as i64, v.window());
            if r.code == RuleCode::WindowTooShort {
                Text::new(
                    format!("Vizita në {name} ({id}) ka {have} ditë ({window}), por programi \"{}\" kërkon {need}.", tpl.name.sq),
                    format!("The visit to {name} ({id}) has {have} day(s) ({window}) but template \"{}\" needs {need}.", tpl.name.en),
                )
            } else {
                // Neutral: the calendar says the visit took longer, not what the extra
                // days held (the press release says only that these visits took three days).
                let extra = have - need;
                Text::new(
                    format!("Vizita në {name} ({id}) zgjat {have} ditë ({window}), {extra} më shumë se programi {need}-ditor; kalendari nuk thotë çfarë përmbajnë ditët shtesë."),
                    format!("The visit to {name} ({id}) spans {have} days ({window}), {extra} more than the {need}-day template; the calendar does not say what the extra day(s) hold."),
                )
            }
        }
        RuleCode::OutsidePeriod | RuleCode::OutsideRound => {
            let range = range_of(ctx, r.code, r.a()).expect("a range was checked");
            let what = match visit(r.a())
                .round
                .filter(|_| r.code == RuleCode::OutsideRound)
            {
                Some(k) => {
                    let round = &c.head().rounds[k].id;
                    Text::new(format!("raundit {round}"), format!("round {round}"))
                }
                None => Text::new("periudhës së fushatës", "the campaign period"),
            };
            let (note_sq, note_en) = if super::coverage::range_assumed(ctx, r.code, r.a()) {
                (
                    " Kjo periudhë është supozim.",
                    " That period is an assumption.",
                )
            } else {
                ("", "")
            };
            Text::new(
                format!(
                    "Vizita në {name} ({id}) del jashtë {} ({range}).{note_sq}",
                    what.sq
                ),
                format!(
                    "The visit to {name} ({id}) falls outside {} ({range}).{note_en}",
                    what.en
                ),
            )
        }
        RuleCode::PublicHoliday => {
            let n = ctx.sessions_on(r.a(), day).len();
            let h = holiday_names(ctx, day);
            Text::new(
                format!("{n} seanca të vizitës në {name} ({id}) bien më {day}, ditë feste zyrtare: {}.", h.sq),
                format!("{n} session(s) of the visit to {name} ({id}) fall on {day}, a public holiday: {}.", h.en),
            )
        }
        RuleCode::HolidayNearVisit => {
            let v = visit(r.a());
            let (wsq, wen) = if day < v.first_day {
                ("një ditë para", "the day before")
            } else if day > v.last_day {
                ("një ditë pas", "the day after")
            } else {
                ("brenda", "within")
            };
            let h = holiday_names(ctx, day);
            Text::new(
                format!("{day} ({}) bie {wsq} vizitës në {name} ({id}); asnjë seancë nuk preket, por data nuk mund të shtyhet atje.", h.sq),
                format!("{day} ({}) is {wen} the visit to {name} ({id}); no session is affected, but the visit cannot slip onto it.", h.en),
            )
        }
        RuleCode::BlackoutDate => {
            let reason = &ctx.opts.blackouts[r.x as usize].reason;
            Text::new(
                format!(
                    "Vizita në {name} ({id}) ka seanca më {day}, ditë e bllokuar: {}.",
                    reason.sq
                ),
                format!(
                    "The visit to {name} ({id}) has sessions on {day}, a blackout date: {}.",
                    reason.en
                ),
            )
        }
        RuleCode::Weekend => {
            let (dsq, den) = if day.weekday() == chrono::Weekday::Sat {
                ("e shtunë", "Saturday")
            } else {
                ("e diel", "Sunday")
            };
            Text::new(
                format!("Vizita në {name} ({id}) ka seanca më {day}, {dsq}."),
                format!("The visit to {name} ({id}) has sessions on {day}, a {den}."),
            )
        }
        RuleCode::OutsideSchoolCalendar => {
            let n = school_sessions(ctx, r.a(), day).len();
            let why = why_not_teaching(&ctx.school.year_of(day), day);
            Text::new(
                format!("{n} seanca në shkolla të vizitës në {name} ({id}) bien më {day}, kur shkollat nuk kanë mësim ({}).", why.sq),
                format!("{n} school session(s) of the visit to {name} ({id}) fall on {day}, when schools are closed ({}).", why.en),
            )
        }
        RuleCode::TravelTime => {
            let (va, vb) = (visit(r.a()), visit(r.b()));
            let (nb, idb) = (ctx.county_name(r.b()), c.visit_id(r.b()));
            let t = travel(ctx, r);
            let (km, need, have) = (Dec(t.km), Dec(t.need), Dec(t.have));
            Text::new(
                format!(
                    "Nga {name} ({id}, mbaron më {}) në {nb} ({}, fillon më {}): rreth {km:.0} km, {need:.1} orë udhëtim, por ka vetëm {have:.1} orë në dispozicion.",
                    va.last_day, idb, vb.first_day
                ),
                format!(
                    "From {name} ({id}, ends {}) to {nb} ({}, starts {}): about {km:.0} km, {need:.1} h of travel, but only {have:.1} h are available.",
                    va.last_day, idb, vb.first_day
                ),
            )
        }
        RuleCode::ThresholdAtRisk => {
            let (rule, planned) = threshold(ctx, r);
            let title = &ctx.c.view(&ctx.sessions()[r.x as usize]).template.title;
            let need = rule.describe();
            Text::new(
                format!(
                    "{} në {name} kërkon {} pjesëmarrës, por janë ftuar vetëm {planned}.",
                    title.sq, need.sq
                ),
                format!(
                    "{} in {name} needs {} participants but only {planned} are invited.",
                    title.en, need.en
                ),
            )
        }
        RuleCode::MaterialShortage => {
            let m = &c.head().materials[r.x as usize];
            let (used, stock) = (r.y, m.stock);
            Text::new(
                format!("{}: planifikohen {used} copë, por gjendja është {stock}; mbarojnë më {day} në {name} ({id}).", m.label.sq),
                format!("{}: {used} planned but only {stock} in stock; they run out on {day} in {name} ({id}).", m.label.en),
            )
        }
    }
}

fn why_not_teaching(sy: &crate::calendar::SchoolYear, day: NaiveDate) -> Text {
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
            .map_or(DateRange::new(day, day), |b| *b);
        Text::new(
            format!("pushime {} – {}", b.start, b.end),
            format!("school break {} – {}", b.start, b.end),
        )
    }
}

/// The day a record is about, if any.
pub(crate) fn day_of(r: &Record) -> Option<NaiveDate> {
    (r.first != NO_DAY).then_some(r.first)
}

/// The stakeholder (audience id and label) that sets the timetable of a visit's
/// timetabled sessions.
fn timetable_setter(ctx: &Ctx, visit: usize) -> (String, Text) {
    let sessions = ctx.sessions();
    let id = super::dates::timetabled_sessions(ctx, visit)
        .first()
        .and_then(|&i| ctx.c.view(&sessions[i]).template.timetable_by.clone())
        .unwrap_or_default();
    let label = ctx
        .c
        .audiences()
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.label.clone())
        .unwrap_or_else(|| Text::new(id.clone(), id.clone()));
    (id, label)
}

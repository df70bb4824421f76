//! The planner: the 2018 counties, the checker as judge, and the exact solver against
//! an exhaustive search on small generated instances.

mod common;

use campaign_core::plan::{PlanRequest, ReasonCode};
use campaign_core::{Campaign, Lang, RuleCode, Severity};
use chrono::{Datelike, NaiveDate};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

#[test]
fn the_six_counties_left_after_2017() {
    let c = Campaign::builtin_2017();
    let request = PlanRequest::from_json(
        r#"{"window": {"start": "2018-01-15", "end": "2018-06-15"},
            "weekdays": ["tuesday", "wednesday", "thursday"], "lang": "en"}"#,
    )
    .unwrap();
    let plan = c.plan(&request).unwrap();
    println!("{}", plan.to_text(Lang::En));
    let names: Vec<&str> = plan.visits.iter().map(|v| v.county.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    // Berat, Fier, Gjirokastër, Lezhë, Tiranë, Vlorë.
    assert_eq!(
        sorted,
        ["AL-01", "AL-04", "AL-05", "AL-08", "AL-11", "AL-12"]
    );
    assert!(plan.unplaced.is_empty());
    let report = plan.campaign.check_with(&request.check).unwrap();
    assert_eq!(report.counts.error, 0, "{}", report.to_text(Lang::En));
    for f in report.findings() {
        assert!(
            !matches!(
                f.code,
                RuleCode::PublicHoliday | RuleCode::Weekend | RuleCode::OutsideSchoolCalendar
            ),
            "{f:?}"
        );
    }
    let fixed = Campaign::builtin_2017();
    assert_eq!(
        &plan.campaign.document().visits[..6],
        &fixed.document().visits[..],
        "the fixed visits are unchanged"
    );
    for v in &plan.visits {
        assert!(v.first_day >= d(2018, 1, 15) && v.last_day <= d(2018, 6, 15));
        for day in [v.first_day, v.last_day] {
            assert!(matches!(
                day.weekday(),
                chrono::Weekday::Tue | chrono::Weekday::Wed | chrono::Weekday::Thu
            ));
        }
    }
    // One team: every visit but the first is held back by the one before it, or by a
    // day the rules refuse; the first starts on the window's first Tuesday.
    assert_eq!(plan.visits[0].first_day, d(2018, 1, 16));
    assert_eq!(plan.visits[0].reason.code, ReasonCode::Weekday);
    assert!(plan.visits[0]
        .reason
        .message
        .en
        .contains("2018-01-15 is a Monday"));
    assert!(plan.optimal);
    let _ = Severity::Error;
}

#[test]
fn a_holiday_is_named_as_the_reason() {
    let c = Campaign::builtin_2017();
    let request = PlanRequest::from_json(
        r#"{"counties": ["Berat"], "window": {"start": "2018-03-13", "end": "2018-04-30"},
            "weekdays": ["tuesday", "wednesday", "thursday"], "lang": "en"}"#,
    )
    .unwrap();
    let plan = c.plan(&request).unwrap();
    let v = &plan.visits[0];
    // 13–14 March: 14 March is Summer Day; Thursday 15 would need Friday 16.
    assert_eq!((v.first_day, v.last_day), (d(2018, 3, 20), d(2018, 3, 21)));
    let en = &v.reason.message.en;
    assert!(en.contains("2018-03-19 is a Monday"), "{en}");
    assert!(
        en.contains("2018-03-14 is a public holiday (Summer Day)"),
        "{en}"
    );
    assert!(v
        .reason
        .message
        .sq
        .contains("2018-03-14 është festë zyrtare"));
    assert!(plan.campaign.document().visits[6]
        .note
        .as_deref()
        .unwrap()
        .starts_with("Proposed by the planner; not earlier: "));
}

#[test]
fn counties_that_do_not_fit_are_reported_with_their_reason() {
    let c = Campaign::builtin_2017();
    // Two weeks in the winter break: no school day for day 2.
    let r = PlanRequest::from_json(
        r#"{"counties": ["Berat", "Fier"], "window": {"start": "2017-12-22", "end": "2018-01-05"}}"#,
    )
    .unwrap();
    let plan = c.plan(&r).unwrap();
    assert!(plan.visits.is_empty());
    assert_eq!(plan.unplaced.len(), 2);
    assert!(plan
        .unplaced
        .iter()
        .all(|u| u.reason.code == ReasonCode::NoDays));
    // One week, one team, Tuesday to Thursday: room for one visit only.
    let r = PlanRequest::from_json(
        r#"{"counties": ["Berat", "Fier"], "window": {"start": "2018-01-16", "end": "2018-01-19"},
            "weekdays": ["tuesday", "wednesday", "thursday"]}"#,
    )
    .unwrap();
    let plan = c.plan(&r).unwrap();
    assert_eq!(plan.visits.len(), 1);
    assert_eq!(plan.unplaced[0].reason.code, ReasonCode::NoTime);
    // Leaflets: 50,000, the six 2017 visits use 16,200, a visit 2,700: 12 more at most.
    let mut doc = c.document().clone();
    doc.materials[0].stock = 16_200 + 2 * 2_700 + 100;
    let plan = Campaign::new(doc)
        .unwrap()
        .plan(
            &PlanRequest::from_json(r#"{"window": {"start": "2018-01-15", "end": "2018-06-15"}}"#)
                .unwrap(),
        )
        .unwrap();
    assert_eq!(plan.visits.len(), 2);
    assert_eq!(plan.unplaced.len(), 4);
    for u in &plan.unplaced {
        assert_eq!(u.reason.code, ReasonCode::MaterialStock);
        common::says(
            &u.reason.message.en,
            "the leaflets left (5500) do not cover another visit (2700 each)",
        );
    }
}

#[test]
fn bad_requests_are_located_errors() {
    let c = Campaign::builtin_2017();
    let cases = [
        (
            r#"{"counties": ["Berat", "Fierr"]}"#,
            "UNKNOWN_COUNTY",
            "$.counties[1]",
        ),
        (
            r#"{"counties": ["Berat", "AL-01"]}"#,
            "INVALID_VALUE",
            "$.counties[1]",
        ),
        (
            r#"{"window": {"start": "2018-01-15", "end": "2018-01-14"}}"#,
            "INVALID_VALUE",
            "$.window.end",
        ),
        (
            r#"{"window": {"start": "2018-01-15", "end": "2019-06-14"}}"#,
            "LIMIT_EXCEEDED",
            "$.window",
        ),
        (
            r#"{"teams": [{"id": "a", "people": ["nobody"]}]}"#,
            "INVALID_VALUE",
            "$.teams[0].people[0]",
        ),
        (
            r#"{"teams": [{"id": "a"}, {"id": "a"}]}"#,
            "INVALID_VALUE",
            "$.teams[1].id",
        ),
        (
            r#"{"unavailable": [{"person": "national_coordinator", "start": "2018-02-02", "end": "2018-02-01"}]}"#,
            "INVALID_VALUE",
            "$.unavailable[0].end",
        ),
        (
            r#"{"window": {"start": "2018-03-02", "end": "2018-03-01"}}"#,
            "INVALID_VALUE",
            "$.window.end",
        ),
        (r#"{"movable": ["nope"]}"#, "INVALID_VALUE", "$.movable[0]"),
        (r#"{"round": "2019"}"#, "INVALID_VALUE", "$.round"),
        (
            r#"{"template": "three_day"}"#,
            "INVALID_VALUE",
            "$.template",
        ),
    ];
    for (json, code, path) in cases {
        let err = PlanRequest::from_json(json)
            .and_then(|r| c.plan(&r))
            .unwrap_err();
        assert_eq!(
            (err.code().as_str(), err.path().as_deref()),
            (code, Some(path)),
            "{json}"
        );
    }
    let teams: Vec<String> = (0..33).map(|k| format!(r#"{{"id": "t{k}"}}"#)).collect();
    let err = c
        .plan(&PlanRequest::from_json(&format!(r#"{{"teams": [{}]}}"#, teams.join(","))).unwrap())
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path().as_deref()),
        ("LIMIT_EXCEEDED", Some("$.teams"))
    );
    assert_eq!(err.limit(), Some(campaign_core::limits::Limit::Teams));
    let err = PlanRequest::from_json(r#"{"weekdays": ["tuesday", "someday"]}"#).unwrap_err();
    assert_eq!(err.path().as_deref(), Some("$.weekdays[1]"));
}

#[test]
fn movable_visits_are_planned_again_and_the_others_stay() {
    let c = Campaign::builtin_2017();
    let r = PlanRequest::from_json(
        r#"{"counties": [], "movable": ["kukes-2017"], "window": {"start": "2017-12-01", "end": "2017-12-31"}}"#,
    )
    .unwrap();
    let plan = c.plan(&r).unwrap();
    assert_eq!(plan.visits.len(), 1);
    assert_eq!(plan.visits[0].county, "AL-07");
    let ids: Vec<&str> = plan.campaign.visit_ids().collect();
    assert!(!ids.contains(&"kukes-2017"));
    assert_eq!(ids.len(), 6);
    let report = plan.campaign.check_with(&r.check).unwrap();
    assert_eq!(report.counts.error, 0, "{}", report.to_text(Lang::En));
}

mod exhaustive {
    //! Small random instances: the planner against an exhaustive search over every
    //! (team, start day) of every county, with its own check of the rules.

    use super::d;
    use campaign_core::calendar::{HolidayCalendar, SchoolCalendar};
    use campaign_core::plan::{Absence, Method, PlanRequest, PlanTeam, Weekday};
    use campaign_core::template::{TemplateDay, TemplateSession};
    use campaign_core::travel::{TravelModel, TravelOptions};
    use campaign_core::{
        Blackout, Campaign, CampaignDocument, EventTemplate, Material, Person, SessionKind,
        Severity, Text, Venue, Visit,
    };
    use chrono::{Datelike, Days, NaiveDate};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// A one-day meeting without school sessions, 100 leaflets.
    fn one_day() -> EventTemplate {
        EventTemplate {
            id: "one_day".into(),
            name: Text::new("Takim", "Meeting"),
            parameters: BTreeMap::new(),
            provenance: None,
            days: vec![TemplateDay {
                sessions: vec![TemplateSession {
                    id: "meeting".into(),
                    kind: SessionKind::CommitteeMeeting,
                    title: Text::new("Takim", "Meeting"),
                    venue: Venue::Institution,
                    audiences: vec![],
                    rule: None,
                    planned_participants: None,
                    materials: BTreeMap::from([("leaflets".to_string(), 100)]),
                    start: None,
                    duration_minutes: 60,
                    repeat: None,
                    note: None,
                    topics: vec![],
                    timetable_by: None,
                    provenance: None,
                }],
            }],
        }
    }

    #[derive(Debug, Clone)]
    pub struct Instance {
        pub doc: CampaignDocument,
        pub request: PlanRequest,
        pub counties: Vec<usize>,
        pub span: usize,
        pub per_visit: u64,
    }

    prop_compose! {
        fn arb_instance()(
            start in 0..330u64,
            len in 8..22u64,
            counties in proptest::sample::subsequence((0..12usize).collect::<Vec<_>>(), 1..=3),
            teams in 1..=3usize,
            weekdays in 1..128u8,
            rest in 0..3u32,
            cap in proptest::option::of(1..3u32),
            next_to_holiday in any::<bool>(),
            two_day in any::<bool>(),
            hours in (0..3usize, 0..3usize),
            stock_visits in proptest::option::of(0..4u64),
            absence in proptest::option::of((0..22u64, 0..4u64)),
            blackout in proptest::option::of((0..22u64, 0..3u64)),
            fixed in proptest::option::of((0..12usize, 0..34u64, 0..2u64)),
            shared in any::<bool>(),
        ) -> Instance {
            let first = d(2018, 1, 1) + Days::new(start);
            let window = campaign_core::DateRange::new(first, first + Days::new(len - 1));
            let mut doc = CampaignDocument::new(Text::new("Provë", "Test"));
            doc.templates = vec![one_day()];
            doc.default_template = Some(if two_day { "two_day_2017" } else { "one_day" }.into());
            let per_visit = if two_day { 2700 } else { 100 };
            if let Some(k) = stock_visits {
                doc.materials = vec![Material {
                    id: "leaflets".into(),
                    label: Text::new("Fletëpalosje", "Leaflets"),
                    stock: k * per_visit + per_visit / 2,
                    note: None,
                }];
            }
            doc.people = vec![Person { id: "lead".into(), name: "Team lead".into() }];
            let codes: Vec<String> = (1..=12).map(|i| format!("AL-{i:02}")).collect();
            if let Some((county, off, extra)) = fixed {
                // From six days before the window to past its end.
                let s = first - Days::new(6) + Days::new(off);
                let mut v = Visit::new(codes[county].clone(), s, s + Days::new(extra));
                v.id = Some("fixed".into());
                v.team = Some("t0".into());
                doc.teams = vec![campaign_core::Team { id: "t0".into(), name: None }];
                doc.visits = vec![v];
            }
            let all = [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday, Weekday::Friday, Weekday::Saturday, Weekday::Sunday];
            let mut request = PlanRequest {
                counties: Some(counties.iter().map(|&c| codes[c].clone()).collect()),
                window: Some(window),
                teams: (0..teams).map(|t| PlanTeam {
                    id: format!("t{t}"),
                    home: None,
                    people: if t == 0 || (shared && t == 1) { vec!["lead".into()] } else { vec![] },
                }).collect(),
                weekdays: all.iter().enumerate().filter(|(i, _)| weekdays & (1 << i) != 0).map(|(_, w)| *w).collect(),
                rest_days: rest,
                max_visits_per_week: cap,
                next_to_holiday,
                ..PlanRequest::default()
            };
            request.check.travel = TravelOptions {
                overnight_hours: [0.0, 1.0, 4.0][hours.0],
                working_hours: [2.0, 4.0, 8.0][hours.1],
                ..TravelOptions::default()
            };
            if let Some((off, n)) = absence {
                let s = first + Days::new(off);
                request.unavailable = vec![Absence { person: "lead".into(), start: s, end: s + Days::new(n), reason: None }];
            }
            if let Some((off, n)) = blackout {
                let s = first + Days::new(off);
                request.check.blackouts = vec![Blackout { start: s, end: s + Days::new(n), reason: Text::new("Zgjedhje", "Elections") }];
            }
            Instance { doc, request, counties, span: if two_day { 2 } else { 1 }, per_visit }
        }
    }

    /// The best (most visits, then earliest finish) by trying every assignment.
    pub fn oracle(inst: &Instance) -> (usize, Option<NaiveDate>) {
        let req = &inst.request;
        let w = req.window.unwrap();
        let holidays = HolidayCalendar::albania(w.start.year() - 1, w.end.year() + 1, &[]);
        let school = SchoolCalendar::new(vec![]);
        let base = Campaign::new(inst.doc.clone()).unwrap();
        let travel = TravelModel::new(base.regions(), &req.check.travel).unwrap();
        let fixed: Vec<(usize, NaiveDate, NaiveDate, usize)> = base
            .visits()
            .iter()
            .map(|v| (0usize, v.first_day, v.last_day, v.county))
            .collect();
        let span = inst.span as u64;
        let day_ok = |day: NaiveDate, k: usize, team: usize| -> bool {
            let wd = day.weekday();
            let allowed = req.weekdays.iter().any(|x| x.chrono() == wd);
            let holiday = |x: NaiveDate| holidays.get(x).is_some();
            let neighbour = !req.next_to_holiday
                && (day.pred_opt().is_some_and(holiday) || day.succ_opt().is_some_and(holiday));
            let school_day =
                !(inst.span == 2 && k == 1) || school.year_of(day).is_teaching_day(day);
            let blackout = req
                .check
                .blackouts
                .iter()
                .any(|b| b.start <= day && day <= b.end);
            let absent = req.teams[team].people.iter().any(|p| p == "lead")
                && req
                    .unavailable
                    .iter()
                    .any(|a| a.start <= day && day <= a.end);
            let held = fixed
                .iter()
                .any(|&(t, a, b, _)| t == team && a <= day && day <= b);
            w.contains(day)
                && allowed
                && !holiday(day)
                && !neighbour
                && school_day
                && !blackout
                && !absent
                && !held
        };
        let teams = req.teams.len();
        let days = (w.end - w.start).num_days() as u64 + 1;
        // Each county's options: None, or (team, start).
        let mut options: Vec<Vec<Option<(usize, NaiveDate)>>> = Vec::new();
        for _ in &inst.counties {
            let mut o = vec![None];
            for t in 0..teams {
                for s in 0..days {
                    let start = w.start + Days::new(s);
                    if (0..span).all(|k| day_ok(start + Days::new(k), k as usize, t)) {
                        o.push(Some((t, start)));
                    }
                }
            }
            options.push(o);
        }
        let need = |a: usize, b: usize| -> i64 {
            let hours = if a == b { 0.0 } else { travel.hours(a, b) };
            (1..1000)
                .find(|&g| travel.available_hours(g) >= hours && g > i64::from(req.rest_days))
                .unwrap_or(i64::MAX / 4)
        };
        // Every fixed visit uses one visit's worth of the stock.
        let stock_max = inst.doc.materials.first().map_or(usize::MAX, |m| {
            (m.stock.saturating_sub(fixed.len() as u64 * inst.per_visit) / inst.per_visit) as usize
        });
        let mut best: (usize, Option<NaiveDate>) = (0, None);
        let mut pick = vec![0usize; options.len()];
        loop {
            // Check this assignment.
            let chosen: Vec<(usize, usize, NaiveDate)> = pick
                .iter()
                .enumerate()
                .filter_map(|(i, &k)| options[i][k].map(|(t, s)| (i, t, s)))
                .collect();
            let count = chosen.len();
            let feasible = count <= stock_max
                && (0..teams).all(|t| {
                    let mut seq: Vec<(NaiveDate, NaiveDate, usize)> = chosen
                        .iter()
                        .filter(|x| x.1 == t)
                        .map(|&(i, _, s)| (s, s + Days::new(span - 1), inst.counties[i]))
                        .chain(fixed.iter().filter(|f| f.0 == t).map(|f| (f.1, f.2, f.3)))
                        .collect();
                    seq.sort();
                    let gaps_ok = seq.windows(2).all(|p| (p[1].0 - p[0].1).num_days() >= need(p[0].2, p[1].2));
                    let weeks_ok = req.max_visits_per_week.is_none_or(|cap| {
                        let mut weeks: BTreeMap<(i32, u32), u32> = BTreeMap::new();
                        for x in &seq {
                            let iw = x.0.iso_week();
                            *weeks.entry((iw.year(), iw.week())).or_default() += 1;
                        }
                        weeks.values().all(|&n| n <= cap)
                    });
                    gaps_ok && weeks_ok
                })
                // People shared by teams are at one visit at a time.
                && {
                    let with_lead: Vec<(NaiveDate, NaiveDate)> = chosen
                        .iter()
                        .filter(|x| req.teams[x.1].people.iter().any(|p| p == "lead"))
                        .map(|&(_, _, s)| (s, s + Days::new(span - 1)))
                        .collect();
                    with_lead.iter().enumerate().all(|(i, a)| {
                        with_lead[..i].iter().all(|b| a.1 < b.0 || b.1 < a.0)
                    })
                };
            if feasible {
                let finish = chosen.iter().map(|x| x.2 + Days::new(span - 1)).max();
                let better = count > best.0 || (count == best.0 && count > 0 && finish < best.1);
                if better {
                    best = (count, finish);
                }
            }
            // Next assignment.
            let mut i = 0;
            loop {
                if i == pick.len() {
                    return best;
                }
                pick[i] += 1;
                if pick[i] < options[i].len() {
                    break;
                }
                pick[i] = 0;
                i += 1;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

        #[test]
        fn the_planner_is_exact_and_the_checker_agrees(inst in arb_instance()) {
            let base = Campaign::new(inst.doc.clone()).unwrap();
            let plan = base.plan(&inst.request).unwrap();
            let (count, finish) = oracle(&inst);
            // Most counties (the exact solver; list scheduling may place fewer), and
            // every county either placed or reported.
            if plan.method == Method::Exact {
                prop_assert_eq!(plan.visits.len(), count);
            } else {
                prop_assert!(plan.visits.len() <= count);
            }
            prop_assert_eq!(plan.visits.len() + plan.unplaced.len(), inst.counties.len());
            // The finish: never better than the optimum; equal when the planner says so,
            // and always when no fixed visit shares the window (the exact solver's case).
            if plan.visits.len() == count {
                prop_assert!(plan.finish >= finish);
            }
            let w = inst.request.window.unwrap();
            let inside = inst.doc.visits.iter().any(|v| w.contains(v.first_day));
            let exact = !inside && plan.method == Method::Exact;
            if exact {
                prop_assert!(plan.optimal);
            }
            if plan.visits.len() == count && (plan.optimal || exact) {
                prop_assert_eq!(plan.finish, finish);
            }
            // Fixed visits unchanged; no error finding about a planned visit.
            prop_assert_eq!(&plan.campaign.document().visits[..inst.doc.visits.len()], &inst.doc.visits[..]);
            let report = plan.campaign.check_with(&inst.request.check).unwrap();
            let planned: Vec<&str> = plan.visits.iter().map(|v| v.id.as_str()).collect();
            for f in report.findings().filter(|f| f.severity == Severity::Error) {
                prop_assert!(f.visits.iter().all(|v| !planned.contains(&v.as_str())), "{:?}", f);
            }
            // The same input gives the same plan.
            prop_assert_eq!(base.plan(&inst.request).unwrap().to_json(), plan.to_json());
            // A lower bound is a bound.
            if let (Some(b), Some(f)) = (plan.lower_bound, plan.finish) {
                prop_assert!(b <= f);
                prop_assert!(finish.is_none_or(|o| b <= o));
            }
        }
    }
}

/// The largest request the limits allow plans in finite time, and its plan is clean:
/// 1,000 generated places, 32 teams, a whole year.
#[test]
fn the_largest_request_plans_and_is_judged_clean() {
    use campaign_core::plan::PlanTeam;
    let mut regions = campaign_core::synthetic::places(5);
    let base = regions.regions.clone();
    regions.regions = (0..1000)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.code = format!("X{i}");
            r.name_sq = format!("Vendi {i}");
            r.name_en = r.name_sq.clone();
            r.lat += (i / base.len()) as f64 * 0.001;
            r
        })
        .collect();
    let mut doc = campaign_core::CampaignDocument::new(campaign_core::Text::new("a", "a"));
    doc.regions = Some(regions);
    let c = Campaign::new(doc).unwrap();
    let request = PlanRequest {
        window: Some(campaign_core::DateRange::new(d(2018, 9, 3), d(2019, 9, 3))),
        teams: (0..32)
            .map(|k| PlanTeam {
                id: format!("t{k}"),
                home: None,
                people: vec![],
            })
            .collect(),
        ..PlanRequest::default()
    };
    let t = std::time::Instant::now();
    let plan = c.plan(&request).unwrap();
    eprintln!("{:?} {} placed", t.elapsed(), plan.visits.len());
    assert_eq!(plan.visits.len() + plan.unplaced.len(), 1000);
    assert!(!plan.visits.is_empty());
    let report = plan.campaign.check_with(&request.check).unwrap();
    assert_eq!(report.counts.error, 0);
}

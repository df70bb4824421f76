//! Any plan request over any small calendar: an error, or a plan in which every
//! requested county is placed or reported, every planned visit lies in the window on
//! allowed weekdays, and the checker finds no error about a planned visit.
#![no_main]

use arbitrary::Arbitrary;
use campaign_core::plan::{Absence, PlanRequest, PlanTeam, Weekday};
use campaign_core::{Blackout, Campaign, CampaignDocument, DateRange, Person, Severity, Team, Text, Visit};
use chrono::{Datelike, Days, NaiveDate};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    counties: Vec<u8>,
    start: u16,
    days: u16,
    teams: u8,
    shared: bool,
    homes: bool,
    weekdays: u8,
    rest: u8,
    cap: Option<u8>,
    next_to_holiday: bool,
    absences: Vec<(u16, u8)>,
    blackouts: Vec<(u16, u8)>,
    fixed: Vec<(u8, u16, u8, u8)>,
    movable: bool,
    travel: (u8, u8),
}

fuzz_target!(|input: Input| {
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap() + Days::new(u64::from(input.start % 3000));
    let day = |off: u16| first + Days::new(u64::from(off % 500));
    let code = |k: u8| format!("AL-{:02}", k % 12 + 1);
    let teams = usize::from(input.teams % 5);
    let mut doc = CampaignDocument::new(Text::new("Provë", "Fuzz"));
    doc.people = vec![Person { id: "lead".into(), name: "Lead".into() }];
    doc.teams = (0..teams.max(1)).map(|t| Team { id: format!("t{t}"), name: None }).collect();
    for (k, &(county, off, len, team)) in input.fixed.iter().take(8).enumerate() {
        let s = day(off);
        let mut v = Visit::new(code(county), s, s + Days::new(u64::from(len % 4)));
        v.id = Some(format!("f{k}"));
        v.team = Some(format!("t{}", usize::from(team) % teams.max(1)));
        doc.visits.push(v);
    }
    let Ok(c) = Campaign::new(doc) else { return };
    let all = [
        Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday,
        Weekday::Friday, Weekday::Saturday, Weekday::Sunday,
    ];
    let mut request = PlanRequest {
        counties: Some(input.counties.iter().take(14).map(|&k| code(k)).collect()),
        window: Some(DateRange::new(first, first + Days::new(u64::from(input.days % 400)))),
        teams: (0..teams)
            .map(|t| PlanTeam {
                id: format!("t{t}"),
                home: input.homes.then(|| code(t as u8)),
                people: if t == 0 || (input.shared && t == 1) { vec!["lead".into()] } else { vec![] },
            })
            .collect(),
        unavailable: input.absences.iter().take(4).map(|&(off, n)| Absence {
            person: "lead".into(), start: day(off), end: day(off) + Days::new(u64::from(n % 20)), reason: None,
        }).collect(),
        movable: if input.movable && !c.visits().is_empty() { vec!["f0".into()] } else { vec![] },
        weekdays: all.iter().enumerate().filter(|(i, _)| input.weekdays & (1 << i) != 0).map(|(_, w)| *w).collect(),
        rest_days: u32::from(input.rest % 8),
        max_visits_per_week: input.cap.map(|k| u32::from(k % 4)),
        next_to_holiday: input.next_to_holiday,
        ..PlanRequest::default()
    };
    request.check.blackouts = input.blackouts.iter().take(3).map(|&(off, n)| Blackout {
        start: day(off), end: day(off) + Days::new(u64::from(n % 30)), reason: Text::new("x", "x"),
    }).collect();
    request.check.travel.overnight_hours = f64::from(input.travel.0 % 25);
    request.check.travel.working_hours = f64::from(input.travel.1 % 25);
    let Ok(plan) = c.plan(&request) else { return };
    let mut wanted: Vec<String> = request.counties.clone().unwrap_or_default();
    if !request.movable.is_empty() {
        wanted.push(c.document().visits[0].county.clone());
    }
    wanted.sort();
    wanted.dedup();
    let mut got: Vec<String> = plan.visits.iter().map(|v| v.county.clone())
        .chain(plan.unplaced.iter().map(|u| u.county.clone())).collect();
    got.sort();
    assert_eq!(got, wanted, "every requested county is placed or reported");
    let window = request.window.unwrap();
    for v in &plan.visits {
        assert!(window.start <= v.first_day && v.last_day <= window.end, "{v:?}");
        for d in DateRange::new(v.first_day, v.last_day).days() {
            assert!(request.weekdays.iter().any(|w| w.chrono() == d.weekday()), "{v:?}");
        }
    }
    let report = plan.campaign.check_with(&request.check).unwrap();
    let planned: Vec<&str> = plan.visits.iter().map(|v| v.id.as_str()).collect();
    for f in report.findings().filter(|f| f.severity == Severity::Error) {
        assert!(f.visits.iter().all(|v| !planned.contains(&v.as_str())), "{f:?}");
    }
});

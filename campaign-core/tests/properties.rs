//! Property tests: round-trips, expansion invariants, and every fast rule against a
//! brute-force oracle on random calendars with many teams and shared people.

use campaign_core::calendar::HolidayCalendar;
use campaign_core::checks::overlapping_pairs;
use campaign_core::template::{Repeat, TemplateDay, TemplateSession};
use campaign_core::{
    Campaign, CampaignDocument, DateRange, EventTemplate, Material, Person, RuleCode, SessionKind,
    Team, Text, Venue, Visit,
};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

mod arb;

use arb::{day, COUNTY_NAMES};

prop_compose! {
    fn arb_template()(days in prop::collection::vec(prop::collection::vec((0..6u8, 0..4u32, 0..500u64, prop::option::of(1..60u32)), 1..4), 1..4), id in "[a-z]{3,8}") -> EventTemplate {
        let kinds = [SessionKind::CommitteeMeeting, SessionKind::Workshop, SessionKind::SchoolSession, SessionKind::PublicEvent, SessionKind::Other, SessionKind::CivilSocietyMeeting];
        let mut n = 0;
        EventTemplate {
            id: format!("t_{id}"),
            name: Text::new("Shabllon", "Template"),
            parameters: BTreeMap::from([("k".to_string(), 2)]),
            provenance: None,
            days: days.into_iter().map(|sessions| TemplateDay {
                sessions: sessions.into_iter().map(|(k, rep, leaflets, rule)| {
                    n += 1;
                    let kind = kinds[k as usize];
                    TemplateSession {
                        id: format!("s{n}"),
                        kind,
                        title: Text::new("Seancë", "Session"),
                        venue: if kind == SessionKind::SchoolSession { Venue::School } else { Venue::Institution },
                        audiences: vec!["public".into()],
                        rule: rule.map(campaign_core::ParticipantRule::MoreThan),
                        planned_participants: rule.map(|r| r.saturating_sub(5)),
                        materials: BTreeMap::from([("leaflets".to_string(), leaflets)]),
                        start: None,
                        duration_minutes: 60,
                        repeat: match rep { 0 => None, 1 => Some(Repeat::Parameter("k".into())), r => Some(Repeat::Times(r)) },
                        note: None,
                        topics: vec![],
                        timetable_by: None,
                        provenance: None,
                    }
                }).collect(),
            }).collect(),
        }
    }
}

prop_compose! {
    /// A random valid document: up to `max_visits` visits over ~2 years, up to 5 teams,
    /// up to 4 people shared between visits, an optional custom template.
    fn arb_document(max_visits: usize)(
        visits in prop::collection::vec((0..12usize, 0..700u32, 0..5u32, prop::option::of(0..5usize), prop::collection::btree_set(0..4usize, 0..3), any::<bool>()), 0..max_visits),
        template in prop::option::of(arb_template()),
        stock in 0..20_000u64,
    ) -> CampaignDocument {
        let mut doc = CampaignDocument::new(Text::new("Provë", "Test"));
        doc.teams = (0..5).map(|i| Team { id: format!("team{i}"), name: None }).collect();
        doc.people = (0..4).map(|i| Person { id: format!("p{i}"), name: format!("Person {i}") }).collect();
        doc.materials = vec![Material { id: "leaflets".into(), label: Text::new("Fletëpalosje", "Leaflets"), stock, note: None }];
        if let Some(t) = &template { doc.templates.push(t.clone()); }
        doc.visits = visits.into_iter().enumerate().map(|(i, (county, start, len, team, people, custom))| {
            let mut v = Visit::new(COUNTY_NAMES[county], day(start), day(start + len));
            v.id = Some(format!("visit{i}"));
            v.team = team.map(|t| format!("team{t}"));
            v.people = people.into_iter().map(|p| format!("p{p}")).collect();
            if custom { v.template = template.as_ref().map(|t| t.id.clone()); }
            v
        }).collect();
        doc
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn documents_round_trip_through_json(doc in arb_document(30)) {
        let c = Campaign::new(doc.clone()).unwrap();
        let again = Campaign::from_json(&c.to_json()).unwrap();
        prop_assert_eq!(again.document(), &doc);
    }

    #[test]
    fn sessions_fall_inside_windows_that_fit_the_template(doc in arb_document(30)) {
        let c = Campaign::new(doc).unwrap();
        let sessions = c.sessions();
        let mut expected = 0usize;
        for (i, v) in c.visits().iter().enumerate() {
            let tpl = &c.templates()[v.template];
            let n: usize = tpl.days.iter().flat_map(|d| &d.sessions).map(|s| match &s.repeat {
                None => 1, Some(Repeat::Times(n)) => *n as usize, Some(Repeat::Parameter(p)) => tpl.parameters[p] as usize,
            }).sum();
            expected += n;
            let window = (v.last_day - v.first_day).num_days() + 1;
            for s in sessions.iter().filter(|s| s.visit as usize == i) {
                prop_assert!(s.day >= v.first_day);
                if window >= tpl.days.len() as i64 {
                    prop_assert!(s.day <= v.last_day, "{} outside {}..{}", s.day, v.first_day, v.last_day);
                }
            }
        }
        prop_assert_eq!(sessions.len(), expected);
    }

    #[test]
    fn overlapping_pairs_matches_brute_force(items in prop::collection::vec((0..4u8, 0..60u32, 0..6u32), 0..80)) {
        let items: Vec<_> = items.into_iter().map(|(k, s, l)| (k, day(s), day(s + l))).collect();
        let mut brute = Vec::new();
        for i in 0..items.len() {
            for j in 0..items.len() {
                let (a, b) = (items[i], items[j]);
                let first = (a.1, i) < (b.1, j);
                if i != j && a.0 == b.0 && a.1 <= b.2 && b.1 <= a.2 && first {
                    brute.push((i, j));
                }
            }
        }
        brute.sort_unstable();
        prop_assert_eq!(overlapping_pairs(&items), brute);
    }

    #[test]
    fn rules_match_their_oracles(doc in arb_document(40)) {
        let c = Campaign::new(doc.clone()).unwrap();
        let report = c.check();
        let vs = c.visits();
        let findings: Vec<_> = report.findings().collect();
        let by_code = |code: RuleCode| findings.iter().filter(move |f| f.code == code);

        // Team overlap: every pair of same-team visits whose windows intersect, with
        // the days they share.
        let mut want = BTreeSet::new();
        for i in 0..vs.len() { for j in i + 1..vs.len() {
            if vs[i].team == vs[j].team && vs[i].first_day <= vs[j].last_day && vs[j].first_day <= vs[i].last_day {
                let shared = DateRange::new(vs[i].first_day.max(vs[j].first_day), vs[i].last_day.min(vs[j].last_day));
                want.insert((i.min(j), i.max(j), shared.days().collect::<Vec<_>>()));
            }
        }}
        let got: BTreeSet<_> = by_code(RuleCode::TeamOverlap).map(|f| (f.visit_indices[0].min(f.visit_indices[1]), f.visit_indices[0].max(f.visit_indices[1]), f.days.clone())).collect();
        prop_assert_eq!(got, want);

        // Person double-booked: every (person, pair) sharing a day.
        let mut want = BTreeSet::new();
        for i in 0..vs.len() { for j in i + 1..vs.len() {
            if vs[i].first_day <= vs[j].last_day && vs[j].first_day <= vs[i].last_day {
                for p in vs[i].people.iter().filter(|p| vs[j].people.contains(p)) {
                    want.insert((doc.people[*p].id.clone(), i, j));
                }
            }
        }}
        let got: BTreeSet<_> = by_code(RuleCode::PersonDoubleBooked).map(|f| (f.people[0].clone(), f.visit_indices[0].min(f.visit_indices[1]), f.visit_indices[0].max(f.visit_indices[1]))).collect();
        prop_assert_eq!(got, want);

        // County repeated: groups of ≥2 visits with the same round and county.
        let mut groups: BTreeMap<(Option<usize>, usize), Vec<usize>> = BTreeMap::new();
        for (i, v) in vs.iter().enumerate() { groups.entry((v.round, v.county)).or_default().push(i); }
        let want: BTreeSet<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        let got: BTreeSet<Vec<usize>> = by_code(RuleCode::CountyRepeated).map(|f| { let mut v = f.visit_indices.clone(); v.sort_unstable(); v }).collect();
        prop_assert_eq!(got, want);

        // Public holidays: every (visit, day) with a session on a holiday, by a linear scan.
        let sessions = c.sessions();
        let years = || sessions.iter().map(|s| s.day.year()).chain(vs.iter().flat_map(|v| [v.first_day.year(), v.last_day.year()]));
        let (lo, hi) = (years().min().unwrap_or(2017), years().max().unwrap_or(2017));
        let all = HolidayCalendar::albania(lo, hi, &[]).all();
        let want: BTreeSet<(usize, NaiveDate)> = sessions.iter().filter(|s| all.iter().any(|h| h.date == s.day)).map(|s| (s.visit as usize, s.day)).collect();
        let got: BTreeSet<(usize, NaiveDate)> = by_code(RuleCode::PublicHoliday).map(|f| (f.visit_indices[0], f.days[0])).collect();
        prop_assert_eq!(got, want);

        // Weekends.
        let want: BTreeSet<(usize, NaiveDate)> = sessions.iter().filter(|s| s.day.weekday().num_days_from_monday() >= 5).map(|s| (s.visit as usize, s.day)).collect();
        let got: BTreeSet<(usize, NaiveDate)> = by_code(RuleCode::Weekend).map(|f| (f.visit_indices[0], f.days[0])).collect();
        prop_assert_eq!(got, want);

        // Travel: for each visit, its same-team successor found by scanning all visits.
        let key = |i: usize| (vs[i].first_day, vs[i].last_day, i);
        let mut candidates = BTreeSet::new();
        for i in 0..vs.len() {
            let next = (0..vs.len()).filter(|&j| j != i && vs[j].team == vs[i].team && key(j) > key(i)).min_by_key(|&j| key(j));
            if let Some(j) = next {
                if vs[j].first_day > vs[i].last_day && vs[i].county != vs[j].county { candidates.insert((i, j)); }
            }
        }
        let got: BTreeSet<(usize, usize)> = by_code(RuleCode::TravelTime).map(|f| (f.visit_indices[0], f.visit_indices[1])).collect();
        prop_assert!(got.is_subset(&candidates), "{:?} not in {:?}", got, candidates);
        for (i, j) in &candidates {
            let gap = (vs[*j].first_day - vs[*i].last_day).num_days();
            if gap >= 3 { prop_assert!(!got.contains(&(*i, *j))); }
        }

        // Material: flagged exactly when the planned total exceeds the stock.
        let total: u64 = sessions.iter().map(|s| c.view(s).template.materials.get("leaflets").copied().unwrap_or(0)).sum();
        prop_assert_eq!(by_code(RuleCode::MaterialShortage).count(), usize::from(total > doc.materials[0].stock));

        // Findings are deterministic.
        prop_assert_eq!(&c.check(), &report);
    }
}

/// Every node of a JSON value: its JSON path (`$.visits[0].county`), its JSON pointer
/// (`/visits/0/county`), and whether it is an object.
fn nodes(
    v: &serde_json::Value,
    path: String,
    pointer: String,
    out: &mut Vec<(String, String, bool)>,
) {
    match v {
        serde_json::Value::Object(m) => {
            out.push((path.clone(), pointer.clone(), true));
            for (k, child) in m {
                nodes(child, format!("{path}.{k}"), format!("{pointer}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                nodes(child, format!("{path}[{i}]"), format!("{pointer}/{i}"), out);
            }
        }
        _ => out.push((path, pointer, false)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The oracle is the construction: break one node of a valid document and the error
    /// must name that node. A scalar replaced by `{}` fits no scalar field; a key added
    /// to an object is unknown to every struct and has the wrong type in every map. The
    /// exception is an enum's `{"variant": data}` object, which then has two keys and
    /// is itself the error.
    #[test]
    fn error_paths_name_the_broken_node(doc in arb_document(8), pick in any::<prop::sample::Index>()) {
        let mut value = serde_json::to_value(&doc).unwrap();
        let mut all = Vec::new();
        nodes(&value, "$".into(), String::new(), &mut all);
        let (path, pointer, is_object) = pick.get(&all).clone();
        let node = value.pointer_mut(&pointer).unwrap();
        let expected = if is_object {
            node.as_object_mut().unwrap().insert("zz_unexpected".into(), serde_json::json!(true));
            if path.ends_with(".rule") || path.ends_with(".repeat") { path } else { format!("{path}.zz_unexpected") }
        } else {
            *node = serde_json::json!({});
            path
        };
        let text = serde_json::to_string_pretty(&value).unwrap();
        let err = Campaign::from_json(&text).unwrap_err();
        prop_assert!(matches!(err, campaign_core::Error::Json { .. }), "{}", err);
        prop_assert_eq!(err.path().unwrap(), expected.as_str(), "{}", err);
    }

    /// A required field left out is named by its object.
    #[test]
    fn missing_fields_name_their_object(doc in arb_document(8), target in 0..8usize, field in 0..3usize) {
        let mut value = serde_json::to_value(&doc).unwrap();
        let visits = value["visits"].as_array().map_or(0, Vec::len);
        prop_assume!(visits > 0);
        let name = ["first_day", "last_day", "county"][field];
        value["visits"][target % visits].as_object_mut().unwrap().remove(name);
        let err = Campaign::from_json(&value.to_string()).unwrap_err();
        prop_assert_eq!(err.path().unwrap(), format!("$.visits[{}]", target % visits));
        prop_assert!(err.to_string().contains(&format!("missing field `{name}`")), "{}", err);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With a limit per rule, a report lists the first findings of the unlimited report
    /// of each rule (in report order), sums up the rest in one finding per rule, and
    /// keeps every count exact.
    #[test]
    fn a_limit_lists_the_first_findings_and_keeps_the_counts(doc in arb_document(40), limit in 0..6u64) {
        let c = Campaign::new(doc).unwrap();
        let all = c.check_with(&campaign_core::CheckOptions { max_findings_per_rule: None, ..Default::default() }).unwrap();
        let capped = c.check_with(&campaign_core::CheckOptions { max_findings_per_rule: Some(limit), ..Default::default() }).unwrap();
        prop_assert_eq!(all.counts, capped.counts);
        let all: Vec<_> = all.findings().collect();
        let listed: Vec<_> = capped.findings().take(capped.len() - capped.omitted().len()).collect();
        for code in RuleCode::ALL {
            let want: Vec<_> = all.iter().filter(|f| f.code == code).take(limit as usize).collect();
            let got: Vec<_> = listed.iter().filter(|f| f.code == code).collect();
            prop_assert_eq!(&got, &want, "{}", code);
            let total = all.iter().filter(|f| f.code == code).count() as u64;
            let omitted = capped.omitted().iter().find(|o| o.0 == code).map_or(0, |o| o.1);
            prop_assert_eq!(omitted, total.saturating_sub(limit));
        }
        // A brief says what its finding says.
        for (i, f) in capped.findings().enumerate() {
            let b = capped.brief(i).expect("in range");
            prop_assert_eq!((b.code, b.severity, &b.message, &b.visit_indices), (f.code, f.severity, &f.message, &f.visit_indices));
        }
        prop_assert!(capped.brief(capped.len()).is_none());
        // Report order is kept: listed findings are a sub-sequence of the unlimited ones.
        let mut it = all.iter();
        for f in &listed {
            prop_assert!(it.any(|g| g == f), "{:?} out of order", f.code);
        }
    }
}

/// One line (or, for a quoted county with a line break, two) of a generated CSV calendar.
#[derive(Debug, Clone, Copy)]
enum CsvLine {
    Good,
    GoodTwoLines,
    Blank,
    BlankCrlf,
    Spaces,
    Comment,
}

fn arb_csv_lines() -> impl Strategy<Value = Vec<CsvLine>> {
    use CsvLine::*;
    prop::collection::vec(
        prop::sample::select(vec![Good, GoodTwoLines, Blank, BlankCrlf, Spaces, Comment]),
        0..30,
    )
}

proptest! {
    /// The line of a CSV error is the line the user sees in an editor, whatever blank
    /// lines, comment lines, CRLF endings and quoted line breaks come before it (the
    /// csv crate's own line numbers leave some of these out).
    #[test]
    fn csv_errors_are_on_the_line_an_editor_shows(before in arb_csv_lines(), comment_first in any::<bool>(), bad_county in any::<bool>()) {
        let mut text = String::new();
        let mut line = 1;
        if comment_first {
            text.push_str("# calendar\n");
            line += 1;
        }
        text.push_str("county,first_day,last_day\n");
        line += 1;
        for l in &before {
            let (s, n) = match l {
                CsvLine::Good => ("Durrës,2018-03-05,2018-03-06\n", 1),
                CsvLine::GoodTwoLines => ("\"Durrës\n\",2018-03-05,2018-03-06\n", 2),
                CsvLine::Blank => ("\n", 1),
                CsvLine::BlankCrlf => ("\r\n", 1),
                CsvLine::Spaces => ("   \n", 1),
                CsvLine::Comment => ("# note, with a comma\n", 1),
            };
            text.push_str(s);
            line += n;
        }
        let (bad, column) = if bad_county {
            ("Korcha,2018-03-07,2018-03-08\n", 1)
        } else {
            ("Durrës,2018-03-07,2018-13-08\n", 3)
        };
        text.push_str(bad);
        text.push_str("Durrës,2018-03-09,2018-03-10\n");
        let err = campaign_core::io::campaign_from_csv(Text::new("a", "b"), &text).unwrap_err();
        prop_assert_eq!(err.line_column(), Some((line, column)), "{}", text);
    }
}

/// From 20,000 visits the team-overlap sweep runs on two threads (natively, with a
/// second core): on a dense calendar of 30,000 visits the report lists exactly the
/// pairs of the sequential sweep, in report order (by shared first day, then the visit
/// that starts first, then the other).
#[test]
fn a_large_calendar_lists_the_sequential_sweeps_pairs_in_order() {
    let c = campaign_core::synthetic::overlapping(30_000, 20, 365, 11);
    let opts = campaign_core::CheckOptions {
        disabled: RuleCode::ALL
            .into_iter()
            .filter(|&r| r != RuleCode::TeamOverlap)
            .collect(),
        max_findings_per_rule: None,
        ..Default::default()
    };
    let report = c.check_with(&opts).unwrap();
    let items: Vec<_> = c
        .visits()
        .iter()
        .map(|v| (v.team, v.first_day, v.last_day))
        .collect();
    let mut want: Vec<(NaiveDate, usize, usize)> = overlapping_pairs(&items)
        .into_iter()
        .map(|(i, j)| (items[i].1.max(items[j].1), i, j))
        .collect();
    want.sort_unstable();
    assert!(
        want.len() > 50_000,
        "a dense calendar: {} pairs",
        want.len()
    );
    let columns = report.columns();
    let got: Vec<(NaiveDate, usize, usize)> = (0..report.len())
        .map(|i| {
            let (a, b) = (columns.visit[i] as usize, columns.other_visit[i] as usize);
            (columns.first_day[i].unwrap(), a, b)
        })
        .collect();
    assert_eq!(got, want);
}

/// A report's rows carry each listed finding's code, severity, first visits and day as
/// the finding itself gives them, for every rule a generated campaign and the 2017
/// campaign trigger (findings about two visits, about one, about none, with and
/// without a day).
#[test]
fn a_reports_rows_are_its_findings_fixed_fields() {
    let mut kinds = BTreeSet::new();
    for c in [
        campaign_core::Campaign::builtin_2017(),
        campaign_core::synthetic::campaign(2_000, 5),
        campaign_core::synthetic::overlapping(500, 5, 60, 3),
    ] {
        let report = c.check();
        let rows: Vec<_> = report.rows().collect();
        assert!(!rows.is_empty());
        for (i, r) in rows.iter().enumerate() {
            let f = report.finding(i).unwrap();
            assert_eq!((r.code, r.severity), (f.code, f.severity), "row {i}");
            let listed: Vec<i64> = [r.visit, r.other_visit]
                .into_iter()
                .filter(|&v| v >= 0)
                .collect();
            let all: Vec<i64> = f.visit_indices.iter().map(|&v| v as i64).collect();
            assert!(all.starts_with(&listed), "row {i}: {listed:?} of {all:?}");
            if let Some(day) = r.first_day {
                assert!(f.days.contains(&day), "row {i}: {day} not in {:?}", f.days);
                assert!(r.last_day.is_some_and(|l| l >= day), "row {i}");
            } else {
                assert_eq!(r.last_day, None, "row {i}");
            }
            kinds.insert((listed.len(), r.first_day.is_some()));
        }
        let columns = report.columns();
        assert_eq!(columns.visit.len(), rows.len());
        assert_eq!(
            columns.first_day[rows.len() - 1],
            rows[rows.len() - 1].first_day
        );
    }
    assert!(kinds.len() >= 3, "{kinds:?}");
}

//! The campaign model: templates, pins, timetables, parameters, and bad documents.

mod common;

use campaign_core::{Campaign, ErrorCode, SessionKind};

fn doc(visit_extra: &str, top_extra: &str) -> String {
    format!(
        r#"{{"format_version":1,"name":{{"sq":"a","en":"b"}}{top_extra},
            "visits":[{{"id":"kukes","county":"Kukës","first_day":"2017-12-05","last_day":"2017-12-07"{visit_extra}}}]}}"#
    )
}

#[test]
fn timetable_sets_the_schools_of_day_two() {
    let c = Campaign::from_json(&doc(
        r#","timetable":{"school":[{"label":"Gjimnazi Havzi Nela","start":"09:00:00"},{"label":"Shkolla 9-vjeçare Hasan Prishtina","start":"11:00:00"},{"label":"Shkolla Profesionale","start":"13:30:00"}]}"#,
        "",
    ))
    .unwrap();
    let sessions = c.sessions();
    let schools: Vec<_> = sessions
        .iter()
        .filter(|s| c.view(s).kind() == SessionKind::SchoolSession)
        .collect();
    assert_eq!(schools.len(), 3);
    assert!(schools.iter().all(|s| s.day.to_string() == "2017-12-06"));
    assert_eq!(
        c.view(schools[1]).label,
        Some("Shkolla 9-vjeçare Hasan Prishtina")
    );
    assert_eq!(schools[2].start.unwrap().to_string(), "13:30:00");
    assert_eq!(c.session_ref(schools[2]), "kukes/school#3");
}

#[test]
fn pins_and_parameters() {
    let c = Campaign::from_json(&doc(
        r#","day_dates":["2017-12-05","2017-12-07"],"parameters":{"schools":6}"#,
        "",
    ))
    .unwrap();
    let sessions = c.sessions();
    assert_eq!(sessions.len(), 5 + 6 + 1); // day 1, six schools, the public distribution
    assert!(sessions
        .iter()
        .filter(|s| s.template_day == 1)
        .all(|s| s.day.to_string() == "2017-12-07"));
}

#[test]
fn custom_template_with_its_own_audience() {
    let top = r#","audiences":[{"id":"health_staff","label":{"sq":"Personeli shëndetësor","en":"Health staff"}}],
        "templates":[{"id":"one_day","name":{"sq":"Një ditë","en":"One day"},"days":[{"sessions":[
          {"id":"clinic","kind":"other","title":{"sq":"Takim","en":"Meeting"},"venue":"institution","audiences":["health_staff"],"rule":{"at_least":10}}]}]}]"#;
    let c = Campaign::from_json(&doc(r#","template":"one_day""#, top)).unwrap();
    assert_eq!(c.sessions().len(), 1);
    let report = c.check();
    assert!(report
        .findings()
        .any(|f| f.code.as_str() == "WINDOW_LONGER"));
}

#[test]
fn bad_documents_give_typed_errors_with_paths() {
    let cases: &[(&str, &str, ErrorCode, &str)] = &[
        (
            r#","timetable":{"lunch":[]}"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].timetable.lunch",
        ),
        (
            r#","parameters":{"classes":2}"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].parameters.classes",
        ),
        (
            r#","day_dates":["2017-12-05"]"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].day_dates",
        ),
        (
            r#","day_dates":["2017-12-06","2017-12-05"]"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].day_dates[1]",
        ),
        (
            r#","day_dates":["2017-12-05","2017-12-09"]"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].day_dates[1]",
        ),
        (
            r#","team":"north""#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].team",
        ),
        (
            r#","people":["minister"]"#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].people[0]",
        ),
        (
            r#","template":"three_day""#,
            "",
            ErrorCode::InvalidValue,
            "$.visits[0].template",
        ),
        (
            "",
            r#","scope":["Atlantis"]"#,
            ErrorCode::UnknownCounty,
            "$.scope[0]",
        ),
        (
            "",
            r#","period":{"start":"2018-01-01","end":"2017-01-01"}"#,
            ErrorCode::InvalidValue,
            "$.period.end",
        ),
        (
            "",
            r#","teams":[{"id":"a"},{"id":"a"}]"#,
            ErrorCode::InvalidValue,
            "$.teams[1].id",
        ),
        (
            "",
            r#","templates":[{"id":"t","name":{"sq":"a","en":"b"},"days":[{"sessions":[{"id":"s","kind":"other","title":{"sq":"a","en":"b"},"venue":"school","audiences":["aliens"]}]}]}]"#,
            ErrorCode::InvalidValue,
            "$.templates[0].days[0].sessions[0].audiences[0]",
        ),
        (
            "",
            r#","templates":[{"id":"t","name":{"sq":"a","en":"b"},"days":[{"sessions":[{"id":"s","kind":"other","title":{"sq":"a","en":"b"},"venue":"school","rule":{"between":{"min":5,"max":2}}}]}]}]"#,
            ErrorCode::InvalidValue,
            "$.templates[0].days[0].sessions[0].rule",
        ),
        (
            "",
            r#","materials":[{"id":"leaflets","label":{"sq":"a","en":"b"},"stock":-5}]"#,
            ErrorCode::InvalidJson,
            "$.materials[0].stock",
        ),
        (
            r#","first_day":"2017-12-05""#,
            "",
            ErrorCode::InvalidJson,
            "$.visits[0].first_day",
        ),
    ];
    for (visit, top, code, path) in cases {
        let err = Campaign::from_json(&doc(visit, top)).unwrap_err();
        assert_eq!(
            (err.code(), err.path().as_deref()),
            (*code, Some(*path)),
            "{visit}{top}: {err}"
        );
    }
    let err = Campaign::from_json(r#"{"format_version":2,"name":{"sq":"a","en":"b"},"visits":[]}"#)
        .unwrap_err();
    assert_eq!(err.path().as_deref(), Some("$.format_version"));
}

#[test]
fn bad_dates_and_times_name_the_expected_form_and_the_path() {
    let with_first_day = |day: &str| {
        format!(
            r#"{{"format_version":1,"name":{{"sq":"a","en":"b"}},"visits":[{{"county":"Kukës","first_day":"{day}","last_day":"2017-12-07"}}]}}"#
        )
    };
    for bad in ["2017-02-30", "2017-13-01", "05.12.2017", "2017-12-5x", ""] {
        let err = Campaign::from_json(&with_first_day(bad)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidJson, "{bad}");
        assert_eq!(
            err.path().as_deref(),
            Some("$.visits[0].first_day"),
            "{bad}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("{bad:?}")) && msg.contains("YYYY-MM-DD"),
            "{msg}"
        );
    }
    let pinned = Campaign::from_json(&doc(r#","day_dates":null"#, "")).unwrap();
    assert_eq!(pinned.document().visits[0].day_dates, None);
    let err =
        Campaign::from_json(&doc(r#","day_dates":["2017-12-05","2017-12-32"]"#, "")).unwrap_err();
    assert_eq!(err.path().as_deref(), Some("$.visits[0].day_dates[1]"));
    let err = Campaign::from_json(&doc(
        r#","timetable":{"school":[{"label":"a","start":"9.30"}]}"#,
        "",
    ))
    .unwrap_err();
    assert_eq!(
        err.path().as_deref(),
        Some("$.visits[0].timetable.school[0].start")
    );
    assert!(err.to_string().contains("HH:MM"), "{err}");
    let ok = Campaign::from_json(&doc(
        r#","timetable":{"school":[{"label":"a","start":"9:30"},{"label":"b","start":null}]}"#,
        "",
    ))
    .unwrap();
    assert_eq!(
        ok.document().visits[0].timetable["school"][0]
            .start
            .unwrap()
            .to_string(),
        "09:30:00"
    );
}

#[test]
fn details_are_typed_and_written_as_json_objects() {
    use campaign_core::{Details, RuleCode};
    let report = Campaign::builtin_2017().check();
    let not_covered = common::first(&report, RuleCode::CountyNotCovered);
    let Details::NotCovered {
        missing,
        next_round,
    } = &not_covered.details
    else {
        panic!("{:?}", not_covered.details)
    };
    assert_eq!((missing.len(), next_round.as_deref()), (6, Some("2018")));
    let json = serde_json::to_value(&not_covered.details).unwrap();
    assert_eq!(json["next_round"], "2018");
    assert_eq!(json["missing"].as_array().unwrap().len(), 6);

    // A visit on 28 November: the holiday finding carries the holidays of the day.
    let c = Campaign::from_json(
        r#"{"format_version":1,"name":{"sq":"a","en":"b"},
            "visits":[{"county":"Kukës","first_day":"2018-11-28","last_day":"2018-11-29"}]}"#,
    )
    .unwrap();
    let f = common::first(&c.check(), RuleCode::PublicHoliday);
    let json = serde_json::to_value(&f.details).unwrap();
    assert_eq!(json["holidays"][0]["date"], "2018-11-28");
    // Findings without details are written as null.
    assert_eq!(
        serde_json::to_value(Details::None).unwrap(),
        serde_json::Value::Null
    );
}

#[test]
fn a_county_visited_many_times_names_ten_visits_in_its_message_and_lists_all() {
    let visits: Vec<String> = (0..12)
        .map(|i| {
            format!(
                r#"{{"id":"d{i}","county":"Durrës","first_day":"2018-03-{:02}","last_day":"2018-03-{:02}"}}"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    let text = format!(
        r#"{{"format_version":1,"name":{{"sq":"a","en":"b"}},"visits":[{}]}}"#,
        visits.join(",")
    );
    let report = Campaign::from_json(&text).unwrap().check();
    let f = common::first(&report, campaign_core::RuleCode::CountyRepeated);
    assert_eq!(f.visits.len(), 12);
    let names = ": d0, d1, d2, d3, d4, d5, d6, d7, d8, d9 and 2 more.";
    common::ends_with(&f.message.en, names);
    common::ends_with(&f.message.sq, "d9 dhe 2 të tjera.");
}

#[test]
fn sessions_past_a_short_window_are_checked_against_the_next_years_holidays() {
    use campaign_core::RuleCode;
    // A one-day window on 31 December with the two-day template: day 2 falls on
    // 1 January 2019, a public holiday of the year after every window.
    let c = Campaign::from_json(
        r#"{"format_version":1,"name":{"sq":"a","en":"b"},
            "visits":[{"county":"Kukës","first_day":"2018-12-31","last_day":"2018-12-31"}]}"#,
    )
    .unwrap();
    let report = c.check();
    let f = common::first(&report, RuleCode::PublicHoliday);
    assert_eq!(
        f.days,
        vec![chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()]
    );
}

/// Natively, 20,000 visits or more are validated in two halves on two threads (where
/// there are two cores): the visits come out in order, and of two bad visits, one in
/// each half, the earlier one is named, as one visit after another would.
#[test]
fn a_large_calendar_validates_in_order_and_names_its_first_bad_visit() {
    let n = 30_000;
    let doc = campaign_core::synthetic::overlapping(n, 20, 3_650, 7).into_document();
    let c = Campaign::new(doc.clone()).unwrap();
    assert_eq!(c.visits().len(), n);
    assert_eq!(c.visit_ids().len(), n);
    for ((rv, v), id) in c.visits().iter().zip(&doc.visits).zip(c.visit_ids()) {
        assert_eq!(
            (id, rv.first_day, rv.last_day),
            (v.id.as_deref().unwrap(), v.first_day, v.last_day)
        );
        assert_eq!(c.regions().get(rv.county).unwrap().code, v.county);
    }
    let with_bad = |bad: &[usize]| {
        let mut d = doc.clone();
        for &i in bad {
            d.visits[i].county = "Atlantis".into();
        }
        Campaign::new(d).unwrap_err().path().unwrap()
    };
    assert_eq!(with_bad(&[25_000]), "$.visits[25000].county");
    assert_eq!(with_bad(&[12_000, 25_000]), "$.visits[12000].county");
    // An id repeated across the halves is named where it is repeated.
    let mut d = doc.clone();
    d.visits[29_000].id = d.visits[100].id.clone();
    let err = Campaign::new(d).unwrap_err();
    assert_eq!(err.path().unwrap(), "$.visits[29000].id");
}

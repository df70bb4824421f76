//! TIMETABLE_NOT_CONFIRMED: reproducible (relative to `as_of`, never the clock), only
//! within the notice, never for a confirmed timetable or a visit already past.

mod common;

use campaign_core::{Campaign, CheckOptions, Details, RuleCode};
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn flagged(c: &Campaign, opts: &CheckOptions) -> Vec<String> {
    c.check_with(opts)
        .unwrap()
        .findings()
        .filter(|f| f.code == RuleCode::TimetableNotConfirmed)
        .map(|f| f.visits[0].clone())
        .collect()
}

#[test]
fn only_with_as_of_and_within_the_notice() {
    let c = Campaign::builtin_2017();
    assert!(flagged(&c, &CheckOptions::default()).is_empty());
    let mut opts = CheckOptions {
        as_of: Some(day("2017-11-10")),
        ..CheckOptions::default()
    };
    // Dibër's schools on 16 Nov (6 days), Elbasan's on 23 Nov (13 days); Durrës is past,
    // Kukës (6 Dec, 26 days) is beyond the 14 days.
    assert_eq!(flagged(&c, &opts), ["diber-2017", "elbasan-2017"]);
    opts.timetable_notice_days = 6;
    assert_eq!(flagged(&c, &opts), ["diber-2017"]);
    opts.timetable_notice_days = 5;
    assert!(flagged(&c, &opts).is_empty());
    opts.timetable_notice_days = 30;
    assert_eq!(
        flagged(&c, &opts),
        ["diber-2017", "elbasan-2017", "kukes-2017"]
    );
    opts.timetable_notice_days = 367;
    assert!(c.check_with(&opts).is_err());
}

#[test]
fn a_confirmed_timetable_is_not_flagged_and_the_finding_says_who_sets_it() {
    let mut doc = Campaign::builtin_2017().into_document();
    doc.visits[1].timetable_confirmed = true; // Dibër
    let c = Campaign::new(doc).unwrap();
    let opts = CheckOptions {
        as_of: Some(day("2017-11-10")),
        ..CheckOptions::default()
    };
    assert_eq!(flagged(&c, &opts), ["elbasan-2017"]);
    let report = c.check_with(&opts).unwrap();
    let f = common::first(&report, RuleCode::TimetableNotConfirmed);
    assert_eq!(f.sessions.len(), 4);
    common::says(&f.message.en, "set by the Regional Education Directorate");
    common::says(&f.message.en, "13 day(s) before 2017-11-23");
    match f.details {
        Details::Timetable {
            ref set_by,
            days_left,
            notice_days,
            ..
        } => {
            assert_eq!(
                (set_by.as_str(), days_left, notice_days),
                ("regional_education_directorate", 13, 14)
            );
        }
        ref other => panic!("{other:?}"),
    }
    // The JSON report carries the rule like any other.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"TIMETABLE_NOT_CONFIRMED\""));
}

#[test]
fn a_visit_outside_an_assumed_period_is_a_warning_that_says_so() {
    let mut doc = Campaign::builtin_2017().into_document();
    doc.visits[5].first_day = day("2018-10-02"); // Korçë moved to autumn 2018
    doc.visits[5].last_day = day("2018-10-03");
    doc.visits[5].round = None;
    let c = Campaign::new(doc.clone()).unwrap();
    let report = c.check();
    let f = common::first(&report, RuleCode::OutsidePeriod);
    assert_eq!(f.severity, campaign_core::Severity::Warning);
    common::ends_with(&f.message.en, "That period is an assumption.");
    // The same period stated (no provenance): an error, as before.
    doc.provenance = None;
    let report = Campaign::new(doc).unwrap().check();
    let f = common::first(&report, RuleCode::OutsidePeriod);
    assert_eq!(f.severity, campaign_core::Severity::Error);
}

//! The printable programme, checked against the built-in template it comes from.

use campaign_core::template::Repeat;
use campaign_core::{Campaign, ErrorCode, Lang};

#[test]
fn durres_programme_follows_the_two_day_template() {
    let c = Campaign::builtin_2017();
    let p = c.programme(Some("durres-2017")).unwrap();
    assert_eq!(p.visits.len(), 1);
    let v = &p.visits[0];
    assert_eq!((v.county.as_str(), v.days.len()), ("Durrës", 2));
    assert!(v.other_days.is_empty());
    let tpl = &c.templates()[c.visits()[0].template];
    for (day, tday) in v.days.iter().zip(&tpl.days) {
        // Each template session in order, a repeated one as many times as its parameter.
        let mut expected = Vec::new();
        for ts in &tday.sessions {
            let n = match &ts.repeat {
                Some(Repeat::Parameter(p)) => tpl.parameters[p],
                Some(Repeat::Times(n)) => *n,
                None => 1,
            };
            for _ in 0..n {
                expected.push(ts);
            }
        }
        assert_eq!(day.items.len(), expected.len());
        for (item, ts) in day.items.iter().zip(expected) {
            assert!(item.title.en.starts_with(&ts.title.en), "{}", item.title.en);
            assert_eq!(item.rule, ts.rule.map(|r| r.describe()));
            assert_eq!(
                item.materials.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
                ts.materials.values().copied().collect::<Vec<_>>()
            );
            let prov = ts.provenance.as_ref().unwrap();
            assert_eq!(
                item.assumed.contains(&"time".to_string()),
                item.start.is_some() && (prov.assumes("start") || prov.assumes("duration_minutes"))
            );
            assert_eq!(
                item.assumed.contains(&"materials".to_string()),
                prov.assumes("materials")
            );
            assert_eq!(item.topics, ts.topics);
        }
    }
    let text = p.to_text(&[Lang::Sq, Lang::En]);
    let (sq, en) = text.split_at(text.find("Choose opportunities").unwrap());
    assert!(sq.contains("Punëtori me Komitetin Rajonal") && sq.contains("mbi 30"));
    assert!(en.contains("Workshop with the Regional Committee") && en.contains("more than 30"));
    assert!(en.contains("10:30–12:30*"));
    assert!(en.contains("Topics: Identifying victims of trafficking; Irregular migration;"));
}

#[test]
fn a_longer_window_lists_its_other_days_and_a_timetable_gives_real_times() {
    let c = Campaign::from_json(
        r#"{"format_version":1,"name":{"sq":"a","en":"b"},
            "visits":[{"id":"k","county":"Kukës","first_day":"2017-12-05","last_day":"2017-12-07",
              "timetable":{"school":[{"label":"Gjimnazi Havzi Nela","start":"09:00"},{"label":"Shkolla Hasan Prishtina","start":"11:00"}]}}]}"#,
    )
    .unwrap();
    let p = c.programme(None).unwrap();
    let v = &p.visits[0];
    assert_eq!(v.other_days.len(), 1);
    assert_eq!(v.other_days[0].to_string(), "2017-12-07");
    let schools: Vec<_> = v.days[1]
        .items
        .iter()
        .filter(|i| i.title.en.starts_with("Awareness"))
        .collect();
    assert_eq!(schools.len(), 2);
    assert_eq!(
        schools[0].title.en,
        "Awareness session in a school: Gjimnazi Havzi Nela"
    );
    assert!(!schools[0].assumed.contains(&"time".to_string()));
    assert!(!schools[0].assumed.contains(&"count".to_string()));
    assert_eq!(schools[1].start.unwrap().to_string(), "11:00:00");
    let en = p.to_text(&[Lang::En]);
    let line = en
        .lines()
        .find(|l| l.contains("Shkolla Hasan Prishtina"))
        .unwrap();
    assert!(line.trim_start().starts_with("11:00–12:00 "), "{line}");
    assert!(en.contains("7 December 2017: the calendar does not say what this day holds"));
}

#[test]
fn an_unknown_visit_is_an_error_at_visit() {
    let e = Campaign::builtin_2017()
        .programme(Some("nowhere"))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidValue);
    assert_eq!(e.location().to_string(), "$.visit");
}

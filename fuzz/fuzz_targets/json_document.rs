//! Any text as a campaign document: reading never panics; a document that reads is
//! checked, exported (CSV, iCalendar, timeline) and its calendar read back from CSV.
#![no_main]

use campaign_core::io::{to_ics, visits_from_csv, visits_to_csv, IcsOptions};
use campaign_core::{Campaign, CheckOptions, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(campaign) = Campaign::from_json(text) else {
        return;
    };
    let options = CheckOptions {
        max_findings_per_rule: Some(50),
        ..CheckOptions::default()
    };
    let report = campaign.check_with(&options).expect("default options are valid");
    let counts = report.counts;
    assert!(report.len() <= counts.error + counts.warning + counts.info + report.omitted().len());
    for i in 0..report.len() {
        assert!(report.message(i, Lang::En).is_some());
    }

    // The CSV calendar reads back as written (formula guards, `#` and all); CSV cells
    // are read trimmed, as documented.
    let visits = &campaign.document().visits;
    let back = visits_from_csv(&visits_to_csv(visits)).expect("our own CSV reads back");
    assert_eq!(back.len(), visits.len());
    let trim = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    for (a, b) in visits.iter().zip(&back) {
        assert_eq!((a.county.trim(), a.first_day, a.last_day), (b.county.as_str(), b.first_day, b.last_day));
        assert_eq!((trim(&a.id), trim(&a.team), trim(&a.round)), (b.id.clone(), b.team.clone(), b.round.clone()));
    }

    let stamp = "2017-10-01T00:00:00".parse().expect("a valid stamp");
    let ics = to_ics(&campaign, &IcsOptions::new(stamp));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75 && !l.contains('\n') && !l.contains('\r')));
    let _ = campaign_core::timeline::svg(&campaign, Some(&report), Lang::Sq);
});

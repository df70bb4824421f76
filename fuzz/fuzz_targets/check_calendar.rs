//! Structured calendars (many visits to few counties, shared teams, any dates in the
//! supported range) and options: checking never panics, and the counts do not depend
//! on how many findings are listed.
#![no_main]

use arbitrary::Arbitrary;
use campaign_core::{Campaign, CampaignDocument, CheckOptions, Text, Visit};
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;

const COUNTIES: [&str; 12] = [
    "Berat", "Dibër", "Durrës", "Elbasan", "Fier", "Gjirokastër", "Korçë", "Kukës", "Lezhë",
    "Shkodër", "Tiranë", "Vlorë",
];

#[derive(Debug, Arbitrary)]
enum Edge {
    Near,
    First,
    Last,
}

#[derive(Debug, Arbitrary)]
struct Input {
    visits: Vec<(u8, u16, u8, Option<u8>)>,
    edge: Edge,
    limit: Option<u8>,
    disabled: u32,
}

fuzz_target!(|input: Input| {
    // Visits within 800 days of a start (so that they collide): 2017-09-01, or the
    // edges of the supported range (1900-01-01, and 2199-10-01, where some visits run
    // past 2199-12-31 and must be refused).
    let base = match input.edge {
        Edge::Near => NaiveDate::from_ymd_opt(2017, 9, 1),
        Edge::First => NaiveDate::from_ymd_opt(1900, 1, 1),
        Edge::Last => NaiveDate::from_ymd_opt(2199, 10, 1),
    }
    .expect("a valid date");
    let visits: Vec<Visit> = input
        .visits
        .iter()
        .take(64)
        .map(|&(county, start, len, team)| {
            let first = base + Days::new(u64::from(start % 800));
            let mut v = Visit::new(COUNTIES[county as usize % 12], first, first + Days::new(u64::from(len % 6)));
            v.team = team.map(|t| format!("team-{}", t % 4));
            v
        })
        .collect();
    let doc = CampaignDocument::from_visits(Text::new("a", "b"), visits);
    let Ok(campaign) = Campaign::new(doc) else {
        return;
    };
    let codes = campaign_core::RuleCode::ALL;
    let disabled = codes
        .iter()
        .enumerate()
        .filter(|(i, _)| input.disabled & (1 << (i % 32)) != 0)
        .map(|(_, c)| *c)
        .collect::<Vec<_>>();
    let all = CheckOptions {
        disabled: disabled.clone(),
        max_findings_per_rule: None,
        ..CheckOptions::default()
    };
    let capped = CheckOptions {
        disabled,
        max_findings_per_rule: input.limit.map(u64::from),
        ..CheckOptions::default()
    };
    let full = campaign.check_with(&all).expect("valid options");
    let listed = campaign.check_with(&capped).expect("valid options");
    assert_eq!(full.counts, listed.counts);
    let c = full.counts;
    assert_eq!(full.len(), c.error + c.warning + c.info);
    assert!(listed.len() <= full.len() + listed.omitted().len());
});

//! Any sequence of ledger entries: each is recorded or refused with nothing changed;
//! stock and every county's net issued never go below zero.
#![no_main]

use arbitrary::Arbitrary;
use campaign_core::materials::{Channel, EntryKind, Ledger, LedgerEntry};
use campaign_core::Campaign;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
struct Entry {
    day: u16,
    county: u8,
    channel: u8,
    kind: u8,
    quantity: i64,
    small: bool,
}

fuzz_target!(|entries: Vec<Entry>| {
    static C2017: OnceLock<Campaign> = OnceLock::new();
    let c = C2017.get_or_init(Campaign::builtin_2017);
    let regions = c.regions().regions();
    let mut ledger = Ledger::for_material(c, "leaflets", None).expect("leaflets");
    let start = NaiveDate::from_ymd_opt(2017, 10, 1).expect("a valid date");
    for e in entries.iter().take(500) {
        let entry = LedgerEntry {
            date: start + Days::new(u64::from(e.day % 400)),
            county: regions[e.county as usize % regions.len()].code.clone(),
            channel: [Channel::School, Channel::Institution, Channel::PublicSpace][e.channel as usize % 3],
            kind: [EntryKind::Issue, EntryKind::Return, EntryKind::Correction][e.kind as usize % 3],
            quantity: if e.small { e.quantity % 20_000 } else { e.quantity },
            session: None,
            note: None,
        };
        let before = (ledger.entries().len(), ledger.net_issued(), ledger.remaining_stock());
        match ledger.record(entry) {
            Ok(()) => assert_eq!(ledger.entries().len(), before.0 + 1),
            Err(_) => assert_eq!((ledger.entries().len(), ledger.net_issued(), ledger.remaining_stock()), before),
        }
        assert!(ledger.remaining_stock() >= 0 && ledger.net_issued() >= 0);
        for county in 0..regions.len() {
            assert!(ledger.net_issued_in(county) >= 0);
        }
    }
});

//! Any text as a CSV calendar, attendance sheet or ledger sheet (the first byte picks
//! which): never a panic; every error has a line and column inside the text; a ledger
//! never goes below zero.
#![no_main]

use campaign_core::io::{attendance_from_csv, campaign_from_csv, ledger_from_csv};
use campaign_core::materials::Ledger;
use campaign_core::{Campaign, Error, Text};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Asserts that `e` is at a cell of a text of `lines` lines.
fn located(e: &Error, lines: u64) {
    let (line, column) = e.line_column().expect("CSV errors have a line and column");
    assert!(line >= 1 && line <= lines, "line {line} of {lines}: {e}");
    assert!(column >= 1, "{e}");
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    static C2017: OnceLock<Campaign> = OnceLock::new();
    let c2017 = C2017.get_or_init(Campaign::builtin_2017);
    let lines = text.split('\n').count() as u64;
    match which % 3 {
        0 => {
            if let Err(e) = campaign_from_csv(Text::new("a", "b"), text) {
                // Past-the-limit sizes are about the whole text; everything else has a cell.
                if e.line_column().is_some() {
                    located(&e, lines);
                }
            }
        }
        1 => {
            if let Ok(sheet) = attendance_from_csv(c2017, text) {
                sheet.errors.iter().for_each(|e| located(e, lines));
            }
        }
        _ => {
            let mut ledger = Ledger::for_material(c2017, "leaflets", None).expect("leaflets");
            if let Ok(entries) = ledger_from_csv(&mut ledger, text) {
                entries.errors.iter().for_each(|e| located(e, lines));
            }
            assert!(ledger.remaining_stock() >= 0);
            for county in 0..c2017.regions().len() {
                assert!(ledger.net_issued_in(county) >= 0);
            }
        }
    }
});

//! Helpers shared by the integration tests: a report's first finding of a rule, and
//! assertions on what a text says. They fail at the caller's line (`#[track_caller]`)
//! and show the whole text beside the part expected, so a shared helper does not hide
//! which assertion failed.

#![allow(dead_code)]

use campaign_core::{Finding, Report, RuleCode};

/// The first finding of `code` in `report`, in report order.
#[track_caller]
pub fn first(report: &Report, code: RuleCode) -> Finding {
    report
        .findings()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code:?} finding in {report:?}"))
}

/// Asserts that `text` contains `part`.
#[track_caller]
pub fn says(text: &str, part: &str) {
    assert!(text.contains(part), "{part:?} is not in {text:?}");
}

/// Asserts that `text` ends with `end`.
#[track_caller]
pub fn ends_with(text: &str, end: &str) {
    assert!(text.ends_with(end), "{text:?} does not end with {end:?}");
}

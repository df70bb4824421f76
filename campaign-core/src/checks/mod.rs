//! Checking a calendar: every rule a planner needs, each finding explained.
//!
//! - [`finding`]: the vocabulary (rule codes, severities, the compact record, findings);
//! - [`options`]: what a check takes besides the campaign;
//! - `engine`: the rule table, the shared context, the sink that keeps and counts
//!   findings, and the run;
//! - one file per family of rules: `overlap`, `coverage`, `dates`, `travel`, `capacity`;
//! - `explain`: what a finding says, rendered from its record on demand;
//! - [`report`]: the result.

mod capacity;
mod coverage;
mod dates;
mod engine;
mod explain;
pub mod finding;
pub mod options;
mod overlap;
pub mod report;
mod travel;

pub use finding::{Counts, Details, Finding, RuleCode, Severity};
pub use options::{Blackout, CheckOptions};
pub use overlap::{for_each_overlapping_pair, overlapping_pairs};
pub use report::{Brief, FindingColumns, FindingRow, Report};

pub(crate) use engine::run;
#[cfg(not(target_family = "wasm"))]
pub(crate) use overlap::worth_two_threads;

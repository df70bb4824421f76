//! Checking a calendar: every rule a planner needs, each finding explained.
//!
//! - [`finding`]: the vocabulary (rule codes, severities, findings, the report);
//! - [`options`]: what a check takes besides the campaign;
//! - `engine`: the rule table, the shared context and the run;
//! - one file per family of rules: `overlap`, `coverage`, `dates`, `travel`, `capacity`.

mod capacity;
mod coverage;
mod dates;
mod engine;
pub mod finding;
pub mod options;
mod overlap;
mod travel;

pub use finding::{Counts, Details, Finding, Report, RuleCode, Severity};
pub use options::{Blackout, CheckOptions};
pub use overlap::overlapping_pairs;

pub(crate) use engine::run;

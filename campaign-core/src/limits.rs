//! The limits of what the library reads, in one place. Each is far above any real
//! campaign (Albania has 12 counties; the 2017 calendar has 6 visits of 2–3 days) and
//! keeps work, memory and arithmetic bounded: no input can make a check run for hours,
//! allocate gigabytes or overflow a sum. Going past one is an [`Error::Limit`]
//! (`LIMIT_EXCEEDED`) that names the limit and where the value is.
//!
//! | limit | value |
//! | --- | --- |
//! | dates | 1900-01-01 … 2199-12-31 |
//! | size of a document or sheet | 64 MiB of text |
//! | visits in a campaign | 1,000,000 |
//! | sessions a campaign expands into | 10,000,000 |
//! | regions in a region set | 1,000 |
//! | days in one visit window | 366 |
//! | repetitions of one session in a visit (schools on day 2) | 1,000 |
//! | a quantity (stock, leaflets, ledger entry, fixed amount, population) | 10^15 |
//! | an allocation weight | 10^15 |
//!
//! Counts of findings are never limited; how many are *listed* per rule is an option
//! (`CheckOptions::max_findings_per_rule`).

use crate::error::{Error, Result};
use crate::location::Path;
use crate::reader::Names;
use chrono::NaiveDate;
use serde::Serialize;

/// Which limit a value went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Names)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// Dates from 1900-01-01 to 2199-12-31.
    Dates,
    /// Text of at most [`MAX_TEXT_BYTES`].
    TextSize,
    /// At most [`MAX_VISITS`] visits.
    Visits,
    /// At most [`MAX_SESSIONS`] sessions.
    Sessions,
    /// At most [`MAX_REGIONS`] regions.
    Regions,
    /// At most [`MAX_WINDOW_DAYS`] days in a visit window.
    WindowDays,
    /// At most [`MAX_REPETITIONS`] repetitions of a session.
    Repetitions,
    /// Quantities of at most [`MAX_QUANTITY`].
    Quantity,
    /// Allocation weights of at most [`MAX_WEIGHT`].
    Weight,
    /// At most [`MAX_TEAMS`] teams in a plan request.
    Teams,
}

/// The first day the library reads.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};
/// The last day the library reads.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("a valid date"),
};
/// The size of a JSON document or CSV sheet, in bytes.
pub const MAX_TEXT_BYTES: usize = 64 << 20;
/// Visits in one campaign.
pub const MAX_VISITS: usize = 1_000_000;
/// Sessions one campaign expands into.
pub const MAX_SESSIONS: usize = 10_000_000;
/// Regions in one region set.
pub const MAX_REGIONS: usize = 1_000;
/// Days in one visit window.
pub const MAX_WINDOW_DAYS: i64 = 366;
/// Repetitions of one template session in one visit.
pub const MAX_REPETITIONS: u32 = 1_000;
/// A quantity: stock, material per session, ledger entry, fixed amount, population.
pub const MAX_QUANTITY: u64 = 1_000_000_000_000_000;
/// Teams one plan request may name.
pub const MAX_TEAMS: usize = 32;
/// An allocation weight.
pub const MAX_WEIGHT: f64 = 1e15;

/// The error for a value at `at` past `limit`.
pub fn exceeded(
    at: impl Into<crate::location::Location>,
    limit: Limit,
    message: impl Into<String>,
) -> Error {
    Error::Limit {
        at: at.into(),
        limit,
        message: message.into(),
    }
}

/// `day`, if it lies in the dates the library reads.
///
/// ```
/// use campaign_core::{limits, Path};
/// let err = limits::date(&Path::root(), "0201-03-04".parse().unwrap()).unwrap_err();
/// assert_eq!(err.code().as_str(), "LIMIT_EXCEEDED");
/// ```
pub fn date(at: &Path, day: NaiveDate) -> Result<NaiveDate> {
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(exceeded(
            at,
            Limit::Dates,
            format!("{day} is outside the dates this library reads ({FIRST_DAY} to {LAST_DAY})"),
        ))
    }
}

/// `text`, if it is not longer than [`MAX_TEXT_BYTES`].
pub fn text(text: &str) -> Result<&str> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(exceeded(
            Path::root(),
            Limit::TextSize,
            format!(
                "the text has {} bytes, more than the limit of {MAX_TEXT_BYTES}",
                text.len()
            ),
        ));
    }
    Ok(text)
}

/// `n`, if it is at most `max` of what `what` names.
pub fn count(at: &Path, limit: Limit, n: usize, max: usize, what: &str) -> Result<usize> {
    if n > max {
        return Err(exceeded(
            at,
            limit,
            format!("{n} {what}, more than the limit of {max}"),
        ));
    }
    Ok(n)
}

/// `q`, if it is a quantity of at most [`MAX_QUANTITY`].
pub fn quantity(at: &Path, q: u64) -> Result<u64> {
    if q > MAX_QUANTITY {
        return Err(exceeded(
            at,
            Limit::Quantity,
            format!("{q} is more than the limit of {MAX_QUANTITY} for a quantity"),
        ));
    }
    Ok(q)
}

/// A signed quantity (a ledger entry), at most [`MAX_QUANTITY`] either way.
pub fn signed_quantity(at: &Path, q: i64) -> Result<i64> {
    quantity(at, q.unsigned_abs())?;
    Ok(q)
}

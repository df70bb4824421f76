//! What a check takes besides the campaign: rule switches, severities, holidays,
//! blackouts, school years and travel parameters.

use super::finding::{RuleCode, Severity};
use crate::calendar::{ExtraHoliday, SchoolYear};
use crate::campaign::{in_order, RANGE};
use crate::error::{Error, Result};
use crate::location::Path;
use crate::reader::FromJson;
use crate::text::Text;
use crate::travel::TravelOptions;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A period when no session may take place (e.g. elections).
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blackout {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Why, in both languages.
    pub reason: Text,
}

/// What the checks take besides the campaign: switches, severities, calendars, travel.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CheckOptions {
    /// Rules switched off.
    pub disabled: Vec<RuleCode>,
    /// Severity overrides.
    pub severities: BTreeMap<RuleCode, Severity>,
    /// Extra holidays (also corrected Bajram dates).
    pub extra_holidays: Vec<ExtraHoliday>,
    /// Blackout periods.
    pub blackouts: Vec<Blackout>,
    /// School years that replace the default calendar.
    pub school_years: Vec<SchoolYear>,
    /// Travel parameters.
    pub travel: TravelOptions,
    /// Findings listed per rule at most (the first in report order); the others are
    /// counted and summed up in one finding. `null` lists every finding.
    #[schemars(with = "Option<u64>")]
    pub max_findings_per_rule: Option<u64>,
    /// The day the plan is checked for, for rules about what should be settled by
    /// then (`TIMETABLE_NOT_CONFIRMED`); never the wall clock, so checks reproduce.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// Days before a visit by which a stakeholder's timetable must be confirmed
    /// (default 14, at most 366).
    pub timetable_notice_days: u32,
}

/// The default [`CheckOptions::timetable_notice_days`].
pub const DEFAULT_TIMETABLE_NOTICE_DAYS: u32 = 14;

/// The default [`CheckOptions::max_findings_per_rule`].
pub const MAX_FINDINGS_PER_RULE: u64 = 10_000;

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            disabled: Vec::new(),
            severities: BTreeMap::new(),
            extra_holidays: Vec::new(),
            blackouts: Vec::new(),
            school_years: Vec::new(),
            travel: TravelOptions::default(),
            max_findings_per_rule: Some(MAX_FINDINGS_PER_RULE),
            as_of: None,
            timetable_notice_days: DEFAULT_TIMETABLE_NOTICE_DAYS,
        }
    }
}

impl CheckOptions {
    /// Parses options from JSON; errors carry the JSON path.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::reader::read_json(text)
    }

    /// True unless the rule is switched off.
    pub fn enabled(&self, code: RuleCode) -> bool {
        !self.disabled.contains(&code)
    }

    /// The severity of a rule's findings: the user's override, or `default`.
    pub fn severity(&self, code: RuleCode, default: Severity) -> Severity {
        self.severities.get(&code).copied().unwrap_or(default)
    }

    /// Checks the values the reader cannot: ranges in order.
    pub fn validate(&self) -> Result<()> {
        let root = Path::root();
        if self.timetable_notice_days > crate::limits::MAX_WINDOW_DAYS as u32 {
            return Err(Error::invalid(
                root.key("timetable_notice_days"),
                format!(
                    "{} days: at most {} days of notice",
                    self.timetable_notice_days,
                    crate::limits::MAX_WINDOW_DAYS
                ),
            ));
        }
        let blackouts = root.key("blackouts");
        for (i, b) in self.blackouts.iter().enumerate() {
            in_order(&blackouts.index(i), RANGE, b.start, b.end)?;
        }
        let years = root.key("school_years");
        for (i, y) in self.school_years.iter().enumerate() {
            let year = years.index(i);
            in_order(&year, RANGE, y.start, y.end)?;
            let breaks = year.key("breaks");
            for (k, b) in y.breaks.iter().enumerate() {
                b.check_order(&breaks.index(k))?;
            }
        }
        Ok(())
    }
}

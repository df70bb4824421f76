//! The campaign document, format v1: what planners write and exchange.

use crate::audience::Audience;
use crate::columns::{Column, Contract};
use crate::error::{Error, Result};
use crate::location::Path;
use crate::provenance::Provenance;
use crate::reader::FromJson;
use crate::region::RegionSetData;
use crate::template::EventTemplate;
use crate::text::Text;
use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The document format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// The days from `start` to `end`, both included.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        DateRange { start, end }
    }

    /// True if `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Every day of the range, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let end = self.end;
        self.start.iter_days().take_while(move |d| *d <= end)
    }
}

/// The fields of a visit's days and their words in messages.
pub(crate) const VISIT_DAYS: Fields = [("first_day", "first day"), ("last_day", "last day")];
/// The fields of a range (a [`DateRange`], a blackout, an absence …) and their words.
pub(crate) const RANGE: Fields = [("start", "start"), ("end", "end")];
/// The first and last day's fields of an object: (key, words) each.
pub(crate) type Fields = [(&'static str, &'static str); 2];

/// `Ok` when `last` is not before `first`; otherwise INVALID_VALUE at the last day's
/// field of the object at `at`, naming both days (`last day 2017-10-15 is before first
/// day 2017-10-16`). Every range of days that a document, a calendar sheet, check
/// options or a plan request holds is checked here.
pub(crate) fn in_order(
    at: &Path,
    [(_, first_words), (last_key, last_words)]: Fields,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<()> {
    if last >= first {
        return Ok(());
    }
    Err(Error::invalid(
        at.key(last_key),
        format!("{last_words} {last} is before {first_words} {first}"),
    ))
}

impl DateRange {
    /// [`in_order`] for a range's `start` and `end`.
    pub(crate) fn check_order(&self, at: &Path) -> Result<()> {
        in_order(at, RANGE, self.start, self.end)
    }
}

impl std::fmt::Display for DateRange {
    /// `2017-10-16 – 2017-10-17`, or one date when the range is one day.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} – {}", self.start, self.end)
        }
    }
}

/// A round (usually a year) of the campaign.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Identifier, e.g. `"2017"`.
    pub id: String,
    /// Label in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// When the round runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
}

/// A travelling team.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Identifier used by visits.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A named person whose presence is required (by role; no personal data is needed).
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Identifier used by visits, e.g. `national_coordinator`.
    pub id: String,
    /// Role or name as the planners write it.
    pub name: String,
}

/// A stock of printed material.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Identifier used by templates, e.g. `leaflets`.
    pub id: String,
    /// Label in both languages.
    pub label: Text,
    /// Units in stock at the start of the campaign.
    pub stock: u64,
    /// What else is known about it (who produced it, where it is handed out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A timetable slot of a repeated session (e.g. one school on day 2).
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// What the slot is, e.g. the school's name.
    pub label: String,
    /// Start time set by the Regional Education Directorate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub start: Option<NaiveTime>,
}

/// A county visit: a template instantiated in a window of days.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Identifier; defaults to `v1`, `v2` … by position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// County code or name (`AL-02`, `Durrës`, `Durresi` …).
    pub county: String,
    /// First day of the window.
    #[serde(serialize_with = "crate::isodate::serialize_date")]
    pub first_day: NaiveDate,
    /// Last day of the window (inclusive).
    #[serde(serialize_with = "crate::isodate::serialize_date")]
    pub last_day: NaiveDate,
    /// Team id; visits without a team belong to the campaign's one implicit team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Round id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Template id; defaults to the campaign's default template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Pins template days to dates: entry k is the date of template day k+1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_dates: Option<Vec<NaiveDate>>,
    /// Template parameter overrides, e.g. `{"schools": 5}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, u32>,
    /// Timetables for repeated sessions, by template session id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub timetable: BTreeMap<String, Vec<Slot>>,
    /// Planned invitations per template session id (overrides the template).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub invitations: BTreeMap<String, u32>,
    /// People (by id) who must attend the whole visit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True once the stakeholder that sets a timetable (the Regional Education
    /// Directorate, for the schools) has confirmed it for this visit.
    #[serde(default, skip_serializing_if = "is_false")]
    pub timetable_confirmed: bool,
}

impl Visit {
    /// A visit with just county and dates.
    pub fn new(county: impl Into<String>, first_day: NaiveDate, last_day: NaiveDate) -> Self {
        Visit {
            id: None,
            county: county.into(),
            first_day,
            last_day,
            team: None,
            round: None,
            template: None,
            timetable_confirmed: false,
            day_dates: None,
            parameters: BTreeMap::new(),
            timetable: BTreeMap::new(),
            invitations: BTreeMap::new(),
            people: Vec::new(),
            note: None,
        }
    }

    /// Number of days in the window.
    pub fn window_days(&self) -> i64 {
        (self.last_day - self.first_day).num_days() + 1
    }
}

/// A campaign document, format v1: what planners write and exchange.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignDocument {
    /// Must be 1.
    pub format_version: u32,
    /// Campaign name in both languages.
    pub name: Text,
    /// What the campaign is for, in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aim: Option<Text>,
    /// Sources the document's provenance refers to, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
    /// Where the document's facts come from, and which of its fields are assumptions
    /// (dotted names: `period`, `rounds.2018`, `visits.kukes-2017.last_day`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Organising bodies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisers: Vec<String>,
    /// Partner bodies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// The campaign period; visits outside it are flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
    /// Regions; Albania's 12 counties when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<RegionSetData>,
    /// Counties (codes or names) the campaign must cover; all regions when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    /// Rounds, e.g. 2017 and 2018.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// Teams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// People whose presence is planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Audiences in addition to the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Audience>,
    /// Templates in addition to the built-in two-day template.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<EventTemplate>,
    /// Template used by visits that name none; the built-in two-day template when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_template: Option<String>,
    /// Material stock.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Material>,
    /// The calendar.
    pub visits: Vec<Visit>,
}

impl CampaignDocument {
    /// A document around a calendar: the teams and rounds its visits name are declared
    /// in order of first appearance.
    pub fn from_visits(name: Text, visits: Vec<Visit>) -> Self {
        let mut doc = CampaignDocument::new(name);
        doc.declare(
            visits
                .iter()
                .map(|v| (v.team.as_deref(), v.round.as_deref())),
        );
        doc.visits = visits;
        doc
    }

    /// Declares the teams and rounds that visits name (`(team, round)` per visit), in
    /// order of first appearance.
    pub(crate) fn declare<'a>(
        &mut self,
        named: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
    ) {
        // Seen ids in hash sets: a calendar may name 10^5 distinct teams.
        let mut teams = crate::hash::Set::default();
        let mut rounds = crate::hash::Set::default();
        for (team, round) in named {
            if let Some(t) = team {
                if teams.insert(t) {
                    self.teams.push(Team {
                        id: t.to_owned(),
                        name: None,
                    });
                }
            }
            if let Some(r) = round {
                if rounds.insert(r) {
                    self.rounds.push(Round {
                        id: r.to_owned(),
                        label: None,
                        period: None,
                    });
                }
            }
        }
    }

    /// An empty document with a name.
    pub fn new(name: Text) -> Self {
        CampaignDocument {
            format_version: FORMAT_VERSION,
            name,
            aim: None,
            sources: BTreeMap::new(),
            provenance: None,
            organisers: vec![],
            partners: vec![],
            period: None,
            regions: None,
            scope: None,
            rounds: vec![],
            teams: vec![],
            people: vec![],
            audiences: vec![],
            templates: vec![],
            default_template: None,
            materials: vec![],
            visits: vec![],
        }
    }
}

/// The columns of a calendar sheet: one visit per row.
pub const CALENDAR_COLUMNS: Contract = Contract {
    what: "calendar rows",
    columns: &[
        Column {
            name: "county",
            required: true,
        },
        Column {
            name: "first_day",
            required: true,
        },
        Column {
            name: "last_day",
            required: true,
        },
        Column {
            name: "team",
            required: false,
        },
        Column {
            name: "round",
            required: false,
        },
        Column {
            name: "id",
            required: false,
        },
    ],
};

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_out_of_order_names_its_end_and_both_days() {
        let day = |d| NaiveDate::from_ymd_opt(2017, 10, d).unwrap();
        let root = Path::root();
        let visits = root.key("visits");
        let visit = visits.index(3);
        assert!(in_order(&visit, VISIT_DAYS, day(16), day(16)).is_ok());
        let e = in_order(&visit, VISIT_DAYS, day(16), day(15)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid value at $.visits[3].last_day: last day 2017-10-15 is before first day 2017-10-16"
        );
        let window = root.key("window");
        assert!(DateRange::new(day(1), day(2)).check_order(&window).is_ok());
        let e = DateRange::new(day(2), day(1))
            .check_order(&window)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid value at $.window.end: end 2017-10-01 is before start 2017-10-02"
        );
    }
}

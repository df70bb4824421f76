//! What the planner takes: the counties to place, the window, the teams, people's
//! absences and the preferences, read from JSON like every other input.

use crate::campaign::DateRange;
use crate::checks::CheckOptions;
use crate::reader::{FromJson, Names};
use crate::text::Lang;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// A day of the week, as requests name it (`"tuesday"`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The chrono weekday.
    pub fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// A team the planner may give visits to.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanTeam {
    /// Team id; declared in the campaign if it is not yet.
    pub id: String,
    /// County (code or name) the team starts from; counted in the travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home: Option<String>,
    /// People (ids of the campaign's people) who travel with the team: their absences
    /// and other visits block the team, and planned visits list them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

/// Days a person cannot travel.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absence {
    /// Person id (one of the campaign's people).
    pub person: String,
    /// First day away.
    pub start: NaiveDate,
    /// Last day away (inclusive).
    pub end: NaiveDate,
    /// Why, if the planner should say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What to plan, and under which rules and preferences.
///
/// Every field has a default, so `{}` plans the counties of the campaign's scope that no
/// visit covers yet, with its teams, in the period of its next round.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PlanRequest {
    /// Counties (codes or names) to place; by default the scope's counties that no fixed
    /// visit covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counties: Option<Vec<String>>,
    /// Days the planned visits may use. By default the period of the first round after
    /// the last round with a visit; else from the day after the last visit to the end of
    /// the campaign period; else 183 days from the day after the last visit. At most 366
    /// days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<DateRange>,
    /// Template of the planned visits; the campaign's default when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Round of the planned visits; by default the round whose period holds the
    /// window's first day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Teams; by default the campaign's teams, or its one implicit team.
    pub teams: Vec<PlanTeam>,
    /// People's absences.
    pub unavailable: Vec<Absence>,
    /// Ids of visits the planner may move; the others stay as they are.
    pub movable: Vec<String>,
    /// Weekdays every day of a planned visit must fall on (default Monday to Friday).
    pub weekdays: Vec<Weekday>,
    /// Free days a team keeps between two visits, besides travel (default 0).
    pub rest_days: u32,
    /// At most this many visits of one team start in one week (Monday to Sunday).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_visits_per_week: Option<u32>,
    /// False to keep planned visits off the days just before and after a public holiday.
    pub next_to_holiday: bool,
    /// The language of the reasons written into the planned visits' notes.
    pub lang: Lang,
    /// Holidays, blackouts, school years and travel parameters; the same options judge
    /// the result.
    pub check: CheckOptions,
}

impl Default for PlanRequest {
    fn default() -> Self {
        PlanRequest {
            counties: None,
            window: None,
            template: None,
            round: None,
            teams: Vec::new(),
            unavailable: Vec::new(),
            movable: Vec::new(),
            weekdays: vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
            ],
            rest_days: 0,
            max_visits_per_week: None,
            next_to_holiday: true,
            lang: Lang::Sq,
            check: CheckOptions::default(),
        }
    }
}

impl PlanRequest {
    /// Parses a request from JSON; errors carry the JSON path.
    ///
    /// ```
    /// let r = campaign_core::plan::PlanRequest::from_json(
    ///     r#"{"weekdays": ["tuesday", "wednesday", "thursday"], "rest_days": 1}"#,
    /// ).unwrap();
    /// assert_eq!(r.weekdays.len(), 3);
    /// assert!(r.next_to_holiday);
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Self> {
        crate::reader::read_json(text)
    }

    /// The days of the window (after the defaults were applied).
    pub(crate) fn window_len(w: &DateRange) -> i64 {
        (w.end - w.start).num_days() + 1
    }
}

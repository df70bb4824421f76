//! Event templates: what happens on each day of a county visit.

use crate::provenance::Provenance;
use crate::reader::{FromJson, Names};
use crate::text::Text;
use crate::threshold::ParticipantRule;
use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What kind of session this is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Awareness meeting with the Regional Anti-Trafficking Committee and its Technical Table.
    CommitteeMeeting,
    /// Workshop with the committee, council, sub-prefects, education and local government.
    Workshop,
    /// Meeting with civil-society organisations.
    CivilSocietyMeeting,
    /// Meeting with education-system staff.
    EducationStaffMeeting,
    /// Meeting with the Regional Employment Office.
    EmploymentOfficeMeeting,
    /// Awareness session in a school.
    SchoolSession,
    /// Leaflet distribution or event in a public space.
    PublicEvent,
    /// Anything else.
    Other,
}

/// Where a session takes place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// An institution (prefecture, municipality, office).
    Institution,
    /// A school.
    School,
    /// A public space such as a promenade.
    PublicSpace,
}

/// How many times a template session repeats on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Repeat {
    /// A fixed number of times.
    Times(u32),
    /// As many times as a template parameter says (a visit may override it).
    Parameter(String),
}

/// One session of a template day.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateSession {
    /// Identifier, unique within the template, e.g. `workshop`.
    pub id: String,
    /// Kind of session.
    pub kind: SessionKind,
    /// Title in both languages.
    pub title: Text,
    /// Venue type.
    pub venue: Venue,
    /// Audience ids (built-in or defined in the campaign).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Participant rule, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<ParticipantRule>,
    /// Planned invitations or room capacity, if known (a visit may override it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_participants: Option<u32>,
    /// Planned materials handed out, by material id (e.g. `{"leaflets": 300}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub materials: BTreeMap<String, u64>,
    /// Start time, if fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub start: Option<NaiveTime>,
    /// Duration in minutes.
    #[serde(default = "default_duration")]
    pub duration_minutes: u32,
    /// How many times the session repeats (default once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    /// Free-text note, e.g. "leaflet distribution is coordinated here".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Topics discussed, in both languages (e.g. the 2017 workshop's: identifying
    /// victims of trafficking, irregular migration, the school's role in prevention).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Text>,
    /// The stakeholder (audience id) that sets and confirms the session's timetable,
    /// e.g. `regional_education_directorate` for the school sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timetable_by: Option<String>,
    /// Where the session comes from, and which of its values are assumptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

fn default_duration() -> u32 {
    90
}

/// One day of a template.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateDay {
    /// The sessions of the day in running order.
    pub sessions: Vec<TemplateSession>,
}

/// A multi-day event template, e.g. the 2017 two-day county visit.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventTemplate {
    /// Identifier, e.g. `two_day_2017`.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Default values of the template's parameters (e.g. `{"schools": 4}`).
    #[serde(default)]
    pub parameters: BTreeMap<String, u32>,
    /// The days, in order; day 1 first.
    pub days: Vec<TemplateDay>,
    /// Where the template comes from, and which of its values are assumptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// Id of the built-in two-day template.
pub const TWO_DAY_TEMPLATE: &str = "two_day_2017";

impl EventTemplate {
    /// The 2017 two-day template, from `data/template_two_day_2017.json`: day 1 committee
    /// meeting, workshop (more than 30 participants, leaflet distribution coordinated),
    /// civil-society, education-staff and employment-office meetings; day 2 sessions in
    /// `schools` schools. Start times, durations, leaflets per session and the number of
    /// schools (4) are assumptions, marked in each entry's provenance.
    ///
    /// ```
    /// let t = campaign_core::EventTemplate::two_day();
    /// assert_eq!(t.days.len(), 2);
    /// assert_eq!(t.days[0].sessions[1].rule, Some(campaign_core::ParticipantRule::MoreThan(30)));
    /// ```
    pub fn two_day() -> EventTemplate {
        crate::builtin::two_day_template().clone()
    }

    /// The session with id `id`, on any day.
    pub fn session(&self, id: &str) -> Option<&TemplateSession> {
        self.days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|s| s.id == id)
    }
}

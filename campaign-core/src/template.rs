//! Event templates: what happens on each day of a county visit.

use crate::reader::FromJson;
use crate::text::Text;
use crate::threshold::ParticipantRule;
use chrono::NaiveTime;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// What kind of session this is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, JsonSchema,
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

impl SessionKind {
    /// Every kind, in declaration order.
    pub const ALL: [SessionKind; 8] = [
        SessionKind::CommitteeMeeting,
        SessionKind::Workshop,
        SessionKind::CivilSocietyMeeting,
        SessionKind::EducationStaffMeeting,
        SessionKind::EmploymentOfficeMeeting,
        SessionKind::SchoolSession,
        SessionKind::PublicEvent,
        SessionKind::Other,
    ];

    /// The snake_case identifier used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::CommitteeMeeting => "committee_meeting",
            SessionKind::Workshop => "workshop",
            SessionKind::CivilSocietyMeeting => "civil_society_meeting",
            SessionKind::EducationStaffMeeting => "education_staff_meeting",
            SessionKind::EmploymentOfficeMeeting => "employment_office_meeting",
            SessionKind::SchoolSession => "school_session",
            SessionKind::PublicEvent => "public_event",
            SessionKind::Other => "other",
        }
    }
}

/// Where a session takes place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, JsonSchema,
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

impl Venue {
    /// The snake_case identifier used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Venue::Institution => "institution",
            Venue::School => "school",
            Venue::PublicSpace => "public_space",
        }
    }
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
}

/// Id of the built-in two-day template.
pub const TWO_DAY_TEMPLATE: &str = "two_day_2017";

impl EventTemplate {
    /// The seed's two-day template: day 1 committee meeting, workshop (more than 30
    /// participants, leaflet distribution coordinated), civil-society, education-staff and
    /// employment-office meetings; day 2 sessions in `schools` schools (default 4).
    ///
    /// ```
    /// let t = campaign_core::EventTemplate::two_day();
    /// assert_eq!(t.days.len(), 2);
    /// assert_eq!(t.days[0].sessions[1].rule, Some(campaign_core::ParticipantRule::MoreThan(30)));
    /// ```
    pub fn two_day() -> EventTemplate {
        use SessionKind::*;
        let t = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0);
        let s = |id: &str, kind, title: Text, venue, aud: &[&str], start, leaflets: u64| {
            TemplateSession {
                id: id.into(),
                kind,
                title,
                venue,
                audiences: aud.iter().map(|a| a.to_string()).collect(),
                rule: None,
                planned_participants: None,
                materials: if leaflets > 0 {
                    BTreeMap::from([("leaflets".to_string(), leaflets)])
                } else {
                    BTreeMap::new()
                },
                start,
                duration_minutes: 90,
                repeat: None,
                note: None,
            }
        };
        let mut workshop = s(
            "workshop",
            Workshop,
            Text::new(
                "Punëtori me Komitetin Rajonal, Tryezën Teknike dhe partnerët",
                "Workshop with the Regional Committee, Technical Table and partners",
            ),
            Venue::Institution,
            &[
                "anti_trafficking_committee",
                "technical_table",
                "county_council",
                "sub_prefects",
                "education_staff",
                "local_government",
            ],
            t(10, 30),
            300,
        );
        workshop.rule = Some(ParticipantRule::MoreThan(30));
        workshop.duration_minutes = 120;
        workshop.note = Some(Text::new(
            "Këtu koordinohet shpërndarja e fletëpalosjeve.",
            "Leaflet distribution is coordinated here.",
        ));
        let mut school = s(
            "school",
            SchoolSession,
            Text::new(
                "Takim sensibilizues në shkollë",
                "Awareness session in a school",
            ),
            Venue::School,
            &["upper_secondary_students", "nine_year_students", "teachers"],
            None,
            400,
        );
        school.repeat = Some(Repeat::Parameter("schools".into()));
        school.duration_minutes = 60;
        EventTemplate {
            id: TWO_DAY_TEMPLATE.into(),
            name: Text::new("Vizitë dyditore në qark (2017)", "Two-day county visit (2017)"),
            parameters: BTreeMap::from([("schools".to_string(), 4)]),
            days: vec![
                TemplateDay {
                    sessions: vec![
                        s("committee", CommitteeMeeting, Text::new("Takim me Komitetin Rajonal Antitrafik dhe Tryezën Teknike", "Meeting with the Regional Anti-Trafficking Committee and Technical Table"), Venue::Institution, &["anti_trafficking_committee", "technical_table"], t(9, 0), 0),
                        workshop,
                        s("civil_society", CivilSocietyMeeting, Text::new("Takim me organizatat e shoqërisë civile", "Meeting with civil-society organisations"), Venue::Institution, &["civil_society"], t(13, 0), 100),
                        s("education_staff", EducationStaffMeeting, Text::new("Takim me punonjësit e sistemit arsimor", "Meeting with education staff"), Venue::Institution, &["education_staff"], t(14, 30), 100),
                        s("employment_office", EmploymentOfficeMeeting, Text::new("Takim me Zyrën Rajonale të Punësimit", "Meeting with the Regional Employment Office"), Venue::Institution, &["employment_office"], t(16, 0), 100),
                    ],
                },
                TemplateDay { sessions: vec![school] },
            ],
        }
    }
}

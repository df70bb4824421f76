//! The campaign document (format v1) and its validated form.

use crate::audience::{builtin_audiences, Audience};
use crate::error::{Error, Result};
use crate::reader::FromJson;
use crate::region::{RegionSet, RegionSetData};
use crate::template::{EventTemplate, Repeat};
use crate::text::Text;
use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

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
    /// True if `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
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
    pub first_day: NaiveDate,
    /// Last day of the window (inclusive).
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
    /// An empty document with a name.
    pub fn new(name: Text) -> Self {
        CampaignDocument {
            format_version: FORMAT_VERSION,
            name,
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

/// A visit with its references resolved to indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedVisit {
    /// The visit's id (given or `v<position>`).
    pub id: String,
    /// Index into the region set.
    pub county: usize,
    /// Team index; `None` is the implicit campaign team.
    pub team: Option<usize>,
    /// Round index.
    pub round: Option<usize>,
    /// Index into [`Campaign::templates`].
    pub template: usize,
    /// People indices.
    pub people: Vec<usize>,
    /// First day of the window.
    pub first_day: NaiveDate,
    /// Last day of the window.
    pub last_day: NaiveDate,
}

/// A validated campaign: every reference resolves, every date range is ordered.
#[derive(Debug, Clone)]
pub struct Campaign {
    doc: CampaignDocument,
    regions: Arc<RegionSet>,
    templates: Vec<EventTemplate>,
    audiences: Vec<Audience>,
    visits: Vec<ResolvedVisit>,
    scope: Vec<usize>,
}

/// The built-in 2017 campaign document (JSON text).
pub const CAMPAIGN_2017_JSON: &str = include_str!("../data/campaign_2017.json");

impl Campaign {
    /// Parses and validates a JSON document. Errors carry the JSON path.
    ///
    /// ```
    /// let err = campaign_core::Campaign::from_json(
    ///     r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[{"county":"Durrës","first_day":"2017-10-16","last_day":"2017-10-1"}]}"#,
    /// ).unwrap_err();
    /// assert_eq!(err.path(), Some("$.visits[0].last_day"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let doc: CampaignDocument = crate::reader::read_json(text)?;
        Campaign::new(doc)
    }

    /// Validates a document.
    pub fn new(doc: CampaignDocument) -> Result<Self> {
        if doc.format_version != FORMAT_VERSION {
            return Err(Error::invalid(
                "$.format_version",
                format!(
                    "unsupported format version {} (this library reads {FORMAT_VERSION})",
                    doc.format_version
                ),
            ));
        }
        let regions = match &doc.regions {
            None => Arc::new(RegionSet::albania().clone()),
            Some(data) => {
                Arc::new(RegionSet::from_data(data.clone()).map_err(|e| prefix(e, "$.regions"))?)
            }
        };

        let mut audiences = builtin_audiences();
        let mut audience_ids: HashSet<String> = audiences.iter().map(|a| a.id.clone()).collect();
        for (i, a) in doc.audiences.iter().enumerate() {
            if !audience_ids.insert(a.id.clone()) {
                return Err(Error::invalid(
                    format!("$.audiences[{i}].id"),
                    format!("duplicate audience id {:?}", a.id),
                ));
            }
            audiences.push(a.clone());
        }

        let mut templates = vec![EventTemplate::two_day()];
        for (i, t) in doc.templates.iter().enumerate() {
            let path = format!("$.templates[{i}]");
            if templates.iter().any(|x| x.id == t.id) {
                return Err(Error::invalid(
                    format!("{path}.id"),
                    format!("duplicate template id {:?}", t.id),
                ));
            }
            validate_template(t, &path, &audience_ids)?;
            templates.push(t.clone());
        }
        let template_index = |id: &str| templates.iter().position(|t| t.id == id);
        let default_template = match &doc.default_template {
            None => 0,
            Some(id) => template_index(id).ok_or_else(|| {
                Error::invalid("$.default_template", format!("unknown template {id:?}"))
            })?,
        };

        let teams = unique_ids(doc.teams.iter().map(|t| t.id.as_str()), "$.teams")?;
        let people = unique_ids(doc.people.iter().map(|p| p.id.as_str()), "$.people")?;
        let rounds = unique_ids(doc.rounds.iter().map(|r| r.id.as_str()), "$.rounds")?;
        unique_ids(doc.materials.iter().map(|m| m.id.as_str()), "$.materials")?;
        check_range(doc.period.as_ref(), "$.period")?;
        for (i, r) in doc.rounds.iter().enumerate() {
            check_range(r.period.as_ref(), &format!("$.rounds[{i}].period"))?;
        }

        let scope = match &doc.scope {
            None => (0..regions.len()).collect(),
            Some(list) => {
                let mut out = Vec::with_capacity(list.len());
                for (i, name) in list.iter().enumerate() {
                    let c = regions
                        .find_index(name)
                        .map_err(|e| e.at(format!("$.scope[{i}]")))?;
                    if out.contains(&c) {
                        return Err(Error::invalid(
                            format!("$.scope[{i}]"),
                            format!("county {name:?} listed twice"),
                        ));
                    }
                    out.push(c);
                }
                out
            }
        };

        let mut visits = Vec::with_capacity(doc.visits.len());
        let mut visit_ids = HashSet::with_capacity(doc.visits.len());
        let mut county_cache: HashMap<&str, usize> = HashMap::new();
        for (i, v) in doc.visits.iter().enumerate() {
            let path = format!("$.visits[{i}]");
            let id = v.id.clone().unwrap_or_else(|| format!("v{}", i + 1));
            if id.is_empty() {
                return Err(Error::invalid(format!("{path}.id"), "empty visit id"));
            }
            if !visit_ids.insert(id.clone()) {
                return Err(Error::invalid(
                    format!("{path}.id"),
                    format!("duplicate visit id {id:?}"),
                ));
            }
            let county = match county_cache.get(v.county.as_str()) {
                Some(&c) => c,
                None => {
                    let c = regions
                        .find_index(&v.county)
                        .map_err(|e| e.at(format!("{path}.county")))?;
                    county_cache.insert(&v.county, c);
                    c
                }
            };
            if v.last_day < v.first_day {
                return Err(Error::invalid(
                    format!("{path}.last_day"),
                    format!(
                        "last day {} is before first day {}",
                        v.last_day, v.first_day
                    ),
                ));
            }
            let team = lookup(&teams, v.team.as_deref(), &format!("{path}.team"), "team")?;
            let round = lookup(
                &rounds,
                v.round.as_deref(),
                &format!("{path}.round"),
                "round",
            )?;
            let template = match &v.template {
                None => default_template,
                Some(t) => template_index(t).ok_or_else(|| {
                    Error::invalid(
                        format!("{path}.template"),
                        format!("unknown template {t:?}"),
                    )
                })?,
            };
            let tpl = &templates[template];
            for key in v.parameters.keys() {
                if !tpl.parameters.contains_key(key) {
                    return Err(Error::invalid(
                        format!("{path}.parameters.{key}"),
                        format!("template {:?} has no parameter {key:?}", tpl.id),
                    ));
                }
            }
            let session_ids: HashSet<&str> = tpl
                .days
                .iter()
                .flat_map(|d| d.sessions.iter().map(|s| s.id.as_str()))
                .collect();
            for key in v.timetable.keys().chain(v.invitations.keys()) {
                if !session_ids.contains(key.as_str()) {
                    let field = if v.timetable.contains_key(key) {
                        "timetable"
                    } else {
                        "invitations"
                    };
                    return Err(Error::invalid(
                        format!("{path}.{field}.{key}"),
                        format!("template {:?} has no session {key:?}", tpl.id),
                    ));
                }
            }
            if let Some(dates) = &v.day_dates {
                if dates.len() != tpl.days.len() {
                    return Err(Error::invalid(
                        format!("{path}.day_dates"),
                        format!(
                            "template {:?} has {} days but {} dates are pinned",
                            tpl.id,
                            tpl.days.len(),
                            dates.len()
                        ),
                    ));
                }
                for (k, d) in dates.iter().enumerate() {
                    if *d < v.first_day || *d > v.last_day {
                        return Err(Error::invalid(
                            format!("{path}.day_dates[{k}]"),
                            format!("{d} is outside the visit window"),
                        ));
                    }
                    if k > 0 && *d <= dates[k - 1] {
                        return Err(Error::invalid(
                            format!("{path}.day_dates[{k}]"),
                            "pinned days must be in increasing order",
                        ));
                    }
                }
            }
            let mut ppl = Vec::with_capacity(v.people.len());
            for (k, p) in v.people.iter().enumerate() {
                let idx = lookup(&people, Some(p), &format!("{path}.people[{k}]"), "person")?
                    .expect("some");
                ppl.push(idx);
            }
            visits.push(ResolvedVisit {
                id,
                county,
                team,
                round,
                template,
                people: ppl,
                first_day: v.first_day,
                last_day: v.last_day,
            });
        }

        Ok(Campaign {
            doc,
            regions,
            templates,
            audiences,
            visits,
            scope,
        })
    }

    /// The built-in 2017 campaign "Choose opportunities, not irregular migration!".
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// assert_eq!(c.document().visits.len(), 6);
    /// ```
    pub fn builtin_2017() -> Campaign {
        Campaign::from_json(CAMPAIGN_2017_JSON).expect("built-in 2017 campaign is valid")
    }

    /// Serialises the document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.doc).expect("documents always serialise")
    }

    /// The document as written.
    pub fn document(&self) -> &CampaignDocument {
        &self.doc
    }

    /// Consumes the campaign, returning its document.
    pub fn into_document(self) -> CampaignDocument {
        self.doc
    }

    /// The region set.
    pub fn regions(&self) -> &RegionSet {
        &self.regions
    }

    /// All templates: the built-in two-day template first, then the document's.
    pub fn templates(&self) -> &[EventTemplate] {
        &self.templates
    }

    /// All audiences: built-in first, then the document's.
    pub fn audiences(&self) -> &[Audience] {
        &self.audiences
    }

    /// Visits with resolved references, in document order.
    pub fn visits(&self) -> &[ResolvedVisit] {
        &self.visits
    }

    /// Region indices the campaign must cover.
    pub fn scope(&self) -> &[usize] {
        &self.scope
    }

    /// The display label of a team index (`None` is the implicit team).
    pub fn team_label(&self, team: Option<usize>) -> &str {
        match team {
            Some(t) => &self.doc.teams[t].id,
            None => "(campaign team)",
        }
    }
}

fn validate_template(t: &EventTemplate, path: &str, audiences: &HashSet<String>) -> Result<()> {
    if t.id.is_empty() {
        return Err(Error::invalid(format!("{path}.id"), "empty template id"));
    }
    if t.days.is_empty() {
        return Err(Error::invalid(
            format!("{path}.days"),
            "a template needs at least one day",
        ));
    }
    let mut ids = HashSet::new();
    for (d, day) in t.days.iter().enumerate() {
        if day.sessions.is_empty() {
            return Err(Error::invalid(
                format!("{path}.days[{d}].sessions"),
                "a template day needs at least one session",
            ));
        }
        for (s, sess) in day.sessions.iter().enumerate() {
            let sp = format!("{path}.days[{d}].sessions[{s}]");
            if !ids.insert(sess.id.as_str()) {
                return Err(Error::invalid(
                    format!("{sp}.id"),
                    format!("duplicate session id {:?}", sess.id),
                ));
            }
            for (a, aud) in sess.audiences.iter().enumerate() {
                if !audiences.contains(aud) {
                    return Err(Error::invalid(
                        format!("{sp}.audiences[{a}]"),
                        format!("unknown audience {aud:?}"),
                    ));
                }
            }
            if let Some(crate::ParticipantRule::Between { min, max }) = sess.rule {
                if min > max {
                    return Err(Error::invalid(
                        format!("{sp}.rule"),
                        format!("min {min} is above max {max}"),
                    ));
                }
            }
            if let Some(Repeat::Parameter(p)) = &sess.repeat {
                if !t.parameters.contains_key(p) {
                    return Err(Error::invalid(
                        format!("{sp}.repeat"),
                        format!("unknown template parameter {p:?}"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: &str,
) -> Result<HashMap<String, usize>> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(Error::invalid(format!("{path}[{i}].id"), "empty id"));
        }
        if map.insert(id.to_string(), i).is_some() {
            return Err(Error::invalid(
                format!("{path}[{i}].id"),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(map)
}

fn lookup(
    map: &HashMap<String, usize>,
    id: Option<&str>,
    path: &str,
    what: &str,
) -> Result<Option<usize>> {
    match id {
        None => Ok(None),
        Some(id) => map
            .get(id)
            .copied()
            .map(Some)
            .ok_or_else(|| Error::invalid(path, format!("unknown {what} {id:?}"))),
    }
}

fn check_range(r: Option<&DateRange>, path: &str) -> Result<()> {
    match r {
        Some(r) if r.end < r.start => Err(Error::invalid(
            format!("{path}.end"),
            format!("end {} is before start {}", r.end, r.start),
        )),
        _ => Ok(()),
    }
}

/// Prefixes the `$` of a nested document's path with `prefix`.
fn prefix(e: Error, prefix: &str) -> Error {
    match e {
        Error::Invalid { path, message } => Error::Invalid {
            path: path.replacen('$', prefix, 1),
            message,
        },
        other => other,
    }
}

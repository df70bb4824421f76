//! Attendance records (counts, never names), threshold results and participation analytics.

use crate::campaign::Campaign;
use crate::error::{Error, Result};
use crate::expand::Session;
use crate::materials::Ledger;
use crate::table::{Table, Values};
use crate::threshold::RuleOutcome;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Participants of one session (or of one audience within it), as counts.
///
/// Counts by sex and counts by age band are two splits of the same people, so they must
/// add up to the same total. There is no field for names or any personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRecord {
    /// Visit id, e.g. `durres-2017`.
    pub visit: String,
    /// Template session id, e.g. `workshop` or `school`.
    pub session: String,
    /// Which repetition (1-based) of a repeated session, e.g. the 2nd school; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetition: Option<u32>,
    /// Audience id, if the sheet splits by audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Women and girls.
    #[serde(default)]
    pub female: u32,
    /// Men and boys.
    #[serde(default)]
    pub male: u32,
    /// Sex not recorded.
    #[serde(default)]
    pub sex_not_recorded: u32,
    /// Under 18.
    #[serde(default)]
    pub under_18: u32,
    /// 18 and over.
    #[serde(default)]
    pub adult: u32,
    /// Age not recorded.
    #[serde(default)]
    pub age_not_recorded: u32,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl AttendanceRecord {
    /// Participants in the record.
    pub fn total(&self) -> u64 {
        self.female as u64 + self.male as u64 + self.sex_not_recorded as u64
    }
}

/// The field of a record an error is about (for JSON paths and CSV columns).
pub type FieldName = &'static str;

/// Attendance resolved against a campaign's sessions.
#[derive(Debug, Clone)]
pub struct Attendance<'c> {
    campaign: &'c Campaign,
    sessions: Vec<Session>,
    records: Vec<AttendanceRecord>,
    /// Session index of each record.
    session_of: Vec<usize>,
}

/// Looks up sessions by (visit id, template session id, repetition).
pub struct SessionIndex<'c> {
    campaign: &'c Campaign,
    sessions: Vec<Session>,
    by_key: HashMap<(String, String, u32), usize>,
}

impl<'c> SessionIndex<'c> {
    /// Builds the index over the campaign's expanded sessions.
    pub fn new(campaign: &'c Campaign) -> Self {
        let sessions = campaign.sessions();
        let mut by_key = HashMap::with_capacity(sessions.len());
        for (i, s) in sessions.iter().enumerate() {
            let v = &campaign.visits()[s.visit as usize];
            let t = campaign.view(s).template;
            by_key.insert((v.id.clone(), t.id.clone(), s.repetition as u32 + 1), i);
        }
        SessionIndex {
            campaign,
            sessions,
            by_key,
        }
    }

    /// Validates one record; on failure names the field at fault.
    pub fn resolve(&self, r: &AttendanceRecord) -> std::result::Result<usize, (FieldName, String)> {
        let c = self.campaign;
        if !c.visits().iter().any(|v| v.id == r.visit) {
            return Err(("visit", format!("unknown visit {:?}", r.visit)));
        }
        let rep = r.repetition.unwrap_or(1);
        let Some(&i) = self.by_key.get(&(r.visit.clone(), r.session.clone(), rep)) else {
            let known = self
                .by_key
                .keys()
                .any(|(v, s, _)| v == &r.visit && s == &r.session);
            return Err(if known {
                (
                    "repetition",
                    format!(
                        "visit {:?} has no repetition {rep} of session {:?}",
                        r.visit, r.session
                    ),
                )
            } else {
                (
                    "session",
                    format!("visit {:?} has no session {:?}", r.visit, r.session),
                )
            });
        };
        if let Some(a) = &r.audience {
            if !c.audiences().iter().any(|x| &x.id == a) {
                return Err(("audience", format!("unknown audience {a:?}")));
            }
        }
        let by_age = r.under_18 as u64 + r.adult as u64 + r.age_not_recorded as u64;
        if by_age != r.total() {
            return Err((
                "age_not_recorded",
                format!(
                    "counts by sex add up to {} but counts by age band to {by_age}",
                    r.total()
                ),
            ));
        }
        Ok(i)
    }
}

impl<'c> Attendance<'c> {
    /// Validates records against the campaign; the first bad one is an error with its
    /// JSON path (`$[3].session`).
    pub fn new(campaign: &'c Campaign, records: Vec<AttendanceRecord>) -> Result<Self> {
        let index = SessionIndex::new(campaign);
        let mut session_of = Vec::with_capacity(records.len());
        for (k, r) in records.iter().enumerate() {
            let i = index
                .resolve(r)
                .map_err(|(field, msg)| Error::invalid(format!("$[{k}].{field}"), msg))?;
            session_of.push(i);
        }
        Ok(Attendance {
            campaign,
            sessions: index.sessions,
            records,
            session_of,
        })
    }

    /// Parses records from JSON (an array of records) and validates them.
    pub fn from_json(campaign: &'c Campaign, text: &str) -> Result<Self> {
        let records: Vec<AttendanceRecord> = crate::error::from_json_str(text)?;
        Attendance::new(campaign, records)
    }

    /// The records.
    pub fn records(&self) -> &[AttendanceRecord] {
        &self.records
    }

    /// Total participants.
    pub fn total(&self) -> u64 {
        self.records.iter().map(AttendanceRecord::total).sum()
    }

    fn actual_by_session(&self) -> Vec<Option<u64>> {
        let mut out = vec![None; self.sessions.len()];
        for (r, &i) in self.records.iter().zip(&self.session_of) {
            *out[i].get_or_insert(0) += r.total();
        }
        out
    }

    /// Every session with a participant rule, evaluated against its recorded count.
    ///
    /// Columns: visit, county, county_name, session, kind, day, rule, minimum, actual,
    /// outcome (`met`, `short`, `over`, `no_data`), short_by (negative: over the maximum).
    pub fn threshold_results(&self) -> Table {
        let c = self.campaign;
        let actual = self.actual_by_session();
        let mut t = ThresholdRows::default();
        for (i, s) in self.sessions.iter().enumerate() {
            let view = c.view(s);
            let Some(rule) = view.template.rule else {
                continue;
            };
            let outcome = rule.evaluate(actual[i].map(|a| a.min(u32::MAX as u64) as u32));
            let visit = &c.visits()[s.visit as usize];
            let county = &c.regions().regions()[visit.county];
            let (name, by) = match outcome {
                RuleOutcome::Met => ("met", Some(0)),
                RuleOutcome::Short { by } => ("short", Some(by as i64)),
                RuleOutcome::Over { by } => ("over", Some(-(by as i64))),
                RuleOutcome::NoData => ("no_data", None),
            };
            t.visit.push(visit.id.clone());
            t.county.push(county.code.clone());
            t.county_name.push(county.name_sq.clone());
            t.session.push(c.session_ref(s));
            t.kind.push(view.kind().as_str().into());
            t.day.push(s.day.to_string());
            t.rule.push(rule.describe().1);
            t.minimum.push(Some(rule.minimum() as i64));
            t.actual.push(actual[i].map(|a| a as i64));
            t.outcome.push(name.into());
            t.short_by.push(by);
        }
        Table::default()
            .with("visit", Values::Str(t.visit))
            .with("county", Values::Str(t.county))
            .with("county_name", Values::Str(t.county_name))
            .with("session", Values::Str(t.session))
            .with("kind", Values::Str(t.kind))
            .with("day", Values::Str(t.day))
            .with("rule", Values::Str(t.rule))
            .with("minimum", Values::Int(t.minimum))
            .with("actual", Values::Int(t.actual))
            .with("outcome", Values::Str(t.outcome))
            .with("short_by", Values::Int(t.short_by))
    }

    /// Threshold results counted per county, session kind or day: sessions with a rule,
    /// met, short, over, no data. Other dimensions split people, not sessions: an error.
    pub fn threshold_summary(&self, by: Dimension) -> Result<Table> {
        if !matches!(by, Dimension::County | Dimension::Kind | Dimension::Day) {
            return Err(Error::invalid(
                "$.by",
                format!(
                    "threshold results group by county, kind or day, not {}",
                    by.as_str()
                ),
            ));
        }
        let results = self.threshold_results();
        let (Some(Values::Str(keys)), Some(Values::Str(outcomes))) =
            (results.column(by.as_str()), results.column("outcome"))
        else {
            unreachable!("threshold_results has these columns");
        };
        let mut groups: BTreeMap<&str, [i64; 5]> = BTreeMap::new();
        for (k, o) in keys.iter().zip(outcomes) {
            let g = groups.entry(k).or_default();
            g[0] += 1;
            g[match o.as_str() {
                "met" => 1,
                "short" => 2,
                "over" => 3,
                _ => 4,
            }] += 1;
        }
        let col = |j: usize| Values::Int(groups.values().map(|g| Some(g[j])).collect());
        Ok(Table::default()
            .with(
                by.as_str(),
                Values::Str(groups.keys().map(|k| k.to_string()).collect()),
            )
            .with("sessions", col(0))
            .with("met", col(1))
            .with("short", col(2))
            .with("over", col(3))
            .with("no_data", col(4)))
    }

    /// Participants grouped by one dimension. Sex and age band give one row per category;
    /// the others one row per value seen (audience `unspecified` when a record has none).
    pub fn participation_by(&self, by: Dimension) -> Table {
        let c = self.campaign;
        let mut groups: BTreeMap<String, u64> = BTreeMap::new();
        let mut add = |k: String, n: u64| *groups.entry(k).or_default() += n;
        for (r, &i) in self.records.iter().zip(&self.session_of) {
            let s = &self.sessions[i];
            match by {
                Dimension::County => add(
                    c.regions().regions()[c.visits()[s.visit as usize].county]
                        .code
                        .clone(),
                    r.total(),
                ),
                Dimension::Day => add(s.day.to_string(), r.total()),
                Dimension::Kind => add(c.view(s).kind().as_str().into(), r.total()),
                Dimension::Audience => add(
                    r.audience.clone().unwrap_or_else(|| "unspecified".into()),
                    r.total(),
                ),
                Dimension::Sex => {
                    add("female".into(), r.female as u64);
                    add("male".into(), r.male as u64);
                    add("not_recorded".into(), r.sex_not_recorded as u64);
                }
                Dimension::AgeBand => {
                    add("under_18".into(), r.under_18 as u64);
                    add("18_and_over".into(), r.adult as u64);
                    add("not_recorded".into(), r.age_not_recorded as u64);
                }
            }
        }
        Table::default()
            .with(by.as_str(), Values::Str(groups.keys().cloned().collect()))
            .with(
                "participants",
                Values::Int(groups.values().map(|&n| Some(n as i64)).collect()),
            )
    }

    /// Participants by county with sex split, reach per 10,000 inhabitants (population of
    /// the year of the county's first visit) and, given a ledger, leaflets per participant.
    pub fn county_summary(&self, ledger: Option<&Ledger>) -> Table {
        let c = self.campaign;
        let regs = c.regions().regions();
        let n = regs.len();
        let (mut total, mut female, mut male, mut nr) =
            (vec![0u64; n], vec![0u64; n], vec![0u64; n], vec![0u64; n]);
        let mut seen = vec![false; n];
        for (r, &i) in self.records.iter().zip(&self.session_of) {
            let k = c.visits()[self.sessions[i].visit as usize].county;
            seen[k] = true;
            total[k] += r.total();
            female[k] += r.female as u64;
            male[k] += r.male as u64;
            nr[k] += r.sex_not_recorded as u64;
        }
        let mut year = vec![None::<NaiveDate>; n];
        for v in c.visits() {
            let y = &mut year[v.county];
            *y = Some(y.map_or(v.first_day, |d| d.min(v.first_day)));
        }
        let rows: Vec<usize> = (0..n).filter(|&k| seen[k] || year[k].is_some()).collect();
        let pop: Vec<Option<&crate::region::PopulationFigure>> = rows
            .iter()
            .map(|&k| year[k].and_then(|d| regs[k].population_for(d.year())))
            .collect();
        let mut t = Table::default()
            .with(
                "county",
                Values::Str(rows.iter().map(|&k| regs[k].code.clone()).collect()),
            )
            .with(
                "name",
                Values::Str(rows.iter().map(|&k| regs[k].name_sq.clone()).collect()),
            )
            .with(
                "participants",
                Values::Int(rows.iter().map(|&k| Some(total[k] as i64)).collect()),
            )
            .with(
                "female",
                Values::Int(rows.iter().map(|&k| Some(female[k] as i64)).collect()),
            )
            .with(
                "male",
                Values::Int(rows.iter().map(|&k| Some(male[k] as i64)).collect()),
            )
            .with(
                "sex_not_recorded",
                Values::Int(rows.iter().map(|&k| Some(nr[k] as i64)).collect()),
            )
            .with(
                "population",
                Values::Int(pop.iter().map(|p| p.map(|p| p.value as i64)).collect()),
            )
            .with(
                "population_year",
                Values::Int(pop.iter().map(|p| p.map(|p| p.year as i64)).collect()),
            )
            .with(
                "reach_per_10000",
                Values::Float(
                    rows.iter()
                        .zip(&pop)
                        .map(|(&k, p)| p.map(|p| total[k] as f64 * 10_000.0 / p.value as f64))
                        .collect(),
                ),
            );
        if let Some(l) = ledger {
            t = t
                .with(
                    "leaflets",
                    Values::Int(rows.iter().map(|&k| Some(l.net_issued_in(k))).collect()),
                )
                .with(
                    "leaflets_per_participant",
                    Values::Float(
                        rows.iter()
                            .map(|&k| {
                                (total[k] > 0).then(|| l.net_issued_in(k) as f64 / total[k] as f64)
                            })
                            .collect(),
                    ),
                );
        }
        t
    }
}

#[derive(Default)]
struct ThresholdRows {
    visit: Vec<String>,
    county: Vec<String>,
    county_name: Vec<String>,
    session: Vec<String>,
    kind: Vec<String>,
    day: Vec<String>,
    rule: Vec<String>,
    minimum: Vec<Option<i64>>,
    actual: Vec<Option<i64>>,
    outcome: Vec<String>,
    short_by: Vec<Option<i64>>,
}

/// A way to group participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// By county code.
    County,
    /// By session day.
    Day,
    /// By session kind.
    Kind,
    /// By audience.
    Audience,
    /// By sex.
    Sex,
    /// By age band.
    AgeBand,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Dimension; 6] = [
        Dimension::County,
        Dimension::Day,
        Dimension::Kind,
        Dimension::Audience,
        Dimension::Sex,
        Dimension::AgeBand,
    ];

    /// The snake_case name (also the key column's name).
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::County => "county",
            Dimension::Day => "day",
            Dimension::Kind => "kind",
            Dimension::Audience => "audience",
            Dimension::Sex => "sex",
            Dimension::AgeBand => "age_band",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

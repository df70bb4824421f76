//! What attendance tells: threshold results per session, and participation grouped by
//! county, day, kind, audience, sex or age band. Every result is a columnar [`Table`].

use super::Attendance;
use crate::error::{Error, Result};
use crate::location::Path;
use crate::materials::Ledger;
use crate::reader::{FromJson, Names};
use crate::table::{Table, Values};
use crate::threshold::{ParticipantRule, RuleOutcome};
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// A way to group participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, Names, JsonSchema)]
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

/// One session with a participant rule, and how it went.
struct ThresholdResult {
    session: usize,
    rule: ParticipantRule,
    actual: Option<u64>,
    outcome: RuleOutcome,
}

impl Attendance {
    /// Participants per session (`None` where nothing was recorded).
    fn actual_by_session(&self) -> Vec<Option<u64>> {
        let mut out = vec![None; self.sessions.len()];
        for (c, &i) in self.counts.iter().zip(&self.session_of) {
            *out[i as usize].get_or_insert(0) += c.total();
        }
        out
    }

    fn results(&self) -> Vec<ThresholdResult> {
        let actual = self.actual_by_session();
        self.sessions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let rule = self.campaign.view(s).template.rule?;
                let count = actual[i].map(|a| a.min(u64::from(u32::MAX)) as u32);
                Some(ThresholdResult {
                    session: i,
                    rule,
                    actual: actual[i],
                    outcome: rule.evaluate(count),
                })
            })
            .collect()
    }

    /// The key of a session in a grouping by county, day or kind.
    fn session_key(&self, session: usize, by: Dimension) -> String {
        let c = &*self.campaign;
        let s = &self.sessions[session];
        match by {
            Dimension::County => c.regions().regions()[c.visits()[s.visit as usize].county]
                .code
                .clone(),
            Dimension::Day => s.day.to_string(),
            _ => c.view(s).kind().as_str().into(),
        }
    }

    /// Every session with a participant rule, evaluated against its recorded count.
    ///
    /// Columns: visit, county, county_name, session, kind, day, rule, minimum, actual,
    /// outcome (`met`, `short`, `over`, `no_data`), short_by (negative: over the maximum).
    pub fn threshold_results(&self) -> Table {
        let c = &*self.campaign;
        let mut t = ThresholdRows::default();
        for r in self.results() {
            let s = &self.sessions[r.session];
            let visit = &c.visits()[s.visit as usize];
            let county = &c.regions().regions()[visit.county];
            t.visit.push(c.visit_id(s.visit as usize).to_owned());
            t.county.push(county.code.clone());
            t.county_name.push(county.name_sq.clone());
            t.session.push(c.session_ref(s));
            t.kind.push(c.view(s).kind().as_str().into());
            t.day.push(s.day.to_string());
            t.rule.push(r.rule.describe().en);
            t.minimum.push(Some(r.rule.minimum() as i64));
            t.actual.push(r.actual.map(|a| a as i64));
            t.outcome.push(r.outcome.as_str().into());
            t.short_by.push(r.outcome.short_by());
        }
        t.into_table()
    }

    /// Threshold results counted per county, session kind or day: sessions with a rule,
    /// met, short, over, no data. Other dimensions split people, not sessions: an error.
    pub fn threshold_summary(&self, by: Dimension) -> Result<Table> {
        if !matches!(by, Dimension::County | Dimension::Kind | Dimension::Day) {
            return Err(Error::invalid(
                Path::root().key("by"),
                format!("threshold results group by county, kind or day, not {by}"),
            ));
        }
        // sessions, met, short, over, no data
        let mut groups: BTreeMap<String, [i64; 5]> = BTreeMap::new();
        for r in self.results() {
            let g = groups.entry(self.session_key(r.session, by)).or_default();
            g[0] += 1;
            g[match r.outcome {
                RuleOutcome::Met => 1,
                RuleOutcome::Short { .. } => 2,
                RuleOutcome::Over { .. } => 3,
                RuleOutcome::NoData => 4,
            }] += 1;
        }
        let col = |j: usize| Values::Int(groups.values().map(|g| Some(g[j])).collect());
        Ok(Table::default()
            .with(by.as_str(), Values::Str(groups.keys().cloned().collect()))
            .with("sessions", col(0))
            .with("met", col(1))
            .with("short", col(2))
            .with("over", col(3))
            .with("no_data", col(4)))
    }

    /// Participants grouped by one dimension. Sex and age band give one row per category;
    /// the others one row per value seen (audience `unspecified` when a record has none).
    pub fn participation_by(&self, by: Dimension) -> Table {
        let c = &*self.campaign;
        let mut groups: BTreeMap<String, u64> = BTreeMap::new();
        match by {
            Dimension::Sex | Dimension::AgeBand => {
                let sex = by == Dimension::Sex;
                let names = if sex {
                    ["female", "male", "not_recorded"]
                } else {
                    ["under_18", "18_and_over", "not_recorded"]
                };
                let mut sums = [0u64; 3];
                for h in &self.counts {
                    let split = if sex { h.by_sex() } else { h.by_age() };
                    for (sum, n) in sums.iter_mut().zip(split) {
                        *sum += n;
                    }
                }
                groups.extend(names.into_iter().map(String::from).zip(sums));
            }
            Dimension::Audience => {
                let mut sums = vec![0u64; c.audiences().len() + 1];
                for (h, a) in self.counts.iter().zip(&self.audience_of) {
                    sums[a.map_or(c.audiences().len(), |a| a as usize)] += h.total();
                }
                for (j, n) in sums.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    let name = c
                        .audiences()
                        .get(j)
                        .map_or("unspecified".into(), |a| a.id.clone());
                    groups.insert(name, n);
                }
            }
            Dimension::County | Dimension::Day | Dimension::Kind => {
                for (i, n) in self.actual_by_session().into_iter().enumerate() {
                    if let Some(n) = n {
                        *groups.entry(self.session_key(i, by)).or_default() += n;
                    }
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
        let c = &*self.campaign;
        let regs = c.regions().regions();
        let n = regs.len();
        let mut sex = vec![[0u64; 3]; n];
        let mut seen = vec![false; n];
        for (h, &i) in self.counts.iter().zip(&self.session_of) {
            let k = c.visits()[self.sessions[i as usize].visit as usize].county;
            seen[k] = true;
            for (sum, x) in sex[k].iter_mut().zip(h.by_sex()) {
                *sum += x;
            }
        }
        let total: Vec<u64> = sex.iter().map(|s| s.iter().sum()).collect();
        let mut first_visit = vec![None::<NaiveDate>; n];
        for v in c.visits() {
            let y = &mut first_visit[v.county];
            *y = Some(y.map_or(v.first_day, |d| d.min(v.first_day)));
        }
        let rows: Vec<usize> = (0..n)
            .filter(|&k| seen[k] || first_visit[k].is_some())
            .collect();
        let pop: Vec<Option<&crate::region::PopulationFigure>> = rows
            .iter()
            .map(|&k| first_visit[k].and_then(|d| regs[k].population_for(d.year())))
            .collect();
        let ints =
            |f: &dyn Fn(usize) -> Option<i64>| Values::Int(rows.iter().map(|&k| f(k)).collect());
        let floats =
            |f: &dyn Fn(usize) -> Option<f64>| Values::Float(rows.iter().map(|&k| f(k)).collect());
        let mut t = Table::default()
            .with(
                "county",
                Values::Str(rows.iter().map(|&k| regs[k].code.clone()).collect()),
            )
            .with(
                "name",
                Values::Str(rows.iter().map(|&k| regs[k].name_sq.clone()).collect()),
            )
            .with("participants", ints(&|k| Some(total[k] as i64)))
            .with("female", ints(&|k| Some(sex[k][0] as i64)))
            .with("male", ints(&|k| Some(sex[k][1] as i64)))
            .with("sex_not_recorded", ints(&|k| Some(sex[k][2] as i64)))
            .with(
                "population",
                Values::Int(pop.iter().map(|p| p.map(|p| p.value as i64)).collect()),
            )
            .with(
                "population_year",
                Values::Int(pop.iter().map(|p| p.map(|p| i64::from(p.year))).collect()),
            )
            .with(
                "population_figure",
                Values::Str(
                    pop.iter()
                        .map(|p| p.map(|p| p.label().en).unwrap_or_default())
                        .collect(),
                ),
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
                .with("leaflets", ints(&|k| Some(l.net_issued_in(k))))
                .with(
                    "leaflets_per_participant",
                    floats(&|k| {
                        (total[k] > 0).then(|| l.net_issued_in(k) as f64 / total[k] as f64)
                    }),
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

impl ThresholdRows {
    fn into_table(self) -> Table {
        Table::default()
            .with("visit", Values::Str(self.visit))
            .with("county", Values::Str(self.county))
            .with("county_name", Values::Str(self.county_name))
            .with("session", Values::Str(self.session))
            .with("kind", Values::Str(self.kind))
            .with("day", Values::Str(self.day))
            .with("rule", Values::Str(self.rule))
            .with("minimum", Values::Int(self.minimum))
            .with("actual", Values::Int(self.actual))
            .with("outcome", Values::Str(self.outcome))
            .with("short_by", Values::Int(self.short_by))
    }
}

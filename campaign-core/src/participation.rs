//! Attendance records (counts, never names), threshold results and participation analytics.

use crate::campaign::Campaign;
use crate::error::{Error, Result};
use crate::expand::Session;
use crate::materials::Ledger;
use crate::reader::FromJson;
use crate::table::{Table, Values};
use crate::threshold::RuleOutcome;
use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Participants of one session (or of one audience within it), as counts.
///
/// Counts by sex and counts by age band are two splits of the same people, so they must
/// add up to the same total. There is no field for names or any personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
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

/// A lookup result that names the field at fault.
pub type Resolved<T> = std::result::Result<T, (FieldName, String)>;

/// A column of labels given as codes into a list of distinct labels (as produced by
/// `pandas.factorize`); a negative code means the cell is empty.
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a> {
    /// One code per row.
    pub codes: &'a [i64],
    /// The distinct labels.
    pub labels: &'a [String],
}

/// Attendance given column by column (e.g. from a DataFrame): no per-row objects.
/// Missing count columns count as zero; a missing repetition column means 1.
#[derive(Debug, Clone, Copy)]
pub struct AttendanceColumns<'a> {
    /// Visit ids.
    pub visit: Coded<'a>,
    /// Template session ids.
    pub session: Coded<'a>,
    /// Repetition (1-based).
    pub repetition: Option<&'a [i64]>,
    /// Audience ids.
    pub audience: Option<Coded<'a>>,
    /// Count columns in the order female, male, sex_not_recorded, under_18, adult, age_not_recorded.
    pub counts: [Option<&'a [i64]>; 6],
}

/// Names of the six count columns, in [`AttendanceColumns::counts`] order.
pub const COUNT_COLUMNS: [&str; 6] = [
    "female",
    "male",
    "sex_not_recorded",
    "under_18",
    "adult",
    "age_not_recorded",
];

/// Attendance resolved against a campaign's sessions, stored by column.
#[derive(Debug, Clone)]
pub struct Attendance {
    campaign: Arc<Campaign>,
    sessions: Vec<Session>,
    /// Session index of each row.
    session_of: Vec<u32>,
    /// Audience index (into `campaign.audiences()`) of each row.
    audience_of: Vec<Option<u32>>,
    /// The six counts of each row.
    counts: Vec<[u32; 6]>,
}

/// Looks up sessions by (visit id, template session id, repetition).
pub struct SessionIndex<'c> {
    campaign: &'c Campaign,
    sessions: Vec<Session>,
    by_key: HashMap<(String, String, u32), usize>,
    visit_ids: std::collections::HashSet<&'c str>,
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
        let visit_ids = campaign.visits().iter().map(|v| v.id.as_str()).collect();
        SessionIndex {
            campaign,
            sessions,
            by_key,
            visit_ids,
        }
    }

    fn lookup(&self, visit: &str, session: &str, rep: u32) -> Resolved<usize> {
        if !self.visit_ids.contains(visit) {
            return Err(("visit", format!("unknown visit {visit:?}")));
        }
        match self
            .by_key
            .get(&(visit.to_string(), session.to_string(), rep))
        {
            Some(&i) => Ok(i),
            None if self
                .by_key
                .contains_key(&(visit.to_string(), session.to_string(), 1)) =>
            {
                Err((
                    "repetition",
                    format!("visit {visit:?} has no repetition {rep} of session {session:?}"),
                ))
            }
            None => Err((
                "session",
                format!("visit {visit:?} has no session {session:?}"),
            )),
        }
    }

    fn audience(&self, a: &str) -> Resolved<u32> {
        self.campaign
            .audiences()
            .iter()
            .position(|x| x.id == a)
            .map(|i| i as u32)
            .ok_or_else(|| ("audience", format!("unknown audience {a:?}")))
    }

    /// Validates one record; on failure names the field at fault.
    pub fn resolve(&self, r: &AttendanceRecord) -> Resolved<usize> {
        let i = self.lookup(&r.visit, &r.session, r.repetition.unwrap_or(1))?;
        if let Some(a) = &r.audience {
            self.audience(a)?;
        }
        check_totals(&record_counts(r))?;
        Ok(i)
    }
}

fn record_counts(r: &AttendanceRecord) -> [u32; 6] {
    [
        r.female,
        r.male,
        r.sex_not_recorded,
        r.under_18,
        r.adult,
        r.age_not_recorded,
    ]
}

fn check_totals(c: &[u32; 6]) -> Resolved<()> {
    let by_sex = c[0] as u64 + c[1] as u64 + c[2] as u64;
    let by_age = c[3] as u64 + c[4] as u64 + c[5] as u64;
    if by_sex != by_age {
        return Err((
            "age_not_recorded",
            format!("counts by sex add up to {by_sex} but counts by age band to {by_age}"),
        ));
    }
    Ok(())
}

impl Attendance {
    /// Validates records against the campaign; the first bad one is an error with its
    /// JSON path (`$[3].session`).
    pub fn new(campaign: impl Into<Arc<Campaign>>, records: Vec<AttendanceRecord>) -> Result<Self> {
        let campaign = campaign.into();
        let index = SessionIndex::new(&campaign);
        let mut session_of = Vec::with_capacity(records.len());
        let mut audience_of = Vec::with_capacity(records.len());
        let mut counts = Vec::with_capacity(records.len());
        for (k, r) in records.iter().enumerate() {
            let at =
                |(field, msg): (FieldName, String)| Error::invalid(format!("$[{k}].{field}"), msg);
            session_of.push(index.resolve(r).map_err(at)? as u32);
            audience_of.push(match &r.audience {
                Some(a) => Some(index.audience(a).map_err(at)?),
                None => None,
            });
            counts.push(record_counts(r));
        }
        let sessions = index.sessions;
        Ok(Attendance {
            campaign,
            sessions,
            session_of,
            audience_of,
            counts,
        })
    }

    /// Parses records from JSON (an array of records) and validates them.
    pub fn from_json(campaign: impl Into<Arc<Campaign>>, text: &str) -> Result<Self> {
        let records: Vec<AttendanceRecord> = crate::reader::read_json(text)?;
        Attendance::new(campaign, records)
    }

    /// Builds attendance from columns. Errors name the column and row: `$.female[12]`.
    pub fn from_columns(
        campaign: impl Into<Arc<Campaign>>,
        cols: &AttendanceColumns,
    ) -> Result<Self> {
        let campaign = campaign.into();
        let n = cols.visit.codes.len();
        let bad =
            |col: &str, row: usize, msg: String| Error::invalid(format!("$.{col}[{row}]"), msg);
        let check_len = |name: &str, len: usize| {
            if len == n {
                Ok(())
            } else {
                Err(Error::invalid(
                    format!("$.{name}"),
                    format!("column has {len} rows but visit has {n}"),
                ))
            }
        };
        check_len("session", cols.session.codes.len())?;
        if let Some(r) = cols.repetition {
            check_len("repetition", r.len())?;
        }
        if let Some(a) = &cols.audience {
            check_len("audience", a.codes.len())?;
        }
        for (k, c) in cols.counts.iter().enumerate() {
            if let Some(c) = c {
                check_len(COUNT_COLUMNS[k], c.len())?;
            }
        }
        let index = SessionIndex::new(&campaign);
        // (visit label, session label) → (first session index, repetitions), built from
        // the few distinct labels so each row is resolved by array lookups.
        let (nv, ns) = (cols.visit.labels.len(), cols.session.labels.len());
        let mut base: Vec<Option<Resolved<(u32, u32)>>> = vec![None; nv * ns];
        let audience_ids: Vec<Resolved<u32>> = cols
            .audience
            .map(|a| a.labels.iter().map(|l| index.audience(l)).collect())
            .unwrap_or_default();
        let mut session_of = Vec::with_capacity(n);
        let mut audience_of = Vec::with_capacity(n);
        let mut counts = Vec::with_capacity(n);
        let code = |c: i64, len: usize, col: &str, row: usize| -> Result<usize> {
            usize::try_from(c)
                .ok()
                .filter(|&c| c < len)
                .ok_or_else(|| bad(col, row, "empty or invalid cell".into()))
        };
        for row in 0..n {
            let v = code(cols.visit.codes[row], nv, "visit", row)?;
            let s = code(cols.session.codes[row], ns, "session", row)?;
            let entry = base[v * ns + s].get_or_insert_with(|| {
                let (visit, session) = (&cols.visit.labels[v], &cols.session.labels[s]);
                index.lookup(visit, session, 1).map(|first| {
                    let reps = (1..)
                        .take_while(|r| {
                            index
                                .by_key
                                .contains_key(&(visit.clone(), session.clone(), *r))
                        })
                        .count();
                    (first as u32, reps as u32)
                })
            });
            let (first, reps) = entry.clone().map_err(|(f, m)| bad(f, row, m))?;
            let rep = cols.repetition.map_or(1, |r| r[row]);
            if rep < 1 || rep > reps as i64 {
                return Err(bad(
                    "repetition",
                    row,
                    format!(
                        "no repetition {rep} of session {:?}",
                        cols.session.labels[s]
                    ),
                ));
            }
            session_of.push(first + rep as u32 - 1);
            audience_of.push(match &cols.audience {
                Some(a) if a.codes[row] >= 0 => {
                    let i = code(a.codes[row], a.labels.len(), "audience", row)?;
                    Some(audience_ids[i].clone().map_err(|(f, m)| bad(f, row, m))?)
                }
                _ => None,
            });
            let mut c = [0u32; 6];
            for (k, col) in cols.counts.iter().enumerate() {
                if let Some(col) = col {
                    c[k] = u32::try_from(col[row]).map_err(|_| {
                        bad(
                            COUNT_COLUMNS[k],
                            row,
                            format!("{} is not a count", col[row]),
                        )
                    })?;
                }
            }
            check_totals(&c).map_err(|(f, m)| bad(f, row, m))?;
            counts.push(c);
        }
        let sessions = index.sessions;
        Ok(Attendance {
            campaign,
            sessions,
            session_of,
            audience_of,
            counts,
        })
    }

    /// The campaign the attendance belongs to.
    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True if there are no rows.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Total participants.
    pub fn total(&self) -> u64 {
        self.counts
            .iter()
            .map(|c| c[0] as u64 + c[1] as u64 + c[2] as u64)
            .sum()
    }

    fn actual_by_session(&self) -> Vec<Option<u64>> {
        let mut out = vec![None; self.sessions.len()];
        for (c, &i) in self.counts.iter().zip(&self.session_of) {
            *out[i as usize].get_or_insert(0) += c[0] as u64 + c[1] as u64 + c[2] as u64;
        }
        out
    }

    /// Every session with a participant rule, evaluated against its recorded count.
    ///
    /// Columns: visit, county, county_name, session, kind, day, rule, minimum, actual,
    /// outcome (`met`, `short`, `over`, `no_data`), short_by (negative: over the maximum).
    pub fn threshold_results(&self) -> Table {
        let c = &*self.campaign;
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
        let c = &*self.campaign;
        let total = |k: &[u32; 6]| k[0] as u64 + k[1] as u64 + k[2] as u64;
        let mut groups: BTreeMap<String, u64> = BTreeMap::new();
        match by {
            Dimension::Sex | Dimension::AgeBand => {
                let (names, offset) = match by {
                    Dimension::Sex => (["female", "male", "not_recorded"], 0),
                    _ => (["under_18", "18_and_over", "not_recorded"], 3),
                };
                let mut sums = [0u64; 3];
                for k in &self.counts {
                    for j in 0..3 {
                        sums[j] += k[offset + j] as u64;
                    }
                }
                for j in 0..3 {
                    groups.insert(names[j].into(), sums[j]);
                }
            }
            Dimension::Audience => {
                let mut sums = vec![0u64; c.audiences().len() + 1];
                for (k, a) in self.counts.iter().zip(&self.audience_of) {
                    sums[a.map_or(c.audiences().len(), |a| a as usize)] += total(k);
                }
                for (j, n) in sums.into_iter().enumerate() {
                    if n > 0 {
                        groups.insert(
                            c.audiences()
                                .get(j)
                                .map_or("unspecified".into(), |a| a.id.clone()),
                            n,
                        );
                    }
                }
            }
            Dimension::County | Dimension::Day | Dimension::Kind => {
                let mut per_session = vec![None::<u64>; self.sessions.len()];
                for (k, &i) in self.counts.iter().zip(&self.session_of) {
                    *per_session[i as usize].get_or_insert(0) += total(k);
                }
                for (i, n) in per_session.into_iter().enumerate() {
                    let Some(n) = n else { continue };
                    let s = &self.sessions[i];
                    let key = match by {
                        Dimension::County => c.regions().regions()
                            [c.visits()[s.visit as usize].county]
                            .code
                            .clone(),
                        Dimension::Day => s.day.to_string(),
                        _ => c.view(s).kind().as_str().into(),
                    };
                    *groups.entry(key).or_default() += n;
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
        let (mut total, mut female, mut male, mut nr) =
            (vec![0u64; n], vec![0u64; n], vec![0u64; n], vec![0u64; n]);
        let mut seen = vec![false; n];
        let county_of: Vec<usize> = self
            .sessions
            .iter()
            .map(|s| c.visits()[s.visit as usize].county)
            .collect();
        for (r, &i) in self.counts.iter().zip(&self.session_of) {
            let k = county_of[i as usize];
            seen[k] = true;
            total[k] += r[0] as u64 + r[1] as u64 + r[2] as u64;
            female[k] += r[0] as u64;
            male[k] += r[1] as u64;
            nr[k] += r[2] as u64;
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
        let per_county = |v: &[u64]| Values::Int(rows.iter().map(|&k| Some(v[k] as i64)).collect());
        let mut t = Table::default()
            .with(
                "county",
                Values::Str(rows.iter().map(|&k| regs[k].code.clone()).collect()),
            )
            .with(
                "name",
                Values::Str(rows.iter().map(|&k| regs[k].name_sq.clone()).collect()),
            )
            .with("participants", per_county(&total))
            .with("female", per_county(&female))
            .with("male", per_county(&male))
            .with("sex_not_recorded", per_county(&nr))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
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

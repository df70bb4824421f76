//! The result of a check: compact records in report order, exact counts, and every
//! finding expanded (messages, details, lists) only when it is read or written.

use super::engine::Ctx;
use super::explain;
use super::finding::{Counts, Finding, Record, RuleCode, Severity, NO_VISIT};
use crate::text::{Lang, Text};
use chrono::NaiveDate;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::Serialize;
use std::sync::Arc;

/// The result of checking a campaign.
///
/// Findings are kept compact and expanded on demand ([`Report::findings`],
/// [`Report::finding`], [`Report::message`]); written as JSON, a report lists every
/// finding with its messages in both languages. A rule lists at most
/// `CheckOptions::max_findings_per_rule` findings (the first in report order); the rest
/// are counted in [`Report::counts`] and summed up in one finding per rule at the end.
#[derive(Clone)]
pub struct Report {
    ctx: Arc<Ctx>,
    records: Vec<Record>,
    lists: Vec<u32>,
    omitted: Vec<(RuleCode, u64)>,
    limit: u64,
    /// Campaign name.
    pub campaign: Text,
    /// Number of visits checked.
    pub visits: usize,
    /// Number of sessions checked.
    pub sessions: usize,
    /// Counts by severity, of every finding (listed or not).
    pub counts: Counts,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Report")
            .field("visits", &self.visits)
            .field("sessions", &self.sessions)
            .field("counts", &self.counts)
            .field("findings", &self.len())
            .finish()
    }
}

impl PartialEq for Report {
    /// Two reports are equal when they list the same findings with the same counts.
    fn eq(&self, other: &Self) -> bool {
        (self.visits, self.sessions, self.counts, self.len())
            == (other.visits, other.sessions, other.counts, other.len())
            && self.findings().eq(other.findings())
    }
}

/// What a list shows of a finding at first: its rule, severity, message (both
/// languages) and visits, without its ids, days, sessions or details, which
/// [`Report::finding`] gives. A county visited 2,500 times makes a finding of some 65 KB
/// of JSON; its brief is its message and 2,500 positions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    /// Stable rule code.
    pub code: RuleCode,
    /// Severity after the user's overrides.
    pub severity: Severity,
    /// The explanation in Albanian and English.
    pub message: Text,
    /// Positions (0-based) of the visits involved in the document's `visits` list.
    pub visit_indices: Vec<usize>,
}

/// The fixed fields of one listed finding, as [`Report::rows`] yields them: what a
/// binding writes into its own columns in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingRow {
    /// Rule code.
    pub code: RuleCode,
    /// Severity.
    pub severity: Severity,
    /// First visit involved (position in the document), `-1` if none.
    pub visit: i64,
    /// Second visit involved, `-1` if none.
    pub other_visit: i64,
    /// First day involved, if any.
    pub first_day: Option<NaiveDate>,
    /// Last day involved, if any.
    pub last_day: Option<NaiveDate>,
}

/// One row per listed finding, as columns: what the bindings turn into DataFrames and
/// typed arrays without building a finding object per row.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FindingColumns {
    /// Rule code.
    pub code: Vec<RuleCode>,
    /// Severity.
    pub severity: Vec<Severity>,
    /// First visit involved (position in the document), `-1` if none.
    pub visit: Vec<i64>,
    /// Second visit involved, `-1` if none.
    pub other_visit: Vec<i64>,
    /// First day involved, if any.
    pub first_day: Vec<Option<NaiveDate>>,
    /// Last day involved, if any.
    pub last_day: Vec<Option<NaiveDate>>,
}

impl Report {
    pub(crate) fn new(
        ctx: Arc<Ctx>,
        records: Vec<Record>,
        lists: Vec<u32>,
        counts: Counts,
        omitted: Vec<(RuleCode, u64)>,
        limit: u64,
        sessions: usize,
    ) -> Report {
        Report {
            campaign: ctx.c.head().name.clone(),
            visits: ctx.c.visits().len(),
            sessions,
            ctx,
            records,
            lists,
            omitted,
            limit,
            counts,
        }
    }

    /// The campaign the report is about.
    pub fn campaign(&self) -> &crate::Campaign {
        &self.ctx.c
    }

    /// Number of findings listed (those of a rule beyond the limit count as one).
    pub fn len(&self) -> usize {
        self.records.len() + self.omitted.len()
    }

    /// True if nothing was found.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finding `i` of the report order, expanded.
    pub fn finding(&self, i: usize) -> Option<Finding> {
        match self.records.get(i) {
            Some(r) => Some(explain::finding(&self.ctx, &self.lists, r)),
            None => self
                .omitted
                .get(i - self.records.len())
                .map(|&(code, n)| self.omitted_finding(code, n)),
        }
    }

    fn omitted_finding(&self, code: RuleCode, n: u64) -> Finding {
        let severity = self.ctx.opts.severity(code, code.default_severity());
        explain::omitted(code, severity, n, self.limit)
    }

    /// Every finding, expanded one at a time.
    pub fn findings(&self) -> impl ExactSizeIterator<Item = Finding> + '_ {
        (0..self.len()).map(|i| self.finding(i).expect("in range"))
    }

    /// The code of finding `i`.
    pub fn code(&self, i: usize) -> Option<RuleCode> {
        match self.records.get(i) {
            Some(r) => Some(r.code),
            None => self.omitted.get(i - self.records.len()).map(|o| o.0),
        }
    }

    /// The severity of finding `i`.
    pub fn severity(&self, i: usize) -> Option<Severity> {
        match self.records.get(i) {
            Some(r) => Some(r.severity),
            None => self.finding(i).map(|f| f.severity),
        }
    }

    /// The positions of the visits finding `i` involves (without expanding it).
    pub fn visit_indices(&self, i: usize) -> Option<Vec<usize>> {
        match self.records.get(i) {
            Some(r) => Some(self.positions(r).collect()),
            None => self.finding(i).map(|f| f.visit_indices),
        }
    }

    /// The positions of the visits record `r` involves.
    fn positions<'a>(&'a self, r: &'a Record) -> impl Iterator<Item = usize> + 'a {
        self.ctx
            .record_visits(&self.lists, r)
            .iter()
            .map(|&v| v as usize)
    }

    /// [`Report::visit_indices`] into `out` (cleared first), so a loop over many
    /// findings reuses one vector; false, and `out` left empty, if there is no finding
    /// `i`.
    ///
    /// ```
    /// let report = campaign_core::Campaign::builtin_2017().check();
    /// let mut visits = Vec::new();
    /// assert!(!report.is_empty());
    /// for i in 0..report.len() {
    ///     assert!(report.visit_indices_into(i, &mut visits));
    ///     assert_eq!(visits, report.finding(i).unwrap().visit_indices);
    /// }
    /// assert!(!report.visit_indices_into(report.len(), &mut visits));
    /// assert!(visits.is_empty());
    /// ```
    pub fn visit_indices_into(&self, i: usize, out: &mut Vec<usize>) -> bool {
        out.clear();
        match self.records.get(i) {
            Some(r) => out.extend(self.positions(r)),
            None => match self.finding(i) {
                Some(f) => *out = f.visit_indices,
                None => return false,
            },
        }
        true
    }

    /// The message of finding `i` in `lang`, rendered now.
    pub fn message(&self, i: usize, lang: Lang) -> Option<String> {
        let text = match self.records.get(i) {
            Some(r) => explain::message(&self.ctx, &self.lists, r),
            None => self.finding(i)?.message,
        };
        Some(text.get(lang).to_string())
    }

    /// The brief of finding `i`: the same code, severity, message and visits as
    /// [`Report::finding`], without expanding the rest.
    ///
    /// ```
    /// let report = campaign_core::Campaign::builtin_2017().check();
    /// let (brief, full) = (report.brief(0).unwrap(), report.finding(0).unwrap());
    /// assert_eq!((brief.code, &brief.message, &brief.visit_indices), (full.code, &full.message, &full.visit_indices));
    /// ```
    pub fn brief(&self, i: usize) -> Option<Brief> {
        match self.records.get(i) {
            Some(r) => Some(Brief {
                code: r.code,
                severity: r.severity,
                message: explain::message(&self.ctx, &self.lists, r),
                visit_indices: self.positions(r).collect(),
            }),
            None => self.finding(i).map(|f| Brief {
                code: f.code,
                severity: f.severity,
                message: f.message,
                visit_indices: f.visit_indices,
            }),
        }
    }

    /// The distinct codes of the findings, in order of first appearance.
    pub fn codes(&self) -> Vec<RuleCode> {
        let mut out = Vec::new();
        for i in 0..self.len() {
            let code = self.code(i).expect("in range");
            if !out.contains(&code) {
                out.push(code);
            }
        }
        out
    }

    /// Findings not listed because their rule reached the limit, by rule.
    pub fn omitted(&self) -> &[(RuleCode, u64)] {
        &self.omitted
    }

    /// The worst severity of the findings that involve each visit (document order).
    pub fn worst_by_visit(&self) -> Vec<Option<Severity>> {
        let mut worst = vec![None; self.visits];
        for r in &self.records {
            for &v in self.ctx.record_visits(&self.lists, r) {
                let w: &mut Option<Severity> = &mut worst[v as usize];
                *w = Some(w.map_or(r.severity, |w| w.min(r.severity)));
            }
        }
        worst
    }

    /// The listed findings as columns (the findings summing up omitted ones excluded).
    pub fn columns(&self) -> FindingColumns {
        let n = self.records.len();
        let mut c = FindingColumns {
            code: Vec::with_capacity(n),
            severity: Vec::with_capacity(n),
            visit: Vec::with_capacity(n),
            other_visit: Vec::with_capacity(n),
            first_day: Vec::with_capacity(n),
            last_day: Vec::with_capacity(n),
        };
        for r in self.rows() {
            c.code.push(r.code);
            c.severity.push(r.severity);
            c.visit.push(r.visit);
            c.other_visit.push(r.other_visit);
            c.first_day.push(r.first_day);
            c.last_day.push(r.last_day);
        }
        c
    }

    /// The listed findings' fixed fields, one row each, in report order (the rows of
    /// [`Report::columns`], without building the columns).
    pub fn rows(&self) -> impl ExactSizeIterator<Item = FindingRow> + '_ {
        let visit = |v: u32| if v == NO_VISIT { -1 } else { i64::from(v) };
        self.records.iter().map(move |r| {
            let day = explain::day_of(r);
            FindingRow {
                code: r.code,
                severity: r.severity,
                visit: visit(r.visits[0]),
                other_visit: visit(r.visits[1]),
                first_day: day,
                last_day: day.map(|_| r.last),
            }
        })
    }
}

/// Writes every finding, one at a time.
struct AllFindings<'r>(&'r Report);

impl Serialize for AllFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for f in self.0.findings() {
            seq.serialize_element(&f)?;
        }
        seq.end()
    }
}

impl Serialize for Report {
    /// `{"campaign", "visits", "sessions", "findings": [...], "counts"}`, every finding
    /// with its messages in both languages.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Report", 5)?;
        st.serialize_field("campaign", &self.campaign)?;
        st.serialize_field("visits", &self.visits)?;
        st.serialize_field("sessions", &self.sessions)?;
        st.serialize_field("findings", &AllFindings(self))?;
        st.serialize_field("counts", &self.counts)?;
        st.end()
    }
}

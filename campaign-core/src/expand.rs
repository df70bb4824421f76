//! Expanding visits into dated sessions: a pure function of the campaign.

use crate::campaign::Campaign;
use crate::campaign::Visit;
use crate::template::{EventTemplate, Repeat, SessionKind, TemplateSession, Venue};
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

/// One dated session of one visit.
///
/// Sessions refer to their template session by index, so a million sessions stay small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// Index of the visit in the campaign.
    pub visit: u32,
    /// Template day (0-based).
    pub template_day: u16,
    /// Index of the session within its template day.
    pub template_session: u16,
    /// Repetition number (0-based) for repeated sessions (e.g. the k-th school).
    pub repetition: u16,
    /// The date.
    pub day: NaiveDate,
    /// Start time, from the timetable or the template.
    pub start: Option<NaiveTime>,
    /// Planned invitations or capacity.
    pub planned_participants: Option<u32>,
}

/// A view of a session with its template data joined in.
#[derive(Debug, Clone, Copy)]
pub struct SessionView<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its template session.
    pub template: &'a TemplateSession,
    /// Its timetable label, if the visit's timetable gives one.
    pub label: Option<&'a str>,
}

impl SessionView<'_> {
    /// The session's kind.
    pub fn kind(&self) -> SessionKind {
        self.template.kind
    }
    /// The session's venue.
    pub fn venue(&self) -> Venue {
        self.template.venue
    }
}

/// How many times a template session takes place in a visit: as many as the visit's
/// timetable has slots, or else as the template (or the visit's parameter) says; at most
/// [`u16::MAX`].
fn repetitions(v: &Visit, tpl: &EventTemplate, ts: &TemplateSession) -> u32 {
    let times = match (v.timetable.get(&ts.id), &ts.repeat) {
        (Some(slots), _) => slots.len() as u32,
        (None, None) => 1,
        (None, Some(Repeat::Times(n))) => *n,
        (None, Some(Repeat::Parameter(p))) => v
            .parameters
            .get(p)
            .or_else(|| tpl.parameters.get(p))
            .copied()
            .unwrap_or(1),
    };
    times.min(u32::from(u16::MAX))
}

/// How many times a template session takes place in a visit that sets no timetable
/// and no parameter.
pub(crate) fn template_repetitions(tpl: &EventTemplate, ts: &TemplateSession) -> u32 {
    let plain = Visit::new("", NaiveDate::MIN, NaiveDate::MIN);
    repetitions(&plain, tpl, ts)
}

/// The number of sessions [`sessions`] gives, without making them.
pub fn count_sessions(c: &Campaign) -> usize {
    let count = |v: &Visit, tpl: &EventTemplate| -> usize {
        tpl.days
            .iter()
            .flat_map(|d| &d.sessions)
            .map(|ts| repetitions(v, tpl, ts) as usize)
            .sum()
    };
    // A visit without timetable or parameters has its template's count.
    let plain = Visit::new("", NaiveDate::MIN, NaiveDate::MIN);
    let per_template: Vec<usize> = c.templates().iter().map(|t| count(&plain, t)).collect();
    if c.read_from_table() {
        // Every visit of a table has the default template and nothing that changes its count.
        return c.visits().first().map_or(0, |rv| {
            per_template[rv.template].saturating_mul(c.visits().len())
        });
    }
    c.visits()
        .iter()
        .enumerate()
        .map(|(i, rv)| match c.written_visit(i) {
            Some(v) if !(v.timetable.is_empty() && v.parameters.is_empty()) => {
                count(v, &c.templates()[rv.template])
            }
            _ => per_template[rv.template],
        })
        .sum()
}

/// Expands every visit into dated sessions, in visit order, then day, then running order.
///
/// Template day k lands on the visit's pinned date for that day, or else on
/// `first_day + k`. Repeated sessions (day-2 schools) repeat as many times as the
/// visit's timetable has slots, or else as the template parameter says.
pub fn sessions(c: &Campaign) -> Vec<Session> {
    // Counted at validation: no reallocation (and no copy of 10^5 sessions) as it grows.
    let mut out = Vec::with_capacity(c.session_count());
    // What a visit read from a table has beyond its window: nothing.
    let plain = Visit::new("", NaiveDate::MIN, NaiveDate::MIN);
    for (vi, rv) in c.visits().iter().enumerate() {
        let v = c.written_visit(vi).unwrap_or(&plain);
        let tpl = &c.templates()[rv.template];
        for (d, day) in tpl.days.iter().enumerate() {
            let date = match &v.day_dates {
                Some(dates) => dates[d],
                None => rv.first_day + chrono::Days::new(d as u64),
            };
            for (s, ts) in day.sessions.iter().enumerate() {
                let slots = v.timetable.get(&ts.id);
                let times = repetitions(v, tpl, ts);
                let planned = v
                    .invitations
                    .get(&ts.id)
                    .copied()
                    .or(ts.planned_participants);
                for r in 0..times {
                    let start = slots
                        .and_then(|sl| sl.get(r as usize))
                        .and_then(|sl| sl.start)
                        .or(ts.start);
                    out.push(Session {
                        visit: vi as u32,
                        template_day: d as u16,
                        template_session: s as u16,
                        repetition: r as u16,
                        day: date,
                        start,
                        planned_participants: planned,
                    });
                }
            }
        }
    }
    out
}

/// Joins a session with its template data.
pub fn view<'a>(c: &'a Campaign, s: &'a Session) -> SessionView<'a> {
    let rv = &c.visits()[s.visit as usize];
    let tpl = &c.templates()[rv.template];
    let template = &tpl.days[s.template_day as usize].sessions[s.template_session as usize];
    let label = c
        .written_visit(s.visit as usize)
        .and_then(|v| v.timetable.get(&template.id))
        .and_then(|slots| slots.get(s.repetition as usize))
        .map(|sl| sl.label.as_str());
    SessionView {
        session: s,
        template,
        label,
    }
}

/// A stable reference for a session: `visit-id/session-id[#k]`.
pub fn session_ref(c: &Campaign, s: &Session) -> String {
    let id = c.visit_id(s.visit as usize);
    let t = view(c, s).template;
    if t.repeat.is_some()
        || c.written_visit(s.visit as usize)
            .is_some_and(|v| v.timetable.contains_key(&t.id))
    {
        format!("{id}/{}#{}", t.id, s.repetition + 1)
    } else {
        format!("{id}/{}", t.id)
    }
}

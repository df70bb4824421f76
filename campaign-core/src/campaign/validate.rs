//! Checking a document once, at the edge: every reference resolves to an index, every
//! range is ordered. Errors are located by extending one [`Path`] per value.

use super::document::{in_order, CampaignDocument, DateRange, Visit, FORMAT_VERSION, VISIT_DAYS};
use super::rows::VisitRows;
use crate::audience::{builtin_audiences, Audience};
use crate::error::{Error, Result};
use crate::hash::Map;
use crate::limits::{self, Limit};
use crate::location::Path;
use crate::region::RegionSet;
use crate::template::{EventTemplate, Repeat};
use crate::threshold::ParticipantRule;
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;
use std::sync::Arc;

/// A visit with its references resolved to indices. Its id is
/// [`super::Campaign::visit_id`]: the ids of all visits are one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedVisit {
    /// Index into the region set.
    pub county: usize,
    /// Team index; `None` is the implicit campaign team.
    pub team: Option<usize>,
    /// Round index.
    pub round: Option<usize>,
    /// Index into [`super::Campaign::templates`].
    pub template: usize,
    /// People indices.
    pub people: Vec<usize>,
    /// First day of the window.
    pub first_day: NaiveDate,
    /// Last day of the window.
    pub last_day: NaiveDate,
}

impl ResolvedVisit {
    /// The visit's window of days.
    pub fn window(&self) -> super::DateRange {
        super::DateRange::new(self.first_day, self.last_day)
    }

    /// Number of days in the window.
    pub fn window_days(&self) -> i64 {
        (self.last_day - self.first_day).num_days() + 1
    }
}

/// What validation derives from a document.
pub(super) struct Resolved {
    pub regions: Arc<RegionSet>,
    pub templates: Vec<EventTemplate>,
    pub audiences: Vec<Audience>,
    pub visits: Vec<ResolvedVisit>,
    pub ids: VisitIds,
    pub scope: Vec<usize>,
    pub years: (i32, i32),
    pub windows: Vec<Window>,
}

/// A visit's window and team, 12 bytes: what the team-overlap sweep reads of every
/// visit, kept apart from the 80-byte [`ResolvedVisit`]s so that the sweep streams
/// 1.2 MB rather than 8 MB for 10^5 visits (criterion `dense/team_overlap/100000`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    /// First day of the window.
    pub first: NaiveDate,
    /// Last day of the window.
    pub last: NaiveDate,
    /// The team's index plus one; 0 for the implicit campaign team.
    pub team: u32,
}

/// The visits' ids, given or `v<position>` (from 1), as one text column: one buffer
/// for all rather than a `String` per visit, which was a sixth of building a campaign of
/// 10^5 visits (criterion `build/from_frame`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct VisitIds {
    text: String,
    /// Where each id ends in `text`.
    ends: Vec<usize>,
}

impl VisitIds {
    /// The ids of `source`'s visits.
    fn of<V: Visits + ?Sized>(source: &V) -> Self {
        use std::fmt::Write;
        let count = source.count();
        let mut ids = VisitIds {
            text: String::with_capacity(count * 8),
            ends: Vec::with_capacity(count),
        };
        for i in 0..count {
            match source.id(i) {
                Some(given) => ids.text.push_str(given),
                // Writing to a String cannot fail.
                None => {
                    let _ = write!(ids.text, "v{}", i + 1);
                }
            }
            ids.ends.push(ids.text.len());
        }
        ids
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Id `i`; panics past the last, as indexing a slice does.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The ids in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

#[cfg(test)]
impl<'a> FromIterator<&'a str> for VisitIds {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut ids = VisitIds::default();
        for id in iter {
            ids.text.push_str(id);
            ids.ends.push(ids.text.len());
        }
        ids
    }
}

/// What validation reads of one visit (but its id): the fields of a calendar table, and the whole
/// visit when the document holds it (a visit read from a table has nothing more).
pub(super) struct Fields<'a> {
    county: &'a str,
    first_day: NaiveDate,
    last_day: NaiveDate,
    team: Option<&'a str>,
    round: Option<&'a str>,
    visit: Option<&'a Visit>,
}

/// The visits validation reads: a document's list, or a table's rows. Generic rather
/// than a branch per visit, so that the page's module, which never holds rows, has no
/// code for them.
pub(super) trait Visits: Sync {
    /// Number of visits.
    fn count(&self) -> usize;
    /// Visit `i`'s id as written.
    fn id(&self, i: usize) -> Option<&str>;
    /// Visit `i`'s other fields.
    fn fields(&self, i: usize) -> Fields<'_>;
}

impl Visits for [Visit] {
    fn count(&self) -> usize {
        self.len()
    }

    #[inline(always)]
    fn id(&self, i: usize) -> Option<&str> {
        self[i].id.as_deref()
    }

    #[inline(always)]
    fn fields(&self, i: usize) -> Fields<'_> {
        let v = &self[i];
        Fields {
            county: &v.county,
            first_day: v.first_day,
            last_day: v.last_day,
            team: v.team.as_deref(),
            round: v.round.as_deref(),
            visit: Some(v),
        }
    }
}

impl Visits for VisitRows {
    fn count(&self) -> usize {
        self.len()
    }

    fn id(&self, i: usize) -> Option<&str> {
        self.id.get(i)
    }

    fn fields(&self, i: usize) -> Fields<'_> {
        Fields {
            county: self.county.get(i).unwrap_or_default(),
            first_day: self.first_day[i],
            last_day: self.last_day[i],
            team: self.team.get(i),
            round: self.round.get(i),
            visit: None,
        }
    }
}

/// Validates `doc`, whose visits are `source` (the document's own list, or a table's
/// rows while the document's list is empty).
pub(super) fn validate<V: Visits + ?Sized>(doc: &CampaignDocument, source: &V) -> Result<Resolved> {
    let count = source.count();
    let root = Path::root();
    if doc.format_version != FORMAT_VERSION {
        return Err(Error::invalid(
            root.key("format_version"),
            format!(
                "unsupported format version {} (this library reads {FORMAT_VERSION})",
                doc.format_version
            ),
        ));
    }
    limits::count(
        &root.key("visits"),
        Limit::Visits,
        count,
        limits::MAX_VISITS,
        "visits",
    )?;
    let materials_at = root.key("materials");
    for (i, m) in doc.materials.iter().enumerate() {
        limits::quantity(&materials_at.index(i).key("stock"), m.stock)?;
    }
    let regions = match &doc.regions {
        None => Arc::new(RegionSet::albania().clone()),
        Some(data) => Arc::new(RegionSet::from_data_at(data.clone(), &root.key("regions"))?),
    };

    let mut audiences = builtin_audiences().to_vec();
    let mut audience_ids: HashSet<String> = audiences.iter().map(|a| a.id.clone()).collect();
    let audiences_at = root.key("audiences");
    for (i, a) in doc.audiences.iter().enumerate() {
        if !audience_ids.insert(a.id.clone()) {
            return Err(Error::invalid(
                audiences_at.index(i).key("id"),
                format!("duplicate audience id {:?}", a.id),
            ));
        }
        audiences.push(a.clone());
    }

    let mut templates = vec![EventTemplate::two_day()];
    let templates_at = root.key("templates");
    for (i, t) in doc.templates.iter().enumerate() {
        let at = templates_at.index(i);
        if templates.iter().any(|x| x.id == t.id) {
            return Err(Error::invalid(
                at.key("id"),
                format!("duplicate template id {:?}", t.id),
            ));
        }
        validate_template(t, &at, &audience_ids)?;
        templates.push(t.clone());
    }
    let template_index = |id: &str| templates.iter().position(|t| t.id == id);
    let default_template = match &doc.default_template {
        None => 0,
        Some(id) => template_index(id).ok_or_else(|| {
            Error::invalid(
                root.key("default_template"),
                format!("unknown template {id:?}"),
            )
        })?,
    };

    let teams = unique_ids(doc.teams.iter().map(|t| t.id.as_str()), &root.key("teams"))?;
    let people = unique_ids(
        doc.people.iter().map(|p| p.id.as_str()),
        &root.key("people"),
    )?;
    let rounds = unique_ids(
        doc.rounds.iter().map(|r| r.id.as_str()),
        &root.key("rounds"),
    )?;
    unique_ids(
        doc.materials.iter().map(|m| m.id.as_str()),
        &root.key("materials"),
    )?;
    check_range(doc.period.as_ref(), &root.key("period"))?;
    let rounds_at = root.key("rounds");
    for (i, r) in doc.rounds.iter().enumerate() {
        check_range(r.period.as_ref(), &rounds_at.index(i).key("period"))?;
    }

    let scope = match &doc.scope {
        None => (0..regions.len()).collect(),
        Some(list) => regions.lookup_all(list, &root.key("scope"))?,
    };

    let ids = VisitIds::of(source);
    let resolver = Resolver {
        source,
        regions: &regions,
        teams: &teams,
        rounds: &rounds,
        people: &people,
        templates: &templates,
        default_template,
        repeated: first_repeated(&ids),
    };
    let Resolving {
        visits,
        windows,
        years,
    } = resolver.resolve_all(&ids)?;
    Ok(Resolved {
        regions,
        templates,
        audiences,
        visits,
        ids,
        scope,
        windows,
        years: if years.0 > years.1 {
            (2017, 2017)
        } else {
            years
        },
    })
}

/// What resolving a visit reads of the document: its tables of regions, teams, rounds,
/// people and templates, and the position of the first repeated id.
struct Resolver<'a, V: ?Sized> {
    source: &'a V,
    regions: &'a RegionSet,
    teams: &'a Map<String, usize>,
    rounds: &'a Map<String, usize>,
    people: &'a Map<String, usize>,
    templates: &'a [EventTemplate],
    default_template: usize,
    repeated: Option<usize>,
}

/// Visits resolved, with their windows, and the years their sessions span.
struct Resolving {
    visits: Vec<ResolvedVisit>,
    windows: Vec<Window>,
    years: (i32, i32),
}

impl<V: Visits + ?Sized> Resolver<'_, V> {
    /// Resolves every visit, whose ids are `ids` ([`Resolver::resolve`]). Natively, for
    /// 20,000 visits or more and with a second core, each half of the visits on its own thread: a visit's checks read nothing
    /// of the others (ids were compared before), and an error of the first half comes
    /// first, as it would one visit after another. (`cargo bench -p campaign-core
    /// --bench checks -- build`.)
    fn resolve_all(&self, ids: &VisitIds) -> Result<Resolving> {
        let all = 0..ids.len();
        #[cfg(not(target_family = "wasm"))]
        if crate::checks::worth_two_threads(all.len()) {
            let middle = all.len() / 2;
            let (a, b) = std::thread::scope(|scope| {
                let later = scope.spawn(|| self.resolve(middle..all.end, ids));
                let a = self.resolve(0..middle, ids);
                // A thread that cannot run to its end is a bug, not an input: propagate it.
                let b = later
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (a, b)
            });
            let (mut a, b) = (a?, b?);
            a.visits.extend(b.visits);
            a.windows.extend(b.windows);
            a.years = (a.years.0.min(b.years.0), a.years.1.max(b.years.1));
            return Ok(a);
        }
        self.resolve(all, ids)
    }

    /// Resolves the visits at `range`, whose ids are in `ids`: the first error, in
    /// visit order, ends it.
    fn resolve(&self, range: std::ops::Range<usize>, ids: &VisitIds) -> Result<Resolving> {
        let root = Path::root();
        let visits_at = root.key("visits");
        let mut visits = Vec::with_capacity(range.len());
        let mut windows = Vec::with_capacity(range.len());
        let mut county_cache: Map<&str, usize> = Map::default();
        let mut years = (i32::MAX, i32::MIN);
        for i in range {
            let id = ids.get(i);
            let v = self.source.fields(i);
            let at = visits_at.index(i);
            if id.is_empty() {
                return Err(Error::invalid(at.key("id"), "empty visit id"));
            }
            if self.repeated == Some(i) {
                return Err(Error::invalid(
                    at.key("id"),
                    format!("duplicate visit id {id:?}"),
                ));
            }
            let county = match county_cache.get(v.county) {
                Some(&c) => c,
                None => {
                    let c = self.regions.lookup(v.county, &at.key("county"))?;
                    county_cache.insert(v.county, c);
                    c
                }
            };
            in_order(&at, VISIT_DAYS, v.first_day, v.last_day)?;
            let days = (v.last_day - v.first_day).num_days() + 1;
            if days > limits::MAX_WINDOW_DAYS {
                return Err(limits::exceeded(
                    at.key("last_day"),
                    Limit::WindowDays,
                    format!(
                        "the visit spans {days} days, more than the limit of {}",
                        limits::MAX_WINDOW_DAYS
                    ),
                ));
            }
            let team = lookup(self.teams, v.team, &at.key("team"), "team")?;
            let round = lookup(self.rounds, v.round, &at.key("round"), "round")?;
            let (template, ppl) = match v.visit {
                None => (self.default_template, Vec::new()),
                Some(full) => resolve_more(
                    full,
                    &at,
                    self.templates,
                    self.default_template,
                    self.people,
                )?,
            };
            let tpl = &self.templates[template];
            // The years of the window and of every session day (a window shorter than its
            // template has sessions after its last day).
            let template_days = tpl.days.len() as i64;
            let end = if template_days > days {
                v.first_day + chrono::Days::new(template_days as u64 - 1)
            } else {
                v.last_day
            };
            years = (years.0.min(v.first_day.year()), years.1.max(end.year()));
            windows.push(Window {
                first: v.first_day,
                last: v.last_day,
                team: team.map_or(0, |t| t as u32 + 1),
            });
            visits.push(ResolvedVisit {
                county,
                team,
                round,
                template,
                people: ppl,
                first_day: v.first_day,
                last_day: v.last_day,
            });
        }
        Ok(Resolving {
            visits,
            windows,
            years,
        })
    }
}

/// Resolves what a visit has beyond a calendar table's fields: its template (checked
/// against its parameters, timetable, invitations and pinned days) and its people.
fn resolve_more(
    v: &Visit,
    at: &Path,
    templates: &[EventTemplate],
    default_template: usize,
    people: &Map<String, usize>,
) -> Result<(usize, Vec<usize>)> {
    let template = match &v.template {
        None => default_template,
        Some(t) => templates
            .iter()
            .position(|x| x.id == *t)
            .ok_or_else(|| Error::invalid(at.key("template"), format!("unknown template {t:?}")))?,
    };
    let tpl = &templates[template];
    let parameters_at = at.key("parameters");
    for (key, &n) in &v.parameters {
        if !tpl.parameters.contains_key(key) {
            return Err(Error::invalid(
                parameters_at.key(key),
                format!("template {:?} has no parameter {key:?}", tpl.id),
            ));
        }
        repetitions(&parameters_at.key(key), n as usize)?;
    }
    let timetable_at = at.key("timetable");
    for (key, slots) in &v.timetable {
        repetitions(&timetable_at.key(key), slots.len())?;
    }
    let sessions_named = v
        .timetable
        .keys()
        .map(|k| ("timetable", k))
        .chain(v.invitations.keys().map(|k| ("invitations", k)));
    for (field, key) in sessions_named {
        if tpl.session(key).is_none() {
            let field_at = at.key(field);
            return Err(Error::invalid(
                field_at.key(key),
                format!("template {:?} has no session {key:?}", tpl.id),
            ));
        }
    }
    if let Some(dates) = &v.day_dates {
        let dates_at = at.key("day_dates");
        if dates.len() != tpl.days.len() {
            return Err(Error::invalid(
                dates_at,
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
                    dates_at.index(k),
                    format!("{d} is outside the visit window"),
                ));
            }
            if k > 0 && *d <= dates[k - 1] {
                return Err(Error::invalid(
                    dates_at.index(k),
                    "pinned days must be in increasing order",
                ));
            }
        }
    }
    let people_at = at.key("people");
    let mut ppl = Vec::with_capacity(v.people.len());
    for (k, p) in v.people.iter().enumerate() {
        ppl.extend(lookup(people, Some(p), &people_at.index(k), "person")?);
    }
    Ok((template, ppl))
}

/// The position of the first id that an earlier one repeats, if any.
///
/// Natively, each id becomes one number, 44 bits of its hash above its 20-bit position
/// ([`limits::MAX_VISITS`] fits), and the numbers are sorted: equal ids then sit in one
/// run of equal hashes, and within a run (almost always one id) each is compared with
/// those before it. For 10^5 ids this takes a third of the time of inserting each into
/// a hash set, whose probes miss the cache once the set outgrows it (9 of validation's
/// 26 ms, `cargo bench --bench checks -- build`). The hash is seeded per call
/// (see `crate::hash`).
#[cfg(not(target_family = "wasm"))]
fn first_repeated(ids: &VisitIds) -> Option<usize> {
    use std::hash::BuildHasher;
    const POSITION: u32 = 20;
    debug_assert!(ids.len() <= 1 << POSITION);
    let seed = crate::hash::Seeded::default();
    let mut keys: Vec<u64> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (seed.hash_one(id) << POSITION) | i as u64)
        .collect();
    keys.sort_unstable();
    let position = |k: u64| (k & ((1 << POSITION) - 1)) as usize;
    let mut first = None::<usize>;
    let mut run = 0;
    for j in 1..=keys.len() {
        if j < keys.len() && keys[j] >> POSITION == keys[run] >> POSITION {
            continue;
        }
        // keys[run..j] share a hash, in increasing position.
        for b in run + 1..j {
            let later = position(keys[b]);
            if (run..b).any(|a| ids.get(position(keys[a])) == ids.get(later)) {
                first = Some(first.map_or(later, |f| f.min(later)));
                break;
            }
        }
        run = j;
    }
    first
}

/// [`first_repeated`] with a hash set: in WebAssembly, where the page's calendars are
/// smaller and the sort would add 765 bytes to the page's module; natively, the oracle
/// of the sorted version's test.
#[cfg(any(test, target_family = "wasm"))]
fn first_repeated_by_set(ids: &VisitIds) -> Option<usize> {
    let mut seen = crate::hash::Set::with_capacity_and_hasher(ids.len(), Default::default());
    ids.iter().position(|id| !seen.insert(id))
}

#[cfg(target_family = "wasm")]
use first_repeated_by_set as first_repeated;

/// How many times a session repeats in a visit, within [`limits::MAX_REPETITIONS`].
fn repetitions(at: &Path, n: usize) -> Result<usize> {
    limits::count(
        at,
        Limit::Repetitions,
        n,
        limits::MAX_REPETITIONS as usize,
        "repetitions of a session in one visit",
    )
}

fn validate_template(t: &EventTemplate, at: &Path, audiences: &HashSet<String>) -> Result<()> {
    if t.id.is_empty() {
        return Err(Error::invalid(at.key("id"), "empty template id"));
    }
    let parameters_at = at.key("parameters");
    for (key, &n) in &t.parameters {
        repetitions(&parameters_at.key(key), n as usize)?;
    }
    let days_at = at.key("days");
    if t.days.is_empty() {
        return Err(Error::invalid(days_at, "a template needs at least one day"));
    }
    let mut ids = HashSet::new();
    for (d, day) in t.days.iter().enumerate() {
        let day_at = days_at.index(d);
        let sessions_at = day_at.key("sessions");
        if day.sessions.is_empty() {
            return Err(Error::invalid(
                sessions_at,
                "a template day needs at least one session",
            ));
        }
        for (s, sess) in day.sessions.iter().enumerate() {
            let sp = sessions_at.index(s);
            if !ids.insert(sess.id.as_str()) {
                return Err(Error::invalid(
                    sp.key("id"),
                    format!("duplicate session id {:?}", sess.id),
                ));
            }
            let audiences_at = sp.key("audiences");
            for (a, aud) in sess.audiences.iter().enumerate() {
                if !audiences.contains(aud) {
                    return Err(Error::invalid(
                        audiences_at.index(a),
                        format!("unknown audience {aud:?}"),
                    ));
                }
            }
            if let Some(by) = &sess.timetable_by {
                if !audiences.contains(by) {
                    return Err(Error::invalid(
                        sp.key("timetable_by"),
                        format!("unknown audience {by:?}"),
                    ));
                }
            }
            if let Some(ParticipantRule::Between { min, max }) = sess.rule {
                if min > max {
                    return Err(Error::invalid(
                        sp.key("rule"),
                        format!("min {min} is above max {max}"),
                    ));
                }
            }
            match &sess.repeat {
                Some(Repeat::Parameter(p)) if !t.parameters.contains_key(p) => {
                    return Err(Error::invalid(
                        sp.key("repeat"),
                        format!("unknown template parameter {p:?}"),
                    ));
                }
                Some(Repeat::Times(n)) => {
                    repetitions(&sp.key("repeat"), *n as usize)?;
                }
                _ => {}
            }
            let materials_at = sp.key("materials");
            for (m, &q) in &sess.materials {
                limits::quantity(&materials_at.key(m), q)?;
            }
        }
    }
    Ok(())
}

/// Ids of a list, each non-empty and unique, with their positions.
fn unique_ids<'a>(ids: impl Iterator<Item = &'a str>, at: &Path) -> Result<Map<String, usize>> {
    let mut map = Map::default();
    for (i, id) in ids.enumerate() {
        let id_at = at.index(i);
        if id.is_empty() {
            return Err(Error::invalid(id_at.key("id"), "empty id"));
        }
        if map.insert(id.to_string(), i).is_some() {
            return Err(Error::invalid(
                id_at.key("id"),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(map)
}

fn lookup(
    map: &Map<String, usize>,
    id: Option<&str>,
    at: &Path,
    what: &str,
) -> Result<Option<usize>> {
    match id {
        None => Ok(None),
        Some(id) => map
            .get(id)
            .copied()
            .map(Some)
            .ok_or_else(|| Error::invalid(at, format!("unknown {what} {id:?}"))),
    }
}

fn check_range(r: Option<&DateRange>, at: &Path) -> Result<()> {
    r.map_or(Ok(()), |r| r.check_order(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(v: &[&str]) -> VisitIds {
        v.iter().copied().collect()
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn sizes_the_docs_name() {
        assert_eq!(std::mem::size_of::<ResolvedVisit>(), 80);
        assert_eq!(std::mem::size_of::<Window>(), 12);
    }

    /// Ids as given, `v<position>` where none is, each where the column says.
    #[test]
    fn visit_ids_are_one_column() {
        let mut doc = crate::synthetic::overlapping(5, 2, 30, 1).into_document();
        doc.visits[1].id = None;
        doc.visits[3].id = Some("é-ü".into());
        let ids = VisitIds::of(doc.visits.as_slice());
        let want = [
            doc.visits[0].id.as_deref().unwrap(),
            "v2",
            doc.visits[2].id.as_deref().unwrap(),
            "é-ü",
            doc.visits[4].id.as_deref().unwrap(),
        ];
        assert_eq!(ids.iter().collect::<Vec<_>>(), want);
        assert_eq!((0..5).map(|i| ids.get(i)).collect::<Vec<_>>(), want);
        assert_eq!(ids.len(), 5);
        assert_eq!(VisitIds::of(&[][..]).len(), 0);
    }

    #[test]
    fn first_repeat_is_the_earliest_second_occurrence() {
        assert_eq!(first_repeated(&ids(&[])), None);
        assert_eq!(first_repeated(&ids(&["a", "b", "c"])), None);
        assert_eq!(first_repeated(&ids(&["a", "b", "b", "a"])), Some(2));
        assert_eq!(first_repeated(&ids(&["x", "a", "y", "a", "x"])), Some(3));
        assert_eq!(first_repeated(&ids(&["a"; 5])), Some(1));
    }

    proptest! {
        // Few distinct ids, so that most lists repeat one, some several.
        #[test]
        fn sorted_first_repeat_equals_the_hash_set_one(v in prop::collection::vec("[a-e]{1,2}", 0..60)) {
            let ids: VisitIds = v.iter().map(String::as_str).collect();
            prop_assert_eq!(first_repeated(&ids), first_repeated_by_set(&ids));
        }
    }
}

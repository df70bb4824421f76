//! The planner: proposes dates and teams for the counties still to visit, says why each
//! visit is not earlier and why a county could not be placed; the checker judges the
//! result.
//!
//! - [`request`]: what to plan ([`PlanRequest`]), read from JSON;
//! - `model`: the problem in numbers (usable start days per team and why the others are
//!   refused, days between visits, the weekly cap);
//! - `solve`: the exact solver (small instances), list scheduling (large ones), the
//!   lower bound;
//! - this file: resolving the request, the reasons, the planned campaign.
//!
//! Rules a plan keeps: the days of every planned visit are allowed weekdays, not public
//! holidays (nor next to one if the request says so), not in a blackout, inside the
//! window, the campaign period and the round's period, school days where the template
//! has school sessions, free for the team and its people (absences, fixed visits); a
//! team's visits leave the travel time of the check's travel model and the rest days
//! between them, at most `max_visits_per_week` start in a week; the material stock
//! covers every visit. The objective, in order: most counties placed, earliest finish,
//! least travel.

mod model;
pub mod request;
mod solve;

pub use request::{Absence, PlanRequest, PlanTeam, Weekday};
pub use solve::{EXACT_COUNTIES, EXACT_TEAMS};

use crate::calendar::{HolidayCalendar, SchoolCalendar};
use crate::campaign::{in_order, Campaign, DateRange, Team, Visit, RANGE};
use crate::error::{Error, Result};
use crate::location::Path;
use crate::reader::Names;
use crate::table::{Table, Values};
use crate::template::Venue;
use crate::text::{Lang, Text};
use crate::travel::TravelModel;
use chrono::{Datelike, NaiveDate};
use model::{Before, Block, Inputs, Problem, SeqBlock, Tail};
use schemars::JsonSchema;
use serde::Serialize;

/// What held a visit back, or why a county could not be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Names, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReasonCode {
    /// The visit starts on the first day of the window.
    WindowStart,
    /// The team's previous visit, plus travel and rest days.
    PreviousVisit,
    /// The day before is a public holiday.
    Holiday,
    /// The day before is next to a public holiday, which the request keeps free.
    NextToHoliday,
    /// The day before is not an allowed weekday.
    Weekday,
    /// The day before is in a blackout.
    Blackout,
    /// The day before is not a school day, and the template has school sessions then.
    SchoolCalendar,
    /// A person of the team is away.
    PersonUnavailable,
    /// The team, or one of its people, is at another visit.
    TeamBusy,
    /// The team's visits in that week reach the weekly cap.
    WeeklyLimit,
    /// Not enough time before the team's next fixed visit.
    NextVisit,
    /// Outside the campaign period or the round's period.
    Period,
    /// No run of days in the window meets the rules for any team.
    NoDays,
    /// The teams' calendars are full until the end of the window.
    NoTime,
    /// The material stock does not cover another visit.
    MaterialStock,
}

/// A reason: its code, the day it is about, and what it says in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Reason {
    /// What kind of reason.
    pub code: ReasonCode,
    /// The day it is about, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<NaiveDate>,
    /// What it says.
    pub message: Text,
}

/// A visit the planner proposes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlannedVisit {
    /// Its id in the planned campaign.
    pub id: String,
    /// County code.
    pub county: String,
    /// County name (Albanian).
    pub county_name: String,
    /// Team id (`None`: the campaign's implicit team).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// First day.
    pub first_day: NaiveDate,
    /// Last day.
    pub last_day: NaiveDate,
    /// Road km from the team's previous visit (or its home).
    pub km: f64,
    /// Why it is not earlier.
    pub reason: Reason,
}

/// A county the planner could not place.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Unplaced {
    /// County code.
    pub county: String,
    /// County name (Albanian).
    pub county_name: String,
    /// Why.
    pub reason: Reason,
}

/// How the plan was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Names, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The exact solver: the finish is the earliest possible for the most counties.
    Exact,
    /// List scheduling, with its gap to the lower bound.
    Greedy,
}

/// A proposed calendar and what the planner knows about it.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The campaign with the fixed visits and the planned ones.
    #[serde(skip)]
    pub campaign: Campaign,
    /// The planned visits, by first day.
    pub visits: Vec<PlannedVisit>,
    /// Counties that could not be placed, in request order.
    pub unplaced: Vec<Unplaced>,
    /// The window planned in.
    pub window: DateRange,
    /// Last day of the last planned visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish: Option<NaiveDate>,
    /// No plan placing as many counties finishes before this day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_bound: Option<NaiveDate>,
    /// Days between the lower bound and the finish (0: proven optimal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap_days: Option<i64>,
    /// Which solver ran.
    pub method: Method,
    /// True if the finish is proven the earliest for this many counties (the exact
    /// solver on independent teams, or the lower bound reached).
    pub optimal: bool,
    /// Road km of the planned visits (each from the visit before it, or from home).
    pub travel_km: f64,
}

impl Plan {
    /// The plan as JSON: the planned campaign's document under `document`, then the
    /// planned visits with their reasons, the unplaced counties, and the figures.
    pub fn to_json(&self) -> String {
        // The fields written out rather than `#[serde(flatten)]`, whose serializer
        // costs the wasm tools module several KB.
        #[derive(Serialize)]
        struct Out<'a> {
            document: &'a crate::campaign::CampaignDocument,
            visits: &'a [PlannedVisit],
            unplaced: &'a [Unplaced],
            window: &'a DateRange,
            #[serde(skip_serializing_if = "Option::is_none")]
            finish: Option<NaiveDate>,
            #[serde(skip_serializing_if = "Option::is_none")]
            lower_bound: Option<NaiveDate>,
            #[serde(skip_serializing_if = "Option::is_none")]
            gap_days: Option<i64>,
            method: Method,
            optimal: bool,
            travel_km: f64,
        }
        // Compact: a pretty printer would be a second copy of every document type's
        // serializer in the wasm tools module.
        serde_json::to_string(&Out {
            document: self.campaign.document(),
            visits: &self.visits,
            unplaced: &self.unplaced,
            window: &self.window,
            finish: self.finish,
            lower_bound: self.lower_bound,
            gap_days: self.gap_days,
            method: self.method,
            optimal: self.optimal,
            travel_km: self.travel_km,
        })
        .expect("plans always serialise")
    }

    /// The plan as text: one line per visit with its reason, then the unplaced counties
    /// and the figures.
    pub fn to_text(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let mut out = String::new();
        let teams = self.visits.iter().any(|v| v.team.is_some());
        for v in &self.visits {
            let team = match (&v.team, teams) {
                (Some(t), _) => format!(" [{t}]"),
                (None, _) => String::new(),
            };
            out.push_str(&format!(
                "{} – {}  {}{}\n    {}: {}\n",
                v.first_day,
                v.last_day,
                v.county_name,
                team,
                if en { "not earlier" } else { "jo më herët" },
                v.reason.message.get(lang)
            ));
        }
        for u in &self.unplaced {
            out.push_str(&format!(
                "{} {}: {}\n",
                if en { "NOT PLACED" } else { "PA VENDOSUR" },
                u.county_name,
                u.reason.message.get(lang)
            ));
        }
        let finish = self.finish.map_or("-".to_string(), |d| d.to_string());
        let bound = self.lower_bound.map_or("-".to_string(), |d| d.to_string());
        let proof = match (self.optimal, en) {
            (true, true) => "proven optimal",
            (true, false) => "e provuar optimale",
            (false, true) => "not proven optimal",
            (false, false) => "pa provë optimaliteti",
        };
        if en {
            out.push_str(&format!(
                "{} visits placed, {} not placed; finish {finish}, lower bound {bound} ({proof}, {} solver); {:.0} km\n",
                self.visits.len(),
                self.unplaced.len(),
                self.method.as_str(),
                self.travel_km
            ));
        } else {
            out.push_str(&format!(
                "{} vizita të vendosura, {} pa vendosur; përfundimi {finish}, kufiri i poshtëm {bound} ({proof}, zgjidhës {}); {:.0} km\n",
                self.visits.len(),
                self.unplaced.len(),
                self.method.as_str(),
                self.travel_km
            ));
        }
        out
    }
}

impl Plan {
    /// The planned visits as a table (dates as `YYYY-MM-DD`, the reason in `lang`).
    pub fn visits_table(&self, lang: Lang) -> Table {
        let v = &self.visits;
        let text = |f: &dyn Fn(&PlannedVisit) -> String| Values::Str(v.iter().map(f).collect());
        Table::default()
            .with("id", text(&|x| x.id.clone()))
            .with("county", text(&|x| x.county.clone()))
            .with("county_name", text(&|x| x.county_name.clone()))
            .with("team", text(&|x| x.team.clone().unwrap_or_default()))
            .with("first_day", text(&|x| x.first_day.to_string()))
            .with("last_day", text(&|x| x.last_day.to_string()))
            .with("km", Values::Float(v.iter().map(|x| Some(x.km)).collect()))
            .with("reason_code", text(&|x| x.reason.code.as_str().to_string()))
            .with(
                "reason_day",
                text(&|x| x.reason.day.map_or(String::new(), |d| d.to_string())),
            )
            .with("reason", text(&|x| x.reason.message.get(lang).to_string()))
    }

    /// The counties not placed as a table (the reason in `lang`).
    pub fn unplaced_table(&self, lang: Lang) -> Table {
        let u = &self.unplaced;
        let text = |f: &dyn Fn(&Unplaced) -> String| Values::Str(u.iter().map(f).collect());
        Table::default()
            .with("county", text(&|x| x.county.clone()))
            .with("county_name", text(&|x| x.county_name.clone()))
            .with("reason_code", text(&|x| x.reason.code.as_str().to_string()))
            .with("reason", text(&|x| x.reason.message.get(lang).to_string()))
    }
}

impl Campaign {
    /// Proposes dates and teams for the counties still to visit (see [`PlanRequest`]).
    /// The fixed visits stay as they are; the result is a campaign the checker finds no
    /// error in that the fixed visits did not already have. Deterministic.
    ///
    /// ```
    /// use campaign_core::{plan::PlanRequest, Campaign, Severity};
    /// let c = Campaign::builtin_2017();
    /// let request = PlanRequest::from_json(r#"{"window": {"start": "2018-01-15", "end": "2018-06-15"},
    ///     "weekdays": ["tuesday", "wednesday", "thursday"]}"#).unwrap();
    /// let plan = c.plan(&request).unwrap();
    /// assert_eq!(plan.visits.len(), 6); // Berat, Fier, Gjirokastër, Lezhë, Tiranë, Vlorë
    /// assert!(plan.unplaced.is_empty());
    /// let report = plan.campaign.check_with(&request.check).unwrap();
    /// assert_eq!(report.counts.error, 0);
    /// ```
    pub fn plan(&self, request: &PlanRequest) -> Result<Plan> {
        plan(self, request)
    }
}

/// The request resolved against the campaign: the problem and what assembling the
/// result needs.
struct Prepared {
    base: Campaign,
    problem: Problem,
    team_ids: Vec<Option<String>>,
    template: usize,
    round: Option<usize>,
    window: DateRange,
    max_count: usize,
    stock_reason: Option<Reason>,
    holidays: HolidayCalendar,
    shared: bool,
}

fn prepare(c: &Campaign, req: &PlanRequest) -> Result<Prepared> {
    let root = Path::root();
    req.check.validate()?;
    let doc = c.document();
    let regions = c.regions();
    // Movable visits leave; their counties are planned again.
    let movable_at = root.key("movable");
    let mut moving = vec![false; doc.visits.len()];
    for (k, id) in req.movable.iter().enumerate() {
        let Some(i) = c.visit_ids().position(|v| v == id) else {
            return Err(Error::invalid(
                movable_at.index(k),
                format!("no visit has the id {id:?}"),
            ));
        };
        moving[i] = true;
    }
    let mut base_doc = doc.clone();
    base_doc.visits = doc
        .visits
        .iter()
        .zip(&moving)
        .filter(|(_, m)| !**m)
        .map(|(v, _)| v.clone())
        .collect();
    // Teams: the request's, declared in the document if new.
    let teams_at = root.key("teams");
    crate::limits::count(
        &teams_at,
        crate::limits::Limit::Teams,
        req.teams.len(),
        crate::limits::MAX_TEAMS,
        "teams",
    )?;
    let mut team_ids: Vec<Option<String>> = Vec::new();
    let mut homes = Vec::new();
    let mut team_people: Vec<Vec<usize>> = Vec::new();
    if req.teams.is_empty() {
        if doc.teams.is_empty() {
            team_ids.push(None);
        } else {
            team_ids.extend(doc.teams.iter().map(|t| Some(t.id.clone())));
        }
        homes.resize(team_ids.len(), None);
        team_people.resize(team_ids.len(), Vec::new());
    } else {
        for (k, t) in req.teams.iter().enumerate() {
            let at = teams_at.index(k);
            if team_ids.iter().any(|x| x.as_deref() == Some(t.id.as_str())) {
                return Err(Error::invalid(
                    at.key("id"),
                    format!("team {:?} is listed twice", t.id),
                ));
            }
            team_ids.push(Some(t.id.clone()));
            homes.push(match &t.home {
                Some(h) => Some(regions.lookup(h, &at.key("home"))?),
                None => None,
            });
            let people_at = at.key("people");
            let mut ps = Vec::new();
            for (j, p) in t.people.iter().enumerate() {
                let Some(i) = doc.people.iter().position(|x| &x.id == p) else {
                    return Err(Error::invalid(
                        people_at.index(j),
                        format!("no person of the campaign has the id {p:?}"),
                    ));
                };
                ps.push(i);
            }
            team_people.push(ps);
            if !base_doc.teams.iter().any(|x| x.id == t.id) {
                base_doc.teams.push(Team {
                    id: t.id.clone(),
                    name: None,
                });
            }
        }
    }
    let base = Campaign::new(base_doc)?;
    // The team index of each fixed visit in the request's team list.
    let team_of = |v: &crate::campaign::ResolvedVisit| -> Option<usize> {
        let id = v.team.map(|t| base.document().teams[t].id.as_str());
        team_ids.iter().position(|x| x.as_deref() == id)
    };
    // Counties to place.
    let counties_at = root.key("counties");
    let mut counties: Vec<usize> = Vec::new();
    match &req.counties {
        Some(list) => {
            for (k, name) in list.iter().enumerate() {
                let r = regions.lookup(name, &counties_at.index(k))?;
                if counties.contains(&r) {
                    return Err(Error::invalid(
                        counties_at.index(k),
                        format!("{} is listed twice", regions.regions()[r].name_sq),
                    ));
                }
                counties.push(r);
            }
            for (i, v) in c.visits().iter().enumerate() {
                if moving[i] && !counties.contains(&v.county) {
                    counties.push(v.county);
                }
            }
        }
        None => {
            let mut covered = vec![false; regions.len()];
            for v in base.visits() {
                covered[v.county] = true;
            }
            counties.extend(base.scope().iter().copied().filter(|&r| !covered[r]));
        }
    }
    // The template.
    let template = match &req.template {
        Some(id) => base
            .templates()
            .iter()
            .position(|t| &t.id == id)
            .ok_or_else(|| {
                Error::invalid(
                    root.key("template"),
                    format!("no template has the id {id:?}"),
                )
            })?,
        // Validation resolved the default template, so this lookup succeeds.
        None => match &base.document().default_template {
            Some(id) => base
                .templates()
                .iter()
                .position(|t| &t.id == id)
                .unwrap_or(0),
            None => 0,
        },
    };
    let tpl = &base.templates()[template];
    let span = tpl.days.len().max(1);
    let school_days: Vec<bool> = (0..span)
        .map(|k| {
            tpl.days
                .get(k)
                .is_some_and(|d| d.sessions.iter().any(|s| s.venue == Venue::School))
        })
        .collect();
    // The window.
    let window = match req.window {
        Some(w) => {
            let at = root.key("window");
            crate::limits::date(&at.key("start"), w.start)?;
            crate::limits::date(&at.key("end"), w.end)?;
            w.check_order(&at)?;
            w
        }
        None => default_window(&base),
    };
    let days = PlanRequest::window_len(&window);
    if days > crate::limits::MAX_WINDOW_DAYS {
        return Err(crate::limits::exceeded(
            root.key("window"),
            crate::limits::Limit::WindowDays,
            format!(
                "the planning window has {days} days: at most {}",
                crate::limits::MAX_WINDOW_DAYS
            ),
        ));
    }
    let days = days as usize;
    // The round.
    let round = match &req.round {
        Some(id) => Some(
            base.document()
                .rounds
                .iter()
                .position(|r| &r.id == id)
                .ok_or_else(|| {
                    Error::invalid(root.key("round"), format!("no round has the id {id:?}"))
                })?,
        ),
        None => base
            .document()
            .rounds
            .iter()
            .position(|r| r.period.is_some_and(|p| p.contains(window.start))),
    };
    let mut ranges = Vec::new();
    ranges.extend(base.document().period);
    if let Some(r) = round {
        ranges.extend(base.document().rounds[r].period);
    }
    // Absences.
    let absences_at = root.key("unavailable");
    let mut absences = vec![Vec::new(); team_ids.len()];
    for (k, a) in req.unavailable.iter().enumerate() {
        let at = absences_at.index(k);
        let Some(person) = doc.people.iter().position(|x| x.id == a.person) else {
            return Err(Error::invalid(
                at.key("person"),
                format!("no person of the campaign has the id {:?}", a.person),
            ));
        };
        crate::limits::date(&at.key("start"), a.start)?;
        crate::limits::date(&at.key("end"), a.end)?;
        in_order(&at, RANGE, a.start, a.end)?;
        for (t, ps) in team_people.iter().enumerate() {
            if ps.contains(&person) {
                absences[t].push((a.start, a.end, k));
            }
        }
    }
    // Fixed visits: the team's own, and its people's elsewhere.
    let mut own = vec![Vec::new(); team_ids.len()];
    let mut busy = vec![Vec::new(); team_ids.len()];
    for (i, v) in base.visits().iter().enumerate() {
        let mine = team_of(v);
        if let Some(t) = mine {
            own[t].push((v.first_day, v.last_day, i, v.county));
        }
        for (t, ps) in team_people.iter().enumerate() {
            if Some(t) != mine && v.people.iter().any(|p| ps.contains(p)) {
                busy[t].push((v.first_day, v.last_day, i));
            }
        }
    }
    let years = (window.start.year() - 1, window.end.year() + 1);
    let holidays = HolidayCalendar::albania(years.0, years.1, &req.check.extra_holidays);
    let school = SchoolCalendar::new(req.check.school_years.clone());
    let travel = TravelModel::new(regions, &req.check.travel)?;
    let mut allowed = [false; 7];
    for w in &req.weekdays {
        allowed[w.chrono().num_days_from_monday() as usize] = true;
    }
    let problem = Problem::new(Inputs {
        first: window.start,
        days,
        span,
        school_days,
        counties,
        allowed,
        next_to_holiday: req.next_to_holiday,
        holidays: &holidays,
        school: &school,
        blackouts: &req.check.blackouts,
        ranges,
        absences,
        own,
        busy,
        home: homes,
        people: team_people.clone(),
        travel: &travel,
        regions: regions.len(),
        rest_days: req.rest_days,
        week_cap: req.max_visits_per_week,
    });
    // The stock: how many visits it still covers.
    let (max_count, stock_reason) = stock_limit(&base, template, problem.counties.len());
    let shared = (0..team_people.len())
        .any(|t| (0..t).any(|u| team_people[t].iter().any(|p| team_people[u].contains(p))));
    Ok(Prepared {
        base,
        problem,
        team_ids,
        template,
        round,
        window,
        max_count,
        stock_reason,
        holidays,
        shared,
    })
}

fn plan(c: &Campaign, req: &PlanRequest) -> Result<Plan> {
    let pr = prepare(c, req)?;
    let problem = &pr.problem;
    let exact = problem.counties.len() <= solve::EXACT_COUNTIES
        && problem.teams() <= solve::EXACT_TEAMS
        && !pr.shared;
    let solution = if exact {
        solve::exact(problem, pr.max_count)
    } else {
        solve::greedy(problem, pr.max_count)
    };
    let placed = solution.placements.len();
    let bound = solve::lower_bound(problem, placed);
    let optimal = placed == 0
        // Fixed visits before or after the window only bound the first and last starts;
        // one inside it may sit between planned visits, where starting early is not
        // always best.
        || (exact
            && problem
                .held
                .iter()
                .flatten()
                .all(|h| h.start < 0 || h.start >= problem.days as i64))
        || bound == Some(solution.finish);
    assemble(
        &pr.base,
        req,
        problem,
        &solution,
        &pr.team_ids,
        pr.template,
        pr.round,
        pr.window,
        (pr.max_count, pr.stock_reason.clone()),
        Facts {
            holidays: &pr.holidays,
            bound,
            optimal,
            method: if exact { Method::Exact } else { Method::Greedy },
        },
    )
}

/// The planning problem in numbers, for other solvers (the benchmark gives it to
/// OR-Tools CP-SAT): window days are numbered from 0 (`first`).
#[derive(Debug, Clone, Serialize)]
pub struct PlanProblem {
    /// The window's first day (day 0).
    pub first: NaiveDate,
    /// Days in the window.
    pub days: usize,
    /// Days of one visit.
    pub span: usize,
    /// County codes to place.
    pub counties: Vec<String>,
    /// Team ids (`null`: the implicit team).
    pub teams: Vec<Option<String>>,
    /// Per team: the start days whose days the rules allow (holidays, weekdays, school
    /// days, blackouts, absences, fixed visits, period).
    pub starts: Vec<Vec<usize>>,
    /// `gaps[i][j]`: at least this many days from the last day of a visit to county i
    /// to the first day of a visit to county j of the same team (`null`: never).
    pub gaps: Vec<Vec<Option<i64>>>,
    /// `km[i][j]`: road km between the counties.
    pub km: Vec<Vec<f64>>,
    /// At most this many visits of a team start in a week (Monday to Sunday).
    pub max_visits_per_week: Option<u32>,
    /// How many visits the material stock still covers.
    pub max_visits: usize,
    /// Fixed visits of the teams in the window or close enough for travel to matter (a
    /// solver that ignores them solves a relaxation).
    pub fixed_visits: usize,
}

impl Campaign {
    /// The planning problem of `request` in numbers (see [`PlanProblem`]).
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// let r = campaign_core::plan::PlanRequest::from_json("{}").unwrap();
    /// let p = c.plan_problem(&r).unwrap();
    /// assert_eq!((p.counties.len(), p.span), (6, 2));
    /// ```
    pub fn plan_problem(&self, request: &PlanRequest) -> Result<PlanProblem> {
        let pr = prepare(self, request)?;
        let p = &pr.problem;
        let regions = pr.base.regions();
        Ok(PlanProblem {
            first: p.first,
            days: p.days,
            span: p.span,
            counties: p
                .counties
                .iter()
                .map(|&c| regions.regions()[c].code.clone())
                .collect(),
            teams: pr.team_ids.clone(),
            starts: (0..p.teams())
                .map(|t| (0..p.days).filter(|&s| p.next_ok[t][s] == s).collect())
                .collect(),
            gaps: p
                .counties
                .iter()
                .map(|&a| p.counties.iter().map(|&b| p.gap(a, b)).collect())
                .collect(),
            km: p
                .counties
                .iter()
                .map(|&a| p.counties.iter().map(|&b| p.km(a, b)).collect())
                .collect(),
            max_visits_per_week: p.week_cap,
            max_visits: pr.max_count,
            fixed_visits: {
                // Those whose travel can reach into the window, or that are in it.
                let reach = (0..regions.len())
                    .flat_map(|a| (0..regions.len()).map(move |b| (a, b)))
                    .filter_map(|(a, b)| p.gap(a, b))
                    .max()
                    .unwrap_or(0)
                    + p.span as i64;
                p.held
                    .iter()
                    .flatten()
                    .filter(|h| h.end + reach > 0 && h.start - reach < p.days as i64)
                    .count()
            },
        })
    }
}

struct Facts<'a> {
    holidays: &'a HolidayCalendar,
    bound: Option<i64>,
    optimal: bool,
    method: Method,
}

/// The default window: the period of the first round after the last round with a
/// visit; else from the day after the last visit to the end of the campaign period;
/// else 183 days from the day after the last visit (or from the period's start).
fn default_window(c: &Campaign) -> DateRange {
    let doc = c.document();
    if let Some(last) = c.visits().iter().filter_map(|v| v.round).max() {
        if let Some(p) = doc.rounds.get(last + 1).and_then(|r| r.period) {
            return p;
        }
    }
    let after = c
        .visits()
        .iter()
        .map(|v| v.last_day)
        .max()
        .and_then(|d| d.succ_opt());
    let start = after
        .or(doc.period.map(|p| p.start))
        .unwrap_or(crate::limits::FIRST_DAY);
    match doc.period {
        Some(p) if p.end >= start => DateRange::new(start, p.end),
        _ => DateRange::new(
            start,
            (start + chrono::Days::new(182)).min(crate::limits::LAST_DAY),
        ),
    }
}

/// How many more visits of `template` the stock covers after the fixed visits, and the
/// reason to give a county left out for it.
fn stock_limit(c: &Campaign, template: usize, wanted: usize) -> (usize, Option<Reason>) {
    let tpl = &c.templates()[template];
    let mut limit = wanted;
    let mut reason = None;
    for m in &c.document().materials {
        let per_visit: u64 = tpl
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .map(|s| {
                let q = s.materials.get(&m.id).copied().unwrap_or(0);
                q.saturating_mul(u64::from(crate::expand::template_repetitions(tpl, s)))
            })
            .fold(0u64, u64::saturating_add);
        if per_visit == 0 {
            continue;
        }
        let used: u64 = c
            .sessions()
            .iter()
            .map(|s| {
                c.view(s)
                    .template
                    .materials
                    .get(&m.id)
                    .copied()
                    .unwrap_or(0)
            })
            .fold(0u64, u64::saturating_add);
        let left = m.stock.saturating_sub(used);
        let covers = usize::try_from(left / per_visit).unwrap_or(usize::MAX);
        if covers < limit {
            limit = covers;
            reason = Some(Reason {
                code: ReasonCode::MaterialStock,
                day: None,
                message: Text::new(
                    format!(
                        "{} të mbetura ({left}) nuk mbulojnë një vizitë tjetër ({per_visit} për vizitë)",
                        m.label.sq
                    ),
                    format!(
                        "the {} left ({left}) do not cover another visit ({per_visit} each)",
                        m.label.en.to_ascii_lowercase()
                    ),
                ),
            });
        }
    }
    (limit, reason)
}

const WEEKDAYS_SQ: [&str; 7] = [
    "e hënë",
    "e martë",
    "e mërkurë",
    "e enjte",
    "e premte",
    "e shtunë",
    "e diel",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Why a start on window day `s` of `team` is refused, after `tail`.
#[allow(clippy::too_many_arguments)]
fn refusal(
    c: &Campaign,
    req: &PlanRequest,
    p: &Problem,
    holidays: &HolidayCalendar,
    team: usize,
    tail: Option<&Tail>,
    county: usize,
    s: i64,
    taken_by: &dyn Fn(i64) -> Option<String>,
) -> Reason {
    let visit_id = |v: usize| c.visit_id(v).to_owned();
    if let Some((k, block)) = p.refused[team][s as usize] {
        let day = p.date(s + k as i64);
        let d = day.to_string();
        let (code, sq, en) = match block {
            Block::Period => (
                ReasonCode::Period,
                format!("{d} është jashtë periudhës së fushatës ose të raundit"),
                format!("{d} is outside the campaign period or the round's period"),
            ),
            Block::WindowEnd => (
                ReasonCode::NoTime,
                format!("vizita do të kalonte fundin e periudhës së planifikimit ({d})"),
                format!("the visit would run past the end of the planning window ({d})"),
            ),
            Block::Weekday => {
                let w = day.weekday().num_days_from_monday() as usize;
                (
                    ReasonCode::Weekday,
                    format!(
                        "{d} është {}, jo një nga ditët e lejuara të javës",
                        WEEKDAYS_SQ[w]
                    ),
                    format!(
                        "{d} is a {}, not one of the allowed weekdays",
                        WEEKDAYS_EN[w]
                    ),
                )
            }
            Block::Holiday => {
                let names = holidays.get(day).unwrap_or(&[]);
                let name = |l: Lang| {
                    names
                        .iter()
                        .map(|h| h.name.get(l).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (
                    ReasonCode::Holiday,
                    format!("{d} është festë zyrtare ({})", name(Lang::Sq)),
                    format!("{d} is a public holiday ({})", name(Lang::En)),
                )
            }
            Block::NextToHoliday => (
                ReasonCode::NextToHoliday,
                format!(
                    "{d} është ngjitur me një festë zyrtare dhe kërkesa i lë të lira ditë të tilla"
                ),
                format!("{d} is next to a public holiday, and the request keeps such days free"),
            ),
            Block::Blackout(b) => {
                let r = &req.check.blackouts[b].reason;
                (
                    ReasonCode::Blackout,
                    format!("{d} bie në një periudhë të ndaluar ({})", r.sq),
                    format!("{d} falls in a blackout ({})", r.en),
                )
            }
            Block::School => (
                ReasonCode::SchoolCalendar,
                format!("{d} nuk është ditë mësimi, dhe atë ditë ka seanca në shkolla"),
                format!("{d} is not a school day, and the school sessions fall on it"),
            ),
            Block::Absent(a) => {
                let ab = &req.unavailable[a];
                let why = ab
                    .reason
                    .as_ref()
                    .map_or(String::new(), |r| format!(" ({r})"));
                (
                    ReasonCode::PersonUnavailable,
                    format!("{} mungon më {d}{why}", ab.person),
                    format!("{} is unavailable on {d}{why}", ab.person),
                )
            }
            Block::Busy(v) => (
                ReasonCode::TeamBusy,
                format!(
                    "ekipi ose një nga personat e tij është në vizitën {} më {d}",
                    visit_id(v)
                ),
                format!(
                    "the team or one of its people is at visit {} on {d}",
                    visit_id(v)
                ),
            ),
        };
        return Reason {
            code,
            day: Some(day),
            message: Text::new(sq, en),
        };
    }
    for k in 0..p.span as i64 {
        if let Some(other) = taken_by(s + k) {
            let d = p.date(s + k).to_string();
            return Reason {
                code: ReasonCode::TeamBusy,
                day: Some(p.date(s + k)),
                message: Text::new(
                    format!("një person i ekipit është në vizitën {other} më {d}"),
                    format!("a person of the team is at visit {other} on {d}"),
                ),
            };
        }
    }
    let d = p.date(s);
    match p.sequence_block(team, tail, county, s) {
        Some(SeqBlock::Week) => {
            let cap = req.max_visits_per_week.unwrap_or(0);
            Reason {
                code: ReasonCode::WeeklyLimit,
                day: Some(d),
                message: Text::new(
                    format!("ekipi ka tashmë {cap} vizita në javën e {d}"),
                    format!("the team already has {cap} visit(s) in the week of {d}"),
                ),
            }
        }
        Some(SeqBlock::NextFixed(v, _)) => Reason {
            code: ReasonCode::NextVisit,
            day: Some(d),
            message: Text::new(
                format!(
                    "nga {d} nuk mbetet kohë e mjaftueshme para vizitës {} të ekipit",
                    visit_id(v)
                ),
                format!(
                    "from {d} there is not enough time before the team's visit {}",
                    visit_id(v)
                ),
            ),
        },
        None => Reason {
            code: ReasonCode::NoTime,
            day: Some(d),
            message: Text::new(
                format!("{d} nuk u zgjodh për të mbaruar më herët gjithsej"),
                format!("{d} was not chosen, so that the plan as a whole finishes earlier"),
            ),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    base: &Campaign,
    req: &PlanRequest,
    p: &Problem,
    sol: &solve::Solution,
    team_ids: &[Option<String>],
    template: usize,
    round: Option<usize>,
    window: DateRange,
    (max_count, stock_reason): (usize, Option<Reason>),
    facts: Facts<'_>,
) -> Result<Plan> {
    let regions = base.regions();
    let doc = base.document();
    let lang = req.lang;
    // Visit ids: `<county code>-plan`, made unique.
    let mut ids: Vec<String> = doc.visits.iter().filter_map(|v| v.id.clone()).collect();
    ids.extend(base.visit_ids().map(str::to_owned));
    let mut new_visits: Vec<(Visit, PlannedVisit)> = Vec::new();
    // Per team, the sequence so far (for the reasons), in start order.
    let mut by_team: Vec<Vec<usize>> = vec![Vec::new(); p.teams()];
    for (k, pl) in sol.placements.iter().enumerate() {
        by_team[pl.team].push(k);
    }
    // Days each team's people spend on planned visits of other teams.
    let mut person_days: Vec<(usize, i64, i64, usize)> = Vec::new(); // (person, start, end, placement)
    for (k, pl) in sol.placements.iter().enumerate() {
        for &person in &p.people[pl.team] {
            person_days.push((person, pl.start, pl.start + p.span as i64 - 1, k));
        }
    }
    let mut reasons: Vec<Option<(Reason, f64)>> = vec![None; sol.placements.len()];
    for (t, seq) in by_team.iter().enumerate() {
        let mut tail: Option<Tail> = None;
        for &idx in seq {
            let pl = &sol.placements[idx];
            let county = p.counties[pl.county];
            let s = pl.start;
            let km = p.km_into(t, tail.as_ref(), county, s);
            let (before, prev) = p.before(t, tail.as_ref(), s);
            let earliest_from = match prev {
                Some((c, end)) => end + p.gap(c, county).unwrap_or(0),
                None => 0,
            };
            let lb = earliest_from.max(0);
            // The visit before binds only if it leaves less than the whole window.
            let previous = prev.filter(|_| earliest_from > 0).map(|(c, end)| {
                let name = &regions.regions()[c].name_sq;
                let gap = p.gap(c, county).unwrap_or(0);
                let last = p.date(end);
                let what = match before {
                    Before::Fixed(v) => format!("{}, {name}", base.visit_id(v)),
                    _ => name.clone(),
                };
                Reason {
                    code: ReasonCode::PreviousVisit,
                    day: Some(last),
                    message: Text::new(
                        format!("vizita e mëparshme e ekipit ({what}, deri më {last}) dhe {gap} ditë për udhëtim e pushim"),
                        format!("the team's previous visit ({what}, until {last}) and {gap} day(s) for travel and rest"),
                    ),
                }
            });
            let reason = if s <= lb {
                previous.unwrap_or_else(|| Reason {
                    code: ReasonCode::WindowStart,
                    day: Some(window.start),
                    message: Text::new(
                        "dita e parë e periudhës së planifikimit",
                        "the first day of the planning window",
                    ),
                })
            } else {
                let taken_by = |i: i64| -> Option<String> {
                    person_days
                        .iter()
                        .find(|&&(person, a, b, k)| {
                            a <= i
                                && i <= b
                                && k != idx
                                && sol.placements[k].team != t
                                && p.people[t].contains(&person)
                        })
                        .map(|&(_, _, _, k)| {
                            regions.regions()[p.counties[sol.placements[k].county]]
                                .name_sq
                                .clone()
                        })
                };
                // The refused starts from the day before back to the earliest the
                // sequence allows: each kind of refusal once, the latest first.
                let mut seen: Vec<Reason> = Vec::new();
                let mut day = s - 1;
                while day >= lb && day >= s - 62 && seen.len() < 3 {
                    let r = refusal(
                        base,
                        req,
                        p,
                        facts.holidays,
                        t,
                        tail.as_ref(),
                        county,
                        day,
                        &taken_by,
                    );
                    if !seen.iter().any(|x| x.code == r.code) {
                        seen.push(r);
                    }
                    day -= 1;
                }
                let join = |l: Lang| {
                    seen.iter()
                        .map(|r| r.message.get(l).to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let (sq, en) = match &previous {
                    Some(pr) => (
                        format!("{}, që lejon {} si fillimin më të hershëm; por asnjë fillim nga {} deri më {} nuk përshtatet: {}", pr.message.sq, p.date(lb), p.date(lb), p.date(s - 1), join(Lang::Sq)),
                        format!("{}, which allows {} at the earliest; but no start from {} to {} fits: {}", pr.message.en, p.date(lb), p.date(lb), p.date(s - 1), join(Lang::En)),
                    ),
                    None if s - 1 > lb => (
                        format!("asnjë fillim nga {} deri më {} nuk përshtatet: {}", p.date(lb), p.date(s - 1), join(Lang::Sq)),
                        format!("no start from {} to {} fits: {}", p.date(lb), p.date(s - 1), join(Lang::En)),
                    ),
                    None => (join(Lang::Sq), join(Lang::En)),
                };
                Reason {
                    code: seen[0].code,
                    day: seen[0].day,
                    message: Text::new(sq, en),
                }
            };
            reasons[idx] = Some((reason, km));
            tail = Some(p.push(tail.as_ref(), county, s));
        }
    }
    for (k, pl) in sol.placements.iter().enumerate() {
        let county = &regions.regions()[p.counties[pl.county]];
        let first = p.date(pl.start);
        let last = p.date(pl.start + p.span as i64 - 1);
        let mut id = format!("{}-plan", county.code.to_lowercase());
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{}-plan-{n}", county.code.to_lowercase());
            n += 1;
        }
        ids.push(id.clone());
        let (reason, km) = reasons[k].clone().expect("every placement has its reason");
        let mut v = Visit::new(county.code.clone(), first, last);
        v.id = Some(id.clone());
        v.team = team_ids[pl.team].clone();
        v.round = round.map(|r| doc.rounds[r].id.clone());
        v.template = req.template.clone();
        v.people = p.people[pl.team]
            .iter()
            .map(|&i| doc.people[i].id.clone())
            .collect();
        let _ = template;
        v.note = Some(match lang {
            Lang::Sq => format!(
                "Propozuar nga planifikuesi; jo më herët: {}",
                reason.message.sq
            ),
            Lang::En => format!(
                "Proposed by the planner; not earlier: {}",
                reason.message.en
            ),
        });
        new_visits.push((
            v,
            PlannedVisit {
                id,
                county: county.code.clone(),
                county_name: county.name_sq.clone(),
                team: team_ids[pl.team].clone(),
                first_day: first,
                last_day: last,
                km,
                reason,
            },
        ));
    }
    // Unplaced counties and why.
    let placed: Vec<usize> = sol.placements.iter().map(|x| x.county).collect();
    let mut unplaced = Vec::new();
    for (i, &r) in p.counties.iter().enumerate() {
        if placed.contains(&i) {
            continue;
        }
        let county = &regions.regions()[r];
        let usable = (0..p.teams()).any(|t| p.next_ok[t][0] < p.days);
        let reason = if placed.len() >= max_count && stock_reason.is_some() {
            stock_reason.clone().expect("checked")
        } else if !usable {
            Reason {
                code: ReasonCode::NoDays,
                day: None,
                message: Text::new(
                    format!(
                        "asnjë varg prej {} ditësh radhazi në periudhë nuk i plotëson rregullat (ditët e javës, festat, ditët e mësimit, mungesat)",
                        p.span
                    ),
                    format!(
                        "no {} consecutive days in the window meet the rules (weekdays, holidays, school days, absences)",
                        p.span
                    ),
                ),
            }
        } else {
            let end = window.end;
            Reason {
                code: ReasonCode::NoTime,
                day: Some(end),
                message: Text::new(
                    format!("kalendarët e ekipeve janë plot deri në fund të periudhës ({end})"),
                    format!("the teams' calendars are full until the end of the window ({end})"),
                ),
            }
        };
        unplaced.push(Unplaced {
            county: county.code.clone(),
            county_name: county.name_sq.clone(),
            reason,
        });
    }
    new_visits.sort_by(|a, b| {
        (a.1.first_day, &a.1.team, &a.1.id).cmp(&(b.1.first_day, &b.1.team, &b.1.id))
    });
    let mut out_doc = doc.clone();
    out_doc
        .visits
        .extend(new_visits.iter().map(|(v, _)| v.clone()));
    let campaign = Campaign::new(out_doc)?;
    let finish = (sol.finish >= 0).then(|| p.date(sol.finish));
    let lower_bound = facts.bound.map(|b| p.date(b));
    Ok(Plan {
        campaign,
        visits: new_visits.into_iter().map(|(_, pv)| pv).collect(),
        unplaced,
        window,
        finish,
        lower_bound,
        gap_days: match (finish, lower_bound) {
            (Some(f), Some(b)) => Some((f - b).num_days()),
            _ => None,
        },
        method: facts.method,
        optimal: facts.optimal,
        travel_km: sol.km,
    })
}

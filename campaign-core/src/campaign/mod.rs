//! The campaign: the document as written (`document.rs`), checked once at the edge
//! (`validate.rs`) into a [`Campaign`] whose references are indices. Every method of
//! `Campaign` is here; the work is done by the modules they name.

mod document;
mod rows;
mod validate;

pub use document::{
    CampaignDocument, DateRange, Material, Person, Round, Slot, Team, Visit, CALENDAR_COLUMNS,
    FORMAT_VERSION,
};
pub use validate::ResolvedVisit;

use crate::audience::Audience;
use crate::checks::{CheckOptions, Report};
use crate::error::Result;
use crate::expand::{Session, SessionView};
use crate::region::RegionSet;
use crate::template::EventTemplate;
use crate::text::Lang;
use std::sync::{Arc, OnceLock};

pub(crate) use document::{in_order, RANGE, VISIT_DAYS};
use rows::{AsRows, Stored};
pub use rows::{PlainField, PlainVisits};
pub(crate) use rows::{TextColumn, VisitRows};

/// A validated campaign: every reference resolves, every date range is ordered.
///
/// A handle: cloning it is cheap (a reference count), so reports and analytics keep
/// the campaign they describe.
#[derive(Debug, Clone)]
pub struct Campaign(Arc<Validated>);

#[derive(Debug)]
struct Validated {
    /// The document; its visits are empty when `rows` holds them.
    doc: CampaignDocument,
    /// The visits of a calendar table, as columns.
    rows: Option<Stored>,
    /// The document with `rows` as its visits, built when first asked for.
    full: OnceLock<CampaignDocument>,
    regions: Arc<RegionSet>,
    templates: Vec<EventTemplate>,
    audiences: Vec<Audience>,
    visits: Vec<ResolvedVisit>,
    ids: validate::VisitIds,
    scope: Vec<usize>,
    sessions: usize,
    years: (i32, i32),
    windows: Vec<validate::Window>,
}

impl Campaign {
    /// Parses and validates a JSON document. Errors carry the JSON path.
    ///
    /// ```
    /// let err = campaign_core::Campaign::from_json(
    ///     r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[{"county":"Durrës","first_day":"2017-10-16","last_day":"2017-10-1"}]}"#,
    /// ).unwrap_err();
    /// assert_eq!(err.path().as_deref(), Some("$.visits[0].last_day"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let doc: CampaignDocument = crate::reader::read_json(text)?;
        Campaign::new(doc)
    }

    /// Reads and validates a document already parsed into a [`crate::reader::Value`]
    /// (a binding builds one from its own objects, e.g. Python dicts, without writing
    /// JSON text). Errors carry the JSON path, as for [`Campaign::from_json`].
    ///
    /// ```
    /// use campaign_core::reader::parse;
    /// let value = parse(r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[{"county":"Durrës","first_day":"2017-10-16","last_day":"2017-10-17"}]}"#).unwrap();
    /// assert_eq!(campaign_core::Campaign::from_value(&value).unwrap().visits().len(), 1);
    /// ```
    pub fn from_value(value: &crate::reader::Value<'_>) -> Result<Self> {
        use crate::reader::FromJson;
        let doc =
            CampaignDocument::from_json(value, &crate::location::Path::root()).map_err(|e| *e)?;
        Campaign::new(doc)
    }

    /// Reads and validates a document whose visits come as [`PlainVisits`]: `head` is
    /// the document with an empty `visits` list. The campaign is the one
    /// [`Campaign::from_value`] reads from the whole document, and validation errors
    /// name the same places (`$.visits[3].county`); the visits are kept as columns and
    /// built only if [`Campaign::document`] is asked for.
    ///
    /// ```
    /// use campaign_core::{reader::parse, Campaign, PlainVisits};
    /// let head = parse(r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[]}"#).unwrap();
    /// let mut visits = PlainVisits::with_capacity(1);
    /// for (field, value) in [("county", "Durrës"), ("first_day", "2017-10-16"), ("last_day", "2017-10-17")] {
    ///     assert!(visits.set(field, value));
    /// }
    /// assert!(visits.end_visit());
    /// let c = Campaign::from_value_and_visits(&head, visits).unwrap();
    /// assert_eq!(c.document().visits[0].county, "Durrës");
    /// ```
    pub fn from_value_and_visits(
        head: &crate::reader::Value<'_>,
        visits: PlainVisits,
    ) -> Result<Self> {
        use crate::reader::FromJson;
        let root = crate::location::Path::root();
        let doc = CampaignDocument::from_json(head, &root).map_err(|e| *e)?;
        if !doc.visits.is_empty() {
            return Err(crate::Error::invalid(
                root.key("visits"),
                "visits given twice: in the document and as plain visits",
            ));
        }
        Campaign::from_rows(doc, visits.into_rows())
    }

    /// Validates a document.
    pub fn new(doc: CampaignDocument) -> Result<Self> {
        Campaign::validated(doc, None)
    }

    /// Validates a document whose visits are `rows` (its own list is empty).
    pub(crate) fn from_rows(head: CampaignDocument, rows: VisitRows) -> Result<Self> {
        debug_assert!(head.visits.is_empty());
        #[cfg(not(target_family = "wasm"))]
        return Campaign::validated(head, Some(rows));
        #[cfg(target_family = "wasm")]
        return Campaign::validated(
            CampaignDocument {
                visits: rows.to_visits(),
                ..head
            },
            None,
        );
    }

    fn validated(doc: CampaignDocument, rows: Option<Stored>) -> Result<Self> {
        let r = match &rows {
            None => validate::validate(&doc, doc.visits.as_slice())?,
            Some(rows) => validate::validate(&doc, rows.rows())?,
        };
        let mut c = Campaign(Arc::new(Validated {
            doc,
            rows,
            full: OnceLock::new(),
            regions: r.regions,
            templates: r.templates,
            audiences: r.audiences,
            visits: r.visits,
            ids: r.ids,
            scope: r.scope,
            sessions: 0,
            years: r.years,
            windows: r.windows,
        }));
        let sessions = crate::limits::count(
            &crate::location::Path::root().key("visits"),
            crate::limits::Limit::Sessions,
            crate::expand::count_sessions(&c),
            crate::limits::MAX_SESSIONS,
            "sessions from these visits",
        )?;
        Arc::get_mut(&mut c.0).expect("not shared yet").sessions = sessions;
        Ok(c)
    }

    /// The built-in 2017 campaign "Choose opportunities, not irregular migration!".
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// assert_eq!(c.document().visits.len(), 6);
    /// ```
    pub fn builtin_2017() -> Campaign {
        Campaign::from_json(crate::builtin::CAMPAIGN_2017_JSON)
            .expect("built-in 2017 campaign is valid")
    }

    /// Serialises the document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self.document()).expect("documents always serialise")
    }

    /// The document as written.
    ///
    /// A campaign read from a table ([`crate::io::campaign_from_frame`]) keeps its
    /// visits as columns and builds the document's list the first time it is asked for.
    pub fn document(&self) -> &CampaignDocument {
        match &self.0.rows {
            None => &self.0.doc,
            Some(rows) => self.0.full.get_or_init(|| CampaignDocument {
                visits: rows.rows().to_visits(),
                ..self.0.doc.clone()
            }),
        }
    }

    /// The document without building a table's visits: its visits are empty when the
    /// campaign was read from a table. For what is not a visit (name, teams, rounds,
    /// materials, period).
    pub(crate) fn head(&self) -> &CampaignDocument {
        &self.0.doc
    }

    /// The visit at `i` as the document holds it, `None` when the campaign was read
    /// from a table (such a visit has nothing beyond its [`ResolvedVisit`]: no pinned
    /// days, timetable, parameters, invitations or people).
    pub(crate) fn written_visit(&self, i: usize) -> Option<&Visit> {
        match &self.0.rows {
            None => self.0.doc.visits.get(i),
            Some(_) => None,
        }
    }

    /// True when the campaign was read from a table: its visits have no more than a
    /// table's fields (county, days, team, round, id).
    pub(crate) fn read_from_table(&self) -> bool {
        self.0.rows.is_some()
    }

    /// Consumes the campaign, returning its document.
    pub fn into_document(self) -> CampaignDocument {
        match Arc::try_unwrap(self.0) {
            Ok(v) => match (v.full.into_inner(), v.rows) {
                (Some(full), _) => full,
                (None, Some(rows)) => CampaignDocument {
                    visits: rows.rows().to_visits(),
                    ..v.doc
                },
                (None, None) => v.doc,
            },
            Err(shared) => Campaign(shared).document().clone(),
        }
    }

    /// The region set.
    pub fn regions(&self) -> &RegionSet {
        &self.0.regions
    }

    /// All templates: the built-in two-day template first, then the document's.
    pub fn templates(&self) -> &[EventTemplate] {
        &self.0.templates
    }

    /// All audiences: built-in first, then the document's.
    pub fn audiences(&self) -> &[Audience] {
        &self.0.audiences
    }

    /// Visits with resolved references, in document order.
    pub fn visits(&self) -> &[ResolvedVisit] {
        &self.0.visits
    }

    /// The id of visit `i` (its position in the document): as given, or `v<i + 1>`.
    /// Panics when `i` is not below `visits().len()`, as indexing `visits()` does.
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// assert_eq!(c.visit_id(0), "durres-2017");
    /// ```
    pub fn visit_id(&self, i: usize) -> &str {
        self.0.ids.get(i)
    }

    /// The ids of the visits, in document order ([`Campaign::visit_id`]).
    pub fn visit_ids(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.0.ids.iter()
    }

    /// Region indices the campaign must cover.
    pub fn scope(&self) -> &[usize] {
        &self.0.scope
    }

    /// The display label of a team index (`None` is the implicit team).
    pub fn team_label(&self, team: Option<usize>) -> &str {
        match team {
            Some(t) => &self.0.doc.teams[t].id,
            None => "(campaign team)",
        }
    }

    /// The number of sessions [`Campaign::sessions`] gives (counted once, at validation).
    pub fn session_count(&self) -> usize {
        self.0.sessions
    }

    /// The first and last year of the campaign's visit windows and session days, found
    /// at validation (2017 for a campaign without visits): the years the holiday
    /// calendars of a check must cover.
    pub(crate) fn year_span(&self) -> (i32, i32) {
        self.0.years
    }

    /// Each visit's window and team, in document order (see [`validate::Window`]).
    pub(crate) fn windows(&self) -> &[validate::Window] {
        &self.0.windows
    }

    /// Expands every visit into dated sessions (see [`crate::expand`]).
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// // 6 visits × (5 day-1 sessions + 4 schools + the leaflet distribution in public)
    /// assert_eq!(c.sessions().len(), 60);
    /// ```
    pub fn sessions(&self) -> Vec<Session> {
        crate::expand::sessions(self)
    }

    /// Joins a session with its template data.
    pub fn view<'a>(&'a self, s: &'a Session) -> SessionView<'a> {
        crate::expand::view(self, s)
    }

    /// A stable reference for a session: `visit-id/session-id[#k]`.
    pub fn session_ref(&self, s: &Session) -> String {
        crate::expand::session_ref(self, s)
    }

    /// Runs every enabled rule with default options.
    ///
    /// ```
    /// let report = campaign_core::Campaign::builtin_2017().check();
    /// assert_eq!(report.counts.error, 0);
    /// ```
    pub fn check(&self) -> Report {
        self.check_with(&CheckOptions::default())
            .expect("default options are valid")
    }

    /// Runs every enabled rule with `opts`. Fails only if the options are invalid
    /// (e.g. an unknown county in the distance table).
    pub fn check_with(&self, opts: &CheckOptions) -> Result<Report> {
        crate::checks::run(self, None, opts)
    }

    /// Runs the rules on sessions already expanded by [`Campaign::sessions`].
    pub fn check_sessions(&self, sessions: &[Session], opts: &CheckOptions) -> Result<Report> {
        crate::checks::run(self, Some(sessions.to_vec()), opts)
    }

    /// A readable summary: name, partners, stock, templates and the calendar.
    pub fn summary_text(&self, lang: Lang) -> String {
        crate::report::summary_text(self, lang)
    }
}

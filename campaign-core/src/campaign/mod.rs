//! The campaign: the document as written (`document.rs`), checked once at the edge
//! (`validate.rs`) into a [`Campaign`] whose references are indices. Every method of
//! `Campaign` is here; the work is done by the modules they name.

mod document;
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
use std::sync::Arc;

/// A validated campaign: every reference resolves, every date range is ordered.
///
/// A handle: cloning it is cheap (a reference count), so reports and analytics keep
/// the campaign they describe.
#[derive(Debug, Clone)]
pub struct Campaign(Arc<Validated>);

#[derive(Debug)]
struct Validated {
    doc: CampaignDocument,
    regions: Arc<RegionSet>,
    templates: Vec<EventTemplate>,
    audiences: Vec<Audience>,
    visits: Vec<ResolvedVisit>,
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

    /// Validates a document.
    pub fn new(doc: CampaignDocument) -> Result<Self> {
        let r = validate::validate(&doc)?;
        let mut c = Campaign(Arc::new(Validated {
            doc,
            regions: r.regions,
            templates: r.templates,
            audiences: r.audiences,
            visits: r.visits,
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
        serde_json::to_string_pretty(&self.0.doc).expect("documents always serialise")
    }

    /// The document as written.
    pub fn document(&self) -> &CampaignDocument {
        &self.0.doc
    }

    /// Consumes the campaign, returning its document.
    pub fn into_document(self) -> CampaignDocument {
        Arc::try_unwrap(self.0).map_or_else(|shared| shared.doc.clone(), |v| v.doc)
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

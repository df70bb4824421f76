#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audience;
mod builtin;
pub mod calendar;
pub mod campaign;
pub mod checks;
pub mod columns;
pub mod error;
pub mod expand;
mod hash;
pub mod io;
mod isodate;
pub mod limits;
pub mod location;
pub mod materials;
pub mod participation;
pub mod plan;
pub mod programme;
pub mod provenance;
pub mod reader;
pub mod region;
mod report;
pub mod synthetic;
pub mod table;
pub mod template;
pub mod text;
pub mod threshold;
pub mod timeline;
pub mod travel;

pub use audience::{builtin_audiences, Audience};
pub use builtin::CAMPAIGN_2017_JSON;
pub use campaign::{
    Campaign, CampaignDocument, DateRange, Material, Person, PlainField, PlainVisits, Round, Slot,
    Team, Visit, CALENDAR_COLUMNS, FORMAT_VERSION,
};
pub use checks::{Blackout, CheckOptions, Details, Finding, Report, RuleCode, Severity};
pub use error::{Error, ErrorCode, Result, UnknownName};
pub use expand::Session;
pub use location::{Location, Path, Segment};
pub use provenance::Provenance;
pub use region::{County, RegionSet};
pub use template::{EventTemplate, SessionKind, TemplateDay, TemplateSession, Venue};
pub use text::{Lang, Text};
pub use threshold::{ParticipantRule, RuleOutcome};

/// The library version (from Cargo).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

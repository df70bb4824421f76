//! Where a value comes from: the source that states it, and the fields no source states
//! (assumptions of this library, shown as such to users).

use crate::reader::FromJson;
use schemars::JsonSchema;
use serde::Serialize;

/// The source id that marks an entry no source states.
pub const ASSUMPTION: &str = "assumption";

/// The provenance of a data entry (a template, a session, an audience …).
///
/// ```
/// use campaign_core::EventTemplate;
/// let t = EventTemplate::two_day();
/// let workshop = t.session("workshop").unwrap().provenance.as_ref().unwrap();
/// assert_eq!(workshop.source, "press_release_2017");
/// assert!(workshop.assumes("start") && !workshop.assumes("rule"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Id of the source that states the entry (a key of the data file's `sources`), or
    /// `"assumption"` when none does.
    pub source: String,
    /// Fields of the entry that the source does not state: assumptions. A dotted name
    /// points inside a field (`parameters.schools`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumed: Vec<String>,
}

impl Provenance {
    /// True if no source states the entry at all.
    pub fn is_assumption(&self) -> bool {
        self.source == ASSUMPTION
    }

    /// True if `field` (or something inside it, `field.x`) is assumed.
    pub fn assumes(&self, field: &str) -> bool {
        self.is_assumption()
            || self.assumed.iter().any(|a| {
                a == field
                    || a.strip_prefix(field)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    }
}

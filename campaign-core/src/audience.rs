//! Audiences: the stakeholder groups a session addresses.

use crate::provenance::Provenance;
use crate::reader::FromJson;
use crate::text::Text;
use schemars::JsonSchema;
use serde::Serialize;

/// A stakeholder group, e.g. the Regional Anti-Trafficking Committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Stable identifier used in templates and attendance records, e.g. `civil_society`.
    pub id: String,
    /// Label in Albanian and English.
    pub label: Text,
    /// Where the audience comes from (the press release, or an assumption).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// The audiences of the 2017 campaign, built in from `data/audiences.json`.
///
/// ```
/// let audiences = campaign_core::builtin_audiences();
/// assert!(audiences.iter().any(|a| a.id == "anti_trafficking_committee"));
/// ```
pub fn builtin_audiences() -> &'static [Audience] {
    crate::builtin::audiences()
}

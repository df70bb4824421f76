//! Audiences: the stakeholder groups a session addresses.

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
}

/// The audiences named in the 2017 campaign (the seed press release), built in.
///
/// ```
/// let audiences = campaign_core::builtin_audiences();
/// assert!(audiences.iter().any(|a| a.id == "anti_trafficking_committee"));
/// ```
pub fn builtin_audiences() -> Vec<Audience> {
    [
        (
            "anti_trafficking_committee",
            "Komiteti Rajonal Antitrafik",
            "Regional Anti-Trafficking Committee",
        ),
        (
            "technical_table",
            "Tryeza Teknike Antitrafik",
            "Anti-Trafficking Technical Table",
        ),
        ("county_council", "Këshilli i Qarkut", "County Council"),
        ("sub_prefects", "Nënprefektët", "Sub-prefects"),
        (
            "education_staff",
            "Punonjësit e sistemit arsimor",
            "Education system staff",
        ),
        (
            "local_government",
            "Njësitë e qeverisjes vendore",
            "Local government units",
        ),
        (
            "civil_society",
            "Organizatat e shoqërisë civile",
            "Civil-society organisations",
        ),
        (
            "employment_office",
            "Zyra Rajonale e Punësimit",
            "Regional Employment Office",
        ),
        (
            "upper_secondary_students",
            "Nxënës të shkollave të mesme",
            "Upper-secondary school students",
        ),
        (
            "nine_year_students",
            "Nxënës të shkollave 9-vjeçare",
            "9-year school students",
        ),
        ("teachers", "Mësuesit", "Teachers"),
        ("public", "Publiku i gjerë", "General public"),
    ]
    .into_iter()
    .map(|(id, sq, en)| Audience {
        id: id.into(),
        label: Text::new(sq, en),
    })
    .collect()
}

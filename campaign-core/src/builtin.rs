//! The built-in data, each a JSON file in `campaign-core/data/` that names its sources:
//! Albania's counties and public holidays, the 2017 two-day template, the audiences it
//! addresses, and the 2017 campaign. Embedded minified (`build.rs`), parsed once, on
//! first use.

use crate::audience::Audience;
use crate::reader::FromJson;
use crate::template::EventTemplate;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Albania's 12 counties (ISO codes, seats, coordinates, population figures).
pub(crate) const COUNTIES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/al_counties.json"));
/// Albania's public holidays: fixed dates, Easter rules, Bajram dates, one-off days.
pub(crate) const HOLIDAYS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/al_holidays.json"));
/// The 2017 two-day county visit.
pub(crate) const TEMPLATE_JSON: &str =
    include_str!(concat!(env!("OUT_DIR"), "/template_two_day_2017.json"));
/// The stakeholder groups of the 2017 campaign.
pub(crate) const AUDIENCES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/audiences.json"));
/// The built-in 2017 campaign document (JSON text).
pub const CAMPAIGN_2017_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/campaign_2017.json"));

#[derive(FromJson)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    #[allow(dead_code)]
    #[serde(default)] // left out under the lean-data feature
    about: String,
    #[allow(dead_code)]
    #[serde(default)] // left out under the lean-data feature
    sources: BTreeMap<String, String>,
    template: EventTemplate,
}

#[derive(FromJson)]
#[serde(deny_unknown_fields)]
struct AudienceFile {
    #[allow(dead_code)]
    #[serde(default)] // left out under the lean-data feature
    about: String,
    #[allow(dead_code)]
    #[serde(default)] // left out under the lean-data feature
    sources: BTreeMap<String, String>,
    audiences: Vec<Audience>,
}

/// The 2017 two-day template.
pub(crate) fn two_day_template() -> &'static EventTemplate {
    static T: OnceLock<EventTemplate> = OnceLock::new();
    T.get_or_init(|| {
        crate::reader::read_json::<TemplateFile>(TEMPLATE_JSON)
            .expect("built-in template is valid")
            .template
    })
}

/// The built-in audiences.
pub(crate) fn audiences() -> &'static [Audience] {
    static A: OnceLock<Vec<Audience>> = OnceLock::new();
    A.get_or_init(|| {
        crate::reader::read_json::<AudienceFile>(AUDIENCES_JSON)
            .expect("built-in audiences are valid")
            .audiences
    })
}

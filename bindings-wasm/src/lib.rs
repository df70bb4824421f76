//! WebAssembly bindings for campaign-core: type and error conversion only.
//!
//! Every export takes documents as plain JS objects or JSON text and returns plain
//! JSON-compatible JS values. Every failure is thrown as a JS `Error` whose `name` is
//! `CampaignError`, with `code` and, where known, `path`, `line`, `column`, `suggestion`.
//!
//! A document is validated once into a `Campaign` object, whose methods check it, write
//! the report, draw the timeline and allocate material; `check` and `validate` are
//! shortcuts that take a document.
//!
//! Two modules are built from this crate (features `page` and `tools`): the page loads
//! `campaign_core_wasm` at start (everything that runs on each edit) and
//! `campaign_core_tools` on first use (CSV, iCalendar, generated campaigns). Both
//! export `version`.

use campaign_core::{Campaign, Error, Segment};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Converts a core error into a JS `Error` with `code` and location.
fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("CampaignError");
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("code", e.code().as_str().into());
    set(
        "path",
        e.path().map_or(JsValue::NULL, |p| JsValue::from_str(&p)),
    );
    let segments = e.path_segments().map_or(JsValue::NULL, |s| {
        s.iter()
            .map(|seg| match seg {
                Segment::Key(k) => JsValue::from_str(k),
                Segment::Index(i) => JsValue::from_f64(*i as f64),
            })
            .collect::<js_sys::Array>()
            .into()
    });
    set("pathSegments", segments);
    let (line, column) = e.line_column().unzip();
    set(
        "line",
        line.map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64)),
    );
    set(
        "column",
        column.map_or(JsValue::NULL, |c| JsValue::from_f64(c as f64)),
    );
    if let Error::UnknownCounty { .. } = &e {
        set(
            "suggestion",
            e.suggestion().map_or(JsValue::NULL, JsValue::from_str),
        );
    }
    err.into()
}

fn type_error(code: &str, msg: &str) -> JsValue {
    let err = js_sys::Error::new(msg);
    err.set_name("CampaignError");
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&err, &"path".into(), &"$".into());
    err.into()
}

/// JSON text from a JS string or plain object.
fn json_text(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_object() {
        let s = js_sys::JSON::stringify(value)
            .map_err(|_| type_error("INVALID_JSON", "the value cannot be converted to JSON"))?;
        return s
            .as_string()
            .ok_or_else(|| type_error("INVALID_JSON", "the value cannot be converted to JSON"));
    }
    Err(type_error(
        "INVALID_JSON",
        "expected a campaign document (object or JSON text)",
    ))
}

/// A plain JS value from a result: written as JSON text by serde_json and read with the
/// engine's own `JSON.parse`. One serializer for every type keeps the module small
/// (serde-wasm-bindgen's per-type code was 11 KB more) and the values JSON-compatible.
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(|e| type_error("INTERNAL", &e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| type_error("INTERNAL", "result is not valid JSON"))
}

/// A validated campaign from a document given as an object or JSON text.
fn campaign(doc: &JsValue) -> Result<Campaign, JsValue> {
    Campaign::from_json(&json_text(doc)?).map_err(js_error)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("../types.d.ts");

/// The library version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    campaign_core::VERSION.to_string()
}

/// The page's exports: what runs on every edit.
#[cfg(feature = "page")]
mod page {
    use super::*;
    use campaign_core::materials::{Allocation, AllocationRequest};
    use campaign_core::{CheckOptions, Lang, Report};

    fn options(opts: &JsValue) -> Result<CheckOptions, JsValue> {
        if opts.is_undefined() || opts.is_null() {
            return Ok(CheckOptions::default());
        }
        CheckOptions::from_json(&json_text(opts)?).map_err(js_error)
    }

    fn lang(code: Option<String>) -> Result<Lang, JsValue> {
        code.as_deref()
            .unwrap_or("en")
            .parse()
            .map_err(|e: campaign_core::UnknownName| type_error("INVALID_VALUE", &e.to_string()))
    }

    /// A validated campaign, kept between calls: the page validates a document once per
    /// edit and then checks, draws and allocates from it.
    #[wasm_bindgen(js_name = Campaign)]
    pub struct JsCampaign(Campaign);

    #[wasm_bindgen(js_class = Campaign)]
    impl JsCampaign {
        /// Validates a document (object or JSON text); throws on the first problem.
        #[wasm_bindgen(constructor)]
        pub fn new(
            #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        ) -> Result<JsCampaign, JsValue> {
            campaign(&doc).map(JsCampaign)
        }

        /// The built-in 2017 campaign.
        #[wasm_bindgen(js_name = builtin2017)]
        pub fn builtin_2017() -> JsCampaign {
            JsCampaign(Campaign::builtin_2017())
        }

        /// The document, normalised.
        #[wasm_bindgen(unchecked_return_type = "CampaignDocument")]
        pub fn document(&self) -> Result<JsValue, JsValue> {
            to_js(self.0.document())
        }

        /// Checks the campaign; returns the report (findings, counts).
        #[wasm_bindgen(unchecked_return_type = "Report")]
        pub fn check(
            &self,
            #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
            opts: JsValue,
        ) -> Result<JsValue, JsValue> {
            to_js(&self.report(&opts)?)
        }

        /// The check report as readable text in `lang` (`"sq"` or `"en"`).
        #[wasm_bindgen(js_name = reportText)]
        pub fn report_text(
            &self,
            #[wasm_bindgen(unchecked_param_type = "Lang | null | undefined")] lang_code: Option<
                String,
            >,
            #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
            opts: JsValue,
        ) -> Result<String, JsValue> {
            let lang = lang(lang_code)?;
            Ok(self.report(&opts)?.to_text(lang))
        }

        /// The timeline SVG, bars coloured by the check's findings.
        #[wasm_bindgen(js_name = timelineSvg)]
        pub fn timeline_svg(
            &self,
            #[wasm_bindgen(unchecked_param_type = "Lang | null | undefined")] lang_code: Option<
                String,
            >,
            #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
            opts: JsValue,
        ) -> Result<String, JsValue> {
            let lang = lang(lang_code)?;
            let report = self.report(&opts)?;
            Ok(campaign_core::timeline::svg(&self.0, Some(&report), lang))
        }

        /// The allocation the library suggests for the campaign's first material (by
        /// population, with an assumed minimum and pack size), or null without material.
        #[wasm_bindgen(js_name = suggestedAllocation, unchecked_return_type = "AllocationRequest | null")]
        pub fn suggested_allocation(&self) -> Result<JsValue, JsValue> {
            to_js(&AllocationRequest::suggested(&self.0))
        }

        /// Splits a stock across the campaign's counties.
        #[wasm_bindgen(unchecked_return_type = "Allocation")]
        pub fn allocate(
            &self,
            #[wasm_bindgen(unchecked_param_type = "AllocationRequest | string")] request: JsValue,
        ) -> Result<JsValue, JsValue> {
            let req: AllocationRequest =
                campaign_core::reader::read_json(&json_text(&request)?).map_err(js_error)?;
            to_js(&Allocation::compute(self.0.regions(), &req).map_err(js_error)?)
        }
    }

    impl JsCampaign {
        fn report(&self, opts: &JsValue) -> Result<Report, JsValue> {
            self.0.check_with(&options(opts)?).map_err(js_error)
        }
    }

    /// The built-in 2017 campaign document.
    #[wasm_bindgen(js_name = builtinCampaign, unchecked_return_type = "CampaignDocument")]
    pub fn builtin_campaign() -> Result<JsValue, JsValue> {
        to_js(Campaign::builtin_2017().document())
    }

    /// Validates a document and returns it normalised; throws on the first problem.
    #[wasm_bindgen(js_name = validate, unchecked_return_type = "CampaignDocument")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
    ) -> Result<JsValue, JsValue> {
        JsCampaign::new(doc)?.document()
    }

    /// Checks a document; returns the report (findings, counts).
    #[wasm_bindgen(js_name = check, unchecked_return_type = "Report")]
    pub fn check(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
        opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        JsCampaign::new(doc)?.check(opts)
    }

    /// Albania's 12 counties.
    #[wasm_bindgen(js_name = counties, unchecked_return_type = "County[]")]
    pub fn counties() -> Result<JsValue, JsValue> {
        to_js(&campaign_core::RegionSet::albania().data().regions)
    }

    /// The county a name or code means, forgiving spelling exactly as documents are
    /// read (`korca`, `Durrësi`, `AL-09`); throws `UNKNOWN_COUNTY` with a suggestion.
    #[wasm_bindgen(js_name = findCounty, unchecked_return_type = "County")]
    pub fn find_county(name: &str) -> Result<JsValue, JsValue> {
        to_js(
            campaign_core::RegionSet::albania()
                .find(name)
                .map_err(js_error)?,
        )
    }
}

/// Exports loaded on first use: CSV import and export, iCalendar, generated campaigns.
#[cfg(feature = "tools")]
mod tools {
    use super::*;
    use campaign_core::{io, Text};

    /// Reads a CSV calendar into a document.
    #[wasm_bindgen(js_name = documentFromCsv, unchecked_return_type = "CampaignDocument")]
    pub fn document_from_csv(
        text: &str,
        name_sq: Option<String>,
        name_en: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let name = Text::new(
            name_sq.unwrap_or_else(|| "Kalendar".into()),
            name_en.unwrap_or_else(|| "Calendar".into()),
        );
        let doc = io::document_from_csv(name, text).map_err(js_error)?;
        to_js(Campaign::new(doc).map_err(js_error)?.document())
    }

    /// Writes a document's calendar as CSV.
    #[wasm_bindgen(js_name = calendarToCsv)]
    pub fn calendar_to_csv(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
    ) -> Result<String, JsValue> {
        Ok(io::visits_to_csv(&campaign(&doc)?.document().visits))
    }

    /// The calendar as an iCalendar file; `stamp` is the export time as `YYYYMMDDTHHMMSSZ`.
    #[wasm_bindgen(js_name = calendarToIcs)]
    pub fn calendar_to_ics(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        stamp: &str,
    ) -> Result<String, JsValue> {
        Ok(io::to_ics(&campaign(&doc)?, stamp))
    }

    /// A generated valid campaign of about `sessions` sessions (for benchmarks and demos).
    #[wasm_bindgen(js_name = generateCampaign, unchecked_return_type = "CampaignDocument")]
    pub fn generate_campaign(sessions: u32, seed: u32) -> Result<JsValue, JsValue> {
        to_js(campaign_core::synthetic::campaign(sessions as usize, seed as u64).document())
    }
}

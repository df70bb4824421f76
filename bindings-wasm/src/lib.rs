//! WebAssembly bindings for campaign-core: type and error conversion only.
//!
//! Every export takes documents as plain JS objects or JSON text and returns plain
//! JSON-compatible JS values. Every failure is thrown as a JS `Error` whose `name` is
//! `CampaignError`, with `code` and, where known, `path`, `line`, `column`, `suggestion`.
//!
//! A document is validated once into a `Campaign` object; its `report` is a
//! `CompactReport` kept in the module (counts, findings a slice at a time, the timeline).
//! `check` and `validate` are shortcuts that take a document.
//!
//! Three modules are built from this crate (features `page`, `tools` and `sheets`): the
//! page loads `campaign_core_wasm` at start (everything that runs on each edit),
//! `campaign_core_tools` on first use (CSV, iCalendar, the planner, generated campaigns)
//! and `campaign_core_sheets` when a spreadsheet is read or written. All export
//! `version`.

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
    if let Some(limit) = e.limit() {
        set("limit", limit.as_str().into());
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

/// A string argument; anything else is a typed error naming the argument.
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        type_error(
            "INVALID_VALUE",
            &format!("{name} must be a string, not {}", js_type(value)),
        )
    })
}

/// An optional string argument: null and undefined are `None`, a string is itself,
/// anything else is a typed error naming the argument.
fn opt_string_arg(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        string_arg(value, name).map(Some)
    }
}

/// An optional boolean argument: null and undefined are `None`.
#[cfg_attr(not(feature = "tools"), allow(dead_code))]
fn opt_bool_arg(value: &JsValue, name: &str) -> Result<Option<bool>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    value.as_bool().map(Some).ok_or_else(|| {
        type_error(
            "INVALID_VALUE",
            &format!("{name} must be a boolean, not {}", js_type(value)),
        )
    })
}

/// The JavaScript type of a value, for messages.
fn js_type(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

/// JSON text from a JS string or plain object that should be `what`.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    let not_json = || type_error("INVALID_JSON", &format!("{what} cannot be written as JSON"));
    if value.is_object() {
        let s = js_sys::JSON::stringify(value).map_err(|_| not_json())?;
        return s.as_string().ok_or_else(not_json);
    }
    Err(type_error(
        "INVALID_JSON",
        &format!(
            "expected {what} (an object or JSON text), not {}",
            js_type(value)
        ),
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
    Campaign::from_json(&json_text(doc, "a campaign document")?).map_err(js_error)
}

/// Check options from a JS value (absent: the defaults).
fn options(opts: &JsValue) -> Result<campaign_core::CheckOptions, JsValue> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(campaign_core::CheckOptions::default());
    }
    campaign_core::CheckOptions::from_json(&json_text(opts, "check options")?).map_err(js_error)
}

/// A language code (absent: English).
fn lang(value: &JsValue, default: &str) -> Result<campaign_core::Lang, JsValue> {
    opt_string_arg(value, "lang")?
        .as_deref()
        .unwrap_or(default)
        .parse()
        .map_err(|e: campaign_core::UnknownName| type_error("INVALID_VALUE", &e.to_string()))
}

/// Checks a campaign with options from a JS value.
fn report(c: &Campaign, opts: &JsValue) -> Result<campaign_core::Report, JsValue> {
    c.check_with(&options(opts)?).map_err(js_error)
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
    use campaign_core::Report;

    /// A validated campaign, kept between calls: the page validates a document once per
    /// edit and then checks it.
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

        /// Checks the campaign and keeps the result in the module: counts at once,
        /// findings a page at a time (for calendars with many findings).
        pub fn report(
            &self,
            #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
            opts: JsValue,
        ) -> Result<CompactReport, JsValue> {
            report(&self.0, &opts).map(CompactReport)
        }
    }

    /// 0 for none, then 1 info, 2 warning, 3 error.
    fn severity_rank(s: Option<campaign_core::Severity>) -> u8 {
        match s {
            None => 0,
            Some(campaign_core::Severity::Info) => 1,
            Some(campaign_core::Severity::Warning) => 2,
            Some(campaign_core::Severity::Error) => 3,
        }
    }

    /// What `get` gives for each of `indices` (in that order; `None`s skipped), as an array.
    fn at<T: Serialize>(
        indices: &[u32],
        get: impl Fn(usize) -> Option<T>,
    ) -> Result<JsValue, JsValue> {
        let found: Vec<T> = indices.iter().filter_map(|&i| get(i as usize)).collect();
        to_js(&found)
    }

    /// The result of a check, kept in the module: counts at once, findings (with their
    /// messages) a slice at a time, the worst severity of each visit for the calendar.
    #[wasm_bindgen]
    pub struct CompactReport(Report);

    #[wasm_bindgen]
    impl CompactReport {
        /// Number of findings listed.
        #[wasm_bindgen(getter)]
        pub fn length(&self) -> usize {
            self.0.len()
        }

        /// Counts by severity of every finding (listed or not).
        #[wasm_bindgen(getter, unchecked_return_type = "Counts")]
        pub fn counts(&self) -> Result<JsValue, JsValue> {
            to_js(&self.0.counts)
        }

        /// Visits checked.
        #[wasm_bindgen(getter)]
        pub fn visits(&self) -> usize {
            self.0.visits
        }

        /// Sessions checked.
        #[wasm_bindgen(getter)]
        pub fn sessions(&self) -> usize {
            self.0.sessions
        }

        /// Findings `start` to `start + count` (fewer at the end), expanded.
        #[wasm_bindgen(unchecked_return_type = "Finding[]")]
        pub fn findings(&self, start: usize, count: usize) -> Result<JsValue, JsValue> {
            let end = start.saturating_add(count).min(self.0.len());
            let page: Vec<_> = (start.min(end)..end)
                .filter_map(|i| self.0.finding(i))
                .collect();
            to_js(&page)
        }

        /// The findings at `indices` (in that order; indices past the end are skipped).
        #[wasm_bindgen(js_name = findingsAt, unchecked_return_type = "Finding[]")]
        pub fn findings_at(&self, indices: &[u32]) -> Result<JsValue, JsValue> {
            at(indices, |i| self.0.finding(i))
        }

        /// The briefs of the findings at `indices` (code, severity, message and visit
        /// positions: what a list shows first; in that order, indices past the end
        /// skipped). Much smaller than the findings when one lists thousands of visits.
        #[wasm_bindgen(js_name = briefsAt, unchecked_return_type = "Brief[]")]
        pub fn briefs_at(&self, indices: &[u32]) -> Result<JsValue, JsValue> {
            at(indices, |i| self.0.brief(i))
        }

        /// Finding `i`, expanded (`undefined` past the end).
        #[wasm_bindgen(unchecked_return_type = "Finding | undefined")]
        pub fn finding(&self, i: usize) -> Result<JsValue, JsValue> {
            match self.0.finding(i) {
                Some(f) => to_js(&f),
                None => Ok(JsValue::UNDEFINED),
            }
        }

        /// The severity of each finding listed: 1 info, 2 warning, 3 error.
        pub fn severities(&self) -> Vec<u8> {
            (0..self.0.len())
                .map(|i| severity_rank(self.0.severity(i)))
                .collect()
        }

        /// For each visit (document order): 0 no finding, then the worst severity of its
        /// findings, 1 info, 2 warning, 3 error.
        #[wasm_bindgen(js_name = worstByVisit)]
        pub fn worst_by_visit(&self) -> Vec<u8> {
            self.0
                .worst_by_visit()
                .into_iter()
                .map(severity_rank)
                .collect()
        }

        /// The timeline SVG of the checked campaign, bars coloured by these findings.
        #[wasm_bindgen(js_name = timelineSvg)]
        pub fn timeline_svg(
            &self,
            #[wasm_bindgen(js_name = lang, unchecked_optional_param_type = "Lang | null")]
            lang_code: JsValue,
        ) -> Result<String, JsValue> {
            Ok(campaign_core::timeline::svg(
                self.0.campaign(),
                Some(&self.0),
                lang(&lang_code, "en")?,
            ))
        }

        /// The whole report as a plain object (what `check` returns).
        #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Report")]
        pub fn to_json(&self) -> Result<JsValue, JsValue> {
            to_js(&self.0)
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
        to_js(campaign(&doc)?.document())
    }

    /// Checks a document; returns the report (findings, counts).
    #[wasm_bindgen(js_name = check, unchecked_return_type = "Report")]
    pub fn check(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
        opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&report(&campaign(&doc)?, &opts)?)
    }

    /// Albania's 12 counties. The page module is built with the `lean-data` feature,
    /// so its counties carry no population figures (no check uses them; the tools
    /// module's `allocate` has them).
    #[wasm_bindgen(js_name = counties, unchecked_return_type = "County[]")]
    pub fn counties() -> Result<JsValue, JsValue> {
        to_js(&campaign_core::RegionSet::albania().data().regions)
    }

    /// The county a name or code means, forgiving spelling exactly as documents are
    /// read (`korca`, `Durrësi`, `AL-09`); throws `UNKNOWN_COUNTY` with a suggestion.
    #[wasm_bindgen(js_name = findCounty, unchecked_return_type = "County")]
    pub fn find_county(
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsValue, JsValue> {
        let name = string_arg(&name, "name")?;
        to_js(
            campaign_core::RegionSet::albania()
                .find(&name)
                .map_err(js_error)?,
        )
    }
}

/// Exports loaded on first use: CSV import and export, iCalendar, generated campaigns.
#[cfg(feature = "tools")]
mod tools {
    use super::*;
    use campaign_core::materials::{Allocation, AllocationRequest};
    use campaign_core::{io, Text};

    /// The check report as readable text in `lang` (`"sq"` or `"en"`).
    #[wasm_bindgen(js_name = reportText)]
    pub fn report_text(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(js_name = lang, unchecked_param_type = "Lang | null | undefined")] lang_code: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
        opts: JsValue,
    ) -> Result<String, JsValue> {
        let lang = lang(&lang_code, "en")?;
        Ok(report(&campaign(&doc)?, &opts)?.to_text(lang))
    }

    /// The allocation the library suggests for a document's first material (by
    /// population, with an assumed minimum and pack size), or null without material.
    #[wasm_bindgen(js_name = suggestedAllocation, unchecked_return_type = "AllocationRequest | null")]
    pub fn suggested_allocation(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&AllocationRequest::suggested(&campaign(&doc)?))
    }

    /// Splits a stock across a document's counties.
    #[wasm_bindgen(js_name = allocate, unchecked_return_type = "Allocation")]
    pub fn allocate(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AllocationRequest | string")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let req: AllocationRequest =
            campaign_core::reader::read_json(&json_text(&request, "an allocation request")?)
                .map_err(js_error)?;
        let c = campaign(&doc)?;
        to_js(&Allocation::compute(c.regions(), &req).map_err(js_error)?)
    }

    /// Reads a CSV calendar into a document.
    #[wasm_bindgen(js_name = documentFromCsv, unchecked_return_type = "CampaignDocument")]
    pub fn document_from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(js_name = nameSq, unchecked_optional_param_type = "string | null")] name_sq: JsValue,
        #[wasm_bindgen(js_name = nameEn, unchecked_optional_param_type = "string | null")] name_en: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = string_arg(&text, "text")?;
        let name = Text::new(
            opt_string_arg(&name_sq, "name_sq")?.unwrap_or_else(|| "Kalendar".into()),
            opt_string_arg(&name_en, "name_en")?.unwrap_or_else(|| "Calendar".into()),
        );
        to_js(
            io::campaign_from_csv(name, &text)
                .map_err(js_error)?
                .document(),
        )
    }

    /// Writes a document's calendar as CSV.
    #[wasm_bindgen(js_name = calendarToCsv)]
    pub fn calendar_to_csv(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
    ) -> Result<String, JsValue> {
        Ok(io::visits_to_csv(&campaign(&doc)?.document().visits))
    }

    /// The calendar as an iCalendar file. `stamp` is the export time in UTC
    /// (`new Date().toISOString()` or `YYYYMMDDTHHMMSSZ`); `lang` is `"sq"` (default)
    /// or `"en"`; `perSession` makes one event per session instead of one per visit
    /// (times in Albania's regions in `Europe/Tirane`, elsewhere floating).
    #[wasm_bindgen(js_name = calendarToIcs)]
    pub fn calendar_to_ics(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] stamp: JsValue,
        #[wasm_bindgen(js_name = lang, unchecked_optional_param_type = "Lang | null")]
        lang_code: JsValue,
        #[wasm_bindgen(js_name = perSession, unchecked_optional_param_type = "boolean | null")]
        per_session: JsValue,
    ) -> Result<String, JsValue> {
        let stamp = string_arg(&stamp, "stamp")?;
        let root = campaign_core::Path::root();
        let stamp = io::parse_stamp(&root.key("stamp"), &stamp).map_err(js_error)?;
        let opts = io::IcsOptions {
            stamp,
            lang: lang(&lang_code, "sq")?,
            per_session: opt_bool_arg(&per_session, "perSession")?.unwrap_or(false),
        };
        Ok(io::to_ics(&campaign(&doc)?, &opts))
    }

    /// The printable programme of the visit `visit` (every visit when null) as a
    /// self-contained HTML page (`format` `"html"`, the default) or plain text
    /// (`"text"`); in `lang` only, or Albanian then English when `lang` is null.
    #[wasm_bindgen(js_name = programme)]
    pub fn programme(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] visit: JsValue,
        #[wasm_bindgen(js_name = lang, unchecked_optional_param_type = "Lang | null")]
        lang_code: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "'html' | 'text' | null")] format: JsValue,
    ) -> Result<String, JsValue> {
        let visit = opt_string_arg(&visit, "visit")?;
        let langs = match opt_string_arg(&lang_code, "lang")? {
            None => vec![campaign_core::Lang::Sq, campaign_core::Lang::En],
            Some(_) => vec![lang(&lang_code, "sq")?],
        };
        let p = campaign(&doc)?
            .programme(visit.as_deref())
            .map_err(js_error)?;
        match opt_string_arg(&format, "format")?.as_deref() {
            None | Some("html") => Ok(p.to_html(&langs)),
            Some("text") => Ok(p.to_text(&langs)),
            Some(other) => Err(type_error(
                "INVALID_VALUE",
                &format!("format must be \"html\" or \"text\", not {other:?}"),
            )),
        }
    }

    /// Proposes dates and teams for the counties still to visit (see the core's
    /// `PlanRequest`; `{}` plans the scope's counties left in the next round's period).
    /// Returns the planned campaign's `document`, the planned `visits` with the reason
    /// each is not earlier, the `unplaced` counties with theirs, and the figures.
    #[wasm_bindgen(js_name = plan, unchecked_return_type = "PlanResult")]
    pub fn plan(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PlanRequest | string | null | undefined")]
        request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = if request.is_null() || request.is_undefined() {
            campaign_core::plan::PlanRequest::default()
        } else {
            campaign_core::plan::PlanRequest::from_json(&json_text(&request, "a plan request")?)
                .map_err(js_error)?
        };
        let plan = campaign(&doc)?.plan(&request).map_err(js_error)?;
        js_sys::JSON::parse(&plan.to_json())
            .map_err(|_| type_error("INTERNAL", "result is not valid JSON"))
    }

    /// A generated valid campaign of about `sessions` sessions (for benchmarks and demos).
    #[wasm_bindgen(js_name = generateCampaign, unchecked_return_type = "CampaignDocument")]
    pub fn generate_campaign(sessions: u32, seed: u32) -> Result<JsValue, JsValue> {
        to_js(campaign_core::synthetic::campaign(sessions as usize, seed as u64).document())
    }
}

#[cfg(feature = "sheets")]
mod sheets {
    use super::*;
    use campaign_core::{io, Text};

    /// Reads the calendar sheet of a workbook (.xlsx, .ods …; the sheet `sheet`, or
    /// `Calendar`, or the first) into a document. Errors name the sheet and cell
    /// (`line` is the row, `column` the column).
    #[wasm_bindgen(js_name = documentFromXlsx, unchecked_return_type = "CampaignDocument")]
    pub fn document_from_xlsx(
        data: &[u8],
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] sheet: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sheet = opt_string_arg(&sheet, "sheet")?;
        let c = io::campaign_from_xlsx(Text::new("Kalendar", "Calendar"), data, sheet.as_deref())
            .map_err(js_error)?;
        to_js(c.document())
    }

    /// One workbook (.xlsx bytes) for a document: the calendar and the findings of a
    /// check with `opts`, messages in `lang` (`"en"` by default).
    #[wasm_bindgen(js_name = campaignWorkbook)]
    pub fn campaign_workbook(
        #[wasm_bindgen(unchecked_param_type = "CampaignDocument | string")] doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions | string | null | undefined")]
        opts: JsValue,
        #[wasm_bindgen(js_name = lang, unchecked_optional_param_type = "Lang | null")]
        lang_code: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let c = campaign(&doc)?;
        let r = report(&c, &opts)?;
        io::Workbook::new(&c)
            .report(&r)
            .lang(lang(&lang_code, "en")?)
            .to_xlsx()
            .map_err(js_error)
    }
}

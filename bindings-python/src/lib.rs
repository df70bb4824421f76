//! Python bindings for campaign-core: type and error conversion only.
//!
//! Documents and reports cross the boundary as JSON text; the Python package
//! (`python/campaign_core/__init__.py`) turns them into dicts, objects and DataFrames.

use campaign_core::{io, Campaign, CheckOptions, Error, Lang, Text};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    campaign_core,
    CampaignError,
    PyException,
    "Base class of every campaign-core error."
);
create_exception!(
    campaign_core,
    DocumentError,
    CampaignError,
    "A JSON document is malformed or invalid; `path` says where."
);
create_exception!(
    campaign_core,
    UnknownCountyError,
    DocumentError,
    "A county name matches no county; `suggestion` is the closest one."
);
create_exception!(
    campaign_core,
    CsvError,
    CampaignError,
    "A CSV input has a bad row or cell; `line` and `column` say where."
);
create_exception!(
    campaign_core,
    RefusedError,
    CampaignError,
    "An operation was refused and nothing was changed."
);

/// Wraps a core error so `?` converts it into the right Python exception.
struct PyCampaignError(Error);

impl From<Error> for PyCampaignError {
    fn from(e: Error) -> Self {
        PyCampaignError(e)
    }
}

impl From<PyCampaignError> for PyErr {
    fn from(w: PyCampaignError) -> PyErr {
        let e = w.0;
        let msg = e.to_string();
        let err = match &e {
            Error::Json { .. } | Error::Invalid { .. } => DocumentError::new_err(msg),
            Error::UnknownCounty { .. } => UnknownCountyError::new_err(msg),
            Error::Csv { .. } => CsvError::new_err(msg),
            Error::Refused { .. } => RefusedError::new_err(msg),
        };
        Python::attach(|py| {
            let v = err.value(py);
            let _ = v.setattr("code", e.code().as_str());
            let _ = v.setattr("path", e.path());
            let (line, column) = e.line_column().unzip();
            let _ = v.setattr("line", line);
            let _ = v.setattr("column", column);
            let suggestion = match &e {
                Error::UnknownCounty { suggestion, .. } => suggestion.clone(),
                _ => None,
            };
            let _ = v.setattr("suggestion", suggestion);
        });
        err
    }
}

type PyResultC<T> = Result<T, PyCampaignError>;

fn lang(s: &str) -> PyResult<Lang> {
    match s {
        "sq" => Ok(Lang::Sq),
        "en" => Ok(Lang::En),
        _ => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "lang must be 'sq' or 'en', not {s:?}"
        ))),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("core types serialise")
}

/// A validated campaign.
#[pyclass(name = "NativeCampaign", module = "campaign_core._native", frozen)]
struct PyCampaign(Campaign);

#[pymethods]
impl PyCampaign {
    /// Parses and validates a JSON document.
    #[staticmethod]
    fn from_json(text: &str) -> PyResultC<Self> {
        Ok(PyCampaign(Campaign::from_json(text)?))
    }

    /// Reads a CSV calendar (county, first_day, last_day[, team, round, id]).
    #[staticmethod]
    fn from_csv(text: &str, name_sq: &str, name_en: &str) -> PyResultC<Self> {
        let doc = io::document_from_csv(Text::new(name_sq, name_en), text)?;
        Ok(PyCampaign(Campaign::new(doc)?))
    }

    /// The built-in 2017 campaign.
    #[staticmethod]
    fn builtin_2017() -> Self {
        PyCampaign(Campaign::builtin_2017())
    }

    /// The document as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The calendar as CSV text.
    fn to_csv(&self) -> String {
        io::visits_to_csv(&self.0.document().visits)
    }

    /// Runs the checks; `options` is CheckOptions JSON. Returns the report as JSON.
    #[pyo3(signature = (options=None))]
    fn check(&self, options: Option<&str>) -> PyResultC<String> {
        let opts = match options {
            Some(text) => CheckOptions::from_json(text)?,
            None => CheckOptions::default(),
        };
        Ok(to_json(&self.0.check_with(&opts)?))
    }

    /// The report as readable text.
    #[pyo3(signature = (lang_code="en", options=None))]
    fn report_text(&self, lang_code: &str, options: Option<&str>) -> PyResult<String> {
        let opts = match options {
            Some(text) => CheckOptions::from_json(text).map_err(PyCampaignError)?,
            None => CheckOptions::default(),
        };
        let report = self.0.check_with(&opts).map_err(PyCampaignError)?;
        Ok(report.to_text(lang(lang_code)?))
    }

    /// A readable summary of the campaign.
    #[pyo3(signature = (lang_code="en"))]
    fn summary(&self, lang_code: &str) -> PyResult<String> {
        Ok(self.0.summary_text(lang(lang_code)?))
    }
}

/// The 12 counties as JSON (code, names, seat, coordinates, population figures).
#[pyfunction]
fn counties_json() -> String {
    to_json(&campaign_core::RegionSet::albania().data())
}

/// The JSON Schema of the document format.
#[pyfunction]
fn document_schema_json() -> String {
    to_json(&io::document_schema())
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", campaign_core::VERSION)?;
    m.add_class::<PyCampaign>()?;
    m.add_function(wrap_pyfunction!(counties_json, m)?)?;
    m.add_function(wrap_pyfunction!(document_schema_json, m)?)?;
    m.add("CampaignError", py.get_type::<CampaignError>())?;
    m.add("DocumentError", py.get_type::<DocumentError>())?;
    m.add("UnknownCountyError", py.get_type::<UnknownCountyError>())?;
    m.add("CsvError", py.get_type::<CsvError>())?;
    m.add("RefusedError", py.get_type::<RefusedError>())?;
    Ok(())
}

//! Python bindings for campaign-core: type and error conversion only.
//!
//! Documents and reports cross the boundary as JSON text; the Python package
//! (`python/campaign_core/__init__.py`) turns them into dicts, objects and DataFrames.

/// The module's Rust allocations go through mimalloc rather than the C library's
/// malloc: a campaign of 10^5 visits is some 10^6 small allocations (ids, codes, the
/// reader's values), and glibc's malloc and free were a third of building one. Same
/// session, dense 10^5 calendar: `Campaign.from_frame` 48 → 38 ms, `from_dict` 122 →
/// 82 ms (`benchmarks/overlap_pairs.py`, BENCHMARKS.md). Python's own objects are
/// still made by Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use campaign_core::columns::{Frame, FrameColumn};
use campaign_core::materials::{Allocation, AllocationRequest, Ledger, LEDGER_COLUMNS};
use campaign_core::participation::{Attendance, Dimension, ATTENDANCE_COLUMNS};
use campaign_core::reader::Value;
use campaign_core::{
    io, Campaign, CheckOptions, Error, Lang, Location, PlainField, PlainVisits, Segment, Text,
};
use numpy::PyReadonlyArray1;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyString};
use std::borrow::Cow;
use std::sync::Arc;

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
create_exception!(
    campaign_core,
    LimitError,
    CampaignError,
    "A value is past one of the library's limits (dates 1900-2199, sizes, quantities); `limit` names it."
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
            Error::Limit { .. } => LimitError::new_err(msg),
        };
        Python::attach(|py| {
            let v = err.value(py);
            let segments: Option<Vec<Bound<'_, PyAny>>> = e.path_segments().map(|s| {
                s.iter()
                    .map(|seg| match seg {
                        Segment::Key(k) => PyString::new(py, k).into_any(),
                        Segment::Index(i) => PyInt::new(py, *i).into_any(),
                    })
                    .collect()
            });
            let (line, column) = e.line_column().unzip();
            let _ = v.setattr("code", e.code().as_str());
            let _ = v.setattr("path", e.path());
            let _ = v.setattr("path_segments", segments);
            let _ = v.setattr("line", line);
            let _ = v.setattr("column", column);
            let _ = v.setattr("suggestion", e.suggestion());
            let _ = v.setattr("limit", e.limit().map(|l| l.as_str()));
        });
        err
    }
}

type PyResultC<T> = Result<T, PyCampaignError>;

/// A name from Python (a language, a grouping): a `ValueError` if it is none of them.
fn name<T: std::str::FromStr<Err = campaign_core::UnknownName>>(s: &str) -> PyResult<T> {
    s.parse()
        .map_err(|e: campaign_core::UnknownName| PyValueError::new_err(e.to_string()))
}

fn lang(s: &str) -> PyResult<Lang> {
    name(s)
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("core types serialise")
}

fn options_from(options: Option<&str>) -> PyResultC<CheckOptions> {
    Ok(match options {
        Some(text) => CheckOptions::from_json(text)?,
        None => CheckOptions::default(),
    })
}

fn plan_request(request: Option<&str>) -> PyResultC<campaign_core::plan::PlanRequest> {
    Ok(match request {
        Some(text) => campaign_core::plan::PlanRequest::from_json(text)?,
        None => campaign_core::plan::PlanRequest::default(),
    })
}

fn dimension(by: &str) -> PyResult<Dimension> {
    name(by)
}

/// A frame column as the Python package hands it over: name, kind, the values as a
/// one-dimensional int64 numpy array, the labels, and for `strings` the UTF-8 text and
/// one missing flag per row, as uint8 numpy arrays (the flags empty when no row is
/// missing). The arrays are read in place and copied once, into what the core reads.
///
/// Kinds: `labels` (codes into the labels), `text` (the labels are the values), `int`,
/// `float` (the values' bits), `date` (days since 1970-01-01), `datetime[s]`,
/// `datetime[ms]`, `datetime[us]`, `datetime[ns]` (numpy's datetime64 units; int64's
/// minimum is NaT), and `strings` (Arrow's `large_string` offsets, one more than the
/// rows).
type PyColumn<'py> = (
    String,
    String,
    PyReadonlyArray1<'py, i64>,
    Vec<Option<String>>,
    PyReadonlyArray1<'py, u8>,
    PyReadonlyArray1<'py, u8>,
);

/// A decoded column that a [`FrameColumn`] borrows.
enum Decoded {
    Labels(Vec<i64>, Vec<String>),
    Text(Vec<Option<String>>),
    Strings(Vec<i64>, String, Vec<bool>),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Date(Vec<i64>),
}

/// Whole days since 1970-01-01 of numpy datetime64 values in `unit` (NaT stays NaT).
fn days(values: &[i64], unit: &str) -> Option<Vec<i64>> {
    let per_day: i64 = match unit {
        "s" => 86_400,
        "ms" => 86_400_000,
        "us" => 86_400_000_000,
        "ns" => 86_400_000_000_000,
        _ => return None,
    };
    Some(
        values
            .iter()
            .map(|&v| {
                if v == i64::MIN {
                    v
                } else {
                    v.div_euclid(per_day)
                }
            })
            .collect(),
    )
}

fn decode(columns: Vec<PyColumn<'_>>) -> PyResult<Vec<(String, Decoded)>> {
    columns
        .into_iter()
        .map(|(name, kind, values, labels, text, missing)| {
            let contiguous = |_: numpy::AsSliceError| {
                PyValueError::new_err(format!(
                    "column {name:?}: arrays must be contiguous and aligned"
                ))
            };
            let words = values.as_slice().map_err(contiguous)?;
            let unit = kind
                .strip_prefix("datetime[")
                .and_then(|u| u.strip_suffix(']'));
            let decoded = match (kind.as_str(), unit) {
                ("labels", _) => Decoded::Labels(
                    words.to_vec(),
                    labels.into_iter().map(Option::unwrap_or_default).collect(),
                ),
                ("text", _) => Decoded::Text(labels),
                ("strings", _) => Decoded::Strings(
                    words.to_vec(),
                    std::str::from_utf8(text.as_slice().map_err(contiguous)?)
                        .map_err(|e| {
                            PyValueError::new_err(format!(
                                "column {name:?}: text is not UTF-8: {e}"
                            ))
                        })?
                        .to_owned(),
                    missing
                        .as_slice()
                        .map_err(contiguous)?
                        .iter()
                        .map(|&m| m != 0)
                        .collect(),
                ),
                ("int", _) => Decoded::Int(words.to_vec()),
                ("float", _) => Decoded::Float(
                    words
                        .iter()
                        .map(|&w| f64::from_bits(w.cast_unsigned()))
                        .collect(),
                ),
                ("date", _) => Decoded::Date(words.to_vec()),
                (_, Some(unit)) => Decoded::Date(days(words, unit).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "column {name:?}: datetime unit must be s, ms, us or ns, not {unit:?}"
                    ))
                })?),
                (other, None) => {
                    return Err(PyValueError::new_err(format!(
                        "column {name:?}: kind must be labels, text, strings, int, float, date or datetime[unit], not {other:?}"
                    )))
                }
            };
            Ok((name, decoded))
        })
        .collect()
}

fn frame_columns(decoded: &[(String, Decoded)]) -> Vec<(&str, FrameColumn<'_>)> {
    decoded
        .iter()
        .map(|(name, d)| {
            let column = match d {
                Decoded::Labels(codes, labels) => FrameColumn::Labels { codes, labels },
                Decoded::Text(values) => FrameColumn::Text(values),
                Decoded::Strings(offsets, data, missing) => FrameColumn::Strings {
                    offsets,
                    data,
                    missing,
                },
                Decoded::Int(v) => FrameColumn::Int(v),
                Decoded::Float(v) => FrameColumn::Float(v),
                Decoded::Date(v) => FrameColumn::Date(v),
            };
            (name.as_str(), column)
        })
        .collect()
}

/// The name of a Python object's type, for messages (`date`, `set` …).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// A member's or element's result; an error inside it gets `step` on its path (the
/// path is built leaf first and reversed once at the top).
fn within<T>(
    result: Result<T, (Vec<Segment>, String)>,
    step: impl FnOnce() -> Segment,
) -> Result<T, (Vec<Segment>, String)> {
    result.map_err(|(mut at, message)| {
        at.push(step());
        (at, message)
    })
}

/// How deep `value_of` goes before refusing (serde_json's limit for JSON text).
const MAX_DEPTH: usize = 128;

/// A Python value as the core's reader takes it: what `json.dumps` would write, without
/// the text (dicts with text keys, lists and tuples, str, int, float, bool, None; dict
/// keys that are numbers, booleans or None become text, as `json.dumps` makes them).
/// A value that JSON cannot hold (NaN, a date, a set …) is an error at its path.
fn value_of(
    obj: &Bound<'_, PyAny>,
    depth: usize,
) -> Result<Value<'static>, (Vec<Segment>, String)> {
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyTuple};
    let fail = |message: String| (Vec::new(), message);
    let text = |s: &Bound<'_, PyString>| -> Result<String, (Vec<Segment>, String)> {
        s.to_cow()
            .map(Cow::into_owned)
            .map_err(|e| fail(format!("text that is not valid Unicode: {e}")))
    };
    if depth > MAX_DEPTH {
        return Err(fail(format!("nested deeper than {MAX_DEPTH} levels")));
    }
    if obj.is_none() {
        Ok(Value::Null)
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(Value::String(Cow::Owned(text(s)?)))
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Ok(Value::Bool(b.is_true()))
    } else if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<u64>() {
            Ok(Value::UInt(n))
        } else if let Ok(n) = obj.extract::<i64>() {
            Ok(Value::Int(n))
        } else {
            // Beyond 64 bits: a float, as the JSON reader takes such a number.
            obj.extract::<f64>()
                .map(Value::Float)
                .map_err(|e| fail(e.to_string()))
        }
    } else if let Ok(x) = obj.cast::<PyFloat>() {
        let x = x.value();
        if x.is_finite() {
            Ok(Value::Float(x))
        } else {
            Err(fail(format!("{x} is not a JSON number")))
        }
    } else if let Ok(d) = obj.cast::<PyDict>() {
        let mut members = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = if let Ok(k) = k.cast::<PyString>() {
                text(k)?
            } else if k.is_none() || k.is_instance_of::<PyInt>() || k.is_instance_of::<PyFloat>() {
                // json.dumps' spelling of such keys: None as null, True as true.
                let json = PyModule::import(k.py(), "json")
                    .and_then(|m| m.call_method1("dumps", (&k,)))
                    .and_then(|s| s.extract::<String>())
                    .map_err(|e| fail(e.to_string()))?;
                json.trim_matches('"').to_string()
            } else {
                let kind = type_name(&k);
                return Err(fail(format!("a key of type {kind} (keys must be text)")));
            };
            let v = within(value_of(&v, depth + 1), || Segment::Key(key.clone()))?;
            members.push((Cow::Owned(key), v));
        }
        Ok(Value::Object(members))
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj.try_iter().map_err(|e| fail(e.to_string()))?;
        let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
        for (i, item) in items.enumerate() {
            let item = item.map_err(|e| fail(e.to_string()))?;
            out.push(within(value_of(&item, depth + 1), || Segment::Index(i))?);
        }
        Ok(Value::Array(out))
    } else {
        let kind = type_name(obj);
        Err(fail(format!(
            "a value of type {kind}, which JSON cannot hold"
        )))
    }
}

/// The campaign of a document whose visits hold only calendar fields as text (most
/// calendars): its visits are handed to the core as [`PlainVisits`], without a
/// [`Value`] for each. `None` when anything is otherwise — another field, a value that
/// is not text, a day that does not read, an error in the document —: the caller then
/// reads the document the general way, which names what is wrong.
fn plain_document(py: Python<'_>, data: &Bound<'_, PyAny>) -> Option<Campaign> {
    use pyo3::types::{PyDict, PyList};
    let doc = data.cast::<PyDict>().ok()?;
    let list = doc.get_item("visits").ok()??;
    let list = list.cast::<PyList>().ok()?;
    let mut visits = PlainVisits::with_capacity(list.len());
    // The keys met so far, as objects: the visits of most documents share one str
    // object per key, so each is read once; a visit with as many keys is read by
    // looking each of them up, and only a visit with others is iterated.
    let mut keys: Vec<(Bound<'_, PyAny>, PlainField)> = Vec::with_capacity(6);
    for visit in list.iter() {
        let visit = visit.cast::<PyDict>().ok()?;
        let mut found = 0;
        if !keys.is_empty() && visit.len() == keys.len() {
            for (key, field) in &keys {
                if let Some(value) = visit.get_item(key).ok()? {
                    let value = value.cast::<PyString>().ok()?.to_str().ok()?;
                    if !visits.set_field(*field, value) {
                        return None;
                    }
                    found += 1;
                }
            }
        }
        if found < visit.len() {
            for (key, value) in visit.iter() {
                if found > 0 && keys.iter().any(|(k, _)| k.is(&key)) {
                    continue; // read above
                }
                let field = match keys.iter().find(|(k, _)| k.is(&key)) {
                    Some(&(_, field)) => field,
                    None => {
                        let field =
                            PlainVisits::field(key.cast::<PyString>().ok()?.to_str().ok()?)?;
                        if keys.len() < 6 {
                            keys.push((key, field));
                        }
                        field
                    }
                };
                let value = value.cast::<PyString>().ok()?.to_str().ok()?;
                if !visits.set_field(field, value) {
                    return None;
                }
            }
        }
        if !visits.end_visit() {
            return None;
        }
    }
    let head = doc.copy().ok()?;
    head.set_item("visits", PyList::empty(py)).ok()?;
    let head = value_of(&head, 0).ok()?;
    py.detach(|| Campaign::from_value_and_visits(&head, visits).ok())
}

/// A validated campaign.
#[pyclass(name = "NativeCampaign", module = "campaign_core._native", frozen)]
struct PyCampaign(Arc<Campaign>);

#[pymethods]
impl PyCampaign {
    /// Parses and validates a JSON document.
    #[staticmethod]
    fn from_json(text: &str) -> PyResultC<Self> {
        Ok(PyCampaign(Arc::new(Campaign::from_json(text)?)))
    }

    /// Reads and validates a document given as Python values (see [`value_of`]).
    #[staticmethod]
    fn from_value(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResultC<Self> {
        if let Some(campaign) = plain_document(py, data) {
            return Ok(PyCampaign(Arc::new(campaign)));
        }
        let value = value_of(data, 0).map_err(|(mut at, message)| {
            at.reverse();
            PyCampaignError(Error::Json {
                at: Location::Json(at),
                message,
            })
        })?;
        Ok(PyCampaign(Arc::new(
            py.detach(|| Campaign::from_value(&value))?,
        )))
    }

    /// Reads a CSV calendar (county, first_day, last_day[, team, round, id]).
    #[staticmethod]
    fn from_csv(text: &str, name_sq: &str, name_en: &str) -> PyResultC<Self> {
        Ok(PyCampaign(Arc::new(io::campaign_from_csv(
            Text::new(name_sq, name_en),
            text,
        )?)))
    }

    /// A calendar from a workbook's sheet (`sheet`, or `Calendar`, or the first).
    #[staticmethod]
    #[pyo3(signature = (data, sheet, name_sq, name_en))]
    fn from_xlsx(
        data: &[u8],
        sheet: Option<&str>,
        name_sq: &str,
        name_en: &str,
    ) -> PyResultC<Self> {
        Ok(PyCampaign(Arc::new(io::campaign_from_xlsx(
            Text::new(name_sq, name_en),
            data,
            sheet,
        )?)))
    }

    /// One workbook (.xlsx bytes): the calendar, the findings of a check with `options`,
    /// and the attendance, allocation and ledger given; texts in `lang_code`.
    #[pyo3(signature = (options=None, attendance=None, allocation=None, ledger=None, lang_code="en"))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        options: Option<&str>,
        attendance: Option<PyRef<'_, PyAttendance>>,
        allocation: Option<PyRef<'_, PyAllocation>>,
        ledger: Option<PyRef<'_, PyLedger>>,
        lang_code: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let lang = lang(lang_code)?;
        let report = self
            .0
            .check_with(&options_from(options)?)
            .map_err(PyCampaignError)?;
        let mut book = io::Workbook::new(&self.0).report(&report).lang(lang);
        if let Some(a) = &attendance {
            book = book.attendance(&a.0);
        }
        if let Some(a) = &allocation {
            book = book.allocation(&a.0);
        }
        if let Some(l) = &ledger {
            book = book.ledger(&l.0);
        }
        let bytes = book.to_xlsx().map_err(PyCampaignError)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// A calendar from a frame's columns ([`PyColumn`]: county, first_day, last_day and
    /// optionally team, round, id); the core checks the column names and the cells.
    #[staticmethod]
    fn from_frame(
        py: Python<'_>,
        columns: Vec<PyColumn>,
        name_sq: &str,
        name_en: &str,
    ) -> PyResult<Self> {
        let decoded = decode(columns)?;
        let name = Text::new(name_sq, name_en);
        py.detach(|| {
            let frame = Frame::new(&campaign_core::CALENDAR_COLUMNS, &frame_columns(&decoded))?;
            io::campaign_from_frame(name, &frame)
        })
        .map(|c| PyCampaign(Arc::new(c)))
        .map_err(|e| PyCampaignError(e).into())
    }

    /// The built-in 2017 campaign.
    #[staticmethod]
    fn builtin_2017() -> Self {
        PyCampaign(Arc::new(Campaign::builtin_2017()))
    }

    /// The document as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The calendar as CSV text.
    fn to_csv(&self) -> String {
        io::visits_to_csv(&self.0.document().visits)
    }

    /// Runs the checks; `options` is CheckOptions JSON.
    #[pyo3(signature = (options=None))]
    fn check(&self, py: Python<'_>, options: Option<&str>) -> PyResultC<PyReport> {
        let opts = options_from(options)?;
        let campaign = self.0.clone();
        Ok(PyReport(
            py.detach(|| campaign.check_with(&opts))?,
            Default::default(),
        ))
    }

    /// The timeline SVG, bars coloured by the check's findings.
    #[pyo3(signature = (lang_code="en", options=None))]
    fn timeline_svg(&self, lang_code: &str, options: Option<&str>) -> PyResult<String> {
        let report = self
            .0
            .check_with(&options_from(options)?)
            .map_err(PyCampaignError)?;
        Ok(campaign_core::timeline::svg(
            &self.0,
            Some(&report),
            lang(lang_code)?,
        ))
    }

    /// The calendar as an iCalendar file; `stamp` is a UTC time (`2017-10-01T00:00:00Z`).
    #[pyo3(signature = (stamp, lang_code="sq", per_session=false))]
    fn to_ics(&self, stamp: &str, lang_code: &str, per_session: bool) -> PyResult<String> {
        let at = campaign_core::Path::root();
        let stamp = io::parse_stamp(&at.key("stamp"), stamp).map_err(PyCampaignError)?;
        let opts = io::IcsOptions {
            stamp,
            lang: lang(lang_code)?,
            per_session,
        };
        Ok(io::to_ics(&self.0, &opts))
    }

    /// A readable summary of the campaign.
    #[pyo3(signature = (lang_code="en"))]
    fn summary(&self, lang_code: &str) -> PyResult<String> {
        Ok(self.0.summary_text(lang(lang_code)?))
    }

    /// Plans the counties left; `request` is PlanRequest JSON. Returns the planned
    /// campaign, the plan (JSON), its visits and unplaced counties as tables (JSON) and
    /// the plan as text, the reasons in `lang_code`.
    #[pyo3(signature = (request=None, lang_code="en"))]
    fn plan(
        &self,
        py: Python<'_>,
        request: Option<&str>,
        lang_code: &str,
    ) -> PyResult<(PyCampaign, String, String, String, String)> {
        let lang = lang(lang_code)?;
        let request = plan_request(request)?;
        let campaign = self.0.clone();
        let plan = py
            .detach(|| campaign.plan(&request))
            .map_err(PyCampaignError)?;
        Ok((
            PyCampaign(Arc::new(plan.campaign.clone())),
            plan.to_json(),
            to_json(&plan.visits_table(lang)),
            to_json(&plan.unplaced_table(lang)),
            plan.to_text(lang),
        ))
    }

    /// The planning problem of `request` in numbers (JSON), for other solvers.
    #[pyo3(signature = (request=None))]
    fn plan_problem(&self, request: Option<&str>) -> PyResultC<String> {
        let request = plan_request(request)?;
        Ok(to_json(&self.0.plan_problem(&request)?))
    }

    /// The printable programme of one visit (all when `visit` is None) as `(text, html)`,
    /// in `lang_code` only, or Albanian then English when it is None.
    #[pyo3(signature = (visit=None, lang_code=None))]
    fn programme(
        &self,
        visit: Option<&str>,
        lang_code: Option<&str>,
    ) -> PyResult<(String, String)> {
        let langs = match lang_code {
            Some(code) => vec![lang(code)?],
            None => vec![campaign_core::Lang::Sq, campaign_core::Lang::En],
        };
        let p = self.0.programme(visit).map_err(PyCampaignError)?;
        Ok((p.to_text(&langs), p.to_html(&langs)))
    }
}

/// One problem found in a calendar. Code, severity and visit positions are at hand;
/// the rest (visit ids, days, details …) and the messages are expanded by the core
/// when read.
///
/// A freelist keeps 8,192 freed objects for the next ones (PyO3's `freelist`): a loop
/// over a report frees each finding as the next chunk of 4,096 is made, which then
/// reuses them. An object taken from the list is not tracked by the cyclic collector;
/// a finding can only be in a cycle through its own `visit_indices` list, made so by
/// the caller, and such a cycle would be kept, not corrupted.
#[pyclass(
    name = "Finding",
    module = "campaign_core._native",
    frozen,
    freelist = 8192
)]
struct PyFinding {
    /// Rule code, e.g. `TEAM_OVERLAP`.
    #[pyo3(get)]
    code: Py<PyString>,
    /// `error`, `warning` or `info`.
    #[pyo3(get)]
    severity: Py<PyString>,
    /// Positions of the visits involved in the document's `visits` list.
    #[pyo3(get)]
    visit_indices: Py<pyo3::types::PyList>,
    report: Py<PyReport>,
    index: usize,
}

/// The interned texts of the rule codes and the severities, in the core's order.
static NAMES: pyo3::sync::PyOnceLock<[Vec<Py<PyString>>; 2]> = pyo3::sync::PyOnceLock::new();

impl PyFinding {
    /// Finding `index` of `report`. Many findings name the same visits: with `ints`
    /// (the report's cache), each position is made into a Python int once per report
    /// and shared (at 10^5 visits and 2 * 10^5 findings, 10^5 ints, not 4 * 10^5).
    /// `visits` is scratch space for the positions, reused from one finding to the next.
    fn new<'py>(
        report: &Bound<'py, PyReport>,
        index: usize,
        mut ints: Option<&mut Vec<Option<Py<PyAny>>>>,
        visits: &mut Vec<usize>,
    ) -> PyResult<Bound<'py, PyFinding>> {
        use campaign_core::{RuleCode, Severity};
        let py = report.py();
        let [codes, severities] = NAMES.get_or_init(py, || {
            let intern = |s: &str| PyString::intern(py, s).unbind();
            [
                RuleCode::ALL.iter().map(|c| intern(c.as_str())).collect(),
                Severity::ALL.iter().map(|s| intern(s.as_str())).collect(),
            ]
        });
        let core = &report.get().0;
        if let Some(ints) = ints.as_deref_mut() {
            if ints.len() < core.visits {
                ints.resize_with(core.visits, || None);
            }
        }
        core.visit_indices_into(index, visits);
        let int = |&v: &usize| {
            let new = || {
                let Ok(int) = v.into_pyobject(py);
                int.into_any()
            };
            match ints.as_deref_mut().and_then(|ints| ints.get_mut(v)) {
                Some(slot) => slot.get_or_insert_with(|| new().unbind()).bind(py).clone(),
                None => new(),
            }
        };
        let finding = PyFinding {
            code: codes[core.code(index).map_or(0, |c| c as usize)].clone_ref(py),
            severity: severities[core.severity(index).map_or(0, |s| s as usize)].clone_ref(py),
            visit_indices: untracked(pyo3::types::PyList::new(py, visits.iter().map(int))?),
            report: report.clone().unbind(),
            index,
        };
        Bound::new(py, finding)
    }

    /// The finding with every field, from the core.
    fn expanded(&self) -> PyResult<campaign_core::Finding> {
        self.report
            .get()
            .0
            .finding(self.index)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err(self.index))
    }

    fn message(&self, lang_code: &str) -> PyResult<String> {
        self.report.get().message(self.index, lang_code)
    }
}

/// `list`, no longer tracked by the cyclic garbage collector. A finding's list of visit
/// positions holds ints, which cannot form a cycle: left tracked, 2 * 10^5 of them are
/// traversed by every collection that reaches their generation: 6 to 8 ms for the first,
/// more than making them, and again by every full collection while they live (CPython untracks a tuple or dict of such values itself, but never a list, which
/// could later be given a container). A cycle that a caller makes through such a list
/// is kept, not collected, as one through a finding is (see [`PyFinding`]).
fn untracked(list: Bound<'_, pyo3::types::PyList>) -> Py<pyo3::types::PyList> {
    // SAFETY: `list` is a live list, held by this reference, and the `Bound` proves the
    // thread is attached to the interpreter; lists are objects of the collector, and
    // `PyObject_GC_UnTrack` takes one whether it is tracked or not.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(list.as_ptr().cast()) };
    list.unbind()
}

/// `json.loads(text)`.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    PyModule::import(py, "json")?.call_method1("loads", (text,))
}

#[pymethods]
impl PyFinding {
    /// The explanation in English.
    #[getter]
    fn message_en(&self) -> PyResult<String> {
        self.message("en")
    }

    /// The explanation in Albanian.
    #[getter]
    fn message_sq(&self) -> PyResult<String> {
        self.message("sq")
    }

    /// Ids of the visits involved.
    #[getter]
    fn visits(&self) -> PyResult<Vec<String>> {
        Ok(self.expanded()?.visits)
    }

    /// Sessions involved (`visit-id/session-id[#k]`).
    #[getter]
    fn sessions(&self) -> PyResult<Vec<String>> {
        Ok(self.expanded()?.sessions)
    }

    /// People involved (ids).
    #[getter]
    fn people(&self) -> PyResult<Vec<String>> {
        Ok(self.expanded()?.people)
    }

    /// Counties involved (codes).
    #[getter]
    fn counties(&self) -> PyResult<Vec<String>> {
        Ok(self.expanded()?.counties)
    }

    /// Days involved (`YYYY-MM-DD`).
    #[getter]
    fn days(&self) -> PyResult<Vec<String>> {
        Ok(self
            .expanded()?
            .days
            .iter()
            .map(|d| d.to_string())
            .collect())
    }

    /// The rule's machine-readable details (a dict, or None).
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json(&self.expanded()?.details))
    }

    /// The finding as written in the JSON report.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json(&self.expanded()?))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let code = self.code.bind(py);
        let severity = self.severity.bind(py);
        format!("<Finding {code} ({severity})>")
    }
}

/// The findings of a report from a position on, made [`PyFindingIterator::CHUNK`] at a
/// time as they are read: a loop over 10^5 findings holds a few thousand at once, and
/// their memory is reused.
#[pyclass(name = "FindingIterator", module = "campaign_core._native")]
struct PyFindingIterator {
    report: Py<PyReport>,
    /// The next finding to make.
    next: usize,
    /// Findings made and not yet read, in reverse order.
    made: Vec<Py<PyFinding>>,
}

impl PyFindingIterator {
    const CHUNK: usize = 4096;
}

#[pymethods]
impl PyFindingIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> PyResult<Option<Py<PyFinding>>> {
        if let Some(finding) = slf.made.pop() {
            return Ok(Some(finding));
        }
        let py = slf.py();
        let report = slf.report.bind(py).clone();
        let stop = report
            .get()
            .0
            .len()
            .min(slf.next.saturating_add(Self::CHUNK));
        if slf.next >= stop {
            return Ok(None);
        }
        let made = PyReport::findings(&report, slf.next, stop)?;
        slf.next = stop;
        slf.made = made.into_iter().rev().map(Bound::unbind).collect();
        Ok(slf.made.pop())
    }
}

/// The result of a check: compact findings, expanded on request; and the Python ints
/// of the visit positions its findings have listed so far, made once.
#[pyclass(name = "NativeReport", module = "campaign_core._native", frozen)]
struct PyReport(
    campaign_core::Report,
    std::sync::Mutex<Vec<Option<Py<PyAny>>>>,
);

#[pymethods]
impl PyReport {
    /// Number of findings listed.
    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// Counts by severity (every finding, listed or not): (error, warning, info).
    fn counts(&self) -> (usize, usize, usize) {
        let c = self.0.counts;
        (c.error, c.warning, c.info)
    }

    /// Visits and sessions checked.
    fn size(&self) -> (usize, usize) {
        (self.0.visits, self.0.sessions)
    }

    /// The code and severity of finding `i`.
    fn head(&self, i: usize) -> PyResult<(&'static str, &'static str)> {
        match (self.0.code(i), self.0.severity(i)) {
            (Some(c), Some(s)) => Ok((c.as_str(), s.as_str())),
            _ => Err(pyo3::exceptions::PyIndexError::new_err(i)),
        }
    }

    /// The positions of the visits finding `i` involves.
    fn visit_indices(&self, i: usize) -> PyResult<Vec<usize>> {
        self.0
            .visit_indices(i)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err(i))
    }

    /// The findings in `start..stop`, in report order, as `Finding` objects (codes and
    /// severities are interned; the rest is expanded when read). Their lists of visit
    /// positions are [`untracked`], so making them starts no collection that has work.
    fn findings<'py>(
        slf: &Bound<'py, Self>,
        start: usize,
        stop: usize,
    ) -> PyResult<Vec<Bound<'py, PyFinding>>> {
        let mut cache = slf.get().1.try_lock().ok();
        let mut visits = Vec::new();
        (start..stop.min(slf.get().0.len()))
            .map(|index| PyFinding::new(slf, index, cache.as_deref_mut(), &mut visits))
            .collect()
    }

    /// The findings from `start` on, made one at a time as they are read.
    fn iter(slf: &Bound<'_, Self>, start: usize) -> PyFindingIterator {
        PyFindingIterator {
            report: slf.clone().unbind(),
            next: start,
            made: Vec::new(),
        }
    }

    /// Finding `i`, expanded, as JSON.
    fn finding_json(&self, i: usize) -> PyResult<String> {
        self.0
            .finding(i)
            .map(|f| to_json(&f))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err(i))
    }

    /// The message of finding `i` in `lang_code`.
    fn message(&self, i: usize, lang_code: &str) -> PyResult<String> {
        self.0
            .message(i, lang(lang_code)?)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err(i))
    }

    /// The listed findings as columns, each a numpy array that takes over the vector
    /// this function filled in one pass over the report's rows (no copy; writable, so
    /// a frame can hold it): code and severity as int8 indices into their names,
    /// visits as int64 (-1: none), days as int64 nanoseconds since 1970-01-01 (numpy's
    /// `datetime64[ns]`; i64::MIN is NaT), plus the names.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        use campaign_core::{RuleCode, Severity};
        use numpy::IntoPyArray;
        // Days from 0001-01-01 (day 1) to 1970-01-01; the library's dates end in 2199, far
        // inside int64 nanoseconds (to 2262).
        const EPOCH_FROM_CE: i64 = 719_163;
        const NANOS_PER_DAY: i64 = 86_400_000_000_000;
        let nanos = |d: Option<chrono::NaiveDate>| {
            use chrono::Datelike;
            d.map_or(i64::MIN, |d| {
                (i64::from(d.num_days_from_ce()) - EPOCH_FROM_CE) * NANOS_PER_DAY
            })
        };
        let n = self.0.len();
        let (mut code, mut severity) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let [mut visit, mut other_visit, mut first_day, mut last_day] =
            std::array::from_fn(|_| Vec::with_capacity(n));
        // Both enums have fewer than 128 values (the tests read every code and severity
        // back by name).
        for r in self.0.rows() {
            code.push(r.code as i8);
            severity.push(r.severity as i8);
            visit.push(r.visit);
            other_visit.push(r.other_visit);
            first_day.push(nanos(r.first_day));
            last_day.push(nanos(r.last_day));
        }
        let out = pyo3::types::PyDict::new(py);
        out.set_item("code", code.into_pyarray(py))?;
        out.set_item("code_names", RuleCode::ALL.map(RuleCode::as_str).to_vec())?;
        out.set_item("severity", severity.into_pyarray(py))?;
        out.set_item(
            "severity_names",
            Severity::ALL.map(Severity::as_str).to_vec(),
        )?;
        out.set_item("visit", visit.into_pyarray(py))?;
        out.set_item("other_visit", other_visit.into_pyarray(py))?;
        out.set_item("first_day", first_day.into_pyarray(py))?;
        out.set_item("last_day", last_day.into_pyarray(py))?;
        Ok(out)
    }

    /// The whole report as JSON (every finding with both messages).
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| to_json(&self.0))
    }

    /// The report as readable text.
    #[pyo3(signature = (lang_code="en"))]
    fn to_text(&self, lang_code: &str) -> PyResult<String> {
        Ok(self.0.to_text(lang(lang_code)?))
    }
}

/// Attendance counts resolved against a campaign.
#[pyclass(name = "NativeAttendance", module = "campaign_core._native", frozen)]
struct PyAttendance(Attendance);

#[pymethods]
impl PyAttendance {
    /// From a JSON array of attendance records.
    #[staticmethod]
    fn from_json(campaign: &PyCampaign, text: &str) -> PyResultC<Self> {
        Ok(PyAttendance(Attendance::from_json(
            campaign.0.clone(),
            text,
        )?))
    }

    /// From a CSV sheet; returns the attendance of the good rows and the errors of the bad ones.
    #[staticmethod]
    fn from_csv(campaign: &PyCampaign, text: &str) -> PyResult<(Self, Vec<PyErr>)> {
        let sheet = io::attendance_from_csv(&campaign.0, text).map_err(PyCampaignError)?;
        let errors = sheet
            .errors
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect();
        let attendance =
            Attendance::new(campaign.0.clone(), sheet.rows).map_err(PyCampaignError)?;
        Ok((PyAttendance(attendance), errors))
    }

    /// From a workbook's sheet (`sheet`, or `Attendance`, or the first); returns the
    /// attendance of the good rows and the errors of the bad ones (at their cells).
    #[staticmethod]
    #[pyo3(signature = (campaign, data, sheet=None))]
    fn from_xlsx(
        campaign: &PyCampaign,
        data: &[u8],
        sheet: Option<&str>,
    ) -> PyResult<(Self, Vec<PyErr>)> {
        let rows = io::attendance_from_xlsx(&campaign.0, data, sheet).map_err(PyCampaignError)?;
        let errors = rows
            .errors
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect();
        let attendance = Attendance::new(campaign.0.clone(), rows.rows).map_err(PyCampaignError)?;
        Ok((PyAttendance(attendance), errors))
    }

    /// From a frame's columns ([`PyColumn`]); the core checks the column names.
    #[staticmethod]
    fn from_frame(py: Python<'_>, campaign: &PyCampaign, columns: Vec<PyColumn>) -> PyResult<Self> {
        let decoded = decode(columns)?;
        let campaign = campaign.0.clone();
        py.detach(|| {
            let frame = Frame::new(&ATTENDANCE_COLUMNS, &frame_columns(&decoded))?;
            Attendance::from_named_columns(campaign, &frame)
        })
        .map(PyAttendance)
        .map_err(|e| PyCampaignError(e).into())
    }

    /// Number of rows.
    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// Total participants.
    fn total(&self) -> u64 {
        self.0.total()
    }

    /// Threshold results per session with a rule (table JSON).
    fn threshold_results(&self) -> String {
        to_json(&self.0.threshold_results())
    }

    /// Threshold results counted by county, kind or day (table JSON).
    fn threshold_summary(&self, by: &str) -> PyResult<String> {
        Ok(to_json(
            &self
                .0
                .threshold_summary(dimension(by)?)
                .map_err(PyCampaignError)?,
        ))
    }

    /// Participants grouped by a dimension (table JSON).
    fn participation_by(&self, by: &str) -> PyResult<String> {
        Ok(to_json(&self.0.participation_by(dimension(by)?)))
    }

    /// Participants, reach and leaflets per county (table JSON).
    #[pyo3(signature = (ledger=None))]
    fn county_summary(&self, ledger: Option<PyRef<'_, PyLedger>>) -> String {
        to_json(&self.0.county_summary(ledger.as_ref().map(|l| &l.0)))
    }
}

/// A distribution ledger of one material.
#[pyclass(name = "NativeLedger", module = "campaign_core._native")]
struct PyLedger(Ledger);

#[pymethods]
impl PyLedger {
    /// A ledger for `material` with `stock` units (the campaign's own stock of that
    /// material when `stock` is None), optionally bound to an allocation.
    #[new]
    #[pyo3(signature = (campaign, material, stock=None, allocation=None))]
    fn new(
        campaign: &PyCampaign,
        material: &str,
        stock: Option<u64>,
        allocation: Option<PyRef<'_, PyAllocation>>,
    ) -> PyResultC<Self> {
        let allocation = allocation.as_ref().map(|a| &a.0);
        Ok(PyLedger(match stock {
            Some(stock) => Ledger::new(campaign.0.regions(), material, stock, allocation)?,
            None => Ledger::for_material(&campaign.0, material, allocation)?,
        }))
    }

    /// Records one entry (JSON object); raises RefusedError and changes nothing if refused.
    fn record(&mut self, entry: &str) -> PyResultC<()> {
        let e = campaign_core::reader::read_json(entry)?;
        Ok(self.0.record(e)?)
    }

    /// Records a JSON array of entries; returns the errors of the skipped ones.
    fn record_many(&mut self, entries: &str) -> PyResult<Vec<PyErr>> {
        let errors = self.0.record_json(entries).map_err(PyCampaignError)?;
        Ok(errors
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect())
    }

    /// Records a frame's rows ([`PyColumn`]); returns the errors of the skipped ones.
    fn record_frame(&mut self, columns: Vec<PyColumn>) -> PyResult<Vec<PyErr>> {
        let decoded = decode(columns)?;
        let frame =
            Frame::new(&LEDGER_COLUMNS, &frame_columns(&decoded)).map_err(PyCampaignError)?;
        Ok(self
            .0
            .record_frame(&frame)
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect())
    }

    /// Records CSV entries; returns the errors of the skipped rows.
    fn record_csv(&mut self, text: &str) -> PyResult<Vec<PyErr>> {
        let import = io::ledger_from_csv(&mut self.0, text).map_err(PyCampaignError)?;
        Ok(import
            .errors
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect())
    }

    /// Records the entries of a workbook's ledger sheet (`sheet`, or `Ledger entries`,
    /// or the first); returns the errors of the rows refused or malformed.
    #[pyo3(signature = (data, sheet=None))]
    fn record_xlsx(&mut self, data: &[u8], sheet: Option<&str>) -> PyResult<Vec<PyErr>> {
        let rows = io::ledger_entries_from_xlsx(data, sheet).map_err(PyCampaignError)?;
        Ok(self
            .0
            .record_rows(rows)
            .errors
            .into_iter()
            .map(|e| PyErr::from(PyCampaignError(e)))
            .collect())
    }

    /// Units left in stock.
    fn remaining_stock(&self) -> i64 {
        self.0.remaining_stock()
    }

    /// Units handed out, net.
    fn net_issued(&self) -> i64 {
        self.0.net_issued()
    }

    /// The entries recorded (JSON array).
    fn entries(&self) -> String {
        to_json(&self.0.entries())
    }

    /// Balance per county and channel (table JSON).
    fn balance(&self) -> String {
        to_json(&self.0.balance_table())
    }
}

/// An allocation of a stock across counties.
#[pyclass(name = "NativeAllocation", module = "campaign_core._native", frozen)]
struct PyAllocation(Allocation);

#[pymethods]
impl PyAllocation {
    /// Computes an allocation from an AllocationRequest (JSON) over the campaign's regions.
    #[staticmethod]
    fn compute(campaign: &PyCampaign, request: &str) -> PyResultC<Self> {
        let req: AllocationRequest = campaign_core::reader::read_json(request)?;
        Ok(PyAllocation(Allocation::compute(
            campaign.0.regions(),
            &req,
        )?))
    }

    /// The allocation (JSON: stock, pack, reserve, shares).
    fn to_json(&self) -> String {
        to_json(&self.0)
    }

    /// The shares as a table (JSON).
    fn table(&self) -> String {
        to_json(&self.0.to_table())
    }
}

/// The 12 counties as JSON (code, names, seat, coordinates, population figures).
#[pyfunction]
fn counties_json() -> String {
    to_json(&campaign_core::RegionSet::albania().data())
}

/// Albania's counties as a table (JSON) with the population figure describing `year`
/// (the latest when `None`).
#[pyfunction]
#[pyo3(signature = (year=None))]
fn counties_table_json(year: Option<i32>) -> String {
    to_json(&campaign_core::RegionSet::albania().table(year))
}

/// Albania's public holidays for the years `first..=last` (JSON array).
#[pyfunction]
fn holidays_json(first: i32, last: i32) -> String {
    to_json(&campaign_core::calendar::HolidayCalendar::albania(first, last, &[]).all())
}

/// A generated planning instance (`"small"` or `"large"`) as the campaign and the
/// request (JSON).
#[pyfunction]
fn planning_instance(kind: &str, seed: u64) -> PyResult<(PyCampaign, String)> {
    let (c, r) = match kind {
        "small" => campaign_core::synthetic::planning_small(seed),
        "large" => campaign_core::synthetic::planning_large(seed),
        _ => {
            return Err(PyValueError::new_err(format!(
                "unknown instance kind {kind:?}: expected \"small\" or \"large\""
            )))
        }
    };
    Ok((PyCampaign(Arc::new(c)), to_json(&r)))
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
    m.add_class::<PyReport>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyFindingIterator>()?;
    m.add_class::<PyAttendance>()?;
    m.add_class::<PyLedger>()?;
    m.add_class::<PyAllocation>()?;
    m.add_function(wrap_pyfunction!(holidays_json, m)?)?;
    m.add_function(wrap_pyfunction!(counties_json, m)?)?;
    m.add_function(wrap_pyfunction!(counties_table_json, m)?)?;
    m.add_function(wrap_pyfunction!(document_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(planning_instance, m)?)?;
    m.add("CampaignError", py.get_type::<CampaignError>())?;
    m.add("DocumentError", py.get_type::<DocumentError>())?;
    m.add("UnknownCountyError", py.get_type::<UnknownCountyError>())?;
    m.add("CsvError", py.get_type::<CsvError>())?;
    m.add("RefusedError", py.get_type::<RefusedError>())?;
    m.add("LimitError", py.get_type::<LimitError>())?;
    Ok(())
}

"""campaign-core: plan, check and analyse regional awareness campaigns.

The domain logic lives in the Rust core; this package converts its JSON results into
Python objects and, on request, pandas DataFrames.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._native import (
    CampaignError,
    CsvError,
    DocumentError,
    LimitError,
    RefusedError,
    UnknownCountyError,
    __version__,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Allocation",
    "Attendance",
    "Campaign",
    "CampaignError",
    "CsvError",
    "DocumentError",
    "Finding",
    "Ledger",
    "LimitError",
    "Plan",
    "RefusedError",
    "Report",
    "Programme",
    "Timeline",
    "UnknownCountyError",
    "__version__",
    "allocate",
    "check",
    "counties",
    "counties_frame",
    "holidays",
    "planning_instance",
]

Options = Union[str, Mapping[str, Any], None]


Workbook = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]


def _workbook_bytes(data: Workbook) -> bytes:
    """A workbook's bytes: given as bytes, or read from a path."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    with open(data, "rb") as f:
        return f.read()


def _options_json(options: Options) -> Optional[str]:
    if options is None or isinstance(options, str):
        return options
    return json.dumps(options)


Finding = _native.Finding
"""One problem found in a calendar (made in the native module when a report's findings
are read): `code`, `severity` and `visit_indices` are at hand; `visits`, `sessions`,
`people`, `counties`, `days`, `details`, `to_dict()` and the messages (`message_en`,
`message_sq`) are expanded by the core when read."""


class _Findings(Sequence[Finding]):
    """The findings of a report, made when read."""

    def __init__(self, report: "_native.NativeReport") -> None:
        self._report = report

    def __len__(self) -> int:
        return len(self._report)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            picked = range(*i.indices(len(self)))
            if not picked:
                return []
            low = min(picked)
            made = self._report.findings(low, max(picked) + 1)
            return [made[k - low] for k in picked]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._report.findings(i, i + 1)[0]

    def __iter__(self) -> Iterator[Finding]:
        # Made a few thousand at a time as the loop reads them, and freed as it goes.
        return self._report.iter(0)


class Report:
    """The findings of a check: iterable, with counts and a DataFrame view. Backed by the
    core's compact findings; a `Finding` object is made only when iterated, its message
    only when read."""

    def __init__(self, native: "_native.NativeReport") -> None:
        self._native = native
        error, warning, info = native.counts()
        self.counts: Dict[str, int] = {"error": error, "warning": warning, "info": info}
        self.visits, self.sessions = native.size()
        self.findings: Sequence[Finding] = _Findings(native)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self._native)

    def codes(self) -> List[str]:
        """Distinct finding codes in report order."""
        return list(dict.fromkeys(self._native.head(i)[0] for i in range(len(self))))

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain JSON-compatible data (every finding, both messages)."""
        return dict(json.loads(self._native.to_json()))

    def to_json(self) -> str:
        """The report as JSON text."""
        return self._native.to_json()

    def to_text(self, lang: str = "en") -> str:
        """The report as readable text, in 'en' or 'sq'."""
        return self._native.to_text(lang)

    def to_pandas(self, messages: Optional[str] = None) -> "pandas.DataFrame":
        """One row per listed finding, built from the core's columns: code and severity
        (categorical), visit and other_visit (positions in the document, nullable),
        first_day and last_day (datetime64). `messages="en"` or `"sq"` adds a message
        column (rendered for every row, so slower)."""
        import pandas as pd

        # numpy arrays over the native module's vectors: the frame takes them over
        # without a copy.
        cols = self._native.columns()

        def categorical(name: str) -> Any:
            return pd.Categorical.from_codes(cols[name], categories=cols[f"{name}_names"])

        def visits(name: str) -> Any:
            v = cols[name]
            return pd.arrays.IntegerArray(v, v < 0)

        def days(name: str) -> Any:
            # Nanoseconds since 1970-01-01; int64's minimum is numpy's NaT.
            return cols[name].view("datetime64[ns]")

        df = pd.DataFrame({
            "code": categorical("code"),
            "severity": categorical("severity"),
            "visit": visits("visit"),
            "other_visit": visits("other_visit"),
            "first_day": days("first_day"),
            "last_day": days("last_day"),
        }, copy=False)
        if messages is not None:
            df["message"] = [self._native.message(i, messages) for i in range(len(df))]
        return df

    def _repr_html_(self) -> str:
        return self.to_pandas(messages="en")[["severity", "code", "message"]].to_html(index=False)

    def __repr__(self) -> str:
        c = self.counts
        return f"<Report {len(self)} findings: {c['error']} errors, {c['warning']} warnings, {c['info']} info>"


class Campaign:
    """A validated campaign document."""

    __slots__ = ("_native",)

    def __init__(self, native: "_native.NativeCampaign") -> None:
        self._native = native

    @classmethod
    def from_json(cls, text: str) -> "Campaign":
        """Parse and validate a JSON document; raises DocumentError with `.path`."""
        return cls(_native.NativeCampaign.from_json(text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Campaign":
        """Validate a document given as a dict (lists, str, int, float, bool, None
        inside, as JSON holds them). Read by the native module without writing JSON
        text; errors are DocumentError with `.path`, also for a value JSON cannot hold."""
        return cls(_native.NativeCampaign.from_value(data))

    @classmethod
    def from_frame(cls, df: "pandas.DataFrame", name_sq: str = "Kalendar", name_en: str = "Calendar") -> "Campaign":
        """A calendar from a DataFrame, one visit per row: `county`, `first_day`,
        `last_day` (datetime64 or text) and optionally `team`, `round`, `id`. Nothing
        goes through JSON; errors name the column and row (`$.first_day[12]`)."""
        return cls(_native.NativeCampaign.from_frame(_frame_columns(df), name_sq, name_en))

    @classmethod
    def from_excel(cls, data: Workbook, sheet: Optional[str] = None, name_sq: str = "Kalendar",
                   name_en: str = "Calendar") -> "Campaign":
        """Read a calendar sheet from a workbook (.xlsx, .ods …; a path or its bytes): the
        sheet `sheet`, or `Calendar`, or the first. Columns as for CSV (county,
        first_day, last_day, optionally team, round, id; forgiving header spelling);
        errors name the sheet and cell (`.line` is the row, `.column` the column)."""
        return cls(_native.NativeCampaign.from_xlsx(_workbook_bytes(data), sheet, name_sq, name_en))

    def to_excel(self, path: Union[str, "os.PathLike[str]", None] = None, *, options: Options = None,
                 attendance: Optional["Attendance"] = None, allocation: Optional["Allocation"] = None,
                 ledger: Optional["Ledger"] = None, lang: str = "en") -> bytes:
        """One workbook (.xlsx): sheets Calendar, Findings (the check with `options`,
        messages in `lang`) and, when given, Attendance, Thresholds, Participation,
        Allocation, Ledger entries and Ledger balance; header rows styled and frozen,
        dates as Excel dates. Written to `path` if given; the bytes are returned."""
        data = self._native.to_xlsx(
            _options_json(options),
            None if attendance is None else attendance._native,
            None if allocation is None else allocation._native,
            None if ledger is None else ledger._native,
            lang,
        )
        if path is not None:
            with open(path, "wb") as f:
                f.write(data)
        return bytes(data)

    @classmethod
    def from_csv(cls, text: str, name_sq: str = "Kalendar", name_en: str = "Calendar") -> "Campaign":
        """Read a CSV calendar. Every error (CsvError, UnknownCountyError, LimitError …)
        has `.line` and `.column`."""
        return cls(_native.NativeCampaign.from_csv(text, name_sq, name_en))

    @classmethod
    def builtin_2017(cls) -> "Campaign":
        """The 2017 campaign "Choose opportunities, not irregular migration!"."""
        return cls(_native.NativeCampaign.builtin_2017())

    def to_json(self) -> str:
        """The document as JSON text."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The document as a dict."""
        return dict(json.loads(self._native.to_json()))

    def to_csv(self) -> str:
        """The calendar as CSV."""
        return self._native.to_csv()

    def check(self, options: Options = None) -> Report:
        """Run every rule; `options` is a CheckOptions dict or JSON text."""
        return Report(self._native.check(_options_json(options)))

    def report_text(self, lang: str = "en", options: Options = None) -> str:
        """The check report as readable text, in 'en' or 'sq'."""
        return self.check(options).to_text(lang)

    def to_ics(self, stamp: Optional[str] = None, lang: str = "sq", per_session: bool = False) -> str:
        """The calendar as an iCalendar file: one all-day event per visit, or one per
        session (`per_session=True`); `stamp` is the export time in UTC (now when None).
        Session times in Albania's regions carry `TZID=Europe/Tirane` and the zone's
        rules; elsewhere, and before 1996, they are floating local times."""
        import datetime as _dt

        if stamp is None:
            stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return self._native.to_ics(stamp, lang, per_session)

    def summary(self, lang: str = "en") -> str:
        """A readable summary of the campaign."""
        return self._native.summary(lang)

    def programme(self, visit: str | None = None, lang: str | None = None) -> "Programme":
        """The printable programme of one visit (every visit when `visit` is None):
        each day's sessions with time, venue, audiences, participant rule and leaflets,
        assumptions marked with *. Albanian then English unless `lang` is given.
        Notebooks show it inline; `.text` and `.html` (a page that prints on A4)."""
        text, html = self._native.programme(visit, lang)
        return Programme(text, html)

    def plan(
        self,
        request: Union[str, Mapping[str, Any], None] = None,
        *,
        counties: Optional[Sequence[str]] = None,
        window: Optional[Tuple[Any, Any]] = None,
        teams: Optional[Sequence[Union[str, Mapping[str, Any]]]] = None,
        weekdays: Optional[Sequence[str]] = None,
        rest_days: Optional[int] = None,
        max_visits_per_week: Optional[int] = None,
        next_to_holiday: Optional[bool] = None,
        unavailable: Optional[Sequence[Mapping[str, Any]]] = None,
        movable: Optional[Sequence[str]] = None,
        round: Optional[str] = None,
        template: Optional[str] = None,
        options: Options = None,
        lang: str = "en",
    ) -> "Plan":
        """Propose dates and teams for the counties still to visit (by default the
        scope's counties no visit covers), keeping the visits already planned.

        `request` is a whole PlanRequest (dict or JSON); the keywords set its fields:
        `window=("2018-01-15", "2018-06-15")` (dates or ISO strings), `teams=["a", "b"]`
        or dicts with `id`, `home`, `people`, `weekdays=["tuesday", "wednesday",
        "thursday"]`, `options` the CheckOptions that also judge the result. Returns a
        `Plan`: `.campaign` (the planned visits' notes say why they are not earlier, in
        `lang`), `.visits` and `.unplaced` (DataFrames with the reasons in `lang`),
        `.report`, `.finish`, `.lower_bound`, `.optimal`."""
        if isinstance(request, str):
            req: Dict[str, Any] = dict(json.loads(request))
        else:
            req = dict(request or {})
        fields = {
            "counties": None if counties is None else list(counties),
            "window": None if window is None else {"start": str(window[0])[:10], "end": str(window[1])[:10]},
            "teams": None if teams is None else [{"id": t} if isinstance(t, str) else dict(t) for t in teams],
            "weekdays": None if weekdays is None else list(weekdays),
            "rest_days": rest_days,
            "max_visits_per_week": max_visits_per_week,
            "next_to_holiday": next_to_holiday,
            "unavailable": None if unavailable is None else [
                {k: (str(v)[:10] if k in ("start", "end") else v) for k, v in a.items()} for a in unavailable
            ],
            "movable": None if movable is None else list(movable),
            "round": round,
            "template": template,
            "check": None if options is None else (json.loads(options) if isinstance(options, str) else dict(options)),
            "lang": lang,
        }
        req.update({k: v for k, v in fields.items() if v is not None})
        native, plan_json, visits, unplaced, text = self._native.plan(json.dumps(req), lang)
        return Plan(Campaign(native), json.loads(plan_json), visits, unplaced, text, req.get("check"))

    def plan_problem(self, request: Union[str, Mapping[str, Any], None] = None) -> Dict[str, Any]:
        """The planning problem in numbers (usable start days per team, days between
        counties, km), for other solvers; `request` as for `plan`."""
        text = request if isinstance(request, str) or request is None else json.dumps(request)
        return dict(json.loads(self._native.plan_problem(text)))

    def timeline(self, lang: str = "en", options: Options = None) -> "Timeline":
        """The timeline drawn by the core (SVG), bars coloured by the check's findings."""
        return Timeline(self._native.timeline_svg(lang, _options_json(options)))

    def attendance(self, data: Any) -> "Attendance":
        """Attendance from a DataFrame, a list of record dicts, or CSV text."""
        if isinstance(data, str):
            attendance, errors = Attendance.from_csv(self, data)
            if errors:
                raise errors[0]
            return attendance
        if isinstance(data, (list, tuple)):
            return Attendance.from_records(self, data)
        return Attendance.from_frame(self, data)

    def __getstate__(self) -> str:
        return self.to_json()

    def __setstate__(self, state: str) -> None:
        self._native = _native.NativeCampaign.from_json(state)

    def __repr__(self) -> str:
        d = self.to_dict()
        return f"<Campaign {d['name']['en']!r}: {len(d['visits'])} visits>"


class Plan:
    """A proposed calendar: `campaign` (the fixed visits and the planned ones),
    `visits` (DataFrame: id, county, county_name, team, first_day, last_day, km,
    reason_code, reason_day, reason), `unplaced` (DataFrame: county, county_name,
    reason_code, reason), `finish`, `lower_bound`, `gap_days`, `method` ("exact" or
    "greedy"), `optimal` (the finish is proven earliest), `travel_km`; `report` checks
    the planned campaign with the request's options."""

    def __init__(self, campaign: Campaign, plan: Dict[str, Any], visits: str, unplaced: str,
                 text: str, options: Optional[Mapping[str, Any]]) -> None:
        import pandas as pd

        self.campaign = campaign
        self._plan = plan
        self._text = text
        self._options = None if options is None else dict(options)
        self.visits = _frame(visits)
        for col in ("first_day", "last_day"):
            self.visits[col] = pd.to_datetime(self.visits[col])
        self.unplaced = _frame(unplaced)
        self.finish: Optional[str] = plan.get("finish")
        self.lower_bound: Optional[str] = plan.get("lower_bound")
        self.gap_days: Optional[int] = plan.get("gap_days")
        self.method: str = plan["method"]
        self.optimal: bool = plan["optimal"]
        self.travel_km: float = plan["travel_km"]

    @property
    def report(self) -> Report:
        """The check of the planned campaign, with the request's options."""
        return self.campaign.check(self._options)

    def to_dict(self) -> Dict[str, Any]:
        """The plan as the core writes it: `document`, `visits`, `unplaced`, figures."""
        return dict(self._plan)

    def to_text(self) -> str:
        """One line per visit with why it is not earlier, then what was not placed."""
        return self._text

    def __repr__(self) -> str:
        return (f"<Plan: {len(self.visits)} visits, {len(self.unplaced)} not placed, "
                f"finish {self.finish}, {'optimal' if self.optimal else 'gap ' + str(self.gap_days) + ' days'}>")


class Programme:
    """A visit programme: `text` (plain) and `html` (self-contained, prints on A4)."""

    def __init__(self, text: str, html: str) -> None:
        self.text = text
        self.html = html

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: str) -> None:
        """Write the HTML page to a file."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.html)


class Timeline:
    """An SVG drawing; notebooks display it inline."""

    def __init__(self, svg: str) -> None:
        self.svg = svg

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: str) -> None:
        """Write the SVG to a file."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.svg)


def _frame(table_json: str) -> "pandas.DataFrame":
    """Turn a core table (columnar JSON) into a DataFrame; integer columns are nullable Int64."""
    import pandas as pd

    table = json.loads(table_json)
    data: Dict[str, Any] = {}
    for col in table["columns"]:
        kind, values = col["type"], col["values"]
        if kind == "int":
            data[col["name"]] = pd.array(values, dtype="Int64")
        elif kind == "float":
            data[col["name"]] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        else:
            data[col["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


# name, kind, values (int64 array), labels, text and missing flags (uint8 arrays).
Column = Tuple[str, str, Any, List[Optional[str]], Any, Any]


def _arrow_strings(name: str, series: "pandas.Series") -> Optional[Column]:
    """A column of text that pandas already keeps in Arrow (pandas 3's default `str`
    with pyarrow, or `string[pyarrow]`), handed over as Arrow's buffers: offsets, the
    UTF-8 text and missing flags, without making a Python object per row. None for
    any other column."""
    import pandas as pd

    dtype = series.dtype
    arrow_backed = (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow") or (
        isinstance(dtype, pd.ArrowDtype) and "string" in str(dtype.pyarrow_dtype))
    if not arrow_backed:
        return None
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped]

    array = pa.array(series)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not pa.types.is_large_string(array.type):
        array = array.cast(pa.large_string())
    _, offsets, data = array.buffers()
    rows = len(array)
    # Views of Arrow's buffers (read in place by the native module).
    starts = np.frombuffer(offsets, dtype="<i8")[array.offset: array.offset + rows + 1] if offsets else np.zeros(1, "<i8")
    text = np.frombuffer(data, dtype=np.uint8) if data is not None else _none(np.uint8)
    missing = array.is_null().to_numpy(zero_copy_only=False).view(np.uint8) if array.null_count else _none(np.uint8)
    return (name, "strings", starts, [], text, missing)


def _none(dtype: Any) -> Any:
    """An empty array: a column's unused parts."""
    import numpy as np

    return np.empty(0, dtype=dtype)


def _frame_columns(df: "pandas.DataFrame") -> List[Column]:
    """A DataFrame's columns as the native module takes them (see `PyColumn` in the
    native module): name, kind (``labels``, ``int``, ``float``, ``datetime[unit]``
    with numpy's int64 values, ``strings`` in Arrow's layout, or ``text``), the values
    as a contiguous int64 array, the labels (for text, the values: a column of
    mostly distinct strings is not worth factorising), the text and missing flags of
    ``strings``. Only types are converted here; which columns are allowed is the
    core's business."""
    import numpy as np
    import pandas as pd

    out: List[Column] = []
    none = _none(np.uint8)
    for name in df.columns:
        series = df[name]
        dtype = series.dtype
        arrow = _arrow_strings(str(name), series)
        if arrow is not None:
            out.append(arrow)
        elif pd.api.types.is_bool_dtype(dtype) or (pd.api.types.is_integer_dtype(dtype) and not series.hasnans):
            values = np.ascontiguousarray(series.to_numpy(dtype="<i8"))
            out.append((str(name), "int", values, [], none, none))
        elif pd.api.types.is_numeric_dtype(dtype):
            values = np.ascontiguousarray(series.to_numpy(dtype="<f8", na_value=np.nan))
            out.append((str(name), "float", values.view("<i8"), [], none, none))
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            stamps = (series.dt.tz_localize(None) if getattr(series.dt, "tz", None) is not None else series).to_numpy()
            unit = np.datetime_data(stamps.dtype)[0]
            if unit not in ("s", "ms", "us", "ns"):
                stamps, unit = stamps.astype("datetime64[s]"), "s"
            out.append((str(name), f"datetime[{unit}]", np.ascontiguousarray(stamps).view("<i8"), [], none, none))
        elif isinstance(dtype, pd.CategoricalDtype):
            codes = np.ascontiguousarray(series.cat.codes.to_numpy(dtype="<i8"))
            out.append((str(name), "labels", codes, [str(x) for x in series.cat.categories], none, none))
        elif series.iloc[:1000].nunique() > 500:
            texts: List[Optional[str]] = [None if v is None or v != v else str(v) for v in series.tolist()]
            out.append((str(name), "text", _none("<i8"), texts, none, none))
        else:
            codes, labels = pd.factorize(series, use_na_sentinel=True)
            out.append((str(name), "labels", np.ascontiguousarray(codes, dtype="<i8"), [str(x) for x in labels], none, none))
    return out


class Attendance:
    """Attendance counts of a campaign's sessions (counts only; never names)."""

    __slots__ = ("_native",)

    def __init__(self, native: "_native.NativeAttendance") -> None:
        self._native = native

    @classmethod
    def from_frame(cls, campaign: Campaign, df: "pandas.DataFrame") -> "Attendance":
        """Columns `visit`, `session` and any of `repetition`, `audience`, `female`, `male`,
        `sex_not_recorded`, `under_18`, `adult`, `age_not_recorded`, `notes`. Errors name
        the column (`$.femal`) or the column and row (`$.female[12]`)."""
        return cls(_native.NativeAttendance.from_frame(campaign._native, _frame_columns(df)))

    @classmethod
    def from_records(cls, campaign: Campaign, records: Sequence[Mapping[str, Any]]) -> "Attendance":
        """From a list of record dicts; errors carry the path (`$[3].session`)."""
        return cls(_native.NativeAttendance.from_json(campaign._native, json.dumps(list(records))))

    @classmethod
    def from_csv(cls, campaign: Campaign, text: str) -> Tuple["Attendance", List[CsvError]]:
        """From a CSV sheet: the attendance of the good rows, and a CsvError per bad row."""
        native, errors = _native.NativeAttendance.from_csv(campaign._native, text)
        return cls(native), list(errors)

    @classmethod
    def from_excel(cls, campaign: Campaign, data: Workbook,
                   sheet: Optional[str] = None) -> Tuple["Attendance", List[CampaignError]]:
        """From a workbook's attendance sheet (`sheet`, or `Attendance`, or the first; a
        path or bytes): the attendance of the good rows, and an error per bad row at its
        cell."""
        native, errors = _native.NativeAttendance.from_xlsx(campaign._native, _workbook_bytes(data), sheet)
        return cls(native), list(errors)

    def __len__(self) -> int:
        return len(self._native)

    @property
    def total(self) -> int:
        """Total participants."""
        return self._native.total()

    def threshold_results(self) -> "pandas.DataFrame":
        """One row per session with a participant rule: actual count and outcome."""
        return _frame(self._native.threshold_results())

    def threshold_summary(self, by: str = "county") -> "pandas.DataFrame":
        """Sessions meeting their rule, counted by county, kind or day."""
        return _frame(self._native.threshold_summary(by))

    def participation(self, by: str = "county") -> "pandas.DataFrame":
        """Participants by county, day, kind, audience, sex or age_band."""
        return _frame(self._native.participation_by(by))

    def county_summary(self, ledger: Optional["Ledger"] = None) -> "pandas.DataFrame":
        """Participants by county with sex split, reach per 10,000 inhabitants and, with
        a ledger, leaflets per participant."""
        return _frame(self._native.county_summary(None if ledger is None else ledger._native))


class Allocation:
    """A stock split across counties; shares plus reserve equal the stock."""

    def __init__(self, native: "_native.NativeAllocation") -> None:
        self._native = native
        data = json.loads(native.to_json())
        self.stock: int = data["stock"]
        self.pack: int = data["pack"]
        self.reserve: int = data["reserve"]
        self.shares: List[Dict[str, Any]] = data["shares"]

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per county: quantity, weight, explanation."""
        return _frame(self._native.table())

    def _repr_html_(self) -> str:
        return self.to_pandas().to_html(index=False)


def allocate(
    campaign: Campaign,
    stock: int,
    strategy: Union[str, Mapping[str, Any]] = "equal",
    minimum: int = 0,
    pack: int = 1,
    counties: Optional[Sequence[str]] = None,
) -> Allocation:
    """Split `stock` across counties: strategy "equal", {"population": {"year": 2017}},
    {"weights": {county: w}} or {"fixed": {county: n}}."""
    request = {"stock": stock, "strategy": strategy, "minimum": minimum, "pack": pack, "counties": counties}
    return Allocation(_native.NativeAllocation.compute(campaign._native, json.dumps(request)))


class Ledger:
    """The distribution ledger of one material: issues, returns and corrections."""

    def __init__(self, campaign: Campaign, material: str = "leaflets", stock: Optional[int] = None,
                 allocation: Optional[Allocation] = None) -> None:
        self._native = _native.NativeLedger(campaign._native, material, stock,
                                            None if allocation is None else allocation._native)

    def record(self, date: str, county: str, channel: str, kind: str, quantity: int,
               session: Optional[str] = None, note: Optional[str] = None) -> None:
        """Record one entry; raises RefusedError (and changes nothing) on over-issue."""
        entry = {"date": str(date), "county": county, "channel": channel, "kind": kind, "quantity": int(quantity)}
        if session is not None:
            entry["session"] = session
        if note is not None:
            entry["note"] = note
        self._native.record(json.dumps(entry))

    def record_frame(self, df: "pandas.DataFrame") -> List[CampaignError]:
        """Record every row of a DataFrame (columns date, county, channel, kind, quantity
        and optionally session, note); returns one error per skipped row, at
        `$.<column>[row]`."""
        return list(self._native.record_frame(_frame_columns(df)))

    def record_csv(self, text: str) -> List[CampaignError]:
        """Record CSV entries; returns one CsvError per skipped row."""
        return list(self._native.record_csv(text))

    def record_excel(self, data: Workbook, sheet: Optional[str] = None) -> List[CampaignError]:
        """Record the entries of a workbook's ledger sheet (`sheet`, or `Ledger entries`,
        or the first; a path or bytes); returns one error per skipped row, at its cell."""
        return list(self._native.record_xlsx(_workbook_bytes(data), sheet))

    @property
    def remaining_stock(self) -> int:
        """Units left in stock."""
        return self._native.remaining_stock()

    @property
    def net_issued(self) -> int:
        """Units handed out, net of returns and corrections."""
        return self._native.net_issued()

    def entries(self) -> List[Dict[str, Any]]:
        """The recorded entries."""
        return list(json.loads(self._native.entries()))

    def balance(self) -> "pandas.DataFrame":
        """Issued, returned, net and allocation left per county and channel."""
        return _frame(self._native.balance())


def counties_frame(year: Optional[int] = None) -> "pandas.DataFrame":
    """The 12 counties: code, names, seat, coordinates, and the population figure that
    describes ``year`` (the latest figure not after it) with that figure's year; the
    latest figure when ``year`` is None."""
    return _frame(_native.counties_table_json(year))


def holidays(first_year: int, last_year: int) -> List[Dict[str, Any]]:
    """Albania's public holidays (official, observed, one-off) for the years given."""
    return list(json.loads(_native.holidays_json(first_year, last_year)))


def check(document: Union[Campaign, str, Mapping[str, Any]], options: Options = None) -> Report:
    """Check a campaign given as a Campaign, JSON text or dict."""
    if isinstance(document, Campaign):
        campaign = document
    elif isinstance(document, str):
        campaign = Campaign.from_json(document)
    else:
        campaign = Campaign.from_dict(document)
    return campaign.check(options)


def counties() -> List[Dict[str, Any]]:
    """Albania's 12 counties: code, names, seat, coordinates and population figures."""
    return list(json.loads(_native.counties_json())["regions"])


def planning_instance(kind: str = "small", seed: int = 1) -> Tuple[Campaign, Dict[str, Any]]:
    """A generated planning instance, as the planner's benchmarks use it: `"small"`
    (6-12 counties, 1-3 teams, a window of 4-10 weeks in 2018) or `"large"` (61
    generated municipality-sized places, 4 teams, the 2018-19 school year). Returns
    the campaign and the request (a dict for `Campaign.plan`)."""
    native, request = _native.planning_instance(kind, seed)
    return Campaign(native), dict(json.loads(request))

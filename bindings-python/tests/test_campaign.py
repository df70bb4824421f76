"""Python binding tests: behaviour, shared cases, errors, round-trips."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import campaign_core as cc

CASES = Path(__file__).resolve().parents[2] / "tests" / "cases"
SHARED = json.loads((CASES / "cases.json").read_text(encoding="utf-8"))


def load(doc: str) -> cc.Campaign:
    if doc == "builtin:2017":
        return cc.Campaign.builtin_2017()
    return cc.Campaign.from_json((CASES / doc).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", SHARED["cases"], ids=lambda c: c["name"])
def test_shared_cases(case: dict) -> None:
    report = load(case["document"]).check(case["options"])
    assert sorted(f.code for f in report) == case["codes"]


@pytest.mark.parametrize("case", SHARED["errors"], ids=lambda c: c["name"])
def test_shared_errors(case: dict) -> None:
    with pytest.raises(cc.CampaignError) as info:
        cc.Campaign.from_json(case["json"])
    assert info.value.code == case["code"]
    assert info.value.path == case["path"]
    assert isinstance(info.value, cc.DocumentError)


@pytest.mark.parametrize("api", ["function", "method"])
def test_overlap_from_dict_function_and_method(api: str) -> None:
    doc = json.loads((CASES / "overlap_2018.json").read_text(encoding="utf-8"))
    report = cc.check(doc) if api == "function" else cc.Campaign.from_dict(doc).check()
    (finding,) = list(report)
    assert finding.code == "TEAM_OVERLAP"
    assert finding.severity == "error"
    assert finding.visits == ["durres", "tirane"]
    assert finding.days == ["2018-03-06"]
    assert "Durrës" in finding.message_en and "Tiranë" in finding.message_sq


def test_builtin_2017_report() -> None:
    c = cc.Campaign.builtin_2017()
    report = c.check()
    assert report.counts == {"error": 0, "warning": 0, "info": 5}
    assert report.visits == 6 and report.sessions == 60
    near = [f for f in report if f.code == "HOLIDAY_NEAR_VISIT"]
    assert near[0].days == ["2017-12-08"] and "National Youth Day" in near[0].message_en
    missing = [f for f in report if f.code == "COUNTY_NOT_COVERED"][0]
    assert missing.counties == ["AL-01", "AL-04", "AL-05", "AL-08", "AL-11", "AL-12"]
    assert "Dita Kombëtare e Rinisë" in c.report_text("sq")


def test_unknown_county_is_typed_with_suggestion() -> None:
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"},
           "visits": [{"county": "Korcha", "first_day": "2018-03-05", "last_day": "2018-03-06"}]}
    with pytest.raises(cc.UnknownCountyError) as info:
        cc.check(doc)
    assert info.value.suggestion == "Korçë"
    assert info.value.path == "$.visits[0].county"


def test_bad_json_text() -> None:
    with pytest.raises(cc.DocumentError) as info:
        cc.check("{not json")
    assert info.value.code == "INVALID_JSON"


def test_csv_errors_have_line_and_column() -> None:
    with pytest.raises(cc.CsvError) as info:
        cc.Campaign.from_csv("county,first_day,last_day\nDurrës,2017-10-16,2017-10-17\nDibër,2017-11-15,someday\n")
    assert (info.value.line, info.value.column) == (3, 3)
    assert issubclass(cc.CsvError, cc.CampaignError)


def test_csv_calendar_round_trip() -> None:
    c = cc.Campaign.builtin_2017()
    again = cc.Campaign.from_csv(c.to_csv())
    assert [v["county"] for v in again.to_dict()["visits"]] == [v["county"] for v in c.to_dict()["visits"]]


def test_pickle_and_json_round_trip() -> None:
    c = cc.Campaign.builtin_2017()
    assert pickle.loads(pickle.dumps(c)).to_dict() == c.to_dict()
    assert cc.Campaign.from_json(c.to_json()).to_dict() == c.to_dict()


def test_bad_options_raise_typed_errors() -> None:
    c = cc.Campaign.builtin_2017()
    with pytest.raises(cc.DocumentError) as info:
        c.check({"disabled": ["NO_SUCH_RULE"]})
    assert info.value.path == "$.disabled[0]"
    with pytest.raises(ValueError):
        c.summary("fr")


def test_counties() -> None:
    rows = cc.counties()
    assert [r["code"] for r in rows] == [f"AL-{i:02d}" for i in range(1, 13)]
    assert {r["name_sq"] for r in rows} >= {"Dibër", "Korçë", "Durrës", "Gjirokastër"}


def test_report_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    df = cc.Campaign.builtin_2017().check().to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df["code"]).count("WINDOW_LONGER") == 3
    assert "<table" in cc.Campaign.builtin_2017().check()._repr_html_()


COUNTIES = [c["name_sq"] for c in cc.counties()]


@st.composite
def documents(draw: st.DrawFn) -> dict:
    n = draw(st.integers(min_value=0, max_value=12))
    visits = []
    for i in range(n):
        start = draw(st.dates(min_value=__import__("datetime").date(2010, 1, 1), max_value=__import__("datetime").date(2035, 12, 1)))
        length = draw(st.integers(min_value=0, max_value=4))
        visits.append({"id": f"v{i}", "county": draw(st.sampled_from(COUNTIES)),
                       "first_day": start.isoformat(),
                       "last_day": (start + __import__("datetime").timedelta(days=length)).isoformat()})
    return {"format_version": 1, "name": {"sq": "p", "en": "p"}, "visits": visits}


@settings(max_examples=60, deadline=None)
@given(documents())
def test_any_document_round_trips_and_checks(doc: dict) -> None:
    c = cc.Campaign.from_dict(doc)
    assert cc.Campaign.from_json(c.to_json()).to_dict() == c.to_dict()
    report = c.check()
    assert sum(report.counts.values()) == len(report)
    for f in report:
        assert all(0 <= i < len(doc["visits"]) for i in f.visit_indices)


# Dicts are read natively (no JSON text): the same outcome as through json.dumps.
_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False, allow_infinity=False),
                       st.text(max_size=8), st.sampled_from(["Durrës", "2017-10-16", "AL-05", "v1", "t"]))
_json = st.recursive(_json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "county", "first_day", "last_day", "team", "visits", "x", "name", "sq", "en"]), inner, max_size=4)),
    max_leaves=20)


def _outcome(make: Any) -> Any:
    try:
        return ("ok", make().to_json())
    except cc.CampaignError as e:
        return (type(e).__name__, str(e), getattr(e, "path", None))


@settings(max_examples=300, deadline=None)
@example(visits=[7.521287739579262e-286], extra={})  # the text's float must round as Python's does
@given(visits=st.lists(_json, max_size=4), extra=st.dictionaries(st.sampled_from(["teams", "scope", "x"]), _json, max_size=2))
def test_from_dict_reads_what_json_text_would_give(visits: Any, extra: Any) -> None:
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "visits": visits, **extra}
    assert _outcome(lambda: cc.Campaign.from_dict(doc)) == _outcome(lambda: cc.Campaign.from_json(json.dumps(doc)))


# Visits with only calendar fields as text go to the core as columns (no value tree):
# the same outcome as the document read whole, for valid and invalid calendars alike.
_odd_text = st.one_of(st.sampled_from(["Atlantis", "", "AL-05"]), st.text(max_size=6))
_odd_day = st.sampled_from(["2017-2-3", "16.10.2017", "2017-02-30", "1500-01-01", "2017-10-16 ", "9999-01-01"])


@st.composite
def _plain_visit(draw: Any) -> Any:
    """Mostly a valid visit; now and then an odd county or day, or a field that is not a
    calendar field."""
    first = draw(st.dates(dt.date(2017, 1, 1), dt.date(2018, 12, 31)))
    visit = {"county": draw(st.sampled_from(["Durrës", "Kukës", "Shkodër", "AL-05", "korce"])), "first_day": str(first),
             "last_day": str(first + dt.timedelta(days=draw(st.integers(0, 3))))}
    for field, values in [("id", st.text(min_size=1, max_size=4)), ("team", st.sampled_from(["t0", "t1"] * 8 + ["t9"])),
                          ("round", st.sampled_from(["r1", "r2"]))]:
        if draw(st.booleans()):
            visit[field] = draw(values)
    if draw(st.integers(0, 9)) == 0:
        field = draw(st.sampled_from(["county", "first_day", "last_day", "note", "template", "id"]))
        visit[field] = draw(_odd_day if field.endswith("_day") else _odd_text)
    # The native reader looks each key object up once: keys are also drawn as fresh str
    # objects (not the shared literals) and as a str subclass.
    fresh = draw(st.sampled_from([str, lambda k: "".join(list(k)), _Key]))
    return {fresh(k): v for k, v in visit.items()}


class _Key(str):
    """A str subclass as a key, which JSON text writes as the str it is."""


def test_from_dict_reads_visits_whose_keys_differ_from_the_first_ones() -> None:
    """The reader looks up the keys it has met; visits with as many keys but another one,
    with a fresh copy of a known key beside a new one, or with fewer keys, read as the
    JSON text of the same document reads."""
    fresh = "".join(list("county"))
    base = {"first_day": "2018-03-05", "last_day": "2018-03-06"}
    cases = [
        [{"county": "Durrës", "id": "a", **base}, {"county": "Kukës", "team": "t0", **base}],
        [{"county": "Durrës", "id": "a", **base}, {fresh: "Kukës", "team": "t0", **base}],
        [{"county": "Durrës", "id": "a", **base}, {fresh: "Kukës", "id": "b", **base}],
        [{"county": "Durrës", "id": "a", "team": "t1", **base}, {"county": "Kukës", **base}],
        [{"county": "Durrës", **base}, {"county": "Kukës", "note": "x", **base}, {"county": "Korçë", **base}],
        [{"county": "Durrës", "id": "a", **base}, {"county": "Kukës", "id": "a", **base}],
    ]
    for visits in cases:
        doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "teams": [{"id": "t0"}, {"id": "t1"}], "visits": visits}
        got = _outcome(lambda: cc.Campaign.from_dict(doc))
        assert got == _outcome(lambda: cc.Campaign.from_json(json.dumps(doc))), visits
        assert _report(lambda: cc.Campaign.from_dict(doc)) == _report(lambda: cc.Campaign.from_json(json.dumps(doc)))
    assert got[0] == "DocumentError" and "duplicate visit id" in got[1]


def _report(make: Any) -> Any:
    try:
        return ("ok", make().check().to_json())
    except cc.CampaignError as e:
        return (type(e).__name__, str(e), getattr(e, "path", None))


@settings(max_examples=200, deadline=None)
@given(visits=st.lists(_plain_visit(), max_size=8), teams=st.integers(0, 3).map(bool), rounds=st.integers(0, 3).map(bool))
def test_from_dict_with_plain_visits_reads_what_json_text_would_give(visits: Any, teams: bool, rounds: bool) -> None:
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "visits": visits}
    if teams:
        doc["teams"] = [{"id": "t0"}, {"id": "t1"}]
    if rounds:
        doc["rounds"] = [{"id": "r1"}, {"id": "r2"}]
    whole = lambda: cc.Campaign.from_json(json.dumps(doc))  # noqa: E731
    assert _outcome(lambda: cc.Campaign.from_dict(doc)) == _outcome(whole)
    assert _report(lambda: cc.Campaign.from_dict(doc)) == _report(whole)


def test_from_dict_refuses_what_json_cannot_hold_with_its_path() -> None:
    base = {"format_version": 1, "name": {"sq": "a", "en": "b"}}
    cases = [
        ({**base, "visits": [{"county": "Durrës", "first_day": dt.date(2017, 10, 16)}]}, "$.visits[0].first_day", "date"),
        ({**base, "visits": [{"county": float("nan")}]}, "$.visits[0].county", "NaN is not a JSON number"),
        ({**base, "name": {"sq": "a", "en": {"x"}}}, "$.name.en", "set"),
        ({**base, "name": {("a",): 1}}, "$.name", "keys must be text"),
    ]
    for doc, path, words in cases:
        with pytest.raises(cc.DocumentError) as info:
            cc.Campaign.from_dict(doc)
        assert info.value.path == path and words in str(info.value), str(info.value)
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(cc.DocumentError, match="nested deeper than 128"):
        cc.Campaign.from_dict({**base, "visits": deep})
    # Number keys are written as json.dumps writes them: the reader then names the field.
    with pytest.raises(cc.DocumentError, match="unknown field `1`"):
        cc.Campaign.from_dict({**base, 1: "x"})

"""The columnar report: findings made when iterated, DataFrames from arrays, visits from a DataFrame."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import campaign_core as cc

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

ONLY_OVERLAPS = {"disabled": [c for c in [
    "PERSON_DOUBLE_BOOKED", "COUNTY_REPEATED", "COUNTY_NOT_COVERED", "WINDOW_TOO_SHORT", "WINDOW_LONGER",
    "PUBLIC_HOLIDAY", "HOLIDAY_NEAR_VISIT", "BLACKOUT_DATE", "WEEKEND", "OUTSIDE_SCHOOL_CALENDAR", "TRAVEL_TIME",
    "THRESHOLD_AT_RISK", "MATERIAL_SHORTAGE", "OUTSIDE_PERIOD", "OUTSIDE_ROUND", "TIMETABLE_NOT_CONFIRMED"]], "max_findings_per_rule": None}


def sweep(df: "pd.DataFrame") -> set:
    """The oracle: every pair of visits of one team whose days intersect (O(n²))."""
    rows = list(df.itertuples(index=False))
    return {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
            if rows[i].team == rows[j].team and rows[i].first_day <= rows[j].last_day and rows[j].first_day <= rows[i].last_day}


@st.composite
def calendars(draw: st.DrawFn) -> "pd.DataFrame":
    n = draw(st.integers(min_value=0, max_value=40))
    start = [dt.date(2018, 1, 1) + dt.timedelta(days=draw(st.integers(0, 60))) for _ in range(n)]
    length = [draw(st.integers(0, 4)) for _ in range(n)]
    df = pd.DataFrame({
        "county": [draw(st.sampled_from(["Durrës", "korca", "AL-11", "Vlora"])) for _ in range(n)],
        "first_day": pd.to_datetime(start),
        "last_day": pd.to_datetime([s + dt.timedelta(days=k) for s, k in zip(start, length)]),
        "team": [draw(st.sampled_from(["a", "b", "c"])) for _ in range(n)],
    })
    # The forms a frame's columns come in: days as datetime64 of either unit or as text,
    # names as pandas' text, Python objects or categories; and every other row of a
    # larger frame, whose columns are strided views.
    unit = draw(st.sampled_from(["ns", "s", "text"]))
    for day in ("first_day", "last_day"):
        df[day] = df[day].dt.strftime("%Y-%m-%d") if unit == "text" else df[day].astype(f"datetime64[{unit}]")
    for name in ("county", "team"):
        form = draw(st.sampled_from(["str", "object", "category"]))
        df[name] = df[name].astype(form)
    if draw(st.booleans()):
        doubled = pd.concat([df, df.iloc[::-1]]).sort_index(kind="stable")
        df = doubled.iloc[::2].reset_index(drop=True)
    return df


@settings(max_examples=60, deadline=None)
@given(calendars())
def test_frame_in_findings_frame_out_equals_the_sweep(df: "pd.DataFrame") -> None:
    findings = cc.Campaign.from_frame(df).check(ONLY_OVERLAPS).to_pandas()
    got = {(min(a, b), max(a, b)) for a, b in zip(findings["visit"], findings["other_visit"])}
    assert got == sweep(df)
    assert (findings["code"] == "TEAM_OVERLAP").all()
    # The same through the current API: dicts, check, iterate.
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "teams": [{"id": t} for t in "abc"],
           "visits": [{"county": str(c), "first_day": str(f)[:10], "last_day": str(l)[:10], "team": str(t)}
                      for c, f, l, t in zip(df["county"], df["first_day"], df["last_day"], df["team"])]}
    listed = {tuple(sorted(f.visit_indices)) for f in cc.Campaign.from_dict(doc).check(ONLY_OVERLAPS)}
    assert listed == got


def test_findings_are_made_when_read_and_agree_with_the_json_report() -> None:
    report = cc.Campaign.builtin_2017().check()
    data = report.to_dict()
    assert len(report) == len(report.findings) == len(data["findings"])
    for f, want in zip(report, data["findings"]):
        assert (f.code, f.severity, f.visit_indices, f.days) == (want["code"], want["severity"], want["visit_indices"], want["days"])
        assert (f.message_en, f.message_sq) == (want["message"]["en"], want["message"]["sq"])
        assert f.to_dict() == want
    assert report.findings[-1].code == data["findings"][-1]["code"]
    assert [f.code for f in report.findings[1:3]] == [f["code"] for f in data["findings"][1:3]]
    with pytest.raises(IndexError):
        report.findings[len(report)]


def test_iterating_many_findings_makes_them_in_chunks_in_report_order() -> None:
    """300 visits of one team on the same days: 44,850 pairs, many chunks of findings. A
    loop sees them in report order, the collector as the caller left it, and each finding
    with its own list of positions."""
    import gc

    visits = [{"county": "Durrës", "first_day": "2018-03-06", "last_day": "2018-03-07"} for _ in range(300)]
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "visits": visits}
    report = cc.Campaign.from_dict(doc).check(ONLY_OVERLAPS)
    assert len(report) == 300 * 299 // 2
    seen = []
    for f in report:
        assert gc.isenabled()
        seen.append(tuple(f.visit_indices))
    assert gc.isenabled()
    assert seen == sorted(seen) and seen == [(i, j) for i in range(300) for j in range(i + 1, 300)]
    assert [tuple(f.visit_indices) for f in report.findings[5000:4000:-7]] == seen[5000:4000:-7]
    assert report.findings[::-1][0].visit_indices == [298, 299] and report.findings[3:3] == []
    # A loop that stops early, then another from the start.
    first = next(iter(report))
    assert first.visit_indices == [0, 1] and next(iter(report)).visit_indices == [0, 1]
    first.visit_indices.append(7)
    assert report.findings[0].visit_indices == [0, 1]
    gc.disable()
    try:
        assert sum(1 for _ in report) == len(report) and not gc.isenabled()
    finally:
        gc.enable()
    # Findings freed by one loop are reused by the next (a freelist): those kept keep
    # their own fields while two reports' loops take turns.
    other = cc.Campaign.from_dict({**doc, "visits": visits[:50]}).check(ONLY_OVERLAPS)
    kept = []
    for k, (f, g) in enumerate(zip(report, other)):
        if k % 97 == 0:
            kept.append((f, tuple(f.visit_indices), f.code, g, tuple(g.visit_indices)))
    for f, fv, code, g, gv in kept:
        assert (tuple(f.visit_indices), f.code, tuple(g.visit_indices)) == (fv, code, gv)
        assert f.message_en == report.findings[seen.index(fv)].message_en


def test_lists_of_visit_positions_are_left_out_of_the_collector_and_keep_what_they_hold() -> None:
    """A finding's list of positions is not tracked by the cyclic collector (it holds ints;
    10^5 such lists would otherwise be traversed by every collection). It stays an
    ordinary list, and whatever a caller puts in it lives as long as the list does."""
    import gc

    visits = [{"county": "Durrës", "first_day": "2018-03-06", "last_day": "2018-03-07"} for _ in range(40)]
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "visits": visits}
    report = cc.Campaign.from_dict(doc).check(ONLY_OVERLAPS)
    lists = [f.visit_indices for f in report]
    assert len(lists) == 40 * 39 // 2 and not any(gc.is_tracked(v) for v in lists)
    assert lists[0] == [0, 1] and isinstance(lists[0], list) and lists[0] is not lists[1]
    # A cycle held only through an untracked list: the collector must not free it.
    held = lists[0]
    cycle: list = []
    cycle.append(cycle)
    held.append(cycle)
    del cycle
    gc.collect()
    assert held[2][0] is held[2] and held[:2] == [0, 1]
    held.sort(key=lambda v: 0 if isinstance(v, int) else 1)
    assert held[:2] == [0, 1]


def test_to_pandas_has_typed_columns_and_messages_on_request() -> None:
    df = cc.Campaign.builtin_2017().check().to_pandas()
    assert list(df.columns) == ["code", "severity", "visit", "other_visit", "first_day", "last_day"]
    assert str(df["code"].dtype) == "category" and str(df["visit"].dtype) == "Int64"
    assert str(df["first_day"].dtype).startswith("datetime64")
    missing = df[df["code"] == "COUNTY_NOT_COVERED"].iloc[0]
    assert pd.isna(missing["visit"]) and pd.isna(missing["first_day"])
    sq = cc.Campaign.builtin_2017().check().to_pandas(messages="sq")
    assert sq["message"].str.contains("Dita Kombëtare e Rinisë").any()


def test_to_pandas_days_are_the_findings_days_and_the_frame_is_writable() -> None:
    report = cc.Campaign.builtin_2017().check()
    df = report.to_pandas()
    assert str(df["first_day"].dtype) == "datetime64[ns]"
    for i, f in enumerate(report.findings):
        days = f.days
        want = (pd.Timestamp(days[0]), pd.Timestamp(days[-1])) if days else (pd.NaT, pd.NaT)
        got = (df["first_day"].iloc[i], df["last_day"].iloc[i])
        assert (pd.isna(got[0]) and pd.isna(want[0])) or got == want, (i, f.code, got, want)
    # The frame holds the native columns without a copy; they are still writable.
    row = int(df["visit"].first_valid_index())
    df.loc[row, "visit"] = 99
    df.loc[row, "first_day"] = pd.Timestamp("2030-01-01")
    assert df["visit"].iloc[row] == 99 and df["first_day"].iloc[row] == pd.Timestamp("2030-01-01")
    assert report.to_pandas()["visit"].iloc[row] != 99


def test_a_limit_keeps_counts_exact_and_says_how_many_more() -> None:
    visits = [{"county": "Durrës", "first_day": "2018-03-06", "last_day": "2018-03-07"} for _ in range(60)]
    doc = {"format_version": 1, "name": {"sq": "a", "en": "b"}, "scope": ["Durrës"], "visits": visits}
    report = cc.Campaign.from_dict(doc).check({"max_findings_per_rule": 100, "disabled": ["COUNTY_REPEATED"]})
    assert report.counts["error"] == 60 * 59 // 2
    assert len(report) == 101
    last = report.findings[-1]
    assert last.details == {"omitted": 1670, "limit": 100}
    assert "1670 more TEAM_OVERLAP" in last.message_en


def test_from_frame_errors_name_column_and_row() -> None:
    df = pd.DataFrame({"county": ["Durrës", "Atlantis"], "first_day": ["2018-03-05", "2018-03-06"],
                       "last_day": ["2018-03-06", "2018-03-06"]})
    with pytest.raises(cc.UnknownCountyError) as info:
        cc.Campaign.from_frame(df)
    assert info.value.path == "$.county[1]"
    with pytest.raises(cc.DocumentError) as info:
        cc.Campaign.from_frame(df.assign(last_day=["2018-03-06", "someday"]))
    assert (info.value.path, info.value.path_segments) == ("$.last_day[1]", ["last_day", 1])
    with pytest.raises(cc.DocumentError) as info:
        cc.Campaign.from_frame(df.rename(columns={"county": "qarku"}))
    assert info.value.path == "$.qarku"


def _visits(c: "cc.Campaign") -> list:
    return c.to_dict()["visits"]


@pytest.mark.parametrize("strings", ["str", "object", "string[pyarrow]", "string[python]", "category"])
@pytest.mark.parametrize("dates", ["datetime64[s]", "datetime64[ms]", "datetime64[us]", "datetime64[ns]", "text"])
def test_from_frame_reads_every_kind_of_text_and_date_column_alike(strings: str, dates: str) -> None:
    """Arrow-backed text goes over as Arrow buffers, other text as values; datetime64 in
    any unit as numbers: all give the same visits, missing cells included."""
    day = pd.to_datetime(["2017-10-16", "1969-12-31", "2017-11-15"])
    df = pd.DataFrame({
        "id": ["dur", "v-ë", "dib"],
        "county": ["Durrës", "korca", "AL-05"],
        "first_day": day,
        "last_day": day + pd.Timedelta(days=1),
        "team": ["a", None, "b"],
    })
    want = [
        {"id": "dur", "county": "Durrës", "first_day": "2017-10-16", "last_day": "2017-10-17", "team": "a"},
        {"id": "v-ë", "county": "korca", "first_day": "1969-12-31", "last_day": "1970-01-01"},
        {"id": "dib", "county": "AL-05", "first_day": "2017-11-15", "last_day": "2017-11-16", "team": "b"},
    ]
    typed = df.astype({k: strings for k in ["id", "county", "team"]})
    typed = typed.astype({k: dates for k in ["first_day", "last_day"]}) if dates != "text" else \
        typed.assign(first_day=df["first_day"].dt.strftime("%Y-%m-%d"), last_day=df["last_day"].dt.strftime("%d.%m.%Y"))
    assert _visits(cc.Campaign.from_frame(typed)) == want


def test_from_frame_arrow_text_from_a_slice_and_with_errors_located() -> None:
    pa = pytest.importorskip("pyarrow")
    df = pd.DataFrame({"county": ["Durrës", "Dibër", "Atlantis", "Kukës"], "first_day": ["2017-10-16"] * 4,
                       "last_day": ["2017-10-17"] * 4, "team": ["a", "b", "c", "d"]}, dtype="string[pyarrow]")
    # A slice of an Arrow array starts at an offset into its buffers.
    tail = df.iloc[3:].reset_index(drop=True)
    assert [v["county"] for v in _visits(cc.Campaign.from_frame(tail))] == ["Kukës"]
    with pytest.raises(cc.UnknownCountyError) as info:
        cc.Campaign.from_frame(df)
    assert info.value.path == "$.county[2]"
    chunked = pd.DataFrame({"county": pd.array(pa.chunked_array([["Durrës"], ["Dibër"]]), dtype=pd.ArrowDtype(pa.string())),
                            "first_day": ["2017-10-16", "2017-11-15"], "last_day": ["2017-10-17", "2017-11-16"]})
    assert [v["county"] for v in _visits(cc.Campaign.from_frame(chunked))] == ["Durrës", "Dibër"]


def test_native_frame_columns_refuse_bad_layouts_with_the_column() -> None:
    """What the package never sends, the native module still refuses with a located error."""
    none, no_values = np.empty(0, np.uint8), np.empty(0, "<i8")

    def strings(offsets: list, text: bytes, missing: bytes = b"") -> list:
        u8 = lambda b: np.frombuffer(b, dtype=np.uint8)  # noqa: E731
        return [("county", "strings", np.array(offsets, dtype="<i8"), [], u8(text), u8(missing)),
                ("first_day", "text", no_values, ["2017-10-16"], none, none),
                ("last_day", "text", no_values, ["2017-10-17"], none, none)]
    ok = cc._native.NativeCampaign.from_frame(strings([0, 7], "Durrës".encode()), "a", "b")
    assert '"county": "Durrës"' in ok.to_json()
    for offsets, text, missing, what in [([0, 9], b"Durres", b"", "does not rise"), ([3, 2], b"Durres", b"", "does not rise"),
                                         ([0, 1], "ë".encode(), b"", "character bound"), ([0, 6], b"Durres", b"\x00\x01", "missing flags"),
                                         ([], b"", b"", "offsets")]:
        with pytest.raises((cc.DocumentError, ValueError)) as info:
            cc._native.NativeCampaign.from_frame(strings(offsets, text, missing), "a", "b")
        assert what in str(info.value)
    with pytest.raises(ValueError, match="not UTF-8"):
        cc._native.NativeCampaign.from_frame(strings([0, 1], b"\xff"), "a", "b")
    with pytest.raises(ValueError, match="unit"):
        cc._native.NativeCampaign.from_frame([("first_day", "datetime[h]", np.zeros(1, "<i8"), [], none, none)], "a", "b")
    # A strided view is refused, not read past its rows.
    with pytest.raises(ValueError, match='"first_day".*contiguous'):
        cc._native.NativeCampaign.from_frame([("first_day", "date", np.arange(4, dtype="<i8")[::2], [], none, none)], "a", "b")
    # Values of another type or shape are a type error, not reinterpreted.
    with pytest.raises(TypeError):
        cc._native.NativeCampaign.from_frame([("first_day", "date", np.zeros(2), [], none, none)], "a", "b")
    with pytest.raises(TypeError):
        cc._native.NativeCampaign.from_frame([("first_day", "date", np.zeros((2, 2), "<i8"), [], none, none)], "a", "b")
    # A misaligned view (a byte into a buffer) is refused like a strided one.
    misaligned = np.frombuffer(np.zeros(17, np.uint8).data, dtype="<i8", count=2, offset=1)
    with pytest.raises(ValueError, match='"first_day".*aligned'):
        cc._native.NativeCampaign.from_frame([("first_day", "date", misaligned, [], none, none)], "a", "b")
    # Columns of different lengths: the core names the shorter one.
    with pytest.raises(cc.DocumentError, match="1 rows but county has 2") as short:
        cc._native.NativeCampaign.from_frame([("county", "text", no_values, ["Durrës", "Dibër"], none, none),
                                              ("first_day", "date", np.array([17455], "<i8"), [], none, none),
                                              ("last_day", "date", np.array([17456, 17456], "<i8"), [], none, none)], "a", "b")
    assert short.value.path == "$.first_day"

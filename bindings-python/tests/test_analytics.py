"""Attendance, thresholds, allocation, ledger and timeline from Python, as an analyst uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import campaign_core as cc

pd = pytest.importorskip("pandas")

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
ATTENDANCE_CSV = (DATA / "sample_attendance_2017.csv").read_text(encoding="utf-8")
LEDGER_CSV = (DATA / "sample_ledger_2017.csv").read_text(encoding="utf-8")
CAMPAIGN = cc.Campaign.builtin_2017()


def sample_frame() -> "pd.DataFrame":
    return pd.read_csv(DATA / "sample_attendance_2017.csv", comment="#")


@pytest.mark.parametrize("source", ["frame", "csv", "records"])
def test_same_results_from_frame_csv_and_records(source: str) -> None:
    df = sample_frame()
    if source == "frame":
        a = cc.Attendance.from_frame(CAMPAIGN, df)
    elif source == "csv":
        a, errors = cc.Attendance.from_csv(CAMPAIGN, ATTENDANCE_CSV)
        assert errors == []
    else:
        records = df.drop(columns=["notes"]).to_dict(orient="records")
        a = cc.Attendance.from_records(CAMPAIGN, records)
    assert len(a) == len(df)
    assert a.total == int(df[["female", "male", "sex_not_recorded"]].to_numpy().sum())
    t = a.threshold_results()
    assert list(t.columns)[:4] == ["visit", "county", "county_name", "session"]
    kukes = t[t["visit"] == "kukes-2017"].iloc[0]
    assert (kukes["outcome"], kukes["short_by"], kukes["actual"]) == ("short", 3, 28)


def test_groupings_match_pandas() -> None:
    df = sample_frame()
    a = cc.Attendance.from_frame(CAMPAIGN, df)
    df["participants"] = df["female"] + df["male"] + df["sex_not_recorded"]
    by_audience = a.participation("audience").set_index("audience")["participants"]
    expected = df.groupby("audience")["participants"].sum()
    assert by_audience.astype(int).to_dict() == expected.astype(int).to_dict()
    by_sex = a.participation("sex").set_index("sex")["participants"].astype(int).to_dict()
    assert by_sex == {"female": df["female"].sum(), "male": df["male"].sum(), "not_recorded": df["sex_not_recorded"].sum()}
    summary = a.threshold_summary("county")
    assert int(summary["met"].sum()) == 4 and int(summary["short"].sum()) == 2
    with pytest.raises(ValueError):
        a.participation("colour")
    with pytest.raises(cc.DocumentError):
        a.threshold_summary("sex")


def test_frame_errors_name_column_and_row() -> None:
    df = sample_frame()
    bad = df.copy()
    bad.loc[7, "session"] = "lunch"
    with pytest.raises(cc.DocumentError) as info:
        cc.Attendance.from_frame(CAMPAIGN, bad)
    assert info.value.path == "$.session[7]"
    bad = df.copy()
    bad.loc[3, "female"] = -2
    with pytest.raises(cc.DocumentError) as info:
        cc.Attendance.from_frame(CAMPAIGN, bad)
    assert info.value.path == "$.female[3]"
    with pytest.raises(cc.DocumentError, match='unknown column "femal"') as info:
        cc.Attendance.from_frame(CAMPAIGN, df.rename(columns={"female": "femal"}))
    assert (info.value.code, info.value.path, info.value.path_segments) == ("INVALID_VALUE", "$.femal", ["femal"])
    with pytest.raises(cc.DocumentError, match='missing column "session"') as info:
        cc.Attendance.from_frame(CAMPAIGN, df.drop(columns=["session"]))
    assert info.value.path == "$.session"


def test_csv_sheet_reports_bad_rows_and_keeps_good_ones() -> None:
    text = "visit,session,female,male,under_18,adult\ndurres-2017,workshop,20,15,0,35\ndurres-2017,lunch,1,1,0,2\n"
    a, errors = cc.Attendance.from_csv(CAMPAIGN, text)
    assert len(a) == 1 and a.total == 35
    (err,) = errors
    assert isinstance(err, cc.CsvError) and (err.line, err.column) == (3, 2)


def test_allocation_and_ledger() -> None:
    alloc = cc.allocate(CAMPAIGN, 50_000, {"population": {"year": 2017}}, minimum=2_000, pack=50)
    df = alloc.to_pandas()
    assert int(df["quantity"].sum()) + alloc.reserve == 50_000
    assert (df["quantity"] >= 2_000).all() and (df["quantity"] % 50 == 0).all()
    ledger = cc.Ledger(CAMPAIGN, allocation=alloc)
    assert ledger.record_csv(LEDGER_CSV) == []
    before = ledger.balance()
    with pytest.raises(cc.RefusedError) as info:
        ledger.record("2017-12-22", "Kukës", "school", "issue", 5_000)
    assert info.value.code == "REFUSED"
    pd.testing.assert_frame_equal(ledger.balance(), before)
    entries = pd.DataFrame([
        {"date": "2018-03-01", "county": "Tiranë", "channel": "public_space", "kind": "issue", "quantity": 500},
        {"date": "2018-03-01", "county": "Tiranë", "channel": "school", "kind": "return", "quantity": 10},
        {"date": "2018-03-02", "county": "Atlantis", "channel": "school", "kind": "issue", "quantity": 1},
    ])
    errors = ledger.record_frame(entries)
    assert [type(e) for e in errors] == [cc.RefusedError, cc.UnknownCountyError]
    assert errors[0].path == "$.quantity[1]"
    assert (errors[1].path, errors[1].path_segments, errors[1].suggestion) == ("$.county[2]", ["county", 2], None)
    a = cc.Attendance.from_frame(CAMPAIGN, sample_frame())
    summary = a.county_summary(ledger)
    assert int(summary["leaflets"].sum()) == ledger.net_issued - 500
    assert summary["reach_per_10000"].notna().all()


def test_ledger_takes_the_campaign_stock_or_an_explicit_one() -> None:
    assert cc.Ledger(CAMPAIGN).remaining_stock == 50_000
    assert cc.Ledger(CAMPAIGN, "posters", stock=300).remaining_stock == 300
    with pytest.raises(cc.DocumentError) as info:
        cc.Ledger(CAMPAIGN, "posters")
    assert info.value.path == "$.materials"


def test_counties_frame_and_timeline() -> None:
    df = cc.counties_frame()
    assert list(df["code"]) == [f"AL-{i:02d}" for i in range(1, 13)]
    assert df.loc[df["code"] == "AL-09", "seat"].item() == "Peshkopi"
    assert str(df["population"].dtype) == "Int64" and (df["population_year"] == 2023).all()
    by_code = {c["code"]: c for c in cc.counties()}
    assert (df["population_figure"] == "census 2023").all()
    assert df["population"].sum() == 2_402_113  # the 2023 census, not INSTAT's earlier estimate
    for year in (2005, 2011, 2015, 2017, 2019, 2023, 2030):
        at = cc.counties_frame(year)
        for row in at.itertuples():
            # the latest figure not after `year` (a census winning over an estimate of the
            # same year), else the earliest one
            rank = lambda p: (p["year"], p["kind"] == "census")  # noqa: E731
            figures = sorted(by_code[row.code]["population"], key=rank)
            before = [p for p in figures if p["year"] <= year]
            expected = before[-1] if before else figures[0]
            assert (row.population, row.population_year) == (expected["value"], expected["year"])
            label = f"census {expected['year']}" if expected["kind"] == "census" else f"INSTAT estimate 1 Jan {expected['year']}"
            assert row.population_figure == label
    svg = CAMPAIGN.timeline("sq")._repr_svg_()
    assert svg.startswith("<svg") and "Kukës" in svg and "Dhj 2017" in svg


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["committee", "workshop", "civil_society", "school"]),
                          st.integers(1, 4), st.integers(0, 60), st.integers(0, 60)), max_size=40))
def test_frame_and_records_agree(rows: list) -> None:
    visits = [v["id"] for v in CAMPAIGN.to_dict()["visits"]]
    records = [
        {"visit": visits[v], "session": s, "repetition": r if s == "school" else 1,
         "female": f, "male": m, "under_18": f, "adult": m}
        for v, s, r, f, m in rows
    ]
    df = pd.DataFrame(records, columns=["visit", "session", "repetition", "female", "male", "under_18", "adult"])
    a, b = cc.Attendance.from_frame(CAMPAIGN, df), cc.Attendance.from_records(CAMPAIGN, records)
    for by in ["county", "day", "kind", "sex", "age_band"]:
        pd.testing.assert_frame_equal(a.participation(by), b.participation(by))
    pd.testing.assert_frame_equal(a.threshold_results(), b.threshold_results())
    assert a.total == sum(r["female"] + r["male"] for r in records)

"""Spreadsheets: the workbook the library writes opens in pandas (openpyxl) with the
expected sheets and real dates, reads back as the same calendar and attendance, and a
hand-made workbook (written by openpyxl) with a misspelt county and a bad date gives
errors at its cells."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import campaign_core as cc

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def sample() -> tuple[cc.Campaign, cc.Attendance, cc.Ledger, cc.Allocation]:
    c = cc.Campaign.builtin_2017()
    attendance = cc.Attendance.from_frame(c, pd.read_csv(DATA / "sample_attendance_2017.csv", comment="#"))
    allocation = cc.allocate(c, 50_000, {"population": {"year": 2017}}, minimum=2_000, pack=50)
    ledger = cc.Ledger(c, allocation=allocation)
    assert ledger.record_csv((DATA / "sample_ledger_2017.csv").read_text()) == []
    return c, attendance, ledger, allocation


def test_the_workbook_opens_in_pandas_with_its_sheets_and_dates(tmp_path: Path) -> None:
    c, attendance, ledger, allocation = sample()
    path = tmp_path / "campaign.xlsx"
    data = c.to_excel(path, attendance=attendance, allocation=allocation, ledger=ledger, lang="sq")
    assert path.read_bytes() == data
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["Calendar", "Findings", "Attendance", "Thresholds", "Participation",
                            "Allocation", "Ledger entries", "Ledger balance"]
    cal = sheets["Calendar"]
    assert list(cal.columns) == ["id", "county", "first_day", "last_day", "team", "round"]
    assert cal["first_day"].dtype.kind == "M"  # real Excel dates, not text
    assert cal["first_day"].iloc[0] == pd.Timestamp("2017-10-16")
    assert len(sheets["Findings"]) == len(c.check())
    assert "qarqe" in " ".join(sheets["Findings"]["message"])  # Albanian messages
    assert sheets["Attendance"]["female"].sum() + sheets["Attendance"]["male"].sum() \
        + sheets["Attendance"]["sex_not_recorded"].sum() == attendance.total
    # Header row styled and frozen.
    ws = openpyxl.load_workbook(path)["Calendar"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold


def test_the_workbook_reads_back_as_the_same_calendar_and_attendance() -> None:
    c, attendance, ledger, allocation = sample()
    data = c.to_excel(attendance=attendance, ledger=ledger)
    back = cc.Campaign.from_excel(data)
    keys = ("id", "county", "first_day", "last_day", "round")
    assert [tuple(v.get(k) for k in keys) for v in back.to_dict()["visits"]] == [
        tuple(v.get(k) for k in keys) for v in c.to_dict()["visits"]]
    again, errors = cc.Attendance.from_excel(c, data)
    assert errors == []
    assert again.total == attendance.total
    pd.testing.assert_frame_equal(again.threshold_results(), attendance.threshold_results())
    fresh = cc.Ledger(c, allocation=allocation)
    assert fresh.record_excel(data) == []
    assert fresh.remaining_stock == ledger.remaining_stock
    pd.testing.assert_frame_equal(fresh.balance(), ledger.balance())


def hand_made(rows: list[list[object]], title: str = "Plani") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_hand_made_workbook_with_a_typo_and_a_bad_date_gives_located_errors() -> None:
    good = hand_made([["County", "First day", "Last day"], ["Durrës", dt.date(2017, 10, 16), dt.date(2017, 10, 17)]])
    assert cc.Campaign.from_excel(good).to_dict()["visits"][0]["first_day"] == "2017-10-16"
    typo = hand_made([["county", "first_day", "last_day"], ["Durrës", dt.date(2017, 10, 16), dt.date(2017, 10, 17)],
                      ["Tiranna e Re", dt.date(2018, 2, 13), dt.date(2018, 2, 14)]])
    with pytest.raises(cc.UnknownCountyError) as info:
        cc.Campaign.from_excel(typo)
    assert (info.value.line, info.value.column) == (3, 1)
    assert 'sheet "Plani", cell A3' in str(info.value)
    assert info.value.code == "UNKNOWN_COUNTY"
    bad_date = hand_made([["county", "first_day", "last_day"], ["Berat", "30.02.2018", dt.date(2018, 3, 1)]])
    with pytest.raises(cc.CampaignError) as info:
        cc.Campaign.from_excel(bad_date)
    assert (info.value.line, info.value.column) == (2, 2)
    assert str(info.value).startswith('invalid spreadsheet at sheet "Plani", cell B2') or "cell B2" in str(info.value)
    with pytest.raises(cc.CampaignError, match="no sheet"):
        cc.Campaign.from_excel(good, sheet="Kalendari")
    with pytest.raises(cc.CampaignError, match="not a workbook"):
        cc.Campaign.from_excel(b"county,first_day,last_day\n")
    # Attendance rows: a bad count is reported at its cell, the good rows kept.
    c = cc.Campaign.builtin_2017()
    sheet = hand_made([["visit", "session", "female", "male", "age_not_recorded"],
                       ["durres-2017", "workshop", 20, 15, 35], ["durres-2017", "workshop", "twenty", 3, 23]])
    attendance, errors = cc.Attendance.from_excel(c, sheet)
    assert attendance.total == 35
    assert [(e.line, e.column) for e in errors] == [(3, 3)]

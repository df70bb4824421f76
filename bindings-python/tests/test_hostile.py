"""The catalogue of malformed and hostile inputs (tests/cases/hostile.json), from Python."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import campaign_core as cc
from campaign_core import _native

CATALOGUE = json.loads((Path(__file__).resolve().parents[2] / "tests" / "cases" / "hostile.json").read_text(encoding="utf-8"))


def text_of(case: Dict[str, Any]) -> str:
    g = case["input"]
    if isinstance(g, str):
        return g
    items = [g["repeat"].replace("{i}", str(i)) for i in range(g["count"])]
    return g["before"] + g["join"].join(items) + g["after"]


def error_of(e: cc.CampaignError) -> Dict[str, Any]:
    out: Dict[str, Any] = {"code": e.code}
    if e.path is not None:
        out["path"] = e.path
    else:
        out["line"], out["column"] = e.line, e.column
    return out


def run(kind: str, text: str) -> Dict[str, Any]:
    c2017 = cc.Campaign.builtin_2017()
    rows = lambda errors: {"row_errors": [error_of(e) for e in errors]}  # noqa: E731
    if kind == "document":
        report = cc.Campaign.from_json(text).check()
        return {"ok": True, "codes": sorted(set(report.codes())), "counts": report.counts, "listed": len(report)}
    if kind == "document_csv":
        return {"ok": True, "visits": len(cc.Campaign.from_csv(text).to_dict()["visits"])}
    if kind == "options":
        report = c2017.check(text)
        return {"ok": True, "codes": sorted(set(report.codes())), "counts": report.counts, "listed": len(report)}
    if kind == "attendance_json":
        _native.NativeAttendance.from_json(c2017._native, text)
        return {"ok": True}
    if kind == "attendance_csv":
        return rows(cc.Attendance.from_csv(c2017, text)[1])
    if kind == "ledger_json":
        return rows(_native.NativeLedger(c2017._native, "leaflets").record_many(text))
    if kind == "ledger_csv":
        return rows(cc.Ledger(c2017).record_csv(text))
    if kind == "allocation":
        _native.NativeAllocation.compute(c2017._native, text)
        return {"ok": True}
    if kind == "ics_stamp":
        c2017.to_ics(stamp=text)
        return {"ok": True}
    raise AssertionError(kind)


@pytest.mark.parametrize("case", CATALOGUE["cases"], ids=lambda c: c["name"])
def test_hostile_input(case: Dict[str, Any]) -> None:
    want = case["expect"]
    try:
        got = run(case["kind"], text_of(case))
    except cc.CampaignError as e:
        got = error_of(e)
        if "suggestion" in want:
            assert e.suggestion == want["suggestion"]
        if e.code == "LIMIT_EXCEEDED":
            assert isinstance(e, cc.LimitError) and e.limit
    for key, value in want.items():
        if key == "codes_include":
            assert set(value) <= set(got.get("codes", [])), got
        elif key != "suggestion":
            assert got.get(key) == value, (key, got)


def test_the_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE["cases"]) >= 60

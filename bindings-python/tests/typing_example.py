"""Type-checked with `mypy --strict` through the package's stub: the public API as an analyst uses it."""

from __future__ import annotations

import campaign_core as cc


def summarise() -> dict[str, int]:
    campaign: cc.Campaign = cc.Campaign.builtin_2017()
    report: cc.Report = campaign.check({"disabled": ["WINDOW_LONGER"]})
    codes: list[str] = [f.code for f in report]
    try:
        cc.Campaign.from_json("{")
    except cc.DocumentError as e:
        where: str | None = e.path
        assert where is not None
    return {"findings": len(codes), **report.counts}


if __name__ == "__main__":
    print(summarise())


def analyse(csv_text: str) -> int:
    campaign = cc.Campaign.builtin_2017()
    attendance, errors = cc.Attendance.from_csv(campaign, csv_text)
    bad_lines: list[int | None] = [e.line for e in errors]
    allocation: cc.Allocation = cc.allocate(campaign, 50_000, {"population": {"year": 2017}}, minimum=2_000, pack=50)
    ledger = cc.Ledger(campaign, allocation=allocation)
    try:
        ledger.record("2017-10-17", "Durrës", "school", "issue", 400)
    except cc.RefusedError:
        pass
    table = attendance.county_summary(ledger)
    timeline: cc.Timeline = campaign.timeline("sq")
    return len(table) + len(bad_lines) + len(timeline.svg) + ledger.remaining_stock

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

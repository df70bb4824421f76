"""The planner from Python: the 2018 counties, DataFrames of reasons, exports read back
by independent parsers (icalendar, the CSV import), errors with paths, and a property
over random requests (hypothesis): no error finding, every county placed or reported,
the same input giving the same plan."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

import icalendar
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import campaign_core as cc

WINDOW = ("2018-01-15", "2018-06-15")
TUE_THU = ["tuesday", "wednesday", "thursday"]
LEFT = {"Berat", "Fier", "Gjirokastër", "Lezhë", "Tiranë", "Vlorë"}


def plan_2018(**kw: Any) -> cc.Plan:
    return cc.Campaign.builtin_2017().plan(window=WINDOW, weekdays=TUE_THU, **kw)


def test_the_six_counties_left_are_placed_with_reasons() -> None:
    p = plan_2018()
    assert set(p.visits["county_name"]) == LEFT
    assert p.unplaced.empty and list(p.unplaced.columns) == ["county", "county_name", "reason_code", "reason"]
    assert p.visits["first_day"].dtype.kind == "M"
    assert (p.visits["first_day"] >= pd.Timestamp("2018-01-15")).all()
    assert (p.visits["last_day"] <= pd.Timestamp("2018-06-15")).all()
    assert set(p.visits["first_day"].dt.day_name()) <= {"Tuesday", "Wednesday"}
    assert p.optimal and p.method == "exact" and p.finish == p.lower_bound
    # Reasons: the first visit waits for Tuesday; every other one names the visit
    # before it.
    first = p.visits.iloc[0]
    assert first["reason_code"] == "WEEKDAY" and "2018-01-15 is a Monday" in first["reason"]
    for prev, row in zip(p.visits.itertuples(), p.visits.iloc[1:].itertuples()):
        assert f"previous visit ({prev.county_name}, until {prev.last_day.date()})" in row.reason
    report = p.report
    assert report.counts["error"] == 0
    assert not {f.code for f in report} & {"PUBLIC_HOLIDAY", "WEEKEND", "OUTSIDE_SCHOOL_CALENDAR"}
    # The fixed 2017 visits are unchanged.
    before = cc.Campaign.builtin_2017().to_dict()["visits"]
    assert p.campaign.to_dict()["visits"][: len(before)] == before
    # Albanian reasons on request.
    sq = plan_2018(lang="sq")
    assert "është e hënë" in sq.visits.iloc[0]["reason"]


def test_icalendar_of_the_plan_reads_back_dates_places_uids_and_notes() -> None:
    doc = cc.Campaign.builtin_2017().to_dict()
    hostile = "Shënim;\r\nme, presje; dhe\\ vijë\rre " + "x" * 120
    doc["visits"][0]["note"] = hostile
    p = cc.Campaign.from_dict(doc).plan(window=WINDOW, weekdays=TUE_THU)
    ics = p.campaign.to_ics("2018-01-10T09:00:00Z", "en")
    for line in ics.split("\r\n"):
        assert len(line.encode()) <= 75
    evs = list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert len(evs) == 12
    by_uid = {str(e["UID"]): e for e in evs}
    for row in p.visits.itertuples():
        e = by_uid[f"{row.id}@campaign-core"]
        assert e["DTSTART"].dt == row.first_day.date()
        assert e["DTEND"].dt == row.last_day.date() + dt.timedelta(days=1)
        assert row.county_name in str(e["LOCATION"])
        # The planner's note, with its commas, semicolons and colons, survives.
        assert str(e["DESCRIPTION"]).endswith("Proposed by the planner; not earlier: " + row.reason)
    fixed = by_uid["durres-2017@campaign-core"]
    assert str(fixed["DESCRIPTION"]).endswith(hostile.replace("\r\n", "\n").replace("\r", "\n"))
    # Stable UIDs: the same plan exported twice has the same events.
    assert p.campaign.to_ics("2018-01-10T09:00:00Z", "en") == ics
    # One event per session, in Albanian.
    per_session = list(icalendar.Calendar.from_ical(
        p.campaign.to_ics("2018-01-10T09:00:00Z", "sq", per_session=True)).walk("VEVENT"))
    assert len(per_session) == p.report.sessions


def test_the_csv_of_the_plan_reads_back_losslessly() -> None:
    p = plan_2018()
    back = cc.Campaign.from_csv(p.campaign.to_csv())
    keys = ("id", "county", "first_day", "last_day", "team", "round")
    assert [tuple(v.get(k) for k in keys) for v in back.to_dict()["visits"]] == [
        tuple(v.get(k) for k in keys) for v in p.campaign.to_dict()["visits"]
    ]


def test_teams_absences_and_unplaced_counties() -> None:
    c = cc.Campaign.builtin_2017()
    p = c.plan(window=("2018-01-15", "2018-02-02"), weekdays=TUE_THU,
               teams=["north", {"id": "south", "people": ["national_coordinator"]}],
               unavailable=[{"person": "national_coordinator", "start": dt.date(2018, 1, 15),
                             "end": dt.date(2018, 1, 25), "reason": "abroad"}])
    assert set(p.visits["team"]) <= {"north", "south"}
    assert len(p.visits) + len(p.unplaced) == 6
    assert len(p.unplaced) > 0
    assert set(p.unplaced["reason_code"]) <= {"NO_TIME", "NO_DAYS"}
    south = p.visits[p.visits["team"] == "south"]
    assert (south["first_day"] > pd.Timestamp("2018-01-25")).all()
    assert p.report.counts["error"] == 0


@pytest.mark.parametrize("kw, path", [
    ({"counties": ["Berat", "Beratt"]}, "$.counties[1]"),
    ({"window": ("2018-02-01", "2018-01-01")}, "$.window.end"),
    ({"weekdays": ["tuesday", "tusday"]}, "$.weekdays[1]"),
    ({"teams": [{"id": "a", "people": ["nobody"]}]}, "$.teams[0].people[0]"),
    ({"movable": ["nope"]}, "$.movable[0]"),
    ({"window": ("2018-01-01", "2019-12-31")}, "$.window"),
])
def test_bad_requests_raise_with_a_path(kw: Dict[str, Any], path: str) -> None:
    with pytest.raises(cc.CampaignError) as info:
        cc.Campaign.builtin_2017().plan(**kw)
    assert info.value.path == path


def test_the_problem_in_numbers() -> None:
    c, request = cc.planning_instance("small", 3)
    prob = c.plan_problem(request)
    assert prob["span"] == 2 and len(prob["gaps"]) == len(prob["counties"])
    assert all(s < prob["days"] for starts in prob["starts"] for s in starts)
    big, req = cc.planning_instance("large", 1)
    p = big.plan(req)
    assert len(p.visits) == 61 and p.report.counts["error"] == 0


COUNTIES = ["Berat", "Durrës", "Elbasan", "Fier", "Gjirokastër", "Korçë", "Kukës", "Lezhë",
            "Dibër", "Shkodër", "Tiranë", "Vlorë"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counties=st.lists(st.sampled_from(COUNTIES), min_size=1, max_size=6, unique=True),
    start=st.integers(0, 330),
    length=st.integers(5, 120),
    teams=st.integers(1, 4),
    weekdays=st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True),
    rest=st.integers(0, 3),
    cap=st.one_of(st.none(), st.integers(1, 3)),
    near=st.booleans(),
)
def test_random_requests_give_clean_plans(counties: List[str], start: int, length: int, teams: int,
                                          weekdays: List[str], rest: int, cap: Any, near: bool) -> None:
    first = dt.date(2018, 1, 1) + dt.timedelta(days=start)
    doc = cc.Campaign.builtin_2017().to_dict()
    doc.pop("period")
    doc.pop("rounds")
    for v in doc["visits"]:
        v.pop("round", None)
    c = cc.Campaign.from_dict(doc)
    kw: Dict[str, Any] = dict(counties=counties, window=(first, first + dt.timedelta(days=length - 1)),
                              teams=[f"t{k}" for k in range(teams)], weekdays=weekdays, rest_days=rest,
                              max_visits_per_week=cap, next_to_holiday=near)
    p = c.plan(**kw)
    assert sorted(list(p.visits["county_name"]) + list(p.unplaced["county_name"])) == sorted(counties)
    assert p.report.counts["error"] == 0
    allowed = {d.capitalize() for d in weekdays}
    for row in p.visits.itertuples():
        for day in pd.date_range(row.first_day, row.last_day):
            assert day.day_name() in allowed
    again = c.plan(**kw)
    assert again.to_dict() == p.to_dict()

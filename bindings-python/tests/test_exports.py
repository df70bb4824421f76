"""Exports read back by independent parsers: iCalendar by `icalendar`, the timeline SVG
by an XML parser, CSV by pandas and by our own import, with hostile text in every field."""

import datetime as dt
import io
import xml.etree.ElementTree as ET
import zoneinfo
from typing import Any, Dict, List

import icalendar
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import campaign_core as cc

HOSTILE = "a,b;c\\d\r\ne\rf\ng\th\x07i\x00j \u00eb\u00e7 " + "Zgjidhni mundësitë, jo migracionin e parregullt! " * 4


def document(team: str = "ekipi", note: str = HOSTILE, visit_id: str = "v1") -> Dict[str, Any]:
    return {
        "format_version": 1,
        "name": {"sq": "Fushata; " + note[:40], "en": "Campaign, " + note[:40]},
        "teams": [{"id": team}],
        "visits": [
            {"id": visit_id, "county": "Durrës", "first_day": "2018-03-05", "last_day": "2018-03-06",
             "team": team, "note": note},
            {"county": "Korçë", "first_day": "2018-12-31", "last_day": "2019-01-01", "team": team},
        ],
    }


def expected_text(s: str) -> str:
    """What an iCalendar TEXT value of `s` reads back as: line breaks as LF, the other
    characters RFC 5545 forbids in TEXT (CONTROL: U+0000-U+001F but tab, and U+007F)
    as U+FFFD; C1 controls (U+0080-U+009F) are allowed non-ASCII text."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c if c in "\n\t" or not (ord(c) < 32 or ord(c) == 127) else "\ufffd" for c in s)


def events(ics: str) -> List[Any]:
    for line in ics.split("\r\n"):
        assert len(line.encode()) <= 75, line
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["VERSION"]) == "2.0"
    return list(cal.walk("VEVENT"))


def test_visit_events_parse_with_exact_dates_and_text() -> None:
    doc = document()
    ics = cc.Campaign.from_dict(doc).to_ics("2018-03-01T08:30:00Z", "en")
    evs = events(ics)
    assert len(evs) == 2
    first, second = evs
    assert first["DTSTART"].dt == dt.date(2018, 3, 5)
    assert first["DTEND"].dt == dt.date(2018, 3, 7)  # exclusive
    assert second["DTSTART"].dt == dt.date(2018, 12, 31)
    assert second["DTEND"].dt == dt.date(2019, 1, 2)  # across the new year
    assert first["DTSTAMP"].dt == dt.datetime(2018, 3, 1, 8, 30, tzinfo=dt.timezone.utc)
    assert str(first["UID"]) == "v1@campaign-core"
    assert len({str(e["UID"]) for e in evs}) == 2
    assert expected_text(HOSTILE) in str(first["DESCRIPTION"])
    assert "Durrës" in str(first["SUMMARY"]) and "Korçë" in str(second["LOCATION"])


def test_session_events_parse_one_per_session() -> None:
    c = cc.Campaign.builtin_2017()
    evs = events(c.to_ics("20171001T000000Z", "sq", per_session=True))
    uids = [str(e["UID"]) for e in evs]
    assert len(uids) == len(set(uids)) == c.check().sessions > 6 * 5
    timed = [e for e in evs if isinstance(e["DTSTART"].dt, dt.datetime)]
    for e in timed:
        assert e["DTEND"].dt > e["DTSTART"].dt
    visits = {e["DESCRIPTION"].split("(")[-1].rstrip(")") for e in evs}
    assert len(visits) == 6


def test_session_times_are_tirane_time_by_the_files_own_zone_rules() -> None:
    """The VTIMEZONE the file carries, read by icalendar on its own (not by TZID lookup),
    gives the offsets of IANA's Europe/Tirane (Python's zoneinfo) for every session and
    for every hour around each change of the clocks from 1996 to 2199 (but the hour
    the change skips or repeats, which has no one offset)."""
    c = cc.Campaign.builtin_2017()
    cal = icalendar.Calendar.from_ical(c.to_ics("20171001T000000Z", "en", per_session=True))
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Tirane"
    ours = vtz.to_tz(lookup_tzid=False)
    iana = zoneinfo.ZoneInfo("Europe/Tirane")
    timed = [e for e in cal.walk("VEVENT") if isinstance(e["DTSTART"].dt, dt.datetime)]
    assert len(timed) > 20
    for e in timed:
        start = e["DTSTART"].dt
        assert start.tzinfo is not None and e["DTSTART"].params["TZID"] == "Europe/Tirane"
        local = start.replace(tzinfo=None)
        assert local.replace(tzinfo=ours).utcoffset() == local.replace(tzinfo=iana).utcoffset(), local
    for year in list(range(1996, 2040)) + [2100, 2199]:
        for month in (3, 10):
            last_sunday = max(d for d in (dt.date(year, month, k) for k in range(25, 32))
                              if d.weekday() == 6)
            for hour in range(24 * 2):
                t = dt.datetime.combine(last_sunday, dt.time()) + dt.timedelta(hours=hour - 12)
                if t.date() == last_sunday and t.hour == 2:
                    continue  # the hour that does not exist (March) or comes twice (October)
                assert t.replace(tzinfo=ours).utcoffset() == t.replace(tzinfo=iana).utcoffset(), t


@pytest.mark.parametrize("stamp", [
    "2018-03-01T08:30:00Z\r\nATTENDEE:mailto:x@example.com",
    "20180301T083000Z\nX-INJECTED:1",
    "yesterday",
    "1899-12-31T23:59:59Z",
    "",
])
def test_the_stamp_is_a_timestamp_not_text(stamp: str) -> None:
    with pytest.raises(cc.CampaignError) as info:
        cc.Campaign.builtin_2017().to_ics(stamp)
    assert info.value.path == "$.stamp"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=st.text(min_size=0, max_size=300), team=st.from_regex(r"[a-z][a-z0-9_\-]{0,30}", fullmatch=True))
def test_any_note_reads_back_from_icalendar(note: str, team: str) -> None:
    ics = cc.Campaign.from_dict(document(team=team, note=note)).to_ics("20180301T000000Z", "en")
    (first, _) = events(ics)
    description = str(first["DESCRIPTION"])
    assert description.endswith(f"Team: {team}\n{expected_text(note)}") or (
        note == "" and description.endswith(f"Team: {team}"))


def test_timeline_svg_is_well_formed_with_control_characters() -> None:
    doc = document(team="t\x01\x1f<&>\"'", note="\x0b\x0c", visit_id="id\x02<x>")
    svg = cc.Campaign.from_dict(doc).timeline("en").svg
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = "".join(root.itertext())
    assert "t\ufffd\ufffd<&>\"'" in texts  # the lane label, its controls replaced
    assert "id\ufffd<x> · Durrës" in texts  # the bar's tooltip


def test_csv_export_neutralises_formulas_and_reads_back() -> None:
    doc = document(team="=HYPERLINK(\"http://example.com\")", visit_id="+cmd|' /C calc'!A0")
    doc["visits"][1]["id"] = "@SUM(A1)"
    c = cc.Campaign.from_dict(doc)
    text = c.to_csv()
    frame = pd.read_csv(io.StringIO(text), dtype=str)
    for column in frame.columns:
        for cell in frame[column].dropna():
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    back = cc.Campaign.from_csv(text).to_dict()
    assert [v["id"] for v in back["visits"]] == [v["id"] for v in doc["visits"]]
    assert [v["team"] for v in back["visits"]] == [v["team"] for v in doc["visits"]]


def test_csv_calendar_errors_have_line_and_column_after_blank_and_comment_lines() -> None:
    text = "county,first_day,last_day\n# planned\nDurrës,2018-03-05,2018-03-06\n\nKorcha,2018-03-08,2018-03-09\n"
    with pytest.raises(cc.UnknownCountyError) as info:
        cc.Campaign.from_csv(text)
    assert (info.value.line, info.value.column, info.value.suggestion) == (5, 1, "Korçë")

"""The printable visit programme from Python, checked against the built-in template."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

import campaign_core as cc

CAMPAIGN = cc.Campaign.builtin_2017()


def test_durres_programme_in_albanian_then_english() -> None:
    p = CAMPAIGN.programme("durres-2017")
    sq, en = p.text.split("Choose opportunities, not irregular migration!")
    assert sq.startswith("Zgjidhni mundësitë, jo migracionin e parregullt!")
    assert "Durrës (durres-2017): 16 tetor 2017 – 17 tetor 2017" in sq
    assert "Durrës (durres-2017): 16 October 2017 – 17 October 2017" in en
    assert "Aim: Awareness of preventing irregular migration" in en
    assert p._repr_html_() == p.html and p.html.startswith("<!doctype html>")


def test_the_programme_follows_the_template() -> None:
    """Every session of the template is in the programme, in its order, with its rule,
    its leaflets and its assumptions marked; the schools as many times as the template says."""
    en = CAMPAIGN.programme("durres-2017", lang="en").text
    doc = json.loads(CAMPAIGN.to_json())
    assert "schools" not in json.dumps(doc["visits"][0])  # the template's default applies
    lines = en.splitlines()
    titles = [line.strip() for line in lines if line.startswith("    ") and not line.startswith("     ")]
    # Day 1: five sessions at the template's (assumed) times; day 2: four schools, then the promenade.
    assert titles[0].startswith("09:00–10:30*  Meeting with the Regional Anti-Trafficking Committee")
    assert titles[1].startswith("10:30–12:30*  Workshop")
    assert [t.split("  ")[-1].strip() for t in titles[5:9]] == [f"Awareness session in a school {k}*" for k in range(1, 5)]
    assert titles[9].endswith("Leaflet distribution on promenades and in public places*")
    assert len(titles) == 10
    assert "Participants required: more than 30" in en
    assert en.count("Bring: 400 leaflets*") == 4
    assert "Participants: Upper-secondary school students, 9-year school students, Teachers*" in en
    assert en.count("Time: set by the Regional Education Directorate") == 4
    assert en.rstrip().endswith("* assumption: not stated by the source (a planning default, to be replaced by the real value)")


def test_a_three_day_window_says_the_extra_day_is_unknown_not_spare() -> None:
    en = CAMPAIGN.programme("kukes-2017", lang="en").text
    assert "7 December 2017: the calendar does not say what this day holds" in en
    assert "spare" not in en


def test_html_is_well_formed_and_escapes_what_the_document_says() -> None:
    doc = json.loads(CAMPAIGN.to_json())
    doc["name"]["en"] = "<script>alert(1)</script> & co"
    doc["visits"][0]["id"] = 'x"><img src=y>'
    html = cc.Campaign.from_dict(doc).programme(lang="en").html
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.void = {"meta", "br", "img"}

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in self.void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack and self.stack.pop() == tag, tag

    parser = Tags()
    parser.feed(html)
    assert parser.stack == []


def test_an_unknown_visit_is_a_located_error() -> None:
    with pytest.raises(cc.DocumentError) as info:
        CAMPAIGN.programme("atlantis-2017")
    assert info.value.code == "INVALID_VALUE" and info.value.path == "$.visit"

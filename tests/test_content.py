"""The course's own content meets the course's standards (not just the schema)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from widgets.data import PartialDate, load_bank, bank_ids, load_eras, load_events, load_players, load_stakeholders

ROOT = Path(__file__).resolve().parent.parent

# Proxies, mirrors, content farms and blogs: a source must be the page itself, not a copy of it.
UNACCEPTABLE_HOSTS = re.compile(
    r"(googleweblight|movatter\.jp|kiwix|cnmilf|blackmesh|wikimili|piglix|worddisk|owiki\.org|theinfolist"
    r"|fact-index|encycloreader|detailedpedia|kidzsearch|liquisearch|en-academic\.com|zxc\.wiki"
    r"|sco\.wikipedia|blogspot\.|tumblr|particle\.news|pledgetimes|calendarz|issuhub|scribd"
    r"|singjupost|whatculture|urdupoint|profilpelajar|osmarks)", re.I)


def all_sources():
    for e in load_events():
        for s in e.sources:
            yield f"event {e.id}", s
        for n in e.narratives:
            for s in n.sources:
                yield f"event {e.id} ({n.side} narrative)", s
    for p in load_players():
        for s in p.sources:
            yield f"player {p.id}", s
    for era in load_eras():
        for s in era.sources:
            yield f"era {era.id}", s
    for pl in load_stakeholders():
        yield f"stakeholder {pl.negotiation}/{pl.player}", pl.source
    for bank in bank_ids():
        for q in load_bank(bank).questions:
            for s in q.sources:
                yield f"question {bank}/{q.id}", s


def test_sources_are_the_pages_themselves_not_mirrors_or_proxies():
    bad = []
    for where, source in all_sources():
        host = urlsplit(source.url).hostname or ""
        if UNACCEPTABLE_HOSTS.search(host) or host.endswith("."):
            bad.append(f"{where}: {source.url}")
    assert bad == []


def test_events_cover_two_centuries_mostly_since_1933():
    events = load_events()
    assert len(events) >= 90
    assert min(e.year for e in events) < 1850
    assert sum(e.year >= 1933 for e in events) >= 0.75 * len(events)
    assert max(e.date for e in events).year >= 2025


def test_at_least_twelve_contested_events_give_both_official_narratives():
    contested = [e for e in load_events() if e.contested]
    assert len(contested) >= 12
    for e in contested:
        sides = {n.side for n in e.narratives}
        assert {"us", "russia"} <= sides
        assert all(n.attribution and n.sources for n in e.narratives)


def test_every_category_and_the_talks_since_2022_are_covered():
    events = load_events()
    assert {e.category for e in events} >= {"diplomacy", "summit", "arms-control", "crisis", "conflict",
                                            "economic", "mediation"}
    talks = [e for e in events if e.category == "mediation" and e.year >= 2022]
    assert len(talks) >= 5
    current = [e for e in events if e.year >= 2025]
    assert all(e.as_of is not None or e.end_date is not None or e.date.precision == "day" for e in current)


def test_the_shared_id_contract_holds():
    """data/IDS.md lists ids that lessons and other records rely on."""
    text = (ROOT / "data" / "IDS.md").read_text()
    events_part = text.split("## Events", 1)[1]
    wanted_events = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", events_part))
    players_part = text.split("## Players", 1)[1].split("## Events", 1)[0]
    # Ids are the comma-separated words after each "- group:" label.
    wanted_players = set()
    for line in players_part.splitlines():
        line = line.split(":", 1)[1] if line.lstrip().startswith("-") else line
        wanted_players |= set(re.findall(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b(?![^(]*\))", line))
    assert wanted_events - {e.id for e in load_events()} == set()
    assert wanted_players - {p.id for p in load_players()} == set()


def test_eras_follow_each_other_without_gaps_or_overlaps():
    eras = load_eras()
    assert len(eras) >= 8
    for before, after in zip(eras, eras[1:]):
        assert before.end is not None
        assert after.start.first_day() == before.end.last_day() + timedelta(days=1), (before.id, after.id)
    assert eras[-1].end is None
    events = load_events()
    assert eras[0].start.first_day() <= min(e.date.first_day() for e in events)


def test_current_roles_say_as_of_when_they_were_checked():
    for p in load_players():
        for r in p.roles:
            if r.end is None:
                assert r.as_of is not None and r.start <= r.as_of <= PartialDate(2026, 11, 24), p.id


@pytest.mark.parametrize("office", ["us-president", "us-secretary-of-state", "soviet-russian-leader",
                                    "soviet-russian-foreign-minister"])
def test_every_office_has_its_holders_since_1933(office):
    roles = sorted((r for p in load_players() for r in p.roles if r.office == office), key=lambda r: r.start)
    assert roles[0].start.year <= 1933
    assert roles[-1].end is None
    assert len(roles) >= 10

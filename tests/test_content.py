"""The course's own content meets the course's standards (not just the schema)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from widgets.data import SOURCE_KINDS, DataError, PartialDate, load_bank, bank_ids, load_eras, load_events, load_players, load_stakeholders
from widgets.data.sources import BANNED_HOSTS, ENCYCLOPEDIA_HOSTS, STATE_MEDIA_HOSTS, WEAK_KINDS, host

ROOT = Path(__file__).resolve().parent.parent

# Proxies, mirrors, content farms and blogs: a source must be the page itself, not a copy of it.
UNACCEPTABLE_HOSTS = re.compile(
    r"(googleweblight|movatter\.jp|kiwix|cnmilf|blackmesh|wikimili|piglix|worddisk|owiki\.org|theinfolist"
    r"|fact-index|encycloreader|detailedpedia|kidzsearch|liquisearch|en-academic\.com|zxc\.wiki"
    r"|sco\.wikipedia|blogspot\.|tumblr|particle\.news|pledgetimes|calendarz|issuhub|scribd"
    r"|singjupost|whatculture|urdupoint|profilpelajar|osmarks)", re.I)


def _host(source) -> str:
    return host(source.url)


def records():
    """Every sourced record: (where, its own sources, [(narrative side, attribution, sources), ...])."""
    for e in load_events():
        yield f"event {e.id}", e.sources, [(n.side, n.attribution, n.sources) for n in e.narratives]
    for p in load_players():
        yield f"player {p.id}", p.sources, []
    for era in load_eras():
        yield f"era {era.id}", era.sources, []
    for pl in load_stakeholders():
        yield f"stakeholder {pl.negotiation}/{pl.player}", (pl.source,), []
    for bank in bank_ids():
        for q in load_bank(bank).questions:
            if q.sources:
                yield f"question {bank}/{q.id}", q.sources, []


def all_sources():
    for where, sources, narratives in records():
        for s in sources:
            yield where, s
        for side, _, ns in narratives:
            for s in ns:
                yield f"{where} ({side} narrative)", s


def test_sources_are_the_pages_themselves_not_mirrors_or_proxies():
    bad = []
    for where, source in all_sources():
        host = urlsplit(source.url).hostname or ""
        if UNACCEPTABLE_HOSTS.search(host) or host.endswith("."):
            bad.append(f"{where}: {source.url}")
    assert bad == []


def test_every_source_says_what_kind_of_source_it_is():
    bad = [f"{where}: {s.url} kind={s.kind!r}" for where, s in all_sources() if s.kind not in SOURCE_KINDS]
    assert bad == []


def test_the_kind_of_well_known_hosts_is_right():
    bad = []
    for where, s in all_sources():
        if STATE_MEDIA_HOSTS.search(_host(s)) and s.kind != "state-media":
            bad.append(f"{where}: {s.url} is state media, not {s.kind!r}")
        if ENCYCLOPEDIA_HOSTS.search(_host(s)) and s.kind != "encyclopedia":
            bad.append(f"{where}: {s.url} is an encyclopedia, not {s.kind!r}")
    assert bad == []


def test_no_childrens_encyclopedias_content_farms_blogs_forums_or_propaganda_networks():
    bad = [f"{where}: {s.url}" for where, s in all_sources() if BANNED_HOSTS.search(_host(s))]
    assert bad == []


@pytest.mark.parametrize("url, kind", [
    ("https://simple.wikipedia.org/wiki/Yalta_Conference", "encyclopedia"),
    ("https://kids.britannica.com/students/article/Yalta-Conference/1", ""),
    ("https://ukraine.news-pravda.com/en/world/2024/12/25/1.html", "other"),
    ("https://tass.com/politics/1", "press"),
    ("https://en.wikipedia.org/wiki/Yalta_Conference", "official"),
])
def test_the_loader_refuses_banned_hosts_and_mislabelled_kinds(tmp_path, url, kind):
    kind_field = f', kind = "{kind}"' if kind else ""
    (tmp_path / "events.toml").write_text(f'''[[events]]
id = "yalta"
date = "1945-02-04"
title = "Yalta"
category = "summit"
summary = "A summit."
significance = "It mattered."
sources = [{{ title = "Yalta", url = "{url}"{kind_field} }}]
''')
    with pytest.raises(DataError) as err:
        load_events(tmp_path)
    assert "field 'sources'" in str(err.value) and url in str(err.value)


def test_every_record_has_a_source_that_is_neither_an_encyclopedia_nor_state_media():
    bad = []
    for where, sources, narratives in records():
        if all(s.kind in WEAK_KINDS for s in sources):
            bad.append(where)
        for side, _, ns in narratives:
            if all(s.kind == "encyclopedia" for s in ns):
                bad.append(f"{where} ({side} narrative)")
    assert bad == []


def test_state_media_only_for_what_that_state_says():
    """State media is never the only support of a record's neutral facts (checked above), and a narrative
    that rests on state media alone is that state's own, attributed account - never the US one."""
    bad = []
    for where, _, narratives in records():
        for side, attribution, ns in narratives:
            if ns and all(s.kind == "state-media" for s in ns) and (side == "us" or not attribution.strip()):
                bad.append(f"{where} ({side} narrative, attributed to {attribution!r})")
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

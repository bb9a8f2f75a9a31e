"""Who held office when (pure, :mod:`widgets.players.offices`): holders, handovers, gaps, dates, sources."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import OFFICES, DataError, PartialDate, Player, Role, Source
from widgets.players.offices import holders_text, office_gaps, office_holders, parse_day

from .support import assert_no_live_markup, names


def test_office_holders_on_a_handover_day_lists_both(players):
    held = office_holders("2004-03-09", players)
    assert names(held, "soviet-russian-foreign-minister") == ["Mina Minister", "Nico Minister"]
    assert names(office_holders("2004-03-08", players), "soviet-russian-foreign-minister") == ["Mina Minister"]
    assert names(office_holders("2004-03-10", players), "soviet-russian-foreign-minister") == ["Nico Minister"]
    assert names(office_holders(date(2004, 1, 20), players), "us-president") == ["Pat President", "Quinn President"]
    assert set(held) == set(OFFICES)


def test_office_holders_in_a_gap_is_empty_and_acting_is_marked(players):
    held = office_holders("2003-07-05", players)
    assert held["us-secretary-of-state"] == []
    acting = office_holders("2003-07-10", players)["us-secretary-of-state"]
    assert [(p.name, r.acting) for p, r in acting] == [("Alex Acting", True)]
    text = holders_text("2003-07-05", players)
    assert "US Secretary of State: vacant or no record (no holder recorded on this day)" in text
    assert "US Secretary of State: Alex Acting (acting)" in holders_text("2003-07-10", players)
    leader = holders_text("2000-01-01", players)
    assert "Soviet/Russian leader: Lev Leader (acting)" in leader


def test_holders_text_is_the_checked_lesson_format(players):
    assert holders_text("2004-03-09", players) == (
        "9 Mar 2004:\n"
        "  US President: Quinn President\n"
        "  US Secretary of State: Terry Secretary\n"
        "  Soviet/Russian leader: Lev Leader\n"
        "  Soviet/Russian foreign minister: Mina Minister; Nico Minister (handover day: both count)"
    )


def test_office_holders_beyond_the_data_say_why(players):
    text = holders_text("2008-02-01", players)
    assert ("US Secretary of State: no record after 31 Dec 2007, when Terry Secretary held it "
            "(the course has not checked since)") in text
    assert "US President: vacant or no record (after the last recorded holder)" in text
    assert "before the first recorded holder" in holders_text("1990-01-01", players)


def test_office_holders_over_a_period(players):
    held = office_holders("2003-07-01", players, until="2003-07-31")
    assert names(held, "us-secretary-of-state") == ["Alex Acting"]
    held = office_holders("2003-06-01", players, until="2003-08-31")
    assert names(held, "us-secretary-of-state") == ["Sam Secretary", "Alex Acting", "Terry Secretary"]


def test_office_gaps_finds_the_recorded_gap(players):
    gaps = office_gaps("2001-01-01", "2007-12-31", players)
    assert ("us-secretary-of-state", date(2003, 7, 1), date(2003, 7, 9)) in gaps
    assert [g for g in gaps if g[0] != "us-secretary-of-state"] == []
    assert office_gaps("2007-12-01", "2008-02-01", players)[0] == ("us-president", date(2008, 1, 21), date(2008, 2, 1))


@settings(max_examples=150, deadline=None)
@given(offset=st.integers(0, (date(2009, 1, 1) - date(1999, 1, 1)).days))
def test_a_day_has_no_holder_exactly_when_it_is_in_a_gap(players_cache, offset):
    day = date(1999, 1, 1) + timedelta(days=offset)
    held = office_holders(day, players_cache)
    gaps = office_gaps("1999-01-01", "2009-01-01", players_cache)
    for office in OFFICES:
        in_gap = any(o == office and a <= day <= b for o, a, b in gaps)
        assert (held[office] == []) == in_gap


@given(st.dates(date(1, 1, 1), date(9999, 12, 31)))
def test_parse_day_reads_every_iso_date(d):
    assert parse_day(d.isoformat()) == d and parse_day(d) == d


@given(st.text(max_size=12))
def test_parse_day_rejects_anything_else_with_a_message(text):
    try:
        parse_day(text)
    except ValueError as exc:
        assert "YYYY-MM-DD" in str(exc) or "not a real calendar date" in str(exc)


def test_two_holders_that_are_not_a_handover_are_said_so():
    role = lambda s, e: Role("Minister", "foreign-minister", "X", PartialDate(*s), PartialDate(*e),  # noqa: E731
                             office="soviet-russian-foreign-minister")
    src = (Source("s", "https://example.org"),)
    a = Player("a", "Ann Old", "person", "X", "p", (role((1990, 1, 1), (1991, 12, 26)),), (), src)
    b = Player("b", "Bob New", "person", "X", "p", (role((1991, 12, 25), (1995, 1, 1)),), (), src)
    text = holders_text("1991-12-25", [a, b])
    assert "Ann Old; Bob New (both recorded as holding it on this day)" in text
    assert "handover" not in text


def test_player_sources_lists_each_source_once_with_its_players(folder):
    from widgets.players import player_sources

    listed = player_sources(["pat-president", "quinn-president", "eve-hacker"], folder)
    assert len(listed) == 1
    assert "Pat President; Quinn President; Eve" in str(listed)
    assert_no_live_markup(listed._repr_html_())
    with pytest.raises(DataError, match="no player with id 'nobody'"):
        player_sources(["nobody"], folder)

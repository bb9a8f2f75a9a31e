"""The players' pure model: the data it relies on, tenures, filtering and sorting, overlaps, tenure bars."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.data import DataError, PartialDate, Role, load_players
from widgets.players.model import (
    filter_players,
    no_match_message,
    overlap_in_office,
    overlap_text,
    sort_players,
    tenure_bars,
    tenure_text,
)

from .support import EVENTS, HOSTILE_ID, _player, _role, by_id


# ---------------------------------------------------------------- the data layer


def test_a_dangling_negotiation_is_rejected_with_file_line_and_field(write, tmp_path):
    write("events.toml", EVENTS)
    text = _player("pat", "Pat", "United States", [_role("President", "head-of-state", "2000", "2001")],
                   ["treaty-one", "no-such-event"])
    write("players.toml", text)
    line = text.splitlines().index('negotiations = ["treaty-one", "no-such-event"]') + 1
    with pytest.raises(DataError) as err:
        load_players(tmp_path)
    msg = str(err.value)
    assert len(err.value.problems) == 1
    assert "players.toml" in msg and f"line {line} (id 'pat'), field 'negotiations'" in msg
    assert "'no-such-event'" in msg and "does not exist" in msg
    assert "treaty-one" not in msg


def test_the_data_layer_refuses_an_open_role_without_as_of(write, tmp_path):
    write("events.toml", EVENTS)
    write("players.toml", _player("pat", "Pat", "United States", [_role("President", "head-of-state", "2000")]))
    with pytest.raises(DataError, match=r"field 'as_of'"):
        load_players(tmp_path)


# ---------------------------------------------------------------- tenures


def test_tenure_text_formats():
    closed = Role("President", "head-of-state", "X", PartialDate(1981, 1, 20), PartialDate(1989, 1, 20))
    assert tenure_text(closed) == "20 Jan 1981 – 20 Jan 1989"
    open_ = Role("Minister", "foreign-minister", "X", PartialDate(2004, 3, 9), None, as_of=PartialDate(2026, 2, 18))
    assert tenure_text(open_) == "since 9 Mar 2004 (as of 18 Feb 2026)"
    assert tenure_text(Role("Aide", "advisor", "X", PartialDate(2001, 2), PartialDate(2002))) == "Feb 2001 – 2002"
    assert tenure_text(Role("Talks", "negotiator", "X", PartialDate(1999, 6, 1), PartialDate(1999, 6, 1))) == "1 Jun 1999"


# ---------------------------------------------------------------- filtering and sorting (pure)


def test_filter_players_by_each_filter(players):
    ids = lambda ps: {p.id for p in ps}  # noqa: E731
    assert ids(filter_players(players, country="Russia")) == {"mina-minister", "nico-minister", "lev-leader", "zoe-advisor"}
    assert ids(filter_players(players, role_kind="envoy")) == {"terry-secretary", "eve-hacker"}
    assert ids(filter_players(players, year=1998)) == {"terry-secretary"}
    # year and role kind apply to the same role: Terry was an envoy in 1999 but Secretary only from 2003
    assert ids(filter_players(players, role_kind="foreign-minister", year=1999)) == {"mina-minister"}
    assert ids(filter_players(players, role_kind="envoy", year=2003)) == set()
    assert ids(filter_players(players, query="zoe adv")) == {"zoe-advisor"}  # accents and case ignored
    assert ids(filter_players(players, query="ZOË")) == {"zoe-advisor"}
    assert ids(filter_players(players, query="treaty", event_titles={"treaty-one": "Treaty One signed"})) == {
        "quinn-president", "terry-secretary", "mina-minister", "lev-leader"}
    assert filter_players(players) == players
    assert filter_players(players, country="Nowhere") == ()


def test_sort_players_by_each_key(players):
    assert [p.id for p in sort_players(players, "name")][:3] == ["alex-acting", HOSTILE_ID, "lev-leader"]
    first = [p.id for p in sort_players(players, "first-year")]
    assert first[:2] == ["terry-secretary", "org-one"]  # 1998-01-01, then 1999 (known to the year)
    assert first.index("pat-president") < first.index("quinn-president")
    most = sort_players(players, "negotiations")
    assert most[0].id == "lev-leader" and [len(p.negotiations) for p in most] == sorted(
        (len(p.negotiations) for p in players), reverse=True)
    # with a role kind, "first year" is the first year in a role of that kind
    ministers = [p for p in players if any(r.kind == "foreign-minister" for r in p.roles)]
    assert [p.id for p in sort_players(ministers, "first-year", role_kind="foreign-minister")] == [
        "mina-minister", "sam-secretary", "alex-acting", "terry-secretary", "nico-minister"]
    with pytest.raises(ValueError, match="first-year"):
        sort_players(players, "height")


def test_no_match_message_names_the_filters():
    msg = no_match_message(country="Russia", role_kind="host", year=1950, query=" xyz ")
    assert "country Russia" in msg and "role host" in msg and "in office in 1950" in msg and "“xyz”" in msg
    assert "Show everyone" in msg


@settings(max_examples=60, deadline=None)
@given(country=st.sampled_from([None, "Russia", "United States"]),
       kind=st.sampled_from([None, "foreign-minister", "envoy", "head-of-state"]),
       year=st.one_of(st.none(), st.integers(1995, 2010)),
       query=st.sampled_from(["", "minister", "president leader", "zz"]))
def test_filter_players_keeps_exactly_the_players_that_match(players_cache, country, kind, year, query):
    players = players_cache
    got = filter_players(players, country, kind, year, query)

    def ok(p):
        if country and p.country != country:
            return False
        if (kind or year is not None) and not any(
            (not kind or r.kind == kind)
            and (year is None or r.start.first_day().year <= year <= (r.end or r.as_of).last_day().year)
            for r in p.roles
        ):
            return False
        hay = " ".join([p.name, p.country, p.kind, p.profile] + [r.title + " " + r.organisation + " " + r.kind.replace("-", " ")
                                                               for r in p.roles]).casefold()
        return all(w in hay for w in query.split())

    assert got == tuple(p for p in players if ok(p))


# ---------------------------------------------------------------- overlaps and tenure bars


def test_tenure_bars_are_labelled_and_acting_is_marked(players):
    bars = tenure_bars([by_id(players, "lev-leader")])
    hos = bars["head-of-state"]
    assert hos["y"] == ["Lev Leader", "Lev Leader"]
    assert hos["text"] == ["Head of state (acting)", "Head of state"]
    assert hos["base"] == ["1999-12-31", "2000-05-07"]
    assert hos["x"][0] == (date(2000, 5, 7) - date(1999, 12, 31)).days * 86_400_000 + 86_400_000
    eve = tenure_bars([by_id(players, "eve-hacker")])["envoy"]
    assert all("<script" not in h and "<b>bold" not in h for h in eve["hover"])


def test_overlap_in_office_counts_start_and_end_days(players):
    pairs = overlap_in_office(by_id(players, "mina-minister"), by_id(players, "nico-minister"))
    assert [(a, b) for a, b, _, _ in pairs] == [(date(2004, 3, 9), date(2004, 3, 9))]
    assert "for 1 days in all" in overlap_text(by_id(players, "mina-minister"), by_id(players, "nico-minister"))


def test_tenure_hover_labels_are_wrapped(players):
    # plotly never wraps a hover label: a long role title ran off the chart's right edge (issue 10)
    from widgets.players.model import tenure_bars

    from widgets.data import load_players

    course = load_players()
    assert max(len(r.title) for p in course for r in p.roles) > 50
    for col in tenure_bars(course).values():
        for hover in col["hover"]:
            title_lines = hover.split("<br>")[1:-1]  # name, the role title's lines, the dates
            assert all(len(line) <= 50 or " " not in line for line in title_lines), hover

"""Player cards, the deck, "who held office when" and the stakeholder map.

Everything here runs on small synthetic data sets written to a temporary folder (invented
people and events), so the tests do not depend on the course's real data.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.players import (
    CardDeck,
    OfficeLookup,
    PlayerCard,
    StakeholderMap,
    card_html,
    filter_players,
    holders_text,
    negotiation_events,
    negotiators,
    no_match_message,
    office_gaps,
    office_holders,
    overlap_in_office,
    overlap_text,
    parse_day,
    quadrant,
    sort_players,
    stakeholder_table_html,
    tenure_bars,
    tenure_text,
)
from widgets.data import (
    OFFICES,
    DataError,
    PartialDate,
    Placement,
    Player,
    Role,
    Source,
    load_events,
    load_players,
    load_stakeholders,
)

SRC = '{ title = "Fixture source", url = "https://example.org/source" }'
HOSTILE_NAME = "Eve <script>alert('name')</script> Hacker"
HOSTILE_PROFILE = 'A profile with <img src=x onerror="alert(1)"> and <script>alert(2)</script> inside.'

EVENTS = f"""
[[events]]
id = "treaty-one"
date = "2004-03-09"
title = "Treaty One signed"
category = "arms-control"
place = "Capital City"
actors = ["quinn-president", "lev-leader"]
summary = "The first fixture treaty."
significance = "It is a fixture."
sources = [{SRC}]

[[events]]
id = "summit-two"
date = "2003-07"
title = "Summit Two"
category = "summit"
summary = "A summit known only to the month."
significance = "It is a fixture."
sources = [{SRC}]

[[events]]
id = "talks-three"
date = "1999-06-01"
title = "Talks <b>Three</b>"
category = "diplomacy"
summary = "Talks with <script>alert(3)</script> in the summary."
significance = "It is a fixture."
sources = [{SRC}]
"""


def _player(pid, name, country, roles, negotiations=(), kind="person", profile="A fixture profile.", extra=""):
    neg = ", ".join(f'"{n}"' for n in negotiations)
    text = f"""
[[players]]
id = "{pid}"
name = "{name}"
kind = "{kind}"
country = "{country}"
profile = '''{profile}'''
negotiations = [{neg}]
sources = [{SRC}]
{extra}
"""
    for r in roles:
        text += "\n[[players.roles]]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in r.items()) + "\n"
    return text


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _role(title, kind, start, end=None, office=None, acting=False, as_of=None, org="Fixture State"):
    r = {"title": title, "kind": kind, "organisation": org, "start": start}
    if end:
        r["end"] = end
    if office:
        r["office"] = office
    if acting:
        r["acting"] = True
    if as_of:
        r["as_of"] = as_of
    return r


PLAYERS = "".join([
    # US president: a handover on 2004-01-20.
    _player("pat-president", "Pat President", "United States",
            [_role("President", "head-of-state", "2000-01-20", "2004-01-20", "us-president")],
            ["talks-three"]),
    _player("quinn-president", "Quinn President", "United States",
            [_role("President", "head-of-state", "2004-01-20", "2008-01-20", "us-president")],
            ["treaty-one", "summit-two"]),
    # Secretary of state: a gap (2003-07-01 to 2003-07-09), then an acting holder, then an open term.
    _player("sam-secretary", "Sam Secretary", "United States",
            [_role("Secretary of State", "foreign-minister", "2000-01-25", "2003-06-30", "us-secretary-of-state")]),
    _player("alex-acting", "Alex Acting", "United States",
            [_role("Secretary of State", "foreign-minister", "2003-07-10", "2003-07-31", "us-secretary-of-state",
                   acting=True)]),
    _player("terry-secretary", "Terry Secretary", "United States",
            [_role("Secretary of State", "foreign-minister", "2003-08-01", None, "us-secretary-of-state",
                   as_of="2007-12-31"),
             _role("Special Envoy", "envoy", "1998-01-01", "1999-12-31")],
            ["treaty-one"]),
    # Foreign minister: one replaces the other on 2004-03-09.
    _player("mina-minister", "Mina Minister", "Russia",
            [_role("Minister of Foreign Affairs", "foreign-minister", "1999-05-01", "2004-03-09",
                   "soviet-russian-foreign-minister")],
            ["talks-three", "treaty-one"]),
    _player("nico-minister", "Nico Minister", "Russia",
            [_role("Minister of Foreign Affairs", "foreign-minister", "2004-03-09", "2008-01-20",
                   "soviet-russian-foreign-minister")]),
    # Leader: acting first, then elected.
    _player("lev-leader", "Lev Leader", "Russia",
            [_role("Acting President", "head-of-state", "1999-12-31", "2000-05-07", "soviet-russian-leader",
                   acting=True),
             _role("President", "head-of-state", "2000-05-07", "2008-05-07", "soviet-russian-leader")],
            ["treaty-one", "summit-two", "talks-three"]),
    # Others, no office.
    _player("zoe-advisor", "Zoë Ádvisor", "Russia",
            [_role("Aide to the President", "advisor", "2001-02", "2002")], ["summit-two"]),
    _player("org-one", "Organisation One", "United Nations",
            [_role("Host of talks", "host", "1999", "1999")], kind="organisation"),
])
HOSTILE = _player("eve-hacker", HOSTILE_NAME, "Elsewhere <i>land</i>",
                  [_role("Envoy <b>bold</b>", "envoy", "2001-01-01", "2001-12-31")],
                  ["talks-three"], profile=HOSTILE_PROFILE)

STAKEHOLDERS = """negotiation,player,interest,influence,justification,source_title,source_url
treaty-one,quinn-president,9,9,"Signed it.",Fixture source,https://example.org/a
treaty-one,lev-leader,8,9,"Signed it too.",Fixture source,https://example.org/b
treaty-one,org-one,3,2,"Watched from afar.",Fixture source,https://example.org/c
treaty-one,zoe-advisor,8,3,"Drafted notes.",Fixture source,https://example.org/d
summit-two,quinn-president,7,8,"Hosted it.",Fixture source,https://example.org/e
summit-two,eve-hacker,2,7,"<script>alert('row')</script> <img src=x onerror=alert(1)>",<b>Evil</b> source,https://example.org/f
"""


@pytest.fixture
def folder(write, tmp_path):
    write("events.toml", EVENTS)
    write("players.toml", PLAYERS + HOSTILE)
    write("stakeholders.csv", STAKEHOLDERS)
    return tmp_path


@pytest.fixture
def players(folder):
    return load_players(folder)


@pytest.fixture
def deck(folder):
    return CardDeck.from_data(folder)


def by_id(players, pid):
    return next(p for p in players if p.id == pid)


def card_names(deck):
    return [c.player.name for c in deck.shown_cards]


def visible_text(markup: str) -> str:
    """What a student reads: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def assert_no_live_markup(markup: str) -> None:
    assert "<script" not in markup.lower()
    assert "<img src=x" not in markup.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", markup, re.I), "an event-handler attribute reached the HTML"


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


# ---------------------------------------------------------------- card text


def test_tenure_text_formats():
    closed = Role("President", "head-of-state", "X", PartialDate(1981, 1, 20), PartialDate(1989, 1, 20))
    assert tenure_text(closed) == "20 Jan 1981 – 20 Jan 1989"
    open_ = Role("Minister", "foreign-minister", "X", PartialDate(2004, 3, 9), None, as_of=PartialDate(2026, 2, 18))
    assert tenure_text(open_) == "since 9 Mar 2004 (as of 18 Feb 2026)"
    assert tenure_text(Role("Aide", "advisor", "X", PartialDate(2001, 2), PartialDate(2002))) == "Feb 2001 – 2002"
    assert tenure_text(Role("Talks", "negotiator", "X", PartialDate(1999, 6, 1), PartialDate(1999, 6, 1))) == "1 Jun 1999"


def test_a_card_shows_name_kind_country_roles_acting_and_a_hidden_monogram(players):
    text = card_html(by_id(players, "lev-leader"))
    assert 'aria-hidden="true"' in text and ">LL</span>" in text
    seen = visible_text(text)
    assert "Lev Leader" in seen and "Person · Russia" in seen
    assert "Acting President" in seen and "31 Dec 1999 – 7 May 2000" in seen
    assert "President (acting)" not in seen  # the title already says so; no "Acting President (acting)"
    alex = visible_text(card_html(by_id(players, "alex-acting")))
    assert "Secretary of State (acting)" in alex
    terry = visible_text(card_html(by_id(players, "terry-secretary")))
    assert "since 1 Aug 2003 (as of 31 Dec 2007)" in terry


def test_hostile_profile_text_is_escaped_in_cards(players):
    eve = by_id(players, "eve-hacker")
    markup = card_html(eve)
    assert_no_live_markup(markup)
    assert HOSTILE_NAME in visible_text(markup) and HOSTILE_PROFILE in visible_text(markup)
    card = PlayerCard(eve, {})
    for child in (card.text, card.sources):
        assert_no_live_markup(child.value)


def test_a_card_shows_a_portrait_only_with_its_licence(write, tmp_path):
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
           b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    write("portraits/pat.png", png)
    write("secret.png", png)
    role = (Role("President", "head-of-state", "X", PartialDate(2000), PartialDate(2001)),)
    base = dict(id="pat", name="Pat <Q> President", kind="person", country="US", profile="p", roles=role,
                negotiations=(), sources=(Source("s", "https://example.org"),))
    with_licence = card_html(Player(**base, portrait="pat.png", portrait_licence="Public domain <US gov>"), tmp_path)
    assert "data:image/png;base64," in with_licence and 'alt="Portrait of Pat &lt;Q&gt; President"' in with_licence
    assert "Public domain &lt;US gov&gt;" in with_licence and "course-monogram" not in with_licence
    without = card_html(Player(**base, portrait="pat.png"), tmp_path)
    assert "<img" not in without and "course-monogram" in without
    climbing = card_html(Player(**base, portrait="../secret.png", portrait_licence="CC0"), tmp_path)
    assert "<img" not in climbing and "course-monogram" in climbing


def test_a_standalone_card_shows_a_negotiation_inline(folder, players):
    events = {e.id: e for e in load_events(folder)}
    card = PlayerCard(by_id(players, "mina-minister"), events)
    assert "course-widget" in card._dom_classes
    assert [b.description for b in card.buttons.values()] == ["Talks <b>Three</b> (1999)", "Treaty One signed (2004)"]
    card.buttons["talks-three"].click()
    assert "Talks &lt;b&gt;Three&lt;/b&gt;" in card.event_panel.value and "1 June 1999" in card.event_panel.value
    assert_no_live_markup(card.event_panel.value)


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


HOSTILE_ID = "eve-hacker"


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


@pytest.fixture(scope="module")
def players_cache(tmp_path_factory):
    base = tmp_path_factory.mktemp("cards-data")
    (base / "events.toml").write_text(EVENTS, encoding="utf-8")
    (base / "players.toml").write_text(PLAYERS + HOSTILE, encoding="utf-8")
    return load_players(base)


# ---------------------------------------------------------------- the deck, driven through its controls


def test_the_deck_counts_filters_and_clears(deck):
    assert "course-widget" in deck._dom_classes and "course-cards" in deck._dom_classes
    assert "Showing 11 of 11 players" in deck.status.value
    deck.country.value = "Russia"
    assert "Showing 4 of 11 players" in deck.status.value
    assert card_names(deck) == ["Lev Leader", "Mina Minister", "Nico Minister", "Zoë Ádvisor"]
    deck.role_kind.value = "foreign-minister"
    assert card_names(deck) == ["Mina Minister", "Nico Minister"]
    deck.year.value = 2006  # choosing a year turns the year filter on
    assert deck.use_year.value is True
    assert card_names(deck) == ["Nico Minister"]
    deck.use_year.value = False
    assert card_names(deck) == ["Mina Minister", "Nico Minister"]
    deck.reset_button.click()
    assert "Showing 11 of 11 players" in deck.status.value
    assert deck.country.value is None and deck.role_kind.value is None and deck.search.value == ""


def test_the_deck_search_and_a_clear_message_when_nothing_matches(deck):
    deck.search.value = "secretary"
    assert set(card_names(deck)) == {"Sam Secretary", "Alex Acting", "Terry Secretary"}
    deck.country.value = "Russia"
    status = visible_text(deck.status.value)
    assert "Showing 0 of 11 players" in status
    assert "No player matches all of: country Russia; search “secretary”" in status
    assert deck.shown_cards == () and "No cards to show" in deck.page_label.value
    deck.search.value = "<script>alert(1)</script>"
    assert_no_live_markup(deck.status.value)


def test_the_deck_sorts_through_its_dropdown(deck):
    deck.country.value = "United States"
    assert card_names(deck) == ["Alex Acting", "Pat President", "Quinn President", "Sam Secretary", "Terry Secretary"]
    deck.sort.value = "first-year"
    assert card_names(deck) == ["Terry Secretary", "Pat President", "Sam Secretary", "Alex Acting", "Quinn President"]
    deck.sort.value = "negotiations"
    assert card_names(deck)[0] == "Quinn President"


def test_the_deck_pages_through_cards(deck):
    assert len(deck.shown_cards) == CardDeck.PAGE_SIZE and deck.prev_button.disabled
    first = card_names(deck)
    deck.next_button.click()
    assert len(deck.shown_cards) == 11 - CardDeck.PAGE_SIZE and deck.next_button.disabled
    assert set(card_names(deck)).isdisjoint(first)
    assert "Cards 7–11 of 11 (page 2 of 2)" in deck.page_label.value
    deck.country.value = "Russia"  # a new filter goes back to the first page
    assert deck.page == 0


def test_the_tenure_chart_is_updated_in_place(deck):
    fig = deck.figure
    traces = list(fig.data)
    kinds = [t.name for t in traces]
    assert "Foreign minister" in kinds and "Head of state" in kinds
    total = lambda: sum(len(t.y) for t in fig.data)  # noqa: E731
    assert total() == 13  # one bar per role
    deck.country.value = "Russia"
    assert list(fig.data) == traces and all(a is b for a, b in zip(fig.data, traces))
    assert total() == 5
    fm = fig.data[kinds.index("Foreign minister")]
    assert set(fm.y) == {"Mina Minister", "Nico Minister"} and all(t for t in fm.text)
    assert all(len(t.x) == len(t.y) == len(t.base) == len(t.text) == len(t.hovertext) for t in fig.data)
    nico = list(fm.y).index("Nico Minister")
    assert fm.base[nico] == "2004-03-09" and fm.x[nico] == ((date(2008, 1, 20) - date(2004, 3, 9)).days + 1) * 86_400_000
    assert list(fig.layout.yaxis.categoryarray) == ["Lev Leader", "Mina Minister", "Nico Minister", "Zoë Ádvisor"]
    # what a browser draws first is the current data, not the empty figure the deck started from
    assert [len(t["y"]) for t in fig._widget_data] == [len(t.y) for t in fig.data]
    assert fig._widget_layout["height"] == fig.layout.height
    deck.search.value = "nobody at all"
    assert total() == 0 and "No tenures" in deck.chart_note.value


def test_tenure_bars_are_labelled_and_acting_is_marked(players):
    bars = tenure_bars([by_id(players, "lev-leader")])
    hos = bars["head-of-state"]
    assert hos["y"] == ["Lev Leader", "Lev Leader"]
    assert hos["text"] == ["Head of state (acting)", "Head of state"]
    assert hos["base"] == ["1999-12-31", "2000-05-07"]
    assert hos["x"][0] == (date(2000, 5, 7) - date(1999, 12, 31)).days * 86_400_000 + 86_400_000
    eve = tenure_bars([by_id(players, "eve-hacker")])["envoy"]
    assert all("<script" not in h and "<b>bold" not in h for h in eve["hover"])


def test_comparing_two_players_shows_both_cards_and_their_overlap(deck):
    deck.compare_a.value = "quinn-president"
    assert len(deck.comparison.children) == 1 and "Choose two" in deck.overlap.value
    deck.compare_b.value = "mina-minister"
    names = [c.player.name for c in deck.comparison.children]
    assert names == ["Quinn President", "Mina Minister"]
    said = visible_text(deck.overlap.value)
    # 2004-01-20 .. 2004-03-09, both ends counted
    assert "held roles at the same time for 50 days in all" in said
    assert "20 Jan 2004 – 9 Mar 2004: Quinn President as President, Mina Minister as Minister of Foreign Affairs" in said
    deck.compare_b.value = "zoe-advisor"
    assert "never held their recorded roles at the same time" in visible_text(deck.overlap.value)
    deck.compare_b.value = "quinn-president"
    assert "Choose two different players" in deck.overlap.value


def test_hostile_text_is_escaped_in_the_comparison(deck):
    deck.compare_a.value = "eve-hacker"
    deck.compare_b.value = "zoe-advisor"
    for card in deck.comparison.children:
        assert_no_live_markup(card.text.value)
    assert_no_live_markup(deck.overlap.value)
    assert HOSTILE_NAME in visible_text(deck.overlap.value)


def test_overlap_in_office_counts_start_and_end_days(players):
    pairs = overlap_in_office(by_id(players, "mina-minister"), by_id(players, "nico-minister"))
    assert [(a, b) for a, b, _, _ in pairs] == [(date(2004, 3, 9), date(2004, 3, 9))]
    assert "for 1 days in all" in overlap_text(by_id(players, "mina-minister"), by_id(players, "nico-minister"))


def test_a_negotiation_opens_inline_without_a_timeline(deck):
    deck.search.value = "Mina"
    (card,) = deck.shown_cards
    card.buttons["treaty-one"].click()
    panel = visible_text(deck.event_panel.value)
    assert "Treaty One signed" in panel and "9 March 2004" in panel and "The first fixture treaty." in panel
    assert "Lev Leader" in panel  # actors by name


def test_a_negotiation_opens_in_a_linked_timeline(folder, deck):
    from widgets.timeline import Timeline

    timeline = Timeline.from_data(folder)
    assert deck.link_timeline(timeline) is deck
    deck.search.value = "Mina"
    deck.shown_cards[0].buttons["treaty-one"].click()
    assert timeline.selected is not None and timeline.selected.id == "treaty-one"
    assert "Opened “Treaty One signed” in the timeline" in deck.event_panel.value


def test_a_deck_can_show_its_own_timeline(folder):
    deck = CardDeck.from_data(folder, timeline=True)
    assert deck.timeline is None  # built on first use: most visits never open a negotiation
    assert "to open that event on a timeline here" in deck._timeline_box.children[0].value
    deck.search.value = "Quinn"
    deck.shown_cards[0].buttons["summit-two"].click()
    assert deck.timeline is not None and deck.timeline in deck._timeline_box.children
    assert deck.timeline.selected.id == "summit-two"
    assert "in the timeline" in deck.event_panel.value


def test_an_event_missing_from_the_timeline_falls_back_to_the_inline_panel(deck):
    class Partial:
        def __init__(self):
            self.asked = []

        def select(self, event_id):
            self.asked.append(event_id)
            raise KeyError(event_id)

    t = Partial()
    deck.link_timeline(t)
    deck.open_event("talks-three")
    assert t.asked == ["talks-three"] and "Talks &lt;b&gt;Three&lt;/b&gt;" in deck.event_panel.value
    with pytest.raises(TypeError):
        deck.link_timeline(object())


def test_for_lesson_2_opens_on_the_foreign_ministers(folder):
    deck = CardDeck.for_lesson(2, folder)
    assert deck.role_kind.value == "foreign-minister" and deck.sort.value == "first-year"
    assert card_names(deck) == ["Mina Minister", "Sam Secretary", "Alex Acting", "Terry Secretary", "Nico Minister"]
    deck.open_event("summit-two")
    assert deck.timeline is not None and deck.timeline.selected.id == "summit-two"


def test_an_empty_or_unknown_setting_gets_a_clear_message():
    with pytest.raises(DataError, match="players data is empty"):
        CardDeck([])
    with pytest.raises(ValueError, match="unknown sort key"):
        CardDeck([Player("a", "A", "person", "X", "p", (), (), ())], sort="age")


# ---------------------------------------------------------------- who held office when


def names(held, office):
    return [p.name for p, _ in held[office]]


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


@pytest.mark.parametrize("bad, said", [
    ("1987-13-01", "not a real calendar date"),
    ("1987-02-30", "not a real calendar date"),
    ("8 Dec 1987", "is not a date written as YYYY-MM-DD"),
    ("", "Type a date as YYYY-MM-DD"),
])
def test_the_office_lookup_explains_bad_dates(folder, bad, said):
    w = OfficeLookup(folder=folder)
    w.date.value = "2004-03-09"
    w.date.value = bad
    assert said in visible_text(w.result.value) and 'role="alert"' in w.result.value


def test_the_office_lookup_widget_shows_the_holders_and_the_handover(folder):
    w = OfficeLookup(folder=folder)
    assert "course-widget" in w._dom_classes and "course-office-lookup" in w._dom_classes
    w.date.value = "2004-03-09"
    seen = visible_text(w.result.value)
    assert "Office-holders on 9 Mar 2004" in seen
    assert "Mina Minister" in seen and "Nico Minister" in seen and "Handover day: both holders count" in seen
    w.date.value = "2003-07-05"
    assert "vacant or no record" in visible_text(w.result.value)
    w.date.value = "2003-07-10"
    assert "Alex Acting (acting)" in visible_text(w.result.value)
    w.show_button.click()  # pressing the button again keeps the answer
    assert "Alex Acting (acting)" in visible_text(w.result.value)


def test_who_negotiated_it(folder, players):
    events = load_events(folder)
    assert [e.id for e in negotiation_events(players, events)] == ["talks-three", "summit-two", "treaty-one"]
    assert [p.id for p in negotiators("treaty-one", players)] == [
        "lev-leader", "mina-minister", "quinn-president", "terry-secretary"]
    w = OfficeLookup(folder=folder)
    w.event.value = "treaty-one"
    seen = visible_text(w.event_result.value)
    assert "Treaty One signed, 9 March 2004" in seen and "Office-holders on 9 Mar 2004" in seen
    assert "Mina Minister (also a negotiator of this event)" in seen
    assert "Nico Minister\n" in seen or "Nico Minister" + "Minister of Foreign Affairs" in seen.replace("\n", "")
    assert "Terry Secretary (United States)" in seen
    w.event.value = "summit-two"
    seen = visible_text(w.event_result.value)
    assert "at some time in July 2003 (the date is known only to the month)" in seen
    assert "Sam Secretary" not in seen  # left office on 30 June
    assert "Alex Acting (acting)" in seen and "Terry Secretary" not in seen  # from 1 August
    w.event.value = "talks-three"
    assert_no_live_markup(w.event_result.value)


# ---------------------------------------------------------------- stakeholder map


@pytest.mark.parametrize("interest, influence, expected", [
    (9, 9, "manage closely"), (2, 8, "keep satisfied"), (8, 2, "keep informed"), (1, 1, "monitor"),
    (5, 5, "manage closely"), (4.9, 5, "keep satisfied"),
])
def test_quadrant(interest, influence, expected):
    assert quadrant(interest, influence) == expected


def test_the_stakeholder_map_switches_negotiation_in_place(folder):
    m = StakeholderMap.from_data(folder=folder)
    assert "course-widget" in m._dom_classes and "course-stakeholders" in m._dom_classes
    assert m.negotiation.value == "summit-two"  # the earlier negotiation comes first
    assert [label for label, _ in m.negotiation.options] == ["Summit Two (2003)", "Treaty One signed (2004)"]
    traces = list(m.figure.data)
    m.negotiation.value = "treaty-one"
    assert all(a is b for a, b in zip(m.figure.data, traces))
    assert [len(t.get("x", [])) for t in m.figure._widget_data] == [len(t.x) for t in m.figure.data]
    people = m.figure.data[0]
    assert sorted(people.text) == ["Lev Leader", "Quinn President", "Zoë Ádvisor"]
    assert "4 actors placed for Treaty One signed (2004)" in m.status.value
    rows = re.findall(r"<tr><td>(.*?)</td>", m.table.value)
    assert rows == ["Quinn President", "Lev Leader", "Zoë Ádvisor", "Organisation One"]
    assert "keep informed" in m.table.value and "monitor" in m.table.value
    texts = [a.text for a in m.figure.layout.annotations]
    assert {"<b>Keep satisfied</b>", "<b>Manage closely</b>", "<b>Monitor</b>", "<b>Keep informed</b>"} == set(texts)


def test_hostile_text_is_escaped_in_the_stakeholder_table_and_hover(folder):
    m = StakeholderMap.from_data("summit-two", folder)
    assert_no_live_markup(m.table.value)
    assert "&lt;script&gt;alert(&#x27;row&#x27;)&lt;/script&gt;" in m.table.value
    assert "&lt;b&gt;Evil&lt;/b&gt; source" in m.table.value
    hovers = [h for t in m.figure.data for h in t.hovertext]
    assert hovers and all("<script" not in h and "<img" not in h for h in hovers)
    assert_no_live_markup(stakeholder_table_html(load_stakeholders(folder), {}))


def test_an_unknown_negotiation_gets_a_clear_message(folder):
    with pytest.raises(DataError, match=r"no placements for the negotiation 'talks-three' \(placed: summit-two, treaty-one\)"):
        StakeholderMap.from_data("talks-three", folder)


def test_player_sources_lists_each_source_once_with_its_players(folder):
    from widgets.players import player_sources

    listed = player_sources(["pat-president", "quinn-president", "eve-hacker"], folder)
    assert len(listed) == 1
    assert "Pat President; Quinn President; Eve" in str(listed)
    assert_no_live_markup(listed._repr_html_())
    with pytest.raises(DataError, match="no player with id 'nobody'"):
        player_sources(["nobody"], folder)


def test_two_holders_that_are_not_a_handover_are_said_so():
    role = lambda s, e: Role("Minister", "foreign-minister", "X", PartialDate(*s), PartialDate(*e),  # noqa: E731
                             office="soviet-russian-foreign-minister")
    src = (Source("s", "https://example.org"),)
    a = Player("a", "Ann Old", "person", "X", "p", (role((1990, 1, 1), (1991, 12, 26)),), (), src)
    b = Player("b", "Bob New", "person", "X", "p", (role((1991, 12, 25), (1995, 1, 1)),), (), src)
    text = holders_text("1991-12-25", [a, b])
    assert "Ann Old; Bob New (both recorded as holding it on this day)" in text
    assert "handover" not in text


def test_stakeholder_labels_at_the_same_point_go_to_different_sides():
    from widgets.players.stakeholders import _label_sides, _spread

    src = Source("s", "https://example.org")
    same = [Placement("n", f"p{i}", 8, 8, "why", src) for i in range(3)]
    points = _spread(same)
    assert len(set(points)) == 3  # fanned out, each point visible
    sides = _label_sides(points[:2], ["Marco Rubio", "Sergey Lavrov"])
    assert sides == ["top center", "bottom center"]
    lone = _label_sides([(5.0, 5.0)], ["Alone"])
    assert lone == ["top center"]

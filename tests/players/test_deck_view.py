"""The card deck, driven through its controls as a student would: filters, sorting, pages, chart, comparison."""

from __future__ import annotations

from datetime import date

import pytest

from widgets.data import DataError, Player
from widgets.players.deck_view import CardDeck

from .support import HOSTILE_NAME, assert_no_live_markup, card_names, visible_text


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
    assert deck.filters["country"] is None and deck.filters["role_kind"] is None and deck.search.value == ""


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


def test_the_folded_tenure_chart_is_built_when_first_shown(deck):
    # a FigureWidget sends plotly's ~5 MB widget bundle to the browser when it is created
    deck.country.value = "Russia"
    assert deck._figure is None and not deck.chart_box.children
    deck.show_chart()
    fig = deck._figure
    assert fig is not None and list(deck.chart_box.children) == [fig, deck.chart_note]
    assert sum(len(t.y) for t in fig.data[1:]) == 5  # filled in with the current filters
    deck.show_chart(False)
    deck.show_chart()
    assert deck._figure is fig  # built once


def test_the_tenure_chart_is_updated_in_place(deck):
    fig = deck.figure
    traces = list(fig.data)
    # the first trace is the invisible date anchor that keeps the x axis a date axis in the browser
    assert traces[0].name == "date-anchor" and fig.layout.xaxis.type == "date"
    bars = traces[1:]
    kinds = [t.name for t in bars]
    assert "Foreign minister" in kinds and "Head of state" in kinds
    total = lambda: sum(len(t.y) for t in bars)  # noqa: E731
    assert total() == 13  # one bar per role
    deck.country.value = "Russia"
    assert list(fig.data) == traces and all(a is b for a, b in zip(fig.data, traces))
    assert total() == 5
    fm = bars[kinds.index("Foreign minister")]
    assert list(traces[0].x) == list(fig.layout.xaxis.range)  # the anchor follows the range
    assert set(fm.y) == {"Mina Minister", "Nico Minister"} and all(t for t in fm.text)
    assert all(len(t.x) == len(t.y) == len(t.base) == len(t.text) == len(t.hovertext) for t in bars)
    nico = list(fm.y).index("Nico Minister")
    assert fm.base[nico] == "2004-03-09" and fm.x[nico] == ((date(2008, 1, 20) - date(2004, 3, 9)).days + 1) * 86_400_000
    assert list(fig.layout.yaxis.categoryarray) == ["Lev Leader", "Mina Minister", "Nico Minister", "Zoë Ádvisor"]
    # what a browser draws first is the current data, not the empty figure the deck started from
    assert [len(t["y"]) for t in fig._widget_data] == [len(t.y) for t in fig.data]  # anchor included
    assert fig._widget_layout["height"] == fig.layout.height
    deck.search.value = "nobody at all"
    assert total() == 0 and "No tenures" in deck.chart_note.value


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

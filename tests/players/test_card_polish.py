"""Cards as a student sees them (issue 10, item 5): source links look like links, a long card
folds its negotiations and its buttons wrap, the cards come before the tenure chart, and the
lesson's text about the chart is true."""

from __future__ import annotations

import json
import re
from pathlib import Path

from widgets.data import load_events, load_players
from widgets.players.card_view import PlayerCard
from widgets.players.cards import card_html, event_html
from widgets.players.deck_view import CardDeck
from widgets.ui import style
from widgets.ui.style import BLUE

# The course stylesheet (widgets.ui.style.COURSE_CSS, loaded into the page by widgets.ui.page).
COURSE_CSS = getattr(style, "COURSE_CSS", "")

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"<a [^>]*>")


def test_card_and_event_sources_are_styled_links(players):
    card = PlayerCard(players[0], {e.id: e for e in load_events()})
    links = LINK.findall(card.sources.value)
    assert links, "the card lists no source links"
    for a in links:
        assert f"color:{BLUE}" in a and "text-decoration:underline" in a and 'target="_blank"' in a
    event = load_events()[0]
    assert all(f"color:{BLUE}" in a for a in LINK.findall(event_html(event)))
    assert "<a " not in card_html(players[0])  # the card's own text has no bare links
    # The stylesheet colours every link in a course widget too (JupyterLab's own CSS would not).
    assert re.search(r"\.course-widget a[^{]*\{[^}]*color:\s*" + re.escape(BLUE), COURSE_CSS)


def _united_states():
    players = {p.id: p for p in load_players()}
    return PlayerCard(players["united-states"], {e.id: e for e in load_events()})


def test_a_card_with_many_negotiations_shows_six_and_a_show_all_button():
    card = _united_states()
    n = len(card.buttons)
    assert n > PlayerCard.SHOWN
    assert card.more_box.layout.display == "none" and len(card.more_box.children) == n - PlayerCard.SHOWN
    assert card.more_button.description == f"Show all {n} negotiations"
    card.more_button.click()
    assert card.more_box.layout.display == "flex"
    assert card.more_button.description == f"Show the first {PlayerCard.SHOWN} only"
    card.more_button.click()
    assert card.more_box.layout.display == "none"
    # Every negotiation stays reachable and opens as before.
    assert list(card.buttons) == list(card.player.negotiations)


def test_negotiation_buttons_wrap_instead_of_ending_in_an_ellipsis():
    card = _united_states()
    assert all("course-wrap-button" in b._dom_classes and b.layout.height == "auto" for b in card.buttons.values())
    rule = re.search(r"\.course-wrap-button\s*\{\{?([^}]*)\}", COURSE_CSS).group(1)
    assert "white-space: normal" in rule and "height: auto" in rule and "text-overflow: clip" in rule


def test_a_short_card_has_no_show_all_button(players):
    card = PlayerCard(players[0], {e.id: e for e in load_events()})
    assert card.more_button is None or len(card.buttons) > PlayerCard.SHOWN


def test_the_cards_come_first_and_the_tenure_chart_is_folded_under_them(folder):
    deck = CardDeck.from_data(folder)
    kids = list(deck.children)
    assert kids.index(deck.cards_box) < kids.index(deck.chart_button) < kids.index(deck.chart_box)
    assert deck.figure not in kids and deck.chart_box.children == ()
    deck.chart_button.value = True
    assert deck.chart_box.children == (deck.figure, deck.chart_note)
    assert deck.chart_button.description == "Hide the tenure chart"
    deck.show_chart(False)
    assert deck.chart_box.children == () and deck.chart_button.value is False
    # The folded chart still follows the filters.
    deck.search.value = "quinn"
    assert sum(len(t.y) for t in deck.figure.data[1:]) >= 1


def test_all_countries_and_any_role_show_their_labels_not_an_empty_box(folder):
    deck = CardDeck.from_data(folder, role_kind="foreign-minister")
    assert deck.country.index == 0 and deck.country.label == "All countries"
    deck.reset()
    assert (deck.country.label, deck.role_kind.label) == ("All countries", "Any role")
    assert deck.filters["country"] is None and deck.filters["role_kind"] is None


def test_lesson_02_says_only_what_the_chart_does():
    nb = json.loads((ROOT / "lessons" / "02_key_players.ipynb").read_text())
    md = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    md = re.sub(r"\s+", " ", md)
    assert "each bar is labelled with its kind" not in md
    assert "Show the tenure chart" in md and "wide bars also name their kind" in md


def test_the_office_lookup_shows_its_prompt_not_an_empty_box(folder):
    from widgets.players.offices_view import OfficeLookup

    lookup = OfficeLookup.from_data(folder)
    assert lookup.event.index == 0 and lookup.event.label == "(choose a negotiation)"
    lookup.event.index = 1
    assert lookup.event_result.value
    lookup.event.index = 0
    assert lookup.event.label == "(choose a negotiation)" and lookup.event_result.value == ""

"""A player's card: its HTML (pure, :mod:`widgets.players.cards`) and the card widget."""

from __future__ import annotations

from widgets.data import PartialDate, Player, Role, Source, load_events
from widgets.players.card_view import PlayerCard
from widgets.players.cards import card_html

from .support import HOSTILE_NAME, HOSTILE_PROFILE, assert_no_live_markup, by_id, visible_text


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

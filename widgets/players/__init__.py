"""The course's players: the card deck, "who held office when" and the stakeholder map.

Models (pure, no widget library): :mod:`.model` (dates in office, filters, sorting, comparison,
tenure bars), :mod:`.cards` (a card as HTML), :mod:`.offices` (office-holders, gaps,
negotiators, ``player_sources``), :mod:`.stakeholders` (quadrants, table, label placement).
Views: :mod:`.card_view` (:class:`PlayerCard`), :mod:`.deck_view` (:class:`CardDeck`),
:mod:`.figure_view` (the tenure chart), :mod:`.offices_view` (:class:`OfficeLookup`),
:mod:`.stakeholders_view` (:class:`StakeholderMap`), :mod:`.place_view` (:class:`PlaceActor`, the
"place an actor yourself" activity; its model is :mod:`.placing`).

Every public name of the former ``widgets/cards.py`` is importable from here. The views are
imported lazily, on first use, so that ``from widgets.players import holders_text`` loads
neither ipywidgets nor plotly.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

from .cards import ROLE_STYLE, card_html, event_html, monogram_html, portrait_html, primary_role, text_colour_on
from .model import (
    OFFICE_LABELS,
    SORT_KEYS,
    filter_players,
    no_match_message,
    overlap_in_office,
    overlap_text,
    role_kind_label,
    role_span,
    role_title,
    short_date,
    sort_players,
    tenure_bars,
    tenure_text,
)
from .offices import (
    holders_table_html,
    holders_text,
    is_handover,
    negotiation_events,
    negotiators,
    office_gaps,
    office_holders,
    parse_day,
    player_sources,
    vacancy_text,
)
from .stakeholders import KIND_LABELS, KIND_STYLE, QUADRANTS, placement_hover, quadrant, stakeholder_table_html

_VIEWS = {
    "PlayerCard": "widgets.players.card_view",
    "CardDeck": "widgets.players.deck_view",
    "OfficeLookup": "widgets.players.offices_view",
    "StakeholderMap": "widgets.players.stakeholders_view",
    "PlaceActor": "widgets.players.place_view",
}

__all__ = [
    "CardDeck",
    "KIND_LABELS",
    "KIND_STYLE",
    "OFFICE_LABELS",
    "OfficeLookup",
    "PlayerCard",
    "QUADRANTS",
    "ROLE_STYLE",
    "SORT_KEYS",
    "StakeholderMap",
    "PlaceActor",
    "card_html",
    "event_html",
    "filter_players",
    "holders_table_html",
    "holders_text",
    "is_handover",
    "monogram_html",
    "negotiation_events",
    "negotiators",
    "no_match_message",
    "office_gaps",
    "office_holders",
    "overlap_in_office",
    "overlap_text",
    "parse_day",
    "placement_hover",
    "player_sources",
    "portrait_html",
    "primary_role",
    "quadrant",
    "role_kind_label",
    "role_span",
    "role_title",
    "short_date",
    "sort_players",
    "stakeholder_table_html",
    "tenure_bars",
    "tenure_text",
    "text_colour_on",
    "vacancy_text",
]

__getattr__, __dir__ = lazy_exports(__name__, _VIEWS, globals())

"""The package keeps every public name of the former widgets/cards.py, and stays cheap to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import widgets.players as P

ROOT = Path(__file__).resolve().parents[2]
# The public names of widgets/cards.py before it became a package (its __all__ and its other public functions).
FORMER = [
    "CardDeck", "OfficeLookup", "PlayerCard", "StakeholderMap", "OFFICE_LABELS", "QUADRANTS", "ROLE_STYLE",
    "SORT_KEYS", "card_html", "event_html", "filter_players", "holders_text", "is_handover", "monogram_html",
    "negotiation_events", "negotiators", "no_match_message", "office_gaps", "office_holders", "overlap_in_office",
    "overlap_text", "parse_day", "player_sources", "portrait_html", "primary_role", "quadrant", "role_kind_label",
    "role_span", "role_title", "short_date", "sort_players", "stakeholder_table_html", "tenure_bars", "tenure_text",
    "text_colour_on", "vacancy_text",
]


@pytest.mark.parametrize("name", FORMER)
def test_every_former_public_name_is_importable(name):
    obj = getattr(P, name)
    assert name in P.__all__
    assert getattr(obj, "__module__", "widgets.players").startswith("widgets.players")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        P.no_such_thing  # noqa: B018


def test_the_models_load_no_widget_library():
    code = ("import sys; from widgets.players import holders_text, office_gaps, card_html, quadrant, player_sources; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'ipywidgets', 'plotly', 'anywidget', 'traitlets'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout

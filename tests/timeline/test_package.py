"""The package keeps every public name of the former widgets/timeline.py, and stays cheap to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import widgets.timeline as T

ROOT = Path(__file__).resolve().parents[2]
# The public names of widgets/timeline.py before it became a package (its __all__ and its other public functions).
FORMER = [
    "LIST_LIMIT", "NarrativeCompare", "OrderEvents", "SourceList", "Timeline", "YearRange", "build_figure",
    "category_label", "category_style", "date_text", "decimal_year", "draw_set", "era_end", "era_key_html",
    "era_of", "event_detail_html", "events_per_era", "filter_events", "hover_text", "list_label",
    "narratives_html", "no_match_message", "order_feedback_html", "pack_f8", "player_names", "score_order",
    "sources_for", "unpack_f8",
]


@pytest.mark.parametrize("name", FORMER)
def test_every_former_public_name_is_importable(name):
    obj = getattr(T, name)
    assert name in T.__all__
    assert getattr(obj, "__module__", "widgets.timeline").startswith("widgets.timeline")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        T.no_such_thing  # noqa: B018


def test_the_models_load_no_widget_library():
    code = ("import sys; from widgets.timeline import sources_for, filter_events, draw_set; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'ipywidgets', 'plotly', 'anywidget', 'traitlets'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout

"""The interactive timeline of US–Soviet/Russian relations and its activities.

Models (pure, no widget library): :mod:`.model` (labels, dates, filters, eras, names),
:mod:`.details` (an event as HTML), :mod:`.sources` (``sources_for``), :mod:`.lanes` (the
chart's geometry and packed arrays), :mod:`.activities` (ordering sets and scores).
Views: :mod:`.view` (:class:`Timeline`, :class:`YearRange`), :mod:`.figure_view` (the plotly
figure), :mod:`.activities_view` (:class:`OrderEvents`, :class:`NarrativeCompare`).

Every public name of the former ``widgets/timeline.py`` is importable from here. The views are
imported lazily, on first use, so that ``from widgets.timeline import sources_for`` loads
neither ipywidgets nor plotly.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

from .activities import draw_set, order_feedback_html, score_order
from .details import era_key_html, event_detail_html, narratives_html
from .lanes import decimal_year, pack_f8, unpack_f8
from .model import (
    LIST_LIMIT,
    category_label,
    category_style,
    date_text,
    era_end,
    era_of,
    events_per_era,
    filter_events,
    hover_text,
    list_label,
    no_match_message,
    player_names,
)
from .sources import SourceList, sources_for

_VIEWS = {
    "Timeline": "widgets.timeline.view",
    "YearRange": "widgets.timeline.view",
    "build_figure": "widgets.timeline.figure_view",
    "OrderEvents": "widgets.timeline.activities_view",
    "NarrativeCompare": "widgets.timeline.activities_view",
}

__all__ = [
    "LIST_LIMIT",
    "NarrativeCompare",
    "OrderEvents",
    "SourceList",
    "Timeline",
    "YearRange",
    "build_figure",
    "category_label",
    "category_style",
    "date_text",
    "decimal_year",
    "draw_set",
    "era_end",
    "era_key_html",
    "era_of",
    "event_detail_html",
    "events_per_era",
    "filter_events",
    "hover_text",
    "list_label",
    "narratives_html",
    "no_match_message",
    "order_feedback_html",
    "pack_f8",
    "player_names",
    "score_order",
    "sources_for",
    "unpack_f8",
]

__getattr__, __dir__ = lazy_exports(__name__, _VIEWS, globals())

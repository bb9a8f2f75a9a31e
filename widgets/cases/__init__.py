"""Lesson 4: mediation case studies compared, and the life of every US–Soviet/US–Russian arms-control treaty.

Models (pure, no widget library): :mod:`.model` (factor tables, phases in days from the opening of
talks), :mod:`.treaty_life` (a treaty's state on a day, segments, what was in force each year),
:mod:`.activities` ("what made it work" and the transfer exercise: scores, encodings, feedback).
Views: :mod:`.compare_view` (:class:`CaseCompare`), :mod:`.treaty_view` (:class:`TreatyLife`),
:mod:`.activities_view` (:class:`WhatMadeItWork`, :class:`TransferExercise`); :mod:`.sources`
(:class:`CaseSources`, the lesson's sources: pure HTML). The views are imported
lazily, so ``from widgets.cases import treaty_life`` loads neither ipywidgets nor plotly.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

_VIEWS = {
    "CaseCompare": "widgets.cases.compare_view",
    "TreatyLife": "widgets.cases.treaty_view",
    "WhatMadeItWork": "widgets.cases.activities_view",
    "TransferExercise": "widgets.cases.activities_view",
    "CaseSources": "widgets.cases.sources",
}

__all__ = sorted(_VIEWS)

__getattr__, __dir__ = lazy_exports(__name__, _VIEWS, globals())

"""Interactive widgets shared by every lesson of the course.

Imports are lazy so that ``import widgets`` stays cheap: a lesson pays for
plotly or ipywidgets only when it shows a widget that needs them.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "DataError": "widgets.data",
    "SelfCheck": "widgets.selfcheck",
    "CourseProgress": "widgets.selfcheck",
    "answer_key": "widgets.selfcheck",
    "class_summary": "widgets.selfcheck",
    "ProgressStore": "widgets.progress",
    "Timeline": "widgets.timeline.view",
    "OrderEvents": "widgets.timeline.activities_view",
    "NarrativeCompare": "widgets.timeline.activities_view",
    "CardDeck": "widgets.players.deck_view",
    "PlayerCard": "widgets.players.card_view",
    "OfficeLookup": "widgets.players.offices_view",
    "StakeholderMap": "widgets.players.stakeholders_view",
    "PlaceActor": "widgets.players.place_view",
    "NegotiationLab": "widgets.lab.view",
    "SeriesExplorer": "widgets.series.explorer_view",
    "ScenarioExplorer": "widgets.series.scenario_view",
    "estimate_summary": "widgets.series.scenarios",
    "lesson5_sources": "widgets.series.sources",
    "LessonSources": "widgets.lesson_sources",
    "CaseCompare": "widgets.cases.compare_view",
    "TreatyLife": "widgets.cases.treaty_view",
    "WhatMadeItWork": "widgets.cases.activities_view",
    "TransferExercise": "widgets.cases.activities_view",
    "CaseSources": "widgets.cases.sources",
    "FAQ": "widgets.faq.faq_view",
    "CourseReview": "widgets.faq.review_view",
    "DealSheetForm": "widgets.roleplay.sheet_view",
    "DebriefView": "widgets.roleplay.debrief_view",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

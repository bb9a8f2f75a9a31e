"""The instructor kit's role-play: deal sheets, scoring, handouts and the debrief.

Pure models: :mod:`.sheets` (read, write and compare deal sheets), :mod:`.scoring` (a deal against
the Pareto front and the Nash point, with lesson 3's maths), :mod:`.debrief` (a class's groups,
value left on the table, the exit survey) and :mod:`.handouts` (printable HTML; ``make handouts``).
Views, imported lazily: :mod:`.sheet_view` (``DealSheetForm``) and :mod:`.debrief_view` (``Debrief``).
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

_LAZY = {
    "DealSheetForm": "widgets.roleplay.sheet_view",
    "DebriefView": "widgets.roleplay.debrief_view",
    "debrief_figure": "widgets.roleplay.debrief_view",
    "Scorer": "widgets.roleplay.scoring",
    "debrief": "widgets.roleplay.debrief",
    "read_folder": "widgets.roleplay.sheets",
    "compare": "widgets.roleplay.sheets",
}

__all__ = sorted(_LAZY)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())

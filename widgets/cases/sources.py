"""Lesson 4's "Sources and further reading": the lesson's reading file plus the cases and the treaties.

``CaseSources()`` is :class:`widgets.lesson_sources.LessonSources` for lesson 4 with two more groups,
the case studies (their own sources, their phases' and their factor codings') and the arms-control
agreements (every dated step's source). Each source is still listed once. Pure HTML strings.
"""

from __future__ import annotations

import os

from widgets.data import load_cases
from widgets.data.treaties import load_treaties
from widgets.lesson_sources import LessonSources, SourceGroup, add_group

from .model import FACTOR_LABELS, short_title
from .treaty_life import event_label

__all__ = ["CaseSources"]


class CaseSources(LessonSources):
    """All sources of lesson 4, grouped, each once."""

    def __init__(self, number: int = 4, folder: str | os.PathLike[str] | None = None):
        super().__init__(number, folder)

    def _build(self) -> list[SourceGroup]:
        groups = super()._build()
        seen = {src.url for g in groups for src, _ in g.items}

        def add(title: str, n: int, what: str, pairs) -> None:
            add_group(groups, seen, SourceGroup(title, n, what), pairs,
                      at=1 if groups and groups[0].what == "reading" else 0)

        treaties = load_treaties(self.folder)
        add("The arms-control agreements", len(treaties), "agreement",
            [(s, t.name) for t in treaties for s in t.sources]
            + [(s, f"{t.name}: {event_label(e)}, {e.date.display()}") for t in treaties for e in t.events for s in e.sources])
        cases = load_cases(self.folder)
        add("The case studies", len(cases), "case",
            [(s, short_title(c)) for c in cases for s in c.sources]
            + [(s, f"{short_title(c)}: {p.title}") for c in cases for p in c.phases for s in p.sources]
            + [(s, f"{short_title(c)}: {FACTOR_LABELS[f.factor].lower()}") for c in cases for f in c.factors
               for s in f.sources])
        return groups

"""The sources of lesson 5, derived from the data: the series (definitions and points), the
scenarios' views, then the self-check, each source once (:class:`widgets.lesson_sources.LessonSources`)."""

from __future__ import annotations

import os

from widgets.data import load_events
from widgets.data.futures import load_futures
from widgets.data.series_defs import load_series_table
from widgets.lesson_sources import LessonSources, SourceGroup, add_group

__all__ = ["SeriesSources", "lesson5_sources"]


class SeriesSources(LessonSources):
    """Lesson 5's sources: the numbers and the scenarios' views before the lesson's own groups."""

    def __init__(self, number: int = 5, folder: str | os.PathLike[str] | None = None):
        super().__init__(number, folder)

    def _build(self) -> list[SourceGroup]:
        later = super()._build()
        seen: set[str] = set()
        groups: list[SourceGroup] = []
        series = load_series_table(self.folder)
        add_group(groups, seen, SourceGroup("The numbers", len(series), "series"),
                  [(src, s.definition.title) for s in series
                   for src in (*s.definition.sources, *(p.source for p in s.points))])
        events = {e.id: e for e in load_events(self.folder)}
        futures = load_futures(self.folder)
        add_group(groups, seen, SourceGroup("The scenarios' views", len(futures), "scenario"),
                  [(src, sc.title) for sc in futures for v in sc.views
                   for src in (*v.sources, *(x for eid in v.events if eid in events for x in events[eid].sources))])
        for g in later:
            add_group(groups, seen, SourceGroup(g.title, g.records, g.what, open=g.open),
                      ((src, label) for src, labels in g.items for label in (labels or [""])))
        return groups


def lesson5_sources(folder: str | os.PathLike[str] | None = None) -> SeriesSources:
    """Lesson 5's "Sources and further reading" (the lesson's one-line cell)."""
    return SeriesSources(5, folder)

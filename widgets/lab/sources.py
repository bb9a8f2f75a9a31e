"""A lesson's "Sources and further reading", derived from its data (pure).

Lesson 3 teaches from episodes whose sources are carried by its question banks (every factual
question cites the sources of the event it asks about) and from the negotiation scenarios. So
``lesson_sources(3)`` lists every source of every bank of lesson 3 and of every scenario, each
once, with what it supports: the list cannot drift from the data.
"""

from __future__ import annotations

import os

from widgets.data import bank_ids, load_bank, load_scenarios
from widgets.timeline.sources import SourceList

__all__ = ["lesson_sources"]


def lesson_sources(lesson: int, folder: str | os.PathLike[str] | None = None, *, scenarios: bool = True) -> SourceList:
    """Sources of lesson ``lesson``'s banks (by section) and, with ``scenarios``, of the scenarios."""
    order: dict[str, tuple[object, list[str]]] = {}

    def add(src, label: str) -> None:
        entry = order.setdefault(src.url, (src, []))
        if label not in entry[1]:
            entry[1].append(label)

    for bid in bank_ids(folder):
        bank = load_bank(bid, folder)
        if bank.lesson != lesson:
            continue
        for q in bank.questions:
            for src in q.sources:
                add(src, q.section)
    if scenarios:
        for s in load_scenarios(folder):
            for src in s.sources:
                add(src, f"scenario: {s.title}")
            for p in s.parties:
                for src in p.sources:
                    add(src, f"scenario: {s.title} ({p.name}'s position)")
    return SourceList([(src, tuple(labels)) for src, labels in order.values()])

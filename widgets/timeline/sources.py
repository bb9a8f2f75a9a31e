"""The sources behind a lesson's events, each once, with what they support (pure).

A lesson's "Sources and further reading" cell is ``sources_for([...event ids...])``: derived
from the data, so it cannot drift from it.
"""

from __future__ import annotations

import os
from typing import Iterable, Sequence

from widgets.data import DataError, Source, load_events
from widgets.ui.html import esc

from .details import source_link
from .model import _eras_or_none

__all__ = ["SourceList", "sources_for"]


class SourceList:
    """A de-duplicated list of sources with the events they support; renders as HTML in a notebook."""

    def __init__(self, items: Sequence[tuple[Source, tuple[str, ...]]]):
        self.items = tuple(items)

    def __len__(self) -> int:
        return len(self.items)

    def _repr_html_(self) -> str:
        lis = "".join(
            f"<li>{source_link(src)} <small>(for: {esc('; '.join(titles))})</small></li>" for src, titles in self.items
        )
        return f"<ol>{lis}</ol>"

    def __str__(self) -> str:
        return "\n".join(f"- {src.title} <{src.url}> (for: {'; '.join(t)})" for src, t in self.items)

    __repr__ = __str__


def sources_for(
    event_ids: Iterable[str],
    folder: str | os.PathLike[str] | None = None,
    *,
    eras: bool = False,
) -> SourceList:
    """The sources of the given events (and of their narratives), each once, in the order given.

    With ``eras=True`` the sources of the eras (the periodisation) come first.
    An id that is not in the data raises :class:`DataError`, so a lesson's
    source list cannot silently drift from the data.
    """
    events = {e.id: e for e in load_events(folder)}
    ids = list(event_ids)
    unknown = [i for i in ids if i not in events]
    if unknown:
        raise DataError(
            f"sources_for: no event with id {', '.join(repr(u) for u in unknown)} "
            "in the events data (check the spelling against data/IDS.md)"
        )
    order: dict[str, tuple[Source, list[str]]] = {}

    def add(src: Source, label: str) -> None:
        entry = order.setdefault(src.url, (src, []))
        if label not in entry[1]:
            entry[1].append(label)

    if eras:
        for era in _eras_or_none(folder):
            for src in era.sources:
                add(src, f"era: {era.title}")
    for i in ids:
        ev = events[i]
        for src in (*ev.sources, *(s for n in ev.narratives for s in n.sources)):
            add(src, ev.title)
    return SourceList([(src, tuple(labels)) for src, labels in order.values()])

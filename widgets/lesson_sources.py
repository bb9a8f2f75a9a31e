"""A lesson's "Sources and further reading", derived from the data: ``LessonSources(2)``.

What the lesson cites is data (``data/reading/lessonNN.toml``: its events, players,
stakeholder maps, self-check banks and further reading). Every source is listed once, under the
first group that cites it, with the records it supports. A lesson without a reading file lists
the sources of its self-check bank. Pure HTML strings: no widget library is imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from widgets.data import DataError, bank_ids, load_bank, load_eras, load_events, load_players, load_reading, load_stakeholders
from widgets.ui.html import esc, link, plural
from widgets.ui.style import TEXT_STYLE

__all__ = ["LessonSources", "SourceGroup", "add_group"]

KIND_LABELS = {
    "official": "official", "archival": "archive", "treaty": "treaty text", "scholarly": "scholarly",
    "encyclopedia": "encyclopedia", "press": "press", "state-media": "state media", "other": "other",
}


@dataclass
class SourceGroup:
    title: str  # e.g. "The events"
    records: int  # how many records of the lesson the group covers
    what: str  # "event", "player", ...
    items: list[tuple[Any, list[str]]] = field(default_factory=list)  # (Source, what it supports)
    open: bool = False


def add_group(groups: list[SourceGroup], seen: set[str], group: SourceGroup, pairs, at: int | None = None) -> None:
    """Fill ``group`` from ``(source, what it supports)`` pairs, leaving out sources an earlier group
    lists (``seen`` is updated), and put it into ``groups`` (at the end, or at index ``at``) if any is left."""
    index: dict[str, list[str]] = {}
    for src, label in pairs:
        if src.url in seen and src.url not in index:
            continue
        if src.url not in index:
            seen.add(src.url)
            index[src.url] = []
            group.items.append((src, index[src.url]))
        if label and label not in index[src.url]:
            index[src.url].append(label)
    if group.items:
        groups.append(group) if at is None else groups.insert(at, group)


class LessonSources:
    """The sources of lesson ``number``, grouped (events, players, stakeholder maps, self-check,
    further reading), each source once. Displays as HTML; ``str()`` is a one-paragraph summary."""

    def __init__(self, number: int, folder: str | os.PathLike[str] | None = None):
        self.number = int(number)
        self.folder = folder
        self.groups = self._build()

    # -- model -----------------------------------------------------------------------------
    def _build(self) -> list[SourceGroup]:
        reading = load_reading(self.number, self.folder)
        default_bank = f"lesson{self.number:02d}"
        if reading is None:
            banks = (default_bank,) if default_bank in bank_ids(self.folder) else ()
            events = players = stakeholders = ()
            further, eras = (), False
        else:
            events, players, stakeholders = reading.events, reading.players, reading.stakeholders
            banks, further, eras = reading.banks, reading.reading, reading.eras
        seen: set[str] = set()
        groups: list[SourceGroup] = []

        def group(title: str, n: int, what: str, pairs, open_: bool = False) -> None:
            add_group(groups, seen, SourceGroup(title, n, what, open=open_), pairs)

        group("Further reading", len(further), "reading", ((r.source, r.note) for r in further), open_=True)
        if eras:
            era_list = load_eras(self.folder)
            group("The eras", len(era_list), "era", ((s, era.title) for era in era_list for s in era.sources))
        if events:
            by_id = {e.id: e for e in load_events(self.folder)}
            self._known(events, by_id, "event")
            group("The events", len(events), "event",
                  ((s, by_id[i].title) for i in events
                   for s in (*by_id[i].sources, *(x for n in by_id[i].narratives for x in n.sources))))
        if players:
            by_id = {p.id: p for p in load_players(self.folder)}
            self._known(players, by_id, "player")
            group("The players", len(players), "player", ((s, by_id[i].name) for i in players for s in by_id[i].sources))
        if stakeholders:
            names = {p.id: p.name for p in load_players(self.folder)}
            titles = {e.id: e.title for e in load_events(self.folder)}
            placements = [p for n in stakeholders for p in load_stakeholders(self.folder) if p.negotiation == n]
            group("The stakeholder maps", len(stakeholders), "map",
                  ((p.source, f"{names.get(p.player, p.player)} at {titles.get(p.negotiation, p.negotiation)}")
                   for p in placements if p.source))
        for bank_id in banks:
            bank = load_bank(bank_id, self.folder)
            group("The self-check", len(bank.questions), "question",
                  ((s, q.section or bank.title) for q in bank.questions for s in q.sources))
        return groups

    @staticmethod
    def _known(ids, by_id, kind: str) -> None:
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise DataError(f"LessonSources: no {kind} with id {', '.join(map(repr, unknown))}")

    def __len__(self) -> int:
        return sum(len(g.items) for g in self.groups)

    def sources(self) -> list[Any]:
        return [src for g in self.groups for src, _ in g.items]

    # -- display ---------------------------------------------------------------------------
    def __str__(self) -> str:
        parts = [f"{g.title.removeprefix('The ').lower()}: {plural(len(g.items), 'source')}" for g in self.groups]
        return f"Lesson {self.number}: {plural(len(self), 'source')}, each listed once ({'; '.join(parts)})."

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return self.html()

    def html(self) -> str:
        blocks = []
        for g in self.groups:
            items = "".join(
                f"<li>{link(src.url, src.title)}"
                + (f' <span style="color:#555">({esc(KIND_LABELS.get(src.kind, src.kind))})</span>' if src.kind else "")
                + (f"<br><small>{'' if g.what == 'reading' else 'for: '}{esc('; '.join(labels))}</small>" if labels else "")
                + "</li>"
                for src, labels in g.items
            )
            counted = "" if g.what == "reading" else f" of {plural(g.records, g.what)}"
            summary = f"{esc(g.title)}: {esc(plural(len(g.items), 'source'))}{esc(counted)}"
            blocks.append(
                f'<details{" open" if g.open else ""} class="course-sources-group">'
                f'<summary style="cursor:pointer;font-weight:600;padding:0.25em 0">{summary}</summary>'
                f'<ol style="padding-left:3.2em;margin:0.3em 0 0.6em">{items}</ol></details>'
            )
        if not blocks:
            blocks.append("<p>This lesson cites no sources yet.</p>")
        return (
            f'<section class="course-widget course-sources" aria-label="Sources of lesson {self.number}" '
            f'style="{TEXT_STYLE}"><p>{esc(str(self))} Open a group to see its sources; '
            "each link opens in a new tab.</p>" + "".join(blocks) + "</section>"
        )

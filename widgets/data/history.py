"""Eras (``eras.csv``) and events (``events.toml`` / ``events/*.toml``, with contested narratives)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Mapping

from .errors import DataError, _Problems
from .fields import _Record, _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _toml_files, read_csv
from .records import EVENT_CATEGORIES, SIDES, Era, Event, Narrative
from .refs import _check_refs, _ids


def load_eras(folder: str | os.PathLike[str] | None = None) -> tuple[Era, ...]:
    """``eras.csv``: id, title, start, end, summary, source_title, source_url."""
    path = _folder(folder) / "eras.csv"
    return _load_eras(path, _mtimes([path]))


@functools.lru_cache(maxsize=16)
def _load_eras(path: Path, _stamp) -> tuple[Era, ...]:
    problems = _Problems()
    eras = []
    where_ids = []
    cols = ("id", "title", "start", "end", "summary", "source_title", "source_url")
    for row_no, row in read_csv(path, cols):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        era = Era(
            id=rec.ident(),
            title=rec.text("title"),
            start=rec.date("start"),  # type: ignore[arg-type]
            end=rec.date("end", required=False),
            summary=rec.text("summary"),
            sources=tuple(s for s in [rec.csv_source()] if s),
        )
        if era.start and era.end and era.end < era.start:
            rec.bad("end", row["end"], f"is before the era's start ({era.start})")
        where_ids.append((era.id, rec.where))
        if rec.ok:
            eras.append(era)
    _check_unique(where_ids, problems, "era")
    problems.raise_if_any()
    return tuple(sorted(eras, key=lambda e: e.start))


def _narratives(rec: _Record) -> tuple[Narrative, ...]:
    value = rec.raw.get("narratives")
    if value is None:
        return ()
    if not isinstance(value, list):
        rec.bad("narratives", value, "must be written as [[events.narratives]] tables")
        return ()
    out = []
    for i, raw in enumerate(value, 1):
        if not isinstance(raw, Mapping):
            rec.bad("narratives", raw, f"(narrative {i}) is not a table with side, attribution, text and sources")
            continue
        sub = _Record(raw, rec.where + f", narrative {i}", rec.problems, known=("side", "attribution", "text", "sources"))
        n = Narrative(
            side=sub.choice("side", SIDES),
            attribution=sub.text("attribution"),
            text=sub.text("text"),
            sources=sub.sources(),
        )
        if sub.ok:
            out.append(n)
        else:
            rec.ok = False
    sides = {n.side for n in out}
    if out and not {"us", "russia"} <= sides:
        rec.bad("narratives", sorted(sides), "must give both the 'us' and the 'russia' narrative")
    return tuple(out)


# The fields of an [[events]] record: any other is reported, with the closest of these.
EVENT_FIELDS = ("id", "date", "end_date", "title", "category", "summary", "significance", "actors", "sources",
                "narratives", "as_of", "place")


def load_events(folder: str | os.PathLike[str] | None = None) -> tuple[Event, ...]:
    """``events.toml`` and/or ``events/*.toml``: ``[[events]]`` records, sorted by date."""
    base = _folder(folder)
    files = _toml_files(base, "events")
    if not files:
        raise DataError(f"{_display(base)}: no events.toml file or events/ folder")
    players = _ids(base, "players")
    return _load_events(tuple(files), _mtimes(files), players)


@functools.lru_cache(maxsize=16)
def _load_events(files: tuple[Path, ...], _stamp, players: frozenset[str] | None) -> tuple[Event, ...]:
    problems = _Problems()
    events: list[Event] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "events", problems, known=EVENT_FIELDS):
            actors = rec.text_list("actors")
            _check_refs(rec, "actors", actors, players, "player")
            ev = Event(
                id=rec.ident(),
                date=rec.date("date"),  # type: ignore[arg-type]
                end_date=rec.date("end_date", required=False),
                title=rec.text("title"),
                category=rec.choice("category", EVENT_CATEGORIES),
                summary=rec.text("summary"),
                significance=rec.text("significance"),
                actors=actors,
                sources=rec.sources(),
                narratives=_narratives(rec),
                as_of=rec.date("as_of", required=False),
                place=rec.text("place", required=False),
            )
            if ev.date and ev.end_date and ev.end_date < ev.date:
                rec.bad("end_date", str(ev.end_date), f"is before the event's date ({ev.date})")
            where_ids.append((ev.id, rec.where.split(" (id")[0]))
            if rec.ok:
                events.append(ev)
    _check_unique(where_ids, problems, "event")
    problems.raise_if_any()
    return tuple(sorted(events, key=lambda e: (e.date, e.id)))

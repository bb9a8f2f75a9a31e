"""Scenarios for the coming years (``futures.toml``, lesson 5): attributed views, indicators, implications.

A scenario is a possibility that others have described, never the course's forecast: every view
names who holds it and carries sources (or the ids of course events whose sources support it).
Indicators may name a numeric series of ``series.csv`` and the direction of change that would
point towards the scenario.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Mapping

from .dates import PartialDate
from .errors import DataError, _Problems
from .fields import _check_unique, _Record, _toml_records
from .files import _display, _folder, _mtimes, _toml_files
from .records import Source
from .refs import _check_refs, _ids

__all__ = ["HOLDER_KINDS", "VIEW_SIDES", "DIRECTIONS", "IMPLICATION_AREAS", "View", "Indicator", "Scenario", "load_futures"]

HOLDER_KINDS: tuple[str, ...] = ("government", "international-organisation", "think-tank", "scholar", "press")
VIEW_SIDES: tuple[str, ...] = ("us", "russia", "ukraine", "europe", "other")
DIRECTIONS: tuple[str, ...] = ("up", "down")
IMPLICATION_AREAS: tuple[str, ...] = ("security", "alliances", "economy")


@dataclass(frozen=True)
class View:
    holder: str  # who holds the view: "US government (Trump administration)"
    holder_kind: str  # one of HOLDER_KINDS
    side: str  # one of VIEW_SIDES
    text: str
    date: PartialDate | None
    sources: tuple[Source, ...]
    events: tuple[str, ...]  # course events whose sources support the view


@dataclass(frozen=True)
class Indicator:
    text: str
    series: str = ""  # a series id of series.csv, or "" when no series measures it
    direction: str = ""  # "up" or "down": the change that would point towards the scenario


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    as_of: PartialDate | None
    views: tuple[View, ...]
    indicators: tuple[Indicator, ...]
    implications: Mapping[str, str]  # area (IMPLICATION_AREAS) -> text


def load_futures(folder: str | os.PathLike[str] | None = None) -> tuple[Scenario, ...]:
    """``futures.toml``: ``[[scenarios]]`` records, in file order. Series and event ids are checked."""
    base = _folder(folder)
    files = _toml_files(base, "futures")
    if not files:
        raise DataError(f"{_display(base)}: no futures.toml file or futures/ folder")
    return _load_futures(tuple(files), _mtimes(files), _series_ids(base), _ids(base, "events"))


def _series_ids(base) -> frozenset[str] | None:
    if not (base / "series.csv").is_file():
        return None
    from .series import load_series  # a broken series.csv is reported by its own loader

    try:
        return frozenset(load_series(base))
    except DataError:
        return None


@functools.lru_cache(maxsize=16)
def _load_futures(files, _stamp, series, events) -> tuple[Scenario, ...]:
    problems = _Problems()
    out: list[Scenario] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "scenarios", problems):
            sc = Scenario(
                id=rec.ident(),
                title=rec.text("title"),
                summary=rec.text("summary"),
                as_of=rec.date("as_of", required=False),
                views=_views(rec, events),
                indicators=_indicators(rec, series),
                implications=_implications(rec),
            )
            where_ids.append((sc.id, rec.where.split(" (id")[0]))
            if rec.ok:
                out.append(sc)
    _check_unique(where_ids, problems, "scenario")
    problems.raise_if_any()
    return tuple(out)


def _tables(rec: _Record, name: str, what: str) -> list[tuple[int, Mapping]]:
    value = rec.raw.get(name)
    if not value:
        rec.missing(name, f"at least one [[scenarios.{name}]] table ({what})")
        return []
    if not isinstance(value, list):
        rec.bad(name, value, f"must be written as [[scenarios.{name}]] tables")
        return []
    good = []
    for i, raw in enumerate(value, 1):
        if isinstance(raw, Mapping):
            good.append((i, raw))
        else:
            rec.bad(name, raw, f"({name[:-1]} {i}) is not a table ({what})")
    return good


def _views(rec: _Record, events) -> tuple[View, ...]:
    out = []
    for i, raw in _tables(rec, "views", "holder, holder_kind, side, text and sources or events"):
        sub = _Record(raw, rec.where + f", view {i}", rec.problems)
        evs = sub.text_list("events")
        _check_refs(sub, "events", evs, events, "event")
        srcs = sub.sources(required=False)
        if not srcs and not evs and "sources" not in raw:
            sub.missing("sources", "at least one source, or 'events' naming course events whose sources support the view")
        view = View(
            holder=sub.text("holder"),
            holder_kind=sub.choice("holder_kind", HOLDER_KINDS),
            side=sub.choice("side", VIEW_SIDES),
            text=sub.text("text"),
            date=sub.date("date", required=False),
            sources=srcs,
            events=evs,
        )
        if sub.ok:
            out.append(view)
        else:
            rec.ok = False
    return tuple(out)


def _indicators(rec: _Record, series) -> tuple[Indicator, ...]:
    out = []
    for i, raw in _tables(rec, "indicators", "text, and optionally series and direction"):
        sub = _Record(raw, rec.where + f", indicator {i}", rec.problems)
        sid = sub.ident("series") if sub.has("series") else ""
        if sid and series is not None and sid not in series:
            sub.bad("series", sid, "names a series id that is not in series.csv")
        direction = sub.choice("direction", DIRECTIONS, required=bool(sid))
        if direction and not sid:
            sub.bad("direction", direction, "needs a 'series' to apply to")
        ind = Indicator(text=sub.text("text"), series=sid, direction=direction)
        if sub.ok:
            out.append(ind)
        else:
            rec.ok = False
    return tuple(out)


def _implications(rec: _Record) -> dict[str, str]:
    value = rec.raw.get("implications")
    if not isinstance(value, Mapping):
        rec.bad("implications", value, f"must be a [scenarios.implications] table with {', '.join(IMPLICATION_AREAS)}")
        return {}
    sub = _Record(value, rec.where + ", implications", rec.problems)
    out = {area: sub.text(area) for area in IMPLICATION_AREAS}
    unknown = sorted(set(value) - set(IMPLICATION_AREAS))
    if unknown:
        sub.bad(unknown[0], value[unknown[0]], f"is not an implication area (expected {', '.join(IMPLICATION_AREAS)})")
    if not sub.ok:
        rec.ok = False
    return out

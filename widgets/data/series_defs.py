"""What each numeric series means (``series_defs.toml``) and the series joined with their points.

``series.csv`` holds the points; ``series_defs.toml`` holds one ``[[series]]`` record per series:
title, unit, definition, topic, side, the date it was last checked, the course events to mark on
its chart, its main sources and footnotes on alternative definitions. :func:`load_series_table`
checks the two files against each other: every series in the CSV has a definition, every
definition has points, and every point is in the definition's unit.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from .dates import PartialDate
from .errors import DataError, _Problems
from .fields import _check_unique, _toml_records
from .files import _display, _folder, _mtimes, read_csv
from .records import SeriesPoint, Source
from .refs import _check_refs, _ids
from .series import load_series

__all__ = ["SERIES_TOPICS", "SERIES_SIDES", "SeriesDef", "Series", "load_series_defs", "load_series_table"]

SERIES_TOPICS: tuple[str, ...] = ("security", "alliances", "economy", "opinion")
SERIES_SIDES: tuple[str, ...] = ("us", "russia", "both", "other")


@dataclass(frozen=True)
class SeriesDef:
    id: str
    title: str
    unit: str
    definition: str
    topic: str
    side: str
    as_of: PartialDate | None
    events: tuple[str, ...]
    sources: tuple[Source, ...]
    footnotes: tuple[str, ...]


@dataclass(frozen=True)
class Series:
    """A series' definition and its points (sorted by date)."""

    definition: SeriesDef
    points: tuple[SeriesPoint, ...]

    @property
    def id(self) -> str:
        return self.definition.id

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def unit(self) -> str:
        return self.definition.unit


def load_series_defs(folder: str | os.PathLike[str] | None = None) -> tuple[SeriesDef, ...]:
    """``series_defs.toml``: one ``[[series]]`` record per series, in file order."""
    base = _folder(folder)
    path = base / "series_defs.toml"
    if not path.is_file():
        raise DataError(f"{_display(path)}: no such file (every series in series.csv needs a definition there)")
    return _load_defs(path, _mtimes([path]), _ids(base, "events"))


@functools.lru_cache(maxsize=16)
def _load_defs(path, _stamp, events) -> tuple[SeriesDef, ...]:
    problems = _Problems()
    out: list[SeriesDef] = []
    where_ids = []
    for rec in _toml_records(path, "series", problems):
        evs = rec.text_list("events")
        _check_refs(rec, "events", evs, events, "event")
        d = SeriesDef(
            id=rec.ident(),
            title=rec.text("title"),
            unit=rec.text("unit"),
            definition=rec.text("definition"),
            topic=rec.choice("topic", SERIES_TOPICS),
            side=rec.choice("side", SERIES_SIDES),
            as_of=rec.date("as_of"),
            events=evs,
            sources=rec.sources(),
            footnotes=rec.text_list("footnotes"),
        )
        where_ids.append((d.id, rec.where.split(" (id")[0]))
        if rec.ok:
            out.append(d)
    _check_unique(where_ids, problems, "series")
    problems.raise_if_any()
    return tuple(out)


def load_series_table(folder: str | os.PathLike[str] | None = None) -> tuple[Series, ...]:
    """Every defined series with its points, in the order of ``series_defs.toml``.

    Raises DataError naming the file, row or line and field when the two files disagree.
    """
    base = _folder(folder)
    defs = load_series_defs(base)
    points = load_series(base)
    csv_path, defs_path = base / "series.csv", base / "series_defs.toml"
    problems = _Problems()
    by_id = {d.id: d for d in defs}
    undefined = sorted(set(points) - set(by_id))
    for row_no, row in read_csv(csv_path, ("series", "unit")):
        sid, unit = row.get("series", ""), row.get("unit", "")
        if sid in undefined:
            problems.add(f"{_display(csv_path)}, row {row_no}, field 'series': {sid!r} has no definition in "
                         f"{_display(defs_path)} (add a [[series]] record with id = {sid!r})")
            undefined.remove(sid)  # once per series is enough
        elif sid in by_id and unit != by_id[sid].unit:
            problems.add(f"{_display(csv_path)}, row {row_no}, field 'unit': {unit!r} differs from the unit of "
                         f"series {sid!r} in {_display(defs_path)} ({by_id[sid].unit!r})")
    for d in defs:
        if d.id not in points:
            problems.add(f"{_display(defs_path)}, series {d.id!r}: no points in {_display(csv_path)} "
                         "(add rows, or remove the definition)")
    problems.raise_if_any()
    return tuple(Series(d, points[d.id]) for d in defs)

"""Numeric time series (``series.csv``, one row per point)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import _Problems
from .fields import _Record
from .files import _display, _folder, _mtimes, read_csv
from .records import SeriesPoint


def load_series(folder: str | os.PathLike[str] | None = None) -> dict[str, tuple[SeriesPoint, ...]]:
    """``series.csv``: series, date, value, unit, note, source_title, source_url (one row per point)."""
    path = _folder(folder) / "series.csv"
    return dict(_load_series(path, _mtimes([path])))


@functools.lru_cache(maxsize=16)
def _load_series(path: Path, _stamp):
    problems = _Problems()
    out: dict[str, list[SeriesPoint]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row_no, row in read_csv(path, ("series", "date", "value", "unit", "source_title", "source_url")):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        sid = rec.ident("series")
        point = SeriesPoint(
            series=sid,
            date=rec.date("date"),  # type: ignore[arg-type]
            value=rec.number("value"),
            unit=rec.text("unit"),
            note=rec.text("note", required=False),
            source=rec.csv_source(),  # type: ignore[arg-type]
        )
        key = (sid, row.get("date", ""))
        if key in seen:
            rec.bad("date", row.get("date"), f"repeats a point of series {sid!r} already given in row {seen[key]}")
        seen[key] = row_no
        if rec.ok:
            out.setdefault(sid, []).append(point)
    problems.raise_if_any()
    return tuple((k, tuple(sorted(v, key=lambda p: p.date))) for k, v in out.items())

"""The chart's geometry: decimal years, lanes by category, and plotly's packed float arrays (pure).

Every lane (category) is one trace holding ALL of its events, for good. A
filter hides points by giving them a NaN x (plotly.js neither draws nor
hovers them), so an update sends one packed float array per changed lane and
nothing else: the hover labels and the lane positions are sent once, when the
figure is built. Arrays travel as plotly's typed-array spec
({"dtype": "f8", "bdata": base64}), built with the standard library (no numpy
at run time), which plotly's validators pass through without a per-element walk.
The x axis is in decimal years on a linear axis: a restyle of x makes
plotly.js re-guess the axis type (clearAxisTypes), and numbers would turn an
explicit 'date' axis into a linear one.
"""

from __future__ import annotations

import base64
import sys
from array import array
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from widgets.data import EVENT_CATEGORIES, Event

__all__ = ["decimal_year", "pack_f8", "unpack_f8"]

_NAN = float("nan")


def decimal_year(day: date) -> float:
    """2000-07-02 -> about 2000.5 (the middle of the day)."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start + 0.5) / length


def _year_edge(day: date, end: bool = False) -> float:
    """The decimal year at the start of ``day`` (or at its end)."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start + (1 if end else 0)) / length


def pack_f8(values: Iterable[float]) -> dict[str, str]:
    """Floats as plotly's typed-array spec (little-endian float64, base64)."""
    arr = array("d", values)
    if sys.byteorder != "little":
        arr.byteswap()
    return {"dtype": "f8", "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}


def unpack_f8(spec: Any) -> list[float]:
    """The inverse of :func:`pack_f8` (a plain list is returned as a list of floats)."""
    if isinstance(spec, Mapping):
        arr = array("d")
        arr.frombytes(base64.b64decode(spec["bdata"]))
        if sys.byteorder != "little":
            arr.byteswap()
        return arr.tolist()
    return [float(v) for v in (spec or ())]


@dataclass(frozen=True)
class _Lanes:
    """Per-lane, per-event values for the chart, computed once per data set."""

    categories: tuple[str, ...]  # the lanes, in vocabulary order, only those present
    members: tuple[tuple[int, ...], ...]  # event indices in each lane, in date order
    lane: tuple[int, ...]  # lane of each event
    pos: tuple[int, ...]  # position of each event inside its lane's trace
    x: tuple[float, ...]  # decimal year of each event (middle of its date)

    def row(self, lane: int) -> int:
        """The y position of a lane: the first category at the top."""
        return len(self.categories) - 1 - lane


def _lanes(events: Sequence[Event]) -> _Lanes:
    present = {e.category for e in events}
    cats = tuple(c for c in EVENT_CATEGORIES if c in present) + tuple(sorted(present - set(EVENT_CATEGORIES)))
    index = {c: i for i, c in enumerate(cats)}
    members: list[list[int]] = [[] for _ in cats]
    lane, pos = [], []
    for i, e in enumerate(events):
        t = index[e.category]
        lane.append(t)
        pos.append(len(members[t]))
        members[t].append(i)
    return _Lanes(
        categories=cats,
        members=tuple(tuple(m) for m in members),
        lane=tuple(lane),
        pos=tuple(pos),
        x=tuple(decimal_year(e.date.midpoint()) for e in events),
    )


def _lane_x(lanes: _Lanes, t: int, show: bytes | bytearray | None) -> dict[str, str]:
    xs = lanes.x
    if show is None:
        return pack_f8(xs[i] for i in lanes.members[t])
    return pack_f8([xs[i] if show[i] else _NAN for i in lanes.members[t]])

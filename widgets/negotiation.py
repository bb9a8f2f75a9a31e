"""Bargaining maths for the negotiation lab (lesson 3), the role-play and its debrief.

Pure functions over plain numbers: no widget library, no data files. ``points`` is a sequence of
``(a, b)`` number pairs (side A's score, side B's score for each package) and ``batna`` is a pair
``(batna_a, batna_b)``: what each side gets with no agreement.

The three functions whose contract the course relies on:

- ``zopa(points, batna)``: the indices ``i`` with ``a_i >= batna[0]`` and ``b_i >= batna[1]``,
  ascending.
- ``pareto_front(points)``: the indices of the points that no other point weakly dominates with at
  least one strict improvement. Equal points do not dominate each other, so every duplicate of a
  front point is on the front. Ordered by ``a`` ascending; points on the front with equal ``a``
  necessarily have equal ``b`` (they are duplicates) and are listed by index, ascending.
- ``nash_bargain(points, batna)``: the index in the ZOPA that maximises
  ``(a - batna[0]) * (b - batna[1])``, the lowest index on a tie, ``None`` when the ZOPA is empty.
  When the largest product is positive the Nash point is on the Pareto front. When it is 0 (every
  package in the ZOPA leaves one side exactly at its BATNA) the lowest index wins the tie, which
  need not be a front point.

Numbers must be finite (a NaN has no order, so neither a front nor a ZOPA); a ``ValueError`` says
which point is wrong.

Then the scenario maths, on plain lists: ``package_scores`` enumerates every package (one option
per issue, in ``itertools.product`` order) with its two scores, and ``analyse`` bundles ZOPA,
front, Nash point and the two-level (ratification) constraint for a view or a debrief.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Sequence

__all__ = [
    "zopa",
    "pareto_front",
    "nash_bargain",
    "dominates",
    "packages",
    "package_scores",
    "win_set",
    "Analysis",
    "analyse",
]

Pair = tuple[float, float]


def _pairs(points: Sequence[Sequence[float]]) -> list[Pair]:
    out = []
    for i, p in enumerate(points):
        try:
            a, b = p
        except (TypeError, ValueError):
            raise ValueError(f"point {i}: {p!r} is not an (a, b) pair") from None
        if not (isinstance(a, (int, float)) and isinstance(b, (int, float))) or not (
            math.isfinite(a) and math.isfinite(b)
        ):
            raise ValueError(f"point {i}: {p!r} is not a pair of finite numbers")
        out.append((a, b))
    return out


def _batna(batna: Sequence[float]) -> Pair:
    return _pairs([batna])[0]


def dominates(p: Sequence[float], q: Sequence[float]) -> bool:
    """True when ``p`` is at least as good as ``q`` for both sides and better for one."""
    return p[0] >= q[0] and p[1] >= q[1] and (p[0] > q[0] or p[1] > q[1])


def zopa(points: Sequence[Sequence[float]], batna: Sequence[float]) -> list[int]:
    """Indices of the packages both sides value at least as much as their BATNA, ascending."""
    ba, bb = _batna(batna)
    return [i for i, (a, b) in enumerate(_pairs(points)) if a >= ba and b >= bb]


def pareto_front(points: Sequence[Sequence[float]]) -> list[int]:
    """Indices of the non-dominated points, by ``a`` ascending (equal ``a``: by index). O(n log n).

    Sweep by ``a`` descending: within a group of equal ``a`` only the points with the group's
    largest ``b`` can survive, and they do if that ``b`` beats every ``b`` seen at a larger ``a``.
    """
    pts = _pairs(points)
    order = sorted(range(len(pts)), key=lambda i: (-pts[i][0], -pts[i][1], i))
    front: list[int] = []
    best_b = -math.inf  # the largest b among points with a strictly larger a
    k = 0
    n = len(order)
    while k < n:
        a = pts[order[k]][0]
        top_b = pts[order[k]][1]  # sorted by b descending within the group
        j = k
        group: list[int] = []
        while j < n and pts[order[j]][0] == a:
            if pts[order[j]][1] == top_b:
                group.append(order[j])
            j += 1
        if top_b > best_b:
            front.extend(group)
            best_b = top_b
        k = j
    front.sort(key=lambda i: (pts[i][0], i))
    return front


def nash_bargain(points: Sequence[Sequence[float]], batna: Sequence[float]) -> int | None:
    """The ZOPA index with the largest product of gains over the BATNAs; lowest index on a tie."""
    ba, bb = _batna(batna)
    best: int | None = None
    best_value = -math.inf
    for i, (a, b) in enumerate(_pairs(points)):
        if a >= ba and b >= bb:
            value = (a - ba) * (b - bb)
            if value > best_value:
                best, best_value = i, value
    return best


# ---------------------------------------------------------------- scenarios


def packages(option_counts: Sequence[int]) -> list[tuple[int, ...]]:
    """Every package as a tuple of option indices, one per issue, in ``itertools.product`` order."""
    return list(itertools.product(*(range(n) for n in option_counts)))


def package_scores(points_per_issue: Sequence[Sequence[Sequence[float]]]) -> list[Pair]:
    """Each package's ``(a, b)``: the sums of the chosen options' points, in ``packages`` order.

    ``points_per_issue[k][o]`` is the ``(a, b)`` pair of option ``o`` of issue ``k``. Built issue by
    issue (the last issue varies fastest, as in ``itertools.product``), so 15,625 packages cost
    one addition per package per issue, not a sum over six issues each time.
    """
    scores: list[Pair] = [(0.0, 0.0)]
    for options in points_per_issue:
        opts = _pairs(options)
        scores = [(a + x, b + y) for a, b in scores for x, y in opts]
    return scores


def win_set(scores: Sequence[float], threshold: float) -> list[int]:
    """Indices whose score (one side's, or its ratifier's) reaches ``threshold``, ascending."""
    return [i for i, s in enumerate(scores) if s >= threshold]


@dataclass(frozen=True)
class Analysis:
    """What the lab shows for one setting of the BATNAs and the ratification thresholds."""

    zopa: tuple[int, ...]  # both sides at or above their BATNA
    feasible: tuple[int, ...]  # in the ZOPA and ratified at home by both sides
    front: tuple[int, ...]
    nash: int | None  # Nash point among the feasible packages (None if there are none)

    @property
    def feasible_set(self) -> frozenset[int]:
        return frozenset(self.feasible)


def analyse(
    points: Sequence[Sequence[float]],
    batna: Sequence[float],
    ratify: Sequence[Sequence[float]] | None = None,
    thresholds: Sequence[float | None] = (None, None),
    front: Sequence[int] | None = None,
) -> Analysis:
    """ZOPA, the packages both sides' ratifiers accept too, the Pareto front and the Nash point.

    ``ratify[i]`` is the pair of ratifier scores of package ``i`` (e.g. the Senate's and the Duma's
    view of it) and ``thresholds`` what each ratifier needs (``None``: no domestic constraint).
    The Nash point is taken over the feasible packages, so a constraint can move it. Pass a
    precomputed ``front`` (it depends only on ``points``) to make a slider change cheaper.
    """
    pts = _pairs(points)
    ba, bb = _batna(batna)
    in_zopa = [i for i, (a, b) in enumerate(pts) if a >= ba and b >= bb]
    ta, tb = thresholds
    if ratify is not None and (ta is not None or tb is not None):
        lo_a = -math.inf if ta is None else ta
        lo_b = -math.inf if tb is None else tb
        feasible = [i for i in in_zopa if ratify[i][0] >= lo_a and ratify[i][1] >= lo_b]
    else:
        feasible = in_zopa
    nash = None
    best_value = -math.inf
    for i in feasible:
        value = (pts[i][0] - ba) * (pts[i][1] - bb)
        if value > best_value:
            nash, best_value = i, value
    return Analysis(
        zopa=tuple(in_zopa),
        feasible=tuple(feasible),
        front=tuple(pareto_front(pts) if front is None else front),
        nash=nash,
    )

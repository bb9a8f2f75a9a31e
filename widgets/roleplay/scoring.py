"""Scoring a role-play deal with lesson 3's maths (``widgets.negotiation`` through ``widgets.lab.LabModel``); pure.

A deal is one option per issue of the role-play's scenario. Its score for each delegation is the
sum of the scenario's points (the same table as the delegation's brief). The role-play does not
model ratification, so the lab's two-level thresholds are off: the Nash point is the package in the
ZOPA with the largest product of gains over both BATNAs.

*Value left on the table* is the largest joint score any package reaches (the sum of both sides'
points) minus the deal's joint score; a deal on the Pareto front can still leave value on the table
if the front's best joint score is elsewhere, and a deal off the front always does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..data.roleplay import RolePlay
from ..lab.model import LabModel, fmt

__all__ = ["DealScore", "Scorer", "fmt"]


@dataclass(frozen=True)
class DealScore:
    index: int | None  # package number (None: no agreement)
    scores: tuple[float, float]  # each delegation's points (its BATNA with no agreement)
    joint: float
    left_on_table: float  # best joint score minus this joint score
    on_front: bool
    in_zopa: bool
    nash_gap: tuple[float, float]  # this deal minus the Nash point, per side
    better: int | None  # a package better for both (the fairest improvement), or None
    better_gain: tuple[float, float] = (0.0, 0.0)
    observers: tuple[tuple[str, float], ...] = ()  # (role id, points) for roles with their own tables


class Scorer:
    """One role-play's packages, front, Nash point and best joint score, computed once."""

    def __init__(self, roleplay: RolePlay):
        self.roleplay = roleplay
        model = LabModel.from_scenario(roleplay.scenario)
        model.set_threshold(0, None)
        model.set_threshold(1, None)
        self.model = model
        self.points = model.points
        self.front = model.front
        self.front_set = frozenset(model.front)
        self.zopa = frozenset(model.result.zopa)
        self.nash = model.result.nash
        self.batna = model.batna
        self.best_joint = max(a + b for a, b in self.points)
        self.names = model.names
        self.issue_ids = tuple(i.id for i in roleplay.scenario.issues)
        self._observers = [r for r in roleplay.roles if r.has_points and not r.side]

    def index(self, choice: Sequence[str]) -> int:
        """The package number of one option id per issue."""
        idx = []
        for issue, oid in zip(self.roleplay.scenario.issues, choice):
            ids = [o.id for o in issue.options]
            idx.append(ids.index(oid))
        return self.model.index(idx)

    def choice(self, index: int) -> tuple[str, ...]:
        return tuple(issue.options[c].id for issue, c in zip(self.roleplay.scenario.issues, self.model.choice(index)))

    def short(self, index: int) -> str:
        return self.model.short(index)

    def score(self, choice: Sequence[str] | None) -> DealScore:
        """Score an agreed package (``None``: no agreement, each side gets its BATNA)."""
        nash = self.points[self.nash] if self.nash is not None else self.batna
        if choice is None:
            a, b = self.batna
            joint = a + b
            return DealScore(None, (a, b), joint, self.best_joint - joint, False, False,
                             (a - nash[0], b - nash[1]), self.nash,
                             (nash[0] - a, nash[1] - b) if self.nash is not None else (0.0, 0.0))
        i = self.index(choice)
        a, b = self.points[i]
        better = self.model.better_for_both(i)
        gain = (0.0, 0.0)
        if better is not None:
            q = self.points[better]
            gain = (q[0] - a, q[1] - b)
        observers = tuple((r.id, sum(dict(r.points[k])[oid] for k, oid in enumerate(choice))) for r in self._observers)
        return DealScore(i, (a, b), a + b, self.best_joint - (a + b), i in self.front_set, i in self.zopa,
                         (a - nash[0], b - nash[1]), better, gain, observers)

    def sentence(self, score: DealScore) -> str:
        """One sentence on a deal for the debrief."""
        na, nb = self.names
        a, b = score.scores
        if score.index is None:
            text = f"No agreement: each side gets its BATNA ({na} {fmt(a)}, {nb} {fmt(b)})"
        else:
            text = f"{na} {fmt(a)}, {nb} {fmt(b)} points"
            if not score.in_zopa:
                text += " (below a side's BATNA: that side should have walked away)"
        text += f"; {fmt(score.left_on_table)} points left on the table"
        if score.on_front:
            text += "; on the Pareto front"
        elif score.better is not None:
            text += (f"; a package better for both existed ({na} +{fmt(score.better_gain[0])}, "
                     f"{nb} +{fmt(score.better_gain[1])})")
        return text + "."

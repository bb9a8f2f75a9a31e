"""The negotiation lab's state and texts, without any widget library (the view only wires controls).

A ``LabModel`` holds one scenario's packages and scores, the current BATNAs, the ratification
thresholds (``None``: that side's Level II constraint is off) and the student's own proposal,
one option per issue. Everything the chart shows is also produced here as text: the verdict on
the proposal, one sentence summarising the chart and the rows of the table under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from widgets.negotiation import Analysis, analyse, dominates, package_scores, pareto_front

__all__ = ["Verdict", "LabModel", "fmt"]


def fmt(x: float) -> str:
    """Points as students read them: 12, 12.5, -3 (no trailing .0)."""
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.3g}"


@dataclass(frozen=True)
class Verdict:
    """One side's answer to a package: accepts at Level I and, when a ratifier is on, at Level II."""

    name: str
    score: float
    batna: float
    accepts: bool
    ratifier: str
    ratify_score: float | None  # None when the constraint is off
    threshold: float | None
    ratified: bool | None

    @property
    def yes(self) -> bool:
        return self.accepts and self.ratified is not False

    def why(self) -> str:
        if self.accepts:
            text = f"{self.name} accepts: the package is worth {fmt(self.score)} points to it, at least its BATNA of {fmt(self.batna)}."
        else:
            text = (f"{self.name} rejects: the package is worth {fmt(self.score)} points to it, "
                    f"less than its BATNA of {fmt(self.batna)}, so no agreement is better for it.")
        if self.ratified is True:
            text += f" The {self.ratifier} would ratify it ({fmt(self.ratify_score)} points, needs {fmt(self.threshold)})."
        elif self.ratified is False:
            text += (f" But the {self.ratifier} would not ratify it ({fmt(self.ratify_score)} points, "
                     f"needs {fmt(self.threshold)}): the deal would fail at home.")
        return text


class LabModel:
    """A scenario's packages with their scores and the lab's current settings."""

    def __init__(self, names: Sequence[str], issues: Sequence[str], options: Sequence[Sequence[str]],
                 points: Sequence[Sequence[Sequence[float]]], ratify: Sequence[Sequence[Sequence[float]]] | None = None,
                 batna: Sequence[float] = (0.0, 0.0), ratifiers: Sequence[str] = ("", ""),
                 thresholds: Sequence[float | None] = (None, None)):
        self.names = tuple(names)
        self.issues = tuple(issues)
        self.options = tuple(tuple(o) for o in options)
        self.sizes = tuple(len(o) for o in self.options)
        self.points = package_scores(points)
        self.ratify = package_scores(ratify) if ratify is not None else list(self.points)
        self.front = tuple(pareto_front(self.points))  # depends on the points only: computed once
        self.batna = (float(batna[0]), float(batna[1]))
        self.ratifiers = tuple(ratifiers)
        self.thresholds: tuple[float | None, float | None] = (thresholds[0], thresholds[1])
        self.proposal: list[int] = [0] * len(self.sizes)
        self.result: Analysis = self.update()

    @classmethod
    def from_scenario(cls, scenario) -> "LabModel":
        a, b = scenario.parties
        return cls(
            names=(a.name, b.name),
            issues=[i.title for i in scenario.issues],
            options=[[o.label for o in i.options] for i in scenario.issues],
            points=scenario.option_points(),
            ratify=scenario.option_ratify(),
            batna=(a.batna, b.batna),
            ratifiers=(a.ratifier, b.ratifier),
            thresholds=(a.threshold, b.threshold),
        )

    # ------------------------------------------------------------ settings

    def update(self) -> Analysis:
        self.result = analyse(self.points, self.batna, self.ratify, self.thresholds, front=self.front)
        return self.result

    def set_batna(self, side: int, value: float) -> Analysis:
        b = list(self.batna)
        b[side] = float(value)
        self.batna = (b[0], b[1])
        return self.update()

    def set_threshold(self, side: int, value: float | None) -> Analysis:
        t = list(self.thresholds)
        t[side] = value
        self.thresholds = (t[0], t[1])
        return self.update()

    def ratify_range(self, side: int) -> tuple[float, float]:
        values = [r[side] for r in self.ratify]
        return min(values), max(values)

    # ------------------------------------------------------------ packages

    def index(self, choice: Sequence[int]) -> int:
        """The package number of one option per issue (``itertools.product`` order)."""
        i = 0
        for size, c in zip(self.sizes, choice):
            i = i * size + c
        return i

    def choice(self, index: int) -> list[int]:
        out = []
        for size in reversed(self.sizes):
            index, c = divmod(index, size)
            out.append(c)
        return out[::-1]

    @property
    def proposal_index(self) -> int:
        return self.index(self.proposal)

    def labels(self, index: int) -> list[str]:
        return [self.options[k][c] for k, c in enumerate(self.choice(index))]

    def short(self, index: int) -> str:
        """A package in one line: 'issue: option; issue: option'."""
        return "; ".join(f"{issue}: {label}" for issue, label in zip(self.issues, self.labels(index)))

    def verdicts(self, index: int) -> tuple[Verdict, Verdict]:
        out = []
        for side in (0, 1):
            threshold = self.thresholds[side]
            on = threshold is not None
            out.append(Verdict(
                name=self.names[side],
                score=self.points[index][side],
                batna=self.batna[side],
                accepts=self.points[index][side] >= self.batna[side],
                ratifier=self.ratifiers[side] or f"{self.names[side]}'s ratifier",
                ratify_score=self.ratify[index][side] if on else None,
                threshold=threshold,
                ratified=(self.ratify[index][side] >= threshold) if on else None,
            ))
        return out[0], out[1]

    def better_for_both(self, index: int) -> int | None:
        """A feasible package that dominates ``index``: the one with the largest smaller gain
        (the fairest improvement), lowest index on a tie; None if there is none."""
        p = self.points[index]
        best, best_key = None, None
        for i in self.result.feasible:
            q = self.points[i]
            if dominates(q, p):
                key = min(q[0] - p[0], q[1] - p[1])
                if best_key is None or key > best_key:
                    best, best_key = i, key
        return best

    # ------------------------------------------------------------ texts

    def proposal_text(self) -> str:
        """What the two sides would say to the student's package, and what a mediator could try."""
        i = self.proposal_index
        a, b = self.verdicts(i)
        lines = [a.why(), b.why()]
        if a.yes and b.yes:
            lines.append("Both sides would agree: this package is a possible deal.")
        better = self.better_for_both(i)
        if better is not None:
            q, p = self.points[better], self.points[i]
            lines.append(
                f"A package better for both exists: {self.short(better)} "
                f"({self.names[0]} +{fmt(q[0] - p[0])}, {self.names[1]} +{fmt(q[1] - p[1])})."
            )
        elif i in self.front:
            lines.append("No package is better for both: this one is on the Pareto front.")
        return "\n\n".join(lines)

    def sentence(self) -> str:
        """The chart in one sentence."""
        r = self.result
        n = len(self.points)
        name_a, name_b = self.names
        zopa = len(r.zopa)
        text = (f"Of {n} packages, {zopa} are worth at least each side's BATNA "
                f"({name_a} {fmt(self.batna[0])} points, {name_b} {fmt(self.batna[1])})")
        if any(t is not None for t in self.thresholds):
            text += f", {len(r.feasible)} of them would also be ratified at home"
        if r.nash is None:
            text += "; no package can be agreed, so there is no Nash point"
        else:
            pa, pb = self.points[r.nash]
            text += f"; the Nash bargaining point gives {name_a} {fmt(pa)} and {name_b} {fmt(pb)}"
        pa, pb = self.points[self.proposal_index]
        text += f", and your package gives {name_a} {fmt(pa)} and {name_b} {fmt(pb)}."
        return text

    def table_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(what, package, score A, score B, status): the Nash point, the proposal, the front."""
        r = self.result
        feasible = r.feasible_set
        zopa = frozenset(r.zopa)

        def status(i: int) -> str:
            if i in feasible:
                return "possible deal"
            if i in zopa:
                return "in the ZOPA, not ratified"
            return "outside the ZOPA"

        rows = []
        if r.nash is not None:
            rows.append(("Nash point", r.nash))
        rows.append(("Your package", self.proposal_index))
        rows.extend(("Pareto front", i) for i in self.front)
        return [(what, self.short(i), fmt(self.points[i][0]), fmt(self.points[i][1]), status(i)) for what, i in rows]

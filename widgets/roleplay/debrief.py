"""The debrief of a class's role-play, from a folder of deal sheets; pure (the chart is in ``debrief_view``).

``debrief(folder, roleplay)`` reads every sheet (malformed ones named and skipped), checks each
group's sheets against each other, scores each group's deal with :class:`~widgets.roleplay.scoring.Scorer`
and summarises the exit survey. Everything the chart shows is also a table (``rows``) and text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from ..data import load_roleplay
from ..data.roleplay import RolePlay
from ..ui.html import plural
from .scoring import DealScore, Scorer, fmt
from .sheets import GroupCheck, compare, groups_in_order, read_folder

__all__ = ["GroupResult", "SurveyLine", "Debrief", "debrief", "DEFAULT_ROLEPLAY"]

DEFAULT_ROLEPLAY = "strategic-arms-trilateral"


@dataclass(frozen=True)
class GroupResult:
    group: str
    check: GroupCheck
    score: DealScore | None  # None when the sheets differ (the deal is not known)


@dataclass(frozen=True)
class SurveyLine:
    id: str
    question: str
    n: int
    mean: float | None
    by_role: tuple[tuple[str, float], ...]  # (role id, mean)


@dataclass(frozen=True)
class Debrief:
    roleplay: RolePlay
    scorer: Scorer
    groups: tuple[GroupResult, ...]
    skipped: tuple[str, ...]
    survey: tuple[SurveyLine, ...]

    @property
    def scored(self) -> list[GroupResult]:
        return [g for g in self.groups if g.score is not None]

    def rows(self) -> list[tuple[str, ...]]:
        """(group, outcome, US points, Russia points, joint, left on the table, Pareto front, sheets)."""
        out = []
        for g in self.groups:
            s = g.score
            if s is None:
                out.append((g.group, "sheets differ", "", "", "", "", "", " ".join(g.check.differences)))
                continue
            outcome = "no agreement" if s.index is None else ("deal" if s.in_zopa else "deal below a BATNA")
            out.append((g.group, outcome, fmt(s.scores[0]), fmt(s.scores[1]), fmt(s.joint), fmt(s.left_on_table),
                        "yes" if s.on_front else "no", "match"))
        return out

    def headers(self) -> tuple[str, ...]:
        a, b = self.scorer.names
        return ("Group", "Outcome", f"{a} points", f"{b} points", "Joint points", "Left on the table",
                "On the Pareto front", "Deal sheets")

    def sentence(self) -> str:
        n = len(self.groups)
        scored = self.scored
        deals = [g for g in scored if g.score.index is not None]
        front = sum(1 for g in deals if g.score.on_front)
        text = f"{plural(n, 'group')} handed in deal sheets"
        if not n:
            return "No group's deal sheets were found." + (f" {plural(len(self.skipped), 'file')} skipped." if self.skipped else "")
        differ = n - len(scored)
        if differ:
            text += f"; in {differ} the sheets differ"
        text += f"; {len(deals)} reached a deal, {front} of them on the Pareto front"
        if deals:
            mean_left = statistics.mean(g.score.left_on_table for g in deals)
            text += f", and the deals left {fmt(round(mean_left, 1))} points on the table on average"
        if self.scorer.nash is not None:
            na, nb = self.scorer.names
            pa, pb = self.scorer.points[self.scorer.nash]
            text += f" (the Nash point gives {na} {fmt(pa)} and {nb} {fmt(pb)})"
        text += "."
        if self.skipped:
            text += f" {plural(len(self.skipped), 'file')} skipped (named below)."
        return text

    def survey_sentence(self) -> str:
        answered = [s for s in self.survey if s.n]
        if not answered:
            return "No exit-survey answers yet."
        parts = [f"{s.id} {fmt(round(s.mean, 1))}" for s in answered]
        low = min(answered, key=lambda s: s.mean)
        return (f"Mean answers on the 1–7 scale: {', '.join(parts)}. Lowest: {low.id} "
                f"({low.question}).")


def _survey(roleplay: RolePlay, groups: list[GroupResult]) -> tuple[SurveyLine, ...]:
    out = []
    for item in roleplay.survey:
        values: list[tuple[str, int]] = []
        for g in groups:
            for sheet in g.check.sheets:
                v = dict(sheet.survey).get(item.id)
                if v is not None:
                    values.append((sheet.role, v))
        by_role = []
        for role in roleplay.roles:
            vs = [v for r, v in values if r == role.id]
            if vs:
                by_role.append((role.id, statistics.mean(vs)))
        out.append(SurveyLine(item.id, item.question, len(values),
                              statistics.mean(v for _, v in values) if values else None, tuple(by_role)))
    return tuple(out)


def debrief(folder: str | Path, roleplay: RolePlay | str = DEFAULT_ROLEPLAY, data_folder=None) -> Debrief:
    """The debrief of every group in ``folder`` (one CSV per party per group)."""
    if isinstance(roleplay, str):
        roleplay = load_roleplay(roleplay, data_folder)
    scorer = Scorer(roleplay)
    read = read_folder(folder, roleplay)
    groups = []
    for name in groups_in_order(read.groups):
        check = compare(read.groups[name], roleplay)
        score = None
        if check.match:
            score = scorer.score(check.choice if check.agreed else None)
        groups.append(GroupResult(name, check, score))
    return Debrief(roleplay, scorer, tuple(groups), tuple(read.skipped), _survey(roleplay, groups))

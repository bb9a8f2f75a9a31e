"""Pure model of the scenario explorer: indicator readings, weighing, estimates, the class summary.

A student weighs each indicator of a scenario (0 = ignore, 3 = decisive), reads what the course's
series show for the indicators that have one, and records an estimate (0–100 %) with a reason.
The estimate is an :class:`~widgets.progress.Attempt` in the lesson's bank (``lesson05``) with the
question id ``estimate-<scenario id>`` and ``correct=None`` (nothing to mark right or wrong), so
the self-check's **Save my answers as CSV** hands it in with the answers, and the class summary of
right and wrong answers leaves it out; :func:`estimate_summary` summarises the estimates instead.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from widgets.data import DataError
from widgets.data.futures import Indicator, Scenario
from widgets.data.series_defs import Series
from widgets.progress import Attempt
from widgets.selfcheck.results import read_results
from widgets.ui.html import esc, plural
from widgets.ui.style import TEXT_STYLE

from .model import with_unit

__all__ = [
    "ESTIMATE_BANK",
    "ESTIMATE_PREFIX",
    "MAX_WEIGHT",
    "Reading",
    "indicator_reading",
    "weighed_signal",
    "estimate_attempt",
    "parse_estimate",
    "latest_estimates",
    "EstimateSummary",
    "estimate_summary",
]

ESTIMATE_BANK = "lesson05"
ESTIMATE_PREFIX = "estimate-"
MAX_WEIGHT = 3
_ANSWER = re.compile(r"^(\d{1,3})% \| weights ([0-9,]*) \| (.*)$", re.S)


@dataclass(frozen=True)
class Reading:
    """What the course data says about one indicator right now."""

    indicator: Indicator
    text: str  # a sentence for the student
    agrees: bool | None  # True: the latest change points towards the scenario; None: no data or no change


def indicator_reading(indicator: Indicator, series: Mapping[str, Series]) -> Reading:
    """Compare the last two points of the indicator's series with the direction the scenario expects."""
    if not indicator.series:
        return Reading(indicator, "No course series measures this: judge it from the news and the lessons.", None)
    s = series.get(indicator.series)
    if s is None or not s.points:
        return Reading(indicator, f"The series {indicator.series!r} has no points in the course data.", None)
    last = s.points[-1]
    latest = f"{s.title}: latest point {with_unit(last.value, s.unit)} ({last.date.display()})"
    if len(s.points) < 2:
        return Reading(indicator, f"{latest}; only one point, so no change to read.", None)
    prev = s.points[-2]
    if last.value == prev.value:
        return Reading(indicator, f"{latest}, unchanged since {prev.date.display()}.", None)
    went = "up" if last.value > prev.value else "down"
    agrees = went == indicator.direction
    towards = "points towards" if agrees else "points away from"
    return Reading(indicator, f"{latest}, {went} from {with_unit(prev.value, s.unit)} ({prev.date.display()}): "
                              f"the latest change {towards} this scenario.", agrees)


def weighed_signal(readings: Sequence[Reading], weights: Sequence[int]) -> tuple[float | None, str]:
    """Your weights applied to the data readings: a score from -1 (against) to +1 (towards) and a sentence.

    Only indicators with a reading and a weight above 0 count. The score summarises the student's
    own weighing of the course data; it is not a probability and not the course's forecast.
    """
    if len(weights) != len(readings):
        raise ValueError(f"expected {len(readings)} weights, got {len(weights)}")
    total = signed = 0
    unmeasured = 0
    for r, w in zip(readings, weights):
        if w <= 0:
            continue
        if r.agrees is None:
            unmeasured += 1
            continue
        total += w
        signed += w if r.agrees else -w
    note = (f" {plural(unmeasured, 'indicator')} you weighed {'has' if unmeasured == 1 else 'have'} no reading in the "
            "course data: only your own judgement can count them.") if unmeasured else ""
    if total == 0:
        return None, "None of the indicators you weighed has a data reading, so the data gives no signal." + note
    score = signed / total
    if score > 0.33:
        lean = "point mostly towards this scenario"
    elif score < -0.33:
        lean = "point mostly away from this scenario"
    else:
        lean = "are mixed"
    return score, f"On your weights, the latest changes in the course data {lean} (score {score:+.2f} on a scale from −1 to +1).{note}"


def estimate_attempt(scenario_id: str, percent: int, reason: str, weights: Sequence[int], time: str) -> Attempt:
    """The progress-store record of an estimate; ValueError (a message for the student) if it is incomplete."""
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValueError("Your estimate must be a whole number from 0 to 100 (per cent).")
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise ValueError("Write a reason of at least a few words: which indicators convinced you, and why?")
    if any(not 0 <= w <= MAX_WEIGHT for w in weights):
        raise ValueError(f"Weights go from 0 to {MAX_WEIGHT}.")
    answer = f"{percent}% | weights {','.join(str(int(w)) for w in weights)} | {reason}"
    return Attempt(ESTIMATE_BANK, ESTIMATE_PREFIX + scenario_id, answer, None, percent / 100, time)


def parse_estimate(answer: str) -> tuple[int, tuple[int, ...], str] | None:
    """(percent, weights, reason) from an estimate's answer text, or None if it is not one."""
    m = _ANSWER.match(answer or "")
    if not m:
        return None
    percent = int(m.group(1))
    if percent > 100:
        return None
    weights = tuple(int(w) for w in m.group(2).split(",") if w)
    return percent, weights, m.group(3)


def latest_estimates(attempts: Iterable[Attempt]) -> dict[str, Attempt]:
    """The latest estimate per scenario id, from any attempts (other questions are ignored)."""
    out: dict[str, Attempt] = {}
    for a in sorted(attempts, key=lambda a: a.time):
        if a.bank == ESTIMATE_BANK and a.question.startswith(ESTIMATE_PREFIX) and parse_estimate(a.answer):
            out[a.question[len(ESTIMATE_PREFIX):]] = a
    return out


@dataclass(frozen=True)
class ScenarioEstimates:
    scenario: str  # id
    title: str
    estimates: tuple[tuple[str, int, str], ...]  # (student, percent, reason), latest per student

    @property
    def median(self) -> float | None:
        return statistics.median(p for _, p, _ in self.estimates) if self.estimates else None


@dataclass(frozen=True)
class EstimateSummary:
    """The class's latest estimate per student and scenario, from a folder of hand-in CSVs."""

    scenarios: tuple[ScenarioEstimates, ...]
    files: tuple[str, ...]
    skipped: tuple[str, ...]  # "file: why"

    def table_html(self) -> str:
        th = "text-align:left;padding:0.2em 0.6em;border-bottom:1px solid #888"
        td = "padding:0.2em 0.6em;border-bottom:1px solid #ddd;vertical-align:top"
        num = td + ";text-align:right;font-variant-numeric:tabular-nums"
        rows = []
        for s in self.scenarios:
            ps = [p for _, p, _ in s.estimates]
            if ps:
                cells = (f'<td style="{num}">{len(ps)}</td><td style="{num}">{s.median:g}%</td>'
                         f'<td style="{num}">{min(ps)}–{max(ps)}%</td>')
                reasons = "".join(f"<li>{esc(st)} ({p}%): {esc(r)}</li>" for st, p, r in s.estimates)
                cells += f'<td style="{td}"><ul style="margin:0;padding-left:1.2em">{reasons}</ul></td>'
            else:
                cells = f'<td style="{num}">0</td><td style="{td}" colspan="3">no estimates handed in</td>'
            rows.append(f'<tr><th scope="row" style="{td};font-weight:normal">{esc(s.title)}</th>{cells}</tr>')
        head = "".join(f'<th scope="col" style="{th}">{h}</th>' for h in ("Scenario", "Students", "Median", "Range", "Reasons"))
        skipped = ("<p>Skipped: " + "; ".join(esc(s) for s in self.skipped) + "</p>") if self.skipped else ""
        return (f'<div class="course-widget course-estimates" style="{TEXT_STYLE}">'
                f'<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:600">'
                f"Students' estimates per scenario ({plural(len(self.files), 'hand-in file')})</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{skipped}</div>")

    def _repr_html_(self) -> str:
        return self.table_html()


def estimate_summary(folder: str | Path, scenarios: Sequence[Scenario] | None = None,
                     data_folder: str | Path | None = None) -> EstimateSummary:
    """Read a folder of hand-in CSVs: every student's latest estimate per scenario, with reasons.

    Malformed or foreign files are named in ``skipped``; estimates for scenario ids the data does
    not know are shown under their id.
    """
    if scenarios is None:
        from widgets.data.futures import load_futures

        scenarios = load_futures(data_folder)
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: no such folder (expected a folder of hand-in CSV files)")
    files, skipped = [], []
    latest: dict[tuple[str, str], tuple[str, str, int, str]] = {}  # (scenario, student key) -> (time, student, %, reason)
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file()):
        try:
            rows = read_results(path)
        except DataError as exc:
            skipped.append(f"{path.name}: {exc}")
            continue
        files.append(path.name)
        for r in rows:
            parsed = parse_estimate(r.answer) if r.bank == ESTIMATE_BANK and r.question.startswith(ESTIMATE_PREFIX) else None
            if parsed is None:
                continue
            sid, key = r.question[len(ESTIMATE_PREFIX):], r.student.casefold()
            if (sid, key) not in latest or r.time > latest[(sid, key)][0]:
                latest[(sid, key)] = (r.time, r.student, parsed[0], parsed[2])
    titles = {s.id: s.title for s in scenarios}
    ids = [s.id for s in scenarios] + sorted({sid for sid, _ in latest} - set(titles))
    out = []
    for sid in ids:
        ests = sorted(((st, p, why) for (s, _), (_, st, p, why) in latest.items() if s == sid), key=lambda e: e[0].casefold())
        out.append(ScenarioEstimates(sid, titles.get(sid, sid), tuple(ests)))
    return EstimateSummary(tuple(out), tuple(files), tuple(skipped))

"""Negotiation scenarios (``data/scenarios/*.toml``): issues, options, each side's points and BATNA.

One file per scenario, named by its id. The schema is in ``data/README.md``. Every problem in a
file is reported at once, each naming the file, the line, the field, the bad value and what was
expected, as the rest of the data layer does. The lab (lesson 3) and the instructor kit's
role-play both read scenarios through ``load_scenario`` / ``load_scenarios``; the maths is in
``widgets.negotiation`` and takes the plain lists that ``NegotiationScenario.option_points`` and
``NegotiationScenario.option_ratify`` return. (Lesson 5's ``futures.Scenario`` is a different kind.)
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .dates import PartialDate
from .errors import DataError, _Problems, load_every
from .fields import _check_unique, _Locator, _Record, is_finite_number
from .files import _display, _folder, _mtimes, _read_toml
from .records import Source

__all__ = [
    "SCENARIO_KINDS",
    "ScenarioOption",
    "Issue",
    "Party",
    "NegotiationScenario",
    "scenario_ids",
    "load_scenario",
    "load_scenarios",
]

SCENARIO_KINDS: tuple[str, ...] = ("practice", "teaching-model")


@dataclass(frozen=True)
class ScenarioOption:
    id: str
    label: str
    points: tuple[float, ...]  # one per party, in the scenario's party order
    ratify: tuple[float, ...]  # the ratifier's points, one per party (defaults to ``points``)
    note: str = ""


@dataclass(frozen=True)
class Issue:
    id: str
    title: str
    options: tuple[ScenarioOption, ...]
    note: str = ""


@dataclass(frozen=True)
class Party:
    side: str  # "us", "russia", or another id
    name: str
    batna: float
    batna_min: float
    batna_max: float
    batna_note: str
    ratifier: str  # who ratifies at home ("" when the scenario models no Level II)
    threshold: float | None  # the ratifier's default threshold (None: no domestic constraint by default)
    ratifier_note: str
    position: str  # what this side has said it wants (sourced)
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class NegotiationScenario:
    id: str
    title: str
    kind: str
    summary: str
    assumptions: str  # why the points are assumptions, in the course's own words
    parties: tuple[Party, Party]
    issues: tuple[Issue, ...]
    sources: tuple[Source, ...]
    as_of: PartialDate | None = None

    @property
    def package_count(self) -> int:
        n = 1
        for issue in self.issues:
            n *= len(issue.options)
        return n

    def option_points(self) -> list[list[tuple[float, float]]]:
        """``[issue][option] -> (a, b)``: the two parties' points, for ``negotiation.package_scores``."""
        return [[(o.points[0], o.points[1]) for o in issue.options] for issue in self.issues]

    def option_ratify(self) -> list[list[tuple[float, float]]]:
        return [[(o.ratify[0], o.ratify[1]) for o in issue.options] for issue in self.issues]


def scenario_ids(folder: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    sdir = _folder(folder) / "scenarios"
    return tuple(sorted(p.stem for p in sdir.glob("*.toml")))


def load_scenario(scenario_id: str, folder: str | os.PathLike[str] | None = None) -> NegotiationScenario:
    """``scenarios/<scenario_id>.toml``."""
    path = _folder(folder) / "scenarios" / f"{scenario_id}.toml"
    if not path.exists():
        known = ", ".join(scenario_ids(folder)) or "none"
        raise DataError(f"{_display(path)}: no such scenario (known scenarios: {known})")
    return _load_scenario(path, _mtimes([path]))


def load_scenarios(folder: str | os.PathLike[str] | None = None) -> tuple[NegotiationScenario, ...]:
    """Every scenario in ``scenarios/``, by file name; all files' problems reported together."""
    return load_every(scenario_ids(folder), lambda sid: load_scenario(sid, folder))


class _Lines:
    """Line numbers of ``[[parties]]``, ``[[issues]]`` and ``[[issues.options]]`` headers and their fields."""

    def __init__(self, text: str):
        self.parties = _Locator(text, "parties")
        self.issues = _Locator(text, "issues")
        self.options = _Locator(text, "issues.options")
        self.scenario = _Locator(text, "scenario")
        # ``_Locator`` matches ``[[name]]``; the scenario table is ``[scenario]``.
        pat = re.compile(r"^\s*\[\s*scenario\s*\]")
        self.scenario.starts = [i for i, line in enumerate(self.scenario.lines) if pat.match(line)]


def _record(raw: Any, where: str, problems: _Problems, loc: _Locator, index: int) -> _Record:
    line = loc.record_line(index)
    label = f"{where}, line {line}" if line else f"{where}, record {index + 1}"
    rid = raw.get("id") if isinstance(raw, Mapping) else None
    if isinstance(rid, str) and rid:
        label += f" (id '{rid}')"
    return _Record(raw if isinstance(raw, Mapping) else {}, label, problems,
                      line_of=functools.partial(loc.field_line, index))


def _points(rec: _Record, name: str, sides: tuple[str, ...], required: bool) -> tuple[float, ...] | None:
    value = rec.raw.get(name)
    if value is None:
        if required:
            rec.missing(name, "a table of points per side: { " + ", ".join(f"{s} = 10" for s in sides) + " }")
        return None
    if not isinstance(value, Mapping):
        rec.bad(name, value, "is not a table of points per side ({ " + ", ".join(f"{s} = ..." for s in sides) + " })")
        return None
    unknown = sorted(set(value) - set(sides))
    if unknown:
        rec.bad(name, unknown[0], f"is not a party of this scenario (expected {', '.join(sides)})")
    out = []
    for side in sides:
        v = value.get(side)
        if v is None:
            if required:
                rec.bad(name, dict(value), f"has no points for '{side}'")
            else:
                rec.bad(name, dict(value), f"has no value for '{side}' (give every side or leave the table out)")
            return None
        if not is_finite_number(v):
            rec.bad(name, v, f"(side '{side}') is not a finite number")
            return None
        out.append(float(v))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _load_scenario(path: Path, _stamp) -> NegotiationScenario:
    problems = _Problems()
    data, text = _read_toml(path)
    where = _display(path)
    lines = _Lines(text)

    head = data.get("scenario")
    if not isinstance(head, Mapping):
        raise DataError(f"{where}: no [scenario] table (expected id, title, kind, summary, assumptions, sources)")
    srec = _Record(head, where, problems, line_of=functools.partial(lines.scenario.field_line, 0))
    sid = srec.ident("id")
    if sid and sid != path.stem:
        srec.bad("id", sid, f"does not match the file name (expected '{path.stem}')")
    title = srec.text("title")
    kind = srec.choice("kind", SCENARIO_KINDS)
    summary = srec.text("summary")
    assumptions = srec.text("assumptions")
    sources = srec.sources()
    as_of = srec.date("as_of", required=False)

    raw_parties = data.get("parties")
    parties: list[Party] = []
    if not isinstance(raw_parties, list) or len(raw_parties) != 2:
        n = len(raw_parties) if isinstance(raw_parties, list) else 0
        problems.add(f"{where}: expected exactly two [[parties]] records (found {n})")
        raw_parties = raw_parties if isinstance(raw_parties, list) else []
    for i, raw in enumerate(raw_parties):
        rec = _record(raw, where, problems, lines.parties, i)
        side = rec.ident("side")
        batna = rec.number("batna")
        lo = rec.number("batna_min")
        hi = rec.number("batna_max")
        if rec.ok and not lo <= batna <= hi:
            rec.bad("batna", batna, f"is outside batna_min..batna_max ({lo:g} to {hi:g})")
        ratifier = rec.text("ratifier", required=False)
        threshold = rec.number("threshold", required=False, default=None) if rec.has("threshold") else None
        if threshold is not None and not ratifier:
            rec.missing("ratifier", "who ratifies at home, since a threshold is given")
        parties.append(Party(
            side=side, name=rec.text("name"), batna=batna, batna_min=lo, batna_max=hi,
            batna_note=rec.text("batna_note", required=False), ratifier=ratifier, threshold=threshold,
            ratifier_note=rec.text("ratifier_note", required=False), position=rec.text("position"),
            sources=rec.sources(),
        ))
    sides = tuple(p.side for p in parties)
    if len(sides) == 2 and sides[0] and sides[0] == sides[1]:
        problems.add(f"{where}: the two parties have the same side {sides[0]!r}")

    raw_issues = data.get("issues")
    issues: list[Issue] = []
    if not isinstance(raw_issues, list) or not raw_issues:
        problems.add(f"{where}: no [[issues]] records (expected at least one issue with 2-6 options)")
        raw_issues = []
    option_index = 0
    seen_issues: list[tuple[str, str]] = []
    for i, raw in enumerate(raw_issues):
        rec = _record(raw, where, problems, lines.issues, i)
        iid = rec.ident("id")
        seen_issues.append((iid, rec.where))
        raw_options = rec.raw.get("options")
        if not isinstance(raw_options, list):
            rec.missing("options", "2 to 6 [[issues.options]] records")
            raw_options = []
        elif not 2 <= len(raw_options) <= 6:
            rec.bad("options", f"{len(raw_options)} options", "is not 2 to 6 options")
        options: list[ScenarioOption] = []
        seen_options: list[tuple[str, str]] = []
        for raw_o in raw_options:
            orec = _record(raw_o, where, problems, lines.options, option_index)
            option_index += 1
            oid = orec.ident("id")
            seen_options.append((oid, orec.where))
            label = orec.text("label")
            pts = _points(orec, "points", sides, required=True) if len(sides) == 2 else None
            rat = _points(orec, "ratify", sides, required=False) if len(sides) == 2 else None
            if pts is not None:
                options.append(ScenarioOption(oid, label, pts, rat if rat is not None else pts,
                                              orec.text("note", required=False)))
        _check_unique(seen_options, problems, f"option (issue '{iid}')")
        issues.append(Issue(iid, rec.text("title"), tuple(options), rec.text("note", required=False)))
    _check_unique(seen_issues, problems, "issue")
    problems.raise_if_any()
    return NegotiationScenario(
        id=sid, title=title, kind=kind, summary=summary, assumptions=assumptions,
        parties=(parties[0], parties[1]), issues=tuple(issues), sources=sources, as_of=as_of,
    )

"""Classroom role-plays (``roleplay/<id>.toml``) for the instructor kit, played on a negotiation scenario.

A role-play names a scenario of ``scenarios/`` (lesson 3's lab), so the course can score every deal
the class reaches. Each ``[[roles]]`` record is one role: a delegation (``side`` = one of the
scenario's party sides), the mediator or an observer. Its ``confidential`` brief goes into that
role's handout only. A role's ``points`` table (``points.<issue> = { <option> = n, ... }``) must name
exactly the scenario's issues and options; a delegation's points must equal the scenario's points
for its side, so that the brief and the score agree. ``[[survey]]`` holds the exit questions (how
each participant felt), ``[[debrief]]`` the debrief questions with what to listen for.

Every problem is reported at once, naming the file, the line, the field, the bad value and what
was expected. The schema is in ``data/README.md``.
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
from .scenarios import NegotiationScenario, load_scenario, scenario_ids

__all__ = ["RoleBrief", "SurveyItem", "DebriefQuestion", "RolePlay", "roleplay_ids", "load_roleplay", "load_roleplays"]


@dataclass(frozen=True)
class RoleBrief:
    id: str
    title: str
    side: str  # a scenario party side ("us", "russia") or "" for the mediator and observers
    required: bool
    public: str  # one line everyone reads (the general instructions list every role)
    confidential: str  # this role's brief: only in its own handout and the instructor's packet
    points: tuple[tuple[tuple[str, float], ...], ...]  # per scenario issue: (option id, points), in the scenario's order
    sources: tuple[Source, ...]

    @property
    def has_points(self) -> bool:
        return bool(self.points)


@dataclass(frozen=True)
class SurveyItem:
    id: str
    question: str  # answered on a 1-7 scale


@dataclass(frozen=True)
class DebriefQuestion:
    topic: str
    question: str
    listen_for: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class RolePlay:
    id: str
    title: str
    scenario: NegotiationScenario
    minutes: int
    summary: str
    general: str
    assumptions: str
    roles: tuple[RoleBrief, ...]
    survey: tuple[SurveyItem, ...]
    debrief: tuple[DebriefQuestion, ...]
    sources: tuple[Source, ...]
    as_of: PartialDate | None = None

    def role(self, role_id: str) -> RoleBrief:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(f"no role {role_id!r} in role-play {self.id!r} (roles: {', '.join(r.id for r in self.roles)})")

    @property
    def parties(self) -> tuple[RoleBrief, RoleBrief]:
        """The two delegations, in the scenario's party order (the chart's axes)."""
        by_side = {r.side: r for r in self.roles if r.side}
        a, b = self.scenario.parties
        return by_side[a.side], by_side[b.side]


def roleplay_ids(folder: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (_folder(folder) / "roleplay").glob("*.toml")))


def load_roleplay(roleplay_id: str, folder: str | os.PathLike[str] | None = None) -> RolePlay:
    """``roleplay/<roleplay_id>.toml``, checked against the scenario it names."""
    base = _folder(folder)
    path = base / "roleplay" / f"{roleplay_id}.toml"
    if not path.exists():
        known = ", ".join(roleplay_ids(folder)) or "none"
        raise DataError(f"{_display(path)}: no such role-play (known role-plays: {known})")
    scen_paths = sorted((base / "scenarios").glob("*.toml"))
    return _load_roleplay(path, base, _mtimes([path, *scen_paths]))


def load_roleplays(folder: str | os.PathLike[str] | None = None) -> tuple[RolePlay, ...]:
    """Every role-play in ``roleplay/``, by file name; all files' problems reported together."""
    return load_every(roleplay_ids(folder), lambda rid: load_roleplay(rid, folder))


class _Table(_Locator):
    """``_Locator`` for a single ``[name]`` table."""

    def __init__(self, text: str, name: str):
        super().__init__(text, name)
        pat = re.compile(r"^\s*\[\s*" + re.escape(name) + r"\s*\]")
        self.starts = [i for i, line in enumerate(self.lines) if pat.match(line)]


def _dotted_line(loc: _Locator, index: int, key: str) -> int | None:
    """The line of ``points.<key> = ...`` inside record ``index`` (dotted keys), else the record's."""
    if index >= len(loc.starts):
        return None
    start = loc.starts[index]
    end = loc.starts[index + 1] if index + 1 < len(loc.starts) else len(loc.lines)
    pat = re.compile(r'^\s*points\s*\.\s*"?' + re.escape(key) + r'"?\s*=')
    for i in range(start, end):
        if pat.match(loc.lines[i]):
            return i + 1
    return loc.field_line(index, "points")


def _records(data: Mapping, name: str, where: str, text: str, problems: _Problems, required: bool):
    raw = data.get(name)
    if raw is None:
        if required:
            problems.add(f"{where}: no [[{name}]] records")
        return []
    if not isinstance(raw, list):
        problems.add(f"{where}: '{name}' must be written as [[{name}]] records")
        return []
    loc = _Locator(text, name)
    out = []
    for i, item in enumerate(raw):
        line = loc.record_line(i)
        label = f"{where}, line {line}" if line else f"{where}, record {i + 1}"
        rid = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(rid, str) and rid:
            label += f" (id '{rid}')"
        rec = _Record(item if isinstance(item, Mapping) else {}, label, problems,
                      line_of=functools.partial(loc.field_line, i))
        out.append((i, rec, loc))
    return out


def _points(rec: _Record, index: int, loc: _Locator, scenario: NegotiationScenario | None, side: str):
    """A role's points table, checked against the scenario's issues and options (and, for a
    delegation, against the scenario's points for its side)."""
    table = rec.raw.get("points")
    if table is None:
        if side:
            rec.missing("points", "a points table per issue (points.<issue> = { <option> = 10, ... }) for a delegation")
        return ()
    if not isinstance(table, Mapping):
        rec.bad("points", table, "is not a table of issues (points.<issue> = { <option> = 10, ... })")
        return ()
    if scenario is None:
        return ()
    where_line = functools.partial(_dotted_line, loc, index)
    issue_ids = [i.id for i in scenario.issues]
    out = []
    side_index = next((k for k, p in enumerate(scenario.parties) if p.side == side), None)
    for extra in sorted(set(table) - set(issue_ids)):
        _bad_at(rec, where_line(extra), f"points.{extra}", extra,
                f"is not an issue of scenario '{scenario.id}' (expected: {', '.join(issue_ids)})")
    for issue in scenario.issues:
        opts = table.get(issue.id)
        option_ids = [o.id for o in issue.options]
        if opts is None:
            _bad_at(rec, where_line(issue.id), "points", sorted(table),
                    f"has no points for issue '{issue.id}' (expected points.{issue.id} = {{ "
                    + ", ".join(f'"{o}" = ...' for o in option_ids) + " })")
            continue
        if not isinstance(opts, Mapping):
            _bad_at(rec, where_line(issue.id), f"points.{issue.id}", opts, "is not a table of options and points")
            continue
        line = where_line(issue.id)
        for extra in sorted(set(opts) - set(option_ids)):
            _bad_at(rec, line, f"points.{issue.id}", extra,
                    f"is not an option of issue '{issue.id}' (expected: {', '.join(option_ids)})")
        row = []
        for o in issue.options:
            v = opts.get(o.id)
            if v is None:
                _bad_at(rec, line, f"points.{issue.id}", dict(opts), f"has no points for option '{o.id}'")
                continue
            if not is_finite_number(v):
                _bad_at(rec, line, f"points.{issue.id}.{o.id}", v, "is not a finite number")
                continue
            if side_index is not None and float(v) != o.points[side_index]:
                _bad_at(rec, line, f"points.{issue.id}.{o.id}", v,
                        f"differs from scenario '{scenario.id}', which gives side '{side}' {o.points[side_index]:g} "
                        "(a delegation's brief must score deals as the course does)")
            row.append((o.id, float(v)))
        out.append(tuple(row))
    return tuple(out)


def _bad_at(rec: _Record, line: int | None, field: str, value: Any, expected: str) -> None:
    """Like ``rec.bad`` but at a known line (dotted ``points.<issue>`` keys)."""
    rec.ok = False
    shown = repr(value) if not isinstance(value, str) or len(value) < 80 else repr(value[:77] + "...")
    head = rec.where.split(",")[0]
    loc = f"{head}, line {line}{rec._suffix()}" if line else rec.where
    rec.problems.add(f"{loc}, field '{field}': {shown} {expected}")


@functools.lru_cache(maxsize=8)
def _load_roleplay(path: Path, base: Path, _stamp) -> RolePlay:
    problems = _Problems()
    data, text = _read_toml(path)
    where = _display(path)
    head = data.get("roleplay")
    if not isinstance(head, Mapping):
        raise DataError(f"{where}: no [roleplay] table (expected id, title, scenario, minutes, summary, general, assumptions, sources)")
    hloc = _Table(text, "roleplay")
    hrec = _Record(head, where, problems, line_of=functools.partial(hloc.field_line, 0))
    rid = hrec.ident("id")
    if rid and rid != path.stem:
        hrec.bad("id", rid, f"does not match the file name (expected '{path.stem}')")
    scenario_id = hrec.ident("scenario")
    scenario = None
    if scenario_id:
        known = scenario_ids(base)
        if scenario_id not in known:
            hrec.bad("scenario", scenario_id, f"is not a scenario in scenarios/ (known: {', '.join(known) or 'none'})")
        else:
            try:
                scenario = load_scenario(scenario_id, base)
            except DataError as exc:
                hrec.bad("scenario", scenario_id, f"names a scenario that does not load ({exc.problems[0]})")
    minutes = hrec.integer("minutes")
    if hrec.has("minutes") and not 10 <= minutes <= 240:
        hrec.bad("minutes", minutes, "is not a length of talks from 10 to 240 minutes")
    title, summary = hrec.text("title"), hrec.text("summary")
    general, assumptions = hrec.text("general"), hrec.text("assumptions")
    sources, as_of = hrec.sources(), hrec.date("as_of", required=False)

    sides = tuple(p.side for p in scenario.parties) if scenario else ()
    roles: list[RoleBrief] = []
    seen: list[tuple[str, str]] = []
    for i, rec, loc in _records(data, "roles", where, text, problems, required=True):
        role_id = rec.ident("id")
        seen.append((role_id, rec.where))
        side = rec.text("side", required=False)
        if side and sides and side not in sides:
            rec.bad("side", side, f"is not a party of scenario '{scenario_id}' (expected one of: {', '.join(sides)}, or no side)")
            side = ""
        roles.append(RoleBrief(
            id=role_id, title=rec.text("title"), side=side, required=rec.boolean("required", default=True),
            public=rec.text("public"), confidential=rec.text("confidential"),
            points=_points(rec, i, loc, scenario, side), sources=rec.sources(),
        ))
    _check_unique(seen, problems, "role")
    for s in sides:
        n = sum(1 for r in roles if r.side == s)
        if n != 1:
            problems.add(f"{where}: expected exactly one role with side = \"{s}\" (found {n})")
    if roles and not any(not r.side for r in roles if r.required):
        problems.add(f"{where}: no required role without a side (expected a mediator)")

    survey: list[SurveyItem] = []
    seen = []
    for _, rec, _ in _records(data, "survey", where, text, problems, required=True):
        sid = rec.ident("id")
        seen.append((sid, rec.where))
        survey.append(SurveyItem(sid, rec.text("question")))
    _check_unique(seen, problems, "survey question")
    debrief = [DebriefQuestion(rec.text("topic"), rec.text("question"), rec.text("listen_for"),
                               rec.sources(required=False))
               for _, rec, _ in _records(data, "debrief", where, text, problems, required=True)]
    problems.raise_if_any()
    return RolePlay(id=rid, title=title, scenario=scenario, minutes=minutes, summary=summary, general=general,
                    assumptions=assumptions, roles=tuple(roles), survey=tuple(survey), debrief=tuple(debrief),
                    sources=sources, as_of=as_of)

"""Mediation case studies (``cases.toml`` / ``cases/*.toml``), with lesson 4's phases and factor codings.

A case may carry ``[[cases.phases]]`` (dated steps: talks opened, interim deals, signature, ...) and
``[[cases.factors]]`` (one coding per factor of ``CASE_FACTORS``). A case that codes any factor must code
all of them, once each, so that cases can be compared side by side. Messages name the file, the line of
the phase or factor table and the field.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Mapping

from .errors import DataError, _Problems
from .fields import _Record, _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _read_toml, _toml_files
from .records import (
    CASE_FACTORS,
    CASE_PHASE_KINDS,
    CASE_STATUSES,
    FACTOR_LEVELS,
    MEDIATOR_TYPES,
    Case,
    CasePhase,
    FactorCoding,
)
from .refs import _check_refs, _ids


def load_cases(folder: str | os.PathLike[str] | None = None) -> tuple[Case, ...]:
    """``cases.toml`` and/or ``cases/*.toml``: ``[[cases]]`` records (the mediation case studies)."""
    base = _folder(folder)
    files = _toml_files(base, "cases")
    if not files:
        raise DataError(f"{_display(base)}: no cases.toml file or cases/ folder")
    return _load_cases(tuple(files), _mtimes(files), _ids(base, "players"), _ids(base, "events"))


class _SubRecord(_Record):
    """A ``[[cases.<table>]]`` table: messages say which case and which phase or factor it is."""

    def __init__(self, raw, where, problems, line_of, label: str):
        super().__init__(raw, where, problems, line_of=line_of)
        self.label = label

    def _suffix(self) -> str:
        return f" ({self.label})"


def _sub_lines(text: str, table: str = "cases") -> list[dict[str, list[int]]]:
    """For each ``[[table]]`` record (by index): the 0-based line of each of its sub-table headers."""
    out: list[dict[str, list[int]]] = []
    head = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"(?:\.(\w+))?\s*\]\]")
    for i, line in enumerate(text.splitlines()):
        m = head.match(line)
        if not m:
            continue
        if m.group(1) is None:
            out.append({})
        elif out:
            out[-1].setdefault(m.group(1), []).append(i)
    return out


def _line_in(lines: list[str], start: int | None, name: str) -> int | None:
    """1-based line of ``name = ...`` in the table that starts at 0-based line ``start``."""
    if start is None:
        return None
    pat = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
    for i in range(start + 1, len(lines)):
        if lines[i].lstrip().startswith("["):
            break
        if pat.match(lines[i]):
            return i + 1
    return start + 1


def _subtables(rec: _Record, name: str, what: str, starts: list[int], lines: list[str], case_id: str,
               table: str = "cases"):
    value = rec.raw.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        rec.bad(name, value, f"must be written as [[{table}.{name}]] tables")
        return []
    subs = []
    for i, raw in enumerate(value):
        start = starts[i] if i < len(starts) else None
        owner = {"cases": "case", "treaties": "treaty"}.get(table, table)
        label = f"{owner} '{case_id}', {what} {i + 1}" if case_id else f"{what} {i + 1}"
        if not isinstance(raw, Mapping):
            rec.bad(name, raw, f"({what} {i + 1}) is not a table")
            continue
        subs.append(_SubRecord(raw, rec.where, rec.problems, functools.partial(_line_in, lines, start), label))
    return subs


def _phases(rec: _Record, starts, lines, case_id) -> tuple[CasePhase, ...]:
    out = []
    for sub in _subtables(rec, "phases", "phase", starts, lines, case_id):
        p = CasePhase(
            kind=sub.choice("kind", CASE_PHASE_KINDS),
            date=sub.date("date"),  # type: ignore[arg-type]
            title=sub.text("title"),
            sources=sub.sources(),
        )
        if sub.ok:
            out.append(p)
        else:
            rec.ok = False
    return tuple(sorted(out, key=lambda p: p.date))


def _factors(rec: _Record, starts, lines, case_id) -> tuple[FactorCoding, ...]:
    out: list[FactorCoding] = []
    for sub in _subtables(rec, "factors", "factor", starts, lines, case_id):
        f = FactorCoding(
            factor=sub.choice("factor", CASE_FACTORS),
            level=sub.choice("level", FACTOR_LEVELS),
            text=sub.text("text"),
            judgement=sub.boolean("judgement", False),
            sources=sub.sources(),
        )
        if f.factor and any(o.factor == f.factor for o in out):
            sub.bad("factor", f.factor, "is coded twice for this case (code each factor once)")
        if sub.ok:
            out.append(f)
        else:
            rec.ok = False
    if rec.raw.get("factors") is not None and rec.ok:
        missing = [name for name in CASE_FACTORS if not any(f.factor == name for f in out)]
        if missing:
            rec.bad("factors", ", ".join(missing), "are not coded (a case that codes factors codes all of: "
                    + ", ".join(CASE_FACTORS) + ")")
    order = {name: i for i, name in enumerate(CASE_FACTORS)}
    return tuple(sorted(out, key=lambda f: order.get(f.factor, 99)))


@functools.lru_cache(maxsize=16)
def _load_cases(files, _stamp, players, events) -> tuple[Case, ...]:
    problems = _Problems()
    cases: list[Case] = []
    where_ids = []
    for path in files:
        _, text = _read_toml(Path(path))
        lines = text.splitlines()
        subs = _sub_lines(text)
        for index, rec in enumerate(_toml_records(path, "cases", problems)):
            starts: dict[str, list[int]] = subs[index] if index < len(subs) else {}
            parties = rec.text_list("parties", required=True)
            mediators = rec.text_list("mediators")
            evs = rec.text_list("events")
            _check_refs(rec, "parties", parties, players, "player")
            _check_refs(rec, "mediators", mediators, players, "player")
            _check_refs(rec, "events", evs, events, "event")
            case_id = rec.ident()
            status = rec.choice("status", CASE_STATUSES, required=False)
            c = Case(
                id=case_id,
                title=rec.text("title"),
                start=rec.date("start"),  # type: ignore[arg-type]
                end=rec.date("end", required=False),
                place=rec.text("place", required=False),
                parties=parties,
                mediators=mediators,
                summary=rec.text("summary"),
                outcome=rec.text("outcome"),
                lessons=rec.text_list("lessons", required=True),
                events=evs,
                sources=rec.sources(),
                mediator_type=rec.choice("mediator_type", MEDIATOR_TYPES, required=False),
                status=status,
                # An outcome that can still change says when it was last checked.
                status_as_of=rec.date("status_as_of", required=bool(status)),
                status_note=rec.text("status_note", required=False),
                phases=_phases(rec, starts.get("phases", []), lines, case_id),
                factors=_factors(rec, starts.get("factors", []), lines, case_id),
            )
            _check_case(rec, c)
            where_ids.append((c.id, rec.where.split(" (id")[0]))
            if rec.ok:
                cases.append(c)
    _check_unique(where_ids, problems, "case")
    problems.raise_if_any()
    return tuple(sorted(cases, key=lambda c: c.start))


def _check_case(rec: _Record, c: Case) -> None:
    if c.start and c.end and c.end < c.start:
        rec.bad("end", str(c.end), f"is before the case's start ({c.start})")
    if c.mediators and c.mediator_type == "none":
        rec.bad("mediator_type", "none", "contradicts the case's mediators (leave them empty or name the type)")
    if c.phases and c.start:
        first = c.phases[0]
        if first.date < c.start:
            rec.bad("start", str(c.start), f"is after the case's first phase ({first.kind}, {first.date})")

"""Mediation case studies (``cases.toml`` / ``cases/*.toml``)."""

from __future__ import annotations

import functools
import os

from .errors import DataError, _Problems
from .fields import _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _toml_files
from .records import Case
from .refs import _check_refs, _ids


def load_cases(folder: str | os.PathLike[str] | None = None) -> tuple[Case, ...]:
    """``cases.toml`` and/or ``cases/*.toml``: ``[[cases]]`` records (the mediation case studies)."""
    base = _folder(folder)
    files = _toml_files(base, "cases")
    if not files:
        raise DataError(f"{_display(base)}: no cases.toml file or cases/ folder")
    return _load_cases(tuple(files), _mtimes(files), _ids(base, "players"), _ids(base, "events"))


@functools.lru_cache(maxsize=16)
def _load_cases(files, _stamp, players, events) -> tuple[Case, ...]:
    problems = _Problems()
    cases: list[Case] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "cases", problems):
            parties = rec.text_list("parties", required=True)
            mediators = rec.text_list("mediators")
            evs = rec.text_list("events")
            _check_refs(rec, "parties", parties, players, "player")
            _check_refs(rec, "mediators", mediators, players, "player")
            _check_refs(rec, "events", evs, events, "event")
            c = Case(
                id=rec.ident(),
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
            )
            where_ids.append((c.id, rec.where.split(" (id")[0]))
            if rec.ok:
                cases.append(c)
    _check_unique(where_ids, problems, "case")
    problems.raise_if_any()
    return tuple(sorted(cases, key=lambda c: c.start))

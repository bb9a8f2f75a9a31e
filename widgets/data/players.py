"""Players (``players.toml`` / ``players/*.toml``): people, states and organisations with their roles."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Mapping

from .errors import DataError, _Problems
from .fields import _Record, _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _toml_files
from .records import OFFICES, PLAYER_KINDS, ROLE_KINDS, Player, Role
from .refs import _check_refs, _ids


# The fields of a [[players]] record and of its [[players.roles]]: any other is reported.
PLAYER_FIELDS = ("id", "name", "kind", "country", "profile", "roles", "negotiations", "sources", "portrait",
                 "portrait_licence")
ROLE_FIELDS = ("title", "kind", "organisation", "start", "end", "office", "acting", "as_of")


def _roles(rec: _Record) -> tuple[Role, ...]:
    value = rec.raw.get("roles")
    if not value:
        rec.missing("roles", "at least one [[players.roles]] table")
        return ()
    if not isinstance(value, list):
        rec.bad("roles", value, "must be written as [[players.roles]] tables")
        return ()
    out = []
    for i, raw in enumerate(value, 1):
        if not isinstance(raw, Mapping):
            rec.bad("roles", raw, f"(role {i}) is not a table with title, kind, organisation and start")
            continue
        sub = _Record(raw, rec.where + f", role {i}", rec.problems, known=ROLE_FIELDS)
        role = Role(
            title=sub.text("title"),
            kind=sub.choice("kind", ROLE_KINDS),
            organisation=sub.text("organisation"),
            start=sub.date("start"),  # type: ignore[arg-type]
            end=sub.date("end", required=False),
            office=sub.choice("office", OFFICES, required=False),
            acting=sub.boolean("acting"),
            as_of=sub.date("as_of", required=False),
        )
        if role.start and role.end and role.end < role.start:
            sub.bad("end", str(role.end), f"is before the role's start ({role.start})")
        if role.end is None and role.as_of is None and sub.ok:
            sub.missing("as_of", "an 'as_of' date for a role with no end (when was it last checked?)")
        if sub.ok:
            out.append(role)
        else:
            rec.ok = False
    return tuple(sorted(out, key=lambda r: r.start))


def load_players(folder: str | os.PathLike[str] | None = None) -> tuple[Player, ...]:
    """``players.toml`` and/or ``players/*.toml``: ``[[players]]`` records, sorted by name."""
    base = _folder(folder)
    files = _toml_files(base, "players")
    if not files:
        raise DataError(f"{_display(base)}: no players.toml file or players/ folder")
    events = _ids(base, "events")
    return _load_players(tuple(files), _mtimes(files), events)


@functools.lru_cache(maxsize=16)
def _load_players(files: tuple[Path, ...], _stamp, events: frozenset[str] | None) -> tuple[Player, ...]:
    problems = _Problems()
    players: list[Player] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "players", problems, known=PLAYER_FIELDS):
            negotiations = rec.text_list("negotiations")
            _check_refs(rec, "negotiations", negotiations, events, "event")
            p = Player(
                id=rec.ident(),
                name=rec.text("name"),
                kind=rec.choice("kind", PLAYER_KINDS),
                country=rec.text("country"),
                profile=rec.text("profile"),
                roles=_roles(rec),
                negotiations=negotiations,
                sources=rec.sources(),
                portrait=rec.text("portrait", required=False),
                portrait_licence=rec.text("portrait_licence", required=False),
            )
            if p.portrait and not p.portrait_licence:
                rec.missing("portrait_licence", "the licence of the portrait (public domain or free licence)")
            where_ids.append((p.id, rec.where.split(" (id")[0]))
            if rec.ok:
                players.append(p)
    _check_unique(where_ids, problems, "player")
    problems.raise_if_any()
    return tuple(sorted(players, key=lambda p: (p.name.lower(), p.id)))

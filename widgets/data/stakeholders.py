"""Stakeholder placements (``stakeholders.csv``): interest and influence per negotiation and player."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import _Problems
from .fields import _Record
from .files import _display, _folder, _mtimes, read_csv
from .records import Placement
from .refs import _check_refs, _ids


def load_stakeholders(folder: str | os.PathLike[str] | None = None) -> tuple[Placement, ...]:
    """``stakeholders.csv``: negotiation, player, interest, influence, justification, source_title, source_url."""
    base = _folder(folder)
    path = base / "stakeholders.csv"
    return _load_stakeholders(path, _mtimes([path]), _ids(base, "players"), _ids(base, "events"))


@functools.lru_cache(maxsize=16)
def _load_stakeholders(path: Path, _stamp, players, events) -> tuple[Placement, ...]:
    problems = _Problems()
    out = []
    seen: dict[tuple[str, str], int] = {}
    cols = ("negotiation", "player", "interest", "influence", "justification", "source_title", "source_url")
    for row_no, row in read_csv(path, cols):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        negotiation = rec.ident("negotiation")
        player = rec.ident("player")
        _check_refs(rec, "negotiation", (negotiation,) if negotiation else (), events, "event")
        _check_refs(rec, "player", (player,) if player else (), players, "player")
        p = Placement(
            negotiation=negotiation,
            player=player,
            interest=rec.number("interest", lo=0, hi=10),
            influence=rec.number("influence", lo=0, hi=10),
            justification=rec.text("justification"),
            source=rec.csv_source(),  # type: ignore[arg-type]
        )
        key = (negotiation, player)
        if key in seen:
            rec.bad("player", player, f"is placed twice for {negotiation!r} (first in row {seen[key]})")
        seen[key] = row_no
        if rec.ok:
            out.append(p)
    problems.raise_if_any()
    return tuple(out)

"""US–Soviet / US–Russian arms-control agreements and their whole life (``treaties.toml``), lesson 4.

Each ``[[treaties]]`` record has ``[[treaties.events]]``: signature, ratification, entry into force,
suspension, withdrawal notice, withdrawal, expiry and the like, each dated and sourced. Messages name
the file, the line of the event table and the field. Whether a treaty is in force on a given day is
worked out from these events by ``widgets.cases.treaty_life`` (pure functions), not stored.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .cases import _sub_lines, _subtables
from .dates import PartialDate
from .errors import DataError, _Problems
from .fields import _Record, _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _read_toml
from .records import Source

TREATY_KINDS: tuple[str, ...] = ("bilateral", "multilateral")
TREATY_EVENT_KINDS: tuple[str, ...] = (
    "signature",
    "ratification",
    "rejection",
    "entry-into-force",
    "extension",
    "suspension",
    "withdrawal-notice",
    "withdrawal",
    "ratification-revoked",
    "expiry",
    "termination",
)
# Who an event is about: one side, or both ("both" for joint acts such as signature or entry into force).
TREATY_PARTIES: tuple[str, ...] = ("both", "us", "ussr", "russia")
# Events after which the treaty is no longer in force between the United States and the USSR/Russia.
ENDING_KINDS: frozenset[str] = frozenset({"withdrawal", "expiry", "termination"})


@dataclass(frozen=True)
class TreatyEvent:
    kind: str  # one of TREATY_EVENT_KINDS
    party: str  # one of TREATY_PARTIES
    date: PartialDate
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Treaty:
    id: str
    name: str
    full_name: str
    kind: str
    summary: str
    sources: tuple[Source, ...]
    events: tuple[TreatyEvent, ...]  # in date order

    def first(self, kind: str) -> TreatyEvent | None:
        return next((e for e in self.events if e.kind == kind), None)


def load_treaties(folder: str | os.PathLike[str] | None = None) -> tuple[Treaty, ...]:
    """``treaties.toml``: ``[[treaties]]`` records with ``[[treaties.events]]``, in order of signature."""
    base = _folder(folder)
    path = base / "treaties.toml"
    if not path.is_file():
        raise DataError(f"{_display(base)}: no treaties.toml file")
    return _load_treaties(path, _mtimes([path]))


def _events(rec: _Record, starts, lines, treaty_id) -> tuple[TreatyEvent, ...]:
    out = []
    for sub in _subtables(rec, "events", "event", starts, lines, treaty_id, table="treaties"):
        e = TreatyEvent(
            kind=sub.choice("kind", TREATY_EVENT_KINDS),
            party=sub.choice("party", TREATY_PARTIES, required=False, default="both") or "both",
            date=sub.date("date"),  # type: ignore[arg-type]
            note=sub.text("note", required=False),
            sources=sub.sources(),
        )
        if sub.ok:
            out.append(e)
        else:
            rec.ok = False
    if rec.raw.get("events") is None:
        rec.missing("events", "[[treaties.events]] tables: at least the signature")
    return tuple(sorted(out, key=lambda e: e.date))


def _check_life(rec: _Record, t: Treaty) -> None:
    if t.events and not any(e.kind == "signature" for e in t.events):
        rec.bad("events", t.id, "has no 'signature' event")
    eif = [e for e in t.events if e.kind == "entry-into-force"]
    if len(eif) > 1:
        rec.bad("events", [str(e.date) for e in eif], "has more than one 'entry-into-force' event")
    signed = t.first("signature")
    if eif and signed and eif[0].date < signed.date:
        rec.bad("events", str(eif[0].date), f"entry into force is before the signature ({signed.date})")
    for e in t.events:
        if e.kind in ENDING_KINDS | {"suspension"} and eif and e.date < eif[0].date and e.kind != "withdrawal":
            rec.bad("events", str(e.date), f"'{e.kind}' is before the entry into force ({eif[0].date})")


@functools.lru_cache(maxsize=8)
def _load_treaties(path: Path, _stamp) -> tuple[Treaty, ...]:
    problems = _Problems()
    treaties: list[Treaty] = []
    where_ids = []
    _, text = _read_toml(path)
    lines = text.splitlines()
    subs = _sub_lines(text, "treaties")
    for index, rec in enumerate(_toml_records(path, "treaties", problems)):
        starts = subs[index] if index < len(subs) else {}
        treaty_id = rec.ident()
        t = Treaty(
            id=treaty_id,
            name=rec.text("name"),
            full_name=rec.text("full_name", required=False),
            kind=rec.choice("kind", TREATY_KINDS),
            summary=rec.text("summary"),
            sources=rec.sources(),
            events=_events(rec, starts.get("events", []), lines, treaty_id),
        )
        _check_life(rec, t)
        where_ids.append((t.id, rec.where.split(" (id")[0]))
        if rec.ok:
            treaties.append(t)
    _check_unique(where_ids, problems, "treaty")
    problems.raise_if_any()
    return tuple(sorted(treaties, key=lambda t: (t.events[0].date if t.events else PartialDate(9999), t.id)))

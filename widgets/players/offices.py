"""Who held the four tracked offices when, and who negotiated an event (pure).

Used by :class:`~widgets.players.offices_view.OfficeLookup` and by lesson 2's checked cells
(``holders_text``, ``office_gaps``), and by :func:`player_sources` for a lesson's source list.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Sequence

from widgets.data import OFFICES, DataError, Event, Player, Role, load_players
from widgets.timeline.sources import SourceList
from widgets.ui.html import esc

from .model import OFFICE_LABELS, _day_text, role_span, sort_players, tenure_text

__all__ = [
    "holders_table_html",
    "holders_text",
    "is_handover",
    "negotiation_events",
    "negotiators",
    "office_gaps",
    "office_holders",
    "parse_day",
    "player_sources",
    "vacancy_text",
]


def parse_day(text: str | date) -> date:
    """A day from a ``date`` or 'YYYY-MM-DD' text; ValueError with a message for a person otherwise."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        raise ValueError("Type a date as YYYY-MM-DD (four-digit year, two-digit month and day).")
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or [len(p) for p in parts] != [4, 2, 2]:
        raise ValueError(f"“{raw}” is not a date written as YYYY-MM-DD (four-digit year, two-digit month and day).")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"“{raw}” is not a real calendar date (check the month and the day).") from None


def office_holders(
    day: date | str, players: Sequence[Player] | None = None, *, until: date | str | None = None
) -> dict[str, list[tuple[Player, Role]]]:
    """Who held each of the four tracked offices (``OFFICES``) on ``day``.

    Uses :meth:`Role.holds_on`: a holder's start and end days both count as days in office, so
    on a handover day *both* the outgoing and the incoming holder are listed (in order of their
    start). A day with no recorded holder gives an empty list: the office was vacant, or the
    data has no record for that day (before its first holder, or after the day an open term was
    last checked, its ``as_of``). Acting holders are included; their ``Role.acting`` is True.

    With ``until``, the result lists everyone who held the office at any time from ``day`` to
    ``until`` (for an event known only to the month or the year). ``players`` defaults to the
    course's own players. Raises ValueError for text that is not a YYYY-MM-DD date.
    """
    first = parse_day(day)
    last = parse_day(until) if until is not None else None
    if players is None:
        players = load_players()
    out: dict[str, list[tuple[Player, Role]]] = {office: [] for office in OFFICES}
    for p in players:
        for r in p.roles:
            if r.office not in out:
                continue
            if last is None:
                held = r.holds_on(first)
            else:
                a, b = role_span(r)
                held = a <= last and b >= first
            if held:
                out[r.office].append((p, r))
    for office in out:
        out[office].sort(key=lambda pr: (pr[1].start.key, pr[0].name))
    return out


def is_handover(day: date, holders: Sequence[tuple[Player, Role]]) -> bool:
    """True when one holder's term ends on ``day`` and another's starts on it."""
    ends = any(role_span(r)[1] == day for _, r in holders)
    starts = any(role_span(r)[0] == day for _, r in holders)
    return len(holders) > 1 and ends and starts


def _holder_name(player: Player, role: Role) -> str:
    return player.name + (" (acting)" if role.acting else "")


def vacancy_text(office: str, day: date, players: Sequence[Player]) -> str:
    """Why nobody is listed: before the first record, after the last check, or a recorded gap."""
    spans = [(role_span(r), r) for p in players for r in p.roles if r.office == office]
    if not spans:
        return "vacant or no record (no holder of this office is recorded)"
    if day < min(a for (a, _), _ in spans):
        return "vacant or no record (before the first recorded holder)"
    checked = [(r.as_of.last_day(), p) for p in players for r in p.roles
               if r.office == office and r.end is None and r.as_of is not None]
    if checked and day > max(b for (_, b), _ in spans):
        when, holder = max(checked, key=lambda c: c[0])
        return (f"no record after {_day_text(when)}, when {holder.name} held it "
                "(the course has not checked since)")
    if day > max(b for (_, b), _ in spans):
        return "vacant or no record (after the last recorded holder)"
    return "vacant or no record (no holder recorded on this day)"


def holders_text(day: date | str, players: Sequence[Player] | None = None) -> str:
    """The four office-holders on ``day`` as plain text, one office a line (what lesson 2 checks)."""
    d = parse_day(day)
    players = load_players() if players is None else players
    held = office_holders(d, players)
    lines = [f"{_day_text(d)}:"]
    for office in OFFICES:
        holders = held[office]
        if not holders:
            text = vacancy_text(office, d, players)
        else:
            text = "; ".join(_holder_name(p, r) for p, r in holders)
            if is_handover(d, holders):
                text += " (handover day: both count)"
            elif len(holders) > 1:
                text += " (both recorded as holding it on this day)"
        lines.append(f"  {OFFICE_LABELS[office]}: {text}")
    return "\n".join(lines)


def office_gaps(
    start: date | str, end: date | str, players: Sequence[Player] | None = None
) -> list[tuple[str, date, date]]:
    """Every stretch of days from ``start`` to ``end`` with no recorded holder of an office:
    (office, first day, last day), by office then date."""
    lo, hi = parse_day(start), parse_day(end)
    players = load_players() if players is None else players
    out = []
    for office in OFFICES:
        spans = sorted(role_span(r) for p in players for r in p.roles if r.office == office)
        cursor = lo
        for a, b in spans:
            if b < cursor:
                continue
            if a > hi:
                break
            if a > cursor:
                out.append((office, cursor, date.fromordinal(a.toordinal() - 1)))
            if b >= hi:
                cursor = None
                break
            cursor = date.fromordinal(b.toordinal() + 1)
        if cursor is not None and cursor <= hi:
            out.append((office, cursor, hi))
    return out


def negotiators(event_id: str, players: Sequence[Player]) -> tuple[Player, ...]:
    """The players whose ``negotiations`` include ``event_id``, by name."""
    return sort_players((p for p in players if event_id in p.negotiations), "name")


def negotiation_events(players: Sequence[Player], events: Sequence[Event]) -> tuple[Event, ...]:
    """The events that at least one player lists among their negotiations, by date."""
    used = {e for p in players for e in p.negotiations}
    return tuple(e for e in events if e.id in used)


def holders_table_html(held: Mapping[str, list[tuple[Player, Role]]], day: date, players: Sequence[Player],
                   highlight: frozenset[str] | set[str] = frozenset(), single_day: bool = True) -> str:
    rows = []
    for office in OFFICES:
        holders = held[office]
        if not holders:
            who = f"<em>{esc(vacancy_text(office, day, players))}</em>"
        else:
            items = []
            for p, r in holders:
                mark = " <strong>(also a negotiator of this event)</strong>" if p.id in highlight else ""
                items.append(f"{esc(_holder_name(p, r))}{mark}<br><small>{esc(r.title)}, {esc(tenure_text(r))}</small>")
            who = "<br>".join(items)
            if not single_day:
                pass
            elif is_handover(day, holders):
                who += "<br><strong>Handover day:</strong> both holders count on this day."
            elif len(holders) > 1:
                who += "<br><strong>More than one holder</strong> is recorded for this day."
        rows.append(f'<tr><th scope="row" style="text-align:left;padding-right:1em">{esc(OFFICE_LABELS[office])}</th>'
                    f"<td>{who}</td></tr>")
    return f'<table class="course-office-table">{"".join(rows)}</table>'



def player_sources(player_ids: Iterable[str], folder: str | os.PathLike[str] | None = None) -> Any:
    """The sources of the given players, each once, with the players they support, in the order
    given; renders as a list in a notebook (``SourceList``). An unknown id raises DataError, so a
    lesson's source list cannot drift from the data."""
    players = {p.id: p for p in load_players(folder)}
    ids = list(dict.fromkeys(player_ids))
    unknown = [i for i in ids if i not in players]
    if unknown:
        raise DataError(f"player_sources: no player with id {', '.join(repr(u) for u in unknown)} in the players "
                        "data (check the spelling against data/IDS.md)")
    order: dict[str, tuple[Any, list[str]]] = {}
    for pid in ids:
        for src in players[pid].sources:
            entry = order.setdefault(src.url, (src, []))
            if players[pid].name not in entry[1]:
                entry[1].append(players[pid].name)
    return SourceList([(src, tuple(names)) for src, names in order.values()])

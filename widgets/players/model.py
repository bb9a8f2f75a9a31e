"""The players' model: dates in office, the deck's filters and sorting, comparisons, tenure bars (pure).

No widget library is imported here: the views (:mod:`widgets.players.deck_view` and the others)
and the tests call these functions with plain records from :mod:`widgets.data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping, Sequence

from widgets.data import ROLE_KINDS, Event, PartialDate, Player, Role
from widgets.ui.html import esc, fold, wrap

__all__ = [
    "OFFICE_LABELS",
    "SORT_KEYS",
    "filter_players",
    "no_match_message",
    "overlap_in_office",
    "overlap_text",
    "role_kind_label",
    "role_span",
    "role_title",
    "short_date",
    "sort_players",
    "tenure_bars",
    "tenure_text",
]

OFFICE_LABELS: dict[str, str] = {
    "us-president": "US President",
    "us-secretary-of-state": "US Secretary of State",
    "soviet-russian-leader": "Soviet/Russian leader",
    "soviet-russian-foreign-minister": "Soviet/Russian foreign minister",
}
SORT_KEYS: dict[str, str] = {
    "name": "Name",
    "first-year": "First year in office",
    "negotiations": "Number of negotiations",
}
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


# ---------------------------------------------------------------- small text helpers


def short_date(d: PartialDate) -> str:
    """'20 Jan 1981', 'Jan 1981' or '1981': only the precision the data gives."""
    if d.day:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"  # type: ignore[operator]
    if d.month:
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def _day_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def role_kind_label(kind: str) -> str:
    """'foreign-minister' -> 'Foreign minister'."""
    return kind.replace("-", " ").capitalize()


def tenure_text(role: Role) -> str:
    """'20 Jan 1981 – 20 Jan 1989', or 'since 20 Jan 2025 (as of 23 Jan 2026)' for a role still held."""
    if role.end is not None:
        if role.end == role.start:
            return short_date(role.start)
        return f"{short_date(role.start)} – {short_date(role.end)}"
    text = f"since {short_date(role.start)}"
    return text + (f" (as of {short_date(role.as_of)})" if role.as_of else "")


def role_title(role: Role) -> str:
    return f"{role.title} (acting)" if role.acting and "acting" not in role.title.lower() else role.title


def _event_label(event: Event | None, event_id: str) -> str:
    return f"{event.title} ({event.date.year})" if event else event_id



# ---------------------------------------------------------------- spans (dates in office)


def role_span(role: Role) -> tuple[date, date]:
    """First and last day of a role: the end day, or the last day it was checked for a role still held.

    Start and end days both count (a handover day belongs to both holders). A role with neither
    ``end`` nor ``as_of`` (the data layer refuses it, but a hand-made record may have one) is open.
    """
    first = role.start.first_day()
    if role.end is not None:
        return first, role.end.last_day()
    if role.as_of is not None:
        return first, max(first, role.as_of.last_day())
    return first, date.max


def _spans(player: Player) -> tuple[tuple[str, int, int], ...]:
    out = []
    for role in player.roles:
        a, b = role_span(role)
        out.append((role.kind, a.year, b.year))
    return tuple(out)


# ---------------------------------------------------------------- filtering and sorting


@dataclass(frozen=True)
class _Index:
    """Per-player values computed once, so that filtering only compares."""

    players: tuple[Player, ...]
    country: tuple[str, ...]
    spans: tuple[tuple[tuple[str, int, int], ...], ...]
    haystack: tuple[str, ...]


def _haystack(p: Player, event_titles: Mapping[str, str]) -> str:
    parts = [p.name, p.country, p.kind, p.profile]
    for r in p.roles:
        parts += [r.title, r.organisation, role_kind_label(r.kind)]
    parts += [event_titles.get(e, e) for e in p.negotiations]
    return fold(" \n ".join(parts))


def _index(players: Sequence[Player], event_titles: Mapping[str, str] | None = None) -> _Index:
    titles = event_titles or {}
    return _Index(
        players=tuple(players),
        country=tuple(p.country for p in players),
        spans=tuple(_spans(p) for p in players),
        haystack=tuple(_haystack(p, titles) for p in players),
    )


def _matching(ix: _Index, country: str | None, role_kind: str | None, year: int | None, query: str) -> list[int]:
    words = fold(query or "").split()
    out = []
    for i in range(len(ix.players)):
        if country and ix.country[i] != country:
            continue
        if role_kind or year is not None:
            if not any(
                (not role_kind or kind == role_kind) and (year is None or first <= year <= last)
                for kind, first, last in ix.spans[i]
            ):
                continue
        if words:
            hay = ix.haystack[i]
            if not all(w in hay for w in words):
                continue
        out.append(i)
    return out


def filter_players(
    players: Sequence[Player],
    country: str | None = None,
    role_kind: str | None = None,
    year: int | None = None,
    query: str = "",
    event_titles: Mapping[str, str] | None = None,
) -> tuple[Player, ...]:
    """The players that pass every given filter, in their original order.

    * ``country``: exactly this ``Player.country``;
    * ``role_kind``: at least one role of this kind (one of ``ROLE_KINDS``);
    * ``year``: at least one role held at some time in that year ("in office in 1987"); with
      ``role_kind`` too, the same role must match both ("foreign ministers in office in 1987");
    * ``query``: every word appears (ignoring case and accents) in the name, country, profile,
      role titles and organisations, or in the titles of the player's negotiations when
      ``event_titles`` (event id -> title) is given.

    ``None`` or an empty query means "no filter".
    """
    ix = _index(players, event_titles)
    return tuple(ix.players[i] for i in _matching(ix, country, role_kind, year, query))


def _first_start(p: Player, role_kind: str | None = None) -> tuple[int, int, int] | None:
    return min((r.start.key for r in p.roles if not role_kind or r.kind == role_kind), default=None)


def _sort_key(key: str, role_kind: str | None = None) -> Callable[[Player], Any]:
    name = lambda p: (fold(p.name), p.id)  # noqa: E731
    if key == "name":
        return name
    if key == "first-year":
        def first(p: Player) -> tuple:
            start = _first_start(p, role_kind) or _first_start(p)
            return (start is None, start or (0, 0, 0), name(p))

        return first
    if key == "negotiations":
        return lambda p: (-len(p.negotiations), name(p))
    raise ValueError(f"unknown sort key {key!r} (expected one of: {', '.join(SORT_KEYS)})")


def sort_players(players: Iterable[Player], key: str = "name", role_kind: str | None = None) -> tuple[Player, ...]:
    """Players sorted by ``key``: 'name' (A–Z), 'first-year' (earliest role first; players
    without roles last) or 'negotiations' (most first). Ties are broken by name, then id.

    With ``role_kind`` (the deck passes its role filter), 'first-year' looks at the roles of that
    kind: foreign ministers are ordered by their first year as foreign minister."""
    return tuple(sorted(players, key=_sort_key(key, role_kind)))


def no_match_message(
    country: str | None = None, role_kind: str | None = None, year: int | None = None, query: str = ""
) -> str:
    """What to say when no player passes the filters: the filters in words, and what to try."""
    parts = []
    if country:
        parts.append(f"country {country}")
    if role_kind:
        parts.append(f"role {role_kind_label(role_kind).lower()}")
    if year is not None:
        parts.append(f"in office in {year}")
    if query.strip():
        parts.append(f"search “{query.strip()}”")
    if not parts:
        return "There are no players in the data."
    return (
        "No player matches all of: " + "; ".join(parts) + ". Remove a filter, check the spelling, "
        "or press “Show everyone”."
    )


# ---------------------------------------------------------------- comparison


def overlap_in_office(a: Player, b: Player) -> list[tuple[date, date, Role, Role]]:
    """Every pair of roles (one of ``a``'s, one of ``b``'s) held at the same time: (first day,
    last day, role of a, role of b), in time order. Start and end days count as days in office."""
    out = []
    for ra in a.roles:
        a0, a1 = role_span(ra)
        for rb in b.roles:
            b0, b1 = role_span(rb)
            lo, hi = max(a0, b0), min(a1, b1)
            if lo <= hi:
                out.append((lo, hi, ra, rb))
    return sorted(out, key=lambda t: (t[0], t[1]))


def _merged_days(periods: Iterable[tuple[date, date]]) -> int:
    total, cur = 0, None
    for lo, hi in sorted(periods):
        if cur and lo <= cur[1]:
            cur = (cur[0], max(cur[1], hi))
            continue
        if cur:
            total += (cur[1] - cur[0]).days + 1
        cur = (lo, hi)
    if cur:
        total += (cur[1] - cur[0]).days + 1
    return total


def overlap_text(a: Player, b: Player, limit: int = 4) -> str:
    """One line (or a few) on when two players held roles at the same time, in plain words."""
    if a.id == b.id:
        return "Choose two different players to compare."
    pairs = overlap_in_office(a, b)
    if not pairs:
        return f"{a.name} and {b.name} never held their recorded roles at the same time."
    days = _merged_days((lo, hi) for lo, hi, _, _ in pairs if hi != date.max)
    lines = [
        f"{_day_text(lo)} – {_day_text(hi) if hi != date.max else 'open'}: {a.name} as {role_title(ra)}, "
        f"{b.name} as {role_title(rb)}"
        for lo, hi, ra, rb in pairs[:limit]
    ]
    more = f" (and {len(pairs) - limit} more)" if len(pairs) > limit else ""
    return (
        f"{a.name} and {b.name} held roles at the same time for {days:,} days in all{more}:\n"
        + "\n".join(lines)
    )


# ---------------------------------------------------------------- tenure chart


def _unique_labels(players: Sequence[Player]) -> dict[str, str]:
    seen: dict[str, int] = {}
    for p in players:
        seen[p.name] = seen.get(p.name, 0) + 1
    return {p.id: p.name if seen[p.name] == 1 else f"{p.name} ({p.country}, {p.id})" for p in players}


def tenure_labels(players: Sequence[Player]) -> dict[str, str]:
    """Player id -> the y-axis label of the tenure chart, escaped (plotly renders tick labels as HTML)."""
    return {pid: esc(label) for pid, label in _unique_labels(players).items()}


def _ms(a: date, b: date) -> float:
    """Length in milliseconds of the days a..b inclusive (plotly's unit for a date axis)."""
    return ((b - a).days + 1) * 86_400_000.0


def tenure_bars(players: Sequence[Player], kinds: Sequence[str] = ROLE_KINDS) -> dict[str, dict[str, list]]:
    """Bar data per role kind: for each role of each player, ``base`` (first day), ``x`` (length in
    ms), ``y`` (the player's label), ``text`` (short label on the bar) and ``hover`` (escaped)."""
    labels = tenure_labels(players)
    known = [role_span(r)[1] for p in players for r in p.roles if role_span(r)[1] != date.max]
    horizon = max(known, default=date(2000, 1, 1))
    out: dict[str, dict[str, list]] = {k: {"base": [], "x": [], "y": [], "text": [], "hover": []} for k in kinds}
    for p in players:
        for r in p.roles:
            if r.kind not in out:
                continue
            a, b = role_span(r)
            b = min(b, max(horizon, a))
            col = out[r.kind]
            col["base"].append(a.isoformat())
            col["x"].append(_ms(a, b))
            col["y"].append(labels[p.id])
            col["text"].append(esc(role_kind_label(r.kind) + (" (acting)" if r.acting else "")))
            col["hover"].append(
                f"<b>{esc(p.name)}</b><br>{wrap(esc(role_title(r)), 50)}<br>{esc(tenure_text(r))}"  # wrapped: fits the figure
            )
    return out

"""The timeline's model: labels, dates, the filters, eras, and who the actors are (pure).

No widget library is imported here: the view (:mod:`widgets.timeline.view`) and the tests call
these functions with plain records from :mod:`widgets.data`.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from widgets.data import EVENT_CATEGORIES, Era, Event, default_data_dir, load_eras, load_players
from widgets.ui.html import esc, fold, wrap
from widgets.ui.style import OKABE_ITO, SYMBOLS

__all__ = [
    "LIST_LIMIT",
    "category_label",
    "category_style",
    "date_text",
    "era_end",
    "era_of",
    "events_per_era",
    "filter_events",
    "hover_text",
    "list_label",
    "no_match_message",
    "player_names",
]

# The list under the chart is for browsing with the keyboard; past a few hundred
# entries it helps no one and costs a large message per filter update.
LIST_LIMIT = 300


# ---------------------------------------------------------------- small text helpers


def category_label(category: str) -> str:
    """'arms-control' -> 'Arms control'."""
    return category.replace("-", " ").replace("_", " ").capitalize()


def category_style(category: str) -> tuple[str, str]:
    """(colour, marker symbol) of a category: Okabe–Ito colours, and a symbol so colour is never the only cue."""
    k = EVENT_CATEGORIES.index(category) if category in EVENT_CATEGORIES else len(EVENT_CATEGORIES)
    return OKABE_ITO[k % len(OKABE_ITO)], SYMBOLS[k % len(SYMBOLS)]


def date_text(event: Event) -> str:
    """'9 November 1989', or '19 November 1985 – 21 November 1985' for a span."""
    text = event.date.display()
    if event.end_date and event.end_date != event.date:
        text += f" – {event.end_date.display()}"
    return text


def hover_text(event: Event) -> str:
    """The chart's hover label: title, date and category, escaped (plotly renders a few tags)."""
    extra = "<br>US and Russian accounts differ" if event.contested else ""
    # Wrapped: plotly never wraps a hover label, and a long title would run off the figure.
    return f"<b>{wrap(esc(event.title), 50)}</b><br>{esc(date_text(event))}<br>{esc(category_label(event.category))}{extra}"


def list_label(event: Event) -> str:
    return f"{event.date.display()}: {event.title}"


# ---------------------------------------------------------------- filtering


@dataclass(frozen=True)
class _Columns:
    """Per-event values computed once, so that filtering only compares and indexes."""

    events: tuple[Event, ...]
    category: tuple[str, ...]
    first_year: tuple[int, ...]
    last_year: tuple[int, ...]
    contested: tuple[bool, ...]


def _columns(events: Sequence[Event]) -> _Columns:
    return _Columns(
        events=tuple(events),
        category=tuple(e.category for e in events),
        first_year=tuple(e.date.year for e in events),
        last_year=tuple((e.end_date or e.date).year for e in events),
        contested=tuple(e.contested for e in events),
    )


def _haystacks(events: Sequence[Event], names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """What the search looks in, per event: title, summary and actors' names (ids without a name)."""
    names = names or {}
    return tuple(fold(" \n ".join([e.title, e.summary, *(names.get(a, a) for a in e.actors)])) for e in events)


def _matching(
    cols: _Columns,
    categories: Iterable[str] | None,
    years: tuple[int, int] | None,
    query: str,
    contested_only: bool = False,
    haystack: Callable[[], Sequence[str]] | None = None,
) -> list[int]:
    """Indices of the matching events; ``haystack`` supplies the search texts, only when a query needs them."""
    cats = None if categories is None else frozenset(categories)
    lo, hi = years if years is not None else (-(10**9), 10**9)
    if lo > hi:
        lo, hi = hi, lo
    terms = fold(query or "").split()
    hays = (haystack() if haystack is not None else _haystacks(cols.events)) if terms else ()
    out = []
    for i, cat in enumerate(cols.category):
        if cats is not None and cat not in cats:
            continue
        # An event counts when any part of it falls inside the years (a span may start earlier).
        if cols.first_year[i] > hi or cols.last_year[i] < lo:
            continue
        if contested_only and not cols.contested[i]:
            continue
        if terms:
            hay = hays[i]
            if not all(t in hay for t in terms):
                continue
        out.append(i)
    return out


def filter_events(
    events: Sequence[Event],
    categories: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
    query: str = "",
    *,
    names: Mapping[str, str] | None = None,
    contested_only: bool = False,
) -> tuple[Event, ...]:
    """The events that match every filter, in their original order.

    ``categories``: the categories to keep (None keeps all; an empty set keeps
    none). ``years``: inclusive (first, last) year; an event counts when any
    part of it falls inside. ``query``: every word must occur in the title, the
    summary or an actor's name (``names`` maps player ids to names; without a
    name the id is searched), ignoring case and accents.
    """
    cols = _columns(events)
    hay = functools.partial(_haystacks, cols.events, names)
    return tuple(cols.events[i] for i in _matching(cols, categories, years, query, contested_only, hay))


def no_match_message(
    categories: Iterable[str] | None,
    all_categories: Sequence[str],
    years: tuple[int, int] | None,
    query: str,
    contested_only: bool = False,
) -> str:
    """What to tell a student when no event matches the filters (plain text)."""
    cats = list(all_categories) if categories is None else [c for c in all_categories if c in set(categories)]
    parts = []
    if not cats:
        parts.append("no category is ticked")
    elif len(cats) < len(all_categories):
        parts.append("categories " + ", ".join(category_label(c) for c in cats))
    if years is not None:
        parts.append(f"years {min(years)}–{max(years)}")
    if query.strip():
        parts.append(f"search “{query.strip()}”")
    if contested_only:
        parts.append("only events with differing accounts")
    advice = "Clear the search or widen the years."
    if len(cats) < len(all_categories):
        advice += " Tick more categories."
    return f"No events match: {'; '.join(parts) or 'these filters'}. {advice}"



# ---------------------------------------------------------------- eras


def era_end(era: Era, events: Sequence[Event] = ()) -> date:
    """Last day of an era; an era still running ends at the latest event (or its start year)."""
    if era.end is not None:
        return era.end.last_day()
    latest = [(e.end_date or e.as_of or e.date).last_day() for e in events]
    return max([era.start.last_day(), *latest])


def era_of(event: Event, eras: Sequence[Era]) -> Era | None:
    """The era an event's start falls in; where eras meet, the later one."""
    day = event.date.first_day()
    found = None
    for era in eras:
        if era.start.first_day() <= day and (era.end is None or day <= era.end.last_day()):
            if found is None or era.start > found.start:
                found = era
    return found


def events_per_era(events: Sequence[Event], eras: Sequence[Era]) -> dict[str, int]:
    """Era id -> number of events in it (every era listed, in order); '' counts events outside every era."""
    counts = {era.id: 0 for era in eras}
    for e in events:
        era = era_of(e, eras)
        key = era.id if era else ""
        counts[key] = counts.get(key, 0) + 1
    return counts


# ---------------------------------------------------------------- loading helpers


def _has_players(folder: Path) -> bool:
    return (folder / "players.toml").exists() or any((folder / "players").glob("*.toml"))


def player_names(folder: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Player id -> name, from ``folder`` or else the course's own players; {} when there are none."""
    base = Path(folder) if folder is not None else default_data_dir()
    if _has_players(base):
        return {p.id: p.name for p in load_players(base)}
    if folder is not None and _has_players(default_data_dir()):
        return {p.id: p.name for p in load_players()}
    return {}


def _eras_or_none(folder: str | os.PathLike[str] | None) -> tuple[Era, ...]:
    base = Path(folder) if folder is not None else default_data_dir()
    return load_eras(base) if (base / "eras.csv").exists() else ()

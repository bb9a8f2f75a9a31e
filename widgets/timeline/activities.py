"""Activities on the events (pure): draw a set to put in order, score an order, say what was right.

The widgets that use them are in :mod:`widgets.timeline.activities_view`.
"""

from __future__ import annotations

import random
from typing import Sequence

from widgets.data import DataError, Event
from widgets.ui.html import esc

from .model import date_text

__all__ = ["draw_set", "order_feedback_html", "score_order"]


def _apart(a: Event, b: Event) -> bool:
    """True when the two events cannot be confused in time (their periods do not overlap)."""
    a_end, b_end = (a.end_date or a.date).last_day(), (b.end_date or b.date).last_day()
    return a_end < b.date.first_day() or b_end < a.date.first_day()


def draw_set(events: Sequence[Event], n: int, rng: random.Random) -> tuple[Event, ...]:
    """``n`` events whose dates do not overlap at their precision, returned in chronological order."""
    if n < 2:
        raise ValueError(f"an ordering set needs at least 2 events (got n={n})")
    pool = list(events)
    rng.shuffle(pool)
    chosen: list[Event] = []
    for ev in pool:
        if all(_apart(ev, c) for c in chosen):
            chosen.append(ev)
            if len(chosen) == n:
                return tuple(sorted(chosen, key=lambda e: (e.date.first_day(), e.id)))
    raise DataError(
        f"Only {len(chosen)} events with clearly separate dates are available; "
        f"an ordering set of {n} needs more events (or a smaller n)"
    )


def score_order(answer: Sequence[str], correct: Sequence[str]) -> float:
    """Share of pairs the student put in the right relative order (1.0 = fully right, 0.0 = reversed)."""
    if sorted(answer) != sorted(correct) or len(set(correct)) != len(correct):
        raise ValueError("the answer must contain each item of the correct order exactly once")
    n = len(correct)
    if n < 2:
        return 1.0
    pos = {item: k for k, item in enumerate(answer)}
    right = sum(pos[correct[i]] < pos[correct[j]] for i in range(n) for j in range(i + 1, n))
    return right / (n * (n - 1) // 2)


_ORDINALS = ("1st", "2nd", "3rd")


def _ordinal(k: int) -> str:
    return _ORDINALS[k - 1] if k <= 3 else f"{k}th"


def order_feedback_html(answer: Sequence[Event], correct: Sequence[Event], score: float) -> str:
    """Feedback in words: each event in the right order with its date and where the student put it."""
    placed = {e.id: k for k, e in enumerate(answer, 1)}
    right = sum(a.id == c.id for a, c in zip(answer, correct))
    if right == len(correct):
        head = f"Right: all {len(correct)} events are in order."
    else:
        head = (f"Not yet: {right} of {len(correct)} events are in the right place "
                f"({round(score * 100)}% of the pairs are in the right order).")
    items = []
    for k, ev in enumerate(correct, 1):
        where = placed[ev.id]
        mark = "✓ right place" if where == k else f"✗ you put it {_ordinal(where)}"
        items.append(f"<li><b>{esc(date_text(ev))}</b>: {esc(ev.title)} ({mark})</li>")
    return f'<div role="status" aria-live="polite"><p><b>{esc(head)}</b></p><p>The order is:</p><ol>{"".join(items)}</ol></div>'

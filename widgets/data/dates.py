"""Partial dates (a year, a month or a day) and the YYYY / YYYY-MM / YYYY-MM-DD parser."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.key < other.key

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def midpoint(self) -> date:
        """The middle of the period, for placing year- or month-precise events on an axis."""
        return date.fromordinal((self.first_day().toordinal() + self.last_day().toordinal()) // 2)

    def contains(self, day: date) -> bool:
        return self.first_day() <= day <= self.last_day()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """Human form: '9 November 1989', 'November 1989' or '1989'."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"  # type: ignore[operator]
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def parse_date(text: Any) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError with what was expected."""
    if isinstance(text, date):
        return PartialDate(text.year, text.month, text.day)
    if isinstance(text, int) and not isinstance(text, bool):
        text = f"{text:04d}"
    if not isinstance(text, str):
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError("is not a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return PartialDate(year, month, day)  # type: ignore[arg-type]

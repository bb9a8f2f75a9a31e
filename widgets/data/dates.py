"""Partial dates (a year, a month or a day) and the YYYY / YYYY-MM / YYYY-MM-DD parser."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any


_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only

# The years a course date may have (documented in data/README.md). Outside it a date is refused:
# the timeline's axis, the tenure chart and date arithmetic (a year's last day) all need room.
MIN_YEAR, MAX_YEAR = 1000, 2999


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
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (years MIN_YEAR..MAX_YEAR); raise ValueError with what was expected."""
    if isinstance(text, date):
        return _in_range(PartialDate(text.year, text.month, text.day))
    if isinstance(text, int) and not isinstance(text, bool):
        if not MIN_YEAR <= text <= MAX_YEAR:
            raise ValueError(_RANGE)
        text = f"{text:04d}"
    if not isinstance(text, str):
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD, with digits 0-9)")
    year, month, day = (int(g) if g is not None else None for g in m.groups())
    if month == 0 or day == 0:
        raise ValueError("is not a real calendar date (month and day start at 01; write YYYY or YYYY-MM "
                         "for a date known only to the year or the month)")
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError("is not a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return _in_range(PartialDate(year, month, day))  # type: ignore[arg-type]


_RANGE = f"is outside the years the course supports ({MIN_YEAR} to {MAX_YEAR})"


def _in_range(value: PartialDate) -> PartialDate:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(_RANGE)
    return value

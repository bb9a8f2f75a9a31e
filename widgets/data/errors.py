"""DataError (what an instructor sees when a file is wrong) and the per-file problem collector.

Also the IPython hook that shows a DataError as its message, not a traceback. Imports nothing
from the widget stack (IPython is only looked up if it is already loaded).
"""

from __future__ import annotations

import sys
from typing import Iterable


class DataError(ValueError):
    """A course data file is malformed. ``problems`` lists every message found."""

    def __init__(self, problems: str | Iterable[str]):
        self.problems: tuple[str, ...] = (problems,) if isinstance(problems, str) else tuple(problems)
        if len(self.problems) == 1:
            text = self.problems[0]
        else:
            text = f"{len(self.problems)} problems:\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(text)


def load_every(ids, load) -> tuple:
    """``load(id)`` for each id, in order; every file's problems reported together in one DataError."""
    out, problems = [], []
    for record_id in ids:
        try:
            out.append(load(record_id))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return tuple(out)


class _Problems:
    """Collects problems for one file so that an instructor sees them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


def _show_data_errors_plainly() -> None:
    """In IPython, a DataError shows as its message (file, line or row, field), not a traceback.

    An instructor's broken file is a problem with the file, not with the code: the frames of the
    loader would only hide the one line that says what to fix.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, "_course_data_errors_plain", False):
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        lines = [f"DataError: {value}", "(Fix the file named above and run the cell again.)"]
        shell._showtraceback(etype, value, lines)
        return lines

    shell.set_custom_exc((DataError,), handler)
    shell._course_data_errors_plain = True

"""Hand-in files: a student's attempts as a CSV file (:func:`write_results`) and back (:func:`read_results`); pure.

An exported answer never runs as a spreadsheet formula on an instructor's computer.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from ..data import DataError, read_csv
from ..progress import Attempt

__all__ = ["CSV_COLUMNS", "ResultRow", "write_results", "read_results"]


CSV_COLUMNS: tuple[str, ...] = ("student", "bank", "question", "answer", "correct", "score", "time")


# A spreadsheet treats a cell starting with one of these as a formula; an
# exported answer must never run as one on an instructor's computer.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")


def _csv_safe(text: str) -> str:
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_unsafe(text: str) -> str:
    if text.startswith("'") and text[1:2] and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def write_results(path: str | Path, student: str, attempts: Iterable[Attempt]) -> int:
    """Write attempts as a hand-in CSV (columns :data:`CSV_COLUMNS`); return the number of rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for a in attempts:
        correct = "" if a.correct is None else ("true" if a.correct else "false")
        writer.writerow([_csv_safe(student), a.bank, a.question, _csv_safe(a.answer), correct, f"{a.score:.4g}", a.time])
        n += 1
    Path(path).write_text(buf.getvalue(), encoding="utf-8")
    return n


@dataclass(frozen=True)
class ResultRow:
    student: str
    bank: str
    question: str
    answer: str
    correct: bool | None
    score: float
    time: str
    file: str


def read_results(path: str | Path) -> list[ResultRow]:
    """Read one hand-in CSV; raise DataError naming the file (and row and field) if it is not one."""
    path = Path(path)
    name = path.name
    rows = []
    for line, row in read_csv(path, CSV_COLUMNS, what="a self-check export"):
        where = f"{name}, row {line}"
        cells = {k: _csv_unsafe(row.get(k) or "") for k in CSV_COLUMNS}
        for key in ("student", "bank", "question", "time"):
            if not cells[key]:
                raise DataError(f"{where}, field '{key}': missing")
        correct_text = cells["correct"].lower()
        if correct_text not in ("true", "false", ""):
            raise DataError(f"{where}, field 'correct': {cells['correct']!r} is not true, false or empty")
        try:
            value = float(cells["score"])
        except ValueError:
            value = float("nan")
        if not 0.0 <= value <= 1.0:
            raise DataError(f"{where}, field 'score': {cells['score']!r} is not a number from 0 to 1")
        try:
            datetime.fromisoformat(cells["time"])
        except ValueError:
            raise DataError(f"{where}, field 'time': {cells['time']!r} is not an ISO-8601 time") from None
        correct = None if correct_text == "" else correct_text == "true"
        rows.append(ResultRow(cells["student"], cells["bank"], cells["question"], cells["answer"], correct, value, cells["time"], name))
    if not rows:
        raise DataError(f"{name}: has a header but no answers")
    return rows

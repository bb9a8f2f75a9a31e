"""Hand-in files: a student's attempts as a CSV file (:func:`write_results`) and back (:func:`read_results`); pure.

An exported answer never runs as a spreadsheet formula on an instructor's computer: every free-text
cell (student, bank, question, answer, time) that starts with ``= + - @``, a tab, CR or LF is written
with a leading apostrophe, as is a cell that starts with an apostrophe, and reading removes exactly that
one apostrophe -- so every answer (CR, LF, quotes, leading ``= + - @``, any Unicode) comes back unchanged.
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
from ..data.questions import MAX_BANK_ID, is_bank_id
from ..progress import Attempt

__all__ = ["CSV_COLUMNS", "ResultRow", "write_results", "read_results"]


CSV_COLUMNS: tuple[str, ...] = ("student", "bank", "question", "answer", "correct", "score", "time")


# A spreadsheet treats a cell starting with one of these as a formula; an
# exported answer must never run as one on an instructor's computer.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?")
# Free-text columns: protected on export, restored exactly on import.
_TEXT_COLUMNS = ("student", "bank", "question", "answer", "time")
MAX_ID = 200  # a question id or a student name longer than this is not a hand-in's


def _csv_safe(text: str) -> str:
    if text.startswith("'") or (text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)):
        return "'" + text
    return text


def _csv_unsafe(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def write_results(path: str | Path, student: str, attempts: Iterable[Attempt]) -> int:
    """Write attempts as a hand-in CSV (columns :data:`CSV_COLUMNS`); return the number of rows."""
    buf = io.StringIO()
    # CRLF line ends (RFC 4180): the csv module then quotes every cell holding a CR or an LF, so an
    # answer with a bare carriage return survives the round trip.
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for a in attempts:
        correct = "" if a.correct is None else ("true" if a.correct else "false")
        writer.writerow([_csv_safe(student), _csv_safe(a.bank), _csv_safe(a.question), _csv_safe(a.answer), correct,
                         f"{a.score:.4g}", _csv_safe(a.time)])
        n += 1
    Path(path).write_bytes(buf.getvalue().encode("utf-8"))
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
    for line, row in read_csv(path, CSV_COLUMNS, what="a self-check export", keep=("answer",)):
        where = f"{name}, row {line}"
        cells = {k: _csv_unsafe(row.get(k) or "") if k in _TEXT_COLUMNS else row.get(k) or "" for k in CSV_COLUMNS}
        for key in ("student", "bank", "question", "time"):
            if not cells[key].strip():
                raise DataError(f"{where}, field '{key}': missing")
            cells[key] = cells[key].strip()
        if not is_bank_id(cells["bank"]):
            raise DataError(f"{where}, field 'bank': {cells['bank'][:60]!r} is not a bank id (lower-case letters, "
                            f"digits, '-', '_' or '.', at most {MAX_BANK_ID} characters)")
        for key in ("student", "question"):
            if len(cells[key]) > MAX_ID:
                raise DataError(f"{where}, field '{key}': longer than {MAX_ID} characters")
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

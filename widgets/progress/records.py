"""One saved attempt (:class:`Attempt`) and its line in a progress file: encoding, decoding, coercion.

Pure: no file is touched here. A line is one JSON object in pure ASCII, ending in a newline;
:func:`decode` accepts only an object that holds a valid attempt, so a damaged line is
recognised as such instead of becoming a wrong answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

__all__ = ["Attempt", "now_iso", "FORMAT_VERSION", "time_key", "decode", "normalise", "encode"]

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Attempt:
    bank: str  # e.g. "lesson01" or "order-events"
    question: str  # question id within the bank
    answer: str  # the student's answer, serialised as text
    correct: bool | None  # None for self-marked written answers not yet marked
    score: float  # 0.0 .. 1.0 (partial credit)
    time: str  # ISO-8601 UTC timestamp


def now_iso() -> str:
    """The current time as ISO-8601 UTC with microseconds, e.g. '2026-11-24T10:00:00.123456+00:00'."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def time_key(text: str) -> datetime | None:
    """An attempt's time as an aware datetime (naive times are UTC), or None if it is not ISO-8601."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    try:
        # In UTC, so that any two keys compare without offset arithmetic (which overflows for a
        # crafted time such as 0001-01-01T00:00:00+05:00 and would crash every sort).
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


def decode(obj: object) -> Attempt | None:
    """An Attempt from one decoded line, or None if the line does not hold a valid attempt."""
    try:
        bank, question, answer = obj["bank"], obj["question"], obj["answer"]  # type: ignore[index]
        correct, score, time = obj.get("correct"), obj["score"], obj["time"]  # type: ignore[union-attr]
    except (KeyError, TypeError, AttributeError, IndexError):
        return None
    # `type(...) is` and not isinstance: a bool is an int, and true is not a score.
    if not (type(bank) is str and bank and type(question) is str and question):
        return None
    if type(answer) is not str or type(time) is not str:
        return None
    if correct is not None and type(correct) is not bool:
        return None
    if type(score) is not float and type(score) is not int:
        return None
    if not 0.0 <= score <= 1.0:
        return None
    return Attempt(bank, question, answer, correct, float(score), time)


def normalise(attempt: Attempt) -> Attempt:
    """Coerce an attempt from any caller into something that can be written and read back."""
    correct = attempt.correct if attempt.correct is None or isinstance(attempt.correct, bool) else bool(attempt.correct)
    try:
        score = float(attempt.score)
    except (TypeError, ValueError):
        score = 0.0
    if score != score:
        score = 0.0
    score = min(1.0, max(0.0, score))
    time = attempt.time if isinstance(attempt.time, str) and time_key(attempt.time) else now_iso()
    return Attempt(str(attempt.bank), str(attempt.question), str(attempt.answer), correct, score, time)


def encode(attempt: Attempt) -> bytes:
    """The attempt as one line of a progress file (ASCII JSON and a newline)."""
    record = {
        "v": FORMAT_VERSION,
        "bank": attempt.bank,
        "question": attempt.question,
        "answer": attempt.answer,
        "correct": attempt.correct,
        "score": attempt.score,
        "time": attempt.time,
    }
    # ensure_ascii keeps every line pure ASCII: a line cut anywhere can never
    # produce bytes that decode into a different, valid line.
    return (json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")

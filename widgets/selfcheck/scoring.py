"""Scoring a self-check answer, for every question type; pure (no widget library).

:func:`score` says what an answer earns and why, in words (partial credit
explained); :func:`shuffled_options` / :func:`shuffled_items` give each
question a fixed shuffle; :func:`saved_result` scores a stored attempt against
the bank as it is now, so the self-check's score and the course progress are
computed from the store's saved answers, never from the widgets.
:func:`score_line` is the running score as an HTML line.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from ..data import Question
from ..progress import Attempt
from ..ui.html import plural
from .number_parsing import AnswerError, format_fraction, format_number, format_points, parse_number, quoted

__all__ = [
    "Result",
    "MARKS",
    "TYPE_NAMES",
    "score",
    "shuffled_options",
    "shuffled_items",
    "answer_text",
    "saved_answer",
    "saved_result",
    "score_line",
    "display_answer",
    "correct_answer",
    "as_list",
]


# Self-marking of written answers: key -> (button text, correct, score).
MARKS: dict[str, tuple[str, bool, float]] = {
    "got": ("I got it", True, 1.0),
    "partly": ("Partly", False, 0.5),
    "not-yet": ("Not yet", False, 0.0),
}

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "multiple choice",
    "truefalse": "true or false",
    "order": "put in order",
    "number": "number",
    "written": "written answer",
}


# ---------------------------------------------------------------- shuffling


def shuffled_options(question: Question, bank_id: str) -> tuple:
    """The question's options in a fixed order for this bank and question (True/False stay as they are)."""
    options = list(question.options)
    if question.type != "truefalse":
        # A str seed is hashed with SHA-512 by random.Random: the same on every machine and run.
        random.Random(f"{bank_id}:{question.id}").shuffle(options)
    return tuple(options)


def shuffled_items(question: Question, bank_id: str) -> tuple[str, ...]:
    """An ordering question's items in a fixed order that is never already the right one."""
    items = list(question.items)
    random.Random(f"{bank_id}:{question.id}").shuffle(items)
    if len(items) > 1 and items == list(question.items):
        items = items[1:] + items[:1]
    return tuple(items)


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Result:
    """What one answer earned.

    ``correct`` is None for a written answer the student has not marked yet;
    ``valid`` is False when there was nothing to score (empty or unreadable
    answer): then ``feedback`` says what to do and nothing is recorded.
    ``answer`` is the answer serialised as text, as it is stored.
    """

    correct: bool | None
    score: float
    feedback: str
    notes: tuple[str, ...] = ()
    valid: bool = True
    answer: str = ""
    verdict: str = ""


def _invalid(message: str) -> Result:
    return Result(correct=None, score=0.0, feedback=message, valid=False, verdict="Not checked yet")


def _verdict(correct: bool | None, value: float) -> str:
    if correct:
        return "✓ Correct"
    if value > 0:
        return "◐ Partly right"
    return "✗ Not quite"


def as_list(answer: Any) -> list[str] | None:
    """A list answer given as a sequence or as its stored JSON text; None if it is neither."""
    if answer is None:
        return []
    if isinstance(answer, str):
        if not answer.strip():
            return []
        try:
            value = json.loads(answer)
        except ValueError:
            return None
        answer = value
    if isinstance(answer, (list, tuple, set, frozenset)) and all(isinstance(a, str) for a in answer):
        return list(answer)
    return None


def score(question: Question, answer: Any) -> Result:
    """Score ``answer`` to ``question``; never raises for a student's input.

    Answers by type: single — the chosen option text; multiple — the chosen
    option texts; truefalse — a bool (or 'True'/'False'); order — the items in
    the student's order; number — the text typed (or a number); written — the
    text, or ``(text, mark)`` with a mark from :data:`MARKS`.
    """
    scorer = _SCORERS.get(question.type)
    if scorer is None:
        return _invalid(f"This question has an unknown type ({question.type!r}).")
    return scorer(question, answer)


def _score_single(q: Question, answer: Any) -> Result:
    text = "" if answer is None else str(answer).strip()
    if not text:
        return _invalid("Choose an option, then press Check.")
    option = next((o for o in q.options if o.text == text), None)
    if option is None:
        return _invalid(f"{quoted(text)} is not one of the options.")
    if option.correct:
        return Result(True, 1.0, f"You chose {quoted(text)}.", answer=text, verdict=_verdict(True, 1))
    notes = (f"{quoted(text)}: {option.feedback}",) if option.feedback else ()
    return Result(False, 0.0, f"You chose {quoted(text)}, which is not the best answer.", notes, answer=text, verdict=_verdict(False, 0))


def _score_truefalse(q: Question, answer: Any) -> Result:
    if isinstance(answer, bool):
        value: bool | None = answer
    else:
        value = {"true": True, "false": False}.get(str(answer if answer is not None else "").strip().lower())
    if value is None:
        if answer is None or not str(answer).strip():
            return _invalid("Choose True or False, then press Check.")
        return _invalid(f"{quoted(str(answer))} is not True or False.")
    text = "True" if value else "False"
    option = next((o for o in q.options if o.text == text), None)
    if value == q.answer:
        return Result(True, 1.0, f"You answered {text}.", answer=text, verdict=_verdict(True, 1))
    notes = (option.feedback,) if option is not None and option.feedback else ()
    return Result(False, 0.0, f"You answered {text}.", notes, answer=text, verdict=_verdict(False, 0))


def _score_multiple(q: Question, answer: Any) -> Result:
    chosen = as_list(answer)
    if chosen is None:
        return _invalid("This answer is not a list of options.")
    chosen_set = {c.strip() for c in chosen}
    if not chosen_set:
        return _invalid("Select every option you think is right (at least one), then press Check.")
    texts = {o.text for o in q.options}
    unknown = sorted(chosen_set - texts)
    if unknown:
        return _invalid(f"{quoted(unknown[0])} is not one of the options.")
    n = sum(o.correct for o in q.options)
    right = sum(1 for o in q.options if o.correct and o.text in chosen_set)
    wrong = sum(1 for o in q.options if not o.correct and o.text in chosen_set)
    value = Fraction(max(0, right - wrong), max(n, 1))
    correct = right == n and wrong == 0
    feedback = f"{right} of {plural(n, 'correct choice')}, {plural(wrong, 'wrong choice')}: score {format_fraction(value)}."
    if not correct:
        feedback += " Each wrong choice cancels one correct choice."
    notes = tuple(f"{quoted(o.text)}: {o.feedback}" for o in q.options if not o.correct and o.text in chosen_set and o.feedback)
    ordered = [o.text for o in q.options if o.text in chosen_set]
    stored = json.dumps(ordered, ensure_ascii=False)
    return Result(correct, float(value), feedback, notes, answer=stored, verdict=_verdict(correct, float(value)))


def _score_order(q: Question, answer: Any) -> Result:
    given = as_list(answer)
    if given is None:
        return _invalid("This answer is not a list of items.")
    if not given:
        return _invalid("Put the items in order, then press Check.")
    items = list(q.items)
    counts = Counter(given)
    twice = [t for t in items if counts[t] > 1]
    missing = [t for t in items if counts[t] == 0]
    unknown = [t for t in counts if t not in items]
    if unknown:
        return _invalid(f"{quoted(unknown[0])} is not one of the items to order.")
    if twice or missing or len(given) != len(items):
        parts = []
        if twice:
            parts.append(f"{quoted(twice[0])} is placed more than once")
        if missing:
            parts.append(f"{quoted(missing[0])} is not placed at all")
        return _invalid("Use each item exactly once: " + " and ".join(parts) + ".")
    n = len(items)
    in_place = [i + 1 for i in range(n) if given[i] == items[i]]
    value = Fraction(len(in_place), n)
    correct = len(in_place) == n
    feedback = f"{len(in_place)} of {plural(n, 'item')} in the right place: score {format_fraction(value)}."
    if in_place and not correct:
        feedback += " Right: position" + ("s " if len(in_place) > 1 else " ") + _join_words([str(p) for p in in_place]) + "."
    stored = json.dumps(given, ensure_ascii=False)
    return Result(correct, float(value), feedback, answer=stored, verdict=_verdict(correct, float(value)))


def _join_words(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _score_number(q: Question, answer: Any) -> Result:
    try:
        value = parse_number(answer, q.unit)
    except AnswerError as exc:
        return _invalid(str(exc))
    target = float(q.answer)
    tolerance = float(q.tolerance or 0.0)
    # A little slack so that 0.1 + 0.2 style rounding never marks a right answer wrong.
    slack = 1e-9 * max(1.0, abs(target))
    correct = abs(value - target) <= tolerance + slack
    stored = str(answer).strip() if isinstance(answer, str) else format_number(value)
    unit = f" {q.unit}" if q.unit else ""
    if correct:
        feedback = f"You answered {format_number(value)}{unit}."
        if tolerance:
            feedback += f" Answers within {format_number(tolerance)} of the exact value count."
        return Result(True, 1.0, feedback, answer=stored, verdict=_verdict(True, 1))
    direction = "high" if value > target else "low"
    return Result(False, 0.0, f"You answered {format_number(value)}{unit}, which is too {direction}.", answer=stored, verdict=_verdict(False, 0))


def _score_written(q: Question, answer: Any) -> Result:
    mark = None
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        answer, mark = answer
    text = "" if answer is None else str(answer).strip()
    if not text:
        return _invalid("Write your answer first (a sentence or two is enough), then compare it with the model answer.")
    if mark is None or mark == "":
        return Result(
            None, 0.0, "Compare your answer with the model answer below, then mark it yourself.",
            answer=text, verdict="✎ Now compare",
        )
    if mark not in MARKS:
        return _invalid(f"{quoted(str(mark))} is not a mark (expected one of: {', '.join(MARKS)}).")
    label, correct, value = MARKS[mark]
    verdict = {"got": "✓ You marked it: I got it", "partly": "◐ You marked it: partly", "not-yet": "✗ You marked it: not yet"}[mark]
    feedback = f"Score {format_fraction(Fraction(value).limit_denominator(4))}. You can change your mark, or improve your answer and compare again."
    return Result(correct, value, feedback, answer=text, verdict=verdict)


_SCORERS: dict[str, Callable[[Question, Any], Result]] = {
    "single": _score_single,
    "multiple": _score_multiple,
    "truefalse": _score_truefalse,
    "order": _score_order,
    "number": _score_number,
    "written": _score_written,
}


def answer_text(question: Question, answer: Any) -> str:
    """``answer`` serialised as it is stored ('' if it cannot be scored)."""
    return score(question, answer).answer


def _mark_of(attempt: Attempt) -> str | None:
    if attempt.correct is None:
        return None
    if attempt.correct:
        return "got"
    return "partly" if attempt.score > 0 else "not-yet"


def saved_answer(question: Question, attempt: Attempt) -> Any:
    """A stored attempt's answer in the form :func:`score` takes (a list for multiple and order,
    ``(text, mark)`` for written); raise ValueError if it no longer fits the question."""
    if question.type in ("multiple", "order"):
        items = as_list(attempt.answer)
        if items is None:
            raise ValueError("the saved answer is not a list")
        if question.type == "order" and sorted(items) != sorted(question.items):
            raise ValueError("the saved items no longer match the question's items")
        return items
    if question.type == "written":
        return (attempt.answer, _mark_of(attempt))
    return attempt.answer


def saved_result(question: Question, attempt: Attempt | None) -> Result | None:
    """What a stored attempt earns against the question as it is now; None if there is no attempt
    or it no longer fits (an option that was renamed, items that changed)."""
    if attempt is None:
        return None
    try:
        answer = saved_answer(question, attempt)
    except ValueError:
        return None
    result = score(question, answer)
    return result if result.valid else None


def score_line(results: Sequence[Result | None]) -> str:
    """The running score as HTML, one entry per question (None: not tried)."""
    done = [r for r in results if r is not None]
    points = sum(r.score for r in done)
    right = sum(1 for r in done if r.correct)
    partly = sum(1 for r in done if not r.correct and r.score > 0)
    wrong = sum(1 for r in done if r.correct is False and r.score == 0)
    unmarked = sum(1 for r in done if r.correct is None)
    parts = [f"{right} correct", f"{partly} partly right", f"{wrong} not yet right"]
    if unmarked:
        parts.append(f"{unmarked} written answer{'s' if unmarked != 1 else ''} not marked yet")
    parts.append(f"{len(results) - len(done)} not tried")
    return (
        f'<p role="status"><strong>Score: {format_points(points)} of {len(results)}</strong> '
        f"({', '.join(parts)}).</p>"
    )


def display_answer(question: Question | None, text: str) -> str:
    """A stored answer as a person reads it: lists joined with '; ', orders with arrows."""
    items = as_list(text) if text.strip().startswith("[") else None
    if items:
        joiner = " → " if question is not None and question.type == "order" else "; "
        return joiner.join(items)
    return text


def correct_answer(question: Question) -> list[str]:
    """The right answer(s) in words, one line per option or item."""
    if question.type in ("single", "multiple"):
        return [o.text for o in question.options if o.correct]
    if question.type == "truefalse":
        return ["True" if question.answer else "False"]
    if question.type == "order":
        return list(question.items)
    if question.type == "number":
        unit = f" {question.unit}" if question.unit else ""
        line = f"{format_number(float(question.answer))}{unit}"
        if question.tolerance:
            lo = float(question.answer) - question.tolerance
            hi = float(question.answer) + question.tolerance
            line += f" (anything from {format_number(lo)} to {format_number(hi)} counts)"
        return [line]
    if question.type == "written":
        return [question.model_answer]
    return []

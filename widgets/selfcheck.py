"""Self-check questions with feedback, a course-progress summary and instructor tools.

A lesson shows a bank of questions with one line,
``SelfCheck.from_bank("lesson01")``; lesson 00 shows ``CourseProgress()``.
Question banks are data (``data/questions/<bank>.toml``, read with
:func:`widgets.data.load_bank`); every attempt is saved through
:mod:`widgets.progress`, so answers come back after a kernel restart.

The logic is in pure functions, tested on their own:
:func:`score` (every question type, partial credit explained in words),
:func:`shuffled_options` / :func:`shuffled_items` (a fixed shuffle per
question), :func:`parse_number`, :func:`section_href`, :func:`saved_result`
(what a saved answer earns; the score and the course progress are computed
from the store's saved answers, never from the widgets), and the instructor
tools :func:`answer_key`, :func:`read_results` and :func:`class_summary`.
The widget classes only wire ipywidgets controls to them.

Every widget model costs a message to the browser, so a self-check shows its
questions a page at a time (:data:`PAGE_SIZE`) and builds a page's widgets
only when the page is first shown; widgets that need no layout of their own
share one Layout and style model.

Everything from a bank (prompts, options, feedback, explanations) is escaped
before it becomes HTML; in ipywidgets controls it is used as plain text
(``description_allow_html`` stays off), so a bank cannot inject markup.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import operator
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import quote

import anywidget
import ipywidgets as ipw
import traitlets
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle
from traitlets import TraitError

from .ui.choices import CheckboxGroup, OrderList, RadioGroup
from .course import lessons_dir as course_lessons_dir
from .data import Bank, DataError, Question, bank_ids, load_bank, read_csv
from .progress import Attempt, ProgressStore, default_store, now_iso

__all__ = [
    "AnswerError",
    "Result",
    "ResultRow",
    "QuestionStats",
    "ClassSummary",
    "SelfCheck",
    "QuestionViews",
    "LiveText",
    "PAGE_SIZE",
    "CourseProgress",
    "CSV_COLUMNS",
    "MARKS",
    "score",
    "shuffled_options",
    "shuffled_items",
    "parse_number",
    "answer_text",
    "saved_answer",
    "saved_result",
    "score_line",
    "display_answer",
    "correct_answer",
    "section_href",
    "section_link_html",
    "feedback_html",
    "write_results",
    "read_results",
    "answer_key",
    "class_summary",
]

# Okabe–Ito palette: distinguishable with every common form of colour blindness.
GREEN = "#009E73"  # bluish green: correct
ORANGE = "#E69F00"  # partly right
VERMILLION = "#D55E00"  # not right
BLUE = "#0072B2"  # information
SKY = "#56B4E9"
# Links are underlined as well as coloured: widget HTML gets no link style from JupyterLab.
LINK_STYLE = f"color:{BLUE};text-decoration:underline"
# ipywidgets' HTML widget sets a 28px line height meant for one-line labels.
TEXT_STYLE = "line-height:1.5"

CSV_COLUMNS: tuple[str, ...] = ("student", "bank", "question", "answer", "correct", "score", "time")

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


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _paragraphs(text: str) -> str:
    """Escaped text as HTML paragraphs (blank lines in the bank separate paragraphs)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{_e(p)}</p>" for p in parts)


def _fmt_number(x: float) -> str:
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".10g")


def _fmt_fraction(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _quoted(text: str, limit: int = 120) -> str:
    text = str(text)
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


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


# ---------------------------------------------------------------- number answers


class AnswerError(ValueError):
    """An answer that cannot be scored; the message says what to do, in words for a student."""


_NUMBER_RE = re.compile(
    r"""(?P<sign>[+-]?)
        (?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\ \d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?""",
    re.VERBOSE,
)


def parse_number(text: Any, unit: str = "") -> float:
    """Read a number as a student types it: ' 1962 ', '1,962', '1 962', '1962.0', '-3.5', '45 %'.

    Raise :class:`AnswerError` with a message in words for anything else ('nineteen', '3,5', '').
    """
    if isinstance(text, bool):
        raise AnswerError("Type a number in digits, for example 1962 or 3.5.")
    if isinstance(text, (int, float)):
        if not math.isfinite(text):
            raise AnswerError("Type an ordinary number, for example 1962 or 3.5.")
        return float(text)
    raw = "" if text is None else str(text)
    s = raw.replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").strip()
    if not s:
        raise AnswerError("Type a number first, then press Check.")
    unit = (unit or "").strip()
    if unit and s.lower().endswith(unit.lower()):
        s = s[: -len(unit)].strip()
    match = _NUMBER_RE.fullmatch(s)
    if match and (match.group("int") or match.group("frac")):
        digits = (match.group("int") or "0").replace(",", "").replace(" ", "")
        value = float(f"{match.group('sign')}{digits}.{match.group('frac') or '0'}")
        if not math.isfinite(value):
            raise AnswerError(f"{_quoted(raw.strip(), 30)} is too large to be the answer.")
        return value
    if re.fullmatch(r"[+-]?\d+,\d+", s):
        raise AnswerError(
            f"{_quoted(raw.strip(), 30)}: write decimals with a point (3.5), and thousands either "
            "with no separator or with commas in groups of three (1962 or 1,962)."
        )
    if re.search(r"[A-Za-z]", s) and not re.search(r"\d", s):
        raise AnswerError(f"{_quoted(raw.strip(), 30)} is not a number: write it in digits, for example 1962 or 3.5.")
    expected = f" (in {unit})" if unit else ""
    raise AnswerError(
        f"{_quoted(raw.strip(), 30)} is not a number I can read: type digits only{expected}, "
        "for example 1962 or 3.5."
    )


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


def _as_list(answer: Any) -> list[str] | None:
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
        return _invalid(f"{_quoted(text)} is not one of the options.")
    if option.correct:
        return Result(True, 1.0, f"You chose {_quoted(text)}.", answer=text, verdict=_verdict(True, 1))
    notes = (f"{_quoted(text)}: {option.feedback}",) if option.feedback else ()
    return Result(False, 0.0, f"You chose {_quoted(text)}, which is not the best answer.", notes, answer=text, verdict=_verdict(False, 0))


def _score_truefalse(q: Question, answer: Any) -> Result:
    if isinstance(answer, bool):
        value: bool | None = answer
    else:
        value = {"true": True, "false": False}.get(str(answer if answer is not None else "").strip().lower())
    if value is None:
        if answer is None or not str(answer).strip():
            return _invalid("Choose True or False, then press Check.")
        return _invalid(f"{_quoted(str(answer))} is not True or False.")
    text = "True" if value else "False"
    option = next((o for o in q.options if o.text == text), None)
    if value == q.answer:
        return Result(True, 1.0, f"You answered {text}.", answer=text, verdict=_verdict(True, 1))
    notes = (option.feedback,) if option is not None and option.feedback else ()
    return Result(False, 0.0, f"You answered {text}.", notes, answer=text, verdict=_verdict(False, 0))


def _score_multiple(q: Question, answer: Any) -> Result:
    chosen = _as_list(answer)
    if chosen is None:
        return _invalid("This answer is not a list of options.")
    chosen_set = {c.strip() for c in chosen}
    if not chosen_set:
        return _invalid("Select every option you think is right (at least one), then press Check.")
    texts = {o.text for o in q.options}
    unknown = sorted(chosen_set - texts)
    if unknown:
        return _invalid(f"{_quoted(unknown[0])} is not one of the options.")
    n = sum(o.correct for o in q.options)
    right = sum(1 for o in q.options if o.correct and o.text in chosen_set)
    wrong = sum(1 for o in q.options if not o.correct and o.text in chosen_set)
    value = Fraction(max(0, right - wrong), max(n, 1))
    correct = right == n and wrong == 0
    feedback = f"{right} of {_plural(n, 'correct choice')}, {_plural(wrong, 'wrong choice')}: score {_fmt_fraction(value)}."
    if not correct:
        feedback += " Each wrong choice cancels one correct choice."
    notes = tuple(f"{_quoted(o.text)}: {o.feedback}" for o in q.options if not o.correct and o.text in chosen_set and o.feedback)
    ordered = [o.text for o in q.options if o.text in chosen_set]
    stored = json.dumps(ordered, ensure_ascii=False)
    return Result(correct, float(value), feedback, notes, answer=stored, verdict=_verdict(correct, float(value)))


def _score_order(q: Question, answer: Any) -> Result:
    given = _as_list(answer)
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
        return _invalid(f"{_quoted(unknown[0])} is not one of the items to order.")
    if twice or missing or len(given) != len(items):
        parts = []
        if twice:
            parts.append(f"{_quoted(twice[0])} is placed more than once")
        if missing:
            parts.append(f"{_quoted(missing[0])} is not placed at all")
        return _invalid("Use each item exactly once: " + " and ".join(parts) + ".")
    n = len(items)
    in_place = [i + 1 for i in range(n) if given[i] == items[i]]
    value = Fraction(len(in_place), n)
    correct = len(in_place) == n
    feedback = f"{len(in_place)} of {_plural(n, 'item')} in the right place: score {_fmt_fraction(value)}."
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
    stored = str(answer).strip() if isinstance(answer, str) else _fmt_number(value)
    unit = f" {q.unit}" if q.unit else ""
    if correct:
        feedback = f"You answered {_fmt_number(value)}{unit}."
        if tolerance:
            feedback += f" Answers within {_fmt_number(tolerance)} of the exact value count."
        return Result(True, 1.0, feedback, answer=stored, verdict=_verdict(True, 1))
    direction = "high" if value > target else "low"
    return Result(False, 0.0, f"You answered {_fmt_number(value)}{unit}, which is too {direction}.", answer=stored, verdict=_verdict(False, 0))


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
        return _invalid(f"{_quoted(str(mark))} is not a mark (expected one of: {', '.join(MARKS)}).")
    label, correct, value = MARKS[mark]
    verdict = {"got": "✓ You marked it: I got it", "partly": "◐ You marked it: partly", "not-yet": "✗ You marked it: not yet"}[mark]
    feedback = f"Score {_fmt_fraction(Fraction(value).limit_denominator(4))}. You can change your mark, or improve your answer and compare again."
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
        items = _as_list(attempt.answer)
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
        f'<p role="status"><strong>Score: {_fmt_number(round(points, 2))} of {len(results)}</strong> '
        f"({', '.join(parts)}).</p>"
    )


def display_answer(question: Question | None, text: str) -> str:
    """A stored answer as a person reads it: lists joined with '; ', orders with arrows."""
    items = _as_list(text) if text.strip().startswith("[") else None
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
        line = f"{_fmt_number(float(question.answer))}{unit}"
        if question.tolerance:
            lo = float(question.answer) - question.tolerance
            hi = float(question.answer) + question.tolerance
            line += f" (anything from {_fmt_number(lo)} to {_fmt_number(hi)} counts)"
        return [line]
    if question.type == "written":
        return [question.model_answer]
    return []


# ---------------------------------------------------------------- links to lessons


# Characters left as they are in a heading anchor; everything else is percent-encoded.
_ANCHOR_SAFE = "-_.~()!*',;:@&=+$"


def section_href(lesson: int, section: str, lessons_dir: str | Path | None = None) -> str | None:
    """A relative link to a lesson section, e.g. '01_historical_context.ipynb#The-Cold-War'.

    The lesson file is found by globbing ``NN_*.ipynb`` in ``lessons_dir``, or
    else in the current folder (where a lesson notebook runs) and the course's
    lessons folder (``$COURSE_LESSONS_DIR`` or ``lessons/``). JupyterLab's heading anchors are the heading text with
    spaces replaced by '-'. None when no lesson file is found.
    """
    folders = [Path(lessons_dir)] if lessons_dir is not None else [Path.cwd(), course_lessons_dir()]
    for folder in folders:
        try:
            matches = sorted(folder.glob(f"{int(lesson):02d}_*.ipynb"))
        except OSError:
            continue
        if matches:
            anchor = section.strip().replace(" ", "-")
            href = quote(matches[0].name)
            return f"{href}#{quote(anchor, safe=_ANCHOR_SAFE)}" if anchor else href
    return None


def section_link_html(lesson: int, section: str, lessons_dir: str | Path | None = None) -> str:
    label = f"Lesson {int(lesson)}, “{section}”"
    href = section_href(lesson, section, lessons_dir)
    if href is None:
        return _e(label)
    # A new tab keeps the student's place (and kernel) in the lesson they are working on.
    return f'<a href="{_e(href)}" target="_blank" rel="noopener" style="{LINK_STYLE}">{_e(label)}</a>'


# ---------------------------------------------------------------- feedback HTML


def _box(colour: str, body: str) -> str:
    return (
        f'<div role="status" style="border-left:4px solid {colour};padding:0.2em 0.8em;margin:0.3em 0;{TEXT_STYLE}">'
        f"{body}</div>"
    )


def _colour_for(result: Result) -> str:
    if not result.valid or result.correct is None:
        return BLUE
    if result.correct:
        return GREEN
    return ORANGE if result.score > 0 else VERMILLION


def feedback_html(question: Question, result: Result, link_html: str = "", note: str = "") -> str:
    """The feedback a student sees after an attempt: verdict in words, why, and where it is taught."""
    if not result.valid:
        return _box(BLUE, f"<p><strong>ℹ {_e(result.verdict)}:</strong> {_e(result.feedback)}</p>")
    parts = [f"<p><strong>{_e(result.verdict)}.</strong> {_e(result.feedback)}</p>"]
    if note:
        parts.insert(0, f"<p><em>{_e(note)}</em></p>")
    if result.notes:
        parts.append("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in result.notes) + "</ul>")
    if question.type == "written":
        parts.append(f"<p><strong>Model answer:</strong></p>{_paragraphs(question.model_answer)}")
    parts.append(f"<p><strong>Why:</strong></p>{_paragraphs(question.explanation)}")
    if link_html:
        parts.append(f"<p>Read more: {link_html}</p>")
    if question.sources:
        parts.append(f"<p>Sources: {_sources_html(question)}</p>")
    return _box(_colour_for(result), "".join(parts))


def _sources_html(question: Question) -> str:
    # The data layer accepts only http(s) URLs, so an href can never be javascript:.
    return ", ".join(
        f'<a href="{_e(s.url)}" target="_blank" rel="noopener" style="{LINK_STYLE}">{_e(s.title)}</a>'
        for s in question.sources
    )


def _answer_html(question: Question) -> str:
    lines = correct_answer(question)
    if question.type == "order":
        body = "<ol>" + "".join(f"<li>{_e(t)}</li>" for t in lines) + "</ol>"
    elif question.type == "written":
        body = _paragraphs(lines[0] if lines else "")
    elif len(lines) == 1:
        body = f"<p>{_e(lines[0])}</p>"
    else:
        body = "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in lines) + "</ul>"
    label = "Model answer" if question.type == "written" else "Answer"
    return f"<p><strong>{label}:</strong></p>{body}"


# ---------------------------------------------------------------- widgets


class _Look:
    """Layout and style models shared by the widgets of one self-check.

    Left alone, every ipywidgets control makes its own Layout model, every
    Button its own ButtonStyle and every HTML its own HTMLStyle: three models,
    and in a kernel three comm messages, for one button. Widgets that need
    nothing of their own share these instead (ipywidgets supports one Layout or
    style model shared by many widgets). They are never changed once made: a
    change would show on every widget that shares them.
    """

    @cached_property
    def plain(self) -> ipw.Layout:
        return ipw.Layout()

    @cached_property
    def auto(self) -> ipw.Layout:
        return ipw.Layout(width="auto")

    @cached_property
    def question(self) -> ipw.Layout:
        return ipw.Layout(margin="0 0 1em 0")

    @cached_property
    def essay(self) -> ipw.Layout:
        return ipw.Layout(width="95%", height="6em")

    @cached_property
    def button_style(self) -> ipw.ButtonStyle:
        return ipw.ButtonStyle()

    @cached_property
    def html_style(self) -> HTMLStyle:
        return HTMLStyle()

    @cached_property
    def text_style(self) -> TextStyle:
        return TextStyle(description_width="initial")

    def html(self, value: str = "") -> ipw.HTML:
        return ipw.HTML(value, layout=self.plain, style=self.html_style)

    def hbox(self, children: Sequence[ipw.Widget]) -> ipw.HBox:
        return ipw.HBox(list(children), layout=self.plain)

    def vbox(self, children: Sequence[ipw.Widget]) -> ipw.VBox:
        return ipw.VBox(list(children), layout=self.plain)


def _button(description: str, tooltip: str, look: _Look | None = None, **kw: Any) -> ipw.Button:
    if look is None:
        return ipw.Button(description=description, tooltip=tooltip, layout=ipw.Layout(width="auto"), **kw)
    return ipw.Button(description=description, tooltip=tooltip, layout=look.auto, style=look.button_style, **kw)


class LiveText(anywidget.AnyWidget):
    """One line of plain text in a polite live region: a screen reader reads each new value aloud.

    An ipywidgets HTML widget replaces its whole content at each change, so a
    ``role="status"`` element inside it is new each time, and screen readers
    do not reliably announce a live region that has just appeared. Here the
    region stays and only its text changes; the text is set with
    ``textContent``, never as HTML.
    """

    _esm = r"""
function render({ model, el }) {
  el.classList.add("course-live");
  const region = document.createElement("p");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.textContent = model.get("value");
  el.append(region);
  const update = () => { region.textContent = model.get("value"); };
  model.on("change:value", update);
  return () => model.off("change:value", update);
}
export default { render };
"""
    _css = ".course-live { align-self: center; } .course-live p { margin: 0 0.8em; line-height: 1.5; }"
    value = traitlets.Unicode("").tag(sync=True)


class QuestionView(ipw.VBox):
    """One question: its input controls, Check / Hint / Show answer buttons and feedback areas."""

    check_label = "Check"

    def __init__(
        self,
        question: Question,
        bank_id: str,
        number: int,
        total: int,
        on_attempt: Callable[["QuestionView", Result], None] | None = None,
        lessons_dir: str | Path | None = None,
        *,
        look: _Look | None = None,
    ):
        self.question = question
        self.bank_id = bank_id
        self.number = number
        self.on_attempt = on_attempt
        self.result: Result | None = None
        self.tries = 0
        self._look = look = look if look is not None else _Look()
        self.link_html = section_link_html(question.lesson, question.section, lessons_dir)
        kind = TYPE_NAMES.get(question.type, question.type)
        self.prompt = look.html(
            f'<div style="{TEXT_STYLE}"><p><strong>Question {number} of {total}</strong> '
            f"<em>({_e(kind)}, {_e(question.difficulty)})</em></p>{_paragraphs(question.prompt)}</div>"
        )
        self.choice = self._build_input()
        self.check_button = _button(self.check_label, f"Check your answer to question {number}", look, button_style="primary")
        self.hint_button = _button("Hint", f"A hint for question {number}: available after a try that is not right", look, disabled=True)
        self.reveal_button = _button("Show answer", f"Show the answer to question {number}", look)
        self.feedback = look.html()
        self.hint = look.html()
        self.answer = look.html()
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.show_hint())
        self.reveal_button.on_click(lambda _b: self.reveal())
        buttons = look.hbox([self.check_button, *self._extra_buttons(), self.hint_button, self.reveal_button])
        super().__init__([self.prompt, self.choice, buttons, self.feedback, self.hint, self.answer], layout=look.question)
        self.add_class("course-question")
        self.feedback.add_class("course-feedback")
        self.hint.add_class("course-hint")
        self.answer.add_class("course-answer")

    # subclasses: build the input, read it, and put a saved answer back into it
    def _build_input(self) -> ipw.Widget:
        raise NotImplementedError

    def _extra_buttons(self) -> list[ipw.Widget]:
        return []

    def current_answer(self) -> Any:
        raise NotImplementedError

    def _restore_input(self, answer: Any) -> None:
        """Set the controls from a saved answer, as :func:`saved_answer` gives it."""
        raise NotImplementedError

    def check(self) -> Result:
        result = score(self.question, self.current_answer())
        self._show(result)
        if result.valid:
            self.tries += 1
            if self.on_attempt is not None:
                self.on_attempt(self, result)
        return result

    def _show(self, result: Result, note: str = "") -> None:
        if result.valid:
            self.result = result
            self.hint_button.disabled = result.correct is not False
        self.feedback.value = feedback_html(self.question, result, self.link_html, note)

    def show_hint(self) -> None:
        text = self.question.hint
        if text:
            body = f"<p><strong>Hint:</strong> {_e(text)}</p>"
        else:
            body = f"<p><strong>Hint:</strong> there is no hint for this question; re-read {self.link_html}.</p>"
        self.hint.value = _box(SKY, body)

    def reveal(self) -> None:
        self.answer.value = _box(BLUE, _answer_html(self.question) + f"<p><strong>Why:</strong></p>{_paragraphs(self.question.explanation)}")

    def restore(self, attempt: Attempt) -> bool:
        """Show a saved attempt (after a restart) as if it had just been made; False if it no longer fits."""
        try:
            answer = saved_answer(self.question, attempt)
            result = score(self.question, answer)
            if not result.valid:
                return False
            self._restore_input(answer)
        except (ValueError, KeyError, TypeError, TraitError):
            return False
        self._show(result, note="Your saved answer from an earlier session:")
        return True


class SingleView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return RadioGroup([o.text for o in self.options], description="Choose one answer:", layout=self._look.plain)

    def current_answer(self) -> Any:
        return self.choice.value

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class TrueFalseView(SingleView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return RadioGroup([o.text for o in self.options], description="True or false?", layout=self._look.plain)

    def current_answer(self) -> Any:
        return None if self.choice.value is None else self.choice.value == "True"


class MultipleView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return CheckboxGroup([o.text for o in self.options], description="Select all that apply:", layout=self._look.plain)

    def current_answer(self) -> Any:
        return list(self.choice.value)

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class OrderView(QuestionView):
    """One drop-down per position, starting from a fixed shuffle.

    Choosing an item does not move any other item: a closed drop-down changes
    its value at every arrow-key press, and a swap at each press would scramble
    the other positions. An item placed twice gets a message in words at Check.
    """

    def _build_input(self) -> ipw.Widget:
        start = shuffled_items(self.question, self.bank_id)
        return OrderList(
            list(start),
            value=list(start),
            description="Choose the item for each position, the first at position 1; use each item once:",
            layout=self._look.plain,
        )

    def current_answer(self) -> Any:
        return list(self.choice.value)

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class NumberView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        unit = f" (in {self.question.unit})" if self.question.unit else ""
        return ipw.Text(
            value="",
            description="Your answer",
            placeholder=f"a number{unit}",
            style=self._look.text_style,
            layout=self._look.plain,
        )

    def current_answer(self) -> Any:
        return self.choice.value

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class WrittenView(QuestionView):
    """Write, compare with the model answer, then mark yourself: I got it / Partly / Not yet."""

    check_label = "Compare with the model answer"

    def _build_input(self) -> ipw.Widget:
        return ipw.Textarea(
            value="",
            description="Your answer",
            placeholder="Write a few sentences",
            style=self._look.text_style,
            layout=self._look.essay,
        )

    def _extra_buttons(self) -> list[ipw.Widget]:
        self.mark_buttons: dict[str, ipw.Button] = {}
        for key, (label, _c, _s) in MARKS.items():
            b = _button(label, f"Mark your answer to question {self.number}: {label}", self._look, disabled=True)
            b.on_click(lambda _b, key=key: self.mark(key))
            self.mark_buttons[key] = b
        return list(self.mark_buttons.values())

    def current_answer(self) -> Any:
        return self.choice.value

    def check(self) -> Result:
        result = super().check()
        if result.valid:
            for b in self.mark_buttons.values():
                b.disabled = False
        return result

    def mark(self, key: str) -> Result:
        result = score(self.question, (self.choice.value, key))
        self._show(result)
        if result.valid:
            self.tries += 1
            if self.on_attempt is not None:
                self.on_attempt(self, result)
        return result

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer[0]
        for b in self.mark_buttons.values():
            b.disabled = False


_VIEWS: dict[str, type[QuestionView]] = {
    "single": SingleView,
    "truefalse": TrueFalseView,
    "multiple": MultipleView,
    "order": OrderView,
    "number": NumberView,
    "written": WrittenView,
}


class QuestionViews(Sequence):
    """The question views of a self-check, in bank order, each built the first time it is needed.

    ``len()`` counts every question, built or not. Indexing or iterating builds
    a view on first access, and a view shows its question's saved answer from
    the moment it is built. :attr:`built` lists the views built so far without
    building more; :attr:`records` gives the questions themselves.
    """

    def __init__(self, records: Sequence[Question], build: Callable[[int, dict[str, Attempt] | None], QuestionView]):
        self._records = tuple(records)
        self._build = build
        self._views: list[QuestionView | None] = [None] * len(self._records)
        self._index = {q.id: i for i, q in enumerate(self._records)}

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self.get(i) for i in range(*index.indices(len(self)))]
        return self.get(index)

    def get(self, index: int, latest: dict[str, Attempt] | None = None) -> QuestionView:
        """The view at ``index``, built now if it was not yet (``latest``: the store's latest attempts, if at hand)."""
        i = operator.index(index)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"question index {index} out of range (this self-check has {len(self)} questions)")
        view = self._views[i]
        if view is None:
            view = self._views[i] = self._build(i, latest)
        return view

    def is_built(self, index: int) -> bool:
        return self._views[index] is not None

    @property
    def built(self) -> tuple[QuestionView, ...]:
        return tuple(v for v in self._views if v is not None)

    @property
    def records(self) -> tuple[Question, ...]:
        return self._records

    def index_of(self, question_id: str) -> int:
        """The position of a question by its id; KeyError names the known ids if there is none."""
        try:
            return self._index[question_id]
        except KeyError:
            raise KeyError(f"no question {question_id!r} in this self-check (questions: {', '.join(self._index)})") from None

    def __repr__(self) -> str:
        return f"<QuestionViews: {len(self)} questions, {len(self.built)} built>"


def _store_notice(store: ProgressStore, extra: str = "") -> str:
    lines = []
    if store.warning:
        lines.append(store.warning + extra)
    lines.extend(store.problems)
    if not lines:
        return ""
    return _box(ORANGE, "".join(f"<p><strong>⚠ Note:</strong> {_e(t)}</p>" for t in lines))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "student"


# Questions per page: a page's views are built (and in a kernel, sent to the
# browser) only when the page is first shown, so a long bank costs little to show.
PAGE_SIZE = 5


class SelfCheck(ipw.VBox):
    """A bank of self-check questions, a page at a time; every attempt is saved and comes back after a restart.

    Only the first page's questions are built at first; another page's are
    built when it is first shown (:meth:`show_page`, or the Previous and Next
    buttons). ``questions`` still gives every question's view (built on first
    access), and the score counts every saved answer, on every page.
    """

    def __init__(
        self,
        bank: Bank | None,
        store: ProgressStore | None = None,
        *,
        bank_id: str = "",
        error: str = "",
        lessons_dir: str | Path | None = None,
        page_size: int = PAGE_SIZE,
    ):
        if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise ValueError(f"page_size must be a whole number of questions, 1 or more (got {page_size!r})")
        self.bank = bank
        self.bank_id = bank.id if bank is not None else bank_id
        self.store = store if store is not None else default_store()
        self.error = error
        self.page_size = page_size
        self._lessons_dir = lessons_dir
        self._look = look = _Look()
        # The store's latest attempts at this bank, read when a page is first built and kept
        # up to date by every attempt recorded in this process: re-reading the whole store
        # at each click would cost ~30 ms on a store of 100,000 attempts.
        self._latest: dict[str, Attempt] = {}
        records = [q for q in bank.questions if q.type in _VIEWS] if bank is not None else []
        numbers = {id(q): i for i, q in enumerate(bank.questions, 1)} if bank is not None else {}
        self._numbers = [numbers[id(q)] for q in records]
        self._total = len(bank.questions) if bank is not None else 0
        self.questions = QuestionViews(records, self._build_view)
        self.pages = max(1, math.ceil(len(records) / page_size)) if bank is not None else 0
        self.page = 0
        self.status = look.html()
        self.score_text = look.html()
        self.student = ipw.Text(value="", description="Your name", placeholder="for the file you hand in", style=look.text_style, layout=look.plain)
        self.export_button = _button("Save my answers as CSV", "Save your answers to a CSV file to hand in", look)
        self.export_status = look.html()
        self.export_button.on_click(lambda _b: self._export_clicked())
        if bank is None:
            self.header = look.html(
                _box(VERMILLION, f"<p><strong>✗ This self-check could not be loaded.</strong></p><p>{_e(error)}</p>")
            )
            super().__init__([self.header], layout=look.plain)
            self.add_class("course-widget")
            self.add_class("course-selfcheck")
            return
        paging = ""
        if self.pages > 1:
            paging = (
                f" The questions are shown {page_size} at a time: <strong>Previous</strong> and <strong>Next</strong> "
                "below them move between pages, and your score counts the answers on every page."
            )
        self.header = look.html(
            f'<div style="{TEXT_STYLE}"><p><strong>Self-check: {_e(bank.title)}</strong></p>'
            f"<p>{_plural(len(bank.questions), 'question')}. Each answer gets feedback and a link to the "
            f"section that teaches it; you can try again as often as you like.{paging}</p></div>"
        )
        self.page_box = look.vbox([])
        self.page_label = LiveText(layout=look.plain)
        self.previous_button = _button("Previous", "Show the previous page of questions", look)
        self.next_button = _button("Next", "Show the next page of questions", look)
        self.previous_button.on_click(lambda _b: self.previous_page())
        self.next_button.on_click(lambda _b: self.next_page())
        self.pager = look.hbox([self.previous_button, self.page_label, self.next_button])
        self.pager.add_class("course-pager")
        self.store.on_record(self._on_record)
        self.show_page(1)
        self._update_status()
        export = look.vbox(
            [
                look.html("<p>To hand in your answers, type your name and save them as a CSV file.</p>"),
                look.hbox([self.student, self.export_button]),
                self.export_status,
            ]
        )
        pager = [self.pager] if self.pages > 1 else []
        super().__init__([self.header, self.status, self.page_box, *pager, self.score_text, export], layout=look.plain)
        self.add_class("course-widget")
        self.add_class("course-selfcheck")

    @classmethod
    def from_bank(
        cls,
        bank_id: str,
        folder: str | Path | None = None,
        store: ProgressStore | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> "SelfCheck":
        """The self-check for ``data/questions/<bank_id>.toml`` (or in ``folder``/questions)."""
        try:
            bank = load_bank(bank_id, folder)
        except DataError as exc:
            return cls(None, store, bank_id=bank_id, error=str(exc), page_size=page_size)
        return cls(bank, store, page_size=page_size)

    # ------------------------------------------------------------ pages

    def _page_range(self, number: int) -> range:
        start = (number - 1) * self.page_size
        return range(start, min(start + self.page_size, len(self.questions)))

    def page_of(self, question_id: str) -> int:
        """The page (from 1) that shows a question."""
        return self.questions.index_of(question_id) // self.page_size + 1

    def view(self, question_id: str) -> QuestionView:
        """The view of a question by its id, built now if its page has not been shown yet."""
        return self.questions[self.questions.index_of(question_id)]

    def page_text(self, note: str = "") -> str:
        """What the page label says, e.g. 'Questions 6–10 of 19 (page 2 of 4)'."""
        shown = self._page_range(self.page)
        if not shown:
            return "There are no questions in this self-check."
        first, last = self._numbers[shown[0]], self._numbers[shown[-1]]
        which = f"Question {first}" if first == last else f"Questions {first}–{last}"
        text = f"{which} of {self._total} (page {self.page} of {self.pages})"
        return f"{text}: {note}" if note else text

    def show_page(self, number: int) -> None:
        """Show page ``number`` (1 to :attr:`pages`), building its questions' views the first time."""
        if self.bank is None:
            raise ValueError(f"this self-check has no pages: {self.error}")
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= self.pages:
            raise ValueError(f"page {number!r} does not exist: pages go from 1 to {self.pages}")
        shown = self._page_range(number)
        latest = None
        if self.page == 0 or not all(self.questions.is_built(i) for i in shown):
            latest = self._read_latest()
        views = [self.questions.get(i, latest) for i in shown]
        self.page = number
        self.page_box.children = views
        self.page_label.value = self.page_text()
        if latest is not None:
            self._update_score()

    # The buttons are never disabled at the first or last page: a button that is
    # disabled while it has the keyboard focus drops the focus to the page, and
    # the next key press would reach JupyterLab's notebook shortcuts instead.
    def next_page(self) -> None:
        if self.page < self.pages:
            self.show_page(self.page + 1)
        else:
            self.page_label.value = self.page_text("this is the last page.")

    def previous_page(self) -> None:
        if self.page > 1:
            self.show_page(self.page - 1)
        else:
            self.page_label.value = self.page_text("this is the first page.")

    # ------------------------------------------------------------ answers and score

    def _build_view(self, index: int, latest: dict[str, Attempt] | None) -> QuestionView:
        question = self.questions.records[index]
        view = _VIEWS[question.type](
            question, self.bank_id, self._numbers[index], self._total, self._on_attempt, self._lessons_dir, look=self._look
        )
        if latest is None:
            latest = self._read_latest()
            self._update_score()
        attempt = latest.get(question.id)
        if attempt is not None:
            view.restore(attempt)
        return view

    def _read_latest(self) -> dict[str, Attempt]:
        """Read the store again (other kernels may have saved answers since)."""
        self._latest = self.store.latest(self.bank_id)
        return self._latest

    def _on_record(self, attempt: Attempt) -> None:
        # Any attempt saved in this process: this widget's, or another widget's on the same bank.
        if attempt.bank == self.bank_id:
            self._latest[attempt.question] = attempt
            self._update_score()

    def _on_attempt(self, view: QuestionView, result: Result) -> None:
        self.store.record(Attempt(self.bank_id, view.question.id, result.answer, result.correct, result.score, now_iso()))
        self._update_status()

    def _update_status(self) -> None:
        extra = " You can still save your answers as a CSV file at the end of this self-check." if self.store.warning else ""
        self.status.value = _store_notice(self.store, extra)

    def results(self) -> list[Result | None]:
        """Per question, in order, what its latest saved answer earns (None: not tried), page shown or not."""
        latest = self._read_latest() if self.bank is not None else {}
        return [saved_result(q, latest.get(q.id)) for q in self.questions.records]

    def _update_score(self) -> None:
        self.score_text.value = score_line([saved_result(q, self._latest.get(q.id)) for q in self.questions.records])

    @property
    def points(self) -> float:
        """The score: every question's latest saved answer, read from the store now."""
        return sum(r.score for r in self.results() if r is not None)

    def export_csv(self, path: str | Path, student: str | None = None) -> Path:
        """Write every saved attempt at this bank to a CSV file to hand in; return its path."""
        name = (student if student is not None else self.student.value).strip()
        if not name:
            raise ValueError("Type your name first, so that your instructor knows whose answers these are.")
        target = Path(path)
        write_results(target, name, self.store.attempts(self.bank_id))
        return target

    def _export_clicked(self) -> None:
        name = self.student.value.strip()
        if not name:
            self.export_status.value = _box(BLUE, "<p><strong>ℹ Not saved yet:</strong> type your name first, so that your instructor knows whose answers these are.</p>")
            return
        target = Path.cwd() / f"{self.bank_id}-{_slug(name)}.csv"
        try:
            self.export_csv(target, name)
        except OSError as exc:
            self.export_status.value = _box(VERMILLION, f"<p><strong>✗ Not saved:</strong> {_e(target)} could not be written ({_e(exc.strerror or exc)}).</p>")
            return
        n = len(self.store.attempts(self.bank_id))
        self.export_status.value = _box(
            GREEN,
            f"<p><strong>✓ Saved</strong> {_plural(n, 'answer')} to <code>{_e(target.name)}</code> in the folder of this "
            "notebook. Hand in this file.</p>",
        )


# ---------------------------------------------------------------- course progress


class CourseProgress(ipw.VBox):
    """Per lesson bank: questions answered and answered correctly (latest attempt), for lesson 00."""

    def __init__(self, store: ProgressStore | None = None, folder: str | Path | None = None):
        self.store = store if store is not None else default_store()
        self.folder = folder
        self.table = ipw.HTML("")
        self.status = ipw.HTML("")
        self.refresh_button = _button("Refresh", "Update the table with your latest answers")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.rows: list[dict[str, Any]] = []
        self.refresh()
        self.store.on_record(self._on_record)
        super().__init__([self.status, self.table, ipw.HBox([self.refresh_button])])
        self.add_class("course-widget")
        self.add_class("course-progress")

    def _on_record(self, _attempt: Attempt) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.rows = progress_rows(self.store, self.folder)
        self.table.value = progress_table_html(self.rows)
        self.status.value = _store_notice(self.store)


def progress_rows(store: ProgressStore, folder: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per bank: lesson, bank, title, questions, answered, correct, points (or an error)."""
    rows = []
    for bid in bank_ids(folder):
        try:
            bank = load_bank(bid, folder)
        except DataError as exc:
            rows.append({"bank": bid, "lesson": None, "title": bid, "questions": 0, "answered": 0, "correct": 0, "points": 0.0, "error": str(exc)})
            continue
        latest = store.latest(bid)
        # Scored as the self-check scores them, so that both widgets agree: a saved
        # answer that no longer fits its question (a renamed option) does not count.
        got = [r for r in (saved_result(q, latest.get(q.id)) for q in bank.questions) if r is not None]
        rows.append(
            {
                "bank": bid,
                "lesson": bank.lesson,
                "title": bank.title,
                "questions": len(bank.questions),
                "answered": len(got),
                "correct": sum(1 for r in got if r.correct),
                "points": sum(r.score for r in got),
                "error": "",
            }
        )
    rows.sort(key=lambda r: (r["lesson"] is None, r["lesson"] or 0, r["bank"]))
    return rows


def progress_table_html(rows: list[dict[str, Any]]) -> str:
    th, td, num = _CELL_TH, _CELL, _CELL_NUM
    head = "".join(
        f'<th scope="col" style="{th if i < 2 else th + ";text-align:right"}">{h}</th>'
        for i, h in enumerate(("Lesson", "Self-check", "Questions", "Answered", "Correct"))
    )
    body = []
    for r in rows:
        if r["error"]:
            body.append(
                f'<tr><td style="{td}">–</td><td style="{td}">{_e(r["title"])}</td>'
                f'<td colspan="3" style="{td}">could not be loaded: {_e(r["error"])}</td></tr>'
            )
            continue
        body.append(
            f'<tr><td style="{td}">{r["lesson"]}</td><td style="{td}">{_e(r["title"])}</td><td style="{num}">{r["questions"]}</td>'
            f'<td style="{num}">{r["answered"]}</td><td style="{num}">{r["correct"]}</td></tr>'
        )
    ok = [r for r in rows if not r["error"]]
    total = (
        f'<tr><th scope="row" colspan="2" style="{th}">All self-checks</th><td style="{num}">{sum(r["questions"] for r in ok)}</td>'
        f'<td style="{num}">{sum(r["answered"] for r in ok)}</td><td style="{num}">{sum(r["correct"] for r in ok)}</td></tr>'
    )
    if not rows:
        return "<p>There are no self-checks in this course yet.</p>"
    return (
        f'<table class="course-progress" style="{_TABLE}"><caption style="text-align:left;padding:0.3em 0">'
        "Your self-check progress (latest answer to each question)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody><tfoot>{total}</tfoot></table>"
    )


# Inline styles: widget HTML gets no table styles from JupyterLab.
_TABLE = f"border-collapse:collapse;{TEXT_STYLE}"
_CELL = "padding:0.2em 0.8em;border-bottom:1px solid #ccc;text-align:left;vertical-align:top"
_CELL_TH = _CELL + ";font-weight:bold;border-bottom:2px solid #555"
_CELL_NUM = _CELL + ";text-align:right"


# ---------------------------------------------------------------- CSV export and import

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


# ---------------------------------------------------------------- instructor tools


class HTMLText(str):
    """A string of HTML that a notebook displays as HTML (and tests read as text)."""

    def _repr_html_(self) -> str:
        return str(self)


def answer_key(bank_id: str, folder: str | Path | None = None, lessons_dir: str | Path | None = None) -> HTMLText:
    """Every question of a bank with its answer, the options' feedback, the explanation and sources."""
    bank = load_bank(bank_id, folder)
    out = [f"<h3>Answer key: {_e(bank.title)}</h3>", f"<p>Bank <code>{_e(bank.id)}</code>, lesson {bank.lesson}, {_plural(len(bank.questions), 'question')}.</p>", "<ol>"]
    for q in bank.questions:
        part = [
            f"<li><p><strong>{_e(q.prompt)}</strong> <em>({_e(TYPE_NAMES.get(q.type, q.type))}, {_e(q.difficulty)}; id <code>{_e(q.id)}</code>)</em></p>"
        ]
        if q.type in ("single", "multiple"):
            part.append("<ul>")
            for o in q.options:
                mark = "✓ correct" if o.correct else "✗ wrong"
                fb = f" — {_e(o.feedback)}" if o.feedback else ""
                part.append(f"<li>{mark}: {_e(o.text)}{fb}</li>")
            part.append("</ul>")
        else:
            part.append(_answer_html(q))
            if q.type == "truefalse":
                for o in q.options:
                    if not o.correct and o.feedback:
                        part.append(f"<p>If a student answers {_e(o.text)}: {_e(o.feedback)}</p>")
        part.append(f"<p><strong>Why:</strong></p>{_paragraphs(q.explanation)}")
        if q.hint:
            part.append(f"<p><strong>Hint:</strong> {_e(q.hint)}</p>")
        part.append(f"<p>Taught in: {section_link_html(q.lesson, q.section, lessons_dir)}</p>")
        if q.sources:
            part.append(f"<p>Sources: {_sources_html(q)}</p>")
        part.append("</li>")
        out.append("".join(part))
    out.append("</ol>")
    return HTMLText("".join(out))


@dataclass(frozen=True)
class QuestionStats:
    bank: str
    question: str
    prompt: str
    students: int  # students with at least one scored attempt
    first_try_correct: int
    finally_correct: int
    common_wrong: str  # the most common wrong answer, as a person reads it ('' if none)
    common_wrong_students: int

    @property
    def share_first_try(self) -> float:
        return self.first_try_correct / self.students if self.students else 0.0

    @property
    def share_in_the_end(self) -> float:
        return self.finally_correct / self.students if self.students else 0.0


@dataclass(frozen=True)
class ClassSummary:
    stats: tuple[QuestionStats, ...]
    files: tuple[str, ...]  # files read
    skipped: tuple[str, ...]  # one message per file skipped, naming it
    students: int

    @property
    def table_html(self) -> str:
        return _summary_table(self)

    @property
    def figure(self):
        return _summary_figure(self)

    def _repr_html_(self) -> str:
        return self.table_html

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        if self.stats:
            display(self.figure)
        display(HTML(self.table_html))


def _normal_answer(question: Question | None, text: str) -> str:
    """Group answers that mean the same: '1,962' and '1962'; the same options in another order."""
    if question is None:
        return text
    if question.type == "number":
        try:
            return _fmt_number(parse_number(text, question.unit))
        except AnswerError:
            return text
    if question.type == "multiple":
        items = _as_list(text)
        if items:
            return json.dumps(sorted(set(items)), ensure_ascii=False)
    return text


def class_summary(folder: str | Path, data_folder: str | Path | None = None) -> ClassSummary:
    """Read a folder of hand-in CSVs: per question, the share correct and the most common wrong answer.

    Files that are not self-check exports, or are malformed, are skipped and
    named in ``skipped``. The result displays as a plotly figure and a table;
    ``.figure`` and ``.table_html`` give each alone.
    """
    folder = Path(folder)
    skipped: list[str] = []
    rows: list[ResultRow] = []
    files: list[str] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    except OSError as exc:
        raise DataError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    for p in paths:
        try:
            got = read_results(p)
        except DataError as exc:
            skipped.append(f"{exc} — skipped")
            continue
        rows.extend(got)
        files.append(p.name)

    # The same attempt exported twice (two hand-ins of one bank) counts once.
    unique = {(r.student.casefold(), r.bank, r.question, r.answer, r.time): r for r in rows}
    banks: dict[str, Bank | None] = {}
    for bid in sorted({r.bank for r in unique.values()}):
        try:
            banks[bid] = load_bank(bid, data_folder)
        except DataError:
            banks[bid] = None

    per: dict[tuple[str, str], dict[str, list[ResultRow]]] = defaultdict(lambda: defaultdict(list))
    for (student, *_rest), r in unique.items():
        if r.correct is not None:
            per[(r.bank, r.question)][student].append(r)

    def order_key(key: tuple[str, str]) -> tuple:
        bank = banks.get(key[0])
        ids = [q.id for q in bank.questions] if bank else []
        return (key[0], ids.index(key[1]) if key[1] in ids else len(ids), key[1])

    stats = []
    for key in sorted(per, key=order_key):
        bid, qid = key
        bank = banks.get(bid)
        question = None
        if bank is not None:
            try:
                question = bank.question(qid)
            except KeyError:
                question = None
        by_student = per[key]
        first = last = 0
        wrong: dict[str, set[str]] = defaultdict(set)
        shown: dict[str, str] = {}
        for student, attempts in by_student.items():
            attempts.sort(key=lambda r: r.time)
            first += bool(attempts[0].correct)
            last += bool(attempts[-1].correct)
            if question is not None and question.type == "written":
                continue  # free text: no two wrong answers are alike
            for r in attempts:
                if r.correct is False:
                    norm = _normal_answer(question, r.answer)
                    wrong[norm].add(student)
                    shown.setdefault(norm, display_answer(question, r.answer))
        common, common_n = "", 0
        if wrong:
            norm = sorted(wrong, key=lambda k: (-len(wrong[k]), k))[0]
            common, common_n = shown[norm], len(wrong[norm])
        stats.append(
            QuestionStats(bid, qid, question.prompt if question else "", len(by_student), first, last, common, common_n)
        )
    students = len({r.student.casefold() for r in unique.values()})
    return ClassSummary(tuple(stats), tuple(files), tuple(skipped), students)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _summary_table(summary: ClassSummary) -> str:
    head = "".join(
        f'<th scope="col" style="{_CELL_TH}">{h}</th>'
        for h in ("Bank", "Question", "Students", "Correct at the first try", "Correct in the end", "Most common wrong answer")
    )
    body = []
    for s in summary.stats:
        label = f"<code>{_e(s.question)}</code>" + (f"<br>{_e(s.prompt)}" if s.prompt else "")
        wrong = f"{_e(s.common_wrong)} ({_plural(s.common_wrong_students, 'student')})" if s.common_wrong else "–"
        td, num = _CELL, _CELL_NUM
        body.append(
            f'<tr><td style="{td}">{_e(s.bank)}</td><td style="{td}">{label}</td><td style="{num}">{s.students}</td>'
            f'<td style="{num}">{_pct(s.share_first_try)} ({s.first_try_correct})</td>'
            f'<td style="{num}">{_pct(s.share_in_the_end)} ({s.finally_correct})</td><td style="{td}">{wrong}</td></tr>'
        )
    parts = [
        f"<p>{_plural(summary.students, 'student')} in {_plural(len(summary.files), 'file')}.</p>",
    ]
    if summary.stats:
        parts.append(
            f'<table class="class-summary" style="{_TABLE}"><caption style="text-align:left">Self-check results per question</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    else:
        parts.append("<p>No answers found.</p>")
    if summary.skipped:
        parts.append("<p><strong>⚠ Files skipped:</strong></p><ul>" + "".join(f"<li>{_e(m)}</li>" for m in summary.skipped) + "</ul>")
    return "".join(parts)


def _summary_figure(summary: ClassSummary):
    import plotly.graph_objects as go

    labels = [f"{s.bank} · {s.question}" for s in summary.stats]
    hover = [_e(s.prompt or s.question) for s in summary.stats]
    fig = go.Figure()
    fig.add_bar(
        name="Correct at the first try",
        x=[_e(x) for x in labels],
        y=[100 * s.share_first_try for s in summary.stats],
        text=[_pct(s.share_first_try) for s in summary.stats],
        customdata=hover,
        hovertemplate="%{customdata}<br>first try: %{y:.0f}%<extra></extra>",
        marker={"color": BLUE},
    )
    fig.add_bar(
        name="Correct in the end",
        x=[_e(x) for x in labels],
        y=[100 * s.share_in_the_end for s in summary.stats],
        text=[_pct(s.share_in_the_end) for s in summary.stats],
        customdata=hover,
        hovertemplate="%{customdata}<br>in the end: %{y:.0f}%<extra></extra>",
        # A pattern as well as a colour: the two series differ without colour vision.
        marker={"color": GREEN, "pattern": {"shape": "/"}},
    )
    fig.update_layout(
        barmode="group",
        title={"text": f"Share of students correct per question ({_plural(summary.students, 'student')})"},
        yaxis={"title": {"text": "students correct"}, "range": [0, 100], "ticksuffix": "%"},
        xaxis={"title": {"text": "question"}},
        template="simple_white",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig

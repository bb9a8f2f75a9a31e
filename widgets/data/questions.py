"""Self-check question banks (``questions/<bank>.toml``): a ``[bank]`` table and ``[[questions]]``."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Mapping

from .errors import DataError, _Problems
from .fields import _Record, _check_unique, _toml_records
from .files import _display, _folder, _mtimes, _read_toml
from .records import DIFFICULTIES, QUESTION_TYPES, Bank, Option, Question


# A bank id names a file (questions/<id>.toml) and is written in hand-ins: never a path, never
# too long for a file name.
MAX_BANK_ID = 100
_BANK_ID = re.compile(r"[a-z0-9][a-z0-9\-_.]*")


def is_bank_id(text: object) -> bool:
    """Whether ``text`` can be a question bank's id (and so a file name in questions/)."""
    return isinstance(text, str) and len(text) <= MAX_BANK_ID and _BANK_ID.fullmatch(text) is not None


def bank_ids(folder: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    qdir = _folder(folder) / "questions"
    return tuple(sorted(p.stem for p in qdir.glob("*.toml")))


def load_bank(bank_id: str, folder: str | os.PathLike[str] | None = None) -> Bank:
    """``questions/<bank_id>.toml``: a ``[bank]`` table and ``[[questions]]`` records."""
    if not is_bank_id(bank_id):
        raise DataError(f"{str(bank_id)[:60]!r} is not a question bank id (lower-case letters, digits, '-', '_' "
                        f"or '.', at most {MAX_BANK_ID} characters; it names data/questions/<id>.toml)")
    path = _folder(folder) / "questions" / f"{bank_id}.toml"
    if not path.exists():
        known = ", ".join(bank_ids(folder)) or "none"
        raise DataError(f"{_display(path)}: no such question bank (known banks: {known})")
    return _load_bank(path, _mtimes([path]))


@functools.lru_cache(maxsize=64)
def _load_bank(path: Path, _stamp) -> Bank:
    problems = _Problems()
    data, _ = _read_toml(path)
    where = _display(path)
    head = data.get("bank")
    if not isinstance(head, Mapping):
        raise DataError(f"{where}: missing the [bank] table (expected id, title and lesson)")
    hrec = _Record(head, f"{where}, [bank]", problems)
    bank_id = hrec.ident()
    title = hrec.text("title")
    lesson = hrec.integer("lesson")
    if bank_id and bank_id != path.stem:
        hrec.bad("id", bank_id, f"does not match the file name (expected {path.stem!r})")
    questions = []
    where_ids = []
    for rec in _toml_records(path, "questions", problems):
        q = _question(rec)
        where_ids.append((q.id, rec.where.split(" (id")[0]))
        if rec.ok:
            questions.append(q)
    _check_unique(where_ids, problems, "question")
    problems.raise_if_any()
    return Bank(id=bank_id, title=title, lesson=lesson, questions=tuple(questions), path=str(path))


def _options(rec: _Record) -> tuple[Option, ...]:
    value = rec.raw.get("options")
    if not value or not isinstance(value, list):
        rec.missing("options", "[[questions.options]] tables with 'text' (and 'correct', 'feedback')")
        return ()
    out = []
    for i, raw in enumerate(value, 1):
        if isinstance(raw, str):
            out.append(Option(raw.strip()))
            continue
        if not isinstance(raw, Mapping):
            rec.bad("options", raw, f"(option {i}) is not a table with 'text'")
            continue
        sub = _Record(raw, rec.where + f", option {i}", rec.problems)
        opt = Option(text=sub.text("text"), correct=sub.boolean("correct"), feedback=sub.text("feedback", required=False))
        if sub.ok:
            out.append(opt)
        else:
            rec.ok = False
    texts = [o.text for o in out]
    if len(set(texts)) != len(texts):
        rec.bad("options", texts, "repeats an option text (each option must differ)")
    return tuple(out)


def _question(rec: _Record) -> Question:
    qtype = rec.choice("type", QUESTION_TYPES)
    common = dict(
        id=rec.ident(),
        type=qtype,
        prompt=rec.text("prompt"),
        explanation=rec.text("explanation"),
        lesson=rec.integer("lesson"),
        section=rec.text("section"),
        difficulty=rec.choice("difficulty", DIFFICULTIES),
        hint=rec.text("hint", required=False),
    )
    factual = rec.boolean("factual", default=qtype != "written")
    common["sources"] = rec.sources(required=factual)
    if qtype in ("single", "multiple"):
        options = _options(rec)
        right = sum(o.correct for o in options)
        if options and qtype == "single" and right != 1:
            rec.bad("options", right, "options are marked correct (a single-choice question needs exactly 1)")
        if options and qtype == "multiple" and right < 1:
            rec.bad("options", right, "options are marked correct (a multiple-choice question needs at least 1)")
        if options and len(options) < 2:
            rec.bad("options", len(options), "options given (expected at least 2)")
        return Question(**common, options=options)
    if qtype == "truefalse":
        ans = rec.raw.get("answer")
        if not isinstance(ans, bool):
            if ans is None:
                rec.missing("answer", "true or false")
            else:
                rec.bad("answer", ans, "is not true or false")
        feedback = {
            True: rec.text("feedback_true", required=False),
            False: rec.text("feedback_false", required=False),
        }
        options = (Option("True", ans is True, feedback[True]), Option("False", ans is False, feedback[False]))
        return Question(**common, answer=ans if isinstance(ans, bool) else None, options=options)
    if qtype == "order":
        items = rec.text_list("items", required=True)
        if items and not 3 <= len(items) <= 6:
            rec.bad("items", len(items), "items given (an ordering question takes 3 to 6)")
        if len(set(items)) != len(items):
            rec.bad("items", list(items), "repeats an item (each item must differ)")
        return Question(**common, items=items)
    if qtype == "number":
        return Question(
            **common,
            answer=rec.number("answer"),
            tolerance=rec.number("tolerance", required=False, default=0.0, lo=0, hi=float("inf")),
            unit=rec.text("unit", required=False),
        )
    if qtype == "written":
        return Question(**common, model_answer=rec.text("model_answer"))
    return Question(**common)

"""Instructor tools without a figure: the answer key of a bank, and the per-question tally of a class's hand-ins; pure.

The plotly chart of the tally is in :mod:`widgets.selfcheck.instructor_view`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..data import Bank, DataError, Question, load_bank
from ..data.files import _display
from ..ui.html import esc, paragraphs, plural
from .feedback import answer_html, section_link_html, sources_links_html
from .number_parsing import AnswerError, format_number, parse_number
from .results import ResultRow, read_results
from .scoring import TYPE_NAMES, as_list, display_answer
from .tables import CELL, CELL_NUM, CELL_TH, TABLE

__all__ = ["HTMLText", "answer_key", "QuestionStats", "ClassTally", "tally_class", "summary_table_html", "percent"]


class HTMLText(str):
    """A string of HTML that a notebook displays as HTML (and tests read as text)."""

    def _repr_html_(self) -> str:
        return str(self)


def answer_key(bank_id: str, folder: str | Path | None = None, lessons_dir: str | Path | None = None) -> HTMLText:
    """Every question of a bank with its answer, the options' feedback, the explanation and sources."""
    bank = load_bank(bank_id, folder)
    out = [f"<h3>Answer key: {esc(bank.title)}</h3>", f"<p>Bank <code>{esc(bank.id)}</code>, lesson {bank.lesson}, {plural(len(bank.questions), 'question')}.</p>", "<ol>"]
    for q in bank.questions:
        part = [
            f"<li><p><strong>{esc(q.prompt)}</strong> <em>({esc(TYPE_NAMES.get(q.type, q.type))}, {esc(q.difficulty)}; id <code>{esc(q.id)}</code>)</em></p>"
        ]
        if q.type in ("single", "multiple"):
            part.append("<ul>")
            for o in q.options:
                mark = "✓ correct" if o.correct else "✗ wrong"
                fb = f" — {esc(o.feedback)}" if o.feedback else ""
                part.append(f"<li>{mark}: {esc(o.text)}{fb}</li>")
            part.append("</ul>")
        else:
            part.append(answer_html(q))
            if q.type == "truefalse":
                for o in q.options:
                    if not o.correct and o.feedback:
                        part.append(f"<p>If a student answers {esc(o.text)}: {esc(o.feedback)}</p>")
        part.append(f"<p><strong>Why:</strong></p>{paragraphs(q.explanation)}")
        if q.hint:
            part.append(f"<p><strong>Hint:</strong> {esc(q.hint)}</p>")
        part.append(f"<p>Taught in: {section_link_html(q.lesson, q.section, lessons_dir)}</p>")
        if q.sources:
            part.append(f"<p>Sources: {sources_links_html(q)}</p>")
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
class ClassTally:
    """Per question, how a class answered; the figure that goes with it is :class:`~widgets.selfcheck.instructor_view.ClassSummary`."""

    stats: tuple[QuestionStats, ...]
    files: tuple[str, ...]  # files read
    skipped: tuple[str, ...]  # one message per file skipped, naming it
    students: int
    notes: tuple[str, ...] = ()  # same-name students counted apart, banks the course does not have

    @property
    def table_html(self) -> str:
        return summary_table_html(self)

    def _repr_html_(self) -> str:
        return self.table_html


def normal_answer(question: Question | None, text: str) -> str:
    """Group answers that mean the same: '1,962' and '1962'; the same options in another order."""
    if question is None:
        return text
    if question.type == "number":
        try:
            return format_number(parse_number(text, question.unit))
        except AnswerError:
            return text
    if question.type == "multiple":
        items = as_list(text)
        if items:
            return json.dumps(sorted(set(items)), ensure_ascii=False)
    return text


def tally_class(folder: str | Path, data_folder: str | Path | None = None) -> ClassTally:
    """Read a folder of hand-in CSVs: per question, the share correct and the most common wrong answer.

    Files that are not CSV files, not self-check exports, or malformed are skipped and named in
    ``skipped``, each by its file name (hidden files and sub-folders are passed over). :func:`~widgets.selfcheck.instructor_view.class_summary`
    adds the figure.
    """
    folder = Path(folder)
    skipped: list[str] = []
    rows: list[ResultRow] = []
    files: list[str] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DataError(f"{folder}: cannot be read ({exc.strerror or exc})") from None
    for p in entries:
        reason = _not_a_hand_in(p)
        if reason:
            skipped.append(f"{p.name}: {reason} — skipped")
            continue
        try:
            got = read_results(p)
        except DataError as exc:
            skipped.append(f"{_by_name(p, exc)} — skipped")
            continue
        rows.extend(got)
        files.append(p.name)

    notes: list[str] = []
    keys = _student_keys(rows, notes)
    # The same attempt exported twice (two hand-ins of one bank) counts once.
    unique = {(keys[(r.file, r.student.casefold())], r.bank, r.question, r.answer, r.time): r for r in rows}
    banks: dict[str, Bank | None] = {}
    for bid in sorted({r.bank for r in unique.values()}):
        try:
            banks[bid] = load_bank(bid, data_folder)
        except DataError:
            banks[bid] = None
            where = sorted({r.file for r in unique.values() if r.bank == bid})
            notes.append(f"bank '{bid}' (in {', '.join(where[:5])}{', ...' if len(where) > 5 else ''}) is not a "
                         "self-check of this course: its answers are tallied without the questions' text")

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
                    norm = normal_answer(question, r.answer)
                    wrong[norm].add(student)
                    shown.setdefault(norm, display_answer(question, r.answer))
        common, common_n = "", 0
        if wrong:
            norm = sorted(wrong, key=lambda k: (-len(wrong[k]), k))[0]
            common, common_n = shown[norm], len(wrong[norm])
        stats.append(
            QuestionStats(bid, qid, question.prompt if question else "", len(by_student), first, last, common, common_n)
        )
    students = len({key[0] for key in unique})
    return ClassTally(tuple(stats), tuple(files), tuple(skipped), students, tuple(notes))


MAX_HAND_IN_BYTES = 2_000_000  # the data layer's file limit (a hand-in is a few KB)


def _not_a_hand_in(path: Path) -> str:
    """Why ``path`` is not a hand-in to read ('' if it may be one), without opening it."""
    if path.name.startswith("."):  # .DS_Store, .ipynb_checkpoints: listed, never read
        return "a hidden folder" if path.is_dir() else "a hidden file"
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"cannot be read ({'a symbolic link loop' if exc.errno == errno.ELOOP else exc.strerror or exc})"
    if stat.S_ISDIR(info.st_mode):
        return "a folder, not a hand-in"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, a device or a socket)"
    if path.suffix.lower() != ".csv":
        return "not a CSV file"
    if info.st_size > MAX_HAND_IN_BYTES:
        return f"too large for a hand-in ({info.st_size / 1e6:.1f} MB; at most {MAX_HAND_IN_BYTES / 1e6:.1f} MB)"
    return ""


def _student_keys(rows: list[ResultRow], notes: list[str]) -> dict[tuple[str, str], tuple[str, int]]:
    """(file, student) -> student key. Files naming the same student are one student, unless they answer the
    same question with no attempt in common (two people with one name): those are counted apart and flagged."""
    by_name: dict[str, list[str]] = defaultdict(list)
    attempts: dict[tuple[str, str], set] = defaultdict(set)
    asked: dict[tuple[str, str], set] = defaultdict(set)
    shown: dict[str, str] = {}
    for r in rows:
        name = r.student.casefold()
        if (name, r.file) not in attempts:
            by_name[name].append(r.file)
        attempts[(name, r.file)].add((r.bank, r.question, r.answer, r.time))
        asked[(name, r.file)].add((r.bank, r.question))
        shown.setdefault(name, r.student)
    keys: dict[tuple[str, str], tuple[str, int]] = {}
    for name, names_files in by_name.items():
        groups: list[list[str]] = []
        for f in names_files:
            a, q = attempts[(name, f)], asked[(name, f)]
            for group in groups:
                if all(a & attempts[(name, g)] or not q & asked[(name, g)] for g in group):
                    group.append(f)
                    break
            else:
                groups.append([f])
        for i, group in enumerate(groups):
            for f in group:
                keys[(f, name)] = (name, i)
        if len(groups) > 1:
            notes.append(f"{len(groups)} different students are named '{shown[name]}' "
                         f"({'; '.join(', '.join(g) for g in groups)}): their hand-ins answer the same questions "
                         "differently, so they are counted as different students — ask them to add an initial")
    return keys


def _by_name(path: Path, exc: DataError) -> str:
    """The problem with a hand-in, naming the file by its name alone (as every other message does)."""
    text = "; ".join(exc.problems)
    for prefix in sorted({str(path), str(path.resolve()), _display(path), _display(path.resolve())}, key=len, reverse=True):
        text = text.replace(prefix, path.name)
    return text


def percent(x: float) -> str:
    """A share as a whole percentage, e.g. 33%."""
    return f"{round(100 * x)}%"


def summary_table_html(summary: ClassTally) -> str:
    """The tally as an escaped HTML table, with the files read and the files skipped."""
    head = "".join(
        f'<th scope="col" style="{CELL_TH}">{h}</th>'
        for h in ("Bank", "Question", "Students", "Correct at the first try", "Correct in the end", "Most common wrong answer")
    )
    body = []
    for s in summary.stats:
        label = f"<code>{esc(s.question)}</code>" + (f"<br>{esc(s.prompt)}" if s.prompt else "")
        wrong = f"{esc(s.common_wrong)} ({plural(s.common_wrong_students, 'student')})" if s.common_wrong else "–"
        td, num = CELL, CELL_NUM
        body.append(
            f'<tr><td style="{td}">{esc(s.bank)}</td><td style="{td}">{label}</td><td style="{num}">{s.students}</td>'
            f'<td style="{num}">{percent(s.share_first_try)} ({s.first_try_correct})</td>'
            f'<td style="{num}">{percent(s.share_in_the_end)} ({s.finally_correct})</td><td style="{td}">{wrong}</td></tr>'
        )
    parts = [
        f"<p>{plural(summary.students, 'student')} in {plural(len(summary.files), 'file')}.</p>",
    ]
    if summary.stats:
        parts.append(
            f'<table class="class-summary" style="{TABLE}"><caption style="text-align:left">Self-check results per question</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    else:
        parts.append("<p>No answers found.</p>")
    if summary.notes:
        parts.append("<p><strong>⚠ Please check:</strong></p><ul>" + "".join(f"<li>{esc(m)}</li>" for m in summary.notes) + "</ul>")
    if summary.skipped:
        parts.append("<p><strong>⚠ Files skipped:</strong></p><ul>" + "".join(f"<li>{esc(m)}</li>" for m in summary.skipped) + "</ul>")
    return "".join(parts)

"""The HTML a student reads after an attempt: feedback, hints, answers, links to the lesson section; pure.

Everything from a bank is escaped (:func:`widgets.ui.html.esc`) before it becomes HTML;
boxes, links and colours are the shared ones of :mod:`widgets.ui`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..course import lessons_dir as course_lessons_dir
from ..data import Question
from ..progress import ProgressStore
from ..ui.html import box, esc, lesson_link, link, paragraphs
from ..ui.style import BLUE, GREEN, ORANGE, SKY, VERMILLION
from .scoring import Result, correct_answer

__all__ = [
    "section_href",
    "section_link_html",
    "feedback_html",
    "answer_html",
    "hint_html",
    "reveal_html",
    "sources_links_html",
    "store_notice_html",
]


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
    """An escaped link to the section that teaches a question (plain text when no lesson file is found).

    An empty ``section`` links to the whole lesson ("Lesson 4").
    """
    label = f"Lesson {int(lesson)}, “{section}”" if section.strip() else f"Lesson {int(lesson)}"
    href = section_href(lesson, section, lessons_dir)
    if href is None:
        return esc(label)
    # Opens the lesson in the same JupyterLab, at the section (the course's page helper), and keeps
    # the student's place and kernel in the lesson they are working on.
    return lesson_link(href, label)


# ---------------------------------------------------------------- feedback HTML


def _colour_for(result: Result) -> str:
    if not result.valid or result.correct is None:
        return BLUE
    if result.correct:
        return GREEN
    return ORANGE if result.score > 0 else VERMILLION


def feedback_html(question: Question, result: Result, link_html: str = "", note: str = "") -> str:
    """The feedback a student sees after an attempt: verdict in words, why, and where it is taught."""
    if not result.valid:
        return box(BLUE, f"<p><strong>ℹ {esc(result.verdict)}:</strong> {esc(result.feedback)}</p>")
    parts = [f"<p><strong>{esc(result.verdict)}.</strong> {esc(result.feedback)}</p>"]
    if note:
        parts.insert(0, f"<p><em>{esc(note)}</em></p>")
    if result.notes:
        parts.append("<ul>" + "".join(f"<li>{esc(n)}</li>" for n in result.notes) + "</ul>")
    if question.type == "written":
        parts.append(f"<p><strong>Model answer:</strong></p>{paragraphs(question.model_answer)}")
    parts.append(f"<p><strong>Why:</strong></p>{paragraphs(question.explanation)}")
    if link_html:
        parts.append(f"<p>Read more: {link_html}</p>")
    if question.sources:
        parts.append(f"<p>Sources: {sources_links_html(question)}</p>")
    return box(_colour_for(result), "".join(parts))


def sources_links_html(question: Question) -> str:
    """The question's sources as links, separated by commas (one line under the feedback)."""
    return ", ".join(link(s.url, s.title) for s in question.sources)


def answer_html(question: Question) -> str:
    """The right answer(s) as HTML, under "Answer:" (or "Model answer:" for a written question)."""
    lines = correct_answer(question)
    if question.type == "order":
        body = "<ol>" + "".join(f"<li>{esc(t)}</li>" for t in lines) + "</ol>"
    elif question.type == "written":
        body = paragraphs(lines[0] if lines else "")
    elif len(lines) == 1:
        body = f"<p>{esc(lines[0])}</p>"
    else:
        body = "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in lines) + "</ul>"
    label = "Model answer" if question.type == "written" else "Answer"
    return f"<p><strong>{label}:</strong></p>{body}"


def hint_html(question: Question, link_html: str) -> str:
    """The question's hint in a box; without one, where to re-read."""
    text = question.hint
    if text:
        body = f"<p><strong>Hint:</strong> {esc(text)}</p>"
    else:
        body = f"<p><strong>Hint:</strong> there is no hint for this question; re-read {link_html}.</p>"
    return box(SKY, body)


def reveal_html(question: Question) -> str:
    """The answer and why, in a box (the Show answer button)."""
    return box(BLUE, answer_html(question) + f"<p><strong>Why:</strong></p>{paragraphs(question.explanation)}")


def store_notice_html(store: ProgressStore, extra: str = "") -> str:
    """A note about the progress store (memory only, damaged lines) in a box; '' when all is well."""
    lines = []
    if store.warning:
        lines.append(store.warning + extra)
    lines.extend(store.problems)
    if not lines:
        return ""
    return box(ORANGE, "".join(f"<p><strong>⚠ Note:</strong> {esc(t)}</p>" for t in lines))

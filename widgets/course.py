"""Course-level helpers: the lesson outline, links to lesson sections, source lists."""

from __future__ import annotations

import html
import os
from pathlib import Path

from widgets.data import Lesson, load_lessons
from widgets.ui.html import sources_html  # the course's one source list, re-exported here

__all__ = ["lessons_dir", "handins_dir", "lesson_file", "section_link", "outline_html", "outline_text", "sources_html", "Outline"]


def lessons_dir() -> Path:
    """Where the lesson notebooks are: ``$COURSE_LESSONS_DIR`` when set; else the repository's
    ``lessons/`` (a clone or an editable install); else, installed from a wheel, the current
    folder (the notebooks' own folder when they run in Jupyter)."""
    env = os.environ.get("COURSE_LESSONS_DIR")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent / "lessons"
    return repo if repo.is_dir() else Path.cwd()


def handins_dir() -> Path:
    """Where **Save my answers as CSV** writes hand-ins: ``$COURSE_HANDINS_DIR`` when set; else a
    ``hand-ins/`` folder beside the lessons folder (the repository's root in a clone, ignored by
    git, so hand-ins never mix with the lessons); installed from a wheel, ``hand-ins/`` in the
    current folder."""
    env = os.environ.get("COURSE_HANDINS_DIR")
    if env:
        return Path(env)
    if os.environ.get("COURSE_LESSONS_DIR") or (Path(__file__).resolve().parent.parent / "lessons").is_dir():
        return lessons_dir().parent / "hand-ins"
    return Path.cwd() / "hand-ins"


def lesson_file(number: int, folder=None) -> Lesson | None:
    """The outline record of lesson ``number`` if its notebook exists, else None."""
    for lesson in load_lessons(folder):
        if lesson.number == number and (lessons_dir() / lesson.filename).exists():
            return lesson
    return None


def section_anchor(heading: str) -> str:
    """JupyterLab's anchor for a Markdown heading: the text with spaces replaced by '-'."""
    return heading.strip().replace(" ", "-")


def section_link(number: int, heading: str = "", folder=None) -> str | None:
    """Relative link (from a lesson) to a lesson, or to one of its sections; None if not written yet."""
    lesson = lesson_file(number, folder)
    if lesson is None:
        return None
    return lesson.filename + (f"#{section_anchor(heading)}" if heading else "")


def outline_text(folder=None) -> str:
    """The outline as plain text: what nbval checks in lesson 00."""
    lines = []
    total = 0
    for lesson in load_lessons(folder):
        ready = (lessons_dir() / lesson.filename).exists()
        total += lesson.minutes
        state = "" if ready else "  (in preparation)"
        lines.append(f"{lesson.number}. {lesson.title} — about {lesson.minutes} min{state}")
    lines.append(f"Whole course: about {total // 60} h {total % 60:02d} min")
    return "\n".join(lines)


def outline_html(folder=None) -> str:
    items = []
    for lesson in load_lessons(folder):
        title = html.escape(lesson.title)
        if (lessons_dir() / lesson.filename).exists():
            title = f'<a href="{html.escape(lesson.filename)}">{title}</a>'
        else:
            title += " <em>(in preparation)</em>"
        items.append(
            f"<li><strong>{lesson.number}. {title}</strong> — about {lesson.minutes} min"
            f"<br>{html.escape(lesson.summary)}</li>"
        )
    return ('<nav class="course-widget course-outline" aria-label="Course outline">'
            '<ol start="0" style="list-style:none;padding-left:0">' + "".join(items) + "</ol></nav>")


class Outline:
    """Displays the linked course outline in a notebook: ``Outline()``."""

    def __init__(self, folder=None):
        self.folder = folder

    def _repr_html_(self) -> str:
        return outline_html(self.folder)

    def __repr__(self) -> str:
        return outline_text(self.folder)


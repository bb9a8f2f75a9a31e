"""The course outline (``course.toml``): one ``[[lessons]]`` record per lesson."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import _Problems
from .fields import _check_unique, _toml_records
from .files import _folder, _mtimes
from .records import Lesson


def load_lessons(folder: str | os.PathLike[str] | None = None) -> tuple[Lesson, ...]:
    """``course.toml``: the course outline, one ``[[lessons]]`` record per lesson."""
    path = _folder(folder) / "course.toml"
    return _load_lessons(path, _mtimes([path]))


@functools.lru_cache(maxsize=8)
def _load_lessons(path: Path, _stamp) -> tuple[Lesson, ...]:
    problems = _Problems()
    out = []
    seen = []
    for rec in _toml_records(path, "lessons", problems):
        lesson = Lesson(
            number=rec.integer("number"),
            slug=rec.ident("slug"),
            title=rec.text("title"),
            minutes=rec.integer("minutes"),
            summary=rec.text("summary"),
        )
        seen.append((str(lesson.number), rec.where))
        if rec.ok:
            out.append(lesson)
    _check_unique(seen, problems, "lesson number")
    problems.raise_if_any()
    return tuple(sorted(out, key=lambda l: l.number))

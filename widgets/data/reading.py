"""What each lesson cites (``reading/lessonNN.toml``): the records whose sources its
"Sources and further reading" cell lists, and further reading attached to no record.

One file per lesson, every key optional::

    lesson = 2
    eras = true                                 # list the eras' sources (the periodisation) too
    events = ["inf-treaty-signed-1987"]        # event ids (their accounts' sources are listed too)
    players = ["sergey-lavrov"]                 # player ids
    stakeholders = ["riyadh-talks-2025"]       # negotiations (event ids) whose placements' sources to list
    banks = ["lesson02"]                        # self-check banks whose questions' sources to list
    [[reading]]                                 # further reading, optional
    title = "..."
    url = "https://..."
    kind = "scholarly"
    note = "what it is for (optional)"
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, _Problems
from .fields import _Record, _source
from .files import _display, _folder, _mtimes, _read_toml
from .records import Source
from .refs import _check_refs, _ids

__all__ = ["LessonReading", "Reading", "load_reading", "reading_files"]


@dataclass(frozen=True)
class Reading:
    """Further reading attached to no record: a source and, optionally, what it is for."""

    source: Source
    note: str = ""


@dataclass(frozen=True)
class LessonReading:
    lesson: int
    eras: bool = False
    events: tuple[str, ...] = ()
    players: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()
    banks: tuple[str, ...] = ()
    reading: tuple[Reading, ...] = ()
    path: str = ""


KEYS = ("lesson", "eras", "events", "players", "stakeholders", "banks", "reading")


def reading_files(folder: str | os.PathLike[str] | None = None) -> list[Path]:
    sub = _folder(folder) / "reading"
    return sorted(sub.glob("lesson*.toml")) if sub.is_dir() else []


def load_reading(lesson: int, folder: str | os.PathLike[str] | None = None) -> LessonReading | None:
    """The reading file of ``lesson`` (``reading/lessonNN.toml``), or None if the lesson has none."""
    base = _folder(folder)
    path = base / "reading" / f"lesson{int(lesson):02d}.toml"
    if not path.is_file():
        return None
    return _load(path, _mtimes([path]), _ids(base, "events"), _ids(base, "players"))


@functools.lru_cache(maxsize=16)
def _load(path: Path, _stamp, events, players) -> LessonReading:
    data, text = _read_toml(path)
    lines = text.splitlines()

    def line_of(name: str) -> int | None:
        pat = re.compile(r"^\s*(\[\[\s*)?" + re.escape(name) + r"\s*(=|\]\])")
        return next((i + 1 for i, line in enumerate(lines) if pat.match(line)), None)

    problems = _Problems()
    rec = _Record(data, _display(path), problems, line_of=line_of)
    for key in data:
        if key not in KEYS:
            rec.bad(key, key, f"is not a known key (expected: {', '.join(KEYS)})")
    number = rec.integer("lesson")
    expected = re.fullmatch(r"lesson(\d+)", path.stem)
    if rec.ok and expected and int(expected.group(1)) != number:
        rec.bad("lesson", number, f"does not match the file name {path.name}")
    eras = rec.boolean("eras")
    lists = {key: rec.text_list(key) for key in ("events", "players", "stakeholders", "banks")}
    _check_refs(rec, "events", lists["events"], events, "event")
    _check_refs(rec, "stakeholders", lists["stakeholders"], events, "event")
    _check_refs(rec, "players", lists["players"], players, "player")
    banks_dir = path.parent.parent / "questions"
    for bank in lists["banks"]:
        if banks_dir.is_dir() and not (banks_dir / f"{bank}.toml").is_file():
            rec.bad("banks", bank, f"names a question bank that does not exist (no questions/{bank}.toml)")
    reading = []
    raw_reading = data.get("reading", [])
    if not isinstance(raw_reading, list):
        rec.bad("reading", raw_reading, "must be written as [[reading]] records")
        raw_reading = []
    for i, item in enumerate(raw_reading, 1):
        if not isinstance(item, dict):
            rec.bad("reading", item, f"(record {i}) is not a table with title, url and kind")
            continue
        src = _source(item.get("title"), item.get("url"), lambda f, v, e, i=i: rec.bad("reading", v, f"(record {i}, {f}) {e}"),
                      item.get("kind"))
        note = item.get("note", "")
        if not isinstance(note, str):
            rec.bad("reading", note, f"(record {i}, note) is not text")
            note = ""
        if src:
            reading.append(Reading(src, note.strip()))
    problems.raise_if_any()
    return LessonReading(number, eras, lists["events"], lists["players"], lists["stakeholders"], lists["banks"],
                         tuple(reading), str(path))


def count_reading(folder: str | os.PathLike[str] | None = None) -> int:
    """Load every reading file (raising DataError with every problem); the number of files."""
    problems: list[str] = []
    files = reading_files(folder)
    for path in files:
        m = re.fullmatch(r"lesson(\d+)", path.stem)
        if not m:
            problems.append(f"{_display(path)}: the file name must be lessonNN.toml")
            continue
        try:
            load_reading(int(m.group(1)), folder)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return len(files)

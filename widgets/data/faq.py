"""The course FAQ (``faq.toml``, lesson 6): questions students ask, answered in the course's own words.

Each ``[[faq]]`` record has a short answer, a fuller one, links to the lesson sections that teach it
(``links = [{ lesson = 1, section = "Talks since 2022" }]``), the course records that back it (event,
player, case and series ids) and sources. References are checked where that kind of data exists:
lesson numbers against ``course.toml``, a section against the headings of its lesson notebook once
the notebook exists, ids against the course's events, players, cases and series. Messages name the
file, the line, the field and the bad value.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .dates import PartialDate
from .errors import DataError, _Problems
from .fields import _check_unique, _Record, _toml_records
from .files import _display, _folder, _mtimes, _toml_files, default_data_dir
from .records import Source
from .refs import _check_refs, _ids

__all__ = ["FaqLink", "FaqEntry", "load_faq", "lesson_headings"]


@dataclass(frozen=True)
class FaqLink:
    lesson: int
    section: str = ""  # "" links to the whole lesson


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: str
    short: str  # one or two sentences
    answer: str  # the fuller answer; blank lines separate paragraphs
    brief: bool  # one of the four questions of the course brief
    keywords: tuple[str, ...]  # extra words the search matches
    links: tuple[FaqLink, ...]
    events: tuple[str, ...]
    players: tuple[str, ...]
    cases: tuple[str, ...]
    series: tuple[str, ...]
    factual: bool  # False: about the course itself (sources optional)
    sources: tuple[Source, ...]
    as_of: PartialDate | None = None  # when an answer about something still changing was last checked


def load_faq(folder: str | os.PathLike[str] | None = None, lessons_dir: str | os.PathLike[str] | None = None) -> tuple[FaqEntry, ...]:
    """``faq.toml`` (and/or ``faq/*.toml``): ``[[faq]]`` records, in file order.

    ``lessons_dir`` is where the lesson notebooks are (default ``$COURSE_LESSONS_DIR``, else the
    ``lessons/`` folder beside the data folder); a section is checked only when its lesson's
    notebook is found there.
    """
    base = _folder(folder)
    files = _toml_files(base, "faq")
    if not files:
        raise DataError(f"{_display(base)}: no faq.toml file or faq/ folder")
    notebooks = _notebooks(base, lessons_dir)
    return _load_faq(
        tuple(files), _mtimes(files), _lesson_numbers(base), _mtimes(notebooks),
        _ids(base, "events"), _ids(base, "players"), _ids(base, "cases"), _series_ids(base),
    )


def _lessons_folder(base: Path, lessons_dir) -> Path:
    if lessons_dir is not None:
        return Path(lessons_dir)
    env = os.environ.get("COURSE_LESSONS_DIR")
    return Path(env) if env else base.parent / "lessons"


def _notebooks(base: Path, lessons_dir) -> list[Path]:
    try:
        return sorted(_lessons_folder(base, lessons_dir).glob("[0-9][0-9]_*.ipynb"))
    except OSError:
        return []


_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*\s*$")


def lesson_headings(path: str | os.PathLike[str]) -> frozenset[str]:
    """The Markdown heading texts of a notebook (empty if it cannot be read)."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    out = set()
    for cell in nb.get("cells", []) if isinstance(nb, Mapping) else []:
        if not isinstance(cell, Mapping) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        for line in text.splitlines():
            m = _HEADING.match(line)
            if m:
                out.add(m.group(1))
    return frozenset(out)


def _lesson_numbers(base: Path) -> frozenset[int] | None:
    if not (base / "course.toml").is_file():
        return None
    from .outline import load_lessons  # a broken course.toml is reported by its own loader

    try:
        return frozenset(lesson.number for lesson in load_lessons(base))
    except DataError:
        return None


def _series_ids(base: Path) -> frozenset[str] | None:
    """Series ids of ``base`` (or, like the other references, of the course's own data when it has none)."""
    if not (base / "series.csv").is_file():
        if base.resolve() == default_data_dir().resolve() or not (default_data_dir() / "series.csv").is_file():
            return None
        base = default_data_dir()
    from .series import load_series  # a broken series.csv is reported by its own loader

    try:
        return frozenset(load_series(base))
    except DataError:
        return None


def _links(rec: _Record, lessons: frozenset[int] | None, headings: Mapping[int, tuple[str, frozenset[str]]]) -> tuple[FaqLink, ...]:
    value = rec.raw.get("links")
    if value is None or value == []:
        rec.missing("links", "at least one link: { lesson = 1, section = \"a heading of that lesson\" }")
        return ()
    if not isinstance(value, list):
        rec.bad("links", value, "is not a list of { lesson, section } tables")
        return ()
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, Mapping):
            rec.bad("links", item, f"(link {i}) is not a table with 'lesson' and an optional 'section'")
            continue
        lesson, section = item.get("lesson"), item.get("section", "")
        if isinstance(lesson, bool) or not isinstance(lesson, int):
            rec.bad("links", lesson, f"(link {i}, lesson) is not a lesson number")
            continue
        if not isinstance(section, str):
            rec.bad("links", section, f"(link {i}, section) is not text")
            continue
        section = section.strip()
        if lessons is not None and lesson not in lessons:
            rec.bad("links", lesson, f"(link {i}, lesson) is not a lesson of course.toml (lessons: {', '.join(map(str, sorted(lessons)))})")
            continue
        if section and lesson in headings:
            name, known = headings[lesson]
            if section not in known:
                rec.bad("links", section, f"(link {i}, section) is not a heading of {name}")
                continue
        out.append(FaqLink(lesson, section))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _load_faq(files, _stamp, lessons, notebooks, events, players, cases, series) -> tuple[FaqEntry, ...]:
    problems = _Problems()
    headings: dict[int, tuple[str, frozenset[str]]] = {}
    for name, _ in notebooks:
        path = Path(name)
        number = int(path.name[:2])
        headings.setdefault(number, (path.name, lesson_headings(path)))
    entries: list[FaqEntry] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(Path(path), "faq", problems):
            evs = rec.text_list("events")
            pls = rec.text_list("players")
            css = rec.text_list("cases")
            srs = rec.text_list("series")
            _check_refs(rec, "events", evs, events, "event")
            _check_refs(rec, "players", pls, players, "player")
            _check_refs(rec, "cases", css, cases, "case")
            if series is not None:
                for sid in srs:
                    if sid not in series:
                        rec.bad("series", sid, "names a series id that does not exist in series.csv")
            entry = FaqEntry(
                id=rec.ident(),
                question=rec.text("question"),
                short=rec.text("short"),
                answer=rec.text("answer"),
                brief=rec.boolean("brief", False),
                keywords=rec.text_list("keywords"),
                links=_links(rec, lessons, headings),
                events=evs,
                players=pls,
                cases=css,
                series=srs,
                factual=(factual := rec.boolean("factual", True)),
                sources=rec.sources(required=factual),
                as_of=rec.date("as_of", required=False),
            )
            if entry.question and not entry.question.endswith("?"):
                rec.bad("question", entry.question, "does not end with a question mark")
            where_ids.append((entry.id, rec.where.split(" (id")[0]))
            if rec.ok:
                entries.append(entry)
    _check_unique(where_ids, problems, "FAQ")
    problems.raise_if_any()
    return tuple(entries)

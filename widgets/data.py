"""The course's data layer: one loader per kind of content in ``data/``.

Every loader reads its file(s), validates every record against the schema
documented in ``data/README.md`` and returns frozen dataclasses. Anything
wrong raises :class:`DataError`, whose message names the file, the row or
line, the field, the bad value and what was expected, so that an instructor
can fix their own file without reading this code.

Formats follow from the course's runtime rule (pure Python, runs in
JupyterLite): CSV for tables (eras, numeric series, stakeholder placements)
and TOML, read with the standard library's ``tomllib``, for rich records
(events, players, cases, question banks).

Every loader takes an optional ``folder``; without it, the course's own
``data/`` folder is used (or ``$COURSE_DATA_DIR`` when set), so an
instructor can point the whole course at a folder of their own.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

__all__ = [
    "DataError",
    "PartialDate",
    "Source",
    "Era",
    "Narrative",
    "Event",
    "Role",
    "Player",
    "Case",
    "SeriesPoint",
    "Placement",
    "Option",
    "Question",
    "Bank",
    "Lesson",
    "EVENT_CATEGORIES",
    "PLAYER_KINDS",
    "ROLE_KINDS",
    "OFFICES",
    "QUESTION_TYPES",
    "SOURCE_KINDS",
    "default_data_dir",
    "load_eras",
    "load_events",
    "load_players",
    "load_cases",
    "load_series",
    "load_stakeholders",
    "load_bank",
    "bank_ids",
    "load_lessons",
    "parse_date",
    "read_csv",
]

# ---------------------------------------------------------------- vocabularies

EVENT_CATEGORIES: tuple[str, ...] = (
    "diplomacy",
    "summit",
    "arms-control",
    "crisis",
    "conflict",
    "economic",
    "alliance",
    "political-change",
    "mediation",
)
PLAYER_KINDS: tuple[str, ...] = ("person", "state", "organisation")
ROLE_KINDS: tuple[str, ...] = (
    "head-of-state",
    "head-of-government",
    "foreign-minister",
    "negotiator",
    "envoy",
    "advisor",
    "mediator",
    "host",
    "official",
    "other",
)
# Offices that the "who held office when" lookup answers for.
OFFICES: tuple[str, ...] = (
    "us-president",
    "us-secretary-of-state",
    "soviet-russian-leader",
    "soviet-russian-foreign-minister",
)
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "order", "number", "written")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
SIDES: tuple[str, ...] = ("us", "russia", "other")
# What a source is (data/README.md): the course needs at least one source per record that is
# neither an encyclopedia nor state media.
SOURCE_KINDS: tuple[str, ...] = (
    "official",
    "archival",
    "treaty",
    "scholarly",
    "encyclopedia",
    "press",
    "state-media",
    "other",
)


# ---------------------------------------------------------------- errors


class DataError(ValueError):
    """A course data file is malformed. ``problems`` lists every message found."""

    def __init__(self, problems: str | Iterable[str]):
        self.problems: tuple[str, ...] = (problems,) if isinstance(problems, str) else tuple(problems)
        if len(self.problems) == 1:
            text = self.problems[0]
        else:
            text = f"{len(self.problems)} problems:\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(text)


class _Problems:
    """Collects problems for one file so that an instructor sees them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


# ---------------------------------------------------------------- value types


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.key < other.key

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, 12, 31)

    def midpoint(self) -> date:
        """The middle of the period, for placing year- or month-precise events on an axis."""
        return date.fromordinal((self.first_day().toordinal() + self.last_day().toordinal()) // 2)

    def contains(self, day: date) -> bool:
        return self.first_day() <= day <= self.last_day()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """Human form: '9 November 1989', 'November 1989' or '1989'."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"  # type: ignore[operator]
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def parse_date(text: Any) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError with what was expected."""
    if isinstance(text, date):
        return PartialDate(text.year, text.month, text.day)
    if isinstance(text, int) and not isinstance(text, bool):
        text = f"{text:04d}"
    if not isinstance(text, str):
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError("is not a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return PartialDate(year, month, day)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    kind: str = ""  # one of SOURCE_KINDS, or "" when the file does not say


@dataclass(frozen=True)
class Era:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None
    summary: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Narrative:
    side: str  # "us", "russia" or "other"
    attribution: str
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    end_date: PartialDate | None
    title: str
    category: str
    summary: str
    significance: str
    actors: tuple[str, ...]
    sources: tuple[Source, ...]
    narratives: tuple[Narrative, ...] = ()
    as_of: PartialDate | None = None
    place: str = ""

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def contested(self) -> bool:
        return bool(self.narratives)


@dataclass(frozen=True)
class Role:
    title: str
    kind: str
    organisation: str
    start: PartialDate
    end: PartialDate | None
    office: str = ""
    acting: bool = False
    as_of: PartialDate | None = None

    def holds_on(self, day: date) -> bool:
        """True if the role was held on ``day`` (start and end days both count)."""
        if day < self.start.first_day():
            return False
        if self.end is None:
            return self.as_of is None or day <= self.as_of.last_day()
        return day <= self.end.last_day()


@dataclass(frozen=True)
class Player:
    id: str
    name: str
    kind: str
    country: str
    profile: str
    roles: tuple[Role, ...]
    negotiations: tuple[str, ...]
    sources: tuple[Source, ...]
    portrait: str = ""
    portrait_licence: str = ""

    @property
    def initials(self) -> str:
        words = [w for w in re.split(r"[\s\-]+", self.name) if w and w[0].isalpha()]
        if not words:
            return "?"
        if len(words) == 1:
            return words[0][:2].upper()
        return (words[0][0] + words[-1][0]).upper()


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    start: PartialDate
    end: PartialDate | None
    place: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    summary: str
    outcome: str
    lessons: tuple[str, ...]
    events: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SeriesPoint:
    series: str
    date: PartialDate
    value: float
    unit: str
    note: str
    source: Source


@dataclass(frozen=True)
class Placement:
    negotiation: str
    player: str
    interest: float
    influence: float
    justification: str
    source: Source


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    explanation: str
    lesson: int
    section: str
    difficulty: str
    options: tuple[Option, ...] = ()
    items: tuple[str, ...] = ()  # "order": the items in their correct order
    answer: Any = None  # truefalse: bool; number: float
    tolerance: float = 0.0
    unit: str = ""
    model_answer: str = ""  # "written"
    hint: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    lesson: int
    questions: tuple[Question, ...]
    path: str = ""

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    title: str
    minutes: int
    summary: str

    @property
    def filename(self) -> str:
        return f"{self.number:02d}_{self.slug}.ipynb"


# ---------------------------------------------------------------- reading files


def default_data_dir() -> Path:
    env = os.environ.get("COURSE_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def _folder(folder: str | os.PathLike[str] | None) -> Path:
    return Path(folder) if folder is not None else default_data_dir()


def _display(path: Path) -> str:
    """Paths in messages as an instructor would write them: relative to the repo when inside it."""
    try:
        return str(path.resolve().relative_to(Path(__file__).resolve().parent.parent))
    except ValueError:
        return str(path)


def _read_text(path: Path) -> str:
    where = _display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{where}: file not found") from None
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{where}, line {line}: byte {raw[exc.start]:#04x} at offset {exc.start} is not UTF-8 "
            "text (save the file with UTF-8 encoding)"
        ) from None
    if not text.strip():
        raise DataError(f"{where}: the file is empty (expected {_expected_content(path)})")
    return text


def _expected_content(path: Path) -> str:
    return "a header row and at least one data row" if path.suffix == ".csv" else "at least one record"


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parsed TOML and its text. One parse per file version, shared by a kind's loader and the
    id index other kinds check references against (parsing is most of a loader's time)."""
    return _parse_toml(path, _mtimes([path]))


@functools.lru_cache(maxsize=64)
def _parse_toml(path: Path, _stamp) -> tuple[dict[str, Any], str]:
    text = _read_text(path)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{_display(path)}: not valid TOML ({exc})") from None


def read_csv(path: str | os.PathLike[str], required: Iterable[str], *, what: str = "") -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (spreadsheet row number, row with stripped cells); the header is row 1.

    Blank rows are skipped. Any problem (unreadable, not UTF-8, empty, missing columns, a row
    longer than the header, a file the csv module cannot parse, no data rows) raises DataError
    naming the file and row. ``what`` names the kind of file expected ("a self-check export"),
    for files that may be something else entirely.
    """
    path = Path(path)
    required = list(required)
    text = _read_text(path)
    where = _display(path)
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing and what:
            raise DataError(f"{where}: not {what}: missing column(s) {', '.join(missing)} "
                            f"(expected {', '.join(required)})")
        if missing:
            raise DataError(
                f"{where}, row 1: missing column(s) {', '.join(repr(m) for m in missing)} "
                f"(expected columns: {', '.join(required)})"
            )
        reader.fieldnames = header
        rows = 0
        for row in reader:
            rows += 1
            if None in row:
                raise DataError(f"{where}, row {reader.line_num}: more cells than columns in the header")
            if not any((v or "").strip() for v in row.values()):
                continue
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
    except csv.Error as exc:
        raise DataError(f"{where}: not a readable CSV file ({exc})") from None
    if rows == 0:
        raise DataError(f"{where}: the file has a header but no data rows")


def _toml_files(folder: Path, name: str) -> list[Path]:
    """``data/<name>.toml`` and/or every ``data/<name>/*.toml``, in a stable order."""
    files = []
    single = folder / f"{name}.toml"
    if single.exists():
        files.append(single)
    sub = folder / name
    if sub.is_dir():
        files.extend(sorted(sub.glob("*.toml")))
    return files


def _mtimes(paths: Iterable[Path]) -> tuple[tuple[str, int], ...]:
    out = []
    for p in paths:
        try:
            out.append((str(p), p.stat().st_mtime_ns))
        except OSError:
            out.append((str(p), -1))
    return tuple(out)


class _Locator:
    """Finds the line of a record (``[[table]]`` header) and of a field inside it, for messages."""

    def __init__(self, text: str, table: str):
        self.lines = text.splitlines()
        pat = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        self.starts = [i for i, line in enumerate(self.lines) if pat.match(line)]

    def record_line(self, index: int) -> int | None:
        return self.starts[index] + 1 if index < len(self.starts) else None

    def field_line(self, index: int, name: str) -> int | None:
        if index >= len(self.starts):
            return None
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lines)
        pat = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
        for i in range(start, end):
            if pat.match(self.lines[i]):
                return i + 1
        return start + 1


class _Record:
    """Typed access to one raw record, recording problems with precise locations."""

    def __init__(self, raw: Mapping[str, Any], where: str, problems: _Problems, line_of=None):
        self.raw = raw
        self.where = where  # e.g. "data/events.toml, record 3 (id 'x')" or "data/eras.csv, row 4"
        self.problems = problems
        self.line_of = line_of  # callable field -> line number, for TOML
        self.ok = True

    def _loc(self, name: str) -> str:
        if self.line_of is not None:
            line = self.line_of(name)
            if line is not None:
                return f"{self.where.split(',')[0]}, line {line}{self._suffix()}, field '{name}'"
        return f"{self.where}, field '{name}'"

    def _suffix(self) -> str:
        rid = self.raw.get("id") if isinstance(self.raw, Mapping) else None
        return f" (id '{rid}')" if isinstance(rid, str) and rid else ""

    def bad(self, name: str, value: Any, expected: str) -> None:
        self.ok = False
        shown = repr(value) if not isinstance(value, str) or len(value) < 80 else repr(value[:77] + "...")
        self.problems.add(f"{self._loc(name)}: {shown} {expected}")

    def missing(self, name: str, expected: str) -> None:
        self.ok = False
        self.problems.add(f"{self._loc(name)}: missing (expected {expected})")

    def has(self, name: str) -> bool:
        value = self.raw.get(name)
        return value is not None and value != "" and value != []

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.missing(name, "non-empty text")
            return default
        if not isinstance(value, str):
            self.bad(name, value, "is not text")
            return default
        return value.strip()

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if value and not re.fullmatch(r"[a-z0-9][a-z0-9\-_.]*", value):
            self.bad(name, value, "is not an id (lower-case letters, digits, '-', '_' or '.')")
        return value

    def choice(self, name: str, allowed: tuple[str, ...], required: bool = True, default: str = "") -> str:
        value = self.text(name, required=required, default=default)
        if value and value not in allowed:
            self.bad(name, value, f"is not a known {name} (expected one of: {', '.join(allowed)})")
        return value

    def date(self, name: str, required: bool = True) -> PartialDate | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                self.missing(name, "a date: YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.bad(name, value, str(exc))
            return None

    def number(self, name: str, required: bool = True, default: float = 0.0, lo=None, hi=None) -> float:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                self.missing(name, "a number")
            return default
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            self.bad(name, value, "is not a number")
            return default
        if number != number or (lo is not None and number < lo) or (hi is not None and number > hi):
            self.bad(name, value, f"is out of range (expected a number from {lo} to {hi})")
            return default
        return number

    def integer(self, name: str, required: bool = True, default: int = 0) -> int:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                self.missing(name, "a whole number")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isdigit():
                return int(value)
            self.bad(name, value, "is not a whole number")
            return default
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name, default)
        if isinstance(value, str) and value.strip().lower() in {"true", "false", "yes", "no", ""}:
            return value.strip().lower() in {"true", "yes"}
        if not isinstance(value, bool):
            self.bad(name, value, "is not true or false")
            return default
        return value

    def text_list(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self.raw.get(name)
        if value is None or value == "" or value == []:
            if required:
                self.missing(name, "a list of text")
            return ()
        if isinstance(value, str):  # CSV cells: "a; b; c"
            return tuple(v.strip() for v in value.split(";") if v.strip())
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.bad(name, value, "is not a list of non-empty text")
            return ()
        return tuple(v.strip() for v in value)

    def sources(self, name: str = "sources", required: bool = True) -> tuple[Source, ...]:
        value = self.raw.get(name)
        if not value:
            if required:
                self.missing(name, "at least one source: { title = \"...\", url = \"https://...\" }")
            return ()
        if not isinstance(value, list):
            self.bad(name, value, "is not a list of sources")
            return ()
        out = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, Mapping):
                self.bad(name, item, f"(source {i}) is not a table with 'title' and 'url'")
                continue
            src = _source(item.get("title"), item.get("url"), lambda f, v, e, i=i: self.bad(name, v, f"(source {i}, {f}) {e}"),
                          item.get("kind"))
            if src:
                out.append(src)
        return tuple(out)

    def csv_source(self) -> Source | None:
        return _source(self.raw.get("source_title"), self.raw.get("source_url"), lambda f, v, e: self.bad(f"source_{f}", v, e),
                       self.raw.get("source_kind"))


def check_url(url: Any) -> str | None:
    """Return what is wrong with a source URL, or None if it is acceptable."""
    if not isinstance(url, str) or not url.strip():
        return "is missing (expected an http:// or https:// address)"
    url = url.strip()
    if any(c.isspace() for c in url):
        return "is not a URL: it contains spaces"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "is not a web address (expected it to start with https:// or http://)"
    if not parts.netloc or "." not in parts.netloc:
        return "is not a web address (expected a host name such as https://history.state.gov/...)"
    return None


def _source(title: Any, url: Any, bad, kind: Any = None) -> Source | None:
    ok = True
    if not isinstance(title, str) or not title.strip():
        bad("title", title, "is missing (expected the source's title)")
        ok = False
    problem = check_url(url)
    if problem:
        bad("url", url, problem)
        ok = False
    if kind is None or (isinstance(kind, str) and not kind.strip()):
        kind = ""
    elif not isinstance(kind, str) or kind.strip() not in SOURCE_KINDS:
        bad("kind", kind, f"is not a known source kind (expected one of: {', '.join(SOURCE_KINDS)})")
        ok = False
    else:
        kind = kind.strip()
    return Source(title.strip(), url.strip(), kind) if ok else None


def _toml_records(path: Path, table: str, problems: _Problems) -> Iterator[_Record]:
    data, text = _read_toml(path)
    where = _display(path)
    records = data.get(table)
    if records is None:
        others = ", ".join(sorted(data)) or "nothing"
        raise DataError(f"{where}: no [[{table}]] records (found {others})")
    if not isinstance(records, list):
        raise DataError(f"{where}: '{table}' must be written as [[{table}]] records")
    loc = _Locator(text, table)
    for i, raw in enumerate(records):
        line = loc.record_line(i)
        rid = raw.get("id") if isinstance(raw, Mapping) else None
        label = f"{where}, line {line}" if line else f"{where}, record {i + 1}"
        if isinstance(rid, str) and rid:
            label += f" (id '{rid}')"
        yield _Record(raw, label, problems, line_of=functools.partial(loc.field_line, i))


def _check_unique(records: Iterable[tuple[str, str]], problems: _Problems, kind: str) -> None:
    seen: dict[str, str] = {}
    for rid, where in records:
        if not rid:
            continue
        if rid in seen:
            problems.add(f"{where}, field 'id': {rid!r} is a duplicate {kind} id (first used at {seen[rid]})")
        else:
            seen[rid] = where


# ---------------------------------------------------------------- id indexes (for references)


@functools.lru_cache(maxsize=32)
def _ids_cached(files: tuple[tuple[str, int], ...], table: str) -> frozenset[str]:
    ids: set[str] = set()
    for name, _ in files:
        try:
            data, _ = _read_toml(Path(name))
        except DataError:
            continue  # the file's own loader reports it precisely
        for rec in data.get(table, []) if isinstance(data.get(table), list) else []:
            if isinstance(rec, Mapping) and isinstance(rec.get("id"), str):
                ids.add(rec["id"])
    return frozenset(ids)


def _ids(folder: Path, name: str) -> frozenset[str] | None:
    """Ids of the players or events in ``folder`` (or the course's own when the folder has none)."""
    files = _toml_files(folder, name)
    if not files and folder.resolve() != default_data_dir().resolve():
        files = _toml_files(default_data_dir(), name)
    if not files:
        return None
    return _ids_cached(_mtimes(files), name)


def _check_refs(rec: _Record, name: str, refs: tuple[str, ...], known: frozenset[str] | None, kind: str) -> None:
    if known is None:
        return
    for ref in refs:
        if ref not in known:
            rec.bad(name, ref, f"names a {kind} id that does not exist (add it to data/{kind}s or fix the spelling)")


# ---------------------------------------------------------------- loaders


def load_eras(folder: str | os.PathLike[str] | None = None) -> tuple[Era, ...]:
    """``eras.csv``: id, title, start, end, summary, source_title, source_url."""
    path = _folder(folder) / "eras.csv"
    return _load_eras(path, _mtimes([path]))


@functools.lru_cache(maxsize=16)
def _load_eras(path: Path, _stamp) -> tuple[Era, ...]:
    problems = _Problems()
    eras = []
    where_ids = []
    cols = ("id", "title", "start", "end", "summary", "source_title", "source_url")
    for row_no, row in read_csv(path, cols):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        era = Era(
            id=rec.ident(),
            title=rec.text("title"),
            start=rec.date("start"),  # type: ignore[arg-type]
            end=rec.date("end", required=False),
            summary=rec.text("summary"),
            sources=tuple(s for s in [rec.csv_source()] if s),
        )
        if era.start and era.end and era.end < era.start:
            rec.bad("end", row["end"], f"is before the era's start ({era.start})")
        where_ids.append((era.id, rec.where))
        if rec.ok:
            eras.append(era)
    _check_unique(where_ids, problems, "era")
    problems.raise_if_any()
    return tuple(sorted(eras, key=lambda e: e.start))


def _narratives(rec: _Record) -> tuple[Narrative, ...]:
    value = rec.raw.get("narratives")
    if value is None:
        return ()
    if not isinstance(value, list):
        rec.bad("narratives", value, "must be written as [[events.narratives]] tables")
        return ()
    out = []
    for i, raw in enumerate(value, 1):
        if not isinstance(raw, Mapping):
            rec.bad("narratives", raw, f"(narrative {i}) is not a table with side, attribution, text and sources")
            continue
        sub = _Record(raw, rec.where + f", narrative {i}", rec.problems)
        n = Narrative(
            side=sub.choice("side", SIDES),
            attribution=sub.text("attribution"),
            text=sub.text("text"),
            sources=sub.sources(),
        )
        if sub.ok:
            out.append(n)
        else:
            rec.ok = False
    sides = {n.side for n in out}
    if out and not {"us", "russia"} <= sides:
        rec.bad("narratives", sorted(sides), "must give both the 'us' and the 'russia' narrative")
    return tuple(out)


def load_events(folder: str | os.PathLike[str] | None = None) -> tuple[Event, ...]:
    """``events.toml`` and/or ``events/*.toml``: ``[[events]]`` records, sorted by date."""
    base = _folder(folder)
    files = _toml_files(base, "events")
    if not files:
        raise DataError(f"{_display(base)}: no events.toml file or events/ folder")
    players = _ids(base, "players")
    return _load_events(tuple(files), _mtimes(files), players)


@functools.lru_cache(maxsize=16)
def _load_events(files: tuple[Path, ...], _stamp, players: frozenset[str] | None) -> tuple[Event, ...]:
    problems = _Problems()
    events: list[Event] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "events", problems):
            actors = rec.text_list("actors")
            _check_refs(rec, "actors", actors, players, "player")
            ev = Event(
                id=rec.ident(),
                date=rec.date("date"),  # type: ignore[arg-type]
                end_date=rec.date("end_date", required=False),
                title=rec.text("title"),
                category=rec.choice("category", EVENT_CATEGORIES),
                summary=rec.text("summary"),
                significance=rec.text("significance"),
                actors=actors,
                sources=rec.sources(),
                narratives=_narratives(rec),
                as_of=rec.date("as_of", required=False),
                place=rec.text("place", required=False),
            )
            if ev.date and ev.end_date and ev.end_date < ev.date:
                rec.bad("end_date", str(ev.end_date), f"is before the event's date ({ev.date})")
            where_ids.append((ev.id, rec.where.split(" (id")[0]))
            if rec.ok:
                events.append(ev)
    _check_unique(where_ids, problems, "event")
    problems.raise_if_any()
    return tuple(sorted(events, key=lambda e: (e.date, e.id)))


def _roles(rec: _Record) -> tuple[Role, ...]:
    value = rec.raw.get("roles")
    if not value:
        rec.missing("roles", "at least one [[players.roles]] table")
        return ()
    if not isinstance(value, list):
        rec.bad("roles", value, "must be written as [[players.roles]] tables")
        return ()
    out = []
    for i, raw in enumerate(value, 1):
        if not isinstance(raw, Mapping):
            rec.bad("roles", raw, f"(role {i}) is not a table with title, kind, organisation and start")
            continue
        sub = _Record(raw, rec.where + f", role {i}", rec.problems)
        role = Role(
            title=sub.text("title"),
            kind=sub.choice("kind", ROLE_KINDS),
            organisation=sub.text("organisation"),
            start=sub.date("start"),  # type: ignore[arg-type]
            end=sub.date("end", required=False),
            office=sub.choice("office", OFFICES, required=False),
            acting=sub.boolean("acting"),
            as_of=sub.date("as_of", required=False),
        )
        if role.start and role.end and role.end < role.start:
            sub.bad("end", str(role.end), f"is before the role's start ({role.start})")
        if role.end is None and role.as_of is None and sub.ok:
            sub.missing("as_of", "an 'as_of' date for a role with no end (when was it last checked?)")
        if sub.ok:
            out.append(role)
        else:
            rec.ok = False
    return tuple(sorted(out, key=lambda r: r.start))


def load_players(folder: str | os.PathLike[str] | None = None) -> tuple[Player, ...]:
    """``players.toml`` and/or ``players/*.toml``: ``[[players]]`` records, sorted by name."""
    base = _folder(folder)
    files = _toml_files(base, "players")
    if not files:
        raise DataError(f"{_display(base)}: no players.toml file or players/ folder")
    events = _ids(base, "events")
    return _load_players(tuple(files), _mtimes(files), events)


@functools.lru_cache(maxsize=16)
def _load_players(files: tuple[Path, ...], _stamp, events: frozenset[str] | None) -> tuple[Player, ...]:
    problems = _Problems()
    players: list[Player] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "players", problems):
            negotiations = rec.text_list("negotiations")
            _check_refs(rec, "negotiations", negotiations, events, "event")
            p = Player(
                id=rec.ident(),
                name=rec.text("name"),
                kind=rec.choice("kind", PLAYER_KINDS),
                country=rec.text("country"),
                profile=rec.text("profile"),
                roles=_roles(rec),
                negotiations=negotiations,
                sources=rec.sources(),
                portrait=rec.text("portrait", required=False),
                portrait_licence=rec.text("portrait_licence", required=False),
            )
            if p.portrait and not p.portrait_licence:
                rec.missing("portrait_licence", "the licence of the portrait (public domain or free licence)")
            where_ids.append((p.id, rec.where.split(" (id")[0]))
            if rec.ok:
                players.append(p)
    _check_unique(where_ids, problems, "player")
    problems.raise_if_any()
    return tuple(sorted(players, key=lambda p: (p.name.lower(), p.id)))


def load_cases(folder: str | os.PathLike[str] | None = None) -> tuple[Case, ...]:
    """``cases.toml`` and/or ``cases/*.toml``: ``[[cases]]`` records (the mediation case studies)."""
    base = _folder(folder)
    files = _toml_files(base, "cases")
    if not files:
        raise DataError(f"{_display(base)}: no cases.toml file or cases/ folder")
    return _load_cases(tuple(files), _mtimes(files), _ids(base, "players"), _ids(base, "events"))


@functools.lru_cache(maxsize=16)
def _load_cases(files, _stamp, players, events) -> tuple[Case, ...]:
    problems = _Problems()
    cases: list[Case] = []
    where_ids = []
    for path in files:
        for rec in _toml_records(path, "cases", problems):
            parties = rec.text_list("parties", required=True)
            mediators = rec.text_list("mediators")
            evs = rec.text_list("events")
            _check_refs(rec, "parties", parties, players, "player")
            _check_refs(rec, "mediators", mediators, players, "player")
            _check_refs(rec, "events", evs, events, "event")
            c = Case(
                id=rec.ident(),
                title=rec.text("title"),
                start=rec.date("start"),  # type: ignore[arg-type]
                end=rec.date("end", required=False),
                place=rec.text("place", required=False),
                parties=parties,
                mediators=mediators,
                summary=rec.text("summary"),
                outcome=rec.text("outcome"),
                lessons=rec.text_list("lessons", required=True),
                events=evs,
                sources=rec.sources(),
            )
            where_ids.append((c.id, rec.where.split(" (id")[0]))
            if rec.ok:
                cases.append(c)
    _check_unique(where_ids, problems, "case")
    problems.raise_if_any()
    return tuple(sorted(cases, key=lambda c: c.start))


def load_series(folder: str | os.PathLike[str] | None = None) -> dict[str, tuple[SeriesPoint, ...]]:
    """``series.csv``: series, date, value, unit, note, source_title, source_url (one row per point)."""
    path = _folder(folder) / "series.csv"
    return dict(_load_series(path, _mtimes([path])))


@functools.lru_cache(maxsize=16)
def _load_series(path: Path, _stamp):
    problems = _Problems()
    out: dict[str, list[SeriesPoint]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row_no, row in read_csv(path, ("series", "date", "value", "unit", "source_title", "source_url")):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        sid = rec.ident("series")
        point = SeriesPoint(
            series=sid,
            date=rec.date("date"),  # type: ignore[arg-type]
            value=rec.number("value"),
            unit=rec.text("unit"),
            note=rec.text("note", required=False),
            source=rec.csv_source(),  # type: ignore[arg-type]
        )
        key = (sid, row.get("date", ""))
        if key in seen:
            rec.bad("date", row.get("date"), f"repeats a point of series {sid!r} already given in row {seen[key]}")
        seen[key] = row_no
        if rec.ok:
            out.setdefault(sid, []).append(point)
    problems.raise_if_any()
    return tuple((k, tuple(sorted(v, key=lambda p: p.date))) for k, v in out.items())


def load_stakeholders(folder: str | os.PathLike[str] | None = None) -> tuple[Placement, ...]:
    """``stakeholders.csv``: negotiation, player, interest, influence, justification, source_title, source_url."""
    base = _folder(folder)
    path = base / "stakeholders.csv"
    return _load_stakeholders(path, _mtimes([path]), _ids(base, "players"), _ids(base, "events"))


@functools.lru_cache(maxsize=16)
def _load_stakeholders(path: Path, _stamp, players, events) -> tuple[Placement, ...]:
    problems = _Problems()
    out = []
    seen: dict[tuple[str, str], int] = {}
    cols = ("negotiation", "player", "interest", "influence", "justification", "source_title", "source_url")
    for row_no, row in read_csv(path, cols):
        rec = _Record(row, f"{_display(path)}, row {row_no}", problems)
        negotiation = rec.ident("negotiation")
        player = rec.ident("player")
        _check_refs(rec, "negotiation", (negotiation,) if negotiation else (), events, "event")
        _check_refs(rec, "player", (player,) if player else (), players, "player")
        p = Placement(
            negotiation=negotiation,
            player=player,
            interest=rec.number("interest", lo=0, hi=10),
            influence=rec.number("influence", lo=0, hi=10),
            justification=rec.text("justification"),
            source=rec.csv_source(),  # type: ignore[arg-type]
        )
        key = (negotiation, player)
        if key in seen:
            rec.bad("player", player, f"is placed twice for {negotiation!r} (first in row {seen[key]})")
        seen[key] = row_no
        if rec.ok:
            out.append(p)
    problems.raise_if_any()
    return tuple(out)


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


# ---------------------------------------------------------------- question banks


def bank_ids(folder: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    qdir = _folder(folder) / "questions"
    return tuple(sorted(p.stem for p in qdir.glob("*.toml")))


def load_bank(bank_id: str, folder: str | os.PathLike[str] | None = None) -> Bank:
    """``questions/<bank_id>.toml``: a ``[bank]`` table and ``[[questions]]`` records."""
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


# ---------------------------------------------------------------- in a notebook


def _show_data_errors_plainly() -> None:
    """In IPython, a DataError shows as its message (file, line or row, field), not a traceback.

    An instructor's broken file is a problem with the file, not with the code: the frames of the
    loader would only hide the one line that says what to fix.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or getattr(shell, "_course_data_errors_plain", False):
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        lines = [f"DataError: {value}", "(Fix the file named above and run the cell again.)"]
        shell._showtraceback(etype, value, lines)
        return lines

    shell.set_custom_exc((DataError,), handler)
    shell._course_data_errors_plain = True


_show_data_errors_plainly()


# ---------------------------------------------------------------- command line


def check_all(folder: str | os.PathLike[str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Load every kind of content in ``folder``; return counts per kind and every problem found."""
    base = _folder(folder)
    counts: dict[str, int] = {}
    problems: list[str] = []
    loaders = {
        "eras": (lambda: load_eras(base), (base / "eras.csv").exists()),
        "events": (lambda: load_events(base), bool(_toml_files(base, "events"))),
        "players": (lambda: load_players(base), bool(_toml_files(base, "players"))),
        "cases": (lambda: load_cases(base), bool(_toml_files(base, "cases"))),
        "series": (lambda: load_series(base), (base / "series.csv").exists()),
        "stakeholders": (lambda: load_stakeholders(base), (base / "stakeholders.csv").exists()),
    }
    loaders["lessons"] = (lambda: load_lessons(base), (base / "course.toml").exists())
    for kind, (load, present) in loaders.items():
        if not present:
            continue
        try:
            counts[kind] = len(load())
        except DataError as exc:
            problems.extend(exc.problems)
    for bank in bank_ids(base):
        try:
            counts[f"questions/{bank}"] = len(load_bank(bank, base).questions)
        except DataError as exc:
            problems.extend(exc.problems)
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    import sys

    args = sys.argv[1:] if argv is None else argv
    counts, problems = check_all(args[0] if args else None)
    for kind, n in counts.items():
        print(f"{kind}: {n} records")
    for p in problems:
        print(f"PROBLEM: {p}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

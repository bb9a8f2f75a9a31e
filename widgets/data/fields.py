"""Typed, located access to one raw record (``_Record``), source URLs and ``Source`` tables.

``_Record`` turns a TOML table or a CSV row into checked values; every problem it records names
the file, the line or row, the field, the bad value and what was expected.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import reprlib
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from .dates import PartialDate, parse_date
from .errors import DataError, _Problems
from .files import _display, _read_toml
from .records import SOURCE_KINDS, Source
from .sources import host_problem


# C0/C1 control characters other than tab and line ends, and the bidirectional overrides and isolates.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_ID = 100  # an id names a file (question banks) and appears in URLs and messages


def is_finite_number(value: Any) -> bool:
    """A TOML/JSON number (not a bool) that is finite as a float: not nan, inf, 1e400 or 10**400."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


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

    def __init__(self, raw: Mapping[str, Any], where: str, problems: _Problems, line_of=None,
                 known: Iterable[str] | None = None):
        self.raw = raw
        self.where = where  # e.g. "data/events.toml, record 3 (id 'x')" or "data/eras.csv, row 4"
        self.problems = problems
        self.line_of = line_of  # callable field -> line number, for TOML
        self.ok = True
        if known is not None:
            self.unknown_fields(tuple(known))

    def unknown_fields(self, known: tuple[str, ...]) -> None:
        """Report every field not in ``known`` (a misspelt optional field would otherwise be ignored
        silently), with the closest known name: "unknown field 'end-date' - did you mean 'end_date'?"."""
        for key in self.raw:
            if key in known:
                continue
            name = str(key)
            match = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
            hint = f" \u2014 did you mean '{match[0]}'?" if match else f" (known fields: {', '.join(known)})"
            self.ok = False
            self.problems.add(f"{self._loc(name)}: unknown field {_shown(name)}{hint}")

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
        self.problems.add(f"{self._loc(name)}: {_shown(value)} {expected}")

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
        if _HIDDEN.search(value):
            self.bad(name, value, "holds a control or text-direction character (such as NUL, ESC or U+202E), "
                     "which no course text needs: retype the text or paste it as plain text")
            return default
        return value.strip()

    def ident(self, name: str = "id") -> str:
        value = self.text(name)
        if len(value) > MAX_ID:
            self.bad(name, value, f"is not an id: longer than {MAX_ID} characters")
            return ""
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
            if isinstance(value, str) and not _NUMBER.fullmatch(value.strip()):
                raise ValueError  # float() also reads other scripts' digits, '1_000' and 'infinity'; the files use 0-9
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            self.bad(name, value, "is not a number")
            return default
        if not math.isfinite(number):
            self.bad(name, value, "is not a finite number (inf, nan and numbers beyond 1e308 cannot be shown)")
            return default
        if (lo is not None and number < lo) or (hi is not None and number > hi):
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
            if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) < 16:
                return int(value)
            self.bad(name, value, "is not a whole number")
            return default
        if abs(value) >= 10**15:
            self.bad(name, value, "is out of range (expected a whole number below 10**15)")
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
            for key in item:
                if key not in _SOURCE_FIELDS:
                    match = difflib.get_close_matches(str(key).lower(), _SOURCE_FIELDS, n=1, cutoff=0.6)
                    hint = f"did you mean '{match[0]}'?" if match else "a source has title, url and kind"
                    self.bad(name, key, f"(source {i}) is an unknown field \u2014 {hint}")
            src = _source(item.get("title"), item.get("url"), lambda f, v, e, i=i: self.bad(name, v, f"(source {i}, {f}) {e}"),
                          item.get("kind"))
            if src:
                out.append(src)
        return tuple(out)

    def csv_source(self) -> Source | None:
        return _source(self.raw.get("source_title"), self.raw.get("source_url"), lambda f, v, e: self.bad(f"source_{f}", v, e),
                       self.raw.get("source_kind"))


_SOURCE_FIELDS = ("title", "url", "kind")


def check_url(url: Any) -> str | None:
    """Return what is wrong with a source URL, or None if it is acceptable."""
    if not isinstance(url, str) or not url.strip():
        return "is missing (expected an http:// or https:// address)"
    url = url.strip()
    if len(url) > 2000:
        return "is not a usable URL: longer than 2000 characters"
    # Printable ASCII without a space (nearly every URL) has no whitespace and no control or
    # invisible character: the per-character checks below are for the others only.
    if not (url.isascii() and url.isprintable() and " " not in url):
        if any(c.isspace() for c in url):
            return "is not a URL: it contains spaces"
        if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in url):
            return "is not a URL: it contains control or invisible characters"
    try:
        parts = urlsplit(url)
        parts.port  # raises on a port that is not a number 0-65535
    except ValueError as exc:  # unbalanced [ ], a host not valid under NFKC normalisation, a bad port
        return f"is not a valid URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return "is not a web address (expected it to start with https:// or http://)"
    if not parts.netloc or "." not in parts.netloc:
        return "is not a web address (expected a host name such as https://history.state.gov/...)"
    return _host_problem(parts.hostname or "")


@functools.lru_cache(maxsize=1024)  # a pure function of the host name; the course cites ~200 hosts
def _host_problem(hostname: str) -> str | None:
    """A host name must be valid under IDNA (each label 1-63 characters, letters, digits, hyphens)."""
    if not hostname or hostname.startswith(".") or ".." in hostname:
        return "is not a web address (its host name is empty or has an empty label)"
    if hostname.startswith("[") or re.fullmatch(r"[0-9.]+", hostname):
        return None  # an IP address
    if unicodedata.normalize("NFKC", hostname) != hostname:
        return "is not a web address (its host name changes under Unicode normalisation NFKC: write it as it normalises)"
    try:
        ascii_host = hostname.rstrip(".").encode("idna").decode("ascii")
        ascii_host.encode("ascii").decode("idna")  # an xn-- label must decode (punycode) too
    except (UnicodeError, ValueError):
        return "is not a web address (its host name is not valid under IDNA)"
    if not all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", label, re.I) for label in ascii_host.split(".")):
        return "is not a web address (its host name has characters a host name cannot have)"
    return None


_REPR = reprlib.Repr()
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlevel = 3


def _shown(value: Any) -> str:
    """A value as it appears in a message: repr, shortened and depth-limited (never recursing deep)."""
    try:
        if isinstance(value, str):
            return repr(value) if len(value) < 80 else repr(value[:77] + "...")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
            return f"a number of {len(str(abs(value))) if abs(value) < 10**4000 else 'thousands of'} digits"
        return _REPR.repr(value)
    except (RecursionError, ValueError):
        return "a value nested too deeply"


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
    if not problem and (rule := host_problem(url.strip(), kind if ok else "")):
        bad("url", url, rule)
        ok = False
    return Source(title.strip(), url.strip(), kind) if ok else None


def _toml_records(path: Path, table: str, problems: _Problems, known: Iterable[str] | None = None) -> Iterator[_Record]:
    """The ``[[table]]`` records of a TOML file; ``known`` (the record's fields) reports any other field."""
    data, text = _read_toml(path)
    where = _display(path)
    records = data.get(table)
    if records is None:
        others = ", ".join(sorted(data)) or "nothing"
        raise DataError(f"{where}: no [[{table}]] records (found {others})")
    if not isinstance(records, list):
        raise DataError(f"{where}: '{table}' must be written as [[{table}]] records")
    loc = _Locator(text, table)
    known = tuple(known) if known is not None else None
    for i, raw in enumerate(records):
        line = loc.record_line(i)
        if not isinstance(raw, Mapping):
            problems.add(f"{where}, record {i + 1} of '{table}': {_shown(raw)} is not a table "
                         f"(expected [[{table}]] records)")
            continue
        rid = raw.get("id") if isinstance(raw, Mapping) else None
        label = f"{where}, line {line}" if line else f"{where}, record {i + 1}"
        if isinstance(rid, str) and rid:
            label += f" (id '{rid}')"
        yield _Record(raw, label, problems, line_of=functools.partial(loc.field_line, i), known=known)


def _check_unique(records: Iterable[tuple[str, str]], problems: _Problems, kind: str) -> None:
    seen: dict[str, str] = {}
    for rid, where in records:
        if not rid:
            continue
        if rid in seen:
            problems.add(f"{where}, field 'id': {rid!r} is a duplicate {kind} id (first used at {seen[rid]})")
        else:
            seen[rid] = where

"""Reading course files: the data folder, text/TOML/CSV with file-naming errors, and caching keys.

Every loader caches its result on ``(paths, _mtimes(paths))``, so an edited file is read again.
"""

from __future__ import annotations

import csv
import errno
import functools
import io
import os
import stat
import tomllib
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import DataError
from .toml_cache import cached_parse

# widgets/data/files.py -> the repository (or site-packages when installed from a wheel)
_ROOT = Path(__file__).resolve().parent.parent.parent
# A wheel carries the course's data/ as the package widgets._coursedata (see pyproject.toml).
_PACKAGED = Path(__file__).resolve().parent.parent / "_coursedata"
# Installed from a wheel (also in JupyterLite): the packaged copy. From the repository (a clone,
# an editable install): the repository's data/, the one place authors edit.
_COURSE_DATA = _PACKAGED if (_PACKAGED / "course.toml").is_file() else _ROOT / "data"


def default_data_dir() -> Path:
    """``$COURSE_DATA_DIR`` when set, else the course's own data (packaged or the repository's)."""
    env = os.environ.get("COURSE_DATA_DIR")
    if env:
        return Path(env)
    return _COURSE_DATA


def _folder(folder: str | os.PathLike[str] | None) -> Path:
    return Path(folder) if folder is not None else default_data_dir()


def _display(path: Path) -> str:
    """Paths in messages as an instructor would write them: relative to the repo when inside it
    (the packaged copy of the course data shows as ``data/...``, the folder it was built from)."""
    try:
        resolved = path.parent.resolve() / path.name  # the file itself may be a link loop
    except (OSError, RuntimeError):
        resolved = Path(os.path.abspath(path))
    try:
        return str(Path("data") / resolved.relative_to(_PACKAGED))
    except ValueError:
        pass
    try:
        return str(resolved.relative_to(_ROOT))
    except ValueError:
        return str(path)


# The largest data file the course reads (2 MB). The course's own files are under 0.2 MB; a file many
# times that size is a mistake (an export pasted into the folder) and would take seconds per loader.
MAX_FILE_BYTES = 2_000_000


def _read_bytes(path: Path, where: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, never blocking: the path is stat'ed first, so a FIFO, a device,
    a folder or a symlink loop is refused without being opened, and the file is opened non-blocking
    and read up to ``limit`` bytes (a larger file is refused with its size)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DataError(f"{where}: file not found") from None
    except OSError as exc:
        reason = "it is a symbolic link loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise DataError(f"{where}: cannot be read ({reason})") from None
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{where}: is {_kind_of(info.st_mode)}, not a data file (expected a regular file)")
    if info.st_size > limit:
        raise DataError(f"{where}: is too large ({info.st_size / 1e6:.1f} MB; a course data file may be at most "
                        f"{limit / 1e6:.1f} MB): split it into several files or remove what is not course data")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between stat and open
            raise DataError(f"{where}: is not a regular file")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise DataError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise DataError(f"{where}: is too large (over {limit / 1e6:.1f} MB; a course data file may be at most "
                        f"{limit / 1e6:.1f} MB)")
    return b"".join(chunks)


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_text(path: Path) -> str:
    where = _display(path)
    raw = _read_bytes(path, where)
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
        # The course's own files are parsed once per machine (widgets/data/toml_cache.py).
        return cached_parse(text, tomllib.loads, enabled=_is_course_data(path)), text
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{_display(path)}: not valid TOML ({exc})") from None
    except RecursionError:
        raise DataError(f"{_display(path)}: not valid course data (values nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits (Python's int-from-text limit)
        raise DataError(f"{_display(path)}: not valid course data ({exc})") from None


def _is_course_data(path: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(_COURSE_DATA)
    except OSError:
        return False


def read_csv(path: str | os.PathLike[str], required: Iterable[str], *, what: str = "",
             keep: Iterable[str] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file as (spreadsheet row number, row with stripped cells); the header is row 1.

    Blank rows are skipped. Any problem (unreadable, not UTF-8, empty, missing columns, a row
    longer than the header, a file the csv module cannot parse, no data rows) raises DataError
    naming the file and row. ``what`` names the kind of file expected ("a self-check export"),
    for files that may be something else entirely. Cells of the columns in ``keep`` are returned
    exactly as written (not stripped: a hand-in's answers round-trip unchanged).
    """
    keep = frozenset(keep)
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
            yield reader.line_num, {k: (v or "") if k in keep else (v or "").strip() for k, v in row.items()}
    except csv.Error as exc:
        raise DataError(f"{where}: not a readable CSV file ({exc})") from None
    if rows == 0:
        raise DataError(f"{where}: the file has a header but no data rows")


def _toml_files(folder: Path, name: str) -> list[Path]:
    """``data/<name>.toml`` and/or every ``data/<name>/*.toml``, in a stable order."""
    files = []
    single = folder / f"{name}.toml"
    if os.path.lexists(single):  # a dangling link or a link loop is reported when read, not ignored
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

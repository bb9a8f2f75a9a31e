"""A cache of the course's parsed TOML files, so that a lesson kernel does not parse them again.

Python's ``tomllib`` is pure Python: the course's own data (about 40 files) takes 0.2–0.3 s to
parse, a fifth of a lesson's whole run-all time. The parsed data is kept as JSON (parsed in C) in
the user's cache folder, under the SHA-256 of the file's text: a changed file simply has another
key, so a cached parse can never be stale. Only the course's own data folder is cached (an
instructor's or a test's folder is parsed as before), and any problem with the cache (no home
folder, a read-only disk, a damaged entry) falls back to parsing.

TOML values that JSON lacks (dates, times, date-times) are stored as one-key objects whose key
starts with a NUL character, which no course file uses as a key.

``COURSE_CACHE_DIR`` chooses the folder; ``COURSE_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

__all__ = ["cached_parse", "cache_dir"]

_VERSION = "1"
_TAGS = {"\0date": dt.date.fromisoformat, "\0time": dt.time.fromisoformat,
         "\0datetime": dt.datetime.fromisoformat}


def cache_dir() -> Path | None:
    env = os.environ.get("COURSE_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "mediating-us-russia" / "toml"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"\0datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"\0date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"\0time": value.isoformat()}
    raise TypeError(f"not a TOML value: {type(value).__name__}")


def _decode(obj: dict) -> Any:
    if len(obj) == 1:
        (key, value), = obj.items()
        convert = _TAGS.get(key)
        if convert is not None:
            return convert(value)
    return obj


def cached_parse(text: str, parse: Callable[[str], dict], *, enabled: bool = True) -> dict:
    """``parse(text)``, from the cache when the same text was parsed before (``enabled``)."""
    folder = cache_dir() if enabled else None
    if folder is None:
        return parse(text)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    entry = folder / f"{key}.v{_VERSION}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"), object_hook=_decode)
    except (OSError, ValueError):
        pass
    data = parse(text)  # errors (invalid TOML) propagate; nothing is cached for them
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, default=_encode, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, entry)
    except (OSError, TypeError, ValueError):
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
    return data

"""Id indexes of players and events, for checking the references other records make to them."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Mapping

from .errors import DataError
from .fields import _Record
from .files import _mtimes, _read_toml, _toml_files, default_data_dir


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

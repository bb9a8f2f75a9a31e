"""``check_all()`` and the command line ``python -m widgets.data [FOLDER]``: every kind, every problem.

Each kind of data is one :class:`Check` in ``CHECKS``: its name (as printed), whether the folder
has that kind's file(s), and how many records loading them gives. A new loader module adds one
line there. Question banks (one per file) are checked after the kinds.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cases import load_cases
from .errors import DataError
from .files import _display, _folder, _toml_files
from .history import load_eras, load_events
from .outline import load_lessons
from .players import load_players
from .questions import bank_ids, load_bank
from .reading import count_reading, reading_files
from .scenarios import load_scenarios
from .series import load_series
from .series_defs import load_series_table
from .futures import load_futures
from .stakeholders import load_stakeholders
from .treaties import load_treaties
from .faq import load_faq
from .roleplay import load_roleplays


@dataclass(frozen=True)
class Check:
    kind: str
    present: Callable[[Path], bool]  # does the folder have this kind's file(s)?
    count: Callable[[Path], int]  # load them (raising DataError) and count the records


def toml_kind(name: str) -> Callable[[Path], bool]:
    """``<name>.toml`` and/or ``<name>/*.toml``."""
    return lambda base: bool(_toml_files(base, name))


def file_kind(name: str) -> Callable[[Path], bool]:
    """One file such as ``series.csv`` (anything by that name: a folder, a pipe or a broken link there is
    reported by the loader, which never opens it, instead of being passed over)."""
    return lambda base: os.path.lexists(base / name)


CHECKS: list[Check] = [
    Check("eras", file_kind("eras.csv"), lambda base: len(load_eras(base))),
    Check("events", toml_kind("events"), lambda base: len(load_events(base))),
    Check("players", toml_kind("players"), lambda base: len(load_players(base))),
    Check("cases", toml_kind("cases"), lambda base: len(load_cases(base))),
    # With a definition file, the series are checked against it (every series defined, units agree).
    Check("series", file_kind("series.csv"),
          lambda base: len(load_series_table(base) if (base / "series_defs.toml").is_file() else load_series(base))),
    Check("futures", toml_kind("futures"), lambda base: len(load_futures(base))),
    Check("stakeholders", file_kind("stakeholders.csv"), lambda base: len(load_stakeholders(base))),
    Check("scenarios", toml_kind("scenarios"), lambda base: len(load_scenarios(base))),
    Check("roleplay", lambda base: bool(list((base / "roleplay").glob("*.toml"))), lambda base: len(load_roleplays(base))),
    Check("treaties", file_kind("treaties.toml"), lambda base: len(load_treaties(base))),
    Check("lessons", file_kind("course.toml"), lambda base: len(load_lessons(base))),
    Check("faq", toml_kind("faq"), lambda base: len(load_faq(base))),
    Check("reading", lambda base: bool(reading_files(base)), count_reading),
]


def _folder_problem(base: Path) -> str | None:
    where = _display(base)
    if not base.exists():
        return f"{where}: no such folder (expected a folder of course data such as the course's data/)"
    if not base.is_dir():
        return f"{where}: is a file, not a folder (expected a folder of course data such as the course's data/)"
    return None


def check_all(folder: str | os.PathLike[str] | None = None) -> tuple[dict[str, int], list[str]]:
    """Load every kind of content in ``folder``; return counts per kind and every problem found.

    A folder that does not exist, is a file or holds no course data at all is a problem too.
    """
    base = _folder(folder)
    counts: dict[str, int] = {}
    problems: list[str] = []
    problem = _folder_problem(base)
    if problem:
        return counts, [problem]
    for check in CHECKS:
        if not check.present(base):
            continue
        try:
            counts[check.kind] = check.count(base)
        except DataError as exc:
            problems.extend(exc.problems)
    banks = bank_ids(base)
    for bank in banks:
        try:
            counts[f"questions/{bank}"] = len(load_bank(bank, base).questions)
        except DataError as exc:
            problems.extend(exc.problems)
    if not counts and not problems:
        problems.append(
            f"{_display(base)}: no course data found (expected files such as eras.csv, "
            "events.toml or events/, players.toml or players/, course.toml, questions/*.toml)"
        )
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    counts, problems = check_all(args[0] if args else None)
    for kind, n in counts.items():
        print(f"{kind}: {n} records")
    for p in problems:
        print(f"PROBLEM: {p}")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0

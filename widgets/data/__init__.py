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
instructor can point the whole course at a folder of their own. Installed
from a wheel, the course's data is the package ``widgets._coursedata``.

Modules (none imports ipywidgets, plotly, anywidget or traitlets):

- ``errors``        DataError, the per-file problem collector, the IPython display hook
- ``dates``         PartialDate and parse_date (YYYY, YYYY-MM, YYYY-MM-DD)
- ``records``       the frozen record dataclasses and the vocabularies (EVENT_CATEGORIES, SOURCE_KINDS, ...)
- ``files``         the data folder, reading text/TOML/CSV with located errors, cache keys
- ``fields``        ``_Record`` (typed, located field access), URLs, sources, ``[[table]]`` records, unique ids
- ``refs``          id indexes of players and events, for cross-references
- ``history``       eras (eras.csv) and events (events.toml, events/*.toml)
- ``players``       players and their roles
- ``cases``         mediation case studies
- ``series``        numeric series (series.csv)
- ``series_defs``   what each series means (series_defs.toml), and the series joined with their points
- ``futures``       lesson 5's scenarios for the coming years (futures.toml)
- ``stakeholders``  stakeholder placements (stakeholders.csv)
- ``treaties``      US–Soviet/US–Russian arms-control agreements and their dated life (treaties.toml)
- ``scenarios``     negotiation scenarios (scenarios/*.toml) for the lesson 3 lab and the role-play
- ``roleplay``      classroom role-plays (roleplay/*.toml) on a scenario, for the instructor kit
- ``questions``     self-check question banks
- ``outline``       the course outline (course.toml)
- ``faq``           the course FAQ (faq.toml), lesson 6
- ``reading``       what each lesson cites (reading/lessonNN.toml), for its sources cell
- ``check``         ``check_all()`` and ``main()``; ``python -m widgets.data FOLDER`` (``__main__``)

Adding a kind of data (e.g. ``scenarios``):

1. Records: a frozen dataclass, in ``records.py`` if it is small and shared, else in the new module.
2. A module ``widgets/data/<kind>.py`` with ``load_<kind>(folder=None)``. Copy ``cases.py``:
   ``base = _folder(folder)``; find the files (``_toml_files(base, "<kind>")`` for ``<kind>.toml``
   and/or ``<kind>/*.toml``, or ``base / "<kind>.csv"``); return ``_load_<kind>(paths, _mtimes(paths))``
   from an ``functools.lru_cache``-d function that loops over ``_toml_records(path, table, problems)``
   (or ``read_csv(path, columns)`` with ``_Record(row, where, problems)``), reads fields with
   ``rec.text/ident/choice/date/number/text_list/sources``, checks ids with ``_check_unique`` and
   references with ``refs._check_refs`` and ends with ``problems.raise_if_any()``.
   Import only from this package and the standard library.
3. Re-export ``load_<kind>`` (and the record class) below, as an import or, for a kind only some
   lessons use, an entry of ``_LAZY`` (imported on first use), and add them to ``__all__``.
4. Register it in ``check.py``: one ``Check("<kind>", present, count)`` line in ``CHECKS``, so
   ``python -m widgets.data`` and lesson 00 check it.
5. Document the file in ``data/README.md`` and add tests (good file, every bad field) to tests/.
"""

from __future__ import annotations

import importlib as _importlib

from .dates import PartialDate, parse_date
from .errors import DataError, _show_data_errors_plainly
from .fields import check_url
from .files import default_data_dir, read_csv
from .history import load_eras, load_events
from .outline import load_lessons
from .players import load_players
from .questions import bank_ids, load_bank
from .records import (
    DIFFICULTIES,
    EVENT_CATEGORIES,
    OFFICES,
    PLAYER_KINDS,
    QUESTION_TYPES,
    ROLE_KINDS,
    SIDES,
    SOURCE_KINDS,
    Bank,
    Case,
    Era,
    Event,
    Lesson,
    Narrative,
    Option,
    Placement,
    Player,
    Question,
    Role,
    SeriesPoint,
    Source,
)
from .stakeholders import load_stakeholders
from .reading import LessonReading, Reading, load_reading

# The kinds only some lessons use, and check_all (which imports every kind), are imported on first
# use (PEP 562): a lesson kernel imports the modules of the data it shows, ~10 ms less for most lessons.
_LAZY = {
    **dict.fromkeys(("check_all", "main"), "widgets.data.check"),
    "load_cases": "widgets.data.cases",
    **dict.fromkeys(("NegotiationScenario", "load_scenario", "load_scenarios", "scenario_ids"), "widgets.data.scenarios"),
    "load_series": "widgets.data.series",
    **dict.fromkeys(("Series", "SeriesDef", "load_series_defs", "load_series_table"), "widgets.data.series_defs"),
    "load_futures": "widgets.data.futures",
    **dict.fromkeys(("Treaty", "TreatyEvent", "load_treaties"), "widgets.data.treaties"),
    **dict.fromkeys(("FaqEntry", "FaqLink", "load_faq"), "widgets.data.faq"),
    **dict.fromkeys(("DebriefQuestion", "RoleBrief", "RolePlay", "SurveyItem", "load_roleplay", "load_roleplays",
                     "roleplay_ids"), "widgets.data.roleplay"),
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(_importlib.import_module(_LAZY[name]), name)
    try:  # a submodule used as an attribute (``widgets.data.treaties``), as when every kind was imported eagerly
        return _importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None

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
    "SeriesDef",
    "Series",
    "load_series_defs",
    "load_series_table",
    "load_futures",
    "load_stakeholders",
    "Treaty",
    "TreatyEvent",
    "load_treaties",
    "LessonReading",
    "Reading",
    "load_reading",
    "FaqEntry",
    "FaqLink",
    "load_faq",
    "NegotiationScenario",
    "load_scenario",
    "load_scenarios",
    "scenario_ids",
    "RolePlay",
    "RoleBrief",
    "SurveyItem",
    "DebriefQuestion",
    "load_roleplay",
    "load_roleplays",
    "roleplay_ids",
    "load_bank",
    "bank_ids",
    "load_lessons",
    "parse_date",
    "read_csv",
    "check_all",
    "check_url",
    "main",
    "DIFFICULTIES",
    "SIDES",
]

_show_data_errors_plainly()


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

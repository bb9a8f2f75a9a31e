"""Hostile data (issue 18): a structural fuzzer over the course's real data files.

Each example copies the real events, players, eras, stakeholders and one question bank into a fresh
folder, mutates ONE thing at one level (a whole top-level table, a record, a field, a nested role /
narrative / source field, a CSV cell, a key's spelling) into something hostile (a wrong type, deep
nesting, inf / nan / 1e400 / thousands of digits, other scripts' digits, dates with month or day 00
or outside the supported years, malformed URLs, markup, control characters), then loads every kind.

The outcome must be a DataError whose every problem names a file of the folder (and, for a field,
its line or row and the field), or a valid load -- and a valid load must build Timeline, CardDeck,
OfficeLookup, StakeholderMap and SelfCheck without error (load implies render). Special files where a
data file is expected (FIFO, symlink loop, folder, device) are refused without blocking.

Counts (inputs tried, clean errors, valid loads) are printed at the end of the module
(``pytest -s``) for the closing note.
"""

from __future__ import annotations

import collections
import datetime
import io
import json
import os
import re
import shutil
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from widgets import data as D
from widgets.data import DataError

DATA = Path(__file__).resolve().parent.parent / "data"
COPIED = ["events", "players", "eras.csv", "stakeholders.csv", "questions/lesson01.toml"]
COUNTS: collections.Counter = collections.Counter()
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Raw(str):
    """A TOML literal written as is (inf, nan, 1e400, thousands of digits, deep nesting)."""


def toml_value(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if value != value else "inf" if value == float("inf") else "-inf" if value == float("-inf") else repr(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):  # None (absent) is left out, as TOML has no null
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(value)


def toml_document(doc: dict) -> str:
    out = []
    for key, value in doc.items():
        if value is None:
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for rec in value:
                out.append(f"[[{key}]]")
                out += [f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in rec.items() if v is not None]
        elif isinstance(value, dict):
            out.append(f"[{key}]")
            out += [f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None]
        else:
            out.insert(0, f"{json.dumps(str(key))} = {toml_value(value)}")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------- hostile values

DEEP = [Raw("[" * n + "]" * n) for n in (40, 400, 3000)] + [Raw("{a = " * n + "1" + "}" * n) for n in (40, 900)]
NUMBERS = [Raw("inf"), Raw("-inf"), Raw("nan"), Raw("1e400"), Raw("-1e400"), Raw("9" * 400), Raw("9" * 5000),
           10**18, -1, 0, 2.5, Raw("0x7fffffffffffffff")]
DIGITS = ["١٩٨٩-١١-٠٩", "１９８９", "१९८९", "²", "1989-1١-09", "٣", "一九八九"]
DATES = ["1989-00", "1989-11-00", "1989-00-09", "0000", "0999", "3000", "9999-12-31", "1989-13", "1989-02-30",
         Raw("0001-01-01"), Raw("9999-12-31"), Raw("1989-11-09T10:00:00"), Raw("10:00:00"), 99999, 1989,
         datetime.date(1989, 11, 9), "1989-11-09 ", "+1989", "-500"]
URLS = ["https://[history.state.gov/x", "https://history.state.gov]/x", "http://exa\x00mple.com/",
        "https://example.com/\x1b[31m", "https://ex\u2100ample.com/", "https://\uff45xample.com/",
        "https://" + "a" * 70 + ".com/", "https://a..b.com/", "https://-a-.com/", "https://xn--zz.com/",
        "https://exa mple.com", "javascript:alert(1)", "https://example.com:99999/", "https://example.com\u202e/",
        "https://.com", "https://example.com/" + "x" * 3000, "http://[::1/"]
MARKUP = ["<b>bold</b>", "<a href='javascript:alert(1)'>x</a>", "<script>alert(1)</script>", "&amp;<>\"'",
          "<img src=x onerror=alert(1)>", "\u202e\u0000\x07", "x" * 20000]
TYPES = [None, True, 0, -7, 3.25, "", " ", "text", [], [1, 2], ["a", 3], {}, {"title": 1}, [{}],
         datetime.date(2000, 1, 1), Raw("10:00:00"), [[["deep"]]]]
HOSTILE = st.sampled_from(DEEP + NUMBERS + DIGITS + DATES + URLS + MARKUP + TYPES)
NESTED = {"roles": ("title", "kind", "organisation", "start", "end", "office", "acting", "as_of"),
          "narratives": ("side", "attribution", "text", "sources"), "sources": ("title", "url", "kind")}
OPTIONAL = ["end_date", "as_of", "place", "portrait", "portrait_licence", "narratives", "office", "acting"]


def misspell(key: str, how: int) -> str:
    if how == 0 and "_" in key:
        return key.replace("_", "-")
    if how == 1 and len(key) > 3:
        return key[:1] + key[2] + key[1] + key[3:]
    if how == 2:
        return key.capitalize()
    return key + "s"


# ----------------------------------------------------------------- folder, loading, rendering

@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    line = ", ".join(f"{k}: {v}" for k, v in sorted(COUNTS.items()))
    print(f"\nhostile data fuzzer: {line}")
    out = os.environ.get("HOSTILE_COUNTS")
    if out:
        Path(out).write_text(json.dumps(dict(COUNTS), indent=1))


def fresh_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name in COPIED:
        src, dst = DATA / name, folder / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy(src, dst)
    return folder


LOADERS = [D.load_events, D.load_players, D.load_eras, D.load_stakeholders, lambda f: D.load_bank("lesson01", f)]


def load_all(folder: Path) -> list[str]:
    problems = []
    for load in LOADERS:
        try:
            load(folder)
        except DataError as exc:
            assert exc.problems, "a DataError without a message"
            problems.extend(exc.problems)
    return problems


def render_all(folder: Path) -> None:
    """Load implies render: every widget built from the folder, without error."""
    from widgets import CardDeck, OfficeLookup, SelfCheck, StakeholderMap, Timeline
    from widgets.progress import ProgressStore

    Timeline.from_data(folder)
    deck = CardDeck.from_data(folder)
    if hasattr(deck, "show_chart"):
        deck.show_chart()
    OfficeLookup.from_data(folder).show("1989-11-09")
    StakeholderMap.from_data(folder=folder)
    check = SelfCheck.from_bank("lesson01", folder, store=ProgressStore(folder / "progress.jsonl"))
    assert not getattr(check, "error", None), check.error


LOCATED = re.compile(r", (line|row|record) \d+")


def judge(folder: Path, field_level: bool) -> None:
    COUNTS["inputs tried"] += 1
    problems = load_all(folder)
    if not problems:
        COUNTS["valid loads"] += 1
        render_all(folder)
        COUNTS["valid loads rendered"] += 1
        return
    COUNTS["clean DataErrors"] += 1
    for p in problems:
        assert p.startswith(str(folder)) and re.match(r"\S+\.(toml|csv)\b", p[len(str(folder)):].lstrip("/")), p
        if field_level and LOCATED.search(p) is None and "not valid" not in p and "must be written" not in p \
                and "no [[" not in p and "nested too deeply" not in p:
            pytest.fail(f"a field-level problem without a line, row or record: {p}")
        if field_level and "field '" not in p and LOCATED.search(p) and "is not a table" not in p:
            pytest.fail(f"a field-level problem without the field: {p}")


# ----------------------------------------------------------------- the fuzzers

TOML_FILES = sorted(str(p.relative_to(DATA)) for p in (DATA / "events").glob("*.toml")) + \
    sorted(str(p.relative_to(DATA)) for p in (DATA / "players").glob("*.toml")) + ["questions/lesson01.toml"]


@SETTINGS
@given(st.sampled_from(TOML_FILES), st.sampled_from(["table", "record", "field", "nested", "key", "optional"]),
       st.integers(0, 10**6), st.integers(0, 10**6), HOSTILE, st.integers(0, 3))
def test_mutated_toml_file(tmp_path_factory, name, level, pick, pick2, value, how):
    folder = fresh_folder(tmp_path_factory)
    path = folder / name
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    table = next(k for k, v in doc.items() if isinstance(v, list))
    records = doc[table]
    rec = records[pick % len(records)]
    keys = sorted(rec)
    if level == "table":
        doc[table] = value if value is not None else {}
    elif level == "record":
        records[pick % len(records)] = value
    elif level == "field":
        rec[keys[pick2 % len(keys)]] = value
    elif level == "optional":
        rec[OPTIONAL[pick2 % len(OPTIONAL)]] = value
    elif level == "key":
        key = keys[pick2 % len(keys)]
        rec[misspell(key, how)] = rec.pop(key)
    else:
        nested = [k for k in keys if k in NESTED and isinstance(rec[k], list) and rec[k]]
        if not nested:
            rec[keys[pick2 % len(keys)]] = value
        else:
            sub_name = nested[pick2 % len(nested)]
            item = rec[sub_name][pick % len(rec[sub_name])]
            if how == 3:
                rec[sub_name][pick % len(rec[sub_name])] = value
            else:
                item[NESTED[sub_name][pick2 % len(NESTED[sub_name])]] = value
    doc = {k: v for k, v in doc.items() if v is not None}
    path.write_text(toml_document(doc), encoding="utf-8")
    if level == "key":
        problems = load_all(folder)
        COUNTS["misspelt keys"] += 1
        # A misspelt field of an events/players record is reported with the closest known name.
        if name.split("/")[0] in ("events", "players") and problems:
            assert any("unknown field" in p or "missing" in p for p in problems), problems
    judge(folder, field_level=level != "table")


CSV_FILES = ["eras.csv", "stakeholders.csv"]


@SETTINGS
@given(st.sampled_from(CSV_FILES), st.integers(0, 10**6), st.integers(0, 20),
       st.one_of(st.sampled_from([str(v) for v in DIGITS + DATES + URLS + MARKUP + ["inf", "nan", "1e400", "9" * 5000,
                                                                               "-0", "1_000", "0x10", "", "\r", "a\nb"]]),
                 st.text(max_size=20)))
def test_mutated_csv_cell(tmp_path_factory, name, row, col, value):
    import csv
    import io

    folder = fresh_folder(tmp_path_factory)
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    r = 1 + row % (len(rows) - 1)
    rows[r][col % len(rows[r])] = value
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    judge(folder, field_level=True)


def test_misspelt_optional_field_is_named_with_the_closest_known_name(tmp_path_factory):
    folder = fresh_folder(tmp_path_factory)
    path = folder / "events" / "01_to_1979.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("end_date =", "end-date =", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        D.load_events(folder)
    assert any("unknown field 'end-date' \u2014 did you mean 'end_date'?" in p and ", line " in p
               for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("value, expected", [
    ('"1989-00"', "month and day start at 01"), ('"1989-11-00"', "month and day start at 01"),
    ('"0999"', "1000 to 2999"), ('"3000-01-01"', "1000 to 2999"), ("9999-12-31", "1000 to 2999"),
    ('"١٩٨٩"', "digits 0-9"),
])
def test_dates_outside_the_supported_range_are_refused_clearly(tmp_path_factory, value, expected):
    folder = fresh_folder(tmp_path_factory)
    path = folder / "events" / "01_to_1979.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^date = .*$", f"date = {value}", text, count=1, flags=re.M), encoding="utf-8")
    with pytest.raises(DataError) as info:
        D.load_events(folder)
    assert any(expected in p and "field 'date'" in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("url", URLS)
def test_malformed_urls_are_refused_with_the_field(url):
    from widgets.data.fields import check_url

    assert check_url(url), url


def _special(kind: str, target: Path) -> None:
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "loop":
        os.symlink(target.name + ".b", target)
        os.symlink(target.name, str(target) + ".b")
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        os.symlink("/dev/zero", target)
    elif kind == "dangling":
        os.symlink(target.name + ".missing", target)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links")
@pytest.mark.parametrize("kind", ["fifo", "loop", "folder", "device", "dangling"])
@pytest.mark.parametrize("name", ["events/99_x.toml", "eras.csv", "players.toml", "questions/lesson01.toml"])
def test_special_files_are_refused_without_blocking(tmp_path_factory, kind, name):
    folder = fresh_folder(tmp_path_factory)
    target = folder / name
    if target.exists():
        target.unlink()
    _special(kind, target)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_all(folder)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), f"loading a {kind} as {name} blocked"
    problems = result[0]
    assert any(Path(name).name in p for p in problems), problems
    assert all(p.startswith(str(folder)) for p in problems), problems


def test_a_huge_file_is_refused_with_its_size(tmp_path_factory):
    folder = fresh_folder(tmp_path_factory)
    path = folder / "events" / "99_big.toml"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    with pytest.raises(DataError) as info:
        D.load_events(folder)
    assert any("99_big.toml: is too large (52.4 MB" in p for p in info.value.problems), info.value.problems


# ----------------------------------------------------------------- a wrong type for every field

WRONG_TYPES = [42, 1.5, True, ["x", 1], {"a": 1}, datetime.date(1990, 1, 1), Raw("inf"), Raw("[[[[[1]]]]]")]


def _one_record(kind: str) -> dict:
    """A real record of ``kind`` with every optional nested table (roles, narratives, sources)."""
    doc = tomllib.loads(next((DATA / kind).glob("*.toml")).read_text(encoding="utf-8"))
    nested = "narratives" if kind == "events" else "roles"
    return next(r for r in doc[kind] if r.get(nested))


def _field_paths(rec: dict):
    for key, value in rec.items():
        yield (key,)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for sub in value[0]:
                yield (key, 0, sub)
                if sub == "sources":
                    for leaf in value[0][sub][0]:
                        yield (key, 0, sub, 0, leaf)


FIELD_CASES = [(kind, path) for kind in ("events", "players") for path in _field_paths(_one_record(kind))]


@pytest.mark.parametrize("kind, path", FIELD_CASES, ids=[f"{k}:{'.'.join(map(str, p))}" for k, p in FIELD_CASES])
def test_a_wrong_type_for_every_field(tmp_path, kind, path):
    """Each field of a real event and player (and of their narratives, roles and sources), given each
    wrong type: a DataError naming the file, line and field -- or, where the type is acceptable, a load
    that renders. (The other kind's ids come from the course's own data.)"""
    import copy

    for i, value in enumerate(WRONG_TYPES):
        rec = copy.deepcopy(_one_record(kind))
        target = rec
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        folder = tmp_path / f"{i}"
        folder.mkdir()
        (folder / f"{kind}.toml").write_text(toml_document({kind: [rec]}), encoding="utf-8")
        load = D.load_events if kind == "events" else D.load_players
        COUNTS["inputs tried"] += 1
        try:
            loaded = load(folder)
        except DataError as exc:
            COUNTS["clean DataErrors"] += 1
            # Named by file and line and field (a date of the right type may fail another field's check).
            assert all(f"{kind}.toml" in p and ((", line " in p and "field '" in p) or "not valid" in p)
                       for p in exc.problems), (value, exc.problems)
            continue
        COUNTS["valid loads"] += 1
        assert len(loaded) == 1
        from widgets import CardDeck, Timeline

        if kind == "events":
            Timeline.from_data(folder).select(loaded[0].id)
        else:
            CardDeck(loaded, D.load_events()).show_chart()
        COUNTS["valid loads rendered"] += 1


# ----------------------------------------------------------------- every kind, through check_all

ALL_FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.suffix in (".toml", ".csv") and p.is_file())
_STAMP = [10**18]


@pytest.fixture(scope="module")
def whole_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("whole")
    shutil.copytree(DATA, folder / "data")
    return folder / "data"


def _leaves(value, path=()):
    """Every path into a parsed TOML document (tables, list items, values)."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _leaves(v, path + (i,))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    _STAMP[0] += 1_000_000
    os.utime(path, ns=(_STAMP[0], _STAMP[0]))  # a new version for every cache keyed on mtimes


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(ALL_FILES), st.integers(0, 10**6), HOSTILE, st.booleans())
def test_every_kind_through_check_all(whole_folder, name, pick, value, rename):
    """Any file of any kind (events to roleplay, faq, futures, treaties, scenarios, series, reading,
    questions) mutated at any path: check_all gives counts and problems, never another exception."""
    import csv

    from widgets.data import check_all

    path = whole_folder / name
    original = path.read_bytes()
    try:
        if path.suffix == ".toml":
            doc = tomllib.loads(original.decode("utf-8"))
            paths = [p for p in _leaves(doc) if p]
            where = paths[pick % len(paths)]
            parent = doc
            for step in where[:-1]:
                parent = parent[step]
            if rename and isinstance(parent, dict):
                parent[misspell(str(where[-1]), pick % 4)] = parent.pop(where[-1])
            else:
                parent[where[-1]] = value
            _write(path, toml_document(doc).encode("utf-8"))
        else:
            rows = list(csv.reader(io.StringIO(original.decode("utf-8"))))
            r = 1 + pick % (len(rows) - 1)
            rows[r][pick % len(rows[r])] = str(value)
            buf = io.StringIO()
            csv.writer(buf).writerows(rows)
            _write(path, buf.getvalue().encode("utf-8"))
        COUNTS["check_all inputs"] += 1
        counts, problems = check_all(whole_folder)
        COUNTS["check_all clean problems" if problems else "check_all valid"] += 1
        for p in problems:
            assert str(whole_folder) in p or p.startswith("data/"), p
    finally:
        _write(path, original)


@pytest.mark.parametrize("raw, call, expected", [
    ({"title": "a\x00b"}, lambda r: r.text("title"), "control or text-direction character"),
    ({"title": "evil\u202etxt"}, lambda r: r.text("title"), "control or text-direction character"),
    ({"id": "a" * 101}, lambda r: r.ident(), "longer than 100 characters"),
    ({"n": "1_000"}, lambda r: r.number("n"), "is not a number"),
    ({"n": "infinity"}, lambda r: r.number("n"), "is not a number"),
    ({"n": "١٢"}, lambda r: r.number("n"), "is not a number"),
    ({"n": 10**400}, lambda r: r.number("n"), "is not a number"),
    ({"n": float("inf")}, lambda r: r.number("n"), "is not a finite number"),
    ({"n": "²"}, lambda r: r.integer("n"), "is not a whole number"),
    ({"n": 10**20}, lambda r: r.integer("n"), "is out of range"),
    ({"x": [[[[[[[[1]]]]]]]]}, lambda r: r.text("x"), "is not text"),
])
def test_values_the_loaders_once_accepted_silently(raw, call, expected):
    from widgets.data.errors import _Problems
    from widgets.data.fields import _Record

    problems = _Problems()
    rec = _Record(raw, "data/x.toml, line 3", problems)
    call(rec)
    assert not rec.ok and len(problems.items) == 1 and expected in problems.items[0], problems.items
    assert problems.items[0].startswith("data/x.toml, line 3, field '")


@pytest.mark.parametrize("literal", ["9" * 400, "1e400", "nan", "inf", "true"])
def test_huge_points_in_a_scenario_are_a_data_error(tmp_path, literal):
    from widgets.data import check_all

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "scenarios" / "embassy-normalisation.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("points = { us = 25, russia = 10 }", f"points = {{ us = {literal}, russia = 10 }}", 1),
                    encoding="utf-8")
    _counts, problems = check_all(folder)  # scenarios and the role-play built on them: no OverflowError
    assert any("embassy-normalisation.toml" in p and "not a finite number" in p for p in problems), problems


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links")
@pytest.mark.parametrize("kind", ["fifo", "loop", "folder", "device"])
def test_check_all_reports_a_special_file_instead_of_passing_over_it(tmp_path_factory, kind):
    from widgets.data import check_all

    folder = fresh_folder(tmp_path_factory)
    (folder / "eras.csv").unlink()
    _special(kind, folder / "eras.csv")
    _counts, problems = check_all(folder)
    assert any(p.startswith(f"{folder}/eras.csv: ") for p in problems), problems

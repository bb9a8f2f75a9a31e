"""Whatever an instructor's file holds, the loaders answer with records or a DataError naming
the file, never with another exception (property tests over untrusted input)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from widgets import data as D
from widgets.data import DataError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# TOML-shaped values: what tomllib can produce, nested a little. (Text without surrogates or
# control characters, which a TOML string cannot hold unescaped.)
text = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    text, st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(text, inner, max_size=4)),
                      max_leaves=12)
FIELDS = ["id", "date", "end_date", "title", "category", "summary", "significance", "actors", "sources",
          "narratives", "as_of", "place", "name", "kind", "country", "profile", "roles", "negotiations"]
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS))


def _toml(value) -> str:
    """A TOML literal for value (enough of TOML for these shapes)."""
    import datetime
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int,)):
        return str(value)
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float("-inf") else repr(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(value)


def _document(table: str, recs: list[dict]) -> str:
    out = []
    for rec in recs:
        out.append(f"[[{table}]]")
        out += [f"{k} = {_toml(v)}" for k, v in rec.items() if v is not None]
    return "\n".join(out) + "\n"


def _only_data_errors(load, folder, name):
    try:
        load(folder)
    except DataError as exc:
        assert exc.problems and all(name in p or "no " in p for p in exc.problems), exc.problems


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_in_an_events_file(tmp_path, blob):
    (tmp_path / "events.toml").write_bytes(blob)
    _only_data_errors(D.load_events, tmp_path, "events.toml")


@SETTINGS
@given(st.lists(records, min_size=1, max_size=3))
def test_any_toml_records_as_events(tmp_path, recs):
    text = _document("events", recs)
    tomllib.loads(text)  # the generator writes valid TOML: the loader is what is under test
    (tmp_path / "events.toml").write_text(text, encoding="utf-8")
    _only_data_errors(D.load_events, tmp_path, "events.toml")


@SETTINGS
@given(st.lists(records, min_size=1, max_size=3))
def test_any_toml_records_as_players(tmp_path, recs):
    (tmp_path / "players.toml").write_text(_document("players", recs), encoding="utf-8")
    _only_data_errors(D.load_players, tmp_path, "players.toml")


@SETTINGS
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
                         min_size=0, max_size=9), max_size=5))
def test_any_csv_rows_as_eras(tmp_path, rows):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "title", "start", "end", "summary", "source_title", "source_url"])
    writer.writerows(rows)
    (tmp_path / "eras.csv").write_text(buf.getvalue(), encoding="utf-8")
    _only_data_errors(D.load_eras, tmp_path, "eras.csv")


QUESTION_FIELDS = ["id", "type", "prompt", "explanation", "lesson", "section", "difficulty", "hint", "sources",
                   "factual", "options", "items", "answer", "tolerance", "unit", "model_answer",
                   "feedback_true", "feedback_false"]
question_records = st.dictionaries(
    st.sampled_from(QUESTION_FIELDS),
    st.one_of(values, st.sampled_from(["single", "multiple", "truefalse", "order", "number", "written"])),
    max_size=len(QUESTION_FIELDS))


@SETTINGS
@given(st.lists(question_records, min_size=1, max_size=3), st.dictionaries(st.sampled_from(["id", "title", "lesson"]), values))
def test_any_toml_records_as_a_question_bank(tmp_path, recs, head):
    bank = "[bank]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in head.items() if v is not None) + "\n"
    (tmp_path / "questions").mkdir(exist_ok=True)
    (tmp_path / "questions" / "fuzz.toml").write_text(bank + _document("questions", recs), encoding="utf-8")
    try:
        D.load_bank("fuzz", tmp_path)
    except DataError as exc:
        assert all("fuzz.toml" in p for p in exc.problems), exc.problems

"""Whatever an instructor's series_defs.toml or futures.toml holds, the loaders answer with records
or a DataError naming the file, never with another exception (property tests over untrusted input)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from hypothesis import given, settings, strategies as st

from widgets.data import DataError, load_futures, load_series_defs, load_series_table

from .test_data_fuzz import SETTINGS, _document, _toml, values

DATA = Path(__file__).resolve().parent.parent / "data"
# Fewer examples than the other loaders' fuzz tests: these records nest deeper and each example is slower.
FEW = settings(SETTINGS, max_examples=60)

DEF_FIELDS = ["id", "title", "unit", "definition", "topic", "side", "as_of", "events", "sources", "footnotes"]
SCENARIO_FIELDS = ["id", "title", "summary", "as_of", "views", "indicators", "implications"]
VIEW_FIELDS = ["holder", "holder_kind", "side", "text", "date", "sources", "events"]
INDICATOR_FIELDS = ["text", "series", "direction"]

nested = st.lists(st.dictionaries(st.sampled_from(VIEW_FIELDS + INDICATOR_FIELDS),
                                  st.one_of(values, st.sampled_from(["government", "up", "down", "us", "nato-members"])),
                                  max_size=5), max_size=3)
scenario_records = st.dictionaries(
    st.sampled_from(SCENARIO_FIELDS),
    st.one_of(values, nested, st.dictionaries(st.sampled_from(["security", "alliances", "economy", "other"]), values, max_size=4)),
    max_size=len(SCENARIO_FIELDS))
def_records = st.dictionaries(st.sampled_from(DEF_FIELDS),
                              st.one_of(values, st.sampled_from(["security", "opinion", "us", "both", "warheads"])),
                              max_size=len(DEF_FIELDS))


def _only_data_errors(load, folder, name):
    try:
        load(folder)
    except DataError as exc:
        assert exc.problems and all(name in p or "no " in p for p in exc.problems), exc.problems


@FEW
@given(st.lists(def_records, min_size=1, max_size=3))
def test_any_toml_records_as_series_definitions(tmp_path, recs):
    text = _document("series", recs)
    tomllib.loads(text)
    (tmp_path / "series_defs.toml").write_text(text, encoding="utf-8")
    _only_data_errors(load_series_defs, tmp_path, "series_defs.toml")
    shutil.copy(DATA / "series.csv", tmp_path / "series.csv")
    try:
        load_series_table(tmp_path)
    except DataError as exc:
        assert all("series_defs.toml" in p or "series.csv" in p for p in exc.problems), exc.problems


def _scenarios_document(recs: list[dict]) -> str:
    # Nested lists of tables are written inline (views = [{...}]), which TOML allows as arrays of tables.
    out = []
    for rec in recs:
        out.append("[[scenarios]]")
        out += [f"{k} = {_toml(v)}" for k, v in rec.items() if v is not None]
    return "\n".join(out) + "\n"


@FEW
@given(st.lists(scenario_records, min_size=1, max_size=3))
def test_any_toml_records_as_futures(tmp_path, recs):
    text = _scenarios_document(recs)
    tomllib.loads(text)
    (tmp_path / "futures.toml").write_text(text, encoding="utf-8")
    _only_data_errors(load_futures, tmp_path, "futures.toml")


@FEW
@given(st.binary(max_size=300))
def test_any_bytes_in_a_futures_file(tmp_path, blob):
    (tmp_path / "futures.toml").write_bytes(blob)
    _only_data_errors(load_futures, tmp_path, "futures.toml")

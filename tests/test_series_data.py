"""Lesson 5's data: series definitions checked against series.csv, futures.toml, and their error messages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from widgets.data import DataError, check_all, load_futures, load_series_defs, load_series_table
from widgets.data.sources import BANNED_HOSTS, STATE_MEDIA_HOSTS, host

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

CSV_HEADER = "series,date,value,unit,note,source_title,source_url,source_kind\n"
DEF = """
[[series]]
id = "{id}"
title = "A series"
unit = "{unit}"
topic = "security"
side = "us"
definition = "What is counted."
as_of = "2026-12-01"
sources = [{{ title = "A source", url = "https://example.org/a", kind = "official" }}]
"""


def _folder(tmp_path: Path, csv_rows: str, defs: str) -> Path:
    (tmp_path / "series.csv").write_text(CSV_HEADER + csv_rows, encoding="utf-8")
    (tmp_path / "series_defs.toml").write_text(defs, encoding="utf-8")
    return tmp_path


def test_the_course_series_are_all_defined_and_in_their_units():
    table = load_series_table()
    ids = {s.id for s in table}
    assert {"warheads-us-stockpile", "warheads-russia-stockpile", "new-start-us-deployed", "new-start-russia-deployed",
            "new-start-limit-deployed", "us-imports-from-russia", "nato-members", "gallup-us-favourable-russia",
            "levada-russia-good-usa"} <= ids
    for s in table:
        assert s.points, s.id
        assert all(p.unit == s.unit for p in s.points), s.id
        assert s.definition.as_of is not None and s.definition.sources


def test_every_side_has_an_opinion_series_and_every_topic_a_series():
    defs = load_series_defs()
    assert {d.topic for d in defs} == {"security", "alliances", "economy", "opinion"}
    opinion_sides = {d.side for d in defs if d.topic == "opinion"}
    assert {"us", "russia"} <= opinion_sides


def test_series_sources_follow_the_course_rules():
    bad = []
    for s in load_series_table():
        for src in (*s.definition.sources, *(p.source for p in s.points)):
            name = host(src.url)
            if BANNED_HOSTS.search(name) or STATE_MEDIA_HOSTS.search(name) or not src.kind:
                bad.append(f"{s.id}: {src.url} ({src.kind!r})")
    assert bad == []


def test_a_series_without_a_definition_is_named_with_its_row(tmp_path):
    folder = _folder(tmp_path, "a,2020,1,things,,T,https://example.org/t,official\n"
                               "b,2020,2,things,,T,https://example.org/t,official\n", DEF.format(id="a", unit="things"))
    with pytest.raises(DataError) as err:
        load_series_table(folder)
    assert "series.csv, row 3, field 'series': 'b' has no definition in" in str(err.value)


def test_a_point_in_another_unit_is_named_with_its_row_and_both_units(tmp_path):
    folder = _folder(tmp_path, "a,2020,1,things,,T,https://example.org/t,official\n"
                               "a,2021,2,thousand things,,T,https://example.org/t,official\n", DEF.format(id="a", unit="things"))
    with pytest.raises(DataError) as err:
        load_series_table(folder)
    msg = str(err.value)
    assert "row 3, field 'unit': 'thousand things' differs from the unit of series 'a'" in msg and "('things')" in msg


def test_a_definition_without_points_is_reported(tmp_path):
    folder = _folder(tmp_path, "a,2020,1,things,,T,https://example.org/t,official\n",
                     DEF.format(id="a", unit="things") + DEF.format(id="z", unit="things"))
    with pytest.raises(DataError, match=r"series 'z': no points in"):
        load_series_table(folder)


def test_a_bad_definition_names_line_and_field(tmp_path):
    bad = DEF.format(id="a", unit="things").replace('topic = "security"', 'topic = "weather"')
    folder = _folder(tmp_path, "a,2020,1,things,,T,https://example.org/t,official\n", bad)
    with pytest.raises(DataError) as err:
        load_series_defs(folder)
    assert re.search(r"series_defs\.toml, line \d+ \(id 'a'\), field 'topic': 'weather' is not a known topic", str(err.value))


def test_a_missing_definition_file_says_what_it_is_for(tmp_path):
    (tmp_path / "series.csv").write_text(CSV_HEADER + "a,2020,1,things,,T,https://example.org/t,official\n")
    with pytest.raises(DataError, match="every series in series.csv needs a definition"):
        load_series_defs(tmp_path)


def test_check_all_checks_series_against_definitions_and_the_futures(tmp_path):
    counts, problems = check_all()
    assert counts["series"] >= 9 and counts["futures"] >= 3
    assert [p for p in problems if "series" in p or "futures" in p] == []
    folder = _folder(tmp_path, "a,2020,1,things,,T,https://example.org/t,official\n", DEF.format(id="a", unit="units"))
    counts, problems = check_all(folder)
    assert any("differs from the unit of series 'a'" in p for p in problems)


def test_the_futures_are_attributed_and_linked_to_real_series():
    scenarios = load_futures()
    assert 3 <= len(scenarios) <= 5
    series_ids = {s.id for s in load_series_table()}
    for sc in scenarios:
        assert len(sc.views) >= 2 and all(v.holder and (v.sources or v.events) for v in sc.views)
        assert set(sc.implications) == {"security", "alliances", "economy"}
        linked = [i for i in sc.indicators if i.series]
        assert linked and all(i.series in series_ids and i.direction in ("up", "down") for i in linked)
    kinds = {v.holder_kind for sc in scenarios for v in sc.views}
    assert {"government", "think-tank", "scholar"} <= kinds


def _futures_copy(tmp_path: Path, text: str) -> Path:
    shutil.copy(DATA / "series.csv", tmp_path / "series.csv")
    (tmp_path / "futures.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_futures_errors_name_the_scenario_and_field(tmp_path):
    text = (DATA / "futures.toml").read_text(encoding="utf-8")
    text = text.replace('series = "nato-members"', 'series = "nato-memberz"', 1)
    text = text.replace('holder_kind = "think-tank"', 'holder_kind = "pundit"', 1)
    with pytest.raises(DataError) as err:
        load_futures(_futures_copy(tmp_path, text))
    msg = str(err.value)
    assert "(id 'continued-confrontation'), indicator 1, field 'series': 'nato-memberz' names a series id that is not in series.csv" in msg
    assert "view 4, field 'holder_kind': 'pundit' is not a known holder_kind" in msg


def test_a_view_needs_sources_or_events_and_a_direction_needs_a_series(tmp_path):
    text = """
[[scenarios]]
id = "x"
title = "X"
summary = "S"
[[scenarios.views]]
holder = "Somebody"
holder_kind = "scholar"
side = "other"
text = "A view."
[[scenarios.indicators]]
text = "Something"
direction = "up"
[scenarios.implications]
security = "a"
alliances = "b"
economy = "c"
"""
    with pytest.raises(DataError) as err:
        load_futures(_futures_copy(tmp_path, text))
    msg = str(err.value)
    assert "view 1, field 'sources': missing" in msg
    assert "indicator 1, field 'direction': 'up' needs a 'series'" in msg


def test_a_view_citing_an_unknown_event_is_reported(tmp_path):
    text = (DATA / "futures.toml").read_text(encoding="utf-8").replace('"us-peace-plan-talks-2025"', '"no-such-event-2099"', 1)
    with pytest.raises(DataError, match="'no-such-event-2099' names a event id that does not exist"):
        load_futures(_futures_copy(tmp_path, text))

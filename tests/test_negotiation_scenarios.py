"""Negotiation scenarios as data: the course's own files load, and a broken file is named precisely."""

from __future__ import annotations

import pytest

from widgets.data import DataError
from widgets.negotiation import analyse, package_scores

from widgets.data import check_all, load_scenario, load_scenarios, scenario_ids

GOOD = """\
[scenario]
id = "tiny"
title = "Tiny"
kind = "practice"
summary = "Two issues."
assumptions = "All points are assumptions."
sources = [{ title = "A source", url = "https://example.org/a", kind = "press" }]

[[parties]]
side = "us"
name = "United States"
batna = 1
batna_min = 0
batna_max = 5
position = "Wants A."
sources = [{ title = "A source", url = "https://example.org/a", kind = "press" }]

[[parties]]
side = "russia"
name = "Russia"
batna = 1
batna_min = 0
batna_max = 5
ratifier = "Duma"
threshold = 0
position = "Wants B."
sources = [{ title = "A source", url = "https://example.org/a", kind = "press" }]

[[issues]]
id = "one"
title = "One"

[[issues.options]]
id = "x"
label = "X"
points = { us = 2, russia = 0 }

[[issues.options]]
id = "y"
label = "Y"
points = { us = 0, russia = 2 }
ratify = { us = 0, russia = -1 }
"""


def test_course_scenarios_load():
    ids = scenario_ids()
    assert {"embassy-normalisation", "strategic-arms-after-new-start"} <= set(ids)
    scenarios = load_scenarios()
    assert [s.id for s in scenarios] == list(ids)
    arms = load_scenario("strategic-arms-after-new-start")
    assert arms.kind == "teaching-model" and "assumption" in arms.assumptions
    assert all(p.position and p.sources for p in arms.parties)
    assert {p.side for p in arms.parties} == {"us", "russia"}
    assert all(2 <= len(i.options) <= 6 for i in arms.issues)
    pts = package_scores(arms.option_points())
    assert len(pts) == arms.package_count
    result = analyse(pts, [p.batna for p in arms.parties], package_scores(arms.option_ratify()),
                     [p.threshold for p in arms.parties])
    assert result.nash is not None and result.zopa


def test_a_small_file_loads(tmp_path, write):
    write("scenarios/tiny.toml", GOOD)
    s = load_scenario("tiny", tmp_path)
    assert s.option_points() == [[(2.0, 0.0), (0.0, 2.0)]]
    assert s.option_ratify() == [[(2.0, 0.0), (0.0, -1.0)]]  # ratify defaults to points
    assert s.parties[0].threshold is None and s.parties[1].threshold == 0


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('points = { us = 2, russia = 0 }', 'points = { us = 2 }', "line 36 (id 'x'), field 'points'"),
        ('points = { us = 2, russia = 0 }', 'points = { us = "a lot", russia = 0 }', "(side 'us') is not a finite number"),
        ('points = { us = 2, russia = 0 }', 'points = { us = 2, russia = 0, china = 1 }', "'china' is not a party"),
        ('batna = 1\nbatna_min = 0\nbatna_max = 5\nposition = "Wants A."', 'batna = 9\nbatna_min = 0\nbatna_max = 5\nposition = "Wants A."', "field 'batna': 9.0 is outside"),
        ('kind = "practice"', 'kind = "game"', "field 'kind': 'game' is not a known kind"),
        ('id = "tiny"', 'id = "other"', "does not match the file name"),
        ('id = "y"', 'id = "x"', "duplicate option (issue 'one') id"),
        ('side = "russia"', 'side = "us"', "the same side"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, write, old, new, expected):
    assert old in GOOD
    write("scenarios/tiny.toml", GOOD.replace(old, new, 1))
    with pytest.raises(DataError) as err:
        load_scenario("tiny", tmp_path)
    assert "scenarios/tiny.toml" in str(err.value)
    assert expected in str(err.value)


def test_one_option_is_too_few_and_every_problem_is_reported(tmp_path, write):
    text = GOOD.split("[[issues.options]]\nid = \"y\"")[0].replace('label = "X"', 'label = ""')
    write("scenarios/tiny.toml", text)
    with pytest.raises(DataError) as err:
        load_scenario("tiny", tmp_path)
    assert len(err.value.problems) == 2
    assert "is not 2 to 6 options" in str(err.value) and "field 'label': missing" in str(err.value)


def test_unknown_scenario_lists_the_known_ones(tmp_path, write):
    write("scenarios/tiny.toml", GOOD)
    with pytest.raises(DataError, match="known scenarios: tiny"):
        load_scenario("nope", tmp_path)


def test_check_all_counts_and_reports_scenarios(tmp_path, write):
    counts, problems = check_all()
    assert counts["scenarios"] >= 2 and problems == []
    write("scenarios/tiny.toml", GOOD.replace('kind = "practice"', 'kind = "game"'))
    counts, problems = check_all(tmp_path)
    assert "scenarios" not in counts and any("tiny.toml" in p and "'kind'" in p for p in problems)

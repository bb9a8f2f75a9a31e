"""Scores read as a person writes them (issue 10: "2.53 of 5" became "2.5 of 5")."""

from __future__ import annotations

import pytest

from widgets.selfcheck.number_parsing import format_points
from widgets.selfcheck.scoring import Result, score_line

from .support import text_of


@pytest.mark.parametrize("points, shown", [(2.53, "2.5"), (1 / 3, "0.3"), (2 / 3, "0.7"), (1.96, "2"), (0.25, "0.3"),
                                           (0, "0"), (5, "5"), (2.45, "2.5"), (12.04, "12")])
def test_points_have_at_most_one_decimal(points, shown):
    assert format_points(points) == shown


def test_the_running_score_is_rounded_to_one_decimal():
    results = [Result(True, 1.0, ""), Result(True, 1.0, ""), Result(False, 1 / 3, ""), Result(False, 0.2, ""), None]
    line = text_of(score_line(results))
    assert line.startswith("Score: 2.5 of 5 (2 correct, 2 partly right")
    assert "2.53" not in line

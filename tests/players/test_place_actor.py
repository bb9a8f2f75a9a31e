"""The stakeholder map's "place an actor yourself" activity (issue 10, item 9), driven as a student
would, and the map's spreading of actors placed at the same point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.data import Placement, Source, load_stakeholders
from widgets.players.place_view import PlaceActor
from widgets.players.placing import BANK, compare_placement, grid_svg, placing_id
from widgets.players.stakeholders import _PAIR_GAP, _spread
from widgets.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
SRC = Source("A source", "https://example.org/s", "press")


def _text(html: str) -> str:
    import html as h

    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", "", html))).strip()


@pytest.fixture
def activity(tmp_path):
    return PlaceActor.from_data("riyadh-talks-2025", store=ProgressStore(tmp_path / "progress"))


def test_placing_an_actor_is_recorded_then_compared_with_the_course(activity):
    activity.actor.value = "ukraine"
    course = activity.placement
    assert (course.interest, course.influence) == (10, 2)
    assert "course-point" not in activity.grid.value, "the course's placement is hidden until the student compares"
    activity.interest.value, activity.influence.value = 9, 8
    assert 'class="student-point"' in activity.grid.value and "interest 9, influence 8" in activity.grid.value
    score = activity.compare()
    seen = _text(activity.feedback.value)
    assert "A different quadrant from the course's" in seen
    assert "You placed Ukraine at interest 9, influence 8 (manage closely)" in seen
    assert "the course places it at interest 10, influence 2 (keep informed)" in seen
    assert course.justification in seen and course.source.title in seen
    assert 'class="course-point"' in activity.grid.value
    attempts = activity.store.attempts(BANK)
    assert [(a.question, json.loads(a.answer), a.correct) for a in attempts] == [
        ("riyadh-talks-2025/ukraine", {"interest": 9, "influence": 8}, False)]
    assert attempts[0].score == score == 0


def test_a_close_placement_and_a_changed_one(activity):
    activity.actor.value = "european-union"  # the course: 8 and 2
    activity.interest.value, activity.influence.value = 8, 3
    activity.compare()
    assert "Close to the course's placement" in _text(activity.feedback.value)
    activity.influence.value = 4
    assert "press “Compare with the course” again" in _text(activity.feedback.value)
    assert "course-point" not in activity.grid.value


def test_the_last_placement_comes_back_and_switching_negotiation_lists_its_actors(activity, tmp_path):
    activity.actor.value = "saudi-arabia"
    activity.interest.value, activity.influence.value = 6, 3
    activity.compare()
    again = PlaceActor.from_data("riyadh-talks-2025", store=activity.store)
    again.actor.value = "saudi-arabia"
    assert (again.interest.value, again.influence.value) == (6, 3)
    assert "Your last placement of Saudi Arabia" in _text(again.feedback.value)
    again.negotiation.value = "istanbul-talks-2025"
    placed = {p.player for p in load_stakeholders() if p.negotiation == "istanbul-talks-2025"}
    assert {v for _, v in again.actor.options} == placed


def test_the_comparison_maths():
    p = Placement("n", "x", 8, 2, "why", SRC)
    c = compare_placement(8, 2, p)
    assert (c.distance, c.same_quadrant, c.close, c.score) == (0, True, True, 1.0)
    c = compare_placement(3, 6, p)
    assert c.distance == pytest.approx(6.4, abs=0.01) and not c.same_quadrant and c.score == 0
    with pytest.raises(ValueError):
        compare_placement(11, 2, p)


def test_the_grid_says_in_words_what_it_draws():
    svg = grid_svg((3, 7), (8, 2), "Ukraine")
    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    assert 'role="img"' in svg and "your placement (circle) at interest 3, influence 7" in label
    assert "the course&#x27;s placement (square) at interest 8, influence 2" in label
    assert "<script" not in grid_svg(None, None, "<script>")


def test_actors_at_the_same_point_stand_apart_on_the_map():
    for negotiation in {p.negotiation for p in load_stakeholders()}:
        shown = [p for p in load_stakeholders() if p.negotiation == negotiation]
        points = _spread(shown)
        for i, a in enumerate(points):
            for b in points[i + 1:]:
                assert abs(a[0] - b[0]) >= _PAIR_GAP - 1e-9 or abs(a[1] - b[1]) >= 0.99, (negotiation, a, b)
        # Spreading never moves an actor by more than a third of a grid step.
        assert all(abs(x - p.interest) <= _PAIR_GAP and y == p.influence for (x, y), p in zip(points, shown))


def test_lesson_02_has_the_activity_as_a_one_line_cell():
    nb = json.loads((ROOT / "lessons" / "02_key_players.ipynb").read_text())
    code = ["".join(c["source"]).strip() for c in nb["cells"] if c["cell_type"] == "code"]
    assert 'PlaceActor.from_data("riyadh-talks-2025")' in code


def test_the_table_keeps_numbers_headings_and_quadrants_whole():
    from widgets.players.stakeholders import stakeholder_table_html

    table = stakeholder_table_html([Placement("n", "x", 8, 2, "A long reason " * 10, SRC)], {"x": "Actor X"})
    assert table.count("white-space:nowrap") == 6 + 3  # six headings, interest, influence, quadrant


def test_the_compare_button_shows_its_whole_label(activity):
    b = activity.compare_button
    assert b.layout.width == "auto" and "course-wrap-button" in b._dom_classes


def test_the_map_is_created_with_its_first_points(monkeypatch):
    """The first view draws the figure's state at creation: the points must be in it from the start
    (update messages can arrive while the browser still loads plotly's widget bundle)."""
    from widgets.players import stakeholders_view
    from widgets.ui import plot

    created = []
    real = plot.figure

    def spy(data, layout):
        created.append([len(t.x or ()) for t in data])
        return real(data, layout)

    monkeypatch.setattr(stakeholders_view, "figure", spy)
    m = stakeholders_view.StakeholderMap.from_data("riyadh-talks-2025")
    assert sum(created[0]) == len(m.shown) == 9

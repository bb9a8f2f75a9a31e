"""The stakeholder map: quadrants and label placement (pure), and the map widget driven by its chooser."""

from __future__ import annotations

import re

import pytest

from widgets.data import DataError, Placement, Source, load_stakeholders
from widgets.players.stakeholders import quadrant, stakeholder_table_html
from widgets.players.stakeholders_view import StakeholderMap

from .support import assert_no_live_markup


# ---------------------------------------------------------------- the model


@pytest.mark.parametrize("interest, influence, expected", [
    (9, 9, "manage closely"), (2, 8, "keep satisfied"), (8, 2, "keep informed"), (1, 1, "monitor"),
    (5, 5, "manage closely"), (4.9, 5, "keep satisfied"),
])
def test_quadrant(interest, influence, expected):
    assert quadrant(interest, influence) == expected


def test_stakeholder_labels_at_the_same_point_go_to_different_sides():
    from widgets.players.stakeholders import _label_sides, _spread

    src = Source("s", "https://example.org")
    same = [Placement("n", f"p{i}", 8, 8, "why", src) for i in range(3)]
    points = _spread(same)
    assert len(set(points)) == 3  # fanned out, each point visible
    sides = _label_sides(points[:2], ["Marco Rubio", "Sergey Lavrov"])
    assert sides == ["middle left", "middle right"]  # side by side, each label on its own side
    lone = _label_sides([(5.0, 5.0)], ["Alone"])
    assert lone == ["top center"]


# ---------------------------------------------------------------- the map widget


def test_the_stakeholder_map_switches_negotiation_in_place(folder):
    m = StakeholderMap.from_data(folder=folder)
    assert "course-widget" in m._dom_classes and "course-stakeholders" in m._dom_classes
    assert m.negotiation.value == "summit-two"  # the earlier negotiation comes first
    assert [label for label, _ in m.negotiation.options] == ["Summit Two (2003)", "Treaty One signed (2004)"]
    traces = list(m.figure.data)
    m.negotiation.value = "treaty-one"
    assert all(a is b for a, b in zip(m.figure.data, traces))
    assert [len(t.get("x", [])) for t in m.figure._widget_data] == [len(t.x) for t in m.figure.data]
    people = m.figure.data[0]
    assert sorted(people.text) == ["Lev Leader", "Quinn President", "Zoë Ádvisor"]
    assert "4 actors placed for Treaty One signed (2004)" in m.status.value
    rows = re.findall(r"<tr><td>(.*?)</td>", m.table.value)
    assert rows == ["Quinn President", "Lev Leader", "Zoë Ádvisor", "Organisation One"]
    assert "keep informed" in m.table.value and "monitor" in m.table.value
    texts = [a.text for a in m.figure.layout.annotations]
    assert {"<b>Keep satisfied</b>", "<b>Manage closely</b>", "<b>Monitor</b>", "<b>Keep informed</b>"} == set(texts)


def test_hostile_text_is_escaped_in_the_stakeholder_table_and_hover(folder):
    m = StakeholderMap.from_data("summit-two", folder)
    assert_no_live_markup(m.table.value)
    assert "&lt;script&gt;alert(&#x27;row&#x27;)&lt;/script&gt;" in m.table.value
    assert "&lt;b&gt;Evil&lt;/b&gt; source" in m.table.value
    hovers = [h for t in m.figure.data for h in t.hovertext]
    assert hovers and all("<script" not in h and "<img" not in h for h in hovers)
    assert_no_live_markup(stakeholder_table_html(load_stakeholders(folder), {}))


def test_an_unknown_negotiation_gets_a_clear_message(folder):
    with pytest.raises(DataError, match=r"no placements for the negotiation 'talks-three' \(placed: summit-two, treaty-one\)"):
        StakeholderMap.from_data("talks-three", folder)

"""The negotiation lab, driven as a student would: choose options, move sliders, press buttons."""

from __future__ import annotations

import pytest

from widgets.lab import LabModel, NegotiationLab
from widgets.negotiation import nash_bargain, package_scores, pareto_front, zopa
from widgets.progress import ProgressStore

# Two issues, hand-made: A cares about issue 1, B about issue 2 (a logroll).
POINTS = [[(0, 0), (10, 2)], [(0, 0), (2, 10)]]  # packages: (0,0) (2,10) (10,2) (12,12)


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress")


@pytest.fixture
def lab(store):
    return NegotiationLab.from_data(store=store)


def test_model_by_hand():
    m = LabModel(("A", "B"), ["One", "Two"], [["no", "yes"], ["no", "yes"]], POINTS, batna=(1, 1))
    assert m.points == [(0, 0), (2, 10), (10, 2), (12, 12)]
    assert m.result.zopa == (1, 2, 3) and m.result.nash == 3 and m.front == (3,)
    assert m.index([1, 0]) == 2 and m.choice(2) == [1, 0]
    assert m.better_for_both(0) == 3
    m.proposal = [1, 0]
    assert "A accepts" in m.proposal_text() and "better for both" in m.proposal_text()
    assert m.sentence().startswith("Of 4 packages, 3 are worth at least each side's BATNA (A 1 points, B 1)")
    m.set_batna(0, 13)
    assert m.result.zopa == () and m.result.nash is None
    assert "no package can be agreed" in m.sentence()


def test_the_lab_opens_on_the_practice_scenario_with_text_alternatives(lab):
    m = lab.model
    assert lab.scenario.kind == "practice"
    assert "Practice scenario" in lab.intro.value and "has said" in lab.intro.value
    assert f"Of {len(m.points)} packages" in lab.sentence.value
    assert "Nash point" in lab.table.value and "Pareto front" in lab.table.value
    fig = lab.figure
    assert fig.layout.xaxis.type == "linear" and fig.layout.yaxis.type == "linear"
    assert fig.layout.autosize is True and fig.layout.width is None
    assert len(fig.data[0].x) == len(m.points)
    assert list(zip(fig.data[2].x, fig.data[2].y)) == [m.points[i] for i in pareto_front(m.points)]
    nash = nash_bargain(m.points, m.batna)
    assert (fig.data[3].x[0], fig.data[3].y[0]) == m.points[nash]


def test_building_a_package_option_by_option_moves_the_diamond_and_the_verdict(lab):
    m = lab.model
    assert "rejects" in lab.verdict.value  # the first options are the status quo on every issue
    for group in lab.issue_choices:
        group.value = group.options[-1]
    i = m.proposal_index
    assert i == len(m.points) - 1
    assert (lab.figure.data[4].x[0], lab.figure.data[4].y[0]) == m.points[i]
    assert "your package gives United States" in lab.sentence.value


def test_the_buttons_find_a_better_package_and_the_nash_point(lab, store):
    lab.better_button.click()
    assert "better for both" not in lab.feedback.value or "Shown" in lab.feedback.value
    before = lab.model.points[0]
    after = lab.model.points[lab.model.proposal_index]
    assert after[0] >= before[0] and after[1] >= before[1] and after != before
    lab.nash_button.click()
    assert lab.model.proposal_index == lab.model.result.nash
    assert [g.value for g in lab.issue_choices] == lab.model.labels(lab.model.result.nash)
    lab.propose_button.click()
    assert "Both sides accept, and no package is better for both" in lab.feedback.value
    (attempt,) = store.attempts("lesson03-lab")
    assert attempt.question == "embassy-normalisation" and attempt.score == 1.0 and attempt.correct


def test_a_batna_slider_shrinks_the_zopa_until_it_vanishes(lab):
    fig = lab.figure
    m = lab.model
    start = len(m.result.zopa)
    us = lab.batna_sliders[0]
    us.value = us.max
    assert len(m.result.zopa) < start
    assert len(fig.data[1].x) == len(m.result.feasible)
    assert fig.layout.shapes[-2].x0 == us.max  # the US BATNA line moved
    assert m.result.zopa == tuple(zopa(m.points, m.batna))
    lab.batna_sliders[1].value = lab.batna_sliders[1].max
    assert m.result.nash is None and len(fig.data[3].x) == 0
    assert "no package can be agreed" in lab.sentence.value
    lab.nash_button.click()
    assert "no Nash point" in lab.feedback.value
    assert fig.layout.xaxis.type == "linear"


def test_switching_scenario_and_ratification_two_level_game(lab, store):
    fig = lab.figure
    lab.picker.value = "A strategic-arms framework after New START (teaching model)"
    assert lab.scenario.id == "strategic-arms-after-new-start"
    assert lab.figure is fig and len(fig.data[0].x) == 576
    assert "Teaching model" in lab.intro.value and "TASS" in lab.intro.value
    m = lab.model
    assert m.batna == (0.0, 0.0) and [s.value for s in lab.batna_sliders] == [0.0, 0.0]
    assert all(box.value for box in lab.ratify_boxes)  # the scenario sets both thresholds
    constrained = len(m.result.feasible)
    lab.ratify_boxes[0].value = False
    lab.ratify_boxes[1].value = False
    assert len(m.result.feasible) == len(m.result.zopa) > constrained
    assert lab.threshold_sliders[0].disabled
    lab.ratify_boxes[0].value = True
    senate = lab.threshold_sliders[0]
    senate.value = 45
    assert 0 < len(m.result.feasible) < constrained
    assert "would also be ratified at home" in lab.sentence.value
    lab.nash_button.click()
    assert "would ratify it" in lab.verdict.value
    lab.propose_button.click()
    assert store.attempts("lesson03-lab")[-1].question == "strategic-arms-after-new-start-ratified"


def test_every_text_is_escaped(store):
    lab = NegotiationLab.from_points([[(0, 0), (1, 1)]])
    lab.model.names = ("<b>A</b>", "B & C")
    lab.batna_sliders[0].value = lab.batna_sliders[0].value  # no change: nothing to redraw
    lab.model.set_batna(0, 0.5)
    lab._refresh()
    assert "<b>A</b>" not in lab.sentence.value and "&lt;b&gt;A&lt;/b&gt;" in lab.sentence.value
    assert "&lt;b&gt;" in lab.figure.layout.annotations[0].text


def test_bench_sized_lab_updates_in_place():
    issues = [[(o, 5 - o) for o in range(5)] for _ in range(6)]
    lab = NegotiationLab.from_points(issues)
    assert len(lab.figure.data[0].x) == 15625
    lab.batna_sliders[0].value = 10
    assert len(lab.figure.data[1].x) == len(zopa(package_scores(issues), (10, lab.model.batna[1])))

"""The timeline's activities: the narratives comparison and "put these events in order".

Scoring and drawing sets are tested alone (pure, :mod:`widgets.timeline.activities`); the
widgets are driven through their buttons and the assertions read the feedback the student sees.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings, strategies as st

from widgets.data import DataError, PartialDate
from widgets.timeline.activities import draw_set, score_order
from widgets.timeline.activities_view import NarrativeCompare, OrderEvents

from .support import make_event


# ---------------------------------------------------------------- narratives compared


def test_narrative_compare_lists_only_contested_events(folder):
    nc = NarrativeCompare.from_data(folder)
    assert [v for _, v in nc.choice.options] == ["contested-crisis"]
    assert "US Department of Example" in nc.panel.value and "Russian Ministry of Example" in nc.panel.value
    assert "The two sides disagree" in nc.panel.value


def test_narrative_compare_without_contested_events():
    nc = NarrativeCompare([make_event(1, 1990)])
    assert "No contested events" in nc.panel.value


# ---------------------------------------------------------------- put these events in order


@given(st.permutations(["a", "b", "c", "d", "e"]))
def test_score_order_properties(answer):
    correct = ["a", "b", "c", "d", "e"]
    s = score_order(answer, correct)
    assert 0.0 <= s <= 1.0
    assert (s == 1.0) == (list(answer) == correct)
    assert score_order(answer[::-1], correct) == pytest.approx(1.0 - s)


def test_score_order_by_hand():
    assert score_order(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert score_order(["d", "c", "b", "a"], ["a", "b", "c", "d"]) == 0.0
    assert score_order(["b", "a", "c", "d"], ["a", "b", "c", "d"]) == pytest.approx(5 / 6)
    with pytest.raises(ValueError):
        score_order(["a", "a", "c", "d"], ["a", "b", "c", "d"])


MIXED = [
    make_event(1, 1989), make_event(2, 1989, month=11), make_event(3, 1989, month=11, day=9),
    make_event(4, 1990, end=PartialDate(1991)), make_event(5, 1991, month=12, day=25),
    make_event(6, 1995), make_event(7, 2001, month=9, day=11), make_event(8, 2022, month=2, day=24),
]


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 4))
def test_draw_set_is_chronological_separate_and_seeded(seed, n):
    got = draw_set(MIXED, n, random.Random(seed))
    assert len(got) == n
    for a, b in zip(got, got[1:]):
        assert (a.end_date or a.date).last_day() < b.date.first_day()
    assert got == draw_set(MIXED, n, random.Random(seed))


def test_draw_set_refuses_when_dates_cannot_be_told_apart():
    same = [make_event(i, 1990) for i in range(5)]
    with pytest.raises(DataError, match="clearly separate dates"):
        draw_set(same, 3, random.Random(0))


class FakeStore:
    def __init__(self, warning=None, fail=False):
        self.recorded = []
        self.warning = warning
        self.fail = fail

    def record(self, attempt):
        if self.fail:
            raise OSError("disk full")
        self.recorded.append(attempt)


def feedback_text(w: OrderEvents) -> str:
    return re.sub(r"<[^>]+>", " ", w.feedback.value)


def test_order_activity_starts_shuffled_and_is_keyboard_operable(folder, attempt_class):
    w = OrderEvents.from_data(folder, n=4, seed=3, store=FakeStore())
    assert len(w.items.options) == 4
    assert [e.id for e in w.order] != [e.id for e in w.correct]
    for control in (w.items, w.up_button, w.down_button, w.check_button, w.new_button):
        assert control.description
    first = w.order[0]
    w.items.value = 0
    w.down_button.click()
    assert w.order[1] is first and w.items.value == 1
    w.up_button.click()
    assert w.order[0] is first and w.items.value == 0
    w.up_button.click()  # already first: nothing moves
    assert w.order[0] is first


def _put_in_order(w: OrderEvents, target: list[str]) -> None:
    """Sort the list with the Move buttons only, as a keyboard user would."""
    for goal, eid in enumerate(target):
        k = next(i for i, e in enumerate(w.order) if e.id == eid)
        w.items.value = k
        while w.items.value > goal:
            w.up_button.click()


def test_order_activity_right_answer_is_scored_and_recorded(folder, attempt_class):
    store = FakeStore()
    w = OrderEvents.from_data(folder, n=4, seed=7, store=store)
    right = [e.id for e in w.correct]
    _put_in_order(w, right)
    w.check_button.click()
    text = feedback_text(w)
    assert "Right: all 4 events are in order." in text
    for ev in w.correct:
        assert ev.date.display() in text
    (att,) = store.recorded
    assert isinstance(att, attempt_class)
    assert (att.bank, att.question, att.answer, att.correct, att.score) == (
        "order-events", ",".join(right), ",".join(right), True, 1.0)
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$", att.time)


def test_order_activity_wrong_answer_gets_partial_credit_and_the_dates(folder, attempt_class):
    store = FakeStore()
    w = OrderEvents.from_data(folder, n=4, seed=7, store=store)
    right = [e.id for e in w.correct]
    _put_in_order(w, [right[1], right[0], right[2], right[3]])
    w.check_button.click()
    text = feedback_text(w)
    assert "Not yet: 2 of 4 events are in the right place" in text and "83% of the pairs" in text
    assert "you put it 2nd" in text and "you put it 1st" in text and "right place" in text
    att = store.recorded[-1]
    assert att.correct is False and att.score == pytest.approx(5 / 6)


def test_new_set_and_store_warnings(folder, attempt_class):
    store = FakeStore(warning="Your answers are kept in memory only.")
    w = OrderEvents.from_data(folder, n=3, seed=1, store=store)
    sets = {w.set_id}
    for _ in range(6):
        w.new_button.click()
        assert w.feedback.value == ""
        sets.add(w.set_id)
    assert len(sets) > 1
    w.check_button.click()
    assert "kept in memory only" in feedback_text(w)
    w.check_button.click()
    assert "kept in memory only" not in feedback_text(w)  # said once
    assert len(store.recorded) == 2


def test_a_failing_store_never_costs_the_feedback(folder, attempt_class):
    w = OrderEvents.from_data(folder, n=3, seed=1, store=FakeStore(fail=True))
    w.check_button.click()
    text = feedback_text(w)
    assert "The order is:" in text and "could not be saved" in text


def test_order_activity_uses_the_default_store(folder, attempt_class):
    from widgets import progress

    if not hasattr(progress, "default_store"):
        pytest.skip("widgets/progress.py is not there yet")
    w = OrderEvents.from_data(folder, n=3, seed=2)
    w.check_button.click()
    latest = progress.default_store().latest("order-events")
    assert w.set_id in latest

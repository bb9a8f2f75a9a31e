"""The question views, by type: driven through their own controls, read as a student sees them."""

from __future__ import annotations

import json

import ipywidgets as ipw
import pytest
from hypothesis import given, settings, strategies as st
from traitlets import TraitError

from widgets.progress import ProgressStore
from widgets.ui import choices as C
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.question_views import LiveText
from widgets.selfcheck.scoring import score

from .support import FIXTURES, text_of, view


# ---------------------------------------------------------------- the widget, by question type


def test_single_choice_empty_wrong_hint_right(sc, store):
    v = view(sc, "river")
    assert v.choice.description == "Choose one answer:"
    assert sorted(v.choice.options) == ["Kremlin", "Moscow", "Volga"] and v.choice.value is None
    assert v.hint_button.disabled
    v.check_button.click()
    assert "Choose an option, then press Check" in text_of(v.feedback.value)
    assert store.attempts() == []

    v.choice.value = "Moscow"
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "✗ Not quite" in seen
    assert "Moscow is a city." in seen
    assert "The Volga is Europe's longest river." in seen  # the explanation, every time
    assert "Read more: Lesson 1, “The Cold War”" in seen
    assert "Sources: Volga (fixture source)" in seen
    assert not v.hint_button.disabled
    v.hint_button.click()
    assert "Hint: It flows." in text_of(v.hint.value)

    v.choice.value = "Volga"
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert v.hint_button.disabled
    assert [(a.answer, a.correct) for a in store.attempts("quiz")] == [("Moscow", False), ("Volga", True)]
    assert "Score: 1 of 7" in text_of(sc.score_text.value)


def test_multiple_choice_right_wrong_partly_empty(sc, store):
    v = view(sc, "rivers")
    assert v.choice.description == "Select all that apply:" and v.choice.value == []
    v.check_button.click()
    assert "at least one" in text_of(v.feedback.value)

    v.choice.value = ["Urals"]
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value)
    assert "0 of 3 correct choices, 1 wrong choice: score 0" in text_of(v.feedback.value)

    v.choice.value = ["Urals", "Volga", "Danube"]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "◐ Partly right" in seen and "2 of 3 correct choices, 1 wrong choice: score 1/3" in seen
    assert "“Urals”: The Urals are mountains." in seen
    assert "Score: 0.3 of 7" in text_of(sc.score_text.value)  # one decimal, not 0.33
    assert "1 partly right" in text_of(sc.score_text.value)

    v.choice.value = ["Volga", "Danube", "Neva"]
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert "3 of 3 correct choices, 0 wrong choices: score 1" in text_of(v.feedback.value)
    assert [a.score for a in store.attempts("quiz")] == [0.0, pytest.approx(1 / 3), 1.0]


def test_true_false(sc, store):
    v = view(sc, "caspian")
    assert list(v.choice.options) == ["True", "False"]
    v.check_button.click()
    assert "Choose True or False" in text_of(v.feedback.value)
    v.choice.value = "False"
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "✗ Not quite" in seen and "It does end in the Caspian." in seen
    v.choice.value = "True"
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert [a.answer for a in store.attempts()] == ["False", "True"]


def test_ordering_with_a_dropdown_per_position(sc, store):
    v = view(sc, "count")
    items = ["one", "two", "three", "four"]
    assert "each position" in v.choice.description
    start = v.current_answer()
    assert start != items and sorted(start) == sorted(items)

    # An item placed twice (and so another not at all) is explained, not scored.
    v.choice.value = [start[1], start[1], start[2], start[3]]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "Use each item exactly once" in seen and "is placed more than once" in seen and "is not placed at all" in seen
    assert store.attempts() == []

    v.choice.value = items
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert "4 of 4 items in the right place: score 1" in text_of(v.feedback.value)

    v.choice.value = ["two", "one", "three", "four"]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "◐ Partly right" in seen and "2 of 4 items in the right place: score 1/2" in seen
    assert "Right: positions 3 and 4." in seen

    v.choice.value = items[::-1]
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value) and "0 of 4 items" in text_of(v.feedback.value)
    assert [json.loads(a.answer) for a in store.attempts()] == [items, ["two", "one", "three", "four"], items[::-1]]


def test_answer_controls_reject_what_is_not_an_option(sc):
    with pytest.raises(TraitError):
        view(sc, "river").choice.value = "Amazon"
    with pytest.raises(TraitError):
        view(sc, "rivers").choice.value = ["Amazon"]
    with pytest.raises(TraitError):
        view(sc, "count").choice.value = ["one", "two"]
    view(sc, "rivers").choice.value = ["Neva", "Volga"]
    assert view(sc, "rivers").choice.value == [o for o in view(sc, "rivers").choice.options if o in ("Neva", "Volga")]


def test_number_right_wrong_empty_malformed(sc, store):
    v = view(sc, "year")
    v.check_button.click()
    assert "Type a number first" in text_of(v.feedback.value)
    v.choice.value = "nineteen"
    v.check_button.click()
    assert "“nineteen” is not a number: write it in digits" in text_of(v.feedback.value)
    assert store.attempts() == []  # unreadable answers are not recorded
    v.choice.value = "1961"
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value) and "too low" in text_of(v.feedback.value)
    assert not v.hint_button.disabled
    v.hint_button.click()
    assert "there is no hint for this question; re-read Lesson 1, “The Cold War”" in text_of(v.hint.value)
    v.choice.value = " 1,962 "
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)

    share = view(sc, "share")
    assert "%" in share.choice.placeholder
    share.choice.value = "46 %"
    share.check_button.click()
    assert "✓ Correct" in text_of(share.feedback.value)
    assert "within 2" in text_of(share.feedback.value)


def test_written_answer_compare_then_mark(sc, store):
    v = view(sc, "essay")
    assert all(b.disabled for b in v.mark_buttons.values())
    v.check_button.click()
    assert "Write your answer first" in text_of(v.feedback.value)
    v.choice.value = "They bring water."
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "Now compare" in seen and "Model answer: Rivers bring water, trade and transport." in seen
    assert store.attempts()[-1].correct is None
    assert "1 written answer not marked yet" in text_of(sc.score_text.value)
    assert [b.description for b in v.mark_buttons.values()] == ["I got it", "Partly", "Not yet"]
    v.mark_buttons["partly"].click()
    assert "◐ You marked it: partly" in text_of(v.feedback.value)
    last = store.attempts()[-1]
    assert (last.answer, last.correct, last.score) == ("They bring water.", False, 0.5)
    assert "Score: 0.5 of 7" in text_of(sc.score_text.value)
    v.mark_buttons["got"].click()
    assert store.attempts()[-1].correct is True


@pytest.mark.parametrize(
    "qid, shown",
    [
        ("river", "Answer: Volga"),
        ("rivers", "Answer: Volga Danube Neva"),
        ("caspian", "Answer: True"),
        ("count", "Answer: one two three four"),
        ("year", "Answer: 1962"),
        ("share", "Answer: 45 % (anything from 43 to 47 counts)"),
        ("essay", "Model answer: Rivers bring water, trade and transport."),
    ],
)
def test_reveal_shows_the_answer_and_why(sc, store, qid, shown):
    v = view(sc, qid)
    v.reveal_button.click()
    seen = text_of(v.answer.value)
    assert shown in seen
    assert "Why:" in seen and v.question.explanation.split()[0] in seen
    assert store.attempts() == []


def test_every_control_is_a_real_widget_with_a_description(sc):
    for v in sc.questions:
        assert isinstance(v.choice, (C.RadioGroup, C.CheckboxGroup, C.OrderList, ipw.Text, ipw.Textarea))
        assert v.choice.description  # the group's legend or the field's label
        for button in (v.check_button, v.hint_button, v.reveal_button):
            assert isinstance(button, ipw.Button) and button.description and button.tooltip
    assert sc.student.description == "Your name"
    assert sc.export_button.description
    for button in (sc.previous_button, sc.next_button):
        assert isinstance(button, ipw.Button) and button.description and button.tooltip


def test_the_page_label_is_a_live_region_of_plain_text():
    esm = LiveText._esm
    assert 'setAttribute("aria-live", "polite")' in esm and 'setAttribute("role", "status")' in esm
    assert "textContent" in esm and "innerHTML" not in esm and "insertAdjacentHTML" not in esm


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["Volga", "Danube", "Neva", "Urals", "Baikal"]), unique=True))
def test_widget_and_pure_score_agree_for_any_selection(chosen):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(folder))
        v = view(sc, "rivers")
        v.choice.value = chosen
        result = v.check()
        assert result == score(v.question, chosen)
        if not chosen:
            assert "at least one" in text_of(v.feedback.value)
        else:
            assert result.verdict in text_of(v.feedback.value)
            assert result.feedback in text_of(v.feedback.value)


def test_answer_controls_draw_text_never_html_and_shield_keys_from_the_notebook():
    esm = C._ESM
    assert "innerHTML" not in esm and "insertAdjacentHTML" not in esm and "outerHTML" not in esm
    assert "textContent = option" in esm
    # JupyterLab runs no notebook shortcut for a key pressed inside this attribute (Lumino).
    assert 'input.setAttribute("data-lm-suppress-shortcuts", "true")' in esm
    assert 'select.setAttribute("data-lm-suppress-shortcuts", "true")' in esm
    assert "input.name = group" in esm  # one radio group: arrow keys move within it
    assert "<legend" not in esm and 'createElement("legend")' in esm

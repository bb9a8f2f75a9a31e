"""Scoring (pure): partial credit in words, malformed answers, shuffles, saved answers, the score line."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from widgets.data import Option
from widgets.progress import Attempt
from widgets.selfcheck.scoring import saved_result, score, score_line, shuffled_items, shuffled_options

from .support import QUIZ, q, text_of


# ---------------------------------------------------------------- scoring (pure)


def test_multiple_partial_credit_is_explained_in_words():
    question = QUIZ.question("rivers")
    r = score(question, ["Volga", "Danube", "Urals"])
    assert (r.correct, r.score) == (False, pytest.approx(1 / 3))
    assert "2 of 3 correct choices, 1 wrong choice: score 1/3" in r.feedback
    assert r.verdict == "◐ Partly right"
    assert r.notes == ("“Urals”: The Urals are mountains.",)


MULTI = q(
    type="multiple",
    options=(Option("a", True), Option("b", True), Option("c", False), Option("d", True), Option("e", False)),
)


@given(st.sets(st.sampled_from("abcde"), min_size=1))
def test_multiple_score_is_right_minus_wrong_over_correct(chosen):
    r = score(MULTI, sorted(chosen))
    right = len(chosen & {"a", "b", "d"})
    wrong = len(chosen & {"c", "e"})
    assert r.valid
    assert r.score == pytest.approx(float(Fraction(max(0, right - wrong), 3)))
    assert 0.0 <= r.score <= 1.0
    assert r.correct == (chosen == {"a", "b", "d"})
    assert f"{right} of 3 correct choices" in r.feedback


ORDER = q(type="order", items=("a", "b", "c", "d", "e"))


@given(st.permutations(list("abcde")))
def test_order_score_counts_items_in_place(perm):
    r = score(ORDER, perm)
    in_place = sum(x == y for x, y in zip(perm, "abcde"))
    assert r.score == pytest.approx(in_place / 5)
    assert r.correct == (in_place == 5)
    assert f"{in_place} of 5 items in the right place" in r.feedback


@pytest.mark.parametrize(
    "qid, answer, words",
    [
        ("river", None, "Choose an option"),
        ("river", "Ural", "is not one of the options"),
        ("rivers", [], "at least one"),
        ("rivers", 42, "not a list"),
        ("rivers", ["Volga", "Amazon"], "is not one of the options"),
        ("caspian", "", "Choose True or False"),
        ("caspian", "maybe", "is not True or False"),
        ("count", ["one", "one", "three", "four"], "“one” is placed more than once and “two” is not placed at all"),
        ("count", ["one", "two"], "is not placed at all"),
        ("count", ["one", "two", "three", "five"], "is not one of the items"),
        ("count", "not json", "not a list"),
        ("year", "nineteen", "write it in digits"),
        ("essay", "  ", "Write your answer first"),
        ("essay", ("text", "maybe"), "is not a mark"),
    ],
)
def test_malformed_answers_are_not_scored_and_say_why(qid, answer, words):
    r = score(QUIZ.question(qid), answer)
    assert not r.valid and r.correct is None
    assert words in r.feedback


def test_number_tolerance_and_direction():
    share = QUIZ.question("share")
    assert score(share, "46%").correct is True
    assert score(share, "43").correct is True
    assert "too high" in score(share, "48").feedback
    year = QUIZ.question("year")
    assert "too low" in score(year, "1961").feedback
    assert score(year, "1,962").answer == "1,962"  # stored as typed


def test_written_marks():
    essay = QUIZ.question("essay")
    assert score(essay, "water").correct is None
    assert (score(essay, ("water", "got")).correct, score(essay, ("water", "got")).score) == (True, 1.0)
    assert (score(essay, ("water", "partly")).correct, score(essay, ("water", "partly")).score) == (False, 0.5)
    assert (score(essay, ("water", "not-yet")).correct, score(essay, ("water", "not-yet")).score) == (False, 0.0)


def test_shuffled_options_are_deterministic_and_complete():
    question = QUIZ.question("rivers")
    first = shuffled_options(question, "quiz")
    assert first == shuffled_options(question, "quiz")
    assert sorted(o.text for o in first) == sorted(o.text for o in question.options)
    assert shuffled_options(QUIZ.question("caspian"), "quiz") == QUIZ.question("caspian").options
    orders = {tuple(o.text for o in shuffled_options(question, f"bank{i}")) for i in range(20)}
    assert len(orders) > 1  # the seed really depends on the bank and question


@given(st.lists(st.text(min_size=1, max_size=5), min_size=3, max_size=6, unique=True), st.text(max_size=8))
def test_shuffled_items_never_start_in_the_right_order(items, bank):
    question = q(type="order", items=tuple(items))
    shown = shuffled_items(question, bank)
    assert sorted(shown) == sorted(items)
    assert list(shown) != items
    assert shown == shuffled_items(question, bank)


def _saved(qid: str, answer: str, correct: bool | None = True, value: float = 1.0) -> Attempt:
    return Attempt("quiz", qid, answer, correct, value, "2026-01-01T00:00:00+00:00")


@pytest.mark.parametrize(
    "attempt, expected",
    [
        (_saved("river", "Volga"), (True, 1.0)),
        (_saved("river", "Moscow", True, 1.0), (False, 0.0)),  # scored again against the bank as it is now
        (_saved("river", "Amazon"), None),  # an option that no longer exists
        (_saved("rivers", '["Volga", "Urals"]', False, 0.0), (False, 0.0)),
        (_saved("rivers", "Volga"), None),  # not a list
        (_saved("caspian", "True"), (True, 1.0)),
        (_saved("count", '["two", "one", "three", "four"]', False, 0.5), (False, 0.5)),
        (_saved("count", '["one", "two"]'), None),  # the items changed
        (_saved("year", "1,962"), (True, 1.0)),
        (_saved("year", "nineteen"), None),
        (_saved("essay", "Water.", None, 0.0), (None, 0.0)),  # written, not marked yet
        (_saved("essay", "Water.", False, 0.5), (False, 0.5)),
        (_saved("essay", "Water.", True, 1.0), (True, 1.0)),
        (None, None),
    ],
)
def test_saved_result_scores_a_stored_answer_against_the_bank(attempt, expected):
    question = QUIZ.question(attempt.question if attempt else "river")
    result = saved_result(question, attempt)
    assert (None if result is None else (result.correct, result.score)) == expected


def test_score_line_counts_every_kind_of_result():
    results = [score(QUIZ.question("river"), "Volga"), score(QUIZ.question("rivers"), ["Volga", "Urals"]),
               score(QUIZ.question("count"), ["two", "one", "three", "four"]), score(QUIZ.question("essay"), "x"), None]
    line = text_of(score_line(results))
    assert line == ("Score: 1.5 of 5 (1 correct, 1 partly right, 1 not yet right, "
                    "1 written answer not marked yet, 1 not tried).")

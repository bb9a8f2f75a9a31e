"""The course review (lesson 6): it asks first what the student got wrong or has not tried, read from the progress
store; it reuses the lessons' self-check over several banks (the ``question_banks`` hook), so answers land in the
questions' own banks; and it hands in the whole course."""

from __future__ import annotations

import csv
import shutil
import textwrap
from pathlib import Path

import pytest

from widgets.data import Bank, load_bank
from widgets.faq.review import question_status, review_plan
from widgets.faq.review_view import CourseReview
from widgets.progress import Attempt, ProgressStore
from widgets.selfcheck.pager_view import SelfCheck

from .selfcheck.support import FIXTURES, text_of

T = "2026-11-01T10:00:{:02d}+00:00"


def _bank(folder: Path, bank_id: str, lesson: int, ids: list[str]) -> None:
    """A bank of true/false questions whose answer is always true."""
    parts = [f'[bank]\nid = "{bank_id}"\ntitle = "Bank {bank_id}"\nlesson = {lesson}\n']
    for qid in ids:
        parts.append(textwrap.dedent(f"""
            [[questions]]
            id = "{qid}"
            type = "truefalse"
            factual = false
            lesson = {lesson}
            section = "Somewhere"
            difficulty = "easy"
            prompt = "Is {qid} true?"
            explanation = "It is."
            answer = true
            """))
    (folder / "questions").mkdir(parents=True, exist_ok=True)
    (folder / "questions" / f"{bank_id}.toml").write_text("".join(parts))


@pytest.fixture
def course(tmp_path) -> Path:
    folder = tmp_path / "data"
    _bank(folder, "lesson01", 1, ["a1", "a2", "a3", "a4"])
    _bank(folder, "lesson02", 2, ["b1", "b2", "b3"])
    _bank(folder, "lesson06", 6, ["f1"])
    return folder


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress")


def _answer(store, bank, qid, right: bool, n: int) -> None:
    store.record(Attempt(bank, qid, "true" if right else "false", right, 1.0 if right else 0.0, T.format(n)))


def test_review_asks_missed_questions_first_from_a_prepared_store(course, store):
    _answer(store, "lesson01", "a1", True, 1)  # right
    _answer(store, "lesson01", "a2", False, 2)  # wrong
    _answer(store, "lesson02", "b1", True, 3)
    _answer(store, "lesson02", "b1", False, 4)  # right once, then wrong: the latest answer counts
    _answer(store, "lesson02", "b3", False, 5)
    _answer(store, "lesson02", "b3", True, 6)  # wrong, then right
    plan = review_plan(store, course, size=5, before_lesson=6)
    asked = [(i.bank, i.question.id, i.status) for i in plan.items]
    # wrong first (the banks take turns), then not tried (again in turns); right ones only to fill up
    assert asked == [
        ("lesson01", "a2", "wrong"),
        ("lesson02", "b1", "wrong"),
        ("lesson01", "a3", "not-tried"),
        ("lesson02", "b2", "not-tried"),
        ("lesson01", "a4", "not-tried"),
    ]
    assert plan.counts == {"wrong": 2, "unmarked": 0, "not-tried": 3, "right": 2}
    assert "lesson06" not in plan.banks  # this lesson's own bank has its own self-check
    big = review_plan(store, course, size=20, before_lesson=6)
    assert [i.status for i in big.items][-2:] == ["right", "right"]
    assert [i.question.id for i in review_plan(store, course, size=20, before_lesson=6, include_right=False).items] == [
        "a2", "b1", "a3", "b2", "a4"]


def test_review_widget_shows_missed_questions_first_and_an_answer_counts_in_its_own_bank(course, store):
    _answer(store, "lesson02", "b2", False, 1)
    review = CourseReview(store, course, size=3, page_size=5)
    assert review.asked == [("lesson02", "b2"), ("lesson01", "a1"), ("lesson02", "b1")]
    intro = text_of(review.intro.value)
    assert "you have answered 1: 0 right, 1 not yet right" in intro
    assert "asks first what you got wrong" in intro
    first = review.check.questions[0]
    assert "Is b2 true?" in text_of(first.prompt.value)
    first.choice.value = "True"
    first.check_button.click()
    assert "Correct" in text_of(first.feedback.value)
    assert store.latest("lesson02")["b2"].correct is True  # saved in the question's own bank
    assert "you have answered 1: 1 right, 0 not yet right" in text_of(review.intro.value)  # the summary follows
    assert "course-review" not in {a.bank for a in store.attempts()}
    # lesson 2's own self-check now shows the answer, and the course table counts it
    lesson = SelfCheck.from_bank("lesson02", folder=course, store=store)
    assert "Correct" in text_of(lesson.view("b2").feedback.value)
    assert "1 correct" in text_of(review.check.score_text.value)
    table = text_of(review.progress.table.value)
    assert "Bank lesson02 3 1 1" in table
    # choosing again: b2 is now right, so it is not asked first any more
    review.again_button.click()
    assert review.asked[0] != ("lesson02", "b2")
    assert ("lesson02", "b2") not in review.asked


def test_review_hands_in_every_bank_of_the_course(course, store, tmp_path, monkeypatch):
    _answer(store, "lesson01", "a1", True, 1)
    _answer(store, "lesson06", "f1", True, 2)
    review = CourseReview(store, course, size=1)
    assert review.asked == [("lesson01", "a2")]
    _answer(store, "lesson02", "b3", False, 3)  # a bank the review does not show
    monkeypatch.setenv("COURSE_HANDINS_DIR", str(tmp_path / "hand-ins"))
    review.check.student.value = "Ada Student"
    review.check.export_button.click()
    saved = text_of(review.check.export_status.value)
    assert "3 questions" in saved and "course-review-ada-student.csv" in saved, saved
    rows = list(csv.DictReader(open(tmp_path / "hand-ins" / "course-review-ada-student.csv")))
    assert {(r["bank"], r["question"]) for r in rows} == {("lesson01", "a1"), ("lesson02", "b3"), ("lesson06", "f1")}
    # the export sits after the progress table, not inside the questions
    assert review.children.index(review.check.export_box) > review.children.index(review.progress)
    assert review.check.export_box not in review.check.children


def test_review_on_an_empty_course_says_so(tmp_path, store):
    (tmp_path / "empty" / "questions").mkdir(parents=True)
    review = CourseReview(store, tmp_path / "empty")
    assert review.asked == []
    assert "no self-check questions" in text_of(review.intro.value)


def test_the_course_review_covers_the_course_banks(store):
    review = CourseReview(store, size=10)
    banks = {bank for bank, _ in review.asked}
    assert len(banks) >= 4 and "lesson06" not in banks
    assert review.plan.counts["not-tried"] == sum(review.plan.counts.values())


# ---------------------------------------------------------------- the SelfCheck hook


def test_selfcheck_over_several_banks_reads_and_saves_each_question_in_its_own_bank(tmp_path, store):
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES, folder)
    quiz = load_bank("quiz", folder)
    river, caspian = quiz.question("river"), quiz.question("caspian")
    store.record(Attempt("quiz", "river", "Moscow", False, 0.0, T.format(1)))
    store.record(Attempt("other", "river", "Volga", True, 1.0, T.format(2)))  # same id, another bank
    mixed = Bank(id="mixed", title="Mixed", lesson=6, questions=(river, caspian, river))
    sc = SelfCheck(mixed, store, question_banks=("quiz", "quiz", "other"))
    first, _, third = sc.questions
    assert first.choice.value == "Moscow"  # restored from quiz
    assert "Your saved answer" in text_of(first.feedback.value)
    assert third.choice.value == "Volga"  # restored from its own bank, not from quiz
    third.choice.value = "Kremlin"
    third.check_button.click()
    assert store.latest("other")["river"].answer == "Kremlin"
    assert store.latest("quiz")["river"].answer == "Moscow"
    assert {a.bank for a in store.attempts()} == {"quiz", "other"}
    with pytest.raises(ValueError, match="names 1 banks for 3 questions"):
        SelfCheck(mixed, store, question_banks=("quiz",))


def test_question_status_follows_the_self_check_scoring():
    quiz = load_bank("quiz", FIXTURES)
    q = quiz.question("caspian")
    assert question_status(q, None) == "not-tried"
    ok = Attempt("quiz", "caspian", "true" if q.answer else "false", True, 1.0, T.format(1))
    assert question_status(q, ok) == "right"
    bad = Attempt("quiz", "caspian", "false" if q.answer else "true", False, 0.0, T.format(1))
    assert question_status(q, bad) == "wrong"
    essay = quiz.question("essay")
    assert question_status(essay, Attempt("quiz", "essay", "Water.", None, 0.0, T.format(1))) == "unmarked"

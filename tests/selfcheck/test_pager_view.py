"""The self-check: saved answers after a restart, broken banks, pages built when first shown."""

from __future__ import annotations

import pytest

from widgets.data import load_bank
from widgets.progress import Attempt, ProgressStore
from widgets.selfcheck.pager_view import PAGE_SIZE, SelfCheck
from widgets.selfcheck.progress_view import CourseProgress

from .support import FIXTURES, QUIZ, answer, shown, text_of, view


def test_restart_brings_earlier_answers_back(tmp_path):
    first = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path))
    view(first, "river").choice.value = "Moscow"
    view(first, "river").check_button.click()
    rivers = view(first, "rivers")
    rivers.choice.value = ["Volga", "Neva", "Baikal"]
    rivers.check_button.click()
    order = view(first, "count")
    order.choice.value = ["one", "three", "two", "four"]
    order.check_button.click()
    view(first, "year").choice.value = "1,962"
    view(first, "year").check_button.click()
    essay = view(first, "essay")
    essay.choice.value = "Water."
    essay.check_button.click()
    essay.mark_buttons["got"].click()
    before = text_of(first.score_text.value)

    # A new kernel: a new store object on the same folder, a new widget.
    again = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path))
    assert text_of(again.score_text.value) == before
    assert view(again, "river").choice.value == "Moscow"
    assert "Your saved answer from an earlier session" in text_of(view(again, "river").feedback.value)
    assert "✗ Not quite" in text_of(view(again, "river").feedback.value)
    assert not view(again, "river").hint_button.disabled
    assert set(view(again, "rivers").choice.value) == {"Volga", "Neva", "Baikal"}
    assert view(again, "count").current_answer() == ["one", "three", "two", "four"]
    assert view(again, "year").choice.value == "1,962"
    assert "✓ Correct" in text_of(view(again, "year").feedback.value)
    assert view(again, "essay").choice.value == "Water."
    assert "I got it" in text_of(view(again, "essay").feedback.value)
    assert view(again, "caspian").feedback.value == ""  # never answered


def test_saved_answer_that_no_longer_fits_the_bank_is_ignored(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(Attempt("quiz", "river", "Amazon", True, 1.0, "2026-01-01T00:00:00+00:00"))
    store.record(Attempt("quiz", "count", '["x", "y"]', True, 1.0, "2026-01-01T00:00:00+00:00"))
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    assert view(sc, "river").choice.value is None and view(sc, "river").feedback.value == ""
    assert "Score: 0 of 7" in text_of(sc.score_text.value)
    # The course-progress table agrees with the self-check's score.
    rows = {r["bank"]: r for r in CourseProgress(store=store, folder=FIXTURES).rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (0, 0)


def test_a_broken_or_unknown_bank_shows_a_message_not_a_traceback(tmp_path, store):
    sc = SelfCheck.from_bank("nope", folder=FIXTURES, store=store)
    seen = text_of(sc.children[0].value)
    assert "could not be loaded" in seen and "no such question bank" in seen and "quiz" in seen
    assert (sc.pages, len(sc.questions), sc.points) == (0, 0, 0)
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "bad.toml").write_text('[bank]\nid = "bad"\ntitle = "B"\nlesson = 1\n[[questions]]\nid = "x"\ntype = "single"\n')
    bad = SelfCheck.from_bank("bad", folder=tmp_path, store=store)
    assert "field 'prompt'" in text_of(bad.children[0].value)


# ---------------------------------------------------------------- pages


def test_paging_with_next_and_previous(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    assert sc.pager in sc.children and sc.pages == 4 and sc.page == 1
    assert shown(sc) == ["river", "rivers"]
    assert sc.page_label.value == "Questions 1–2 of 7 (page 1 of 4)"
    assert "shown 2 at a time" in text_of(sc.header.value)
    assert len(sc.questions) == 7 and [v.question.id for v in sc.questions.built] == ["river", "rivers"]
    first_page = list(sc.page_box.children)

    sc.next_button.click()
    assert (sc.page, shown(sc)) == (2, ["caspian", "count"])
    assert sc.page_label.value == "Questions 3–4 of 7 (page 2 of 4)"
    assert "Question 3 of 7" in text_of(sc.page_box.children[0].prompt.value)
    sc.previous_button.click()
    assert sc.page == 1 and list(sc.page_box.children) == first_page  # the same views, not rebuilt
    assert sc.previous_button.disabled and not sc.next_button.disabled  # nothing before page 1
    sc.previous_button.click()
    assert sc.page == 1 and sc.page_label.value == "Questions 1–2 of 7 (page 1 of 4): this is the first page."
    for _ in range(3):
        sc.next_button.click()
    assert (sc.page, shown(sc)) == (4, ["essay"])
    assert sc.page_label.value == "Question 7 of 7 (page 4 of 4)"
    sc.next_button.click()
    assert sc.page == 4 and sc.page_label.value.endswith(": this is the last page.")
    # Next is disabled on the last page and Previous on the first (the browser then gives the
    # keyboard focus to the other button: tests/e2e/test_drawn.py).
    assert sc.next_button.disabled and not sc.previous_button.disabled
    with pytest.raises(ValueError, match="pages go from 1 to 4"):
        sc.show_page(5)


def test_one_page_banks_show_no_pager(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=10)
    assert sc.pages == 1 and sc.pager not in sc.children
    assert shown(sc) == [q.id for q in QUIZ.questions]
    assert "at a time" not in text_of(sc.header.value)
    with pytest.raises(ValueError, match="page_size"):
        SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=0)


def test_an_answer_on_page_3_counts_in_the_score_on_every_page(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    assert "Score: 0 of 7" in text_of(sc.score_text.value) and "7 not tried" in text_of(sc.score_text.value)
    sc.next_button.click()
    sc.next_button.click()
    assert shown(sc) == ["year", "share"] and sc.page_of("year") == 3
    year = sc.page_box.children[0]
    year.choice.value = "1,962"
    year.check_button.click()
    assert "✓ Correct" in text_of(year.feedback.value)
    assert "Score: 1 of 7 (1 correct, 0 partly right, 0 not yet right, 6 not tried)" in text_of(sc.score_text.value)
    sc.show_page(1)
    river = sc.page_box.children[0]
    river.choice.value = "Volga"
    river.check_button.click()
    assert "Score: 2 of 7 (2 correct," in text_of(sc.score_text.value)
    assert sc.points == 2.0


def test_answers_on_pages_not_yet_shown_count_and_come_back_after_a_restart(tmp_path):
    first = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path), page_size=2)
    answer(first, "share", "46")
    essay = first.view("essay")
    essay.choice.value = "Water."
    essay.check_button.click()
    essay.mark_buttons["partly"].click()
    before = text_of(first.score_text.value)
    assert "Score: 1.5 of 7 (1 correct, 1 partly right" in before

    # A new kernel: pages 3 and 4 are not built, yet the score already counts their answers.
    again = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path), page_size=2)
    assert not any(again.questions.is_built(again.questions.index_of(qid)) for qid in ("share", "essay"))
    assert text_of(again.score_text.value) == before
    # An answer saved by another kernel after this widget was made comes back when its page is shown.
    ProgressStore(tmp_path).record(Attempt("quiz", "caspian", "False", False, 0.0, "2099-01-01T00:00:00+00:00"))
    assert "0 not yet right" in text_of(again.score_text.value)
    again.next_button.click()
    caspian = again.page_box.children[0]
    assert caspian.choice.value == "False" and "✗ Not quite" in text_of(caspian.feedback.value)
    assert "1 not yet right, 4 not tried" in text_of(again.score_text.value)  # the store was read again
    again.next_button.click()
    share = again.page_box.children[1]
    assert share.question.id == "share" and share.choice.value == "46"
    assert "Your saved answer from an earlier session" in text_of(share.feedback.value)
    assert "✓ Correct" in text_of(share.feedback.value)
    again.next_button.click()
    essay = again.page_box.children[0]
    assert essay.choice.value == "Water." and "◐ You marked it: partly" in text_of(essay.feedback.value)
    assert not any(b.disabled for b in essay.mark_buttons.values())


def test_two_self_checks_on_one_bank_keep_the_same_score(store):
    # A re-run cell leaves the earlier widget on screen; both follow each answer.
    old = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    new = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    answer(new, "river", "Volga")
    assert "Score: 1 of 7" in text_of(old.score_text.value) and "Score: 1 of 7" in text_of(new.score_text.value)
    assert old.points == new.points == 1.0


def test_questions_is_a_sequence_that_builds_views_on_first_access(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    views = sc.questions
    assert len(views) == 7 and not views.is_built(6)
    last = views[-1]
    assert views.is_built(6) and last.question.id == "essay" and views[6] is last
    assert [v.question.id for v in views[1:3]] == ["rivers", "caspian"]
    assert sc.view("essay") is last and sc.page_of("essay") == 4
    assert shown(sc) == ["river", "rivers"]  # building a view does not change the page shown
    with pytest.raises(IndexError):
        views[7]
    with pytest.raises(KeyError, match="no question 'nope'"):
        sc.view("nope")
    assert [q.id for q in views.records] == [q.id for q in QUIZ.questions]


def test_building_a_long_bank_makes_few_widget_models(store):
    from ipywidgets.widgets.widget import _instances

    def models(make) -> int:
        before = set(_instances)
        make()
        return len(set(_instances) - before)

    lesson01 = load_bank("lesson01")
    assert len(lesson01.questions) > 2 * PAGE_SIZE
    # Each model is one comm message in a kernel: the count is what a lesson pays for this cell.
    assert models(lambda: SelfCheck.from_bank("lesson01", store=store)) <= 150
    # A page not shown costs nothing until it is shown.
    one_page = models(lambda: SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2))
    every_page = models(lambda: list(SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2).questions))
    assert one_page < every_page

"""Lesson 4's widgets driven as a student would: tick cases, open a timeline, change the year, rate the
factors and save, answer the transfer exercise; assert on what the student sees and on the progress store."""

from __future__ import annotations

import pytest

from widgets import CaseCompare, CaseSources, TransferExercise, TreatyLife, WhatMadeItWork
from widgets.cases.activities import RATING_BANK, TRANSFER_BANK, TRANSFER_QUESTION
from widgets.progress import ProgressStore


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress")


def test_compare_shows_two_cases_and_updates_when_a_third_is_ticked():
    w = CaseCompare.from_data()
    assert "Comparing 2 cases" in w.status.value
    assert w.table.value.count('<th scope="col">') == 3
    assert w.chart.value.count('<g class="course-phase">') == 13
    w.choices.value = w.choices.value + ["New START"]
    assert "Comparing 3 cases" in w.status.value and "New START" in w.table.value
    assert w.table.value.count('<th scope="col">') == 4
    assert "New START" in w.chart.value and w.chart.value.count('<g class="course-phase">') == 22
    assert "New START: signature after 349 days" in w.chart_text.value


def test_compare_caps_at_three_and_asks_for_two():
    w = CaseCompare.from_data()
    w.choices.value = list(w.choices.options)
    assert "At most 3 cases" in w.status.value
    w.choices.value = [w.choices.options[0]]
    assert "Tick at least two" in w.status.value


def test_compare_opens_the_timeline_filtered_to_the_case():
    w = CaseCompare.from_data(selected=["inf-1987", "new-start-2010"])
    w.timeline_case.value = "Intermediate-Range Nuclear Forces (INF) Treaty"
    w.open_button.click()
    assert w.timeline is not None
    assert {e.id for e in w.timeline.events} == {"inf-treaty-signed-1987", "geneva-summit-1985",
                                                 "reykjavik-summit-1986", "inf-treaty-collapse-2019"}
    assert "Course timeline: Intermediate-Range" in w.timeline_box.children[0].value


def test_treaty_life_reads_a_year_and_moves_the_line():
    w = TreatyLife.from_data()
    assert "On 1 March 2026, 2 of these agreements were in force" in w.sentence.value
    axes = (w.figure.layout.xaxis.type, w.figure.layout.yaxis.type)
    w.year.value = 1990
    assert "At the end of 1990, 4 of these agreements were in force" in w.sentence.value
    assert w.figure.layout.shapes[0].x0 == "1990-12-31"
    w.earlier.click()
    assert "At the end of 1989" in w.sentence.value
    assert (w.figure.layout.xaxis.type, w.figure.layout.yaxis.type) == axes == ("date", "category")
    assert "<table" in w.tables.value and "<details>" in w.tables.value


def test_treaty_chart_is_drawn_when_the_page_says_it_is_idle_or_on_click():
    w = TreatyLife.from_data()
    assert w.chart.children == (w.draw,)
    w._idle._handle_custom_msg({"idle": True}, [])
    assert w.chart.children == (w.figure,) and w.figure.layout.xaxis.type == "date"
    late = TreatyLife.from_data(year=1972)
    late.year.value = 1980
    late.draw.click()
    assert late.figure.layout.shapes[0].x0 == "1980-12-31"


def test_what_made_it_work_asks_for_every_factor_then_compares_and_records(store):
    w = WhatMadeItWork(CaseCompare.from_data().cases, store)
    w.ratings["deadline"].value = "Strong"
    w.compare.click()
    assert "Rate every factor first" in w.feedback.value and store.latest(RATING_BANK) == {}
    for r in w.ratings.values():
        r.value = "Some"
    w.compare.click()
    assert "You agree with the course" in w.feedback.value
    saved = store.latest(RATING_BANK)[w.case.id]
    assert saved.answer.startswith("mediator=some;") and 0 <= saved.score <= 1


def test_what_made_it_work_restores_saved_ratings(store):
    cases = CaseCompare.from_data().cases
    first = WhatMadeItWork(cases, store)
    for r in first.ratings.values():
        r.value = "None"
    first.compare.click()
    again = WhatMadeItWork(cases, store)
    assert all(r.value == "None" for r in again.ratings.values())
    again.picker.value = "New START"
    assert all(r.value is None for r in again.ratings.values())


def test_transfer_exercise_saves_and_shows_the_course_view(store):
    w = TransferExercise(CaseCompare.from_data().cases, store)
    w.save.click()
    assert "Choose for at least one factor" in w.feedback.value
    w.choices["sequencing"].value = "Could carry over"
    w.reasons["sequencing"].value = "Small steps like the grain deal build trust."
    w.save.click()
    assert "Saved." in w.feedback.value and "a judgement" in w.feedback.value
    saved = store.latest(TRANSFER_BANK)[TRANSFER_QUESTION]
    assert "sequencing=carries|Small steps" in saved.answer
    restored = TransferExercise(CaseCompare.from_data().cases, store)
    assert restored.choices["sequencing"].value == "Could carry over"


def test_case_sources_list_cases_and_treaties_once():
    s = CaseSources()
    titles = [g.title for g in s.groups]
    assert titles[:3] == ["Further reading", "The case studies", "The arms-control agreements"]
    urls = [src.url for src in s.sources()]
    assert len(urls) == len(set(urls))
    assert "Lesson 4:" in str(s) and "<section" in s.html()

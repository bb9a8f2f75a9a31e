"""The FAQ (lesson 6): its data file loads with located errors, and a student searches it."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from widgets.data import DataError, check_all, load_faq
from widgets.faq.faq_view import FAQ
from widgets.faq.model import faq_items, query_words, search

from .selfcheck.support import text_of

ROOT = Path(__file__).resolve().parents[1]

BRIEF = {
    "What are the main objectives of US–Russia peace talks?",
    "Why is mediation important in these talks?",
    "What challenges do mediators face?",
    "How can successful talks impact global politics?",
}


# ---------------------------------------------------------------- the course's own FAQ


def test_the_course_faq_has_the_brief_questions_and_the_students_questions():
    entries = load_faq()
    assert {e.question for e in entries if e.brief} == BRIEF
    questions = {e.question for e in entries}
    for asked in ("Is the United States a mediator or a party in the 2025–26 talks?", "Why did New START expire?",
                  "What is the difference between negotiation and mediation?",
                  "What can a mediator do when one side is much stronger?"):
        assert asked in questions
    assert len(entries) >= 12
    for e in entries:
        assert e.links, e.id
        assert len(e.short) < 260, f"{e.id}: the short answer should be short"
        if e.factual:
            assert any(s.kind not in ("encyclopedia", "state-media") for s in e.sources), e.id
            assert all(s.kind for s in e.sources), e.id
    objectives = next(e for e in entries if e.id == "objectives")
    for aim in ("reducing military tensions", "improving diplomatic relations", "fostering economic cooperation"):
        assert aim in objectives.short


def test_current_answers_say_as_of_when():
    for e in load_faq():
        if re.search(r"\b202[5-6]\b", e.answer):
            assert e.as_of is not None, f"{e.id} speaks of 2025–26 without an as_of date"


def test_check_all_counts_the_faq():
    counts, problems = check_all()
    assert counts["faq"] == len(load_faq())
    assert not [p for p in problems if "faq" in p]


# ---------------------------------------------------------------- the loader's messages

GOOD = """
[[faq]]
id = "one"
question = "Why?"
short = "Because."
answer = "Because, at length."
links = [{ lesson = 1, section = "Real heading" }]
sources = [{ title = "A source", url = "https://example.org/a", kind = "press" }]
"""


def _folder(tmp_path, faq: str, heading: str = "Real heading") -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "course.toml").write_text(textwrap.dedent("""
        [[lessons]]
        number = 1
        slug = "one"
        title = "One"
        minutes = 5
        summary = "s"
        """))
    (data / "faq.toml").write_text(faq)
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    cell = {"cell_type": "markdown", "metadata": {}, "source": [f"## {heading}\n", "text"]}
    import json

    (lessons / "01_one.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return data


def test_a_good_file_loads(tmp_path):
    (entry,) = load_faq(_folder(tmp_path, GOOD))
    assert entry.id == "one" and entry.links[0].section == "Real heading" and not entry.brief


@pytest.mark.parametrize(
    "change, message",
    [
        (('question = "Why?"', 'question = "Why"'), r"line 4 \(id 'one'\), field 'question': 'Why' does not end with a question mark"),
        (('section = "Real heading"', 'section = "No such heading"'), r"field 'links': 'No such heading' \(link 1, section\) is not a heading of 01_one.ipynb"),
        (("lesson = 1", "lesson = 9"), r"field 'links': 9 \(link 1, lesson\) is not a lesson of course.toml"),
        (('links = [{ lesson = 1, section = "Real heading" }]', ""), r"field 'links': missing"),
        (('short = "Because."', 'short = "Because."\nevents = ["no-such-event"]'), r"field 'events': 'no-such-event' names a event id that does not exist"),
        (('short = "Because."', 'short = "Because."\ncases = ["no-such-case"]'), r"field 'cases': 'no-such-case' names a case id"),
        (('short = "Because."', 'short = "Because."\nseries = ["no-such-series"]'), r"field 'series': 'no-such-series' names a series id"),
        (('short = "Because."', 'short = "Because."\nplayers = ["nobody"]'), r"field 'players': 'nobody' names a player id"),
        (('kind = "press"', 'kind = "blog"'), r"field 'sources'.*kind"),
        (('short = "Because."\n', ""), r"field 'short': missing"),
        (('short = "Because."', 'short = "Because."\nas_of = "2026-13-01"'), r"field 'as_of'"),
    ],
)
def test_each_bad_field_is_named_with_file_and_line(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(DataError) as err:
        load_faq(_folder(tmp_path, GOOD.replace(old, new)))
    assert "faq.toml" in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)


def test_duplicate_ids_and_a_missing_file(tmp_path):
    with pytest.raises(DataError, match="duplicate FAQ id"):
        load_faq(_folder(tmp_path, GOOD + GOOD))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError, match="no faq.toml"):
        load_faq(empty)


def test_a_section_is_not_checked_before_its_lesson_exists(tmp_path):
    data = _folder(tmp_path, GOOD.replace('section = "Real heading"', 'section = "Planned heading"'))
    (tmp_path / "lessons" / "01_one.ipynb").unlink()
    assert load_faq(data)[0].links[0].section == "Planned heading"


def test_factual_false_needs_no_sources(tmp_path):
    text = GOOD.replace('sources = [{ title = "A source", url = "https://example.org/a", kind = "press" }]', "factual = false")
    assert load_faq(_folder(tmp_path, text))[0].sources == ()
    with pytest.raises(DataError, match="field 'sources': missing"):
        load_faq(_folder(tmp_path / "x", text.replace("factual = false", "")) if (tmp_path / "x").mkdir() is None else None)


# ---------------------------------------------------------------- searching, as a student


def test_search_is_case_and_accent_insensitive_and_needs_every_word():
    items = faq_items()
    assert query_words("  New-START, ÉTATS  ") == ["new-start", "etats"]
    assert [i.id for i in search(items, "TURKIYE")] == [i.id for i in search(items, "Türkiye")] == ["hosts"]
    both = {i.id for i in search(items, "new start")}
    assert "new-start-expiry" in both and both <= {i.id for i in search(items, "start")}
    assert search(items, "start zzzz") == []
    assert len(search(items, "")) == len(items)


def test_a_student_searches_the_faq_and_opens_the_links():
    faq = FAQ.from_data()
    total = len(faq.items)
    assert f"All {total} questions shown" in faq.status.value
    faq.search.value = "expire"
    assert "new-start-expiry" in faq.shown_ids
    assert f"of {total} questions" in faq.status.value and "“expire”" in faq.status.value
    page = text_of(faq.results.value)
    assert "Why did New START expire?" in page
    assert "As of 6 February 2026" in page
    # the links open the lesson sections, the backing records name their sources
    assert 'href="05_future_implications.ipynb#Security:-nuclear-arsenals-after-New-START"' in faq.results.value
    assert "Event: New START expires (5 February 2026)" in page
    faq.search.value = "Zzyzx"
    assert faq.shown_ids == [] and "No question matches “Zzyzx”" in faq.status.value
    faq.clear_button.click()
    assert len(faq.shown_ids) == total and faq.search.value == ""


def test_faq_text_from_the_data_is_escaped(tmp_path):
    data = _folder(tmp_path, GOOD.replace('short = "Because."', 'short = "<script>alert(1)</script>"'))
    faq = FAQ.from_data(data, lessons_dir=tmp_path / "lessons")
    assert "<script>" not in faq.results.value and "&lt;script&gt;" in faq.results.value


def test_a_broken_faq_is_shown_as_a_message(tmp_path):
    data = _folder(tmp_path, GOOD.replace('question = "Why?"', 'question = "Why"'))
    faq = FAQ.from_data(data)
    assert "could not be loaded" in faq.results.value and "question mark" in text_of(faq.results.value)
    faq.search.value = "x"  # typing does nothing harmful
    assert faq.shown_ids == []

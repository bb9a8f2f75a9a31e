"""Hostile bank text is escaped in every widget and HTML string."""

from __future__ import annotations

import re

from widgets.selfcheck.instructor import answer_key
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.progress_view import CourseProgress

from .support import FIXTURES, all_html, html_values


# ---------------------------------------------------------------- escaping


HOSTILE_TAGS = re.compile(r"<\s*(script|img|b\b|svg|iframe)", re.I)


def _assert_no_markup(values):
    for value in values:
        assert not HOSTILE_TAGS.search(value), value


def test_hostile_bank_text_is_escaped_everywhere(tmp_path, store):
    (tmp_path / "01_x.ipynb").write_text("{}")
    sc = SelfCheck.from_bank("hostile", folder=FIXTURES, store=store)
    for v in sc.questions:
        if v.question.type == "single":
            v.choice.value = next(o.text for o in v.question.options if not o.correct)
        elif v.question.type == "truefalse":
            v.choice.value = "True"
        elif v.question.type == "multiple":
            v.choice.value = list(v.choice.options)
        elif v.question.type == "order":
            v.choice.value = list(v.choice.options)[::-1]
        elif v.question.type == "number":
            v.choice.value = "<script>alert(1)</script>"
            v.check_button.click()
            _assert_no_markup([v.feedback.value])
            v.choice.value = "4"
        else:
            v.choice.value = "<script>alert('student')</script>"
        v.check_button.click()
        v.hint_button.click()
        v.reveal_button.click()
    values = all_html(sc)
    _assert_no_markup(values)
    joined = "\n".join(values)
    for needle in ("alert('prompt')", "alert('feedback')", "alert('explanation')", "alert('hint')",
                   "alert('model')", "alert('mfb')", "alert('tffb')", "alert('title')", "alert('section')"):
        assert needle.replace("'", "&#x27;") in joined, needle
    assert "&lt;script&gt;" in joined and "&lt;img src=x onerror=" in joined
    # Options and items are plain text in the answer controls, never HTML.
    for v in sc.questions:
        assert getattr(v.choice, "description_allow_html", False) is False
    single = sc.questions[0]
    assert "Wrong <script>alert('option')</script>" in single.choice.options
    key = answer_key("hostile", FIXTURES, lessons_dir=tmp_path)
    _assert_no_markup([key])
    assert 'href="https://example.org/a?b=1&amp;c=&quot;x&quot;"' in key
    progress = CourseProgress(store=store, folder=FIXTURES)
    _assert_no_markup(html_values(progress))
    assert "Bank &lt;script&gt;" in progress.table.value

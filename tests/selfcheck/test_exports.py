"""The split package keeps the old module's interface: every public name, from the package and from ``widgets``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import widgets
import widgets.progress
import widgets.selfcheck

from .support import ROOT

# Every public name of the old widgets/selfcheck.py (its __all__ and the other names it defined).
OLD_SELFCHECK_NAMES = [
    "AnswerError", "Result", "ResultRow", "QuestionStats", "ClassSummary", "SelfCheck", "QuestionViews",
    "LiveText", "PAGE_SIZE", "CourseProgress", "CSV_COLUMNS", "MARKS", "score", "shuffled_options",
    "shuffled_items", "parse_number", "answer_text", "saved_answer", "saved_result", "score_line",
    "display_answer", "correct_answer", "section_href", "section_link_html", "feedback_html",
    "write_results", "read_results", "answer_key", "class_summary",
    "GREEN", "ORANGE", "VERMILLION", "BLUE", "SKY", "LINK_STYLE", "TEXT_STYLE", "TYPE_NAMES", "HTMLText",
    "QuestionView", "SingleView", "TrueFalseView", "MultipleView", "OrderView", "NumberView", "WrittenView",
    "progress_rows", "progress_table_html",
]
OLD_PROGRESS_NAMES = ["Attempt", "ProgressStore", "default_store", "default_progress_dir", "now_iso"]


@pytest.mark.parametrize("name", OLD_SELFCHECK_NAMES)
def test_every_old_selfcheck_name_is_importable_from_the_package(name):
    assert getattr(widgets.selfcheck, name) is not None
    assert name in dir(widgets.selfcheck)


def test_the_package_all_is_the_old_all_and_star_import_works():
    assert widgets.selfcheck.__all__ == OLD_SELFCHECK_NAMES[:29]
    space: dict = {}
    exec("from widgets.selfcheck import *", space)
    assert set(widgets.selfcheck.__all__) <= set(space)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        widgets.selfcheck.nope  # noqa: B018


@pytest.mark.parametrize("name", OLD_PROGRESS_NAMES)
def test_every_old_progress_name_is_importable_from_the_package(name):
    assert name in widgets.progress.__all__ and getattr(widgets.progress, name) is not None


def test_the_course_level_names_still_import():
    from widgets import CourseProgress, ProgressStore, SelfCheck, answer_key, class_summary

    assert SelfCheck.from_bank and CourseProgress and answer_key and class_summary and ProgressStore
    assert widgets.SelfCheck is widgets.selfcheck.SelfCheck


def test_scoring_and_hand_ins_load_no_widget_library():
    code = ("import sys\nfrom widgets.selfcheck import score, parse_number, read_results, answer_key, feedback_html\n"
            "from widgets.progress import ProgressStore\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'plotly', 'anywidget', 'traitlets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout


def test_a_self_check_does_not_import_plotly_until_an_instructor_draws_the_chart():
    code = ("import sys\nfrom widgets import SelfCheck, CourseProgress, class_summary\n"
            "print('plotly' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr

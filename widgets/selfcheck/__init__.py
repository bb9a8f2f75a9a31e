"""Self-check questions with feedback, a course-progress summary and instructor tools.

A lesson shows a bank of questions with one line,
``SelfCheck.from_bank("lesson01")``; lesson 00 shows ``CourseProgress()``.
Question banks are data (``data/questions/<bank>.toml``, read with
:func:`widgets.data.load_bank`); every attempt is saved through
:mod:`widgets.progress`, so answers come back after a kernel restart.

Models (pure: no widget library):

- ``number_parsing``: :func:`parse_number` (numbers as students type them), :class:`AnswerError`.
- ``scoring``: :class:`Result`, :func:`score` for every question type, the fixed shuffles,
  saved answers (:func:`saved_result`), :func:`score_line`, :func:`correct_answer`.
- ``feedback``: the HTML a student reads (:func:`feedback_html`, hints, answers, section links).
- ``results``: hand-in CSV files (:func:`write_results`, :func:`read_results`).
- ``course_progress``: per-bank progress rows and their table.
- ``instructor``: :func:`answer_key` and the per-question tally of a class's hand-ins.
- ``tables``: the inline styles of those tables.

Views (ipywidgets, anywidget, plotly):

- ``question_views``: one view per question type, :class:`LiveText`, shared layouts.
- ``pager_view``: :class:`SelfCheck`, a bank a page at a time.
- ``progress_view``: :class:`CourseProgress`.
- ``instructor_view``: :func:`class_summary` with its plotly chart.

Every name below is importable from ``widgets.selfcheck`` as before the split; a name is
imported on first use, so ``from widgets.selfcheck import score`` loads no widget library.
Everything from a bank (prompts, options, feedback, explanations) is escaped
before it becomes HTML; in ipywidgets controls it is used as plain text
(``description_allow_html`` stays off), so a bank cannot inject markup.
"""

from __future__ import annotations

from widgets.lazy import lazy_exports

_EXPORTS = {
    # models
    "AnswerError": "number_parsing",
    "parse_number": "number_parsing",
    "Result": "scoring",
    "MARKS": "scoring",
    "TYPE_NAMES": "scoring",
    "score": "scoring",
    "shuffled_options": "scoring",
    "shuffled_items": "scoring",
    "answer_text": "scoring",
    "saved_answer": "scoring",
    "saved_result": "scoring",
    "score_line": "scoring",
    "display_answer": "scoring",
    "correct_answer": "scoring",
    "section_href": "feedback",
    "section_link_html": "feedback",
    "feedback_html": "feedback",
    "CSV_COLUMNS": "results",
    "ResultRow": "results",
    "write_results": "results",
    "read_results": "results",
    "progress_rows": "course_progress",
    "progress_table_html": "course_progress",
    "HTMLText": "instructor",
    "answer_key": "instructor",
    "QuestionStats": "instructor",
    "ClassTally": "instructor",
    "tally_class": "instructor",
    # views
    "LiveText": "question_views",
    "QuestionView": "question_views",
    "SingleView": "question_views",
    "TrueFalseView": "question_views",
    "MultipleView": "question_views",
    "OrderView": "question_views",
    "NumberView": "question_views",
    "WrittenView": "question_views",
    "QuestionViews": "question_views",
    "PAGE_SIZE": "pager_view",
    "SelfCheck": "pager_view",
    "CourseProgress": "progress_view",
    "ClassSummary": "instructor_view",
    "class_summary": "instructor_view",
}
# The course palette and styles the old module defined; they live in widgets.ui.style now.
_STYLE_NAMES = ("GREEN", "ORANGE", "VERMILLION", "BLUE", "SKY", "LINK_STYLE", "TEXT_STYLE")

__all__ = [
    "AnswerError",
    "Result",
    "ResultRow",
    "QuestionStats",
    "ClassSummary",
    "SelfCheck",
    "QuestionViews",
    "LiveText",
    "PAGE_SIZE",
    "CourseProgress",
    "CSV_COLUMNS",
    "MARKS",
    "score",
    "shuffled_options",
    "shuffled_items",
    "parse_number",
    "answer_text",
    "saved_answer",
    "saved_result",
    "score_line",
    "display_answer",
    "correct_answer",
    "section_href",
    "section_link_html",
    "feedback_html",
    "write_results",
    "read_results",
    "answer_key",
    "class_summary",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {**{name: f"{__name__}.{module}" for name, module in _EXPORTS.items()},
     **{name: "widgets.ui.style" for name in _STYLE_NAMES}},
    globals(),
)

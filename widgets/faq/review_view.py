"""``CourseReview``: a self-check over the whole course that asks first what this student got wrong or has not tried.

The questions are the lessons' own, shown by the lessons' question views (a
:class:`~widgets.selfcheck.SelfCheck` over several banks): an answer here is saved in the question's
own bank, so lesson 0's progress table and the lesson's self-check see it too. Under the questions:
the course-wide progress table and the hand-in of every answer of the course.
"""

from __future__ import annotations

import os
from dataclasses import replace

import ipywidgets as ipw

from ..data import bank_ids
from ..progress import ProgressStore, default_store
from ..selfcheck.pager_view import SelfCheck
from ..selfcheck.progress_view import CourseProgress
from ..selfcheck.question_views import button
from ..ui.html import box, esc
from ..ui.style import ORANGE, TEXT_STYLE
from .review import ReviewPlan, plan_html, review_plan

__all__ = ["CourseReview"]


class CourseReview(ipw.VBox):
    """``CourseReview()``: up to ``size`` questions from every bank of the lessons before ``lesson``.

    **Choose again** re-reads the progress store and picks the questions anew (after a lesson's
    self-check, say). :attr:`check` is the self-check, :attr:`progress` the progress table.
    """

    def __init__(self, store: ProgressStore | None = None, folder=None, *, lesson: int = 6, size: int = 10,
                 lessons_dir: str | os.PathLike[str] | None = None, page_size: int = 5):
        self.store = store if store is not None else default_store()
        self.folder = folder
        self.lesson = lesson
        self.size = size
        self.lessons_dir = lessons_dir
        self.page_size = page_size
        self.intro = ipw.HTML("")
        self.again_button = button("Choose again", "Pick the review's questions again from your latest answers")
        self.again_button.on_click(lambda _b: self.choose())
        self.progress = CourseProgress(self.store, folder)
        self.export_heading = ipw.HTML(
            f'<div style="{TEXT_STYLE}"><p><strong>Hand in the whole course.</strong> The file holds every answer you '
            "saved in every lesson's self-check and in this review.</p></div>"
        )
        self.plan: ReviewPlan | None = None
        self.check: SelfCheck | None = None
        super().__init__([])
        self.add_class("course-widget")
        self.add_class("course-review")
        self.choose()
        self.store.on_record(self._on_record)

    def _on_record(self, _attempt) -> None:
        # The summary above the questions follows every answer; the questions stay until Choose again.
        if self.plan is not None:
            counts = review_plan(self.store, self.folder, size=self.size, before_lesson=self.lesson).counts
            self._show_intro(replace(self.plan, counts=counts))

    def choose(self) -> None:
        """Read the store and choose the questions: wrong first, then not marked, then not tried."""
        self.plan = plan = review_plan(self.store, self.folder, size=self.size, before_lesson=self.lesson)
        self._show_intro(plan)
        self.check = SelfCheck(plan.as_bank(), self.store, lessons_dir=self.lessons_dir, page_size=self.page_size,
                               question_banks=plan.question_banks, export_banks=bank_ids(self.folder))
        self.check.children = tuple(c for c in self.check.children if c is not self.check.export_box)
        self.children = [self.intro, ipw.HBox([self.again_button]), self.check, self.progress,
                         self.export_heading, self.check.export_box]

    def _show_intro(self, plan: ReviewPlan) -> None:
        notes = "".join(box(ORANGE, f"<p><strong>⚠ Left out:</strong> {esc(p)}</p>") for p in plan.problems)
        self.intro.value = f'<div style="{TEXT_STYLE}">{plan_html(plan)}</div>{notes}'

    @property
    def asked(self) -> list[tuple[str, str]]:
        """(bank, question id) of the questions asked, in order."""
        return [(i.bank, i.question.id) for i in self.plan.items] if self.plan else []

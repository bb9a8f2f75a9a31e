"""Lesson 00's course-progress table (:class:`CourseProgress`): it follows every answer saved in this kernel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as ipw

from ..progress import Attempt, ProgressStore, default_store
from .course_progress import progress_rows, progress_table_html
from .feedback import store_notice_html
from .question_views import button

__all__ = ["CourseProgress"]


class CourseProgress(ipw.VBox):
    """Per lesson bank: questions answered and answered correctly (latest attempt), for lesson 00."""

    def __init__(self, store: ProgressStore | None = None, folder: str | Path | None = None):
        self.store = store if store is not None else default_store()
        self.folder = folder
        self.table = ipw.HTML("")
        self.status = ipw.HTML("")
        self.refresh_button = button("Refresh", "Update the table with your latest answers")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.rows: list[dict[str, Any]] = []
        self.refresh()
        self.store.on_record(self._on_record)
        super().__init__([self.status, self.table, ipw.HBox([self.refresh_button])])
        self.add_class("course-widget")
        self.add_class("course-progress")

    def _on_record(self, _attempt: Attempt) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.rows = progress_rows(self.store, self.folder)
        self.table.value = progress_table_html(self.rows)
        self.status.value = store_notice_html(self.store)

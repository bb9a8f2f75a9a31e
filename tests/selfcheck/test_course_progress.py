"""Course progress per bank (lesson 00's table)."""

from __future__ import annotations

import re

from widgets.progress import Attempt, ProgressStore
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.progress_view import CourseProgress

from .support import FIXTURES, text_of, view


# ---------------------------------------------------------------- course progress


def test_course_progress_counts_answered_and_correct(store):
    progress = CourseProgress(store=store, folder=FIXTURES)
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["questions"], rows["quiz"]["answered"], rows["quiz"]["correct"]) == (7, 0, 0)
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    view(sc, "river").choice.value = "Volga"
    view(sc, "river").check_button.click()
    view(sc, "year").choice.value = "1900"
    view(sc, "year").check_button.click()
    # The table follows each attempt without a click on Refresh.
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (2, 1)
    assert "Fixture quiz" in text_of(progress.table.value)
    assert re.search(r"Fixture quiz 7 2 1", text_of(progress.table.value))
    # Another kernel writing to the same folder: Refresh picks it up.
    ProgressStore(store.path).record(Attempt("quiz", "caspian", "True", True, 1.0, "2099-01-01T00:00:00+00:00"))
    progress.refresh_button.click()
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (3, 2)


def test_course_progress_reports_a_broken_bank_in_its_row(tmp_path, store):
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "broken.toml").write_text("[bank\n")
    progress = CourseProgress(store=store, folder=tmp_path)
    assert "could not be loaded" in text_of(progress.table.value) and "not valid TOML" in text_of(progress.table.value)

"""The course's own banks: lesson 00 renders, and every question links to a real heading."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.data import bank_ids, load_bank
from widgets.selfcheck.pager_view import SelfCheck

from .support import ROOT, text_of


# ---------------------------------------------------------------- the course's own banks


def test_lesson00_bank_renders_and_each_type_works(store):
    bank = load_bank("lesson00")
    assert 4 <= len(bank.questions) <= 5
    assert len({q.type for q in bank.questions}) >= 4
    sc = SelfCheck.from_bank("lesson00", store=store)
    for v in sc.questions:
        v.reveal_button.click()
        assert "Why:" in text_of(v.answer.value)


def _headings(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    out = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    out.add(m.group(1))
    return out


@pytest.mark.parametrize("bank_id", bank_ids())
def test_every_question_links_to_a_real_heading(bank_id):
    """A question's `section` must be a heading of its lesson, or the feedback's link leads nowhere."""
    bank = load_bank(bank_id)
    for question in bank.questions:
        lessons = sorted((ROOT / "lessons").glob(f"{question.lesson:02d}_*.ipynb"))
        if not lessons:
            continue  # the lesson is not written yet
        assert question.section in _headings(lessons[0]), (
            f"data/questions/{bank_id}.toml, question {question.id!r}: section {question.section!r} "
            f"is not a heading of {lessons[0].name}"
        )

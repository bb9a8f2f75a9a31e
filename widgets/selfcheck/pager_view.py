"""The self-check a lesson shows: a bank of questions a page at a time, the running score and the CSV hand-in.

Every widget model costs a message to the browser, so a self-check shows its
questions a page at a time (:data:`PAGE_SIZE`) and builds a page's widgets
only when the page is first shown; widgets that need no layout of their own
share one Layout and style model (:class:`~widgets.selfcheck.question_views.Look`).
"""

from __future__ import annotations

import base64
import math
import re
import sys
from pathlib import Path
from typing import Sequence

import ipywidgets as ipw

from ..data import Bank, DataError, load_bank
from ..progress import Attempt, ProgressStore, default_store, now_iso
from ..ui.html import box, esc, plural
from ..ui.page import helper
from ..ui.style import BLUE, GREEN, TEXT_STYLE, VERMILLION
from .feedback import store_notice_html
from .question_views import VIEWS, LiveText, Look, QuestionView, QuestionViews, button
from .results import write_results
from .scoring import Result, saved_result, score_line

__all__ = ["PAGE_SIZE", "SelfCheck"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "student"


# Questions per page: a page's views are built (and in a kernel, sent to the
# browser) only when the page is first shown, so a long bank costs little to show.
PAGE_SIZE = 5


class SelfCheck(ipw.VBox):
    """A bank of self-check questions, a page at a time; every attempt is saved and comes back after a restart.

    Only the first page's questions are built at first; another page's are
    built when it is first shown (:meth:`show_page`, or the Previous and Next
    buttons). ``questions`` still gives every question's view (built on first
    access), and the score counts every saved answer, on every page.

    A review drawn from several banks (lesson 6) passes ``question_banks``, the bank of each of
    ``bank.questions``: each question reads and saves its attempts in its own bank, so the lesson's
    self-check and the review agree; ``export_banks`` are the banks the CSV hand-in covers
    (default: the banks of the questions shown).
    """

    def __init__(
        self,
        bank: Bank | None,
        store: ProgressStore | None = None,
        *,
        bank_id: str = "",
        error: str = "",
        lessons_dir: str | Path | None = None,
        page_size: int = PAGE_SIZE,
        question_banks: Sequence[str] | None = None,
        export_banks: Sequence[str] | None = None,
    ):
        if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise ValueError(f"page_size must be a whole number of questions, 1 or more (got {page_size!r})")
        self.bank = bank
        self.bank_id = bank.id if bank is not None else bank_id
        self.store = store if store is not None else default_store()
        self.error = error
        self.page_size = page_size
        self._lessons_dir = lessons_dir
        self._look = look = Look()
        # The store's latest attempts at this bank, read when a page is first built and kept
        # up to date by every attempt recorded in this process: re-reading the whole store
        # at each click would cost ~30 ms on a store of 100,000 attempts.
        # Keyed by (bank, question id): a review drawn from several banks (``question_banks``, one
        # bank id per question of ``bank``) reads and saves each question's attempts in its own bank.
        self._latest: dict[tuple[str, str], Attempt] = {}
        questions = bank.questions if bank is not None else ()
        owners = tuple(question_banks) if question_banks is not None else (self.bank_id,) * len(questions)
        if len(owners) != len(questions):
            raise ValueError(f"question_banks names {len(owners)} banks for {len(questions)} questions")
        kept = [(q, b) for q, b in zip(questions, owners) if q.type in VIEWS]
        records = [q for q, _ in kept]
        self._owners = [b for _, b in kept]
        self._banks = tuple(dict.fromkeys(self._owners)) or (self.bank_id,)
        self._export_banks = tuple(export_banks) if export_banks is not None else self._banks
        numbers = {id(q): i for i, q in enumerate(questions, 1)}
        self._numbers = [numbers[id(q)] for q in records]
        self._total = len(bank.questions) if bank is not None else 0
        self.questions = QuestionViews(records, self._build_view)
        self.pages = max(1, math.ceil(len(records) / page_size)) if bank is not None else 0
        self.page = 0
        self.status = look.html()
        self.score_text = look.html()
        self.student = ipw.Text(value="", description="Your name", placeholder="for the file you hand in", style=look.text_style, layout=look.plain)
        self.export_button = button("Save my answers as CSV", "Save your answers to a CSV file to hand in", look)
        self.export_status = look.html()
        self.export_button.on_click(lambda _b: self._export_clicked())
        if bank is None:
            self.header = look.html(
                box(VERMILLION, f"<p><strong>✗ This self-check could not be loaded.</strong></p><p>{esc(error)}</p>")
            )
            super().__init__([self.header], layout=look.plain)
            self.add_class("course-widget")
            self.add_class("course-selfcheck")
            return
        paging = ""
        if self.pages > 1:
            paging = (
                f" The questions are shown {page_size} at a time: <strong>Previous</strong> and <strong>Next</strong> "
                "below them move between pages, and your score counts the answers on every page."
            )
        self.header = look.html(
            f'<div style="{TEXT_STYLE}"><p><strong>Self-check: {esc(bank.title)}</strong></p>'
            f"<p>{plural(len(bank.questions), 'question')}. Each answer gets feedback and a link to the "
            f"section that teaches it; you can try again as often as you like.{paging}</p></div>"
        )
        self.page_box = look.vbox([])
        self.page_label = LiveText(layout=look.plain)
        self.previous_button = button("Previous", "Show the previous page of questions", look)
        self.next_button = button("Next", "Show the next page of questions", look)
        self.previous_button.on_click(lambda _b: self.previous_page())
        self.next_button.on_click(lambda _b: self.next_page())
        self.pager = look.hbox([self.previous_button, self.page_label, self.next_button])
        self.pager.add_class("course-pager")
        self.helper = helper()  # course stylesheet, lesson links; new pages scrolled into view
        self.store.on_record(self._on_record)
        self.show_page(1)
        self._update_status()
        export = look.vbox(
            [
                look.html("<p>To hand in your answers, type your name and save them as a CSV file.</p>"),
                look.hbox([self.student, self.export_button]),
                self.export_status,
            ]
        )
        pager = [self.pager] if self.pages > 1 else []
        self.export_box = export
        super().__init__([self.header, self.status, self.page_box, *pager, self.score_text, export, self.helper],
                         layout=look.plain)
        self.add_class("course-widget")
        self.add_class("course-selfcheck")

    @classmethod
    def from_bank(
        cls,
        bank_id: str,
        folder: str | Path | None = None,
        store: ProgressStore | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> "SelfCheck":
        """The self-check for ``data/questions/<bank_id>.toml`` (or in ``folder``/questions)."""
        try:
            bank = load_bank(bank_id, folder)
        except DataError as exc:
            return cls(None, store, bank_id=bank_id, error=str(exc), page_size=page_size)
        return cls(bank, store, page_size=page_size)

    # ------------------------------------------------------------ pages

    def _page_range(self, number: int) -> range:
        start = (number - 1) * self.page_size
        return range(start, min(start + self.page_size, len(self.questions)))

    def page_of(self, question_id: str) -> int:
        """The page (from 1) that shows a question."""
        return self.questions.index_of(question_id) // self.page_size + 1

    def view(self, question_id: str) -> QuestionView:
        """The view of a question by its id, built now if its page has not been shown yet."""
        return self.questions[self.questions.index_of(question_id)]

    def page_text(self, note: str = "") -> str:
        """What the page label says, e.g. 'Questions 6–10 of 19 (page 2 of 4)'."""
        shown = self._page_range(self.page)
        if not shown:
            return "There are no questions in this self-check."
        first, last = self._numbers[shown[0]], self._numbers[shown[-1]]
        which = f"Question {first}" if first == last else f"Questions {first}–{last}"
        text = f"{which} of {self._total} (page {self.page} of {self.pages})"
        return f"{text}: {note}" if note else text

    def show_page(self, number: int) -> None:
        """Show page ``number`` (1 to :attr:`pages`), building its questions' views the first time."""
        if self.bank is None:
            raise ValueError(f"this self-check has no pages: {self.error}")
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= self.pages:
            raise ValueError(f"page {number!r} does not exist: pages go from 1 to {self.pages}")
        shown = self._page_range(number)
        latest = None
        if self.page == 0 or not all(self.questions.is_built(i) for i in shown):
            latest = self._read_latest()
        views = [self.questions.get(i, latest) for i in shown]
        self.page = number
        self.page_box.children = views
        self.page_label.value = self.page_text()
        self.previous_button.disabled = number == 1
        self.next_button.disabled = number == self.pages
        if latest is not None:
            self._update_score()

    # Previous is disabled on the first page and Next on the last. A button disabled while it
    # has the keyboard focus drops the focus to the page, where the next key press would reach
    # JupyterLab's notebook shortcuts: the page helper then gives the focus to the other button.
    # After a page change the new questions are scrolled into view (their top, under the header).
    def next_page(self) -> None:
        if self.page < self.pages:
            self.show_page(self.page + 1)
            self._after_page_change(self.previous_button)
        else:
            self.page_label.value = self.page_text("this is the last page.")

    def previous_page(self) -> None:
        if self.page > 1:
            self.show_page(self.page - 1)
            self._after_page_change(self.next_button)
        else:
            self.page_label.value = self.page_text("this is the first page.")

    def _after_page_change(self, other: ipw.Button) -> None:
        self.helper.reveal(self.page_box)
        self.helper.keep_focus(other)

    # ------------------------------------------------------------ answers and score

    def _build_view(self, index: int, latest: dict[str, Attempt] | None) -> QuestionView:
        question = self.questions.records[index]
        owner = self._owners[index]
        view = VIEWS[question.type](
            question, owner, self._numbers[index], self._total, self._on_attempt, self._lessons_dir, look=self._look
        )
        if latest is None:
            latest = self._read_latest()
            self._update_score()
        attempt = latest.get((owner, question.id))
        if attempt is not None:
            view.restore(attempt)
        return view

    def _read_latest(self) -> dict[tuple[str, str], Attempt]:
        """Read the store again (other kernels may have saved answers since)."""
        self._latest = {(b, qid): a for b in self._banks for qid, a in self.store.latest(b).items()}
        return self._latest

    def _on_record(self, attempt: Attempt) -> None:
        # Any attempt saved in this process: this widget's, or another widget's on the same bank.
        if attempt.bank in self._banks:
            self._latest[(attempt.bank, attempt.question)] = attempt
            self._update_score()

    def _on_attempt(self, view: QuestionView, result: Result) -> None:
        self.store.record(Attempt(view.bank_id, view.question.id, result.answer, result.correct, result.score, now_iso()))
        self._update_status()

    def _update_status(self) -> None:
        extra = " You can still save your answers as a CSV file at the end of this self-check." if self.store.warning else ""
        self.status.value = store_notice_html(self.store, extra)

    def results(self) -> list[Result | None]:
        """Per question, in order, what its latest saved answer earns (None: not tried), page shown or not."""
        latest = self._read_latest() if self.bank is not None else {}
        return [saved_result(q, latest.get((b, q.id))) for q, b in zip(self.questions.records, self._owners)]

    def _update_score(self) -> None:
        self.score_text.value = score_line(
            [saved_result(q, self._latest.get((b, q.id))) for q, b in zip(self.questions.records, self._owners)]
        )

    @property
    def points(self) -> float:
        """The score: every question's latest saved answer, read from the store now."""
        return sum(r.score for r in self.results() if r is not None)

    def export_csv(self, path: str | Path, student: str | None = None) -> Path:
        """Write every saved attempt at this bank to a CSV file to hand in; return its path."""
        name = (student if student is not None else self.student.value).strip()
        if not name:
            raise ValueError("Type your name first, so that your instructor knows whose answers these are.")
        target = Path(path)
        write_results(target, name, self._export_attempts())
        return target

    def _export_attempts(self) -> list[Attempt]:
        """Every saved attempt at the banks this self-check hands in (its own bank, or ``export_banks``)."""
        banks = set(self._export_banks)
        return [a for a in self.store.attempts() if a.bank in banks]

    def _export_clicked(self) -> None:
        from ..course import handins_dir

        name = self.student.value.strip()
        if not name:
            self.export_status.value = box(BLUE, "<p><strong>ℹ Not saved yet:</strong> type your name first, so that your instructor knows whose answers these are.</p>")
            return
        folder = handins_dir()
        target = folder / f"{self.bank_id}-{_slug(name)}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.export_csv(target, name)
        except OSError as exc:
            self.export_status.value = box(VERMILLION, f"<p><strong>✗ Not saved:</strong> {esc(target)} could not be written ({esc(exc.strerror or exc)}).</p>")
            return
        attempts = self._export_attempts()
        questions = len({(a.bank, a.question) for a in attempts})
        where = (f"to <code>{esc(target.name)}</code> in the <code>{esc(folder.name)}</code> folder of the "
                 "course (in the file browser on the left)")
        if sys.platform == "emscripten":  # JupyterLite: the file is inside the browser; offer it as a download
            data = base64.b64encode(target.read_bytes()).decode("ascii")
            link = (f'<a download="{esc(target.name)}" href="data:text/csv;base64,{data}" '
                    f'style="font-weight:bold">Download {esc(target.name)}</a>')
            where = (f"for download: {link} (this browser tab keeps no files)" if self.store.memory_only
                     else f"{where}; {link} to keep a copy on your computer")
        self.export_status.value = box(
            GREEN,
            f"<p><strong>✓ Saved</strong> your answers to {plural(questions, 'question')} "
            f"({plural(len(attempts), 'attempt')} in all) {where}. Hand in this file.</p>",
        )

"""The course review's model: which questions to ask a student first, read from the progress store; pure.

Every saved answer is scored as the lesson's self-check scores it
(:func:`~widgets.selfcheck.scoring.saved_result`), so the review and the lessons always agree on what
is right. Questions come in this order:

1. **wrong**: the latest answer is not (fully) right;
2. **not marked**: a written answer compared with the model answer but not marked yet;
3. **not tried**: no saved answer (or one that no longer fits the question);
4. **right**: answered correctly, asked only to fill the review when little else is left.

Inside each group the banks take turns, in lesson order, so that a review covers the whole course
rather than the first lesson only; inside a bank, questions keep the bank's order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import zip_longest

from ..data import Bank, DataError, Question, bank_ids, load_bank
from ..progress import ProgressStore
from ..selfcheck.scoring import saved_result
from ..ui.html import esc, plural

__all__ = ["STATUSES", "STATUS_LABELS", "ReviewItem", "ReviewPlan", "question_status", "review_plan", "plan_html", "REVIEW_BANK"]

STATUSES: tuple[str, ...] = ("wrong", "unmarked", "not-tried", "right")
STATUS_LABELS = {"wrong": "not yet right", "unmarked": "written, not marked yet", "not-tried": "not tried yet", "right": "right before"}
REVIEW_BANK = "course-review"  # the review's own id: its CSV file name; attempts go to each question's bank


@dataclass(frozen=True)
class ReviewItem:
    bank: str  # the bank the question belongs to (its attempts are saved there)
    lesson: int
    question: Question
    status: str  # one of STATUSES


@dataclass(frozen=True)
class ReviewPlan:
    items: tuple[ReviewItem, ...]  # the questions to ask, in order
    counts: dict[str, int]  # per status, over every question of the banks reviewed
    banks: tuple[str, ...]  # every bank reviewed (what the hand-in covers)
    problems: tuple[str, ...] = ()  # banks that could not be loaded

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(i.question for i in self.items)

    @property
    def question_banks(self) -> tuple[str, ...]:
        return tuple(i.bank for i in self.items)

    def as_bank(self, title: str = "Course review", lesson: int = 6) -> Bank:
        """The chosen questions as one bank for :class:`~widgets.selfcheck.SelfCheck` (with ``question_banks``)."""
        return Bank(id=REVIEW_BANK, title=title, lesson=lesson, questions=self.questions)


def question_status(question: Question, attempt) -> str:
    """'wrong', 'unmarked', 'not-tried' or 'right' for a question and its latest saved attempt (or None)."""
    result = saved_result(question, attempt)
    if result is None:
        return "not-tried"
    if result.correct is None:
        return "unmarked"
    return "right" if result.correct else "wrong"


def _interleave(groups: list[list[ReviewItem]]) -> list[ReviewItem]:
    return [item for row in zip_longest(*groups) for item in row if item is not None]


def review_plan(
    store: ProgressStore,
    folder: str | os.PathLike[str] | None = None,
    *,
    size: int = 10,
    exclude: tuple[str, ...] = (),
    before_lesson: int | None = None,
    include_right: bool = True,
) -> ReviewPlan:
    """Choose up to ``size`` questions from every bank (but ``exclude``, and banks of lessons from
    ``before_lesson`` on): wrong first, then unmarked, then not tried.

    Questions answered right fill the rest only when ``include_right`` and fewer than ``size``
    others are left. Reads the store once per bank.
    """
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a whole number of questions, 1 or more (got {size!r})")
    banks: list[Bank] = []
    problems: list[str] = []
    for bid in bank_ids(folder):
        if bid in exclude:
            continue
        try:
            bank = load_bank(bid, folder)
        except DataError as exc:
            problems.append(str(exc))
            continue
        if before_lesson is None or bank.lesson < before_lesson:
            banks.append(bank)
    banks.sort(key=lambda b: (b.lesson, b.id))
    by_status: dict[str, list[list[ReviewItem]]] = {s: [] for s in STATUSES}
    counts = {s: 0 for s in STATUSES}
    for bank in banks:
        latest = store.latest(bank.id)
        groups: dict[str, list[ReviewItem]] = {s: [] for s in STATUSES}
        for q in bank.questions:
            status = question_status(q, latest.get(q.id))
            groups[status].append(ReviewItem(bank.id, bank.lesson, q, status))
            counts[status] += 1
        for s in STATUSES:
            by_status[s].append(groups[s])
    order = [s for s in STATUSES if include_right or s != "right"]
    chosen: list[ReviewItem] = []
    for s in order:
        chosen.extend(_interleave(by_status[s]))
    return ReviewPlan(tuple(chosen[:size]), counts, tuple(b.id for b in banks), tuple(problems))


def plan_html(plan: ReviewPlan) -> str:
    """The sentence above the review: what it asks first and why (escaped)."""
    c = plan.counts
    total = sum(c.values())
    if not plan.items:
        return "<p>There are no self-check questions to review yet.</p>"
    asked = {s: sum(1 for i in plan.items if i.status == s) for s in STATUSES}
    parts = [f"{plural(asked[s], 'question')} {STATUS_LABELS[s]}" for s in STATUSES if asked[s]]
    lessons = sorted({i.lesson for i in plan.items})
    where = "lesson " + str(lessons[0]) if len(lessons) == 1 else "lessons " + ", ".join(map(str, lessons[:-1])) + f" and {lessons[-1]}"
    done = total - c["not-tried"]
    first = (
        f"<p>You have not answered any of the {plural(total, 'question')} in the course's "
        f"{plural(len(plan.banks), 'self-check')} yet.</p>"
    ) if done == 0 else (
        f"<p>Across the course's {plural(len(plan.banks), 'self-check')} ({plural(total, 'question')}) you have answered "
        f"{done}: {c['right']} right, {c['wrong']} not yet right"
        + (f", {c['unmarked']} written and not marked" if c["unmarked"] else "")
        + f"; {c['not-tried']} are not tried yet.</p>"
    )
    second = (
        f"<p>This review asks first what you got wrong, then what you have not tried: {esc('; '.join(parts))}, "
        f"from {esc(where)}. Your answers here count in the lessons' self-checks too.</p>"
    )
    return first + second

"""Lesson 4's activities as widgets: ``WhatMadeItWork`` and ``TransferExercise``.

Scores, encodings and feedback HTML live in :mod:`widgets.cases.activities`; attempts go to the
progress store (``widgets.progress``), so they are kept between sessions and handed in.
"""

from __future__ import annotations

import os
from typing import Sequence

import ipywidgets as ipw

from widgets.data import Case, DataError, load_cases
from widgets.data.records import CASE_FACTORS
from widgets.progress import ProgressStore, default_store, now_iso
from widgets.ui.choices import RadioGroup
from widgets.ui.html import box, esc
from widgets.ui.style import ORANGE, TEXT_STYLE

from .activities import (
    RATING_BANK,
    TRANSFER_BANK,
    TRANSFER_CHOICES,
    TRANSFER_QUESTION,
    comparison_html,
    decode_transfer,
    latest_ratings,
    missing_ratings,
    rating_attempt,
    transfer_attempt,
    transfer_feedback_html,
)
from .model import FACTOR_LABELS, FACTOR_QUESTIONS, LEVEL_LABELS, short_title

__all__ = ["WhatMadeItWork", "TransferExercise"]

_LEVEL_BY_LABEL = {label: level for level, label in LEVEL_LABELS.items()}
_CHOICE_BY_LABEL = {label: key for key, label in TRANSFER_CHOICES.items()}


class WhatMadeItWork(ipw.VBox):
    """Rate the eight factors for one case, then compare with the course's sourced coding."""

    def __init__(self, cases: Sequence[Case], store: ProgressStore | None = None, case_id: str | None = None):
        coded = [c for c in cases if c.factors]
        if not coded:
            raise DataError("WhatMadeItWork: no case codes its factors (expected [[cases.factors]] tables)")
        self.cases = tuple(coded)
        self.store = store if store is not None else default_store()
        titles = [short_title(c) for c in self.cases]
        first = next((c for c in self.cases if c.id == case_id), self.cases[0])
        self.picker = RadioGroup(options=titles, value=short_title(first), description="Case")
        self._ratings: dict[str, RadioGroup] | None = None
        self.grid = ipw.VBox(layout=ipw.Layout(width="100%"))
        # The eight rating groups are built on the first click (or first use from code): a lesson
        # page full of widget models that all start at once is slow to draw on a busy machine.
        self.start = ipw.Button(description="Rate the factors for this case", icon="pencil",
                                layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.compare = ipw.Button(description="Compare with the course", button_style="primary",
                                  tooltip="Save your ratings and see the course's sourced coding",
                                  layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.feedback = ipw.HTML(layout=ipw.Layout(width="100%"))
        intro = ipw.HTML(f'<p style="{TEXT_STYLE};margin:0">Choose a case and rate how strongly each factor was '
                         "present, from what you have read. Then compare your ratings with the course's coding "
                         "and its sources. Your ratings are saved with your answers; they are not marked.</p>")
        self.picker.observe(lambda _c: self._load(), "value")
        self.start.on_click(lambda _b: self.ratings)
        self.compare.on_click(lambda _b: self.check())
        super().__init__([intro, self.picker, self.start, self.grid, self.compare, self.feedback],
                         layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-factors")
        self._load()

    @property
    def ratings(self) -> dict[str, RadioGroup]:
        """The eight rating groups (built, and filled from the store, on first use)."""
        if self._ratings is None:
            self._ratings = {
                name: RadioGroup(options=list(LEVEL_LABELS.values()),
                                 description=f"{FACTOR_LABELS[name]}: {FACTOR_QUESTIONS[name]}")
                for name in CASE_FACTORS}
            self.grid.children = tuple(self._ratings.values())
            self.start.layout.display = "none"
            self._load()
        return self._ratings

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, case_id: str | None = None) -> "WhatMadeItWork":
        return cls(load_cases(folder), None, case_id)

    @property
    def case(self) -> Case:
        return next(c for c in self.cases if short_title(c) == self.picker.value)

    def current(self) -> dict[str, str]:
        if self._ratings is None:
            return {}
        return {name: _LEVEL_BY_LABEL[w.value] for name, w in self._ratings.items() if w.value in _LEVEL_BY_LABEL}

    def _load(self) -> None:
        saved = latest_ratings(self.store.latest(RATING_BANK), self.case.id)
        for name, w in (self._ratings or {}).items():
            w.value = LEVEL_LABELS[saved[name]] if name in saved else None
        self.feedback.value = comparison_html(self.case, saved) if saved else ""

    def check(self) -> None:
        ratings = self.current()
        missing = missing_ratings(ratings)
        if missing:
            self.feedback.value = box(ORANGE, f"<p>Rate every factor first. Still to rate: {esc(', '.join(missing))}.</p>")
            return
        self.store.record(rating_attempt(self.case, ratings, now_iso()))
        self.feedback.value = comparison_html(self.case, ratings)


class TransferExercise(ipw.VBox):
    """For each factor: could it carry over to today's US–Russia talks? A choice and a reason each."""

    def __init__(self, cases: Sequence[Case] = (), store: ProgressStore | None = None):
        self.cases = tuple(cases)
        self.store = store if store is not None else default_store()
        self._choices: dict[str, RadioGroup] | None = None
        self._reasons: dict[str, ipw.Textarea] = {}
        self.rows = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.start = ipw.Button(description="Start the exercise", icon="pencil", layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.save = ipw.Button(description="Save my answers", button_style="primary",
                               tooltip="Save your choices and reasons, then see the course's view",
                               layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.feedback = ipw.HTML(layout=ipw.Layout(width="100%"))
        intro = ipw.HTML(f'<p style="{TEXT_STYLE};margin:0">Which of these factors could carry over to today\'s '
                         "US–Russia talks, which could not, and why? Give a choice and a reason for each. "
                         "Your answers are saved and handed in; they are not marked.</p>")
        self.start.on_click(lambda _b: self.choices)
        self.save.on_click(lambda _b: self.submit())
        super().__init__([intro, self.start, self.rows, self.save, self.feedback], layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-transfer")
        if self.store.latest(TRANSFER_BANK).get(TRANSFER_QUESTION) is not None:
            self.choices  # a student who saved before sees their answers at once

    @property
    def choices(self) -> dict[str, RadioGroup]:
        """One choice per factor (built, with the reasons, and filled from the store, on first use)."""
        if self._choices is None:
            self._choices = {}
            rows = []
            for name in CASE_FACTORS:
                self._choices[name] = RadioGroup(options=list(TRANSFER_CHOICES.values()),
                                                 description=f"{FACTOR_LABELS[name]}: could it carry over?")
                self._reasons[name] = ipw.Textarea(placeholder="Why, or why not? One or two sentences.",
                                                   description="Reason",
                                                   layout=ipw.Layout(width="100%", height="3.5em"),
                                                   style={"description_width": "initial"})
                rows.append(ipw.VBox([self._choices[name], self._reasons[name]], layout=ipw.Layout(width="100%")))
            self.rows.children = tuple(rows)
            self.start.layout.display = "none"
            self._load()
        return self._choices

    @property
    def reasons(self) -> dict[str, ipw.Textarea]:
        self.choices
        return self._reasons

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "TransferExercise":
        return cls(load_cases(folder))

    def current(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._choices is None:
            return {}, {}
        choices = {n: _CHOICE_BY_LABEL[w.value] for n, w in self._choices.items() if w.value in _CHOICE_BY_LABEL}
        reasons = {n: w.value.strip() for n, w in self._reasons.items() if w.value.strip()}
        return choices, reasons

    def _load(self) -> None:
        saved = self.store.latest(TRANSFER_BANK).get(TRANSFER_QUESTION)
        if saved is None or self._choices is None:
            return
        choices, reasons = decode_transfer(saved.answer)
        for name in CASE_FACTORS:
            self._choices[name].value = TRANSFER_CHOICES[choices[name]] if name in choices else None
            self._reasons[name].value = reasons.get(name, "")

    def submit(self) -> None:
        choices, reasons = self.current()
        if not choices:
            self.feedback.value = box(ORANGE, "<p>Choose for at least one factor before saving.</p>")
            return
        self.store.record(transfer_attempt(choices, reasons, now_iso()))
        self.feedback.value = transfer_feedback_html(choices, reasons, self.cases)

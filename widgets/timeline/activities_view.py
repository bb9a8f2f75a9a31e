"""The timeline's activities: "put these events in order" and the narratives compared.

* :class:`OrderEvents`: a random set of events to put in order; each attempt goes to the
  progress store.
* :class:`NarrativeCompare`: the US and Russian accounts of a contested event side by side.
"""

from __future__ import annotations

import os
import random
from datetime import datetime, timezone
from typing import Any, Sequence

import ipywidgets as ipw

from widgets.data import Event, load_events
from widgets.ui.html import esc

from .activities import draw_set, order_feedback_html, score_order
from .details import narratives_html
from .model import date_text, list_label

__all__ = ["NarrativeCompare", "OrderEvents"]


class OrderEvents(ipw.VBox):
    """Put a random set of events in chronological order; each attempt goes to the progress store."""

    BANK = "order-events"

    def __init__(self, events: Sequence[Event], n: int = 4, seed: int | None = None, store: Any = None):
        self.events = tuple(events)
        self.n = n
        self.rng = random.Random(seed)
        self._store = store
        self._warned = False
        self.correct: tuple[Event, ...] = ()
        self.order: list[Event] = []

        self.prompt = ipw.HTML()
        self.items = ipw.Select(options=[], description="Your order", rows=n, style={"description_width": "initial"},
                                layout=ipw.Layout(width="44em"))
        self.up_button = ipw.Button(description="Move up", icon="arrow-up", tooltip="Move the chosen event earlier")
        self.down_button = ipw.Button(description="Move down", icon="arrow-down", tooltip="Move the chosen event later")
        self.check_button = ipw.Button(description="Check my order", button_style="primary", icon="check")
        self.new_button = ipw.Button(description="New set", icon="refresh", tooltip="Draw other events")
        self.feedback = ipw.HTML()
        self.up_button.on_click(lambda _b: self.move(-1))
        self.down_button.on_click(lambda _b: self.move(+1))
        self.check_button.on_click(lambda _b: self.check())
        self.new_button.on_click(lambda _b: self.new_set())
        super().__init__(
            [
                self.prompt,
                self.items,
                ipw.HBox([self.up_button, self.down_button, self.check_button, self.new_button]),
                self.feedback,
            ]
        )
        self.add_class("course-widget")
        self.add_class("course-order")
        self.new_set()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, n: int = 4, seed: int | None = None,
                  store: Any = None) -> "OrderEvents":
        return cls(load_events(folder), n=n, seed=seed, store=store)

    @property
    def store(self):
        if self._store is None:
            from widgets.progress import default_store  # lazily: only when a student checks an answer

            self._store = default_store()
        return self._store

    @property
    def set_id(self) -> str:
        """The set's id in the progress store: its event ids in chronological order."""
        return ",".join(e.id for e in self.correct)

    def new_set(self) -> None:
        self.correct = draw_set(self.events, self.n, self.rng)
        order = list(self.correct)
        while [e.id for e in order] == [e.id for e in self.correct]:
            self.rng.shuffle(order)
        self.order = order
        self.prompt.value = (
            f"<p>Put these {self.n} events in order, <b>earliest first</b>: choose one in the list "
            "(arrow keys) and move it with <i>Move up</i> / <i>Move down</i>, then press <i>Check my order</i>.</p>"
        )
        self.feedback.value = ""
        self._show(0)

    def _show(self, focus: int | None) -> None:
        self.items.options = [(f"{k}. {e.title}", k - 1) for k, e in enumerate(self.order, 1)]
        self.items.value = focus

    def move(self, step: int) -> None:
        """Move the chosen event one place earlier (-1) or later (+1)."""
        k = self.items.value
        if k is None:
            self.feedback.value = "<p>Choose an event in the list first.</p>"
            return
        j = k + step
        if not 0 <= j < len(self.order):
            return
        self.order[k], self.order[j] = self.order[j], self.order[k]
        self._show(j)

    def check(self) -> float:
        """Score the current order, show the dates and record the attempt."""
        answer = [e.id for e in self.order]
        score = score_order(answer, [e.id for e in self.correct])
        correct = answer == [e.id for e in self.correct]
        html_out = order_feedback_html(self.order, self.correct, score)
        note = self._record(",".join(answer), correct, score)
        self.feedback.value = html_out + note
        return score

    def _record(self, answer: str, correct: bool, score: float) -> str:
        try:
            from widgets.progress import Attempt

            self.store.record(
                Attempt(
                    bank=self.BANK,
                    question=self.set_id,
                    answer=answer,
                    correct=correct,
                    score=score,
                    time=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                )
            )
            warning = getattr(self.store, "warning", None)
        except Exception as exc:  # recording must never cost the student their feedback
            warning = f"Your answer could not be saved ({exc})."
        if warning and not self._warned:
            self._warned = True
            return f"<p><small>{esc(warning)}</small></p>"
        return ""


# ---------------------------------------------------------------- narratives compared


class NarrativeCompare(ipw.VBox):
    """Choose a contested event and read the US and Russian accounts side by side."""

    def __init__(self, events: Sequence[Event]):
        self.events = tuple(e for e in events if e.contested)
        self.choice = ipw.Dropdown(
            options=[(list_label(e), e.id) for e in self.events],
            value=self.events[0].id if self.events else None,
            description="Contested event",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="44em"),
        )
        self.panel = ipw.HTML()
        self.choice.observe(lambda _c: self._show(), "value")
        super().__init__([self.choice, self.panel])
        self.add_class("course-widget")
        self.add_class("course-narratives")
        self._show()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "NarrativeCompare":
        return cls(load_events(folder))

    def _show(self) -> None:
        ev = next((e for e in self.events if e.id == self.choice.value), None)
        if ev is None:
            self.panel.value = (
                "<p>No contested events in this data: an event is contested when it gives both "
                "a US and a Russian account (see data/README.md, 'narratives').</p>"
            )
            return
        self.panel.value = (
            f"<h4 style='margin:0.3em 0'>{esc(ev.title)}</h4>"
            f"<p><b>Date:</b> {esc(date_text(ev))}</p>"
            f"<p><b>What happened (course summary):</b> {esc(ev.summary)}</p>"
            + narratives_html(ev)
        )

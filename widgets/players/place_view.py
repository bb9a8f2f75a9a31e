"""The "place an actor yourself" activity as a widget: ``PlaceActor.from_data()``.

The student chooses a negotiation and one of its actors, gives an interest and an influence score
(0–10, number boxes: typed, or stepped with the arrow keys), sees the point on a small grid, and
presses **Compare with the course**: the attempt goes to the progress store, and the course's
placement appears on the grid with its reason and source. The maths and HTML are in
:mod:`widgets.players.placing`.
"""

from __future__ import annotations

import os
from typing import Any, Sequence

import ipywidgets as ipw

from widgets.data import DataError, Event, PartialDate, Placement, Player, load_events, load_players, load_stakeholders
from widgets.ui.html import esc
from widgets.ui.page import helper
from widgets.ui.style import TEXT_STYLE

from .placing import BANK, compare_placement, comparison_html, grid_svg, placing_answer, placing_id, read_answer

__all__ = ["PlaceActor"]


class PlaceActor(ipw.VBox):
    """Place an actor of a negotiation on the interest–influence grid, then compare with the course."""

    BANK = BANK

    def __init__(self, placements: Sequence[Placement], players: Sequence[Player] = (), events: Sequence[Event] = (),
                 negotiation: str | None = None, player: str | None = None, store: Any = None):
        if not placements:
            raise DataError("PlaceActor: the stakeholders data is empty (expected rows in stakeholders.csv)")
        self.placements = tuple(placements)
        self.names = {p.id: p.name for p in players}
        self.events = {e.id: e for e in events}
        self._store = store
        self._warned = False
        order = list(dict.fromkeys(p.negotiation for p in self.placements))
        order.sort(key=lambda n: (self.events[n].date if n in self.events else PartialDate(9999), n))
        if negotiation is not None and negotiation not in order:
            raise DataError(f"PlaceActor: no placements for the negotiation {negotiation!r} (placed: {', '.join(order)})")
        wide = {"description_width": "initial"}
        self.negotiation = ipw.Dropdown(options=[(self._title(n), n) for n in order], value=negotiation or order[0],
                                        description="Negotiation", style=wide, layout=ipw.Layout(width="36em", max_width="100%"))
        self.actor = ipw.Dropdown(options=self._actor_options(), description="Actor", style=wide,
                                  layout=ipw.Layout(width="36em", max_width="100%"))
        if player is not None:
            if player not in [v for _, v in self.actor.options]:
                raise DataError(f"PlaceActor: {player!r} is not placed for {self.negotiation.value!r}")
            self.actor.value = player
        self.interest = ipw.BoundedIntText(value=5, min=0, max=10, description="Interest (0–10)", style=wide,
                                           layout=ipw.Layout(width="13em"))
        self.influence = ipw.BoundedIntText(value=5, min=0, max=10, description="Influence (0–10)", style=wide,
                                            layout=ipw.Layout(width="13em"))
        self.compare_button = ipw.Button(description="Compare with the course", icon="balance-scale",
                                         tooltip="Record your placement and see the course's, with its reason",
                                         layout=ipw.Layout(width="auto", max_width="100%", height="auto",
                                                           align_self="flex-start"))
        self.compare_button.add_class("course-wrap-button")
        self.grid = ipw.HTML(layout=ipw.Layout(width="20em", max_width="100%"))
        self.feedback = ipw.HTML()
        self.helper = helper()  # course stylesheet (the Compare button wraps)
        self.compared = False
        self.negotiation.observe(self._on_negotiation, "value")
        self.actor.observe(lambda _c: self._reset(), "value")
        for box in (self.interest, self.influence):
            box.observe(lambda _c: self._on_numbers(), "value")
        self.compare_button.on_click(lambda _b: self.compare())
        row = ipw.HBox([self.interest, self.influence], layout=ipw.Layout(flex_flow="row wrap"))
        controls = ipw.VBox([self.negotiation, self.actor, row, self.compare_button],
                            layout=ipw.Layout(flex="1 1 22em", min_width="0"))
        super().__init__([
            ipw.HTML(f'<p style="{TEXT_STYLE}">Choose an actor, give your own interest and influence scores, then '
                     "compare them with the course's placement. Your placements are saved with your progress.</p>"),
            ipw.HBox([controls, self.grid], layout=ipw.Layout(flex_flow="row wrap", align_items="flex-start")),
            self.feedback,
            self.helper,
        ])
        self.add_class("course-widget")
        self.add_class("course-place-actor")
        self._reset()

    @classmethod
    def from_data(cls, negotiation: str | None = None, folder: str | os.PathLike[str] | None = None,
                  store: Any = None) -> "PlaceActor":
        return cls(load_stakeholders(folder), load_players(folder), load_events(folder), negotiation, store=store)

    # ------------------------------------------------------------ state

    @property
    def store(self):
        if self._store is None:
            from widgets.progress import default_store  # lazily: only when a student compares

            self._store = default_store()
        return self._store

    @property
    def placement(self) -> Placement:
        return next(p for p in self.placements
                    if p.negotiation == self.negotiation.value and p.player == self.actor.value)

    def _title(self, negotiation: str) -> str:
        e = self.events.get(negotiation)
        return f"{e.title} ({e.date.year})" if e else negotiation

    def _name(self, player: str) -> str:
        return self.names.get(player, player)

    def _actor_options(self) -> list[tuple[str, str]]:
        here = [p.player for p in self.placements if p.negotiation == self.negotiation.value]
        return sorted(((self._name(p), p) for p in here), key=lambda o: o[0].casefold())

    # ------------------------------------------------------------ handlers

    def _on_negotiation(self, _change=None) -> None:
        self.actor.options = self._actor_options()  # selects the first actor, which resets
        self._reset()

    def _on_numbers(self) -> None:
        if self.compared:  # a changed placement is compared again on request
            self.compared = False
            self.feedback.value = "<p><i>Changed: press “Compare with the course” again.</i></p>"
        self._draw()

    def _reset(self) -> None:
        self.compared = False
        last = self._last_attempt()
        if last is not None:
            self.interest.value, self.influence.value = last
            self.compared = False  # (setting the numbers went through _on_numbers)
            self.feedback.value = (f"<p><i>Your last placement of {esc(self._name(self.actor.value))} is shown; "
                                   "press “Compare with the course” to see the course's again.</i></p>")
        else:
            self.feedback.value = ""
        self._draw()

    def _last_attempt(self) -> tuple[int, int] | None:
        try:
            qid = placing_id(self.negotiation.value, self.actor.value)
            attempts = [a for a in self.store.attempts(BANK) if a.question == qid]
        except Exception:  # reading progress must never stop the activity
            return None
        return read_answer(attempts[-1].answer) if attempts else None

    def _draw(self) -> None:
        course = None
        if self.compared:
            p = self.placement
            course = (p.interest, p.influence)
        self.grid.value = grid_svg((self.interest.value, self.influence.value), course, self._name(self.actor.value))

    # ------------------------------------------------------------ actions

    def compare(self) -> float:
        """Record the student's placement, then show the course's with its reason; return the score."""
        p = self.placement
        c = compare_placement(self.interest.value, self.influence.value, p)
        note = self._record(c)
        self.compared = True
        self._draw()
        self.feedback.value = comparison_html(c, p, self._name(p.player)) + note
        return c.score

    def _record(self, c) -> str:
        try:
            from widgets.progress import Attempt, now_iso

            self.store.record(Attempt(bank=BANK, question=placing_id(self.negotiation.value, self.actor.value),
                                      answer=placing_answer(c.interest, c.influence), correct=c.same_quadrant,
                                      score=c.score, time=now_iso()))
            warning = getattr(self.store, "warning", None)
        except Exception as exc:  # recording must never cost the student their feedback
            warning = f"Your placement could not be saved ({exc})."
        if warning and not self._warned:
            self._warned = True
            return f"<p><small>{esc(warning)}</small></p>"
        return ""

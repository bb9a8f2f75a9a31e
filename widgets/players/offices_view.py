"""Who held office on a date, and who negotiated an event: the office lookup widget."""

from __future__ import annotations

import os
from typing import Sequence

import ipywidgets as ipw

from widgets.data import DataError, Event, Player, load_events, load_players
from widgets.timeline.model import date_text
from widgets.ui.html import esc

from .model import _day_text
from .offices import holders_table_html, negotiation_events, negotiators, office_holders, parse_day

__all__ = ["OfficeLookup"]


class OfficeLookup(ipw.VBox):
    """Who held the four tracked offices on a date; and, for a negotiation, who held office on its
    date and who is recorded as negotiating it ("Who negotiated the INF Treaty?")."""

    def __init__(self, players: Sequence[Player] | None = None, events: Sequence[Event] | None = None,
                 folder: str | os.PathLike[str] | None = None):
        self.players = tuple(players) if players is not None else load_players(folder)
        self.events = tuple(events) if events is not None else load_events(folder)
        if not self.players:
            raise DataError("OfficeLookup: the players data is empty (expected at least one [[players]] record)")
        wide = {"description_width": "initial"}
        self.date = ipw.Text(value="", description="Date (YYYY-MM-DD)", placeholder="type a date, then Enter",
                             continuous_update=False, style=wide)
        self.show_button = ipw.Button(description="Show office-holders", tooltip="Show who held each office on this day")
        self.result = ipw.HTML("<p><i>Type a date and press Enter to see who held each office on that day.</i></p>")
        self._negotiations = negotiation_events(self.players, self.events)
        # The prompt's value is "", not None: ipywidgets 8 shows value None as an empty box.
        self.event = ipw.Dropdown(
            options=[("(choose a negotiation)", "")]
            + [(f"{e.date.display()}: {e.title}", e.id) for e in self._negotiations],
            value="", description="Negotiation", style=wide, layout=ipw.Layout(width="40em", max_width="100%"),
        )
        self.event_result = ipw.HTML()
        self.date.observe(lambda _c: self.show(), "value")
        self.show_button.on_click(lambda _b: self.show())
        self.event.observe(lambda c: self.show_event(c["new"]), "value")
        super().__init__([
            ipw.HTML("<p><strong>Who held office on a given day?</strong></p>"),
            ipw.HBox([self.date, self.show_button], layout=ipw.Layout(flex_flow="row wrap")),
            self.result,
            ipw.HTML("<p><strong>Who negotiated it?</strong> Choose a negotiation to see who held the four "
                     "offices on its date, and who the course records as negotiating it.</p>"),
            self.event,
            self.event_result,
        ])
        self.add_class("course-widget")
        self.add_class("course-office-lookup")

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "OfficeLookup":
        return cls(folder=folder)

    def show(self, text: str | None = None) -> None:
        """Look up the date typed in the box (or ``text``)."""
        if text is not None:
            self.date.value = text  # observing the box calls show() again
            return
        try:
            day = parse_day(self.date.value)
        except ValueError as exc:
            self.result.value = f'<p role="alert"><strong>{esc(str(exc))}</strong></p>'
            return
        held = office_holders(day, self.players)
        self.result.value = (f'<p role="status" aria-live="polite">Office-holders on {esc(_day_text(day))}:</p>'
                             + holders_table_html(held, day, self.players))

    def show_event(self, event_id: str | None) -> None:
        """The office-holders on a negotiation's date, and its recorded negotiators."""
        event = next((e for e in self._negotiations if e.id == event_id), None)
        if event is None:
            self.event_result.value = ""
            return
        who = negotiators(event.id, self.players)
        day = event.date.first_day()
        if event.date.precision == "day":
            held = office_holders(day, self.players)
            when = f"on {esc(_day_text(day))}"
        else:
            held = office_holders(day, self.players, until=event.date.last_day())
            when = f"at some time in {esc(event.date.display())} (the date is known only to the {event.date.precision})"
        single = event.date.precision == "day"
        names = "".join(
            f"<li>{esc(p.name)} ({esc(p.country)})</li>" for p in who
        ) or "<li><em>none recorded</em></li>"
        self.event_result.value = (
            f'<div role="status" aria-live="polite"><p><strong>{esc(event.title)}</strong>, '
            f"{esc(date_text(event))}</p>"
            f"<p>Office-holders {when}:</p>{holders_table_html(held, day, self.players, {p.id for p in who}, single)}"
            f"<p>Players whose recorded negotiations include it:</p><ul>{names}</ul></div>"
        )

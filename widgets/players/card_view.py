"""One player's card as a widget: the card's HTML, its negotiations as buttons, its sources."""

from __future__ import annotations

import functools
import os
from functools import cached_property
from typing import Any, Callable, Mapping

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import HTMLStyle

from widgets.data import DataError, Event, Player, load_events, load_players
from widgets.ui.html import esc, sources_html

from .cards import card_html, event_html
from .model import _event_label

__all__ = ["CardLook", "PlayerCard"]


class CardLook:
    """Layout and style models shared by the widgets of cards: a deck passes one to all its cards.

    Left alone, every HTML makes its own Layout and HTMLStyle model and every Button its own Layout
    and ButtonStyle: in a kernel each is a comm message, and in the browser a model (a deck page of
    six cards made ~190 models, ~70 of them Layouts). The card's texts and negotiation buttons
    need nothing of their own, so they share these, which are never changed once made.
    """

    @cached_property
    def plain(self) -> ipw.Layout:
        return ipw.Layout()

    @cached_property
    def html_style(self) -> HTMLStyle:
        return HTMLStyle()

    @cached_property
    def button(self) -> ipw.Layout:
        return ipw.Layout(width="auto", max_width="100%", height="auto")

    @cached_property
    def button_style(self) -> ipw.ButtonStyle:
        return ipw.ButtonStyle()

    @cached_property
    def row(self) -> ipw.Layout:  # a wrapping row of buttons
        return ipw.Layout(flex_flow="row wrap", max_width="100%")

    @cached_property
    def card(self) -> ipw.Layout:
        return ipw.Layout(border="1px solid #999999", padding="0.6em", margin="0.3em", width="23em")

    def html(self, value: str = "") -> ipw.HTML:
        return ipw.HTML(value, layout=self.plain, style=self.html_style)


class PlayerCard(ipw.VBox):
    """One player: monogram (or portrait), name, kind, country, profile, roles with tenures,
    the player's negotiations as buttons, and sources.

    The first :attr:`SHOWN` negotiations are shown; a player with more (the United States has
    over 20) gets a "Show all N negotiations" button, so no card grows to several screens. Button
    labels wrap (``course-wrap-button`` in the course stylesheet) instead of ending in "…".

    ``on_negotiation(event_id)`` is called when a negotiation button is pressed; without it the
    card shows the event's title, date and summary itself.
    """

    SHOWN = 6

    def __init__(
        self,
        player: Player,
        events: Mapping[str, Event] | None = None,
        on_negotiation: Callable[[str], Any] | None = None,
        folder: str | os.PathLike[str] | None = None,
        standalone: bool = True,
        look: CardLook | None = None,
    ):
        look = look if look is not None else CardLook()
        self.player = player
        self.events = dict(events or {})
        self.on_negotiation = on_negotiation
        self.text = look.html(card_html(player, folder))
        self.buttons: dict[str, ipw.Button] = {}
        for event_id in player.negotiations:
            event = self.events.get(event_id)
            label = _event_label(event, event_id)
            button = ipw.Button(
                description=label,
                tooltip=f"Open {label}" if on_negotiation else f"Read about {label}",
                layout=look.button,
                style=look.button_style,
            )
            button.add_class("course-wrap-button")
            button.on_click(functools.partial(self._on_button, event_id))
            self.buttons[event_id] = button
        self.event_panel = look.html()
        self.sources = look.html(f"<p style='margin:.3em 0 0'><strong>Sources</strong></p>{sources_html(player.sources)}")
        children: list[ipw.Widget] = [self.text]
        buttons = list(self.buttons.values())
        wrap = {"flex_flow": "row wrap", "max_width": "100%"}
        self.more_box = ipw.HBox(buttons[self.SHOWN:], layout=ipw.Layout(display="none", **wrap))
        self.more_button = None
        if len(buttons) > self.SHOWN:
            self.more_button = ipw.Button(description=f"Show all {len(buttons)} negotiations", icon="plus",
                                          tooltip=f"Show the other {len(buttons) - self.SHOWN} negotiations")
            self.more_button.on_click(lambda _b: self.show_all(self.more_box.layout.display == "none"))
        if self.buttons:
            count = f" ({len(buttons)})" if self.more_button else ""
            children += [
                look.html(f"<strong>Key negotiations</strong>{count} (press one to read about it)"),
                ipw.HBox(buttons[: self.SHOWN], layout=look.row),
                self.more_box,
                *([self.more_button] if self.more_button else []),
                self.event_panel,
            ]
        children.append(self.sources)
        super().__init__(children, layout=look.card)
        self.add_class("course-card")
        self.add_class("course-player-card")
        if standalone:
            self.add_class("course-widget")

    @classmethod
    def from_data(cls, player_id: str, folder: str | os.PathLike[str] | None = None) -> "PlayerCard":
        """The card of one player of the course's data (or of an instructor's folder)."""
        players = {p.id: p for p in load_players(folder)}
        if player_id not in players:
            raise DataError(f"PlayerCard: no player with id {player_id!r} in the players data")
        return cls(players[player_id], {e.id: e for e in load_events(folder)}, folder=folder)

    def show_all(self, everything: bool = True) -> None:
        """Show every negotiation (or only the first :attr:`SHOWN` again)."""
        if self.more_button is None:
            return
        self.more_box.layout.display = "flex" if everything else "none"
        n = len(self.buttons)
        self.more_button.description = f"Show the first {self.SHOWN} only" if everything else f"Show all {n} negotiations"
        self.more_button.icon = "minus" if everything else "plus"

    def _on_button(self, event_id: str, _button=None) -> None:
        self.choose(event_id)

    def choose(self, event_id: str) -> None:
        """What pressing a negotiation's button does."""
        if self.on_negotiation is not None:
            self.on_negotiation(event_id)
            return
        event = self.events.get(event_id)
        if event is None:
            self.event_panel.value = f"<p>No details recorded for the event “{esc(event_id)}”.</p>"
        else:
            self.event_panel.value = event_html(event)

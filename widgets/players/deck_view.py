"""The card deck: every player as a card, with filters, sorting, a tenure chart and a comparison.

Pressing one of a card's negotiations opens it in a linked :class:`~widgets.timeline.Timeline`
(or in the deck's own event panel). The maths and text are in :mod:`widgets.players.model`.
"""

from __future__ import annotations

import functools
import os
from datetime import date
from typing import Any, Sequence

import ipywidgets as ipw

from widgets.data import ROLE_KINDS, DataError, Event, Player, load_events, load_players
from widgets.ui.html import esc, fold
from widgets.ui.page import helper

from .card_view import CardLook, PlayerCard
from .cards import event_html
from .figure_view import sync_figure, tenure_figure
from .model import (
    SORT_KEYS,
    _index,
    _matching,
    _sort_key,
    _spans,
    _unique_labels,
    tenure_labels,
    no_match_message,
    overlap_text,
    role_kind_label,
    role_span,
    sort_players,
    tenure_bars,
)

__all__ = ["CardDeck"]


class CardDeck(ipw.VBox):
    """All players as cards, with filters, sorting, a tenure chart, a comparison and an event panel.

    Filters: country, role kind, "in office in year" (tick the box, or type a year) and a search;
    sorting by name, first year in office or number of negotiations. The deck shows a page of
    cards at a time and the tenures of the first ``CHART_LIMIT`` matching players on one time axis.
    Pressing one of a card's negotiations opens it in a linked :class:`~widgets.timeline.Timeline`
    (:meth:`link_timeline`), or shows it in the deck when there is no timeline.
    """

    PAGE_SIZE = 6
    CHART_LIMIT = 50

    def __init__(
        self,
        players: Sequence[Player],
        events: Sequence[Event] = (),
        *,
        folder: str | os.PathLike[str] | None = None,
        timeline: Any = None,
        country: str | None = None,
        role_kind: str | None = None,
        year: int | None = None,
        query: str = "",
        sort: str = "name",
        intro: str = "",
    ):
        if not players:
            raise DataError("CardDeck: the players data is empty (expected at least one [[players]] record)")
        _sort_key(sort)  # an unknown key fails here, with the list of known keys
        self.players: tuple[Player, ...] = tuple(players)
        self.events: dict[str, Event] = {e.id: e for e in events}
        self.folder = folder
        self.names = {p.id: p.name for p in self.players}
        self._ix = _index(self.players, {k: e.title for k, e in self.events.items()})
        self._pos = {p.id: i for i, p in enumerate(self.players)}
        self._cards: dict[str, PlayerCard] = {}
        self._look = CardLook()  # one set of Layout/style models for every card of the deck
        self._busy = False
        self.timeline: Any = None
        self.matching: tuple[Player, ...] = ()
        self.page = 0

        countries = sorted({p.country for p in self.players}, key=fold)
        kinds = [k for k in ROLE_KINDS if any(r.kind == k for p in self.players for r in p.roles)]
        spans = [s for p in self.players for s in _spans(p)]
        lo = min((s[1] for s in spans), default=0)
        hi = max((s[2] for s in spans if s[2] < date.max.year), default=lo)
        self.year_bounds = (lo, hi)
        wide = {"description_width": "initial"}

        # "All countries" and "Any role" have the value "" (``filters`` reads it as None): ipywidgets 8
        # turns an option's value None into "nothing selected" and shows an empty box.
        self.country = ipw.Dropdown(options=[("All countries", "")] + [(c, c) for c in countries],
                                    value=country if country in countries else "", description="Country", style=wide)
        self.role_kind = ipw.Dropdown(options=[("Any role", "")] + [(role_kind_label(k), k) for k in kinds],
                                      value=role_kind if role_kind in kinds else "", description="Role", style=wide)
        self.use_year = ipw.Checkbox(value=year is not None, description="Only those in office in the year",
                                     indent=False, layout=ipw.Layout(width="auto"))
        # A number box, not a slider: ipywidgets' slider handle has no accessible name (axe, serious),
        # while a labelled number input is named, typed into, and stepped with the arrow keys.
        self.year = ipw.BoundedIntText(value=min(max(year if year is not None else hi, lo), hi), min=lo,
                                       max=max(lo, hi), description="Year", continuous_update=False, style=wide,
                                       layout=ipw.Layout(width="12em"))
        self.search = ipw.Text(value=query, description="Search", placeholder="a name, an office or any word, then Enter",
                               continuous_update=False, style=wide, layout=ipw.Layout(width="28em"))
        self.sort = ipw.Dropdown(options=[(label, key) for key, label in SORT_KEYS.items()], value=sort,
                                 description="Sort by", style=wide)
        self.reset_button = ipw.Button(description="Show everyone", tooltip="Clear every filter", icon="undo")
        self.status = ipw.HTML()
        # The tenure chart is built when first shown (or read): it comes folded, and every plotly
        # FigureWidget sends plotly's whole widget bundle (about 5 MB) to the browser when created.
        self._figure: Any = None
        self._kinds = tuple(kinds)
        self.chart_note = ipw.HTML()
        # The tenure chart (one row per player, up to CHART_LIMIT rows) comes after the cards, folded:
        # open, it is as tall as a screen or more, and the cards are what a student came for.
        self.chart_button = ipw.ToggleButton(value=False, description="Show the tenure chart", icon="bar-chart",
                                             tooltip="Every role of the matching players as a bar on one time axis")
        self.chart_box = ipw.VBox([])
        self.chart_button.observe(lambda change: self.show_chart(change["new"]), "value")
        self.cards_box = ipw.HBox(layout=ipw.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.prev_button = ipw.Button(description="Previous cards", icon="arrow-left", tooltip="Previous page of cards")
        self.next_button = ipw.Button(description="Next cards", icon="arrow-right", tooltip="Next page of cards")
        self.page_label = ipw.HTML()
        self.event_panel = ipw.HTML()
        self.helper = helper()  # course stylesheet; scrolls an opened negotiation into view

        labels = _unique_labels(self.players)
        options = [("(choose a player)", None)] + [(labels[p.id], p.id) for p in sort_players(self.players, "name")]
        self.compare_a = ipw.Dropdown(options=options, value=None, description="First player", style=wide)
        self.compare_b = ipw.Dropdown(options=options, value=None, description="Second player", style=wide)
        self.comparison = ipw.HBox(layout=ipw.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.overlap = ipw.HTML("<p><i>Choose two players to see them side by side.</i></p>")

        for control in (self.country, self.role_kind, self.use_year, self.search, self.sort):
            control.observe(self._on_filter, "value")
        self.year.observe(self._on_year, "value")
        self.reset_button.on_click(lambda _b: self.reset())
        self.prev_button.on_click(lambda _b: self.show_page(self.page - 1))
        self.next_button.on_click(lambda _b: self.show_page(self.page + 1))
        self.compare_a.observe(self._on_compare, "value")
        self.compare_b.observe(self._on_compare, "value")

        row = functools.partial(ipw.HBox, layout=ipw.Layout(flex_flow="row wrap", align_items="center"))
        self._timeline_box = ipw.VBox()
        super().__init__(
            [
                ipw.HTML(f"<p>{esc(intro)}</p>" if intro else ""),
                row([self.country, self.role_kind, self.sort]),
                row([self.use_year, self.year]),
                row([self.search, self.reset_button]),
                self.status,
                self.cards_box,
                row([self.prev_button, self.page_label, self.next_button]),
                self.event_panel,
                self.chart_button,
                self.chart_box,
                ipw.HTML("<p><strong>Compare two players</strong></p>"),
                row([self.compare_a, self.compare_b]),
                self.overlap,
                self.comparison,
                self._timeline_box,
                self.helper,
            ]
        )
        self.add_class("course-widget")
        self.add_class("course-cards")
        # timeline=True: the deck shows its own timeline, built when a negotiation is first opened
        # (a timeline is a second plotly figure: most visits never need it, and every lesson
        # kernel would pay for it up front).
        self._own_timeline = timeline is True
        if timeline is True:
            timeline = None
            self._timeline_box.children = [
                ipw.HTML("<p><strong>The negotiations on the timeline</strong>: press one of a card's "
                         "negotiation buttons to open that event on a timeline here.</p>"),
            ]
        if timeline is not None:
            self.link_timeline(timeline)
        self.refresh()

    # ------------------------------------------------------------ construction

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, timeline: Any = None, **filters: Any) -> "CardDeck":
        """The deck of the course's players (or of an instructor's folder).

        ``timeline``: a :class:`~widgets.timeline.Timeline` shown elsewhere to open negotiations in,
        or ``True`` to show one under the deck. ``filters``: the starting ``country``, ``role_kind``,
        ``year``, ``query`` and ``sort``.
        """
        return cls(load_players(folder), load_events(folder), folder=folder, timeline=timeline, **filters)

    @classmethod
    def for_lesson(cls, lesson: int, folder: str | os.PathLike[str] | None = None, timeline: Any = None) -> "CardDeck":
        """The deck as a lesson first shows it. Lesson 2 opens on the foreign ministers (the diplomats
        who are its first topic), sorted by first year in office, with the timeline underneath."""
        if lesson == 2:
            return cls.from_data(
                folder,
                timeline=True if timeline is None else timeline,
                role_kind="foreign-minister",
                sort="first-year",
                intro="The deck opens on the foreign ministers, in order of their first year in office. "
                "Set Role to “Any role” (or press “Show everyone”) to see all the players.",
            )
        return cls.from_data(folder, timeline=timeline)

    def link_timeline(self, timeline: Any) -> "CardDeck":
        """Open negotiations in ``timeline`` (anything with a ``select(event_id)`` method) from now on."""
        if not callable(getattr(timeline, "select", None)):
            raise TypeError("link_timeline: expected a Timeline (an object with a select(event_id) method)")
        self.timeline = timeline
        return self

    # ------------------------------------------------------------ state

    @property
    def filters(self) -> dict[str, Any]:
        return {
            "country": self.country.value or None,
            "role_kind": self.role_kind.value or None,
            "year": self.year.value if self.use_year.value else None,
            "query": self.search.value,
        }

    @property
    def n_pages(self) -> int:
        return max(1, -(-len(self.matching) // self.PAGE_SIZE))

    @property
    def shown_cards(self) -> tuple[PlayerCard, ...]:
        return tuple(self.cards_box.children)  # type: ignore[arg-type]

    # ------------------------------------------------------------ updates

    def refresh(self) -> None:
        """Apply the filters and the sort: the count, the chart (updated in place) and page 1 of cards."""
        f = self.filters
        idx = _matching(self._ix, f["country"], f["role_kind"], f["year"], f["query"])
        self.matching = sort_players((self.players[i] for i in idx), self.sort.value, f["role_kind"])
        n, m = len(self.matching), len(self.players)
        text = f"Showing {n} of {m} players"
        if n == 0:
            self.status.value = (f'<p role="status" aria-live="polite"><strong>{esc(text)}. '
                                 f"{esc(no_match_message(**f))}</strong></p>")
        else:
            self.status.value = f'<p role="status" aria-live="polite">{esc(text)}.</p>'
        self._update_chart()
        self.show_page(0)

    @property
    def figure(self) -> Any:
        """The tenure chart (a FigureWidget), built and filled in on first use."""
        if self._figure is None:
            self._figure = tenure_figure(self._kinds)
            self._fill_chart(self.matching[: self.CHART_LIMIT])
        return self._figure

    def _update_chart(self) -> None:
        chart = self.matching[: self.CHART_LIMIT]
        if self._figure is not None:
            self._fill_chart(chart)
        if len(self.matching) > len(chart):
            self.chart_note.value = (f"<p><small>The chart shows the first {len(chart)} of {len(self.matching)} "
                                     "matching players; narrow the filters to see the others.</small></p>")
        elif not chart:
            self.chart_note.value = "<p><small>No tenures to draw.</small></p>"
        else:
            self.chart_note.value = ("<p><small>One bar per role; its colour and fill pattern give the kind of role "
                                     "(see the key), and wide bars also name it. Hover over a bar for the title "
                                     "and dates. Acting roles are marked “(acting)”.</small></p>")

    def _fill_chart(self, chart: Sequence[Player]) -> None:
        bars = tenure_bars(chart, self._kinds)
        labels = list(tenure_labels(chart).values())  # escaped: plotly renders tick labels as HTML
        spans = [role_span(r) for p in chart for r in p.roles]
        known = [b for _, b in spans if b != date.max]
        fig = self._figure
        with fig.batch_update():
            for trace, kind in zip(fig.data[1:], self._kinds):  # fig.data[0]: the date anchor
                col = bars[kind]
                trace.base = col["base"]
                trace.x = col["x"]
                trace.y = col["y"]
                trace.text = col["text"]
                trace.hovertext = col["hover"]
            fig.layout.yaxis.categoryarray = labels
            fig.layout.yaxis.categoryorder = "array"
            fig.layout.height = 140 + 26 * max(1, len(labels))
            if spans and known:
                first = min(a for a, _ in spans)
                last = max(known)
                pad = max(180, (last - first).days // 40)
                span = [
                    date.fromordinal(first.toordinal() - pad).isoformat(),
                    date.fromordinal(min(date.max.toordinal(), last.toordinal() + pad)).isoformat(),
                ]
                fig.layout.xaxis.range = span
                fig.data[0].x = span  # the date anchor (keeps the axis a date axis in the browser)
        sync_figure(fig)

    def show_chart(self, show: bool = True) -> None:
        """Unfold (or fold) the tenure chart under the cards; the toggle button follows."""
        if self.chart_button.value != show:
            self.chart_button.value = show  # calls back here once
            return
        self.chart_box.children = [self.figure, self.chart_note] if show else []
        self.chart_button.description = "Hide the tenure chart" if show else "Show the tenure chart"

    def show_page(self, page: int) -> None:
        """Show page ``page`` (from 0) of the matching players' cards."""
        self.page = min(max(0, page), self.n_pages - 1)
        start = self.page * self.PAGE_SIZE
        players = self.matching[start : start + self.PAGE_SIZE]
        self.cards_box.children = [self._card(p) for p in players]
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= self.n_pages - 1
        if players:
            self.page_label.value = (f"<span>Cards {start + 1}–{start + len(players)} of {len(self.matching)} "
                                     f"(page {self.page + 1} of {self.n_pages})</span>")
        else:
            self.page_label.value = "<span>No cards to show.</span>"

    def _card(self, player: Player) -> PlayerCard:
        card = self._cards.get(player.id)
        if card is None:
            card = PlayerCard(player, self.events, on_negotiation=self.open_event, folder=self.folder, standalone=False,
                              look=self._look)
            self._cards[player.id] = card
        return card

    # ------------------------------------------------------------ control handlers

    def _on_filter(self, _change=None) -> None:
        if not self._busy:
            self.refresh()

    def _on_year(self, _change=None) -> None:
        if self._busy:
            return
        if not self.use_year.value:
            self._busy = True
            try:
                self.use_year.value = True  # choosing a year means "filter by this year"
            finally:
                self._busy = False
        self.refresh()

    def _on_compare(self, _change=None) -> None:
        self.compare(self.compare_a.value, self.compare_b.value)

    # ------------------------------------------------------------ actions

    def reset(self) -> None:
        """Clear every filter (one refresh); the sort order stays."""
        self._busy = True
        try:
            self.country.value = ""  # "All countries"
            self.role_kind.value = ""  # "Any role"
            self.use_year.value = False
            self.search.value = ""
        finally:
            self._busy = False
        self.refresh()

    def compare(self, a_id: str | None, b_id: str | None) -> None:
        """Show two players' cards side by side, and when they held roles at the same time."""
        by_id = {p.id: p for p in self.players}
        a, b = by_id.get(a_id or ""), by_id.get(b_id or "")
        if a is None or b is None:
            self.comparison.children = [self._compare_card(p) for p in (a, b) if p is not None]
            self.overlap.value = "<p><i>Choose two players to see them side by side.</i></p>"
            return
        self.comparison.children = [self._compare_card(a), self._compare_card(b)]
        lines = overlap_text(a, b).split("\n")
        head, rest = lines[0], lines[1:]
        items = "".join(f"<li>{esc(line)}</li>" for line in rest)
        self.overlap.value = f'<p role="status" aria-live="polite">{esc(head)}</p>' + (f"<ul>{items}</ul>" if items else "")

    def _compare_card(self, player: Player) -> PlayerCard:
        return PlayerCard(player, self.events, on_negotiation=self.open_event, folder=self.folder, standalone=False,
                              look=self._look)

    def open_event(self, event_id: str) -> None:
        """Open a negotiation: in the linked timeline if there is one, else in the deck's event panel."""
        event = self.events.get(event_id)
        title = event.title if event else event_id
        if self.timeline is None and self._own_timeline:
            from widgets.timeline.view import Timeline

            self.timeline = Timeline.from_data(self.folder)
            self._timeline_box.children = [self._timeline_box.children[0], self.timeline]
        if self.timeline is not None:
            try:
                self._select_in_timeline(event_id)
            except KeyError:
                pass
            else:
                self.event_panel.value = (f'<p role="status" aria-live="polite">Opened “{esc(title)}” in the '
                                          "timeline.</p>")
                return
        if event is None:
            self.event_panel.value = f'<p role="status">No details recorded for the event “{esc(event_id)}”.</p>'
        else:
            self.event_panel.value = event_html(event, self.names)
        self.helper.reveal(self.event_panel)

    def _select_in_timeline(self, event_id: str) -> None:
        """Select the event in the timeline and scroll the notebook to the timeline's detail panel.

        The deck's own helper scrolls (its view is on the page already; a timeline built just now
        has none yet): the browser waits for the panel to be drawn."""
        self.timeline.select(event_id)
        detail = getattr(self.timeline, "detail", None)
        self.helper.reveal(detail if isinstance(detail, ipw.DOMWidget) else self.timeline)

"""The stakeholder map widget: interest against influence for one negotiation, with a table."""

from __future__ import annotations

import os
from typing import Any, Sequence

import ipywidgets as ipw

from widgets.data import PLAYER_KINDS, DataError, Event, PartialDate, Placement, Player, load_events, load_players, load_stakeholders
from widgets.ui.html import esc
from widgets.ui.page import helper
from widgets.ui.plot import figure, go

from .figure_view import sync_figure
from .stakeholders import KIND_LABELS, KIND_STYLE, QUADRANTS, _label_sides, _spread, placement_hover, stakeholder_table_html

__all__ = ["StakeholderMap"]


class StakeholderMap(ipw.VBox):
    """Stakeholders of one negotiation on an interest (x) against influence (y) grid, 0–10, with
    the quadrant labels, a negotiation chooser, hover text and a table of reasons and sources."""

    def __init__(self, placements: Sequence[Placement], players: Sequence[Player] = (),
                 events: Sequence[Event] = (), negotiation: str | None = None):
        if not placements:
            raise DataError("StakeholderMap: the stakeholders data is empty (expected rows in stakeholders.csv)")
        self.placements = tuple(placements)
        self.players = {p.id: p for p in players}
        self.names = {pid: p.name for pid, p in self.players.items()}
        self.events = {e.id: e for e in events}
        order = list(dict.fromkeys(p.negotiation for p in self.placements))
        order.sort(key=lambda n: (self.events[n].date if n in self.events else PartialDate(9999), n))
        if negotiation is not None and negotiation not in order:
            raise DataError(f"StakeholderMap: no placements for the negotiation {negotiation!r} "
                            f"(placed: {', '.join(order)})")
        self.negotiation = ipw.Dropdown(
            options=[(self._title(n), n) for n in order], value=negotiation or order[0],
            description="Negotiation", style={"description_width": "initial"}, layout=ipw.Layout(width="40em"),
        )
        self.status = ipw.HTML()
        # The figure is created with the first negotiation's points in it: its first view then
        # draws them even if it is the lesson's first plotly figure, whose update messages can
        # arrive while the browser is still loading plotly's widget bundle.
        self.figure = self._figure(self._columns())
        self.table = ipw.HTML()
        self.helper = helper()  # course stylesheet; re-fits the map to its output's width
        self.negotiation.observe(lambda _c: self.refresh(), "value")
        super().__init__([
            self.negotiation,
            self.status,
            self.figure,
            ipw.HTML("<p><small>Each placement is a judgement made by the course's authors, with its reason "
                     "and source below; you may disagree with it.</small></p>"),
            self.table,
            self.helper,
        ])
        self.add_class("course-widget")
        self.add_class("course-stakeholders")
        self.refresh()

    @classmethod
    def from_data(cls, negotiation: str | None = None, folder: str | os.PathLike[str] | None = None) -> "StakeholderMap":
        return cls(load_stakeholders(folder), load_players(folder), load_events(folder), negotiation)

    def _title(self, negotiation: str) -> str:
        e = self.events.get(negotiation)
        return f"{e.title} ({e.date.year})" if e else negotiation

    def _kind(self, player_id: str) -> str:
        p = self.players.get(player_id)
        return p.kind if p else "organisation"

    @property
    def shown(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.negotiation == self.negotiation.value)

    def _columns(self) -> dict[str, dict[str, list]]:
        """Per kind of player, the points of the chosen negotiation: x, y, text, textposition, hovertext."""
        shown = tuple(sorted(self.shown, key=lambda p: (-p.influence, -p.interest)))
        points = _spread(shown)
        sides = _label_sides(points, [self.names.get(p.player, p.player) for p in shown])
        out = {}
        for kind in PLAYER_KINDS:
            idx = [i for i, p in enumerate(shown) if self._kind(p.player) == kind]
            out[kind] = {
                "x": [points[i][0] for i in idx],
                "y": [points[i][1] for i in idx],
                "text": [esc(self.names.get(shown[i].player, shown[i].player)) for i in idx],
                "textposition": [sides[i] for i in idx],
                "hovertext": [self._hover(shown[i]) for i in idx],
            }
        return out

    def _figure(self, columns: dict[str, dict[str, list]]) -> Any:
        traces = []
        for kind in PLAYER_KINDS:
            colour, symbol = KIND_STYLE[kind]
            col = columns[kind]
            traces.append(go.Scatter(
                name=KIND_LABELS[kind],
                x=col["x"], y=col["y"], text=col["text"], hovertext=col["hovertext"], mode="markers+text",
                textposition=col["textposition"] or "top center",
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(size=13, color=colour, symbol=symbol, line=dict(color="#000000", width=1)),
            ))
        labels = [(2.5, 10.3, QUADRANTS[(True, False)]), (7.5, 10.3, QUADRANTS[(True, True)]),
                  (2.5, -0.35, QUADRANTS[(False, False)]), (7.5, -0.35, QUADRANTS[(False, True)])]
        layout = go.Layout(
            height=520,
            margin=dict(l=60, r=20, t=30, b=60),
            xaxis=dict(title="Interest in the outcome (0–10)", range=[-0.6, 10.6], dtick=1, zeroline=False),
            yaxis=dict(title="Influence over the outcome (0–10)", range=[-0.8, 10.8], dtick=1, zeroline=False),
            shapes=[dict(type="line", x0=5, x1=5, y0=-0.6, y1=10.6, line=dict(color="#999999", dash="dash")),
                    dict(type="line", x0=-0.6, x1=10.6, y0=5, y1=5, line=dict(color="#999999", dash="dash"))],
            annotations=[dict(x=x, y=y, text=f"<b>{esc(t.capitalize())}</b>", showarrow=False) for x, y, t in labels],
            legend=dict(orientation="h", y=-0.15),
            plot_bgcolor="#FFFFFF",
        )
        return figure(traces, layout)

    def refresh(self) -> None:
        """Show the chosen negotiation: points updated in place, the count, the table."""
        shown = self.shown
        columns = self._columns()
        with self.figure.batch_update():
            for trace, kind in zip(self.figure.data, PLAYER_KINDS):
                col = columns[kind]
                trace.x, trace.y, trace.text = col["x"], col["y"], col["text"]
                trace.textposition = col["textposition"]
                trace.hovertext = col["hovertext"]
        sync_figure(self.figure)
        self.status.value = (f'<p role="status" aria-live="polite">{len(shown)} actors placed for '
                             f"{esc(self._title(self.negotiation.value))}.</p>")
        self.table.value = stakeholder_table_html(shown, self.names)

    def _hover(self, p: Placement) -> str:
        return placement_hover(p, self.names.get(p.player, p.player))

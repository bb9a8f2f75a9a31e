"""The timeline's plotly figure: one trace per lane, the 'selected' ring, the era bands.

How the figure is kept cheap to update is explained in :mod:`widgets.timeline.lanes`.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from widgets.data import Era, Event
from widgets.ui.html import esc
from widgets.ui.plot import figure, go

from .lanes import _Lanes, _lane_x, _lanes, _year_edge, pack_f8
from .model import category_label, category_style, era_end, hover_text

__all__ = ["build_figure"]

_ERA_FILLS = ("#E8E8E8", "#F6F6F6")


def build_figure(
    events: Sequence[Event],
    eras: Sequence[Era] = (),
    idx: Iterable[int] | None = None,
    lanes: _Lanes | None = None,
):
    """A new FigureWidget: one trace per lane (showing ``events[idx]``, all by default) and a 'selected' ring."""
    lanes = lanes or _lanes(events)
    show = None
    if idx is not None:
        show = bytearray(len(events))
        for i in idx:
            show[i] = 1
    traces = []
    for t, cat in enumerate(lanes.categories):
        colour, symbol = category_style(cat)
        members = lanes.members[t]
        traces.append(
            go.Scatter(
                x=_lane_x(lanes, t, show),
                y=pack_f8([lanes.row(t)] * len(members)),
                text=[hover_text(events[i]) for i in members],
                name=category_label(cat),
                mode="markers",
                marker=dict(color=colour, symbol=symbol, size=11, line=dict(color="#222222", width=1)),
                hovertemplate="%{text}<extra></extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=[],
            y=[],
            name="Selected",
            mode="markers",
            marker=dict(symbol="circle-open", size=22, color="#000000", line=dict(width=3)),
            hoverinfo="skip",
        )
    )
    shapes, annotations = [], []
    for k, era in enumerate(eras):
        x0 = _year_edge(era.start.first_day())
        x1 = _year_edge(era_end(era, events), end=True)
        shapes.append(
            dict(type="rect", xref="x", yref="paper", x0=x0, x1=x1, y0=0, y1=1,
                 fillcolor=_ERA_FILLS[k % 2], line=dict(width=0), layer="below")
        )
        # Full titles do not fit above short eras: each band gets its number (titled in the
        # key under the chart, and on hover), staggered so neighbours do not collide.
        annotations.append(
            dict(x=(x0 + x1) / 2, y=1.0 + 0.05 * (k % 2), xref="x", yref="paper", yanchor="bottom",
                 text=str(k + 1), hovertext=esc(era.title), showarrow=False,
                 font=dict(size=12, color="#333333"))
        )
    n = len(lanes.categories)
    first = min(e.date.year for e in events) if events else 0
    last = max((e.end_date or e.date).year for e in events) if events else 1
    layout = go.Layout(
        height=140 + 48 * n,
        margin=dict(l=130, r=20, t=50, b=40),
        showlegend=False,
        plot_bgcolor="white",
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(type="linear", range=[first, last + 1], showgrid=True, gridcolor="#DDDDDD",
                   title=dict(text="Year"), tickformat="d", zeroline=False),
        yaxis=dict(
            tickmode="array",
            tickvals=[lanes.row(t) for t in range(n)],
            ticktext=[category_label(c) for c in lanes.categories],
            range=[-0.5, n - 0.5],
            fixedrange=True,
            zeroline=False,
            showgrid=True,
            gridcolor="#EEEEEE",
        ),
    )
    return figure(traces, layout)

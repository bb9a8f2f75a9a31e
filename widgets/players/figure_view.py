"""The players' plotly figures: the tenure chart, and keeping a figure's first view in step."""

from __future__ import annotations

import copy
from typing import Any, Sequence

from widgets.ui.plot import date_anchor, figure, go

from .cards import ROLE_STYLE, text_colour_on
from .model import role_kind_label

__all__ = ["sync_figure", "tenure_figure"]


def sync_figure(fig: Any) -> None:
    """Keep the figure's full state (what a new view draws first) equal to its current data.

    ``batch_update`` reaches the browser as restyle messages, and a front end that is still loading
    plotly's script when they arrive drops them; every widget here is built and filled in before it
    is displayed, so without this the first view would draw the empty figure it started as.
    ``FigureWidget._repr_mimebundle_`` does the same, but only for a figure displayed on its own.
    """
    fig._widget_data = copy.deepcopy(fig._data)
    fig._widget_layout = copy.deepcopy(fig._layout_obj._props)


def tenure_figure(kinds: Sequence[str]) -> Any:
    """The tenure chart: an invisible date anchor first (it keeps the x axis a date axis in the
    browser after every update, see :func:`widgets.ui.plot.date_anchor`), then one bar trace per
    role kind, in ``kinds`` order."""
    traces = [date_anchor("1900-01-01", "2000-01-01")]
    for kind in kinds:
        colour, pattern = ROLE_STYLE[kind]
        traces.append(
            go.Bar(
                name=role_kind_label(kind),
                orientation="h",
                base=[],
                x=[],
                y=[],
                text=[],
                hovertext=[],
                hovertemplate="%{hovertext}<extra></extra>",
                textposition="inside",
                insidetextanchor="start",
                marker=dict(color=colour, line=dict(color="#000000", width=0.5),
                            pattern=dict(shape=pattern, fgcolor=text_colour_on(colour), solidity=0.25)),
                textfont=dict(color=text_colour_on(colour)),
            )
        )
    layout = go.Layout(
        barmode="overlay",
        height=200,
        # The key sits under the chart, clear of the mode bar at the top right (widgets.ui.plot).
        margin=dict(l=10, t=16, b=100),
        xaxis=dict(type="date", title="Years in the role (start and end days both count)"),
        yaxis=dict(autorange="reversed", type="category", automargin=True),
        legend=dict(title="Role kind", orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container"),
        uniformtext=dict(minsize=8, mode="hide"),
        plot_bgcolor="#FFFFFF",
    )
    return figure(traces, layout)

"""The class summary as an instructor sees it: the tally of :mod:`widgets.selfcheck.instructor` with a plotly chart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ui.html import esc, plural
from ..ui.style import BLUE, GREEN
from .instructor import ClassTally, percent, tally_class

__all__ = ["ClassSummary", "class_summary", "summary_figure"]


@dataclass(frozen=True)
class ClassSummary(ClassTally):
    """A class tally that displays as a plotly figure and a table; ``.figure`` and ``.table_html`` give each alone."""

    @property
    def figure(self):
        return summary_figure(self)

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        if self.stats:
            display(self.figure)
        display(HTML(self.table_html))


def class_summary(folder: str | Path, data_folder: str | Path | None = None) -> ClassSummary:
    """Read a folder of hand-in CSVs: per question, the share correct and the most common wrong answer.

    Files that are not self-check exports, or are malformed, are skipped and
    named in ``skipped``. The result displays as a plotly figure and a table;
    ``.figure`` and ``.table_html`` give each alone.
    """
    tally = tally_class(folder, data_folder)
    return ClassSummary(tally.stats, tally.files, tally.skipped, tally.students, tally.notes)


# A share of 0 % draws no bar at all: a tick marks every value, so 0 % is seen, not missing.
TICK = {"symbol": "line-ns", "size": 16, "line": {"width": 3}}
ROW_PX = 46  # height of one question's pair of bars


def summary_figure(summary: ClassTally):
    """Two horizontal bars per question, the share correct at the first try and in the end, each
    with a tick at its value (so a 0 % bar is visible) and its percentage; the questions read
    down the left in bank order and the legend sits above the plot, where no label can reach it."""
    # Imported here: plotly costs a kernel its import time only when an instructor draws the chart.
    from ..ui.plot import TEMPLATE, go

    labels = [esc(f"{s.bank} · {s.question}") for s in summary.stats]
    hover = [esc(s.prompt or s.question) for s in summary.stats]
    fig = go.Figure()
    series = (
        ("Correct at the first try", "first", [s.share_first_try for s in summary.stats], {"color": BLUE}),
        # A pattern as well as a colour: the two series differ without colour vision.
        ("Correct in the end", "end", [s.share_in_the_end for s in summary.stats], {"color": GREEN, "pattern": {"shape": "/"}}),
    )
    for name, group, shares, marker in series:
        values = [100 * x for x in shares]
        fig.add_bar(
            name=name, legendgroup=group, orientation="h", y=labels, x=values, marker=marker,
            offsetgroup=group, text=[percent(x) for x in shares], textposition="outside", cliponaxis=False,
            customdata=hover, hovertemplate=f"%{{customdata}}<br>{esc(name.lower())}: %{{x:.0f}}%<extra></extra>",
        )
    for name, group, shares, marker in series:
        fig.add_scatter(
            name=name, legendgroup=group, offsetgroup=group, orientation="h", showlegend=False, mode="markers", y=labels, x=[100 * x for x in shares],
            marker={**TICK, "color": marker["color"], "line": {**TICK["line"], "color": marker["color"]}},
            hoverinfo="skip", cliponaxis=False,
        )
    fig.update_layout(
        barmode="group",
        scattermode="group",  # each tick on its own bar, not between the two
        template=TEMPLATE,
        height=150 + ROW_PX * max(len(labels), 1),
        margin={"l": 10, "r": 40, "t": 90, "b": 50},
        title={"text": f"Share of students correct per question ({plural(summary.students, 'student')})", "x": 0, "xref": "paper"},
        xaxis={"title": {"text": "students correct (%)"}, "range": [0, 112], "tickvals": [0, 25, 50, 75, 100]},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"},
    )
    return fig

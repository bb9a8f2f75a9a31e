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
    return ClassSummary(tally.stats, tally.files, tally.skipped, tally.students)


def summary_figure(summary: ClassTally):
    """Two bars per question: the share correct at the first try and in the end."""
    # Imported here: plotly costs a kernel its import time only when an instructor draws the chart.
    from ..ui.plot import go

    labels = [f"{s.bank} · {s.question}" for s in summary.stats]
    hover = [esc(s.prompt or s.question) for s in summary.stats]
    fig = go.Figure()
    fig.add_bar(
        name="Correct at the first try",
        x=[esc(x) for x in labels],
        y=[100 * s.share_first_try for s in summary.stats],
        text=[percent(s.share_first_try) for s in summary.stats],
        customdata=hover,
        hovertemplate="%{customdata}<br>first try: %{y:.0f}%<extra></extra>",
        marker={"color": BLUE},
    )
    fig.add_bar(
        name="Correct in the end",
        x=[esc(x) for x in labels],
        y=[100 * s.share_in_the_end for s in summary.stats],
        text=[percent(s.share_in_the_end) for s in summary.stats],
        customdata=hover,
        hovertemplate="%{customdata}<br>in the end: %{y:.0f}%<extra></extra>",
        # A pattern as well as a colour: the two series differ without colour vision.
        marker={"color": GREEN, "pattern": {"shape": "/"}},
    )
    fig.update_layout(
        barmode="group",
        title={"text": f"Share of students correct per question ({plural(summary.students, 'student')})"},
        yaxis={"title": {"text": "students correct"}, "range": [0, 100], "ticksuffix": "%"},
        xaxis={"title": {"text": "question"}},
        template="simple_white",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig

"""``SeriesExplorer``: choose series, see them on one time axis with key events, read the table beside each chart.

The maths and all text live in :mod:`widgets.series.model`; this module only wires the controls.
"""

from __future__ import annotations

import os
from typing import Sequence

import anywidget
import ipywidgets as ipw

from widgets.data import Event, load_events
from widgets.data.series_defs import Series, load_series_table
from widgets.ui.choices import CheckboxGroup
from widgets.ui.html import esc, plural
from widgets.ui.plot import OKABE_ITO, SYMBOLS, figure
from widgets.ui.style import TEXT_STYLE

from .model import definition_html, event_markers, figure_spec, panels, table_html

__all__ = ["SeriesExplorer"]

# Series drawn when the explorer opens, if the caller names none: the first two definitions.
_DEFAULT_COUNT = 2
# Okabe-Ito without yellow (too pale for thin lines on white) and black (kept for text).
_COLOURS = tuple(c for c in OKABE_ITO if c not in ("#F0E442", "#000000"))


class _Refit(anywidget.AnyWidget):
    """Makes the chart next to it fit its container's width (an invisible helper).

    plotly draws a FigureWidget before the output has its width, and the chart keeps plotly's
    default 700 px. plotly.js re-measures a ``responsive`` figure on a window resize event: this
    element sends one when plotly announces that it has drawn a chart of the explorer, and
    whenever the explorer's size changes after that (a sidebar opened or closed). Nothing is sent
    before the first drawing, so plotly's own start-up is never disturbed.
    """

    _esm = r"""
    function render({ model, el }) {
      el.style.display = "none";
      const target = el.closest(".course-series") || el.parentElement;
      let timers = [];
      let drawn = false;
      const fire = () => {
        timers.forEach(clearTimeout);
        timers = [30, 300].map(ms => setTimeout(() => window.dispatchEvent(new Event("resize")), ms));
      };
      const rendered = (event) => {
        const plot = event.detail && event.detail.element;
        if (target && plot && target.contains(plot)) { drawn = true; fire(); }
      };
      document.addEventListener("plotlywidget-after-render", rendered);
      const observer = new ResizeObserver(() => { if (drawn) fire(); });
      if (target) observer.observe(target);
      return () => {
        observer.disconnect();
        document.removeEventListener("plotlywidget-after-render", rendered);
        timers.forEach(clearTimeout);
      };
    }
    export default { render };
    """


class SeriesExplorer(ipw.VBox):
    """Tick series to compare; each unit gets its own panel on one shared date axis."""

    def __init__(self, series: Sequence[Series], events: Sequence[Event] = (), selected: Sequence[str] | None = None):
        self.series = tuple(series)
        self.events = tuple(events)
        self._by_title = {s.title: s for s in self.series}
        if selected is None:
            selected = [s.id for s in self.series[:_DEFAULT_COUNT]]
        ids = {s.id for s in self.series}
        unknown = [i for i in selected if i not in ids]
        if unknown:
            raise ValueError(f"unknown series id {unknown[0]!r}: choose from {', '.join(sorted(ids))}")
        chosen = [s.title for s in self.series if s.id in set(selected)]
        self.choices = CheckboxGroup(options=[s.title for s in self.series], value=chosen,
                                     description="Series to show (tick one or more)")
        self.status = ipw.HTML()
        self.chart = ipw.Box(layout=ipw.Layout(width="100%", flex_flow="column"))
        self._refit = _Refit()
        self.text = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.figure = None
        intro = ipw.HTML(
            f'<p style="{TEXT_STYLE};margin:0">Each unit gets its own panel; all panels share one time axis. '
            "Grey triangles along the top and dotted lines mark key events from the course timeline. "
            "Hover over a point for its value, unit and source; the table under the chart lists every point.</p>"
        )
        super().__init__([intro, self.choices, self.status, self.chart, self.text], layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-series")
        self.choices.observe(lambda _change: self._redraw(), names="value")
        self._redraw()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, selected: Sequence[str] | None = None) -> "SeriesExplorer":
        """The course's series (or those in ``folder``), with the course timeline's events as markers."""
        return cls(load_series_table(folder), load_events(folder), selected)

    @property
    def selected(self) -> list[Series]:
        chosen = set(self.choices.value)
        return [s for s in self.series if s.title in chosen]

    def select(self, ids: Sequence[str]) -> None:
        """Show the series with these ids (as ticking them would)."""
        wanted = set(ids)
        self.choices.value = [s.title for s in self.series if s.id in wanted]

    def markers(self) -> list[Event]:
        """The key events of the chosen series that fall within the dates they cover."""
        chosen = self.selected
        points = [p for s in chosen for p in s.points]
        if not points:
            return []
        start = min(p.date for p in points).first_day().isoformat()
        end = max(p.date for p in points).last_day().isoformat()
        ids = [i for s in chosen for i in s.definition.events]
        return event_markers(self.events, ids, start, end)

    def _redraw(self) -> None:
        chosen = self.selected
        marks = self.markers()
        traces, layout = figure_spec(chosen, marks, symbols=SYMBOLS, colours=_COLOURS)
        # A new figure for each choice: panels come and go, and a fresh layout never keeps
        # the axes of the previous choice.
        self.figure = figure(traces, layout)
        # plotly.js sizes an autosized figure to its container only with `responsive`; without it the
        # chart keeps plotly's default 700 px whatever the width of the notebook.
        self.figure._config = {**self.figure._config, "responsive": True}
        self.chart.children = (self.figure, self._refit)
        n_panels = len(panels(chosen))
        if chosen:
            self.status.value = (f'<p role="status" style="{TEXT_STYLE};margin:0.3em 0">Showing '
                                 f"{len(chosen)} series "
                                 f"in {plural(n_panels, 'panel')}, with {plural(len(marks), 'key event')}.</p>")
        else:
            self.status.value = f'<p role="status" style="{TEXT_STYLE};margin:0.3em 0">No series chosen: tick one above.</p>'
        parts = [definition_html(s) + table_html(s) for s in chosen]
        if marks:
            items = "".join(f"<li>{esc(e.date.display())}: {esc(e.title)}</li>" for e in marks)
            parts.append(f'<div style="{TEXT_STYLE}"><h4 style="margin:0.6em 0 0.2em">Key events marked on the chart</h4>'
                         f'<ul style="margin:0">{items}</ul></div>')
        self.text.value = "".join(parts)

"""``TreatyLife``: which US–Soviet/US–Russian arms-control agreements were in force in each year.

The chart data, the sentence and the tables come from :mod:`widgets.cases.treaty_life`.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Sequence

import anywidget
import ipywidgets as ipw

from widgets.data import DataError
from widgets.data.treaties import Treaty, load_treaties
from widgets.ui.html import esc
from widgets.ui.style import TEXT_STYLE

from .treaty_life import FIRST_YEAR, counts_table_html, figure_spec, life_table_html, year_day, year_sentence

__all__ = ["TreatyLife", "AS_OF"]

# The last day the course checked the treaties' status (data/treaties.toml's sources reach this far).
AS_OF = date(2026, 3, 1)


class _WhenIdle(anywidget.AnyWidget):
    """An invisible element that tells the kernel when the browser has drawn the page and is idle.

    anywidget gives each widget model two seconds to start in the browser, and a plotly
    FigureWidget must first load a 5 MB module: while Run all is still drawing the rest of a long
    lesson, a busy machine can miss that limit and the chart stays empty. The chart's model is
    therefore created only after this signal, when the page has settled.
    """

    _esm = r"""
    function render({ model, el }) {
      el.style.display = "none";
      const go = () => { model.send({ idle: true }); };
      if (window.requestIdleCallback) { window.requestIdleCallback(go, { timeout: 2500 }); }
      else { setTimeout(go, 800); }
    }
    export default { render };
    """


class TreatyLife(ipw.VBox):
    """Bars for each agreement's life (signed, in force, suspended), a year to read off, and the text."""

    def __init__(self, treaties: Sequence[Treaty], as_of: date = AS_OF, year: int | None = None):
        if not treaties:
            raise DataError("TreatyLife: the treaties data is empty (expected at least one [[treaties]] record)")
        self.treaties = tuple(treaties)
        self.as_of = as_of
        start = year if year is not None else as_of.year
        self.year = ipw.BoundedIntText(value=start, min=FIRST_YEAR, max=as_of.year, description="Year",
                                       layout=ipw.Layout(width="11em"))
        self.earlier = ipw.Button(description="Earlier", icon="chevron-left", tooltip="One year earlier",
                                  layout=ipw.Layout(width="auto"))
        self.later = ipw.Button(description="Later", icon="chevron-right", tooltip="One year later",
                                layout=ipw.Layout(width="auto"))
        self.sentence = ipw.HTML(layout=ipw.Layout(width="100%"))
        self._figure = None
        self.draw = ipw.Button(description="Draw the chart", icon="bar-chart", layout=ipw.Layout(width="auto"),
                               tooltip="The chart is drawn when the page has loaded; click if it has not appeared")
        self.draw.on_click(lambda _b: self._show_chart())
        self.chart = ipw.Box([self.draw], layout=ipw.Layout(width="100%", min_height="520px"))
        self._idle = _WhenIdle()
        self._idle.on_msg(lambda _w, content, _b: self._show_chart() if content.get("idle") else None)
        self.tables = ipw.HTML(
            f'<div style="{TEXT_STYLE}"><details><summary>Agreements in force, year by year (table)</summary>'
            f"{counts_table_html(self.treaties, as_of)}</details>"
            f"<details><summary>Every dated step, with its source (table)</summary>"
            f"{life_table_html(self.treaties)}</details></div>", layout=ipw.Layout(width="100%"))
        intro = ipw.HTML(
            f'<p style="{TEXT_STYLE};margin:0">Each bar is one agreement between the United States and the Soviet '
            "Union or Russia: light while signed but not in force, dark while in force, hatched once either side "
            f"suspended it. Ticks mark every dated step. Status as of {esc(as_of.isoformat())}. Choose a year to read "
            "the chart in words.</p>")
        self.year.observe(lambda _c: self.refresh(), "value")
        self.earlier.on_click(lambda _b: self.step(-1))
        self.later.on_click(lambda _b: self.step(1))
        super().__init__([intro, ipw.HBox([self.year, self.earlier, self.later]), self.sentence, self.chart,
                          self.tables, self._idle], layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-treaties")
        self.refresh()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, year: int | None = None) -> "TreatyLife":
        return cls(load_treaties(folder), AS_OF, year)

    @property
    def figure(self):
        """The chart (a FigureWidget), created on first use: in the browser, when the page is idle."""
        if self._figure is None:
            # plotly is imported here, not at the top: Run all does not wait for it, the idle page does.
            from widgets.ui.plot import figure

            traces, layout = figure_spec(self.treaties, self.as_of, self.year.value)
            self._figure = figure(traces, layout)
        return self._figure

    def _show_chart(self) -> None:
        if self._figure is None or self.chart.children != (self._figure,):
            self.chart.children = (self.figure,)
            self.chart.layout.min_height = None

    def step(self, delta: int) -> None:
        self.year.value = min(max(self.year.value + delta, self.year.min), self.year.max)

    def refresh(self) -> None:
        year = self.year.value
        self.sentence.value = (f'<p role="status" style="{TEXT_STYLE};margin:0.3em 0">'
                               f"{esc(year_sentence(self.treaties, year, self.as_of))}</p>")
        if self._figure is None:
            return  # drawn later with the year it has then
        day = year_day(year, self.as_of).isoformat()
        with self._figure.batch_update():
            if self._figure.layout.shapes:
                self._figure.layout.shapes[0].x0 = day
                self._figure.layout.shapes[0].x1 = day

"""``CaseCompare``: two or three case studies side by side, their phases on one axis, their timeline.

The tables, sentences and chart data come from :mod:`widgets.cases.model`; this module wires the
controls to them.
"""

from __future__ import annotations

import functools
import os
from typing import Sequence

import ipywidgets as ipw

from widgets.data import Case, DataError, Event, load_cases, load_eras, load_events
from widgets.timeline.model import player_names
from widgets.ui.choices import CheckboxGroup, RadioGroup
from widgets.ui.html import esc, paragraphs
from widgets.ui.style import TEXT_STYLE

from .model import (
    MAX_COMPARED,
    case_events,
    factor_table_html,
    milestones_sentence,
    phases_svg,
    phases_table_html,
    short_title,
)

__all__ = ["CaseCompare"]

DEFAULT_PAIR = ("camp-david-1978", "good-friday-1998")


class CaseCompare(ipw.VBox):
    """Pick two or three cases: the coded factors as a table, the phases in days from the opening of
    talks, and the course timeline showing only a case's events."""

    def __init__(self, cases: Sequence[Case], events: Sequence[Event] = (), eras=(), names=None,
                 selected: Sequence[str] | None = None):
        if not cases:
            raise DataError("CaseCompare: the cases data is empty (expected at least one [[cases]] record)")
        self.cases = tuple(cases)
        self.events = tuple(events)
        self.eras = tuple(eras)
        self._names = names
        self._title = {c.id: short_title(c) for c in self.cases}
        self._by_title = {t: cid for cid, t in self._title.items()}
        ids = list(selected) if selected else [i for i in DEFAULT_PAIR if i in self._title] or [self.cases[0].id]
        self.choices = CheckboxGroup(options=[self._title[c.id] for c in self.cases],
                                     value=[self._title[i] for i in ids if i in self._title],
                                     description=f"Cases to compare (two or three)")
        self.status = ipw.HTML()
        self.table = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.chart = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.chart_text = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.timeline_case = RadioGroup(options=[], description="Open the course timeline for")
        self.open_button = ipw.Button(description="Open the timeline", icon="calendar",
                                      tooltip="Show the course timeline with only this case's events",
                                      layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.timeline_box = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.timeline = None
        intro = ipw.HTML(f'<p style="{TEXT_STYLE};margin:0">Tick two or three cases. The table shows how the '
                         "course coded each factor, with its source; the chart puts every case's phases on one "
                         "axis, counted in days from the opening of talks.</p>")
        self.choices.observe(lambda _c: self.refresh(), "value")
        self.open_button.on_click(lambda _b: self.open_timeline())
        super().__init__([intro, self.choices, self.status, self.chart, self.chart_text, self.table,
                          self.timeline_case, self.open_button, self.timeline_box],
                         layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-cases")
        self.refresh()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None,
                  selected: Sequence[str] | None = None) -> "CaseCompare":
        try:
            eras = load_eras(folder)
        except DataError:
            eras = ()
        return cls(load_cases(folder), load_events(folder), eras, functools.partial(player_names, folder), selected)

    @property
    def selected(self) -> tuple[Case, ...]:
        chosen = set(self.choices.value)
        return tuple(c for c in self.cases if self._title[c.id] in chosen)

    def select(self, ids: Sequence[str]) -> None:
        self.choices.value = [self._title[i] for i in ids if i in self._title]

    def refresh(self) -> None:
        chosen = self.selected
        shown = chosen[:MAX_COMPARED]
        if len(chosen) > MAX_COMPARED:
            msg = f"At most {MAX_COMPARED} cases fit side by side: showing the first {MAX_COMPARED} ticked."
        elif len(chosen) < 2:
            msg = "Tick at least two cases to compare them."
        else:
            msg = f"Comparing {len(shown)} cases: {', '.join(short_title(c) for c in shown)}."
        self.status.value = f'<p role="status" style="{TEXT_STYLE};margin:0.3em 0">{esc(msg)}</p>'
        self.table.value = factor_table_html(shown)
        # An SVG drawn from the model, not a plotly figure: the lesson's one plotly chart is the treaty
        # chart, and every FigureWidget loads a 5 MB module that a busy browser may not start in time.
        self.chart.value = phases_svg(shown)
        sentences = "".join(f"<li>{esc(milestones_sentence(c))}</li>" for c in shown)
        self.chart_text.value = (
            f'<div style="{TEXT_STYLE}"><p style="margin:0.3em 0">The chart in words:</p><ul>{sentences}</ul>'
            f"<details><summary>The phases as a table</summary>{phases_table_html(shown)}</details></div>")
        current = self.timeline_case.value
        options = [short_title(c) for c in shown]
        self.timeline_case.options = options
        self.timeline_case.value = current if current in options else (options[0] if options else None)

    def open_timeline(self) -> None:
        """Show the course timeline filtered to the chosen case's events."""
        from widgets.timeline.view import Timeline

        cid = self._by_title.get(self.timeline_case.value or "")
        case = next((c for c in self.cases if c.id == cid), None)
        if case is None:
            return
        events = case_events(case, self.events)
        if not events:
            self.timeline_box.children = (ipw.HTML(f"<p>{esc(short_title(case))}: no course events listed.</p>"),)
            return
        self.timeline = Timeline(events, self.eras, self._names)
        heading = ipw.HTML(f'<h4 style="margin:0.6em 0 0.2em">Course timeline: {esc(short_title(case))}</h4>'
                           + paragraphs(f"Showing the {len(events)} course event(s) this case lists."))
        self.timeline_box.children = (heading, self.timeline)

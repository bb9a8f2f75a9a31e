"""``ScenarioExplorer``: read a scenario's attributed views, weigh its indicators, record an estimate.

All text and sums live in :mod:`widgets.series.scenarios`; this module wires the controls to them
and to the progress store.
"""

from __future__ import annotations

import os
from typing import Sequence

import ipywidgets as ipw

from widgets.data import Event, load_events
from widgets.data.futures import HOLDER_KINDS, IMPLICATION_AREAS, Scenario, load_futures
from widgets.data.series_defs import Series, load_series_table
from widgets.progress import ProgressStore, default_store, now_iso
from widgets.ui.choices import RadioGroup
from widgets.ui.html import box, esc, sources_html
from widgets.ui.style import BLUE, GREEN, TEXT_STYLE, VERMILLION

from .scenarios import MAX_WEIGHT, estimate_attempt, indicator_reading, latest_estimates, parse_estimate, weighed_signal

__all__ = ["ScenarioExplorer"]

_KIND_LABELS = {k: k.replace("-", " ") for k in HOLDER_KINDS}


class ScenarioExplorer(ipw.VBox):
    """One scenario at a time: views, indicators with the course data, implications, your estimate."""

    def __init__(self, scenarios: Sequence[Scenario], series: Sequence[Series] = (), events: Sequence[Event] = (),
                 store: ProgressStore | None = None):
        if not scenarios:
            raise ValueError("no scenarios to explore")
        self.scenarios = tuple(scenarios)
        self.series = {s.id: s for s in series}
        self.events = {e.id: e for e in events}
        self.store = store if store is not None else default_store()
        self.picker = RadioGroup(options=[s.title for s in self.scenarios], value=self.scenarios[0].title,
                                 description="Scenario")
        self.details = ipw.HTML(layout=ipw.Layout(width="100%"))
        self.weights: list[ipw.BoundedIntText] = []
        self.readings_box = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.signal = ipw.HTML()
        self.estimate = ipw.BoundedIntText(value=50, min=0, max=100, description="Your estimate (%)",
                                           style={"description_width": "initial"}, layout=ipw.Layout(width="16em"))
        self.reason = ipw.Textarea(placeholder="Which indicators convinced you, and why?", description="Your reason",
                                   style={"description_width": "initial"}, layout=ipw.Layout(width="100%", height="5em"))
        self.save = ipw.Button(description="Save my estimate", button_style="primary",
                               tooltip="Save your estimate and reason with your answers")
        self.feedback = ipw.HTML()
        self.saved = ipw.HTML()
        heading = ipw.HTML(f'<p style="{TEXT_STYLE};margin:0">Choose a scenario. Read who expects it and why, weigh '
                           f"each indicator from 0 (ignore) to {MAX_WEIGHT} (decisive), then give your own estimate "
                           "of how likely the scenario is in the next five years, with a reason.</p>")
        self.estimate_box = ipw.VBox([
            ipw.HTML(f'<h4 style="margin:0.6em 0 0.2em">Your estimate</h4><p style="{TEXT_STYLE};margin:0">'
                     "Your estimate is saved with your self-check answers and handed in with them. It is not "
                     "marked: there is no right answer about the future.</p>"),
            self.estimate, self.reason, self.save, self.feedback, self.saved,
        ], layout=ipw.Layout(width="100%"))
        super().__init__([heading, self.picker, self.details, self.readings_box, self.signal, self.estimate_box],
                         layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-scenarios")
        self.picker.observe(lambda _c: self._show(), names="value")
        self.save.on_click(lambda _b: self.save_estimate())
        self._show()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, store: ProgressStore | None = None) -> "ScenarioExplorer":
        return cls(load_futures(folder), load_series_table(folder), load_events(folder), store)

    @property
    def scenario(self) -> Scenario:
        return next(s for s in self.scenarios if s.title == self.picker.value)

    def choose(self, scenario_id: str) -> None:
        self.picker.value = next(s.title for s in self.scenarios if s.id == scenario_id)

    # ------------------------------------------------------------ display

    def _view_html(self, view) -> str:
        srcs = list(view.sources) + [src for eid in view.events if eid in self.events for src in self.events[eid].sources]
        when = f", {esc(view.date.display())}" if view.date else ""
        return (f'<li style="margin-bottom:0.4em"><strong>{esc(view.holder)}</strong> '
                f"({esc(_KIND_LABELS.get(view.holder_kind, view.holder_kind))}{when}): {esc(view.text)}"
                f'<details><summary>Sources</summary>{sources_html(srcs)}</details></li>')

    def _show(self) -> None:
        sc = self.scenario
        as_of = f" (as of {esc(sc.as_of.display())})" if sc.as_of else ""
        views = "".join(self._view_html(v) for v in sc.views)
        implications = "".join(f"<li><strong>{esc(area.capitalize())}:</strong> {esc(sc.implications.get(area, ''))}</li>"
                               for area in IMPLICATION_AREAS)
        self.details.value = (
            f'<div style="{TEXT_STYLE}"><h3 style="margin:0.6em 0 0.2em">{esc(sc.title)}</h3>'
            f'<p style="margin:0.2em 0">{esc(sc.summary)}</p>'
            f'<h4 style="margin:0.6em 0 0.2em">Who expects or argues for it{as_of}</h4><ul style="margin:0">{views}</ul>'
            f'<h4 style="margin:0.6em 0 0.2em">What it would mean</h4><ul style="margin:0">{implications}</ul>'
            f'<h4 style="margin:0.6em 0 0.2em">Indicators: what you would see if it were happening</h4></div>'
        )
        self.readings = [indicator_reading(ind, self.series) for ind in sc.indicators]
        saved = latest_estimates(self.store.attempts("lesson05")).get(sc.id)
        parsed = parse_estimate(saved.answer) if saved else None
        self.weights = []
        rows = []
        for i, r in enumerate(self.readings):
            w = ipw.BoundedIntText(value=1, min=0, max=MAX_WEIGHT, description=f"Weight of indicator {i + 1}",
                                   style={"description_width": "initial"}, layout=ipw.Layout(width="16em"))
            if parsed and len(parsed[1]) == len(self.readings):
                w.value = parsed[1][i]
            w.observe(lambda _c: self._update_signal(), names="value")
            self.weights.append(w)
            colour = GREEN if r.agrees else VERMILLION if r.agrees is False else BLUE
            rows.append(ipw.VBox([
                ipw.HTML(f'<div style="{TEXT_STYLE}"><strong>{i + 1}. {esc(r.indicator.text)}</strong></div>'
                         + box(colour, f"<p style='margin:0.2em 0'>{esc(r.text)}</p>", role="")),
                w,
            ]))
        self.readings_box.children = rows
        if parsed:
            self.estimate.value, self.reason.value = parsed[0], parsed[2]
        else:
            self.estimate.value, self.reason.value = 50, ""
        self.feedback.value = ""
        self._update_signal()
        self._update_saved()

    def _update_signal(self) -> None:
        _score, text = weighed_signal(self.readings, [w.value for w in self.weights])
        self.signal.value = box(BLUE, f"<p style='margin:0.2em 0'>{esc(text)} This score only summarises your "
                                      "weights and the latest data points; your estimate is yours to make.</p>")

    def _update_saved(self) -> None:
        latest = latest_estimates(self.store.attempts("lesson05"))
        if not latest:
            self.saved.value = f'<p style="{TEXT_STYLE}">You have saved no estimates yet.</p>'
            return
        items = []
        for s in self.scenarios:
            a = latest.get(s.id)
            if a is not None:
                pct, _w, why = parse_estimate(a.answer)  # type: ignore[misc]
                items.append(f"<li>{esc(s.title)}: {pct}% ({esc(why)})</li>")
        self.saved.value = f'<div style="{TEXT_STYLE}"><strong>Your saved estimates:</strong><ul style="margin:0">{"".join(items)}</ul></div>'

    # ------------------------------------------------------------ saving

    def save_estimate(self) -> bool:
        """Record the estimate as the student set it; show what was saved or what is missing."""
        try:
            attempt = estimate_attempt(self.scenario.id, int(self.estimate.value), self.reason.value,
                                       [w.value for w in self.weights], now_iso())
        except ValueError as exc:
            self.feedback.value = box(VERMILLION, f"<p><strong>Not saved yet:</strong> {esc(exc)}</p>")
            return False
        self.store.record(attempt)
        where = " (in memory only: export your answers before you leave)" if self.store.memory_only else ""
        self.feedback.value = box(GREEN, f"<p><strong>Saved{esc(where)}:</strong> {esc(self.scenario.title)}, "
                                         f"{int(self.estimate.value)}%.</p>")
        self._update_saved()
        return True

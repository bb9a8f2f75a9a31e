"""The interactive timeline: events in lanes by category, eras shaded, filters, a keyboard list, details.

The view wires ipywidgets controls to the model (:mod:`widgets.timeline.model`), the detail
HTML (:mod:`widgets.timeline.details`) and the figure (:mod:`widgets.timeline.figure_view`).
Every date, name and text comes from ``data/`` through :mod:`widgets.data`.
"""

from __future__ import annotations

import functools
import os
from typing import Callable, Mapping, Sequence

import anywidget
import ipywidgets as ipw
import traitlets

from widgets.data import DataError, Era, Event, load_events
from widgets.ui.html import esc
from widgets.ui.page import helper

from .details import era_key_html, event_detail_html
from .figure_view import build_figure
from .lanes import _lane_x, _lanes, unpack_f8
from .model import (
    LIST_LIMIT,
    _columns,
    _eras_or_none,
    _haystacks,
    _matching,
    category_label,
    list_label,
    no_match_message,
    player_names,
)

__all__ = ["Timeline", "YearRange"]


# ---------------------------------------------------------------- the year range control

# ipywidgets' IntRangeSlider draws its handles with noUiSlider and gives them no
# accessible name (axe: aria-input-field-name, serious), and ipywidgets offers no
# way to pass one. Two native, labelled range inputs are operable with the keyboard
# (arrows, Page Up/Down, Home/End) and named for screen readers.
_YEAR_RANGE_ESM = """
function render({ model, el }) {
  const uid = Math.random().toString(36).slice(2);
  const group = document.createElement("div");
  group.setAttribute("role", "group");
  // Arrow keys belong to the sliders, not to JupyterLab's notebook shortcuts (Lumino honours this).
  group.setAttribute("data-lm-suppress-shortcuts", "true");
  group.style.cssText = "display:flex;flex-wrap:wrap;align-items:center;gap:0.3em 0.6em;margin:4px 0";
  const title = document.createElement("span");
  group.append(title);
  const bound = (index, word) => {
    const input = document.createElement("input");
    input.type = "range";
    input.step = "1";
    input.id = `course-year-${uid}-${index}`;
    input.style.width = "14em";
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = word;
    const out = document.createElement("output");
    out.htmlFor = input.id;
    out.style.cssText = "min-width:3em;font-variant-numeric:tabular-nums";
    // Keys pressed on a slider are for the slider: stop the notebook from acting on them too.
    input.addEventListener("keydown", (event) => event.stopPropagation());
    input.addEventListener("input", () => { out.textContent = input.value; });
    input.addEventListener("change", () => {
      const v = [...model.get("value")];
      v[index] = Number(input.value);
      if (v[0] > v[1]) v[1 - index] = v[index];
      model.set("value", v);
      model.save_changes();
    });
    group.append(label, input, out);
    return [input, out];
  };
  const [a, aOut] = bound(0, "from");
  const [b, bOut] = bound(1, "to");
  const sync = () => {
    const [lo, hi] = model.get("value");
    const text = model.get("description");
    title.textContent = text;
    group.setAttribute("aria-label", text);
    for (const [input, out, v] of [[a, aOut, lo], [b, bOut, hi]]) {
      input.min = model.get("min");
      input.max = model.get("max");
      input.value = v;
      out.textContent = v;
    }
  };
  for (const name of ["value", "min", "max", "description"]) model.on(`change:${name}`, sync);
  sync();
  el.append(group);
}
export default { render };
"""


class YearRange(anywidget.AnyWidget):
    """A first and a last year, each a labelled native slider; ``value`` is (first, last)."""

    _esm = _YEAR_RANGE_ESM
    value = traitlets.Tuple(traitlets.Int(), traitlets.Int(), default_value=(0, 0)).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(0).tag(sync=True)
    description = traitlets.Unicode("Years").tag(sync=True)

    def __init__(self, lo: int, hi: int, description: str = "Years", **kwargs):
        super().__init__(**kwargs)
        self.min, self.max, self.description = lo, hi, description
        self.value = (lo, hi)

    @traitlets.validate("value")
    def _ordered_and_clamped(self, proposal):
        lo, hi = sorted(int(v) for v in proposal["value"])
        clamp = lambda v: min(max(v, self.min), self.max)  # noqa: E731
        return (clamp(lo), clamp(hi))


# ---------------------------------------------------------------- the timeline widget


class Timeline(ipw.VBox):
    """Events on a time axis in lanes by category, with filters, a keyboard list and a detail panel."""

    def __init__(
        self,
        events: Sequence[Event],
        eras: Sequence[Era] = (),
        names: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
    ):
        """``names``: player id -> name, or a function that returns them (called once, when a
        search or a detail panel first needs a name, so that opening the timeline stays fast)."""
        if not events:
            raise DataError("Timeline: the events data is empty (expected at least one [[events]] record)")
        self.events: tuple[Event, ...] = tuple(events)
        self.eras: tuple[Era, ...] = tuple(eras)
        self._names_source = names
        self._names: dict[str, str] | None = None
        self.names_problem = ""  # why player names could not be loaded, shown with the details
        self._hay: tuple[str, ...] | None = None
        self._cols = _columns(self.events)
        if not callable(names):
            self._haystack()  # names are at hand: pay for the search texts now, not on the first search
        self._lanes = _lanes(self.events)
        self._by_id = {e.id: i for i, e in enumerate(self.events)}
        self._selected: int | None = None
        self._busy = False  # set while several controls change at once, to refresh once
        self.matching: tuple[int, ...] = tuple(range(len(self.events)))
        self._show_mask = bytearray(b"\x01" * len(self.events))

        lo = min(e.date.year for e in self.events)
        hi = max((e.end_date or e.date).year for e in self.events)
        self.year_bounds = (lo, hi)

        self.figure = build_figure(self.events, self.eras, lanes=self._lanes)
        self._n_lanes = len(self._lanes.categories)
        for t in range(self._n_lanes):
            self.figure.data[t].on_click(functools.partial(self._on_click, t))

        wide = {"description_width": "initial"}
        self.category_boxes: dict[str, ipw.Checkbox] = {
            cat: ipw.Checkbox(value=True, description=category_label(cat), indent=False,
                              layout=ipw.Layout(width="auto", margin="0 1em 0 0"))
            for cat in self._lanes.categories
        }
        self.contested_only = ipw.Checkbox(value=False, description="Only events whose accounts differ",
                                           indent=False, layout=ipw.Layout(width="auto"))
        self.years = YearRange(lo, hi, description="Years")
        self.search = ipw.Text(value="", description="Search", placeholder="words in a title, summary or name",
                               style=wide, layout=ipw.Layout(width="28em"))
        era_options = [("All years", None)] + [
            (f"{era.title} ({era.start.year}–{era.end.year if era.end else 'now'})", era.id) for era in self.eras
        ]
        self.era = ipw.Dropdown(options=era_options, value=None, description="Jump to era", style=wide)
        self.reset_button = ipw.Button(description="Show everything", tooltip="Clear every filter", icon="undo")
        self.status = ipw.HTML()
        self.event_list = ipw.Select(options=[], value=None, description="Events", rows=8, style=wide,
                                     layout=ipw.Layout(width="100%", max_width="60em"))
        self.detail = ipw.HTML(value="<p><i>No event selected yet.</i></p>")
        self.detail.add_class("course-timeline-detail")
        self.helper = helper()  # course stylesheet; scrolls the detail into view after a click

        for box in self.category_boxes.values():
            box.observe(self._on_filter, "value")
        self.contested_only.observe(self._on_filter, "value")
        self.years.observe(self._on_years, "value")
        self.search.observe(self._on_filter, "value")
        self.era.observe(self._on_era, "value")
        self.event_list.observe(self._on_list, "value")
        self.reset_button.on_click(lambda _b: self.reset())

        row = dict(layout=ipw.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__(
            [
                ipw.HBox([ipw.Label("Categories:"), *self.category_boxes.values()], **row),
                ipw.HBox([self.years, self.era], **row),
                ipw.HBox([self.search, self.contested_only, self.reset_button], **row),
                self.status,
                self.figure,
                ipw.HTML(era_key_html(self.eras)),
                ipw.HTML("<small>Click a point, or choose an event in the list with the arrow keys, "
                         "to read about it.</small>"),
                self.event_list,
                self.detail,
                self.helper,
            ]
        )
        self.add_class("course-widget")
        self.add_class("course-timeline")
        self.refresh()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "Timeline":
        """The timeline of the course's data, or of an instructor's own folder (events.toml, optional eras.csv)."""
        return cls(load_events(folder), _eras_or_none(folder), functools.partial(player_names, folder))

    # ------------------------------------------------------------ state

    @property
    def names(self) -> dict[str, str]:
        """Player id -> name; loaded on first use. A broken players file costs the names, not the timeline."""
        if self._names is None:
            source = self._names_source
            try:
                self._names = dict((source() if callable(source) else source) or {})
            except DataError as exc:
                self._names, self.names_problem = {}, str(exc)
        return self._names

    def _haystack(self) -> tuple[str, ...]:
        if self._hay is None:
            self._hay = _haystacks(self.events, self.names)
        return self._hay

    @property
    def selected_categories(self) -> tuple[str, ...]:
        return tuple(c for c, box in self.category_boxes.items() if box.value)

    @property
    def shown(self) -> tuple[Event, ...]:
        """The events that match the filters."""
        return tuple(self.events[i] for i in self.matching)

    @property
    def selected(self) -> Event | None:
        return None if self._selected is None else self.events[self._selected]

    def plotted_ids(self) -> list[str]:
        """Ids of the events the chart draws, read back from the figure's traces (in date order)."""
        out = []
        for t, members in enumerate(self._lanes.members):
            xs = unpack_f8(self.figure.data[t].x)
            out.extend(self.events[i].id for i, x in zip(members, xs) if x == x)
        return sorted(out, key=self._by_id.__getitem__)

    # ------------------------------------------------------------ updates

    def refresh(self) -> None:
        """Apply the filters: one batched update of the existing traces, then the count and the list."""
        cats = self.selected_categories
        years = tuple(self.years.value)
        idx = _matching(self._cols, cats, years, self.search.value, self.contested_only.value, self._haystack)
        self.matching = tuple(idx)
        show = bytearray(len(self.events))
        for i in idx:
            show[i] = 1
        old, self._show_mask = self._show_mask, show
        lanes, fig = self._lanes, self.figure
        with fig.batch_update():
            for t, members in enumerate(lanes.members):
                if any(old[i] != show[i] for i in members):
                    fig.data[t].x = _lane_x(lanes, t, show)
            fig.layout.xaxis.range = [years[0], years[1] + 1]
            self._mark(self._selected if self._selected is not None and show[self._selected] else None)
        self._update_status(cats, years)
        self._update_list(idx)

    def _mark(self, i: int | None) -> None:
        ring = self.figure.data[self._n_lanes]
        ring.x = [] if i is None else [self._lanes.x[i]]
        ring.y = [] if i is None else [self._lanes.row(self._lanes.lane[i])]

    def _update_status(self, cats, years) -> None:
        n, m = len(self.matching), len(self.events)
        text = f"Showing {n} of {m} events"
        if n == 0:
            msg = no_match_message(cats, self._lanes.categories, years, self.search.value, self.contested_only.value)
            self.status.value = f'<p role="status" aria-live="polite"><b>{esc(text)}. {esc(msg)}</b></p>'
        else:
            self.status.value = f'<p role="status" aria-live="polite">{esc(text)}</p>'

    def _update_list(self, idx: Sequence[int]) -> None:
        shown = idx[:LIST_LIMIT]
        keep = self._selected if self._selected is not None and self._selected in set(shown) else None
        self._busy, was = True, self._busy
        try:
            self.event_list.options = [(list_label(self.events[i]), i) for i in shown]
            self.event_list.value = keep
        finally:
            self._busy = was
        more = len(idx) - len(shown)
        self.event_list.description = "Events" if not more else f"Events (first {len(shown)}; narrow the filters)"

    # ------------------------------------------------------------ control handlers

    def _on_filter(self, _change=None) -> None:
        if not self._busy:
            self.refresh()

    def _on_years(self, change) -> None:
        if self._busy:
            return
        era = self._era_by_id(self.era.value)
        if era is not None and tuple(change["new"]) != self._era_years(era):
            self._busy = True
            try:
                self.era.value = None
            finally:
                self._busy = False
        self.refresh()

    def _on_era(self, change) -> None:
        if self._busy:
            return
        era = self._era_by_id(change["new"])
        target = self._era_years(era) if era is not None else self.year_bounds
        self._busy = True
        try:
            self.years.value = target
        finally:
            self._busy = False
        self.refresh()

    def _era_by_id(self, era_id: str | None) -> Era | None:
        return next((e for e in self.eras if e.id == era_id), None)

    def _era_years(self, era: Era) -> tuple[int, int]:
        lo, hi = self.year_bounds
        start = min(max(era.start.year, lo), hi)
        end = min(max(era.end.year if era.end else hi, lo), hi)
        return (start, max(start, end))

    def _on_list(self, change) -> None:
        if self._busy or change["new"] is None:
            return
        self._show(change["new"])

    def _on_click(self, lane: int, trace, points, state=None) -> None:
        """plotly's click callback for the trace of ``lane`` (called for every trace; most get no points)."""
        inds = list(getattr(points, "point_inds", None) or [])
        members = self._lanes.members[lane]
        if inds and 0 <= inds[0] < len(members):
            self.select(self.events[members[inds[0]]].id, reveal=True)

    # ------------------------------------------------------------ actions

    def select(self, event_id: str, *, reveal: bool = False) -> None:
        """Show one event in the detail panel, ring it on the chart and select it in the list.

        ``reveal``: then scroll the notebook to the detail panel (a click on the chart, or a card's
        negotiation button); choosing in the list does not, so the list stays under the keys."""
        if event_id not in self._by_id:
            raise KeyError(f"no event with id {event_id!r}")
        i = self._by_id[event_id]
        self._show(i)
        if any(v == i for _, v in self.event_list.options):
            self._busy = True
            try:
                self.event_list.value = i
            finally:
                self._busy = False
        if reveal:
            self.helper.reveal(self.detail)

    def _show(self, i: int) -> None:
        self._selected = i
        html_out = event_detail_html(self.events[i], self.names)
        if self.names_problem:
            html_out += (f"<p><small>People are shown by their ids: the players data could not be read "
                         f"({esc(self.names_problem)}).</small></p>")
        self.detail.value = html_out
        with self.figure.batch_update():
            self._mark(i if self._show_mask[i] else None)

    def reset(self) -> None:
        """Clear every filter and show all events (one refresh)."""
        self._busy = True
        try:
            for box in self.category_boxes.values():
                box.value = True
            self.contested_only.value = False
            self.search.value = ""
            self.era.value = None
            self.years.value = self.year_bounds
        finally:
            self._busy = False
        self.refresh()

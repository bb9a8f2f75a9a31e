"""The interactive timeline of US–Soviet/Russian relations and its activities.

Pure functions do the work and are tested alone: :func:`filter_events`,
:func:`event_detail_html`, :func:`no_match_message`, :func:`draw_set`,
:func:`score_order`, :func:`events_per_era`, :func:`sources_for`. The widget
classes only wire ipywidgets controls to them:

* :class:`Timeline`: events as points in lanes by category, eras shaded,
  filters (categories, years, search, era), a keyboard-accessible list of the
  matching events and a detail panel.
* :class:`OrderEvents`: "put these events in order", recorded through the
  progress store.
* :class:`NarrativeCompare`: the US and Russian accounts of a contested event
  side by side.

Every date, name and text comes from ``data/`` through :mod:`widgets.data`.
"""

from __future__ import annotations

import base64
import functools
import html
import os
import random
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import anywidget
import ipywidgets as ipw
import traitlets

from .data import EVENT_CATEGORIES, DataError, Era, Event, Narrative, Source, default_data_dir, load_eras, load_events, load_players

__all__ = [
    "NarrativeCompare",
    "OrderEvents",
    "SourceList",
    "Timeline",
    "YearRange",
    "category_label",
    "category_style",
    "decimal_year",
    "draw_set",
    "era_key_html",
    "event_detail_html",
    "events_per_era",
    "filter_events",
    "hover_text",
    "narratives_html",
    "no_match_message",
    "pack_f8",
    "player_names",
    "score_order",
    "sources_for",
    "unpack_f8",
]

_ERA_FILLS = ("#E8E8E8", "#F6F6F6")
_SIDE_LABELS = {"us": "US account", "russia": "Russian account", "other": "Another account"}
_PRECISION = {"day": "exact day", "month": "known to the month", "year": "known to the year"}
# The list under the chart is for browsing with the keyboard; past a few hundred
# entries it helps no one and costs a large message per filter update.
LIST_LIMIT = 300

esc = functools.partial(html.escape, quote=True)


# ---------------------------------------------------------------- small text helpers


def category_label(category: str) -> str:
    """'arms-control' -> 'Arms control'."""
    return category.replace("-", " ").replace("_", " ").capitalize()


def category_style(category: str) -> tuple[str, str]:
    """(colour, marker symbol) of a category: Okabe–Ito colours, and a symbol so colour is never the only cue."""
    from .ui.plot import OKABE_ITO, SYMBOLS

    k = EVENT_CATEGORIES.index(category) if category in EVENT_CATEGORIES else len(EVENT_CATEGORIES)
    return OKABE_ITO[k % len(OKABE_ITO)], SYMBOLS[k % len(SYMBOLS)]


def date_text(event: Event) -> str:
    """'9 November 1989', or '19 November 1985 – 21 November 1985' for a span."""
    text = event.date.display()
    if event.end_date and event.end_date != event.date:
        text += f" – {event.end_date.display()}"
    return text


def _fold(text: str) -> str:
    """Case- and accent-insensitive form used by the search ('Erdoğan' matches 'erdogan')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _link(source: Source) -> str:
    # Underlined, so that a link never differs from the text around it by colour alone.
    return (f'<a href="{esc(source.url)}" target="_blank" rel="noopener" '
            f'style="text-decoration:underline">{esc(source.title)}</a>')


def hover_text(event: Event) -> str:
    """The chart's hover label: title, date and category, escaped (plotly renders a few tags)."""
    extra = "<br>US and Russian accounts differ" if event.contested else ""
    return f"<b>{esc(event.title)}</b><br>{esc(date_text(event))}<br>{esc(category_label(event.category))}{extra}"


def list_label(event: Event) -> str:
    return f"{event.date.display()}: {event.title}"


# ---------------------------------------------------------------- filtering


@dataclass(frozen=True)
class _Columns:
    """Per-event values computed once, so that filtering only compares and indexes."""

    events: tuple[Event, ...]
    category: tuple[str, ...]
    first_year: tuple[int, ...]
    last_year: tuple[int, ...]
    contested: tuple[bool, ...]


def _columns(events: Sequence[Event]) -> _Columns:
    return _Columns(
        events=tuple(events),
        category=tuple(e.category for e in events),
        first_year=tuple(e.date.year for e in events),
        last_year=tuple((e.end_date or e.date).year for e in events),
        contested=tuple(e.contested for e in events),
    )


def _haystacks(events: Sequence[Event], names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """What the search looks in, per event: title, summary and actors' names (ids without a name)."""
    names = names or {}
    return tuple(_fold(" \n ".join([e.title, e.summary, *(names.get(a, a) for a in e.actors)])) for e in events)


def _matching(
    cols: _Columns,
    categories: Iterable[str] | None,
    years: tuple[int, int] | None,
    query: str,
    contested_only: bool = False,
    haystack: Callable[[], Sequence[str]] | None = None,
) -> list[int]:
    """Indices of the matching events; ``haystack`` supplies the search texts, only when a query needs them."""
    cats = None if categories is None else frozenset(categories)
    lo, hi = years if years is not None else (-(10**9), 10**9)
    if lo > hi:
        lo, hi = hi, lo
    terms = _fold(query or "").split()
    hays = (haystack() if haystack is not None else _haystacks(cols.events)) if terms else ()
    out = []
    for i, cat in enumerate(cols.category):
        if cats is not None and cat not in cats:
            continue
        # An event counts when any part of it falls inside the years (a span may start earlier).
        if cols.first_year[i] > hi or cols.last_year[i] < lo:
            continue
        if contested_only and not cols.contested[i]:
            continue
        if terms:
            hay = hays[i]
            if not all(t in hay for t in terms):
                continue
        out.append(i)
    return out


def filter_events(
    events: Sequence[Event],
    categories: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
    query: str = "",
    *,
    names: Mapping[str, str] | None = None,
    contested_only: bool = False,
) -> tuple[Event, ...]:
    """The events that match every filter, in their original order.

    ``categories``: the categories to keep (None keeps all; an empty set keeps
    none). ``years``: inclusive (first, last) year; an event counts when any
    part of it falls inside. ``query``: every word must occur in the title, the
    summary or an actor's name (``names`` maps player ids to names; without a
    name the id is searched), ignoring case and accents.
    """
    cols = _columns(events)
    hay = functools.partial(_haystacks, cols.events, names)
    return tuple(cols.events[i] for i in _matching(cols, categories, years, query, contested_only, hay))


def no_match_message(
    categories: Iterable[str] | None,
    all_categories: Sequence[str],
    years: tuple[int, int] | None,
    query: str,
    contested_only: bool = False,
) -> str:
    """What to tell a student when no event matches the filters (plain text)."""
    cats = list(all_categories) if categories is None else [c for c in all_categories if c in set(categories)]
    parts = []
    if not cats:
        parts.append("no category is ticked")
    elif len(cats) < len(all_categories):
        parts.append("categories " + ", ".join(category_label(c) for c in cats))
    if years is not None:
        parts.append(f"years {min(years)}–{max(years)}")
    if query.strip():
        parts.append(f"search “{query.strip()}”")
    if contested_only:
        parts.append("only events with differing accounts")
    advice = "Clear the search or widen the years."
    if len(cats) < len(all_categories):
        advice += " Tick more categories."
    return f"No events match: {'; '.join(parts) or 'these filters'}. {advice}"


# ---------------------------------------------------------------- detail panel


def narratives_html(event: Event) -> str:
    """The accounts of a contested event side by side (US, Russian, then others), attributed and sourced."""
    if not event.narratives:
        return ""
    order = {"us": 0, "russia": 1, "other": 2}
    cells = []
    for n in sorted(event.narratives, key=lambda n: order.get(n.side, 3)):
        cells.append(_narrative_cell(n))
    return (
        '<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:stretch">' + "".join(cells) + "</div>"
    )


def _narrative_cell(n: Narrative) -> str:
    links = "; ".join(_link(s) for s in n.sources)
    return (
        '<section style="flex:1 1 18em;border:1px solid #999;border-radius:4px;padding:0.5em 0.8em">'
        f"<h5 style='margin:0.2em 0'>{esc(_SIDE_LABELS.get(n.side, n.side))}: {esc(n.attribution)}</h5>"
        f"<p>{esc(n.text)}</p>"
        f"<p><small>Source: {links}</small></p>"
        "</section>"
    )


def event_detail_html(event: Event, names: Mapping[str, str] | None = None) -> str:
    """Everything a student needs about one event, as escaped HTML."""
    names = names or {}
    rows = [
        f"<h4 style='margin:0.3em 0'>{esc(event.title)}</h4>",
        f"<p><b>Date:</b> {esc(date_text(event))} ({esc(_PRECISION[event.date.precision])})",
    ]
    if event.as_of:
        rows[-1] += f"; still unfolding, last checked {esc(event.as_of.display())}"
    rows[-1] += "</p>"
    meta = f"<b>Category:</b> {esc(category_label(event.category))}"
    if event.place:
        meta += f" &middot; <b>Place:</b> {esc(event.place)}"
    rows.append(f"<p>{meta}</p>")
    rows.append(f"<p>{esc(event.summary)}</p>")
    rows.append(f"<p><b>Why it matters:</b> {esc(event.significance)}</p>")
    if event.narratives:
        rows.append(
            "<p><b>Contested:</b> the two sides tell this story differently. "
            "Each account below is attributed to who gives it.</p>"
        )
        rows.append(narratives_html(event))
    if event.actors:
        rows.append("<p><b>Who was involved:</b> " + esc(", ".join(names.get(a, a) for a in event.actors)) + "</p>")
    rows.append("<p><b>Sources:</b></p><ul>" + "".join(f"<li>{_link(s)}</li>" for s in event.sources) + "</ul>")
    return f'<article aria-label="Event details">{"".join(rows)}</article>'


# ---------------------------------------------------------------- eras and sources


def era_end(era: Era, events: Sequence[Event] = ()) -> date:
    """Last day of an era; an era still running ends at the latest event (or its start year)."""
    if era.end is not None:
        return era.end.last_day()
    latest = [(e.end_date or e.as_of or e.date).last_day() for e in events]
    return max([era.start.last_day(), *latest])


def era_of(event: Event, eras: Sequence[Era]) -> Era | None:
    """The era an event's start falls in; where eras meet, the later one."""
    day = event.date.first_day()
    found = None
    for era in eras:
        if era.start.first_day() <= day and (era.end is None or day <= era.end.last_day()):
            if found is None or era.start > found.start:
                found = era
    return found


def events_per_era(events: Sequence[Event], eras: Sequence[Era]) -> dict[str, int]:
    """Era id -> number of events in it (every era listed, in order); '' counts events outside every era."""
    counts = {era.id: 0 for era in eras}
    for e in events:
        era = era_of(e, eras)
        key = era.id if era else ""
        counts[key] = counts.get(key, 0) + 1
    return counts


class SourceList:
    """A de-duplicated list of sources with the events they support; renders as HTML in a notebook."""

    def __init__(self, items: Sequence[tuple[Source, tuple[str, ...]]]):
        self.items = tuple(items)

    def __len__(self) -> int:
        return len(self.items)

    def _repr_html_(self) -> str:
        lis = "".join(
            f"<li>{_link(src)} <small>(for: {esc('; '.join(titles))})</small></li>" for src, titles in self.items
        )
        return f"<ol>{lis}</ol>"

    def __str__(self) -> str:
        return "\n".join(f"- {src.title} <{src.url}> (for: {'; '.join(t)})" for src, t in self.items)

    __repr__ = __str__


def sources_for(
    event_ids: Iterable[str],
    folder: str | os.PathLike[str] | None = None,
    *,
    eras: bool = False,
) -> SourceList:
    """The sources of the given events (and of their narratives), each once, in the order given.

    With ``eras=True`` the sources of the eras (the periodisation) come first.
    An id that is not in the data raises :class:`DataError`, so a lesson's
    source list cannot silently drift from the data.
    """
    events = {e.id: e for e in load_events(folder)}
    ids = list(event_ids)
    unknown = [i for i in ids if i not in events]
    if unknown:
        raise DataError(
            f"sources_for: no event with id {', '.join(repr(u) for u in unknown)} "
            "in the events data (check the spelling against data/IDS.md)"
        )
    order: dict[str, tuple[Source, list[str]]] = {}

    def add(src: Source, label: str) -> None:
        entry = order.setdefault(src.url, (src, []))
        if label not in entry[1]:
            entry[1].append(label)

    if eras:
        for era in _eras_or_none(folder):
            for src in era.sources:
                add(src, f"era: {era.title}")
    for i in ids:
        ev = events[i]
        for src in (*ev.sources, *(s for n in ev.narratives for s in n.sources)):
            add(src, ev.title)
    return SourceList([(src, tuple(labels)) for src, labels in order.values()])


def era_key_html(eras: Sequence[Era]) -> str:
    """The key to the numbered era bands of the chart."""
    if not eras:
        return ""
    items = "; ".join(
        f"<b>{k}</b> {esc(e.title)} ({e.start.year}–{e.end.year if e.end else 'now'})" for k, e in enumerate(eras, 1)
    )
    return f"<p><small>Shaded bands are the course's eras, numbered along the top of the chart: {items}.</small></p>"


# ---------------------------------------------------------------- loading helpers


def _has_players(folder: Path) -> bool:
    return (folder / "players.toml").exists() or any((folder / "players").glob("*.toml"))


def player_names(folder: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Player id -> name, from ``folder`` or else the course's own players; {} when there are none."""
    base = Path(folder) if folder is not None else default_data_dir()
    if _has_players(base):
        return {p.id: p.name for p in load_players(base)}
    if folder is not None and _has_players(default_data_dir()):
        return {p.id: p.name for p in load_players()}
    return {}


def _eras_or_none(folder: str | os.PathLike[str] | None) -> tuple[Era, ...]:
    base = Path(folder) if folder is not None else default_data_dir()
    return load_eras(base) if (base / "eras.csv").exists() else ()


# ---------------------------------------------------------------- the figure
#
# Every lane (category) is one trace holding ALL of its events, for good. A
# filter hides points by giving them a NaN x (plotly.js neither draws nor
# hovers them), so an update sends one packed float array per changed lane and
# nothing else: the hover labels and the lane positions are sent once, when the
# figure is built. Arrays travel as plotly's typed-array spec
# ({"dtype": "f8", "bdata": base64}), built with the standard library (no numpy
# at run time), which plotly's validators pass through without a per-element walk.
# The x axis is in decimal years on a linear axis: a restyle of x makes
# plotly.js re-guess the axis type (clearAxisTypes), and numbers would turn an
# explicit 'date' axis into a linear one.

_NAN = float("nan")


def decimal_year(day: date) -> float:
    """2000-07-02 -> about 2000.5 (the middle of the day)."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start + 0.5) / length


def _year_edge(day: date, end: bool = False) -> float:
    """The decimal year at the start of ``day`` (or at its end)."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start + (1 if end else 0)) / length


def pack_f8(values: Iterable[float]) -> dict[str, str]:
    """Floats as plotly's typed-array spec (little-endian float64, base64)."""
    arr = array("d", values)
    if sys.byteorder != "little":
        arr.byteswap()
    return {"dtype": "f8", "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}


def unpack_f8(spec: Any) -> list[float]:
    """The inverse of :func:`pack_f8` (a plain list is returned as a list of floats)."""
    if isinstance(spec, Mapping):
        arr = array("d")
        arr.frombytes(base64.b64decode(spec["bdata"]))
        if sys.byteorder != "little":
            arr.byteswap()
        return arr.tolist()
    return [float(v) for v in (spec or ())]


@dataclass(frozen=True)
class _Lanes:
    """Per-lane, per-event values for the chart, computed once per data set."""

    categories: tuple[str, ...]  # the lanes, in vocabulary order, only those present
    members: tuple[tuple[int, ...], ...]  # event indices in each lane, in date order
    lane: tuple[int, ...]  # lane of each event
    pos: tuple[int, ...]  # position of each event inside its lane's trace
    x: tuple[float, ...]  # decimal year of each event (middle of its date)

    def row(self, lane: int) -> int:
        """The y position of a lane: the first category at the top."""
        return len(self.categories) - 1 - lane


def _lanes(events: Sequence[Event]) -> _Lanes:
    present = {e.category for e in events}
    cats = tuple(c for c in EVENT_CATEGORIES if c in present) + tuple(sorted(present - set(EVENT_CATEGORIES)))
    index = {c: i for i, c in enumerate(cats)}
    members: list[list[int]] = [[] for _ in cats]
    lane, pos = [], []
    for i, e in enumerate(events):
        t = index[e.category]
        lane.append(t)
        pos.append(len(members[t]))
        members[t].append(i)
    return _Lanes(
        categories=cats,
        members=tuple(tuple(m) for m in members),
        lane=tuple(lane),
        pos=tuple(pos),
        x=tuple(decimal_year(e.date.midpoint()) for e in events),
    )


def _lane_x(lanes: _Lanes, t: int, show: bytes | bytearray | None) -> dict[str, str]:
    xs = lanes.x
    if show is None:
        return pack_f8(xs[i] for i in lanes.members[t])
    return pack_f8([xs[i] if show[i] else _NAN for i in lanes.members[t]])


def build_figure(
    events: Sequence[Event],
    eras: Sequence[Era] = (),
    idx: Iterable[int] | None = None,
    lanes: _Lanes | None = None,
):
    """A new FigureWidget: one trace per lane (showing ``events[idx]``, all by default) and a 'selected' ring."""
    from .ui.plot import figure, go

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
            self.select(self.events[members[inds[0]]].id)

    # ------------------------------------------------------------ actions

    def select(self, event_id: str) -> None:
        """Show one event in the detail panel, ring it on the chart and select it in the list."""
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


# ---------------------------------------------------------------- "put these events in order"


def _apart(a: Event, b: Event) -> bool:
    """True when the two events cannot be confused in time (their periods do not overlap)."""
    a_end, b_end = (a.end_date or a.date).last_day(), (b.end_date or b.date).last_day()
    return a_end < b.date.first_day() or b_end < a.date.first_day()


def draw_set(events: Sequence[Event], n: int, rng: random.Random) -> tuple[Event, ...]:
    """``n`` events whose dates do not overlap at their precision, returned in chronological order."""
    if n < 2:
        raise ValueError(f"an ordering set needs at least 2 events (got n={n})")
    pool = list(events)
    rng.shuffle(pool)
    chosen: list[Event] = []
    for ev in pool:
        if all(_apart(ev, c) for c in chosen):
            chosen.append(ev)
            if len(chosen) == n:
                return tuple(sorted(chosen, key=lambda e: (e.date.first_day(), e.id)))
    raise DataError(
        f"Only {len(chosen)} events with clearly separate dates are available; "
        f"an ordering set of {n} needs more events (or a smaller n)"
    )


def score_order(answer: Sequence[str], correct: Sequence[str]) -> float:
    """Share of pairs the student put in the right relative order (1.0 = fully right, 0.0 = reversed)."""
    if sorted(answer) != sorted(correct) or len(set(correct)) != len(correct):
        raise ValueError("the answer must contain each item of the correct order exactly once")
    n = len(correct)
    if n < 2:
        return 1.0
    pos = {item: k for k, item in enumerate(answer)}
    right = sum(pos[correct[i]] < pos[correct[j]] for i in range(n) for j in range(i + 1, n))
    return right / (n * (n - 1) // 2)


_ORDINALS = ("1st", "2nd", "3rd")


def _ordinal(k: int) -> str:
    return _ORDINALS[k - 1] if k <= 3 else f"{k}th"


def order_feedback_html(answer: Sequence[Event], correct: Sequence[Event], score: float) -> str:
    """Feedback in words: each event in the right order with its date and where the student put it."""
    placed = {e.id: k for k, e in enumerate(answer, 1)}
    right = sum(a.id == c.id for a, c in zip(answer, correct))
    if right == len(correct):
        head = f"Right: all {len(correct)} events are in order."
    else:
        head = (f"Not yet: {right} of {len(correct)} events are in the right place "
                f"({round(score * 100)}% of the pairs are in the right order).")
    items = []
    for k, ev in enumerate(correct, 1):
        where = placed[ev.id]
        mark = "✓ right place" if where == k else f"✗ you put it {_ordinal(where)}"
        items.append(f"<li><b>{esc(date_text(ev))}</b>: {esc(ev.title)} ({mark})</li>")
    return f'<div role="status" aria-live="polite"><p><b>{esc(head)}</b></p><p>The order is:</p><ol>{"".join(items)}</ol></div>'


class OrderEvents(ipw.VBox):
    """Put a random set of events in chronological order; each attempt goes to the progress store."""

    BANK = "order-events"

    def __init__(self, events: Sequence[Event], n: int = 4, seed: int | None = None, store: Any = None):
        self.events = tuple(events)
        self.n = n
        self.rng = random.Random(seed)
        self._store = store
        self._warned = False
        self.correct: tuple[Event, ...] = ()
        self.order: list[Event] = []

        self.prompt = ipw.HTML()
        self.items = ipw.Select(options=[], description="Your order", rows=n, style={"description_width": "initial"},
                                layout=ipw.Layout(width="44em"))
        self.up_button = ipw.Button(description="Move up", icon="arrow-up", tooltip="Move the chosen event earlier")
        self.down_button = ipw.Button(description="Move down", icon="arrow-down", tooltip="Move the chosen event later")
        self.check_button = ipw.Button(description="Check my order", button_style="primary", icon="check")
        self.new_button = ipw.Button(description="New set", icon="refresh", tooltip="Draw other events")
        self.feedback = ipw.HTML()
        self.up_button.on_click(lambda _b: self.move(-1))
        self.down_button.on_click(lambda _b: self.move(+1))
        self.check_button.on_click(lambda _b: self.check())
        self.new_button.on_click(lambda _b: self.new_set())
        super().__init__(
            [
                self.prompt,
                self.items,
                ipw.HBox([self.up_button, self.down_button, self.check_button, self.new_button]),
                self.feedback,
            ]
        )
        self.add_class("course-widget")
        self.add_class("course-order")
        self.new_set()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, n: int = 4, seed: int | None = None,
                  store: Any = None) -> "OrderEvents":
        return cls(load_events(folder), n=n, seed=seed, store=store)

    @property
    def store(self):
        if self._store is None:
            from .progress import default_store  # lazily: only when a student checks an answer

            self._store = default_store()
        return self._store

    @property
    def set_id(self) -> str:
        """The set's id in the progress store: its event ids in chronological order."""
        return ",".join(e.id for e in self.correct)

    def new_set(self) -> None:
        self.correct = draw_set(self.events, self.n, self.rng)
        order = list(self.correct)
        while [e.id for e in order] == [e.id for e in self.correct]:
            self.rng.shuffle(order)
        self.order = order
        self.prompt.value = (
            f"<p>Put these {self.n} events in order, <b>earliest first</b>: choose one in the list "
            "(arrow keys) and move it with <i>Move up</i> / <i>Move down</i>, then press <i>Check my order</i>.</p>"
        )
        self.feedback.value = ""
        self._show(0)

    def _show(self, focus: int | None) -> None:
        self.items.options = [(f"{k}. {e.title}", k - 1) for k, e in enumerate(self.order, 1)]
        self.items.value = focus

    def move(self, step: int) -> None:
        """Move the chosen event one place earlier (-1) or later (+1)."""
        k = self.items.value
        if k is None:
            self.feedback.value = "<p>Choose an event in the list first.</p>"
            return
        j = k + step
        if not 0 <= j < len(self.order):
            return
        self.order[k], self.order[j] = self.order[j], self.order[k]
        self._show(j)

    def check(self) -> float:
        """Score the current order, show the dates and record the attempt."""
        answer = [e.id for e in self.order]
        score = score_order(answer, [e.id for e in self.correct])
        correct = answer == [e.id for e in self.correct]
        html_out = order_feedback_html(self.order, self.correct, score)
        note = self._record(",".join(answer), correct, score)
        self.feedback.value = html_out + note
        return score

    def _record(self, answer: str, correct: bool, score: float) -> str:
        try:
            from .progress import Attempt

            self.store.record(
                Attempt(
                    bank=self.BANK,
                    question=self.set_id,
                    answer=answer,
                    correct=correct,
                    score=score,
                    time=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                )
            )
            warning = getattr(self.store, "warning", None)
        except Exception as exc:  # recording must never cost the student their feedback
            warning = f"Your answer could not be saved ({exc})."
        if warning and not self._warned:
            self._warned = True
            return f"<p><small>{esc(warning)}</small></p>"
        return ""


# ---------------------------------------------------------------- narratives compared


class NarrativeCompare(ipw.VBox):
    """Choose a contested event and read the US and Russian accounts side by side."""

    def __init__(self, events: Sequence[Event]):
        self.events = tuple(e for e in events if e.contested)
        self.choice = ipw.Dropdown(
            options=[(list_label(e), e.id) for e in self.events],
            value=self.events[0].id if self.events else None,
            description="Contested event",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="44em"),
        )
        self.panel = ipw.HTML()
        self.choice.observe(lambda _c: self._show(), "value")
        super().__init__([self.choice, self.panel])
        self.add_class("course-widget")
        self.add_class("course-narratives")
        self._show()

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "NarrativeCompare":
        return cls(load_events(folder))

    def _show(self) -> None:
        ev = next((e for e in self.events if e.id == self.choice.value), None)
        if ev is None:
            self.panel.value = (
                "<p>No contested events in this data: an event is contested when it gives both "
                "a US and a Russian account (see data/README.md, 'narratives').</p>"
            )
            return
        self.panel.value = (
            f"<h4 style='margin:0.3em 0'>{esc(ev.title)}</h4>"
            f"<p><b>Date:</b> {esc(date_text(ev))}</p>"
            f"<p><b>What happened (course summary):</b> {esc(ev.summary)}</p>"
            + narratives_html(ev)
        )

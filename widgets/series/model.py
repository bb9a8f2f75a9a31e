"""Pure model of the series explorer: numbers as text, trend sentences, tables, the figure as dicts.

No widget or plot library is imported: the figure is described as plain dicts (plotly's own
format) that the view hands to :func:`widgets.ui.plot.figure`, so tests check the axes, labels
and hover texts without a front end. Every text that reaches the figure or the HTML is escaped
here. Points are drawn only where the data has them; lines join measured points and never stand
for values in between (the sentence and the table say so).
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

from widgets.data import Event, SeriesPoint
from widgets.data.series_defs import Series
from widgets.ui.html import esc, link, plural
from widgets.ui.style import TEXT_STYLE

__all__ = [
    "format_value",
    "with_unit",
    "trend_sentence",
    "table_html",
    "definition_html",
    "panels",
    "event_markers",
    "figure_spec",
    "hover_rows",
    "text_table",
    "describe",
]

# Table styles shared with the rest of the course's tables (thin rules, numbers right-aligned).
_TH = "text-align:left;padding:0.2em 0.6em;border-bottom:1px solid #888"
_TD = "padding:0.2em 0.6em;border-bottom:1px solid #ddd;vertical-align:top"
_NUM = _TD + ";text-align:right;font-variant-numeric:tabular-nums"


def format_value(value: float) -> str:
    """31255 -> '31,255'; 4.6 -> '4.6'; 0.25 -> '0.25' (as many decimals as the data has, at most 2)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def with_unit(value: float, unit: str) -> str:
    """'34% of US adults' for percentage units, else '31,255 warheads'."""
    if unit.startswith("percent"):
        return f"{format_value(value)}%{unit[len('percent'):]}"
    return f"{format_value(value)} {unit}"


def _change(first: SeriesPoint, last: SeriesPoint, unit: str) -> str:
    diff = last.value - first.value
    if unit.startswith("percent"):
        n = abs(diff)
        return f"{format_value(n)} percentage point{'' if n == 1 else 's'}"
    share = abs(diff) / abs(first.value) * 100 if first.value else math.inf
    # From (nearly) zero a percentage says nothing: give the change itself.
    if math.isfinite(share) and share < 10_000:
        return f"{format_value(round(share))}%"
    return with_unit(abs(diff), unit)


def _when(point: SeriesPoint) -> str:
    return ("on " if point.date.day else "in ") + point.date.display()


def trend_sentence(series: Series) -> str:
    """One sentence computed from the points: the direction, the turning points if any, the change."""
    pts = series.points
    title = series.title
    unit = series.unit.split(" (")[0]  # 'warheads (New START counting rules)' reads as 'warheads' in a sentence
    if not pts:
        return f"{title}: the course has no points for this series."
    if len(pts) == 1:
        p = pts[0]
        return f"{title}: one point only, {with_unit(p.value, unit)} {_when(p)}."

    def at(p: SeriesPoint) -> str:
        return f"{with_unit(p.value, unit)} {_when(p)}"

    first, last = pts[0], pts[-1]
    peak = max(pts, key=lambda p: p.value)
    low = min(pts, key=lambda p: p.value)
    peak_inside = peak not in (first, last) and peak.value > max(first.value, last.value)
    low_inside = low not in (first, last) and low.value < min(first.value, last.value)
    span = f"({plural(len(pts), 'point')}, {first.date.display()} to {last.date.display()})"
    if peak_inside and low_inside:
        if peak.date < low.date:
            text = (f"{title} rose from {at(first)} to a peak of {at(peak)}, fell to a low of {at(low)}, "
                    f"then rose to {at(last)}")
        else:
            text = (f"{title} fell from {at(first)} to a low of {at(low)}, rose to a peak of {at(peak)}, "
                    f"then fell to {at(last)}")
    elif peak_inside:
        text = (f"{title} rose from {at(first)} to a peak of {at(peak)}, then fell to {at(last)}, "
                f"{_change(peak, last, unit)} below the peak")
    elif low_inside:
        text = (f"{title} fell from {at(first)} to a low of {at(low)}, then rose to {at(last)}, "
                f"{_change(low, last, unit)} above the low")
    elif last.value > first.value:
        text = f"{title} rose from {at(first)} to {at(last)}, up {_change(first, last, unit)}"
    elif last.value < first.value:
        text = f"{title} fell from {at(first)} to {at(last)}, down {_change(first, last, unit)}"
    else:
        text = f"{title} was {with_unit(first.value, unit)} both {_when(first)} and {_when(last)}"
    return f"{text} {span}."


def hover_rows(series: Series) -> list[list[str]]:
    """Per point: [date, value with unit, source title, note], escaped, for the figure's hover."""
    return [[esc(p.date.display()), esc(with_unit(p.value, series.unit)), esc(p.source.title), esc(p.note)]
            for p in series.points]


def table_html(series: Series) -> str:
    """The series as an HTML table: the chart's text alternative, each point's source as a numbered reference.

    Inside a ``<details>`` element (closed): a long table would push the next chart far down;
    its summary says what it holds, and screen readers announce it as expandable.
    """
    refs: dict[str, int] = {}
    for p in series.points:
        refs.setdefault(p.source.url, len(refs) + 1)
    titles = {p.source.url: p.source.title for p in series.points}
    nowrap = ";white-space:nowrap"
    rows = "".join(
        f'<tr><th scope="row" style="{_TD}{nowrap};font-weight:normal">{esc(p.date.display())}</th>'
        f'<td style="{_NUM}{nowrap}">{esc(format_value(p.value))}</td>'
        f'<td style="{_TD}">{esc(p.note)}</td>'
        f'<td style="{_TD}{nowrap}">[{refs[p.source.url]}]</td></tr>'
        for p in series.points
    )
    sources = "".join(f"<li>{link(url, titles[url])}</li>" for url in refs)
    return (
        f'<details class="course-series-data" style="{TEXT_STYLE};margin:0.3em 0">'
        f"<summary>Table of the {plural(len(series.points), 'point')}, with their sources (the chart as text)</summary>"
        f'<table class="course-series-table" style="border-collapse:collapse;margin:0.4em 0">'
        f'<caption style="text-align:left;font-weight:600;padding:0.2em 0">{esc(series.title)} ({esc(series.unit)})</caption>'
        f'<thead><tr><th scope="col" style="{_TH}">Date</th><th scope="col" style="{_TH};text-align:right">Value</th>'
        f'<th scope="col" style="{_TH}">Note</th><th scope="col" style="{_TH}">Source</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f'<p style="margin:0.2em 0">Sources:</p><ol style="margin:0">{sources}</ol></details>'
    )


def definition_html(series: Series) -> str:
    """Definition, as-of date, footnotes on alternatives, and the trend sentence, escaped."""
    d = series.definition
    notes = "".join(f"<li>{esc(n)}</li>" for n in d.footnotes)
    as_of = f" Last checked {esc(d.as_of.display())}." if d.as_of else ""
    return (
        f'<div style="{TEXT_STYLE}"><h4 style="margin:0.6em 0 0.2em">{esc(d.title)}</h4>'
        f'<p class="course-trend" style="margin:0.2em 0"><strong>Trend:</strong> {esc(trend_sentence(series))}</p>'
        f'<p style="margin:0.2em 0"><strong>Definition:</strong> {esc(d.definition)}{as_of}</p>'
        + (f'<p style="margin:0.2em 0"><strong>Alternatives and caveats:</strong></p><ul style="margin:0">{notes}</ul>' if notes else "")
        + "</div>"
    )


def panels(selected: Sequence[Series]) -> list[tuple[str, list[Series]]]:
    """Series grouped by unit, in the order first chosen: one chart panel per unit, one shared time axis."""
    out: dict[str, list[Series]] = {}
    for s in selected:
        out.setdefault(s.unit, []).append(s)
    return list(out.items())


def event_markers(events: Iterable[Event], ids: Iterable[str], start: str, end: str) -> list[Event]:
    """The course events named in ``ids`` whose date falls between ISO dates ``start`` and ``end``, by date."""
    wanted = set(ids)
    return sorted((e for e in events if e.id in wanted and start <= e.date.midpoint().isoformat() <= end),
                  key=lambda e: e.date)


def _x(point: SeriesPoint) -> str:
    return point.date.midpoint().isoformat()


def figure_spec(selected: Sequence[Series], events: Sequence[Event] = (), *,
                symbols: Sequence[str] = ("circle",), colours: Sequence[str] = ()) -> tuple[list[dict], dict]:
    """(traces, layout) as plotly dicts: one panel per unit stacked on one date axis, key events on top.

    The x axis is always of type 'date' and every y axis 'linear', whatever is chosen, so the
    figure's axes never change type when the choice changes.
    """
    groups = panels(selected)
    n = max(len(groups), 1)
    strip = 0.08 if events else 0.0
    gap = 0.06
    height_each = (1.0 - strip - gap * (n - 1)) / n
    traces: list[dict] = []
    layout: dict = {
        "autosize": True,
        "height": 190 + 230 * n,
        "margin": {"l": 70, "r": 20, "t": 75, "b": 40},
        "hovermode": "closest",
        "showlegend": True,
        # Above the plot: below it, a wide chart's legend covered the year labels of the axis.
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0.99, "yanchor": "top", "yref": "container"},
        "xaxis": {"type": "date", "anchor": f"y{'' if n == 1 else n}"},
    }
    k = 0
    for i, (unit, members) in enumerate(groups):
        axis = "y" if i == 0 else f"y{i + 1}"
        top = 1.0 - strip - i * (height_each + gap)
        layout["yaxis" if i == 0 else f"yaxis{i + 1}"] = {
            "type": "linear", "title": {"text": esc(unit)}, "domain": [max(top - height_each, 0.0), top],
            "anchor": "x", "rangemode": "tozero",
        }
        for s in members:
            colour = colours[k % len(colours)] if colours else None
            marker = {"symbol": symbols[k % len(symbols)], "size": 8}
            if colour:
                marker["color"] = colour
            traces.append({
                "type": "scatter", "mode": "lines+markers", "name": esc(s.title),
                "x": [_x(p) for p in s.points], "y": [p.value for p in s.points],
                "yaxis": axis, "xaxis": "x", "marker": marker,
                "line": {"width": 1.5, **({"color": colour} if colour else {})},
                "customdata": hover_rows(s),
                "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[3]}"
                                 "<br>Source: %{customdata[2]}<extra>" + esc(s.title) + "</extra>",
            })
            k += 1
    if not groups:
        layout["yaxis"] = {"type": "linear", "title": {"text": "Choose a series"}, "domain": [0.0, 1.0 - strip], "anchor": "x"}
    if events:
        axis_no = n + 1
        layout[f"yaxis{axis_no}"] = {"type": "linear", "domain": [1.0 - strip + 0.01, 1.0], "anchor": "x",
                                     "showticklabels": False, "showgrid": False, "zeroline": False, "range": [-1, 1],
                                     "fixedrange": True}
        traces.append({
            "type": "scatter", "mode": "markers", "name": "Key events (course timeline)",
            "x": [e.date.midpoint().isoformat() for e in events], "y": [0] * len(events),
            "yaxis": f"y{axis_no}", "xaxis": "x",
            "marker": {"symbol": "triangle-down", "size": 11, "color": "#555555"},
            "customdata": [[esc(e.date.display()), esc(e.title)] for e in events],
            "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[0]}<extra>Key event</extra>",
        })
        layout["shapes"] = [
            {"type": "line", "xref": "x", "yref": "paper", "x0": e.date.midpoint().isoformat(),
             "x1": e.date.midpoint().isoformat(), "y0": 0, "y1": 1.0 - strip,
             "line": {"color": "#999999", "width": 1, "dash": "dot"}, "layer": "below"}
            for e in events
        ]
    return traces, layout


def text_table(series: Series) -> str:
    """The series as plain text: title and unit, the trend sentence, then one line per point."""
    lines = [f"{series.title}; unit: {series.unit}", f"  {trend_sentence(series)}"]
    for p in series.points:
        note = f"  [{p.note}]" if p.note else ""
        lines.append(f"  {p.date.display():>17}  {format_value(p.value):>8}{note}")
    return "\n".join(lines)


def describe(*ids: str, folder=None) -> str:
    """Plain-text tables of the series with these ids (all series if none), for a lesson's checked output."""
    from widgets.data.series_defs import load_series_table

    table = load_series_table(folder)
    by_id = {s.id: s for s in table}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise KeyError(f"no series {unknown[0]!r} (the series are: {', '.join(by_id)})")
    chosen = [by_id[i] for i in ids] if ids else list(table)
    return "\n\n".join(text_table(s) for s in chosen)

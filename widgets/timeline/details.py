"""One event as HTML: the detail panel, the accounts of a contested event, the key to the eras (pure).

Every text is escaped (:func:`widgets.ui.html.esc`); links come from :func:`widgets.ui.html.link`.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from widgets.data import Era, Event, Narrative, Source
from widgets.ui.html import esc, link

from .model import category_label, date_text

__all__ = ["era_key_html", "event_detail_html", "narratives_html", "source_link"]

_SIDE_LABELS = {"us": "US account", "russia": "Russian account", "other": "Another account"}
_PRECISION = {"day": "exact day", "month": "known to the month", "year": "known to the year"}


def source_link(source: Source) -> str:
    """A source as an escaped, underlined link that opens in a new tab."""
    return link(source.url, source.title)


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
    links = "; ".join(source_link(s) for s in n.sources)
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
    rows.append("<p><b>Sources:</b></p><ul>" + "".join(f"<li>{source_link(s)}</li>" for s in event.sources) + "</ul>")
    return f'<article aria-label="Event details">{"".join(rows)}</article>'


def era_key_html(eras: Sequence[Era]) -> str:
    """The key to the numbered era bands of the chart."""
    if not eras:
        return ""
    items = "; ".join(
        f"<b>{k}</b> {esc(e.title)} ({e.start.year}–{e.end.year if e.end else 'now'})" for k, e in enumerate(eras, 1)
    )
    return f"<p><small>Shaded bands are the course's eras, numbered along the top of the chart: {items}.</small></p>"

"""The sources of lesson 5, derived from the data: every series point's source and every scenario view's."""

from __future__ import annotations

import os

from widgets.data import DataError, load_bank, load_events
from widgets.data.futures import load_futures
from widgets.data.series_defs import load_series_table
from widgets.ui.html import esc, sources_html
from widgets.ui.style import TEXT_STYLE

__all__ = ["SourcesHTML", "lesson5_sources"]


class SourcesHTML(str):
    """HTML that a notebook displays as HTML (and prints as its text)."""

    def _repr_html_(self) -> str:
        return str(self)


def lesson5_sources(folder: str | os.PathLike[str] | None = None) -> SourcesHTML:
    """Three lists, each source once overall: the series (definitions and points), the scenarios' views, the self-check."""
    series = load_series_table(folder)
    events = {e.id: e for e in load_events(folder)}
    series_srcs = [src for s in series for src in (*s.definition.sources, *(p.source for p in s.points))]
    view_srcs = [src for sc in load_futures(folder) for v in sc.views
                 for src in (*v.sources, *(x for eid in v.events if eid in events for x in events[eid].sources))]
    try:
        bank_srcs = [src for q in load_bank("lesson05", folder).questions for src in q.sources]
    except DataError:
        bank_srcs = []  # a folder without the lesson's bank: the other two lists still stand
    # Each source once, under the first group that cites it.
    seen: set[str] = set()

    def fresh(srcs):
        out = [s for s in srcs if s.url not in seen]
        seen.update(s.url for s in srcs)
        return out

    series_srcs, view_srcs, bank_srcs = fresh(series_srcs), fresh(view_srcs), fresh(bank_srcs)
    bank = f"<p><strong>The self-check</strong> (sources not listed above):</p>{sources_html(bank_srcs)}" if bank_srcs else ""
    return SourcesHTML(
        f'<div class="course-sources" style="{TEXT_STYLE}">'
        f"<p><strong>The numbers</strong> ({esc(len(series))} series):</p>{sources_html(series_srcs)}"
        f"<p><strong>The scenarios' views</strong>:</p>{sources_html(view_srcs)}{bank}</div>"
    )

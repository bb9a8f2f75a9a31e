"""The debrief as an instructor projects it: every group's deal against the Pareto front and the Nash point.

The model is :mod:`widgets.roleplay.debrief`; this module draws the chart (plotly, through
``widgets.ui.plot``: the course figure, as wide as its output) and lays out the
sentence, the table (the chart's text alternative, with value left on the table per group), the
skipped files, the exit-survey summary and the debrief questions. Every label is escaped.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import ipywidgets as ipw

from widgets.lab.view import _annotations, _extent, _shapes
from widgets.roleplay.debrief import DEFAULT_ROLEPLAY, Debrief, debrief
from widgets.roleplay.scoring import fmt
from widgets.selfcheck.tables import CELL, CELL_NUM, CELL_TH, TABLE
from widgets.ui.html import box, esc, sources_html
from widgets.ui.page import helper
from widgets.ui.plot import figure, go, wrap
from widgets.ui.style import BLUE, ORANGE, TEXT_STYLE, VERMILLION

__all__ = ["DebriefView", "debrief_figure", "resolve_folder"]

_GREY = "#999999"


def debrief_figure(d: Debrief):
    """The course figure (a FigureWidget as wide as its output): every package (grey), the Pareto front,
    the Nash point and each group's deal, labelled with the group."""
    s = d.scorer
    model = s.model
    xs = [p[0] for p in s.points]
    ys = [p[1] for p in s.points]
    front = list(s.front)
    at: dict[tuple[float, float], list[str]] = defaultdict(list)
    for g in d.scored:
        at[g.score.scores].append(g.group)
    gx, gy, labels, hovers = [], [], [], []
    for (a, b), names in at.items():
        gx.append(a)
        gy.append(b)
        labels.append(esc(", ".join(names)))
        hovers.append(wrap(esc(f"Group {', '.join(names)}: {s.names[0]} {fmt(a)}, {s.names[1]} {fmt(b)}; "
                                f"{fmt(d.scorer.best_joint - a - b)} points left on the table")))
    traces = [
        go.Scatter(x=xs, y=ys, mode="markers", name="Every package", hoverinfo="skip",
                   marker=dict(color=_GREY, size=5, opacity=0.4)),
        go.Scatter(x=[xs[i] for i in front], y=[ys[i] for i in front], mode="lines+markers", name="Pareto front",
                   line=dict(color=ORANGE, width=2), marker=dict(color=ORANGE, size=6, symbol="square"), hoverinfo="skip"),
    ]
    if s.nash is not None:
        traces.append(go.Scatter(x=[xs[s.nash]], y=[ys[s.nash]], mode="markers", name="Nash point",
                                 marker=dict(color=VERMILLION, size=26, symbol="star", line=dict(color="#222222", width=1)),
                                 hovertext=[esc(f"Nash point: {s.names[0]} {fmt(xs[s.nash])}, {s.names[1]} {fmt(ys[s.nash])}")],
                                 hoverinfo="text"))
    traces.append(go.Scatter(x=gx, y=gy, mode="markers+text", name="A group's deal", text=labels,
                             textposition="top center", textfont=dict(size=12, color="#111111"),
                             marker=dict(color=BLUE, size=13, symbol="diamond", line=dict(color="#FFFFFF", width=2)),
                             hovertext=hovers, hoverinfo="text"))
    x0, x1, y0, y1 = _extent(model)
    layout = go.Layout(
        # The title at the top of the figure, the legend in its own band above the plot (never on each other).
        height=500, margin=dict(l=60, r=20, t=80, b=50), hovermode="closest",
        title=dict(text=esc(f"Every group's deal: {d.roleplay.title}"), font=dict(size=15), x=0, xref="paper",
                   xanchor="left", y=1, yref="container", yanchor="top", pad=dict(t=10)),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        xaxis=dict(type="linear", title=dict(text=esc(f"{s.names[0]} score (points)")), range=[x0, x1], zeroline=False),
        yaxis=dict(type="linear", title=dict(text=esc(f"{s.names[1]} score (points)")), range=[y0, y1], zeroline=False),
        shapes=_shapes(model), annotations=_annotations(model),
    )
    return figure(traces, layout)


# The course stylesheet lets HTML break anywhere (long words in narrow outputs); in a table that would
# squeeze headings to a letter per line, so cells break between words only.
_NOWRAP = ";overflow-wrap:normal;word-break:normal"


def _table(headers, rows, caption: str) -> str:
    head = "".join(f'<th scope="col" style="{CELL_TH}{_NOWRAP}">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for k, v in enumerate(row):
            style = CELL_NUM if (v and v.lstrip("-").replace(".", "").isdigit()) else CELL
            cells.append(f'<th scope="row" style="{CELL}{_NOWRAP}">{esc(v)}</th>' if k == 0
                         else f'<td style="{style}{_NOWRAP}">{esc(v)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table style="{TABLE}"><caption style="text-align:left;caption-side:top">{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def survey_html(d: Debrief) -> str:
    roles = [r for r in d.roleplay.roles if any(dict(line.by_role).get(r.id) is not None for line in d.survey)]
    headers = ["Question", "Answers", "Mean (1–7)", *(r.title for r in roles)]
    rows = []
    for line in d.survey:
        by = dict(line.by_role)
        rows.append((line.question, str(line.n), fmt(round(line.mean, 1)) if line.mean is not None else "",
                     *(fmt(round(by[r.id], 1)) if r.id in by else "" for r in roles)))
    return (f"<p style=\"{TEXT_STYLE}\">{esc(d.survey_sentence())}</p>"
            + _table(headers, rows, "How participants felt (exit survey, 1 = not at all, 7 = completely)"))


def questions_html(d: Debrief) -> str:
    items = "".join(f"<li><strong>{esc(q.topic)}.</strong> {esc(q.question)}<br><em>Listen for:</em> {esc(q.listen_for)}"
                    f"{sources_html(q.sources) if q.sources else ''}</li>" for q in d.roleplay.debrief)
    return f'<ol style="{TEXT_STYLE}">{items}</ol>'


def resolve_folder(folder: str | os.PathLike[str]) -> Path:
    """``folder`` as given, or relative to the instructor kit's own folder (``instructors/``)."""
    p = Path(folder)
    if p.exists() or p.is_absolute():
        return p
    kit = Path(__file__).resolve().parents[2] / "instructors" / p
    return kit if kit.exists() else p


class DebriefView(ipw.VBox):
    """The debrief of a folder of deal sheets: chart, table, skipped files, survey, questions."""

    def __init__(self, d: Debrief):
        self.debrief = d
        self.chart = debrief_figure(d)
        self.summary = ipw.HTML(f'<p style="{TEXT_STYLE}">{esc(d.sentence())}</p>')
        rows = d.rows()
        self.table = ipw.HTML(_table(d.headers(), rows, "Every group's deal, scored (the chart as a table)"))
        lines = [f"<li>Group {esc(g.group)}: {esc(d.scorer.sentence(g.score))}</li>" for g in d.scored]
        lines += [f"<li>{esc(g.check.text())}</li>" for g in d.groups if g.score is None]
        self.details = ipw.HTML(f'<ul style="{TEXT_STYLE}">{"".join(lines)}</ul>')
        skipped = "".join(f"<li>{esc(m)}</li>" for m in d.skipped)
        self.skipped = ipw.HTML(box(ORANGE, f"<p>Files skipped:</p><ul>{skipped}</ul>") if skipped else "")
        self.survey = ipw.HTML(survey_html(d))
        self.questions = ipw.HTML(questions_html(d))
        heading = lambda t: ipw.HTML(f'<h3 style="{TEXT_STYLE}">{esc(t)}</h3>')  # noqa: E731
        self.page = helper()  # the course stylesheet, and the chart re-fitted to its output's width
        children = [self.page, self.summary] + ([self.chart] if d.scored else []) + [
            self.table, self.details, self.skipped,
            heading("How participants felt"), self.survey,
            heading("Debrief questions"), self.questions,
        ]
        super().__init__(children=children, layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-roleplay-debrief")

    @classmethod
    def from_folder(cls, folder: str | os.PathLike[str] = "example-deals", roleplay: str = DEFAULT_ROLEPLAY,
                    data_folder=None) -> "DebriefView":
        return cls(debrief(resolve_folder(folder), roleplay, data_folder))

    def save_chart(self, path: str | os.PathLike[str]) -> Path:
        """Write the chart as a self-contained HTML file (plotly.js inlined: opens offline)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.chart.write_html(str(path), include_plotlyjs=True, full_html=True)
        return path

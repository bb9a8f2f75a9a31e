"""The negotiation lab (lesson 3): the student mediates by building packages on a live chart.

The chart plots every package by its US score (across) against its Russian score (up), with each
side's BATNA as a dashed line, the ZOPA shaded, the Pareto front, the Nash bargaining point and the
student's own package. Sliders move the BATNAs; a switch per side adds a ratification threshold
(Putnam's Level II). The same facts are given as one sentence and a table under the chart. The
maths is in ``widgets.negotiation`` and the texts in ``widgets.lab.model``; this module only wires
controls to them and updates the figure in place.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any, Sequence

import ipywidgets as ipw

from widgets.lab.model import LabModel, fmt
from widgets.lab.slider_view import LabeledSlider
from widgets.ui.choices import RadioGroup
from widgets.ui.html import box, esc, paragraphs, sources_html
from widgets.ui.page import helper
from widgets.ui.plot import figure, go
from widgets.ui.style import BLUE, GREEN, ORANGE, SKY, TEXT_STYLE, VERMILLION

__all__ = ["NegotiationLab", "build_figure"]

ALL, DEALS, FRONT, NASH, YOURS = range(5)
_GREY = "#999999"
_HOVER_LIMIT = 5000  # packages; above it the hover shows the two scores only (the texts would cost more than the chart)


def _xy(model: LabModel, idx: Sequence[int]) -> tuple[list[float], list[float]]:
    pts = model.points
    return [pts[i][0] for i in idx], [pts[i][1] for i in idx]


def _pts(model: LabModel, idx: Sequence[int]) -> dict:
    x, y = _xy(model, idx)
    return dict(x=x, y=y)


def _extent(model: LabModel) -> tuple[float, float, float, float]:
    xs = [p[0] for p in model.points]
    ys = [p[1] for p in model.points]
    pad_x = (max(xs) - min(xs)) * 0.05 or 1
    pad_y = (max(ys) - min(ys)) * 0.05 or 1
    return min(xs) - pad_x, max(xs) + pad_x, min(ys) - pad_y, max(ys) + pad_y


def _shapes(model: LabModel) -> list[dict]:
    x0, x1, y0, y1 = _extent(model)
    ba, bb = model.batna
    line = dict(color="#444444", width=1.5, dash="dash")
    shapes = [
        dict(type="line", xref="x", yref="y", x0=ba, x1=ba, y0=y0, y1=y1, line=line),
        dict(type="line", xref="x", yref="y", x0=x0, x1=x1, y0=bb, y1=bb, line=line),
    ]
    if ba < x1 and bb < y1:
        shapes.insert(0, dict(type="rect", xref="x", yref="y", x0=ba, x1=x1, y0=bb, y1=y1,
                              fillcolor=GREEN, opacity=0.08, line=dict(width=0), layer="below"))
    return shapes


def _annotations(model: LabModel) -> list[dict]:
    x0, x1, y0, y1 = _extent(model)
    ba, bb = model.batna
    font = dict(size=12, color="#333333")
    return [
        dict(x=ba, y=y1, xref="x", yref="y", text=esc(f"{model.names[0]} BATNA {fmt(ba)}"), showarrow=False,
             xanchor="left", yanchor="top", xshift=4, font=font, bgcolor="rgba(255,255,255,0.8)"),
        dict(x=x0, y=bb, xref="x", yref="y", text=esc(f"{model.names[1]} BATNA {fmt(bb)}"), showarrow=False,
             xanchor="left", yanchor="bottom", yshift=2, font=font, bgcolor="rgba(255,255,255,0.8)"),
    ]


def _hover(model: LabModel, i: int) -> str:
    a, b = model.points[i]
    return "<br>".join(esc(f"{issue}: {label}") for issue, label in zip(model.issues, model.labels(i))) + (
        f"<br>{esc(model.names[0])}: {esc(fmt(a))}, {esc(model.names[1])}: {esc(fmt(b))}")


def build_figure(model: LabModel):
    """A new FigureWidget for ``model``; ``NegotiationLab`` then only updates it in place."""
    # Every trace is created with its points: a figure filled by update messages after it is created
    # can be drawn by the browser before they arrive (an empty -1..6 grid was seen under load).
    r = model.result
    n = len(model.points)
    xs, ys = _xy(model, range(n))
    texts = [_hover(model, i) for i in range(n)] if n <= _HOVER_LIMIT else None
    nash = [] if r.nash is None else [r.nash]
    traces = [
        go.Scatter(x=xs, y=ys, text=texts, mode="markers", name="Every package",
                   marker=dict(color=_GREY, size=5, opacity=0.5),
                   hovertemplate="%{text}<extra></extra>" if texts else "%{x}, %{y}<extra></extra>"),
        go.Scatter(**_pts(model, r.feasible), mode="markers", name="Possible deals",
                   marker=dict(color=SKY, size=7, line=dict(color=BLUE, width=1)), hoverinfo="skip"),
        go.Scatter(**_pts(model, model.front), mode="lines+markers", name="Pareto front", line=dict(color=ORANGE, width=2),
                   marker=dict(color=ORANGE, size=7, symbol="square"), hoverinfo="skip"),
        go.Scatter(**_pts(model, nash), mode="markers", name="Nash point",
                   marker=dict(color=VERMILLION, size=18, symbol="star", line=dict(color="#222222", width=1)),
                   hoverinfo="skip"),
        go.Scatter(**_pts(model, [model.proposal_index]), mode="markers", name="Your package",
                   marker=dict(color=BLUE, size=15, symbol="diamond", line=dict(color="#FFFFFF", width=2)),
                   hoverinfo="skip"),
    ]
    x0, x1, y0, y1 = _extent(model)
    layout = go.Layout(
        autosize=True,
        height=460,
        margin=dict(l=60, r=20, t=56, b=50),
        hovermode="closest",
        legend=dict(orientation="h", x=0, y=1.01, yanchor="bottom"),
        xaxis=dict(type="linear", title=dict(text=esc(f"{model.names[0]} score (points)")), range=[x0, x1], zeroline=False),
        yaxis=dict(type="linear", title=dict(text=esc(f"{model.names[1]} score (points)")), range=[y0, y1], zeroline=False),
        shapes=_shapes(model),
        annotations=_annotations(model),
    )
    return figure(traces, layout)


def _fill(fig, model: LabModel, static: bool = True) -> None:
    """Put the model's current state into ``fig``; with ``static=False`` also the scenario's points."""
    r = model.result
    with fig.batch_update():
        if not static:
            n = len(model.points)
            xs, ys = _xy(model, range(n))
            fig.data[ALL].x, fig.data[ALL].y = xs, ys
            fig.data[ALL].text = [_hover(model, i) for i in range(n)] if n <= _HOVER_LIMIT else None
            fig.data[FRONT].x, fig.data[FRONT].y = _xy(model, model.front)
            x0, x1, y0, y1 = _extent(model)
            fig.layout.xaxis.range, fig.layout.yaxis.range = [x0, x1], [y0, y1]
            fig.layout.xaxis.title.text = esc(f"{model.names[0]} score (points)")
            fig.layout.yaxis.title.text = esc(f"{model.names[1]} score (points)")
        fig.data[DEALS].x, fig.data[DEALS].y = _xy(model, r.feasible)
        nash = [] if r.nash is None else [r.nash]
        fig.data[NASH].x, fig.data[NASH].y = _xy(model, nash)
        fig.data[YOURS].x, fig.data[YOURS].y = _xy(model, [model.proposal_index])
        fig.layout.shapes = _shapes(model)
        fig.layout.annotations = _annotations(model)


class NegotiationLab(ipw.VBox):
    """Mediate a two-party, multi-issue negotiation: ``NegotiationLab.from_data()``."""

    BANK = "lesson03-lab"

    def __init__(self, scenarios: Sequence[Any] = (), model: LabModel | None = None, store: Any = None):
        self.scenarios = tuple(scenarios)
        self._store = store
        self._warned = False
        self._busy = False
        self.model = model or LabModel.from_scenario(self.scenarios[0])
        self.scenario = self.scenarios[0] if self.scenarios else None
        self.figure = build_figure(self.model)
        self.figure.add_class("course-lab-figure")
        self.helper = helper()  # course stylesheet; re-fits the chart to its output's width
        self.picker = RadioGroup([s.title for s in self.scenarios], description="Scenario",
                                 value=self.scenarios[0].title if self.scenarios else None)
        self.picker.observe(self._on_scenario, "value")
        self.intro = ipw.HTML()
        self.sentence = ipw.HTML()
        self.table = ipw.HTML()
        self.verdict = ipw.HTML()
        self.feedback = ipw.HTML()
        self.batna_sliders: list[LabeledSlider] = []
        self.ratify_boxes: list[ipw.Checkbox] = []
        self.threshold_sliders: list[LabeledSlider] = []
        self.controls = ipw.VBox(layout=ipw.Layout(width="100%"))
        self.nash_button = ipw.Button(description="Show the Nash package", icon="star", layout=ipw.Layout(width="auto"))
        self.better_button = ipw.Button(description="Find a package better for both", layout=ipw.Layout(width="auto"))
        self.propose_button = ipw.Button(description="Put my package on the table", button_style="primary",
                                         layout=ipw.Layout(width="auto"))
        self.nash_button.on_click(lambda _: self.show_nash())
        self.better_button.on_click(lambda _: self.improve())
        self.propose_button.on_click(lambda _: self.propose())
        self.issue_choices: list[RadioGroup] = []
        self.builder = ipw.GridBox(layout=ipw.Layout(grid_template_columns="repeat(auto-fill, minmax(240px, 1fr))",
                                                     grid_gap="0.5em 1.5em", width="100%"))
        children = [self.picker] if len(self.scenarios) > 1 else []
        children += [
            self.intro, self.figure, self.sentence, self.controls,
            ipw.HTML('<h4 style="margin:0.8em 0 0.2em">Your package: choose one option per issue</h4>'),
            self.builder, self.verdict,
            ipw.HBox([self.propose_button, self.better_button, self.nash_button], layout=ipw.Layout(flex_flow="row wrap")),
            self.feedback, self.table, self.helper,
        ]
        super().__init__(children, layout=ipw.Layout(width="100%"))
        self.add_class("course-widget")
        self.add_class("course-lab")
        self._load(self.model, static=True)

    # ------------------------------------------------------------ constructors

    @classmethod
    def from_data(cls, scenario: str | None = None, folder: str | os.PathLike[str] | None = None,
                  store: Any = None) -> "NegotiationLab":
        """The lab over every scenario in ``data/scenarios`` (``scenario``: the one to open first)."""
        from widgets.data import load_scenarios

        scenarios = list(load_scenarios(folder))
        if scenario is not None:
            scenarios.sort(key=lambda s: s.id != scenario)
        return cls(scenarios, store=store)

    @classmethod
    def from_points(cls, points, ratify=None, batna=(0.0, 0.0)) -> "NegotiationLab":
        """A lab over bare numbers (benchmarks, tests): ``points[issue][option] = (a, b)``."""
        model = LabModel(("Side A", "Side B"), [f"Issue {k + 1}" for k in range(len(points))],
                         [[f"Option {o + 1}" for o in range(len(opts))] for opts in points],
                         points, ratify, batna, ("Ratifier A", "Ratifier B"))
        return cls((), model=model)

    # ------------------------------------------------------------ wiring

    @property
    def store(self):
        if self._store is None:
            from widgets.progress import default_store  # lazily: only when a student proposes

            self._store = default_store()
        return self._store

    def _load(self, model: LabModel, static: bool) -> None:
        """Set every control to ``model`` (a new scenario) without firing a recomputation per control."""
        self.model = model
        self._busy = True
        try:
            self._build_controls(model)
            self.issue_choices = []
            for k, issue in enumerate(model.issues):
                group = RadioGroup(list(model.options[k]), description=issue, value=model.options[k][0],
                                   layout=ipw.Layout(width="100%"))
                group.observe(lambda ch, k=k: self._on_option(k, ch["new"]), "value")
                self.issue_choices.append(group)
            self.builder.children = self.issue_choices
        finally:
            self._busy = False
        self.intro.value = self._intro_html()
        if not static:
            _fill(self.figure, model, static=False)
        self.feedback.value = ""
        self._refresh(figure=False)  # the figure is current: built with this state, or just filled above

    def _build_controls(self, model: LabModel) -> None:
        """Fresh sliders and switches for a scenario (each scenario has its own ranges)."""
        for old in (*self.batna_sliders, *self.ratify_boxes, *self.threshold_sliders):
            old.close()
        self.batna_sliders, self.ratify_boxes, self.threshold_sliders = [], [], []
        rows = []
        for side in (0, 1):
            lo = min(model.batna[side], min(p[side] for p in model.points))
            hi = max(model.batna[side], max(p[side] for p in model.points))
            if self.scenario is not None:
                party = self.scenario.parties[side]
                lo, hi = party.batna_min, party.batna_max
            batna = LabeledSlider(min=lo, max=hi, value=model.batna[side], description=f"{model.names[side]} BATNA")
            rlo, rhi = model.ratify_range(side)
            threshold = model.thresholds[side]
            start = threshold if threshold is not None else round((rlo + rhi) / 2)
            level2 = LabeledSlider(min=rlo, max=rhi, value=start, description=f"Threshold for {model.names[side]}",
                                   disabled=threshold is None)
            switch = ipw.Checkbox(value=threshold is not None, indent=False, layout=ipw.Layout(width="auto"),
                                  description=model.ratifiers[side] or f"A ratification vote in {model.names[side]}")
            batna.observe(lambda ch, s=side: self._on_batna(s, ch["new"]), "value")
            switch.observe(lambda ch, s=side: self._on_ratify(s), "value")
            level2.observe(lambda ch, s=side: self._on_ratify(s), "value")
            self.batna_sliders.append(batna)
            self.ratify_boxes.append(switch)
            self.threshold_sliders.append(level2)
            rows.append(ipw.VBox([switch, level2], layout=ipw.Layout(margin="0 0 0.4em 0")))
        self.controls.children = [
            ipw.HTML('<h4 style="margin:0.5em 0 0.2em">Outside options (BATNAs)</h4>'),
            *self.batna_sliders,
            ipw.HTML('<h4 style="margin:0.5em 0 0.2em">Ratification at home (Level II): switch on and set the threshold</h4>'),
            *rows,
        ]

    def _intro_html(self) -> str:
        s = self.scenario
        if s is None:
            return ""
        label = "Practice scenario" if s.kind == "practice" else "Teaching model"
        parts = [f"<h4 style=\"margin:0.3em 0\">{esc(s.title)}</h4>", paragraphs(s.summary),
                 box(ORANGE, f"<b>{esc(label)}.</b> {esc(s.assumptions)}", role="note")]
        sides = "".join(
            f"<p><b>{esc(p.name)} has said:</b> {esc(p.position)}</p>"
            f"<p>No agreement ({esc(fmt(p.batna))} points by default): {esc(p.batna_note)}</p>"
            + (f"<p>{esc(p.ratifier_note)}</p>" if p.ratifier_note else "")
            + sources_html(p.sources)
            for p in s.parties
        )
        parts.append(f'<details><summary>What each side has said it wants, with sources</summary>{sides}'
                     f'<p>About the scenario:</p>{sources_html(s.sources)}</details>')
        return f'<div style="{TEXT_STYLE}">{"".join(parts)}</div>'

    def _on_scenario(self, change) -> None:
        if self._busy or change["new"] is None:
            return
        for s in self.scenarios:
            if s.title == change["new"]:
                self.scenario = s
                self._load(LabModel.from_scenario(s), static=False)
                return

    def _on_batna(self, side: int, value: float) -> None:
        if self._busy:
            return
        # A value from the browser may be a rounding error off the step grid.
        self.model.set_batna(side, round(float(value), 6))
        self._refresh()

    def _on_ratify(self, side: int) -> None:
        if self._busy:
            return
        on = self.ratify_boxes[side].value
        self.threshold_sliders[side].disabled = not on
        self.model.set_threshold(side, round(float(self.threshold_sliders[side].value), 6) if on else None)
        self._refresh()

    def _on_option(self, k: int, label: str | None) -> None:
        if self._busy or label is None:
            return
        self.model.proposal[k] = self.model.options[k].index(label)
        self._refresh()

    def _refresh(self, figure: bool = True) -> None:
        if figure:
            _fill(self.figure, self.model)
        self.sentence.value = f'<p style="{TEXT_STYLE}" role="status"><b>What the chart shows:</b> {esc(self.model.sentence())}</p>'
        self.verdict.value = self._verdict_html()
        self.table.value = self._table_html()

    def _verdict_html(self) -> str:
        m = self.model
        a, b = m.verdicts(m.proposal_index)
        colour = GREEN if a.yes and b.yes else VERMILLION
        return box(colour, paragraphs(m.proposal_text()))

    def _table_html(self) -> str:
        rows = "".join(
            "<tr>" + "".join(f'<td style="padding:2px 8px;vertical-align:top">{esc(c)}</td>' for c in row) + "</tr>"
            for row in self.model.table_rows()
        )
        head = "".join(f'<th scope="col" style="text-align:left;padding:2px 8px">{esc(h)}</th>' for h in
                       ("", "Package", f"{self.model.names[0]}", f"{self.model.names[1]}", "Status"))
        return (f'<details><summary>The chart as a table: the Nash point, your package and the Pareto front</summary>'
                f'<div style="max-height:22em;overflow:auto"><table style="border-collapse:collapse;{TEXT_STYLE}">'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details>")

    # ------------------------------------------------------------ actions

    def set_proposal(self, index: int) -> None:
        """Show package ``index`` in the builder (and so on the chart)."""
        choice = self.model.choice(index)
        self._busy = True
        try:
            for k, c in enumerate(choice):
                self.issue_choices[k].value = self.model.options[k][c]
        finally:
            self._busy = False
        self.model.proposal = list(choice)
        self._refresh()

    def show_nash(self) -> None:
        nash = self.model.result.nash
        if nash is None:
            self.feedback.value = box(VERMILLION, "<p>No package is acceptable to both sides now, so there is no Nash point. "
                                                  "Lower a BATNA or switch a ratification constraint off.</p>")
            return
        self.set_proposal(nash)
        self.feedback.value = box(BLUE, "<p>This is the Nash bargaining package: of the possible deals, it gives the "
                                        "largest product of the two sides' gains over no agreement.</p>")

    def improve(self) -> None:
        better = self.model.better_for_both(self.model.proposal_index)
        if better is None:
            self.feedback.value = box(BLUE, "<p>No possible deal is better for both sides than your package.</p>")
            return
        self.set_proposal(better)
        self.feedback.value = box(BLUE, "<p>Shown: a possible deal that gives each side at least as much as your "
                                        "last package, and one side more. Which issues changed, and who gave what?</p>")

    def propose(self) -> float:
        """Put the package to both sides; score and record the attempt (the lesson's two-level activity)."""
        m = self.model
        i = m.proposal_index
        a, b = m.verdicts(i)
        agreed = a.yes and b.yes
        on_front = i in m.front
        constrained = any(t is not None for t in m.thresholds)
        score = 1.0 if agreed and on_front else 0.5 if agreed else 0.0
        if agreed and on_front:
            text = "Both sides accept, and no package is better for both: a deal a mediator can be proud of."
        elif agreed:
            text = "Both sides accept, but another package would be better for both. Try to find it."
        else:
            text = "At least one side, or its ratifier, says no. Read why above and change an issue."
        note = self._record(i, agreed, score, constrained)
        self.feedback.value = box(GREEN if agreed else VERMILLION, f"<p>{esc(text)}</p>{note}")
        return score

    def _record(self, index: int, agreed: bool, score: float, constrained: bool) -> str:
        sid = self.scenario.id if self.scenario is not None else "points"
        try:
            from widgets.progress import Attempt

            self.store.record(Attempt(
                bank=self.BANK,
                question=f"{sid}{'-ratified' if constrained else ''}",
                answer=self.model.short(index),
                correct=agreed,
                score=score,
                time=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ))
            warning = getattr(self.store, "warning", None)
        except Exception as exc:  # recording must never cost the student their feedback
            warning = f"Your proposal could not be saved ({exc})."
        if warning and not self._warned:
            self._warned = True
            return f"<p>{esc(warning)}</p>"
        return ""

"""Case comparison, pure: factor tables (as accessible HTML), phases in days from the opening of talks.

No widget library is imported here; the views in ``compare_view`` wire controls to these functions.
Every text that reaches HTML is escaped with :func:`widgets.ui.html.esc`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from widgets.data import Case, Event
from widgets.data.records import CASE_FACTORS, CasePhase
from widgets.ui.html import esc, link, wrap_lines
from widgets.ui.style import OKABE_ITO, SYMBOLS, TEXT_STYLE

FACTOR_LABELS: dict[str, str] = {
    "mediator": "Mediator type and leverage",
    "deadline": "Deadline",
    "secrecy": "Secrecy or back channel",
    "inclusivity": "Inclusivity",
    "sequencing": "Sequencing and interim steps",
    "verification": "Verification",
    "guarantees": "Guarantees",
    "ratification": "Ratification or referendum",
}
FACTOR_QUESTIONS: dict[str, str] = {
    "mediator": "How much did a mediator, and the mediator's leverage, shape the deal?",
    "deadline": "How much did a deadline force decisions?",
    "secrecy": "How much did secret or confidential talks help?",
    "inclusivity": "How inclusive was the table?",
    "sequencing": "How much did interim steps and the order of issues matter?",
    "verification": "How strong was the checking of compliance?",
    "guarantees": "How strong were outside guarantees?",
    "ratification": "How strong was the approval at home (vote or referendum)?",
}
LEVEL_LABELS: dict[str, str] = {"strong": "Strong", "some": "Some", "none": "None"}
LEVEL_SCORE: dict[str, int] = {"none": 0, "some": 1, "strong": 2}
MEDIATOR_TYPE_LABELS: dict[str, str] = {
    "none": "no mediator (direct talks)",
    "facilitator": "facilitator",
    "formulator": "formulator",
    "manipulator": "manipulator (uses leverage)",
}
STATUS_LABELS: dict[str, str] = {"holding": "holding", "eroded": "eroded", "ended": "ended"}
PHASE_LABELS: dict[str, str] = {
    "talks-opened": "talks opened",
    "interim-deal": "interim deal",
    "signature": "signature",
    "ratification": "ratification",
    "referendum": "referendum",
    "entry-into-force": "entry into force",
    "implementation": "implementation",
    "suspension": "suspension",
    "end": "end",
}
MAX_COMPARED = 3


def short_title(case: Case) -> str:
    """The case's title without its bracketed years: 'Good Friday (Belfast) Agreement'."""
    return re.sub(r"\s*\(\d{4}\)", "", case.title).strip()


def choose(cases: Sequence[Case], ids: Iterable[str]) -> tuple[Case, ...]:
    """The cases with these ids, in the given order (unknown ids are ignored, at most ``MAX_COMPARED``)."""
    by_id = {c.id: c for c in cases}
    out = []
    for cid in ids:
        if cid in by_id and by_id[cid] not in out:
            out.append(by_id[cid])
    return tuple(out[:MAX_COMPARED])


# ---------------------------------------------------------------- factors


def factor_rows(cases: Sequence[Case]) -> list[dict]:
    """One row per factor: its label and, per case, (level label, text, judgement, sources)."""
    rows = []
    for name in CASE_FACTORS:
        cells = []
        for c in cases:
            f = c.factor(name)
            if f is None:
                cells.append({"level": "", "label": "not coded", "text": "", "judgement": False, "sources": ()})
            else:
                cells.append({"level": f.level, "label": LEVEL_LABELS[f.level], "text": f.text,
                              "judgement": f.judgement, "sources": f.sources})
        rows.append({"factor": name, "label": FACTOR_LABELS[name], "cells": cells})
    return rows


# Row headers keep whole words (a narrow column otherwise breaks "Deadline" into "Deadlin e").
_TH = "text-align:left;vertical-align:top;min-width:9.5em;padding:0.35em 0.8em 0.35em 0;border-top:1px solid #DDDDDD"
_TD = "vertical-align:top;padding:0.35em 0.8em 0.35em 0;border-top:1px solid #DDDDDD"


def _cell_html(cell: dict) -> str:
    if not cell["level"]:
        return f'<td style="{_TD}"><i>not coded</i></td>'
    judged = ' <span title="The course\'s own judgement">(course judgement)</span>' if cell["judgement"] else ""
    links = "; ".join(link(s.url, s.title) for s in cell["sources"])
    return (f'<td style="{_TD}"><strong>{esc(cell["label"])}</strong>{judged}<br>{esc(cell["text"])}'
            f'<br><small>Source: {links}</small></td>')


def factor_table_html(cases: Sequence[Case]) -> str:
    """The coded factors as a real table: a caption, column headers for the cases, row headers for
    the factors, so that a screen reader announces 'Deadline, Good Friday Agreement: Strong ...'."""
    if not cases:
        return f'<p style="{TEXT_STYLE}">Choose two or three cases to compare.</p>'
    head = "".join(f'<th scope="col">{esc(short_title(c))}</th>' for c in cases)
    mediator_row = "".join(
        f'<td style="{_TD}">{esc(MEDIATOR_TYPE_LABELS.get(c.mediator_type, c.mediator_type or "not coded"))}</td>' for c in cases)
    body = [f'<tr><th scope="row" style="{_TH}">Type of mediator</th>{mediator_row}</tr>']
    for row in factor_rows(cases):
        body.append(f'<tr><th scope="row" style="{_TH}">{esc(row["label"])}</th>{"".join(_cell_html(c) for c in row["cells"])}</tr>')
    outcome = "".join(f'<td style="{_TD}">{esc(outcome_text(c))}</td>' for c in cases)
    body.append(f'<tr><th scope="row" style="{_TH}">Outcome and durability</th>{outcome}</tr>')
    names = ", ".join(short_title(c) for c in cases)
    return (f'<table class="course-case-table" style="{TEXT_STYLE};border-collapse:collapse;width:100%">'
            f"<caption style=\"text-align:left\">How the mediation literature's factors were coded for: {esc(names)}."
            f" 'Course judgement' marks a level that is the course's reading of its sources.</caption>"
            f'<thead><tr><th scope="col">Factor</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def outcome_text(case: Case) -> str:
    status = STATUS_LABELS.get(case.status, "")
    if not status:
        return case.outcome
    as_of = f" as of {case.status_as_of.display()}" if case.status_as_of else ""
    note = f" {case.status_note}" if case.status_note else ""
    return f"{status.capitalize()}{as_of}.{note}"


def agreement_count(cases: Sequence[Case]) -> dict[str, int]:
    """Per factor, how many of the cases code it 'strong' (a quick pattern for the summary)."""
    return {name: sum(1 for c in cases if (f := c.factor(name)) is not None and f.level == "strong")
            for name in CASE_FACTORS}


# ---------------------------------------------------------------- phases on a shared axis


@dataclass(frozen=True)
class PhasePoint:
    case_id: str
    case_label: str
    kind: str
    kind_label: str
    title: str
    date_text: str
    day: int  # days since the opening of talks


def phase_days(case: Case) -> list[tuple[CasePhase, int]]:
    """Each phase with its day count from the opening of talks (``case.start``); dates known only to the
    month or year are placed at the middle of that month or year."""
    origin = case.start.midpoint()
    return [(p, (p.date.midpoint() - origin).days) for p in case.phases]


def phase_points(cases: Sequence[Case]) -> list[PhasePoint]:
    out = []
    for c in cases:
        for p, day in phase_days(c):
            out.append(PhasePoint(c.id, short_title(c), p.kind, PHASE_LABELS.get(p.kind, p.kind), p.title,
                                  p.date.display(), day))
    return out


def milestone_days(case: Case) -> dict[str, int | None]:
    """Days from the opening of talks to the first signature, the entry into force and the end."""
    days = {"signature": None, "entry-into-force": None, "end": None}
    for p, day in phase_days(case):
        if p.kind in days and days[p.kind] is None:
            days[p.kind] = day
    if days["end"] is None and case.end:
        days["end"] = (case.end.midpoint() - case.start.midpoint()).days
    return days


def _years(days: int) -> str:
    if abs(days) < 60:
        return f"{days} days"
    if abs(days) < 730:
        return f"{days} days (about {round(days / 30.44)} months)"
    return f"{days:,} days (about {days / 365.25:.1f} years)"


def milestones_sentence(case: Case) -> str:
    """'Good Friday Agreement: signature after 679 days (about 22 months); ...' (plain text)."""
    d = milestone_days(case)
    parts = []
    for key, label in (("signature", "signature"), ("entry-into-force", "entry into force"), ("end", "end")):
        if d[key] is not None:
            parts.append(f"{label} after {_years(d[key])}")
    if d["end"] is None:
        parts.append("no end" + (f" as of {case.status_as_of.display()}" if case.status_as_of else ""))
    return f"{short_title(case)}: " + "; ".join(parts) + "."


def phases_table_html(cases: Sequence[Case]) -> str:
    """The phases chart as a table (its text alternative): case, phase, date, days from the opening."""
    rows = "".join(
        f"<tr><td>{esc(p.case_label)}</td><td>{esc(p.kind_label)}</td><td>{esc(p.title)}</td>"
        f"<td>{esc(p.date_text)}</td><td style=\"text-align:right\">{p.day:,}</td></tr>"
        for p in phase_points(cases))
    return (f'<table style="{TEXT_STYLE};border-collapse:collapse"><caption style="text-align:left">'
            "Phases of each case, in days from the opening of talks</caption><thead><tr>"
            '<th scope="col">Case</th><th scope="col">Phase</th><th scope="col">What happened</th>'
            '<th scope="col">Date</th><th scope="col">Day</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _nice_step(span: int) -> int:
    """A round tick step giving about five to ten ticks over ``span`` days."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
        if span / step <= 10:
            return step
    return 10_000


def _marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    style = f'fill="{colour}" stroke="#222222" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {style}/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r * 1.3:.1f} {x + r * 1.3:.1f},{y:.1f} {x:.1f},{y + r * 1.3:.1f} {x - r * 1.3:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {style}/>'
    if shape in ("triangle-up", "triangle-down"):
        d = -1 if shape == "triangle-up" else 1
        pts = f"{x:.1f},{y + d * r * 1.3:.1f} {x + r * 1.2:.1f},{y - d * r * 0.8:.1f} {x - r * 1.2:.1f},{y - d * r * 0.8:.1f}"
        return f'<polygon points="{pts}" {style}/>'
    if shape == "ring":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#FFFFFF" stroke="{colour}" stroke-width="3"/>'
    if shape == "ring-bar":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#FFFFFF" stroke="{colour}" stroke-width="3"/>'
                f'<line x1="{x - r:.1f}" y1="{y:.1f}" x2="{x + r:.1f}" y2="{y:.1f}" stroke="#222222" stroke-width="1.5"/>')
    if shape == "hollow-square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="#FFFFFF" '
                f'stroke="{colour}" stroke-width="3"/>')
    if shape == "x":
        return (f'<g stroke="{colour}" stroke-width="3"><line x1="{x - r:.1f}" y1="{y - r:.1f}" x2="{x + r:.1f}" '
                f'y2="{y + r:.1f}"/><line x1="{x - r:.1f}" y1="{y + r:.1f}" x2="{x + r:.1f}" y2="{y - r:.1f}"/></g>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {style}/>'


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about ``width`` characters (the second shortened with an ellipsis)."""
    lines = wrap_lines(text, width)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    if len(lines[-1]) > width:
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


# One shape per kind of phase (and a colour), so that colour is never the only cue.
PHASE_SHAPES: dict[str, str] = {
    "talks-opened": "circle", "interim-deal": "square", "signature": "diamond", "ratification": "triangle-up",
    "referendum": "hollow-square", "entry-into-force": "triangle-down", "implementation": "ring",
    "suspension": "ring-bar", "end": "x",
}


def phases_svg(cases: Sequence[Case]) -> str:
    """The phases of each case on one axis of days from the opening of talks, as a scalable SVG: one row
    per case, a marker per phase (shape and colour per kind, so colour is never the only cue), a
    <title> on every marker for the pointer, and a legend. The sentences and table are its text form."""
    if not cases:
        return ""
    points = phase_points(cases)
    kinds = [k for k in PHASE_LABELS if any(p.kind == k for p in points)]
    colours = {k: OKABE_ITO[i % len(OKABE_ITO)] for i, k in enumerate(PHASE_LABELS)}
    style = {k: (PHASE_SHAPES[k], colours[k]) for k in kinds}
    max_day = max([p.day for p in points] + [1])
    step = _nice_step(max_day)
    top_day = -(-max_day // step) * step
    width, left, right, row_h, top = 1000, 260, 30, 60, 20
    plot_w = width - left - right
    height = top + row_h * len(cases) + 70 + 26 * (-(-len(kinds) // 4))
    sx = lambda d: left + plot_w * d / top_day  # noqa: E731
    parts = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>']
    axis_y = top + row_h * len(cases)
    for d in range(0, top_day + 1, step):
        x = sx(d)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="#DDDDDD"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="13" fill="#222222">{d:,}</text>')
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#888888"/>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{axis_y + 40}" text-anchor="middle" font-size="14" '
                 'fill="#222222">Days from the opening of talks</text>')
    for row, c in enumerate(cases):
        y = top + row_h * row + row_h / 2
        last = max([d for _, d in phase_days(c)] + [0])
        label = short_title(c)
        lines = _wrap(label, 30)
        dy = -8 * (len(lines) - 1)
        spans = "".join(f'<tspan x="{left - 10}" dy="{dy if i == 0 else 16}">{esc(t)}</tspan>' for i, t in enumerate(lines))
        parts.append(f'<text x="{left - 10}" y="{y + 5:.1f}" text-anchor="end" font-size="14" fill="#222222">'
                     f"<title>{esc(label)}</title>{spans}</text>")
        parts.append(f'<line x1="{sx(0):.1f}" y1="{y:.1f}" x2="{sx(last):.1f}" y2="{y:.1f}" stroke="#888888" stroke-width="2"/>')
        for p in (p for p in points if p.case_id == c.id):
            shape, colour = style[p.kind]
            parts.append(f'<g class="course-phase"><title>{esc(f"{p.case_label}: {p.title} ({p.date_text}), day {p.day:,}")}'
                         f"</title>{_marker(shape, sx(max(p.day, 0)), y, 7, colour)}</g>")
    legend_y = axis_y + 62
    for i, k in enumerate(kinds):
        shape, colour = style[k]
        x = left + (i % 4) * (plot_w / 4)
        y = legend_y + 26 * (i // 4)
        parts.append(_marker(shape, x + 8, y, 6, colour))
        parts.append(f'<text x="{x + 22:.1f}" y="{y + 5:.1f}" font-size="13" fill="#222222">{esc(PHASE_LABELS[k])}</text>')
    names = ", ".join(short_title(c) for c in cases)
    return (f'<svg class="course-phases-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
            f'preserveAspectRatio="xMinYMin meet" aria-label="{esc("Phases of " + names + " in days from the opening of talks; the same data follows as sentences and a table.")}" '
            f'style="max-width:100%;height:auto;display:block">{"".join(parts)}</svg>')


# ---------------------------------------------------------------- the timeline filtered to a case


def case_events(case: Case, events: Sequence[Event]) -> tuple[Event, ...]:
    """The course events that the case lists, in date order."""
    wanted = set(case.events)
    return tuple(e for e in events if e.id in wanted)


def names_for(players: Mapping[str, str], ids: Iterable[str]) -> str:
    return ", ".join(players.get(i, i) for i in ids)

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
from widgets.ui.html import esc, link
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


def _cell_html(cell: dict) -> str:
    if not cell["level"]:
        return "<td><i>not coded</i></td>"
    judged = ' <span title="The course\'s own judgement">(course judgement)</span>' if cell["judgement"] else ""
    links = "; ".join(link(s.url, s.title) for s in cell["sources"])
    return (f'<td><strong>{esc(cell["label"])}</strong>{judged}<br>{esc(cell["text"])}'
            f'<br><small>Source: {links}</small></td>')


def factor_table_html(cases: Sequence[Case]) -> str:
    """The coded factors as a real table: a caption, column headers for the cases, row headers for
    the factors, so that a screen reader announces 'Deadline, Good Friday Agreement: Strong ...'."""
    if not cases:
        return f'<p style="{TEXT_STYLE}">Choose two or three cases to compare.</p>'
    head = "".join(f'<th scope="col">{esc(short_title(c))}</th>' for c in cases)
    mediator_row = "".join(
        f"<td>{esc(MEDIATOR_TYPE_LABELS.get(c.mediator_type, c.mediator_type or 'not coded'))}</td>" for c in cases)
    body = [f'<tr><th scope="row">Type of mediator</th>{mediator_row}</tr>']
    for row in factor_rows(cases):
        body.append(f'<tr><th scope="row">{esc(row["label"])}</th>{"".join(_cell_html(c) for c in row["cells"])}</tr>')
    outcome = "".join(f"<td>{esc(outcome_text(c))}</td>" for c in cases)
    body.append(f'<tr><th scope="row">Outcome and durability</th>{outcome}</tr>')
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


def phases_figure_spec(cases: Sequence[Case], *, log_days: bool = False) -> tuple[list[dict], dict]:
    """Plain-dict plotly traces and layout: one row per case, a line from day 0 to its last phase and a
    marker per phase kind (symbol and colour per kind, so colour is never the only cue). The caller
    escapes nothing: every text here is escaped already."""
    points = phase_points(cases)
    kinds = [k for k in PHASE_LABELS if any(p.kind == k for p in points)]
    labels = [esc(short_title(c)) for c in cases]
    traces: list[dict] = []
    for c, label in zip(cases, labels):
        days = [d for _, d in phase_days(c)]
        traces.append(dict(type="scatter", mode="lines", x=[0, max(days + [0])], y=[label, label],
                           line=dict(color="#888888", width=2), hoverinfo="skip", showlegend=False))
    for i, kind in enumerate(kinds):
        pts = [p for p in points if p.kind == kind]
        traces.append(dict(
            type="scatter", mode="markers", name=esc(PHASE_LABELS[kind]),
            x=[max(p.day, 1) if log_days else p.day for p in pts], y=[esc(p.case_label) for p in pts],
            marker=dict(size=12, symbol=SYMBOLS[i % len(SYMBOLS)], color=OKABE_ITO[i % len(OKABE_ITO)],
                        line=dict(width=1, color="#222222")),
            text=[esc(f"{p.case_label}: {p.title} ({p.date_text}), day {p.day:,}") for p in pts],
            hovertemplate="%{text}<extra></extra>",
        ))
    layout = dict(
        height=120 + 60 * max(1, len(cases)),
        margin=dict(l=10, r=10, t=40, b=50),
        xaxis=dict(title="Days from the opening of talks", type="log" if log_days else "linear",
                   rangemode="tozero"),
        yaxis=dict(type="category", categoryorder="array", categoryarray=list(reversed(labels)), automargin=True),
        legend=dict(orientation="h", y=-0.35),
        title=dict(text="Phases on a shared axis", x=0),
        autosize=True,
    )
    return traces, layout


# ---------------------------------------------------------------- the timeline filtered to a case


def case_events(case: Case, events: Sequence[Event]) -> tuple[Event, ...]:
    """The course events that the case lists, in date order."""
    wanted = set(case.events)
    return tuple(e for e in events if e.id in wanted)


def names_for(players: Mapping[str, str], ids: Iterable[str]) -> str:
    return ", ".join(players.get(i, i) for i in ids)

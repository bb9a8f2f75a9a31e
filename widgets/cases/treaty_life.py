"""The life of a treaty, pure: its state on a day, its segments over time, which were in force each year.

"In force" means in force between the United States and the Soviet Union or Russia: from entry into
force until the first withdrawal taking effect (by either side), expiry or termination. A suspension
by either side from then on makes it "in force, suspended". No widget library is imported here; the
chart in ``treaty_view`` draws what :func:`figure_spec` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from widgets.data.dates import PartialDate
from widgets.data.treaties import ENDING_KINDS, Treaty, TreatyEvent
from widgets.ui.html import esc, link
from widgets.ui.style import BLUE, ORANGE, SKY, TEXT_STYLE

IN_FORCE = "in force"
SUSPENDED = "in force, suspended"
SIGNED = "signed, not in force"
ENDED = "no longer in force"
NOT_YET = "not yet signed"
STATES = (IN_FORCE, SUSPENDED, SIGNED, ENDED, NOT_YET)
STATE_COLOURS = {IN_FORCE: BLUE, SUSPENDED: ORANGE, SIGNED: SKY}
EVENT_LABELS = {
    "signature": "signed",
    "ratification": "ratified",
    "rejection": "ratification rejected",
    "entry-into-force": "entered into force",
    "extension": "extended",
    "suspension": "suspended",
    "withdrawal-notice": "notice of withdrawal",
    "withdrawal": "withdrawal took effect",
    "ratification-revoked": "ratification revoked",
    "expiry": "expired",
    "termination": "terminated",
}
PARTY_LABELS = {"both": "", "us": "United States", "ussr": "Soviet Union", "russia": "Russia"}
FIRST_YEAR = 1963


def _on(d: PartialDate) -> date:
    """The day a dated step counts from: the first day of its month or year when only those are known."""
    return d.first_day()


@dataclass(frozen=True)
class Segment:
    treaty_id: str
    state: str  # IN_FORCE, SUSPENDED or SIGNED
    start: date
    end: date  # exclusive; the as-of day for a segment still running
    start_label: str = ""  # the start as precisely as the source dates it ('1992', 'May 1972', '3 October 1972')
    end_label: str = ""


def _eif(t: Treaty) -> TreatyEvent | None:
    return t.first("entry-into-force")


def _end(t: Treaty) -> TreatyEvent | None:
    eif = _eif(t)
    if eif is None:
        return None
    return next((e for e in t.events if e.kind in ENDING_KINDS and _on(e.date) >= _on(eif.date)), None)


def state_on(t: Treaty, day: date) -> str:
    """The treaty's state between the US and the USSR/Russia on ``day``."""
    signed = t.first("signature")
    if signed is None or day < _on(signed.date):
        return NOT_YET
    eif, end = _eif(t), _end(t)
    if end is not None and day >= _on(end.date):
        return ENDED
    if eif is None or day < _on(eif.date):
        ended_unratified = any(e.kind in ENDING_KINDS and _on(e.date) <= day for e in t.events)
        return ENDED if ended_unratified else SIGNED
    suspended = any(e.kind == "suspension" and _on(e.date) <= day for e in t.events)
    return SUSPENDED if suspended else IN_FORCE


def segments(t: Treaty, as_of: date) -> list[Segment]:
    """The treaty's life as consecutive segments (signed, in force, suspended) up to ``as_of``."""
    labels: dict[date, str] = {}
    for e in t.events:
        labels.setdefault(_on(e.date), e.date.display())
    cuts = sorted({d for d in labels if d <= as_of} | {as_of})
    label = lambda d: labels.get(d) if d != as_of or d in labels else f"{as_of.day} {as_of.strftime('%B')} {as_of.year} (as of)"
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        state = state_on(t, a)
        if state not in (IN_FORCE, SUSPENDED, SIGNED):
            continue
        if out and out[-1].state == state and out[-1].end == a:
            out[-1] = Segment(t.id, state, out[-1].start, b, out[-1].start_label, label(b))
        else:
            out.append(Segment(t.id, state, a, b, label(a), label(b)))
    return out


def year_day(year: int, as_of: date) -> date:
    """The day a year is read on: 31 December, or the as-of day in the as-of year."""
    return min(date(year, 12, 31), as_of)


def in_force_in(treaties: Sequence[Treaty], year: int, as_of: date) -> dict[str, list[Treaty]]:
    """The treaties in each state at the end of ``year`` (or on ``as_of`` in its own year)."""
    day = year_day(year, as_of)
    out: dict[str, list[Treaty]] = {s: [] for s in STATES}
    for t in treaties:
        out[state_on(t, day)].append(t)
    return out


def year_counts(treaties: Sequence[Treaty], as_of: date, first: int = FIRST_YEAR) -> list[tuple[int, int, int]]:
    """(year, in force, of which suspended) for every year from ``first`` to the as-of year."""
    rows = []
    for year in range(first, as_of.year + 1):
        states = in_force_in(treaties, year, as_of)
        rows.append((year, len(states[IN_FORCE]) + len(states[SUSPENDED]), len(states[SUSPENDED])))
    return rows


def year_sentence(treaties: Sequence[Treaty], year: int, as_of: date) -> str:
    """A plain-text sentence for the year slider: what was in force, suspended or signed."""
    states = in_force_in(treaties, year, as_of)
    day = year_day(year, as_of)
    when = f"On {day.day} {day.strftime('%B')} {day.year}" if day != date(year, 12, 31) else f"At the end of {year}"
    live = states[IN_FORCE] + states[SUSPENDED]
    if not live:
        text = f"{when}, no US–Soviet or US–Russian arms-control agreement in this chart was in force"
    else:
        names = ", ".join(t.name for t in live)
        text = f"{when}, {len(live)} of these agreements {'was' if len(live) == 1 else 'were'} in force: {names}"
    if states[SUSPENDED]:
        text += f" (suspended by at least one side: {', '.join(t.name for t in states[SUSPENDED])})"
    if states[SIGNED]:
        text += f"; signed but not in force: {', '.join(t.name for t in states[SIGNED])}"
    return text + "."


def event_label(e: TreatyEvent) -> str:
    who = PARTY_LABELS.get(e.party, "")
    return f"{EVENT_LABELS.get(e.kind, e.kind)}{f' ({who})' if who else ''}"


def life_table_html(treaties: Sequence[Treaty]) -> str:
    """Every dated step of every treaty, as a table (the chart's text alternative), with sources."""
    rows = []
    for t in treaties:
        for e in t.events:
            src = "; ".join(link(s.url, s.title) for s in e.sources)
            note = f"<br><small>{esc(e.note)}</small>" if e.note else ""
            rows.append(f'<tr><th scope="row">{esc(t.name)}</th><td>{esc(e.date.display())}</td>'
                        f"<td>{esc(event_label(e))}{note}</td><td><small>{src}</small></td></tr>")
    return (f'<table style="{TEXT_STYLE};border-collapse:collapse;width:100%"><caption style="text-align:left">'
            "The life of each agreement, step by step, with the source each date was checked against</caption>"
            '<thead><tr><th scope="col">Agreement</th><th scope="col">Date</th><th scope="col">Step</th>'
            f'<th scope="col">Source</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def counts_table_html(treaties: Sequence[Treaty], as_of: date) -> str:
    rows = "".join(f"<tr><td>{y}</td><td>{n}</td><td>{s}</td></tr>" for y, n, s in year_counts(treaties, as_of))
    return (f'<table style="{TEXT_STYLE};border-collapse:collapse"><caption style="text-align:left">'
            f"Agreements in force at the end of each year (the last row: on {esc(as_of.isoformat())})</caption>"
            '<thead><tr><th scope="col">Year</th><th scope="col">In force</th>'
            '<th scope="col">Of which suspended</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def figure_spec(treaties: Sequence[Treaty], as_of: date, year: int | None = None) -> tuple[list[dict], dict]:
    """Plain-dict traces and layout: one row per treaty, a bar per segment (colour and pattern per state,
    so colour is never the only cue), a marker per dated step, and a line at the chosen year."""
    names = [esc(t.name) for t in treaties]
    traces: list[dict] = []
    patterns = {IN_FORCE: "", SUSPENDED: "/", SIGNED: "."}
    for state in (IN_FORCE, SUSPENDED, SIGNED):
        base, lengths, ys, hover = [], [], [], []
        for t, name in zip(treaties, names):
            for seg in segments(t, as_of):
                if seg.state != state:
                    continue
                base.append(seg.start.isoformat())
                lengths.append((seg.end - seg.start).days * 86_400_000)  # milliseconds on a date axis
                ys.append(name)
                hover.append(esc(f"{t.name}: {state}, {seg.start_label} to {seg.end_label}"))
        traces.append(dict(type="bar", orientation="h", name=esc(state), base=base, x=lengths, y=ys,
                           marker=dict(color=STATE_COLOURS[state], pattern=dict(shape=patterns[state]),
                                       line=dict(width=0)),
                           text=hover, hovertemplate="%{text}<extra></extra>", textposition="none"))
    mx, my, mtext = [], [], []
    for t, name in zip(treaties, names):
        for e in t.events:
            if _on(e.date) <= as_of:
                mx.append(_on(e.date).isoformat())
                my.append(name)
                mtext.append(esc(f"{t.name}: {event_label(e)}, {e.date.display()}"))
    traces.append(dict(type="scatter", mode="markers", name="dated step", x=mx, y=my, text=mtext,
                       hovertemplate="%{text}<extra></extra>",
                       marker=dict(symbol="line-ns-open", size=14, color="#222222", line=dict(width=2))))
    shapes = []
    if year is not None:
        day = year_day(year, as_of).isoformat()
        shapes.append(dict(type="line", xref="x", yref="paper", x0=day, x1=day, y0=0, y1=1,
                           line=dict(color="#222222", width=2, dash="dot")))
    layout = dict(
        barmode="overlay",
        height=130 + 34 * len(treaties),
        margin=dict(l=10, r=10, t=90, b=40),
        xaxis=dict(type="date", title="Year", range=[f"{FIRST_YEAR - 1}-06-01", as_of.isoformat()]),
        yaxis=dict(type="category", categoryorder="array", categoryarray=list(reversed(names)), automargin=True),
        # Title at the top of the figure, legend just above the plot: they never overlap.
        legend=dict(orientation="h", x=0, y=1.01, yanchor="bottom"),
        shapes=shapes,
        title=dict(text=esc(f"US–Soviet and US–Russian arms-control agreements, as of {as_of.isoformat()}"),
                   x=0, xanchor="left", y=0.99, yanchor="top", yref="container"),
        autosize=True,
    )
    return traces, layout

"""The stakeholder map's model (pure): quadrants, the table of reasons, where points and labels go.

Each placement (interest and influence, 0–10, for one negotiation) is a judgement made by the
course's authors, with its reason and source, read from ``data/stakeholders.csv``.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from widgets.data import PLAYER_KINDS, Placement
from widgets.ui.html import esc, fold, link, wrap_lines
from widgets.ui.style import OKABE_ITO, SYMBOLS

__all__ = ["KIND_LABELS", "KIND_STYLE", "QUADRANTS", "placement_hover", "quadrant", "stakeholder_table_html"]

# Mendelow's grid: (high influence?, high interest?) -> advice. 5 and above counts as high.
QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, True): "manage closely",
    (True, False): "keep satisfied",
    (False, True): "keep informed",
    (False, False): "monitor",
}
KIND_STYLE: dict[str, tuple[str, str]] = {
    kind: (OKABE_ITO[(0, 4, 2)[i % 3]], SYMBOLS[i % len(SYMBOLS)]) for i, kind in enumerate(PLAYER_KINDS)
}
# The legend's name for each kind of player.
KIND_LABELS: dict[str, str] = {"person": "People", "state": "States", "organisation": "Organisations"}


def quadrant(interest: float, influence: float) -> str:
    """Where a stakeholder sits on the interest–influence grid (5 and above counts as high)."""
    return QUADRANTS[(influence >= 5, interest >= 5)]


def stakeholder_table_html(placements: Sequence[Placement], names: Mapping[str, str] | None = None) -> str:
    """The placements as an escaped table: actor, interest, influence, quadrant, reason, source."""
    names = names or {}
    # Numbers and quadrant names never break inside a word ("Int/ere/st", "mana/ge"): the reason wraps.
    nw = ' style="white-space:nowrap"'
    rows = "".join(
        f"<tr><td>{esc(names.get(p.player, p.player))}</td><td{nw}>{p.interest:g}</td><td{nw}>{p.influence:g}</td>"
        f"<td{nw}>{esc(quadrant(p.interest, p.influence))}</td><td>{esc(p.justification)}</td>"
        f"<td>{link(p.source.url, p.source.title)}</td></tr>"
        for p in sorted(placements, key=lambda p: (-p.influence, -p.interest, fold(names.get(p.player, p.player))))
    )
    head = "".join(f'<th scope="col" style="text-align:left;white-space:nowrap">{h}</th>'
                   for h in ("Actor", "Interest", "Influence", "Quadrant", "Why it is placed there", "Source"))
    return f'<table class="course-stakeholder-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


_LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left",
                    "top right", "top left", "bottom right", "bottom left")
# Sizes in axis units for the map at its usual size (a plot about 800 px wide for 11.2 units of
# interest and 430 px high for 11.6 units of influence, 12 px text): generous, so that estimates
# err towards room.
_CHAR_W, _TEXT_H = 0.115, 0.5  # one character's width, a label's height
_MARK_X, _MARK_Y = 0.13, 0.24  # half a marker, across and up
_PAIR_GAP = 0.34  # actors placed at the same point stand side by side, this far apart
# The quadrant names drawn at the top and bottom of the map (centre x, y, characters).
_QUADRANT_LABELS = ((2.5, 10.3, 14), (7.5, 10.3, 14), (2.5, -0.35, 7), (7.5, -0.35, 13))


def _spread(placements: Sequence[Placement]) -> list[tuple[float, float]]:
    """Plot positions: actors placed at the same point stand side by side, centred on it, so that
    each marker stays visible (the hover text and the table give the exact numbers)."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, p in enumerate(placements):
        groups.setdefault((p.interest, p.influence), []).append(i)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(placements)
    for (x, y), members in groups.items():
        n = len(members)
        for k, i in enumerate(members):
            out[i] = (x + (k - (n - 1) / 2) * _PAIR_GAP, y)
    return out


def _label_box(side: str, x: float, y: float, w: float) -> tuple[float, float, float, float]:
    vertical, horizontal = side.split()
    if vertical == "top":
        y0 = y + _MARK_Y * (1 if horizontal == "center" else 0.6)
        ys = (y0, y0 + _TEXT_H)
    elif vertical == "bottom":
        y1 = y - _MARK_Y * (1 if horizontal == "center" else 0.6)
        ys = (y1 - _TEXT_H, y1)
    else:
        ys = (y - _TEXT_H / 2, y + _TEXT_H / 2)
    if horizontal == "center":
        xs = (x - w / 2, x + w / 2)
    elif horizontal == "right":
        x0 = x + _MARK_X * (1 if vertical == "middle" else 0.4)
        xs = (x0, x0 + w)
    else:
        x1 = x - _MARK_X * (1 if vertical == "middle" else 0.4)
        xs = (x1 - w, x1)
    return (xs[0], xs[1], ys[0], ys[1])


def _label_sides(points: Sequence[tuple[float, float]], labels: Sequence[str]) -> list[str]:
    """A side for each point's label that overlaps other labels, markers and the quadrant names as
    little as possible. Greedy, in the order given (the most influential actors first get the best
    places); of two actors side by side, the left one prefers its left and the right one its right.
    """
    marks = [(x - _MARK_X, x + _MARK_X, y - _MARK_Y, y + _MARK_Y) for x, y in points]
    fixed = [(x - _CHAR_W * n / 2, x + _CHAR_W * n / 2, y - _TEXT_H / 2, y + _TEXT_H / 2) for x, y, n in _QUADRANT_LABELS]
    boxes: list[tuple[float, float, float, float]] = []
    sides = []

    def overlap(a, b) -> float:
        dx = min(a[1], b[1]) - max(a[0], b[0])
        dy = min(a[3], b[3]) - max(a[2], b[2])
        return dx * dy if dx > 0 and dy > 0 else 0.0

    def cost(box, own: int) -> float:
        c = sum(overlap(box, b) for b in boxes) * 4
        c += sum(overlap(box, m) for i, m in enumerate(marks) if i != own) * 8
        c += sum(overlap(box, f) for f in fixed) * 2
        if box[0] < -0.6 or box[1] > 10.6 or box[2] < -0.8 or box[3] > 10.8:
            c += 1.0
        return c

    for i, ((x, y), text) in enumerate(zip(points, labels)):
        w = _CHAR_W * len(text) + 0.1
        left = any(abs(py - y) < 1e-9 and 0 < px - x <= _PAIR_GAP + 1e-9 for px, py in points)
        right = any(abs(py - y) < 1e-9 and 0 < x - px <= _PAIR_GAP + 1e-9 for px, py in points)
        prefer = list(_LABEL_POSITIONS)
        if left and not right:
            prefer = ["middle left", "top left", "bottom left"] + [s for s in prefer if not s.endswith("left")]
        elif right and not left:
            prefer = ["middle right", "top right", "bottom right"] + [s for s in prefer if not s.endswith("right")]
        side = min(prefer, key=lambda s: (round(cost(_label_box(s, x, y, w), i), 3), prefer.index(s)))
        boxes.append(_label_box(side, x, y, w))
        sides.append(side)
    return sides


def placement_hover(p: Placement, name: str) -> str:
    """A point's hover text: name, interest, influence, quadrant and the reason (escaped, wrapped)."""
    return (f"<b>{esc(name)}</b><br>interest {p.interest:g}, influence {p.influence:g}: "
            f"{esc(quadrant(p.interest, p.influence))}<br>{esc(_wrap(p.justification))}").replace("\n", "<br>")


def _wrap(text: str, width: int = 60) -> str:
    return "\n".join(wrap_lines(text, width))

"""The stakeholder map's model (pure): quadrants, the table of reasons, where points and labels go.

Each placement (interest and influence, 0–10, for one negotiation) is a judgement made by the
course's authors, with its reason and source, read from ``data/stakeholders.csv``.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from widgets.data import PLAYER_KINDS, Placement
from widgets.ui.html import esc, fold, link
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
    rows = "".join(
        f"<tr><td>{esc(names.get(p.player, p.player))}</td><td>{p.interest:g}</td><td>{p.influence:g}</td>"
        f"<td>{esc(quadrant(p.interest, p.influence))}</td><td>{esc(p.justification)}</td>"
        f"<td>{link(p.source.url, p.source.title)}</td></tr>"
        for p in sorted(placements, key=lambda p: (-p.influence, -p.interest, fold(names.get(p.player, p.player))))
    )
    head = "".join(f'<th scope="col" style="text-align:left">{h}</th>'
                   for h in ("Actor", "Interest", "Influence", "Quadrant", "Why it is placed there", "Source"))
    return f'<table class="course-stakeholder-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


_LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left")


def _spread(placements: Sequence[Placement]) -> list[tuple[float, float]]:
    """Plot positions: actors placed at the same point are fanned out a little so each stays visible."""
    seen: dict[tuple[float, float], int] = {}
    out = []
    for p in placements:
        key = (p.interest, p.influence)
        k = seen.get(key, 0)
        seen[key] = k + 1
        out.append((p.interest + 0.15 * k, p.influence - 0.15 * k))
    return out


def _label_sides(points: Sequence[tuple[float, float]], labels: Sequence[str]) -> list[str]:
    """A side for each point's label that overlaps other labels and points as little as possible.

    Greedy, in the order given (the most influential actors first get the best places); sizes are
    estimates in axis units for the map's usual size (about 0.11 per character, 0.45 high).
    """
    boxes: list[tuple[float, float, float, float]] = []
    sides = []

    def clash(box: tuple[float, float, float, float], own: int) -> int:
        x0, x1, y0, y1 = box
        n = sum(1 for b in boxes if x0 < b[1] and b[0] < x1 and y0 < b[3] and b[2] < y1)
        n += sum(1 for i, (x, y) in enumerate(points) if i != own and x0 <= x <= x1 and y0 <= y <= y1)
        n += 2 * (x0 < -0.6 or x1 > 10.6 or y0 < -0.8 or y1 > 10.8)
        return n

    for i, ((x, y), text) in enumerate(zip(points, labels)):
        w, h = 0.11 * len(text) + 0.1, 0.45
        candidates = {
            "top center": (x - w / 2, x + w / 2, y + 0.2, y + 0.2 + h),
            "bottom center": (x - w / 2, x + w / 2, y - 0.2 - h, y - 0.2),
            "middle right": (x + 0.2, x + 0.2 + w, y - h / 2, y + h / 2),
            "middle left": (x - 0.2 - w, x - 0.2, y - h / 2, y + h / 2),
        }
        side = min(_LABEL_POSITIONS, key=lambda s: (clash(candidates[s], i), _LABEL_POSITIONS.index(s)))
        boxes.append(candidates[side])
        sides.append(side)
    return sides


def placement_hover(p: Placement, name: str) -> str:
    """A point's hover text: name, interest, influence, quadrant and the reason (escaped, wrapped)."""
    return (f"<b>{esc(name)}</b><br>interest {p.interest:g}, influence {p.influence:g}: "
            f"{esc(quadrant(p.interest, p.influence))}<br>{esc(_wrap(p.justification))}").replace("\n", "<br>")


def _wrap(text: str, width: int = 60) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)

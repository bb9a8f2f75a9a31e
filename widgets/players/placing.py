"""The "place an actor yourself" activity (pure): compare a student's placement of an actor on the
interest–influence grid with the course's, and draw both on a small SVG grid.

The course's placement is a judgement with a reason and a source (``data/stakeholders.csv``);
the feedback never says the student is wrong, only how far apart the two placements are and why
the course put the actor where it did.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from widgets.data import Placement
from widgets.ui.html import esc, link
from widgets.ui.style import BLUE, GREEN, ORANGE, VERMILLION

from .stakeholders import quadrant

__all__ = ["BANK", "Comparison", "compare_placement", "comparison_html", "grid_svg", "placing_id", "placing_answer",
           "read_answer"]

BANK = "place-actor"  # the activity's "bank" in the progress store
CLOSE = 2.0  # within this distance (grid units) of the course's point counts as close


def placing_id(negotiation: str, player: str) -> str:
    """The attempt's question id in the progress store: one per actor and negotiation."""
    return f"{negotiation}/{player}"


def placing_answer(interest: int, influence: int) -> str:
    return json.dumps({"interest": interest, "influence": influence}, sort_keys=True)


def read_answer(text: str) -> tuple[int, int] | None:
    """A stored answer back as (interest, influence), or None if it is not one."""
    try:
        data = json.loads(text)
        return int(data["interest"]), int(data["influence"])
    except (ValueError, TypeError, KeyError):
        return None


@dataclass(frozen=True)
class Comparison:
    interest: int
    influence: int
    course_interest: float
    course_influence: float
    distance: float  # straight-line distance on the 0–10 grid
    same_quadrant: bool
    student_quadrant: str
    course_quadrant: str

    @property
    def close(self) -> bool:
        return self.distance <= CLOSE

    @property
    def score(self) -> float:
        """1 at the course's point, falling to 0 at a distance of 5 or more (a quadrant's width)."""
        return round(max(0.0, 1 - self.distance / 5), 2)


def compare_placement(interest: int, influence: int, placement: Placement) -> Comparison:
    for name, value in (("interest", interest), ("influence", influence)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
            raise ValueError(f"{name} must be a number from 0 to 10 (got {value!r})")
    mine, theirs = quadrant(interest, influence), quadrant(placement.interest, placement.influence)
    distance = math.hypot(interest - placement.interest, influence - placement.influence)
    return Comparison(int(interest), int(influence), placement.interest, placement.influence, round(distance, 2),
                      mine == theirs, mine, theirs)


def comparison_html(c: Comparison, placement: Placement, name: str) -> str:
    """The feedback after "Compare": both placements, how far apart, the course's reason and source."""
    if c.close and c.same_quadrant:
        colour, head = GREEN, "Close to the course's placement"
    elif c.same_quadrant:
        colour, head = ORANGE, "Same quadrant, some way apart"
    else:
        colour, head = VERMILLION, "A different quadrant from the course's"
    apart = "the same point" if c.distance == 0 else f"{c.distance:.1f} apart on the 0–10 grid"
    return (
        f'<div role="status" aria-live="polite" style="border-left:4px solid {colour};padding:0.2em 0.8em;line-height:1.5">'
        f"<p><strong>{esc(head)}.</strong> You placed {esc(name)} at interest {c.interest}, influence {c.influence} "
        f"(<em>{esc(c.student_quadrant)}</em>); the course places it at interest {c.course_interest:g}, influence "
        f"{c.course_influence:g} (<em>{esc(c.course_quadrant)}</em>): {esc(apart)}.</p>"
        f"<p><strong>The course's reason:</strong> {esc(placement.justification)}</p>"
        f"<p><strong>Source:</strong> {link(placement.source.url, placement.source.title) if placement.source else '–'}</p>"
        "<p>A placement is a judgement, not a fact. If yours differs, can you name what the actor did that "
        "supports it? Change the numbers and compare again, or choose another actor.</p></div>"
    )


# ------------------------------------------------------------------ the grid as SVG

_SIZE, _PAD = 300, 34  # px of the drawing (scaled to its box), margin for the axis labels


def _xy(interest: float, influence: float) -> tuple[float, float]:
    span = _SIZE - 2 * _PAD
    return _PAD + interest / 10 * span, _SIZE - _PAD - influence / 10 * span


def grid_svg(student: tuple[float, float] | None, course: tuple[float, float] | None, name: str) -> str:
    """A small interest–influence grid with the student's point (a circle) and, once compared, the
    course's (a square) joined by a line. ``role="img"`` with a label that says the same in words."""
    x0, y0 = _xy(0, 0)
    x1, y1 = _xy(10, 10)
    xm, ym = _xy(5, 5)
    parts = [
        f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" fill="#FFFFFF" stroke="#888888"/>',
        f'<line x1="{xm}" y1="{y1}" x2="{xm}" y2="{y0}" stroke="#999999" stroke-dasharray="4 3"/>',
        f'<line x1="{x0}" y1="{ym}" x2="{x1}" y2="{ym}" stroke="#999999" stroke-dasharray="4 3"/>',
    ]
    for qx, qy, text in ((2.5, 9.4, "keep satisfied"), (7.5, 9.4, "manage closely"), (2.5, 0.35, "monitor"),
                         (7.5, 0.35, "keep informed")):
        x, y = _xy(qx, qy)
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="11" fill="#555555">{esc(text)}</text>')
    for v in (0, 5, 10):
        x, _ = _xy(v, 0)
        _, y = _xy(0, v)
        parts.append(f'<text x="{x:.1f}" y="{y0 + 14:.1f}" text-anchor="middle" font-size="11" fill="#222222">{v}</text>')
        parts.append(f'<text x="{x0 - 6:.1f}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#222222">{v}</text>')
    parts.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{_SIZE - 4}" text-anchor="middle" font-size="12" fill="#222222">interest</text>')
    parts.append(f'<text x="12" y="{(y0 + y1) / 2:.1f}" text-anchor="middle" font-size="12" fill="#222222" '
                 f'transform="rotate(-90 12 {(y0 + y1) / 2:.1f})">influence</text>')
    words = []
    if student and course:
        (sx, sy), (cx, cy) = _xy(*student), _xy(*course)
        parts.append(f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="#555555" stroke-width="1.5"/>')
    if course:
        cx, cy = _xy(*course)
        parts.append(f'<rect class="course-point" x="{cx - 7:.1f}" y="{cy - 7:.1f}" width="14" height="14" '
                     f'fill="{BLUE}" stroke="#000000"/>')
        words.append(f"the course's placement (square) at interest {course[0]:g}, influence {course[1]:g}")
    if student:
        sx, sy = _xy(*student)
        parts.append(f'<circle class="student-point" cx="{sx:.1f}" cy="{sy:.1f}" r="8" fill="{ORANGE}" stroke="#000000"/>')
        words.insert(0, f"your placement (circle) at interest {student[0]:g}, influence {student[1]:g}")
    label = f"Interest–influence grid for {name}: " + ("; ".join(words) if words else "nothing placed yet") + "."
    return (f'<svg class="course-place-grid" viewBox="0 0 {_SIZE} {_SIZE}" role="img" aria-label="{esc(label)}" '
            f'style="width:100%;max-width:{_SIZE}px;height:auto;display:block">{"".join(parts)}</svg>')

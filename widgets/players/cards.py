"""A player's card as HTML (pure): monogram or portrait, name, kind, country, profile, roles.

Also the colours of the role kinds (:data:`ROLE_STYLE`, shared with the tenure chart) and the
inline panel of one event. Every text is escaped (:mod:`widgets.ui.html`).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Mapping

from widgets.data import ROLE_KINDS, Event, Player, Role, default_data_dir
from widgets.timeline.model import date_text
from widgets.ui.html import esc, sources_html
from widgets.ui.style import BLUE, OKABE_ITO

from .model import role_title, tenure_text

__all__ = ["ROLE_STYLE", "card_html", "event_html", "monogram_html", "portrait_html", "primary_role", "text_colour_on"]

# Each role kind has an Okabe–Ito colour and a fill pattern, wide bars name it, and every kind is listed
# in the legend, so that colour is never the only cue. "official" and "other" share the grey and
# differ by pattern.
_PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|", "", "/")
ROLE_STYLE: dict[str, tuple[str, str]] = {
    kind: (OKABE_ITO[min(i, len(OKABE_ITO) - 1)], _PATTERNS[i % len(_PATTERNS)]) for i, kind in enumerate(ROLE_KINDS)
}
_PORTRAIT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                   ".webp": "image/webp"}
_PORTRAIT_MAX_BYTES = 1_000_000


# ---------------------------------------------------------------- cards


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def primary_role(player: Player) -> Role | None:
    """The role a card is coloured by: the first tracked office, else the most recent role."""
    offices = [r for r in player.roles if r.office]
    if offices:
        return offices[0]
    return player.roles[-1] if player.roles else None


def monogram_html(player: Player) -> str:
    """The player's initials in a coloured circle; decorative (``aria-hidden``), the name is next to it."""
    role = primary_role(player)
    colour = ROLE_STYLE[role.kind][0] if role and role.kind in ROLE_STYLE else OKABE_ITO[-1]
    return (
        f'<span aria-hidden="true" class="course-monogram" style="display:inline-flex;align-items:center;'
        f"justify-content:center;flex:none;width:3em;height:3em;border-radius:50%;background:{colour};"
        f'color:{text_colour_on(colour)};font-weight:bold;font-size:1.1em">{esc(player.initials)}</span>'
    )


def portrait_html(player: Player, folder: str | os.PathLike[str] | None = None) -> str:
    """An embedded portrait with its licence, or '' when there is none (or the file is unusable).

    Only ``data/portraits/`` files with both ``portrait`` and ``portrait_licence`` are shown, as
    a data URL (a notebook's output cannot reach files outside the lesson folder).
    """
    if not (player.portrait and player.portrait_licence):
        return ""
    base = (Path(folder) if folder is not None else default_data_dir()) / "portraits"
    path = base / player.portrait
    try:
        # Refuse paths that climb out of the portraits folder ("../../secret.png").
        path.resolve().relative_to(base.resolve())
        kind = _PORTRAIT_TYPES.get(path.suffix.lower())
        if kind is None or path.stat().st_size > _PORTRAIT_MAX_BYTES:
            return ""
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    except (OSError, ValueError):
        return ""
    return (
        f'<figure style="margin:0;flex:none;text-align:center"><img src="data:{kind};base64,{data}" '
        f'alt="Portrait of {esc(player.name)}" style="width:4em;height:auto;border-radius:4px">'
        f'<figcaption style="font-size:.7em;max-width:7em">{esc(player.portrait_licence)}</figcaption></figure>'
    )


def _kind_text(player: Player) -> str:
    return {"person": "Person", "state": "State", "organisation": "Organisation"}.get(player.kind, player.kind)


def card_html(player: Player, folder: str | os.PathLike[str] | None = None) -> str:
    """The card's text as HTML (everything escaped): picture, name, kind, country, profile, roles."""
    picture = portrait_html(player, folder) or monogram_html(player)
    roles = "".join(
        f"<li><strong>{esc(role_title(r))}</strong>"
        + (f", {esc(r.organisation)}" if r.organisation and r.organisation not in r.title else "")
        + f"<br><span>{esc(tenure_text(r))}</span></li>"
        for r in player.roles
    )
    return (
        f'<div class="course-card-text" style="line-height:1.35">'
        f'<div style="display:flex;gap:.7em;align-items:center">{picture}'
        f'<div><strong style="font-size:1.15em">{esc(player.name)}</strong><br>'
        f"<span>{esc(_kind_text(player))} · {esc(player.country)}</span></div></div>"
        f'<p style="margin:.5em 0">{esc(player.profile)}</p>'
        f'<p style="margin:.3em 0 0"><strong>Roles</strong></p><ul style="margin:.2em 0;padding-left:1.2em">{roles}</ul>'
        f"</div>"
    )


def event_html(event: Event, names: Mapping[str, str] | None = None) -> str:
    """Title, date, place, summary and sources of an event, escaped (the deck's inline panel)."""
    names = names or {}
    place = f" · {esc(event.place)}" if event.place else ""
    actors = ", ".join(esc(names.get(a, a)) for a in event.actors)
    who = f"<p><strong>Who took part:</strong> {actors}</p>" if actors else ""
    return (
        f'<div class="course-event" style="border-left:4px solid {BLUE};padding-left:.6em">'
        f"<p><strong>{esc(event.title)}</strong><br>{esc(date_text(event))}{place}</p>"
        f"<p>{esc(event.summary)}</p>{who}<p><strong>Sources:</strong></p>{sources_html(event.sources)}</div>"
    )

"""Player cards, the card deck, "who held office when" and the stakeholder map.

Pure functions do the work and are tested alone:

* :func:`filter_players`, :func:`sort_players`, :func:`no_match_message`: the deck's filters;
* :func:`tenure_text`, :func:`card_html`, :func:`overlap_in_office`, :func:`overlap_text`:
  what a card and a comparison say;
* :func:`tenure_bars`: the data of the tenure chart;
* :func:`office_holders`, :func:`holders_text`, :func:`office_gaps`, :func:`negotiators`:
  who held the four tracked offices on a day, and who negotiated an event;
* :func:`quadrant`, :func:`stakeholder_table_html`: the stakeholder map.

The widget classes only wire ipywidgets controls to them:

* :class:`PlayerCard`: one player (monogram or portrait, roles and tenures, negotiations as
  buttons, sources);
* :class:`CardDeck`: the filterable, sortable deck, a tenure chart on a shared time axis, a
  side-by-side comparison, and a link to the :class:`~widgets.timeline.Timeline`;
* :class:`OfficeLookup`: the four office-holders on a date, and "who negotiated this?";
* :class:`StakeholderMap`: interest against influence for one negotiation.

Every date, name and text comes from ``data/`` through :mod:`widgets.data`.
"""

from __future__ import annotations

import base64
import copy
import functools
import html
import os
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import ipywidgets as ipw

from .ui.plot import OKABE_ITO, SYMBOLS, figure, go
from .course import sources_html
from .data import (
    OFFICES,
    PLAYER_KINDS,
    ROLE_KINDS,
    DataError,
    Event,
    PartialDate,
    Placement,
    Player,
    Role,
    default_data_dir,
    load_events,
    load_players,
    load_stakeholders,
)

__all__ = [
    "CardDeck",
    "OfficeLookup",
    "PlayerCard",
    "StakeholderMap",
    "OFFICE_LABELS",
    "QUADRANTS",
    "ROLE_STYLE",
    "SORT_KEYS",
    "card_html",
    "filter_players",
    "holders_text",
    "negotiation_events",
    "negotiators",
    "no_match_message",
    "office_gaps",
    "office_holders",
    "overlap_in_office",
    "overlap_text",
    "parse_day",
    "player_sources",
    "quadrant",
    "role_kind_label",
    "short_date",
    "sort_players",
    "stakeholder_table_html",
    "tenure_bars",
    "tenure_text",
]

esc = functools.partial(html.escape, quote=True)

# Each role kind has an Okabe–Ito colour and a fill pattern, and every bar is labelled and listed
# in the legend, so that colour is never the only cue. "official" and "other" share the grey and
# differ by pattern.
_PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|", "", "/")
ROLE_STYLE: dict[str, tuple[str, str]] = {
    kind: (OKABE_ITO[min(i, len(OKABE_ITO) - 1)], _PATTERNS[i % len(_PATTERNS)]) for i, kind in enumerate(ROLE_KINDS)
}
_KIND_STYLE: dict[str, tuple[str, str]] = {
    kind: (OKABE_ITO[(0, 4, 2)[i % 3]], SYMBOLS[i % len(SYMBOLS)]) for i, kind in enumerate(PLAYER_KINDS)
}
OFFICE_LABELS: dict[str, str] = {
    "us-president": "US President",
    "us-secretary-of-state": "US Secretary of State",
    "soviet-russian-leader": "Soviet/Russian leader",
    "soviet-russian-foreign-minister": "Soviet/Russian foreign minister",
}
SORT_KEYS: dict[str, str] = {
    "name": "Name",
    "first-year": "First year in office",
    "negotiations": "Number of negotiations",
}
# Mendelow's grid: (high influence?, high interest?) -> advice. 5 and above counts as high.
QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, True): "manage closely",
    (True, False): "keep satisfied",
    (False, True): "keep informed",
    (False, False): "monitor",
}
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_PORTRAIT_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                   ".webp": "image/webp"}
_PORTRAIT_MAX_BYTES = 1_000_000


# ---------------------------------------------------------------- small text helpers


def short_date(d: PartialDate) -> str:
    """'20 Jan 1981', 'Jan 1981' or '1981': only the precision the data gives."""
    if d.day:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"  # type: ignore[operator]
    if d.month:
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def _day_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def role_kind_label(kind: str) -> str:
    """'foreign-minister' -> 'Foreign minister'."""
    return kind.replace("-", " ").capitalize()


def tenure_text(role: Role) -> str:
    """'20 Jan 1981 – 20 Jan 1989', or 'since 20 Jan 2025 (as of 23 Jan 2026)' for a role still held."""
    if role.end is not None:
        if role.end == role.start:
            return short_date(role.start)
        return f"{short_date(role.start)} – {short_date(role.end)}"
    text = f"since {short_date(role.start)}"
    return text + (f" (as of {short_date(role.as_of)})" if role.as_of else "")


def role_title(role: Role) -> str:
    return f"{role.title} (acting)" if role.acting and "acting" not in role.title.lower() else role.title


def _fold(text: str) -> str:
    """Case- and accent-insensitive form used by the search ('Lavrov' matches 'lavrov', 'Erdoğan' 'erdogan')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _link(url: str, title: str) -> str:
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(title)}</a>'


def _event_label(event: Event | None, event_id: str) -> str:
    return f"{event.title} ({event.date.year})" if event else event_id


def _event_date_text(event: Event) -> str:
    text = event.date.display()
    if event.end_date and event.end_date != event.date:
        text += f" – {event.end_date.display()}"
    return text


# ---------------------------------------------------------------- spans (dates in office)


def role_span(role: Role) -> tuple[date, date]:
    """First and last day of a role: the end day, or the last day it was checked for a role still held.

    Start and end days both count (a handover day belongs to both holders). A role with neither
    ``end`` nor ``as_of`` (the data layer refuses it, but a hand-made record may have one) is open.
    """
    first = role.start.first_day()
    if role.end is not None:
        return first, role.end.last_day()
    if role.as_of is not None:
        return first, max(first, role.as_of.last_day())
    return first, date.max


def _spans(player: Player) -> tuple[tuple[str, int, int], ...]:
    out = []
    for role in player.roles:
        a, b = role_span(role)
        out.append((role.kind, a.year, b.year))
    return tuple(out)


# ---------------------------------------------------------------- filtering and sorting


@dataclass(frozen=True)
class _Index:
    """Per-player values computed once, so that filtering only compares."""

    players: tuple[Player, ...]
    country: tuple[str, ...]
    spans: tuple[tuple[tuple[str, int, int], ...], ...]
    haystack: tuple[str, ...]


def _haystack(p: Player, event_titles: Mapping[str, str]) -> str:
    parts = [p.name, p.country, p.kind, p.profile]
    for r in p.roles:
        parts += [r.title, r.organisation, role_kind_label(r.kind)]
    parts += [event_titles.get(e, e) for e in p.negotiations]
    return _fold(" \n ".join(parts))


def _index(players: Sequence[Player], event_titles: Mapping[str, str] | None = None) -> _Index:
    titles = event_titles or {}
    return _Index(
        players=tuple(players),
        country=tuple(p.country for p in players),
        spans=tuple(_spans(p) for p in players),
        haystack=tuple(_haystack(p, titles) for p in players),
    )


def _matching(ix: _Index, country: str | None, role_kind: str | None, year: int | None, query: str) -> list[int]:
    words = _fold(query or "").split()
    out = []
    for i in range(len(ix.players)):
        if country and ix.country[i] != country:
            continue
        if role_kind or year is not None:
            if not any(
                (not role_kind or kind == role_kind) and (year is None or first <= year <= last)
                for kind, first, last in ix.spans[i]
            ):
                continue
        if words:
            hay = ix.haystack[i]
            if not all(w in hay for w in words):
                continue
        out.append(i)
    return out


def filter_players(
    players: Sequence[Player],
    country: str | None = None,
    role_kind: str | None = None,
    year: int | None = None,
    query: str = "",
    event_titles: Mapping[str, str] | None = None,
) -> tuple[Player, ...]:
    """The players that pass every given filter, in their original order.

    * ``country``: exactly this ``Player.country``;
    * ``role_kind``: at least one role of this kind (one of ``ROLE_KINDS``);
    * ``year``: at least one role held at some time in that year ("in office in 1987"); with
      ``role_kind`` too, the same role must match both ("foreign ministers in office in 1987");
    * ``query``: every word appears (ignoring case and accents) in the name, country, profile,
      role titles and organisations, or in the titles of the player's negotiations when
      ``event_titles`` (event id -> title) is given.

    ``None`` or an empty query means "no filter".
    """
    ix = _index(players, event_titles)
    return tuple(ix.players[i] for i in _matching(ix, country, role_kind, year, query))


def _first_start(p: Player, role_kind: str | None = None) -> tuple[int, int, int] | None:
    return min((r.start.key for r in p.roles if not role_kind or r.kind == role_kind), default=None)


def _sort_key(key: str, role_kind: str | None = None) -> Callable[[Player], Any]:
    name = lambda p: (_fold(p.name), p.id)  # noqa: E731
    if key == "name":
        return name
    if key == "first-year":
        def first(p: Player) -> tuple:
            start = _first_start(p, role_kind) or _first_start(p)
            return (start is None, start or (0, 0, 0), name(p))

        return first
    if key == "negotiations":
        return lambda p: (-len(p.negotiations), name(p))
    raise ValueError(f"unknown sort key {key!r} (expected one of: {', '.join(SORT_KEYS)})")


def sort_players(players: Iterable[Player], key: str = "name", role_kind: str | None = None) -> tuple[Player, ...]:
    """Players sorted by ``key``: 'name' (A–Z), 'first-year' (earliest role first; players
    without roles last) or 'negotiations' (most first). Ties are broken by name, then id.

    With ``role_kind`` (the deck passes its role filter), 'first-year' looks at the roles of that
    kind: foreign ministers are ordered by their first year as foreign minister."""
    return tuple(sorted(players, key=_sort_key(key, role_kind)))


def no_match_message(
    country: str | None = None, role_kind: str | None = None, year: int | None = None, query: str = ""
) -> str:
    """What to say when no player passes the filters: the filters in words, and what to try."""
    parts = []
    if country:
        parts.append(f"country {country}")
    if role_kind:
        parts.append(f"role {role_kind_label(role_kind).lower()}")
    if year is not None:
        parts.append(f"in office in {year}")
    if query.strip():
        parts.append(f"search “{query.strip()}”")
    if not parts:
        return "There are no players in the data."
    return (
        "No player matches all of: " + "; ".join(parts) + ". Remove a filter, check the spelling, "
        "or press “Show everyone”."
    )


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
        f'<div class="course-event" style="border-left:4px solid #0072B2;padding-left:.6em">'
        f"<p><strong>{esc(event.title)}</strong><br>{esc(_event_date_text(event))}{place}</p>"
        f"<p>{esc(event.summary)}</p>{who}<p><strong>Sources:</strong></p>{sources_html(event.sources)}</div>"
    )


class PlayerCard(ipw.VBox):
    """One player: monogram (or portrait), name, kind, country, profile, roles with tenures,
    the player's negotiations as buttons, and sources.

    ``on_negotiation(event_id)`` is called when a negotiation button is pressed; without it the
    card shows the event's title, date and summary itself.
    """

    def __init__(
        self,
        player: Player,
        events: Mapping[str, Event] | None = None,
        on_negotiation: Callable[[str], Any] | None = None,
        folder: str | os.PathLike[str] | None = None,
        standalone: bool = True,
    ):
        self.player = player
        self.events = dict(events or {})
        self.on_negotiation = on_negotiation
        self.text = ipw.HTML(card_html(player, folder))
        self.buttons: dict[str, ipw.Button] = {}
        for event_id in player.negotiations:
            event = self.events.get(event_id)
            label = _event_label(event, event_id)
            button = ipw.Button(
                description=label,
                tooltip=f"Open {label}" if on_negotiation else f"Read about {label}",
                layout=ipw.Layout(width="auto", max_width="100%"),
            )
            button.on_click(functools.partial(self._on_button, event_id))
            self.buttons[event_id] = button
        self.event_panel = ipw.HTML()
        self.sources = ipw.HTML(f"<p style='margin:.3em 0 0'><strong>Sources</strong></p>{sources_html(player.sources)}")
        children: list[ipw.Widget] = [self.text]
        if self.buttons:
            children += [
                ipw.HTML("<strong>Key negotiations</strong> (press one to read about it)"),
                ipw.HBox(list(self.buttons.values()), layout=ipw.Layout(flex_flow="row wrap")),
                self.event_panel,
            ]
        children.append(self.sources)
        super().__init__(children, layout=ipw.Layout(border="1px solid #999999", padding="0.6em",
                                                     margin="0.3em", width="23em"))
        self.add_class("course-card")
        self.add_class("course-player-card")
        if standalone:
            self.add_class("course-widget")

    @classmethod
    def from_data(cls, player_id: str, folder: str | os.PathLike[str] | None = None) -> "PlayerCard":
        """The card of one player of the course's data (or of an instructor's folder)."""
        players = {p.id: p for p in load_players(folder)}
        if player_id not in players:
            raise DataError(f"PlayerCard: no player with id {player_id!r} in the players data")
        return cls(players[player_id], {e.id: e for e in load_events(folder)}, folder=folder)

    def _on_button(self, event_id: str, _button=None) -> None:
        self.choose(event_id)

    def choose(self, event_id: str) -> None:
        """What pressing a negotiation's button does."""
        if self.on_negotiation is not None:
            self.on_negotiation(event_id)
            return
        event = self.events.get(event_id)
        if event is None:
            self.event_panel.value = f"<p>No details recorded for the event “{esc(event_id)}”.</p>"
        else:
            self.event_panel.value = event_html(event)


# ---------------------------------------------------------------- comparison


def overlap_in_office(a: Player, b: Player) -> list[tuple[date, date, Role, Role]]:
    """Every pair of roles (one of ``a``'s, one of ``b``'s) held at the same time: (first day,
    last day, role of a, role of b), in time order. Start and end days count as days in office."""
    out = []
    for ra in a.roles:
        a0, a1 = role_span(ra)
        for rb in b.roles:
            b0, b1 = role_span(rb)
            lo, hi = max(a0, b0), min(a1, b1)
            if lo <= hi:
                out.append((lo, hi, ra, rb))
    return sorted(out, key=lambda t: (t[0], t[1]))


def _merged_days(periods: Iterable[tuple[date, date]]) -> int:
    total, cur = 0, None
    for lo, hi in sorted(periods):
        if cur and lo <= cur[1]:
            cur = (cur[0], max(cur[1], hi))
            continue
        if cur:
            total += (cur[1] - cur[0]).days + 1
        cur = (lo, hi)
    if cur:
        total += (cur[1] - cur[0]).days + 1
    return total


def overlap_text(a: Player, b: Player, limit: int = 4) -> str:
    """One line (or a few) on when two players held roles at the same time, in plain words."""
    if a.id == b.id:
        return "Choose two different players to compare."
    pairs = overlap_in_office(a, b)
    if not pairs:
        return f"{a.name} and {b.name} never held their recorded roles at the same time."
    days = _merged_days((lo, hi) for lo, hi, _, _ in pairs if hi != date.max)
    lines = [
        f"{_day_text(lo)} – {_day_text(hi) if hi != date.max else 'open'}: {a.name} as {role_title(ra)}, "
        f"{b.name} as {role_title(rb)}"
        for lo, hi, ra, rb in pairs[:limit]
    ]
    more = f" (and {len(pairs) - limit} more)" if len(pairs) > limit else ""
    return (
        f"{a.name} and {b.name} held roles at the same time for {days:,} days in all{more}:\n"
        + "\n".join(lines)
    )


# ---------------------------------------------------------------- tenure chart


def _unique_labels(players: Sequence[Player]) -> dict[str, str]:
    seen: dict[str, int] = {}
    for p in players:
        seen[p.name] = seen.get(p.name, 0) + 1
    return {p.id: p.name if seen[p.name] == 1 else f"{p.name} ({p.country}, {p.id})" for p in players}


def _ms(a: date, b: date) -> float:
    """Length in milliseconds of the days a..b inclusive (plotly's unit for a date axis)."""
    return ((b - a).days + 1) * 86_400_000.0


def tenure_bars(players: Sequence[Player], kinds: Sequence[str] = ROLE_KINDS) -> dict[str, dict[str, list]]:
    """Bar data per role kind: for each role of each player, ``base`` (first day), ``x`` (length in
    ms), ``y`` (the player's label), ``text`` (short label on the bar) and ``hover`` (escaped)."""
    labels = _unique_labels(players)
    known = [role_span(r)[1] for p in players for r in p.roles if role_span(r)[1] != date.max]
    horizon = max(known, default=date(2000, 1, 1))
    out: dict[str, dict[str, list]] = {k: {"base": [], "x": [], "y": [], "text": [], "hover": []} for k in kinds}
    for p in players:
        for r in p.roles:
            if r.kind not in out:
                continue
            a, b = role_span(r)
            b = min(b, max(horizon, a))
            col = out[r.kind]
            col["base"].append(a.isoformat())
            col["x"].append(_ms(a, b))
            col["y"].append(labels[p.id])
            col["text"].append(esc(role_kind_label(r.kind) + (" (acting)" if r.acting else "")))
            col["hover"].append(
                f"<b>{esc(p.name)}</b><br>{esc(role_title(r))}<br>{esc(tenure_text(r))}"
            )
    return out


def _sync_figure(fig: Any) -> None:
    """Keep the figure's full state (what a new view draws first) equal to its current data.

    ``batch_update`` reaches the browser as restyle messages, and a front end that is still loading
    plotly's script when they arrive drops them; every widget here is built and filled in before it
    is displayed, so without this the first view would draw the empty figure it started as.
    ``FigureWidget._repr_mimebundle_`` does the same, but only for a figure displayed on its own.
    """
    fig._widget_data = copy.deepcopy(fig._data)
    fig._widget_layout = copy.deepcopy(fig._layout_obj._props)


def _tenure_figure(kinds: Sequence[str]) -> Any:
    traces = []
    for kind in kinds:
        colour, pattern = ROLE_STYLE[kind]
        traces.append(
            go.Bar(
                name=role_kind_label(kind),
                orientation="h",
                base=[],
                x=[],
                y=[],
                text=[],
                hovertext=[],
                hovertemplate="%{hovertext}<extra></extra>",
                textposition="inside",
                insidetextanchor="start",
                marker=dict(color=colour, line=dict(color="#000000", width=0.5),
                            pattern=dict(shape=pattern, fgcolor=text_colour_on(colour), solidity=0.25)),
                textfont=dict(color=text_colour_on(colour)),
            )
        )
    layout = go.Layout(
        barmode="overlay",
        height=200,
        margin=dict(l=10, r=10, t=40, b=40),
        xaxis=dict(type="date", title="Years in the role (start and end days both count)"),
        yaxis=dict(autorange="reversed", type="category", automargin=True),
        legend=dict(title="Role kind", orientation="h", y=1.02, yanchor="bottom", x=0),
        uniformtext=dict(minsize=8, mode="hide"),
        plot_bgcolor="#FFFFFF",
    )
    return figure(traces, layout)


# ---------------------------------------------------------------- the deck


class CardDeck(ipw.VBox):
    """All players as cards, with filters, sorting, a tenure chart, a comparison and an event panel.

    Filters: country, role kind, "in office in year" (tick the box, or type a year) and a search;
    sorting by name, first year in office or number of negotiations. The deck shows a page of
    cards at a time and the tenures of the first ``CHART_LIMIT`` matching players on one time axis.
    Pressing one of a card's negotiations opens it in a linked :class:`~widgets.timeline.Timeline`
    (:meth:`link_timeline`), or shows it in the deck when there is no timeline.
    """

    PAGE_SIZE = 6
    CHART_LIMIT = 50

    def __init__(
        self,
        players: Sequence[Player],
        events: Sequence[Event] = (),
        *,
        folder: str | os.PathLike[str] | None = None,
        timeline: Any = None,
        country: str | None = None,
        role_kind: str | None = None,
        year: int | None = None,
        query: str = "",
        sort: str = "name",
        intro: str = "",
    ):
        if not players:
            raise DataError("CardDeck: the players data is empty (expected at least one [[players]] record)")
        _sort_key(sort)  # an unknown key fails here, with the list of known keys
        self.players: tuple[Player, ...] = tuple(players)
        self.events: dict[str, Event] = {e.id: e for e in events}
        self.folder = folder
        self.names = {p.id: p.name for p in self.players}
        self._ix = _index(self.players, {k: e.title for k, e in self.events.items()})
        self._pos = {p.id: i for i, p in enumerate(self.players)}
        self._cards: dict[str, PlayerCard] = {}
        self._busy = False
        self.timeline: Any = None
        self.matching: tuple[Player, ...] = ()
        self.page = 0

        countries = sorted({p.country for p in self.players}, key=_fold)
        kinds = [k for k in ROLE_KINDS if any(r.kind == k for p in self.players for r in p.roles)]
        spans = [s for p in self.players for s in _spans(p)]
        lo = min((s[1] for s in spans), default=0)
        hi = max((s[2] for s in spans if s[2] < date.max.year), default=lo)
        self.year_bounds = (lo, hi)
        wide = {"description_width": "initial"}

        self.country = ipw.Dropdown(options=[("All countries", None)] + [(c, c) for c in countries],
                                    value=country if country in countries else None, description="Country", style=wide)
        self.role_kind = ipw.Dropdown(options=[("Any role", None)] + [(role_kind_label(k), k) for k in kinds],
                                      value=role_kind if role_kind in kinds else None, description="Role", style=wide)
        self.use_year = ipw.Checkbox(value=year is not None, description="Only those in office in the year",
                                     indent=False, layout=ipw.Layout(width="auto"))
        # A number box, not a slider: ipywidgets' slider handle has no accessible name (axe, serious),
        # while a labelled number input is named, typed into, and stepped with the arrow keys.
        self.year = ipw.BoundedIntText(value=min(max(year if year is not None else hi, lo), hi), min=lo,
                                       max=max(lo, hi), description="Year", continuous_update=False, style=wide,
                                       layout=ipw.Layout(width="12em"))
        self.search = ipw.Text(value=query, description="Search", placeholder="a name, an office or any word, then Enter",
                               continuous_update=False, style=wide, layout=ipw.Layout(width="28em"))
        self.sort = ipw.Dropdown(options=[(label, key) for key, label in SORT_KEYS.items()], value=sort,
                                 description="Sort by", style=wide)
        self.reset_button = ipw.Button(description="Show everyone", tooltip="Clear every filter", icon="undo")
        self.status = ipw.HTML()
        self.figure = _tenure_figure(kinds)
        self._kinds = tuple(kinds)
        self.chart_note = ipw.HTML()
        self.cards_box = ipw.HBox(layout=ipw.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.prev_button = ipw.Button(description="Previous cards", icon="arrow-left", tooltip="Previous page of cards")
        self.next_button = ipw.Button(description="Next cards", icon="arrow-right", tooltip="Next page of cards")
        self.page_label = ipw.HTML()
        self.event_panel = ipw.HTML()

        labels = _unique_labels(self.players)
        options = [("(choose a player)", None)] + [(labels[p.id], p.id) for p in sort_players(self.players, "name")]
        self.compare_a = ipw.Dropdown(options=options, value=None, description="First player", style=wide)
        self.compare_b = ipw.Dropdown(options=options, value=None, description="Second player", style=wide)
        self.comparison = ipw.HBox(layout=ipw.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.overlap = ipw.HTML("<p><i>Choose two players to see them side by side.</i></p>")

        for control in (self.country, self.role_kind, self.use_year, self.search, self.sort):
            control.observe(self._on_filter, "value")
        self.year.observe(self._on_year, "value")
        self.reset_button.on_click(lambda _b: self.reset())
        self.prev_button.on_click(lambda _b: self.show_page(self.page - 1))
        self.next_button.on_click(lambda _b: self.show_page(self.page + 1))
        self.compare_a.observe(self._on_compare, "value")
        self.compare_b.observe(self._on_compare, "value")

        row = functools.partial(ipw.HBox, layout=ipw.Layout(flex_flow="row wrap", align_items="center"))
        self._timeline_box = ipw.VBox()
        super().__init__(
            [
                ipw.HTML(f"<p>{esc(intro)}</p>" if intro else ""),
                row([self.country, self.role_kind, self.sort]),
                row([self.use_year, self.year]),
                row([self.search, self.reset_button]),
                self.status,
                self.figure,
                self.chart_note,
                self.cards_box,
                row([self.prev_button, self.page_label, self.next_button]),
                self.event_panel,
                ipw.HTML("<p><strong>Compare two players</strong></p>"),
                row([self.compare_a, self.compare_b]),
                self.overlap,
                self.comparison,
                self._timeline_box,
            ]
        )
        self.add_class("course-widget")
        self.add_class("course-cards")
        # timeline=True: the deck shows its own timeline, built when a negotiation is first opened
        # (a timeline is a second plotly figure: most visits never need it, and every lesson
        # kernel would pay for it up front).
        self._own_timeline = timeline is True
        if timeline is True:
            timeline = None
            self._timeline_box.children = [
                ipw.HTML("<p><strong>The negotiations on the timeline</strong>: press one of a card's "
                         "negotiation buttons to open that event on a timeline here.</p>"),
            ]
        if timeline is not None:
            self.link_timeline(timeline)
        self.refresh()

    # ------------------------------------------------------------ construction

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, timeline: Any = None, **filters: Any) -> "CardDeck":
        """The deck of the course's players (or of an instructor's folder).

        ``timeline``: a :class:`~widgets.timeline.Timeline` shown elsewhere to open negotiations in,
        or ``True`` to show one under the deck. ``filters``: the starting ``country``, ``role_kind``,
        ``year``, ``query`` and ``sort``.
        """
        return cls(load_players(folder), load_events(folder), folder=folder, timeline=timeline, **filters)

    @classmethod
    def for_lesson(cls, lesson: int, folder: str | os.PathLike[str] | None = None, timeline: Any = None) -> "CardDeck":
        """The deck as a lesson first shows it. Lesson 2 opens on the foreign ministers (the diplomats
        who are its first topic), sorted by first year in office, with the timeline underneath."""
        if lesson == 2:
            return cls.from_data(
                folder,
                timeline=True if timeline is None else timeline,
                role_kind="foreign-minister",
                sort="first-year",
                intro="The deck opens on the foreign ministers, in order of their first year in office. "
                "Set Role to “Any role” (or press “Show everyone”) to see all the players.",
            )
        return cls.from_data(folder, timeline=timeline)

    def link_timeline(self, timeline: Any) -> "CardDeck":
        """Open negotiations in ``timeline`` (anything with a ``select(event_id)`` method) from now on."""
        if not callable(getattr(timeline, "select", None)):
            raise TypeError("link_timeline: expected a Timeline (an object with a select(event_id) method)")
        self.timeline = timeline
        return self

    # ------------------------------------------------------------ state

    @property
    def filters(self) -> dict[str, Any]:
        return {
            "country": self.country.value,
            "role_kind": self.role_kind.value,
            "year": self.year.value if self.use_year.value else None,
            "query": self.search.value,
        }

    @property
    def n_pages(self) -> int:
        return max(1, -(-len(self.matching) // self.PAGE_SIZE))

    @property
    def shown_cards(self) -> tuple[PlayerCard, ...]:
        return tuple(self.cards_box.children)  # type: ignore[arg-type]

    # ------------------------------------------------------------ updates

    def refresh(self) -> None:
        """Apply the filters and the sort: the count, the chart (updated in place) and page 1 of cards."""
        f = self.filters
        idx = _matching(self._ix, f["country"], f["role_kind"], f["year"], f["query"])
        self.matching = sort_players((self.players[i] for i in idx), self.sort.value, f["role_kind"])
        n, m = len(self.matching), len(self.players)
        text = f"Showing {n} of {m} players"
        if n == 0:
            self.status.value = (f'<p role="status" aria-live="polite"><strong>{esc(text)}. '
                                 f"{esc(no_match_message(**f))}</strong></p>")
        else:
            self.status.value = f'<p role="status" aria-live="polite">{esc(text)}.</p>'
        self._update_chart()
        self.show_page(0)

    def _update_chart(self) -> None:
        chart = self.matching[: self.CHART_LIMIT]
        bars = tenure_bars(chart, self._kinds)
        labels = list(_unique_labels(chart).values())
        spans = [role_span(r) for p in chart for r in p.roles]
        known = [b for _, b in spans if b != date.max]
        fig = self.figure
        with fig.batch_update():
            for trace, kind in zip(fig.data, self._kinds):
                col = bars[kind]
                trace.base = col["base"]
                trace.x = col["x"]
                trace.y = col["y"]
                trace.text = col["text"]
                trace.hovertext = col["hover"]
            fig.layout.yaxis.categoryarray = labels
            fig.layout.yaxis.categoryorder = "array"
            fig.layout.height = 140 + 26 * max(1, len(labels))
            if spans and known:
                first = min(a for a, _ in spans)
                last = max(known)
                pad = max(180, (last - first).days // 40)
                fig.layout.xaxis.range = [
                    date.fromordinal(first.toordinal() - pad).isoformat(),
                    date.fromordinal(min(date.max.toordinal(), last.toordinal() + pad)).isoformat(),
                ]
        _sync_figure(fig)
        if len(self.matching) > len(chart):
            self.chart_note.value = (f"<p><small>The chart shows the first {len(chart)} of {len(self.matching)} "
                                     "matching players; narrow the filters to see the others.</small></p>")
        elif not chart:
            self.chart_note.value = "<p><small>No tenures to draw.</small></p>"
        else:
            self.chart_note.value = ("<p><small>One bar per role, labelled with its kind; hover over a bar for the "
                                     "title and dates. Acting roles are marked “(acting)”.</small></p>")

    def show_page(self, page: int) -> None:
        """Show page ``page`` (from 0) of the matching players' cards."""
        self.page = min(max(0, page), self.n_pages - 1)
        start = self.page * self.PAGE_SIZE
        players = self.matching[start : start + self.PAGE_SIZE]
        self.cards_box.children = [self._card(p) for p in players]
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= self.n_pages - 1
        if players:
            self.page_label.value = (f"<span>Cards {start + 1}–{start + len(players)} of {len(self.matching)} "
                                     f"(page {self.page + 1} of {self.n_pages})</span>")
        else:
            self.page_label.value = "<span>No cards to show.</span>"

    def _card(self, player: Player) -> PlayerCard:
        card = self._cards.get(player.id)
        if card is None:
            card = PlayerCard(player, self.events, on_negotiation=self.open_event, folder=self.folder, standalone=False)
            self._cards[player.id] = card
        return card

    # ------------------------------------------------------------ control handlers

    def _on_filter(self, _change=None) -> None:
        if not self._busy:
            self.refresh()

    def _on_year(self, _change=None) -> None:
        if self._busy:
            return
        if not self.use_year.value:
            self._busy = True
            try:
                self.use_year.value = True  # choosing a year means "filter by this year"
            finally:
                self._busy = False
        self.refresh()

    def _on_compare(self, _change=None) -> None:
        self.compare(self.compare_a.value, self.compare_b.value)

    # ------------------------------------------------------------ actions

    def reset(self) -> None:
        """Clear every filter (one refresh); the sort order stays."""
        self._busy = True
        try:
            self.country.value = None
            self.role_kind.value = None
            self.use_year.value = False
            self.search.value = ""
        finally:
            self._busy = False
        self.refresh()

    def compare(self, a_id: str | None, b_id: str | None) -> None:
        """Show two players' cards side by side, and when they held roles at the same time."""
        by_id = {p.id: p for p in self.players}
        a, b = by_id.get(a_id or ""), by_id.get(b_id or "")
        if a is None or b is None:
            self.comparison.children = [self._compare_card(p) for p in (a, b) if p is not None]
            self.overlap.value = "<p><i>Choose two players to see them side by side.</i></p>"
            return
        self.comparison.children = [self._compare_card(a), self._compare_card(b)]
        lines = overlap_text(a, b).split("\n")
        head, rest = lines[0], lines[1:]
        items = "".join(f"<li>{esc(line)}</li>" for line in rest)
        self.overlap.value = f'<p role="status" aria-live="polite">{esc(head)}</p>' + (f"<ul>{items}</ul>" if items else "")

    def _compare_card(self, player: Player) -> PlayerCard:
        return PlayerCard(player, self.events, on_negotiation=self.open_event, folder=self.folder, standalone=False)

    def open_event(self, event_id: str) -> None:
        """Open a negotiation: in the linked timeline if there is one, else in the deck's event panel."""
        event = self.events.get(event_id)
        title = event.title if event else event_id
        if self.timeline is None and self._own_timeline:
            from .timeline import Timeline

            self.timeline = Timeline.from_data(self.folder)
            self._timeline_box.children = [self._timeline_box.children[0], self.timeline]
        if self.timeline is not None:
            try:
                self.timeline.select(event_id)
            except KeyError:
                pass
            else:
                self.event_panel.value = (f'<p role="status" aria-live="polite">Opened “{esc(title)}” in the '
                                          "timeline.</p>")
                return
        if event is None:
            self.event_panel.value = f'<p role="status">No details recorded for the event “{esc(event_id)}”.</p>'
        else:
            self.event_panel.value = event_html(event, self.names)


# ---------------------------------------------------------------- who held office when


def parse_day(text: str | date) -> date:
    """A day from a ``date`` or 'YYYY-MM-DD' text; ValueError with a message for a person otherwise."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    if not raw:
        raise ValueError("Type a date as YYYY-MM-DD (four-digit year, two-digit month and day).")
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or [len(p) for p in parts] != [4, 2, 2]:
        raise ValueError(f"“{raw}” is not a date written as YYYY-MM-DD (four-digit year, two-digit month and day).")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"“{raw}” is not a real calendar date (check the month and the day).") from None


def office_holders(
    day: date | str, players: Sequence[Player] | None = None, *, until: date | str | None = None
) -> dict[str, list[tuple[Player, Role]]]:
    """Who held each of the four tracked offices (``OFFICES``) on ``day``.

    Uses :meth:`Role.holds_on`: a holder's start and end days both count as days in office, so
    on a handover day *both* the outgoing and the incoming holder are listed (in order of their
    start). A day with no recorded holder gives an empty list: the office was vacant, or the
    data has no record for that day (before its first holder, or after the day an open term was
    last checked, its ``as_of``). Acting holders are included; their ``Role.acting`` is True.

    With ``until``, the result lists everyone who held the office at any time from ``day`` to
    ``until`` (for an event known only to the month or the year). ``players`` defaults to the
    course's own players. Raises ValueError for text that is not a YYYY-MM-DD date.
    """
    first = parse_day(day)
    last = parse_day(until) if until is not None else None
    if players is None:
        players = load_players()
    out: dict[str, list[tuple[Player, Role]]] = {office: [] for office in OFFICES}
    for p in players:
        for r in p.roles:
            if r.office not in out:
                continue
            if last is None:
                held = r.holds_on(first)
            else:
                a, b = role_span(r)
                held = a <= last and b >= first
            if held:
                out[r.office].append((p, r))
    for office in out:
        out[office].sort(key=lambda pr: (pr[1].start.key, pr[0].name))
    return out


def is_handover(day: date, holders: Sequence[tuple[Player, Role]]) -> bool:
    """True when one holder's term ends on ``day`` and another's starts on it."""
    ends = any(role_span(r)[1] == day for _, r in holders)
    starts = any(role_span(r)[0] == day for _, r in holders)
    return len(holders) > 1 and ends and starts


def _holder_name(player: Player, role: Role) -> str:
    return player.name + (" (acting)" if role.acting else "")


def vacancy_text(office: str, day: date, players: Sequence[Player]) -> str:
    """Why nobody is listed: before the first record, after the last check, or a recorded gap."""
    spans = [(role_span(r), r) for p in players for r in p.roles if r.office == office]
    if not spans:
        return "vacant or no record (no holder of this office is recorded)"
    if day < min(a for (a, _), _ in spans):
        return "vacant or no record (before the first recorded holder)"
    checked = [(r.as_of.last_day(), p) for p in players for r in p.roles
               if r.office == office and r.end is None and r.as_of is not None]
    if checked and day > max(b for (_, b), _ in spans):
        when, holder = max(checked, key=lambda c: c[0])
        return (f"no record after {_day_text(when)}, when {holder.name} held it "
                "(the course has not checked since)")
    if day > max(b for (_, b), _ in spans):
        return "vacant or no record (after the last recorded holder)"
    return "vacant or no record (no holder recorded on this day)"


def holders_text(day: date | str, players: Sequence[Player] | None = None) -> str:
    """The four office-holders on ``day`` as plain text, one office a line (what lesson 2 checks)."""
    d = parse_day(day)
    players = load_players() if players is None else players
    held = office_holders(d, players)
    lines = [f"{_day_text(d)}:"]
    for office in OFFICES:
        holders = held[office]
        if not holders:
            text = vacancy_text(office, d, players)
        else:
            text = "; ".join(_holder_name(p, r) for p, r in holders)
            if is_handover(d, holders):
                text += " (handover day: both count)"
            elif len(holders) > 1:
                text += " (both recorded as holding it on this day)"
        lines.append(f"  {OFFICE_LABELS[office]}: {text}")
    return "\n".join(lines)


def office_gaps(
    start: date | str, end: date | str, players: Sequence[Player] | None = None
) -> list[tuple[str, date, date]]:
    """Every stretch of days from ``start`` to ``end`` with no recorded holder of an office:
    (office, first day, last day), by office then date."""
    lo, hi = parse_day(start), parse_day(end)
    players = load_players() if players is None else players
    out = []
    for office in OFFICES:
        spans = sorted(role_span(r) for p in players for r in p.roles if r.office == office)
        cursor = lo
        for a, b in spans:
            if b < cursor:
                continue
            if a > hi:
                break
            if a > cursor:
                out.append((office, cursor, date.fromordinal(a.toordinal() - 1)))
            if b >= hi:
                cursor = None
                break
            cursor = date.fromordinal(b.toordinal() + 1)
        if cursor is not None and cursor <= hi:
            out.append((office, cursor, hi))
    return out


def negotiators(event_id: str, players: Sequence[Player]) -> tuple[Player, ...]:
    """The players whose ``negotiations`` include ``event_id``, by name."""
    return sort_players((p for p in players if event_id in p.negotiations), "name")


def negotiation_events(players: Sequence[Player], events: Sequence[Event]) -> tuple[Event, ...]:
    """The events that at least one player lists among their negotiations, by date."""
    used = {e for p in players for e in p.negotiations}
    return tuple(e for e in events if e.id in used)


def _holders_table(held: Mapping[str, list[tuple[Player, Role]]], day: date, players: Sequence[Player],
                   highlight: frozenset[str] | set[str] = frozenset(), single_day: bool = True) -> str:
    rows = []
    for office in OFFICES:
        holders = held[office]
        if not holders:
            who = f"<em>{esc(vacancy_text(office, day, players))}</em>"
        else:
            items = []
            for p, r in holders:
                mark = " <strong>(also a negotiator of this event)</strong>" if p.id in highlight else ""
                items.append(f"{esc(_holder_name(p, r))}{mark}<br><small>{esc(r.title)}, {esc(tenure_text(r))}</small>")
            who = "<br>".join(items)
            if not single_day:
                pass
            elif is_handover(day, holders):
                who += "<br><strong>Handover day:</strong> both holders count on this day."
            elif len(holders) > 1:
                who += "<br><strong>More than one holder</strong> is recorded for this day."
        rows.append(f'<tr><th scope="row" style="text-align:left;padding-right:1em">{esc(OFFICE_LABELS[office])}</th>'
                    f"<td>{who}</td></tr>")
    return f'<table class="course-office-table">{"".join(rows)}</table>'


class OfficeLookup(ipw.VBox):
    """Who held the four tracked offices on a date; and, for a negotiation, who held office on its
    date and who is recorded as negotiating it ("Who negotiated the INF Treaty?")."""

    def __init__(self, players: Sequence[Player] | None = None, events: Sequence[Event] | None = None,
                 folder: str | os.PathLike[str] | None = None):
        self.players = tuple(players) if players is not None else load_players(folder)
        self.events = tuple(events) if events is not None else load_events(folder)
        if not self.players:
            raise DataError("OfficeLookup: the players data is empty (expected at least one [[players]] record)")
        wide = {"description_width": "initial"}
        self.date = ipw.Text(value="", description="Date (YYYY-MM-DD)", placeholder="type a date, then Enter",
                             continuous_update=False, style=wide)
        self.show_button = ipw.Button(description="Show office-holders", tooltip="Show who held each office on this day")
        self.result = ipw.HTML("<p><i>Type a date and press Enter to see who held each office on that day.</i></p>")
        self._negotiations = negotiation_events(self.players, self.events)
        self.event = ipw.Dropdown(
            options=[("(choose a negotiation)", None)]
            + [(f"{e.date.display()}: {e.title}", e.id) for e in self._negotiations],
            value=None, description="Negotiation", style=wide, layout=ipw.Layout(width="40em"),
        )
        self.event_result = ipw.HTML()
        self.date.observe(lambda _c: self.show(), "value")
        self.show_button.on_click(lambda _b: self.show())
        self.event.observe(lambda c: self.show_event(c["new"]), "value")
        super().__init__([
            ipw.HTML("<p><strong>Who held office on a given day?</strong></p>"),
            ipw.HBox([self.date, self.show_button], layout=ipw.Layout(flex_flow="row wrap")),
            self.result,
            ipw.HTML("<p><strong>Who negotiated it?</strong> Choose a negotiation to see who held the four "
                     "offices on its date, and who the course records as negotiating it.</p>"),
            self.event,
            self.event_result,
        ])
        self.add_class("course-widget")
        self.add_class("course-office-lookup")

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None) -> "OfficeLookup":
        return cls(folder=folder)

    def show(self, text: str | None = None) -> None:
        """Look up the date typed in the box (or ``text``)."""
        if text is not None:
            self.date.value = text  # observing the box calls show() again
            return
        try:
            day = parse_day(self.date.value)
        except ValueError as exc:
            self.result.value = f'<p role="alert"><strong>{esc(str(exc))}</strong></p>'
            return
        held = office_holders(day, self.players)
        self.result.value = (f'<p role="status" aria-live="polite">Office-holders on {esc(_day_text(day))}:</p>'
                             + _holders_table(held, day, self.players))

    def show_event(self, event_id: str | None) -> None:
        """The office-holders on a negotiation's date, and its recorded negotiators."""
        event = next((e for e in self._negotiations if e.id == event_id), None)
        if event is None:
            self.event_result.value = ""
            return
        who = negotiators(event.id, self.players)
        day = event.date.first_day()
        if event.date.precision == "day":
            held = office_holders(day, self.players)
            when = f"on {esc(_day_text(day))}"
        else:
            held = office_holders(day, self.players, until=event.date.last_day())
            when = f"at some time in {esc(event.date.display())} (the date is known only to the {event.date.precision})"
        single = event.date.precision == "day"
        names = "".join(
            f"<li>{esc(p.name)} ({esc(p.country)})</li>" for p in who
        ) or "<li><em>none recorded</em></li>"
        self.event_result.value = (
            f'<div role="status" aria-live="polite"><p><strong>{esc(event.title)}</strong>, '
            f"{esc(_event_date_text(event))}</p>"
            f"<p>Office-holders {when}:</p>{_holders_table(held, day, self.players, {p.id for p in who}, single)}"
            f"<p>Players whose recorded negotiations include it:</p><ul>{names}</ul></div>"
        )


def player_sources(player_ids: Iterable[str], folder: str | os.PathLike[str] | None = None) -> Any:
    """The sources of the given players, each once, with the players they support, in the order
    given; renders as a list in a notebook (``SourceList``). An unknown id raises DataError, so a
    lesson's source list cannot drift from the data."""
    from .timeline import SourceList

    players = {p.id: p for p in load_players(folder)}
    ids = list(dict.fromkeys(player_ids))
    unknown = [i for i in ids if i not in players]
    if unknown:
        raise DataError(f"player_sources: no player with id {', '.join(repr(u) for u in unknown)} in the players "
                        "data (check the spelling against data/IDS.md)")
    order: dict[str, tuple[Any, list[str]]] = {}
    for pid in ids:
        for src in players[pid].sources:
            entry = order.setdefault(src.url, (src, []))
            if players[pid].name not in entry[1]:
                entry[1].append(players[pid].name)
    return SourceList([(src, tuple(names)) for src, names in order.values()])


# ---------------------------------------------------------------- stakeholder map


def quadrant(interest: float, influence: float) -> str:
    """Where a stakeholder sits on the interest–influence grid (5 and above counts as high)."""
    return QUADRANTS[(influence >= 5, interest >= 5)]


def stakeholder_table_html(placements: Sequence[Placement], names: Mapping[str, str] | None = None) -> str:
    """The placements as an escaped table: actor, interest, influence, quadrant, reason, source."""
    names = names or {}
    rows = "".join(
        f"<tr><td>{esc(names.get(p.player, p.player))}</td><td>{p.interest:g}</td><td>{p.influence:g}</td>"
        f"<td>{esc(quadrant(p.interest, p.influence))}</td><td>{esc(p.justification)}</td>"
        f"<td>{_link(p.source.url, p.source.title)}</td></tr>"
        for p in sorted(placements, key=lambda p: (-p.influence, -p.interest, _fold(names.get(p.player, p.player))))
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


class StakeholderMap(ipw.VBox):
    """Stakeholders of one negotiation on an interest (x) against influence (y) grid, 0–10, with
    the quadrant labels, a negotiation chooser, hover text and a table of reasons and sources."""

    def __init__(self, placements: Sequence[Placement], players: Sequence[Player] = (),
                 events: Sequence[Event] = (), negotiation: str | None = None):
        if not placements:
            raise DataError("StakeholderMap: the stakeholders data is empty (expected rows in stakeholders.csv)")
        self.placements = tuple(placements)
        self.players = {p.id: p for p in players}
        self.names = {pid: p.name for pid, p in self.players.items()}
        self.events = {e.id: e for e in events}
        order = list(dict.fromkeys(p.negotiation for p in self.placements))
        order.sort(key=lambda n: (self.events[n].date if n in self.events else PartialDate(9999), n))
        if negotiation is not None and negotiation not in order:
            raise DataError(f"StakeholderMap: no placements for the negotiation {negotiation!r} "
                            f"(placed: {', '.join(order)})")
        self.negotiation = ipw.Dropdown(
            options=[(self._title(n), n) for n in order], value=negotiation or order[0],
            description="Negotiation", style={"description_width": "initial"}, layout=ipw.Layout(width="40em"),
        )
        self.status = ipw.HTML()
        self.figure = self._figure()
        self.table = ipw.HTML()
        self.negotiation.observe(lambda _c: self.refresh(), "value")
        super().__init__([
            self.negotiation,
            self.status,
            self.figure,
            ipw.HTML("<p><small>Each placement is a judgement made by the course's authors, with its reason "
                     "and source below; you may disagree with it.</small></p>"),
            self.table,
        ])
        self.add_class("course-widget")
        self.add_class("course-stakeholders")
        self.refresh()

    @classmethod
    def from_data(cls, negotiation: str | None = None, folder: str | os.PathLike[str] | None = None) -> "StakeholderMap":
        return cls(load_stakeholders(folder), load_players(folder), load_events(folder), negotiation)

    def _title(self, negotiation: str) -> str:
        e = self.events.get(negotiation)
        return f"{e.title} ({e.date.year})" if e else negotiation

    def _kind(self, player_id: str) -> str:
        p = self.players.get(player_id)
        return p.kind if p else "organisation"

    @property
    def shown(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.negotiation == self.negotiation.value)

    def _figure(self) -> Any:
        traces = []
        for kind in PLAYER_KINDS:
            colour, symbol = _KIND_STYLE[kind]
            traces.append(go.Scatter(
                name={"person": "People", "state": "States", "organisation": "Organisations"}[kind],
                x=[], y=[], text=[], hovertext=[], mode="markers+text", textposition="top center",
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(size=13, color=colour, symbol=symbol, line=dict(color="#000000", width=1)),
            ))
        labels = [(2.5, 10.3, QUADRANTS[(True, False)]), (7.5, 10.3, QUADRANTS[(True, True)]),
                  (2.5, -0.35, QUADRANTS[(False, False)]), (7.5, -0.35, QUADRANTS[(False, True)])]
        layout = go.Layout(
            height=520,
            margin=dict(l=60, r=20, t=30, b=60),
            xaxis=dict(title="Interest in the outcome (0–10)", range=[-0.6, 10.6], dtick=1, zeroline=False),
            yaxis=dict(title="Influence over the outcome (0–10)", range=[-0.8, 10.8], dtick=1, zeroline=False),
            shapes=[dict(type="line", x0=5, x1=5, y0=-0.6, y1=10.6, line=dict(color="#999999", dash="dash")),
                    dict(type="line", x0=-0.6, x1=10.6, y0=5, y1=5, line=dict(color="#999999", dash="dash"))],
            annotations=[dict(x=x, y=y, text=f"<b>{esc(t.capitalize())}</b>", showarrow=False) for x, y, t in labels],
            legend=dict(orientation="h", y=-0.15),
            plot_bgcolor="#FFFFFF",
        )
        return figure(traces, layout)

    def refresh(self) -> None:
        """Show the chosen negotiation: points updated in place, the count, the table."""
        shown = tuple(sorted(self.shown, key=lambda p: (-p.influence, -p.interest)))
        points = _spread(shown)
        sides = _label_sides(points, [self.names.get(p.player, p.player) for p in shown])
        with self.figure.batch_update():
            for trace, kind in zip(self.figure.data, PLAYER_KINDS):
                idx = [i for i, p in enumerate(shown) if self._kind(p.player) == kind]
                trace.x = [points[i][0] for i in idx]
                trace.y = [points[i][1] for i in idx]
                trace.text = [esc(self.names.get(shown[i].player, shown[i].player)) for i in idx]
                trace.textposition = [sides[i] for i in idx]
                trace.hovertext = [self._hover(shown[i]) for i in idx]
        _sync_figure(self.figure)
        self.status.value = (f'<p role="status" aria-live="polite">{len(shown)} actors placed for '
                             f"{esc(self._title(self.negotiation.value))}.</p>")
        self.table.value = stakeholder_table_html(shown, self.names)

    def _hover(self, p: Placement) -> str:
        name = self.names.get(p.player, p.player)
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

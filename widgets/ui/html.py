"""HTML building blocks shared by every widget: all text is escaped here, once.

Pure string functions; no widget library is imported, so models and tests can use them too.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import unquote
from typing import Any, Iterable

from .style import BLUE, LINK_STYLE, TEXT_STYLE

__all__ = ["esc", "paragraphs", "link", "lesson_link", "box", "sources_html", "fold", "plural", "wrap", "BLUE"]


def esc(text: Any) -> str:
    """``text`` escaped for HTML element content and attribute values (quotes included)."""
    return html.escape(str(text), quote=True)


def paragraphs(text: str) -> str:
    """Escaped text as HTML paragraphs (blank lines separate paragraphs)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in parts)


def link(url: str, title: str, *, new_tab: bool = True) -> str:
    """An escaped, underlined link. The data layer accepts only http(s) URLs, so ``url`` is never javascript:."""
    target = ' target="_blank" rel="noopener noreferrer"' if new_tab else ""
    return f'<a href="{esc(url)}"{target} style="{LINK_STYLE}">{esc(title)}</a>'


def lesson_link(href: str, title: str) -> str:
    """An escaped link to a lesson (or a section of one), ``href`` relative to the lessons' folder,
    e.g. ``"01_historical_context.ipynb#The-Cold-War"`` (the anchor percent-encoded or not).

    In JupyterLab a click opens the lesson in the same JupyterLab, at the section: the course's
    page helper (:mod:`widgets.ui.page`) reads ``data-course-lesson`` and ``data-course-anchor``.
    Without it the link is an ordinary same-tab link (never a second JupyterLab in a new tab).
    """
    path, _, anchor = str(href).partition("#")
    anchor_attr = f' data-course-anchor="{esc(unquote(anchor))}"' if anchor else ""
    return (f'<a href="{esc(href)}" class="course-lesson-link" data-course-lesson="{esc(unquote(path))}"'
            f'{anchor_attr} style="{LINK_STYLE}">{esc(title)}</a>')


def box(colour: str, body: str, *, role: str = "status") -> str:
    """A feedback box with a coloured left rule; ``body`` is HTML the caller has already escaped."""
    role_attr = f' role="{esc(role)}"' if role else ""
    return (
        f'<div{role_attr} style="border-left:4px solid {esc(colour)};padding:0.2em 0.8em;margin:0.3em 0;{TEXT_STYLE}">'
        f"{body}</div>"
    )


def sources_html(sources: Iterable[Any]) -> str:
    """A de-duplicated, escaped list of sources (anything with ``title`` and ``url``) as links, first-seen order."""
    seen: dict[str, Any] = {}
    for s in sources:
        seen.setdefault(s.url, s)
    items = "".join(f"<li>{link(s.url, s.title)}</li>" for s in seen.values())
    return f'<ul style="{TEXT_STYLE}">{items}</ul>'


def fold(text: str) -> str:
    """Case- and accent-insensitive form used by searches ('Erdoğan' matches 'erdogan')."""
    folded = str(text).casefold()
    if folded.isascii():  # most texts: nothing to decompose
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    # str.translate drops the combining marks in C; the deck indexes ~100,000 characters of player
    # texts when a lesson opens, and a per-character Python loop cost ~0.1 s of it.
    stripped = decomposed.translate(_combining_marks())
    if max(stripped, default="") > "\uffff":  # combining marks outside the BMP (rare): the slow way
        stripped = "".join(c for c in stripped if not unicodedata.combining(c))
    return stripped


@functools.lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """str.translate table deleting every combining mark of the Basic Multilingual Plane (built once, ~10 ms)."""
    return {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def wrap_lines(text: str, width: int = 60) -> list[str]:
    """``text``'s words in lines of at most ``width`` characters (a longer word stands alone)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def wrap(text: str, width: int = 60) -> str:
    """Text (already escaped) broken into lines of at most ``width`` characters with ``<br>``, for
    plotly hover labels, which plotly never wraps: a long line runs off the figure's edge."""
    return "<br>".join(line for para in str(text).split("<br>") for line in wrap_lines(para, width))

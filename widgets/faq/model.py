"""The FAQ's model: entries joined with the course records that back them, search, and the HTML; pure.

Search is case- and accent-insensitive (:func:`widgets.ui.html.fold`): every word of the query must
appear in the question, an answer, a keyword or the name of a backing record. Every text from the
data is escaped; links to lessons are the self-check's section links, so they behave the same.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..data import DataError, FaqEntry, Source, load_cases, load_events, load_faq, load_lessons, load_players
from ..data.series_defs import load_series_defs
from ..selfcheck.feedback import section_link_html
from ..ui.html import esc, fold, link, paragraphs, plural, sources_html
from ..ui.style import BLUE, TEXT_STYLE

__all__ = ["Backing", "FaqItem", "faq_items", "faq_outline", "search", "result_text", "item_html", "items_html", "KIND_LABELS"]

KIND_LABELS = {"event": "Event", "player": "Player", "case": "Case study", "series": "Data series"}


@dataclass(frozen=True)
class Backing:
    """A course record that backs an answer: what it is, its name and its sources."""

    kind: str  # a key of KIND_LABELS
    id: str
    label: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FaqItem:
    entry: FaqEntry
    backing: tuple[Backing, ...]
    lesson_titles: tuple[tuple[int, str], ...]  # (number, title) of each linked lesson
    haystack: str  # folded text the search looks in

    @property
    def id(self) -> str:
        return self.entry.id


def _optional(loader, folder):
    try:
        return loader(folder)
    except DataError:
        return ()  # a kind the folder lacks (or that is broken, reported by check_all) backs nothing


def faq_items(folder: str | os.PathLike[str] | None = None, lessons_dir: str | os.PathLike[str] | None = None) -> tuple[FaqItem, ...]:
    """Every FAQ entry of ``faq.toml`` with its backing records resolved, in file order."""
    entries = load_faq(folder, lessons_dir)
    events = {e.id: e for e in _optional(load_events, folder)}
    players = {p.id: p for p in _optional(load_players, folder)}
    cases = {c.id: c for c in _optional(load_cases, folder)}
    series = {s.id: s for s in _optional(load_series_defs, folder)}
    titles = {lesson.number: lesson.title for lesson in _optional(load_lessons, folder)}
    items = []
    for entry in entries:
        backing: list[Backing] = []
        for eid in entry.events:
            if eid in events:
                e = events[eid]
                backing.append(Backing("event", eid, f"{e.title} ({e.date.display()})", e.sources))
        for pid in entry.players:
            if pid in players:
                backing.append(Backing("player", pid, players[pid].name, players[pid].sources))
        for cid in entry.cases:
            if cid in cases:
                backing.append(Backing("case", cid, cases[cid].title, cases[cid].sources))
        for sid in entry.series:
            if sid in series:
                backing.append(Backing("series", sid, series[sid].title, series[sid].sources))
        lesson_titles = tuple((l.lesson, titles.get(l.lesson, "")) for l in entry.links)
        words = [entry.question, entry.short, entry.answer, *entry.keywords, *(b.label for b in backing),
                 *(l.section for l in entry.links)]
        items.append(FaqItem(entry, tuple(backing), lesson_titles, fold(" ".join(words))))
    return tuple(items)


def query_words(query: str) -> list[str]:
    """The folded words of a query (punctuation other than '-' and '.' separates words)."""
    return [w for w in re.split(r"[^\w.\-]+", fold(query)) if w.strip("-.")]


def search(items, query: str) -> list[FaqItem]:
    """The items whose text holds every word of ``query`` (all of them for an empty query), in order."""
    words = query_words(query)
    return [item for item in items if all(w in item.haystack for w in words)]


def result_text(shown: int, total: int, query: str) -> str:
    """What the status line says, e.g. '2 of 14 questions match “start”.'"""
    q = query.strip()
    if not q:
        return f"All {plural(total, 'question')} shown. Type a word to search them."
    if shown == 0:
        return f"No question matches “{q}”. Try another word, or clear the search to see all {total}."
    verb = "matches" if shown == 1 else "match"
    return f"{shown} of {plural(total, 'question')} {verb} “{q}”."


def _lesson_links(item: FaqItem, lessons_dir) -> str:
    parts = []
    for link_, (number, title) in zip(item.entry.links, item.lesson_titles):
        html = section_link_html(number, link_.section, lessons_dir)
        if not link_.section and title:
            html += f" ({esc(title)})"
        parts.append(f"<li>{html}</li>")
    return "<ul>" + "".join(parts) + "</ul>"


def _backing_html(item: FaqItem) -> str:
    if not item.backing:
        return ""
    rows = []
    for b in item.backing:
        srcs = ", ".join(link(s.url, s.title) for s in b.sources[:2])
        more = f" and {plural(len(b.sources) - 2, 'more source')}" if len(b.sources) > 2 else ""
        rows.append(f"<li>{esc(KIND_LABELS[b.kind])}: <strong>{esc(b.label)}</strong>"
                    + (f" — sources: {srcs}{more}" if srcs else "") + "</li>")
    return "<p><strong>Backed by the course data:</strong></p><ul>" + "".join(rows) + "</ul>"


def item_html(item: FaqItem, lessons_dir: str | os.PathLike[str] | None = None) -> str:
    """One question: the question and short answer, and a fold-out with the fuller answer, links and sources."""
    e = item.entry
    tag = " <em>(from the course brief)</em>" if e.brief else ""
    as_of = f"<p><em>As of {esc(e.as_of.display())}.</em></p>" if e.as_of is not None else ""
    sources = f"<p><strong>Sources:</strong></p>{sources_html(e.sources)}" if e.sources else ""
    return (
        f'<div class="course-faq-item" id="faq-{esc(e.id)}" style="border-left:4px solid {BLUE};'
        f'padding:0.2em 0.8em;margin:0.6em 0;{TEXT_STYLE}">'
        f"<p><strong>{esc(e.question)}</strong>{tag}</p><p>{esc(e.short)}</p>"
        f"<details><summary>Read the full answer, where the course teaches it, and the sources</summary>"
        f"{paragraphs(e.answer)}{as_of}<p><strong>Where the course teaches it:</strong></p>{_lesson_links(item, lessons_dir)}"
        f"{_backing_html(item)}{sources}</details></div>"
    )


def items_html(items, lessons_dir: str | os.PathLike[str] | None = None) -> str:
    """The shown questions, one after another ('' when there are none)."""
    return "".join(item_html(i, lessons_dir) for i in items)


def faq_outline(items) -> str:
    """The questions as plain text, the course brief's four first marked '*' (what lesson 6's checked cell prints)."""
    lines = [("* " if i.entry.brief else "- ") + i.entry.question for i in items]
    return "\n".join(lines)

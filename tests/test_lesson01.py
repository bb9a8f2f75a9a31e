"""Lesson 01 agrees with the course data: its dates, its sources and its self-check.

The prose of lessons/01_historical_context.ipynb is written by hand, so these tests check it
against data/events: every full date the prose states must be a date of an event the lesson
discusses (or appear in that event's own text), the lesson's source list must name only real
events, and every factual self-check question must cite a source that the events data holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.data import QUESTION_TYPES, load_bank, load_events
from widgets.data.reading import load_reading

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "01_historical_context.ipynb"
MONTHS = "January February March April May June July August September October November December".split()
FULL_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
MONTH_DATE = re.compile(r"(?<!\d )\b(" + "|".join(MONTHS) + r") (\d{4})\b")
RANGE_START = re.compile(r"\bfrom (\d{1,2}) to (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(LESSON, as_version=4)


@pytest.fixture(scope="module")
def prose(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def discussed(nb) -> list[str]:
    """The events the lesson discusses: those its one-line sources cell, LessonSources(1), lists
    (data/reading/lesson01.toml)."""
    cells = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
    assert "LessonSources(1)" in cells, "lesson 01's sources cell should be the one line LessonSources(1)"
    reading = load_reading(1)
    assert reading is not None, "data/reading/lesson01.toml is missing"
    return list(reading.events)


@pytest.fixture(scope="module")
def events():
    return {e.id: e for e in load_events()}


def _event_texts(e) -> str:
    return " ".join([e.title, e.summary, e.significance, *(n.text for n in e.narratives)])


def test_the_lesson_discusses_real_events(discussed, events):
    assert discussed, "the sources cell lists no events"
    assert [d for d in discussed if d not in events] == []
    assert len(set(discussed)) == len(discussed)


def test_every_full_date_in_the_prose_is_an_event_date(prose, discussed, events):
    known = set()
    texts = []
    for eid in discussed:
        e = events[eid]
        known.update(d.display() for d in (e.date, e.end_date, e.as_of) if d is not None)
        texts.append(_event_texts(e))
    alltext = " ".join(texts)
    stated = {" ".join(m) for m in FULL_DATE.findall(prose)}
    stated |= {f"{a} {m} {y}" for a, _b, m, y in RANGE_START.findall(prose)}
    assert stated, "the prose states no dates: the pattern is broken"
    unknown = sorted(d for d in stated if d not in known and d not in alltext)
    assert unknown == [], f"dates in the prose that no discussed event has: {unknown}"


def test_month_precision_dates_match_too(prose, discussed, events):
    known = set()
    for eid in discussed:
        e = events[eid]
        for d in (e.date, e.end_date):
            if d is not None:
                known.add(f"{MONTHS[d.month - 1]} {d.year}" if d.month else "")
    texts = " ".join(_event_texts(events[eid]) for eid in discussed)
    stated = {f"{m} {y}" for m, y in MONTH_DATE.findall(FULL_DATE.sub("", prose))}
    unknown = sorted(d for d in stated if d not in known and d not in texts)
    assert unknown == [], f"month dates in the prose that no discussed event has: {unknown}"


def test_the_key_dates_of_the_brief_are_stated(prose, events):
    for eid in ("ussr-founded-1922", "us-recognises-ussr-1933", "berlin-wall-falls-1989",
                "dissolution-of-ussr-1991", "invasion-of-ukraine-2022"):
        assert events[eid].date.display() in prose, eid


def test_lesson_structure(nb):
    heads = [line[3:].strip() for c in nb.cells if c.cell_type == "markdown"
             for line in c.source.splitlines() if line.startswith("## ")]
    required = ["Learning objectives", "Estimated time", "Prerequisites", "Self-check", "Summary",
                "Sources and further reading", "Next lesson"]
    positions = [heads.index(h) for h in required]
    assert positions[:3] == sorted(positions[:3]) and positions[3:] == sorted(positions[3:])
    assert nb.cells[0].source.startswith("# Lesson 1:")
    code = [c for c in nb.cells if c.cell_type == "code"]
    imports = [c for c in code if re.search(r"^\s*(import|from) ", c.source, re.M)]
    assert imports == [code[0]], "imports belong in the first code cell only"
    for c in code:
        if re.match(r"^(Timeline|OrderEvents|NarrativeCompare|SelfCheck)\b", c.source):
            assert "\n" not in c.source.strip(), "widget cells are one line"
        if "nbval-check-output" not in c.metadata.get("tags", []):
            assert c.outputs == [] and c.execution_count is None, "committed with outputs"
    assert "02_key_players.ipynb" in nb.cells[-1].source


def test_bank_lesson01(nb, events):
    bank = load_bank("lesson01")
    heads = {line[3:].strip() for c in nb.cells if c.cell_type == "markdown"
             for line in c.source.splitlines() if line.startswith("## ")}
    assert bank.lesson == 1 and len(bank.questions) >= 12
    assert {q.type for q in bank.questions} == set(QUESTION_TYPES)
    known_urls = {s.url for e in events.values() for s in (*e.sources, *(x for n in e.narratives for x in n.sources))}
    for q in bank.questions:
        assert q.lesson == 1 and q.section in heads, (q.id, q.section)
        if q.type != "written":
            assert q.sources, q.id
        assert [s.url for s in q.sources if s.url not in known_urls] == [], f"{q.id}: a source not in the events data"

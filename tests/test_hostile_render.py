"""Markup in every text field never reaches the browser unescaped (issue 18, part 2).

Every free-text field of the course's events, players, eras, stakeholders and lesson-01 questions
gets a marker tag. Each widget (Timeline, CardDeck with its tenure chart and a comparison,
OfficeLookup, StakeholderMap, SelfCheck) is built from that folder, and every string sent to
plotly (the figure's ``to_plotly_json()``: axis and tick labels, categoryarray, hover, annotations,
legend) and every HTML value of the ipywidgets tree is inspected: the marker may appear only
escaped. (The course's anywidgets set their texts with textContent: there the marker arrives as text.)
The same for every widget a lesson shows, over the whole data folder marked.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.test_hostile_data import COPIED, DATA, toml_document

MARK = '<u class="hostile">M&amp;</u>'
RAW = '<u class="hostile">'
TEXT_KEYS = {"title", "summary", "significance", "name", "profile", "place", "attribution", "text", "organisation",
             "feedback", "prompt", "hint", "explanation", "model_answer", "justification", "source_title", "country"}


def _mark(value, key=None):
    if isinstance(value, dict):
        return {k: _mark(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, key if key == "sources" else None) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return MARK + value
    return value


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("markup")
    for name in COPIED:
        src, dst = DATA / name, out / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        for path in ([src] if src.is_file() else sorted(src.glob("*.toml"))):
            target = dst if src.is_file() else dst / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".toml":
                target.write_text(toml_document(_mark(tomllib.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
            else:
                rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
                buf = io.StringIO()
                writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows([{k: MARK + v if k in TEXT_KEYS and v else v for k, v in r.items()} for r in rows])
                target.write_text(buf.getvalue(), encoding="utf-8")
    from widgets import data as D

    for load in (D.load_events, D.load_players, D.load_eras, D.load_stakeholders):
        assert load(out), load  # the marked folder is valid data
    return out


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif hasattr(value, "tolist"):
        yield from _strings(value.tolist())


def _sent(root):
    """(what, text) for every plotly string and HTML value reachable from the widget ``root``."""
    import ipywidgets as ipw
    import plotly.basedatatypes as pbt

    seen, stack, out = set(), [root], []
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        if isinstance(w, pbt.BaseFigure):
            out += [("plotly", s) for s in _strings(w.to_plotly_json())]
        if isinstance(w, (ipw.HTML, ipw.HTMLMath)):
            out.append(("html", w.value))
        if hasattr(w, "_esm"):  # anywidget: the course's set every text with textContent (never as HTML)
            out += [("text", s) for s in _strings([w.trait_values().get(k) for k in ("options", "description", "items")])]
        if isinstance(w, ipw.Widget):  # plain-text traits (option labels, descriptions): shown as text
            kind = "html" if getattr(w, "description_allow_html", False) else "text"  # unless HTML is allowed
            out += [(kind, s) for s in _strings([getattr(w, "description", None)])]
            out += [("text", s) for s in _strings([getattr(w, "_options_labels", None)])]
        if isinstance(w, ipw.Output):
            out += [("output", s) for s in _strings([o.get("data", {}) for o in w.outputs])]
        for attr in ("children", "figure", "chart", "fig", "widget"):
            child = getattr(w, attr, None)
            if isinstance(child, (list, tuple)):
                stack.extend(child)
            elif child is not None and hasattr(child, "__dict__"):
                stack.append(child)
        for v in vars(w).values() if hasattr(w, "__dict__") else ():
            if isinstance(v, (ipw.Widget, pbt.BaseFigure)):
                stack.append(v)
    return out


def _assert_escaped(widget, reached: bool = True):
    sent = _sent(widget)
    assert sent, "nothing was inspected"
    leaks = [(what, text[:200]) for what, text in sent if RAW in text and what != "text"]
    assert not leaks, f"{len(leaks)} unescaped: {leaks[:3]}"
    assert not reached or any("&lt;u class=" in text or (what == "text" and RAW in text) for what, text in sent), \
        "the marked text never reached the widget"


def test_timeline(folder):
    from widgets import Timeline

    t = Timeline.from_data(folder)
    t.select(t.plotted_ids()[0])
    _assert_escaped(t)


def test_card_deck_and_tenure_chart(folder):
    from widgets import CardDeck

    deck = CardDeck.from_data(folder)
    deck.show_chart()
    ids = [p.id for p in deck.players[:2]]
    deck.compare(*ids)
    _assert_escaped(deck)
    fig = deck.figure.to_plotly_json()
    labels = fig["layout"]["yaxis"]["categoryarray"] + [y for t in fig["data"] for y in (t.get("y") or [])]
    assert labels and all(RAW not in str(y) for y in labels)


def test_office_lookup(folder):
    from widgets import OfficeLookup

    o = OfficeLookup.from_data(folder)
    o.show("1989-11-09")
    _assert_escaped(o)


def test_stakeholder_map(folder):
    from widgets import StakeholderMap

    _assert_escaped(StakeholderMap.from_data(folder=folder))


def test_self_check(folder):
    from widgets import SelfCheck
    from widgets.progress import ProgressStore

    check = SelfCheck.from_bank("lesson01", folder, store=ProgressStore(folder / "progress.jsonl"))
    assert not getattr(check, "error", None), check.error
    _assert_escaped(check)


# ----------------------------------------------------------------- every widget of the lessons

NO_DATA_TEXT = {"TransferExercise"}  # its factor labels are the course's own words, not data
LESSON_WIDGETS = ["Timeline", "OrderEvents", "NarrativeCompare", "CardDeck", "StakeholderMap", "PlaceActor",
                  "NegotiationLab", "SeriesExplorer", "ScenarioExplorer", "CaseCompare", "TreatyLife",
                  "WhatMadeItWork", "TransferExercise", "FAQ"]


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """The whole course data with the marker in every free-text field of every kind."""
    out = tmp_path_factory.mktemp("markup-all") / "data"
    shutil.copytree(DATA, out)
    for path in out.rglob("*"):
        if path.suffix == ".toml":
            path.write_text(toml_document(_mark(tomllib.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
        elif path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows([{k: MARK + v if k in TEXT_KEYS and v else v for k, v in r.items()} for r in rows])
            path.write_text(buf.getvalue(), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", LESSON_WIDGETS)
def test_every_lesson_widget(whole, name, monkeypatch):
    import inspect

    import widgets

    monkeypatch.setenv("COURSE_DATA_DIR", str(whole))
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(whole.parent / "progress"))
    cls = getattr(widgets, name)
    make = cls.from_data
    kwargs = {"folder": whole} if "folder" in inspect.signature(make).parameters else {}
    widget = make(**kwargs)
    start = getattr(widget, "start", None)  # TransferExercise and WhatMadeItWork show their rows once started
    if hasattr(start, "click"):
        start.click()
    _assert_escaped(widget, reached=name not in NO_DATA_TEXT)

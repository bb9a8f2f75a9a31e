"""A lesson's "Sources and further reading" is one line (`LessonSources(N)`) and its list is data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from widgets.data import DataError, check_all, load_events, load_players, load_reading
from widgets.lesson_sources import LessonSources

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def _sources_cell(lesson: str) -> str:
    nb = json.loads((ROOT / "lessons" / lesson).read_text())
    cells = nb["cells"]
    i = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Sources and further reading"))
    return "".join(cells[i + 1]["source"]).strip()


@pytest.mark.parametrize("lesson, n", [("01_historical_context.ipynb", 1), ("02_key_players.ipynb", 2)])
def test_the_sources_cell_is_one_line_and_shows_no_ids(lesson, n):
    assert _sources_cell(lesson) == f"LessonSources({n})"
    nb = (ROOT / "lessons" / lesson).read_text()
    assert "sources_for(" not in nb and "player_sources(" not in nb


def test_lesson_01_lists_the_eras_every_cited_event_and_its_accounts():
    reading = load_reading(1)
    assert reading.eras and len(reading.events) >= 80
    events = {e.id: e for e in load_events()}
    listed = {s.url for s in LessonSources(1).sources()}
    for eid in reading.events:
        ev = events[eid]
        for src in (*ev.sources, *(s for n in ev.narratives for s in n.sources)):
            assert src.url in listed, (eid, src.url)


def test_lesson_02_lists_further_reading_first_then_players_events_maps_and_bank():
    sources = LessonSources(2)
    titles = [g.title for g in sources.groups]
    assert titles[0] == "Further reading" and sources.groups[0].open
    assert {"The players", "The events", "The stakeholder maps"} <= set(titles)
    assert any("Putnam" in s.title for s in sources.sources())
    players = {p.id: p for p in load_players()}
    listed = {s.url for s in sources.sources()}
    for pid in load_reading(2).players:
        assert {s.url for s in players[pid].sources} <= listed


def test_each_source_is_listed_once_with_what_it_supports():
    sources = LessonSources(1)
    urls = [s.url for s in sources.sources()]
    assert len(urls) == len(set(urls)) == len(sources)
    events = next(g for g in sources.groups if g.title == "The events")
    assert all(labels for _, labels in events.items)


def test_html_is_links_grouped_and_escaped_and_str_is_a_summary():
    page = LessonSources(2).html()
    assert page.startswith('<section class="course-widget course-sources"')
    assert page.count("<details") == len(LessonSources(2).groups)
    # Every source is a real, styled link (not black text) that opens in a new tab.
    links = re.findall(r"<a [^>]*>", page)
    assert links and all('style="color:#0072B2;text-decoration:underline"' in a and 'rel="noopener' in a for a in links)
    assert '"Diplomacy' not in page and "&quot;Diplomacy" in page
    text = str(LessonSources(2))
    assert text.startswith("Lesson 2: ") and "each listed once" in text and "<" not in text


def test_a_lesson_without_a_reading_file_lists_its_bank(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "reading")
    sources = LessonSources(1, data)
    assert [g.title for g in sources.groups] == ["The self-check"]
    assert LessonSources(9, data).groups == [] and "cites no sources" in LessonSources(9, data).html()


def _write(tmp_path, body: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "reading" / "lesson01.toml").write_text(body)
    return data


def test_a_wrong_reading_file_names_the_file_line_and_value(tmp_path):
    data = _write(tmp_path, 'lesson = 1\nevents = ["no-such-event"]\nbanks = ["lesson99"]\ncolour = "red"\n'
                            '[[reading]]\ntitle = "x"\nurl = "ftp://x"\n')
    with pytest.raises(DataError) as exc:
        load_reading(1, data)
    text = str(exc.value)
    assert "lesson01.toml, line 2, field 'events': 'no-such-event'" in text
    assert "lesson99" in text and "'colour'" in text and "ftp://x" in text
    counts, problems = check_all(data)
    assert any("no-such-event" in p for p in problems)


def test_the_lesson_number_must_match_the_file(tmp_path):
    data = _write(tmp_path, "lesson = 2\n")
    with pytest.raises(DataError, match="does not match the file name lesson01.toml"):
        load_reading(1, data)


def test_check_all_counts_the_reading_files():
    counts, problems = check_all()
    assert problems == [] and counts["reading"] >= 2

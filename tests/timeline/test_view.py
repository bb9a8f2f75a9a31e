"""The timeline widget, driven through its own controls as a student would.

The assertions read what the student would see: the count, the message, the list, the detail
panel and the points the chart draws.
"""

from __future__ import annotations

import re

import pytest

from widgets.data import EVENT_CATEGORIES, DataError, PartialDate
from widgets.timeline.details import event_detail_html
from widgets.timeline.lanes import decimal_year
from widgets.timeline.model import LIST_LIMIT
from widgets.timeline.view import Timeline

from .support import EVENTS, ids, make_event


# ---------------------------------------------------------------- the widget, driven through its controls


def plotted(tl: Timeline) -> list[str]:
    return tl.plotted_ids()


def listed(tl: Timeline) -> list[str]:
    return [tl.events[v].id for _, v in tl.event_list.options]


def test_initial_state(tl, events):
    assert "Showing 6 of 6 events" in tl.status.value
    assert plotted(tl) == ids(events) == listed(tl)
    assert set(tl.category_boxes) == {e.category for e in events}
    assert tl.years.value == (1963, 2023)
    assert {"course-widget", "course-timeline"} <= set(tl._dom_classes)
    labels = [c.description for c in tl.category_boxes.values()]
    assert labels == ["Summit", "Arms control", "Crisis", "Political change", "Mediation"]


def test_controls_have_labels(tl):
    for control in [*tl.category_boxes.values(), tl.years, tl.search, tl.era, tl.event_list, tl.contested_only]:
        assert control.description.strip()


def test_category_toggle(tl):
    tl.category_boxes["arms-control"].value = False
    assert "Showing 4 of 6 events" in tl.status.value
    assert "first-treaty" not in plotted(tl) and "first-treaty" not in listed(tl)
    tl.category_boxes["arms-control"].value = True
    assert plotted(tl) == ids(tl.events)


def test_year_range_slider(tl):
    tl.years.value = (1980, 1995)
    assert plotted(tl) == ["big-summit", "wall-opens"] == listed(tl)
    assert "Showing 2 of 6 events" in tl.status.value
    assert list(tl.figure.layout.xaxis.range) == [1980, 1996]


def test_search(tl):
    tl.search.value = "Adams"
    assert plotted(tl) == ["first-treaty"]
    tl.search.value = "erdogan"
    assert plotted(tl) == ["contested-crisis"]
    tl.search.value = ""
    assert len(plotted(tl)) == 6


def test_era_jump_sets_the_years_and_a_manual_change_leaves_the_era(tl):
    tl.era.value = "cold"
    assert tl.years.value == (1963, 1991)  # clamped to the data's first year
    assert plotted(tl) == ["first-treaty", "big-summit", "wall-opens"]
    tl.years.value = (1970, 1991)
    assert tl.era.value is None
    tl.era.value = "after"
    assert tl.years.value == (1991, 2023)
    tl.era.value = None
    assert tl.years.value == (1963, 2023)
    assert "Showing 6 of 6" in tl.status.value


def test_empty_result_message_and_recovery(tl):
    tl.search.value = "nothing like this"
    status = re.sub(r"<[^>]+>", "", tl.status.value)
    assert "Showing 0 of 6 events" in status
    assert "No events match:" in status and "Clear the search or widen the years." in status
    assert plotted(tl) == [] and tl.event_list.options == ()
    tl.reset_button.click()
    assert "Showing 6 of 6 events" in tl.status.value and tl.search.value == ""


def test_selection_from_the_list_shows_the_detail_panel(tl):
    tl.event_list.value = tl.event_list.options[3][1]  # the contested crisis
    detail = tl.detail.value
    assert tl.selected.id == "contested-crisis"
    assert "1999 (known to the year)" in detail
    assert "&lt;script&gt;" in detail and "<script>" not in detail
    assert "Category:</b> Crisis" in detail and "Narratives matter." in detail
    us, ru = detail.index("US account: US Department of Example"), detail.index("Russian account: Russian Ministry of Example")
    assert us < ru and "A defensive step." in detail and "An aggressive step." in detail
    assert 'href="https://example.org/us" target="_blank" rel="noopener noreferrer"' in detail
    assert "Recep Erdoğan" in detail  # the player's name, not the id
    # The chart rings the selected event.
    ring = tl.figure.data[-1]
    assert list(ring.x) == [pytest.approx(decimal_year(PartialDate(1999).midpoint()))]


def test_detail_panel_fields(tl):
    tl.select("big-summit")
    d = tl.detail.value
    assert "19 November 1985 – 21 November 1985 (exact day)" in d
    assert "Place:</b> Geneva" in d and "Personal trust." in d and "Leaders met for the first time." in d
    assert "Contested" not in d
    tl.select("first-treaty")
    assert 'href="https://example.org/treaty?a=1&amp;b=2"' in tl.detail.value  # escaped URL
    assert "Alice Adams" in tl.detail.value
    tl.select("wall-opens")
    assert "November 1989 (known to the month)" in tl.detail.value
    assert "&lt;b&gt;at night&lt;/b&gt;" in tl.detail.value


def test_detail_falls_back_to_ids_without_players(events):
    html = event_detail_html(events[0], {})
    assert "alice-adams" in html


class FakePoints:
    def __init__(self, point_inds):
        self.point_inds = point_inds


def test_click_on_a_point_through_the_registered_handler(tl):
    lane = list(tl.category_boxes).index("arms-control")
    trace = tl.figure.data[lane]
    handler = trace._click_callbacks[0]
    handler(trace, FakePoints([1]), None)  # the lane's second point: the second treaty
    assert tl.selected.id == "second-treaty"
    assert "Second treaty signed" in tl.detail.value
    assert tl.event_list.value == tl._by_id["second-treaty"]
    handler(trace, FakePoints([]), None)  # plotly calls every trace; most get no points
    assert tl.selected.id == "second-treaty"


def test_click_as_the_browser_sends_it(tl):
    lane = list(tl.category_boxes).index("summit")
    tl.figure._js2py_pointsCallback = {
        "event_type": "plotly_click",
        "points": {"xs": [1985.9], "ys": [4], "point_indexes": [0], "trace_indexes": [lane]},
        "device_state": None,
        "selector": None,
    }
    assert tl.selected.id == "big-summit"
    assert "A big summit in Geneva" in tl.detail.value


def test_filters_update_the_same_figure_and_traces_in_one_message(tl, monkeypatch):
    fig = tl.figure
    traces = list(fig.data)
    messages = []
    original = fig._send_update_msg
    monkeypatch.setattr(fig, "_send_update_msg", lambda *a, **k: (messages.append(k or a), original(*a, **k)))
    monkeypatch.setattr(fig, "_send_addTraces_msg", lambda *a, **k: pytest.fail("traces were added"))
    monkeypatch.setattr(fig, "_send_deleteTraces_msg", lambda *a, **k: pytest.fail("traces were deleted"))
    tl.years.value = (1980, 2000)
    assert len(messages) == 1
    tl.search.value = "summit"
    tl.category_boxes["summit"].value = False
    tl.era.value = "after"
    tl.reset()
    assert len(messages) == 5
    assert tl.figure is fig and all(a is b for a, b in zip(fig.data, traces)) and len(fig.data) == len(traces)
    assert tl.children[tl.children.index(fig)] is fig


def test_an_instructor_folder_with_only_events(tmp_path):
    (tmp_path / "events.toml").write_text(EVENTS.replace('actors = ["alice-adams"]', "").replace(
        'actors = ["recep-erdogan-test"]', ""), encoding="utf-8")
    tl = Timeline.from_data(tmp_path)
    assert "Showing 6 of 6 events" in tl.status.value
    assert tl.era.options == (("All years", None),)


def test_the_list_is_capped_but_the_chart_shows_everything():
    evs = [make_event(i, 1900 + i % 120, EVENT_CATEGORIES[i % 9]) for i in range(LIST_LIMIT + 50)]
    evs.sort(key=lambda e: (e.date, e.id))
    tl = Timeline(evs)
    assert len(tl.event_list.options) == LIST_LIMIT
    assert "narrow the filters" in tl.event_list.description
    assert len(tl.plotted_ids()) == LIST_LIMIT + 50


def test_year_range_control_orders_and_clamps():
    from widgets.timeline import YearRange

    yr = YearRange(1950, 2000, description="Years")
    assert yr.value == (1950, 2000) and (yr.min, yr.max) == (1950, 2000)
    yr.value = (1990, 1960)
    assert yr.value == (1960, 1990)
    yr.value = [1900, 2100]  # the browser sends a list
    assert yr.value == (1950, 2000)


def test_eras_are_shaded_numbered_and_keyed(tl):
    shapes = tl.figure.layout.shapes
    assert len(shapes) == 2 and all(s.type == "rect" and s.yref == "paper" for s in shapes)
    assert [a.text for a in tl.figure.layout.annotations] == ["1", "2"]
    assert [a.hovertext for a in tl.figure.layout.annotations] == ["Cold War", "After the Cold War"]
    key = next(c.value for c in tl.children if isinstance(getattr(c, "value", None), str) and "eras" in c.value)
    assert "<b>1</b> Cold War (1945–1991)" in key and "<b>2</b> After the Cold War (1991–now)" in key


# ---------------------------------------------------------------- player names


def test_player_names_load_only_when_needed(folder):
    tl = Timeline.from_data(folder)
    assert tl._names is None  # opening the timeline does not read the players
    tl.search.value = "adams"
    assert plotted(tl) == ["first-treaty"] and tl.names["alice-adams"] == "Alice Adams"


def test_a_broken_players_file_costs_the_names_not_the_timeline(folder):
    path = folder / "players.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('kind = "person"', 'kind = "robot"', 1), encoding="utf-8")
    tl = Timeline.from_data(folder)
    tl.select("first-treaty")
    detail = tl.detail.value
    assert "alice-adams" in detail and "could not be read" in detail
    assert "players.toml" in detail and "field &#x27;kind&#x27;" in detail


# ---------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    "old, new, field, expected",
    [
        ('date = "1985-11-19"', 'date = "1985-13-19"', "date", "not a real calendar date"),
        ('category = "summit"', 'category = "picnic"', "category", "is not a known category"),
        ('actors = ["alice-adams"]', 'actors = ["nobody-at-all"]', "actors", "player id that does not exist"),
    ],
)
def test_malformed_event_files_name_file_line_and_field(folder, old, new, field, expected):
    path = folder / "events.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if l.startswith(new.split(" =")[0] + " =") and new in l)
    with pytest.raises(DataError) as err:
        Timeline.from_data(folder)
    msg = str(err.value)
    assert "events.toml" in msg and f"line {line}" in msg and f"field '{field}'" in msg and expected in msg

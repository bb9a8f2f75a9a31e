"""The timeline, the ordering activity and the narratives comparison.

Pure functions are tested alone (filtering, messages, scoring, drawing sets); the widgets are
driven through their own controls, as a student would, and the assertions read what the student
would see: the count, the message, the list, the detail panel and the points the chart draws.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from widgets.data import EVENT_CATEGORIES, DataError, Event, Narrative, PartialDate, Source, load_events
from widgets.timeline import (
    LIST_LIMIT,
    NarrativeCompare,
    OrderEvents,
    Timeline,
    decimal_year,
    draw_set,
    event_detail_html,
    events_per_era,
    filter_events,
    hover_text,
    no_match_message,
    pack_f8,
    score_order,
    sources_for,
    unpack_f8,
)

# ---------------------------------------------------------------- fixture data

PLAYERS = '''
[[players]]
id = "alice-adams"
name = "Alice Adams"
kind = "person"
country = "United States"
profile = "A fictional US negotiator."
sources = [{ title = "Adams", url = "https://example.org/adams" }]
[[players.roles]]
title = "Negotiator"
kind = "negotiator"
organisation = "United States"
start = "1970-01-01"
end = "1990-01-01"

[[players]]
id = "recep-erdogan-test"
name = "Recep Erdoğan"
kind = "person"
country = "Turkey"
profile = "A fictional host."
sources = [{ title = "Host", url = "https://example.org/host" }]
[[players.roles]]
title = "Host"
kind = "host"
organisation = "Turkey"
start = "2000-01-01"
end = "2020-01-01"
'''

EVENTS = '''
[[events]]
id = "first-treaty"
date = "1963-08-05"
title = "First treaty signed"
category = "arms-control"
place = "Moscow"
summary = "The two sides banned some tests."
significance = "A first limit on testing."
actors = ["alice-adams"]
sources = [{ title = "Treaty page", url = "https://example.org/treaty?a=1&b=2" }]

[[events]]
id = "big-summit"
date = "1985-11-19"
end_date = "1985-11-21"
title = "A big summit in Geneva"
category = "summit"
place = "Geneva"
summary = "Leaders met for the first time."
significance = "Personal trust."
sources = [{ title = "Summit page", url = "https://example.org/summit" }]

[[events]]
id = "wall-opens"
date = "1989-11"
title = "A wall opens"
category = "political-change"
summary = "Crossing points opened <b>at night</b>."
significance = "Unification came onto the agenda."
sources = [{ title = "Wall page", url = "https://example.org/wall" }]

[[events]]
id = "contested-crisis"
date = "1999"
title = "A contested crisis <script>alert(1)</script>"
category = "crisis"
summary = "The two sides disagree about what happened."
significance = "Narratives matter."
actors = ["recep-erdogan-test"]
sources = [{ title = "Crisis page", url = "https://example.org/crisis" }]
[[events.narratives]]
side = "us"
attribution = "US Department of Example"
text = "A defensive step."
sources = [{ title = "US view", url = "https://example.org/us" }]
[[events.narratives]]
side = "russia"
attribution = "Russian Ministry of Example"
text = "An aggressive step."
sources = [{ title = "Russian view", url = "https://example.org/ru" }]

[[events]]
id = "grain-deal"
date = "2022-07-22"
end_date = "2023-07-17"
title = "Grain deal"
category = "mediation"
place = "Istanbul"
summary = "Ships carried grain under an agreed inspection regime."
significance = "A mediated deal during a war."
sources = [{ title = "Grain page", url = "https://example.org/grain" }]

[[events]]
id = "second-treaty"
date = "2010-04-08"
title = "Second treaty signed"
category = "arms-control"
summary = "A new limit on warheads."
significance = "Verification returned."
sources = [{ title = "Treaty page", url = "https://example.org/treaty?a=1&b=2" }]
'''

ERAS = """id,title,start,end,summary,source_title,source_url
cold,Cold War,1945-09-02,1991-12-25,The rivalry.,Eras,https://example.org/eras
after,After the Cold War,1991-12-26,,Since then.,Eras,https://example.org/eras
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "events.toml").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "eras.csv").write_text(ERAS, encoding="utf-8")
    (tmp_path / "players.toml").write_text(PLAYERS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def events(folder) -> tuple[Event, ...]:
    return load_events(folder)


@pytest.fixture
def tl(folder) -> Timeline:
    return Timeline.from_data(folder)


def ids(events) -> list[str]:
    return [e.id for e in events]


SRC = (Source("S", "https://example.org/s"),)


def make_event(i: int, year: int, category: str = "summit", month=None, day=None, end=None, **kw) -> Event:
    fields = dict(
        id=f"e{i}", date=PartialDate(year, month, day), end_date=end, title=f"Event {i}", category=category,
        summary="summary", significance="significance", actors=(), sources=SRC,
    )
    fields.update(kw)
    return Event(**fields)


# ---------------------------------------------------------------- filter_events alone


def test_no_filters_keep_everything_in_order(events):
    assert filter_events(events) == events


def test_categories(events):
    assert ids(filter_events(events, categories={"arms-control"})) == ["first-treaty", "second-treaty"]
    assert ids(filter_events(events, categories=["summit", "crisis"])) == ["big-summit", "contested-crisis"]
    assert filter_events(events, categories=set()) == ()


def test_year_range_is_inclusive_and_counts_spans_that_overlap(events):
    assert ids(filter_events(events, years=(1985, 1989))) == ["big-summit", "wall-opens"]
    assert ids(filter_events(events, years=(1989, 1989))) == ["wall-opens"]
    # The grain deal starts in 2022 and ends in 2023: a 2023-only range still shows it.
    assert ids(filter_events(events, years=(2023, 2030))) == ["grain-deal"]
    assert ids(filter_events(events, years=(1999, 1985))) == ["big-summit", "wall-opens", "contested-crisis"]


def test_search_is_case_insensitive_and_covers_title_summary_and_actor_names(events):
    names = {"alice-adams": "Alice Adams", "recep-erdogan-test": "Recep Erdoğan"}
    assert ids(filter_events(events, query="TREATY")) == ["first-treaty", "second-treaty"]
    assert ids(filter_events(events, query="inspection")) == ["grain-deal"]  # summary only
    assert ids(filter_events(events, query="adams", names=names)) == ["first-treaty"]
    assert ids(filter_events(events, query="erdogan", names=names)) == ["contested-crisis"]  # accents ignored
    assert ids(filter_events(events, query="  treaty   second ")) == ["second-treaty"]  # every word must match
    # Without names the actor's id is searched, so nothing is lost when there is no players file.
    assert ids(filter_events(events, query="alice")) == ["first-treaty"]


def test_filters_combine(events):
    got = filter_events(events, categories={"arms-control", "summit"}, years=(1980, 2020), query="signed")
    assert ids(got) == ["second-treaty"]
    assert ids(filter_events(events, contested_only=True)) == ["contested-crisis"]


def test_empty_result(events):
    assert filter_events(events, query="no such words anywhere") == ()
    assert filter_events(events, categories={"summit"}, years=(2000, 2026)) == ()


def _reference(events, categories, years, query):
    lo, hi = min(years), max(years)
    out = []
    for e in events:
        if e.category not in categories:
            continue
        if e.date.year > hi or (e.end_date or e.date).year < lo:
            continue
        text = " ".join([e.title, e.summary, *e.actors]).lower()
        if all(w in text for w in query.lower().split()):
            out.append(e)
    return tuple(out)


WORDS = ["treaty", "summit", "grain", "wall", "crisis", "talks"]


@st.composite
def event_lists(draw):
    n = draw(st.integers(0, 25))
    out = []
    for i in range(n):
        year = draw(st.integers(1900, 2030))
        span = draw(st.integers(0, 3))
        out.append(
            make_event(
                i, year, draw(st.sampled_from(EVENT_CATEGORIES)),
                end=PartialDate(year + span) if span else None,
                title=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
                summary=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=3))) or "x",
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(
    evs=event_lists(),
    cats=st.sets(st.sampled_from(EVENT_CATEGORIES)),
    years=st.tuples(st.integers(1890, 2040), st.integers(1890, 2040)),
    query=st.lists(st.sampled_from(WORDS + ["TREATY", "Summit"]), max_size=2).map(" ".join),
)
def test_filter_matches_a_plain_reference(evs, cats, years, query):
    assert filter_events(evs, categories=cats, years=years, query=query) == _reference(evs, cats, years, query)


def test_no_match_message_says_what_to_change():
    msg = no_match_message(["summit"], EVENT_CATEGORIES, (1990, 1995), "xyz")
    assert msg.startswith("No events match:")
    assert "years 1990–1995" in msg and "“xyz”" in msg and "categories Summit" in msg
    assert "Clear the search or widen the years." in msg and "Tick more categories." in msg
    assert "no category is ticked" in no_match_message([], EVENT_CATEGORIES, None, "")


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


def test_hover_text_is_escaped_and_has_date_and_title(events):
    crisis = next(e for e in events if e.id == "contested-crisis")
    text = hover_text(crisis)
    assert "&lt;script&gt;" in text and "1999" in text and "differ" in text


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


def test_packed_arrays_round_trip():
    values = [1963.5, float("nan"), -1.25, 2026.0]
    back = unpack_f8(pack_f8(values))
    assert back[0] == 1963.5 and back[1] != back[1] and back[2:] == [-1.25, 2026.0]


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


# ---------------------------------------------------------------- eras and sources


def test_events_per_era(folder, events):
    from widgets.data import load_eras

    counts = events_per_era(events, load_eras(folder))
    assert counts == {"cold": 3, "after": 3}
    assert events_per_era(events, load_eras(folder)[:1]) == {"cold": 3, "": 3}


def test_sources_for(folder):
    src = sources_for(["first-treaty", "second-treaty", "contested-crisis"], folder)
    urls = [s.url for s, _ in src.items]
    assert urls == ["https://example.org/treaty?a=1&b=2", "https://example.org/crisis",
                    "https://example.org/us", "https://example.org/ru"]
    assert src.items[0][1] == ("First treaty signed", "Second treaty signed")
    html = src._repr_html_()
    assert "&lt;script&gt;" in html and 'rel="noopener noreferrer"' in html and "?a=1&amp;b=2" in html
    with pytest.raises(DataError, match="no-such-event"):
        sources_for(["no-such-event"], folder)


# ---------------------------------------------------------------- narratives compared


def test_narrative_compare_lists_only_contested_events(folder):
    nc = NarrativeCompare.from_data(folder)
    assert [v for _, v in nc.choice.options] == ["contested-crisis"]
    assert "US Department of Example" in nc.panel.value and "Russian Ministry of Example" in nc.panel.value
    assert "The two sides disagree" in nc.panel.value


def test_narrative_compare_without_contested_events():
    nc = NarrativeCompare([make_event(1, 1990)])
    assert "No contested events" in nc.panel.value


# ---------------------------------------------------------------- put these events in order


@given(st.permutations(["a", "b", "c", "d", "e"]))
def test_score_order_properties(answer):
    correct = ["a", "b", "c", "d", "e"]
    s = score_order(answer, correct)
    assert 0.0 <= s <= 1.0
    assert (s == 1.0) == (list(answer) == correct)
    assert score_order(answer[::-1], correct) == pytest.approx(1.0 - s)


def test_score_order_by_hand():
    assert score_order(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 1.0
    assert score_order(["d", "c", "b", "a"], ["a", "b", "c", "d"]) == 0.0
    assert score_order(["b", "a", "c", "d"], ["a", "b", "c", "d"]) == pytest.approx(5 / 6)
    with pytest.raises(ValueError):
        score_order(["a", "a", "c", "d"], ["a", "b", "c", "d"])


MIXED = [
    make_event(1, 1989), make_event(2, 1989, month=11), make_event(3, 1989, month=11, day=9),
    make_event(4, 1990, end=PartialDate(1991)), make_event(5, 1991, month=12, day=25),
    make_event(6, 1995), make_event(7, 2001, month=9, day=11), make_event(8, 2022, month=2, day=24),
]


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 4))
def test_draw_set_is_chronological_separate_and_seeded(seed, n):
    got = draw_set(MIXED, n, random.Random(seed))
    assert len(got) == n
    for a, b in zip(got, got[1:]):
        assert (a.end_date or a.date).last_day() < b.date.first_day()
    assert got == draw_set(MIXED, n, random.Random(seed))


def test_draw_set_refuses_when_dates_cannot_be_told_apart():
    same = [make_event(i, 1990) for i in range(5)]
    with pytest.raises(DataError, match="clearly separate dates"):
        draw_set(same, 3, random.Random(0))


@pytest.fixture
def attempt_class():
    from widgets.progress import Attempt

    return Attempt


class FakeStore:
    def __init__(self, warning=None, fail=False):
        self.recorded = []
        self.warning = warning
        self.fail = fail

    def record(self, attempt):
        if self.fail:
            raise OSError("disk full")
        self.recorded.append(attempt)


def feedback_text(w: OrderEvents) -> str:
    return re.sub(r"<[^>]+>", " ", w.feedback.value)


def test_order_activity_starts_shuffled_and_is_keyboard_operable(folder, attempt_class):
    w = OrderEvents.from_data(folder, n=4, seed=3, store=FakeStore())
    assert len(w.items.options) == 4
    assert [e.id for e in w.order] != [e.id for e in w.correct]
    for control in (w.items, w.up_button, w.down_button, w.check_button, w.new_button):
        assert control.description
    first = w.order[0]
    w.items.value = 0
    w.down_button.click()
    assert w.order[1] is first and w.items.value == 1
    w.up_button.click()
    assert w.order[0] is first and w.items.value == 0
    w.up_button.click()  # already first: nothing moves
    assert w.order[0] is first


def _put_in_order(w: OrderEvents, target: list[str]) -> None:
    """Sort the list with the Move buttons only, as a keyboard user would."""
    for goal, eid in enumerate(target):
        k = next(i for i, e in enumerate(w.order) if e.id == eid)
        w.items.value = k
        while w.items.value > goal:
            w.up_button.click()


def test_order_activity_right_answer_is_scored_and_recorded(folder, attempt_class):
    store = FakeStore()
    w = OrderEvents.from_data(folder, n=4, seed=7, store=store)
    right = [e.id for e in w.correct]
    _put_in_order(w, right)
    w.check_button.click()
    text = feedback_text(w)
    assert "Right: all 4 events are in order." in text
    for ev in w.correct:
        assert ev.date.display() in text
    (att,) = store.recorded
    assert isinstance(att, attempt_class)
    assert (att.bank, att.question, att.answer, att.correct, att.score) == (
        "order-events", ",".join(right), ",".join(right), True, 1.0)
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$", att.time)


def test_order_activity_wrong_answer_gets_partial_credit_and_the_dates(folder, attempt_class):
    store = FakeStore()
    w = OrderEvents.from_data(folder, n=4, seed=7, store=store)
    right = [e.id for e in w.correct]
    _put_in_order(w, [right[1], right[0], right[2], right[3]])
    w.check_button.click()
    text = feedback_text(w)
    assert "Not yet: 2 of 4 events are in the right place" in text and "83% of the pairs" in text
    assert "you put it 2nd" in text and "you put it 1st" in text and "right place" in text
    att = store.recorded[-1]
    assert att.correct is False and att.score == pytest.approx(5 / 6)


def test_new_set_and_store_warnings(folder, attempt_class):
    store = FakeStore(warning="Your answers are kept in memory only.")
    w = OrderEvents.from_data(folder, n=3, seed=1, store=store)
    sets = {w.set_id}
    for _ in range(6):
        w.new_button.click()
        assert w.feedback.value == ""
        sets.add(w.set_id)
    assert len(sets) > 1
    w.check_button.click()
    assert "kept in memory only" in feedback_text(w)
    w.check_button.click()
    assert "kept in memory only" not in feedback_text(w)  # said once
    assert len(store.recorded) == 2


def test_a_failing_store_never_costs_the_feedback(folder, attempt_class):
    w = OrderEvents.from_data(folder, n=3, seed=1, store=FakeStore(fail=True))
    w.check_button.click()
    text = feedback_text(w)
    assert "The order is:" in text and "could not be saved" in text


def test_order_activity_uses_the_default_store(folder, attempt_class):
    from widgets import progress

    if not hasattr(progress, "default_store"):
        pytest.skip("widgets/progress.py is not there yet")
    w = OrderEvents.from_data(folder, n=3, seed=2)
    w.check_button.click()
    latest = progress.default_store().latest("order-events")
    assert w.set_id in latest


def test_sources_for_with_eras(folder):
    src = sources_for(["big-summit"], folder, eras=True)
    assert [s.url for s, _ in src.items] == ["https://example.org/eras", "https://example.org/summit"]
    assert src.items[0][1] == ("era: Cold War", "era: After the Cold War")


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

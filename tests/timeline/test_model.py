"""The timeline's pure model: filtering, messages, hover text, packed arrays, eras and sources.

Each function is tested alone, on the fixture data and on generated event lists (hypothesis).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from widgets.data import EVENT_CATEGORIES, DataError, PartialDate
from widgets.timeline.lanes import pack_f8, unpack_f8
from widgets.timeline.model import events_per_era, filter_events, hover_text, no_match_message
from widgets.timeline.sources import sources_for

from .support import ids, make_event


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


# ---------------------------------------------------------------- hover text and packed arrays


def test_hover_text_is_escaped_and_has_date_and_title(events):
    crisis = next(e for e in events if e.id == "contested-crisis")
    text = hover_text(crisis)
    assert "&lt;script&gt;" in text and "1999" in text and "differ" in text


def test_hover_labels_are_wrapped_so_they_fit_the_figure():
    # plotly never wraps a hover label: a long title ran off the figure's right edge (issue 10)
    from widgets.data import load_events

    events = load_events()
    assert max(len(e.title) for e in events) > 50
    for event in events:
        lines = hover_text(event).replace("<b>", "").replace("</b>", "").split("<br>")
        assert all(len(line) <= 50 or " " not in line for line in lines), lines


def test_packed_arrays_round_trip():
    values = [1963.5, float("nan"), -1.25, 2026.0]
    back = unpack_f8(pack_f8(values))
    assert back[0] == 1963.5 and back[1] != back[1] and back[2:] == [-1.25, 2026.0]


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


def test_sources_for_with_eras(folder):
    src = sources_for(["big-summit"], folder, eras=True)
    assert [s.url for s, _ in src.items] == ["https://example.org/eras", "https://example.org/summit"]
    assert src.items[0][1] == ("era: Cold War", "era: After the Cold War")

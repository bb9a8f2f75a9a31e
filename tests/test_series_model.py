"""The series explorer's pure model: numbers as text, trend sentences, tables, the figure as dicts."""

from __future__ import annotations

from hypothesis import given, strategies as st

from widgets.data import PartialDate, SeriesPoint, Source, load_events
from widgets.data.series_defs import Series, SeriesDef, load_series_table
from widgets.series.model import (
    describe, event_markers, figure_spec, format_value, panels, table_html, text_table, trend_sentence, with_unit,
)

SRC = Source("A <b>source</b>", "https://example.org/a", "official")


def make(values, unit="things", title="Things", dates=None, sid="t", events=()):
    dates = dates or [str(2000 + i) for i in range(len(values))]
    d = SeriesDef(sid, title, unit, "What is counted.", "security", "us", PartialDate(2026, 12, 1), tuple(events), (SRC,), ("An alternative.",))
    pts = tuple(SeriesPoint(sid, PartialDate(*map(int, day.split("-"))), v, unit, "", SRC) for day, v in zip(dates, values))
    return Series(d, pts)


def test_numbers_read_as_people_write_them():
    assert format_value(31255) == "31,255"
    assert format_value(4.6) == "4.6"
    assert format_value(3.0) == "3"
    assert with_unit(34, "percent of US adults") == "34% of US adults"
    assert with_unit(1550, "warheads") == "1,550 warheads"


def test_trend_sentences_computed_by_hand():
    assert trend_sentence(make([2, 31255, 3708], "warheads", "US stockpile", ["1945", "1967", "2023"])) == (
        "US stockpile rose from 2 warheads in 1945 to a peak of 31,255 warheads in 1967, then fell to "
        "3,708 warheads in 2023, 88% below the peak (3 points, 1945 to 2023).")
    assert trend_sentence(make([12, 32], "member states", "NATO", ["1949-04-04", "2024-03-07"])) == (
        "NATO rose from 12 member states on 4 April 1949 to 32 member states on 7 March 2024, up 167% "
        "(2 points, 4 April 1949 to 7 March 2024).")
    assert "down 25 percentage points" in trend_sentence(make([34, 9], "percent of US adults", "Gallup", ["2014-02", "2023-02"]))
    levada = trend_sentence(make([37, 45, 12, 30], "percent of Russian adults", "Levada"))
    assert "to a peak of 45% of Russian adults in 2001, fell to a low of 12% of Russian adults in 2002, then rose to 30%" in levada
    assert trend_sentence(make([1550], "warheads (New START counting rules)", "Limit", ["2018-02-05"])) == (
        "Limit: one point only, 1,550 warheads on 5 February 2018.")
    assert "was 5 things both in 2000 and in 2001" in trend_sentence(make([5, 5]))


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=12))
def test_any_series_gets_one_sentence_that_names_its_first_and_last_point(values):
    s = make(values)
    text = trend_sentence(s)
    assert text.endswith(".") and text.count("\n") == 0
    assert str(s.points[-1].date.display()) in text


def test_the_table_is_an_escaped_text_alternative_with_every_point_and_source():
    s = make([1, 2, 3], title="<script>x</script>")
    html = table_html(s)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<tr>") == 4 and html.count("[1]") == 3
    assert html.count('href="https://example.org/a"') == 1  # each source once, as a numbered reference
    assert "A &lt;b&gt;source&lt;/b&gt;" in html and "<caption" in html and 'scope="col"' in html
    assert html.startswith("<details") and "Table of the 3 points" in html


def test_one_panel_per_unit_on_one_date_axis():
    a, b, c = make([1, 2], "warheads", "A", sid="a"), make([3, 4], "warheads", "B", sid="b"), make([5, 6], "percent of X", "C", sid="c")
    assert [u for u, _ in panels([a, c, b])] == ["warheads", "percent of X"]
    traces, layout = figure_spec([a, b, c])
    assert layout["xaxis"]["type"] == "date" and layout["yaxis"]["type"] == layout["yaxis2"]["type"] == "linear"
    assert [t["yaxis"] for t in traces] == ["y", "y", "y2"]
    assert layout["yaxis"]["title"]["text"] == "warheads" and layout["yaxis2"]["title"]["text"] == "percent of X"
    assert layout["autosize"] is True and "width" not in layout
    top, bottom = layout["yaxis"]["domain"], layout["yaxis2"]["domain"]
    assert bottom[1] < top[0]  # stacked, not overlapping


def test_axis_types_do_not_change_with_the_choice():
    s = make([1, 2])
    for chosen in ([], [s], [s, make([1, 2], "other", sid="o")]):
        _, layout = figure_spec(chosen)
        assert layout["xaxis"]["type"] == "date"
        assert all(v["type"] == "linear" for k, v in layout.items() if k.startswith("yaxis"))


def test_hover_and_names_are_escaped():
    s = make([1], title="A & B <i>", unit="<u>")
    traces, layout = figure_spec([s])
    assert traces[0]["name"] == "A &amp; B &lt;i&gt;"
    assert layout["yaxis"]["title"]["text"] == "&lt;u&gt;"
    assert traces[0]["customdata"][0][2] == "A &lt;b&gt;source&lt;/b&gt;"
    assert "<extra>A &amp; B &lt;i&gt;</extra>" in traces[0]["hovertemplate"]


def test_key_events_are_markers_within_the_dates_shown():
    events = load_events()
    ids = ["nato-founded-1949", "invasion-of-ukraine-2022", "cuban-missile-crisis-1962"]
    marks = event_markers(events, ids, "1960-01-01", "2030-12-31")
    assert [e.id for e in marks] == ["cuban-missile-crisis-1962", "invasion-of-ukraine-2022"]
    traces, layout = figure_spec([make([1, 2])], marks)
    ev = traces[-1]
    assert ev["mode"] == "markers" and len(ev["x"]) == 2 and len(layout["shapes"]) == 2
    assert [row[1] for row in ev["customdata"]] == [e.title for e in marks]  # plain titles: nothing to escape here


def test_text_tables_of_the_course_data():
    text = describe("nato-members")
    assert text.splitlines()[0] == "NATO member states; unit: member states"
    assert "7 March 2024        32  [Sweden joins]" in text
    table = load_series_table()
    assert text_table(table[0]).count("\n") == len(table[0].points) + 1

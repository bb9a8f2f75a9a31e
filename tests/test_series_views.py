"""The lesson 5 widgets driven as a student would: tick series, choose a scenario, weigh, save, hand in."""

from __future__ import annotations

import pytest

from widgets import ScenarioExplorer, SeriesExplorer, estimate_summary, lesson5_sources
from widgets.progress import ProgressStore
from widgets.selfcheck.results import read_results, write_results
from widgets.series.scenarios import (
    ESTIMATE_BANK, estimate_attempt, indicator_reading, latest_estimates, parse_estimate, weighed_signal,
)
from widgets.data import load_futures
from widgets.data.futures import Indicator
from widgets.data.series_defs import load_series_table


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress")


def test_the_series_explorer_opens_on_two_series_and_responds_to_a_tick():
    x = SeriesExplorer.from_data()
    assert len(x.selected) == 2 and "Showing 2 series in 1 panel" in x.status.value
    assert x.figure.layout.xaxis.type == "date" and x.figure.layout.yaxis.type == "linear"
    before = len(x.figure.data)
    x.choices.value = list(x.choices.value) + ["NATO member states"]
    assert len(x.figure.data) == before + 1
    assert "in 2 panels" in x.status.value
    assert x.figure.layout.xaxis.type == "date" and x.figure.layout.yaxis2.type == "linear"
    assert "NATO member states rose from 12 member states on 4 April 1949" in x.text.value
    assert "<table" in x.text.value and "Key events marked on the chart" in x.text.value


def test_unticking_everything_says_what_to_do():
    x = SeriesExplorer.from_data()
    x.choices.value = []
    assert "No series chosen" in x.status.value and x.text.value == ""


def test_an_unknown_series_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="unknown series id 'nope'"):
        SeriesExplorer.from_data(selected=["nope"])


def test_indicator_readings_compare_the_last_two_points_with_the_direction():
    series = {s.id: s for s in load_series_table()}
    up = indicator_reading(Indicator("Views improve", "levada-russia-good-usa", "up"), series)
    assert up.agrees is True and "up from 12% of Russian adults (May 2023)" in up.text
    down = indicator_reading(Indicator("Imports recover", "us-imports-from-russia", "up"), series)
    assert down.agrees is False and "points away from" in down.text
    assert indicator_reading(Indicator("No data"), series).agrees is None
    assert indicator_reading(Indicator("One point", "new-start-limit-deployed", "down"), series).agrees is None


def test_weighing_counts_only_weighed_indicators_with_data():
    series = {s.id: s for s in load_series_table()}
    r = [indicator_reading(Indicator("a", "levada-russia-good-usa", "up"), series),
         indicator_reading(Indicator("b", "us-imports-from-russia", "up"), series),
         indicator_reading(Indicator("c"), series)]
    score, text = weighed_signal(r, [3, 1, 2])
    assert score == pytest.approx(0.5) and "mostly towards" in text and "1 indicator you weighed has no reading" in text
    assert weighed_signal(r, [0, 0, 2])[0] is None
    with pytest.raises(ValueError):
        weighed_signal(r, [1])


def test_an_estimate_is_an_unmarked_attempt_that_reads_back():
    a = estimate_attempt("frozen-conflict", 40, "  Talks   stall on territory. ", [2, 0, 3, 1], "2026-12-01T10:00:00+00:00")
    assert (a.bank, a.question, a.correct, a.score) == (ESTIMATE_BANK, "estimate-frozen-conflict", None, 0.4)
    assert parse_estimate(a.answer) == (40, (2, 0, 3, 1), "Talks stall on territory.")
    for bad in (-1, 101, 50.5, True):
        with pytest.raises(ValueError):
            estimate_attempt("x", bad, "A good long reason.", [1], "t")
    with pytest.raises(ValueError, match="reason"):
        estimate_attempt("x", 50, "why", [1], "t")


def test_a_student_weighs_saves_and_gets_the_estimate_back(store):
    x = ScenarioExplorer.from_data(store=store)
    assert x.scenario.id == "ceasefire-with-guarantees"
    assert "RAND Corporation" in x.details.value and "Who expects or argues for it" in x.details.value
    assert len(x.weights) == len(x.scenario.indicators)
    x.weights[2].value = 3
    assert "score" in x.signal.value
    x.reason.value = "short"
    assert x.save_estimate() is False and "Not saved yet" in x.feedback.value
    x.estimate.value, x.reason.value = 35, "Imports keep falling, so guarantees look far off."
    x.save.click()
    assert "Saved" in x.feedback.value and "35%" in x.saved.value
    x.choose("frozen-conflict")
    assert x.estimate.value == 50 and x.reason.value == ""
    x.choose("ceasefire-with-guarantees")
    assert x.estimate.value == 35 and x.weights[2].value == 3
    # A second widget (another kernel's view of the same store) sees the saved estimate.
    y = ScenarioExplorer.from_data(store=store)
    assert y.estimate.value == 35


def test_estimates_are_handed_in_with_the_answers_and_summarised(store, tmp_path):
    x = ScenarioExplorer.from_data(store=store)
    x.estimate.value, x.reason.value = 30, "Talks produce exchanges but no border."
    x.save_estimate()
    x.choose("frozen-conflict")
    x.estimate.value, x.reason.value = 60, "Both sides dig in & <wait>."
    x.save_estimate()
    handins = tmp_path / "hand-ins"
    handins.mkdir()
    # The self-check's hand-in writes every attempt of the bank: the estimates go with the answers.
    write_results(handins / "ana.csv", "Ana", store.attempts(ESTIMATE_BANK))
    write_results(handins / "ben.csv", "Ben", [estimate_attempt("frozen-conflict", 20, "A ceasefire line may hold.", [1, 1, 1, 1],
                                                                  "2026-12-01T11:00:00+00:00")])
    (handins / "junk.csv").write_text("not,a,hand-in\n1,2,3\n")
    assert {r.question for r in read_results(handins / "ana.csv")} == {"estimate-ceasefire-with-guarantees", "estimate-frozen-conflict"}
    summary = estimate_summary(handins)
    frozen = next(s for s in summary.scenarios if s.scenario == "frozen-conflict")
    assert [(st, p) for st, p, _ in frozen.estimates] == [("Ana", 60), ("Ben", 20)] and frozen.median == 40
    html = summary.table_html()
    assert "&lt;wait&gt;" in html and "<wait>" not in html and "junk.csv" in html
    assert len(summary.files) == 2


def test_latest_estimates_keep_the_last_one_per_scenario():
    a1 = estimate_attempt("x", 10, "First thoughts here.", [1], "2026-01-01T00:00:00+00:00")
    a2 = estimate_attempt("x", 70, "Second thoughts here.", [1], "2026-01-02T00:00:00+00:00")
    assert latest_estimates([a2, a1])["x"].answer.startswith("70%")


def test_the_lesson5_sources_list_each_source_once():
    html = lesson5_sources().html()
    assert html.count("https://www.nato.int/cps/ru/natohq/topics_49212.htm") == 1
    assert "rand.org" in html and "The scenarios&#x27; views" in html


def test_the_class_summary_of_right_and_wrong_answers_leaves_estimates_out(store, tmp_path):
    from widgets import class_summary

    handins = tmp_path / "hand-ins"
    handins.mkdir()
    write_results(handins / "ana.csv", "Ana", [estimate_attempt("frozen-conflict", 20, "A ceasefire line may hold.", [1, 1, 1, 1],
                                                                  "2026-12-01T11:00:00+00:00")])
    summary = class_summary(handins)
    assert summary.skipped == () and all(not s.question.startswith("estimate-") for s in summary.stats)



def test_every_scenario_text_reaches_the_page_escaped(store):
    from widgets.data import PartialDate, Source
    from widgets.data.futures import Scenario, View

    evil = "<img src=x onerror=alert(1)>"
    sc = Scenario("x", f"Title {evil}", f"Summary {evil}", PartialDate(2026, 3, 5),
                  (View(f"Holder {evil}", "scholar", "other", f"View {evil}", None,
                        (Source(f"Src {evil}", "https://example.org/s", "scholarly"),), ()),),
                  (Indicator(f"Indicator {evil}"),), {"security": evil, "alliances": evil, "economy": evil})
    x = ScenarioExplorer([sc], store=store)
    html = x.details.value + "".join(c.children[0].value for c in x.readings_box.children)
    assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;") >= 6

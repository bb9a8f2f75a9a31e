"""Self-check widget, scoring, course progress and instructor tools.

Widgets are driven through their own controls (set ``.value``, ``.click()``)
and the assertions read what a student would see: the feedback HTML and the
score line.
"""

from __future__ import annotations

import csv
import json
import re
from fractions import Fraction
from pathlib import Path

import ipywidgets as ipw
import nbformat
import pytest
from hypothesis import given, settings, strategies as st
from traitlets import TraitError

from widgets.ui import choices as C
from widgets import selfcheck as S
from widgets.data import Option, Question, bank_ids, load_bank
from widgets.progress import Attempt, ProgressStore
from widgets.selfcheck import AnswerError, CourseProgress, SelfCheck, parse_number, score

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "selfcheck"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress")


@pytest.fixture
def sc(store) -> SelfCheck:
    return SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)


def view(sc: SelfCheck, qid: str) -> S.QuestionView:
    return next(v for v in sc.questions if v.question.id == qid)


def text_of(html_value: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    import html as _html

    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", html_value))).strip()


def html_values(widget) -> list[str]:
    out = []
    if isinstance(widget, ipw.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out.extend(html_values(child))
    return out


def all_html(sc: SelfCheck) -> list[str]:
    """The HTML of the widget as shown, and of every question on every page (shown or not)."""
    return html_values(sc) + [h for v in sc.questions for h in html_values(v)]


def q(**kw) -> Question:
    base = dict(id="q", type="single", prompt="P", explanation="E", lesson=1, section="S", difficulty="easy")
    base.update(kw)
    return Question(**base)


QUIZ = load_bank("quiz", FIXTURES)


# ---------------------------------------------------------------- number parsing


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("1962", "", 1962.0),
        (" 1962 ", "", 1962.0),
        ("1,962", "", 1962.0),
        ("1962.0", "", 1962.0),
        ("1 962", "", 1962.0),
        ("1\u00a0962", "", 1962.0),
        ("-3.5", "", -3.5),
        ("\u22123.5", "", -3.5),
        ("+7", "", 7.0),
        (".5", "", 0.5),
        ("1,234,567.25", "", 1234567.25),
        ("45 %", "%", 45.0),
        ("45%", "%", 45.0),
        ("12 km", "km", 12.0),
        (1962, "", 1962.0),
    ],
)
def test_parse_number_accepts_what_students_type(text, unit, expected):
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("nineteen", "is not a number: write it in digits"),
        ("", "Type a number first"),
        ("   ", "Type a number first"),
        (None, "Type a number first"),
        ("3,5", "write decimals with a point"),
        ("1,96", "write decimals with a point"),
        ("19 62", "not a number I can read"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("1e3", "not a number I can read"),
        ("--1", "not a number I can read"),
        ("1962abc", "not a number I can read"),
        ("9" * 400, "too large"),
        (float("nan"), "ordinary number"),
        (True, "digits"),
    ],
)
def test_parse_number_explains_what_is_wrong(text, words):
    with pytest.raises(AnswerError) as err:
        parse_number(text)
    assert words in str(err.value)


@given(st.text(max_size=30))
def test_parse_number_never_crashes(text):
    try:
        value = parse_number(text)
    except AnswerError as exc:
        assert str(exc)
    else:
        assert value == value and abs(value) != float("inf")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_parse_number_reads_integers_with_and_without_thousands_commas(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f" {n}.0 ") == n


# ---------------------------------------------------------------- scoring (pure)


def test_multiple_partial_credit_is_explained_in_words():
    question = QUIZ.question("rivers")
    r = score(question, ["Volga", "Danube", "Urals"])
    assert (r.correct, r.score) == (False, pytest.approx(1 / 3))
    assert "2 of 3 correct choices, 1 wrong choice: score 1/3" in r.feedback
    assert r.verdict == "◐ Partly right"
    assert r.notes == ("“Urals”: The Urals are mountains.",)


MULTI = q(
    type="multiple",
    options=(Option("a", True), Option("b", True), Option("c", False), Option("d", True), Option("e", False)),
)


@given(st.sets(st.sampled_from("abcde"), min_size=1))
def test_multiple_score_is_right_minus_wrong_over_correct(chosen):
    r = score(MULTI, sorted(chosen))
    right = len(chosen & {"a", "b", "d"})
    wrong = len(chosen & {"c", "e"})
    assert r.valid
    assert r.score == pytest.approx(float(Fraction(max(0, right - wrong), 3)))
    assert 0.0 <= r.score <= 1.0
    assert r.correct == (chosen == {"a", "b", "d"})
    assert f"{right} of 3 correct choices" in r.feedback


ORDER = q(type="order", items=("a", "b", "c", "d", "e"))


@given(st.permutations(list("abcde")))
def test_order_score_counts_items_in_place(perm):
    r = score(ORDER, perm)
    in_place = sum(x == y for x, y in zip(perm, "abcde"))
    assert r.score == pytest.approx(in_place / 5)
    assert r.correct == (in_place == 5)
    assert f"{in_place} of 5 items in the right place" in r.feedback


@pytest.mark.parametrize(
    "qid, answer, words",
    [
        ("river", None, "Choose an option"),
        ("river", "Ural", "is not one of the options"),
        ("rivers", [], "at least one"),
        ("rivers", 42, "not a list"),
        ("rivers", ["Volga", "Amazon"], "is not one of the options"),
        ("caspian", "", "Choose True or False"),
        ("caspian", "maybe", "is not True or False"),
        ("count", ["one", "one", "three", "four"], "“one” is placed more than once and “two” is not placed at all"),
        ("count", ["one", "two"], "is not placed at all"),
        ("count", ["one", "two", "three", "five"], "is not one of the items"),
        ("count", "not json", "not a list"),
        ("year", "nineteen", "write it in digits"),
        ("essay", "  ", "Write your answer first"),
        ("essay", ("text", "maybe"), "is not a mark"),
    ],
)
def test_malformed_answers_are_not_scored_and_say_why(qid, answer, words):
    r = score(QUIZ.question(qid), answer)
    assert not r.valid and r.correct is None
    assert words in r.feedback


def test_number_tolerance_and_direction():
    share = QUIZ.question("share")
    assert score(share, "46%").correct is True
    assert score(share, "43").correct is True
    assert "too high" in score(share, "48").feedback
    year = QUIZ.question("year")
    assert "too low" in score(year, "1961").feedback
    assert score(year, "1,962").answer == "1,962"  # stored as typed


def test_written_marks():
    essay = QUIZ.question("essay")
    assert score(essay, "water").correct is None
    assert (score(essay, ("water", "got")).correct, score(essay, ("water", "got")).score) == (True, 1.0)
    assert (score(essay, ("water", "partly")).correct, score(essay, ("water", "partly")).score) == (False, 0.5)
    assert (score(essay, ("water", "not-yet")).correct, score(essay, ("water", "not-yet")).score) == (False, 0.0)


def test_shuffled_options_are_deterministic_and_complete():
    question = QUIZ.question("rivers")
    first = S.shuffled_options(question, "quiz")
    assert first == S.shuffled_options(question, "quiz")
    assert sorted(o.text for o in first) == sorted(o.text for o in question.options)
    assert S.shuffled_options(QUIZ.question("caspian"), "quiz") == QUIZ.question("caspian").options
    orders = {tuple(o.text for o in S.shuffled_options(question, f"bank{i}")) for i in range(20)}
    assert len(orders) > 1  # the seed really depends on the bank and question


@given(st.lists(st.text(min_size=1, max_size=5), min_size=3, max_size=6, unique=True), st.text(max_size=8))
def test_shuffled_items_never_start_in_the_right_order(items, bank):
    question = q(type="order", items=tuple(items))
    shown = S.shuffled_items(question, bank)
    assert sorted(shown) == sorted(items)
    assert list(shown) != items
    assert shown == S.shuffled_items(question, bank)


def test_section_href_finds_the_lesson_file(tmp_path):
    (tmp_path / "01_historical_context.ipynb").write_text("{}")
    (tmp_path / "02_players.ipynb").write_text("{}")
    assert S.section_href(1, "The Cold War", tmp_path) == "01_historical_context.ipynb#The-Cold-War"
    assert S.section_href(2, "Who is who?", tmp_path) == "02_players.ipynb#Who-is-who%3F"
    assert S.section_href(3, "Anything", tmp_path) is None
    assert S.section_link_html(3, "A <b>", tmp_path) == "Lesson 3, “A &lt;b&gt;”"
    link = S.section_link_html(1, "The Cold War", tmp_path)
    assert 'href="01_historical_context.ipynb#The-Cold-War"' in link and "Lesson 1, “The Cold War”" in link


def _saved(qid: str, answer: str, correct: bool | None = True, value: float = 1.0) -> Attempt:
    return Attempt("quiz", qid, answer, correct, value, "2026-01-01T00:00:00+00:00")


@pytest.mark.parametrize(
    "attempt, expected",
    [
        (_saved("river", "Volga"), (True, 1.0)),
        (_saved("river", "Moscow", True, 1.0), (False, 0.0)),  # scored again against the bank as it is now
        (_saved("river", "Amazon"), None),  # an option that no longer exists
        (_saved("rivers", '["Volga", "Urals"]', False, 0.0), (False, 0.0)),
        (_saved("rivers", "Volga"), None),  # not a list
        (_saved("caspian", "True"), (True, 1.0)),
        (_saved("count", '["two", "one", "three", "four"]', False, 0.5), (False, 0.5)),
        (_saved("count", '["one", "two"]'), None),  # the items changed
        (_saved("year", "1,962"), (True, 1.0)),
        (_saved("year", "nineteen"), None),
        (_saved("essay", "Water.", None, 0.0), (None, 0.0)),  # written, not marked yet
        (_saved("essay", "Water.", False, 0.5), (False, 0.5)),
        (_saved("essay", "Water.", True, 1.0), (True, 1.0)),
        (None, None),
    ],
)
def test_saved_result_scores_a_stored_answer_against_the_bank(attempt, expected):
    question = QUIZ.question(attempt.question if attempt else "river")
    result = S.saved_result(question, attempt)
    assert (None if result is None else (result.correct, result.score)) == expected


def test_score_line_counts_every_kind_of_result():
    results = [score(QUIZ.question("river"), "Volga"), score(QUIZ.question("rivers"), ["Volga", "Urals"]),
               score(QUIZ.question("count"), ["two", "one", "three", "four"]), score(QUIZ.question("essay"), "x"), None]
    line = text_of(S.score_line(results))
    assert line == ("Score: 1.5 of 5 (1 correct, 1 partly right, 1 not yet right, "
                    "1 written answer not marked yet, 1 not tried).")


# ---------------------------------------------------------------- the widget, by question type


def test_single_choice_empty_wrong_hint_right(sc, store):
    v = view(sc, "river")
    assert v.choice.description == "Choose one answer:"
    assert sorted(v.choice.options) == ["Kremlin", "Moscow", "Volga"] and v.choice.value is None
    assert v.hint_button.disabled
    v.check_button.click()
    assert "Choose an option, then press Check" in text_of(v.feedback.value)
    assert store.attempts() == []

    v.choice.value = "Moscow"
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "✗ Not quite" in seen
    assert "Moscow is a city." in seen
    assert "The Volga is Europe's longest river." in seen  # the explanation, every time
    assert "Read more: Lesson 1, “The Cold War”" in seen
    assert "Sources: Volga (fixture source)" in seen
    assert not v.hint_button.disabled
    v.hint_button.click()
    assert "Hint: It flows." in text_of(v.hint.value)

    v.choice.value = "Volga"
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert v.hint_button.disabled
    assert [(a.answer, a.correct) for a in store.attempts("quiz")] == [("Moscow", False), ("Volga", True)]
    assert "Score: 1 of 7" in text_of(sc.score_text.value)


def test_multiple_choice_right_wrong_partly_empty(sc, store):
    v = view(sc, "rivers")
    assert v.choice.description == "Select all that apply:" and v.choice.value == []
    v.check_button.click()
    assert "at least one" in text_of(v.feedback.value)

    v.choice.value = ["Urals"]
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value)
    assert "0 of 3 correct choices, 1 wrong choice: score 0" in text_of(v.feedback.value)

    v.choice.value = ["Urals", "Volga", "Danube"]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "◐ Partly right" in seen and "2 of 3 correct choices, 1 wrong choice: score 1/3" in seen
    assert "“Urals”: The Urals are mountains." in seen
    assert "Score: 0.33 of 7" in text_of(sc.score_text.value)
    assert "1 partly right" in text_of(sc.score_text.value)

    v.choice.value = ["Volga", "Danube", "Neva"]
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert "3 of 3 correct choices, 0 wrong choices: score 1" in text_of(v.feedback.value)
    assert [a.score for a in store.attempts("quiz")] == [0.0, pytest.approx(1 / 3), 1.0]


def test_true_false(sc, store):
    v = view(sc, "caspian")
    assert list(v.choice.options) == ["True", "False"]
    v.check_button.click()
    assert "Choose True or False" in text_of(v.feedback.value)
    v.choice.value = "False"
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "✗ Not quite" in seen and "It does end in the Caspian." in seen
    v.choice.value = "True"
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert [a.answer for a in store.attempts()] == ["False", "True"]


def test_ordering_with_a_dropdown_per_position(sc, store):
    v = view(sc, "count")
    items = ["one", "two", "three", "four"]
    assert "each position" in v.choice.description
    start = v.current_answer()
    assert start != items and sorted(start) == sorted(items)

    # An item placed twice (and so another not at all) is explained, not scored.
    v.choice.value = [start[1], start[1], start[2], start[3]]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "Use each item exactly once" in seen and "is placed more than once" in seen and "is not placed at all" in seen
    assert store.attempts() == []

    v.choice.value = items
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)
    assert "4 of 4 items in the right place: score 1" in text_of(v.feedback.value)

    v.choice.value = ["two", "one", "three", "four"]
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "◐ Partly right" in seen and "2 of 4 items in the right place: score 1/2" in seen
    assert "Right: positions 3 and 4." in seen

    v.choice.value = items[::-1]
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value) and "0 of 4 items" in text_of(v.feedback.value)
    assert [json.loads(a.answer) for a in store.attempts()] == [items, ["two", "one", "three", "four"], items[::-1]]


def test_answer_controls_reject_what_is_not_an_option(sc):
    with pytest.raises(TraitError):
        view(sc, "river").choice.value = "Amazon"
    with pytest.raises(TraitError):
        view(sc, "rivers").choice.value = ["Amazon"]
    with pytest.raises(TraitError):
        view(sc, "count").choice.value = ["one", "two"]
    view(sc, "rivers").choice.value = ["Neva", "Volga"]
    assert view(sc, "rivers").choice.value == [o for o in view(sc, "rivers").choice.options if o in ("Neva", "Volga")]


def test_number_right_wrong_empty_malformed(sc, store):
    v = view(sc, "year")
    v.check_button.click()
    assert "Type a number first" in text_of(v.feedback.value)
    v.choice.value = "nineteen"
    v.check_button.click()
    assert "“nineteen” is not a number: write it in digits" in text_of(v.feedback.value)
    assert store.attempts() == []  # unreadable answers are not recorded
    v.choice.value = "1961"
    v.check_button.click()
    assert "✗ Not quite" in text_of(v.feedback.value) and "too low" in text_of(v.feedback.value)
    assert not v.hint_button.disabled
    v.hint_button.click()
    assert "there is no hint for this question; re-read Lesson 1, “The Cold War”" in text_of(v.hint.value)
    v.choice.value = " 1,962 "
    v.check_button.click()
    assert "✓ Correct" in text_of(v.feedback.value)

    share = view(sc, "share")
    assert "%" in share.choice.placeholder
    share.choice.value = "46 %"
    share.check_button.click()
    assert "✓ Correct" in text_of(share.feedback.value)
    assert "within 2" in text_of(share.feedback.value)


def test_written_answer_compare_then_mark(sc, store):
    v = view(sc, "essay")
    assert all(b.disabled for b in v.mark_buttons.values())
    v.check_button.click()
    assert "Write your answer first" in text_of(v.feedback.value)
    v.choice.value = "They bring water."
    v.check_button.click()
    seen = text_of(v.feedback.value)
    assert "Now compare" in seen and "Model answer: Rivers bring water, trade and transport." in seen
    assert store.attempts()[-1].correct is None
    assert "1 written answer not marked yet" in text_of(sc.score_text.value)
    assert [b.description for b in v.mark_buttons.values()] == ["I got it", "Partly", "Not yet"]
    v.mark_buttons["partly"].click()
    assert "◐ You marked it: partly" in text_of(v.feedback.value)
    last = store.attempts()[-1]
    assert (last.answer, last.correct, last.score) == ("They bring water.", False, 0.5)
    assert "Score: 0.5 of 7" in text_of(sc.score_text.value)
    v.mark_buttons["got"].click()
    assert store.attempts()[-1].correct is True


@pytest.mark.parametrize(
    "qid, shown",
    [
        ("river", "Answer: Volga"),
        ("rivers", "Answer: Volga Danube Neva"),
        ("caspian", "Answer: True"),
        ("count", "Answer: one two three four"),
        ("year", "Answer: 1962"),
        ("share", "Answer: 45 % (anything from 43 to 47 counts)"),
        ("essay", "Model answer: Rivers bring water, trade and transport."),
    ],
)
def test_reveal_shows_the_answer_and_why(sc, store, qid, shown):
    v = view(sc, qid)
    v.reveal_button.click()
    seen = text_of(v.answer.value)
    assert shown in seen
    assert "Why:" in seen and v.question.explanation.split()[0] in seen
    assert store.attempts() == []


OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_feedback_colours_are_okabe_ito_and_never_the_only_signal(sc):
    v = view(sc, "rivers")
    seen = {}
    for chosen in (["Urals"], ["Volga", "Danube", "Urals"], ["Volga", "Danube", "Neva"], []):
        v.choice.value = chosen
        v.check_button.click()
        seen[tuple(chosen)] = v.feedback.value
    v.hint_button.click()
    v.reveal_button.click()
    colours = set(re.findall(r"#[0-9A-Fa-f]{6}", "".join(all_html(sc))))
    assert colours and colours <= OKABE_ITO
    words = {k: text_of(h) for k, h in seen.items()}
    assert "✗ Not quite" in words[("Urals",)]
    assert "◐ Partly right" in words[("Volga", "Danube", "Urals")]
    assert "✓ Correct" in words[("Volga", "Danube", "Neva")]
    assert "Not checked yet" in words[()]


def test_every_control_is_a_real_widget_with_a_description(sc):
    for v in sc.questions:
        assert isinstance(v.choice, (C.RadioGroup, C.CheckboxGroup, C.OrderList, ipw.Text, ipw.Textarea))
        assert v.choice.description  # the group's legend or the field's label
        for button in (v.check_button, v.hint_button, v.reveal_button):
            assert isinstance(button, ipw.Button) and button.description and button.tooltip
    assert sc.student.description == "Your name"
    assert sc.export_button.description
    for button in (sc.previous_button, sc.next_button):
        assert isinstance(button, ipw.Button) and button.description and button.tooltip


def test_restart_brings_earlier_answers_back(tmp_path):
    first = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path))
    view(first, "river").choice.value = "Moscow"
    view(first, "river").check_button.click()
    rivers = view(first, "rivers")
    rivers.choice.value = ["Volga", "Neva", "Baikal"]
    rivers.check_button.click()
    order = view(first, "count")
    order.choice.value = ["one", "three", "two", "four"]
    order.check_button.click()
    view(first, "year").choice.value = "1,962"
    view(first, "year").check_button.click()
    essay = view(first, "essay")
    essay.choice.value = "Water."
    essay.check_button.click()
    essay.mark_buttons["got"].click()
    before = text_of(first.score_text.value)

    # A new kernel: a new store object on the same folder, a new widget.
    again = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path))
    assert text_of(again.score_text.value) == before
    assert view(again, "river").choice.value == "Moscow"
    assert "Your saved answer from an earlier session" in text_of(view(again, "river").feedback.value)
    assert "✗ Not quite" in text_of(view(again, "river").feedback.value)
    assert not view(again, "river").hint_button.disabled
    assert set(view(again, "rivers").choice.value) == {"Volga", "Neva", "Baikal"}
    assert view(again, "count").current_answer() == ["one", "three", "two", "four"]
    assert view(again, "year").choice.value == "1,962"
    assert "✓ Correct" in text_of(view(again, "year").feedback.value)
    assert view(again, "essay").choice.value == "Water."
    assert "I got it" in text_of(view(again, "essay").feedback.value)
    assert view(again, "caspian").feedback.value == ""  # never answered


def test_saved_answer_that_no_longer_fits_the_bank_is_ignored(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(Attempt("quiz", "river", "Amazon", True, 1.0, "2026-01-01T00:00:00+00:00"))
    store.record(Attempt("quiz", "count", '["x", "y"]', True, 1.0, "2026-01-01T00:00:00+00:00"))
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    assert view(sc, "river").choice.value is None and view(sc, "river").feedback.value == ""
    assert "Score: 0 of 7" in text_of(sc.score_text.value)
    # The course-progress table agrees with the self-check's score.
    rows = {r["bank"]: r for r in CourseProgress(store=store, folder=FIXTURES).rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (0, 0)


def test_a_broken_or_unknown_bank_shows_a_message_not_a_traceback(tmp_path, store):
    sc = SelfCheck.from_bank("nope", folder=FIXTURES, store=store)
    seen = text_of(sc.children[0].value)
    assert "could not be loaded" in seen and "no such question bank" in seen and "quiz" in seen
    assert (sc.pages, len(sc.questions), sc.points) == (0, 0, 0)
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "bad.toml").write_text('[bank]\nid = "bad"\ntitle = "B"\nlesson = 1\n[[questions]]\nid = "x"\ntype = "single"\n')
    bad = SelfCheck.from_bank("bad", folder=tmp_path, store=store)
    assert "field 'prompt'" in text_of(bad.children[0].value)


# ---------------------------------------------------------------- pages


def shown(sc: SelfCheck) -> list[str]:
    """The ids of the questions on the page the student sees."""
    return [v.question.id for v in sc.page_box.children]


def test_paging_with_next_and_previous(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    assert sc.pager in sc.children and sc.pages == 4 and sc.page == 1
    assert shown(sc) == ["river", "rivers"]
    assert sc.page_label.value == "Questions 1–2 of 7 (page 1 of 4)"
    assert "shown 2 at a time" in text_of(sc.header.value)
    assert len(sc.questions) == 7 and [v.question.id for v in sc.questions.built] == ["river", "rivers"]
    first_page = list(sc.page_box.children)

    sc.next_button.click()
    assert (sc.page, shown(sc)) == (2, ["caspian", "count"])
    assert sc.page_label.value == "Questions 3–4 of 7 (page 2 of 4)"
    assert "Question 3 of 7" in text_of(sc.page_box.children[0].prompt.value)
    sc.previous_button.click()
    assert sc.page == 1 and list(sc.page_box.children) == first_page  # the same views, not rebuilt
    sc.previous_button.click()
    assert sc.page == 1 and sc.page_label.value == "Questions 1–2 of 7 (page 1 of 4): this is the first page."
    for _ in range(3):
        sc.next_button.click()
    assert (sc.page, shown(sc)) == (4, ["essay"])
    assert sc.page_label.value == "Question 7 of 7 (page 4 of 4)"
    sc.next_button.click()
    assert sc.page == 4 and sc.page_label.value.endswith(": this is the last page.")
    # Never disabled: a disabled button would drop the keyboard focus into the notebook.
    assert not sc.next_button.disabled and not sc.previous_button.disabled
    with pytest.raises(ValueError, match="pages go from 1 to 4"):
        sc.show_page(5)


def test_one_page_banks_show_no_pager(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=10)
    assert sc.pages == 1 and sc.pager not in sc.children
    assert shown(sc) == [q.id for q in QUIZ.questions]
    assert "at a time" not in text_of(sc.header.value)
    with pytest.raises(ValueError, match="page_size"):
        SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=0)


def test_an_answer_on_page_3_counts_in_the_score_on_every_page(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    assert "Score: 0 of 7" in text_of(sc.score_text.value) and "7 not tried" in text_of(sc.score_text.value)
    sc.next_button.click()
    sc.next_button.click()
    assert shown(sc) == ["year", "share"] and sc.page_of("year") == 3
    year = sc.page_box.children[0]
    year.choice.value = "1,962"
    year.check_button.click()
    assert "✓ Correct" in text_of(year.feedback.value)
    assert "Score: 1 of 7 (1 correct, 0 partly right, 0 not yet right, 6 not tried)" in text_of(sc.score_text.value)
    sc.show_page(1)
    river = sc.page_box.children[0]
    river.choice.value = "Volga"
    river.check_button.click()
    assert "Score: 2 of 7 (2 correct," in text_of(sc.score_text.value)
    assert sc.points == 2.0


def test_answers_on_pages_not_yet_shown_count_and_come_back_after_a_restart(tmp_path):
    first = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path), page_size=2)
    _answer(first, "share", "46")
    essay = first.view("essay")
    essay.choice.value = "Water."
    essay.check_button.click()
    essay.mark_buttons["partly"].click()
    before = text_of(first.score_text.value)
    assert "Score: 1.5 of 7 (1 correct, 1 partly right" in before

    # A new kernel: pages 3 and 4 are not built, yet the score already counts their answers.
    again = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path), page_size=2)
    assert not any(again.questions.is_built(again.questions.index_of(qid)) for qid in ("share", "essay"))
    assert text_of(again.score_text.value) == before
    # An answer saved by another kernel after this widget was made comes back when its page is shown.
    ProgressStore(tmp_path).record(Attempt("quiz", "caspian", "False", False, 0.0, "2099-01-01T00:00:00+00:00"))
    assert "0 not yet right" in text_of(again.score_text.value)
    again.next_button.click()
    caspian = again.page_box.children[0]
    assert caspian.choice.value == "False" and "✗ Not quite" in text_of(caspian.feedback.value)
    assert "1 not yet right, 4 not tried" in text_of(again.score_text.value)  # the store was read again
    again.next_button.click()
    share = again.page_box.children[1]
    assert share.question.id == "share" and share.choice.value == "46"
    assert "Your saved answer from an earlier session" in text_of(share.feedback.value)
    assert "✓ Correct" in text_of(share.feedback.value)
    again.next_button.click()
    essay = again.page_box.children[0]
    assert essay.choice.value == "Water." and "◐ You marked it: partly" in text_of(essay.feedback.value)
    assert not any(b.disabled for b in essay.mark_buttons.values())


def test_two_self_checks_on_one_bank_keep_the_same_score(store):
    # A re-run cell leaves the earlier widget on screen; both follow each answer.
    old = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    new = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    _answer(new, "river", "Volga")
    assert "Score: 1 of 7" in text_of(old.score_text.value) and "Score: 1 of 7" in text_of(new.score_text.value)
    assert old.points == new.points == 1.0


def test_questions_is_a_sequence_that_builds_views_on_first_access(store):
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2)
    views = sc.questions
    assert len(views) == 7 and not views.is_built(6)
    last = views[-1]
    assert views.is_built(6) and last.question.id == "essay" and views[6] is last
    assert [v.question.id for v in views[1:3]] == ["rivers", "caspian"]
    assert sc.view("essay") is last and sc.page_of("essay") == 4
    assert shown(sc) == ["river", "rivers"]  # building a view does not change the page shown
    with pytest.raises(IndexError):
        views[7]
    with pytest.raises(KeyError, match="no question 'nope'"):
        sc.view("nope")
    assert [q.id for q in views.records] == [q.id for q in QUIZ.questions]


def test_building_a_long_bank_makes_few_widget_models(store):
    from ipywidgets.widgets.widget import _instances

    def models(make) -> int:
        before = set(_instances)
        make()
        return len(set(_instances) - before)

    lesson01 = load_bank("lesson01")
    assert len(lesson01.questions) > 2 * S.PAGE_SIZE
    # Each model is one comm message in a kernel: the count is what a lesson pays for this cell.
    assert models(lambda: SelfCheck.from_bank("lesson01", store=store)) <= 150
    # A page not shown costs nothing until it is shown.
    one_page = models(lambda: SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2))
    every_page = models(lambda: list(SelfCheck.from_bank("quiz", folder=FIXTURES, store=store, page_size=2).questions))
    assert one_page < every_page


def test_the_page_label_is_a_live_region_of_plain_text():
    esm = S.LiveText._esm
    assert 'setAttribute("aria-live", "polite")' in esm and 'setAttribute("role", "status")' in esm
    assert "textContent" in esm and "innerHTML" not in esm and "insertAdjacentHTML" not in esm



# ---------------------------------------------------------------- escaping


HOSTILE_TAGS = re.compile(r"<\s*(script|img|b\b|svg|iframe)", re.I)


def _assert_no_markup(values):
    for value in values:
        assert not HOSTILE_TAGS.search(value), value


def test_hostile_bank_text_is_escaped_everywhere(tmp_path, store):
    (tmp_path / "01_x.ipynb").write_text("{}")
    sc = SelfCheck.from_bank("hostile", folder=FIXTURES, store=store)
    for v in sc.questions:
        if v.question.type == "single":
            v.choice.value = next(o.text for o in v.question.options if not o.correct)
        elif v.question.type == "truefalse":
            v.choice.value = "True"
        elif v.question.type == "multiple":
            v.choice.value = list(v.choice.options)
        elif v.question.type == "order":
            v.choice.value = list(v.choice.options)[::-1]
        elif v.question.type == "number":
            v.choice.value = "<script>alert(1)</script>"
            v.check_button.click()
            _assert_no_markup([v.feedback.value])
            v.choice.value = "4"
        else:
            v.choice.value = "<script>alert('student')</script>"
        v.check_button.click()
        v.hint_button.click()
        v.reveal_button.click()
    values = all_html(sc)
    _assert_no_markup(values)
    joined = "\n".join(values)
    for needle in ("alert('prompt')", "alert('feedback')", "alert('explanation')", "alert('hint')",
                   "alert('model')", "alert('mfb')", "alert('tffb')", "alert('title')", "alert('section')"):
        assert needle.replace("'", "&#x27;") in joined, needle
    assert "&lt;script&gt;" in joined and "&lt;img src=x onerror=" in joined
    # Options and items are plain text in the answer controls, never HTML.
    for v in sc.questions:
        assert getattr(v.choice, "description_allow_html", False) is False
    single = sc.questions[0]
    assert "Wrong <script>alert('option')</script>" in single.choice.options
    key = S.answer_key("hostile", FIXTURES, lessons_dir=tmp_path)
    _assert_no_markup([key])
    assert 'href="https://example.org/a?b=1&amp;c=&quot;x&quot;"' in key
    progress = CourseProgress(store=store, folder=FIXTURES)
    _assert_no_markup(html_values(progress))
    assert "Bank &lt;script&gt;" in progress.table.value


# ---------------------------------------------------------------- course progress


def test_course_progress_counts_answered_and_correct(store):
    progress = CourseProgress(store=store, folder=FIXTURES)
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["questions"], rows["quiz"]["answered"], rows["quiz"]["correct"]) == (7, 0, 0)
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    view(sc, "river").choice.value = "Volga"
    view(sc, "river").check_button.click()
    view(sc, "year").choice.value = "1900"
    view(sc, "year").check_button.click()
    # The table follows each attempt without a click on Refresh.
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (2, 1)
    assert "Fixture quiz" in text_of(progress.table.value)
    assert re.search(r"Fixture quiz 7 2 1", text_of(progress.table.value))
    # Another kernel writing to the same folder: Refresh picks it up.
    ProgressStore(store.path).record(Attempt("quiz", "caspian", "True", True, 1.0, "2099-01-01T00:00:00+00:00"))
    progress.refresh_button.click()
    rows = {r["bank"]: r for r in progress.rows}
    assert (rows["quiz"]["answered"], rows["quiz"]["correct"]) == (3, 2)


def test_course_progress_reports_a_broken_bank_in_its_row(tmp_path, store):
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "broken.toml").write_text("[bank\n")
    progress = CourseProgress(store=store, folder=tmp_path)
    assert "could not be loaded" in text_of(progress.table.value) and "not valid TOML" in text_of(progress.table.value)


# ---------------------------------------------------------------- export and class summary


def _answer(sc, qid, value):
    v = view(sc, qid)
    v.choice.value = value
    v.check_button.click()


def test_export_button_needs_a_name_then_writes_next_to_the_notebook(sc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _answer(sc, "river", "Volga")
    sc.export_button.click()
    assert "type your name first" in text_of(sc.export_status.value)
    assert not list(tmp_path.glob("*.csv"))
    with pytest.raises(ValueError, match="Type your name first"):
        sc.export_csv(tmp_path / "x.csv")
    sc.student.value = "Ada Lovelace"
    sc.export_button.click()
    assert "✓ Saved 1 answer to quiz-ada-lovelace.csv" in text_of(sc.export_status.value)
    with open(tmp_path / "quiz-ada-lovelace.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(S.CSV_COLUMNS)
    assert rows[1][:6] == ["Ada Lovelace", "quiz", "river", "Volga", "true", "1"]


def test_export_then_class_summary_round_trip(tmp_path):
    hand_in = tmp_path / "hand-in"
    hand_in.mkdir()
    students = {
        "Ada": {"river": ["Moscow", "Volga"], "year": ["1,961", "1962"], "rivers": [["Volga", "Urals"]]},
        "Bob": {"river": ["Volga"], "year": ["1961"], "rivers": [["Volga", "Danube", "Neva"]]},
        "Cy": {"river": ["Kremlin"], "year": ["1900"], "rivers": [["Urals", "Volga"]]},
    }
    for name, answers in students.items():
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path / f"progress-{name}"))
        for qid, tries in answers.items():
            for value in tries:
                _answer(sc, qid, value)
        sc.student.value = name
        sc.export_csv(hand_in / f"quiz-{name}.csv")
    # Ada hands in twice: her attempts must not count twice.
    (hand_in / "quiz-Ada-again.csv").write_text((hand_in / "quiz-Ada.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (hand_in / "grades.csv").write_text("name,grade\nAda,A\n", encoding="utf-8")
    (hand_in / "broken.csv").write_text(",".join(S.CSV_COLUMNS) + "\nAda,quiz,river,Volga,true,lots,2026-01-01T00:00:00\n", encoding="utf-8")
    (hand_in / "binary.csv").write_bytes(b"\xff\xfe\x00garbage")
    (hand_in / "empty.csv").write_text("", encoding="utf-8")
    (hand_in / "notes.txt").write_text("not a csv", encoding="utf-8")

    summary = S.class_summary(hand_in, data_folder=FIXTURES)
    assert summary.students == 3
    assert set(summary.files) == {"quiz-Ada.csv", "quiz-Ada-again.csv", "quiz-Bob.csv", "quiz-Cy.csv"}
    skipped = "\n".join(summary.skipped)
    for name in ("grades.csv", "broken.csv", "binary.csv", "empty.csv"):
        assert name in skipped
    assert "missing column(s) student, bank, question" in skipped
    assert "broken.csv, row 2, field 'score': 'lots' is not a number from 0 to 1" in skipped
    assert "notes.txt" not in skipped

    stats = {s.question: s for s in summary.stats}
    assert [s.question for s in summary.stats] == ["river", "rivers", "year"]  # bank order
    river = stats["river"]
    assert (river.students, river.first_try_correct, river.finally_correct) == (3, 1, 2)
    assert stats["year"].common_wrong == "1,961" or stats["year"].common_wrong == "1961"
    assert stats["year"].common_wrong_students == 2  # '1,961' and '1961' are the same answer
    assert stats["rivers"].common_wrong == "Volga; Urals" or stats["rivers"].common_wrong == "Urals; Volga"
    assert stats["rivers"].common_wrong_students == 2  # same options in another order
    assert stats["rivers"].share_first_try == pytest.approx(1 / 3)

    table = text_of(summary.table_html)
    assert "3 students in 4 files" in table
    assert "Which of these is a river? 3 33% (1) 67% (2)" in table
    assert "Files skipped" in table and "grades.csv" in table
    fig = summary.figure
    assert [t.name for t in fig.data] == ["Correct at the first try", "Correct in the end"]
    assert list(fig.data[0].y) == pytest.approx([100 / 3, 100 / 3, 0.0])
    assert fig.data[1].marker.pattern.shape == "/"


def test_exported_answers_cannot_become_spreadsheet_formulas(tmp_path, store):
    store.record(Attempt("quiz", "essay", '=HYPERLINK("http://evil.example","x")', True, 1.0, "2026-01-01T00:00:00+00:00"))
    store.record(Attempt("quiz", "year", "-5", False, 0.0, "2026-01-01T00:00:01+00:00"))
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    sc.export_csv(tmp_path / "out.csv", student="@me")
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'@me" in raw and ",-5," in raw
    rows = S.read_results(tmp_path / "out.csv")
    assert rows[0].answer.startswith("=HYPERLINK") and rows[0].student == "@me"
    assert rows[1].answer == "-5"


def test_answer_key_lists_every_answer_with_its_explanation(tmp_path):
    (tmp_path / "01_historical_context.ipynb").write_text("{}")
    key = S.answer_key("quiz", FIXTURES, lessons_dir=tmp_path)
    seen = text_of(key)
    assert key._repr_html_() == key
    for question in QUIZ.questions:
        assert question.prompt in seen
        assert question.explanation in seen
    assert "✓ correct: Volga — " not in seen and "✗ wrong: Moscow — Moscow is a city." in seen
    assert "Answer: one two three four" in seen
    assert "45 % (anything from 43 to 47 counts)" in seen
    assert "Model answer: Rivers bring water, trade and transport." in seen
    assert "If a student answers False: It does end in the Caspian." in seen
    assert 'href="01_historical_context.ipynb#The-Cold-War"' in key


# ---------------------------------------------------------------- the course's own banks


def test_lesson00_bank_renders_and_each_type_works(store):
    bank = load_bank("lesson00")
    assert 4 <= len(bank.questions) <= 5
    assert len({q.type for q in bank.questions}) >= 4
    sc = SelfCheck.from_bank("lesson00", store=store)
    for v in sc.questions:
        v.reveal_button.click()
        assert "Why:" in text_of(v.answer.value)


def _headings(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    out = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    out.add(m.group(1))
    return out


@pytest.mark.parametrize("bank_id", bank_ids())
def test_every_question_links_to_a_real_heading(bank_id):
    """A question's `section` must be a heading of its lesson, or the feedback's link leads nowhere."""
    bank = load_bank(bank_id)
    for question in bank.questions:
        lessons = sorted((ROOT / "lessons").glob(f"{question.lesson:02d}_*.ipynb"))
        if not lessons:
            continue  # the lesson is not written yet
        assert question.section in _headings(lessons[0]), (
            f"data/questions/{bank_id}.toml, question {question.id!r}: section {question.section!r} "
            f"is not a heading of {lessons[0].name}"
        )


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["Volga", "Danube", "Neva", "Urals", "Baikal"]), unique=True))
def test_widget_and_pure_score_agree_for_any_selection(chosen):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(folder))
        v = view(sc, "rivers")
        v.choice.value = chosen
        result = v.check()
        assert result == score(v.question, chosen)
        if not chosen:
            assert "at least one" in text_of(v.feedback.value)
        else:
            assert result.verdict in text_of(v.feedback.value)
            assert result.feedback in text_of(v.feedback.value)


def test_answer_controls_draw_text_never_html_and_shield_keys_from_the_notebook():
    esm = C._ESM
    assert "innerHTML" not in esm and "insertAdjacentHTML" not in esm and "outerHTML" not in esm
    assert "textContent = option" in esm
    # JupyterLab runs no notebook shortcut for a key pressed inside this attribute (Lumino).
    assert 'input.setAttribute("data-lm-suppress-shortcuts", "true")' in esm
    assert 'select.setAttribute("data-lm-suppress-shortcuts", "true")' in esm
    assert "input.name = group" in esm  # one radio group: arrow keys move within it
    assert "<legend" not in esm and 'createElement("legend")' in esm

"""Attempts survive a file: any attempt round-trips; odd ones are coerced, never raised on."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from widgets.progress import Attempt, ProgressStore


@settings(max_examples=50, deadline=None)
@given(
    answer=st.text(max_size=200),
    question=st.text(min_size=1, max_size=20),
    correct=st.sampled_from([True, False, None]),
    score=st.floats(min_value=0, max_value=1),
)
def test_any_attempt_round_trips_through_a_file(tmp_path_factory, answer, question, correct, score):
    folder = tmp_path_factory.mktemp("rt")
    a = Attempt("bank", question, answer, correct, score, "2026-11-24T10:00:00.123456+00:00")
    ProgressStore(folder).record(a)
    assert ProgressStore(folder).attempts() == [a]


def test_record_coerces_odd_attempts_and_never_raises(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(Attempt("b", "q", 42, 1, float("nan"), "not a time"))  # type: ignore[arg-type]
    store.record(Attempt("b", "r", "x", False, 7.0, "2026-01-01T00:00:00"))
    got = {a.question: a for a in ProgressStore(tmp_path).attempts()}
    assert got["q"].answer == "42" and got["q"].correct is True and got["q"].score == 0.0
    assert got["r"].score == 1.0
    assert store.warning is None


def test_a_line_decodes_back_to_its_attempt_and_odd_lines_to_nothing():
    import json

    from widgets.progress.records import decode, encode

    a = Attempt("bank", "q", "Ünïcode “quotes”", None, 0.5, "2026-11-24T10:00:00+00:00")
    line = encode(a)
    assert line.endswith(b"\n") and line.isascii() and line.count(b"\n") == 1
    assert decode(json.loads(line)) == a
    for odd in ({"bank": "b", "question": "q", "answer": "a", "score": True, "time": "t"},
                {"bank": "", "question": "q", "answer": "a", "score": 1, "time": "t"}, [1, 2], "text", None):
        assert decode(odd) is None

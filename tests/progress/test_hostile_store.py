"""Hostile progress files (issue 18, part 3): no line crashes the reader, SelfCheck or CourseProgress;
damaged lines are counted and the note goes away once the file is clean; latest() is incremental
and agrees with a full scan; the notes name what went wrong (read-only, permission, disk full)."""

from __future__ import annotations

import errno
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from widgets.progress import Attempt, ProgressStore
from widgets.progress import store as store_module

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

CRAFTED = [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"bank":"lesson01","question":"q","answer":"' + b"[" * 50_000 + b'","correct":true,"score":1,"time":"2026-01-01"}',
    b'{"v":1,"bank":"lesson01","question":"recognition-1933","answer":"1","correct":true,"score":1,'
    b'"time":"0001-01-01T00:00:00+05:00"}',
    b'{"v":1,"bank":"lesson01","question":"recognition-1933","answer":"1","correct":true,"score":1,'
    b'"time":"9999-12-31T23:59:59-05:00"}',
    b'{"v":1,"bank":"lesson01","question":"q","answer":"a","correct":true,"score":NaN,"time":"2026-01-01"}',
    b'{"v":1,"bank":"lesson01","question":"q","answer":"a","correct":true,"score":1e999,"time":"2026-01-01"}',
    b'{"v":1,"bank":"lesson01","question":"q","answer":"a","correct":true,"score":' + b"9" * 5000 + b',"time":"2026"}',
    b'{"v":1,"bank":"lesson01","question":"q","answer":"' + b"x" * (store_module.MAX_LINE_BYTES + 10) + b'"}',
    b"\xff\xfe\x00garbage", b"null", b"[]", b'"text"', b"{}", b"1e400", b"\x00" * 100,
    b'{"bank":["lesson01"],"question":{},"answer":1,"correct":"yes","score":true,"time":5}',
]


def _questions():
    from widgets.data import load_bank

    return [q.id for q in load_bank("lesson01").questions]


ANSWERS = ["", "99", "-1", "1e400", "nan", "[", "[1, 2, 99]", '{"a": 1}', "\r", "\r\n", "=1+1", "+1", "-1", "@x",
           '"quoted"', "\x00", "\u202e", "😀" * 50, "x" * 100_000, "0,1,2,3,4,5,6,7,8,9", "true", "null", "1/0",
           "১৯২২", "1922", "  1922  ", "1,922", "٣"]


def _build_widgets(folder):
    from widgets import CourseProgress, SelfCheck

    store = ProgressStore(folder)
    store.attempts()
    store.latest("lesson01")
    assert isinstance(store.problems, tuple)
    check = SelfCheck.from_bank("lesson01", store=store)
    for page in range(1, getattr(check, "n_pages", 1) + 1):
        if hasattr(check, "show_page"):
            check.show_page(page)
    CourseProgress(store=store)
    return store


@pytest.mark.parametrize("line", CRAFTED, ids=range(len(CRAFTED)))
def test_a_crafted_line_crashes_nothing(tmp_path, line):
    (tmp_path / "crafted.jsonl").write_bytes(line + b"\n")
    store = _build_widgets(tmp_path)
    assert store.skipped_lines <= 1


@SETTINGS
@given(st.sampled_from(ANSWERS) | st.text(max_size=40), st.one_of(st.none(), st.booleans()),
       st.floats(0, 1), st.integers(0, 100))
def test_any_saved_answer_to_a_real_question_crashes_nothing(tmp_path_factory, answer, correct, score, pick):
    folder = tmp_path_factory.mktemp("answers")
    questions = _questions()
    line = json.dumps({"v": 1, "bank": "lesson01", "question": questions[pick % len(questions)], "answer": answer,
                       "correct": correct, "score": score, "time": "2026-01-01T00:00:00+00:00"})
    (folder / "a.jsonl").write_text(line + "\n", encoding="ascii")
    _build_widgets(folder)


def test_damaged_lines_are_counted_and_the_note_goes_away_when_the_file_is_clean(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(Attempt("b", "q1", "a", True, 1.0, "2026-01-01T00:00:00+00:00"))
    own = next(tmp_path.glob("*.jsonl"))
    good = own.read_bytes()
    own.write_bytes(good + b"not json\n" + b"{broken\n" + good)
    assert store.skipped_lines == 2 and len(store.problems) == 1 and "2 damaged" in store.problems[0]
    own.write_bytes(good)  # the student removed the damaged lines
    assert store.skipped_lines == 0 and store.problems == ()
    # rewritten in place with the same size: read again too
    own.write_bytes(good[:-3] + b"xx\n")
    os.utime(own, ns=(1, 1))
    assert store.skipped_lines == 1
    own.write_bytes(good)
    assert store.skipped_lines == 0 and store.problems == () and len(store.attempts()) == 1


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["b1", "b2"]), st.sampled_from(["q1", "q2", "q3"]),
                          st.integers(0, 5), st.booleans()), max_size=30))
def test_latest_is_incremental_and_agrees_with_a_full_scan(tmp_path_factory, steps):
    folder = tmp_path_factory.mktemp("latest")
    reader = ProgressStore(folder)
    writers = [ProgressStore(folder), ProgressStore(folder)]
    for i, (bank, q, minute, other) in enumerate(steps):
        writers[other].record(Attempt(bank, q, f"a{i}", True, 1.0, f"2026-01-01T00:{minute:02d}:00+00:00"))
        for b in ("b1", "b2"):
            scan = {}
            for a in reader.attempts(b):
                scan[a.question] = a
            assert {k: v.time for k, v in reader.latest(b).items()} == {k: v.time for k, v in scan.items()}


@pytest.mark.parametrize("code, words", [(errno.EROFS, "the file system is read-only"),
                                         (errno.EACCES, "permission denied"),
                                         (errno.ENOSPC, "the disk is full")])
def test_the_note_says_what_happened(tmp_path, monkeypatch, code, words):
    store = ProgressStore(tmp_path)

    def failing_open(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store_module.os, "open", failing_open)
    store.record(Attempt("b", "q", "a", True, 1.0, "2026-01-01T00:00:00+00:00"))
    assert store.memory_only and words in store.warning

"""The progress store: concurrent writers, killed writers, restarts, corrupt and unwritable folders."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import ipywidgets as ipw
import pytest
from hypothesis import given, settings, strategies as st

from widgets import progress as P
from widgets.progress import Attempt, ProgressStore
from widgets.selfcheck import SelfCheck

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "selfcheck"


def att(question: str = "q1", answer: str = "a", correct: bool | None = True, score: float = 1.0, t: str = "2026-11-24T10:00:00+00:00", bank: str = "b") -> Attempt:
    return Attempt(bank, question, answer, correct, score, t)


def run_child(code: str, *args: str, wait: bool = True, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-c", code, *map(str, args)]
    if wait:
        return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, **kw)
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def html_values(widget) -> list[str]:
    out = [widget.value] if isinstance(widget, ipw.HTML) else []
    for child in getattr(widget, "children", ()):
        out.extend(html_values(child))
    return out


# ---------------------------------------------------------------- basics


def test_record_then_read_back_in_time_order(tmp_path):
    store = ProgressStore(tmp_path)
    store.record(att("q2", t="2026-11-24T10:00:02+00:00"))
    store.record(att("q1", "first", False, 0.0, t="2026-11-24T10:00:01+00:00"))
    store.record(att("q1", "second", True, 1.0, t="2026-11-24T10:00:03Z"))
    store.record(att("x", bank="other"))
    assert [a.answer for a in store.attempts("b")] == ["first", "a", "second"]
    assert store.latest("b")["q1"].answer == "second"
    assert set(store.latest("other")) == {"x"}
    assert len(store.attempts()) == 4
    assert store.warning is None and store.problems == () and not store.memory_only
    files = list(tmp_path.glob("*.jsonl"))
    assert len(files) == 1
    assert re.fullmatch(rf"[A-Za-z0-9._-]+-{os.getpid()}-[0-9a-f]{{8}}\.jsonl", files[0].name)
    lines = files[0].read_text().splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["question"] == "q2"


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


def test_default_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "mine"))
    assert P.default_progress_dir() == tmp_path / "mine"
    store = P.default_store()
    assert store.path == tmp_path / "mine" and P.default_store() is store
    monkeypatch.delenv("COURSE_PROGRESS_DIR")
    assert P.default_progress_dir() == Path.home() / ".mediating-us-russia" / "progress"


def test_in_jupyterlite_progress_goes_to_the_browser_backed_drive(tmp_path, monkeypatch):
    from types import SimpleNamespace

    monkeypatch.delenv("COURSE_PROGRESS_DIR", raising=False)
    monkeypatch.setattr(P, "sys", SimpleNamespace(platform="emscripten"))
    monkeypatch.setattr(P, "_LITE_DRIVE", tmp_path)
    assert P.default_progress_dir() == tmp_path / "course-progress"
    monkeypatch.setattr(P, "_LITE_DRIVE", tmp_path / "missing")
    assert P.default_progress_dir() == Path.home() / ".mediating-us-russia" / "progress"


def test_fsync_may_be_missing_as_in_pyodide(tmp_path, monkeypatch):
    def no_fsync(fd):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(P.os, "fsync", no_fsync)
    store = ProgressStore(tmp_path)
    store.record(att())
    assert store.warning is None and len(ProgressStore(tmp_path).attempts()) == 1


def test_reads_are_incremental_and_see_other_writers(tmp_path):
    reader = ProgressStore(tmp_path)
    writer = ProgressStore(tmp_path)
    writer.record(att("q1"))
    assert len(reader.attempts()) == 1
    writer.record(att("q2"))
    other = ProgressStore(tmp_path)
    other.record(att("q3"))
    assert [a.question for a in reader.attempts()] == ["q1", "q2", "q3"]
    assert len(list(tmp_path.glob("*.jsonl"))) == 2  # one file per writer


def test_a_line_being_written_is_read_once_it_is_finished(tmp_path):
    line = P._encode(att("late"))
    path = tmp_path / "other-1-aaaa.jsonl"
    path.write_bytes(P._encode(att("early")) + line[:10])
    store = ProgressStore(tmp_path)
    assert [a.question for a in store.attempts()] == ["early"]
    assert store.skipped_lines == 1
    with open(path, "ab") as fh:
        fh.write(line[10:])
    assert [a.question for a in store.attempts()] == ["early", "late"]
    assert store.skipped_lines == 0 and store.problems == ()


def test_a_forked_child_writes_its_own_file(tmp_path):
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    store = ProgressStore(tmp_path)
    store.record(att("parent"))
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        store.record(att("child"))
        os._exit(0)
    os.waitpid(pid, 0)
    store.record(att("parent2"))
    assert len(list(tmp_path.glob("*.jsonl"))) == 2
    assert sorted(a.question for a in ProgressStore(tmp_path).attempts()) == ["child", "parent", "parent2"]


# ---------------------------------------------------------------- several processes at once

WIDGET_CHILD = """
import pathlib, sys, time
from widgets.progress import ProgressStore
from widgets.selfcheck import SelfCheck
folder, fixtures, go, n, base = sys.argv[1:6]
sc = SelfCheck.from_bank("quiz", folder=fixtures, store=ProgressStore(folder))
year = next(v for v in sc.questions if v.question.id == "year")
while not pathlib.Path(go).exists():
    time.sleep(0.001)
for i in range(int(n)):
    year.choice.value = str(int(base) + i)
    year.check_button.click()
print("done", flush=True)
"""


def test_two_widgets_in_two_processes_lose_no_attempt(tmp_path):
    folder, go, n = tmp_path / "progress", tmp_path / "go", 300
    children = [run_child(WIDGET_CHILD, folder, FIXTURES, go, n, base, wait=False) for base in (100000, 200000)]
    time.sleep(1.0)  # both children are waiting at the start line
    go.touch()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    store = ProgressStore(folder)
    answers = [a.answer for a in store.attempts("quiz")]
    expected = {str(b + i) for b in (100000, 200000) for i in range(n)}
    assert len(answers) == 2 * n and set(answers) == expected
    assert store.skipped_lines == 0 and store.problems == ()
    assert len(list(folder.glob("*.jsonl"))) == 2
    # A third kernel (a lesson reopened) sees the latest answer of whichever process wrote last.
    restored = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    year = next(v for v in restored.questions if v.question.id == "year")
    assert year.choice.value == store.latest("quiz")["year"].answer


STORE_CHILD = """
import sys
from widgets.progress import Attempt, ProgressStore, now_iso
folder, tag, n = sys.argv[1:4]
store = ProgressStore(folder)
for i in range(int(n)):
    store.record(Attempt("stress", f"{tag}-{i}", "x" * (i % 50), i % 2 == 0, (i % 3) / 2, now_iso()))
"""


def test_four_processes_writing_at_once(tmp_path):
    children = [run_child(STORE_CHILD, tmp_path, f"p{k}", 400, wait=False) for k in range(4)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    got = ProgressStore(tmp_path).attempts("stress")
    assert len(got) == 1600 and len({a.question for a in got}) == 1600


# ---------------------------------------------------------------- killed writers and corrupt files

KILL_CHILD = """
import sys
from widgets.progress import Attempt, ProgressStore
store = ProgressStore(sys.argv[1])
big = "x" * 300_000
i = 0
while True:
    store.record(Attempt("kill", f"q{i}", big, True, 1.0, "2026-01-01T00:00:00+00:00"))
    print(i, flush=True)
    i += 1
"""


def test_a_process_killed_while_writing_leaves_a_readable_store(tmp_path):
    confirmed = 0
    for _ in range(3):
        child = run_child(KILL_CHILD, tmp_path, wait=False)
        last = -1
        while last < 5:
            line = child.stdout.readline()
            assert line, child.stderr.read()
            last = int(line)
        time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
        confirmed += last + 1
    store = ProgressStore(tmp_path)
    got = store.attempts("kill")
    assert len(got) >= confirmed  # every attempt reported as recorded is there
    assert all(a.answer == "x" * 300_000 for a in got)
    assert store.skipped_lines <= 3  # at most one cut line per killed writer
    if store.skipped_lines:
        assert "damaged or unfinished" in store.problems[0]
    store.record(att("after"))
    assert ProgressStore(tmp_path).latest("b")["after"].answer == "a"


def test_damaged_lines_are_skipped_counted_and_reported(tmp_path):
    good = P._encode(att("ok", t="2026-01-01T00:00:00+00:00"))
    bad_lines = [
        b"not json at all\n",
        b'{"bank": "b"}\n',  # missing fields
        b'{"v":1,"bank":"b","question":"q","answer":"a","correct":"yes","score":1,"time":"2026-01-01T00:00:00"}\n',
        b'{"v":1,"bank":"b","question":"q","answer":"a","correct":true,"score":3,"time":"2026-01-01T00:00:00"}\n',
        b'{"v":1,"bank":"b","question":"q","answer":"a","correct":true,"score":1,"time":"yesterday"}\n',
        b"[1, 2, 3]\n",
        b"\xff\xfe\xfd\n",
        b"[" * 100_000 + b"\n",
    ]
    (tmp_path / "host-1-0000.jsonl").write_bytes(good + b"".join(bad_lines) + good + b'{"v":1,"ba')
    (tmp_path / "ignored.txt").write_text("not a progress file")
    (tmp_path / "dir.jsonl").mkdir()
    store = ProgressStore(tmp_path)
    assert [a.question for a in store.attempts()] == ["ok", "ok"]
    assert store.skipped_lines == len(bad_lines) + 1
    [message] = store.problems
    assert "9 damaged or unfinished lines in the progress file 'host-1-0000.jsonl' (lines 2, 3, 4, 5, 6, 7, 8, 9, 11)" in message
    assert "every other saved answer was loaded" in message


def test_widget_with_a_corrupt_store_says_so_once_and_keeps_working(tmp_path):
    earlier = P._encode(Attempt("quiz", "river", "Volga", True, 1.0, "2026-01-01T00:00:00+00:00"))
    (tmp_path / "old-7-beef.jsonl").write_bytes(b"\x00\x00garbage\n" + earlier + b'{"v":1,"bank":"quiz","q')
    store = ProgressStore(tmp_path)
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    river = next(v for v in sc.questions if v.question.id == "river")
    assert river.choice.value == "Volga"  # the readable attempt came back
    year = next(v for v in sc.questions if v.question.id == "year")
    for value in ("1900", "1962"):
        year.choice.value = value
        year.check_button.click()
    notes = [v for v in html_values(sc) if "damaged or unfinished" in v]
    assert len(notes) == 1 and notes[0].count("damaged or unfinished") == 1
    assert "old-7-beef.jsonl" in notes[0]
    assert [a.answer for a in ProgressStore(tmp_path).attempts("quiz")] == ["Volga", "1900", "1962"]


# ---------------------------------------------------------------- unwritable folders


def test_unwritable_folder_means_memory_mode_with_one_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("I am a file, not a folder")
    store = ProgressStore(blocker / "progress")
    assert store.memory_only
    assert "kept in memory only" in store.warning and str(blocker / "progress") in store.warning
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    year = next(v for v in sc.questions if v.question.id == "year")
    for value in ("1900", "1961", "1962"):
        year.choice.value = value
        year.check_button.click()
    assert "✓ Correct" in year.feedback.value
    assert [a.answer for a in store.attempts("quiz")] == ["1900", "1961", "1962"]
    assert store.latest("quiz")["year"].correct is True
    joined = "\n".join(html_values(sc))
    assert joined.count("kept in memory only") == 1
    assert "You can still save your answers as a CSV file" in joined
    sc.export_csv(tmp_path / "rescue.csv", student="Ada")
    assert (tmp_path / "rescue.csv").read_text().count("\n") == 4


def test_read_only_folder_means_memory_mode(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    real_open = os.open

    def denied(path, flags, *args):
        # What a read-only home directory answers; simulated because CI runs as root,
        # and root may write to a folder whatever its permission bits say.
        if str(path).startswith(str(folder)) and flags & os.O_WRONLY:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    store = ProgressStore(folder)
    store.record(att())
    assert store.memory_only and "permission denied" in store.warning
    assert len(store.attempts()) == 1


def test_a_folder_that_breaks_mid_session_loses_nothing_once_it_is_back(tmp_path):
    folder = tmp_path / "progress"
    store = ProgressStore(folder)
    store.record(att("before"))
    moved = tmp_path / "moved"
    folder.rename(moved)
    folder.write_text("now a file: the folder is gone")
    store.record(att("during1"))
    store.record(att("during2"))
    assert store.memory_only and store.warning.count("kept in memory only") == 1
    assert {a.question for a in store.attempts()} == {"during1", "during2"}
    folder.unlink()
    store.record(att("after"))  # the folder can be made again: memory is saved first
    assert not store.memory_only and store.warning is None
    assert sorted(a.question for a in ProgressStore(folder).attempts()) == ["after", "during1", "during2"]


def test_a_short_write_leaves_one_bad_line_at_most(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path)
    store.record(att("one"))
    real_write = os.write
    calls = {"n": 0}

    def flaky_write(fd, data):  # a short write, then the disk is full
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:7]))
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(P.os, "write", flaky_write)
    store.record(att("two"))
    assert store.memory_only and "no space left on device" in store.warning
    store.record(att("three"))  # the disk is back: 'two' and 'three' are written on a fresh line
    assert not store.memory_only
    fresh = ProgressStore(tmp_path)
    assert [a.question for a in fresh.attempts()] == ["one", "two", "three"]
    assert fresh.skipped_lines == 1


def test_no_home_directory_means_memory_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_PROGRESS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(P.Path, "home", staticmethod(no_home))
    store = ProgressStore()
    store.record(att())
    assert store.memory_only and "no folder for saving progress" in store.warning
    assert len(store.attempts()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere


# ---------------------------------------------------------------- restart across processes

ANSWER_CHILD = """
import sys
from widgets.progress import ProgressStore
from widgets.selfcheck import SelfCheck
sc = SelfCheck.from_bank("quiz", folder=sys.argv[2], store=ProgressStore(sys.argv[1]))
river = next(v for v in sc.questions if v.question.id == "river")
river.choice.value = "Kremlin"
river.check_button.click()
order = next(v for v in sc.questions if v.question.id == "count")
order.choice.value = ["one", "two", "four", "three"]
order.check_button.click()
"""


def test_answers_come_back_in_a_new_kernel(tmp_path):
    result = run_child(ANSWER_CHILD, tmp_path, FIXTURES)
    assert result.returncode == 0, result.stderr
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path))
    river = next(v for v in sc.questions if v.question.id == "river")
    order = next(v for v in sc.questions if v.question.id == "count")
    assert river.choice.value == "Kremlin" and "The Kremlin is a fortress." in river.feedback.value
    assert order.current_answer() == ["one", "two", "four", "three"]
    assert "2 of 4 items in the right place" in order.feedback.value
    assert "Score: 0.5 of 7" in sc.score_text.value

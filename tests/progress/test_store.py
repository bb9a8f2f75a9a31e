"""The progress store in one process: reading back, incremental reads, damaged lines, unwritable folders."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from widgets.progress import ProgressStore
from widgets.progress import store as store_module
from widgets.progress.records import encode

from .support import att


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


def test_fsync_may_be_missing_as_in_pyodide(tmp_path, monkeypatch):
    def no_fsync(fd):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(store_module.os, "fsync", no_fsync)
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
    line = encode(att("late"))
    path = tmp_path / "other-1-aaaa.jsonl"
    path.write_bytes(encode(att("early")) + line[:10])
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


# ---------------------------------------------------------------- killed writers and corrupt files


def test_damaged_lines_are_skipped_counted_and_reported(tmp_path):
    good = encode(att("ok", t="2026-01-01T00:00:00+00:00"))
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


# ---------------------------------------------------------------- unwritable folders


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

    monkeypatch.setattr(store_module.os, "write", flaky_write)
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

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    store = ProgressStore()
    store.record(att())
    assert store.memory_only and "no folder for saving progress" in store.warning
    assert len(store.attempts()) == 1
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere

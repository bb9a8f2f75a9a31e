"""JupyterLite without a browser-kept drive: the store keeps answers in memory and says how to keep them."""

from __future__ import annotations

from types import SimpleNamespace

from widgets import progress as P
from widgets.progress import location, store as store_module


def _in_browser(monkeypatch, drive):
    monkeypatch.delenv("COURSE_PROGRESS_DIR", raising=False)
    monkeypatch.setattr(location, "sys", SimpleNamespace(platform="emscripten"))
    monkeypatch.setattr(location, "_LITE_DRIVE", drive)


def test_without_the_drive_the_store_is_memory_only_and_says_how_to_keep_answers(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    _in_browser(monkeypatch, tmp_path / "no-drive")
    assert location.browser_keeps_no_files()
    store = P.ProgressStore()
    assert store.memory_only
    warning = store.warning or ""
    assert "only in this browser tab" in warning and "lost when you reload" in warning
    assert "CSV" in warning and "download" in warning and "https" in warning
    assert "COURSE_PROGRESS_DIR" not in warning  # a JupyterLite student has no environment to set
    store.record(P.Attempt("lesson00", "q1", "a", True, 1.0, P.now_iso()))
    assert [a.question for a in store.attempts("lesson00")] == ["q1"]
    assert not home.exists(), "nothing may be written to Pyodide's in-memory home as if it were kept"
    assert store.memory_only and store.warning == warning


def test_the_default_store_in_a_browser_without_the_drive_is_memory_only(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _in_browser(monkeypatch, tmp_path / "no-drive")
    monkeypatch.setattr(store_module, "_default", None)
    assert P.default_store().memory_only


def test_with_the_drive_the_store_saves_there_without_a_warning(tmp_path, monkeypatch):
    drive = tmp_path / "drive"
    drive.mkdir()
    _in_browser(monkeypatch, drive)
    assert not location.browser_keeps_no_files()
    store = P.ProgressStore()
    assert store.path == drive / "course-progress" and not store.memory_only and store.warning is None
    store.record(P.Attempt("lesson00", "q1", "a", True, 1.0, P.now_iso()))
    assert list((drive / "course-progress").glob("*.jsonl"))


def test_an_explicit_folder_is_used_even_in_a_browser_without_the_drive(tmp_path, monkeypatch):
    _in_browser(monkeypatch, tmp_path / "no-drive")
    store = P.ProgressStore(tmp_path / "mine")
    assert not store.memory_only
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "env"))
    assert not location.browser_keeps_no_files()


def test_outside_a_browser_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_PROGRESS_DIR", raising=False)
    monkeypatch.setattr(location, "_LITE_DRIVE", tmp_path / "no-drive")
    assert not location.browser_keeps_no_files()


def test_in_jupyterlite_the_hand_in_file_is_also_offered_as_a_download(tmp_path, monkeypatch):
    """Without the drive the CSV exists only in the tab's memory: the saved message links it as a download."""
    import base64
    import csv
    import io
    import re

    from widgets.selfcheck import pager_view
    from widgets.selfcheck.pager_view import SelfCheck

    from ..selfcheck.support import FIXTURES, answer, text_of

    monkeypatch.setenv("COURSE_HANDINS_DIR", str(tmp_path / "hand-ins"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _in_browser(monkeypatch, tmp_path / "no-drive")
    monkeypatch.setattr(pager_view, "sys", SimpleNamespace(platform="emscripten"))
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=P.ProgressStore())
    answer(sc, "river", "Volga")
    assert "only in this browser tab" in text_of(sc.status.value)
    sc.student.value = "Ada Lovelace"
    sc.export_button.click()
    html = sc.export_status.value
    assert "Download quiz-ada-lovelace.csv" in html and "this browser tab keeps no files" in text_of(html)
    data = re.search(r'download="quiz-ada-lovelace\.csv" href="data:text/csv;base64,([A-Za-z0-9+/=]+)"', html).group(1)
    rows = list(csv.reader(io.StringIO(base64.b64decode(data).decode("utf-8"))))
    assert rows[1][:4] == ["Ada Lovelace", "quiz", "river", "Volga"]

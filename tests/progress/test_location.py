"""Where the progress folder is: the environment, JupyterLite's drive, the home directory."""

from __future__ import annotations

from pathlib import Path

from widgets import progress as P
from widgets.progress import location


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
    monkeypatch.setattr(location, "sys", SimpleNamespace(platform="emscripten"))
    monkeypatch.setattr(location, "_LITE_DRIVE", tmp_path)
    assert P.default_progress_dir() == tmp_path / "course-progress"
    monkeypatch.setattr(location, "_LITE_DRIVE", tmp_path / "missing")
    assert P.default_progress_dir() == Path.home() / ".mediating-us-russia" / "progress"

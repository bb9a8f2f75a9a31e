"""Shared test set-up.

Self-check progress goes to a fresh temporary folder for the whole run (nbval's kernels inherit
the environment), so tests never read or write a student's real progress.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_PROGRESS = tempfile.TemporaryDirectory(prefix="course-progress-")
os.environ["COURSE_PROGRESS_DIR"] = _PROGRESS.name
os.environ.pop("COURSE_DATA_DIR", None)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (text or bytes) and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write

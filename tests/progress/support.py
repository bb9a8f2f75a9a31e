"""Helpers shared by the progress-store tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import ipywidgets as ipw

from widgets.progress import Attempt


ROOT = Path(__file__).resolve().parents[2]


FIXTURES = ROOT / "tests" / "fixtures" / "selfcheck"


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

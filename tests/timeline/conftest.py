"""Fixtures of the timeline tests: the fixture folder, its events, a timeline, the Attempt record."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.data import Event, load_events
from widgets.timeline.view import Timeline

from .support import ERAS, EVENTS, PLAYERS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "events.toml").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "eras.csv").write_text(ERAS, encoding="utf-8")
    (tmp_path / "players.toml").write_text(PLAYERS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def events(folder) -> tuple[Event, ...]:
    return load_events(folder)


@pytest.fixture
def tl(folder) -> Timeline:
    return Timeline.from_data(folder)


@pytest.fixture
def attempt_class():
    from widgets.progress import Attempt

    return Attempt

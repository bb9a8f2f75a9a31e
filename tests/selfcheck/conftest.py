"""Fixtures of the self-check tests: a fresh progress store, and the fixture bank's self-check on it."""

from __future__ import annotations

import pytest

from widgets.progress import ProgressStore
from widgets.selfcheck import SelfCheck

from .support import FIXTURES


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress")


@pytest.fixture
def sc(store) -> SelfCheck:
    return SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)

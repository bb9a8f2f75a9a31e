"""Fixtures of the players tests: the fixture folder, its players, a deck, a cached player list."""

from __future__ import annotations

import pytest

from widgets.data import load_players
from widgets.players.deck_view import CardDeck

from .support import EVENTS, HOSTILE, PLAYERS, STAKEHOLDERS


@pytest.fixture
def folder(write, tmp_path):
    write("events.toml", EVENTS)
    write("players.toml", PLAYERS + HOSTILE)
    write("stakeholders.csv", STAKEHOLDERS)
    return tmp_path


@pytest.fixture
def players(folder):
    return load_players(folder)


@pytest.fixture
def deck(folder):
    return CardDeck.from_data(folder)


@pytest.fixture(scope="module")
def players_cache(tmp_path_factory):
    base = tmp_path_factory.mktemp("cards-data")
    (base / "events.toml").write_text(EVENTS, encoding="utf-8")
    (base / "players.toml").write_text(PLAYERS + HOSTILE, encoding="utf-8")
    return load_players(base)

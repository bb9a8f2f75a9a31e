"""The parsed-TOML cache (widgets/data/toml_cache.py): same data as tomllib, never stale, never in the way."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from widgets.data import files
from widgets.data.toml_cache import cache_dir, cached_parse

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    return folder


def test_every_course_file_comes_back_from_the_cache_exactly_as_tomllib_parses_it(cache):
    paths = sorted((ROOT / "data").rglob("*.toml"))
    assert len(paths) > 10
    for path in paths:
        text = path.read_text(encoding="utf-8")
        first = cached_parse(text, tomllib.loads)
        again = cached_parse(text, lambda _t: pytest.fail("parsed again instead of read from the cache"))
        assert first == again == tomllib.loads(text), path.name
    assert len(list(cache.glob("*.json"))) == len({p.read_bytes() for p in paths})


def test_dates_times_and_special_floats_round_trip(cache):
    text = ('d = 2025-02-18\nt = 07:32:00.5\nl = 1979-05-27T07:32:00\no = 1979-05-27T00:32:00-07:00\n'
            'f = inf\nn = -0.0\nbig = 123456789012345678901234567890\n[[rows]]\nk = "\\u0000date"\n')
    cached_parse(text, tomllib.loads)
    back = cached_parse(text, lambda _t: pytest.fail("not cached"))
    assert back == tomllib.loads(text)
    assert isinstance(back["d"], dt.date) and back["o"].utcoffset() == dt.timedelta(hours=-7)


def test_a_changed_file_is_parsed_again_and_a_damaged_entry_is_ignored(cache):
    assert cached_parse('a = 1\n', tomllib.loads) == {"a": 1}
    assert cached_parse('a = 2\n', tomllib.loads) == {"a": 2}
    for entry in cache.glob("*.json"):
        entry.write_text("{not json")
    assert cached_parse('a = 1\n', tomllib.loads) == {"a": 1}


def test_invalid_toml_still_raises_and_is_not_cached(cache):
    with pytest.raises(tomllib.TOMLDecodeError):
        cached_parse("a = = 1", tomllib.loads)
    assert not list(cache.glob("*.json"))


def test_the_cache_can_be_turned_off_and_covers_only_the_course_data(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", "off")
    assert cache_dir() is None
    assert cached_parse("a = 1\n", tomllib.loads) == {"a": 1}
    assert files._is_course_data(files._COURSE_DATA / "events")
    assert not files._is_course_data(tmp_path / "events.toml")


def test_an_unwritable_cache_folder_falls_back_to_parsing(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocker / "cache"))
    assert cached_parse("a = 1\n", tomllib.loads) == {"a": 1}

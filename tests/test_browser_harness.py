"""The browser tests' own rules, checked without a browser: a missing Chromium is one clear
skip on a laptop and a failure in CI, and the offline guard lets only 127.0.0.1 through."""

from __future__ import annotations

import pytest

from tests.e2e import conftest as e2e


def test_missing_browser_is_a_skip_with_the_install_command_outside_ci(monkeypatch):
    monkeypatch.setattr(e2e, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception, match=r"Chromium not found. Install it with `sudo apt-get install chromium`"):
        e2e._missing("Chromium", "sudo apt-get install chromium")


def test_missing_browser_fails_in_ci(monkeypatch):
    monkeypatch.setattr(e2e, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI"):
        e2e._missing("Chromium", "sudo apt-get install chromium")


def test_chromium_path_honours_chromium_path(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("")
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    assert e2e.chromium_path() == str(fake)


class _Route:
    def __init__(self, url):
        self.request = type("R", (), {"url": url})()
        self.outcome = None

    def continue_(self):
        self.outcome = "continued"

    def abort(self):
        self.outcome = "aborted"


@pytest.mark.parametrize("url, allowed", [
    ("http://127.0.0.1:8888/lab", True),
    ("http://localhost:8888/static/x.js", True),
    ("data:image/png;base64,AAAA", True),
    ("https://cdn.plot.ly/plotly-2.35.2.min.js", False),
    ("https://fonts.googleapis.com/css?family=Roboto", False),
    ("http://127.0.0.2/", False),
])
def test_offline_guard_lets_only_the_local_server_through(url, allowed):
    page = type("P", (), {"route": lambda self, pattern, handler: None})()
    guard = e2e.OfflinePage(page)
    route = _Route(url)
    guard._route(route)
    assert route.outcome == ("continued" if allowed else "aborted")
    assert guard.blocked == ([] if allowed else [url])

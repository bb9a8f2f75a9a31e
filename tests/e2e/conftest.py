"""Browser tests: a real JupyterLab in headless Chromium, driven by Playwright, offline.

The server runs on 127.0.0.1 over a temporary copy of ``lessons/`` (JupyterLab autosaves, and the
repository's notebooks must stay stripped). Chromium comes from Debian (``/usr/bin/chromium``):
Playwright's own browser download is not available here. Every request not addressed to
127.0.0.1 is blocked and recorded; a test fails if a page tried to reach outside.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start; the closed network refuses it noisily.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


LAB_SETTINGS = {
    # No news or update pop-up over the notebook (it would also try to reach the internet).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # Render every cell: windowed notebooks leave cells outside the viewport out of the DOM.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _missing(what: str, how: str) -> None:
    message = f"Browser tests skipped: {what} not found. Install it with `{how}`."
    if IN_CI:
        pytest.fail(message.replace("skipped", "cannot run in CI"), pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    """One retry for each browser test, never more.

    anywidget gives a widget model two seconds to start in the browser ("[anywidget] Failed to
    initialize model.", in every release from 0.9 to 0.11), and a plotly FigureWidget first loads a
    5 MB module: on a loaded machine a chart can stay empty, and a run-all can outlast its wait. A
    defect that fails twice still fails; pytest's summary lists every rerun.
    """
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        _missing("Chromium", "sudo apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _missing("Playwright for Python", "make install-test")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        _missing("axe-core", "npm ci --prefix tests/e2e")
    return AXE.read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, url: str, token: str, root: Path):
        self.url, self.token, self.root = url, token, root

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Kernels survive page reloads: end every session so each lesson gets a fresh kernel."""
        for session in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture(scope="session")
def lab(chromium, tmp_path_factory) -> Lab:
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "lessons", root / "lessons")
    progress = tmp_path_factory.mktemp("progress")
    token = secrets.token_hex(16)
    port = _free_port()
    env = dict(os.environ, COURSE_PROGRESS_DIR=str(progress), COURSE_LESSONS_DIR=str(root / "lessons"),
               JUPYTER_CONFIG_DIR=str(tmp_path_factory.mktemp("jupyter-config")))
    settings = tmp_path_factory.mktemp("lab-settings")
    for name, value in LAB_SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(value))
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp_path_factory.mktemp('workspaces')}",
        "--ServerApp.open_browser=False", "--allow-root",
    ]
    log = open(root / "jupyterlab.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    server = Lab(f"http://127.0.0.1:{port}", token, root)
    deadline = time.monotonic() + 60
    while True:
        try:
            server.api("GET", "/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("JupyterLab did not start:\n" + (root / "jupyterlab.log").read_text()[-3000:])
            time.sleep(0.3)
    yield server
    try:
        server.shutdown_sessions()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole session: its sync API runs an event loop, and a second
    ``sync_playwright()`` while the first is open fails ("Sync API inside the asyncio loop")."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(chromium, playwright_driver):
    instance = playwright_driver.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
    yield instance
    instance.close()


class OfflinePage:
    """A page whose requests may only go to 127.0.0.1; anything else is blocked and recorded."""

    def __init__(self, page):
        self.page = page
        self.blocked: list[str] = []
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    offline = OfflinePage(context.new_page())
    yield offline
    context.close()
    lab.shutdown_sessions()
    assert offline.blocked == [], f"the page tried to fetch from outside 127.0.0.1: {offline.blocked[:5]}"


@pytest.fixture(scope="session", autouse=True)
def artifacts_folder() -> Path:
    """Screenshots and timings of this run (a conftest below the root gets no sessionstart hook)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

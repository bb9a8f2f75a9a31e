"""`make start` as a student meets it, and using the lessons never breaks `make test` (issue 10).

The server test starts JupyterLab with exactly the flags `make start` uses (read from `make -n`)
and the settings override it installs, on a free port, and asks it over HTTP what a browser would
see: where `/` leads, what the file browser can reach, and whether the news pop-up is off.
"""

from __future__ import annotations

import importlib.util
import json
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .test_repo import committed_text

ROOT = Path(__file__).resolve().parent.parent
LESSON00 = "/lab/tree/lessons/00_start_here.ipynb"


def _make_start_lines() -> list[str]:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    out = subprocess.run(["make", "-n", "start"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def _lab_command() -> list[str]:
    line = next(l for l in _make_start_lines() if re.search(r"jupyter lab\b", l))
    return shlex.split(line)


def test_make_start_opens_lesson_00_from_the_repository_root_without_news():
    cmd = _lab_command()
    assert "--ServerApp.root_dir=." in cmd, "the file browser's root must be the repository"
    assert f"--LabApp.default_url={LESSON00}" in cmd, "the printed URL must open lesson 00"
    assert "--LabApp.news_url=None" in cmd
    assert not any(a.endswith(".ipynb") and not a.startswith("--") for a in cmd), \
        "a notebook argument would make lessons/ the root again"
    lines = _make_start_lines()
    assert any("tools/lab-settings/overrides.json" in l and "overrides.d/" in l for l in lines), \
        "make start must install the settings override that turns the news pop-up off"


def test_the_settings_override_turns_news_and_update_checks_off():
    overrides = json.loads((ROOT / "tools" / "lab-settings" / "overrides.json").read_text())
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    assert "tools/lab-settings/overrides.json" in (ROOT / "postBuild").read_text(), "Binder installs it too"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.skipif(importlib.util.find_spec("jupyterlab") is None, reason="JupyterLab is not installed")
def test_the_server_make_start_runs_leads_to_lesson_00_and_reaches_the_readmes(tmp_path):
    settings = tmp_path / "settings" / "overrides.d"
    settings.mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "lab-settings" / "overrides.json", settings / "mediating-us-russia.json")
    flags = [a for a in _lab_command()[2:] if a != "--allow-root"]
    port, token = _free_port(), secrets.token_hex(8)
    cmd = [sys.executable, "-m", "jupyterlab", *flags, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={tmp_path / 'settings'}",
           f"--LabApp.user_settings_dir={tmp_path / 'user'}", f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
           "--allow-root"]
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**__import__("os").environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")})
    url = f"http://127.0.0.1:{port}"

    def get(path: str):
        req = urllib.request.Request(url + path, headers={"Authorization": f"token {token}"})
        return urllib.request.urlopen(req, timeout=10)

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get("/api/status")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "lab.log").read_text()[-2000:]
                time.sleep(0.3)
        # The URL printed for a student without a local browser, and where "/" leads.
        printed = (tmp_path / "lab.log").read_text()
        assert re.search(rf"http://127\.0\.0\.1:{port}{re.escape(LESSON00)}\?token=", printed), printed[-1500:]
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(urllib.request.Request(f"{url}/?token={token}"), timeout=10)
            pytest.fail("/ did not redirect")
        except urllib.error.HTTPError as exc:
            assert exc.code in (301, 302) and urllib.parse.urlsplit(exc.headers["Location"]).path == LESSON00
        # The file browser's root is the repository: both READMEs lesson 00 points to are in reach.
        for path in ("README.md", "data/README.md", "lessons/00_start_here.ipynb"):
            assert json.load(get(f"/api/contents/{path}?content=0"))["path"] == path
        # The news pop-up asks only while fetchNews is "none"; the override makes it "false".
        schema = json.load(get("/lab/api/settings/@jupyterlab/apputils-extension:notification"))["schema"]
        assert schema["properties"]["fetchNews"]["default"] == "false"
        assert schema["properties"]["checkForUpdates"]["default"] is False
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_lesson_00_links_the_issue_tracker_and_the_readmes():
    nb = json.loads((ROOT / "lessons" / "00_start_here.ipynb").read_text())
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    repo = re.search(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", (ROOT / "README.md").read_text()).group(1)
    assert re.search(rf"\[issue tracker\]\(https://github\.com/{re.escape(repo)}/issues\)", md)
    targets = re.findall(r"\]\((\.\./[^)#]+)\)", md)
    assert {"../README.md", "../data/README.md"} <= set(targets)
    for target in targets:
        assert (ROOT / "lessons" / target).resolve().exists(), target


def test_lesson_00_says_hand_ins_go_to_their_own_folder():
    nb = (ROOT / "lessons" / "00_start_here.ipynb").read_text()
    assert "`hand-ins` folder" in nb and "next to the lesson" not in nb


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_lean_rule_judges_the_committed_notebook_not_the_autosaved_one(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    lean = {"cells": [{"cell_type": "code", "source": "1", "outputs": [], "execution_count": None, "metadata": {}}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    nb = tmp_path / "lessons" / "01_x.ipynb"
    nb.parent.mkdir()
    nb.write_text(json.dumps(lean))
    git("add", "lessons/01_x.ipynb")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "lean")
    # JupyterLab autosaves the lesson with its outputs while a student works.
    worked = dict(lean, metadata={"widgets": {"state": "x" * 200_000}})
    nb.write_text(json.dumps(worked))
    assert json.loads(committed_text(nb)) == lean
    untracked = tmp_path / "lessons" / "02_y.ipynb"
    untracked.write_text(json.dumps(worked))
    assert json.loads(committed_text(untracked)) == worked, "a file git does not track yet is judged as it is"


def test_every_next_lesson_link_points_to_a_lesson_that_exists():
    for nb_path in sorted((ROOT / "lessons").glob("*.ipynb")):
        nb = json.loads(nb_path.read_text())
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
        nxt = next((c for c in cells if c.startswith("## Next lesson")), "")
        for target in re.findall(r"\]\((\d\d_[a-z0-9_]+\.ipynb)\)", nxt):
            assert (ROOT / "lessons" / target).exists(), f"{nb_path.name} links {target}"
        later = re.search(r"`(\d\d_[a-z0-9_]+\.ipynb)`\), is in preparation", nxt)
        assert not (later and (ROOT / "lessons" / later.group(1)).exists()), \
            f"{nb_path.name} says {later.group(1) if later else ''} is in preparation, but it exists: link it"

"""The wheel carries the course: built offline, installed with --no-deps --no-index into a fresh
virtual environment, it loads every kind of data and the outline from outside the repository.

The dependencies (ipywidgets, plotly, anywidget) are the ones already installed: the fresh
environment sees this environment's site-packages through a .pth file, as a JupyterHub image
with the dependencies preinstalled would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import json, os, sys
from pathlib import Path

import widgets
from widgets import course
from widgets.data import check_all, default_data_dir, load_lessons

counts, problems = check_all()
exports = sorted(getattr(widgets, "_EXPORTS", {}))
for name in exports:  # every public name imports: every subpackage is in the wheel
    getattr(widgets, name)
print(json.dumps({
    "widgets": widgets.__file__,
    "data_dir": str(default_data_dir()),
    "counts": counts,
    "problems": problems,
    "lessons": [l.filename for l in load_lessons()],
    "outline": course.outline_text(),
    "lessons_dir": str(course.lessons_dir()),
    "cwd": os.getcwd(),
    "exports": len(exports),
}))
"""


def _setuptools_is_new_enough() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    major = int(setuptools.__version__.split(".")[0])
    return major >= 77


def _source_tree(dest: Path) -> Path:
    """The files the wheel is built from (a copy, so the build leaves nothing in the repository)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = ["pyproject.toml", "setup.py", project["readme"], *project["license-files"]]
    dest.mkdir()
    for name in names:
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for folder in ("widgets", "data"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    return dest


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COURSE_", "PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env.update(extra)
    return env


@pytest.mark.skipif(not _setuptools_is_new_enough(), reason="building the wheel offline needs setuptools>=77 "
                    "in the test environment (pip install -e '.[test]')")
def test_a_wheel_install_carries_the_course_data(tmp_path, record_property):
    src = _source_tree(tmp_path / "src")
    out = tmp_path / "dist"
    env = _clean_env(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(src)], check=True, env=env, cwd=tmp_path,
                   capture_output=True, text=True)
    build_s = time.perf_counter() - start
    (wheel,) = out.glob("mediating_us_russia-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True, env=env).stdout.strip())
    # The installed dependencies, visible but after the fresh environment's own packages. A plain
    # path in a .pth file does not run that folder's own .pth files (no editable install leaks in).
    (site / "course-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, env=env, cwd=tmp_path, capture_output=True, text=True)
    install_s = time.perf_counter() - start

    elsewhere = tmp_path / "student"
    elsewhere.mkdir()
    run = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, env=env, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)

    size_kb = wheel.stat().st_size / 1024
    record_property("wheel_kb", round(size_kb))
    record_property("install_s", round(install_s, 2))
    print(f"\nwheel {wheel.name}: {size_kb:.0f} KB, built in {build_s:.1f} s, installed in {install_s:.1f} s")

    assert Path(got["widgets"]).is_relative_to(site), got["widgets"]
    assert Path(got["data_dir"]) == site / "widgets" / "_coursedata"
    assert got["problems"] == []
    # Every kind of data the repository has, with the same number of records.
    from widgets.data import check_all

    here, _ = check_all(ROOT / "data")
    assert got["counts"] == here
    for kind in ("eras", "events", "players", "stakeholders", "lessons"):
        assert got["counts"].get(kind, 0) > 0, kind
    assert any(k.startswith("questions/") for k in got["counts"])
    assert got["lessons"] and got["lessons"][0] == "00_start_here.ipynb"
    from widgets.data import load_lessons

    assert all(lesson.title in got["outline"] for lesson in load_lessons(ROOT / "data"))
    # No lessons/ next to site-packages: the notebooks' own (current) folder.
    assert Path(got["lessons_dir"]) == Path(got["cwd"])
    assert got["exports"] > 0

    cli = subprocess.run([str(python), "-m", "widgets.data"], capture_output=True, text=True, env=env, cwd=elsewhere)
    assert cli.returncode == 0 and cli.stdout.strip().endswith("OK"), cli.stdout + cli.stderr

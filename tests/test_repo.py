"""Repository rules that keep the course lean, launchable and consistent."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from widgets.data import load_lessons

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
# The instructor kit's notebooks (instructors/) are stored lean like the lessons.
NOTEBOOKS = LESSONS + sorted((ROOT / "instructors").glob("*.ipynb"))
CHECK_TAG = "nbval-check-output"


def _names(specs) -> dict[str, str]:
    out = {}
    for spec in specs:
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec)
        out[m.group(1).lower().replace("_", "-")] = m.group(2).replace(" ", "")
    return out


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names(project["dependencies"])
    wanted.update(_names(project["optional-dependencies"]["lab"]))
    wanted["nbval"] = _names(project["optional-dependencies"]["test"])["nbval"]
    env = (ROOT / "environment.yml").read_text()
    conda, pip = [], []
    section = conda
    for line in env.splitlines():
        m = re.match(r"^(\s*)-\s*(.+?)\s*$", line)
        if line.strip() == "- pip:":
            section = pip
            continue
        if m and m.group(2) not in ("pip",) and not m.group(2).startswith("conda-forge"):
            section.append(m.group(2))
    have = _names(pip)
    have.update({k: v for k, v in _names(conda).items() if k != "python"})
    assert have == wanted, "environment.yml and pyproject.toml disagree"
    assert "python=3.11" in conda and "conda-forge" in env


def test_runtime_code_imports_only_pure_python_dependencies():
    allowed = set(sys.stdlib_module_names) | {"ipywidgets", "plotly", "anywidget", "traitlets", "IPython", "widgets"}
    offenders = []
    for path in (ROOT / "widgets").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] not in allowed]
    assert offenders == []


def test_ipywidgets_is_never_imported_as_widgets():
    pattern = re.compile(r"import\s+ipywidgets\s+as\s+widgets\b")
    files = list((ROOT / "widgets").rglob("*.py")) + list((ROOT / "tests").rglob("*.py")) + LESSONS
    assert [str(f) for f in files if pattern.search(f.read_text())] == []


def test_lessons_follow_the_outline_names():
    outline = {l.filename for l in load_lessons()}
    assert LESSONS, "no lessons"
    for nb in LESSONS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", nb.name)
        assert nb.name in outline, f"{nb.name} is not in data/course.toml"


def committed_text(path: Path) -> str:
    """What git would commit of ``path``: its blob in the index (staged, else HEAD's). JupyterLab
    autosaves a lesson with its outputs while a student works through it; the lean rule judges
    the repository's notebook, not that working copy. Outside git, or for a file git does not
    track yet, the file itself."""
    try:
        out = subprocess.run(["git", "-C", str(path.parent), "show", f":./{path.name}"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return path.read_text(encoding="utf-8")
    return out.stdout.decode("utf-8") if out.returncode == 0 else path.read_text(encoding="utf-8")


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_lean_and_stripped(nb_path):
    text = committed_text(nb_path)
    assert len(text.encode("utf-8")) <= 100_000
    nb = json.loads(text)
    assert "widgets" not in nb.get("metadata", {}), "widget state stored: run `make strip`"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        if CHECK_TAG not in cell.get("metadata", {}).get("tags", []):
            assert cell.get("execution_count") is None, f"cell {i} keeps an execution count"
            assert cell.get("outputs") == [], f"cell {i} keeps outputs that nbval does not check"
        assert "execution" not in cell.get("metadata", {}), f"cell {i} keeps execution timings"
        for out in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


@pytest.mark.parametrize("nb_path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_the_course_structure(nb_path):
    nb = json.loads(nb_path.read_text())
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert re.match(r"#\s+\S", "".join(nb["cells"][0]["source"])), "the first cell is the title"
    for heading in ("Learning objectives", "Estimated time", "Prerequisites", "Self-check", "Summary",
                    "Sources and further reading"):
        assert re.search(rf"^##+\s+{heading}", md, re.M), f"missing section: {heading}"
    assert re.search(r"Next lesson|next lesson|end of the course", md)
    assert "sys.path" not in code, "install the package instead of editing sys.path"
    assert any(CHECK_TAG in c.get("metadata", {}).get("tags", []) for c in nb["cells"]), "no nbval-checked output"


def test_readme_has_the_two_commands_and_binder_badge():
    readme = (ROOT / "README.md").read_text()
    assert "make start" in readme and "make test" in readme
    assert re.search(r"mybinder\.org/v2/gh/[^)\s]+\?urlpath=lab/tree/lessons/00_start_here\.ipynb", readme)
    assert "nbgitpuller" in readme or "git-pull?" in readme


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert "set -euo pipefail" in ci


def test_binder_configuration_lives_at_the_top_level():
    # repo2docker reads configuration from binder/ or .binder/ if either exists and then
    # ignores the top level, where environment.yml lives.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    post = ROOT / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps" in post.read_text()

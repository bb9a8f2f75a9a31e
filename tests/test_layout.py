"""The package's shape (ARCHITECTURE.md): small modules, models apart from views, every public name importable."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import widgets

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
VIEW_LIBRARIES = {"ipywidgets", "plotly", "anywidget", "traitlets"}
MAX_LINES = 500


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_view(path: Path) -> bool:
    """A view module: its file name says so, or it is one of the shared view helpers in widgets/ui/."""
    rel = path.relative_to(PACKAGE)
    return "view" in path.stem or rel.parts[0] == "ui"


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, anywhere in the file (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                roots.add(node.args[0].value.split(".")[0])
    return roots


def relative_imports(path: Path) -> set[str]:
    """Absolute names of the course modules ``path`` imports (``from .x import`` and ``widgets.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = _dotted(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                names.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module and node.module.startswith("widgets"):
                names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("widgets"))
    return names


def test_the_rules_see_what_they_check(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import os\ndef f():\n    import ipywidgets as ipw\n    from plotly import graph_objects\n")
    assert imported_roots(sample) == {"os", "ipywidgets", "plotly"}
    assert is_view(PACKAGE / "ui" / "plot.py") and is_view(PACKAGE / "timeline" / "view.py")
    assert not is_view(PACKAGE / "negotiation.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines (split it: at most {MAX_LINES})"


@pytest.mark.parametrize("path", [p for p in MODULES if not is_view(p)], ids=lambda p: str(p.relative_to(ROOT)))
def test_models_import_no_widget_or_plot_library(path):
    bad = imported_roots(path) & VIEW_LIBRARIES
    assert not bad, (f"{path.relative_to(ROOT)} is a model module but imports {sorted(bad)}: "
                     "move that code into a module whose name contains 'view' (ARCHITECTURE.md)")


@pytest.mark.parametrize("path", [p for p in MODULES if not is_view(p)], ids=lambda p: str(p.relative_to(ROOT)))
def test_models_import_no_views(path):
    views = {_dotted(p) for p in MODULES if is_view(p) and p.name != "__init__.py"}
    allowed = {"widgets.ui.html", "widgets.ui.style", "widgets.ui"}
    bad = {name for name in relative_imports(path) if name in views and name not in allowed}
    assert not bad, f"{path.relative_to(ROOT)} (a model) imports the view modules {sorted(bad)}"


def test_data_layer_imports_nothing_above_it():
    for path in (PACKAGE / "data").rglob("*.py"):
        above = {n for n in relative_imports(path) if not n.startswith("widgets.data")}
        assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}: the data layer depends on nothing of the course"


@pytest.mark.parametrize("name", sorted(widgets._EXPORTS))
def test_every_public_name_imports(name):
    obj = getattr(widgets, name)
    assert obj.__name__ == name and obj.__module__.startswith(widgets._EXPORTS[name])


def test_architecture_names_every_module():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(ROOT)) for p in MODULES
               if p.name != "__init__.py" and not re.search(re.escape(str(p.relative_to(PACKAGE))) + r"\b", text)]
    assert not missing, f"ARCHITECTURE.md does not describe: {missing}"


def test_importing_the_package_imports_no_widget_library():
    code = ("import sys, widgets, widgets.data; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % (VIEW_LIBRARIES,))
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout


def test_architecture_names_no_module_that_is_gone():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([\w/]+\.py)` \|", text, re.M))
    assert named, "ARCHITECTURE.md has no module tables"
    gone = sorted(n for n in named if not (PACKAGE / n).exists())
    assert not gone, f"ARCHITECTURE.md describes modules that no longer exist: {gone}"

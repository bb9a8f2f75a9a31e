"""The kernel does not pay for nbformat/jsonschema until something really uses them."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys
from widgets.ui.plot import go
fig = go.FigureWidget(data=[go.Scatter(x=[1], y=[2])])
assert "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules, "paid at import"
import plotly.io._renderers as r
assert r.nbformat.__version__ >= "4.2"          # what plotly checks before fig.show()
import nbformat
nb = nbformat.v4.new_notebook()
nbformat.validate(nb)                            # the real module, fully working
assert "jsonschema" in sys.modules
print("ok")
"""


def test_nbformat_loads_only_when_used_and_then_works():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


NARWHALS = r"""
import sys
from widgets.ui.plot import figure, go
fig = figure([go.Scatter(x=[1, 2], y=(3, 4), text=["a", "b"])], {"title": "t"})
assert len([m for m in sys.modules if m.startswith("narwhals")]) == 3, "narwhals imported for list data"
import narwhals.stable.v1 as nw
assert not isinstance([1], nw.Series) and not isinstance(object(), nw.DataFrame)  # object(): the real check
assert nw.from_native({"a": [1]}, eager_only=True, pass_through=True) == {"a": [1]}
import narwhals
assert narwhals.stable.v1 is sys.modules["narwhals.stable.v1"] and nw.from_native is narwhals.stable.v1.from_native
assert nw.Series.__module__.startswith("narwhals") and type(nw.Series).__name__ != "_NotPlain"
print("ok")
"""


def test_narwhals_loads_only_when_used_and_then_works():
    out = subprocess.run([sys.executable, "-c", NARWHALS], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

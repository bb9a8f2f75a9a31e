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

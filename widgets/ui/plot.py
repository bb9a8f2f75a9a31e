"""The one place the course imports plotly.

plotly's ``FigureWidget`` imports ``plotly.io._renderers``, which imports ``nbformat`` at once,
only to read its version later if a figure is ever shown with ``fig.show()`` (no course widget
does). ``nbformat`` imports ``jsonschema``, and jsonschema's optional IRI format checker
``rfc3987_syntax`` builds an Earley parser when it is imported: together about 0.7 s of every
lesson kernel on the course's reference machine, for nothing the lesson uses.

So the kernel registers ``nbformat`` as a lazy module: a module object whose own code runs on
first use of anything in it (``_LazyModule`` below). Nothing is disabled: ``fig.show()``, or any
other use of nbformat in the kernel, works as before and pays the cost only then. The standard
library's ``importlib.util.LazyLoader`` does not fit: on Python 3.11 the import system reads the
module's ``__spec__`` when plotly asks for it again, which triggers the load. (The ``rfc3987``
package, which would shortcut the parser, is GPL-licensed and is not used.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types


class _LazyModule(types.ModuleType):
    """Stands in for a module until one of its attributes is used, then becomes it."""

    def __getattr__(self, attr: str):
        # Called only for attributes the stand-in lacks, i.e. anything of the real module.
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def _lazy(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    module = _LazyModule(name)
    module.__spec__ = spec
    sys.modules[name] = module


_lazy("nbformat")

import plotly.graph_objects as go  # noqa: E402

from .style import OKABE_ITO, SYMBOLS  # noqa: E402  (the palette lives with the other styles)

# The course's look, in one place: white background, light grid, the Okabe–Ito colour cycle.
# Giving every figure an explicit template also spares each kernel plotly's default one, which
# it loads from a JSON file and validates on the first figure (about 35 ms).
TEMPLATE = go.layout.Template(
    layout=dict(
        colorway=list(OKABE_ITO),
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        font=dict(color="#222222"),
        hoverlabel=dict(font=dict(color="#000000"), bgcolor="#FFFFFF"),
        xaxis=dict(gridcolor="#DDDDDD", linecolor="#888888", zerolinecolor="#BBBBBB", ticks="outside"),
        yaxis=dict(gridcolor="#DDDDDD", linecolor="#888888", zerolinecolor="#BBBBBB", ticks="outside"),
        legend=dict(bgcolor="rgba(255,255,255,0.8)"),
    )
)


def figure(data, layout) -> go.FigureWidget:
    """A course figure: a FigureWidget with the course template unless ``layout`` sets one."""
    if isinstance(layout, dict):
        layout = go.Layout(**layout)
    if layout.template is None or layout.template == go.layout.Template():
        layout.template = TEMPLATE
    return go.FigureWidget(data=data, layout=layout)


__all__ = ["go", "figure", "OKABE_ITO", "SYMBOLS", "TEMPLATE"]

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


# plotly's validators import ``narwhals.stable.v1`` (58 modules, ~0.1 s of a lesson kernel on a busy
# machine) to convert dataframe columns, and ask ``isinstance(v, nw.Series)`` of every data array.
# The course passes lists and tuples, which are never narwhals objects. So ``narwhals``,
# ``narwhals.stable`` and ``narwhals.stable.v1`` are stand-ins until first used: their ``Series`` and
# ``DataFrame`` answer ``isinstance`` for plain Python values (False) without the import, and any other
# value, or any other attribute, loads the real narwhals, which the stand-ins then become.
_NARWHALS = ("narwhals", "narwhals.stable", "narwhals.stable.v1")
_PLAIN = frozenset({list, tuple, dict, str, bytes, int, float, bool, complex, range, type(None)})


def _load_narwhals() -> types.ModuleType:
    stubs = [sys.modules.get(name) for name in _NARWHALS]
    for name, stub in zip(_NARWHALS, stubs):
        if isinstance(stub, _LazyNarwhals):
            del sys.modules[name]
    real = importlib.import_module(_NARWHALS[-1])
    for name, stub in zip(_NARWHALS, stubs):
        if isinstance(stub, _LazyNarwhals):
            stub.__dict__.update(sys.modules[name].__dict__)
    return real


class _LazyNarwhals(types.ModuleType):
    def __getattr__(self, attr: str):
        _load_narwhals()
        return getattr(sys.modules[self.__name__], attr)


class _NotPlain(type):
    """``isinstance(value, <stand-in>)``: False for plain Python values, else narwhals' own answer."""

    def __instancecheck__(cls, obj) -> bool:
        if type(obj) in _PLAIN:
            return False
        return isinstance(obj, getattr(_load_narwhals(), cls.__name__))

    def __subclasscheck__(cls, sub) -> bool:
        return sub not in _PLAIN and issubclass(sub, getattr(_load_narwhals(), cls.__name__))


def _lazy_narwhals() -> None:
    if any(name in sys.modules for name in _NARWHALS) or importlib.util.find_spec("narwhals") is None:
        return
    top, stable, v1 = (_LazyNarwhals(name) for name in _NARWHALS)
    top.__spec__ = importlib.util.find_spec("narwhals")
    top.stable, stable.v1 = stable, v1
    v1.Series = _NotPlain("Series", (), {"__module__": v1.__name__})
    v1.DataFrame = _NotPlain("DataFrame", (), {"__module__": v1.__name__})
    for name, module in zip(_NARWHALS, (top, stable, v1)):
        sys.modules[name] = module


_lazy_narwhals()

import plotly.graph_objects as go  # noqa: E402

from .html import wrap  # noqa: E402  (pure: models wrap hover labels without plotly)
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


# Every figure fills its output's width (no layout width: plotly would fall back to 700 px) and
# keeps its mode bar out of the way: upright, in a right margin wide enough for it, where it can
# cover no tick label, annotation or legend. Hover labels are wrapped by the callers (``wrap``)
# and may overflow the plot area (plotly flips them to the left near the right edge).
MODEBAR_MARGIN = 40  # px: the upright mode bar is about 30 px wide
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _responsive(layout: go.Layout) -> go.Layout:
    layout.width = None
    layout.autosize = True
    layout.modebar.orientation = "v"
    margin = layout.margin.r
    if margin is None or margin < MODEBAR_MARGIN:
        layout.margin.r = MODEBAR_MARGIN
    return layout


def _layout(layout) -> go.Layout:
    if isinstance(layout, dict):
        layout = go.Layout(**layout)
    if layout.template is None or layout.template == go.layout.Template():
        layout.template = TEMPLATE
    return _responsive(layout)


def figure(data, layout) -> go.FigureWidget:
    """A course figure that updates in place: a FigureWidget with the course template (unless
    ``layout`` sets one), as wide as its output, with the course's mode bar.

    Every FigureWidget carries plotly's whole widget bundle to the browser (about 5 MB): a chart
    that never changes after it is drawn should be a :func:`static_figure` instead.
    """
    fig = go.FigureWidget(data=data, layout=_layout(layout))
    fig._config = dict(CONFIG)
    return fig


class StaticFigure:
    """A course figure drawn once (no kernel round trip ever changes it). It displays as plotly's
    own output type, which JupyterLab's plotly extension draws from the notebook output: no widget,
    no 5 MB widget bundle, and no ``plotly.io`` renderer machinery in the kernel. ``figure`` is the
    plain ``go.Figure``; :meth:`output` puts it inside an ipywidgets box."""

    MIME = "application/vnd.plotly.v1+json"

    def __init__(self, data, layout):
        self.figure = go.Figure(data=data, layout=_layout(layout))

    def bundle(self) -> dict:
        spec = self.figure.to_plotly_json()
        spec["config"] = dict(CONFIG)
        return {self.MIME: spec, "text/plain": "A chart (plotly): " + str(self.figure.layout.title.text or "")}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return self.bundle()

    def output(self):
        """An ``ipywidgets.Output`` showing the figure (its outputs set directly: no capture needed)."""
        import ipywidgets as ipw

        out = ipw.Output(layout=ipw.Layout(width="100%"))
        out.outputs = ({"output_type": "display_data", "data": self.bundle(), "metadata": {}},)
        return out


def static_figure(data, layout) -> StaticFigure:
    """A :class:`StaticFigure` with the course template and look."""
    return StaticFigure(data, layout)


def date_anchor(first: str, last: str) -> go.Scatter:
    """An invisible first trace that keeps a date x axis a date axis in the browser.

    plotly.js forgets an axis's type whenever a trace's data changes (``Plotly.restyle`` and
    ``Plotly.update`` clear it unless the same call sets it) and guesses it again from the first
    trace with data. Bars on a date axis carry their lengths in milliseconds, so the guess after
    any in-place update is "linear": the dates turn into a number line. With this trace first,
    holding two dates, the guess is always "date". Update its ``x`` with the axis range.

    Its ``y`` is empty: it draws no point, and the y axis's guess still comes from the real traces
    (a category axis of names stays one).
    """
    return go.Scatter(x=[first, last], y=[], mode="markers", marker=dict(opacity=0),
                      hoverinfo="skip", showlegend=False, name="date-anchor")


__all__ = ["go", "figure", "static_figure", "StaticFigure", "date_anchor", "wrap", "CONFIG", "OKABE_ITO", "SYMBOLS", "TEMPLATE"]

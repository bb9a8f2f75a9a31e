"""The one place the course imports plotly.

plotly's ``FigureWidget`` imports ``plotly.io._renderers``, which imports ``nbformat`` only to
check its version; ``nbformat`` imports ``jsonschema``, and jsonschema's optional IRI format
checker ``rfc3987_syntax`` builds an Earley parser when it is imported: about 0.6–1 s of every
lesson kernel, for a check no lesson ever runs. jsonschema guards that import as optional, so the
kernel opts out of it: a ``None`` entry in ``sys.modules`` is Python's documented way to make an
import fail. Nothing else changes (jsonschema simply skips "iri" formats in this kernel). The
``rfc3987`` package that would also shortcut the cost is GPL-licensed and is not used.
"""

from __future__ import annotations

import sys

if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]

import plotly.graph_objects as go  # noqa: E402

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#999999",  # grey
)
# Marker symbols double-encode categories so colour is never the only cue.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon", "triangle-down")

__all__ = ["go", "OKABE_ITO", "SYMBOLS"]

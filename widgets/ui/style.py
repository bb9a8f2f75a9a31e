"""The course palette and the inline styles that every widget shares (no widget library imported)."""

from __future__ import annotations

# Okabe–Ito palette: distinguishable with every common form of colour blindness.
GREEN = "#009E73"  # bluish green: correct
ORANGE = "#E69F00"  # partly right
VERMILLION = "#D55E00"  # not right
BLUE = "#0072B2"  # information, links
SKY = "#56B4E9"

# Links are underlined as well as coloured: widget HTML gets no link style from JupyterLab,
# and a link must never differ from the text around it by colour alone.
LINK_STYLE = f"color:{BLUE};text-decoration:underline"
# ipywidgets' HTML widget sets a 28px line height meant for one-line labels.
TEXT_STYLE = "line-height:1.5"

# The whole Okabe–Ito cycle, for charts and colour keys, and marker symbols that double-encode
# categories so colour is never the only cue. Here, not in plot.py, so that models building
# HTML (a card's monogram colour) can use them without importing plotly.
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
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon", "triangle-down")

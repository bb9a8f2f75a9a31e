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

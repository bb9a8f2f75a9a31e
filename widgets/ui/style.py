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

# ---------------------------------------------------------------- the course stylesheet
# One look for every course widget (added to the page by widgets.ui.page.PageHelper; every rule is
# scoped to .course-widget). Sizes are relative to JupyterLab's content font size, so the
# student's zoom and font settings apply. Colours on white meet WCAG AA: text #222 (16:1),
# secondary text #555 (7.5:1), links BLUE #0072B2 (5.2:1), always underlined.
TYPE_SCALE = {"small": "0.875em", "body": "1em", "lead": "1.125em", "title": "1.25em"}
LINE_HEIGHT = "1.5"
LINK_HOVER = "#005A8C"
SECONDARY = "#555555"
COURSE_CSS = f"""
.course-widget {{ font-size: var(--jp-content-font-size1, 14px); line-height: {LINE_HEIGHT};
  color: var(--jp-content-font-color1, #222222); max-width: 100%; box-sizing: border-box; min-width: 0; }}
/* ipywidgets gives HTML widgets the 28 px line height of a one-line label: text and <small> print
   with wide gaps. Course text gets the course line height and wraps inside its output. */
.course-widget .widget-html > .widget-html-content,
.course-widget .widget-htmlmath > .widget-htmlmath-content {{ line-height: {LINE_HEIGHT}; overflow-wrap: anywhere; }}
.course-widget .widget-html, .course-widget .widget-htmlmath {{ height: auto; max-width: 100%; }}
.course-widget p {{ margin: 0.4em 0; }}
.course-widget small, .course-widget .course-small {{ font-size: {TYPE_SCALE["small"]}; line-height: {LINE_HEIGHT}; }}
.course-widget .course-secondary {{ color: {SECONDARY}; }}
.course-widget h3, .course-widget .course-title {{ font-size: {TYPE_SCALE["title"]}; line-height: 1.3; margin: 0.6em 0 0.3em; }}
.course-widget h4, .course-widget .course-lead {{ font-size: {TYPE_SCALE["lead"]}; line-height: 1.35; margin: 0.5em 0 0.25em; }}
.course-widget ul, .course-widget ol {{ margin: 0.3em 0; line-height: {LINE_HEIGHT}; }}
.course-widget ul {{ padding-left: 1.5em; }}
/* Room for three-digit numbers: "100." must not lose its leading digit. */
.course-widget ol {{ padding-left: 3em; }}
.course-widget li {{ margin: 0.15em 0; }}
.course-widget a, .course-widget a:visited {{ color: {BLUE}; text-decoration: underline; }}
.course-widget a:hover {{ color: {LINK_HOVER}; }}
.course-widget :focus-visible, .course-widget a:focus-visible {{ outline: 2px solid {BLUE}; outline-offset: 2px; }}
.course-widget button:focus-visible {{ outline: 2px solid {BLUE}; outline-offset: 2px; box-shadow: none; }}
.course-widget button:disabled {{ cursor: not-allowed; }}
.course-widget img {{ max-width: 100%; height: auto; }}
.course-widget table {{ border-collapse: collapse; max-width: 100%; }}
.course-widget th, .course-widget td {{ padding: 0.2em 0.6em; text-align: left; vertical-align: top; }}
/* Figures take the whole width of their output (plotly sizes itself to its container). */
.course-widget .js-plotly-plot, .course-widget .course-figure {{ width: 100%; max-width: 100%; min-width: 0; }}
.course-widget .widget-box {{ max-width: 100%; min-width: 0; }}
/* Buttons whose label is a long title (a card's negotiations) wrap instead of ending in "…". */
.course-widget .course-wrap-button {{ white-space: normal; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
  line-height: 1.3; padding-top: 0.3em; padding-bottom: 0.3em; text-align: left; overflow: visible; text-overflow: clip; }}
.course-page-helper {{ width: 0; height: 0; margin: 0; padding: 0; overflow: hidden; flex: none; }}
"""

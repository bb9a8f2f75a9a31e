"""The role-play debrief chart as Chromium draws it (issue 15): as wide as its output at 1366 and
1920 px, every group's deal labelled (escaped) inside the plot, the legend clear of the title and of
the group labels. Drawn by plotly.js from the plotly package itself (no JupyterLab needed)."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from widgets.roleplay.debrief_view import DebriefView

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "instructors" / "example-deals"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BOX = ("el => { const r = el.getBoundingClientRect(); "
       "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }")


def _overlap(a, b) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize("output_px", [934, 1480], ids=["w1366", "w1920"])
def test_the_debrief_chart_fills_its_output_and_labels_every_group(browser, output_px):
    view = DebriefView.from_folder(EXAMPLE)
    fig = json.loads(json.dumps(view.chart.to_plotly_json(), default=str))
    page = browser.new_page(viewport={"width": output_px + 40, "height": 800})
    try:
        page.set_content(f'<div id="fig" style="width:{output_px}px"></div>')
        page.add_script_tag(path=str(PLOTLY_JS))
        page.evaluate("fig => Plotly.newPlot('fig', fig.data, fig.layout, {responsive: true})", fig)
        page.wait_for_selector("#fig .main-svg")
        svg = page.eval_on_selector("#fig .main-svg", BOX)
        assert abs(svg["width"] - output_px) <= 2, f"the chart is {svg['width']} px in a {output_px} px output"
        labels = page.eval_on_selector_all("#fig .scatterlayer .trace:last-child .textpoint text",
                                           "els => els.map(e => e.textContent)")
        assert sorted(labels) == ["1", "2", "3", "4", "5", "6"]
        legend = page.eval_on_selector("#fig .legend", BOX)
        title = page.eval_on_selector("#fig .gtitle", BOX)
        assert not _overlap(title, legend), "the title collides with the legend"
        boxes = page.eval_on_selector_all("#fig .scatterlayer .trace:last-child .textpoint text", f"els => els.map({BOX})")
        assert not any(_overlap(legend, b) for b in boxes), "a group label collides with the legend"
        plot = page.eval_on_selector("#fig .cartesianlayer .bg, #fig .nsewdrag", BOX)
        assert all(plot["left"] - 1 <= b["left"] and b["right"] <= plot["right"] + 1 for b in boxes)
        page.screenshot(path=str(ARTIFACTS / f"roleplay-debrief-{output_px}.png"), full_page=True)
    finally:
        page.close()

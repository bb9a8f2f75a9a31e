"""The stakeholder map as Chromium draws it (issue 10, item 9): for every negotiation in the
course's data, at the output widths of a 1366 and a 1920 px window, no two markers overlap, no
two labels overlap, and no label covers another actor's marker. plotly.js from the plotly package
draws the map's own figure (no JupyterLab needed)."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from widgets.data import load_stakeholders
from widgets.players.stakeholders_view import StakeholderMap

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
NEGOTIATIONS = sorted({p.negotiation for p in load_stakeholders()})
BOX = "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom, e.textContent]; })"


def _overlap(a, b, slack=1.0) -> bool:
    return min(a[1], b[1]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[2], b[2]) > slack


@pytest.fixture(scope="module", params=[934, 1480], ids=["w1366", "w1920"])
def plot_page(request, browser):
    """One page per output width with plotly.js loaded once (it is 4.6 MB)."""
    width = request.param
    page = browser.new_page(viewport={"width": width + 40, "height": 900})
    page.set_content(f'<div id="fig" style="width:{width}px"></div>')
    page.add_script_tag(path=str(PLOTLY_JS))
    yield page, width
    page.close()


# Per trace, its markers and its labels, in the same order (a label's own marker has its index).
PAIRS = """() => [...document.querySelectorAll('#fig .scatterlayer .trace')].flatMap(t => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
  const marks = [...t.querySelectorAll('.points .point')];
  const texts = [...t.querySelectorAll('.text .textpoint text')];
  return marks.map((m, i) => ({mark: box(m), label: texts[i] ? box(texts[i]) : null, name: texts[i] ? texts[i].textContent : ''}));
})"""


@pytest.mark.parametrize("negotiation", NEGOTIATIONS)
def test_markers_and_labels_of_the_map_do_not_overlap(plot_page, negotiation):
    page, width = plot_page
    fig = json.loads(json.dumps(StakeholderMap.from_data(negotiation).figure.to_plotly_json(), default=str))
    page.evaluate("fig => Plotly.newPlot('fig', fig.data, fig.layout, {responsive: true})", fig)
    page.wait_for_selector("#fig .scatterlayer .point")
    actors = page.evaluate(PAIRS)
    n = len([p for p in load_stakeholders() if p.negotiation == negotiation])
    assert len(actors) == n and all(a["label"] and a["name"] for a in actors), actors
    page.screenshot(path=str(ARTIFACTS / f"stakeholders-{negotiation}-{width}.png"))
    clashes = []
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            if j <= i:
                continue
            if _overlap(a["mark"], b["mark"]):
                clashes.append(f"markers of {a['name']} and {b['name']}")
            if _overlap(a["label"], b["label"]):
                clashes.append(f"labels of {a['name']} and {b['name']}")
        for j, b in enumerate(actors):
            if j != i and _overlap(a["label"], b["mark"]):
                clashes.append(f"label of {a['name']} covers the marker of {b['name']}")
    assert clashes == [], clashes

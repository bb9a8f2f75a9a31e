"""The instructor's class chart as Chromium draws it (issue 10): the question labels never touch
the legend, and a 0 % bar is still visible. The chart is drawn by plotly.js from the plotly
package itself (no JupyterLab needed), inside a box as wide as a lesson's output at 1366 and
1920 px."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import pytest

from widgets.progress import ProgressStore
from widgets.selfcheck.instructor_view import class_summary
from widgets.selfcheck.pager_view import SelfCheck

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "selfcheck"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _summary(tmp_path):
    hand_in = tmp_path / "hand-ins"
    hand_in.mkdir()
    answers = {"Ada": {"river": "Moscow", "rivers": ["Volga", "Danube", "Neva"]},
               "Bob": {"river": "Kremlin", "rivers": ["Volga", "Urals"]}}
    for name, given in answers.items():
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path / f"p-{name}"))
        for qid, value in given.items():
            view = next(v for v in sc.questions if v.question.id == qid)
            view.choice.value = value
            view.check_button.click()
        sc.student.value = name
        sc.export_csv(hand_in / f"quiz-{name}.csv")
    return class_summary(hand_in, data_folder=FIXTURES)


def _boxes_overlap(a, b) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize("output_px", [934, 1480], ids=["w1366", "w1920"])
def test_class_chart_labels_clear_the_legend_and_zero_bars_show(browser, tmp_path, output_px):
    summary = _summary(tmp_path)
    stats = {s.question: s for s in summary.stats}
    assert stats["river"].share_in_the_end == 0, "the test needs a question nobody got right"
    fig = summary.figure.to_plotly_json()
    page = browser.new_page(viewport={"width": output_px + 40, "height": 900})
    try:
        page.set_content(f'<div id="fig" style="width:{output_px}px"></div>')
        page.add_script_tag(path=str(PLOTLY_JS))
        page.evaluate("fig => Plotly.newPlot('fig', fig.data, fig.layout, {responsive: true})",
                      json.loads(json.dumps(fig, default=str)))
        page.wait_for_selector("#fig .main-svg")
        box = "el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }"
        legend = page.eval_on_selector("#fig .legend", box)
        labels = page.eval_on_selector_all("#fig .yaxislayer-above .ytick text, #fig .yaxislayer-below .ytick text",
                                           f"els => els.map({box})")
        assert labels, "no question labels drawn"
        assert not any(_boxes_overlap(legend, lab) for lab in labels), "a question label collides with the legend"
        title = page.eval_on_selector("#fig .gtitle", box)
        assert not _boxes_overlap(title, legend), "the title collides with the legend"
        # Every value has a tick; the ticks of 0 % values are drawn at the axis with a visible size.
        ticks = page.eval_on_selector_all("#fig .scatterlayer .point", f"els => els.map({box})")
        assert len(ticks) == 2 * len(summary.stats)
        assert all(t["height"] >= 10 for t in ticks), f"a tick is too small to see: {ticks}"
        widths = page.eval_on_selector_all("#fig .scatterlayer .point", "els => els.map(e => parseFloat(getComputedStyle(e).strokeWidth))")
        assert all(w >= 2 for w in widths), widths
        texts = page.eval_on_selector_all("#fig .barlayer .bartext", "els => els.map(e => e.textContent)")
        assert "0%" in texts, "a 0 % bar prints no percentage"
        page.screenshot(path=str(ARTIFACTS / f"class-summary-{output_px}.png"), full_page=True)
    finally:
        page.close()


def test_each_tick_sits_on_its_own_bar(browser, tmp_path):
    summary = _summary(tmp_path)
    fig = json.loads(json.dumps(summary.figure.to_plotly_json(), default=str))
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    try:
        page.set_content('<div id="fig" style="width:934px"></div>')
        page.add_script_tag(path=str(PLOTLY_JS))
        page.evaluate("fig => Plotly.newPlot('fig', fig.data, fig.layout)", fig)
        page.wait_for_selector("#fig .main-svg")
        centre = "els => els.map(e => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; })"
        bars = page.eval_on_selector_all("#fig .barlayer .point path", centre)
        ticks = page.eval_on_selector_all("#fig .scatterlayer .point", centre)
        assert len(bars) == len(ticks)
        assert sorted(round(b) for b in bars) == pytest.approx(sorted(round(t) for t in ticks), abs=2)
    finally:
        page.close()

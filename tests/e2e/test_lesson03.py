"""Lesson 3's negotiation lab in the browser: it renders, responds, keeps its axes and fills its output.

Uses the shared JupyterLab and page fixtures (``conftest.py``) and the run/error helpers of
``test_lessons.py``. What the student sees is read from the page: the plotly figure's drawn points
and its full layout (``_fullLayout``: the axis types and the width plotly actually laid out).
"""

from __future__ import annotations

import time

import pytest

from .conftest import ARTIFACTS, ROOT
from .test_lessons import _record_timing, assert_no_errors, open_and_run

pytestmark = pytest.mark.browser

LESSON = ROOT / "lessons" / "03_challenges.ipynb"

DRAWN = """el => { const gd = el.querySelector('.js-plotly-plot');
  const trace = name => gd.data.find(t => t.name === name) || {x: []};
  return {xaxis: gd._fullLayout.xaxis.type, yaxis: gd._fullLayout.yaxis.type,
          width: gd.getBoundingClientRect().width,
          output: el.closest('.jp-OutputArea-output').getBoundingClientRect().width,
          yours: [trace('Your package').x[0], trace('Your package').y[0]],
          nash: [trace('Nash point').x[0], trace('Nash point').y[0]],
          deals: trace('Possible deals').x.length,
          points: gd.querySelectorAll('.point').length}; }"""


@pytest.fixture
def lab_root(page, lab):
    if not LESSON.exists():
        pytest.skip("lesson 3 is not in lessons/")
    p = page.page
    p.set_viewport_size({"width": 1366, "height": 900})
    rendered = open_and_run(p, lab, LESSON)
    _record_timing(LESSON.stem, "open_to_rendered_s", rendered)
    assert_no_errors(p)
    root = p.locator(".course-lab").first
    root.scroll_into_view_if_needed()
    return p, root


def test_the_lab_renders_and_fills_its_output(lab_root):
    p, root = lab_root
    drawn = root.evaluate(DRAWN)
    assert drawn["points"] > 0, "the lab's figure shows no points"
    assert (drawn["xaxis"], drawn["yaxis"]) == ("linear", "linear")
    assert drawn["width"] >= 0.9 * drawn["output"], f"figure {drawn['width']}px in an output of {drawn['output']}px"
    assert "What the chart shows" in root.inner_text()
    assert "Practice scenario" in root.inner_text()
    root.screenshot(path=str(ARTIFACTS / "03_challenges-lab.png"))


def test_one_click_moves_the_package_and_keeps_the_axes(lab_root):
    p, root = lab_root
    before = root.evaluate(DRAWN)
    start = time.perf_counter()
    root.get_by_role("button", name="Show the Nash package").click()
    p.wait_for_function(f"([el, old]) => ({DRAWN})(el).yours[0] !== old",
                        arg=[root.element_handle(), before["yours"][0]], timeout=30_000)
    _record_timing(LESSON.stem, "course-lab_click_to_update_s", time.perf_counter() - start)
    after = root.evaluate(DRAWN)
    assert after["yours"] == after["nash"], "the diamond should sit on the Nash star"
    assert (after["xaxis"], after["yaxis"]) == ("linear", "linear")
    assert "Both sides would agree" in root.inner_text()


def test_a_batna_slider_moved_by_keyboard_shrinks_the_deals(lab_root):
    p, root = lab_root
    before = root.evaluate(DRAWN)
    handle = root.locator("input[type=range]").nth(1)  # Russia's BATNA
    for _ in range(15):
        handle.press("ArrowRight")  # focuses the slider, then the key: each step a kernel round trip
    # The sentence gives the new BATNA (20 + 15 steps) once the last step's round trip is back.
    p.wait_for_function("el => el.innerText.includes('Russia 35)')", arg=root.element_handle(), timeout=60_000)
    p.wait_for_function(f"([el, n]) => ({DRAWN})(el).deals < n",
                        arg=[root.element_handle(), before["deals"]], timeout=30_000)
    after = root.evaluate(DRAWN)
    assert (after["xaxis"], after["yaxis"]) == ("linear", "linear")
    assert after["width"] >= 0.9 * after["output"]


def test_the_strategic_arms_scenario_opens_in_place(lab_root):
    p, root = lab_root
    before = root.evaluate(DRAWN)
    root.get_by_text("A strategic-arms framework after New START (teaching model)").click()
    p.wait_for_function("el => el.innerText.includes('Of 576 packages')", arg=root.element_handle(), timeout=30_000)
    time.sleep(1)  # a stale slider would answer within this second (the scenario's BATNAs are 0 and 0)
    assert "(United States 0 points, Russia 0)" in root.inner_text()
    after = root.evaluate(DRAWN)
    assert after["points"] > before["points"]
    assert (after["xaxis"], after["yaxis"]) == ("linear", "linear")
    assert "Teaching model" in root.inner_text() and "US Senate" in root.inner_text()
    root.screenshot(path=str(ARTIFACTS / "03_challenges-lab-arms.png"))

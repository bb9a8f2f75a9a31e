"""Lesson 5 in the browser: the series explorer and the scenario explorer render, respond to one
interaction each (a kernel round trip), keep their axis types, and fill their output's width."""

from __future__ import annotations

import json
import re
import time

import pytest

from .conftest import ARTIFACTS, ROOT
from .test_lessons import _record_timing, assert_no_errors, audit, open_and_run

pytestmark = pytest.mark.browser

LESSON = ROOT / "lessons" / "05_future_implications.ipynb"

AXES = """el => { const gd = el.querySelector('.js-plotly-plot'); const l = gd._fullLayout;
                   return Object.keys(l).filter(k => /^[xy]axis\\d*$/.test(k)).sort().map(k => k + ':' + l[k].type); }"""
# plotly's widget first draws an empty placeholder (linear axes, no points), then the figure itself.
DRAWN = """el => { const gd = el.querySelector('.js-plotly-plot');
                   return gd && gd._fullLayout && gd._fullLayout.xaxis && gd._fullLayout.xaxis.type === 'date'
                          && gd.querySelectorAll('.point').length > 0; }"""
WIDTHS = """el => { const fig = el.querySelector('.js-plotly-plot .main-svg');
                     const out = el.closest('.jp-OutputArea-output') || el.parentElement;
                     return [fig.getBoundingClientRect().width, out.getBoundingClientRect().width]; }"""


STATE = """el => { const gd = el.querySelector('.js-plotly-plot');
                   if (!gd) return 'no plot';
                   const l = gd._fullLayout || {};
                   return JSON.stringify({x: l.xaxis && l.xaxis.type, traces: (gd.data || []).length,
                                          points: gd.querySelectorAll('.point').length, plots: el.querySelectorAll('.js-plotly-plot').length}); }"""


CONSOLE: list[str] = []


def _wait_drawn(p, root, timeout_ms: int) -> None:
    try:
        p.wait_for_function(DRAWN, arg=root.element_handle(), timeout=timeout_ms)
    except Exception as exc:  # say what the browser shows instead of only "timeout"
        errors = [m for m in CONSOLE if "rror" in m][:5]
        raise AssertionError(f"the chart was not drawn: {root.evaluate(STATE)}; console errors: {errors}") from exc


def test_lesson05_explorers_render_respond_and_fill_the_width(page, lab, axe_source):
    p = page.page
    p.on("console", lambda msg: CONSOLE.append(f"{msg.type}: {msg.text}"[:300]))
    _record_timing(LESSON.stem, "open_to_rendered_s", open_and_run(p, lab, LESSON))
    assert_no_errors(p)

    explorer = p.locator(".course-series").first
    explorer.scroll_into_view_if_needed()
    _wait_drawn(p, explorer, 90_000)
    # The drawn chart (its svg), not only its container, must fill the output.
    p.wait_for_function(f"el => {{ const [f, o] = ({WIDTHS})(el); return f >= 0.9 * o; }}",
                        arg=explorer.element_handle(), timeout=15_000)
    fig_w, out_w = explorer.evaluate(WIDTHS)
    assert fig_w >= 0.9 * out_w, f"the chart is {fig_w:.0f}px wide in an output of {out_w:.0f}px"
    axes_before = explorer.evaluate(AXES)
    assert "xaxis:date" in axes_before and all(a.endswith(":linear") for a in axes_before if a.startswith("y"))
    status = explorer.locator("[role=status]").first
    assert "Showing 2 series in 1 panel" in status.inner_text()
    assert explorer.locator("table.course-series-table").count() == 2

    start = time.perf_counter()
    explorer.locator("label", has_text="NATO member states").locator("input").check()
    p.wait_for_function("el => /Showing 3 series in 2 panels/.test(el.innerText)", arg=explorer.element_handle(), timeout=30_000)
    p.wait_for_function("el => el.querySelectorAll('table.course-series-table').length === 3",
                        arg=explorer.element_handle(), timeout=30_000)
    _record_timing(LESSON.stem, "course-series_click_to_update_s", time.perf_counter() - start)
    _wait_drawn(p, explorer, 60_000)
    axes_after = explorer.evaluate(AXES)
    assert "xaxis:date" in axes_after and "yaxis2:linear" in axes_after
    assert set(axes_before) <= set(axes_after), f"axis types changed: {axes_before} -> {axes_after}"
    p.wait_for_function(f"el => {{ const [f, o] = ({WIDTHS})(el); return f >= 0.9 * o; }}",
                        arg=explorer.element_handle(), timeout=15_000)
    assert explorer.locator(".js-plotly-plot .point").count() > 0

    scenarios = p.locator(".course-scenarios").first
    scenarios.scroll_into_view_if_needed()
    assert "Negotiated ceasefire with security guarantees" in scenarios.inner_text()
    scenarios.locator("label", has_text="Frozen conflict").locator("input").check()
    p.wait_for_function("el => el.innerText.includes('Institut Européen des Relations Internationales')",
                        arg=scenarios.element_handle(), timeout=30_000)
    scenarios.locator("textarea").fill("Talks continue without agreement on territory.")
    scenarios.locator("textarea").press("Tab")
    scenarios.get_by_role("button", name="Save my estimate").click()
    p.wait_for_function("el => /Saved.*Frozen conflict/.test(el.innerText)", arg=scenarios.element_handle(), timeout=30_000)

    violations = audit(p, axe_source)
    p.screenshot(path=str(ARTIFACTS / f"{LESSON.stem}-explorers.png"), full_page=False)
    assert violations == [], json.dumps(violations, indent=1)
    assert_no_errors(p)
    assert not re.search(r"Traceback", p.inner_text("body"))

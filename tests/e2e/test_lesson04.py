"""Lesson 4 in the browser: the case comparison (table and SVG phases chart) and the treaty-life chart
(plotly) render, respond to one interaction each (a kernel round trip), keep their axis types, and fill
their output's width; the filtered timeline opens; the activity asks for every factor."""

from __future__ import annotations

import json
import re
import time

import pytest

from .conftest import ARTIFACTS, ROOT
from .test_lessons import _record_timing, assert_no_errors, audit, open_and_run

pytestmark = pytest.mark.browser

LESSON = ROOT / "lessons" / "04_successful_mediation.ipynb"

AXES = """el => { const gd = el.querySelector('.js-plotly-plot'); const l = gd._fullLayout;
                   return Object.keys(l).filter(k => /^[xy]axis\\d*$/.test(k)).sort().map(k => k + ':' + l[k].type); }"""
WIDTHS = """el => { const fig = el.querySelector('.js-plotly-plot');
                     const out = el.closest('.jp-OutputArea-output') || el.parentElement;
                     return [fig.getBoundingClientRect().width, out.getBoundingClientRect().width]; }"""


SVG_WIDTHS = """el => { const svg = el.querySelector('svg.course-phases-chart');
                         const out = el.closest('.jp-OutputArea-output') || el.parentElement;
                         return [svg.getBoundingClientRect().width, out.getBoundingClientRect().width]; }"""


def wait_plot(p, root) -> None:
    p.wait_for_function("el => el.querySelector('.js-plotly-plot .main-svg')", arg=root.element_handle(), timeout=60_000)


def assert_fills(root) -> None:
    fig_w, out_w = root.evaluate(WIDTHS)
    assert fig_w >= 0.9 * out_w, f"the chart is {fig_w:.0f}px wide in an output of {out_w:.0f}px"


def test_lesson04_widgets_render_respond_and_fill_the_width(page, lab, axe_source):
    p = page.page
    _record_timing(LESSON.stem, "open_to_rendered_s", open_and_run(p, lab, LESSON))
    assert_no_errors(p)

    cases = p.locator(".course-cases").first
    cases.scroll_into_view_if_needed()
    svg_w, out_w = cases.evaluate(SVG_WIDTHS)
    assert svg_w >= 0.9 * out_w, f"the phases chart is {svg_w:.0f}px wide in an output of {out_w:.0f}px"
    assert "Comparing 2 cases" in cases.locator("[role=status]").first.inner_text()
    assert cases.locator("table.course-case-table th[scope=row]").count() == 10
    assert cases.locator("svg.course-phases-chart g.course-phase").count() == 13

    start = time.perf_counter()
    cases.locator("label", has_text="New START").locator("input").check()
    p.wait_for_function("el => /Comparing 3 cases/.test(el.innerText)", arg=cases.element_handle(), timeout=30_000)
    _record_timing(LESSON.stem, "course-cases_click_to_update_s", time.perf_counter() - start)
    assert cases.locator("table.course-case-table th[scope=col]").count() == 4
    assert cases.locator("svg.course-phases-chart g.course-phase").count() == 22
    svg_w, out_w = cases.evaluate(SVG_WIDTHS)
    assert svg_w >= 0.9 * out_w

    cases.get_by_role("button", name="Open the timeline").click()
    p.wait_for_function("el => el.querySelector('.course-timeline .js-plotly-plot .main-svg')",
                        arg=cases.element_handle(), timeout=30_000)
    assert "Course timeline: Camp David" in cases.inner_text()

    treaties = p.locator(".course-treaties").first
    treaties.scroll_into_view_if_needed()
    wait_plot(p, treaties)
    assert_fills(treaties)
    t_axes = treaties.evaluate(AXES)
    assert t_axes == ["xaxis:date", "yaxis:category"], t_axes
    assert "On 1 March 2026, 2 of these agreements were in force" in treaties.locator("[role=status]").first.inner_text()
    year = treaties.locator("input[type=number]").first
    start = time.perf_counter()
    year.fill("1990")
    year.press("Enter")
    p.wait_for_function("el => /At the end of 1990, 4 of these agreements/.test(el.innerText)",
                        arg=treaties.element_handle(), timeout=30_000)
    _record_timing(LESSON.stem, "course-treaties_type_to_update_s", time.perf_counter() - start)
    assert treaties.evaluate(AXES) == t_axes, "axis types changed"
    assert_fills(treaties)

    factors = p.locator(".course-factors").first
    factors.scroll_into_view_if_needed()
    factors.get_by_role("button", name="Compare with the course").click()
    p.wait_for_function("el => /Rate every factor first/.test(el.innerText)", arg=factors.element_handle(),
                        timeout=30_000)

    violations = audit(p, axe_source)
    p.screenshot(path=str(ARTIFACTS / f"{LESSON.stem}-widgets.png"), full_page=False)
    assert violations == [], json.dumps(violations, indent=1)
    assert_no_errors(p)
    assert not re.search(r"Traceback", p.inner_text("body"))

"""What lessons 00–02 draw, checked in Chromium after run-all and after each interaction (issue 10).

* figures fill their output (≥ 90 % of its width) at 1366 and 1920 px, no course widget sticks out
  of its output, the mode bar covers no label;
* lesson 02's role chart keeps its date axis through a search, a role filter and "Show everyone",
  and its bars stay proportional to the tenures they draw;
* what an interaction updates is in view afterwards (a timeline point's detail, a card's
  negotiation on the timeline, the next page of a self-check), Previous is disabled on page 1 and
  the focus survives it;
* a "Read more" link opens the lesson in the same JupyterLab at the section, without a dialog.

Screenshots before and after each interaction are kept in ``tests/e2e/artifacts/drawn-*.png``.
"""

from __future__ import annotations

import re

import pytest

from .drawn import (
    axis_types,
    bar_extents,
    clipped_lists,
    loose_text,
    figure_report,
    in_viewport,
    modebar_overlaps,
    overflowing,
    scroll_top,
    set_viewport,
    shot,
    wait_drawn,
    wait_in_viewport,
)
from .test_lessons import LESSONS, open_and_run

pytestmark = pytest.mark.browser

WIDTHS = (1366, 1920)


def lesson(prefix: str):
    return next(path for path in LESSONS if path.name.startswith(prefix))


def assert_proportional(bars: list[dict], what: str) -> None:
    """Every bar's pixels per unit of data agree within 3 % (bars under 4 px are too coarse to judge)."""
    judged = [b for b in bars if b["px"] >= 4 and b["data"] > 0]
    assert len(judged) >= 3, f"{what}: too few bars drawn to judge ({bars[:5]})"
    rates = [b["px"] / b["data"] for b in judged]
    spread = max(rates) / min(rates)
    assert spread < 1.03, f"{what}: bars are not proportional to their data (spread {spread:.3f}): {judged[:4]}"


def assert_layout_ok(p, root, what: str) -> None:
    for i, fig in enumerate(figure_report(p, root)):
        assert fig["ratio"] >= 0.9, f"{what}: figure {i} is {fig['width']} px wide in a {fig['output']} px output"
    assert modebar_overlaps(p, root) == [], f"{what}: the mode bar covers labels"
    assert overflowing(p) == [], f"{what}: course widgets stick out of their outputs: {overflowing(p)}"


@pytest.mark.parametrize("prefix", ["00_", "01_", "02_"])
def test_figures_fill_their_output_at_both_widths(page, lab, prefix):
    p = page.page
    set_viewport(p, WIDTHS[0])
    open_and_run(p, lab, lesson(prefix))
    widgets = p.locator(".course-widget")
    for width in WIDTHS:
        set_viewport(p, width)
        p.wait_for_timeout(800)  # the page helper redraws figures after a resize
        for i in range(widgets.count()):
            root = widgets.nth(i)
            if root.locator(".js-plotly-plot").count():
                scroll_top(p, root)
                wait_drawn(p, root)
                assert_layout_ok(p, root, f"{prefix} at {width} px, widget {i}")
        assert overflowing(p) == []
        # Typography: no widely spaced small text, numbered lists wide enough for their numbers.
        assert loose_text(p) == [], f"{prefix}: text with a line height far above its size"
        assert clipped_lists(p) == [], f"{prefix}: numbered lists too narrow for their numbers"
        shot(p, f"drawn-{prefix}w{width}")


def test_lesson02_role_chart_keeps_its_date_axis_and_proportions(page, lab):
    p = page.page
    set_viewport(p, 1366)
    open_and_run(p, lab, lesson("02_"))
    deck = p.locator(".course-cards").first
    unfold = deck.get_by_role("button", name=re.compile(r"Show the tenure chart"))
    if unfold.count():  # the chart comes folded under the cards
        unfold.first.click()
    chart = deck.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    scroll_top(p, chart)
    wait_drawn(p, deck)
    first = axis_types(p, deck)[0]
    assert first["xaxis"] == "date" and first["yaxis"] == "category", first
    assert_proportional(bar_extents(p, deck), "the first view")
    shot(p, "drawn-02-roles-before")
    status = "el => el.querySelector('[role=status]').innerText"

    def changed(action, label: str) -> None:
        before = deck.evaluate(status)
        action()
        p.wait_for_function("([el, t]) => el.querySelector('[role=status]').innerText !== t",
                            arg=[deck.element_handle(), before], timeout=30_000)
        p.wait_for_timeout(500)  # plotly redraws after the update message
        assert axis_types(p, deck)[0] == first, f"after {label} the axes became {axis_types(p, deck)[0]}"
        assert_proportional(bar_extents(p, deck), f"after {label}")
        assert_layout_ok(p, deck, f"after {label}")
        scroll_top(p, chart)
        shot(p, f"drawn-02-roles-after-{label}")

    search = deck.locator("input[type=text]").first

    def do_search():
        search.fill("secretary")
        search.press("Enter")

    changed(do_search, "search")
    role = deck.locator("select").nth(1)  # Country, Role, Sort by
    assert role.locator("option").first.inner_text().replace("\xa0", " ") == "Any role"
    changed(lambda: role.select_option(index=0), "role-filter")
    changed(lambda: deck.get_by_role("button", name="Show everyone").click(), "show-everyone")


def _click_first_point(p, root) -> None:
    point = root.locator(".js-plotly-plot .point").first
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    p.mouse.move(x, y)
    p.wait_for_timeout(200)
    p.mouse.click(x, y)


def test_a_timeline_click_brings_the_detail_into_view(page, lab):
    p = page.page
    set_viewport(p, 1366)
    open_and_run(p, lab, lesson("01_"))
    timeline = p.locator(".course-timeline").first
    scroll_top(p, timeline.locator(".js-plotly-plot").first)
    detail = timeline.locator(".course-timeline-detail").first
    assert in_viewport(p, detail)["shown"] < 0.5, "the test needs the detail panel off-screen at first"
    shot(p, "drawn-01-timeline-before-click")
    before = detail.inner_text()
    _click_first_point(p, timeline)
    p.wait_for_function("([el, t]) => el.innerText !== t", arg=[detail.element_handle(), before], timeout=30_000)
    seen = wait_in_viewport(p, detail)
    shot(p, "drawn-01-timeline-after-click")
    assert seen["shown"] >= 0.6, f"the detail panel stays off-screen: {seen}"


def test_a_card_negotiation_opens_in_view_on_the_timeline(page, lab):
    p = page.page
    set_viewport(p, 1366)
    open_and_run(p, lab, lesson("02_"))
    deck = p.locator(".course-cards").first
    button = deck.locator(".course-card button").first
    scroll_top(p, button)
    shot(p, "drawn-02-card-before-negotiation")
    button.click()
    detail = deck.locator(".course-timeline .course-timeline-detail").first
    detail.wait_for(timeout=30_000)
    p.wait_for_function("el => !/No event selected/.test(el.innerText)", arg=detail.element_handle(), timeout=30_000)
    seen = wait_in_viewport(p, detail)
    shot(p, "drawn-02-card-after-negotiation")
    assert seen["shown"] >= 0.6, f"the opened negotiation is off-screen: {seen}"
    # The timeline built by this click draws its figure at the output's width, and its date axis.
    timeline = deck.locator(".course-timeline").first
    assert_layout_ok(p, timeline, "the deck's timeline")


def test_selfcheck_next_shows_the_new_questions_and_previous_is_disabled_on_page_1(page, lab):
    p = page.page
    set_viewport(p, 1366)
    open_and_run(p, lab, lesson("01_"))
    root = p.locator(".course-selfcheck").first
    previous = root.get_by_role("button", name="Previous")
    nxt = root.get_by_role("button", name="Next")
    assert previous.is_disabled() and nxt.is_enabled()
    scroll_top(p, root.locator(".course-pager").first)
    shot(p, "drawn-01-selfcheck-before-next")
    live = root.locator(".course-live [role=status]").first
    nxt.focus()
    p.keyboard.press("Enter")
    p.wait_for_function("el => /^Questions 6–/.test(el.innerText)", arg=live.element_handle(), timeout=30_000)
    first = root.locator(".course-question").first
    seen = wait_in_viewport(p, first, share=0.5)
    shot(p, "drawn-01-selfcheck-after-next")
    assert seen["shown"] >= 0.5, f"the new questions are off-screen: {seen}"
    assert previous.is_enabled()
    # Back to page 1 with the keyboard: Previous is disabled there, and the focus moves to Next
    # (not to the page, where the next key would reach JupyterLab's shortcuts).
    previous.focus()
    p.keyboard.press("Enter")
    p.wait_for_function("el => /^Questions 1–/.test(el.innerText)", arg=live.element_handle(), timeout=30_000)
    p.wait_for_function("() => (document.activeElement && document.activeElement.innerText || '').trim() === 'Next'",
                        timeout=10_000)
    assert previous.is_disabled()


def test_a_read_more_link_opens_the_section_in_the_same_jupyterlab(page, lab):
    p = page.page
    set_viewport(p, 1366)
    open_and_run(p, lab, lesson("02_"))
    question = p.locator(".course-selfcheck .course-question").first
    question.scroll_into_view_if_needed()
    question.locator("input[type=radio], input[type=checkbox]").first.check()
    question.get_by_role("button", name=re.compile(r"^Check")).click()
    link = question.locator("a.course-lesson-link").first
    link.wait_for(timeout=30_000)
    target = link.get_attribute("data-course-lesson")
    anchor = link.get_attribute("data-course-anchor")
    assert target and target.endswith(".ipynb") and anchor
    assert link.get_attribute("target") is None, "a lesson link must not open a new tab"
    pages_before = len(p.context.pages)
    link.click()
    p.wait_for_function(
        "t => { const w = window.jupyterapp.shell.currentWidget; return w && w.context && w.context.path.endsWith(t); }",
        arg=target, timeout=30_000)
    p.wait_for_timeout(1500)
    assert len(p.context.pages) == pages_before, "the link opened another browser tab"
    assert p.locator(".jp-Dialog").count() == 0, "JupyterLab asked before running the link's command"
    assert p.url.startswith(lab.url) and "/lab" in p.url
    # JupyterLab 4 marks a heading's anchor with data-jupyter-id (older versions: id).
    heading = p.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) :is([data-jupyter-id=\"{anchor}\"], [id=\"{anchor}\"])").first
    heading.wait_for(timeout=30_000)
    seen = wait_in_viewport(p, heading, share=0.9)
    shot(p, "drawn-02-read-more-opened")
    assert seen["shown"] >= 0.9, f"the lesson opened, but not at the section: {seen}"


def test_browser_floor_an_empty_notebook(page, lab):
    """The browser floor for bench/bench_browser.py: the same JupyterLab opening an empty notebook
    with a fresh kernel and running it (what every lesson pays before its own cells)."""
    import json

    from .test_lessons import _record_timing

    empty = lab.root / "lessons" / "_floor_empty.ipynb"
    empty.write_text(json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "id": "floor",
                                            "metadata": {}, "outputs": [], "source": ["pass"]}],
                                 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                             "name": "python3"}},
                                 "nbformat": 4, "nbformat_minor": 5}))
    try:
        seconds = open_and_run(page.page, lab, empty)
    finally:
        empty.unlink(missing_ok=True)
    _record_timing("_floor", "open_to_rendered_s", seconds)
    assert seconds > 0

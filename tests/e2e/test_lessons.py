"""Every lesson, as a student sees it: opened in JupyterLab in Chromium with a fresh kernel, run
top to bottom, every widget rendered, one real interaction per kind of widget (with a kernel round
trip), no request leaving 127.0.0.1, and no serious accessibility violation inside the course's own
widget output. Lessons are picked up from ``lessons/`` automatically.

Timings (open → all widgets rendered, click → visible update) go to ``artifacts/timings.json``,
which ``bench/bench_browser.py`` reports; a screenshot per lesson goes to ``artifacts/``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# What an output shows when a widget failed to render (no front-end extension, lost model, ...).
FAILED_WIDGET = re.compile(r"Error displaying widget|^(?:[A-Z]\w*Box|FigureWidget|[A-Z]\w*Widget)\(", re.M)
TIMINGS = ARTIFACTS / "timings.json"

RUN_ALL = "window.jupyterapp.commands.execute('notebook:run-all-cells')"


def _record_timing(lesson: str, key: str, seconds: float) -> None:
    data = json.loads(TIMINGS.read_text()) if TIMINGS.exists() else {}
    data.setdefault(lesson, {})[key] = round(seconds, 3)
    TIMINGS.write_text(json.dumps(data, indent=2, sort_keys=True))


def open_and_run(p, lab, lesson: Path, timeout_s: float = 180) -> float:
    """Open the lesson with a fresh kernel, run all cells, wait for every output; return seconds."""
    start = time.perf_counter()
    p.goto(f"{lab.url}/lab/tree/lessons/{lesson.name}?token={lab.token}")
    p.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-NotebookPanel .jp-Cell')",
                        timeout=60_000)
    # The kernel must be ready before Run All, or the first cells are queued behind its start-up.
    p.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
                   return k && k.status === 'idle'; }""", timeout=60_000)
    p.evaluate(RUN_ALL)
    p.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const cells = w.content.widgets.filter(c => c.model.type === 'code');
                   const done = cells.every(c => c.model.executionCount !== null && !c.node.querySelector('.jp-InputPrompt')?.textContent.includes('*'));
                   return done && w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=int(timeout_s * 1000))
    # Widgets render asynchronously after their output arrives.
    p.wait_for_function(
        f"""() => [...document.querySelectorAll('[data-mime-type="{WIDGET_MIME}"]')]
                  .every(o => o.querySelector('.lm-Widget, .jupyter-widgets, .widget-box, .js-plotly-plot'))""",
        timeout=60_000)
    p.wait_for_function(
        "() => [...document.querySelectorAll('.course-widget .js-plotly-plot')].every(f => f.querySelector('.main-svg'))",
        timeout=60_000)
    return time.perf_counter() - start


def outputs_text(p, mime: str) -> list[str]:
    return p.eval_on_selector_all(f'[data-mime-type="{mime}"]', "els => els.map(e => e.innerText)")


def assert_no_errors(p) -> None:
    errors = outputs_text(p, "application/vnd.jupyter.error") + outputs_text(p, "application/vnd.jupyter.stderr")
    errors = [e for e in errors if "Traceback" in e or "Error" in e]
    assert errors == [], f"cells show errors: {errors[:2]}"
    failed = [t for t in outputs_text(p, "text/plain") if FAILED_WIDGET.search(t)]
    assert failed == [], f"widgets did not render: {failed[:2]}"


def plot_points(p, root) -> int:
    return root.locator(".js-plotly-plot .point").count()


def interact_timeline(p, root) -> float:
    """Type a search into the timeline; the figure must show fewer points after the kernel answers."""
    before = plot_points(p, root)
    assert before > 0, "the timeline shows no points"
    search = root.locator("input[type=text]").first
    start = time.perf_counter()
    search.fill("treaty")
    search.press("Enter")
    p.wait_for_function(
        "([el, n]) => el.querySelectorAll('.js-plotly-plot .point').length !== n",
        arg=[root.element_handle(), before], timeout=30_000)
    elapsed = time.perf_counter() - start
    assert 0 < plot_points(p, root) < before
    return elapsed


def interact_selfcheck(p, root) -> float:
    """Answer the first question with the mouse and read the written feedback."""
    question = root.locator(".course-question").first
    question.locator("input[type=radio], input[type=checkbox]").first.check()
    start = time.perf_counter()
    question.get_by_role("button", name=re.compile(r"^Check")).click()
    feedback = question.locator(".course-feedback")
    p.wait_for_function("el => /Correct|Not quite|Partly/.test(el.innerText)",
                        arg=feedback.element_handle(), timeout=30_000)
    return time.perf_counter() - start


def interact_cards(p, root) -> float:
    """Search the deck; its status line ("Showing N of M players") must change after the kernel answers."""
    assert root.locator(".course-card").count() > 0, "the deck shows no cards"
    status = "el => el.querySelector('[role=status]').innerText"
    before = root.evaluate(status)
    search = root.locator("input[type=text]").first
    start = time.perf_counter()
    search.fill("secretary")
    search.press("Enter")
    # The HTML widget replaces its element on update: look the status up afresh each time.
    p.wait_for_function("([el, t]) => el.querySelector('[role=status]').innerText !== t",
                        arg=[root.element_handle(), before], timeout=30_000)
    elapsed = time.perf_counter() - start
    assert root.evaluate(status) != before
    return elapsed


def interact_office_lookup(p, root) -> float:
    """Type a date; the kernel's answer names the US president the course's data gives for it."""
    from widgets.players import office_holders

    day = "1987-12-08"
    president = office_holders(day)["us-president"][0][0].name
    box = root.locator("input[type=text]").first
    start = time.perf_counter()
    box.fill(day)
    box.press("Enter")
    p.wait_for_function("([el, name]) => el.innerText.includes(name)",
                        arg=[root.element_handle(), president], timeout=30_000)
    return time.perf_counter() - start


def interact_stakeholders(p, root) -> float:
    """Choose another negotiation; the table of placements below the map must change."""
    select = root.locator("select").first
    options = select.locator("option").all_inner_texts()
    assert len(options) >= 2, "the stakeholder map offers a single negotiation"
    before = root.inner_text()
    current = select.input_value()
    choice = next(o for o in select.locator("option").all() if o.get_attribute("value") != current)
    start = time.perf_counter()
    select.select_option(value=choice.get_attribute("value"))
    p.wait_for_function("([el, t]) => el.innerText !== t", arg=[root.element_handle(), before], timeout=30_000)
    elapsed = time.perf_counter() - start
    assert plot_points(p, root) > 0
    return elapsed


INTERACTIONS = {
    "course-timeline": interact_timeline,
    "course-selfcheck": interact_selfcheck,
    "course-cards": interact_cards,
    "course-office-lookup": interact_office_lookup,
    "course-stakeholders": interact_stakeholders,
}


def exercise_widgets(p, lesson: Path, record=None) -> list[str]:
    """One real interaction (with a kernel round trip) for the first widget of each kind on the page;
    each click→update time goes to ``record(lesson, key, seconds)`` (default: JupyterLab's timings file)."""
    record = record or _record_timing
    exercised = []
    for css, interact in INTERACTIONS.items():
        roots = p.locator(f".{css}")
        if roots.count():
            root = roots.first
            root.scroll_into_view_if_needed()
            record(lesson.stem, f"{css}_click_to_update_s", interact(p, root))
            exercised.append(css)
    assert exercised, "no widget could be exercised"
    return exercised


def audit(p, axe_source: str) -> list[dict]:
    p.add_script_tag(content=axe_source)
    result = p.evaluate(
        """async () => {
             const r = await axe.run({include: [['.course-widget']]},
                                     {resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
           }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_renders_and_responds(page, lab, lesson, axe_source):
    p = page.page
    rendered = open_and_run(p, lab, lesson)
    _record_timing(lesson.stem, "open_to_rendered_s", rendered)
    assert_no_errors(p)

    widgets = p.locator(".course-widget")
    assert widgets.count() > 0, "the lesson shows none of the course's widgets"
    for figure in p.locator(".course-widget .js-plotly-plot").all():
        # A FigureWidget far below the viewport may draw its frame before its traces; bring it
        # into view and give the points a moment on a busy machine.
        figure.scroll_into_view_if_needed()
        p.wait_for_function("el => el.querySelector('.point')", arg=figure.element_handle(), timeout=30_000)
        assert figure.locator(".point").count() > 0, "a plotly figure rendered without points"

    exercise_widgets(p, lesson)

    violations = audit(p, axe_source)
    p.screenshot(path=str(ARTIFACTS / f"{lesson.stem}.png"), full_page=False)
    assert violations == [], json.dumps(violations, indent=1)
    assert_no_errors(p)


def test_a_selfcheck_can_be_answered_with_the_keyboard_alone(page, lab):
    lesson = next(l for l in LESSONS if l.name.startswith("00_"))
    p = page.page
    open_and_run(p, lab, lesson)
    question = p.locator(".course-selfcheck .course-question").first
    question.scroll_into_view_if_needed()
    # Put the keyboard focus on the first option, as Tab would, then use only keys.
    question.locator("input[type=radio], input[type=checkbox]").first.focus()
    p.keyboard.press("Space")
    p.keyboard.press("ArrowDown")
    # Tab forward until the Check button has the focus, as a keyboard user would.
    for _ in range(12):
        p.keyboard.press("Tab")
        label = p.evaluate("() => document.activeElement && document.activeElement.innerText || ''")
        if label.strip().startswith("Check"):
            break
    else:
        pytest.fail("the Check button cannot be reached with Tab")
    p.keyboard.press("Enter")
    feedback = question.locator(".course-feedback")
    p.wait_for_function("el => /Correct|Not quite|Partly/.test(el.innerText)",
                        arg=feedback.element_handle(), timeout=30_000)
    assert re.search(r"Correct|Not quite|Partly", feedback.inner_text())


def test_a_long_selfcheck_pages_by_keyboard_and_keeps_the_focus(page, lab, axe_source):
    from widgets.data import load_bank
    from widgets.selfcheck import PAGE_SIZE

    lesson = next(l for l in LESSONS if l.name.startswith("01_"))
    n = len(load_bank("lesson01").questions)
    pages = -(-n // PAGE_SIZE)
    assert pages >= 3, "this test needs a bank of at least three pages"
    p = page.page
    open_and_run(p, lab, lesson)
    root = p.locator(".course-selfcheck").first
    root.scroll_into_view_if_needed()
    live = root.locator(".course-live [role=status][aria-live=polite]")
    assert live.inner_text() == f"Questions 1–{PAGE_SIZE} of {n} (page 1 of {pages})"
    assert root.locator(".course-question").count() == PAGE_SIZE

    def focused() -> str:
        return p.evaluate("() => (document.activeElement && document.activeElement.innerText || '').trim()")

    root.get_by_role("button", name="Next").focus()
    p.keyboard.press("Enter")
    p.wait_for_function(f"el => el.innerText.startsWith('Questions {PAGE_SIZE + 1}–')",
                        arg=live.element_handle(), timeout=30_000)
    assert f"Question {PAGE_SIZE + 1} of {n}" in root.locator(".course-question").first.inner_text()
    assert focused() == "Next", "the focus must stay on the button (JupyterLab would take the next key)"
    p.keyboard.press("Shift+Tab")
    assert focused() == "Previous"
    p.keyboard.press("Enter")
    p.wait_for_function("el => el.innerText.startsWith('Questions 1–')", arg=live.element_handle(), timeout=30_000)
    assert audit(p, axe_source) == []

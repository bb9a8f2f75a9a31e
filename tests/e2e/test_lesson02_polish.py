"""Lesson 02 as a student sees it in JupyterLab at 1366 px (issue 10, items 5, 8, 9): what only
the browser can tell. Source links on the cards are blue and underlined; the cards come before the
(folded) tenure chart; a long card's negotiation buttons show their whole titles; the stakeholder
map's markers and labels do not overlap; the "place an actor" activity records a placement and
shows the course's; the sources cell is a short summary with folded groups."""

from __future__ import annotations

import re

import pytest

from widgets.data import load_stakeholders
from widgets.players.stakeholders_view import StakeholderMap

from .conftest import ARTIFACTS, OfflinePage
from .test_lessons import LESSONS, assert_no_errors, audit, open_and_run

pytestmark = pytest.mark.browser

LESSON = next(l for l in LESSONS if l.name.startswith("02_"))


@pytest.fixture
def p1366(browser, lab):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    offline = OfflinePage(context.new_page())
    yield offline.page
    context.close()
    lab.shutdown_sessions()
    assert offline.blocked == [], offline.blocked[:5]


def test_lesson_02_cards_map_activity_and_sources_as_drawn(p1366, lab, axe_source):
    p = p1366
    open_and_run(p, lab, LESSON)
    assert_no_errors(p)
    deck = p.locator(".course-cards").first
    deck.scroll_into_view_if_needed()

    # Cards first; the tenure chart is folded under them (no figure between the filters and the cards).
    first_card = deck.locator(".course-card").first.bounding_box()
    toggle = deck.get_by_role("button", name=re.compile("Show the tenure chart"))
    assert toggle.bounding_box()["y"] > first_card["y"]
    assert deck.locator(".js-plotly-plot").count() == 0, "the tenure chart is open before the student asks"
    p.screenshot(path=str(ARTIFACTS / "02-cards-first-1366.png"))

    # Source links on a card look like links.
    link = deck.locator(".course-card a[href^='http']").first
    style = link.evaluate("a => { const s = getComputedStyle(a); return [s.color, s.textDecorationLine]; }")
    assert style[0] == "rgb(0, 114, 178)" and "underline" in style[1], style

    # The United States card: six negotiations shown in full, the others behind "Show all".
    search = deck.locator("input[type=text]").first
    deck.get_by_role("button", name=re.compile("Show everyone")).click()
    search.fill("United States")
    search.press("Enter")
    us = deck.locator(".course-card").filter(has_text="State · United States").first
    us.wait_for(timeout=30_000)
    us.scroll_into_view_if_needed()
    more = us.get_by_role("button", name=re.compile(r"Show all \d+ negotiations"))
    more.click()
    p.wait_for_function("el => [...el.querySelectorAll('.course-wrap-button')].filter(b => b.offsetParent).length > 6",
                        arg=us.element_handle(), timeout=30_000)
    cut = us.evaluate("""el => [...el.querySelectorAll('.course-wrap-button')].filter(b => b.offsetParent)
                          .filter(b => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > el.getBoundingClientRect().right + 1)
                          .map(b => b.textContent)""")
    assert cut == [], f"negotiation buttons cut off: {cut[:3]}"
    p.screenshot(path=str(ARTIFACTS / "02-united-states-card-1366.png"))

    # The stakeholder map: no marker or label on top of another, on every negotiation.
    smap = p.locator(".course-stakeholders").first
    smap.scroll_into_view_if_needed()
    pairs = """el => [...el.querySelectorAll('.scatterlayer .trace')].flatMap(t => {
      const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
      const texts = [...t.querySelectorAll('.text .textpoint text')];
      return [...t.querySelectorAll('.points .point')].map((m, i) => ({mark: box(m), label: texts[i] ? box(texts[i]) : null}));
    })"""

    def clashes(actors):
        def over(a, b):
            return a and b and min(a[1], b[1]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[2], b[2]) > 1
        return [(i, j) for i, a in enumerate(actors) for j, b in enumerate(actors) if i < j and
                (over(a["mark"], b["mark"]) or over(a["label"], b["label"]) or over(a["label"], b["mark"])
                 or over(b["label"], a["mark"]))]

    select = smap.locator("select").first
    # The browser's options carry the labels; the map's own Dropdown maps them to negotiation ids.
    ids = {label.replace("\xa0", " "): nid for label, nid in StakeholderMap.from_data().negotiation.options}
    ids.update({k.replace(" ", "\xa0"): v for k, v in list(ids.items())})
    for value in [o.get_attribute("value") for o in select.locator("option").all()]:
        before = smap.inner_text()
        if select.input_value() != value:
            select.select_option(value=value)
            p.wait_for_function("([el, t]) => el.innerText !== t", arg=[smap.element_handle(), before], timeout=30_000)
            p.wait_for_timeout(300)
        placed = len([x for x in load_stakeholders() if x.negotiation == ids[value]])
        p.wait_for_function("([el, n]) => el.querySelectorAll('.scatterlayer .points .point').length === n",
                            arg=[smap.element_handle(), placed], timeout=30_000)
        actors = smap.evaluate(pairs)
        assert len(actors) == placed and all(a["label"] for a in actors), f"{value}: the map draws {len(actors)} of {placed}"
        assert clashes(actors) == [], f"overlapping markers or labels on {value}"
    p.screenshot(path=str(ARTIFACTS / "02-stakeholder-map-1366.png"))
    # The map fills its output (it carries the course's page helper, which re-fits figures).
    p.wait_for_function("""el => { const f = el.querySelector('.js-plotly-plot');
        return f && f._fullLayout && f._fullLayout.width >= 0.9 * el.getBoundingClientRect().width; }""",
                        arg=smap.element_handle(), timeout=30_000)

    # Place an actor yourself: the course's placement appears only after Compare.
    act = p.locator(".course-place-actor").first
    act.scroll_into_view_if_needed()
    assert act.locator(".course-point").count() == 0
    boxes = act.locator("input[type=number]")
    boxes.nth(0).fill("3")
    boxes.nth(0).press("Enter")
    boxes.nth(1).fill("9")
    boxes.nth(1).press("Enter")
    act.get_by_role("button", name="Compare with the course").click()
    p.wait_for_function("el => /the course places it at/.test(el.innerText) && el.querySelector('.course-point')",
                        arg=act.element_handle(), timeout=30_000)
    assert "You placed" in act.inner_text() and "interest 3, influence 9" in act.inner_text()
    button = act.get_by_role("button", name="Compare with the course")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the Compare button is cut off"
    p.screenshot(path=str(ARTIFACTS / "02-place-actor-1366.png"))

    # Sources and further reading: one summary line, the groups folded except further reading.
    src = p.locator(".course-sources").first
    src.scroll_into_view_if_needed()
    assert re.match(r"Lesson 2: \d+ sources, each listed once", src.inner_text())
    assert src.locator("details[open]").count() == 1 and src.locator("details").count() >= 4
    assert audit(p, axe_source) == []

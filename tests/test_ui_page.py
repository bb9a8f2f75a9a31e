"""The course's page helper, stylesheet, lesson links and figure defaults (issue 10), without a browser.

What the browser draws with them is checked in tests/e2e/test_drawn.py.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from widgets.ui.html import lesson_link, wrap
from widgets.ui.page import PageHelper, helper, target_class
from widgets.ui.plot import MODEBAR_MARGIN, date_anchor, figure, go, static_figure
from widgets.ui.style import COURSE_CSS

ROOT = Path(__file__).resolve().parent.parent


def test_the_stylesheet_sets_the_course_type_and_is_carried_by_the_helper():
    assert PageHelper._css == COURSE_CSS
    # small text had ipywidgets' 28 px line height; lists past 99 lost their first digit
    assert re.search(r"\.widget-html > \.widget-html-content[^{]*\{[^}]*line-height: 1\.5", COURSE_CSS)
    assert re.search(r"\.course-widget ol \{ padding-left: 3em; \}", COURSE_CSS)
    assert ":focus-visible" in COURSE_CSS and "text-decoration: underline" in COURSE_CSS
    assert ".js-plotly-plot" in COURSE_CSS and "width: 100%" in COURSE_CSS


def test_every_course_widget_with_results_off_screen_carries_a_helper(tmp_path):
    from widgets.players import CardDeck
    from widgets.selfcheck import SelfCheck
    from widgets.timeline import Timeline

    for widget in (Timeline.from_data(), CardDeck.from_data(), SelfCheck.from_bank("lesson01")):
        assert any(isinstance(c, PageHelper) for c in widget.children), type(widget).__name__


def test_reveal_and_keep_focus_send_the_target_class(monkeypatch):
    import ipywidgets as ipw

    h = helper()
    sent = []
    monkeypatch.setattr(h, "send", sent.append)
    panel, button = ipw.HTML(), ipw.Button()
    h.reveal(panel)
    h.keep_focus(button)
    h.reveal(panel)
    cls = target_class(panel)
    assert cls in panel._dom_classes and target_class(button) != cls
    assert sent == [{"action": "reveal", "target": cls}, {"action": "focus", "target": target_class(button)},
                    {"action": "reveal", "target": cls}]
    assert list(panel._dom_classes).count(cls) == 1


def test_a_timeline_click_reveals_the_detail_but_the_keyboard_list_does_not(monkeypatch):
    from widgets.timeline import Timeline

    tl = Timeline.from_data()
    sent = []
    monkeypatch.setattr(tl.helper, "send", sent.append)
    tl._on_click(0, None, type("P", (), {"point_inds": [0]})())
    assert sent == [{"action": "reveal", "target": target_class(tl.detail)}]
    tl.event_list.value = tl.event_list.options[3][1]
    assert len(sent) == 1


def test_the_self_check_pager_disables_previous_on_page_1_and_reveals_new_pages(monkeypatch):
    from widgets.selfcheck import SelfCheck

    sc = SelfCheck.from_bank("lesson01")
    assert sc.pages >= 2 and sc.previous_button.disabled and not sc.next_button.disabled
    sent = []
    monkeypatch.setattr(sc.helper, "send", sent.append)
    sc.next_button.click()
    assert not sc.previous_button.disabled
    assert sent == [{"action": "reveal", "target": target_class(sc.page_box)},
                    {"action": "focus", "target": target_class(sc.previous_button)}]
    sc.previous_button.click()
    assert sc.previous_button.disabled and sent[-1] == {"action": "focus", "target": target_class(sc.next_button)}


def test_lesson_links_carry_the_lesson_and_the_section_and_open_no_new_tab():
    html = lesson_link("01_historical_context.ipynb#The-Cold-War%3A-1945", "Lesson 1 <b>")
    assert 'data-course-lesson="01_historical_context.ipynb"' in html
    assert 'data-course-anchor="The-Cold-War:-1945"' in html
    assert 'href="01_historical_context.ipynb#The-Cold-War%3A-1945"' in html
    assert "target=" not in html and "&lt;b&gt;" in html


def test_self_check_feedback_links_are_lesson_links():
    from widgets.selfcheck import section_link_html

    html = section_link_html(1, "The Cold War")
    assert 'class="course-lesson-link"' in html and "target=" not in html


def test_make_start_and_binder_expose_the_app_for_lesson_links():
    makefile = (ROOT / "Makefile").read_text()
    flags = re.search(r"^LAB_FLAGS \?=(.*?)(?<!\\)\n", makefile, re.M | re.S).group(1)
    assert "--LabApp.expose_app_in_browser=True" in shlex.split(flags.replace("\\\n", " "))
    post = (ROOT / "postBuild").read_text()
    assert '["expose_app_in_browser"] = True' in post and "jupyter_lab_config.json" in post
    conftest = (ROOT / "tests" / "e2e" / "conftest.py").read_text()
    assert "--LabApp.expose_app_in_browser=True" in conftest


def test_course_figures_fill_their_output_and_keep_the_mode_bar_in_the_margin():
    fig = figure([go.Bar(x=[1, 2])], dict(height=200, width=700, margin=dict(r=5)))
    assert fig.layout.width is None and fig.layout.autosize is True
    assert fig.layout.modebar.orientation == "v" and fig.layout.margin.r >= MODEBAR_MARGIN
    assert fig._config["displaylogo"] is False and fig._config["responsive"] is True
    wide = figure([], dict(margin=dict(r=80)))
    assert wide.layout.margin.r == 80
    plain = static_figure([go.Bar(x=[1])], dict(height=200)).bundle()
    spec = plain["application/vnd.plotly.v1+json"]
    assert spec["config"]["displaylogo"] is False and "width" not in spec["layout"]


def test_the_date_anchor_keeps_a_date_axis_and_draws_nothing():
    anchor = date_anchor("1950-01-01", "2026-01-01")
    assert list(anchor.x) == ["1950-01-01", "2026-01-01"] and list(anchor.y) == []
    assert anchor.hoverinfo == "skip" and anchor.showlegend is False
    from widgets.players import CardDeck

    deck = CardDeck.from_data()
    traces = deck.figure.data
    assert traces[0].name == "date-anchor" and all(t.type == "bar" for t in traces[1:])
    assert list(traces[0].x) == list(deck.figure.layout.xaxis.range)


@pytest.mark.parametrize("text,width,expected", [
    ("short", 60, "short"),
    ("one two three four", 9, "one two<br>three<br>four"),
    ("a<br>b c", 3, "a<br>b c"),
])
def test_wrap(text, width, expected):
    assert wrap(text, width) == expected


def test_fold_is_the_reference_accent_fold_only_faster():
    import random
    import unicodedata

    from widgets.ui.html import fold

    def reference(text):
        decomposed = unicodedata.normalize("NFKD", str(text).casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    random.seed(10)
    samples = ["Erdoğan", "Zoë Ádvisor", "Лавров Сергей", "ΣΊΣΥΦΟΣ", "Straße", "ﬁ", "İstanbul", "", "plain",
               "𝒜 and 𝅘𝅥𝅮 (outside the BMP)"]
    samples += ["".join(chr(random.choice([random.randint(32, 0x2FFF), random.randint(0x300, 0x36F),
                                           random.randint(0x1D100, 0x1D1FF)])) for _ in range(12))
                for _ in range(500)]
    assert [fold(s) for s in samples] == [reference(s) for s in samples]
    assert fold("Erdoğan") == "erdogan"

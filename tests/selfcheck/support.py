"""Helpers shared by the self-check tests: the fixture bank, and reading widgets as a student sees them."""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import ipywidgets as ipw

from widgets.data import Question, load_bank
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.question_views import QuestionView

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "selfcheck"


def view(sc: SelfCheck, qid: str) -> QuestionView:
    return next(v for v in sc.questions if v.question.id == qid)


def text_of(html_value: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", html_value))).strip()


def html_values(widget) -> list[str]:
    out = []
    if isinstance(widget, ipw.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out.extend(html_values(child))
    return out


def all_html(sc: SelfCheck) -> list[str]:
    """The HTML of the widget as shown, and of every question on every page (shown or not)."""
    return html_values(sc) + [h for v in sc.questions for h in html_values(v)]


def q(**kw) -> Question:
    base = dict(id="q", type="single", prompt="P", explanation="E", lesson=1, section="S", difficulty="easy")
    base.update(kw)
    return Question(**base)


QUIZ = load_bank("quiz", FIXTURES)


def answer(sc, qid, value):
    """Set a question's control to ``value`` and press Check."""
    v = view(sc, qid)
    v.choice.value = value
    v.check_button.click()


def shown(sc: SelfCheck) -> list[str]:
    """The ids of the questions on the page the student sees."""
    return [v.question.id for v in sc.page_box.children]

"""The view of one question: its answer control, Check / Hint / Show answer buttons and feedback areas.

One :class:`QuestionView` subclass per question type; :class:`QuestionViews` builds them
lazily for a self-check. Scoring and every HTML text come from the pure modules
(:mod:`~widgets.selfcheck.scoring`, :mod:`~widgets.selfcheck.feedback`); bank text is used
as plain text in the controls (``description_allow_html`` stays off).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import anywidget
import ipywidgets as ipw
import traitlets
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle
from traitlets import TraitError

from ..data import Question
from ..progress import Attempt
from ..ui.choices import CheckboxGroup, OrderList, RadioGroup
from ..ui.html import esc, paragraphs
from ..ui.style import TEXT_STYLE
from .feedback import feedback_html, hint_html, reveal_html, section_link_html
from .scoring import MARKS, TYPE_NAMES, Result, saved_answer, score, shuffled_items, shuffled_options

__all__ = [
    "Look",
    "button",
    "LiveText",
    "QuestionView",
    "SingleView",
    "TrueFalseView",
    "MultipleView",
    "OrderView",
    "NumberView",
    "WrittenView",
    "VIEWS",
    "QuestionViews",
]


class Look:
    """Layout and style models shared by the widgets of one self-check.

    Left alone, every ipywidgets control makes its own Layout model, every
    Button its own ButtonStyle and every HTML its own HTMLStyle: three models,
    and in a kernel three comm messages, for one button. Widgets that need
    nothing of their own share these instead (ipywidgets supports one Layout or
    style model shared by many widgets). They are never changed once made: a
    change would show on every widget that shares them.
    """

    @cached_property
    def plain(self) -> ipw.Layout:
        return ipw.Layout()

    @cached_property
    def auto(self) -> ipw.Layout:
        return ipw.Layout(width="auto")

    @cached_property
    def question(self) -> ipw.Layout:
        return ipw.Layout(margin="0 0 1em 0")

    @cached_property
    def essay(self) -> ipw.Layout:
        return ipw.Layout(width="95%", height="6em")

    @cached_property
    def button_style(self) -> ipw.ButtonStyle:
        return ipw.ButtonStyle()

    @cached_property
    def html_style(self) -> HTMLStyle:
        return HTMLStyle()

    @cached_property
    def text_style(self) -> TextStyle:
        return TextStyle(description_width="initial")

    def html(self, value: str = "") -> ipw.HTML:
        return ipw.HTML(value, layout=self.plain, style=self.html_style)

    def hbox(self, children: Sequence[ipw.Widget]) -> ipw.HBox:
        return ipw.HBox(list(children), layout=self.plain)

    def vbox(self, children: Sequence[ipw.Widget]) -> ipw.VBox:
        return ipw.VBox(list(children), layout=self.plain)


def button(description: str, tooltip: str, look: Look | None = None, **kw: Any) -> ipw.Button:
    """A button as wide as its label, with a tooltip; it shares ``look``'s layout and style when given."""
    if look is None:
        return ipw.Button(description=description, tooltip=tooltip, layout=ipw.Layout(width="auto"), **kw)
    return ipw.Button(description=description, tooltip=tooltip, layout=look.auto, style=look.button_style, **kw)


class LiveText(anywidget.AnyWidget):
    """One line of plain text in a polite live region: a screen reader reads each new value aloud.

    An ipywidgets HTML widget replaces its whole content at each change, so a
    ``role="status"`` element inside it is new each time, and screen readers
    do not reliably announce a live region that has just appeared. Here the
    region stays and only its text changes; the text is set with
    ``textContent``, never as HTML.
    """

    _esm = r"""
function render({ model, el }) {
  el.classList.add("course-live");
  const region = document.createElement("p");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.textContent = model.get("value");
  el.append(region);
  const update = () => { region.textContent = model.get("value"); };
  model.on("change:value", update);
  return () => model.off("change:value", update);
}
export default { render };
"""
    _css = ".course-live { align-self: center; } .course-live p { margin: 0 0.8em; line-height: 1.5; }"
    value = traitlets.Unicode("").tag(sync=True)


class QuestionView(ipw.VBox):
    """One question: its input controls, Check / Hint / Show answer buttons and feedback areas."""

    check_label = "Check"

    def __init__(
        self,
        question: Question,
        bank_id: str,
        number: int,
        total: int,
        on_attempt: Callable[["QuestionView", Result], None] | None = None,
        lessons_dir: str | Path | None = None,
        *,
        look: Look | None = None,
    ):
        self.question = question
        self.bank_id = bank_id
        self.number = number
        self.on_attempt = on_attempt
        self.result: Result | None = None
        self.tries = 0
        self._look = look = look if look is not None else Look()
        self.link_html = section_link_html(question.lesson, question.section, lessons_dir)
        kind = TYPE_NAMES.get(question.type, question.type)
        self.prompt = look.html(
            f'<div style="{TEXT_STYLE}"><p><strong>Question {number} of {total}</strong> '
            f"<em>({esc(kind)}, {esc(question.difficulty)})</em></p>{paragraphs(question.prompt)}</div>"
        )
        self.choice = self._build_input()
        self.check_button = button(self.check_label, f"Check your answer to question {number}", look, button_style="primary")
        self.hint_button = button("Hint", f"A hint for question {number}: available after a try that is not right", look, disabled=True)
        self.reveal_button = button("Show answer", f"Show the answer to question {number}", look)
        self.feedback = look.html()
        self.hint = look.html()
        self.answer = look.html()
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.show_hint())
        self.reveal_button.on_click(lambda _b: self.reveal())
        buttons = look.hbox([self.check_button, *self._extra_buttons(), self.hint_button, self.reveal_button])
        super().__init__([self.prompt, self.choice, buttons, self.feedback, self.hint, self.answer], layout=look.question)
        self.add_class("course-question")
        self.feedback.add_class("course-feedback")
        self.hint.add_class("course-hint")
        self.answer.add_class("course-answer")

    # subclasses: build the input, read it, and put a saved answer back into it
    def _build_input(self) -> ipw.Widget:
        raise NotImplementedError

    def _extra_buttons(self) -> list[ipw.Widget]:
        return []

    def current_answer(self) -> Any:
        raise NotImplementedError

    def _restore_input(self, answer: Any) -> None:
        """Set the controls from a saved answer, as :func:`saved_answer` gives it."""
        raise NotImplementedError

    def check(self) -> Result:
        result = score(self.question, self.current_answer())
        self._show(result)
        if result.valid:
            self.tries += 1
            if self.on_attempt is not None:
                self.on_attempt(self, result)
        return result

    def _show(self, result: Result, note: str = "") -> None:
        if result.valid:
            self.result = result
            self.hint_button.disabled = result.correct is not False
        self.feedback.value = feedback_html(self.question, result, self.link_html, note)

    def show_hint(self) -> None:
        self.hint.value = hint_html(self.question, self.link_html)

    def reveal(self) -> None:
        self.answer.value = reveal_html(self.question)

    def restore(self, attempt: Attempt) -> bool:
        """Show a saved attempt (after a restart) as if it had just been made; False if it no longer fits."""
        try:
            answer = saved_answer(self.question, attempt)
            result = score(self.question, answer)
            if not result.valid:
                return False
            self._restore_input(answer)
        except (ValueError, KeyError, TypeError, TraitError):
            return False
        self._show(result, note="Your saved answer from an earlier session:")
        return True


class SingleView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return RadioGroup([o.text for o in self.options], description="Choose one answer:", layout=self._look.plain)

    def current_answer(self) -> Any:
        return self.choice.value

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class TrueFalseView(SingleView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return RadioGroup([o.text for o in self.options], description="True or false?", layout=self._look.plain)

    def current_answer(self) -> Any:
        return None if self.choice.value is None else self.choice.value == "True"


class MultipleView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        self.options = shuffled_options(self.question, self.bank_id)
        return CheckboxGroup([o.text for o in self.options], description="Select all that apply:", layout=self._look.plain)

    def current_answer(self) -> Any:
        return list(self.choice.value)

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class OrderView(QuestionView):
    """One drop-down per position, starting from a fixed shuffle.

    Choosing an item does not move any other item: a closed drop-down changes
    its value at every arrow-key press, and a swap at each press would scramble
    the other positions. An item placed twice gets a message in words at Check.
    """

    def _build_input(self) -> ipw.Widget:
        start = shuffled_items(self.question, self.bank_id)
        return OrderList(
            list(start),
            value=list(start),
            description="Choose the item for each position, the first at position 1; use each item once:",
            layout=self._look.plain,
        )

    def current_answer(self) -> Any:
        return list(self.choice.value)

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class NumberView(QuestionView):
    def _build_input(self) -> ipw.Widget:
        unit = f" (in {self.question.unit})" if self.question.unit else ""
        return ipw.Text(
            value="",
            description="Your answer",
            placeholder=f"a number{unit}",
            style=self._look.text_style,
            layout=self._look.plain,
        )

    def current_answer(self) -> Any:
        return self.choice.value

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer


class WrittenView(QuestionView):
    """Write, compare with the model answer, then mark yourself: I got it / Partly / Not yet."""

    check_label = "Compare with the model answer"

    def _build_input(self) -> ipw.Widget:
        return ipw.Textarea(
            value="",
            description="Your answer",
            placeholder="Write a few sentences",
            style=self._look.text_style,
            layout=self._look.essay,
        )

    def _extra_buttons(self) -> list[ipw.Widget]:
        self.mark_buttons: dict[str, ipw.Button] = {}
        for key, (label, _c, _s) in MARKS.items():
            b = button(label, f"Mark your answer to question {self.number}: {label}", self._look, disabled=True)
            b.on_click(lambda _b, key=key: self.mark(key))
            self.mark_buttons[key] = b
        return list(self.mark_buttons.values())

    def current_answer(self) -> Any:
        return self.choice.value

    def check(self) -> Result:
        result = super().check()
        if result.valid:
            for b in self.mark_buttons.values():
                b.disabled = False
        return result

    def mark(self, key: str) -> Result:
        result = score(self.question, (self.choice.value, key))
        self._show(result)
        if result.valid:
            self.tries += 1
            if self.on_attempt is not None:
                self.on_attempt(self, result)
        return result

    def _restore_input(self, answer: Any) -> None:
        self.choice.value = answer[0]
        for b in self.mark_buttons.values():
            b.disabled = False


VIEWS: dict[str, type[QuestionView]] = {
    "single": SingleView,
    "truefalse": TrueFalseView,
    "multiple": MultipleView,
    "order": OrderView,
    "number": NumberView,
    "written": WrittenView,
}


class QuestionViews(Sequence):
    """The question views of a self-check, in bank order, each built the first time it is needed.

    ``len()`` counts every question, built or not. Indexing or iterating builds
    a view on first access, and a view shows its question's saved answer from
    the moment it is built. :attr:`built` lists the views built so far without
    building more; :attr:`records` gives the questions themselves.
    """

    def __init__(self, records: Sequence[Question], build: Callable[[int, dict[str, Attempt] | None], QuestionView]):
        self._records = tuple(records)
        self._build = build
        self._views: list[QuestionView | None] = [None] * len(self._records)
        self._index = {q.id: i for i, q in enumerate(self._records)}

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self.get(i) for i in range(*index.indices(len(self)))]
        return self.get(index)

    def get(self, index: int, latest: dict[str, Attempt] | None = None) -> QuestionView:
        """The view at ``index``, built now if it was not yet (``latest``: the store's latest attempts, if at hand)."""
        i = operator.index(index)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"question index {index} out of range (this self-check has {len(self)} questions)")
        view = self._views[i]
        if view is None:
            view = self._views[i] = self._build(i, latest)
        return view

    def is_built(self, index: int) -> bool:
        return self._views[index] is not None

    @property
    def built(self) -> tuple[QuestionView, ...]:
        return tuple(v for v in self._views if v is not None)

    @property
    def records(self) -> tuple[Question, ...]:
        return self._records

    def index_of(self, question_id: str) -> int:
        """The position of a question by its id; KeyError names the known ids if there is none."""
        try:
            return self._index[question_id]
        except KeyError:
            raise KeyError(f"no question {question_id!r} in this self-check (questions: {', '.join(self._index)})") from None

    def __repr__(self) -> str:
        return f"<QuestionViews: {len(self)} questions, {len(self.built)} built>"

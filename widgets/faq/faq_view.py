"""``FAQ``: the course's questions and answers, searchable; each answer folds out with links and sources."""

from __future__ import annotations

import os

import ipywidgets as ipw

from ..data import DataError
from ..selfcheck.question_views import LiveText, button
from ..ui.html import box, esc
from ..ui.style import VERMILLION
from .model import FaqItem, faq_items, items_html, result_text, search

__all__ = ["FAQ"]


class FAQ(ipw.VBox):
    """Type in **Search the questions** to narrow the list; **Show all** clears it. Every answer folds out."""

    def __init__(self, items: tuple[FaqItem, ...] | None = None, *, folder=None, lessons_dir: str | os.PathLike[str] | None = None,
                 error: str = ""):
        self.items = tuple(items or ())
        self.lessons_dir = lessons_dir
        self.error = error
        self.search = ipw.Text(value="", description="Search the questions", placeholder="a word, e.g. START, mediator, Türkiye",
                               continuous_update=True, style={"description_width": "initial"},
                               layout=ipw.Layout(width="auto", flex="1 1 auto", max_width="36em"))
        self.clear_button = button("Show all", "Clear the search and show every question")
        self.status = LiveText(layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.results = ipw.HTML("")
        self.shown: list[FaqItem] = []
        if error:
            self.results.value = box(VERMILLION, f"<p><strong>✗ The FAQ could not be loaded.</strong></p><p>{esc(error)}</p>")
        self.search.observe(lambda _c: self.update(), names="value")
        self.clear_button.on_click(lambda _b: self.clear())
        controls = ipw.HBox([self.search, self.clear_button], layout=ipw.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__([controls, self.status, self.results], layout=ipw.Layout(max_width="60em"))
        self.add_class("course-widget")
        self.add_class("course-faq")
        if not error:
            self.update()

    @classmethod
    def from_data(cls, folder=None, lessons_dir: str | os.PathLike[str] | None = None) -> "FAQ":
        """The FAQ of ``data/faq.toml`` (or of ``folder``)."""
        try:
            return cls(faq_items(folder, lessons_dir), folder=folder, lessons_dir=lessons_dir)
        except DataError as exc:
            return cls((), folder=folder, lessons_dir=lessons_dir, error=str(exc))

    @property
    def shown_ids(self) -> list[str]:
        return [i.id for i in self.shown]

    def update(self) -> None:
        if self.error:
            return
        self.shown = search(self.items, self.search.value)
        self.status.value = result_text(len(self.shown), len(self.items), self.search.value)
        self.results.value = items_html(self.shown, self.lessons_dir)

    def clear(self) -> None:
        self.search.value = ""
        self.update()

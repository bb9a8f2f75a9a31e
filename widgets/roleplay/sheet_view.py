"""The deal-sheet form: each party of a group records the agreed package and its exit survey.

A party types its group, picks its role, says whether an agreement was reached, picks the agreed
option on every issue and answers the exit survey (1-7), then presses **Save my deal sheet**: the
CSV goes into the deals folder (one file per party per group, ``group-<g>_<role>.csv``). The form
then checks the group's sheets saved so far (:func:`widgets.roleplay.sheets.compare`): where they
differ, issue by issue, or, when they match, the deal's score for each side against the Pareto
front and the Nash point. Controls are the course's keyboard-safe radio groups.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as ipw

from widgets.course import handins_dir
from widgets.data import load_roleplay
from widgets.data.roleplay import RolePlay
from widgets.roleplay.debrief import DEFAULT_ROLEPLAY
from widgets.roleplay.debrief_view import resolve_folder
from widgets.roleplay.scoring import Scorer
from widgets.roleplay.sheets import compare, read_folder, write_sheet
from widgets.ui.choices import RadioGroup
from widgets.ui.html import box, esc
from widgets.ui.page import helper
from widgets.ui.style import GREEN, ORANGE, TEXT_STYLE, VERMILLION

__all__ = ["DealSheetForm"]

YES, NO = "Yes, we agreed a package", "No agreement"
SCALE = [str(n) for n in range(1, 8)]
# The 1-7 answers of the exit survey on one line (the course's radio groups stack their options).
SCALE_CSS = ("<style>.course-roleplay-scale fieldset > div { display: flex; flex-wrap: wrap; gap: 0 1.4em; }"
             "</style>")


class DealSheetForm(ipw.VBox):
    """One party's deal sheet; ``save()`` writes it and returns the group check's text."""

    def __init__(self, roleplay: RolePlay, folder: str | os.PathLike[str]):
        self.roleplay = roleplay
        self.folder = Path(folder)
        self.scorer = Scorer(roleplay)
        self.group = ipw.Text(description="Group", placeholder="e.g. 3", layout=ipw.Layout(width="14em"))
        self.role = RadioGroup(options=[r.title for r in roleplay.roles], description="Your role")
        self.agreement = RadioGroup(options=[YES, NO], description="Was an agreement reached?")
        self.issues = [RadioGroup(options=[o.label for o in issue.options], description=issue.title)
                       for issue in roleplay.scenario.issues]
        self.survey = [RadioGroup(options=SCALE, description=f"{s.question} (1 = not at all, 7 = completely)")
                       for s in roleplay.survey]
        for w in self.survey:
            w.add_class("course-roleplay-scale")
        self.save_button = ipw.Button(description="Save my deal sheet", button_style="primary",
                                      layout=ipw.Layout(width="auto", align_self="flex-start"))
        self.save_button.on_click(lambda _: self.save())
        self.result = ipw.HTML()
        self.agreement.observe(self._on_agreement, "value")
        intro = ipw.HTML(f'<p style="{TEXT_STYLE}">Fill this in on your own, without looking at the other parties\' '
                         f"sheets. It is saved in <code>{esc(self.folder)}</code>.</p>")
        self.issue_box = ipw.VBox(self.issues)
        style = ipw.HTML(SCALE_CSS, layout=ipw.Layout(height="0", margin="0"))
        super().__init__(children=[helper(), style, intro, self.group, self.role, self.agreement, self.issue_box,
                                   ipw.HTML(f'<h4 style="{TEXT_STYLE}">Exit survey</h4>'), *self.survey,
                                   self.save_button, self.result])
        self.add_class("course-widget")
        self.add_class("course-deal-sheet")

    @classmethod
    def from_data(cls, folder: str | os.PathLike[str] | None = None, roleplay: str = DEFAULT_ROLEPLAY,
                  data_folder=None) -> "DealSheetForm":
        """The form for ``roleplay``; sheets go to ``folder`` (default: ``hand-ins/deals/``, ignored by git)."""
        target = handins_dir() / "deals" if folder is None else resolve_folder(folder)
        return cls(load_roleplay(roleplay, data_folder), target)

    def _on_agreement(self, change) -> None:
        self.issue_box.layout.display = "none" if change["new"] == NO else None

    def _problems(self) -> list[str]:
        out = []
        if not self.group.value.strip():
            out.append("Type your group's name or number.")
        if self.role.value is None:
            out.append("Choose your role.")
        if self.agreement.value is None:
            out.append("Say whether an agreement was reached.")
        elif self.agreement.value == YES:
            missing = [w.description for w in self.issues if w.value is None]
            if missing:
                out.append("Choose the agreed option for: " + ", ".join(missing) + ".")
        return out

    def save(self) -> str:
        problems = self._problems()
        if problems:
            self.result.value = box(VERMILLION, "".join(f"<p>{esc(p)}</p>" for p in problems), role="alert")
            return " ".join(problems)
        rp = self.roleplay
        role = next(r for r in rp.roles if r.title == self.role.value)
        agreed = self.agreement.value == YES
        choice = None
        if agreed:
            choice = {}
            for issue, w in zip(rp.scenario.issues, self.issues):
                choice[issue.id] = next(o.id for o in issue.options if o.label == w.value)
        survey = {s.id: int(w.value) for s, w in zip(rp.survey, self.survey) if w.value is not None}
        group = self.group.value.strip()
        path = write_sheet(self.folder, rp, group, role.id, agreed, choice, survey)
        text = f"Saved {path.name}. " + self.check_group(group)
        colour = GREEN if "match" in text and "differ" not in text else ORANGE
        self.result.value = box(colour, f"<p>{esc(text)}</p>")
        return text

    def check_group(self, group: str) -> str:
        """The group's sheets saved so far: do they match, and what is the deal worth?"""
        read = read_folder(self.folder, self.roleplay)
        sheets = read.groups.get(group, [])
        if not sheets:
            return f"No sheets for group {group} yet."
        check = compare(sheets, self.roleplay)
        text = check.text()
        if check.match:
            text += " " + self.scorer.sentence(self.scorer.score(check.choice if check.agreed else None))
        return text

"""Deal sheets: what each party of a group wrote down at the end of the role-play; pure.

One CSV per party per group, columns ``group,role,item,value``, one row per item:

- ``agreement``: ``yes`` or ``no`` (no agreement: the issue rows may be left out);
- one row per issue of the scenario: the issue's id and the id (or the label) of the agreed option;
- one row per exit-survey question: its id and a whole number from 1 (not at all) to 7 (completely).

``read_sheet`` reads one file (a ``DataError`` names the file, the row and the cell);
``read_folder`` reads every ``*.csv`` of a folder, names and skips the malformed ones and groups the
rest; ``compare`` says whether one group's sheets agree on every issue and exactly where they differ.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..data import DataError, read_csv
from ..data.files import _display
from ..data.roleplay import RolePlay

__all__ = ["COLUMNS", "DealSheet", "GroupCheck", "FolderRead", "read_sheet", "read_folder", "compare",
           "sheet_text", "write_sheet", "sheet_name", "SCALE"]

COLUMNS = ("group", "role", "item", "value")
SCALE = (1, 7)


@dataclass(frozen=True)
class DealSheet:
    path: str  # as shown in messages
    group: str
    role: str
    agreed: bool
    choice: tuple[str | None, ...]  # option id per scenario issue (None: not filled in)
    survey: tuple[tuple[str, int], ...]  # (question id, 1-7)


@dataclass(frozen=True)
class GroupCheck:
    group: str
    sheets: tuple[DealSheet, ...]
    match: bool
    agreed: bool  # every sheet says an agreement was reached (and they match)
    choice: tuple[str, ...] | None  # the agreed option per issue when the sheets match and agree
    differences: tuple[str, ...]  # one sentence per disagreement
    titles: tuple[str, ...] = ()  # the sheets' role titles, in the same order

    def text(self) -> str:
        roles = ", ".join(self.titles or [s.role for s in self.sheets])
        if not self.match:
            return f"Group {self.group}: the sheets ({roles}) differ. " + " ".join(self.differences)
        if not self.agreed:
            return f"Group {self.group}: the sheets ({roles}) agree that there was no agreement."
        return f"Group {self.group}: the sheets ({roles}) match on every issue."


@dataclass
class FolderRead:
    groups: dict[str, list[DealSheet]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # one message per file not used


def sheet_name(group: str, role: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", group.strip()) or "x"
    return f"group-{safe}_{role}.csv"


def _option_id(issue, value: str) -> str | None:
    v = value.strip()
    for o in issue.options:
        if v == o.id or v.casefold() == o.label.casefold():
            return o.id
    return None


def read_sheet(path: str | Path, roleplay: RolePlay) -> DealSheet:
    """One deal sheet; every problem in it is reported, naming the file and the row."""
    path = Path(path)
    where = _display(path)
    issues = {i.id: i for i in roleplay.scenario.issues}
    survey_ids = {s.id for s in roleplay.survey}
    role_ids = [r.id for r in roleplay.roles]
    problems: list[str] = []
    group = role = None
    agreed: bool | None = None
    choice: dict[str, str] = {}
    survey: dict[str, int] = {}
    seen: dict[str, int] = {}
    for row_no, row in read_csv(path, COLUMNS, what="a role-play deal sheet"):
        at = f"{where}, row {row_no}"
        g, r, item, value = (row[c] for c in COLUMNS)
        if not g:
            problems.append(f"{at}, column 'group': missing (expected the group's name or number)")
        elif group is None:
            group = g
        elif g != group:
            problems.append(f"{at}, column 'group': {g!r} differs from {group!r} on an earlier row (one group per sheet)")
        if r not in role_ids:
            problems.append(f"{at}, column 'role': {r!r} is not a role of '{roleplay.id}' (expected one of: {', '.join(role_ids)})")
        elif role is None:
            role = r
        elif r != role:
            problems.append(f"{at}, column 'role': {r!r} differs from {role!r} on an earlier row (one role per sheet)")
        if item in seen:
            problems.append(f"{at}, column 'item': {item!r} is given twice (first on row {seen[item]})")
            continue
        seen[item] = row_no
        if item == "agreement":
            if value.lower() not in ("yes", "no"):
                problems.append(f"{at}, column 'value': {value!r} is not yes or no (was an agreement reached?)")
            else:
                agreed = value.lower() == "yes"
        elif item in issues:
            if not value:
                continue
            oid = _option_id(issues[item], value)
            if oid is None:
                opts = ", ".join(o.id for o in issues[item].options)
                problems.append(f"{at}, column 'value': {value!r} is not an option of issue '{item}' (expected one of: {opts})")
            else:
                choice[item] = oid
        elif item in survey_ids:
            if not value:
                continue
            try:
                n = int(value)
            except ValueError:
                n = None
            if n is None or not SCALE[0] <= n <= SCALE[1]:
                problems.append(f"{at}, column 'value': {value!r} is not a whole number from {SCALE[0]} to {SCALE[1]} (survey '{item}')")
            else:
                survey[item] = n
        else:
            known = ["agreement", *issues, *(s.id for s in roleplay.survey)]
            problems.append(f"{at}, column 'item': {item!r} is not an item of the deal sheet (expected one of: {', '.join(known)})")
    if agreed is None and not any("'agreement'" in p for p in problems):
        problems.append(f"{where}: no 'agreement' row (expected agreement,yes or agreement,no)")
    if agreed:
        missing = [i for i in issues if i not in choice]
        if missing:
            problems.append(f"{where}: an agreement is marked but no option is given for: {', '.join(missing)}")
    if problems:
        raise DataError(problems)
    return DealSheet(path=where, group=group or "", role=role or "", agreed=bool(agreed),
                     choice=tuple(choice.get(i) for i in issues),
                     survey=tuple((s.id, survey[s.id]) for s in roleplay.survey if s.id in survey))


def read_folder(folder: str | Path, roleplay: RolePlay) -> FolderRead:
    """Every ``*.csv`` in ``folder`` (by name): good sheets grouped by group; the others named and skipped."""
    folder = Path(folder)
    out = FolderRead()
    if not folder.is_dir():
        out.skipped.append(f"{_display(folder)}: no such folder (expected a folder of deal sheets)")
        return out
    seen: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.csv")):
        try:
            sheet = read_sheet(path, roleplay)
        except DataError as exc:
            out.skipped.append("; ".join(exc.problems))
            continue
        key = (sheet.group, sheet.role)
        if key in seen:
            out.skipped.append(f"{sheet.path}: a second sheet for role '{sheet.role}' in group {sheet.group} "
                               f"(the first is {seen[key]}); skipped")
            continue
        seen[key] = sheet.path
        out.groups.setdefault(sheet.group, []).append(sheet)
    return out


def compare(sheets: Sequence[DealSheet], roleplay: RolePlay) -> GroupCheck:
    """Do one group's sheets agree? Every difference named: which issue, who wrote which option."""
    issues = roleplay.scenario.issues
    order = {r.id: k for k, r in enumerate(roleplay.roles)}
    sheets = sorted(sheets, key=lambda s: order.get(s.role, len(order)))
    title = lambda role_id: roleplay.role(role_id).title  # noqa: E731
    group = sheets[0].group if sheets else ""
    diffs: list[str] = []
    parties = {r.id for r in roleplay.parties}
    missing = sorted(parties - {s.role for s in sheets})
    if missing:
        diffs.append(f"No sheet from: {', '.join(roleplay.role(m).title for m in missing)}.")
    flags = {s.agreed for s in sheets}
    if len(flags) > 1:
        yes = ", ".join(title(s.role) for s in sheets if s.agreed)
        no = ", ".join(title(s.role) for s in sheets if not s.agreed)
        diffs.append(f"Agreement: {yes} wrote yes, {no} wrote no.")
    agreed = flags == {True}
    if agreed:
        for k, issue in enumerate(issues):
            values = {s.choice[k] for s in sheets}
            if len(values) > 1:
                said = "; ".join(f"{title(s.role)} wrote '{_label(issue, s.choice[k])}'" for s in sheets)
                diffs.append(f"{issue.title}: {said}.")
    match = not diffs
    choice = tuple(sheets[0].choice) if match and agreed and sheets else None
    return GroupCheck(group=group, sheets=tuple(sheets), match=match, agreed=agreed and match,
                      choice=choice, differences=tuple(diffs), titles=tuple(title(s.role) for s in sheets))


def _label(issue, option_id: str | None) -> str:
    for o in issue.options:
        if o.id == option_id:
            return o.label
    return "(nothing)"


def sheet_text(roleplay: RolePlay, group: str, role: str, agreed: bool,
               choice: Mapping[str, str] | None = None, survey: Mapping[str, int] | None = None) -> str:
    """A deal sheet as CSV text (what the deal-sheet widget saves and the tests generate)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerow([group, role, "agreement", "yes" if agreed else "no"])
    for issue in roleplay.scenario.issues:
        value = (choice or {}).get(issue.id)
        if value is not None:
            w.writerow([group, role, issue.id, value])
    for s in roleplay.survey:
        if survey and s.id in survey:
            w.writerow([group, role, s.id, survey[s.id]])
    return buf.getvalue()


def write_sheet(folder: str | Path, roleplay: RolePlay, group: str, role: str, agreed: bool,
                choice: Mapping[str, str] | None = None, survey: Mapping[str, int] | None = None) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sheet_name(group, role)
    path.write_text(sheet_text(roleplay, group, role, agreed, choice, survey), encoding="utf-8")
    return path


def groups_in_order(names: Iterable[str]) -> list[str]:
    """Group names with numbers in numeric order (2 before 10)."""
    return sorted(names, key=lambda g: (0, int(g), "") if g.isdigit() else (1, 0, g))

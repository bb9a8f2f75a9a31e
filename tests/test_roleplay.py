"""The role-play's deal sheets, scoring, handouts and debrief (instructor kit, issue 15)."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from widgets.data import DataError, load_roleplay
from widgets.negotiation import nash_bargain, pareto_front
from widgets.roleplay.debrief import debrief
from widgets.roleplay.handouts import instructor_packet, role_handout, write_handouts
from widgets.roleplay.scoring import Scorer
from widgets.roleplay.sheets import compare, read_folder, read_sheet, sheet_text, write_sheet

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "instructors" / "example-deals"
RP = load_roleplay("strategic-arms-trilateral")
NASH = {"ceiling": "1550", "verification": "inspections", "missile-defence": "transparency",
        "sanctions": "limited", "others": "all-five"}


def _write(folder, group, role, agreed=True, choice=NASH, survey=None):
    return write_sheet(folder, RP, group, role, agreed, choice, survey)


# ------------------------------------------------------------------ deal sheets


def test_a_sheet_round_trips(tmp_path):
    path = _write(tmp_path, "3", "us", survey={"outcome": 6, "process": 2})
    sheet = read_sheet(path, RP)
    assert (sheet.group, sheet.role, sheet.agreed) == ("3", "us", True)
    assert sheet.choice == tuple(NASH[i.id] for i in RP.scenario.issues)
    assert sheet.survey == (("outcome", 6), ("process", 2))
    assert path.name == "group-3_us.csv"


def test_an_option_may_be_given_by_its_label(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text(sheet_text(RP, "1", "russia", True, {**NASH, "verification": "on-site inspections as under New START"}))
    assert read_sheet(p, RP).choice[1] == "inspections"


def test_matching_sheets(tmp_path):
    for role in ("us", "russia", "mediator"):
        _write(tmp_path, "1", role)
    read = read_folder(tmp_path, RP)
    check = compare(read.groups["1"], RP)
    assert check.match and check.agreed and check.differences == ()
    assert check.choice == tuple(NASH[i.id] for i in RP.scenario.issues)
    assert check.text() == ("Group 1: the sheets (The US delegation, The Russian delegation, The mediator) "
                            "match on every issue.")


def test_mismatching_sheets_say_exactly_where(tmp_path):
    _write(tmp_path, "2", "us")
    _write(tmp_path, "2", "russia", choice={**NASH, "verification": "data", "others": "china"})
    _write(tmp_path, "2", "mediator")
    check = compare(read_folder(tmp_path, RP).groups["2"], RP)
    assert not check.match and check.choice is None
    assert check.differences == (
        "Verification: The US delegation wrote 'On-site inspections as under New START'; The Russian delegation "
        "wrote 'Data exchanges and notifications'; The mediator wrote 'On-site inspections as under New START'.",
        "Other nuclear powers: The US delegation wrote 'Talks that include China, Britain and France'; The Russian "
        "delegation wrote 'A commitment to talks that include China'; The mediator wrote 'Talks that include China, "
        "Britain and France'.",
    )


def test_agreement_disagreement_and_a_missing_party(tmp_path):
    _write(tmp_path, "4", "us")
    _write(tmp_path, "4", "mediator", agreed=False, choice=None)
    check = compare(read_folder(tmp_path, RP).groups["4"], RP)
    assert "No sheet from: The Russian delegation." in check.differences
    assert "Agreement: The US delegation wrote yes, The mediator wrote no." in check.differences


def test_no_agreement_on_every_sheet_is_a_match(tmp_path):
    for role in ("us", "russia"):
        _write(tmp_path, "5", role, agreed=False, choice=None)
    check = compare(read_folder(tmp_path, RP).groups["5"], RP)
    assert check.match and not check.agreed and "agree that there was no agreement" in check.text()


@pytest.mark.parametrize("body, message", [
    ("group,role,item,value\n1,us,agreement,maybe\n", r"row 2, column 'value': 'maybe' is not yes or no"),
    ("group,role,item,value\n1,usa,agreement,yes\n", r"row 2, column 'role': 'usa' is not a role"),
    ("group,role,item,value\n1,us,agreement,no\n1,us,colour,red\n", r"row 3, column 'item': 'colour' is not an item"),
    ("group,role,item,value\n1,us,agreement,no\n1,us,outcome,8\n", r"row 3, column 'value': '8' is not a whole number from 1 to 7"),
    ("group,role,item,value\n1,us,agreement,yes\n1,us,ceiling,1550\n", r"an agreement is marked but no option is given for: verification"),
    ("group,role,item,value\n1,us,ceiling,1550\n", r"no 'agreement' row"),
    ("group,role,item,value\n1,us,agreement,no\n2,us,outcome,3\n", r"row 3, column 'group': '2' differs from '1'"),
    ("group,role,item,value\n1,us,agreement,no\n1,us,agreement,no\n", r"row 3, column 'item': 'agreement' is given twice"),
    ("name,score\nada,3\n", r"not a role-play deal sheet: missing column"),
    ("", r"empty|no data|header"),
])
def test_malformed_sheets_are_named(tmp_path, body, message):
    p = tmp_path / "bad.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_sheet(p, RP)
    text = "; ".join(exc.value.problems)
    assert "bad.csv" in text and re.search(message, text), text


# ------------------------------------------------------------------ scoring


def test_scores_use_lesson_3_maths():
    s = Scorer(RP)
    pts = s.points
    assert s.nash == nash_bargain(pts, s.batna) and list(s.front) == pareto_front(pts)
    nash = s.score(tuple(NASH[i.id] for i in RP.scenario.issues))
    assert nash.index == s.nash and nash.scores == (50.0, 35.0) and nash.on_front
    assert nash.left_on_table == 0 and nash.nash_gap == (0.0, 0.0) and nash.better is None
    assert dict(nash.observers) == {"ukraine": 20.0, "eu-observer": 15.0}
    none = s.score(None)
    assert none.scores == (0.0, 0.0) and none.left_on_table == s.best_joint == 85
    weak = s.score(("1200", "data", "transparency", "none", "bilateral"))
    assert weak.scores == (35.0, 15.0) and not weak.on_front and weak.better is not None
    assert "a package better for both existed (United States +15, Russia +20)" in s.sentence(weak)


# ------------------------------------------------------------------ handouts


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _visible(html: str) -> str:
    p = _Text()
    p.feed(html)
    return re.sub(r"\s+", " ", " ".join(p.parts))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.strip()) > 25]


@pytest.mark.parametrize("role", [r.id for r in RP.roles])
def test_a_handout_holds_its_own_brief_and_no_sentence_of_another(role):
    html = role_handout(RP, role)
    text = _visible(html)
    mine = RP.role(role)
    for sentence in _sentences(mine.confidential):
        assert re.sub(r"\s+", " ", sentence) in text, sentence
    for other in RP.roles:
        if other.id == role:
            continue
        for sentence in _sentences(other.confidential):
            assert re.sub(r"\s+", " ", sentence) not in text, f"{role}'s handout holds {other.id}'s: {sentence}"
    # its own points table and no other role's: count the rows of points tables
    assert text.count("Your points per option") == (1 if mine.has_points else 0)
    assert "Confidential: " + mine.title in text and "Deal sheet: " + mine.title in text
    assert "@media print" in html and "<script" not in html


def test_the_general_instructions_hold_no_confidential_sentence():
    html = role_handout(RP, "mediator")
    general = _visible(html.split("Your confidential brief")[0])
    for r in RP.roles:
        for sentence in _sentences(r.confidential):
            assert sentence not in general


def test_the_instructor_packet_holds_every_brief_and_the_key():
    text = _visible(instructor_packet(RP))
    for r in RP.roles:
        for sentence in _sentences(r.confidential):
            assert re.sub(r"\s+", " ", sentence) in text
    assert "Nash point (United States 50, Russia 35)" in text and "Listen for:" in text


def test_handouts_escape_the_data(tmp_path):
    from dataclasses import replace
    role = replace(RP.roles[0], confidential="<script>alert(1)</script> & more")
    rp = replace(RP, roles=(role, *RP.roles[1:]))
    html = role_handout(rp, "us")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_make_handouts_writes_one_file_per_role_and_the_packet(tmp_path):
    start = time.perf_counter()
    paths = write_handouts(tmp_path)
    assert time.perf_counter() - start < 5
    assert sorted(p.name for p in paths) == sorted([f"{r.id}.html" for r in RP.roles] + ["instructor.html"])
    out = subprocess.run([sys.executable, "-m", "widgets.roleplay.handouts", "--out", str(tmp_path / "cli")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "6 handouts written" in out.stdout
    assert (tmp_path / "cli" / "strategic-arms-trilateral" / "instructor.html").is_file()


def test_the_makefile_has_the_handouts_target():
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^handouts:.*\n\t\$\(BIN\)/python -m widgets\.roleplay\.handouts", make, re.M)


# ------------------------------------------------------------------ debrief


def test_the_example_folder():
    d = debrief(EXAMPLE)
    assert [g.group for g in d.groups] == ["1", "2", "3", "4", "5", "6", "7"]
    assert len(d.skipped) == 1 and "group-8_us.csv, row 4, column 'value': 'inspection'" in d.skipped[0]
    rows = {r[0]: r for r in d.rows()}
    assert rows["1"][1:7] == ("deal", "50", "35", "85", "0", "yes")
    assert rows["5"][1] == "no agreement" and rows["6"][1] == "deal below a BATNA"
    assert rows["7"][1] == "sheets differ" and "Verification:" in rows["7"][7]
    assert d.sentence().startswith("7 groups handed in deal sheets; in 1 the sheets differ; 5 reached a deal, 3 of them")
    assert {s.id for s in d.survey if s.n} == {"outcome", "self", "process", "relationship"}


def _random_class(folder: Path, groups: int, seed: int = 15) -> None:
    rng = random.Random(seed)
    issues = RP.scenario.issues
    for g in range(1, groups + 1):
        agreed = rng.random() > 0.15
        choice = {i.id: rng.choice(i.options).id for i in issues} if agreed else None
        for role in ("us", "russia", "mediator") + (("ukraine",) if g % 4 == 0 else ()):
            survey = {s.id: rng.randint(1, 7) for s in RP.survey}
            mine = dict(choice) if choice else None
            if mine and g % 10 == 0 and role == "russia":
                mine["sanctions"] = "broad" if mine["sanctions"] != "broad" else "none"
            _write(folder, str(g), role, agreed, mine, survey)


def test_a_debrief_of_30_groups(tmp_path):
    _random_class(tmp_path, 30)
    start = time.perf_counter()
    d = debrief(tmp_path)
    elapsed = time.perf_counter() - start
    assert len(d.groups) == 30 and d.skipped == ()
    assert [g.group for g in d.groups] == [str(n) for n in range(1, 31)]
    differ = [g.group for g in d.groups if not g.check.match]
    assert differ == ["10", "20", "30"] or set(differ) <= {"10", "20", "30"}
    for g in d.scored:
        assert g.score.left_on_table == d.scorer.best_joint - g.score.joint >= 0
    assert sum(s.n for s in d.survey) == 4 * sum(len(g.check.sheets) for g in d.groups)
    assert elapsed < 5, f"30-group debrief took {elapsed:.2f} s"


def test_a_debrief_skips_and_names_malformed_sheets(tmp_path):
    _random_class(tmp_path, 3)
    (tmp_path / "junk.csv").write_text("name,score\nada,3\n")
    (tmp_path / "group-2_us-copy.csv").write_text((tmp_path / "group-2_us.csv").read_text())
    (tmp_path / "group-9_us.csv").write_text("group,role,item,value\n9,us,agreement,yes\n9,us,ceiling,9000\n")
    (tmp_path / "notes.txt").write_text("not a sheet")
    d = debrief(tmp_path)
    assert [g.group for g in d.groups] == ["1", "2", "3"]
    joined = "\n".join(d.skipped)
    assert "junk.csv: not a role-play deal sheet" in joined
    assert "group-9_us.csv, row 3, column 'value': '9000' is not an option of issue 'ceiling'" in joined
    assert "a second sheet for role 'us' in group 2" in joined
    assert "notes.txt" not in joined and len(d.skipped) == 3


def test_a_debrief_of_a_missing_or_empty_folder(tmp_path):
    d = debrief(tmp_path / "nope")
    assert d.groups == () and "no such folder" in d.skipped[0]
    assert debrief(tmp_path).sentence() == "No group's deal sheets were found."


# ------------------------------------------------------------------ views


def test_the_debrief_view(tmp_path):
    from widgets.roleplay.debrief_view import DebriefView

    v = DebriefView.from_folder(EXAMPLE)
    spec = v.chart.to_plotly_json()
    names = [t["name"] for t in spec["data"]]
    assert names == ["Every package", "Pareto front", "Nash point", "A group's deal"]
    deals = spec["data"][3]
    assert sorted(deals["text"]) == sorted(["1", "2", "3", "4", "5", "6"])
    assert spec["layout"].get("width") is None and spec["layout"]["autosize"] is True
    assert "<th scope=\"col\"" in v.table.value and "Left on the table" in v.table.value
    assert "group-8_us.csv" in v.skipped.value and "Listen for:" in v.questions.value
    saved = v.save_chart(tmp_path / "chart.html")
    assert saved.stat().st_size > 10_000


def test_the_debrief_chart_escapes_labels(tmp_path):
    from widgets.roleplay.debrief_view import DebriefView

    _write(tmp_path, "<b>x</b>", "us")
    _write(tmp_path, "<b>x</b>", "russia")
    v = DebriefView.from_folder(tmp_path)
    deals = v.chart.to_plotly_json()["data"][3]
    assert deals["text"] == ["&lt;b&gt;x&lt;/b&gt;"] and "<b>x</b>" not in v.table.value


def test_the_deal_sheet_form_as_a_party_uses_it(tmp_path):
    from widgets.roleplay.sheet_view import NO, YES, DealSheetForm

    form = DealSheetForm.from_data(tmp_path)
    assert "Type your group" in form.save()
    form.group.value = "3"
    form.role.value = "The US delegation"
    form.agreement.value = YES
    assert "Choose the agreed option for" in form.save()
    for issue, w in zip(RP.scenario.issues, form.issues):
        w.value = next(o.label for o in issue.options if o.id == NASH[issue.id])
    for w in form.survey:
        w.value = "6"
    assert "No sheet from: The Russian delegation" in form.save()
    form.role.value = "The Russian delegation"
    form.issues[0].value = "Cut to 1,200"
    assert "Ceiling on deployed strategic warheads: The US delegation wrote 'Keep 1,550" in form.save()
    form.issues[0].value = "Keep 1,550 for five years"
    text = form.save()
    assert "match on every issue" in text and "United States 50, Russia 35 points; 0 points left on the table" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["group-3_russia.csv", "group-3_us.csv"]
    form.agreement.value = NO
    assert form.issue_box.layout.display == "none"

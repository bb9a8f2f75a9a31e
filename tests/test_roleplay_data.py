"""The role-play data (data/roleplay/*.toml): the course's file loads and agrees with its scenario;
every kind of bad file gets a message naming the file, the line and the field."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from widgets.data import DataError, check_all, load_roleplay, load_roleplays
from widgets.data.roleplay import roleplay_ids

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RP = "strategic-arms-trilateral"


def test_the_course_roleplay_loads_and_matches_its_scenario():
    rp = load_roleplay(RP)
    assert rp.scenario.id == "strategic-arms-after-new-start"
    ids = [r.id for r in rp.roles]
    assert ids[:3] == ["us", "russia", "mediator"] and {"ukraine", "eu-observer"} <= set(ids)
    assert [r.id for r in rp.parties] == ["us", "russia"]
    for side, role in zip((0, 1), rp.parties):
        for issue, row in zip(rp.scenario.issues, role.points):
            assert [(o.id, o.points[side]) for o in issue.options] == list(row)
    assert not rp.role("mediator").has_points
    assert all(r.confidential and r.public for r in rp.roles)
    assert len(rp.survey) == 4 and len(rp.debrief) >= 3
    assert "teaching" in rp.assumptions.lower() or "assumption" in rp.assumptions.lower()
    assert load_roleplays() == (rp,) and roleplay_ids() == (RP,)


def test_check_all_counts_the_roleplay():
    counts, problems = check_all()
    assert counts["roleplay"] == 1 and not [p for p in problems if "roleplay" in p]


@pytest.fixture
def folder(tmp_path):
    """A data folder with the course's scenarios and a copy of the role-play to break."""
    shutil.copytree(DATA / "scenarios", tmp_path / "scenarios")
    (tmp_path / "roleplay").mkdir()
    shutil.copy(DATA / "roleplay" / f"{RP}.toml", tmp_path / "roleplay" / f"{RP}.toml")
    return tmp_path


def _break(folder: Path, old: str, new: str, count: int = 1) -> str:
    path = folder / "roleplay" / f"{RP}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_roleplay(RP, folder)
    return exc.value.problems


def _line_of(folder: Path, needle: str) -> int:
    lines = (folder / "roleplay" / f"{RP}.toml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_a_copy_loads(folder):
    assert load_roleplay(RP, folder).id == RP


def test_unknown_scenario_is_named(folder):
    _break(folder, 'scenario = "strategic-arms-after-new-start"', 'scenario = "no-such-scenario"')
    (p,) = _problems(folder)
    line = _line_of(folder, 'scenario = "no-such-scenario"')
    assert p.startswith(f"roleplay/{RP}.toml, line {line}") or f"{RP}.toml, line {line}" in p
    assert "field 'scenario'" in p and "'no-such-scenario'" in p and "strategic-arms-after-new-start" in p


def test_a_points_table_with_a_wrong_option_is_named(folder):
    _break(folder, 'points.verification = { ntm = 0, data = 10,', 'points.verification = { satellites = 0, data = 10,')
    problems = _problems(folder)
    line = _line_of(folder, "satellites = 0")
    assert any(f"line {line} (id 'us'), field 'points.verification': 'satellites' is not an option" in p for p in problems), problems
    assert any("has no points for option 'ntm'" in p for p in problems)


def test_a_points_table_missing_an_issue_or_naming_a_foreign_one(folder):
    _break(folder, "points.others = { bilateral = 5,", "points.other = { bilateral = 5,")
    problems = _problems(folder)
    assert any("(id 'russia'), field 'points.other': 'other' is not an issue of scenario" in p for p in problems), problems
    assert any("(id 'russia'), field 'points': " in p and "has no points for issue 'others'" in p for p in problems)


def test_a_delegation_whose_points_differ_from_the_scenario(folder):
    _break(folder, 'missile-defence = { no-limits = -25,', 'missile-defence = { no-limits = -5,')
    (p,) = _problems(folder)
    line = _line_of(folder, "no-limits = -5,")
    assert f"line {line} (id 'russia'), field 'points.missile-defence.no-limits': -5 differs from scenario" in p
    assert "gives side 'russia' -25" in p


def test_an_observer_may_have_its_own_points_but_not_a_bad_number(folder):
    _break(folder, 'points.sanctions = { none = 20, limited = 0, broad = -30 }',
           'points.sanctions = { none = 20, limited = "a lot", broad = -30 }')
    (p,) = _problems(folder)
    assert "(id 'ukraine'), field 'points.sanctions.limited': 'a lot' is not a finite number" in p


def test_missing_fields_and_bad_side_are_named(folder):
    text = _break(folder, 'side = "russia"', 'side = "kremlin"')
    problems = _problems(folder)
    assert any("field 'side': 'kremlin' is not a party of scenario" in p for p in problems)
    assert any('expected exactly one role with side = "russia" (found 0)' in p for p in problems)
    (folder / "roleplay" / f"{RP}.toml").write_text(text.replace('confidential = """You have no points table',
                                                                 'notes = """You have no points table', 1))
    (p,) = _problems(folder)
    assert re.search(r"line \d+ \(id 'mediator'\), field 'confidential': missing", p), p


def test_header_problems(folder):
    _break(folder, 'id = "strategic-arms-trilateral"', 'id = "other-name"')
    _break(folder, "minutes = 45", "minutes = 5")
    problems = _problems(folder)
    assert any("field 'id': 'other-name' does not match the file name" in p for p in problems)
    assert any("field 'minutes': 5 is not a length of talks" in p for p in problems)


def test_duplicate_role_and_no_mediator(folder):
    _break(folder, 'id = "eu-observer"', 'id = "ukraine"')
    _break(folder, 'id = "mediator"\ntitle = "The mediator"\nrequired = true', 'id = "mediator"\ntitle = "The mediator"\nrequired = false')
    problems = _problems(folder)
    assert any("duplicate" in p.lower() and "ukraine" in p for p in problems), problems
    assert any("no required role without a side" in p for p in problems)


def test_no_such_roleplay(folder):
    with pytest.raises(DataError, match="no such role-play .*known role-plays: strategic-arms-trilateral"):
        load_roleplay("nope", folder)


HOSTILE = ["42", "true", '[1, "x"]', "{ a = 1 }", '""', "-inf", '"<script>"']


def _single_line_fields(text: str) -> list[int]:
    """Line numbers (0-based) of ``key = value`` lines whose value ends on the same line."""
    out, in_multi = [], False
    for i, line in enumerate(text.splitlines()):
        if in_multi:
            in_multi = line.count('"""') % 2 == 0
            continue
        if re.match(r"^\s*[A-Za-z0-9_.\-\"]+\s*=", line):
            if line.count('"""') % 2 == 1:
                in_multi = True
            elif '"""' not in line:
                out.append(i)
    return out


def test_every_field_given_a_wrong_value_is_a_named_problem_or_loads(folder):
    """Each single-line field of the file, replaced by each hostile value: either the file still loads
    (the value was acceptable) or a DataError names the file — never another exception."""
    path = folder / "roleplay" / f"{RP}.toml"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    fields = _single_line_fields(original)
    assert len(fields) > 40
    stamp = path.stat().st_mtime_ns
    tried = named = 0
    for i in fields:
        key = lines[i].split("=", 1)[0]
        for value in HOSTILE:
            mutated = lines[:i] + [f"{key}= {value}"] + lines[i + 1:]
            path.write_text("\n".join(mutated) + "\n", encoding="utf-8")
            stamp += 1_000_000
            os.utime(path, ns=(stamp, stamp))  # a new version for the loader's cache
            tried += 1
            try:
                load_roleplay(RP, folder)
            except DataError as exc:
                named += 1
                assert all(f"{RP}.toml" in p for p in exc.problems), exc.problems
    assert named > tried // 2

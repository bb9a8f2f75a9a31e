"""The data layer: good files load into typed records; every kind of bad file gets a message
naming the file, the line or row, the field, the bad value and what was expected."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from widgets import data as D
from widgets.data import DataError
from widgets.data.errors import _show_data_errors_plainly

ROOT_DIR = Path(__file__).resolve().parent.parent

PLAYERS = '''
[[players]]
id = "ronald-reagan"
name = "Ronald Reagan"
kind = "person"
country = "United States"
profile = "US president."
negotiations = ["inf-1987"]
sources = [{ title = "Reagan", url = "https://history.state.gov/x" }]
[[players.roles]]
title = "President of the United States"
kind = "head-of-state"
organisation = "United States"
office = "us-president"
start = "1981-01-20"
end = "1989-01-20"

[[players]]
id = "mikhail-gorbachev"
name = "Mikhail Gorbachev"
kind = "person"
country = "Soviet Union"
profile = "Soviet leader."
sources = [{ title = "Gorbachev", url = "https://www.britannica.com/x" }]
[[players.roles]]
title = "General Secretary"
kind = "head-of-state"
organisation = "Soviet Union"
office = "soviet-russian-leader"
start = "1985-03-11"
end = "1991-12-25"
'''

EVENT = '''
[[events]]
id = "{id}"
date = "{date}"
title = "INF Treaty signed"
category = "{category}"
summary = "Both sides agreed to eliminate a class of missiles."
significance = "Verification built trust."
actors = [{actors}]
sources = [{{ title = "INF Treaty", url = "{url}" }}]
'''


def event(id="inf-1987", date="1987-12-08", category="arms-control", actors='"ronald-reagan"',
          url="https://history.state.gov/milestones/1981-1988/inf"):
    return EVENT.format(id=id, date=date, category=category, actors=actors, url=url)


@pytest.fixture
def course(write, tmp_path):
    """A small, valid course folder."""
    write("players.toml", PLAYERS)
    write("events.toml", event())
    write("eras.csv", "id,title,start,end,summary,source_title,source_url\n"
          "late-cold-war,Late Cold War,1979-12,1991-12-26,Tension then thaw.,Milestones,https://history.state.gov/milestones\n")
    return tmp_path


# ------------------------------------------------------------ dates


@pytest.mark.parametrize("text, precision, shown", [
    ("1989", "year", "1989"),
    ("1989-11", "month", "November 1989"),
    ("1989-11-09", "day", "9 November 1989"),
])
def test_parse_date_precisions(text, precision, shown):
    d = D.parse_date(text)
    assert d.precision == precision
    assert d.display() == shown
    assert str(d) == text


def test_partial_dates_span_their_period():
    month = D.parse_date("1988-02")
    assert (month.first_day(), month.last_day()) == (date(1988, 2, 1), date(1988, 2, 29))
    assert D.parse_date("1991").contains(date(1991, 12, 31))
    assert D.parse_date("1991-12-25") < D.parse_date("1991-12-26") < D.parse_date("1992")


@pytest.mark.parametrize("bad", ["1989-13-09", "1989-02-30", "89", "9 Nov 1989", "1989/11/09", "", None, 3.5])
def test_parse_date_rejects(bad):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        D.parse_date(bad)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_parse_date_round_trips_every_day(day):
    d = D.parse_date(day.isoformat())
    assert d.first_day() == d.last_day() == day
    assert D.parse_date(str(d)) == d


@given(st.text(max_size=12))
def test_parse_date_never_crashes_on_junk(text):
    try:
        d = D.parse_date(text)
    except ValueError:
        return
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip())
    assert isinstance(d, D.PartialDate)


# ------------------------------------------------------------ good files


def test_good_folder_loads_typed_immutable_records(course):
    (ev,) = D.load_events(course)
    assert ev.date == D.PartialDate(1987, 12, 8)
    assert ev.actors == ("ronald-reagan",)
    assert ev.sources[0].url.startswith("https://")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.title = "changed"  # type: ignore[misc]
    players = D.load_players(course)
    assert [p.id for p in players] == ["mikhail-gorbachev", "ronald-reagan"]
    assert players[1].roles[0].office == "us-president"
    (era,) = D.load_eras(course)
    assert era.start.precision == "month" and era.end == D.PartialDate(1991, 12, 26)


def test_events_folder_files_are_merged_and_sorted(course, write):
    (course / "events.toml").unlink()
    write("events/b.toml", event(id="later", date="1991"))
    write("events/a.toml", event(id="earlier", date="1963-08"))
    assert [e.id for e in D.load_events(course)] == ["earlier", "later"]


def test_course_data_dir_variable_points_loaders_at_a_folder(course, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(course))
    assert [e.id for e in D.load_events()] == ["inf-1987"]


def test_loaders_notice_an_edited_file(course, write):
    assert len(D.load_events(course)) == 1
    import os, time
    write("events.toml", event() + event(id="second", date="1988"))
    os.utime(course / "events.toml", ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert len(D.load_events(course)) == 2


# ------------------------------------------------------------ bad files: one message naming file, line, field


def problems(exc_info) -> str:
    return str(exc_info.value)


def test_missing_field_names_file_line_and_field(course, write):
    write("events.toml", event().replace('title = "INF Treaty signed"\n', ""))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    msg = problems(e)
    assert "events.toml, line 2 (id 'inf-1987'), field 'title': missing (expected non-empty text)" in msg


def test_bad_date_names_line_value_and_expected_format(course, write):
    write("events.toml", event(date="1987-13-08"))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    assert "events.toml, line 4 (id 'inf-1987'), field 'date': '1987-13-08' is not a real calendar date" in problems(e)


def test_unknown_category_lists_the_allowed_ones(course, write):
    write("events.toml", event(category="sport"))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    msg = problems(e)
    assert "field 'category': 'sport' is not a known category" in msg
    assert "arms-control" in msg and "mediation" in msg


def test_duplicate_id_names_both_places(course, write):
    write("events/x.toml", event())
    with pytest.raises(DataError) as e:
        D.load_events(course)
    msg = problems(e)
    assert "'inf-1987' is a duplicate event id" in msg
    assert "events/x.toml" in msg and "events.toml, line 2" in msg


def test_dangling_actor_reference(course, write):
    write("events.toml", event(actors='"ronald-reagan", "mikhail-gorbahcev"'))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    assert "field 'actors': 'mikhail-gorbahcev' names a player id that does not exist" in problems(e)


def test_dangling_negotiation_reference(course, write):
    write("players.toml", PLAYERS.replace('["inf-1987"]', '["inf-1988"]'))
    with pytest.raises(DataError) as e:
        D.load_players(course)
    assert "field 'negotiations': 'inf-1988' names a event id that does not exist" in problems(e)


@pytest.mark.parametrize("url, expected", [
    ("", "is missing"),
    ("history.state.gov/milestones", "is not a web address"),
    ("ftp://example.org/x", "is not a web address"),
    ("https://exa mple.org", "contains spaces"),
    ("https://localhost", "expected a host name"),
])
def test_missing_or_malformed_source_url(course, write, url, expected):
    write("events.toml", event(url=url))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    msg = problems(e)
    assert "field 'sources'" in msg and "(source 1, url)" in msg and expected in msg


def test_source_kind_is_optional_and_read_from_toml_and_csv(course, write):
    assert D.load_events(course)[0].sources[0].kind == ""
    write("events.toml", event().replace('url = "https://history.state.gov/milestones/1981-1988/inf" }',
                                         'url = "https://history.state.gov/milestones/1981-1988/inf", kind = "official" }'))
    assert D.load_events(course)[0].sources[0].kind == "official"
    write("eras.csv", "id,title,start,end,summary,source_title,source_url,source_kind\n"
          "late-cold-war,Late Cold War,1979-12,1991-12-26,Tension.,Milestones,https://history.state.gov/m,archival\n")
    assert D.load_eras(course)[0].sources[0].kind == "archival"
    assert set(D.SOURCE_KINDS) == {"official", "archival", "treaty", "scholarly", "encyclopedia", "press",
                                   "state-media", "other"}


def test_unknown_source_kind_names_file_line_field_and_the_kinds(course, write):
    write("events.toml", event().replace('url = "https://history.state.gov/milestones/1981-1988/inf" }',
                                         'url = "https://history.state.gov/milestones/1981-1988/inf", kind = "blog" }'))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    msg = problems(e)
    assert "events.toml, line 10 (id 'inf-1987'), field 'sources': 'blog' (source 1, kind) is not a known source kind" in msg
    assert "official, archival, treaty" in msg
    write("eras.csv", "id,title,start,end,summary,source_title,source_url,source_kind\n"
          "late-cold-war,Late Cold War,1979-12,1991-12-26,Tension.,Milestones,https://history.state.gov/m,wiki\n")
    with pytest.raises(DataError, match=r"eras.csv, row 2, field 'source_kind': 'wiki' is not a known source kind"):
        D.load_eras(course)


def test_missing_sources(course, write):
    write("events.toml", event().replace('sources = [{ title = "INF Treaty", url = "https://history.state.gov/milestones/1981-1988/inf" }]', ""))
    with pytest.raises(DataError, match="field 'sources': missing"):
        D.load_events(course)


def test_empty_file(course, write):
    write("events.toml", "  \n")
    with pytest.raises(DataError, match=r"events.toml: the file is empty \(expected at least one record\)"):
        D.load_events(course)


def test_bytes_that_are_not_utf8(course, write):
    write("events.toml", event().encode("utf-8").replace(b"Both sides", b"Both \xe9sides"))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    assert re.search(r"events.toml, line 7: byte 0xe9 at offset \d+ is not UTF-8", problems(e))


def test_invalid_toml_syntax(course, write):
    write("events.toml", '[[events]]\nid = "inf\n')
    with pytest.raises(DataError, match=r"events.toml: not valid TOML \(.*line 2"):
        D.load_events(course)


def test_all_problems_of_a_file_are_reported_together(course, write):
    write("events.toml", event(date="198") + event(id="b", category="sport"))
    with pytest.raises(DataError) as e:
        D.load_events(course)
    assert len(e.value.problems) == 2
    assert str(e.value).startswith("2 problems:")


def test_csv_errors_name_the_spreadsheet_row(course, write):
    write("eras.csv", "id,title,start,end,summary,source_title,source_url\n"
          "a,A,1945,1962,Summary,Src,https://example.org/a\n"
          "b,B,1962-13,,Summary,Src,https://example.org/b\n")
    with pytest.raises(DataError) as e:
        D.load_eras(course)
    assert "eras.csv, row 3, field 'start': '1962-13' is not a real calendar date" in problems(e)


def test_csv_missing_column_and_header_only(course, write):
    write("eras.csv", "id,title,start\nx,X,1945\n")
    with pytest.raises(DataError, match=r"eras.csv, row 1: missing column\(s\) 'end', 'summary'"):
        D.load_eras(course)
    write("eras.csv", "id,title,start,end,summary,source_title,source_url\n")
    with pytest.raises(DataError, match="has a header but no data rows"):
        D.load_eras(course)


def test_role_without_end_needs_as_of(course, write):
    write("players.toml", PLAYERS.replace('end = "1989-01-20"\n', ""))
    with pytest.raises(DataError, match="field 'as_of': missing"):
        D.load_players(course)


def test_contested_event_needs_both_narratives(course, write):
    text = event() + '''
[[events.narratives]]
side = "us"
attribution = "US Department of State"
text = "An account."
sources = [{ title = "State", url = "https://state.gov/x" }]
'''
    write("events.toml", text)
    with pytest.raises(DataError, match="must give both the 'us' and the 'russia' narrative"):
        D.load_events(course)
    write("events.toml", text + text.split("\n[[events.narratives]]")[1].join(["\n[[events.narratives]]", ""]).replace('"us"', '"russia"'))
    (ev,) = D.load_events(course)
    assert ev.contested and {n.side for n in ev.narratives} == {"us", "russia"}


def test_instructor_folder_with_only_events_uses_course_players(course, write, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(course))
    write("mine/events.toml", event(actors='"ronald-reagan"'))
    assert [e.actors for e in D.load_events(course / "mine")] == [("ronald-reagan",)]
    write("mine/events.toml", event(actors='"no-such-player"'))
    with pytest.raises(DataError, match="mine/events.toml.*'no-such-player' names a player id"):
        D.load_events(course / "mine")


# ------------------------------------------------------------ question banks


BANK = '''
[bank]
id = "demo"
title = "Demo"
lesson = 0

[[questions]]
id = "q1"
type = "single"
prompt = "Pick one"
explanation = "Because."
lesson = 0
section = "How to use this course"
difficulty = "easy"
factual = false
[[questions.options]]
text = "A"
correct = true
[[questions.options]]
text = "B"
feedback = "Not B."
'''


def test_bank_loads_and_checks_single_choice(write, tmp_path):
    write("questions/demo.toml", BANK)
    bank = D.load_bank("demo", tmp_path)
    assert bank.question("q1").options[1].feedback == "Not B."
    write("questions/demo.toml", BANK.replace("correct = true", "correct = false"))
    with pytest.raises(DataError, match="needs exactly 1"):
        D.load_bank("demo", tmp_path)


def test_unknown_bank_lists_known_ones(write, tmp_path):
    write("questions/demo.toml", BANK)
    with pytest.raises(DataError, match=r"no such question bank \(known banks: demo\)"):
        D.load_bank("lesson99", tmp_path)


def test_factual_question_needs_a_source(write, tmp_path):
    write("questions/demo.toml", BANK.replace("factual = false\n", ""))
    with pytest.raises(DataError, match="field 'sources': missing"):
        D.load_bank("demo", tmp_path)


# ------------------------------------------------------------ the course's own data


def test_the_course_data_is_valid():
    counts, found = D.check_all()
    assert found == []
    assert counts["lessons"] == 7


def test_check_all_command_reports_problems(course, write, capsys):
    write("events.toml", event(date="1987-13"))
    assert D.main([str(course)]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM:" in out and "field 'date'" in out


def test_in_a_notebook_a_data_error_shows_its_message_not_a_traceback(course, write, capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    _show_data_errors_plainly()
    write("events.toml", event(date="1987-13-08"))
    result = shell.run_cell(f"from widgets.data import load_events\nload_events({str(course)!r})")
    shown = capsys.readouterr()
    text = shown.out + shown.err
    assert isinstance(result.error_in_exec, DataError)
    assert "field 'date': '1987-13-08' is not a real calendar date" in text
    assert "Traceback" not in text and "_load_events" not in text


def test_a_csv_the_csv_module_cannot_parse_is_a_data_error(course, write):
    # A field over the csv module's size limit raised a bare _csv.Error before.
    write("eras.csv", "id,title,start,end,summary,source_title,source_url\n"
          f'a,"{"x" * 200_000}",1945,,S,T,https://example.org/a\n')
    with pytest.raises(DataError, match=r"eras.csv: not a readable CSV file \(field larger than field limit"):
        D.load_eras(course)


@pytest.mark.parametrize("make, expected", [
    (lambda p: p / "missing", "no such folder"),
    (lambda p: p, "no course data found"),
    (lambda p: (p / "events.toml").write_text("x = 1\n") and p / "events.toml", "is a file, not a folder"),
])
def test_check_all_on_a_missing_empty_or_file_folder_is_a_problem(tmp_path, make, expected):
    target = make(tmp_path)
    counts, found = D.check_all(target)
    assert counts == {} and len(found) == 1 and expected in found[0] and str(target.name) in found[0]


@pytest.mark.parametrize("what", ["missing", "empty", "file"])
def test_command_line_on_a_missing_empty_or_file_folder_exits_1(tmp_path, what):
    import subprocess
    import sys

    target = {"missing": tmp_path / "nope", "empty": tmp_path, "file": tmp_path / "x.csv"}[what]
    if what == "file":
        target.write_text("a,b\n1,2\n")
    run = subprocess.run([sys.executable, "-m", "widgets.data", str(target)], capture_output=True, text=True,
                         cwd=ROOT_DIR)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "PROBLEM:" in run.stdout and "1 problem(s)" in run.stdout and "OK" not in run.stdout


def test_command_line_on_the_course_data_exits_0():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "widgets.data"], capture_output=True, text=True, cwd=ROOT_DIR)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("OK") and "events:" in run.stdout


def test_every_data_module_is_pure_and_short():
    """The data layer imports no widget library and no module of it is over 500 lines."""
    import ast

    pkg = Path(D.__file__).parent
    for path in sorted(pkg.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 500, path.name
        for node in ast.walk(ast.parse(text)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for name in names:
                assert name.split(".")[0] not in {"ipywidgets", "plotly", "anywidget", "traitlets"}, (path.name, name)

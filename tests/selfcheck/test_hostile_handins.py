"""Hostile hand-ins (issue 18, part 4): every answer survives export and re-import unchanged, no
free-text cell of the export can run as a formula, bank names are ids, every entry of the folder that
is not a readable hand-in is listed with its reason, same-name students are flagged, unknown banks
reported."""

from __future__ import annotations

import csv
import io
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from widgets.data import DataError
from widgets.progress import Attempt
from widgets.selfcheck import class_summary
from widgets.selfcheck.results import read_results, write_results

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Any Unicode a browser sends (no lone surrogates, which no UTF-8 file can hold).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
TRICKY = st.sampled_from(["\r", "\n", "\r\n", "a\rb", '"', '""', "'", "'=1", "=1+1", "+1", "-1", "@SUM(A1)", "-x", "\t=x",
                          " lead", "trail ", "\x00", "\ufeffbom", "\u2028", "=HYPERLINK(\"http://x\")", "１", "＝1+1"])
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
TIME = "2026-01-01T00:00:00.000001+00:00"


def att(question, answer, bank="lesson01", time=TIME, correct=True):
    return Attempt(bank, question, answer, correct, 1.0 if correct else 0.0, time)


@SETTINGS
@given(st.lists(TRICKY | ANY_TEXT, min_size=1, max_size=6), (TRICKY | ANY_TEXT).filter(str.strip),
       (TRICKY | ANY_TEXT).filter(str.strip))
def test_every_answer_survives_export_and_import(tmp_path, answers, student, question):
    path = tmp_path / "hand-in.csv"
    write_results(path, student, [att(question, a) for a in answers])
    rows = read_results(path)
    assert [r.answer for r in rows] == answers
    assert {r.student for r in rows} == {student.strip()}
    assert {r.question for r in rows} == {question.strip()}
    # No free-text cell of the export starts like a formula (numbers such as -5 are numbers).
    table = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    for row in table[1:]:
        for cell in (row[0], row[1], row[2], row[3], row[6]):
            assert not cell.startswith(FORMULA) or cell.lstrip("+-").replace(",", "").replace(".", "").isdigit(), cell


@pytest.mark.parametrize("bank", ["../../etc/passwd", "a/b", "Lesson01", "x" * 300, " ", "con:"])
def test_a_bank_name_that_is_not_an_id_is_refused(tmp_path, bank):
    path = tmp_path / "h.csv"
    path.write_text(f"student,bank,question,answer,correct,score,time\nAna,{bank},q,a,true,1,{TIME}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_results(path)
    assert "h.csv, row 2, field 'bank'" in str(info.value)


def test_every_entry_that_is_not_a_hand_in_is_listed_with_its_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_results(folder / "ana.csv", "Ana", [att("recognition-1933", "1")])
    os.mkfifo(folder / "pipe.csv")
    (folder / "sub.csv").mkdir()
    os.symlink("loop2.csv", folder / "loop1.csv")
    os.symlink("loop1.csv", folder / "loop2.csv")
    os.symlink("/dev/zero", folder / "zero.csv")
    with open(folder / "big.csv", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    (folder / ".hidden.csv").write_text("x", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "bad.csv").write_bytes(b"\xff\xfe")
    result = []
    worker = threading.Thread(target=lambda: result.append(class_summary(folder)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "reading the hand-in folder blocked"
    summary = result[0]
    reasons = {m.split(":")[0].split(",")[0]: m for m in summary.skipped}
    assert sorted(reasons) == [".hidden.csv", "bad.csv", "big.csv", "loop1.csv", "loop2.csv", "notes.txt",
                               "pipe.csv", "sub.csv", "zero.csv"]
    assert "pipe" in reasons["pipe.csv"] and "folder" in reasons["sub.csv"] and "link loop" in reasons["loop1.csv"]
    assert "too large" in reasons["big.csv"] and "52.4 MB" in reasons["big.csv"] and "device" in reasons["zero.csv"]
    assert all(m.endswith("— skipped") for m in summary.skipped)
    assert summary.files == ("ana.csv",) and summary.students == 1


def test_two_students_with_one_name_are_flagged_not_merged(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_results(folder / "ana-1.csv", "Ana", [att("recognition-1933", "1", time="2026-01-01T10:00:00+00:00")])
    write_results(folder / "ana-2.csv", "ana", [att("recognition-1933", "0", time="2026-01-02T11:00:00+00:00", correct=False)])
    # The same student handing in twice (the second export holds the first) is one student.
    write_results(folder / "ben-1.csv", "Ben", [att("recognition-1933", "1", time="2026-01-01T09:00:00+00:00")])
    write_results(folder / "ben-2.csv", "Ben", [att("recognition-1933", "1", time="2026-01-01T09:00:00+00:00"),
                                                att("ussr-founded", "1922", time="2026-01-01T09:05:00+00:00")])
    summary = class_summary(folder)
    assert summary.students == 3
    assert len(summary.notes) == 1 and "2 different students are named 'Ana'" in summary.notes[0]
    assert "ana-1.csv; ana-2.csv" in summary.notes[0]
    stats = {s.question: s for s in summary.stats}
    assert stats["recognition-1933"].students == 3
    assert "Please check" in summary.table_html


def test_an_unknown_bank_is_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_results(folder / "ana.csv", "Ana", [att("q1", "x", bank="lesson99")])
    summary = class_summary(folder)
    assert any("bank 'lesson99' (in ana.csv) is not a self-check of this course" in n for n in summary.notes)


CELLS = st.one_of(TRICKY, ANY_TEXT, st.sampled_from(["lesson01", "recognition-1933", "ussr-founded", "true", "false",
                                                     "", "1", "0.5", "nan", "inf", "-1", "1e400", TIME, "2026-13-01",
                                                     "0001-01-01T00:00:00+14:00", "[1, 99]", '["a"]', "lesson99"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, min_size=7, max_size=8), min_size=1, max_size=5), st.binary(max_size=200))
def test_any_hand_in_content_gives_a_summary(tmp_path_factory, rows, blob):
    """Whatever a folder of hand-ins holds, class_summary gives a summary (and its table and figure)."""
    folder = tmp_path_factory.mktemp("any")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["student", "bank", "question", "answer", "correct", "score", "time"])
    writer.writerows(rows)
    (folder / "rows.csv").write_text(buf.getvalue(), encoding="utf-8")
    (folder / "blob.csv").write_bytes(blob)
    write_results(folder / "ana.csv", "Ana", [att("recognition-1933", "1")])
    summary = class_summary(folder)
    assert "ana.csv" in summary.files
    assert isinstance(summary.table_html, str)
    from widgets.selfcheck.instructor_view import summary_figure

    summary_figure(summary).to_plotly_json()

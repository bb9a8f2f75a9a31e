"""Hand-in CSV files: the export button, and answers that cannot become spreadsheet formulas."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from widgets.progress import Attempt
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.results import CSV_COLUMNS, read_results

from .support import FIXTURES, answer, text_of


# ---------------------------------------------------------------- export and class summary


def test_export_button_needs_a_name_then_writes_to_the_hand_ins_folder(sc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "hand-ins"
    monkeypatch.setenv("COURSE_HANDINS_DIR", str(folder))
    answer(sc, "river", "Volga")
    sc.export_button.click()
    assert "type your name first" in text_of(sc.export_status.value)
    assert not list(tmp_path.rglob("*.csv"))
    with pytest.raises(ValueError, match="Type your name first"):
        sc.export_csv(tmp_path / "x.csv")
    sc.student.value = "Ada Lovelace"
    sc.export_button.click()
    assert "✓ Saved your answers to 1 question (1 attempt in all) to quiz-ada-lovelace.csv in the hand-ins folder" \
        in text_of(sc.export_status.value)
    assert not list(tmp_path.glob("*.csv")), "hand-ins go to their own folder, not next to the notebook"
    with open(folder / "quiz-ada-lovelace.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1][:6] == ["Ada Lovelace", "quiz", "river", "Volga", "true", "1"]


def test_the_saved_message_counts_questions_not_attempts(sc, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_HANDINS_DIR", str(tmp_path / "hand-ins"))
    answer(sc, "river", "Moscow")
    answer(sc, "river", "Volga")
    sc.store.record(Attempt("quiz", "caspian", "True", True, 1.0, "2026-01-01T00:00:00+00:00"))
    sc.student.value = "Ada"
    sc.export_button.click()
    seen = text_of(sc.export_status.value)
    assert "your answers to 2 questions (3 attempts in all)" in seen
    assert "3 answers" not in seen


def test_hand_ins_go_beside_the_lessons_and_git_ignores_them(monkeypatch, tmp_path):
    from widgets.course import handins_dir

    root = Path(__file__).resolve().parents[2]
    monkeypatch.delenv("COURSE_HANDINS_DIR", raising=False)
    monkeypatch.delenv("COURSE_LESSONS_DIR", raising=False)
    assert handins_dir() == root / "hand-ins"
    monkeypatch.setenv("COURSE_LESSONS_DIR", str(tmp_path / "lessons"))
    assert handins_dir() == tmp_path / "hand-ins"
    assert "hand-ins/" in (root / ".gitignore").read_text().split()


def test_exported_answers_cannot_become_spreadsheet_formulas(tmp_path, store):
    store.record(Attempt("quiz", "essay", '=HYPERLINK("http://evil.example","x")', True, 1.0, "2026-01-01T00:00:00+00:00"))
    store.record(Attempt("quiz", "year", "-5", False, 0.0, "2026-01-01T00:00:01+00:00"))
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    sc.export_csv(tmp_path / "out.csv", student="@me")
    raw = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'@me" in raw and ",-5," in raw
    rows = read_results(tmp_path / "out.csv")
    assert rows[0].answer.startswith("=HYPERLINK") and rows[0].student == "@me"
    assert rows[1].answer == "-5"

"""Hand-in CSV files: the export button, and answers that cannot become spreadsheet formulas."""

from __future__ import annotations

import csv

import pytest

from widgets.progress import Attempt
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.results import CSV_COLUMNS, read_results

from .support import FIXTURES, answer, text_of


# ---------------------------------------------------------------- export and class summary


def test_export_button_needs_a_name_then_writes_next_to_the_notebook(sc, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answer(sc, "river", "Volga")
    sc.export_button.click()
    assert "type your name first" in text_of(sc.export_status.value)
    assert not list(tmp_path.glob("*.csv"))
    with pytest.raises(ValueError, match="Type your name first"):
        sc.export_csv(tmp_path / "x.csv")
    sc.student.value = "Ada Lovelace"
    sc.export_button.click()
    assert "✓ Saved 1 answer to quiz-ada-lovelace.csv" in text_of(sc.export_status.value)
    with open(tmp_path / "quiz-ada-lovelace.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1][:6] == ["Ada Lovelace", "quiz", "river", "Volga", "true", "1"]


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

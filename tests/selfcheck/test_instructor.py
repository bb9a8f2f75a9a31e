"""Instructor tools: the class summary of hand-ins, and the answer key."""

from __future__ import annotations

import pytest

from widgets.progress import ProgressStore
from widgets.selfcheck.instructor import answer_key
from widgets.selfcheck.instructor_view import class_summary
from widgets.selfcheck.pager_view import SelfCheck
from widgets.selfcheck.results import CSV_COLUMNS

from .support import FIXTURES, QUIZ, answer, text_of


def test_export_then_class_summary_round_trip(tmp_path):
    hand_in = tmp_path / "hand-in"
    hand_in.mkdir()
    students = {
        "Ada": {"river": ["Moscow", "Volga"], "year": ["1,961", "1962"], "rivers": [["Volga", "Urals"]]},
        "Bob": {"river": ["Volga"], "year": ["1961"], "rivers": [["Volga", "Danube", "Neva"]]},
        "Cy": {"river": ["Kremlin"], "year": ["1900"], "rivers": [["Urals", "Volga"]]},
    }
    for name, answers in students.items():
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path / f"progress-{name}"))
        for qid, tries in answers.items():
            for value in tries:
                answer(sc, qid, value)
        sc.student.value = name
        sc.export_csv(hand_in / f"quiz-{name}.csv")
    # Ada hands in twice: her attempts must not count twice.
    (hand_in / "quiz-Ada-again.csv").write_text((hand_in / "quiz-Ada.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (hand_in / "grades.csv").write_text("name,grade\nAda,A\n", encoding="utf-8")
    (hand_in / "broken.csv").write_text(",".join(CSV_COLUMNS) + "\nAda,quiz,river,Volga,true,lots,2026-01-01T00:00:00\n", encoding="utf-8")
    (hand_in / "binary.csv").write_bytes(b"\xff\xfe\x00garbage")
    (hand_in / "empty.csv").write_text("", encoding="utf-8")
    (hand_in / "notes.txt").write_text("not a csv", encoding="utf-8")

    summary = class_summary(hand_in, data_folder=FIXTURES)
    assert summary.students == 3
    assert set(summary.files) == {"quiz-Ada.csv", "quiz-Ada-again.csv", "quiz-Bob.csv", "quiz-Cy.csv"}
    skipped = "\n".join(summary.skipped)
    for name in ("grades.csv", "broken.csv", "binary.csv", "empty.csv"):
        assert name in skipped
    assert "missing column(s) student, bank, question" in skipped
    assert "broken.csv, row 2, field 'score': 'lots' is not a number from 0 to 1" in skipped
    assert "notes.txt: not a CSV file — skipped" in skipped  # a foreign file is named, not ignored
    assert all(m.split(":")[0].split(",")[0] in {"grades.csv", "broken.csv", "binary.csv", "empty.csv", "notes.txt"}
               for m in summary.skipped), "every skipped file is named by its name alone"
    assert str(tmp_path) not in skipped

    stats = {s.question: s for s in summary.stats}
    assert [s.question for s in summary.stats] == ["river", "rivers", "year"]  # bank order
    river = stats["river"]
    assert (river.students, river.first_try_correct, river.finally_correct) == (3, 1, 2)
    assert stats["year"].common_wrong == "1,961" or stats["year"].common_wrong == "1961"
    assert stats["year"].common_wrong_students == 2  # '1,961' and '1961' are the same answer
    assert stats["rivers"].common_wrong == "Volga; Urals" or stats["rivers"].common_wrong == "Urals; Volga"
    assert stats["rivers"].common_wrong_students == 2  # same options in another order
    assert stats["rivers"].share_first_try == pytest.approx(1 / 3)

    table = text_of(summary.table_html)
    assert "3 students in 4 files" in table
    assert "Which of these is a river? 3 33% (1) 67% (2)" in table
    assert "Files skipped" in table and "grades.csv" in table
    fig = summary.figure
    assert [t.name for t in fig.data if t.showlegend is not False] == ["Correct at the first try", "Correct in the end"]
    assert list(fig.data[0].x) == pytest.approx([100 / 3, 100 / 3, 0.0])
    assert fig.data[1].marker.pattern.shape == "/"


def test_answer_key_lists_every_answer_with_its_explanation(tmp_path):
    (tmp_path / "01_historical_context.ipynb").write_text("{}")
    key = answer_key("quiz", FIXTURES, lessons_dir=tmp_path)
    seen = text_of(key)
    assert key._repr_html_() == key
    for question in QUIZ.questions:
        assert question.prompt in seen
        assert question.explanation in seen
    assert "✓ correct: Volga — " not in seen and "✗ wrong: Moscow — Moscow is a city." in seen
    assert "Answer: one two three four" in seen
    assert "45 % (anything from 43 to 47 counts)" in seen
    assert "Model answer: Rivers bring water, trade and transport." in seen
    assert "If a student answers False: It does end in the Caspian." in seen
    assert 'href="01_historical_context.ipynb#The-Cold-War"' in key


def _class_of_two(tmp_path):
    hand_in = tmp_path / "hand-ins"
    hand_in.mkdir()
    for name, value in (("Ada", "Moscow"), ("Bob", "Kremlin")):
        sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=ProgressStore(tmp_path / f"p-{name}"))
        answer(sc, "river", value)
        sc.student.value = name
        sc.export_csv(hand_in / f"quiz-{name}.csv")
    return class_summary(hand_in, data_folder=FIXTURES)


def test_the_class_chart_is_horizontal_with_the_legend_above_and_zero_visible(tmp_path):
    fig = _class_of_two(tmp_path).figure
    bars = [t for t in fig.data if t.type == "bar"]
    ticks = [t for t in fig.data if t.type == "scatter"]
    assert [b.orientation for b in bars] == ["h", "h"], "question labels read across, never rotated"
    assert list(bars[0].x) == [0.0], "nobody was right: a 0 % bar"
    # A 0 % bar has no length: a tick marks every value, and the percentage is printed beside it.
    assert [list(t.x) for t in ticks] == [list(b.x) for b in bars]
    assert all(t.marker.symbol == "line-ns" and t.marker.size >= 12 and not t.showlegend for t in ticks)
    assert list(bars[0].text) == ["0%"] and bars[0].textposition == "outside"
    legend = fig.layout.legend
    assert legend.y >= 1 and legend.yanchor == "bottom", "the legend sits above the plot, clear of the labels"
    assert fig.layout.yaxis.autorange == "reversed", "questions read top to bottom in bank order"


def test_skipped_files_are_named_alike_whatever_went_wrong(tmp_path):
    hand_in = tmp_path / "in"
    hand_in.mkdir()
    (hand_in / "grades.csv").write_text("name,grade\nAda,A\n", encoding="utf-8")
    (hand_in / "photo.png").write_bytes(b"\x89PNG")
    (hand_in / ".DS_Store").write_bytes(b"x")
    (hand_in / ".ipynb_checkpoints").mkdir()
    summary = class_summary(hand_in, data_folder=FIXTURES)
    # Every entry that is not a readable hand-in is listed with its reason (issue 18), hidden ones too.
    assert [m.split(":")[0] for m in summary.skipped] == [".DS_Store", ".ipynb_checkpoints", "grades.csv", "photo.png"]
    assert summary.skipped[0] == ".DS_Store: a hidden file — skipped"
    assert summary.skipped[2].startswith("grades.csv: not a self-check export: missing column(s)")
    assert summary.skipped[3] == "photo.png: not a CSV file — skipped"
    assert "photo.png: not a CSV file" in text_of(summary.table_html)

"""What a self-check shows when its store is damaged or cannot be written: one note, and it keeps working."""

from __future__ import annotations

from widgets.progress import Attempt, ProgressStore
from widgets.progress.records import encode
from widgets.selfcheck import SelfCheck

from .support import FIXTURES, html_values


def test_widget_with_a_corrupt_store_says_so_once_and_keeps_working(tmp_path):
    earlier = encode(Attempt("quiz", "river", "Volga", True, 1.0, "2026-01-01T00:00:00+00:00"))
    (tmp_path / "old-7-beef.jsonl").write_bytes(b"\x00\x00garbage\n" + earlier + b'{"v":1,"bank":"quiz","q')
    store = ProgressStore(tmp_path)
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    river = next(v for v in sc.questions if v.question.id == "river")
    assert river.choice.value == "Volga"  # the readable attempt came back
    year = next(v for v in sc.questions if v.question.id == "year")
    for value in ("1900", "1962"):
        year.choice.value = value
        year.check_button.click()
    notes = [v for v in html_values(sc) if "damaged or unfinished" in v]
    assert len(notes) == 1 and notes[0].count("damaged or unfinished") == 1
    assert "old-7-beef.jsonl" in notes[0]
    assert [a.answer for a in ProgressStore(tmp_path).attempts("quiz")] == ["Volga", "1900", "1962"]


# ---------------------------------------------------------------- unwritable folders


def test_unwritable_folder_means_memory_mode_with_one_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("I am a file, not a folder")
    store = ProgressStore(blocker / "progress")
    assert store.memory_only
    assert "kept in memory only" in store.warning and str(blocker / "progress") in store.warning
    sc = SelfCheck.from_bank("quiz", folder=FIXTURES, store=store)
    year = next(v for v in sc.questions if v.question.id == "year")
    for value in ("1900", "1961", "1962"):
        year.choice.value = value
        year.check_button.click()
    assert "✓ Correct" in year.feedback.value
    assert [a.answer for a in store.attempts("quiz")] == ["1900", "1961", "1962"]
    assert store.latest("quiz")["year"].correct is True
    joined = "\n".join(html_values(sc))
    assert joined.count("kept in memory only") == 1
    assert "You can still save your answers as a CSV file" in joined
    sc.export_csv(tmp_path / "rescue.csv", student="Ada")
    assert (tmp_path / "rescue.csv").read_text().count("\n") == 4

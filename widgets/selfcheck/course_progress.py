"""Course progress per self-check bank (questions, answered, correct) and its table; pure.

Saved answers are scored as the self-check scores them (:func:`~widgets.selfcheck.scoring.saved_result`),
so that the progress table and the self-check always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data import DataError, bank_ids, load_bank
from ..progress import ProgressStore
from ..ui.html import esc
from .scoring import saved_result
from .tables import CELL, CELL_NUM, CELL_TH, TABLE

__all__ = ["progress_rows", "progress_table_html"]


def progress_rows(store: ProgressStore, folder: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per bank: lesson, bank, title, questions, answered, correct, points (or an error)."""
    rows = []
    for bid in bank_ids(folder):
        try:
            bank = load_bank(bid, folder)
        except DataError as exc:
            rows.append({"bank": bid, "lesson": None, "title": bid, "questions": 0, "answered": 0, "correct": 0, "points": 0.0, "error": str(exc)})
            continue
        latest = store.latest(bid)
        # Scored as the self-check scores them, so that both widgets agree: a saved
        # answer that no longer fits its question (a renamed option) does not count.
        got = [r for r in (saved_result(q, latest.get(q.id)) for q in bank.questions) if r is not None]
        rows.append(
            {
                "bank": bid,
                "lesson": bank.lesson,
                "title": bank.title,
                "questions": len(bank.questions),
                "answered": len(got),
                "correct": sum(1 for r in got if r.correct),
                "points": sum(r.score for r in got),
                "error": "",
            }
        )
    rows.sort(key=lambda r: (r["lesson"] is None, r["lesson"] or 0, r["bank"]))
    return rows


def progress_table_html(rows: list[dict[str, Any]]) -> str:
    """The rows of :func:`progress_rows` as an escaped HTML table with a total row."""
    th, td, num = CELL_TH, CELL, CELL_NUM
    head = "".join(
        f'<th scope="col" style="{th if i < 2 else th + ";text-align:right"}">{h}</th>'
        for i, h in enumerate(("Lesson", "Self-check", "Questions", "Answered", "Correct"))
    )
    body = []
    for r in rows:
        if r["error"]:
            body.append(
                f'<tr><td style="{td}">–</td><td style="{td}">{esc(r["title"])}</td>'
                f'<td colspan="3" style="{td}">could not be loaded: {esc(r["error"])}</td></tr>'
            )
            continue
        body.append(
            f'<tr><td style="{td}">{r["lesson"]}</td><td style="{td}">{esc(r["title"])}</td><td style="{num}">{r["questions"]}</td>'
            f'<td style="{num}">{r["answered"]}</td><td style="{num}">{r["correct"]}</td></tr>'
        )
    ok = [r for r in rows if not r["error"]]
    total = (
        f'<tr><th scope="row" colspan="2" style="{th}">All self-checks</th><td style="{num}">{sum(r["questions"] for r in ok)}</td>'
        f'<td style="{num}">{sum(r["answered"] for r in ok)}</td><td style="{num}">{sum(r["correct"] for r in ok)}</td></tr>'
    )
    if not rows:
        return "<p>There are no self-checks in this course yet.</p>"
    return (
        f'<table class="course-progress" style="{TABLE}"><caption style="text-align:left;padding:0.3em 0">'
        "Your self-check progress (latest answer to each question)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody><tfoot>{total}</tfoot></table>"
    )

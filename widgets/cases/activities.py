"""Lesson 4's activities, pure: "what made it work" (rate the factors, compare with the sourced coding)
and the transfer exercise (which factors could carry over to today's US–Russia talks).

Both record :class:`widgets.progress.Attempt` lines in their own banks, so they travel with the
student's hand-in without counting towards the self-check score. No widget library is imported here.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from widgets.data import Case
from widgets.data.records import CASE_FACTORS, FACTOR_LEVELS
from widgets.progress import Attempt
from widgets.ui.html import box, esc, link
from widgets.ui.style import BLUE, GREEN, ORANGE, TEXT_STYLE

from .model import FACTOR_LABELS, LEVEL_LABELS, LEVEL_SCORE, short_title

RATING_BANK = "lesson04-factors"
TRANSFER_BANK = "lesson04-transfer"
TRANSFER_QUESTION = "us-russia-today"
TRANSFER_CHOICES: dict[str, str] = {
    "carries": "Could carry over",
    "partly": "Partly",
    "not": "Could not carry over",
}

# The course's own view for the transfer exercise: a discussion starter, not a fact; shown after saving.
TRANSFER_VIEW: dict[str, str] = {
    "mediator": ("Partly. Neither side accepts a neutral mediator with leverage over both, but hosts and "
                 "go-betweens (Turkey, the Gulf states, the Vatican) have carried messages and arranged exchanges."),
    "deadline": ("Carries over. Treaty expiries and summits have forced decisions before; the lapse of New START "
                 "removed one such date, so talks may need to create new ones."),
    "secrecy": ("Carries over. Confidential channels helped the JCPOA and past arms control; leaks and "
                "domestic politics make them harder to keep today."),
    "inclusivity": ("Partly. Talks about Ukraine without Ukraine, or about European security without Europeans, "
                    "lack the ownership that made the Good Friday Agreement last."),
    "sequencing": ("Carries over. Narrow first steps (prisoner exchanges, grain, a ceasefire on energy "
                   "infrastructure) can build trust before the hardest issues."),
    "verification": ("Carries over, but harder. Inspections need access that war and mistrust deny; a joint body "
                     "like the grain deal's coordination centre is one model."),
    "guarantees": ("Partly. Who guarantees a deal is itself a disputed issue between Russia and the West."),
    "ratification": ("Partly. A US Senate vote gives a treaty weight but is hard to win; an executive agreement is "
                     "easier to reach and easier to undo, as the JCPOA showed."),
}


# ---------------------------------------------------------------- what made it work


def level_distance(a: str, b: str) -> int:
    return abs(LEVEL_SCORE[a] - LEVEL_SCORE[b])


def rating_score(case: Case, ratings: Mapping[str, str]) -> float:
    """Share of agreement with the course's coding: 1 for the same level, 0.5 for one step off."""
    coded = [f for f in case.factors if f.factor in ratings and ratings[f.factor] in FACTOR_LEVELS]
    if not case.factors:
        return 0.0
    total = sum(1.0 if level_distance(ratings[f.factor], f.level) == 0 else
                0.5 if level_distance(ratings[f.factor], f.level) == 1 else 0.0 for f in coded)
    return round(total / len(case.factors), 4)


def encode_ratings(ratings: Mapping[str, str]) -> str:
    return ";".join(f"{name}={ratings[name]}" for name in CASE_FACTORS if ratings.get(name) in FACTOR_LEVELS)


def decode_ratings(answer: str) -> dict[str, str]:
    out = {}
    for part in (answer or "").split(";"):
        name, _, level = part.partition("=")
        if name in CASE_FACTORS and level in FACTOR_LEVELS:
            out[name] = level
    return out


def rating_attempt(case: Case, ratings: Mapping[str, str], time: str) -> Attempt:
    return Attempt(RATING_BANK, case.id, encode_ratings(ratings), None, rating_score(case, ratings), time)


def missing_ratings(ratings: Mapping[str, str]) -> list[str]:
    return [FACTOR_LABELS[name] for name in CASE_FACTORS if ratings.get(name) not in FACTOR_LEVELS]


def comparison_html(case: Case, ratings: Mapping[str, str]) -> str:
    """Your rating beside the course's sourced coding, factor by factor, as a table."""
    rows = []
    agree = 0
    for f in case.factors:
        yours = ratings.get(f.factor)
        if yours not in FACTOR_LEVELS:
            verdict, colour = "not rated", ORANGE
        elif yours == f.level:
            verdict, colour = "same as the course", GREEN
            agree += 1
        else:
            verdict, colour = ("one step apart" if level_distance(yours, f.level) == 1 else "far apart"), ORANGE
        judged = " (course judgement)" if f.judgement else ""
        sources = "; ".join(link(s.url, s.title) for s in f.sources)
        rows.append(
            f'<tr><th scope="row">{esc(FACTOR_LABELS[f.factor])}</th>'
            f"<td>{esc(LEVEL_LABELS.get(yours, '—'))}</td>"
            f"<td><strong>{esc(LEVEL_LABELS[f.level])}</strong>{esc(judged)}<br>{esc(f.text)}"
            f"<br><small>Source: {sources}</small></td>"
            f'<td><span style="color:{colour}">&#9679;</span> {esc(verdict)}</td></tr>')
    summary = (f"You agree with the course's coding on {agree} of {len(case.factors)} factors for "
               f"{short_title(case)}. Where you differ, read the source: is the difference about the facts, "
               "or about how much they mattered?")
    table = (f'<table style="{TEXT_STYLE};border-collapse:collapse;width:100%"><caption style="text-align:left">'
             f"Your rating and the course's coding: {esc(short_title(case))}</caption><thead><tr>"
             '<th scope="col">Factor</th><th scope="col">You</th><th scope="col">The course (sourced)</th>'
             '<th scope="col">Comparison</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    return box(BLUE, f"<p>{esc(summary)}</p>{table}")


def latest_ratings(attempts: Mapping[str, Attempt], case_id: str) -> dict[str, str]:
    """The last saved ratings for a case, from ``store.latest(RATING_BANK)``."""
    a = attempts.get(case_id)
    return decode_ratings(a.answer) if a else {}


# ---------------------------------------------------------------- transfer exercise


def encode_transfer(choices: Mapping[str, str], reasons: Mapping[str, str]) -> str:
    parts = []
    for name in CASE_FACTORS:
        choice = choices.get(name, "")
        reason = " ".join((reasons.get(name) or "").split()).replace("|", "/").replace(";", ",")
        if choice in TRANSFER_CHOICES or reason:
            parts.append(f"{name}={choice}|{reason}")
    return ";".join(parts)


def decode_transfer(answer: str) -> tuple[dict[str, str], dict[str, str]]:
    choices, reasons = {}, {}
    for part in (answer or "").split(";"):
        name, _, rest = part.partition("=")
        if name not in CASE_FACTORS:
            continue
        choice, _, reason = rest.partition("|")
        if choice in TRANSFER_CHOICES:
            choices[name] = choice
        if reason:
            reasons[name] = reason
    return choices, reasons


def transfer_attempt(choices: Mapping[str, str], reasons: Mapping[str, str], time: str) -> Attempt:
    """Not marked (there is no single right answer); score = share of factors given a choice and a reason."""
    done = sum(1 for name in CASE_FACTORS if choices.get(name) in TRANSFER_CHOICES and (reasons.get(name) or "").strip())
    return Attempt(TRANSFER_BANK, TRANSFER_QUESTION, encode_transfer(choices, reasons), None,
                   round(done / len(CASE_FACTORS), 4), time)


def transfer_feedback_html(choices: Mapping[str, str], reasons: Mapping[str, str],
                           cases: Sequence[Case] = ()) -> str:
    """After saving: each factor with your choice and the course's view (marked as a view), and which
    of the cases coded the factor strong."""
    rows = []
    for name in CASE_FACTORS:
        strong = [short_title(c) for c in cases if (f := c.factor(name)) is not None and f.level == "strong"]
        seen = f"<br><small>Strong in: {esc(', '.join(strong))}</small>" if strong else ""
        rows.append(f'<tr><th scope="row">{esc(FACTOR_LABELS[name])}</th>'
                    f"<td>{esc(TRANSFER_CHOICES.get(choices.get(name, ''), '—'))}<br>"
                    f"<small>{esc(reasons.get(name, ''))}</small></td>"
                    f"<td>{esc(TRANSFER_VIEW[name])}{seen}</td></tr>")
    return box(BLUE, (
        f"<p>Saved. Compare your reasoning with the course's view below. It is a view to argue with, "
        "not an answer key.</p>"
        f'<table style="{TEXT_STYLE};border-collapse:collapse;width:100%"><caption style="text-align:left">'
        "Which factors could carry over to today's US–Russia talks</caption><thead><tr>"
        '<th scope="col">Factor</th><th scope="col">You</th><th scope="col">The course\'s view (a judgement)</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"))

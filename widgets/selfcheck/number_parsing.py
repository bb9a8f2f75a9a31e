"""Numbers as a student types them (:func:`parse_number`) and as feedback writes them; pure.

:class:`AnswerError` carries a message in words for a student when an answer cannot be read.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

__all__ = ["AnswerError", "parse_number", "format_number", "format_fraction", "format_points", "quoted"]


def format_number(x: float) -> str:
    """A number as feedback shows it: 1962, not 1962.0; at most ten significant digits."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".10g")


def format_points(x: float) -> str:
    """A score as a person reads it: to one decimal place, half up, without a trailing .0
    (2.53 → "2.5", 0.33 → "0.3", 1.96 → "2", 0.05 → "0.1")."""
    tenths = math.floor(x * 10 + 0.5 + 1e-9)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def format_fraction(f: Fraction) -> str:
    """A fraction as feedback shows it: 1/3, or 1 when it is whole."""
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def quoted(text: str, limit: int = 120) -> str:
    """``text`` in curly quotes, cut with an ellipsis beyond ``limit`` characters."""
    text = str(text)
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


class AnswerError(ValueError):
    """An answer that cannot be scored; the message says what to do, in words for a student."""


_NUMBER_RE = re.compile(
    r"""(?P<sign>[+-]?)
        (?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?:\ \d{3})+|\d+)?
        (?:\.(?P<frac>\d+))?""",
    re.VERBOSE,
)


def parse_number(text: Any, unit: str = "") -> float:
    """Read a number as a student types it: ' 1962 ', '1,962', '1 962', '1962.0', '-3.5', '45 %'.

    Raise :class:`AnswerError` with a message in words for anything else ('nineteen', '3,5', '').
    """
    if isinstance(text, bool):
        raise AnswerError("Type a number in digits, for example 1962 or 3.5.")
    if isinstance(text, (int, float)):
        if not math.isfinite(text):
            raise AnswerError("Type an ordinary number, for example 1962 or 3.5.")
        return float(text)
    raw = "" if text is None else str(text)
    s = raw.replace("\u2212", "-").replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").strip()
    if not s:
        raise AnswerError("Type a number first, then press Check.")
    unit = (unit or "").strip()
    if unit and s.lower().endswith(unit.lower()):
        s = s[: -len(unit)].strip()
    match = _NUMBER_RE.fullmatch(s)
    if match and (match.group("int") or match.group("frac")):
        digits = (match.group("int") or "0").replace(",", "").replace(" ", "")
        value = float(f"{match.group('sign')}{digits}.{match.group('frac') or '0'}")
        if not math.isfinite(value):
            raise AnswerError(f"{quoted(raw.strip(), 30)} is too large to be the answer.")
        return value
    if re.fullmatch(r"[+-]?\d+,\d+", s):
        raise AnswerError(
            f"{quoted(raw.strip(), 30)}: write decimals with a point (3.5), and thousands either "
            "with no separator or with commas in groups of three (1962 or 1,962)."
        )
    if re.search(r"[A-Za-z]", s) and not re.search(r"\d", s):
        raise AnswerError(f"{quoted(raw.strip(), 30)} is not a number: write it in digits, for example 1962 or 3.5.")
    expected = f" (in {unit})" if unit else ""
    raise AnswerError(
        f"{quoted(raw.strip(), 30)} is not a number I can read: type digits only{expected}, "
        "for example 1962 or 3.5."
    )

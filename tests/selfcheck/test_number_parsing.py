"""Reading numbers as students type them, and saying in words what is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from widgets.selfcheck.number_parsing import AnswerError, parse_number



# ---------------------------------------------------------------- number parsing


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("1962", "", 1962.0),
        (" 1962 ", "", 1962.0),
        ("1,962", "", 1962.0),
        ("1962.0", "", 1962.0),
        ("1 962", "", 1962.0),
        ("1\u00a0962", "", 1962.0),
        ("-3.5", "", -3.5),
        ("\u22123.5", "", -3.5),
        ("+7", "", 7.0),
        (".5", "", 0.5),
        ("1,234,567.25", "", 1234567.25),
        ("45 %", "%", 45.0),
        ("45%", "%", 45.0),
        ("12 km", "km", 12.0),
        (1962, "", 1962.0),
    ],
)
def test_parse_number_accepts_what_students_type(text, unit, expected):
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("nineteen", "is not a number: write it in digits"),
        ("", "Type a number first"),
        ("   ", "Type a number first"),
        (None, "Type a number first"),
        ("3,5", "write decimals with a point"),
        ("1,96", "write decimals with a point"),
        ("19 62", "not a number I can read"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("1e3", "not a number I can read"),
        ("--1", "not a number I can read"),
        ("1962abc", "not a number I can read"),
        ("9" * 400, "too large"),
        (float("nan"), "ordinary number"),
        (True, "digits"),
    ],
)
def test_parse_number_explains_what_is_wrong(text, words):
    with pytest.raises(AnswerError) as err:
        parse_number(text)
    assert words in str(err.value)


@given(st.text(max_size=30))
def test_parse_number_never_crashes(text):
    try:
        value = parse_number(text)
    except AnswerError as exc:
        assert str(exc)
    else:
        assert value == value and abs(value) != float("inf")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_parse_number_reads_integers_with_and_without_thousands_commas(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(f" {n}.0 ") == n

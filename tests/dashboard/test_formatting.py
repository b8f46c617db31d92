"""Numbers for people, in both languages, never in scientific notation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.formatting import fmt_value, number, scale


@pytest.mark.parametrize(
    ("value", "unit", "lang", "qualifier", "expected"),
    [
        (3909e8, "USD", "zh", None, "3,909 亿美元"),
        (3909e8, "USD", "en", None, "$390.9 bn"),
        (3909e8, "USD", "en", "≈", "~$390.9 bn"),
        (3.5e12, "USD", "zh", None, "3.5 万亿美元"),
        (3.5e12, "USD", "en", None, "$3.5 tn"),
        (9000e8, "CNY", "zh", ">", "超9,000 亿元"),
        (9000e8, "CNY", "en", None, "CNY 900 bn"),
        (30.6, "%", "en", None, "30.6%"),
        (5, "x", "zh", None, "5 倍"),
        (5, "x", "en", None, "5×"),
        (1e14, "tokens/day", "zh", None, "100 万亿 Token/日"),
        (1e14, "tokens/day", "en", None, "100 tn tokens/day"),
        (945e12, "Wh", "en", None, "945 TWh"),
        (2e9, "W", "zh", None, "2 GW"),
        (0.77, "USD/Mtok", "en", None, "0.77 USD per million tokens"),
    ],
)
def test_fmt_value(value, unit, lang, qualifier, expected):
    assert fmt_value(value, unit, lang, qualifier) == expected


def test_range_is_formatted_once_with_both_ends():
    assert fmt_value(60, "%", "en", low=60, high=80) == "60–80%"
    assert fmt_value(3e11, "CNY", "zh", low=3e11, high=5e11) == "3,000–5,000 亿元"


def test_axis_scale_picks_readable_units():
    assert scale(3.5e12, "USD", "en") == (1e12, "USD tn")
    assert scale(3.5e12, "USD", "zh") == (1e12, "万亿美元")
    assert scale(3909e8, "USD", "zh") == (1e8, "亿美元")
    assert scale(945e12, "Wh", "en") == (1e12, "TWh")


@given(st.floats(min_value=1e-6, max_value=1e24, allow_nan=False))
def test_numbers_never_use_scientific_notation(x):
    text = number(x)
    assert "e" not in text.lower()
    for unit in ("USD", "CNY", "tokens/day", "Wh", "count", "%"):
        for lang in ("zh", "en"):
            assert "e+" not in fmt_value(x, unit, lang)
